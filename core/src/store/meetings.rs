//! Meetings (with their broadcasts and critical remarks) and the questions raised at them.

use super::Db;
use super::Tx;
use crate::error::{Error, Problem, Result};
use crate::i18n::Text;
use crate::model::*;
use crate::rules::validate::{self, meeting_record, question_record};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, params};

const COLS: &str = "id, kind, title, planned_on, held_on, not_held_reason, settlement_id, place, akim_level, \
    participants_offline, speakers, media_central, media_local, media_social, present_government, \
    present_parliament, present_state_bodies, minutes";

fn row(r: &Row) -> rusqlite::Result<Meeting> {
    Ok(Meeting {
        id: r.get(0)?,
        kind: r.get(1)?,
        title: r.get(2)?,
        planned_on: r.get(3)?,
        held_on: r.get(4)?,
        not_held_reason: r.get(5)?,
        settlement_id: r.get(6)?,
        place: r.get(7)?,
        akim_level: r.get(8)?,
        participants_offline: r.get(9)?,
        speakers: r.get(10)?,
        media_central: r.get(11)?,
        media_local: r.get(12)?,
        media_social: r.get(13)?,
        present_government: r.get(14)?,
        present_parliament: r.get(15)?,
        present_state_bodies: r.get(16)?,
        minutes: r.get(17)?,
        broadcasts: Vec::new(),
        remarks: Vec::new(),
    })
}

fn load_children(conn: &Db, m: &mut Meeting) -> Result<()> {
    let mut st = conn.prepare_cached(
        "SELECT channel, viewers FROM meeting_broadcast WHERE meeting_id = ?1 ORDER BY id",
    )?;
    m.broadcasts = st
        .query_map([m.id], |r| {
            Ok(Broadcast {
                channel: r.get(0)?,
                viewers: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut st = conn.prepare_cached(
        "SELECT addressee_level, count FROM meeting_remark WHERE meeting_id = ?1 ORDER BY addressee_level",
    )?;
    m.remarks = st
        .query_map([m.id], |r| {
            Ok(Remarks {
                addressee_level: r.get(0)?,
                count: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(())
}

pub fn get(conn: &Db, id: i64) -> Result<Meeting> {
    let mut st = conn.prepare_cached(&format!("SELECT {COLS} FROM meeting WHERE id = ?1"))?;
    let mut m = st
        .query_row([id], row)
        .optional()?
        .ok_or_else(|| Error::NotFound(Text::new("err.not_found.meeting").arg("id", id)))?;
    load_children(conn, &mut m)?;
    Ok(m)
}

/// Meetings planned or held in [from, to], optionally of one kind, newest first.
pub fn list(
    conn: &Db,
    kind: Option<MeetingKind>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Meeting>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLS} FROM meeting
         WHERE (?1 IS NULL OR kind = ?1) AND coalesce(held_on, planned_on) BETWEEN ?2 AND ?3
         ORDER BY coalesce(held_on, planned_on) DESC, id DESC"
    ))?;
    let mut v: Vec<Meeting> = st
        .query_map(params![kind, from, to], row)?
        .collect::<rusqlite::Result<_>>()?;
    for m in &mut v {
        load_children(conn, m)?;
    }
    Ok(v)
}

/// `list` with each meeting's number of questions, counted in the same query.
pub fn list_with_question_counts(
    conn: &Db,
    kind: Option<MeetingKind>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(Meeting, i64)>> {
    let mut counts: std::collections::HashMap<i64, i64> = conn
        .prepare_cached(
            "SELECT q.meeting_id, count(*) FROM question q JOIN meeting m ON m.id = q.meeting_id
             WHERE (?1 IS NULL OR m.kind = ?1) AND coalesce(m.held_on, m.planned_on) BETWEEN ?2 AND ?3
             GROUP BY q.meeting_id",
        )?
        .query_map(params![kind, from, to], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(list(conn, kind, from, to)?
        .into_iter()
        .map(|m| {
            let n = counts.remove(&m.id).unwrap_or(0);
            (m, n)
        })
        .collect())
}

/// Which of `questions` an action plan item answers already.
/// The questions among `questions` that an action-plan item answers, each with that item
/// (the first made, when several answer it).
pub fn in_plan(conn: &Db, questions: &[i64]) -> Result<std::collections::HashMap<i64, i64>> {
    let mut st = conn.prepare_cached(
        "SELECT min(plan_item_id) FROM plan_item_question WHERE question_id = ?1",
    )?;
    let mut found = std::collections::HashMap::new();
    for &q in questions {
        if let Some(item) = st.query_row([q], |r| r.get::<_, Option<i64>>(0))? {
            found.insert(q, item);
        }
    }
    Ok(found)
}

fn check(tx: &Tx, m: &Meeting) -> Result<()> {
    let mut problems = validate::meeting(m, tx.today()).err().unwrap_or_default();
    if let Some(s) = m.settlement_id
        && !tx
            .prepare_cached("SELECT 1 FROM settlement WHERE id = ?1")?
            .exists([s])?
    {
        problems.push(Problem::new(
            meeting_record(m),
            "meeting.settlement",
            Text::new("err.unknown_ref").arg("id", s),
        ));
    }
    if m.id != 0 {
        problems.extend(critical_questions_fit(
            tx,
            m.id,
            &m.remarks,
            &meeting_record(m),
        )?);
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(problems))
    }
}

/// Every question flagged critical is one remark: a meeting cannot have fewer remarks to an
/// addressee than critical questions addressed to it.
fn critical_questions_fit(
    conn: &Db,
    meeting_id: i64,
    remarks: &[Remarks],
    rec: &Text,
) -> Result<Vec<Problem>> {
    let mut st = conn.prepare_cached(
        "SELECT addressee_level, count(*) FROM question
         WHERE meeting_id = ?1 AND critical = 1 GROUP BY addressee_level",
    )?;
    let counts: Vec<(u8, i64)> = st
        .query_map([meeting_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut problems = Vec::new();
    for (level, n) in counts {
        let have = remarks
            .iter()
            .find(|r| r.addressee_level == level)
            .map_or(0, |r| r.count);
        if have < n {
            problems.push(Problem::new(
                rec.clone(),
                "meeting.remarks",
                Text::new("err.meeting.remarks_below_questions")
                    .arg_text("level", Text::new(format!("level.{level}")))
                    .arg("remarks", have)
                    .arg("questions", n),
            ));
        }
    }
    Ok(problems)
}

/// Brings the broadcasts and remarks to `m`'s, touching only the rows that differ, so that
/// the audit trail records real changes (not a delete and re-insert of every row).
fn write_children(tx: &Tx, m: &Meeting) -> Result<()> {
    write_broadcasts(tx, m)?;
    let levels: Vec<u8> = m
        .remarks
        .iter()
        .filter(|r| r.count > 0)
        .map(|r| r.addressee_level)
        .collect();
    tx.prepare_cached(
        "DELETE FROM meeting_remark WHERE meeting_id = ?1
         AND addressee_level NOT IN (SELECT value FROM json_each(?2))",
    )?
    .execute(params![
        m.id,
        serde_json::to_string(&levels).expect("numbers")
    ])?;
    let mut st = tx.prepare_cached(
        "INSERT INTO meeting_remark (meeting_id, addressee_level, count) VALUES (?1, ?2, ?3)
         ON CONFLICT (meeting_id, addressee_level) DO UPDATE SET count = excluded.count
         WHERE count IS NOT excluded.count",
    )?;
    for r in m.remarks.iter().filter(|r| r.count > 0) {
        st.execute(params![m.id, r.addressee_level, r.count])?;
    }
    Ok(())
}

/// A meeting may have several broadcasts on one channel, so rows are matched by position:
/// the n-th stored row becomes the n-th broadcast (updated only when it differs), rows past
/// the end go, new ones are added.
fn write_broadcasts(tx: &Tx, m: &Meeting) -> Result<()> {
    let stored: Vec<(i64, Broadcast)> = tx
        .prepare_cached(
            "SELECT id, channel, viewers FROM meeting_broadcast WHERE meeting_id = ?1 ORDER BY id",
        )?
        .query_map([m.id], |r| {
            Ok((
                r.get(0)?,
                Broadcast {
                    channel: r.get(1)?,
                    viewers: r.get(2)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (id, _) in stored.iter().skip(m.broadcasts.len()) {
        tx.prepare_cached("DELETE FROM meeting_broadcast WHERE id = ?1")?
            .execute([id])?;
    }
    for (i, b) in m.broadcasts.iter().enumerate() {
        match stored.get(i) {
            Some((_, old)) if old == b => {}
            Some((id, _)) => {
                tx.prepare_cached(
                    "UPDATE meeting_broadcast SET channel = ?2, viewers = ?3 WHERE id = ?1",
                )?
                .execute(params![id, b.channel, b.viewers])?;
            }
            None => {
                tx.prepare_cached(
                    "INSERT INTO meeting_broadcast (meeting_id, channel, viewers) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![m.id, b.channel, b.viewers])?;
            }
        }
    }
    Ok(())
}

/// Whether a row with this id exists in `table` (a fixed table name, never user input).
pub(crate) fn exists(conn: &Db, table: &str, id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(&format!("SELECT 1 FROM {table} WHERE id = ?1"))?
        .exists([id])?)
}

/// Saves a meeting (new when `id` is 0 or names no existing meeting: imports keep ids) with its broadcasts and remarks; returns its id.
pub fn save(tx: &Tx, m: &mut Meeting) -> Result<i64> {
    check(tx, m)?;
    let p = params![
        m.kind,
        m.title,
        m.planned_on,
        m.held_on,
        m.not_held_reason,
        m.settlement_id,
        m.place,
        m.akim_level,
        m.participants_offline,
        m.speakers,
        m.media_central,
        m.media_local,
        m.media_social,
        m.present_government,
        m.present_parliament,
        m.present_state_bodies,
        m.minutes,
    ];
    if m.id == 0 || !exists(tx, "meeting", m.id)? {
        tx.prepare_cached(
            "INSERT INTO meeting (kind, title, planned_on, held_on, not_held_reason, settlement_id, place, akim_level,
             participants_offline, speakers, media_central, media_local, media_social, present_government,
             present_parliament, present_state_bodies, minutes, id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, nullif(?18, 0))",
        )?
        .execute({
            let mut all: Vec<&dyn rusqlite::ToSql> = p.to_vec();
            all.push(&m.id);
            all
        }
        .as_slice())?;
        m.id = tx.last_insert_rowid();
        tx.added(super::Added::Meeting, m.id)?;
    } else {
        get(tx, m.id)?;
        let mut st = tx.prepare_cached(
            "UPDATE meeting SET kind=?1, title=?2, planned_on=?3, held_on=?4, not_held_reason=?5, settlement_id=?6,
             place=?7, akim_level=?8, participants_offline=?9, speakers=?10, media_central=?11, media_local=?12,
             media_social=?13, present_government=?14, present_parliament=?15, present_state_bodies=?16,
             minutes=?17, updated_at=strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') WHERE id=?18",
        )?;
        let mut all: Vec<&dyn rusqlite::ToSql> = p.to_vec();
        all.push(&m.id);
        st.execute(all.as_slice())?;
    }
    write_children(tx, m)?;
    Ok(m.id)
}

pub fn delete(tx: &Tx, id: i64) -> Result<()> {
    get(tx, id)?;
    tx.execute("DELETE FROM meeting WHERE id = ?1", [id])?;
    Ok(())
}

// ---- questions ---------------------------------------------------------------------------

const QCOLS: &str =
    "id, meeting_id, appeal_id, text, topic_id, settlement_id, repeated, critical, addressee_level";

fn qrow(r: &Row) -> rusqlite::Result<Question> {
    Ok(Question {
        id: r.get(0)?,
        meeting_id: r.get(1)?,
        appeal_id: r.get(2)?,
        text: r.get(3)?,
        topic_id: r.get(4)?,
        settlement_id: r.get(5)?,
        repeated: r.get(6)?,
        critical: r.get(7)?,
        addressee_level: r.get(8)?,
    })
}

pub fn question(conn: &Db, id: i64) -> Result<Question> {
    let mut st = conn.prepare_cached(&format!("SELECT {QCOLS} FROM question WHERE id = ?1"))?;
    st.query_row([id], qrow)
        .optional()?
        .ok_or_else(|| Error::NotFound(Text::new("err.not_found.question").arg("id", id)))
}

pub fn questions_of_meeting(conn: &Db, meeting_id: i64) -> Result<Vec<Question>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {QCOLS} FROM question WHERE meeting_id = ?1 ORDER BY id"
    ))?;
    let v = st
        .query_map([meeting_id], qrow)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// Saves a question (new when `id` is 0); returns its id.
pub fn save_question(tx: &Tx, q: &mut Question) -> Result<i64> {
    let rec = question_record(q);
    let mut problems = validate::question(q).err().unwrap_or_default();
    let mut check_ref = |sql: &str, id: Option<i64>, field: &str| -> Result<()> {
        if let Some(id) = id
            && !tx.prepare_cached(sql)?.exists([id])?
        {
            problems.push(Problem::new(
                rec.clone(),
                field,
                Text::new("err.unknown_ref").arg("id", id),
            ));
        }
        Ok(())
    };
    check_ref(
        "SELECT 1 FROM meeting WHERE id = ?1",
        q.meeting_id,
        "question.meeting",
    )?;
    check_ref(
        "SELECT 1 FROM appeal WHERE id = ?1",
        q.appeal_id,
        "question.appeal",
    )?;
    check_ref(
        "SELECT 1 FROM topic WHERE id = ?1",
        Some(q.topic_id),
        "question.topic",
    )?;
    check_ref(
        "SELECT 1 FROM settlement WHERE id = ?1",
        q.settlement_id,
        "question.settlement",
    )?;
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let addressee = if q.critical { q.addressee_level } else { None };
    if q.id == 0 || !exists(tx, "question", q.id)? {
        tx.prepare_cached(
            "INSERT INTO question (meeting_id, appeal_id, text, topic_id, settlement_id, repeated, critical, addressee_level, id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, nullif(?9, 0))",
        )?
        .execute(params![q.meeting_id, q.appeal_id, q.text.trim(), q.topic_id, q.settlement_id, q.repeated, q.critical, addressee, q.id])?;
        q.id = tx.last_insert_rowid();
        tx.added(super::Added::Question, q.id)?;
    } else {
        question(tx, q.id)?;
        tx.prepare_cached(
            "UPDATE question SET meeting_id=?2, appeal_id=?3, text=?4, topic_id=?5, settlement_id=?6, repeated=?7,
             critical=?8, addressee_level=?9 WHERE id=?1",
        )?
        .execute(params![q.id, q.meeting_id, q.appeal_id, q.text.trim(), q.topic_id, q.settlement_id, q.repeated, q.critical, addressee])?;
    }
    if let Some(mid) = q.meeting_id {
        let m = get(tx, mid)?;
        let p = critical_questions_fit(tx, mid, &m.remarks, &meeting_record(&m))?;
        if !p.is_empty() {
            return Err(Error::Invalid(p));
        }
    }
    Ok(q.id)
}

pub fn delete_question(tx: &Tx, id: i64) -> Result<()> {
    question(tx, id)?;
    tx.execute("DELETE FROM question WHERE id = ?1", [id])?;
    Ok(())
}

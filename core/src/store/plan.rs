//! The action plan: items, their link to the questions they answer, status changes.

use super::Db;
use super::Tx;
use crate::error::{Error, Problem, Result};
use crate::i18n::Text;
use crate::model::*;
use crate::rules::deadline;
use crate::rules::validate::{self, plan_record};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, params};

const COLS: &str = "id, problem, settlement_id, topic_id, measure, executor_id, deadline, funding_source, \
    money_needed, money_allocated, status, status_note, done_on, note, created_on";

fn row(r: &Row) -> rusqlite::Result<PlanItem> {
    Ok(PlanItem {
        id: r.get(0)?,
        problem: r.get(1)?,
        settlement_id: r.get(2)?,
        topic_id: r.get(3)?,
        measure: r.get(4)?,
        executor_id: r.get(5)?,
        deadline: r.get(6)?,
        funding_source: r.get(7)?,
        money_needed: r.get(8)?,
        money_allocated: r.get(9)?,
        status: r.get(10)?,
        status_note: r.get(11)?,
        done_on: r.get(12)?,
        note: r.get(13)?,
        created_on: r.get(14)?,
        question_ids: Vec::new(),
    })
}

fn load_links(conn: &Db, p: &mut PlanItem) -> Result<()> {
    let mut st = conn.prepare_cached(
        "SELECT question_id FROM plan_item_question WHERE plan_item_id = ?1 ORDER BY question_id",
    )?;
    p.question_ids = st
        .query_map([p.id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(())
}

pub fn get(conn: &Db, id: i64) -> Result<PlanItem> {
    let mut st = conn.prepare_cached(&format!("SELECT {COLS} FROM plan_item WHERE id = ?1"))?;
    let mut p = st
        .query_row([id], row)
        .optional()?
        .ok_or_else(|| Error::NotFound(Text::new("err.not_found.plan_item").arg("id", id)))?;
    load_links(conn, &mut p)?;
    Ok(p)
}

/// Filters of the plan list; empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    pub status: Option<PlanStatus>,
    pub settlement_id: Option<i64>,
    pub executor_id: Option<i64>,
    /// Only items overdue on this date (`rules::deadline::plan_item_overdue`).
    pub overdue_on: Option<NaiveDate>,
}

/// The statuses that can be overdue, as an SQL list: the SQL side of
/// `rules::deadline::plan_status_can_be_overdue`.
fn overdue_statuses() -> String {
    let codes: Vec<String> = PlanStatus::ALL
        .iter()
        .copied()
        .filter(|s| deadline::plan_status_can_be_overdue(*s))
        .map(|s| format!("'{}'", s.code()))
        .collect();
    codes.join(", ")
}

pub fn list(conn: &Db, f: &Filter) -> Result<Vec<PlanItem>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLS} FROM plan_item
         WHERE (?1 IS NULL OR status = ?1) AND (?2 IS NULL OR settlement_id = ?2)
           AND (?3 IS NULL OR executor_id = ?3)
           AND (?4 IS NULL OR (status IN ({}) AND deadline < ?4))
         ORDER BY coalesce(deadline, '9999-12-31'), id",
        overdue_statuses()
    ))?;
    let mut v: Vec<PlanItem> = st
        .query_map(
            params![f.status, f.settlement_id, f.executor_id, f.overdue_on],
            row,
        )?
        .collect::<rusqlite::Result<_>>()?;
    for p in &mut v {
        load_links(conn, p)?;
    }
    Ok(v)
}

fn check(tx: &Tx, p: &PlanItem) -> Result<()> {
    let rec = plan_record(p);
    let mut problems = validate::plan_item(p, tx.today()).err().unwrap_or_default();
    let mut exists = |sql: &str, id: Option<i64>, field: &str| -> Result<()> {
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
    exists(
        "SELECT 1 FROM settlement WHERE id = ?1",
        p.settlement_id,
        "plan.settlement",
    )?;
    exists(
        "SELECT 1 FROM topic WHERE id = ?1",
        p.topic_id,
        "plan.topic",
    )?;
    exists(
        "SELECT 1 FROM executor WHERE id = ?1",
        p.executor_id,
        "plan.executor",
    )?;
    for q in &p.question_ids {
        exists(
            "SELECT 1 FROM question WHERE id = ?1",
            Some(*q),
            "plan.questions",
        )?;
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(problems))
    }
}

/// Saves an item (new when `id` is 0) and its question links; returns its id.
pub fn save(tx: &Tx, p: &mut PlanItem) -> Result<i64> {
    check(tx, p)?;
    let created = p.created_on.unwrap_or(tx.today());
    p.created_on = Some(created);
    let v = params![
        p.problem.trim(),
        p.settlement_id,
        p.topic_id,
        p.measure,
        p.executor_id,
        p.deadline,
        p.funding_source,
        p.money_needed,
        p.money_allocated,
        p.status,
        p.status_note,
        p.done_on,
        p.note,
        created,
    ];
    if p.id == 0 || !super::meetings::exists(tx, "plan_item", p.id)? {
        tx.prepare_cached(
            "INSERT INTO plan_item (problem, settlement_id, topic_id, measure, executor_id, deadline, funding_source,
             money_needed, money_allocated, status, status_note, done_on, note, created_on, id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, nullif(?15, 0))",
        )?
        .execute({
            let mut all: Vec<&dyn rusqlite::ToSql> = v.to_vec();
            all.push(&p.id);
            all
        }
        .as_slice())?;
        p.id = tx.last_insert_rowid();
        tx.added(super::Added::PlanItem, p.id)?;
    } else {
        get(tx, p.id)?;
        let mut all: Vec<&dyn rusqlite::ToSql> = v.to_vec();
        all.push(&p.id);
        tx.prepare_cached(
            "UPDATE plan_item SET problem=?1, settlement_id=?2, topic_id=?3, measure=?4, executor_id=?5, deadline=?6,
             funding_source=?7, money_needed=?8, money_allocated=?9, status=?10, status_note=?11, done_on=?12,
             note=?13, created_on=?14, updated_at=strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') WHERE id=?15",
        )?
        .execute(all.as_slice())?;
    }
    // Only links that go away are deleted: the audit trail records real changes.
    tx.prepare_cached(
        "DELETE FROM plan_item_question WHERE plan_item_id = ?1
         AND question_id NOT IN (SELECT value FROM json_each(?2))",
    )?
    .execute(params![
        p.id,
        serde_json::to_string(&p.question_ids).expect("numbers")
    ])?;
    let mut st = tx.prepare_cached(
        "INSERT OR IGNORE INTO plan_item_question (plan_item_id, question_id) VALUES (?1, ?2)",
    )?;
    for q in &p.question_ids {
        st.execute([p.id, *q])?;
    }
    Ok(p.id)
}

/// Puts a raised question into the plan: a new item that names it, its topic and settlement.
pub fn from_question(tx: &Tx, question_id: i64) -> Result<i64> {
    let q = super::meetings::question(tx, question_id)?;
    let settlement = match (q.settlement_id, q.meeting_id) {
        (Some(s), _) => Some(s),
        (None, Some(m)) => super::meetings::get(tx, m)?.settlement_id,
        _ => None,
    };
    let mut p = PlanItem::new(&q.text);
    p.measure = q.text.clone();
    p.topic_id = Some(q.topic_id);
    p.settlement_id = settlement;
    p.deadline = Some(default_deadline(tx.today()));
    p.question_ids = vec![q.id];
    save(tx, &mut p)
}

/// The deadline an item made from a question starts with: the end of the quarter after
/// `today`'s (the plan is reported quarterly; staff change it in the editor).
pub fn default_deadline(today: NaiveDate) -> NaiveDate {
    use chrono::Datelike;
    let quarter = (today.month0() / 3 + 1) % 4; // the next quarter, 0-based
    let year = today.year() + i32::from(today.month0() / 3 == 3);
    let first_after = NaiveDate::from_ymd_opt(year, quarter * 3 + 4, 1)
        .or_else(|| NaiveDate::from_ymd_opt(year + 1, 1, 1))
        .unwrap_or(today);
    first_after.pred_opt().unwrap_or(today)
}

#[cfg(test)]
mod deadline_tests {
    use super::default_deadline;
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn an_item_from_a_question_is_due_at_the_end_of_the_next_quarter() {
        assert_eq!(default_deadline(d(2024, 6, 27)), d(2024, 9, 30));
        assert_eq!(default_deadline(d(2024, 1, 1)), d(2024, 6, 30));
        assert_eq!(default_deadline(d(2024, 3, 31)), d(2024, 6, 30));
        assert_eq!(default_deadline(d(2024, 7, 1)), d(2024, 12, 31));
        assert_eq!(default_deadline(d(2024, 10, 1)), d(2025, 3, 31));
        assert_eq!(default_deadline(d(2024, 12, 31)), d(2025, 3, 31));
    }
}

/// Sets one status on many items at once (the plan screen's bulk change).
pub fn set_status(
    tx: &Tx,
    ids: &[i64],
    status: PlanStatus,
    done_on: Option<NaiveDate>,
    note: &str,
) -> Result<()> {
    for &id in ids {
        let mut p = get(tx, id)?;
        p.status = status;
        p.done_on = if status == PlanStatus::Done {
            done_on.or(Some(tx.today()))
        } else {
            None
        };
        if !note.is_empty() {
            p.status_note = note.to_string();
        }
        save(tx, &mut p)?;
    }
    Ok(())
}

pub fn delete(tx: &Tx, id: i64) -> Result<()> {
    get(tx, id)?;
    tx.execute("DELETE FROM plan_item WHERE id = ?1", [id])?;
    Ok(())
}

/// Where a plan item's questions were raised: (meeting kind or reception, date).
#[derive(Debug, Clone, PartialEq)]
pub enum RaisedAt {
    Meeting { kind: MeetingKind, date: NaiveDate },
    Appeal { channel: Channel, date: NaiveDate },
}

pub fn raised_at(conn: &Db, plan_item_id: i64) -> Result<Vec<RaisedAt>> {
    let mut st = conn.prepare_cached(
        "SELECT m.kind, coalesce(m.held_on, m.planned_on), a.channel, a.registered_on
         FROM plan_item_question pq JOIN question q ON q.id = pq.question_id
         LEFT JOIN meeting m ON m.id = q.meeting_id LEFT JOIN appeal a ON a.id = q.appeal_id
         WHERE pq.plan_item_id = ?1
         ORDER BY coalesce(m.held_on, m.planned_on, a.registered_on), m.id IS NULL, pq.question_id",
    )?;
    let v = st
        .query_map([plan_item_id], |r| {
            let kind: Option<MeetingKind> = r.get(0)?;
            Ok(match kind {
                Some(kind) => RaisedAt::Meeting {
                    kind,
                    date: r.get(1)?,
                },
                None => RaisedAt::Appeal {
                    channel: r.get(2)?,
                    date: r.get(3)?,
                },
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

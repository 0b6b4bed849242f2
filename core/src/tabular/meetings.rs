//! Meetings and the questions raised at them, from a table: a row per meeting, or a row per
//! question with its meeting's date, kind and village — repeated on every row, or left empty
//! below the meeting's first row as merged cells leave them. Rows naming the same meeting
//! make one meeting; a meeting the database already has (the same day, kind and village)
//! takes the file's questions it lacks and is not changed (a file imported twice adds nothing).

use super::columns::Field;
use super::refs::Refs;
use super::rows::Reader;
use super::words::{fold, words};
use super::{Options, Preview};
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::model::*;
use crate::store::{Tx, meetings};
use chrono::NaiveDate;
use std::collections::HashMap;

/// The rows of one meeting: the first describes it.
struct Group {
    rows: Vec<usize>,
}

/// What names a meeting in a row: its date, kind, village and title as written.
fn key(reader: &Reader, index: usize) -> [String; 4] {
    [
        Field::MeetingDate,
        Field::MeetingKind,
        Field::MeetingSettlement,
        Field::MeetingTitle,
    ]
    .map(|f| reader.text(index, f))
}

/// The meetings of the table, in the order met.
fn groups(reader: &Reader) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    let mut at: HashMap<[String; 4], usize> = HashMap::new();
    for i in reader.data_rows() {
        let k = key(reader, i);
        if k.iter().all(String::is_empty)
            && let Some(last) = out.last_mut()
        {
            // Merged cells: the meeting of the row above.
            last.rows.push(i);
            continue;
        }
        match at.get(&k) {
            Some(&g) => out[g].rows.push(i),
            None => {
                at.insert(k, out.len());
                out.push(Group { rows: vec![i] });
            }
        }
    }
    out
}

pub(super) fn run(
    tx: &mut Tx,
    reader: &mut Reader,
    refs: &mut Refs,
    o: &Options,
    preview: &mut Preview,
) -> Result<()> {
    let today = tx.today();
    for g in groups(reader) {
        let before = reader.problems.len();
        let first = g.rows[0];
        let m = meeting(reader, first, o.meeting_kind, today);
        // The questions' problems are said even when the meeting's row has its own.
        let questions: Vec<(usize, Question)> = g
            .rows
            .iter()
            .filter_map(|&i| question(reader, refs, i).map(|q| (i, q)))
            .collect();
        let Some(mut m) = m else {
            continue;
        };
        let typed = reader.text(first, Field::MeetingSettlement);
        m.settlement_id = refs.settlement(tx, &typed, preview)?;
        if reader.problems.len() > before {
            continue;
        }
        let mut known = Vec::new();
        m.id = match existing(tx, &m)? {
            Some(id) => {
                known = meetings::questions_of_meeting(tx, id)?
                    .iter()
                    .map(|q| fold(&q.text))
                    .collect();
                id
            }
            None => {
                let qs: Vec<Question> = questions.iter().map(|(_, q)| q.clone()).collect();
                m.remarks = remarks(&qs);
                match meetings::save(tx, &mut m) {
                    Ok(id) => {
                        preview.meetings += 1;
                        id
                    }
                    Err(Error::Invalid(ps)) => {
                        reader.refused(first, ps);
                        continue;
                    }
                    Err(e) => return Err(e),
                }
            }
        };
        for (i, mut q) in questions {
            if known.contains(&fold(&q.text)) {
                continue;
            }
            q.meeting_id = Some(m.id);
            q.settlement_id = m.settlement_id;
            match meetings::save_question(tx, &mut q) {
                Ok(_) => preview.questions += 1,
                Err(Error::Invalid(ps)) => reader.refused(i, ps),
                Err(e) => return Err(e),
            }
        }
    }
    Ok(())
}

/// The meeting the database has on that day, of that kind, in that village.
fn existing(tx: &Tx, m: &Meeting) -> Result<Option<i64>> {
    let day = m.held_on.unwrap_or(m.planned_on);
    Ok(meetings::list(tx, Some(m.kind), day, day)?
        .into_iter()
        .find(|e| e.settlement_id == m.settlement_id)
        .map(|e| e.id))
}

/// The remarks the critical questions record (the store refuses fewer).
fn remarks(questions: &[Question]) -> Vec<Remarks> {
    critical_remarks_of(questions)
        .into_iter()
        .zip(AKIM_LEVELS)
        .filter(|(n, _)| *n > 0)
        .map(|(count, addressee_level)| Remarks {
            addressee_level,
            count,
        })
        .collect()
}

/// Row `index` as a meeting: held on its date when that day has come, else planned for it.
fn meeting(
    reader: &mut Reader,
    index: usize,
    default_kind: MeetingKind,
    today: NaiveDate,
) -> Option<Meeting> {
    let before = reader.problems.len();
    let day = reader.day(index, Field::MeetingDate);
    if day.is_none() && reader.text(index, Field::MeetingDate).is_empty() {
        reader.problem(
            index,
            Field::MeetingDate,
            Text::new("import.value.no_meeting_date"),
        );
    }
    let kind = reader
        .coded(
            index,
            Field::MeetingKind,
            &words().meeting_kind,
            "meeting_kind",
            MeetingKind::parse,
        )
        .unwrap_or(default_kind);
    let mut m = Meeting::new(kind, day.unwrap_or(today));
    m.held_on = day.filter(|d| *d <= today);
    m.title = reader.text(index, Field::MeetingTitle);
    m.place = reader.text(index, Field::MeetingPlace);
    m.minutes = reader.text(index, Field::Minutes);
    for (f, v) in [
        (Field::Participants, &mut m.participants_offline),
        (Field::Speakers, &mut m.speakers),
        (Field::MediaCentral, &mut m.media_central),
        (Field::MediaLocal, &mut m.media_local),
        (Field::MediaSocial, &mut m.media_social),
    ] {
        *v = reader.number(index, f).unwrap_or(0);
    }
    for (f, channel) in [
        (Field::ViewersInstagram, BroadcastChannel::Instagram),
        (Field::ViewersFacebook, BroadcastChannel::Facebook),
        (Field::ViewersVks, BroadcastChannel::Vks),
        (Field::ViewersTv, BroadcastChannel::Tv),
    ] {
        if let Some(viewers) = reader.number(index, f) {
            m.broadcasts.push(Broadcast { channel, viewers });
        }
    }
    (reader.problems.len() == before).then_some(m)
}

/// The question row `index` records, if it names one.
fn question(reader: &mut Reader, refs: &mut Refs, index: usize) -> Option<Question> {
    let text = reader.text(index, Field::Question);
    if text.is_empty() {
        return None;
    }
    let topic_id = refs
        .topic(reader, index, Field::QuestionTopic, true)
        .unwrap_or(0);
    let mut q = Question::at_meeting(0, &text, topic_id);
    q.meeting_id = None;
    q.repeated = reader.yes_no(index, Field::QuestionRepeated);
    q.critical = reader.yes_no(index, Field::Critical);
    q.addressee_level = reader.coded(index, Field::Addressee, &words().addressee, "level", |s| {
        s.parse::<u8>().ok()
    });
    Some(q)
}

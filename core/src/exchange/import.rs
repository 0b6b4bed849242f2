//! Reading an exchange file into the database: all or nothing. Every record is checked by the
//! same rules as typed input; every problem is reported with its place in the file, and when
//! there is any, nothing is written.

use super::format::{ExchangeFile, FORMAT, VERSION};
use crate::error::{Error, Problem, Result};
use crate::i18n::Text;
use crate::store::{self, Store, Tx, appeals, meetings, plan, reference};
use std::collections::HashMap;
use std::path::Path;

/// Files larger than this are refused before reading (a real okrug's file is a few MB; a
/// region-scale one about 1 GB).
pub const MAX_FILE_BYTES: u64 = 4 << 30;

/// What an import added.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub settlements: usize,
    pub staff: usize,
    pub executors: usize,
    pub topics: usize,
    pub receptions: usize,
    pub appeals: usize,
    pub meetings: usize,
    pub questions: usize,
    pub plan_items: usize,
}

fn file_error(path: &Path, key: &str) -> Text {
    Text::new(key).arg("path", path.display())
}

/// Parses the bytes of an exchange file; a broken file is named with the line, column and the
/// path of the value that is wrong.
pub fn parse(bytes: &[u8], path: &Path) -> Result<ExchangeFile> {
    if let Err(e) = std::str::from_utf8(bytes) {
        return Err(Error::Other(
            file_error(path, "err.import.not_utf8").arg("offset", e.valid_up_to()),
        ));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::Other(file_error(path, "err.import.empty")));
    }
    // Check the header before the body, so that a newer version is named as such.
    #[derive(serde::Deserialize)]
    struct Head {
        format: Option<String>,
        version: Option<u32>,
    }
    if let Ok(h) = serde_json::from_slice::<Head>(bytes) {
        if h.format.as_deref() != Some(FORMAT) {
            return Err(Error::Other(file_error(path, "err.import.not_exchange")));
        }
        if let Some(v) = h.version.filter(|v| *v > VERSION) {
            return Err(Error::Other(
                file_error(path, "err.import.newer")
                    .arg("found", v)
                    .arg("supported", VERSION),
            ));
        }
    }
    // The plain parser first: tracking the path of every value costs a fifth of a big file's
    // parse. Only a broken file is read again to name where it breaks.
    if let Ok(file) = serde_json::from_slice::<ExchangeFile>(bytes) {
        return Ok(file);
    }
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize::<_, ExchangeFile>(de).map_err(|e| {
        let inner = e.inner();
        let key = if inner.is_eof() {
            "err.import.truncated"
        } else {
            "err.import.broken"
        };
        Error::Other(
            file_error(path, key)
                .arg("line", inner.line())
                .arg("column", inner.column())
                .arg("field", e.path())
                .arg("detail", inner),
        )
    })
}

/// Reads and imports `path` into `store` in one transaction.
pub fn import_file(store: &mut Store, path: &Path) -> Result<Report> {
    let len = std::fs::metadata(path)?.len();
    if len > MAX_FILE_BYTES {
        return Err(Error::Other(
            file_error(path, "err.import.too_big").arg("mb", len >> 20),
        ));
    }
    let bytes = std::fs::read(path)?;
    let file = parse(&bytes, path)?;
    drop(bytes);
    store.write_bulk(|tx| import(tx, &file))
}

/// Old id in the file → id in the database, per record kind.
#[derive(Default)]
struct Ids {
    settlement: HashMap<i64, i64>,
    staff: HashMap<i64, i64>,
    executor: HashMap<i64, i64>,
    topic: HashMap<i64, i64>,
    reception: HashMap<i64, i64>,
    appeal: HashMap<i64, i64>,
    meeting: HashMap<i64, i64>,
    question: HashMap<i64, i64>,
}

/// Collects problems; each one is prefixed with the record's place in the file.
struct Problems(Vec<Problem>);

impl Problems {
    fn add(&mut self, section: &str, index: usize, e: Error) -> Result<()> {
        match e {
            Error::Invalid(ps) => {
                for mut p in ps {
                    p.record = Text::new("rec.in_file")
                        .arg_text("section", Text::new(format!("section.{section}")))
                        .arg("n", index + 1)
                        .arg_text("record", p.record);
                    self.0.push(p);
                }
                Ok(())
            }
            other => Err(other),
        }
    }

    fn missing(&mut self, section: &str, index: usize, field: &str, id: i64) {
        self.0.push(Problem::new(
            Text::new("rec.in_file")
                .arg_text("section", Text::new(format!("section.{section}")))
                .arg("n", index + 1)
                .arg("record", ""),
            field,
            Text::new("err.import.unknown_ref").arg("id", id),
        ));
    }
}

/// A reference by file id, mapped onto the database id; a missing one is a problem.
fn map(
    map: &HashMap<i64, i64>,
    id: Option<i64>,
    problems: &mut Problems,
    section: &str,
    index: usize,
    field: &str,
) -> Option<i64> {
    let id = id?;
    match map.get(&id) {
        Some(v) => Some(*v),
        None => {
            problems.missing(section, index, field, id);
            None
        }
    }
}

/// Inserts every record of `f`; returns Err (and the caller's transaction rolls back) when any
/// record is refused.
pub fn import(tx: &mut Tx, f: &ExchangeFile) -> Result<Report> {
    let mut ids = Ids::default();
    let mut report = Report::default();
    let mut problems = Problems(Vec::new());

    // Reference data: matched by natural key, otherwise added (keeping the id when free).
    let existing = reference::settlements(tx)?;
    for (i, s) in f.settlements.iter().enumerate() {
        if let Some(e) = existing.iter().find(|e| e.name_ru == s.name_ru.trim()) {
            ids.settlement.insert(s.id, e.id);
            continue;
        }
        let mut new = s.clone();
        new.id = 0;
        match reference::save_settlement(tx, &new) {
            Ok(id) => {
                ids.settlement
                    .insert(s.id, keep_id(tx, "settlement", id, s.id)?);
                report.settlements += 1;
            }
            Err(e) => problems.add("settlements", i, e)?,
        }
    }
    let existing = reference::staff(tx)?;
    for (i, s) in f.staff.iter().enumerate() {
        if let Some(e) = existing.iter().find(|e| e.full_name == s.full_name.trim()) {
            ids.staff.insert(s.id, e.id);
            continue;
        }
        let mut new = s.clone();
        new.id = 0;
        match reference::save_staff(tx, &new) {
            Ok(id) => {
                ids.staff.insert(s.id, keep_id(tx, "staff", id, s.id)?);
                report.staff += 1;
            }
            Err(e) => problems.add("staff", i, e)?,
        }
    }
    let existing = reference::executors(tx)?;
    for (i, x) in f.executors.iter().enumerate() {
        if let Some(e) = existing.iter().find(|e| e.name == x.name.trim()) {
            ids.executor.insert(x.id, e.id);
            continue;
        }
        let mut new = x.clone();
        new.id = 0;
        match reference::save_executor(tx, &new) {
            Ok(id) => {
                ids.executor
                    .insert(x.id, keep_id(tx, "executor", id, x.id)?);
                report.executors += 1;
            }
            Err(e) => problems.add("executors", i, e)?,
        }
    }
    // Topics: the file's mapping is taken over for codes that exist; new codes are added.
    let existing = reference::topics(tx)?;
    for (i, t) in f.topics.iter().enumerate() {
        let mut new = t.clone();
        new.id = existing
            .iter()
            .find(|e| e.code == t.code)
            .map_or(0, |e| e.id);
        let was_new = new.id == 0;
        match reference::save_topic(tx, &new) {
            Ok(id) => {
                let id = if was_new {
                    keep_id(tx, "topic", id, t.id)?
                } else {
                    id
                };
                ids.topic.insert(t.id, id);
                report.topics += usize::from(was_new);
            }
            Err(e) => problems.add("topics", i, e)?,
        }
    }
    for (i, d) in f.calendar.iter().enumerate() {
        if let Err(e) = reference::save_calendar_day(tx, d) {
            problems.add("calendar", i, e)?;
        }
    }

    for (i, r) in f.receptions.iter().enumerate() {
        let mut new = r.clone();
        new.settlement_id = map(
            &ids.settlement,
            r.settlement_id,
            &mut problems,
            "receptions",
            i,
            "reception.settlement",
        );
        new.id = free_id(tx, "reception", r.id)?;
        match reference::save_reception(tx, &new) {
            Ok(id) => {
                ids.reception.insert(r.id, id);
                report.receptions += 1;
            }
            Err(e) => problems.add("receptions", i, e)?,
        }
    }

    // Appeals: a link to an earlier appeal is set once both are in.
    let mut later_links = Vec::new();
    for (i, a) in f.appeals.iter().enumerate() {
        let mut new = a.clone();
        new.id = free_id(tx, "appeal", a.id)?;
        new.topic_id = map(
            &ids.topic,
            Some(a.topic_id),
            &mut problems,
            "appeals",
            i,
            "appeal.topic",
        )
        .unwrap_or(0);
        new.settlement_id = map(
            &ids.settlement,
            a.settlement_id,
            &mut problems,
            "appeals",
            i,
            "appeal.settlement",
        );
        new.accepted_by = map(
            &ids.staff,
            a.accepted_by,
            &mut problems,
            "appeals",
            i,
            "appeal.accepted_by",
        );
        new.executor_id = map(
            &ids.executor,
            a.executor_id,
            &mut problems,
            "appeals",
            i,
            "appeal.executor",
        );
        new.reception_id = map(
            &ids.reception,
            a.reception_id,
            &mut problems,
            "appeals",
            i,
            "appeal.reception",
        );
        new.repeated_of = None;
        if let Some(earlier) = a.repeated_of {
            later_links.push((i, a.id, earlier));
        }
        match appeals::insert(tx, &mut new) {
            Ok(id) => {
                ids.appeal.insert(a.id, id);
                report.appeals += 1;
            }
            Err(e) => problems.add("appeals", i, e)?,
        }
    }
    for (i, id, earlier) in later_links {
        let (Some(&new_id), Some(&new_earlier)) = (ids.appeal.get(&id), ids.appeal.get(&earlier))
        else {
            if ids.appeal.contains_key(&id) {
                problems.missing("appeals", i, "appeal.repeated_of", earlier);
            }
            continue;
        };
        appeals::set_repeated_of(tx, new_id, new_earlier)?;
    }

    for (i, m) in f.meetings.iter().enumerate() {
        let mut new = m.clone();
        new.id = free_id(tx, "meeting", m.id)?;
        new.settlement_id = map(
            &ids.settlement,
            m.settlement_id,
            &mut problems,
            "meetings",
            i,
            "meeting.settlement",
        );
        match meetings::save(tx, &mut new) {
            Ok(id) => {
                ids.meeting.insert(m.id, id);
                report.meetings += 1;
            }
            Err(e) => problems.add("meetings", i, e)?,
        }
    }
    for (i, q) in f.questions.iter().enumerate() {
        let mut new = q.clone();
        new.id = free_id(tx, "question", q.id)?;
        new.meeting_id = map(
            &ids.meeting,
            q.meeting_id,
            &mut problems,
            "questions",
            i,
            "question.meeting",
        );
        new.appeal_id = map(
            &ids.appeal,
            q.appeal_id,
            &mut problems,
            "questions",
            i,
            "question.appeal",
        );
        new.topic_id = map(
            &ids.topic,
            Some(q.topic_id),
            &mut problems,
            "questions",
            i,
            "question.topic",
        )
        .unwrap_or(0);
        new.settlement_id = map(
            &ids.settlement,
            q.settlement_id,
            &mut problems,
            "questions",
            i,
            "question.settlement",
        );
        if new.meeting_id.is_none()
            && new.appeal_id.is_none()
            && (q.meeting_id.is_some() || q.appeal_id.is_some())
        {
            continue; // already reported as a missing reference
        }
        match meetings::save_question(tx, &mut new) {
            Ok(id) => {
                ids.question.insert(q.id, id);
                report.questions += 1;
            }
            Err(e) => problems.add("questions", i, e)?,
        }
    }
    let executors = ids.executor.clone();
    for (i, p) in f.plan_items.iter().enumerate() {
        let mut new = p.clone();
        new.id = free_id(tx, "plan_item", p.id)?;
        new.settlement_id = map(
            &ids.settlement,
            p.settlement_id,
            &mut problems,
            "plan_items",
            i,
            "plan.settlement",
        );
        new.topic_id = map(
            &ids.topic,
            p.topic_id,
            &mut problems,
            "plan_items",
            i,
            "plan.topic",
        );
        new.executor_id = map(
            &executors,
            p.executor_id,
            &mut problems,
            "plan_items",
            i,
            "plan.executor",
        );
        new.question_ids = p
            .question_ids
            .iter()
            .filter_map(|q| {
                map(
                    &ids.question,
                    Some(*q),
                    &mut problems,
                    "plan_items",
                    i,
                    "plan.questions",
                )
            })
            .collect();
        match plan::save(tx, &mut new) {
            Ok(_) => report.plan_items += 1,
            Err(e) => problems.add("plan_items", i, e)?,
        }
    }
    if problems.0.is_empty() {
        Ok(report)
    } else {
        Err(Error::Invalid(problems.0))
    }
}

/// The file's id when no row has it yet, else 0 (a new id is taken).
fn free_id(tx: &Tx, table: &str, id: i64) -> Result<i64> {
    if id > 0 && !meetings::exists(tx, table, id)? {
        Ok(id)
    } else {
        Ok(0)
    }
}

/// Moves a just-inserted reference row onto the file's id when that id is free, so that a
/// file imported into an empty database exports identically.
fn keep_id(tx: &Tx, table: &str, new_id: i64, file_id: i64) -> Result<i64> {
    if file_id <= 0 || file_id == new_id || meetings::exists(tx, table, file_id)? {
        return Ok(new_id);
    }
    store::renumber(tx, table, new_id, file_id)?;
    Ok(file_id)
}

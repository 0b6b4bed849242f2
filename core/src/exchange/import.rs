//! Reading an exchange file into the database: all or nothing. Every record is checked by the
//! same rules as typed input; every problem is reported with its place in the file, and when
//! there is any, nothing is written.

use super::format::{ExchangeFile, FORMAT, VERSION};
use super::mapping::{self, MappingChange};
use super::read::Opened;
use crate::error::{Error, Problem, Result};
use crate::i18n::Text;
use crate::model::{
    Appeal, CalendarDay, Executor, Meeting, PlanItem, Question, Reception, Settlement, Staff, Topic,
};
use crate::store::{self, Store, Tx, appeals, meetings, plan, reference};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The largest record id a file may carry: far above a region's records, far below the
/// 63-bit ceiling past which SQLite hands out random ids.
const MAX_ID: i64 = 1_000_000_000;

/// What the user chose for an import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Take the file's topic-to-form mapping for topics the database has (`--take-mapping`).
    pub take_mapping: bool,
}

/// What an import added.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Where the file maps topics to form lines differently: taken when asked for
    /// (`mapping_taken`), else only reported.
    pub mapping: Vec<MappingChange>,
    pub mapping_taken: bool,
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
    let bytes = bytes.strip_prefix(super::read::BOM).unwrap_or(bytes);
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
        Error::Other(super::parse_error::describe(
            path,
            &e.path().to_string(),
            e.inner(),
        ))
    })
}

/// Reads and imports `path` into `store` in one transaction, keeping the database's
/// topic-to-form mapping.
pub fn import_file(store: &mut Store, path: &Path) -> Result<Report> {
    import_file_with(store, path, Options::default())
}

/// Reads and imports `path` into `store` in one transaction, as `options` say: the file is
/// streamed (`read::open`), its records checked and written one by one.
pub(crate) fn import_file_with(store: &mut Store, path: &Path, options: Options) -> Result<Report> {
    let file = super::read::open(path, None)?;
    import_from(store, &file, options)
}

/// Imports a file already read (`read_file`) into `store` in one transaction.
pub fn import_into(store: &mut Store, file: &ExchangeFile, options: Options) -> Result<Report> {
    store.write_bulk(|tx| import_with(tx, file, options))
}

/// Imports the opened file (`read::open`) into `store` in one transaction, reading its
/// records as they are written: memory holds the ids seen, not the records.
pub fn import_from(store: &mut Store, file: &Opened, options: Options) -> Result<Report> {
    store.write_bulk(|tx| stream_with(tx, file, options))
}

/// Runs every check `import_into` would in a transaction rolled back: what the file would
/// add and where its topic mapping differs, or every problem (the app's preview).
pub fn check_into(store: &mut Store, file: &ExchangeFile, options: Options) -> Result<Report> {
    store.try_bulk(|tx| import_with(tx, file, options))
}

/// `check_into` for an opened file (`read::open`), read as `import_from` reads it.
pub fn check_from(store: &mut Store, file: &Opened, options: Options) -> Result<Report> {
    store.try_bulk(|tx| stream_with(tx, file, options))
}

/// Old id in the file → id in the database, per record kind.
#[derive(Default)]
struct Ids {
    settlement: Known,
    staff: Known,
    executor: Known,
    topic: Known,
    reception: Known,
    appeal: Known,
    meeting: Known,
    question: Known,
    /// Only for duplicates: nothing refers to a plan item.
    plan_item: Known,
}

/// The records of one kind: the ids the file gives them, and where each one went. A file id
/// that is in the file but went nowhere was refused, and said so once: references to it are
/// echoes of that problem, not problems of their own.
#[derive(Default, Clone)]
struct Known {
    in_file: HashSet<i64>,
    mapped: HashMap<i64, i64>,
}

impl Known {
    fn insert(&mut self, file_id: i64, id: i64) {
        self.mapped.insert(file_id, id);
    }

    fn get(&self, file_id: &i64) -> Option<&i64> {
        self.mapped.get(file_id)
    }

    fn contains_key(&self, file_id: &i64) -> bool {
        self.mapped.contains_key(file_id)
    }

    /// Notes the file's id of one record; a duplicate or an id out of bounds is a problem of
    /// its record.
    fn note(&mut self, problems: &mut Problems, place: (&str, usize), field: &str, id: i64) {
        let (section, i) = place;
        let what = if !(0..=MAX_ID).contains(&id) {
            Text::new("err.import.id_range")
                .arg("id", id)
                .arg("max", MAX_ID)
        } else if id > 0 && !self.in_file.insert(id) {
            Text::new("err.import.duplicate_id").arg("id", id)
        } else {
            return;
        };
        problems
            .ids
            .push(record_problem(section, i, id, field, what));
    }
}

/// A problem of the record at `index` of `section`, named by its id in the file.
fn record_problem(section: &str, index: usize, file_id: i64, field: &str, what: Text) -> Problem {
    Problem::new(
        Text::new("rec.in_file_id")
            .arg_text("section", Text::new(format!("section.{section}")))
            .arg("n", index + 1)
            .arg("id", file_id),
        field,
        what,
    )
}

/// Collects problems; each one is prefixed with the record's place in the file. The ids'
/// problems (duplicates, out of bounds) are listed before the records', as when every id was
/// noted before any record was read.
#[derive(Default)]
struct Problems {
    list: Vec<Problem>,
    ids: Vec<Problem>,
    /// The record being read refers to a refused one (it is skipped without a word).
    echo: bool,
    /// The file id of the record being read.
    record: i64,
    /// Topics are the database's (the file has none).
    db_topics: bool,
}

impl Problems {
    fn add(&mut self, section: &str, index: usize, e: Error) -> Result<()> {
        match e {
            Error::Invalid(ps) => {
                for mut p in ps {
                    p.record = Text::new("rec.in_file")
                        .arg_text("section", Text::new(format!("section.{section}")))
                        .arg("n", index + 1)
                        .arg_text("record", p.record);
                    self.list.push(p);
                }
                Ok(())
            }
            other => Err(other),
        }
    }

    /// A problem of the record at `index` of `section`, named by its id in the file.
    fn at(&mut self, section: &str, index: usize, file_id: i64, field: &str, what: Text) {
        (self.list).push(record_problem(section, index, file_id, field, what));
    }

    fn missing(&mut self, section: &str, index: usize, field: &str, id: i64) {
        let record = self.record;
        let what = match (field.ends_with(".topic"), self.db_topics) {
            (true, true) => Text::new("err.import.unknown_topic").arg("id", id),
            _ => Text::new("err.import.unknown_ref").arg("id", id),
        };
        self.at(section, index, record, field, what);
    }

    /// Whether the record just mapped referred to a refused record (and so is skipped).
    fn take_echo(&mut self) -> bool {
        std::mem::take(&mut self.echo)
    }

    /// The record at `index` of `section`, file id `file_id`, whose references are mapped next.
    fn record(&mut self, section: &'static str, index: usize, file_id: i64) -> At<'_> {
        self.record = file_id;
        At {
            problems: self,
            section,
            index,
        }
    }
}

/// The references of one record of the file, being mapped onto the database's ids.
struct At<'p> {
    problems: &'p mut Problems,
    section: &'static str,
    index: usize,
}

impl At<'_> {
    fn map(&mut self, known: &Known, id: Option<i64>, field: &str) -> Option<i64> {
        map(known, id, self.problems, self.section, self.index, field)
    }

    /// Whether the record refers to a refused one (and so is skipped without a word).
    fn echoes(&mut self) -> bool {
        self.problems.take_echo()
    }
}

/// A reference by file id, mapped onto the database id; a missing one is a problem.
fn map(
    map: &Known,
    id: Option<i64>,
    problems: &mut Problems,
    section: &str,
    index: usize,
    field: &str,
) -> Option<i64> {
    let id = id?;
    match map.get(&id) {
        Some(v) => Some(*v),
        None if map.in_file.contains(&id) => {
            problems.echo = true;
            None
        }
        None => {
            problems.missing(section, index, field, id);
            None
        }
    }
}

/// Inserts every record of `f`; returns Err (and the caller's transaction rolls back) when any
/// record is refused.
pub fn import(tx: &mut Tx, f: &ExchangeFile) -> Result<Report> {
    import_with(tx, f, Options::default())
}

/// `import` as `options` say: the sections in the order a streamed file is read in.
fn import_with(tx: &mut Tx, f: &ExchangeFile, options: Options) -> Result<Report> {
    let mut run = Run::new(tx, options, f.personal_data);
    run.settlements(&f.settlements)?;
    run.staff(&f.staff)?;
    run.executors(&f.executors)?;
    run.topics(&f.topics)?;
    run.calendar(&f.calendar)?;
    for (i, r) in f.receptions.iter().enumerate() {
        run.reception(i, r)?;
    }
    for (i, a) in f.appeals.iter().enumerate() {
        run.appeal(i, a)?;
    }
    run.appeals_done()?;
    for (i, m) in f.meetings.iter().enumerate() {
        run.meeting(i, m)?;
    }
    for (i, q) in f.questions.iter().enumerate() {
        run.question(i, q)?;
    }
    for (i, p) in f.plan_items.iter().enumerate() {
        run.plan_item(i, p)?;
    }
    run.finish()
}

/// `import_with` for a file streamed from the disk.
fn stream_with(tx: &mut Tx, file: &Opened, options: Options) -> Result<Report> {
    let personal = file.head().personal_data.unwrap_or(true);
    let mut run = Run::new(tx, options, personal);
    super::stream::feed(file, &mut run)?;
    run.finish()
}

/// One import under way: where each file id went, what was refused, what was added. The
/// file's sections come in the order of `stream::SECTIONS`, each record on its own: what is
/// kept of them is their ids.
pub(super) struct Run<'r, 't> {
    tx: &'r mut Tx<'t>,
    options: Options,
    personal_data: bool,
    ids: Ids,
    problems: Problems,
    report: Report,
    /// Appeals that repeat an earlier one: (index, file id, file id of the earlier one),
    /// linked once every appeal is in.
    later_links: Vec<(usize, i64, i64)>,
}

/// A reference record of the file (settlement, staff member, executor): matched with one the
/// database has by its natural key, otherwise added (keeping the file's id when free).
fn reference_record<T: Clone>(
    run: &mut Run,
    place: (&str, usize, i64),
    existing: Option<i64>,
    record: &T,
    save: fn(&Tx, &T) -> Result<i64>,
    known: fn(&mut Ids) -> &mut Known,
) -> Result<bool> {
    let (section, index, file_id) = place;
    if let Some(id) = existing {
        known(&mut run.ids).insert(file_id, id);
        return Ok(false);
    }
    match save(run.tx, record) {
        Ok(id) => {
            let id = keep_id(run.tx, table_of(section), id, file_id)?;
            known(&mut run.ids).insert(file_id, id);
            Ok(true)
        }
        Err(e) => run.problems.add(section, index, e).map(|()| false),
    }
}

/// The table that holds a reference section's records.
fn table_of(section: &str) -> &'static str {
    match section {
        "settlements" => "settlement",
        "staff" => "staff",
        _ => "executor",
    }
}

impl<'r, 't> Run<'r, 't> {
    fn new(tx: &'r mut Tx<'t>, options: Options, personal_data: bool) -> Self {
        Run {
            tx,
            options,
            personal_data,
            ids: Ids::default(),
            problems: Problems::default(),
            report: Report::default(),
            later_links: Vec::new(),
        }
    }

    /// What was added, or every problem found (the transaction then rolls back).
    pub(super) fn finish(self) -> Result<Report> {
        let Problems { mut ids, list, .. } = self.problems;
        if ids.is_empty() && list.is_empty() {
            Ok(self.report)
        } else {
            ids.extend(list);
            Err(Error::Invalid(ids))
        }
    }

    pub(super) fn settlements(&mut self, records: &[Settlement]) -> Result<()> {
        let existing = reference::settlements(self.tx)?;
        for (i, s) in records.iter().enumerate() {
            (self.ids.settlement).note(
                &mut self.problems,
                ("settlements", i),
                "settlement.id",
                s.id,
            );
        }
        for (i, s) in records.iter().enumerate() {
            let found = existing.iter().find(|e| e.name_ru == s.name_ru.trim());
            let new = Settlement { id: 0, ..s.clone() };
            let added = reference_record(
                self,
                ("settlements", i, s.id),
                found.map(|e| e.id),
                &new,
                reference::save_settlement,
                |ids| &mut ids.settlement,
            )?;
            self.report.settlements += usize::from(added);
        }
        Ok(())
    }

    pub(super) fn staff(&mut self, records: &[Staff]) -> Result<()> {
        let existing = reference::staff(self.tx)?;
        for (i, s) in records.iter().enumerate() {
            (self.ids.staff).note(&mut self.problems, ("staff", i), "staff.id", s.id);
        }
        for (i, s) in records.iter().enumerate() {
            let found = existing.iter().find(|e| e.full_name == s.full_name.trim());
            let new = Staff { id: 0, ..s.clone() };
            let added = reference_record(
                self,
                ("staff", i, s.id),
                found.map(|e| e.id),
                &new,
                reference::save_staff,
                |ids| &mut ids.staff,
            )?;
            self.report.staff += usize::from(added);
        }
        Ok(())
    }

    pub(super) fn executors(&mut self, records: &[Executor]) -> Result<()> {
        let existing = reference::executors(self.tx)?;
        for (i, x) in records.iter().enumerate() {
            (self.ids.executor).note(&mut self.problems, ("executors", i), "executor.id", x.id);
        }
        for (i, x) in records.iter().enumerate() {
            let found = existing.iter().find(|e| e.name == x.name.trim());
            let new = Executor { id: 0, ..x.clone() };
            let added = reference_record(
                self,
                ("executors", i, x.id),
                found.map(|e| e.id),
                &new,
                reference::save_executor,
                |ids| &mut ids.executor,
            )?;
            self.report.executors += usize::from(added);
        }
        Ok(())
    }

    /// Topics: new codes are added; for codes that exist the database's mapping stays unless
    /// the user asked for the file's.
    pub(super) fn topics(&mut self, records: &[Topic]) -> Result<()> {
        for (i, t) in records.iter().enumerate() {
            (self.ids.topic).note(&mut self.problems, ("topics", i), "topic.id", t.id);
        }
        self.problems.db_topics = records.is_empty();
        self.report.mapping = mapping::changes(self.tx, records)?;
        let existing = reference::topics(self.tx)?;
        let take = self.options.take_mapping && !self.report.mapping.is_empty();
        for (i, t) in records.iter().enumerate() {
            let (new, was_new) = match existing.iter().find(|e| e.code == t.code.trim()) {
                Some(e) if !take || mapping::code_only(t) => {
                    self.ids.topic.insert(t.id, e.id);
                    continue;
                }
                Some(e) => (mapping::taken(e, t), false),
                None if mapping::code_only(t) => {
                    let what = Text::new("err.import.unknown_topic_code").arg("code", &t.code);
                    self.problems.at("topics", i, t.id, "topic.code", what);
                    continue;
                }
                None => (Topic { id: 0, ..t.clone() }, true),
            };
            match reference::save_topic(self.tx, &new) {
                Ok(id) => {
                    let id = if was_new {
                        keep_id(self.tx, "topic", id, t.id)?
                    } else {
                        id
                    };
                    self.ids.topic.insert(t.id, id);
                    self.report.topics += usize::from(was_new);
                }
                Err(e) => self.problems.add("topics", i, e)?,
            }
        }
        if records.is_empty() {
            // A file without a classifier names the database's own topics by their ids (every
            // Estu database is seeded with the same classifier, docs/exchange-format.md).
            for t in &existing {
                self.ids.topic.insert(t.id, t.id);
            }
        }
        if take {
            mapping::audit(self.tx, &self.report.mapping)?;
            self.report.mapping_taken = true;
        }
        Ok(())
    }

    pub(super) fn calendar(&mut self, records: &[CalendarDay]) -> Result<()> {
        for (i, d) in records.iter().enumerate() {
            if let Err(e) = reference::save_calendar_day(self.tx, d) {
                self.problems.add("calendar", i, e)?;
            }
        }
        Ok(())
    }

    pub(super) fn reception(&mut self, i: usize, r: &Reception) -> Result<()> {
        let place = ("receptions", i);
        (self.ids.reception).note(&mut self.problems, place, "reception.id", r.id);
        let mut at = self.problems.record("receptions", i, r.id);
        let mut new = r.clone();
        new.settlement_id = at.map(
            &self.ids.settlement,
            r.settlement_id,
            "reception.settlement",
        );
        if at.echoes() {
            return Ok(());
        }
        new.id = free_id(self.tx, "reception", r.id)?;
        match reference::save_reception(self.tx, &new) {
            Ok(id) => {
                self.ids.reception.insert(r.id, id);
                self.report.receptions += 1;
            }
            Err(e) => self.problems.add("receptions", i, e)?,
        }
        Ok(())
    }

    /// An appeal: its link to an earlier appeal is set once every appeal is in
    /// (`appeals_done`).
    pub(super) fn appeal(&mut self, i: usize, a: &Appeal) -> Result<()> {
        (self.ids.appeal).note(&mut self.problems, ("appeals", i), "appeal.id", a.id);
        let ids = &self.ids;
        let mut at = self.problems.record("appeals", i, a.id);
        let mut new = a.clone();
        new.topic_id = at
            .map(&ids.topic, Some(a.topic_id), "appeal.topic")
            .unwrap_or(0);
        new.settlement_id = at.map(&ids.settlement, a.settlement_id, "appeal.settlement");
        new.accepted_by = at.map(&ids.staff, a.accepted_by, "appeal.accepted_by");
        new.executor_id = at.map(&ids.executor, a.executor_id, "appeal.executor");
        new.reception_id = at.map(&ids.reception, a.reception_id, "appeal.reception");
        new.repeated_of = None;
        if let Some(earlier) = a.repeated_of {
            self.later_links.push((i, a.id, earlier));
        }
        if at.echoes() {
            return Ok(());
        }
        new.id = free_id(self.tx, "appeal", a.id)?;
        let inserted = if self.personal_data {
            appeals::insert(self.tx, &mut new)
        } else {
            appeals::insert_without_personal_data(self.tx, &mut new)
        };
        match inserted {
            Ok(id) => {
                self.ids.appeal.insert(a.id, id);
                self.report.appeals += 1;
            }
            Err(e) => self.problems.add("appeals", i, e)?,
        }
        Ok(())
    }

    /// Links the appeals that repeat an earlier one, now that every appeal is in.
    pub(super) fn appeals_done(&mut self) -> Result<()> {
        for (i, id, earlier) in std::mem::take(&mut self.later_links) {
            self.problems.record = id;
            let known = &self.ids.appeal;
            let (Some(&new_id), Some(&new_earlier)) = (known.get(&id), known.get(&earlier)) else {
                if known.contains_key(&id) && !known.in_file.contains(&earlier) {
                    self.problems
                        .missing("appeals", i, "appeal.repeated_of", earlier);
                }
                continue;
            };
            appeals::set_repeated_of(self.tx, new_id, new_earlier)?;
        }
        Ok(())
    }

    pub(super) fn meeting(&mut self, i: usize, m: &Meeting) -> Result<()> {
        (self.ids.meeting).note(&mut self.problems, ("meetings", i), "meeting.id", m.id);
        let mut at = self.problems.record("meetings", i, m.id);
        let mut new = m.clone();
        new.settlement_id = at.map(&self.ids.settlement, m.settlement_id, "meeting.settlement");
        if at.echoes() {
            return Ok(());
        }
        new.id = free_id(self.tx, "meeting", m.id)?;
        match meetings::save(self.tx, &mut new) {
            Ok(id) => {
                self.ids.meeting.insert(m.id, id);
                self.report.meetings += 1;
            }
            Err(e) => self.problems.add("meetings", i, e)?,
        }
        Ok(())
    }

    pub(super) fn question(&mut self, i: usize, q: &Question) -> Result<()> {
        (self.ids.question).note(&mut self.problems, ("questions", i), "question.id", q.id);
        let ids = &self.ids;
        let mut at = self.problems.record("questions", i, q.id);
        let mut new = q.clone();
        new.meeting_id = at.map(&ids.meeting, q.meeting_id, "question.meeting");
        new.appeal_id = at.map(&ids.appeal, q.appeal_id, "question.appeal");
        new.topic_id = at
            .map(&ids.topic, Some(q.topic_id), "question.topic")
            .unwrap_or(0);
        new.settlement_id = at.map(&ids.settlement, q.settlement_id, "question.settlement");
        let unplaced = new.meeting_id.is_none()
            && new.appeal_id.is_none()
            && (q.meeting_id.is_some() || q.appeal_id.is_some());
        if at.echoes() || unplaced {
            return Ok(()); // already reported: the missing reference or the refused record
        }
        new.id = free_id(self.tx, "question", q.id)?;
        match meetings::save_question(self.tx, &mut new) {
            Ok(id) => {
                self.ids.question.insert(q.id, id);
                self.report.questions += 1;
            }
            Err(e) => self.problems.add("questions", i, e)?,
        }
        Ok(())
    }

    pub(super) fn plan_item(&mut self, i: usize, p: &PlanItem) -> Result<()> {
        (self.ids.plan_item).note(&mut self.problems, ("plan_items", i), "plan.id", p.id);
        let ids = &self.ids;
        let mut at = self.problems.record("plan_items", i, p.id);
        let mut new = p.clone();
        new.settlement_id = at.map(&ids.settlement, p.settlement_id, "plan.settlement");
        new.topic_id = at.map(&ids.topic, p.topic_id, "plan.topic");
        new.executor_id = at.map(&ids.executor, p.executor_id, "plan.executor");
        new.question_ids = (p.question_ids.iter())
            .filter_map(|q| at.map(&ids.question, Some(*q), "plan.questions"))
            .collect();
        if at.echoes() {
            return Ok(());
        }
        new.id = free_id(self.tx, "plan_item", p.id)?;
        match plan::save(self.tx, &mut new) {
            Ok(_) => self.report.plan_items += 1,
            Err(e) => self.problems.add("plan_items", i, e)?,
        }
        Ok(())
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

//! Appeals: registration (number, registration day, deadline), changes, the journal page with
//! filters and search, and the "повторное" suggestion.

use super::Db;
use super::{Tx, unique_violation};
use crate::error::{Error, Problem, Result};
use crate::i18n::Text;
use crate::model::*;
use crate::rules::deadline;
use crate::rules::validate::{self, appeal_record};
use chrono::{Datelike, Months, NaiveDate};
use rusqlite::{OptionalExtension, Row, ToSql, params};

const COLS: &str = "id, reg_number, received_at, registered_on, channel, kind, applicant_type, applicant_name, \
    applicant_id, applicant_address, applicant_phone, persons, settlement_id, topic_id, summary, repeated, \
    repeated_of, accepted_by, executor_id, reception_id, deadline, extended_to, extension_reason, \
    extension_notified_on, outcome, redirected_to, answered_on, answer";

fn row(r: &Row) -> rusqlite::Result<Appeal> {
    Ok(Appeal {
        id: r.get(0)?,
        reg_number: r.get(1)?,
        received_at: r.get(2)?,
        registered_on: r.get(3)?,
        channel: r.get(4)?,
        kind: r.get(5)?,
        applicant_type: r.get(6)?,
        applicant_name: r.get(7)?,
        applicant_id: r.get(8)?,
        applicant_address: r.get(9)?,
        applicant_phone: r.get(10)?,
        persons: r.get(11)?,
        settlement_id: r.get(12)?,
        topic_id: r.get(13)?,
        summary: r.get(14)?,
        repeated: r.get(15)?,
        repeated_of: r.get(16)?,
        accepted_by: r.get(17)?,
        executor_id: r.get(18)?,
        reception_id: r.get(19)?,
        deadline: r.get(20)?,
        extended_to: r.get(21)?,
        extension_reason: r.get(22)?,
        extension_notified_on: r.get(23)?,
        outcome: r.get(24)?,
        redirected_to: r.get(25)?,
        answered_on: r.get(26)?,
        answer: r.get(27)?,
    })
}

pub fn get(conn: &Db, id: i64) -> Result<Appeal> {
    let mut st = conn.prepare_cached(&format!("SELECT {COLS} FROM appeal WHERE id = ?1"))?;
    st.query_row([id], row)
        .optional()?
        .ok_or_else(|| Error::NotFound(Text::new("err.not_found.appeal").arg("id", id)))
}

/// Every appeal in id order, read in one pass (a check of a million appeals would spend most of
/// its time on a million lookups by id).
pub fn for_each(conn: &Db, mut f: impl FnMut(Appeal) -> Result<()>) -> Result<()> {
    let mut st = conn.prepare(&format!("SELECT {COLS} FROM appeal ORDER BY id"))?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        f(row(r)?)?;
    }
    Ok(())
}

/// How many appeals the file holds.
pub fn count(conn: &Db) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM appeal", [], |r| r.get(0))?)
}

pub fn by_number(conn: &Db, reg_number: &str) -> Result<Appeal> {
    let mut st =
        conn.prepare_cached(&format!("SELECT {COLS} FROM appeal WHERE reg_number = ?1"))?;
    st.query_row([reg_number.trim()], row)
        .optional()?
        .ok_or_else(|| Error::NotFound(Text::new("err.not_found.appeal").arg("id", reg_number)))
}

/// Appeals received at one reception session.
pub fn of_reception(conn: &Db, reception_id: i64) -> Result<Vec<Appeal>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLS} FROM appeal WHERE reception_id = ?1 ORDER BY received_at, id"
    ))?;
    let v = st
        .query_map([reception_id], row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(v)
}

/// Builds a registration number from the okrug's pattern: `{YYYY}` year, `{YY}`, `{NNNN}` the
/// sequence padded to the number of N's.
fn format_number(pattern: &str, year: i32, seq: i64) -> String {
    let mut out = pattern.replace("{YYYY}", &year.to_string());
    out = out.replace("{YY}", &format!("{:02}", year % 100));
    if let Some(start) = out.find("{N")
        && let Some(len) = out[start..].find('}')
    {
        let width = len - 1;
        let num = format!("{seq:0width$}");
        out.replace_range(start..start + len + 1, &num);
    }
    out
}

/// Issues the next free registration number of `year`.
fn next_number(tx: &Tx, year: i32) -> Result<String> {
    // Cached statements: a bulk load issues a number per appeal.
    let pattern: String = tx
        .prepare_cached("SELECT reg_pattern FROM okrug WHERE id = 1")?
        .query_row([], |r| r.get(0))?;
    let mut last: i64 = tx
        .prepare_cached("SELECT last FROM reg_counter WHERE year = ?1")?
        .query_row([year], |r| r.get(0))
        .optional()?
        .unwrap_or(0);
    // Skip numbers already taken (imported or typed by hand).
    let mut exists = tx.prepare_cached("SELECT 1 FROM appeal WHERE reg_number = ?1")?;
    let number = loop {
        last += 1;
        let n = format_number(&pattern, year, last);
        if !exists.exists([&n])? {
            break n;
        }
    };
    tx.prepare_cached(
        "INSERT INTO reg_counter (year, last) VALUES (?1, ?2) ON CONFLICT(year) DO UPDATE SET last = excluded.last",
    )?
    .execute(params![year, last])?;
    Ok(number)
}

/// Fills what the store computes: registration day, deadline (when not given by the user).
pub fn complete(tx: &Tx, a: &mut Appeal) -> Result<()> {
    deadline::fill_terms(tx.calendar()?, tx.work_hours()?, a);
    if a.applicant_id
        .as_deref()
        .is_some_and(|s| s.trim().is_empty())
    {
        a.applicant_id = None;
    }
    if let Some(id) = a.applicant_id.as_mut() {
        *id = id.trim().to_string();
    }
    Ok(())
}

/// Checks that the records an appeal refers to exist.
fn check_references(conn: &Tx, a: &Appeal) -> Result<Vec<Problem>> {
    // Named only when something is missing: a bulk load checks a million appeals.
    let rec = || appeal_record(a);
    let mut problems = Vec::new();
    let mut missing = |sql: &'static str, id: Option<i64>, field: &str| -> Result<()> {
        if let Some(id) = id
            && !conn.row_exists(sql, id)?
        {
            problems.push(Problem::new(
                rec(),
                field,
                Text::new("err.unknown_ref").arg("id", id),
            ));
        }
        Ok(())
    };
    missing(
        "SELECT 1 FROM topic WHERE id = ?1",
        Some(a.topic_id),
        "appeal.topic",
    )?;
    missing(
        "SELECT 1 FROM settlement WHERE id = ?1",
        a.settlement_id,
        "appeal.settlement",
    )?;
    missing(
        "SELECT 1 FROM staff WHERE id = ?1",
        a.accepted_by,
        "appeal.accepted_by",
    )?;
    missing(
        "SELECT 1 FROM executor WHERE id = ?1",
        a.executor_id,
        "appeal.executor",
    )?;
    missing(
        "SELECT 1 FROM reception WHERE id = ?1",
        a.reception_id,
        "appeal.reception",
    )?;
    missing(
        "SELECT 1 FROM appeal WHERE id = ?1",
        a.repeated_of,
        "appeal.repeated_of",
    )?;
    if let Some(rid) = a.reception_id {
        let held: Option<NaiveDate> = conn
            .prepare_cached("SELECT held_on FROM reception WHERE id = ?1")?
            .query_row([rid], |r| r.get(0))
            .optional()?;
        if let Some(held) = held.filter(|h| *h != a.received_at.date()) {
            problems.push(Problem::new(
                rec(),
                "appeal.received_at",
                Text::new("err.appeal.not_reception_day").arg("date", validate::fmt_date(held)),
            ));
        }
    }
    if a.repeated_of.is_some_and(|r| r == a.id && a.id != 0) {
        problems.push(Problem::new(
            rec(),
            "appeal.repeated_of",
            Text::new("err.appeal.repeats_itself"),
        ));
    }
    Ok(problems)
}

fn validate_all(tx: &Tx, a: &Appeal) -> Result<()> {
    validate_with(tx, a, validate::appeal)
}

fn validate_with(
    tx: &Tx,
    a: &Appeal,
    rules: fn(&Appeal, chrono::NaiveDate) -> std::result::Result<(), Vec<crate::error::Problem>>,
) -> Result<()> {
    let mut problems = rules(a, tx.today()).err().unwrap_or_default();
    problems.extend(check_references(tx, a)?);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(problems))
    }
}

fn duplicate_number(a: &Appeal) -> impl Fn(rusqlite::Error) -> Error + '_ {
    move |e| {
        unique_violation(
            e,
            appeal_record(a),
            "appeal.reg_number",
            Text::new("err.appeal.duplicate_number").arg("id", &a.reg_number),
        )
    }
}

/// Registers a new appeal: computes what is missing, checks every rule, inserts it, and
/// returns its id. A non-zero `id` is kept (imports keep their ids); 0 takes the next one. `a` receives the id, number, registration day and deadline.
/// Links appeal `id` to the earlier appeal it repeats (an import links them once both exist).
pub(crate) fn set_repeated_of(tx: &Tx, id: i64, earlier: i64) -> Result<()> {
    tx.execute(
        "UPDATE appeal SET repeated_of = ?1 WHERE id = ?2",
        [earlier, id],
    )?;
    Ok(())
}

pub fn insert(tx: &Tx, a: &mut Appeal) -> Result<i64> {
    insert_checked(tx, a, validate::appeal)
}

/// `insert` for an appeal of a file without personal data (`--for-district`), whose ИП or КХ
/// applicant's number was left out (`validate::appeal_without_personal_data`).
pub(crate) fn insert_without_personal_data(tx: &Tx, a: &mut Appeal) -> Result<i64> {
    insert_checked(tx, a, validate::appeal_without_personal_data)
}

fn insert_checked(
    tx: &Tx,
    a: &mut Appeal,
    rules: fn(&Appeal, chrono::NaiveDate) -> std::result::Result<(), Vec<crate::error::Problem>>,
) -> Result<i64> {
    complete(tx, a)?;
    validate_with(tx, a, rules)?;
    if a.reg_number.trim().is_empty() {
        a.reg_number = next_number(tx, a.registered_on.expect("completed").year())?;
    }
    a.reg_number = a.reg_number.trim().to_string();
    let mut st = tx.prepare_cached(
        "INSERT INTO appeal (reg_number, received_at, registered_on, channel, kind, applicant_type, applicant_name,
         applicant_id, applicant_address, applicant_phone, persons, settlement_id, topic_id, summary, repeated,
         repeated_of, accepted_by, executor_id, reception_id, deadline, extended_to, extension_reason,
         extension_notified_on, outcome, redirected_to, answered_on, answer, id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
                 ?21, ?22, ?23, ?24, ?25, ?26, ?27, nullif(?28, 0))",
    )?;
    let mut p = params_of(a);
    p.push(&a.id);
    st.execute(p.as_slice()).map_err(duplicate_number(a))?;
    a.id = tx.last_insert_rowid();
    tx.added(super::Added::Appeal, a.id)?;
    Ok(a.id)
}

fn params_of(a: &Appeal) -> Vec<&dyn ToSql> {
    vec![
        &a.reg_number,
        &a.received_at,
        &a.registered_on,
        &a.channel,
        &a.kind,
        &a.applicant_type,
        &a.applicant_name,
        &a.applicant_id,
        &a.applicant_address,
        &a.applicant_phone,
        &a.persons,
        &a.settlement_id,
        &a.topic_id,
        &a.summary,
        &a.repeated,
        &a.repeated_of,
        &a.accepted_by,
        &a.executor_id,
        &a.reception_id,
        &a.deadline,
        &a.extended_to,
        &a.extension_reason,
        &a.extension_notified_on,
        &a.outcome,
        &a.redirected_to,
        &a.answered_on,
        &a.answer,
    ]
}

/// Saves changes to an existing appeal (all fields), after the same checks as `insert`.
pub fn update(tx: &Tx, a: &mut Appeal) -> Result<()> {
    get(tx, a.id)?;
    complete(tx, a)?;
    validate_all(tx, a)?;
    let mut p = params_of(a);
    p.push(&a.id);
    tx.prepare_cached(
        "UPDATE appeal SET reg_number=?1, received_at=?2, registered_on=?3, channel=?4, kind=?5, applicant_type=?6,
         applicant_name=?7, applicant_id=?8, applicant_address=?9, applicant_phone=?10, persons=?11,
         settlement_id=?12, topic_id=?13, summary=?14, repeated=?15, repeated_of=?16, accepted_by=?17,
         executor_id=?18, reception_id=?19, deadline=?20, extended_to=?21, extension_reason=?22,
         extension_notified_on=?23, outcome=?24, redirected_to=?25, answered_on=?26, answer=?27,
         updated_at=strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')
         WHERE id=?28",
    )?
    .execute(p.as_slice())
    .map_err(duplicate_number(a))?;
    Ok(())
}

/// Deletes an appeal (the trash keeps it: see the audit triggers).
pub fn delete(tx: &Tx, id: i64) -> Result<()> {
    get(tx, id)?;
    tx.execute("DELETE FROM appeal WHERE id = ?1", [id])?;
    Ok(())
}

/// An earlier appeal that this one probably repeats: same ИИН/БИН, or the same name (any case)
/// and topic, within the 12 months before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepeatHint {
    pub id: i64,
    pub reg_number: String,
    pub registered_on: NaiveDate,
    pub summary: String,
}

pub fn suggest_repeated(conn: &Db, a: &Appeal) -> Result<Option<RepeatHint>> {
    let day = a.received_at.date();
    let since = day.checked_sub_months(Months::new(12)).unwrap_or(day);
    let map = |r: &Row| {
        Ok(RepeatHint {
            id: r.get(0)?,
            reg_number: r.get(1)?,
            registered_on: r.get(2)?,
            summary: r.get(3)?,
        })
    };
    if let Some(id) = a.applicant_id.as_deref().filter(|s| s.len() == 12) {
        let mut st = conn.prepare_cached(
            "SELECT id, reg_number, registered_on, summary FROM appeal
             WHERE applicant_id = ?1 AND registered_on BETWEEN ?2 AND ?3 AND id <> ?4
             ORDER BY (topic_id = ?5) DESC, registered_on DESC LIMIT 1",
        )?;
        if let Some(h) = st
            .query_row(params![id, since, day, a.id, a.topic_id], map)
            .optional()?
        {
            return Ok(Some(h));
        }
    }
    let name = crate::text::fold(&a.applicant_name);
    if name.is_empty() {
        return Ok(None);
    }
    let mut st = conn.prepare_cached(
        "SELECT id, reg_number, registered_on, summary, applicant_name FROM appeal
         WHERE topic_id = ?1 AND registered_on BETWEEN ?2 AND ?3 AND id <> ?4
         ORDER BY registered_on DESC",
    )?;
    let mut rows = st.query(params![a.topic_id, since, day, a.id])?;
    while let Some(r) = rows.next()? {
        let other: String = r.get(4)?;
        if crate::text::fold(&other) == name {
            return Ok(Some(map(r)?));
        }
    }
    Ok(None)
}

/// Status filter of the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFilter {
    #[default]
    All,
    Open,
    Answered,
    Overdue,
    /// Open and due within the next 3 days.
    DueSoon,
}

/// The journal's filters. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub channel: Option<Channel>,
    pub status: StatusFilter,
    pub topic_id: Option<i64>,
    pub settlement_id: Option<i64>,
    pub executor_id: Option<i64>,
    /// Name, ИИН, number or words of the summary.
    pub search: String,
}

/// One row of the journal table.
#[derive(Debug, Clone, PartialEq)]
pub struct JournalRow {
    pub id: i64,
    pub reg_number: String,
    pub registered_on: NaiveDate,
    pub channel: Channel,
    pub applicant_name: String,
    pub topic_ru: String,
    pub topic_kk: String,
    pub settlement_ru: Option<String>,
    pub settlement_kk: Option<String>,
    pub summary: String,
    pub due: NaiveDate,
    pub outcome: Option<Outcome>,
    pub answered_on: Option<NaiveDate>,
    pub repeated: bool,
}

/// An FTS5 query from what the user typed: every word as a prefix, all required. A single
/// letter is left out: as a prefix it matches nearly every appeal, which finds nothing useful
/// and costs a whole scan of the index while the user is still typing.
fn fts_query(search: &str) -> Option<String> {
    let words: Vec<String> = search
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" AND "))
}

/// The journal's filters as SQL over `appeal a` (and `appeal_fts f` when searching words).
struct Query {
    from: &'static str,
    conditions: Vec<String>,
    params: Vec<Box<dyn ToSql>>,
    /// Whether the full-text index is joined (its rowid order replaces the date order).
    words: bool,
}

impl Query {
    fn arg(&mut self, v: impl ToSql + 'static) -> String {
        self.params.push(Box::new(v));
        format!("?{}", self.params.len())
    }

    fn clause(&self) -> String {
        if self.conditions.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.conditions.join(" AND "))
        }
    }

    fn refs(&self) -> Vec<&dyn ToSql> {
        self.params.iter().map(|b| b.as_ref()).collect()
    }
}

fn query(f: &Filter, today: NaiveDate) -> Query {
    let mut q = Query {
        from: "appeal a",
        conditions: Vec::new(),
        params: Vec::new(),
        words: false,
    };
    let digits: String = f.search.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.len() == 12 && f.search.trim().len() == 12 {
        let a = q.arg(digits);
        q.conditions.push(format!("a.applicant_id = {a}"));
    } else if let Some(words) = fts_query(&f.search) {
        // Joined, not `id IN (…)`: the index yields matches lazily, newest rowid first, so
        // a page and a capped count stop early instead of collecting every match.
        q.from = "appeal_fts f JOIN appeal a ON a.id = f.rowid";
        q.words = true;
        let a = q.arg(words);
        q.conditions.push(format!("appeal_fts MATCH {a}"));
    }
    if q.conditions.is_empty() && f.status == StatusFilter::Overdue {
        // Chosen, not left to the planner: without statistics it takes `appeal_open_due` and
        // sorts every overdue appeal for a page of 50 (24,000 of them in a region's file).
        // Not for «due in 3 days»: its few appeals are found fastest by their due date.
        q.from = "appeal a INDEXED BY appeal_open_journal";
    }
    if let Some(d) = f.from {
        let a = q.arg(d);
        q.conditions.push(format!("a.registered_on >= {a}"));
    }
    if let Some(d) = f.to {
        let a = q.arg(d);
        q.conditions.push(format!("a.registered_on <= {a}"));
    }
    if let Some(c) = f.channel {
        let a = q.arg(c);
        q.conditions.push(format!("a.channel = {a}"));
    }
    if let Some(t) = f.topic_id {
        let a = q.arg(t);
        q.conditions.push(format!("a.topic_id = {a}"));
    }
    if let Some(s) = f.settlement_id {
        let a = q.arg(s);
        q.conditions.push(format!("a.settlement_id = {a}"));
    }
    if let Some(e) = f.executor_id {
        let a = q.arg(e);
        q.conditions.push(format!("a.executor_id = {a}"));
    }
    match f.status {
        StatusFilter::All => {}
        StatusFilter::Open => q.conditions.push("a.outcome IS NULL".into()),
        StatusFilter::Answered => q.conditions.push("a.outcome IS NOT NULL".into()),
        StatusFilter::Overdue => {
            let a = q.arg(today);
            q.conditions.push(format!("{OPEN_AND_DUE} < {a}"));
        }
        StatusFilter::DueSoon => {
            let a = q.arg(today);
            let b = q.arg(deadline::due_soon_until(today));
            q.conditions
                .push(format!("{OPEN_AND_DUE} BETWEEN {a} AND {b}"));
        }
    }
    q
}

/// Every appeal the journal's filters match, oldest first (by registration, then number): what
/// the journal's export to Excel writes.
pub fn matching_ids(conn: &Db, f: &Filter, today: NaiveDate) -> Result<Vec<i64>> {
    let q = query(f, today);
    let sql = format!(
        "SELECT a.id FROM {} {} ORDER BY a.registered_on, a.id",
        q.from,
        q.clause()
    );
    let mut st = conn.prepare(&sql)?;
    let ids = st
        .query_map(q.refs().as_slice(), |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// An open appeal `a` and the date it is due: its extension, else its deadline. The SQL side of
/// `rules::deadline::urgency` (the `appeal_open_due` index covers it).
pub(crate) const OPEN_AND_DUE: &str = "a.outcome IS NULL AND coalesce(a.extended_to, a.deadline)";

/// Beyond this many matches a filtered journal says "more than" instead of counting on: an
/// exact count of most of a million rows takes longer than a frame, and nobody scrolls that far.
pub const COUNT_LIMIT: i64 = 10_000;

/// How many appeals match the journal's filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Total {
    /// Exact, or `COUNT_LIMIT` when `more` is set.
    pub n: i64,
    /// More than `COUNT_LIMIT` match (only ever with filters: all appeals are counted exactly).
    pub more: bool,
}

/// One page of the journal, newest first, and how many rows match (see `Total`).
/// A word search lists the newest entries first (by id, which follows registration).
pub fn page(
    conn: &Db,
    f: &Filter,
    today: NaiveDate,
    offset: i64,
    limit: i64,
) -> Result<(Vec<JournalRow>, Total)> {
    let mut q = query(f, today);
    let (from, clause) = (q.from, q.clause());
    let total: i64 = {
        let sql = if q.conditions.is_empty() {
            "SELECT count(*) FROM appeal".to_string()
        } else if q.words && q.conditions.len() == 1 {
            // Words alone: the index counts without reading the appeals.
            format!(
                "SELECT count(*) FROM (SELECT 1 FROM appeal_fts WHERE appeal_fts MATCH ?1 LIMIT {})",
                COUNT_LIMIT + 1
            )
        } else {
            format!(
                "SELECT count(*) FROM (SELECT 1 FROM {from} {clause} LIMIT {})",
                COUNT_LIMIT + 1
            )
        };
        conn.prepare_cached(&sql)?
            .query_row(q.refs().as_slice(), |r| r.get(0))?
    };
    let total = if q.conditions.is_empty() {
        Total {
            n: total,
            more: false,
        }
    } else {
        Total {
            n: total.min(COUNT_LIMIT),
            more: total > COUNT_LIMIT,
        }
    };
    let order = if q.words {
        "f.rowid DESC"
    } else {
        "a.registered_on DESC, a.id DESC"
    };
    let lim = q.arg(limit);
    let off = q.arg(offset);
    // The page's ids first (from an index where one covers the filter), then its 50 rows.
    let sql = format!(
        "SELECT a.id, a.reg_number, a.registered_on, a.channel, a.applicant_name, t.name_ru, t.name_kk,
                s.name_ru, a.summary, coalesce(a.extended_to, a.deadline), a.outcome, a.answered_on, a.repeated,
                s.name_kk
         FROM (SELECT a.id AS id, a.registered_on AS day FROM {from} {clause} ORDER BY {order} LIMIT {lim} OFFSET {off}) p
         JOIN appeal a ON a.id = p.id JOIN topic t ON t.id = a.topic_id LEFT JOIN settlement s ON s.id = a.settlement_id
         ORDER BY {}",
        if q.words { "p.id DESC" } else { "p.day DESC, p.id DESC" }
    );
    let mut st = conn.prepare_cached(&sql)?;
    let rows = st
        .query_map(q.refs().as_slice(), |r| {
            Ok(JournalRow {
                id: r.get(0)?,
                reg_number: r.get(1)?,
                registered_on: r.get(2)?,
                channel: r.get(3)?,
                applicant_name: r.get(4)?,
                topic_ru: r.get(5)?,
                topic_kk: r.get(6)?,
                settlement_ru: r.get(7)?,
                settlement_kk: r.get(13)?,
                summary: r.get(8)?,
                due: r.get(9)?,
                outcome: r.get(10)?,
                answered_on: r.get(11)?,
                repeated: r.get(12)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok((rows, total))
}

/// Every applicant's personal detail the file holds (a person's name, ИИН, any address and
/// phone), distinct: what a published page must never show.
pub fn personal_details(conn: &Db) -> Result<Vec<String>> {
    let mut st = conn.prepare_cached(
        "SELECT applicant_name FROM appeal WHERE applicant_type = 'person'
         UNION SELECT applicant_id FROM appeal WHERE applicant_type = 'person'
         UNION SELECT applicant_address FROM appeal UNION SELECT applicant_phone FROM appeal",
    )?;
    let rows = st.query_map([], |r| r.get::<_, Option<String>>(0))?;
    let mut out = Vec::new();
    for r in rows {
        if let Some(s) = r?.map(|s| s.trim().to_string())
            && !s.is_empty()
        {
            out.push(s);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_pattern() {
        assert_eq!(format_number("12-{YYYY}/{NNNN}", 2022, 45), "12-2022/0045");
        assert_eq!(format_number("{YY}-{NN}", 2022, 7), "22-07");
        assert_eq!(format_number("{YYYY}/{NNNN}", 2022, 12345), "2022/12345");
    }

    #[test]
    fn search_words_become_prefix_queries() {
        assert_eq!(
            fts_query("Иван  вода"),
            Some("\"Иван\"* AND \"вода\"*".to_string())
        );
        assert_eq!(
            fts_query("' OR 11=11 --"),
            Some("\"OR\"* AND \"11\"* AND \"11\"*".to_string())
        );
        assert_eq!(fts_query("  "), None);
        assert_eq!(fts_query("С"), None, "one letter does not search yet");
        assert_eq!(fts_query("Ахметов А."), Some("\"Ахметов\"*".to_string()));
    }
}

//! The audit trail of one record: who inserted, changed (which field, from what to what),
//! deleted or restored it, and when. Written by the audit triggers in `schema.sql`.

use super::Db;
use crate::error::{Error, Result};
use crate::i18n::{Lang, Text, has, tr};
use rusqlite::OptionalExtension;
use serde_json::Value;

/// The kinds of record that have a history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    Appeal,
    Reception,
    Meeting,
    Question,
    Plan,
}

impl RecordKind {
    /// The record's own table and the child tables logged under its id.
    fn tables(self) -> &'static [&'static str] {
        match self {
            RecordKind::Appeal => &["appeal"],
            RecordKind::Reception => &["reception"],
            RecordKind::Meeting => &["meeting", "meeting_broadcast", "meeting_remark"],
            RecordKind::Question => &["question"],
            RecordKind::Plan => &["plan_item", "plan_item_question"],
        }
    }

    fn not_found_key(self) -> &'static str {
        match self {
            RecordKind::Appeal => "err.not_found.appeal",
            RecordKind::Reception => "err.not_found.reception",
            RecordKind::Meeting => "err.not_found.meeting",
            RecordKind::Question => "err.not_found.question",
            RecordKind::Plan => "err.not_found.plan_item",
        }
    }
}

/// What happened to the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Insert,
    Update,
    Delete,
    Restore,
}

impl Action {
    fn parse(s: &str) -> Action {
        match s {
            "insert" => Action::Insert,
            "delete" => Action::Delete,
            "restore" => Action::Restore,
            _ => Action::Update,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Action::Insert => "history.insert",
            Action::Update => "history.update",
            Action::Delete => "history.delete",
            Action::Restore => "history.restore",
        }
    }
}

/// One field's change: `old` → `new` (JSON values as stored; `null` for none).
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The table the field belongs to (the record's own, or a child such as `meeting_broadcast`).
    pub table: String,
    pub column: String,
    pub old: Value,
    pub new: Value,
}

impl Change {
    /// The field's name in the user's language (its `field.*` key), or the column's name.
    pub fn label(&self, lang: Lang) -> String {
        let record = match self.table.as_str() {
            "plan_item" | "plan_item_question" => "plan",
            "meeting_broadcast" | "meeting_remark" => "meeting",
            t => t,
        };
        let column = match (self.table.as_str(), self.column.as_str()) {
            ("meeting_broadcast", "channel") => "broadcasts",
            ("meeting_broadcast", "viewers") => "viewers",
            ("meeting_remark", "addressee_level") => "remark_addressee",
            ("meeting_remark", _) => "remark_count",
            ("plan_item_question", _) => "questions",
            ("appeal", "applicant_id") => "applicant_iin",
            (_, c) => c.strip_suffix("_id").unwrap_or(c),
        };
        let key = format!("field.{record}.{column}");
        if has(lang, &key) || has(Lang::Ru, &key) {
            tr(lang, &key)
        } else {
            self.column.clone()
        }
    }
}

impl Change {
    /// `old` as a person reads it (see `show_in`).
    pub fn old_shown(&self, lang: Lang) -> String {
        self.show_in(&self.old, lang)
    }

    /// `new` as a person reads it (see `show_in`).
    pub fn new_shown(&self, lang: Lang) -> String {
        self.show_in(&self.new, lang)
    }

    /// A value of this field as a person reads it: a code list's value by its name
    /// («разъяснено», not «explained»), a level by its name, yes/no for a flag, a date as
    /// DD.MM.YYYY; anything else as stored (`show_value`). Ids of other records are left to
    /// the caller, who has their names.
    pub fn show_in(&self, v: &Value, lang: Lang) -> String {
        use crate::model::*;
        let Value::String(s) = v else {
            return match (v, self.column.as_str()) {
                (Value::Number(n), "akim_level" | "addressee_level") => {
                    let key = format!("level.{n}");
                    if has(lang, &key) {
                        tr(lang, &key)
                    } else {
                        n.to_string()
                    }
                }
                (Value::Number(n), c) if FLAGS.contains(&c) => tr(
                    lang,
                    if n.as_i64() == Some(0) {
                        "word.no"
                    } else {
                        "word.yes"
                    },
                ),
                _ => show_value(v),
            };
        };
        let label = match (self.table.as_str(), self.column.as_str()) {
            (_, "outcome") => Outcome::parse(s).map(|x| x.label(lang)),
            ("appeal", "channel") => Channel::parse(s).map(|x| x.label(lang)),
            ("appeal", "kind") => AppealKind::parse(s).map(|x| x.label(lang)),
            (_, "applicant_type") => ApplicantType::parse(s).map(|x| x.label(lang)),
            ("meeting", "kind") => MeetingKind::parse(s).map(|x| x.label(lang)),
            ("meeting_broadcast", "channel") => BroadcastChannel::parse(s).map(|x| x.label(lang)),
            ("plan_item", "status") => PlanStatus::parse(s).map(|x| x.label(lang)),
            ("executor", "kind") => ExecutorKind::parse(s).map(|x| x.label(lang)),
            _ => None,
        };
        label.unwrap_or_else(|| fmt_when(s).unwrap_or_else(|| s.clone()))
    }
}

/// The columns that hold a yes/no flag (stored as 0 or 1).
const FLAGS: [&str; 7] = [
    "repeated",
    "critical",
    "present_government",
    "present_parliament",
    "present_state_bodies",
    "active",
    "working",
];

/// A stored date ('YYYY-MM-DD') as DD.MM.YYYY, a stored time of day ('YYYY-MM-DD HH:MM[:SS]')
/// as DD.MM.YYYY HH:MM; None for anything else.
pub fn fmt_when(s: &str) -> Option<String> {
    let day = chrono::NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()?;
    let date = crate::rules::validate::fmt_date(day);
    match s.get(10..) {
        Some("") => Some(date),
        Some(rest) => {
            let time = rest.strip_prefix(' ').or_else(|| rest.strip_prefix('T'))?;
            let hm = time.get(..5)?;
            chrono::NaiveTime::parse_from_str(hm, "%H:%M").ok()?;
            Some(format!("{date} {hm}"))
        }
        None => None,
    }
}

/// One entry of the audit trail.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: i64,
    /// Local time, 'YYYY-MM-DD HH:MM:SS'.
    pub at: String,
    /// The staff member recorded by `Store::set_actor` ('' when none was set).
    pub actor: String,
    pub table: String,
    pub row_id: i64,
    pub action: Action,
    /// Changed fields (updates; for child rows also inserts and deletions).
    pub changes: Vec<Change>,
}

/// The audit trail of a record, oldest first (also of a deleted record: the trail outlives it).
pub fn of_record(conn: &Db, kind: RecordKind, id: i64) -> Result<Vec<Entry>> {
    let tables = kind.tables();
    let marks: Vec<String> = (1..=tables.len()).map(|i| format!("?{i}")).collect();
    let mut st = conn.prepare(&format!(
        "SELECT id, at, actor, table_name, row_id, action, changes FROM audit_log
         WHERE row_id = ?{} AND table_name IN ({}) ORDER BY id",
        tables.len() + 1,
        marks.join(", ")
    ))?;
    let mut params: Vec<&dyn rusqlite::ToSql> =
        tables.iter().map(|t| t as &dyn rusqlite::ToSql).collect();
    params.push(&id);
    let rows = st.query_map(params.as_slice(), |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, i64>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, at, actor, table, row_id, action, changes) = row?;
        out.push(Entry {
            id,
            changes: parse_changes(&table, &changes),
            at,
            actor,
            table,
            row_id,
            action: Action::parse(&action),
        });
    }
    if out.is_empty() && !exists(conn, kind, id)? {
        return Err(Error::NotFound(
            Text::new(kind.not_found_key()).arg("id", id),
        ));
    }
    Ok(out)
}

fn parse_changes(table: &str, json: &str) -> Vec<Change> {
    let Ok(Value::Object(map)) = serde_json::from_str::<Value>(json) else {
        return Vec::new();
    };
    // A child row is logged under its parent's id: the parent column says nothing new.
    let parent_column = match table {
        "meeting_broadcast" | "meeting_remark" => "meeting_id",
        "plan_item_question" => "plan_item_id",
        _ => "",
    };
    map.into_iter()
        .filter(|(column, _)| column != parent_column)
        .map(|(column, pair)| {
            let (old, new) = match pair {
                Value::Array(mut v) if v.len() == 2 => {
                    let new = v.pop().unwrap_or(Value::Null);
                    (v.pop().unwrap_or(Value::Null), new)
                }
                other => (Value::Null, other),
            };
            Change {
                table: table.to_string(),
                column,
                old,
                new,
            }
        })
        .collect()
}

fn exists(conn: &Db, kind: RecordKind, id: i64) -> Result<bool> {
    let table = kind.tables()[0];
    Ok(conn
        .prepare(&format!("SELECT 1 FROM {table} WHERE id = ?1"))?
        .exists([id])?)
}

/// Finds an appeal's id by its registration number, also among deleted appeals (the trash
/// keeps their rows); a number that is all digits and matches no appeal is taken as an id.
pub fn appeal_id(conn: &Db, id_or_number: &str) -> Result<i64> {
    let s = id_or_number.trim();
    let found: Option<i64> = conn
        .query_row("SELECT id FROM appeal WHERE reg_number = ?1", [s], |r| {
            r.get(0)
        })
        .optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    let trashed: Option<i64> = conn
        .query_row(
            "SELECT row_id FROM trash WHERE table_name = 'appeal'
             AND json_extract(data, '$.reg_number') = ?1 ORDER BY id DESC LIMIT 1",
            [s],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = trashed {
        return Ok(id);
    }
    s.parse::<i64>()
        .map_err(|_| Error::NotFound(Text::new("err.not_found.appeal").arg("id", s)))
}

/// A JSON value as the history shows it: text without quotes, «—» for none.
pub fn show_value(v: &Value) -> String {
    match v {
        Value::Null => "—".into(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(table: &str, column: &str, old: Value, new: Value) -> Change {
        Change {
            table: table.into(),
            column: column.into(),
            old,
            new,
        }
    }

    #[test]
    fn values_are_shown_as_people_read_them() {
        let c = change("appeal", "outcome", Value::Null, "explained".into());
        assert_eq!(c.old_shown(Lang::Ru), "—");
        assert_eq!(c.new_shown(Lang::Ru), tr(Lang::Ru, "outcome.explained"));
        assert_eq!(c.new_shown(Lang::Kk), tr(Lang::Kk, "outcome.explained"));
        let c = change("appeal", "answered_on", Value::Null, "2024-06-27".into());
        assert_eq!(c.new_shown(Lang::Ru), "27.06.2024");
        let c = change("question", "critical", 0.into(), 1.into());
        assert_eq!(c.old_shown(Lang::Ru), "нет");
        assert_eq!(c.new_shown(Lang::Ru), "да");
        let c = change("meeting_remark", "addressee_level", Value::Null, 5.into());
        assert_eq!(c.new_shown(Lang::Ru), tr(Lang::Ru, "level.5"));
        let c = change("plan_item", "status", "in_progress".into(), "done".into());
        assert_eq!(c.new_shown(Lang::Ru), tr(Lang::Ru, "plan_status.done"));
        // Text that only looks like a code stays as typed.
        let c = change("appeal", "summary", Value::Null, "explained".into());
        assert_eq!(c.new_shown(Lang::Ru), "explained");
        assert_eq!(
            fmt_when("2024-06-27 09:05:33").as_deref(),
            Some("27.06.2024 09:05")
        );
        assert_eq!(fmt_when("2024-06-27x"), None);
        assert_eq!(fmt_when("12-2024/0001"), None);
    }
}

//! The trash: deleted records, kept whole by the audit triggers, and their restoration.
//!
//! A record deleted on its own is one trash entry (`parent` NULL). The rows that went with it
//! through ON DELETE CASCADE (a meeting's broadcasts, remarks and questions, a question's plan
//! links…) were trashed by their own triggers just before it, in the same statement, each naming
//! its parent: so they are the contiguous run of rows right before the entry whose parent is the
//! entry or one of its already-collected children. Restoring an entry re-inserts all of them
//! with their original ids, parents first, in one transaction.

use super::Db;
use crate::Tx;
use crate::error::{Error, Problem, Result};
use crate::i18n::Text;
use rusqlite::types::Value as SqlValue;
use rusqlite::{OptionalExtension, params};
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};

/// The tables whose deleted rows the trash holds (the audit triggers' tables).
const TABLES: &[&str] = &[
    "appeal",
    "reception",
    "meeting",
    "meeting_broadcast",
    "meeting_remark",
    "question",
    "plan_item",
    "plan_item_question",
];

/// Columns that point at a parent that may itself come back with a new id.
const PARENT_COLUMNS: &[(&str, &str, &str)] = &[
    ("meeting_broadcast", "meeting_id", "meeting"),
    ("meeting_remark", "meeting_id", "meeting"),
    ("question", "meeting_id", "meeting"),
    ("question", "appeal_id", "appeal"),
    ("plan_item_question", "plan_item_id", "plan_item"),
    ("plan_item_question", "question_id", "question"),
];

#[derive(Debug, Clone)]
struct Row {
    id: i64,
    deleted_at: String,
    actor: String,
    table: String,
    row_id: i64,
    data: String,
    parent: Option<String>,
}

fn row(r: &rusqlite::Row) -> rusqlite::Result<Row> {
    Ok(Row {
        id: r.get(0)?,
        deleted_at: r.get(1)?,
        actor: r.get(2)?,
        table: r.get(3)?,
        row_id: r.get(4)?,
        data: r.get(5)?,
        parent: r.get(6)?,
    })
}

const COLS: &str = "id, deleted_at, actor, table_name, row_id, data, parent";

/// A record in the trash, with what will come back with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The trash entry's id (what `restore` takes).
    pub id: i64,
    pub deleted_at: String,
    pub actor: String,
    /// `appeal`, `reception`, `meeting`, `question` or `plan_item`.
    pub table: String,
    /// The record's id before deletion (restored as is when free).
    pub row_id: i64,
    /// A short name of the record without personal data: the registration number of an
    /// appeal, the date of a meeting or reception, the beginning of a question or plan item.
    pub label: String,
    /// Rows deleted with it (broadcasts, remarks, questions, plan links).
    pub children: usize,
}

/// The records in the trash, newest first.
pub fn list(conn: &Db) -> Result<Vec<Entry>> {
    let mut st = conn.prepare(&format!(
        "SELECT {COLS} FROM trash WHERE parent IS NULL ORDER BY id DESC"
    ))?;
    let tops: Vec<Row> = st.query_map([], row)?.collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::with_capacity(tops.len());
    for top in tops {
        let children = group(conn, &top)?.len() - 1;
        out.push(Entry {
            id: top.id,
            label: label(&top),
            deleted_at: top.deleted_at,
            actor: top.actor,
            table: top.table,
            row_id: top.row_id,
            children,
        });
    }
    Ok(out)
}

fn label(r: &Row) -> String {
    let data: Map<String, Value> = serde_json::from_str(&r.data).unwrap_or_default();
    let text = |k: &str| {
        data.get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    match r.table.as_str() {
        "appeal" => text("reg_number"),
        "meeting" => {
            let held = text("held_on");
            if held.is_empty() {
                text("planned_on")
            } else {
                held
            }
        }
        "reception" => text("held_on"),
        "question" => excerpt(&text("text")),
        "plan_item" => excerpt(&text("problem")),
        _ => String::new(),
    }
}

fn excerpt(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        s.chars().take(MAX - 1).collect::<String>() + "…"
    }
}

/// The entry and the rows deleted with it, parents before children.
fn group(conn: &Db, top: &Row) -> Result<Vec<Row>> {
    let mut names: HashSet<String> = HashSet::from([format!("{}:{}", top.table, top.row_id)]);
    let mut out = vec![top.clone()];
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLS} FROM trash WHERE id < ?1 ORDER BY id DESC"
    ))?;
    let mut rows = st.query([top.id])?;
    while let Some(r) = rows.next()? {
        let r = row(r)?;
        match &r.parent {
            Some(p) if names.contains(p) => {
                names.insert(format!("{}:{}", r.table, r.row_id));
                out.push(r);
            }
            _ => break,
        }
    }
    Ok(out)
}

/// What a restore brought back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    pub table: String,
    /// The record's id now: the original one, or a new one when another record took it.
    pub row_id: i64,
    /// Rows re-inserted, the record included.
    pub rows: usize,
    /// Plan links left out because the plan item or question at their other end is gone.
    pub skipped: usize,
}

/// Restores trash entry `trash_id` with everything deleted with it, and records a 'restore'
/// entry in the audit trail for each row.
pub fn restore(tx: &Tx, trash_id: i64) -> Result<Restored> {
    tx.require(crate::secure::Role::Admin)?;
    let top = tx
        .query_row(
            &format!("SELECT {COLS} FROM trash WHERE id = ?1"),
            [trash_id],
            row,
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(Text::new("err.trash.not_found").arg("id", trash_id)))?;
    if top.parent.is_some() {
        return Err(Error::Other(
            Text::new("err.trash.part_of")
                .arg("id", trash_id)
                .arg("parent", top.parent.as_deref().unwrap_or("")),
        ));
    }
    let rows = group(tx, &top)?;
    let audit_before: i64 =
        tx.query_row("SELECT coalesce(max(id), 0) FROM audit_log", [], |r| {
            r.get(0)
        })?;
    let mut new_ids: HashMap<(String, i64), i64> = HashMap::new();
    let mut restored = 0;
    let mut skipped = 0;
    for r in &rows {
        if !TABLES.contains(&r.table.as_str()) {
            return Err(Error::Other(Text::new("err.trash.damaged").arg("id", r.id)));
        }
        let data: Map<String, Value> = serde_json::from_str(&r.data)
            .map_err(|_| Error::Other(Text::new("err.trash.damaged").arg("id", r.id)))?;
        match insert_row(tx, &top, r, data, &mut new_ids)? {
            true => restored += 1,
            false => skipped += 1,
        }
    }
    tx.execute(
        "UPDATE audit_log SET action = 'restore' WHERE id > ?1 AND action = 'insert'",
        [audit_before],
    )?;
    for r in rows.iter().filter(|r| r.table == "appeal") {
        let now = *new_ids
            .get(&(r.table.clone(), r.row_id))
            .unwrap_or(&r.row_id);
        relink_repeats(tx, r.row_id, now)?;
    }
    let ids: Vec<String> = rows.iter().map(|r| r.id.to_string()).collect();
    tx.execute(
        &format!("DELETE FROM trash WHERE id IN ({})", ids.join(", ")),
        [],
    )?;
    let row_id = *new_ids
        .get(&(top.table.clone(), top.row_id))
        .unwrap_or(&top.row_id);
    tracing::info!(table = %top.table, row_id, rows = restored, "restored from the trash");
    Ok(Restored {
        table: top.table,
        row_id,
        rows: restored,
        skipped,
    })
}

/// Points the appeals that repeated appeal `old` back at it, now restored as `now`. Deleting it
/// cleared their links (ON DELETE SET NULL), which the audit trail logged as updates
/// `{"repeated_of": [old, null]}` in the same statement as the deletion: those, and only those,
/// are undone, and only where the link is still empty.
fn relink_repeats(tx: &Tx, old: i64, now: i64) -> Result<()> {
    let deletion: Option<(i64, String)> = tx
        .query_row(
            "SELECT id, at FROM audit_log WHERE table_name = 'appeal' AND row_id = ?1
             AND action = 'delete' ORDER BY id DESC LIMIT 1",
            [old],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((deleted, at)) = deletion else {
        return Ok(());
    };
    let cleared = serde_json::json!({ "repeated_of": [old, null] }).to_string();
    let mut repeats = Vec::new();
    let mut st = tx.prepare_cached(
        "SELECT table_name = 'appeal' AND action = 'update' AND at = ?2 AND json(changes) = json(?3),
                row_id
         FROM audit_log WHERE id = ?1",
    )?;
    // The statement's own rows sit right beside the deletion's, before or after it.
    for step in [-1, 1] {
        let mut id = deleted + step;
        while let Some((true, row_id)) = st
            .query_row(params![id, at, cleared], |r| {
                Ok((r.get::<_, bool>(0)?, r.get::<_, i64>(1)?))
            })
            .optional()?
        {
            repeats.push(row_id);
            id += step;
        }
    }
    for id in repeats {
        tx.execute(
            "UPDATE appeal SET repeated_of = ?1 WHERE id = ?2 AND repeated = 1 AND repeated_of IS NULL",
            [now, id],
        )?;
    }
    Ok(())
}

fn exists(conn: &Db, table: &str, id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(&format!("SELECT 1 FROM {table} WHERE id = ?1"))?
        .exists([id])?)
}

/// Re-inserts one trashed row. Returns false when it is a plan link whose other end is gone.
fn insert_row(
    tx: &Tx,
    top: &Row,
    r: &Row,
    mut data: Map<String, Value>,
    new_ids: &mut HashMap<(String, i64), i64>,
) -> Result<bool> {
    // Parents restored under a new id: point the row at it.
    for (table, column, parent) in PARENT_COLUMNS {
        if *table != r.table {
            continue;
        }
        if let Some(old) = data.get(*column).and_then(Value::as_i64) {
            let id = *new_ids.get(&(parent.to_string(), old)).unwrap_or(&old);
            data.insert(column.to_string(), Value::from(id));
            if !exists(tx, parent, id)? {
                if r.table == "plan_item_question" {
                    return Ok(false);
                }
                return Err(Error::Other(
                    Text::new("err.trash.parent_gone")
                        .arg("id", top.id)
                        .arg("parent", format!("{parent}:{id}")),
                ));
            }
        }
    }
    // An earlier appeal it repeated may be gone: the link is a hint, not the record.
    if r.table == "appeal"
        && let Some(of) = data.get("repeated_of").and_then(Value::as_i64)
        && !exists(tx, "appeal", of)?
    {
        data.insert("repeated_of".into(), Value::Null);
    }
    let old_id = data.get("id").and_then(Value::as_i64);
    if let Some(id) = old_id
        && exists(tx, &r.table, id)?
    {
        data.remove("id");
    }
    let columns: HashSet<String> = {
        let mut st = tx.prepare_cached(&format!("PRAGMA table_info({})", r.table))?;
        st.query_map([], |c| c.get::<_, String>(1))?
            .collect::<rusqlite::Result<_>>()?
    };
    let (names, values): (Vec<String>, Vec<SqlValue>) = data
        .into_iter()
        .filter(|(k, _)| columns.contains(k))
        .map(|(k, v)| (k, sql_value(v)))
        .unzip();
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({})",
        r.table,
        names.join(", "),
        vec!["?"; names.len()].join(", ")
    );
    tx.execute(&sql, rusqlite::params_from_iter(values.iter()))
        .map_err(|e| restore_error(e, top, r))?;
    if let Some(old) = old_id {
        new_ids.insert((r.table.clone(), old), tx.last_insert_rowid());
    }
    Ok(true)
}

fn sql_value(v: Value) -> SqlValue {
    match v {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(b as i64),
        Value::Number(n) => match n.as_i64() {
            Some(i) => SqlValue::Integer(i),
            None => SqlValue::Real(n.as_f64().unwrap_or(0.0)),
        },
        Value::String(s) => SqlValue::Text(s),
        other => SqlValue::Text(other.to_string()),
    }
}

/// A refused re-insertion in the user's words: a registration number issued again meanwhile,
/// or a reference (reception, settlement…) that is gone.
fn restore_error(e: rusqlite::Error, top: &Row, r: &Row) -> Error {
    use rusqlite::ffi;
    if let rusqlite::Error::SqliteFailure(f, _) = &e {
        if f.extended_code == ffi::SQLITE_CONSTRAINT_UNIQUE && r.table == "appeal" {
            let number = serde_json::from_str::<Map<String, Value>>(&r.data)
                .ok()
                .and_then(|d| {
                    d.get("reg_number")
                        .and_then(Value::as_str)
                        .map(String::from)
                })
                .unwrap_or_default();
            return Error::Invalid(vec![Problem::new(
                Text::new("rec.appeal").arg("id", &number),
                "appeal.reg_number",
                Text::new("err.appeal.duplicate_number").arg("id", &number),
            )]);
        }
        if f.extended_code == ffi::SQLITE_CONSTRAINT_FOREIGNKEY {
            return Error::Other(Text::new("err.trash.reference_gone").arg("id", top.id));
        }
    }
    e.into()
}

/// Restores an entry in its own transaction (`estu trash restore ID`).
pub fn restore_entry(store: &mut crate::Store, trash_id: i64) -> Result<Restored> {
    store.write(|tx| restore(tx, trash_id))
}

//! The audit trail's seal: each row of `audit_log` has a row in `audit_seal` holding
//! SHA-256(previous row's seal, this row's fields). Changing a row changes its hash; deleting
//! one leaves its seal without a row (or, with the seal deleted too, breaks the next row's
//! link); a row put in from outside the program has no seal. `estu check` walks the chain and
//! names the first broken link.
//!
//! The seal proves the trail was not edited behind the program's back by someone without the
//! program's code path; it is not a signature (anyone with the key and this source could
//! recompute it). Erasure (the trash emptied, applicants anonymised) rewrites rows on purpose:
//! it re-seals from the first row it changed, and records itself in the trail.

use crate::error::Result;
use rusqlite::Connection;
use sha2::{Digest, Sha256};

/// The "previous seal" of the first row.
const GENESIS: &str = "estu-audit-genesis";

/// Where the chain first breaks, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Broken {
    /// The row's content or its link to the row before does not match its seal (the row was
    /// changed, or the row before it was deleted with its seal).
    Changed(i64),
    /// A seal without its row: the row was deleted.
    Missing(i64),
    /// A row with no seal: written outside the program.
    Unsealed(i64),
}

impl Broken {
    pub fn id(&self) -> i64 {
        match self {
            Broken::Changed(i) | Broken::Missing(i) | Broken::Unsealed(i) => *i,
        }
    }

    /// i18n key of the kind of break.
    pub fn key(&self) -> &'static str {
        match self {
            Broken::Changed(_) => "check.audit.changed",
            Broken::Missing(_) => "check.audit.missing",
            Broken::Unsealed(_) => "check.audit.unsealed",
        }
    }
}

struct Row {
    id: i64,
    at: String,
    actor: String,
    table: String,
    row_id: i64,
    action: String,
    changes: String,
}

const ROW_SQL: &str = "SELECT l.id, l.at, l.actor, l.table_name, l.row_id, l.action, l.changes";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok(Row {
        id: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        table: r.get(3)?,
        row_id: r.get(4)?,
        action: r.get(5)?,
        changes: r.get(6)?,
    })
}

fn hash(prev: &str, r: &Row) -> String {
    let mut h = Sha256::new();
    for part in [prev, &r.id.to_string(), &r.at, &r.actor, &r.table] {
        h.update(part.as_bytes());
        h.update([0x1f]);
    }
    for part in [&r.row_id.to_string(), &r.action, &r.changes] {
        h.update(part.as_bytes());
        h.update([0x1f]);
    }
    // By table, not `format!` per byte: a bulk load seals a million rows.
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(64);
    for b in h.finalize() {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    out
}

/// The last seal: (row id, hash), or (0, genesis).
fn last(conn: &Connection) -> Result<(i64, String)> {
    let found = conn
        .prepare_cached("SELECT id, hash FROM audit_seal ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)));
    match found {
        Ok(v) => Ok(v),
        Err(rusqlite::Error::QueryReturnedNoRows) => Ok((0, GENESIS.to_string())),
        Err(e) => Err(e.into()),
    }
}

/// Seals the rows written since the last seal (inside the writing transaction).
pub(crate) fn seal_pending(conn: &Connection) -> Result<()> {
    let (from, mut prev) = last(conn)?;
    let mut rows = conn.prepare_cached(&format!(
        "{ROW_SQL} FROM audit_log l WHERE l.id > ?1 ORDER BY l.id"
    ))?;
    let mut put = conn.prepare_cached("INSERT INTO audit_seal (id, hash) VALUES (?1, ?2)")?;
    let mut it = rows.query([from])?;
    while let Some(r) = it.next()? {
        let r = row(r)?;
        prev = hash(&prev, &r);
        put.execute(rusqlite::params![r.id, prev])?;
    }
    Ok(())
}

/// Re-seals from row `from` on, after rows were rewritten on purpose (erasure).
pub(crate) fn reseal_from(conn: &Connection, from: i64) -> Result<()> {
    conn.execute("DELETE FROM audit_seal WHERE id >= ?1", [from])?;
    seal_pending(conn)
}

/// Walks the whole chain; `None` when it is whole.
pub fn verify(db: &super::Db) -> Result<Option<Broken>> {
    let conn = db.sql();
    let orphan: Option<i64> = conn.query_row(
        "SELECT min(id) FROM audit_seal WHERE id NOT IN (SELECT id FROM audit_log)",
        [],
        |r| r.get(0),
    )?;
    let mut st = conn.prepare(&format!(
        "{ROW_SQL}, s.hash FROM audit_log l LEFT JOIN audit_seal s ON s.id = l.id ORDER BY l.id"
    ))?;
    let mut it = st.query([])?;
    let mut prev = GENESIS.to_string();
    let mut first: Option<Broken> = None;
    while let Some(r) = it.next()? {
        let sealed: Option<String> = r.get(7)?;
        let r = row(r)?;
        if orphan.is_some_and(|o| o < r.id) {
            break;
        }
        let expected = hash(&prev, &r);
        match sealed {
            None => {
                first = Some(Broken::Unsealed(r.id));
                break;
            }
            Some(s) if s != expected => {
                first = Some(Broken::Changed(r.id));
                break;
            }
            Some(s) => prev = s,
        }
    }
    Ok(match (first, orphan) {
        (Some(b), Some(o)) if o < b.id() => Some(Broken::Missing(o)),
        (None, Some(o)) => Some(Broken::Missing(o)),
        (b, _) => b,
    })
}

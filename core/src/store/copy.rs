//! Copies of the whole database file at SQLite's level: a consistent snapshot into a new file,
//! the check that a file is a whole Estu database, what a file holds, and loading a copy into
//! the open database. When, where and under which names copies are made is `safety::backup`'s.

use super::{APPLICATION_ID, Db, Store, migrations};
use crate::error::{Error, Result};
use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};
use std::fs;
use std::path::Path;
use std::time::Duration;

/// Writes a consistent snapshot of the database behind `src` into the new file `dest`: one
/// self-contained file, with no WAL beside it.
pub(crate) fn snapshot(src: &Db, dest: &Path) -> Result<()> {
    let mut dst = Connection::open(dest)?;
    // All pages in one step: one read snapshot, so a write by another connection meanwhile
    // (the app, while a background copy runs) cannot restart the copy.
    Backup::new(src.sql(), &mut dst)?.run_to_completion(
        i32::MAX,
        Duration::from_millis(50),
        None,
    )?;
    let _: String = dst.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    Ok(())
}

/// Replaces the open database's content with the file at `from`, in one step by the backup API
/// (the writer's lock stays held).
pub(crate) fn load_into(store: &mut Store, from: &Path) -> Result<()> {
    let src = read_only(from)?;
    Backup::new(&src, store.conn_mut())?.run_to_completion(
        1024,
        Duration::from_millis(10),
        None,
    )?;
    Ok(())
}

fn read_only(path: &Path) -> rusqlite::Result<Connection> {
    Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
}

/// Whose records a database holds, and how many: enough to tell one copy from another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contents {
    pub okrug_ru: String,
    pub okrug_kk: String,
    pub appeals: i64,
    pub meetings: i64,
    pub plan_items: i64,
}

/// What the open database holds.
pub(crate) fn contents(db: &Db) -> Result<Contents> {
    contents_of(db.sql())
}

/// What the database file at `path` holds, read without changing it; `None` when it cannot be
/// read (a damaged file may still say who it belongs to).
pub(crate) fn contents_of_file(path: &Path) -> Option<Contents> {
    contents_of(&read_only(path).ok()?).ok()
}

/// A setting of the database file at `path`, read without changing it; `None` when it is not
/// set or cannot be read (a damaged file).
pub(crate) fn setting_of_file(path: &Path, key: &str) -> Option<String> {
    read_only(path)
        .ok()?
        .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .ok()
}

fn contents_of(conn: &Connection) -> Result<Contents> {
    let count = |table: &str| -> Result<i64> {
        Ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
    };
    let (okrug_ru, okrug_kk) = conn.query_row(
        "SELECT org_name_ru, org_name_kk FROM okrug WHERE id = 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(Contents {
        okrug_ru,
        okrug_kk,
        appeals: count("appeal")?,
        meetings: count("meeting")?,
        plan_items: count("plan_item")?,
    })
}

/// SQLite's own checks of the open file: `integrity_check` and `foreign_key_check`, one line
/// per problem (none when the file is whole).
pub(crate) fn problems(db: &Db) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let integrity: Vec<String> = db
        .prepare("PRAGMA integrity_check")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if integrity != ["ok"] {
        out.extend(
            integrity
                .into_iter()
                .map(|s| format!("integrity_check: {s}")),
        );
    }
    let fk: Vec<String> = db
        .prepare("PRAGMA foreign_key_check")?
        .query_map([], |r| {
            Ok(format!(
                "foreign_key_check: {}#{}",
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    out.extend(fk);
    Ok(out)
}

/// Checks that `path` is a whole Estu database this program can open: `integrity_check` is ok,
/// the application id is Estu's, and the schema version is not newer than this program's.
/// Returns the schema version. Opens the file read-only: nothing in it changes.
pub fn verify(path: &Path) -> Result<i64> {
    let damaged = |detail: String| Error::Damaged {
        path: path.to_path_buf(),
        detail,
    };
    // A missing file or a folder is said as such, not as a damaged database.
    let meta = fs::metadata(path).map_err(|e| Error::file(path, e))?;
    if !meta.is_file() {
        return Err(Error::file(path, std::io::ErrorKind::IsADirectory.into()));
    }
    let conn = read_only(path).map_err(|e| damaged(e.to_string()))?;
    let header = (|| -> rusqlite::Result<(i32, i64)> {
        Ok((
            conn.query_row("PRAGMA application_id", [], |r| r.get(0))?,
            conn.query_row("PRAGMA user_version", [], |r| r.get(0))?,
        ))
    })();
    let (app, version) = match header {
        Ok(v) => v,
        Err(e) => {
            return Err(match Error::from(e) {
                Error::NotEstu(_) => Error::NotEstu(path.to_path_buf()),
                other => damaged(other.to_string()),
            });
        }
    };
    if app != APPLICATION_ID {
        return Err(Error::NotEstu(path.to_path_buf()));
    }
    if version > migrations::LATEST {
        return Err(Error::NewerDatabase {
            found: version,
            supported: migrations::LATEST,
        });
    }
    let mut st = conn
        .prepare("PRAGMA integrity_check")
        .map_err(|e| damaged(e.to_string()))?;
    let lines: Vec<String> = st
        .query_map([], |r| r.get(0))
        .and_then(|rows| rows.collect())
        .map_err(|e| damaged(e.to_string()))?;
    if lines != ["ok"] {
        return Err(damaged(
            lines.into_iter().take(3).collect::<Vec<_>>().join("; "),
        ));
    }
    if version < 1 {
        return Err(Error::NotEstu(path.to_path_buf()));
    }
    Ok(version)
}

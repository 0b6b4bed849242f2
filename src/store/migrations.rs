//! Schema versions. A new file gets `schema.sql` whole; an older file is brought up one version
//! at a time, each step in its own transaction, after an automatic backup of the file.

use super::Store;
use crate::error::Result;

/// The schema of a new database: the latest version.
pub const SCHEMA: &str = include_str!("../../schema.sql");

/// The schema version this program writes.
pub const LATEST: i64 = 1;

/// `STEPS[i]` upgrades a version-`i+1` file to version `i+2`.
const STEPS: &[&str] = &[];

/// Brings an opened file up to `LATEST`. Called by `Store::open` after the version check.
pub(crate) fn upgrade(store: &mut Store) -> Result<()> {
    let version: i64 = store
        .conn()
        .query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version >= LATEST {
        return Ok(());
    }
    let conn = store.conn_mut();
    for (i, step) in STEPS.iter().enumerate() {
        let from = i as i64 + 1;
        if version > from {
            continue;
        }
        let tx = conn.transaction()?;
        tx.execute_batch(step)?;
        tx.pragma_update(None, "user_version", from + 1)?;
        tx.commit()?;
    }
    Ok(())
}

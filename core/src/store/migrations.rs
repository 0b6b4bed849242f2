//! Schema versions. A new file gets `schema.sql` whole; an older file is brought up one version
//! at a time, each step in its own transaction, after an automatic backup of the file.
//!
//! Steps are frozen history: a later schema change is a new step (and a new `LATEST`), never an
//! edit of an old one. `tests/migrations.rs` upgrades a version-1 file made from
//! `tests/fixtures/schema_v1.sql` and checks it ends with exactly the objects of `schema.sql`.

use super::Store;
use crate::error::Result;

/// The schema of a new database: the latest version.
pub(crate) const SCHEMA: &str = include_str!("../../../schema.sql");

/// The schema version this program writes.
pub const LATEST: i64 = 6;

/// `STEPS[i]` upgrades a version-`i+1` file to version `i+2`.
const STEPS: &[&str] = &[
    include_str!("migration_v2.sql"),
    include_str!("migration_v3.sql"),
    include_str!("migration_v4.sql"),
    include_str!("migration_v5.sql"),
    include_str!("migration_v6.sql"),
];

/// Brings an opened file up to `LATEST`, after a verified backup (no backup, no upgrade).
/// Called by `Store::open` after the version check.
pub(crate) fn upgrade(store: &mut Store, before: super::BeforeUpgrade) -> Result<()> {
    let version: i64 = store
        .conn()
        .query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version >= LATEST {
        return Ok(());
    }
    before(store)?;
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
        tracing::info!(from, to = from + 1, "schema upgraded");
    }
    // The trail written before version 5 gets its seal now: from here on it is checked.
    let tx = conn.transaction()?;
    super::seal::seal_pending(&tx)?;
    tx.commit()?;
    Ok(())
}

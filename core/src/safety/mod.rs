//! Data safety: verified backups and restore (`backup`), the audit trail of a record
//! (`history`), the trash of deleted records (`trash`), and the check of the whole file (`check`).
//!
//! The audit trail and the trash are written by triggers in `schema.sql` (every insert, update
//! and delete of appeals, receptions, meetings with their broadcasts and remarks, questions and
//! plan items with their question links), inside the same transaction as the change itself: a
//! change and its audit entry are committed together or not at all.

pub mod backup;
pub mod check;
pub mod output;
pub mod restore;

use crate::error::Result;
use crate::store::Store;
use std::path::Path;

/// Opens an existing Estu database the safe way: an older schema is upgraded only after a
/// verified backup, and the day's first opening makes the day's copy (a failed copy does not
/// stop the opening: `Store::backup_problem` says why).
pub fn open(path: &Path) -> Result<Store> {
    let mut store = open_without_daily_backup(path)?;
    if let Err(e) = backup::auto_backup(&store) {
        tracing::info!(error = %e, "automatic backup failed");
        store.note_problem(e);
    }
    Ok(store)
}

/// Opens the file for a command that only reads (a list, an export, a form, a check): to write
/// when no other program does (an older schema is upgraded after its backup), else to read
/// beside it (`Store::is_read_only` says which). It makes no day's copy: nothing that only
/// reads waits for one; the commands that write and the app (in the background) make it.
pub fn open_or_read(path: &Path) -> Result<Store> {
    match open_without_daily_backup(path) {
        Err(crate::Error::Locked) => Store::open_read_only(path),
        other => other,
    }
}

/// `open` without the day's automatic copy, for a caller that makes it itself: the app
/// starts it on a thread (`backup::auto_backup_in_background`), since copying and checking
/// a large file takes seconds.
pub fn open_without_daily_backup(path: &Path) -> Result<Store> {
    Store::open_with(path, |s| backup::backup_before_migration(s).map(|_| ()))
}

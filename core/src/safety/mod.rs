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
use crate::secure::{Credentials, Keyring, Secret, key, keyring};
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

/// Unlocks the file at `path` for `creds` and returns who signs in: for an encrypted file the
/// keyring must unwrap the key (the key is then remembered for every connection this process
/// opens); an open file takes the name as given (no password protects it).
pub fn unlock(path: &Path, creds: Option<&Credentials>) -> Result<Option<String>> {
    let ring = match needs_password(path) {
        true => Keyring::load(path)?,
        false => None,
    };
    match ring {
        Some(ring) => {
            let creds = creds.ok_or_else(|| crate::Error::Encrypted(path.to_path_buf()))?;
            let (k, who) = ring.unlock(creds)?;
            key::remember(&k);
            Ok(Some(who))
        }
        None => Ok(creds.and_then(|c| c.user.clone())),
    }
}

/// Whether the file at `path` needs a password: it has a keyring beside it and is not a plain
/// SQLite file. A keyring beside a plain file was left by a conversion that did not finish
/// (`secure::convert`): the file is still the plain one and opens as it is.
pub fn needs_password(path: &Path) -> bool {
    keyring::path_for(path).exists() && !key::is_plain(path)
}

/// `open` as the user `creds` names (see `unlock`); the user's role limits every write.
pub fn open_as(path: &Path, creds: Option<&Credentials>) -> Result<Store> {
    let who = unlock(path, creds)?;
    let mut store = open(path)?;
    sign_in(&mut store, who, creds)?;
    Ok(store)
}

/// `open_or_read` as the user `creds` names.
pub fn open_or_read_as(path: &Path, creds: Option<&Credentials>) -> Result<Store> {
    let who = unlock(path, creds)?;
    let mut store = open_or_read(path)?;
    sign_in(&mut store, who, creds)?;
    Ok(store)
}

/// Signs `who` in; with the recovery code, an active administrator when the one named by the
/// keyring was deactivated.
fn sign_in(store: &mut Store, who: Option<String>, creds: Option<&Credentials>) -> Result<()> {
    let Some(who) = who else {
        return Ok(());
    };
    // An open file without accounts (a test's, a script's, the open demo) has no one to sign
    // in: the name is recorded as given, with an administrator's rights, as on any open file.
    if store.key().is_none() && crate::store::accounts::list(store.conn())?.is_empty() {
        store.set_actor(&who);
        return Ok(());
    }
    match store.sign_in(&who) {
        Err(crate::Error::WrongPassword)
            if matches!(creds.map(|c| &c.secret), Some(Secret::Recovery(_))) =>
        {
            let admin = crate::store::accounts::list(store.conn())?
                .into_iter()
                .find(|a| a.active && a.role == crate::secure::Role::Admin)
                .ok_or(crate::Error::WrongPassword)?;
            store.sign_in(&admin.name)
        }
        other => other,
    }
}

//! Converting an existing open (unencrypted) database into an encrypted one, on request.
//!
//! A verified copy of the open file is made first; the encrypted file is written beside it by
//! SQLCipher's `sqlcipher_export`, checked, given its keyring and only then put in the
//! database's place. The old plain file's content survives in that copy and in every older
//! plain backup: the caller is told which files they are (`Converted::plain_copies`) and
//! offered to delete them (`delete_plain`).

use super::{DbKey, Keyring, RecoveryCode, Role, key, keyring};
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::safety::{backup, output};
use crate::store::{Store, accounts};
use std::fs;
use std::path::{Path, PathBuf};

/// What a conversion did.
#[derive(Debug)]
pub struct Converted {
    /// Shown once: opens the file when every password is lost.
    pub recovery: RecoveryCode,
    /// Plain copies still holding the data unencrypted: the copy made first and the older
    /// backups. They must be deleted (or kept locked away).
    pub plain_copies: Vec<PathBuf>,
}

/// Encrypts the open file at `db`; `admin` becomes (or stays) an administrator and signs in
/// with `password` from now on.
pub fn encrypt_file(db: &Path, admin: &str, password: &str) -> Result<Converted> {
    let store = crate::safety::open_without_daily_backup(db)?;
    if store.key().is_some() {
        return Err(Error::Other(
            Text::new("err.convert.already").arg("path", db.display()),
        ));
    }
    store.require(Role::Admin)?;
    backup::backup_now(&store)?;
    let new_key = DbKey::random();
    let (ring, recovery) = Keyring::new(&new_key, admin, password)?;
    let tmp = output::partial_name(db);
    output::remove_with_sides(&tmp);
    let made = export(&store, &tmp, &new_key).and_then(|()| {
        key::remember(&new_key);
        add_admin(&tmp, admin)?;
        backup::verify(&tmp).map(|_| ())
    });
    if let Err(e) = made {
        output::remove_with_sides(&tmp);
        return Err(e);
    }
    let dir = backup::backup_dir(&store)?;
    // The plain file's WAL must not outlive it: closing the last connection checkpoints it.
    drop(store);
    ring.save(db)?;
    if let Err(e) = fs::rename(&tmp, db) {
        // The plain file stays: its keyring goes (`safety::needs_password` ignores one beside a
        // plain file anyway, should this process die here).
        let _ = fs::remove_file(keyring::path_for(db));
        output::remove_with_sides(&tmp);
        return Err(Error::file(db, e));
    }
    output::sync_dir(db);
    for side in ["-wal", "-shm"] {
        let mut p = db.as_os_str().to_owned();
        p.push(side);
        let _ = fs::remove_file(PathBuf::from(p));
    }
    Ok(Converted {
        recovery,
        plain_copies: plain_in(&dir),
    })
}

/// Writes the encrypted copy of the store's file to `tmp`.
fn export(store: &Store, tmp: &Path, k: &DbKey) -> Result<()> {
    // The writer's connection is opened without SQLITE_OPEN_CREATE, and ATTACH opens with the
    // same flags: the new file is made first, empty (to SQLite an empty file is a new database).
    fs::File::create(tmp).map_err(|e| Error::file(tmp, e))?;
    output::make_private(tmp);
    key::export_encrypted(store.conn(), tmp, k)?;
    output::make_private(tmp);
    Ok(())
}

/// Gives `admin` an administrator's account in the new file (the file's key is remembered).
fn add_admin(tmp: &Path, admin: &str) -> Result<()> {
    let mut s = Store::open_with(tmp, |_| Ok(()))?;
    s.set_actor(admin);
    s.write(|tx| match accounts::by_name(tx, admin)? {
        Some(a) => accounts::update(tx, a.id, Role::Admin, true),
        None => accounts::add(tx, admin, Role::Admin).map(|_| ()),
    })?;
    crate::store::erasure::truncate_wal(&s)
}

/// The copies in `dir` that are plain SQLite files (readable without a key).
pub fn plain_in(dir: &Path) -> Vec<PathBuf> {
    backup::copies_in(dir)
        .into_iter()
        .filter(|p| !key::is_encrypted(p) && fs::metadata(p).is_ok_and(|m| m.len() > 0))
        .collect()
}

/// Deletes the plain copies listed by a conversion. Returns how many were deleted. The bytes
/// may stay on the disk's free space until overwritten: that is said to the user.
pub fn delete_plain(copies: &[PathBuf]) -> Result<usize> {
    let mut n = 0;
    for p in copies {
        if key::is_encrypted(p) {
            continue;
        }
        fs::remove_file(p).map_err(|e| Error::file(p, e))?;
        let _ = fs::remove_file(keyring::path_for(p));
        n += 1;
    }
    Ok(n)
}

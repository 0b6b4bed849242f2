//! Creating a database file whole or not at all. A new file is built under a temporary name
//! beside it (`<db>.partial`, locked while it is built) and gets its name only when it holds
//! the schema, the okrug's profile and whatever the caller adds (an import): a kill or a refusal
//! leaves no file at the name, so the next attempt is never refused because of the last one.

use super::{OkrugProfile, Store, WriterLock, accounts, configure_new, lock};
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::safety::output;
use crate::secure::{DbKey, Keyring, RecoveryCode, Role, key, keyring};
use std::fs;
use std::path::Path;

impl Store {
    /// Creates a new database at `path` (which must not exist) with the okrug's profile, lets
    /// `fill` add to it in the same unfinished file, and only then gives it its name. When
    /// `fill` fails, nothing is left at `path` nor beside it.
    ///
    /// The file is open (unencrypted): for tests, benchmarks and the demo made without a
    /// password. Real files are made by `create_encrypted_with`.
    pub fn create_with<T>(
        path: &Path,
        profile: &OkrugProfile,
        fill: impl FnOnce(&mut Store) -> Result<T>,
    ) -> Result<(Store, T)> {
        create_file(path, profile, None, fill)
    }

    /// Creates a new encrypted database at `path`: a random key, wrapped in the keyring beside
    /// the file (`<db>.keys`) for the first administrator `admin` (whose account is made) and
    /// for a recovery code, returned to be shown once. `admin` is signed in on the returned
    /// store.
    pub fn create_encrypted_with<T>(
        path: &Path,
        profile: &OkrugProfile,
        admin: &str,
        password: &str,
        fill: impl FnOnce(&mut Store) -> Result<T>,
    ) -> Result<(Store, T, RecoveryCode)> {
        let key = DbKey::random();
        let (ring, code) = Keyring::new(&key, admin, password)?;
        let (store, out) = create_file(path, profile, Some((&key, &ring)), fill)?;
        Ok((store, out, code))
    }

    /// `create_encrypted_with` with nothing more in the new file.
    pub fn create_encrypted(
        path: &Path,
        profile: &OkrugProfile,
        admin: &str,
        password: &str,
    ) -> Result<(Store, RecoveryCode)> {
        let (store, (), code) =
            Self::create_encrypted_with(path, profile, admin, password, |_| Ok(()))?;
        Ok((store, code))
    }
}

fn create_file<T>(
    path: &Path,
    profile: &OkrugProfile,
    keys: Option<(&DbKey, &Keyring)>,
    fill: impl FnOnce(&mut Store) -> Result<T>,
) -> Result<(Store, T)> {
    refuse_existing(path)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(|e| Error::file(dir, e))?;
    }
    let tmp = output::partial_name(path);
    let guard = Unfinished::start(&tmp)?;
    let admin = keys.map(|(_, ring)| ring.admin().to_string());
    let out = build(&tmp, profile, keys.map(|(k, _)| k), admin.as_deref(), fill)?;
    if let Some((k, ring)) = keys {
        // The keyring first: a database without its keyring could never be opened.
        ring.save(path)?;
        key::remember(k);
    }
    if let Err(e) = guard.publish(path) {
        if keys.is_some() {
            let _ = fs::remove_file(keyring::path_for(path));
        }
        return Err(e);
    }
    // Made at the latest version just now: there is nothing to upgrade.
    let mut store = Store::open_with(path, |_| Ok(()))?;
    if let Some(admin) = admin {
        store.sign_in(&admin)?;
    }
    Ok((store, out))
}

fn refuse_existing(path: &Path) -> Result<()> {
    if fs::symlink_metadata(path).is_ok() {
        return Err(Error::Other(
            Text::new("err.db.exists").arg("path", path.display()),
        ));
    }
    Ok(())
}

/// Builds the database in the temporary file. A rollback journal, not WAL: the file must be
/// complete in itself when it is renamed.
fn build<T>(
    tmp: &Path,
    profile: &OkrugProfile,
    key: Option<&DbKey>,
    admin: Option<&str>,
    fill: impl FnOnce(&mut Store) -> Result<T>,
) -> Result<T> {
    let conn = key::create(tmp, key)?;
    configure_new(&conn)?;
    let mut store = Store::with(conn, Some(tmp), None);
    store.key = key.cloned();
    if let Some(admin) = admin {
        store.set_actor(admin);
    }
    store.init(profile)?;
    if let Some(admin) = admin {
        store.write(|tx| accounts::add(tx, admin, Role::Admin))?;
        store.sign_in(admin)?;
    }
    fill(&mut store)
}

/// The temporary file while it is built: locked against a second program creating the same
/// database, removed (with its journal) unless it was published.
struct Unfinished<'a> {
    tmp: &'a Path,
    lock: Option<WriterLock>,
}

impl<'a> Unfinished<'a> {
    fn start(tmp: &'a Path) -> Result<Unfinished<'a>> {
        // The file must exist to be locked; what a killed earlier attempt left is emptied once
        // the lock says no one else is building it.
        let f = output::private_options()
            .write(true)
            .create(true)
            .truncate(false)
            .open(tmp)
            .map_err(|e| Error::file(tmp, e))?;
        let lock = lock(tmp)?;
        f.set_len(0).map_err(|e| Error::file(tmp, e))?;
        for side in ["-journal", "-wal", "-shm"] {
            let mut p = tmp.as_os_str().to_owned();
            p.push(side);
            let _ = fs::remove_file(p);
        }
        Ok(Unfinished {
            tmp,
            lock: Some(lock),
        })
    }

    /// Syncs the finished file and gives it the name `path`, never over a file that appeared
    /// there meanwhile (a hard link fails if the name is taken; a plain rename is the fallback
    /// for disks without links).
    fn publish(mut self, path: &Path) -> Result<()> {
        let f = fs::File::open(self.tmp).map_err(|e| Error::file(self.tmp, e))?;
        f.sync_all().map_err(|e| Error::file(path, e))?;
        drop(f);
        refuse_existing(path)?;
        match fs::hard_link(self.tmp, path) {
            Ok(()) => {
                let _ = fs::remove_file(self.tmp);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(Error::Other(
                    Text::new("err.db.exists").arg("path", path.display()),
                ));
            }
            Err(_) => fs::rename(self.tmp, path).map_err(|e| Error::file(path, e))?,
        }
        output::sync_dir(path);
        self.release();
        Ok(())
    }

    /// Lets go of the lock (and on Windows of its side file) so the finished file can open.
    fn release(&mut self) {
        if self.lock.take().is_some() && cfg!(not(unix)) {
            let _ = fs::remove_file(super::lock_path(self.tmp));
        }
    }
}

impl Drop for Unfinished<'_> {
    fn drop(&mut self) {
        if self.lock.is_some() {
            self.release();
            output::remove_with_sides(self.tmp);
        }
    }
}

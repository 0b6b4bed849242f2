//! Managing who may open the file: accounts (in the database, audited) and their passwords
//! (in the keyring beside it). Adding, changing the role of and deactivating an account is the
//! administrator's; a user may change their own password.

use super::Role;
use super::keyring::{self, Keyring, Wrapped};
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::safety::backup;
use crate::store::{Store, accounts};
use std::path::PathBuf;

fn db(store: &Store) -> Result<PathBuf> {
    backup::db_path(store)
}

/// The keyring of an encrypted store; `None` for an open file (no passwords).
fn ring(store: &Store) -> Result<Option<Keyring>> {
    if store.key().is_none() {
        return Ok(None);
    }
    let path = db(store)?;
    Keyring::load(&path)?.map(Some).ok_or_else(|| {
        Error::Other(
            Text::new("err.keyring.missing").arg("path", keyring::path_for(&path).display()),
        )
    })
}

/// `password` wrapped for `name` when the store is encrypted (`None` for an open file, which
/// has no passwords).
fn wrapped(store: &Store, name: &str, password: &str) -> Result<Option<Wrapped>> {
    store
        .key()
        .map(|k| Wrapped::new(k, name, password))
        .transpose()
}

/// The wrapped password an encrypted file needs.
fn given(w: Option<Wrapped>) -> Result<Wrapped> {
    w.ok_or_else(|| Error::Other(Text::new("err.password.not_given")))
}

/// Adds an account with `role` and its password.
pub fn add(store: &mut Store, name: &str, role: Role, password: &str) -> Result<()> {
    store.require(Role::Admin)?;
    let w = wrapped(store, name, password)?;
    add_wrapped(store, name, role, w)
}

/// `add` with the password wrapped beforehand (`Wrapped::new`, on a thread of its own).
pub fn add_wrapped(store: &mut Store, name: &str, role: Role, w: Option<Wrapped>) -> Result<()> {
    store.require(Role::Admin)?;
    let mut ring = ring(store)?;
    if let Some(r) = ring.as_mut() {
        r.put(given(w)?.named(name)?);
    }
    store.write(|tx| accounts::add(tx, name, role))?;
    if let Some(r) = ring {
        r.save(&db(store)?)?;
    }
    Ok(())
}

/// Sets `name`'s password: the administrator for anyone, a user for themselves.
pub fn set_password(store: &mut Store, name: &str, password: &str) -> Result<()> {
    may_set_password(store, name)?;
    let w = wrapped(store, name, password)?;
    set_wrapped(store, name, w)
}

/// Refuses unless the signed-in user may set `name`'s password (their own, or an
/// administrator anyone's).
pub fn may_set_password(store: &Store, name: &str) -> Result<()> {
    let own = store
        .user()
        .is_some_and(|u| u.name.trim().to_lowercase() == name.trim().to_lowercase());
    if own {
        Ok(())
    } else {
        store.require(Role::Admin)
    }
}

/// `set_password` with the password wrapped beforehand (`Wrapped::new`, on a thread of its
/// own).
pub fn set_wrapped(store: &mut Store, name: &str, w: Option<Wrapped>) -> Result<()> {
    may_set_password(store, name)?;
    let account = accounts::by_name(store.conn(), name)?
        .ok_or_else(|| Error::NotFound(Text::new("err.account.unknown").arg("name", name)))?;
    let mut ring = ring(store)?;
    if let Some(r) = ring.as_mut() {
        r.put(given(w)?.named(&account.name)?);
    }
    store.write_any_role(|tx| accounts::note_password_changed(tx, account.id))?;
    if let Some(r) = ring {
        r.save(&db(store)?)?;
    }
    Ok(())
}

/// Changes an account's role and whether it may sign in; a deactivated account's password is
/// removed from the keyring (it no longer opens the file).
pub fn update(store: &mut Store, name: &str, role: Role, active: bool) -> Result<()> {
    store.require(Role::Admin)?;
    let account = accounts::by_name(store.conn(), name)?
        .ok_or_else(|| Error::NotFound(Text::new("err.account.unknown").arg("name", name)))?;
    store.write(|tx| accounts::update(tx, account.id, role, active))?;
    if !active && let Some(mut r) = ring(store)? {
        r.remove(&account.name);
        r.save(&db(store)?)?;
    }
    Ok(())
}

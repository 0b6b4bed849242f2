//! Staff accounts: who may sign in, with which role. Adding one, changing a role or
//! deactivating one is the administrator's (`Tx::require`) and is audited (triggers on
//! `account`). The password of each lives in the keyring beside the file, not here.

use super::{Db, Tx};
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::secure::Role;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub active: bool,
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Account> {
    let role: String = r.get(2)?;
    Ok(Account {
        id: r.get(0)?,
        name: r.get(1)?,
        role: Role::parse(&role).unwrap_or(Role::Viewer),
        active: r.get::<_, i64>(3)? == 1,
    })
}

/// Every account, by name.
pub fn list(db: &Db) -> Result<Vec<Account>> {
    Ok(db
        .prepare("SELECT id, name, role, active FROM account ORDER BY name")?
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

/// The account called `name` (case does not matter, Cyrillic included).
pub fn by_name(db: &Db, name: &str) -> Result<Option<Account>> {
    let wanted = name.trim().to_lowercase();
    Ok(list(db)?
        .into_iter()
        .find(|a| a.name.trim().to_lowercase() == wanted))
}

/// Adds an account; the name must be new.
pub fn add(tx: &Tx, name: &str, role: Role) -> Result<i64> {
    tx.require(Role::Admin)?;
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::invalid(
            Text::new("rec.account").arg("name", ""),
            "account.name",
            Text::new("err.required"),
        ));
    }
    if by_name(tx, name)?.is_some() {
        return Err(Error::invalid(
            Text::new("rec.account").arg("name", name),
            "account.name",
            Text::new("err.account.exists"),
        ));
    }
    tx.execute(
        "INSERT INTO account (name, role) VALUES (?1, ?2)",
        [name, role.code()],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Changes an account's role and whether it may sign in. The last active administrator
/// stays one: someone must be able to manage users.
pub fn update(tx: &Tx, id: i64, role: Role, active: bool) -> Result<()> {
    tx.require(Role::Admin)?;
    let others: i64 = tx.query_row(
        "SELECT count(*) FROM account WHERE role = 'admin' AND active = 1 AND id <> ?1",
        [id],
        |r| r.get(0),
    )?;
    if others == 0 && (role != Role::Admin || !active) {
        return Err(Error::Other(Text::new("err.account.last_admin")));
    }
    tx.execute(
        "UPDATE account SET role = ?1, active = ?2 WHERE id = ?3",
        rusqlite::params![role.code(), active as i64, id],
    )?;
    Ok(())
}

/// Records in the audit trail that `id`'s password was changed (the password itself is in the
/// keyring, never in the file).
pub(crate) fn note_password_changed(tx: &Tx, id: i64) -> Result<()> {
    tx.execute(
        "INSERT INTO audit_log (actor, table_name, row_id, action, changes)
         SELECT actor, 'account', ?1, 'update', '{\"password\":[null,\"changed\"]}'
         FROM audit_context WHERE id = 1",
        [id],
    )?;
    Ok(())
}

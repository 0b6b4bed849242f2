//! The idle lock: after this many minutes without input the app hides the file and asks for a
//! password again. A setting of the file (every window on it locks alike), changed by an
//! administrator only (a staff member must not switch the protection off) and audited.

use super::Role;
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::store::{Db, Store, erasure, reference};

/// The setting's key in the file.
pub const SETTING: &str = "ui.lock_minutes";
/// Without a setting: ten minutes, the usual screen lock of an office computer.
pub const DEFAULT_MINUTES: u32 = 10;
/// The longest idle time accepted: half a working day. Longer is the same as no lock.
pub const MAX_MINUTES: u32 = 240;

/// The file's idle time before the lock (the default when unset or unreadable).
pub fn minutes(conn: &Db) -> u32 {
    reference::setting(conn, SETTING)
        .ok()
        .flatten()
        .and_then(|m| check(m.trim()).ok())
        .unwrap_or(DEFAULT_MINUTES)
}

/// Minutes as typed: a whole number from 1 to `MAX_MINUTES`, else a message saying which
/// rule the value broke.
pub fn check(typed: &str) -> Result<u32> {
    let typed = typed.trim();
    let refuse = |key: &str| {
        Err(Error::Other(
            Text::new(key).arg("value", typed).arg("max", MAX_MINUTES),
        ))
    };
    match typed.parse::<u64>() {
        Err(_) => refuse("err.lock.not_number"),
        Ok(0) => refuse("err.lock.zero"),
        Ok(m) if m > u64::from(MAX_MINUTES) => refuse("err.lock.too_long"),
        Ok(m) => Ok(m as u32),
    }
}

/// Sets the idle time from what was typed; an administrator's change, audited.
pub fn set(store: &mut Store, typed: &str) -> Result<u32> {
    store.require(Role::Admin)?;
    let minutes = check(typed)?;
    store.write(|tx| {
        tx.require(Role::Admin)?;
        reference::set_setting(tx, SETTING, &minutes.to_string())?;
        erasure::note(
            tx,
            "setting",
            "update",
            &serde_json::json!({ SETTING: [null, minutes] }),
        )
    })?;
    Ok(minutes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_are_a_whole_number_from_one_to_the_maximum() {
        assert_eq!(check(" 15 ").unwrap(), 15);
        assert_eq!(check("240").unwrap(), MAX_MINUTES);
        for (typed, key) in [
            ("0", "err.lock.zero"),
            ("десять", "err.lock.not_number"),
            ("1.5", "err.lock.not_number"),
            ("-3", "err.lock.not_number"),
            ("", "err.lock.not_number"),
            ("241", "err.lock.too_long"),
            ("99999999999999999999", "err.lock.not_number"),
        ] {
            match check(typed) {
                Err(Error::Other(t)) => assert_eq!(t.key, key, "{typed:?}"),
                other => panic!("{typed:?}: {other:?}"),
            }
        }
    }
}

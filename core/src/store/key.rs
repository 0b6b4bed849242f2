//! The database key and every connection's opening: plain files open as they are, encrypted
//! ones with the key unlocked in this process.
//!
//! Keys unlocked by a sign-in are remembered for the life of the process (`remember`), so that
//! every connection to the file or to its backups — the writer, the journal's reader thread,
//! the day's copy on its thread, `verify`, a restore's source — opens without the key being
//! passed through each of them. They live in memory only, zeroed when forgotten.

use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::sync::Mutex;
use zeroize::Zeroize;

/// SQLite's magic: the first 16 bytes of every unencrypted database.
const MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// A 256-bit SQLCipher key.
#[derive(Clone, PartialEq, Eq)]
pub struct DbKey([u8; 32]);

impl std::fmt::Debug for DbKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DbKey(…)")
    }
}

impl Drop for DbKey {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl DbKey {
    /// A new random key from the operating system's generator.
    pub fn random() -> DbKey {
        let mut k = [0u8; 32];
        fill_random(&mut k);
        DbKey(k)
    }

    pub(crate) fn from_bytes(b: [u8; 32]) -> DbKey {
        DbKey(b)
    }

    pub(crate) fn bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Keys `conn` (which must not have read anything yet). SQLCipher's own log lines (English,
    /// on stderr) are turned off first: the user hears only the program's message.
    pub fn apply(&self, conn: &Connection) -> Result<()> {
        quiet(conn);
        let mut hex = String::with_capacity(64);
        for b in self.0 {
            hex.push_str(&format!("{b:02x}"));
        }
        let mut pragma = format!("PRAGMA key = \"x'{hex}'\"");
        let r = conn.execute_batch(&pragma);
        pragma.zeroize();
        hex.zeroize();
        r?;
        Ok(())
    }
}

/// Fills `buf` from the operating system's random generator.
pub(crate) fn fill_random(buf: &mut [u8]) {
    use chacha20poly1305::aead::rand_core::RngCore;
    chacha20poly1305::aead::OsRng.fill_bytes(buf);
}

/// Turns SQLCipher's logging off (its default writes `ERROR CORE …` lines to stderr on a wrong
/// key). A plain SQLite would fail the pragma silently: nothing to do there.
fn quiet(conn: &Connection) {
    let _ = conn.execute_batch("PRAGMA cipher_log_level = NONE;");
}

static KNOWN: Mutex<Vec<DbKey>> = Mutex::new(Vec::new());

/// Remembers an unlocked key for the connections this process opens later.
pub fn remember(key: &DbKey) {
    let mut known = KNOWN.lock().unwrap_or_else(|e| e.into_inner());
    if !known.contains(key) {
        known.push(key.clone());
    }
}

/// Forgets every unlocked key (the app's lock screen, a sign-out).
pub fn forget_all() {
    KNOWN.lock().unwrap_or_else(|e| e.into_inner()).clear();
}

fn known() -> Vec<DbKey> {
    KNOWN.lock().unwrap_or_else(|e| e.into_inner()).clone()
}

/// Whether the file at `path` is encrypted: it exists, has content and does not start with
/// SQLite's magic header.
/// Whether the file at `path` is a plain SQLite database (its header says so).
pub fn is_plain(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 16];
    std::fs::File::open(path).is_ok_and(|mut f| f.read_exact(&mut head).is_ok() && &head == MAGIC)
}

pub fn is_encrypted(path: &Path) -> bool {
    use std::io::Read;
    let Ok(mut f) = std::fs::File::open(path) else {
        return false;
    };
    let mut head = [0u8; 16];
    match f.read_exact(&mut head) {
        Ok(()) => &head != MAGIC,
        Err(_) => false,
    }
}

/// Opens `path` with `flags`: as it is when it is a plain database (or new, or not a database
/// at all: the caller's checks say so), with the key that opens it when it is encrypted.
/// An encrypted file no unlocked key opens is `Error::Encrypted`.
pub fn open(path: &Path, flags: OpenFlags) -> Result<Connection> {
    Ok(open_keyed(path, flags)?.0)
}

/// `open`, also returning the key that opened the file (`None` for a plain one): a backup copy
/// of the file is written with it.
pub fn open_keyed(path: &Path, flags: OpenFlags) -> Result<(Connection, Option<DbKey>)> {
    if !is_encrypted(path) {
        let conn = Connection::open_with_flags(path, flags)?;
        quiet(&conn);
        return Ok((conn, None));
    }
    for key in known() {
        let conn = Connection::open_with_flags(path, flags)?;
        key.apply(&conn)?;
        if conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
                r.get::<_, i64>(0)
            })
            .is_ok()
        {
            return Ok((conn, Some(key)));
        }
    }
    if crate::secure::keyring::path_for(path).exists() {
        return Err(Error::Encrypted(path.to_path_buf()));
    }
    Err(Error::NotEstu(path.to_path_buf()))
}

/// Whether an encrypted-looking file may be an Estu database this process can try: a keyring
/// lies beside it, or a key was unlocked (a backup copy of the open file). Anything else that
/// does not start with SQLite's header is not a database.
pub fn openable(path: &Path) -> bool {
    crate::secure::keyring::path_for(path).exists() || !known().is_empty()
}

/// Opens (creating) the new file `path` encrypted with `key`, or plain when `key` is `None`.
pub fn create(path: &Path, key: Option<&DbKey>) -> Result<Connection> {
    let conn = Connection::open(path)?;
    quiet(&conn);
    if let Some(k) = key {
        k.apply(&conn)?;
    }
    Ok(conn)
}

/// Writes the whole database behind `db` into the new file `tmp`, encrypted with `k`
/// (SQLCipher's `sqlcipher_export`), with the same schema version and application id.
pub(crate) fn export_encrypted(db: &super::Db, tmp: &Path, k: &DbKey) -> Result<()> {
    let conn = db.sql();
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let mut hex: String = k.bytes().iter().map(|b| format!("{b:02x}")).collect();
    let tmp_str = tmp.to_string_lossy().into_owned();
    let mut key_arg = format!("x'{hex}'");
    hex.zeroize();
    let attached = conn.execute(
        "ATTACH DATABASE ?1 AS encrypted KEY ?2",
        [tmp_str.as_str(), key_arg.as_str()],
    );
    key_arg.zeroize();
    attached?;
    let done = (|| -> rusqlite::Result<()> {
        conn.query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))?;
        conn.execute_batch(&format!(
            "PRAGMA encrypted.user_version = {version};
             PRAGMA encrypted.application_id = {};",
            super::APPLICATION_ID
        ))
    })();
    conn.execute_batch("DETACH DATABASE encrypted")?;
    done?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_keyed_file_shows_no_plaintext_and_opens_only_with_its_key() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("k.db");
        let key = DbKey::random();
        {
            let c = create(&p, Some(&key)).unwrap();
            c.execute_batch("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('Жумабекова');")
                .unwrap();
        }
        assert!(is_encrypted(&p));
        let bytes = std::fs::read(&p).unwrap();
        let needle = "Жумабекова".as_bytes();
        assert!(!bytes.windows(needle.len()).any(|w| w == needle));
        let other = DbKey::random();
        let c = Connection::open(&p).unwrap();
        other.apply(&c).unwrap();
        let e = c
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
                r.get::<_, i64>(0)
            })
            .unwrap_err();
        assert!(matches!(Error::from(e), Error::NotEstu(_)));
        let c = Connection::open(&p).unwrap();
        key.apply(&c).unwrap();
        let x: String = c.query_row("SELECT x FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(x, "Жумабекова");
    }
}

//! The keyring beside an encrypted database (`<db>.keys`): the one random database key,
//! wrapped once per user with a key derived from that user's password (Argon2id), and once
//! with the recovery code shown at creation.
//!
//! It holds nothing readable without a password or the code: each wrap is ChaCha20-Poly1305
//! with the user's name as associated data, so an entry cannot be moved to another name. A
//! lost password is replaced by an administrator (or through the recovery code); a lost
//! recovery code together with every password is lost data — nothing else unwraps the key.
//! Every backup copy gets a copy of the keyring beside it (`<copy>.keys`), so a copy on a USB
//! stick opens on another computer with the passwords or the code of the day it was taken.

use super::key::{DbKey, fill_random};
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::safety::output::{self, Protected};
use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Nonce};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use zeroize::{Zeroize, Zeroizing};

const FORMAT: &str = "estu-keyring-1";

/// Argon2id cost (OWASP's recommendation: 19 MiB, 2 passes, 1 lane): about 50 ms per sign-in.
const M_KIB: u32 = 19 * 1024;
const T: u32 = 2;
const P: u32 = 1;

/// What a user gives to open an encrypted file.
#[derive(Clone)]
pub enum Secret {
    Password(Zeroizing<String>),
    Recovery(Zeroizing<String>),
}

/// Who signs in and how. Without a name, the administrator created first signs in.
#[derive(Clone)]
pub struct Credentials {
    pub user: Option<String>,
    pub secret: Secret,
}

impl Credentials {
    pub fn password(user: Option<&str>, password: &str) -> Credentials {
        Credentials {
            user: user.map(|u| u.trim().to_string()).filter(|u| !u.is_empty()),
            secret: Secret::Password(Zeroizing::new(password.to_string())),
        }
    }

    pub fn recovery(code: &str) -> Credentials {
        Credentials {
            user: None,
            secret: Secret::Recovery(Zeroizing::new(code.to_string())),
        }
    }
}

/// The recovery code: 160 random bits in Crockford's base32, in groups of four.
#[derive(Clone, PartialEq, Eq)]
pub struct RecoveryCode(Zeroizing<String>);

impl RecoveryCode {
    fn random() -> RecoveryCode {
        const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        let mut raw = Zeroizing::new([0u8; 32]);
        fill_random(&mut raw[..]);
        let chars: String = raw
            .iter()
            .map(|b| ALPHABET[(b & 31) as usize] as char)
            .collect();
        let grouped = chars
            .as_bytes()
            .chunks(4)
            .map(|c| std::str::from_utf8(c).unwrap_or_default())
            .collect::<Vec<_>>()
            .join("-");
        RecoveryCode(Zeroizing::new(grouped))
    }

    /// The code as shown and printed.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A typed code as the keyring compares it: case, dashes, spaces and the letters Crockford
    /// reads as digits (O, I, L) do not matter.
    fn normalise(typed: &str) -> Zeroizing<String> {
        Zeroizing::new(
            typed
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .map(|c| match c.to_ascii_uppercase() {
                    'O' => '0',
                    'I' | 'L' => '1',
                    c => c,
                })
                .collect(),
        )
    }
}

impl std::fmt::Debug for RecoveryCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryCode(…)")
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    /// The user's name; `None` for the recovery code.
    user: Option<String>,
    salt: String,
    m_kib: u32,
    t: u32,
    p: u32,
    nonce: String,
    wrapped: String,
}

/// The keyring of one database.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Keyring {
    format: String,
    /// The administrator created first: who signs in when no name is given.
    admin: String,
    entries: Vec<Entry>,
}

/// `<db>.keys`.
pub fn path_for(db: &Path) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push(".keys");
    PathBuf::from(p)
}

impl Keyring {
    /// A keyring for a new database: `key` wrapped for the first administrator and for a new
    /// recovery code, which is returned to be shown once.
    pub fn new(key: &DbKey, admin: &str, password: &str) -> Result<(Keyring, RecoveryCode)> {
        let admin = admin.trim().to_string();
        check_password(password)?;
        let code = RecoveryCode::random();
        let mut ring = Keyring {
            format: FORMAT.into(),
            admin: admin.clone(),
            entries: Vec::new(),
        };
        ring.entries.push(wrap(key, Some(&admin), password)?);
        ring.entries
            .push(wrap(key, None, &RecoveryCode::normalise(code.as_str()))?);
        Ok((ring, code))
    }

    /// The keyring beside `db`, if there is one.
    pub fn load(db: &Path) -> Result<Option<Keyring>> {
        let path = path_for(db);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::file(&path, e)),
        };
        let ring: Keyring = serde_json::from_slice(&bytes).map_err(|_| damaged(&path))?;
        if ring.format != FORMAT {
            return Err(damaged(&path));
        }
        Ok(Some(ring))
    }

    /// Writes the keyring beside `db` (whole or not at all, mode 0600).
    pub fn save(&self, db: &Path) -> Result<()> {
        let bytes = serde_json::to_vec_pretty(self).map_err(|e| Error::Io(e.into()))?;
        output::save(&path_for(db), &Protected::none(), &bytes)
    }

    pub fn admin(&self) -> &str {
        &self.admin
    }

    /// Unwraps the key: returns it with the name of the user who signed in. A wrong password,
    /// an unknown name and a wrong code are one refusal (`Error::WrongPassword`), so that the
    /// message does not tell which names exist.
    pub fn unlock(&self, creds: &Credentials) -> Result<(DbKey, String)> {
        match &creds.secret {
            Secret::Password(pw) => {
                let name = creds.user.clone().unwrap_or_else(|| self.admin.clone());
                let entry = self
                    .entries
                    .iter()
                    .find(|e| e.user.as_deref().is_some_and(|u| same_name(u, &name)))
                    .ok_or(Error::WrongPassword)?;
                let user = entry.user.clone().unwrap_or_default();
                Ok((unwrap(entry, pw)?, user))
            }
            Secret::Recovery(code) => {
                let entry = self
                    .entries
                    .iter()
                    .find(|e| e.user.is_none())
                    .ok_or(Error::WrongPassword)?;
                let name = creds.user.clone().unwrap_or_else(|| self.admin.clone());
                Ok((unwrap(entry, &RecoveryCode::normalise(code))?, name))
            }
        }
    }

    /// Sets (adds or replaces) `user`'s password; the caller holds the key.
    pub fn set_password(&mut self, key: &DbKey, user: &str, password: &str) -> Result<()> {
        self.put(Wrapped::new(key, user, password)?);
        Ok(())
    }

    /// Puts a password wrapped beforehand (`Wrapped::new`) in place of the user's old one.
    pub fn put(&mut self, w: Wrapped) {
        let Wrapped(entry) = w;
        let user = entry.user.clone().unwrap_or_default();
        self.remove(&user);
        self.entries.push(entry);
    }

    /// Removes `user`'s entry: their password no longer opens the file.
    pub fn remove(&mut self, user: &str) {
        self.entries
            .retain(|e| !e.user.as_deref().is_some_and(|u| same_name(u, user)));
    }

    /// Whether `user` has a password in the keyring.
    pub fn has(&self, user: &str) -> bool {
        self.entries
            .iter()
            .any(|e| e.user.as_deref().is_some_and(|u| same_name(u, user)))
    }
}

/// A user's password wrapping the key, made apart from the keyring: the Argon2id work (50 ms
/// and more on a slow laptop) runs on a thread of its own while the window keeps drawing, and
/// `Keyring::put` (through `users`) only stores the result.
#[derive(Clone)]
pub struct Wrapped(Entry);

impl Wrapped {
    /// `key` wrapped for `user` with `password` (refused when the password is too short).
    pub fn new(key: &DbKey, user: &str, password: &str) -> Result<Wrapped> {
        check_password(password)?;
        Ok(Wrapped(wrap(key, Some(user.trim()), password)?))
    }

    /// Whose password it is.
    pub fn user(&self) -> &str {
        self.0.user.as_deref().unwrap_or_default()
    }

    /// The same wrap under the account's own spelling of the name (the associated data is the
    /// name folded to lower case: the wrap still opens); refused for another user's name.
    pub(crate) fn named(mut self, name: &str) -> Result<Wrapped> {
        if !same_name(self.user(), name) {
            return Err(Error::NotFound(
                Text::new("err.account.unknown").arg("name", self.user()),
            ));
        }
        self.0.user = Some(name.trim().to_string());
        Ok(self)
    }
}

fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

fn damaged(path: &Path) -> Error {
    Error::Other(Text::new("err.keyring.damaged").arg("path", path.display()))
}

/// The shortest password accepted.
pub const MIN_PASSWORD: usize = 8;

/// Refuses a password shorter than `MIN_PASSWORD` (asked before any key work starts).
pub fn check_password(pw: &str) -> Result<()> {
    if pw.chars().count() < MIN_PASSWORD {
        return Err(Error::Other(
            Text::new("err.password.short").arg("min", MIN_PASSWORD),
        ));
    }
    Ok(())
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

fn kek(secret: &str, salt: &[u8], m: u32, t: u32, p: u32) -> Result<Zeroizing<[u8; 32]>> {
    let params = Params::new(m, t, p, Some(32)).map_err(|_| Error::WrongPassword)?;
    let mut out = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(secret.as_bytes(), salt, &mut out[..])
        .map_err(|_| Error::WrongPassword)?;
    Ok(out)
}

fn aad(user: Option<&str>) -> Vec<u8> {
    match user {
        Some(u) => format!("user:{}", u.trim().to_lowercase()).into_bytes(),
        None => b"recovery".to_vec(),
    }
}

fn wrap(key: &DbKey, user: Option<&str>, secret: &str) -> Result<Entry> {
    let mut salt = [0u8; 16];
    let mut nonce = [0u8; 12];
    fill_random(&mut salt);
    fill_random(&mut nonce);
    let kek = kek(secret, &salt, M_KIB, T, P)?;
    let cipher = ChaCha20Poly1305::new_from_slice(&kek[..]).map_err(|_| Error::WrongPassword)?;
    let wrapped = cipher
        .encrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: key.bytes(),
                aad: &aad(user),
            },
        )
        .map_err(|_| Error::WrongPassword)?;
    Ok(Entry {
        user: user.map(|u| u.trim().to_string()),
        salt: hex(&salt),
        m_kib: M_KIB,
        t: T,
        p: P,
        nonce: hex(&nonce),
        wrapped: hex(&wrapped),
    })
}

fn unwrap(e: &Entry, secret: &str) -> Result<DbKey> {
    let bad = || Error::WrongPassword;
    let salt = unhex(&e.salt).ok_or_else(bad)?;
    let nonce = unhex(&e.nonce).ok_or_else(bad)?;
    let wrapped = unhex(&e.wrapped).ok_or_else(bad)?;
    if nonce.len() != 12 {
        return Err(bad());
    }
    let kek = kek(secret, &salt, e.m_kib, e.t, e.p)?;
    let cipher = ChaCha20Poly1305::new_from_slice(&kek[..]).map_err(|_| bad())?;
    let mut plain = cipher
        .decrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: &wrapped,
                aad: &aad(e.user.as_deref()),
            },
        )
        .map_err(|_| bad())?;
    let key: [u8; 32] = plain.as_slice().try_into().map_err(|_| bad())?;
    plain.zeroize();
    Ok(DbKey::from_bytes(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_and_the_code_unwrap_the_one_key() {
        let key = DbKey::random();
        let (mut ring, code) = Keyring::new(&key, "Ахметова А.К.", "пароль-админа").unwrap();
        let (k, who) = ring
            .unlock(&Credentials::password(None, "пароль-админа"))
            .unwrap();
        assert!(k == key && who == "Ахметова А.К.");
        assert!(matches!(
            ring.unlock(&Credentials::password(None, "пароль-админб")),
            Err(Error::WrongPassword)
        ));
        ring.set_password(&key, "Бекова Д.", "второй-пароль")
            .unwrap();
        let (k, who) = ring
            .unlock(&Credentials::password(Some("бекова д."), "второй-пароль"))
            .unwrap();
        assert!(k == key && who == "Бекова Д.");
        // An entry moved to another name does not open.
        let mut forged = ring.clone();
        forged.entries[0].user = Some("Бекова Д.".into());
        forged.entries.remove(2);
        assert!(
            forged
                .unlock(&Credentials::password(Some("Бекова Д."), "пароль-админа"))
                .is_err()
        );
        let typed = code.as_str().to_lowercase().replace('-', " ");
        let (k, _) = ring.unlock(&Credentials::recovery(&typed)).unwrap();
        assert!(k == key);
        assert!(Keyring::new(&key, "A", "short").is_err());
    }
}

//! Exchange files encrypted with a password, in the age format (age-encryption.org/v1,
//! passphrase recipient: scrypt + ChaCha20-Poly1305): a standard any `age` tool opens, so the
//! district or an auditor need not run Estu to read a file they were given with its password.

use crate::error::{Error, Result};
use crate::i18n::Text;
use age::secrecy::SecretString;
use std::io::{Read, Write};
use std::path::Path;

/// The first bytes of every age file (binary form).
const AGE_MAGIC: &[u8] = b"age-encryption.org/v1";

/// Whether `bytes` begin as an age file.
pub fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(AGE_MAGIC)
}

/// Encrypts `plain` with `password`.
pub fn seal(plain: &[u8], password: &str) -> Result<Vec<u8>> {
    if password.chars().count() < crate::secure::keyring::MIN_PASSWORD {
        return Err(Error::Other(
            Text::new("err.password.short").arg("min", crate::secure::keyring::MIN_PASSWORD),
        ));
    }
    let enc = age::Encryptor::with_user_passphrase(SecretString::from(password.to_string()));
    let mut out = Vec::with_capacity(plain.len() + 256);
    let mut w = enc.wrap_output(&mut out).map_err(Error::Io)?;
    w.write_all(plain).map_err(Error::Io)?;
    w.finish().map_err(Error::Io)?;
    Ok(out)
}

/// Decrypts the age file `bytes` (read from `path`) with `password`.
pub fn open(bytes: &[u8], password: &str, path: &Path) -> Result<Vec<u8>> {
    let wrong = || Error::Other(Text::new("err.export.wrong_password").arg("path", path.display()));
    let dec = age::Decryptor::new(bytes).map_err(|_| wrong())?;
    let identity = age::scrypt::Identity::new(SecretString::from(password.to_string()));
    let mut r = dec
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|_| wrong())?;
    let mut plain = Vec::new();
    r.read_to_end(&mut plain).map_err(|_| wrong())?;
    Ok(plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_file_opens_with_its_password_only() {
        let sealed = seal("Жумабекова 850412400123".as_bytes(), "пароль-выгрузки").unwrap();
        assert!(is_sealed(&sealed));
        let needle = "Жумабекова".as_bytes();
        assert!(!sealed.windows(needle.len()).any(|w| w == needle));
        let p = Path::new("x.json.age");
        assert_eq!(
            open(&sealed, "пароль-выгрузки", p).unwrap(),
            "Жумабекова 850412400123".as_bytes()
        );
        assert!(open(&sealed, "другой-пароль", p).is_err());
    }
}

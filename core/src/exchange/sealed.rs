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
    let mut out = Vec::with_capacity(plain.len() + 256);
    let mut w = seal_writer(&mut out, password)?;
    w.write_all(plain).map_err(Error::Io)?;
    w.finish().map_err(Error::Io)?;
    Ok(out)
}

/// A writer that encrypts what is written into it with `password` onto `out`, chunk by
/// chunk; `finish` writes the last chunk and gives `out` back.
pub(crate) fn seal_writer<W: Write>(
    out: W,
    password: &str,
) -> Result<age::stream::StreamWriter<W>> {
    if password.chars().count() < crate::secure::keyring::MIN_PASSWORD {
        return Err(Error::Other(
            Text::new("err.password.short").arg("min", crate::secure::keyring::MIN_PASSWORD),
        ));
    }
    let enc = age::Encryptor::with_user_passphrase(SecretString::from(password.to_string()));
    enc.wrap_output(out).map_err(Error::Io)
}

/// Decrypts the age file `bytes` (read from `path`) with `password`.
pub fn open(bytes: &[u8], password: &str, path: &Path) -> Result<Vec<u8>> {
    let mut r = open_reader(bytes, password, path)?;
    let mut plain = Vec::new();
    r.read_to_end(&mut plain).map_err(|_| wrong(path))?;
    Ok(plain)
}

/// A reader of the plain text of the age file read from `input` (the file at `path`),
/// decrypted chunk by chunk as it is read. Each chunk is authenticated: a read error means
/// a wrong password or a changed file (`wrong`).
pub(crate) fn open_reader<R: Read>(
    input: R,
    password: &str,
    path: &Path,
) -> Result<impl Read + use<R>> {
    let dec =
        age::Decryptor::new_buffered(std::io::BufReader::new(input)).map_err(|_| wrong(path))?;
    let identity = age::scrypt::Identity::new(SecretString::from(password.to_string()));
    dec.decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|_| wrong(path))
}

/// The message for a sealed file that does not open: a wrong password, or a changed file.
pub(crate) fn wrong(path: &Path) -> Error {
    Error::Other(Text::new("err.export.wrong_password").arg("path", path.display()))
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

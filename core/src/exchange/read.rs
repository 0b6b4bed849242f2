//! Reading an exchange file from the disk with bounds: only a regular file (a device such as
//! `/dev/zero` never ends, a FIFO blocks for ever), no larger than `MAX_FILE_BYTES`, and its
//! first bytes looked at before the rest is read, so a large file that is not an exchange file
//! is refused after 64 KB rather than after gigabytes.

use super::format::ExchangeFile;
use super::import::parse;
use crate::error::{Error, Result};
use crate::i18n::Text;
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// Files larger than this are refused before reading (a real okrug's file is a few MB; a
/// region-scale one about 1.2 GB).
pub(crate) const MAX_FILE_BYTES: u64 = 4 << 30;

/// How much is looked at before the whole file is read.
const HEAD_BYTES: usize = 64 << 10;

/// What Windows Notepad puts before UTF-8 text.
pub(crate) const BOM: &[u8] = b"\xEF\xBB\xBF";

fn file_error(path: &Path, key: &str) -> Text {
    Text::new(key).arg("path", path.display())
}

/// Reads and parses the exchange file at `path`.
pub fn read_file(path: &Path) -> Result<ExchangeFile> {
    read_file_with(path, None)
}

/// `read_file` for a file that may be encrypted with a password (`sealed`).
pub fn read_file_with(path: &Path, password: Option<&str>) -> Result<ExchangeFile> {
    let len = check_file(path)?;
    let mut f = File::open(path).map_err(|e| Error::file(path, e))?;
    let mut bytes = Vec::new();
    (&mut f)
        .take(HEAD_BYTES as u64)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::file(path, e))?;
    if super::sealed::is_sealed(&bytes) {
        let pw = password.ok_or_else(|| Error::Other(file_error(path, "err.import.sealed")))?;
        f.take(MAX_FILE_BYTES)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::file(path, e))?;
        let plain = super::sealed::open(&bytes, pw, path)?;
        check_head(&plain, path)?;
        return parse(&plain, path);
    }
    check_head(&bytes, path)?;
    bytes.reserve(len.saturating_sub(bytes.len() as u64) as usize);
    // The file may grow while it is read; the bound holds whatever its size said.
    f.take(MAX_FILE_BYTES + 1 - bytes.len() as u64)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::file(path, e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(path, bytes.len() as u64));
    }
    parse(&bytes, path)
}

/// Refuses what is not a regular file, or is too large, before opening it. Returns its size.
pub(crate) fn check_file(path: &Path) -> Result<u64> {
    let meta = std::fs::metadata(path).map_err(|e| Error::file(path, e))?;
    if meta.is_dir() {
        return Err(Error::file(path, std::io::ErrorKind::IsADirectory.into()));
    }
    if !meta.is_file() {
        return Err(Error::Other(file_error(path, "err.import.not_regular")));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big(path, meta.len()));
    }
    Ok(meta.len())
}

fn too_big(path: &Path, len: u64) -> Error {
    Error::Other(file_error(path, "err.import.too_big").arg("mb", len >> 20))
}

/// The first bytes of an exchange file are UTF-8 (a character cut by the end of the head is
/// fine) and, after a BOM and spaces, open a JSON object.
fn check_head(head: &[u8], path: &Path) -> Result<()> {
    let head = head.strip_prefix(BOM).unwrap_or(head);
    if let Err(e) = std::str::from_utf8(head)
        && e.error_len().is_some()
    {
        return Err(Error::Other(
            file_error(path, "err.import.not_utf8").arg("offset", e.valid_up_to()),
        ));
    }
    match head.iter().find(|b| !b.is_ascii_whitespace()) {
        None if head.len() < HEAD_BYTES => Err(Error::Other(file_error(path, "err.import.empty"))),
        Some(b'{') | None => Ok(()),
        Some(_) => Err(Error::Other(file_error(path, "err.import.not_exchange"))),
    }
}

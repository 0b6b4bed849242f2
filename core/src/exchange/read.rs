//! Reading an exchange file from the disk with bounds: only a regular file (a device such as
//! `/dev/zero` never ends, a FIFO blocks for ever), no larger than `MAX_FILE_BYTES`, and its
//! first bytes looked at before the rest is read, so a large file that is not an exchange file
//! is refused after 64 KB rather than after gigabytes.

use super::format::ExchangeFile;
use super::import::parse;
use super::stream::Head;
use crate::error::{Error, Result};
use crate::i18n::Text;
use std::cell::RefCell;
use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};
use std::rc::Rc;

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
    let (f, mut bytes) = open_head(path)?;
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

/// Opens the file at `path` and reads its first `HEAD_BYTES` (the rest is read from the
/// file returned).
fn open_head(path: &Path) -> Result<(File, Vec<u8>)> {
    let mut f = File::open(path).map_err(|e| Error::file(path, e))?;
    let mut head = Vec::new();
    (&mut f)
        .take(HEAD_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(|e| Error::file(path, e))?;
    Ok((f, head))
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

pub(crate) fn too_big(path: &Path, len: u64) -> Error {
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

/// An exchange file on the disk, its header read and checked (`stream`): an import or a
/// check reads its records from the disk again, one at a time.
pub struct Opened {
    path: PathBuf,
    password: Option<String>,
    head: Head,
}

/// Opens the exchange file at `path` (encrypted with `password`, if it is sealed): refuses
/// what is not a regular file, too large, not UTF-8 JSON, not an exchange file or one of a
/// newer version, before any record is read.
pub fn open(path: &Path, password: Option<&str>) -> Result<Opened> {
    let mut file = Opened {
        path: path.to_path_buf(),
        password: password.map(str::to_string),
        head: Head::default(),
    };
    file.head = super::stream::head(&file)?;
    Ok(file)
}

impl Opened {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The okrug's profile the file carries (empty when it has none).
    pub fn okrug(&self) -> crate::model::OkrugProfile {
        self.head.okrug.clone().unwrap_or_default()
    }

    pub(crate) fn head(&self) -> &Head {
        &self.head
    }

    /// The file's plain text from its start (after a BOM), and where a read error's cause
    /// is told (the reader's errors are serde's for the parser).
    pub(crate) fn reader(&self) -> Result<(impl BufRead + use<>, Trouble)> {
        let path = &self.path;
        check_file(path)?;
        let (f, head) = open_head(path)?;
        let trouble = Trouble::default();
        let plain: Box<dyn Read> = if super::sealed::is_sealed(&head) {
            let pw = (self.password.as_deref())
                .ok_or_else(|| Error::Other(file_error(path, "err.import.sealed")))?;
            let mut r = super::sealed::open_reader(Cursor::new(head).chain(f), pw, path)?;
            let mut head = Vec::new();
            (&mut r)
                .take(HEAD_BYTES as u64)
                .read_to_end(&mut head)
                .map_err(|_| super::sealed::wrong(path))?;
            trouble.0.borrow_mut().sealed = true;
            check_head(&head, path)?;
            Box::new(Cursor::new(strip_bom(head)).chain(r))
        } else {
            check_head(&head, path)?;
            Box::new(Cursor::new(strip_bom(head)).chain(f))
        };
        let guarded = Guarded {
            inner: plain,
            read: 0,
            carry: Vec::new(),
            trouble: trouble.clone(),
        };
        Ok((BufReader::with_capacity(1 << 20, guarded), trouble))
    }
}

fn strip_bom(mut head: Vec<u8>) -> Vec<u8> {
    if head.starts_with(BOM) {
        head.drain(..BOM.len());
    }
    head
}

/// Why reading the file's text failed, told by the reader to whoever sees the parser's error.
#[derive(Clone, Default)]
pub(crate) struct Trouble(Rc<RefCell<Found>>);

#[derive(Default)]
struct Found {
    sealed: bool,
    /// The file's text goes on past `MAX_FILE_BYTES`.
    too_big: Option<u64>,
    /// The offset of the first byte that is not UTF-8.
    not_utf8: Option<u64>,
}

impl Trouble {
    /// The message for the read error `e` of the file at `path`.
    pub(crate) fn error(&self, path: &Path, e: std::io::Error) -> Error {
        let found = self.0.borrow();
        if let Some(n) = found.too_big {
            too_big(path, n)
        } else if let Some(offset) = found.not_utf8 {
            Error::Other(file_error(path, "err.import.not_utf8").arg("offset", offset))
        } else if found.sealed {
            // Each chunk of a sealed file is authenticated: a failed read is a changed file.
            super::sealed::wrong(path)
        } else {
            Error::file(path, e)
        }
    }
}

/// The file's text as it is read: counted against `MAX_FILE_BYTES` (the file may grow while
/// it is read) and checked to be UTF-8, as a whole file read into memory was.
struct Guarded {
    inner: Box<dyn Read>,
    read: u64,
    /// The first bytes of a character the last read cut.
    carry: Vec<u8>,
    trouble: Trouble,
}

impl Read for Guarded {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && !self.carry.is_empty() {
            let cut = self.read - self.carry.len() as u64;
            return Err(self.fail(|f, at| f.not_utf8 = Some(at), cut));
        }
        let start = self.read;
        self.read += n as u64;
        if self.read > MAX_FILE_BYTES {
            return Err(self.fail(|f, n| f.too_big = Some(n), self.read));
        }
        self.check_utf8(&buf[..n], start)?;
        Ok(n)
    }
}

impl Guarded {
    /// Checks the bytes read at `offset` (after those carried from the last read).
    fn check_utf8(&mut self, mut bytes: &[u8], offset: u64) -> std::io::Result<()> {
        let mut at = offset;
        if let Some(&lead) = self.carry.first() {
            let width = match lead {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            let take = (width - self.carry.len()).min(bytes.len());
            self.carry.extend_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
            at += take as u64;
            if self.carry.len() < width {
                return Ok(());
            }
            let char_at = at - width as u64;
            if std::str::from_utf8(&self.carry).is_err() {
                return Err(self.fail(|f, at| f.not_utf8 = Some(at), char_at));
            }
            self.carry.clear();
        }
        match std::str::from_utf8(bytes) {
            Ok(_) => Ok(()),
            Err(e) if e.error_len().is_none() => {
                self.carry.extend_from_slice(&bytes[e.valid_up_to()..]);
                Ok(())
            }
            Err(e) => {
                let bad = at + e.valid_up_to() as u64;
                Err(self.fail(|f, at| f.not_utf8 = Some(at), bad))
            }
        }
    }

    fn fail(&self, note: impl FnOnce(&mut Found, u64), value: u64) -> std::io::Error {
        note(&mut self.trouble.0.borrow_mut(), value);
        std::io::ErrorKind::InvalidData.into()
    }
}

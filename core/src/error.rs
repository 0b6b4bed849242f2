//! One error type for the library. Every variant can say what went wrong in the user's language
//! (`Error::message`), naming the record and the field where there is one.

use crate::i18n::{Lang, Text, tr};
use std::path::PathBuf;

/// One thing wrong with one field of one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Which record: e.g. `Text::new("rec.appeal").arg("id", "12-2022/0045")`.
    pub record: Text,
    /// Field key, e.g. `appeal.applicant_id`; shown through `field.<key>` in the i18n data.
    pub field: String,
    /// What is wrong with it.
    pub what: Text,
}

impl Problem {
    pub fn new(record: Text, field: &str, what: Text) -> Self {
        Problem {
            record,
            field: field.to_string(),
            what,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        format!(
            "{}, {} «{}»: {}",
            self.record.render(lang),
            tr(lang, "word.field"),
            tr(lang, &format!("field.{}", self.field)),
            self.what.render(lang)
        )
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Data that breaks a rule; nothing was written.
    #[error("{}", join(.0, Lang::Ru))]
    Invalid(Vec<Problem>),
    #[error("{}", .0.render(Lang::Ru))]
    NotFound(Text),
    /// The file was written by a newer Estu: refused, untouched.
    #[error("database version {found} is newer than this program supports ({supported})")]
    NewerDatabase { found: i64, supported: i64 },
    #[error("{0}: not an Estu database")]
    NotEstu(PathBuf),
    #[error("{path}: damaged database: {detail}")]
    Damaged { path: PathBuf, detail: String },
    /// Opened for reading beside the program that writes the file: no change can be saved.
    #[error("{0}: opened read-only, another program writes it")]
    OpenedReadOnly(PathBuf),
    /// A step that replaces data the user should see first (a restore from another okrug's
    /// copy, or an emptier one); the text says what would happen.
    #[error("{}", .0.render(Lang::Ru))]
    Unconfirmed(Text),
    /// Another program holds the write lock.
    #[error("the database is busy in another program")]
    Locked,
    #[error("the database file or its folder is read-only")]
    ReadOnly,
    #[error("the disk is full")]
    DiskFull,
    /// SQLite could not read or write the disk under the database (a failing disk, a pulled
    /// USB stick).
    #[error("{0}: disk I/O error")]
    DiskIo(PathBuf),
    #[error("{}", .0.render(Lang::Ru))]
    Other(Text),
    /// The file is encrypted and no password given in this session opens it.
    #[error("{0}: encrypted, sign in first")]
    Encrypted(PathBuf),
    /// The password or recovery code does not unlock the file (or the name is not a user).
    #[error("wrong user name or password")]
    WrongPassword,
    /// The signed-in user's role does not allow the change.
    #[error("{}", .0.render(Lang::Ru))]
    Forbidden(Text),
    /// An operating-system error on a named file, said by its kind in the user's language.
    #[error("{path}: {source}")]
    File {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Sql(rusqlite::Error),
}

fn join(problems: &[Problem], lang: Lang) -> String {
    problems
        .iter()
        .map(|p| p.message(lang))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The message key of an I/O error by its kind (the OS's own text is English): with the file's
/// name (`err.file.*`) or without (`err.io.*`).
fn io_key(e: &std::io::Error, named: bool) -> &'static str {
    use std::io::ErrorKind as K;
    let kind = match e.kind() {
        K::NotFound => "not_found",
        K::PermissionDenied => "denied",
        K::ReadOnlyFilesystem => "read_only",
        K::IsADirectory => "is_dir",
        K::NotADirectory => "not_dir",
        K::StorageFull | K::QuotaExceeded => "disk_full",
        K::FileTooLarge => "too_large",
        K::InvalidData | K::UnexpectedEof => "unreadable",
        _ => "other",
    };
    match (named, kind) {
        (true, "not_found") => "err.file.not_found",
        (true, "denied") => "err.file.denied",
        (true, "read_only") => "err.file.read_only",
        (true, "is_dir") => "err.file.is_dir",
        (true, "not_dir") => "err.file.not_dir",
        (true, "disk_full") => "err.file.disk_full",
        (true, "too_large") => "err.file.too_large",
        (true, "unreadable") => "err.file.unreadable",
        (true, _) => "err.file.other",
        (false, "disk_full") => "err.db.disk_full",
        (false, "denied" | "read_only") => "err.db.read_only",
        (false, _) => "err.io",
    }
}

/// SQLite's numeric result code (its text is English); shown only for the support desk.
fn sql_code(e: &rusqlite::Error) -> i32 {
    match e {
        rusqlite::Error::SqliteFailure(f, _) => f.extended_code,
        _ => -1,
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn invalid(record: Text, field: &str, what: Text) -> Self {
        Error::Invalid(vec![Problem::new(record, field, what)])
    }

    /// An I/O error on the file `path`: a full disk or a write-protected place keeps its own
    /// variant; the rest name the file.
    pub fn file(path: &std::path::Path, e: std::io::Error) -> Self {
        Error::File {
            path: path.to_path_buf(),
            source: e,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            Error::Invalid(p) => join(p, lang),
            Error::NotFound(t) | Error::Other(t) | Error::Unconfirmed(t) | Error::Forbidden(t) => {
                t.render(lang)
            }
            Error::Encrypted(p) => Text::new("err.db.encrypted")
                .arg("path", p.display())
                .render(lang),
            Error::WrongPassword => tr(lang, "err.password.wrong"),
            Error::OpenedReadOnly(p) => Text::new("err.db.opened_read_only")
                .arg("path", p.display())
                .render(lang),
            Error::NewerDatabase { found, supported } => Text::new("err.db.newer")
                .arg("found", found)
                .arg("supported", supported)
                .render(lang),
            Error::NotEstu(p) => Text::new("err.db.not_estu")
                .arg("path", p.display())
                .render(lang),
            Error::Damaged { path, detail } => Text::new("err.db.damaged")
                .arg("path", path.display())
                .arg("detail", detail)
                .render(lang),
            Error::Locked => tr(lang, "err.db.locked"),
            Error::ReadOnly => tr(lang, "err.db.read_only"),
            Error::DiskFull => tr(lang, "err.db.disk_full"),
            Error::DiskIo(p) if p.as_os_str().is_empty() => tr(lang, "err.db.disk_io_unnamed"),
            Error::DiskIo(p) => Text::new("err.db.disk_io")
                .arg("path", p.display())
                .render(lang),
            Error::File { path, source } => Text::new(io_key(source, true))
                .arg("path", path.display())
                .arg("code", source.raw_os_error().unwrap_or(0))
                .render(lang),
            Error::Io(e) => Text::new(io_key(e, false))
                .arg("code", e.raw_os_error().unwrap_or(0))
                .render(lang),
            Error::Sql(e) => Text::new("err.sql").arg("code", sql_code(e)).render(lang),
        }
    }

    /// The problems, when the error is about invalid data.
    pub fn problems(&self) -> &[Problem] {
        match self {
            Error::Invalid(p) => p,
            _ => &[],
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        if let rusqlite::Error::SqliteFailure(f, _) = &e {
            match f.code {
                C::DiskFull => return Error::DiskFull,
                C::SystemIoFailure => return Error::DiskIo(PathBuf::new()),
                C::DatabaseBusy | C::DatabaseLocked => return Error::Locked,
                C::ReadOnly | C::CannotOpen if f.extended_code & 0xff == 8 => {
                    return Error::ReadOnly;
                }
                C::NotADatabase => return Error::NotEstu(PathBuf::new()),
                C::DatabaseCorrupt => {
                    return Error::Damaged {
                        path: PathBuf::new(),
                        detail: e.to_string(),
                    };
                }
                _ => {}
            }
        }
        Error::Sql(e)
    }
}

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
    /// Another program holds the write lock.
    #[error("the database is busy in another program")]
    Locked,
    #[error("the database file or its folder is read-only")]
    ReadOnly,
    #[error("the disk is full")]
    DiskFull,
    #[error("{}", .0.render(Lang::Ru))]
    Other(Text),
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

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn invalid(record: Text, field: &str, what: Text) -> Self {
        Error::Invalid(vec![Problem::new(record, field, what)])
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            Error::Invalid(p) => join(p, lang),
            Error::NotFound(t) | Error::Other(t) => t.render(lang),
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
            Error::Io(e) => Text::new("err.io").arg("detail", e).render(lang),
            Error::Sql(e) => Text::new("err.sql").arg("detail", e).render(lang),
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

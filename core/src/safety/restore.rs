//! Putting a backup copy in place of the database («Восстановить из копии»).
//!
//! Before anything is replaced, the copy says whose it is and what it holds; a copy of another
//! okrug, or one with fewer records than the database, replaces nothing until the user says
//! yes (`confirmed`). Over a whole database the copy is written through the backup API (the lock
//! stays held) after the current content is kept as a verified `replaced` copy. Over a damaged or
//! missing file, when a copy is needed most, the file is replaced whole and the damaged file is
//! kept aside by name in the backup folder, never deleted.

use super::backup::{self, Kind, db_path, dir_for, fresh_name, make, stem, verify};
use super::output::{self, Protected};
use crate::error::{Error, Result};
use crate::i18n::{Lang, Text};
use crate::store::{Store, migrations};
use chrono::NaiveDateTime;
use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreReport {
    /// The copy the database now holds.
    pub restored_from: PathBuf,
    /// Where the database it replaced was kept (`None` when there was no database file).
    pub replaced_kept_at: Option<PathBuf>,
    /// The schema version of the copy (it is upgraded when older).
    pub version: i64,
    /// Whose the copy is and what it holds.
    pub copy: Summary,
}

/// Whose a database or a copy is and what it holds, as the user is shown it before a restore.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub okrug_ru: String,
    pub okrug_kk: String,
    /// When the copy was taken (from its name, else the file's time).
    pub taken_at: Option<NaiveDateTime>,
    pub appeals: i64,
    pub meetings: i64,
    pub plan_items: i64,
}

impl Summary {
    /// Reads the summary through a connection (the open database, or a copy opened read-only).
    pub fn of(conn: &Connection) -> Result<Summary> {
        let count = |table: &str| -> Result<i64> {
            Ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
        };
        let (okrug_ru, okrug_kk) = conn.query_row(
            "SELECT org_name_ru, org_name_kk FROM okrug WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(Summary {
            okrug_ru,
            okrug_kk,
            taken_at: None,
            appeals: count("appeal")?,
            meetings: count("meeting")?,
            plan_items: count("plan_item")?,
        })
    }

    /// The summary of the copy at `path` (checked first: a whole Estu database).
    pub fn of_copy(path: &Path) -> Result<Summary> {
        verify(path)?;
        let conn = crate::secure::key::open(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let mut s = Summary::of(&conn)?;
        s.taken_at = backup::info_of(path).map(|b| b.taken_at).or_else(|| {
            let t = fs::metadata(path).and_then(|m| m.modified()).ok()?;
            Some(chrono::DateTime::<chrono::Local>::from(t).naive_local())
        });
        Ok(s)
    }

    /// One line: okrug, date, counts.
    pub fn describe(&self, lang: Lang) -> String {
        self.text().render(lang)
    }

    fn text(&self) -> Text {
        let okrug = match self.okrug_kk.trim() {
            "" => self.okrug_ru.clone(),
            kk => format!("{} / {kk}", self.okrug_ru),
        };
        Text::new("restore.summary")
            .arg("okrug", okrug)
            .arg(
                "date",
                self.taken_at
                    .map(|t| t.format("%d.%m.%Y %H:%M").to_string())
                    .unwrap_or_else(|| "—".into()),
            )
            .arg("appeals", self.appeals)
            .arg("meetings", self.meetings)
            .arg("plan", self.plan_items)
    }
}

/// Why replacing `current` with `copy` needs the user's yes, if it does: the copy is another
/// okrug's, or it holds fewer records of some kind.
pub fn caution(current: &Summary, copy: &Summary, from: &Path) -> Option<Text> {
    let key = if current.okrug_ru.trim() != copy.okrug_ru.trim() {
        "err.restore.other_okrug"
    } else if copy.appeals < current.appeals
        || copy.meetings < current.meetings
        || copy.plan_items < current.plan_items
    {
        "err.restore.emptier"
    } else {
        return None;
    };
    Some(
        Text::new(key)
            .arg("from", from.display())
            .arg_text("copy", copy.text())
            .arg_text("current", current.text()),
    )
}

fn ask(current: Option<&Summary>, copy: &Summary, from: &Path, confirmed: bool) -> Result<()> {
    match current.and_then(|c| caution(c, copy, from)) {
        Some(t) if !confirmed => Err(Error::Unconfirmed(t)),
        _ => Ok(()),
    }
}

/// Replaces the database at `db` with the copy at `from`, whatever state the database is in:
/// through the open database when it is whole, by replacing the file when it is damaged or
/// missing. Refuses while another program has the database open.
pub fn restore_path(db: &Path, from: &Path, confirmed: bool) -> Result<RestoreReport> {
    let copy = Summary::of_copy(from)?;
    match super::open_without_daily_backup(db) {
        Ok(mut store) => match restore_checked(&mut store, from, &copy, confirmed) {
            Err(Error::Damaged { path, .. }) if path == db => {
                drop(store);
                replace_file(db, from, &copy, confirmed)
            }
            other => other,
        },
        Err(Error::Damaged { .. } | Error::DiskIo(_)) => replace_file(db, from, &copy, confirmed),
        Err(Error::NotFound(_)) if fs::symlink_metadata(db).is_err() => {
            replace_file(db, from, &copy, confirmed)
        }
        Err(e) => Err(e),
    }
}

/// Replaces the open database's content with the copy at `from`. A damaged database is
/// refused with `Error::Damaged` naming it: its content cannot be kept as a verified copy, so
/// the file itself must be replaced (`restore_path` does that).
pub fn restore(store: &mut Store, from: &Path, confirmed: bool) -> Result<RestoreReport> {
    let copy = Summary::of_copy(from)?;
    restore_checked(store, from, &copy, confirmed)
}

fn restore_checked(
    store: &mut Store,
    from: &Path,
    copy: &Summary,
    confirmed: bool,
) -> Result<RestoreReport> {
    store.require(crate::secure::Role::Admin)?;
    let version = verify(from)?;
    let db = db_path(store)?;
    if same_file(&db, from) {
        return Err(Error::Other(Text::new("err.restore.same_file")));
    }
    store.check_whole()?;
    ask(
        Some(&Summary::of(store.conn().sql())?),
        copy,
        from,
        confirmed,
    )?;
    let kept = make(store, Kind::Replaced)?;
    {
        let src = crate::secure::key::open(
            from,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        Backup::new(&src, store.conn_mut())?.run_to_completion(
            1024,
            Duration::from_millis(10),
            None,
        )?;
    }
    migrations::upgrade(store, |s| backup::backup_before_migration(s).map(|_| ()))?;
    tracing::info!(version, "database restored from a copy");
    Ok(RestoreReport {
        restored_from: from.to_path_buf(),
        replaced_kept_at: Some(kept.path),
        version,
        copy: copy.clone(),
    })
}

/// Restores the copy at `from` as the database file `db` when that file cannot be opened
/// (damaged) or does not exist.
pub fn restore_file(db: &Path, from: &Path, confirmed: bool) -> Result<RestoreReport> {
    let copy = Summary::of_copy(from)?;
    replace_file(db, from, &copy, confirmed)
}

fn replace_file(db: &Path, from: &Path, copy: &Summary, confirmed: bool) -> Result<RestoreReport> {
    let version = verify(from)?;
    if same_file(db, from) {
        return Err(Error::Other(Text::new("err.restore.same_file")));
    }
    let exists = fs::symlink_metadata(db).is_ok();
    // The damaged file's own summary, when it still reads: another okrug's copy is asked about
    // even then.
    ask(current_summary(db).as_ref(), copy, from, confirmed)?;
    let _lock = if exists {
        Some(crate::store::lock(db)?)
    } else {
        None
    };
    let replaced_kept_at = if exists { Some(set_aside(db)?) } else { None };
    output::save_with(db, &Protected::none(), |tmp| {
        fs::copy(from, tmp).map_err(|e| Error::file(db, e))?;
        Ok(())
    })?;
    tracing::info!(version, "database file restored from a copy");
    Ok(RestoreReport {
        restored_from: from.to_path_buf(),
        replaced_kept_at,
        version,
        copy: copy.clone(),
    })
}

/// What a damaged database still says about itself, if anything.
fn current_summary(db: &Path) -> Option<Summary> {
    let conn = crate::secure::key::open(
        db,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .ok()?;
    Summary::of(&conn).ok()
}

/// Moves the database file and its WAL into the backup folder as a `replaced` copy.
fn set_aside(db: &Path) -> Result<PathBuf> {
    let dir = dir_for(db, None);
    let dest = fresh_name(&dir, &stem(db), Kind::Replaced)?;
    move_file(db, &dest)?;
    for side in ["-wal", "-shm"] {
        let mut from_side = db.as_os_str().to_owned();
        from_side.push(side);
        let from_side = PathBuf::from(from_side);
        if from_side.exists() {
            let mut to_side = dest.as_os_str().to_owned();
            to_side.push(side);
            move_file(&from_side, Path::new(&to_side))?;
        }
    }
    Ok(dest)
}

fn move_file(from: &Path, to: &Path) -> Result<()> {
    if fs::rename(from, to).is_err() {
        // Another disk (a USB stick): copy whole, then remove.
        output::save_with(to, &Protected::none(), |tmp| {
            fs::copy(from, tmp).map_err(|e| Error::file(to, e))?;
            Ok(())
        })?;
        fs::remove_file(from).map_err(|e| Error::file(from, e))?;
    }
    Ok(())
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

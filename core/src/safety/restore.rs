//! Putting a backup copy in place of the database («Восстановить из копии»).
//!
//! Before anything is replaced, the copy says whose it is and what it holds; a copy of another
//! okrug, or one with fewer records than the database, replaces nothing until the user says
//! yes (`confirmed`). Over a whole database the copy is written through the backup API (the lock
//! stays held) after the current content is kept as a verified `replaced` copy. Over a damaged or
//! missing file, when a copy is needed most, the file is replaced whole and the damaged file is
//! kept aside by name in the backup folder, never deleted.

use super::backup::{self, Kind, Progress, db_path, dir_for, fresh_name, make, stem, verify};
use super::output::{self, Protected};
use crate::error::{Error, Result};
use crate::i18n::{Lang, Text};
use crate::store::{Store, copy, migrations};
use chrono::NaiveDateTime;
use std::fs;
use std::path::{Path, PathBuf};

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
    fn from(c: copy::Contents, taken_at: Option<NaiveDateTime>) -> Summary {
        Summary {
            okrug_ru: c.okrug_ru,
            okrug_kk: c.okrug_kk,
            taken_at,
            appeals: c.appeals,
            meetings: c.meetings,
            plan_items: c.plan_items,
        }
    }

    /// The summary of the open database.
    pub fn of(store: &Store) -> Result<Summary> {
        Ok(Summary::from(copy::contents(store.conn())?, None))
    }

    /// The summary of the copy at `path` and its schema version, checked first: a whole Estu
    /// database (the one `integrity_check` of the copy a restore makes: a gigabyte takes seconds).
    fn of_copy(path: &Path) -> Result<(Summary, i64)> {
        let version = verify(path)?;
        let contents =
            copy::contents_of_file(path).ok_or_else(|| Error::NotEstu(path.to_path_buf()))?;
        let taken_at = backup::info_of(path).map(|b| b.taken_at).or_else(|| {
            let t = fs::metadata(path).and_then(|m| m.modified()).ok()?;
            Some(chrono::DateTime::<chrono::Local>::from(t).naive_local())
        });
        Ok((Summary::from(contents, taken_at), version))
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
        // A copy says when it was taken; the database itself is as of now.
        let text = match self.taken_at {
            Some(t) => Text::new("restore.summary").arg("date", t.format("%d.%m.%Y %H:%M")),
            None => Text::new("restore.summary_now"),
        };
        text.arg("okrug", okrug)
            .arg("appeals", self.appeals)
            .arg("meetings", self.meetings)
            .arg("plan", self.plan_items)
    }
}

/// Why replacing the database with a copy needs the user's yes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caution {
    /// The copy is another okrug's.
    OtherOkrug,
    /// The copy holds fewer records of some kind than the database.
    Emptier,
}

impl Caution {
    /// The one rule: another okrug's copy, or one with fewer appeals, meetings or plan items.
    fn of(current: &Summary, copy: &Summary) -> Option<Caution> {
        if current.okrug_ru.trim() != copy.okrug_ru.trim() {
            Some(Caution::OtherOkrug)
        } else if copy.appeals < current.appeals
            || copy.meetings < current.meetings
            || copy.plan_items < current.plan_items
        {
            Some(Caution::Emptier)
        } else {
            None
        }
    }

    /// i18n key of the short warning the app's restore dialog shows.
    pub fn key(self) -> &'static str {
        match self {
            Caution::OtherOkrug => "ui.backup.caution.other_okrug",
            Caution::Emptier => "ui.backup.caution.emptier",
        }
    }

    /// The refusal the command line gives without `--yes`: both summaries and the file.
    fn refusal(self, current: &Summary, copy: &Summary, from: &Path) -> Text {
        let key = match self {
            Caution::OtherOkrug => "err.restore.other_okrug",
            Caution::Emptier => "err.restore.emptier",
        };
        Text::new(key)
            .arg("from", from.display())
            .arg_text("copy", copy.text())
            .arg_text("current", current.text())
    }
}

fn ask(current: Option<&Summary>, copy: &Summary, from: &Path, confirmed: bool) -> Result<()> {
    let Some(current) = current else {
        return Ok(());
    };
    match Caution::of(current, copy) {
        Some(c) if !confirmed => Err(Error::Unconfirmed(c.refusal(current, copy, from))),
        _ => Ok(()),
    }
}

/// What a restore from a copy would do, read before anything is replaced, for the user to see
/// and answer: whose the copy is and what it holds, what the database holds now, and why a yes
/// is needed (the app's dialog; on the command line the refusal and `--yes`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    pub from: PathBuf,
    pub copy: Summary,
    /// The schema version of the copy.
    pub version: i64,
    /// The database now, when it still reads (a damaged file may not).
    pub current: Option<Summary>,
    /// Why replacing needs the user's yes: another okrug's copy, or an emptier one.
    pub caution: Option<Caution>,
    /// The copy's size and time when it was checked: a copy changed since is checked again.
    stamp: Option<(u64, std::time::SystemTime)>,
}

fn stamp(path: &Path) -> Option<(u64, std::time::SystemTime)> {
    let m = fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok()?))
}

/// Checks the copy at `from` and says what replacing the database at `db` with it would do.
/// Reads only: the database may be open in this program or damaged.
pub fn preview(db: &Path, from: &Path) -> Result<Preview> {
    let stamp_before = stamp(from);
    let (copy, version) = Summary::of_copy(from)?;
    if same_file(db, from) {
        return Err(Error::Other(Text::new("err.restore.same_file")));
    }
    let current = current_summary(db);
    let caution = current.as_ref().and_then(|c| Caution::of(c, &copy));
    Ok(Preview {
        from: from.to_path_buf(),
        copy,
        version,
        current,
        caution,
        stamp: stamp_before.filter(|s| stamp(from).as_ref() == Some(s)),
    })
}

impl Preview {
    /// The copy's summary and version: as previewed when the file has not changed since,
    /// else checked again.
    fn checked_copy(&self) -> Result<(Summary, i64)> {
        match self.stamp {
            Some(s) if stamp(&self.from) == Some(s) => Ok((self.copy.clone(), self.version)),
            _ => Summary::of_copy(&self.from),
        }
    }
}

/// Replaces the open database with the previewed copy, the user having seen the preview and
/// said yes. Through the open store when its file is whole; when it is damaged, the store is
/// closed and the file replaced whole, the damaged file kept aside by name. Gives the store
/// back when it stays open (`None`: open the file again). `progress` is told the pages copied
/// (the database kept aside, then the copy loaded) of both copies' total.
pub fn restore_confirmed(
    mut store: Store,
    p: &Preview,
    progress: Progress,
) -> (Option<Store>, Result<RestoreReport>) {
    let copy = match p.checked_copy() {
        Ok(c) => c,
        Err(e) => return (Some(store), Err(e)),
    };
    match restore_checked(&mut store, &p.from, &copy, true, progress) {
        Err(Error::Damaged { path, .. }) if store.path() == Some(path.as_path()) => {
            drop(store);
            (None, replace_file(&path, &p.from, &copy, true, progress))
        }
        other => (Some(store), other),
    }
}

/// `restore_path` for a previewed copy the user said yes to (the app, over a database it
/// could not open).
pub fn restore_path_confirmed(db: &Path, p: &Preview, progress: Progress) -> Result<RestoreReport> {
    let copy = p.checked_copy()?;
    restore_path_checked(db, &p.from, &copy, true, progress)
}

/// Replaces the database at `db` with the copy at `from`, whatever state the database is in:
/// through the open database when it is whole, by replacing the file when it is damaged or
/// missing. Refuses while another program has the database open.
pub fn restore_path(db: &Path, from: &Path, confirmed: bool) -> Result<RestoreReport> {
    restore_path_with(db, from, confirmed, &mut |_, _| {})
}

/// `restore_path`, telling `progress` how far the copies have come (as `restore_confirmed`).
pub fn restore_path_with(
    db: &Path,
    from: &Path,
    confirmed: bool,
    progress: Progress,
) -> Result<RestoreReport> {
    let copy = Summary::of_copy(from)?;
    restore_path_checked(db, from, &copy, confirmed, progress)
}

fn restore_path_checked(
    db: &Path,
    from: &Path,
    copy: &(Summary, i64),
    confirmed: bool,
    progress: Progress,
) -> Result<RestoreReport> {
    match super::open_without_daily_backup(db) {
        Ok(mut store) => match restore_checked(&mut store, from, copy, confirmed, progress) {
            Err(Error::Damaged { path, .. }) if path == db => {
                drop(store);
                replace_file(db, from, copy, confirmed, progress)
            }
            other => other,
        },
        Err(Error::Damaged { .. } | Error::DiskIo(_)) => {
            replace_file(db, from, copy, confirmed, progress)
        }
        Err(Error::NotFound(_)) if fs::symlink_metadata(db).is_err() => {
            replace_file(db, from, copy, confirmed, progress)
        }
        Err(e) => Err(e),
    }
}

/// Replaces the open database's content with the copy at `from`. A damaged database is
/// refused with `Error::Damaged` naming it: its content cannot be kept as a verified copy, so
/// the file itself must be replaced (`restore_path` does that).
pub fn restore(store: &mut Store, from: &Path, confirmed: bool) -> Result<RestoreReport> {
    let copy = Summary::of_copy(from)?;
    restore_checked(store, from, &copy, confirmed, &mut |_, _| {})
}

/// `copy`: the copy's summary and version, from `Summary::of_copy`.
fn restore_checked(
    store: &mut Store,
    from: &Path,
    (copy, version): &(Summary, i64),
    confirmed: bool,
    progress: Progress,
) -> Result<RestoreReport> {
    let version = *version;
    store.require(crate::secure::Role::Admin)?;
    let db = db_path(store)?;
    if same_file(&db, from) {
        return Err(Error::Other(Text::new("err.restore.same_file")));
    }
    store.check_whole()?;
    ask(Some(&Summary::of(store)?), copy, from, confirmed)?;
    // Two copies of about the same size: each is told as one half of the count.
    let kept = make(store, Kind::Replaced, &mut |done, total| {
        progress(done, 2 * total)
    })?;
    copy::load_into(store, from, &mut |done, total| {
        progress(total + done, 2 * total)
    })?;
    migrations::upgrade(store, |s| backup::backup_before_migration(s).map(|_| ()))?;
    tracing::info!(version, "database restored from a copy");
    Ok(RestoreReport {
        restored_from: from.to_path_buf(),
        replaced_kept_at: Some(kept.path),
        version,
        copy: copy.clone(),
    })
}

fn replace_file(
    db: &Path,
    from: &Path,
    (copy, version): &(Summary, i64),
    confirmed: bool,
    progress: Progress,
) -> Result<RestoreReport> {
    let version = *version;
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
        copy::copy_file(from, tmp, progress).map_err(|e| Error::file(db, e))
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
    copy::contents_of_file(db).map(|c| Summary::from(c, None))
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

//! Backups: verified copies of a consistent snapshot of the database (WAL content included),
//! made while the file is open (`copy::snapshot`: the file byte for byte when nothing waits in
//! its WAL, else SQLite's online backup API).
//!
//! Copies go to the backup folder: `backups/` beside the database, or the folder in the setting
//! `backup_dir` (e.g. a USB stick). A copy is named `<db stem>.<YYYY-MM-DD_HHMMSS>.<kind>.db`,
//! written under a `.partial` name, checked (`copy::verify_snapshot`: header, page count, every
//! page read back and accounted for), and only then given its name, so a copy that carries a
//! name is a whole, verified database.
//!
//! Automatic daily copies are rotated like a grandfather-father-son scheme (the newest copy of
//! each of the 7 newest days, 4 newest ISO weeks and 12 newest months are kept); copies made by
//! hand, before a migration and before a restore are never deleted by the program.

use super::output::{self, Protected};
use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::secure::{DbKey, Keyring, keyring};
pub use crate::store::copy::{Progress, verify};
use crate::store::{Db, Store, copy, reference};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The setting that moves the backup folder away from the database's own folder.
pub const SETTING_DIR: &str = "backup_dir";

/// How many automatic copies rotation keeps: days, ISO weeks, months.
const KEEP_DAILY: usize = 7;
const KEEP_WEEKLY: usize = 4;
const KEEP_MONTHLY: usize = 12;

/// Why a copy was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// The automatic copy at the first opening of a day (rotated).
    Daily,
    /// `estu backup`, «Создать копию сейчас».
    Manual,
    /// Taken before a schema upgrade.
    PreMigration,
    /// The database a restore replaced.
    Replaced,
}

impl Kind {
    pub const ALL: [Kind; 4] = [
        Kind::Daily,
        Kind::Manual,
        Kind::PreMigration,
        Kind::Replaced,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Kind::Daily => "daily",
            Kind::Manual => "manual",
            Kind::PreMigration => "premigration",
            Kind::Replaced => "replaced",
        }
    }

    /// i18n key of the kind's name.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Daily => "backup.kind.daily",
            Kind::Manual => "backup.kind.manual",
            Kind::PreMigration => "backup.kind.premigration",
            Kind::Replaced => "backup.kind.replaced",
        }
    }

    pub fn parse(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// One copy in the backup folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupInfo {
    pub path: PathBuf,
    pub taken_at: NaiveDateTime,
    pub kind: Kind,
    pub size: u64,
}

const STAMP: &str = "%Y-%m-%d_%H%M%S";

/// The backup folder of the open database.
pub fn backup_dir(store: &Store) -> Result<PathBuf> {
    let db = db_path(store)?;
    Ok(dir_for(&db, reference::setting(store.conn(), SETTING_DIR)?))
}

/// The backup folder of the database file at `path`, which need not open: the folder its
/// setting names when that still reads, else `backups/` beside it (a damaged database's copies).
pub fn dir_of_file(path: &Path) -> PathBuf {
    dir_for(path, copy::setting_of_file(path, SETTING_DIR))
}

pub(crate) fn dir_for(db: &Path, setting: Option<String>) -> PathBuf {
    match setting.filter(|s| !s.trim().is_empty()) {
        Some(dir) => PathBuf::from(dir.trim()),
        None => db
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .join("backups"),
    }
}

pub(crate) fn db_path(store: &Store) -> Result<PathBuf> {
    store
        .path()
        .map(Path::to_path_buf)
        .ok_or_else(|| Error::Other(Text::new("err.backup.in_memory")))
}

pub(crate) fn stem(db: &Path) -> String {
    db.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "estu".into())
}

/// Makes a verified copy now (`estu backup`).
pub fn backup_now(store: &Store) -> Result<BackupInfo> {
    backup_now_with(store, &mut |_, _| {})
}

/// `backup_now`, telling `progress` the pages copied of the file's total.
pub fn backup_now_with(store: &Store, progress: Progress) -> Result<BackupInfo> {
    store.require(crate::secure::Role::Admin)?;
    make(store, Kind::Manual, progress)
}

/// The copy before a schema upgrade: the upgrade does not start without it.
pub(crate) fn backup_before_migration(store: &Store) -> Result<BackupInfo> {
    make(store, Kind::PreMigration, &mut |_, _| {})
}

/// The automatic copy at the first opening of the day, then rotation. Returns the copy when
/// one was made (none when today's exists already).
pub(crate) fn auto_backup(store: &Store) -> Result<Option<BackupInfo>> {
    match daily_due(store)? {
        Some(job) => job.run(store.conn()).map(Some),
        None => Ok(None),
    }
}

/// `auto_backup` on a thread with its own read-only connection, so that the window opens at
/// once; `None` when no copy is due. The copy is one consistent snapshot: the app may write
/// meanwhile (WAL readers do not block writers).
pub fn auto_backup_in_background(
    store: &Store,
) -> Result<Option<std::thread::JoinHandle<Result<Option<BackupInfo>>>>> {
    let Some(job) = daily_due(store)? else {
        return Ok(None);
    };
    Ok(Some(std::thread::spawn(move || {
        let db = Db::open_read_only(&job.db)?;
        job.run(&db).map(Some)
    })))
}

/// What the day's automatic copy needs, read from the open store.
struct DailyJob {
    db: PathBuf,
    key: Option<DbKey>,
    dir: PathBuf,
    existing: Vec<BackupInfo>,
}

/// The day's copy when none was made today yet.
fn daily_due(store: &Store) -> Result<Option<DailyJob>> {
    let Some(db) = store.path().map(Path::to_path_buf) else {
        return Ok(None);
    };
    let today = chrono::Local::now().date_naive();
    let existing = list_backups(store)?;
    if existing
        .iter()
        .any(|b| b.kind == Kind::Daily && b.taken_at.date() == today)
    {
        return Ok(None);
    }
    Ok(Some(DailyJob {
        key: store.key().cloned(),
        dir: backup_dir(store)?,
        db,
        existing,
    }))
}

impl DailyJob {
    /// Writes and checks the copy, then rotates the old ones.
    fn run(self, src: &Db) -> Result<BackupInfo> {
        let (key, dir, db) = (self.key.as_ref(), &self.dir, &self.db);
        let made = copy_into(src, key, dir, db, Kind::Daily, &mut |_, _| {})?;
        let mut all = self.existing;
        all.push(made.clone());
        for old in rotation_victims(&all) {
            if let Err(e) = fs::remove_file(&old) {
                tracing::warn!(error = %e, "could not remove a rotated backup");
            }
            let _ = fs::remove_file(keyring::path_for(&old));
        }
        Ok(made)
    }
}

pub(crate) fn make(store: &Store, kind: Kind, progress: Progress) -> Result<BackupInfo> {
    copy_into(
        store.conn(),
        store.key(),
        &backup_dir(store)?,
        &db_path(store)?,
        kind,
        progress,
    )
}

/// A verified copy of the database `db` behind `src`, under a fresh name in `dir`.
fn copy_into(
    src: &Db,
    key: Option<&DbKey>,
    dir: &Path,
    db: &Path,
    kind: Kind,
    progress: Progress,
) -> Result<BackupInfo> {
    let dest = fresh_name(dir, &stem(db), kind)?;
    write_copy(src, key, &dest, progress).map_err(|e| match e {
        Error::Damaged { path, detail } if path.as_os_str().is_empty() => Error::Damaged {
            path: db.to_path_buf(),
            detail,
        },
        other => other,
    })?;
    keyring_beside(db, &dest)?;
    tracing::info!(kind = kind.code(), "backup written");
    info_of(&dest).ok_or_else(|| Error::Other(Text::new("err.backup.unreadable")))
}

/// Puts a copy of the database's keyring beside the copy `dest` (`<copy>.keys`), so that the
/// copy opens elsewhere with the passwords or the recovery code of today. Nothing for an open
/// file.
fn keyring_beside(db: &Path, dest: &Path) -> Result<()> {
    match Keyring::load(db)? {
        Some(ring) => ring.save(dest),
        None => Ok(()),
    }
}

/// A `.partial` copy untouched this long was left by a program that stopped mid-copy (closed,
/// killed, power cut); one being written is touched far more often than that.
const STALE_PARTIAL: Duration = Duration::from_secs(15 * 60);

/// Removes copies in `dir` that were never finished: they are not backups and only take space
/// (a region's file is a gigabyte), and nothing else would ever remove them.
fn sweep_unfinished(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.filter_map(|e| e.ok()) {
        let path = e.path();
        let unfinished = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
            ["", "-journal", "-wal", "-shm"]
                .iter()
                .any(|side| n.ends_with(&format!(".db.partial{side}")))
        });
        let stale = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age >= STALE_PARTIAL);
        if unfinished && stale {
            match fs::remove_file(&path) {
                Ok(()) => tracing::info!("removed an unfinished copy"),
                Err(e) => tracing::warn!(error = %e, "could not remove an unfinished copy"),
            }
        }
    }
}

/// A name in `dir` for a copy made now that no file has yet.
pub(crate) fn fresh_name(dir: &Path, stem: &str, kind: Kind) -> Result<PathBuf> {
    fs::create_dir_all(dir).map_err(|e| backup_io(e, dir))?;
    sweep_unfinished(dir);
    let stamp = chrono::Local::now().format(STAMP).to_string();
    let mut n = 1;
    loop {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!("-{n}")
        };
        let p = dir.join(format!("{stem}.{stamp}{suffix}.{}.db", kind.code()));
        if !p.exists() {
            return Ok(p);
        }
        n += 1;
    }
}

fn backup_io(e: std::io::Error, dir: &Path) -> Error {
    match crate::store::io_at_open(e) {
        Error::Io(e) => Error::Other(
            Text::new("err.backup.folder")
                .arg("path", dir.display())
                .arg("detail", e),
        ),
        other => other,
    }
}

/// Copies a snapshot of the database behind `src` to `dest` (`copy::snapshot`), checks the copy,
/// and only then gives it its name (`output::save_with`: a failed copy leaves no file, nor
/// SQLite's journal of it).
pub(crate) fn write_copy(
    src: &Db,
    key: Option<&DbKey>,
    dest: &Path,
    progress: Progress,
) -> Result<()> {
    output::save_with(dest, &Protected::none(), |partial| {
        let pages = copy::snapshot(src, key, partial, progress)?;
        copy::verify_snapshot(partial, pages).map_err(|e| copy_failed(e, partial))?;
        Ok(())
    })
}

/// A copy that fails its check names the database it was copied from, not the temporary
/// file: the copy is a faithful picture of the source, so the source is what is damaged.
fn copy_failed(e: Error, partial: &Path) -> Error {
    match e {
        Error::Damaged { path, detail } if path == partial => Error::Damaged {
            path: PathBuf::new(),
            detail,
        },
        other => other,
    }
}

/// The copies of the open database in its backup folder, newest first.
pub fn list_backups(store: &Store) -> Result<Vec<BackupInfo>> {
    let db = db_path(store)?;
    list_in(&backup_dir(store)?, &stem(&db))
}

/// The copies of a database named `<stem>.db` in `dir`, newest first.
pub fn list_in(dir: &Path, stem: &str) -> Result<Vec<BackupInfo>> {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(backup_io(e, dir)),
    };
    let mut v: Vec<BackupInfo> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .and_then(parse_name)
                .is_some_and(|(s, _, _)| s == stem)
        })
        .filter_map(|p| info_of(&p))
        .collect();
    v.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then(b.path.cmp(&a.path)));
    Ok(v)
}

/// Every copy in `dir`, of any database: the files an output may never overwrite.
pub(crate) fn copies_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .and_then(parse_name)
                .is_some()
        })
        .collect()
}

/// Splits `<stem>.<stamp>[-n].<kind>.db` into its parts.
fn parse_name(name: &str) -> Option<(&str, NaiveDateTime, Kind)> {
    let rest = name.strip_suffix(".db")?;
    let (rest, kind) = rest.rsplit_once('.')?;
    let (stem, stamp) = rest.rsplit_once('.')?;
    let stamp = stamp.get(..17)?;
    let at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
    Some((stem, at, Kind::parse(kind)?))
}

pub(crate) fn info_of(path: &Path) -> Option<BackupInfo> {
    let (_, taken_at, kind) = parse_name(path.file_name()?.to_str()?)?;
    let size = fs::metadata(path).ok()?.len();
    Some(BackupInfo {
        path: path.to_path_buf(),
        taken_at,
        kind,
        size,
    })
}

/// A period a copy falls in (day, ISO week or month), as a comparable key.
type Bucket = fn(NaiveDate) -> (i32, u32);

/// The automatic copies rotation removes: all daily copies except the newest of each of the
/// `KEEP_DAILY` newest days, `KEEP_WEEKLY` newest ISO weeks and `KEEP_MONTHLY` newest months.
/// Other kinds are never removed.
fn rotation_victims(all: &[BackupInfo]) -> Vec<PathBuf> {
    let mut daily: Vec<&BackupInfo> = all.iter().filter(|b| b.kind == Kind::Daily).collect();
    daily.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then(b.path.cmp(&a.path)));
    let mut keep: HashSet<&Path> = HashSet::new();
    let buckets: [(usize, Bucket); 3] = [
        (KEEP_DAILY, |d| (d.year(), d.ordinal())),
        (KEEP_WEEKLY, |d| (d.iso_week().year(), d.iso_week().week())),
        (KEEP_MONTHLY, |d| (d.year(), d.month())),
    ];
    for (n, bucket) in buckets {
        let mut last = None;
        let mut kept = 0;
        for b in &daily {
            if kept == n {
                break;
            }
            let k = bucket(b.taken_at.date());
            if last != Some(k) {
                keep.insert(&b.path);
                last = Some(k);
                kept += 1;
            }
        }
    }
    daily
        .into_iter()
        .filter(|b| !keep.contains(b.path.as_path()))
        .map(|b| b.path.clone())
        .collect()
}

pub use super::restore::{RestoreReport, restore};

#[cfg(test)]
mod tests {
    use super::*;

    fn info(stamp: &str, kind: Kind) -> BackupInfo {
        let taken_at = NaiveDateTime::parse_from_str(stamp, "%Y-%m-%d %H:%M").unwrap();
        BackupInfo {
            path: PathBuf::from(format!(
                "estu.{}.{}.db",
                taken_at.format(STAMP),
                kind.code()
            )),
            taken_at,
            kind,
            size: 1,
        }
    }

    #[test]
    fn names_round_trip() {
        let (stem, at, kind) = parse_name("my.journal.2024-05-06_093012-2.manual.db").unwrap();
        assert_eq!(stem, "my.journal");
        assert_eq!(at.to_string(), "2024-05-06 09:30:12");
        assert_eq!(kind, Kind::Manual);
        assert!(parse_name("estu.db").is_none());
        assert!(parse_name("estu.2024-05-06_093012.weird.db").is_none());
    }

    #[test]
    fn rotation_keeps_7_days_4_weeks_12_months() {
        // One automatic copy a day for 400 days, from 2023-01-01 to 2024-02-04 (a Sunday).
        let start = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
        let mut all: Vec<BackupInfo> = (0..400)
            .map(|i| {
                let d = start + chrono::Days::new(i);
                info(&format!("{d} 09:00"), Kind::Daily)
            })
            .collect();
        all.push(info("2020-01-01 10:00", Kind::Manual));
        all.push(info("2020-01-02 10:00", Kind::PreMigration));
        let victims: HashSet<PathBuf> = rotation_victims(&all).into_iter().collect();
        let kept: Vec<String> = all
            .iter()
            .filter(|b| !victims.contains(&b.path))
            .map(|b| b.taken_at.date().to_string() + " " + b.kind.code())
            .collect();
        let mut kept = kept;
        kept.sort();
        // Days: 29 Jan – 4 Feb 2024. Weeks (newest of each): 4 Feb (week 5, already kept),
        // 28 Jan (w4), 21 Jan (w3), 14 Jan (w2). Months (newest of each): Feb 4 (kept),
        // 31 Jan 2024, 31 Dec … 31 Mar 2023 (10 more months).
        let expected: Vec<&str> = vec![
            "2020-01-01 manual",
            "2020-01-02 premigration",
            "2023-03-31 daily",
            "2023-04-30 daily",
            "2023-05-31 daily",
            "2023-06-30 daily",
            "2023-07-31 daily",
            "2023-08-31 daily",
            "2023-09-30 daily",
            "2023-10-31 daily",
            "2023-11-30 daily",
            "2023-12-31 daily",
            "2024-01-14 daily",
            "2024-01-21 daily",
            "2024-01-28 daily",
            "2024-01-29 daily",
            "2024-01-30 daily",
            "2024-01-31 daily",
            "2024-02-01 daily",
            "2024-02-02 daily",
            "2024-02-03 daily",
            "2024-02-04 daily",
        ];
        assert_eq!(kept, expected);
    }

    #[test]
    fn rotation_of_few_copies_removes_nothing() {
        let all = vec![
            info("2024-02-04 09:00", Kind::Daily),
            info("2024-02-03 09:00", Kind::Daily),
        ];
        assert!(rotation_victims(&all).is_empty());
        // Two copies on one day: the older one goes.
        let all = vec![
            info("2024-02-04 09:00", Kind::Daily),
            info("2024-02-04 08:00", Kind::Daily),
        ];
        assert_eq!(rotation_victims(&all), vec![all[1].path.clone()]);
    }
}

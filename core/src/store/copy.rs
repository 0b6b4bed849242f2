//! Copies of the whole database file at SQLite's level: a consistent snapshot into a new file,
//! the check that a file is a whole Estu database, what a file holds, and loading a copy into
//! the open database. When, where and under which names copies are made is `safety::backup`'s.

use super::key::{self, DbKey};
use super::{APPLICATION_ID, Db, Store, migrations};
use crate::error::{Error, Result};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use std::fs;
use std::path::Path;
use std::time::Duration;

/// Told how far a copy has come: `done` of `total` pages (bytes for a plain file copy, which
/// knows no pages). Called on the thread that copies, after each step (a few megabytes).
pub type Progress<'a> = &'a mut dyn FnMut(u64, u64);

/// Pages copied a step: about 4 MB of a file with 4 KB pages, so a gigabyte reports progress
/// a few hundred times.
const PAGES_PER_STEP: i32 = 1024;

/// Writes a consistent snapshot of the database behind `src` into the new file `dest`: one
/// self-contained file, with no WAL beside it. Encrypted with `key`, the database's own key: a
/// copy is as protected as the file. Returns how many pages the snapshot has (what
/// `verify_snapshot` expects of the copy).
pub(crate) fn snapshot(
    src: &Db,
    key: Option<&DbKey>,
    dest: &Path,
    progress: Progress,
) -> Result<i64> {
    if let Some(pages) = settled_file_copy(src.sql(), dest, progress)? {
        // The file's own header says WAL; the copy stands alone.
        let dst = key::create(dest, key)?;
        let _: String = dst.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
        return Ok(pages);
    }
    let mut dst = key::create(dest, key)?;
    // Step by step within one read transaction of `src`: one read snapshot, so a write by
    // another connection meanwhile (the app, while a background copy runs) cannot restart
    // the copy, and the steps can say how far it has come.
    let pages = in_read_snapshot(src.sql(), || {
        let backup = Backup::new(src.sql(), &mut dst)?;
        copy_steps(&backup, progress)
    })?;
    let _: String = dst.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    Ok(i64::from(pages))
}

/// Copies the database file byte for byte when the read snapshot of `conn` is exactly what
/// lies in the file, and stays so while the copy runs; returns the snapshot's page count, or
/// `None` (and an empty `dest`) when it is not so and the backup API must copy instead.
///
/// Why it is safe: with every WAL frame written back into the file (a passive checkpoint that
/// caught up: it waits for nobody) and no commit by another connection between that and the
/// start of the read snapshot (`data_version` unchanged), the snapshot reads the file alone. No
/// checkpoint can then write into the file while the snapshot is held: SQLite never writes a
/// frame back past an open reader's snapshot. (Without WAL, the reader's shared lock keeps
/// writers out.) Why: it is the speed of `cp`, where the backup API takes twice as long
/// (a region's 1.2 GB: 2.7 s against 5–6 s), and the copy is checked page by page after.
fn settled_file_copy(conn: &Connection, dest: &Path, progress: Progress) -> Result<Option<i64>> {
    let Some(path) = conn.path().filter(|p| !p.is_empty()).map(Path::new) else {
        return Ok(None);
    };
    if !conn.is_autocommit() {
        return Ok(None);
    }
    let data_version =
        || -> rusqlite::Result<i64> { conn.query_row("PRAGMA data_version", [], |r| r.get(0)) };
    let before = data_version()?;
    // A read-only connection (the app's background copy) may not checkpoint: then the
    // backup API copies.
    let Ok((busy, log, written_back)) = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
        ))
    }) else {
        return Ok(None);
    };
    // Without WAL the answer is (0, -1, -1): nothing to write back.
    let wal = conn.query_row("PRAGMA journal_mode", [], |r| r.get::<_, String>(0))? == "wal";
    let settled = busy == 0 && log == written_back && (log >= 0 || !wal);
    in_read_snapshot(conn, || {
        if !settled || data_version()? != before {
            return Ok(None);
        }
        let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
        match copy_pages(path, dest, pages, progress) {
            Ok(true) => Ok(Some(pages)),
            Ok(false) => Ok(None),
            Err(e) => {
                // A file another program holds a lock on (Windows), say: the backup API reads
                // it through SQLite instead.
                tracing::warn!(error = %e, "copying the database file failed; using the backup API");
                fs::File::create(dest).map_err(|e| Error::file(dest, e))?;
                Ok(None)
            }
        }
    })
}

/// Copies the `pages` pages of the database file `src` into the empty file `dest`; `false`
/// (nothing copied) when the file is not exactly that many pages of one size. The lock-byte
/// page (at 1 GB) is written as zeros, not read: SQLite never uses it, and on Windows its
/// bytes are where SQLite's locks are, which another reader may not read.
fn copy_pages(src: &Path, dest: &Path, pages: i64, progress: Progress) -> std::io::Result<bool> {
    copy_pages_around(src, dest, pages, LOCK_BYTE_OFFSET, progress)
}

/// `copy_pages`, with the page not to read at `lock_page` (a test needs no gigabyte file).
fn copy_pages_around(
    src: &Path,
    dest: &Path,
    pages: i64,
    lock_page: u64,
    progress: Progress,
) -> std::io::Result<bool> {
    let mut from = fs::File::open(src)?;
    let len = from.metadata()?.len();
    let pages = u64::try_from(pages).unwrap_or(0);
    let page_size = len.checked_div(pages).unwrap_or(0);
    if page_size * pages != len
        || !page_size.is_power_of_two()
        || !(512..=65536).contains(&page_size)
    {
        return Ok(false);
    }
    let mut to = fs::OpenOptions::new().write(true).open(dest)?;
    let lock_page = lock_page.min(len);
    let mut tell = |bytes: u64| progress(bytes / page_size, pages);
    copy_span(&mut from, &mut to, lock_page, 0, &mut tell)?;
    if lock_page < len {
        std::io::Seek::seek(&mut from, std::io::SeekFrom::Current(page_size as i64))?;
        std::io::Write::write_all(&mut to, &vec![0; page_size as usize])?;
        let after = lock_page + page_size;
        copy_span(&mut from, &mut to, len - after, after, &mut tell)?;
    }
    Ok(true)
}

/// Where SQLite's locks are, at the start of the page it never uses.
const LOCK_BYTE_OFFSET: u64 = 1 << 30;

/// Bytes copied a step of a plain file copy: as many as `PAGES_PER_STEP` pages of 4 KB.
const BYTES_PER_STEP: u64 = 4 << 20;

/// Copies `len` bytes from `from`'s position to `to`'s, a step at a time, telling `tell` the
/// bytes done so far (counted from `done`). `io::copy` lets the kernel copy where it can.
fn copy_span(
    from: &mut fs::File,
    to: &mut fs::File,
    len: u64,
    mut done: u64,
    tell: &mut dyn FnMut(u64),
) -> std::io::Result<()> {
    let mut left = len;
    while left > 0 {
        let step = left.min(BYTES_PER_STEP);
        let copied = std::io::copy(&mut std::io::Read::take(&mut *from, step), to)?;
        if copied != step {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        left -= step;
        done += step;
        tell(done);
    }
    Ok(())
}

/// Copies the file `from` whole into the existing file `to`, telling `progress` the bytes done
/// of the file's size (a restore over a damaged database: no page of it is trusted).
pub(crate) fn copy_file(from: &Path, to: &Path, progress: Progress) -> std::io::Result<()> {
    let mut src = fs::File::open(from)?;
    let len = src.metadata()?.len();
    let mut dst = fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .create(true)
        .open(to)?;
    copy_span(&mut src, &mut dst, len, 0, &mut |done| progress(done, len))
}

/// Runs `f` inside a read transaction of `conn` (unless one is open already), ended after.
fn in_read_snapshot<T>(conn: &Connection, f: impl FnOnce() -> Result<T>) -> Result<T> {
    if !conn.is_autocommit() {
        return f();
    }
    // BEGIN is deferred: the read of the schema is what starts the read transaction.
    conn.execute_batch("BEGIN; SELECT count(*) FROM sqlite_schema;")?;
    let out = f();
    let end = conn.execute_batch("COMMIT");
    let out = out?;
    end?;
    Ok(out)
}

/// Runs `backup` to its end a step at a time, telling `progress` the pages done; returns the
/// source's page count.
fn copy_steps(backup: &Backup, progress: Progress) -> Result<i32> {
    loop {
        let step = backup.step(PAGES_PER_STEP)?;
        let p = backup.progress();
        let total = p.pagecount.max(0) as u64;
        progress(total.saturating_sub(p.remaining.max(0) as u64), total);
        match step {
            StepResult::Done => return Ok(p.pagecount),
            StepResult::More => {}
            // Another connection holds a lock for a moment: wait as run_to_completion did.
            _ => std::thread::sleep(Duration::from_millis(10)),
        }
    }
}

/// Replaces the open database's content with the file at `from`, by the backup API a step at
/// a time (the writer's lock stays held).
pub(crate) fn load_into(store: &mut Store, from: &Path, progress: Progress) -> Result<()> {
    let src = read_only(from)?;
    copy_steps(&Backup::new(&src, store.conn_mut())?, progress)?;
    Ok(())
}

/// Opens `path` read-only, with the key unlocked in this process when it is encrypted.
fn read_only(path: &Path) -> Result<Connection> {
    key::open(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
}

/// Whose records a database holds, and how many: enough to tell one copy from another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contents {
    pub okrug_ru: String,
    pub okrug_kk: String,
    pub appeals: i64,
    pub meetings: i64,
    pub plan_items: i64,
}

/// What the open database holds.
pub(crate) fn contents(db: &Db) -> Result<Contents> {
    contents_of(db.sql())
}

/// What the database file at `path` holds, read without changing it; `None` when it cannot be
/// read (a damaged file may still say who it belongs to).
pub(crate) fn contents_of_file(path: &Path) -> Option<Contents> {
    contents_of(&read_only(path).ok()?).ok()
}

/// A setting of the database file at `path`, read without changing it; `None` when it is not
/// set or cannot be read (a damaged file).
pub(crate) fn setting_of_file(path: &Path, key: &str) -> Option<String> {
    read_only(path)
        .ok()?
        .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .ok()
}

fn contents_of(conn: &Connection) -> Result<Contents> {
    let count = |table: &str| -> Result<i64> {
        Ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
    };
    let (okrug_ru, okrug_kk) = conn.query_row(
        "SELECT org_name_ru, org_name_kk FROM okrug WHERE id = 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(Contents {
        okrug_ru,
        okrug_kk,
        appeals: count("appeal")?,
        meetings: count("meeting")?,
        plan_items: count("plan_item")?,
    })
}

/// SQLite's own checks of the open file: `integrity_check` and `foreign_key_check`, one line
/// per problem (none when the file is whole).
pub(crate) fn problems(db: &Db) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let integrity: Vec<String> = db
        .prepare("PRAGMA integrity_check")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if integrity != ["ok"] {
        out.extend(
            integrity
                .into_iter()
                .map(|s| format!("integrity_check: {s}")),
        );
    }
    let fk: Vec<String> = db
        .prepare("PRAGMA foreign_key_check")?
        .query_map([], |r| {
            Ok(format!(
                "foreign_key_check: {}#{}",
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    out.extend(fk);
    Ok(out)
}

/// Checks that `path` is a whole Estu database this program can open: `integrity_check` is ok,
/// the application id is Estu's, and the schema version is not newer than this program's.
/// Returns the schema version. Opens the file read-only: nothing in it changes. For a copy from
/// elsewhere (a restore): every page, every index against its table.
pub fn verify(path: &Path) -> Result<i64> {
    let (conn, version) = open_checked(path)?;
    integrity_check(&conn, path)?;
    Ok(version)
}

/// Checks a copy `snapshot` has just written, at a fraction of `verify`'s cost: Estu's header
/// and version, the page count of the snapshot (a copy cut short is caught), and every page
/// read back and accounted for (`walk_pages`): a page that is not what its b-tree says
/// (scribbled over, zeroed) is counted as damaged, and a page lost or claimed twice breaks
/// the sum. What `integrity_check` adds — keys in order, each index holding its table's rows —
/// cannot be changed by a page-for-page copy; `estu check` checks it in the file itself.
/// (`quick_check` did this walk too, and more, at 2.6 times its cost: 5.9 s against 2.3 s for
/// a region's 1.2 GB copy, where `cp` + `sync` takes 4–5 s.)
pub(crate) fn verify_snapshot(path: &Path, pages: i64) -> Result<i64> {
    let (conn, version) = open_checked(path)?;
    let found: i64 = conn
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .map_err(|e| damaged(path, e.to_string()))?;
    if found != pages {
        return Err(damaged(
            path,
            format!("page_count {found}, the snapshot has {pages}"),
        ));
    }
    let walk = walk_pages(&conn).map_err(|e| damaged(path, e.to_string()))?;
    if walk.damaged > 0 {
        return Err(damaged(path, format!("{} damaged pages", walk.damaged)));
    }
    if walk.accounted != pages {
        return Err(damaged(
            path,
            format!("{} of its {pages} pages accounted for", walk.accounted),
        ));
    }
    Ok(version)
}

/// What the walk over every page of a file found.
struct PageWalk {
    /// Pages that belong somewhere: every page of every table, index and overflow chain, the
    /// free list's pages, and the one page SQLite never uses (the lock-byte page, at 1 GB, in a
    /// larger file). A whole file accounts for each of its pages exactly once.
    accounted: i64,
    /// Pages that are not what their parent says they are (scribbled over, zeroed).
    damaged: i64,
}

/// Whether every page of the open file reads and is accounted for (`walk_pages`): what an
/// official form needs of the file it comes from, at a fraction of `quick_check`'s cost (a
/// region's 1.2 GB: 1.6–2.3 s against 14 s, most of which is the full-text index's own check).
/// `estu check` checks the rest (keys in order, indexes against their tables).
pub(crate) fn pages_whole(conn: &Connection) -> bool {
    let Ok(pages) = conn.query_row("PRAGMA page_count", [], |r| r.get::<_, i64>(0)) else {
        return false;
    };
    matches!(walk_pages(conn), Ok(w) if w.damaged == 0 && w.accounted == pages)
}

/// Reads and parses every page of the file by SQLite's `dbstat` walk.
fn walk_pages(conn: &Connection) -> rusqlite::Result<PageWalk> {
    let pragma = |name: &str| -> rusqlite::Result<i64> {
        conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
    };
    // The page size from the walk itself: SQLCipher answers `PRAGMA page_size` otherwise.
    let (in_trees, damaged, page_size): (i64, i64, i64) = conn.query_row(
        "SELECT count(*), coalesce(sum(pagetype NOT IN ('internal', 'leaf', 'overflow')), 0),
                coalesce(max(pgsize), 4096)
         FROM dbstat",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let lock_byte_page = (1_i64 << 30) / page_size + 1;
    let unused = i64::from(pragma("page_count")? >= lock_byte_page);
    Ok(PageWalk {
        accounted: in_trees + pragma("freelist_count")? + unused,
        damaged,
    })
}

fn damaged(path: &Path, detail: String) -> Error {
    Error::Damaged {
        path: path.to_path_buf(),
        detail,
    }
}

/// Opens `path` read-only once it is known to be an Estu database of a version this program
/// can open; returns the connection and the schema version.
fn open_checked(path: &Path) -> Result<(Connection, i64)> {
    // A missing file or a folder is said as such, not as a damaged database.
    let meta = fs::metadata(path).map_err(|e| Error::file(path, e))?;
    if !meta.is_file() {
        return Err(Error::file(path, std::io::ErrorKind::IsADirectory.into()));
    }
    let conn = read_only(path).map_err(|e| match e {
        Error::Encrypted(_) => e,
        Error::NotEstu(_) => Error::NotEstu(path.to_path_buf()),
        e => damaged(path, e.to_string()),
    })?;
    let header = (|| -> rusqlite::Result<(i32, i64)> {
        Ok((
            conn.query_row("PRAGMA application_id", [], |r| r.get(0))?,
            conn.query_row("PRAGMA user_version", [], |r| r.get(0))?,
        ))
    })();
    let (app, version) = match header {
        Ok(v) => v,
        Err(e) => {
            return Err(match Error::from(e) {
                Error::NotEstu(_) => Error::NotEstu(path.to_path_buf()),
                other => damaged(path, other.to_string()),
            });
        }
    };
    if app != APPLICATION_ID {
        return Err(Error::NotEstu(path.to_path_buf()));
    }
    if version > migrations::LATEST {
        return Err(Error::NewerDatabase {
            found: version,
            supported: migrations::LATEST,
        });
    }
    if version < 1 {
        return Err(Error::NotEstu(path.to_path_buf()));
    }
    Ok((conn, version))
}

/// SQLite's `integrity_check`: the file is damaged unless it answers "ok".
fn integrity_check(conn: &Connection, path: &Path) -> Result<()> {
    let mut st = conn
        .prepare("PRAGMA integrity_check")
        .map_err(|e| damaged(path, e.to_string()))?;
    let lines: Vec<String> = st
        .query_map([], |r| r.get(0))
        .and_then(|rows| rows.collect())
        .map_err(|e| damaged(path, e.to_string()))?;
    if lines != ["ok"] {
        return Err(damaged(
            path,
            lines.into_iter().take(3).collect::<Vec<_>>().join("; "),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    /// A database of a few hundred pages, its snapshot, and the snapshot's page count.
    fn snapshot_of_a_filled_db(dir: &Path) -> (Store, std::path::PathBuf, i64) {
        let mut s = Store::create(&dir.join("okrug.db"), &crate::demo::profile()).unwrap();
        s.write(|tx| {
            for i in 0..400 {
                tx.execute(
                    "INSERT INTO setting (key, value) VALUES (?1, ?2)",
                    (format!("k{i}"), "x".repeat(900)),
                )?;
            }
            Ok(())
        })
        .unwrap();
        let copy = dir.join("copy.db");
        let pages = snapshot(s.conn(), None, &copy, &mut |_, _| {}).unwrap();
        (s, copy, pages)
    }

    #[test]
    fn the_file_is_copied_byte_for_byte_only_when_nothing_is_left_in_its_wal() {
        let dir = tempfile::tempdir().unwrap();
        let (mut s, _, _) = snapshot_of_a_filled_db(dir.path());
        let settled = dir.path().join("settled.db");
        fs::File::create(&settled).unwrap();
        let pages = settled_file_copy(s.conn().sql(), &settled, &mut |_, _| {}).unwrap();
        let file = fs::read(dir.path().join("okrug.db")).unwrap();
        assert_eq!(pages, Some(file.len() as i64 / 4096));
        assert_eq!(fs::read(&settled).unwrap(), file);

        // Another reader keeps an older snapshot: the newest rows stay in the WAL, where the
        // file does not have them, so the file is not copied; the backup API copies them.
        let reader = Connection::open(dir.path().join("okrug.db")).unwrap();
        reader
            .execute_batch("BEGIN; SELECT count(*) FROM setting;")
            .unwrap();
        s.write(|tx| {
            Ok(tx.execute(
                "INSERT INTO setting (key, value) VALUES ('newest', 'x')",
                [],
            )?)
        })
        .unwrap();
        let unsettled = dir.path().join("unsettled.db");
        fs::File::create(&unsettled).unwrap();
        let pages = settled_file_copy(s.conn().sql(), &unsettled, &mut |_, _| {}).unwrap();
        assert_eq!(pages, None);
        assert_eq!(fs::metadata(&unsettled).unwrap().len(), 0);
        let copy = dir.path().join("copy.db");
        let pages = snapshot(s.conn(), None, &copy, &mut |_, _| {}).unwrap();
        assert_eq!(verify_snapshot(&copy, pages).unwrap(), migrations::LATEST);
        let newest: i64 = read_only(&copy)
            .unwrap()
            .query_row(
                "SELECT count(*) FROM setting WHERE key = 'newest'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(newest, 1);
    }

    #[test]
    fn a_file_that_is_not_whole_pages_is_not_copied_byte_for_byte() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("odd.db");
        let dest = dir.path().join("dest.db");
        fs::write(&src, vec![7u8; 3 * 4096 + 100]).unwrap();
        fs::File::create(&dest).unwrap();
        assert!(!copy_pages(&src, &dest, 3, &mut |_, _| {}).unwrap());
        fs::write(&src, vec![7u8; 3 * 1000]).unwrap();
        assert!(!copy_pages(&src, &dest, 3, &mut |_, _| {}).unwrap());
        // The page where SQLite keeps its locks is written, not read.
        fs::write(&src, vec![7u8; 4 * 4096]).unwrap();
        assert!(copy_pages_around(&src, &dest, 4, 8192, &mut |_, _| {}).unwrap());
        let copied = fs::read(&dest).unwrap();
        assert_eq!(copied.len(), 4 * 4096);
        assert!(copied[..8192].iter().all(|&b| b == 7));
        assert!(copied[8192..12288].iter().all(|&b| b == 0));
        assert!(copied[12288..].iter().all(|&b| b == 7));
        fs::write(&src, vec![7u8; 3 * 4096]).unwrap();
        fs::File::create(&dest).unwrap();
        let mut told = Vec::new();
        assert!(copy_pages(&src, &dest, 3, &mut |d, t| told.push((d, t))).unwrap());
        assert_eq!(fs::read(&dest).unwrap(), vec![7u8; 3 * 4096]);
        assert_eq!(told.last(), Some(&(3, 3)));
    }

    #[test]
    fn a_whole_snapshot_passes_its_check() {
        let dir = tempfile::tempdir().unwrap();
        let (_s, copy, pages) = snapshot_of_a_filled_db(dir.path());
        assert!(pages > 100, "{pages}");
        assert_eq!(verify_snapshot(&copy, pages).unwrap(), migrations::LATEST);
        assert_eq!(verify(&copy).unwrap(), migrations::LATEST);
    }

    #[test]
    fn a_snapshot_cut_short_or_with_damaged_pages_is_caught() {
        let dir = tempfile::tempdir().unwrap();
        let (_s, copy, pages) = snapshot_of_a_filled_db(dir.path());
        let whole = fs::read(&copy).unwrap();
        let page = whole.len() / pages as usize;
        // The last pages missing.
        fs::write(&copy, &whole[..whole.len() - 3 * page]).unwrap();
        let err = verify_snapshot(&copy, pages).unwrap_err();
        assert!(matches!(err, Error::Damaged { .. }), "{err:?}");
        // Two pages in the middle scribbled over, as a damaged source copies them verbatim.
        let mut bad = whole.clone();
        for p in [pages as usize / 2, pages as usize / 2 + 1] {
            bad[p * page..p * page + 100].fill(0xA5);
        }
        fs::write(&copy, &bad).unwrap();
        let err = verify_snapshot(&copy, pages).unwrap_err();
        assert!(matches!(err, Error::Damaged { .. }), "{err:?}");
    }

    #[test]
    fn a_snapshot_whose_free_pages_do_not_add_up_is_caught() {
        let dir = tempfile::tempdir().unwrap();
        let (mut s, _, _) = snapshot_of_a_filled_db(dir.path());
        // Free pages: rows deleted, the pages kept on the free list.
        s.write(|tx| Ok(tx.execute("DELETE FROM setting WHERE key LIKE 'k1%'", [])?))
            .unwrap();
        let copy = dir.path().join("freed.db");
        let pages = snapshot(s.conn(), None, &copy, &mut |_, _| {}).unwrap();
        assert_eq!(verify_snapshot(&copy, pages).unwrap(), migrations::LATEST);
        let mut bytes = fs::read(&copy).unwrap();
        // The header's count of free pages (offset 36, big-endian) one too many: one page is
        // now claimed by nothing that can be read.
        let free = u32::from_be_bytes(bytes[36..40].try_into().unwrap());
        assert!(free > 10, "{free}");
        bytes[36..40].copy_from_slice(&(free + 1).to_be_bytes());
        fs::write(&copy, &bytes).unwrap();
        let err = verify_snapshot(&copy, pages).unwrap_err();
        assert!(
            matches!(&err, Error::Damaged { detail, .. } if detail.contains("accounted")),
            "{err:?}"
        );
    }
}

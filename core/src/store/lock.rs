//! One writing program per database file. The lock is tied to the file itself, not to the
//! name it was opened by: two names of one file (a hard link, a symbolic link, another spelling
//! of the path) are one lock, so two programs can never both write it.
//!
//! On Unix the lock is `flock` on the database file: SQLite itself uses `fcntl` locks, which
//! `flock` neither sees nor disturbs, so readers in other programs still read. On Windows a
//! whole-file lock would stop SQLite's own reads and writes, so the lock is on `<db>.lock`.

use super::io_at_open;
use crate::error::{Error, Result};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The writer's lock, held while it lives (the OS releases it when the program ends, even when
/// it is killed).
#[derive(Debug)]
pub struct WriterLock {
    _file: File,
}

/// The sidecar file that carries the lock where the database file cannot (Windows).
pub fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// Takes the writer's lock of the database `db` (which must exist). A second program gets
/// `Error::Locked`.
pub(crate) fn lock(db: &Path) -> Result<WriterLock> {
    let f = lock_file(db)?;
    // A lock just released can linger for a moment: a process forked meanwhile (this program
    // starting a helper such as a PDF viewer) holds a copy of the descriptor until it execs.
    // So look a few times over a quarter second before saying the file is in use.
    for _ in 0..12 {
        match f.try_lock() {
            Ok(()) => return Ok(WriterLock { _file: f }),
            Err(std::fs::TryLockError::WouldBlock) => std::thread::sleep(Duration::from_millis(20)),
            Err(std::fs::TryLockError::Error(e)) => return Err(io_at_open(e)),
        }
    }
    Err(Error::Locked)
}

#[cfg(unix)]
fn lock_file(db: &Path) -> Result<File> {
    // Read access is enough for flock, so a reader can test the lock of a file it may not write.
    File::open(db).map_err(io_at_open)
}

#[cfg(not(unix))]
fn lock_file(db: &Path) -> Result<File> {
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock_path(db))
        .map_err(io_at_open)
}

//! The one way the program writes a file of its own making (an export, a form, a талон, a
//! backup copy, a new database): whole or not at all, and never over the database itself.
//!
//! The content goes to `<name>.partial` beside the destination, is synced to the disk, and only
//! then renamed over the destination, so a full disk, a power cut or a kill leaves the old file
//! as it was. Every failure removes the temporary file (and SQLite's side files of it): a
//! half-written export full of personal data must not stay behind.

use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::store::Store;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Files an output must never replace: the open database with its WAL, shared memory and lock,
/// and the backup copies.
#[derive(Debug, Default, Clone)]
pub struct Protected {
    paths: Vec<PathBuf>,
}

impl Protected {
    /// Nothing protected: for a caller with no database open.
    pub fn none() -> Protected {
        Protected::default()
    }

    /// The database `db` (with its side files) and the copies in `backups`.
    pub fn database(db: &Path, backups: Option<&Path>) -> Protected {
        let mut paths: Vec<PathBuf> = ["", "-wal", "-shm", "-journal", ".lock", ".keys"]
            .iter()
            .map(|side| {
                let mut p = db.as_os_str().to_owned();
                p.push(side);
                PathBuf::from(p)
            })
            .collect();
        if let Some(dir) = backups {
            paths.extend(crate::safety::backup::copies_in(dir));
        }
        Protected { paths }
    }

    /// What the open store protects (nothing for a database in memory).
    pub fn of(store: &Store) -> Protected {
        match store.path() {
            Some(db) => {
                let dir = crate::safety::backup::backup_dir(store).ok();
                Protected::database(db, dir.as_deref())
            }
            None => Protected::none(),
        }
    }

    /// Refuses `dest` when it is one of the protected files, by any name: the same path, a hard
    /// link or a symbolic link to it.
    pub fn check(&self, dest: &Path) -> Result<()> {
        let hit = self.paths.iter().any(|p| same_file(p, dest));
        if hit {
            return Err(Error::Other(
                Text::new("err.output.own_file").arg("path", dest.display()),
            ));
        }
        Ok(())
    }
}

/// Whether `a` and `b` name one file: by identity when both exist, else by folder and name.
fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(ma), Ok(mb)) => same_identity(&ma, &mb, a, b),
        _ => match (resolved(a), resolved(b)) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        },
    }
}

#[cfg(unix)]
fn same_identity(ma: &fs::Metadata, mb: &fs::Metadata, _: &Path, _: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    ma.dev() == mb.dev() && ma.ino() == mb.ino()
}

#[cfg(not(unix))]
fn same_identity(_: &fs::Metadata, _: &fs::Metadata, a: &Path, b: &Path) -> bool {
    resolved(a) == resolved(b)
}

/// The path with its folder resolved (the file itself may not exist yet).
fn resolved(p: &Path) -> Option<PathBuf> {
    let name = p.file_name()?;
    let dir = p.parent().filter(|d| !d.as_os_str().is_empty());
    let dir = fs::canonicalize(dir.unwrap_or(Path::new("."))).ok()?;
    Some(dir.join(name))
}

/// The temporary name beside `dest` that its content is written under.
pub(crate) fn partial_name(dest: &Path) -> PathBuf {
    let mut p = dest.as_os_str().to_owned();
    p.push(".partial");
    PathBuf::from(p)
}

/// Writes `bytes` as the file `dest`, whole or not at all.
pub fn save(dest: &Path, protected: &Protected, bytes: &[u8]) -> Result<()> {
    save_stream(dest, protected, |w| {
        w.write_all(bytes).map_err(|e| Error::file(dest, e))
    })
}

/// Makes the file `dest` from what `fill` writes into the (buffered) temporary file, whole
/// or not at all: a file larger than memory is written as it is made.
pub fn save_stream(
    dest: &Path,
    protected: &Protected,
    fill: impl FnOnce(&mut BufWriter<fs::File>) -> Result<()>,
) -> Result<()> {
    save_with(dest, protected, |tmp| {
        let f = private_options()
            .write(true)
            .truncate(true)
            .open(tmp)
            .map_err(|e| Error::file(dest, e))?;
        let mut w = BufWriter::with_capacity(1 << 16, f);
        fill(&mut w)?;
        w.flush().map_err(|e| Error::file(dest, e))
    })
}

/// Makes the file `dest` by letting `fill` write the temporary file whose path it is given
/// (SQLite's backup API writes a path, not a stream), then syncs and renames it.
pub(crate) fn save_with(
    dest: &Path,
    protected: &Protected,
    fill: impl FnOnce(&Path) -> Result<()>,
) -> Result<()> {
    protected.check(dest)?;
    let tmp = Temp::new(partial_name(dest));
    protected.check(&tmp.path)?;
    if fs::metadata(dest).is_ok_and(|m| m.is_dir()) {
        return Err(Error::file(dest, std::io::ErrorKind::IsADirectory.into()));
    }
    tmp.clear();
    // Made empty and private before anything is written into it: SQLite (a backup copy) keeps
    // the mode of a file it finds, and gives its journal the same.
    private_options()
        .write(true)
        .create(true)
        .truncate(true)
        .open(&tmp.path)
        .map_err(|e| Error::file(dest, e))?;
    fill(&tmp.path)?;
    tmp.finish(dest)
}

/// A temporary file that is removed, with SQLite's side files of it, unless it was renamed
/// into place: every failure path, and a panic, cleans up alike.
struct Temp {
    path: PathBuf,
    done: bool,
}

impl Temp {
    fn new(path: PathBuf) -> Temp {
        Temp { path, done: false }
    }

    /// Removes what a killed earlier run may have left under the same name.
    fn clear(&self) {
        remove_with_sides(&self.path);
    }

    /// Syncs the file, renames it to `dest`, and syncs the folder so the rename lasts.
    fn finish(mut self, dest: &Path) -> Result<()> {
        let f = fs::File::open(&self.path).map_err(|e| Error::file(dest, e))?;
        f.sync_all().map_err(|e| Error::file(dest, e))?;
        drop(f);
        // `fs::copy` (a restore) gives the copy its source's mode: every output ends private.
        make_private(&self.path);
        fs::rename(&self.path, dest).map_err(|e| Error::file(dest, e))?;
        self.done = true;
        sync_dir(dest);
        Ok(())
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if !self.done {
            remove_with_sides(&self.path);
        }
    }
}

/// Options that create a file readable and writable by its owner only (0600 on Unix): every
/// file Estu makes holds personal data or the key to them.
pub fn private_options() -> fs::OpenOptions {
    #[allow(unused_mut)]
    let mut o = fs::OpenOptions::new();
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    o
}

/// Makes an existing file private (0600 on Unix; nothing elsewhere). A file made by an older
/// version under the default umask (0644) is tightened when it is opened.
pub fn make_private(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(m) = fs::metadata(path)
            && m.is_file()
            && m.permissions().mode() & 0o077 != 0
        {
            let _ = fs::set_permissions(path, fs::Permissions::from_mode(0o600));
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Removes `path` and the journal, WAL and shared-memory files SQLite may have made beside it.
pub(crate) fn remove_with_sides(path: &Path) {
    for side in ["", "-journal", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(side);
        let _ = fs::remove_file(PathBuf::from(p));
    }
}

/// Makes a rename in the folder of `file` durable (a no-op where folders cannot be opened).
pub(crate) fn sync_dir(file: &Path) {
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(d) = fs::File::open(dir)
    {
        let _ = d.sync_all();
    }
}

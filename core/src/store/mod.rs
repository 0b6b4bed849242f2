//! The one SQLite file: opening and creating it safely, the schema version, and the single
//! write API (`Store::write`) through which every change passes in one transaction.
//!
//! Reads use `Store::conn()`, a `Db`: the record modules (`appeals`, `meetings`, `plan`,
//! `reference`) take `&Db` for reads and `&Tx` for writes. Only the core runs SQL on a `Db`:
//! its SQL methods are `pub(crate)`, so the program and the tests can only call the core's
//! typed queries.

pub mod accounts;
pub mod appeals;
mod bulk;
mod checks;
pub mod copy;
mod create;
pub mod dashboard;
pub mod erasure;
pub mod history;
pub mod key;
mod lock;
pub mod meetings;
pub mod migrations;
pub mod plan;
pub mod reference;
pub mod seal;
pub mod trash;

use crate::error::{Error, Result};
use crate::i18n::Text;
use crate::model::OkrugProfile;
use crate::rules::calendar::Calendar;
use crate::rules::deadline::WorkHours;
use crate::secure::Role;
pub(crate) use bulk::Added;
use chrono::NaiveDate;
pub(crate) use lock::lock;
pub use lock::{WriterLock, lock_path};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// `PRAGMA application_id` of every Estu file ("ESTU").
pub const APPLICATION_ID: i32 = 0x4553_5455;

/// A connection to an Estu file on which only the core's own queries run.
pub struct Db(Connection);

impl Db {
    /// A read-only connection to `path` (a reader thread's own, beside the writer's).
    pub fn open_read_only(path: &Path) -> Result<Db> {
        let conn = key::open(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.set_prepared_statement_cache_capacity(64);
        Ok(Db(conn))
    }

    /// Counts the statements run on this connection from now on (a trace hook). The app's
    /// test that a steady frame runs no SQL reads the count; the hook costs one atomic add
    /// per statement.
    pub fn count_statements(&mut self) -> Result<StatementCount> {
        let count = StatementCount::default();
        let seen = count.clone();
        self.0.trace_v2(
            rusqlite::trace::TraceEventCodes::SQLITE_TRACE_STMT,
            Some(move |e: rusqlite::trace::TraceEvent<'_>| {
                // A trigger's body reports itself as a comment: it is part of its statement.
                if let rusqlite::trace::TraceEvent::Stmt(_, sql) = e
                    && !sql.starts_with("--")
                {
                    seen.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                }
            }),
        )?;
        Ok(count)
    }

    pub(crate) fn sql(&self) -> &Connection {
        &self.0
    }

    pub(crate) fn prepare(&self, sql: &str) -> rusqlite::Result<rusqlite::Statement<'_>> {
        self.0.prepare(sql)
    }

    pub(crate) fn prepare_cached(
        &self,
        sql: &str,
    ) -> rusqlite::Result<rusqlite::CachedStatement<'_>> {
        self.0.prepare_cached(sql)
    }

    pub(crate) fn execute<P: rusqlite::Params>(&self, sql: &str, p: P) -> rusqlite::Result<usize> {
        self.0.execute(sql, p)
    }

    pub(crate) fn execute_batch(&self, sql: &str) -> rusqlite::Result<()> {
        self.0.execute_batch(sql)
    }

    pub(crate) fn query_row<T, P, F>(&self, sql: &str, p: P, f: F) -> rusqlite::Result<T>
    where
        P: rusqlite::Params,
        F: FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    {
        self.0.query_row(sql, p, f)
    }

    pub(crate) fn last_insert_rowid(&self) -> i64 {
        self.0.last_insert_rowid()
    }
}

/// How many statements a connection has run since `Db::count_statements` (shared with the
/// thread that reads it).
#[derive(Clone, Default, Debug)]
pub struct StatementCount(std::sync::Arc<std::sync::atomic::AtomicU64>);

impl StatementCount {
    pub fn get(&self) -> u64 {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// What must succeed before an older file is upgraded: the verified copy (`safety::backup`).
pub type BeforeUpgrade = fn(&Store) -> Result<()>;

/// Tests and benchmarks inspect the file with SQL of their own; the program cannot (it does
/// not enable the feature, and CI builds it without: `.ci/run`).
#[cfg(feature = "raw-sql")]
impl std::ops::Deref for Db {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.0
    }
}

/// An open Estu database.
pub struct Store {
    conn: Db,
    path: Option<PathBuf>,
    actor: String,
    /// Who signed in (an encrypted file always has one); `None` for an open file opened
    /// without a name (tests, benchmarks, the open demo), which acts as an administrator.
    user: Option<SignedIn>,
    /// The key the file is encrypted with (`None`: an open file): its copies get the same.
    key: Option<crate::secure::DbKey>,
    today: Option<NaiveDate>,
    /// The writer's lock on the file, held while the store lives: one writing program per
    /// file. `None` in memory and for a store opened read-only beside the writer.
    _lock: Option<WriterLock>,
    /// Opened read-only because another program writes the file: reads work, writes refused.
    read_only: bool,
    /// Whether the file's pages are whole (asked once, when an output needs it), or failed
    /// the day's copy.
    whole: Cell<Option<bool>>,
    /// Why the automatic backup at opening failed (the file opened anyway; the app says so).
    backup_problem: Option<Error>,
}

/// The user working with the store, and what they may do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    pub name: String,
    pub role: Role,
}

/// A write transaction in progress. Derefs to the connection, so reads work inside it too.
pub struct Tx<'a> {
    db: &'a Db,
    tx: rusqlite::Transaction<'a>,
    today: NaiveDate,
    calendar: OnceCell<Calendar>,
    hours: OnceCell<WorkHours>,
    /// Inside `Store::write_bulk`: new records are noted (`Tx::added`).
    bulk: bool,
    /// Inside `Store::write_bulk`: the rows records referred to and were found (the query that
    /// found it, the id), so that a load asks once per village or reception, not once per
    /// appeal. Nothing a bulk load does deletes a row it refers to.
    found: RefCell<HashSet<(&'static str, i64)>>,
    /// The signed-in user's role (an administrator's when no one signed in to an open file).
    role: Role,
}

impl std::ops::Deref for Tx<'_> {
    type Target = Db;
    fn deref(&self) -> &Db {
        self.db
    }
}

impl Tx<'_> {
    /// The date "today" for the rules (no dates in the future…).
    pub fn today(&self) -> NaiveDate {
        self.today
    }

    /// The working-day calendar, loaded once per transaction.
    pub fn calendar(&self) -> Result<&Calendar> {
        if let Some(c) = self.calendar.get() {
            return Ok(c);
        }
        let c = reference::load_calendar(self)?;
        Ok(self.calendar.get_or_init(|| c))
    }

    pub(crate) fn work_hours(&self) -> Result<WorkHours> {
        if let Some(h) = self.hours.get() {
            return Ok(*h);
        }
        let (start, end): (String, String) = self.query_row(
            "SELECT work_start, work_end FROM okrug WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(*self.hours.get_or_init(|| WorkHours::parse(&start, &end)))
    }

    /// Whether `sql`, a query of one row by its id (`?1`), finds the row `id`. During a bulk
    /// load a row found once is not looked up again.
    pub(crate) fn row_exists(&self, sql: &'static str, id: i64) -> Result<bool> {
        if self.bulk && self.found.borrow().contains(&(sql, id)) {
            return Ok(true);
        }
        let found = self.prepare_cached(sql)?.exists([id])?;
        if found && self.bulk {
            self.found.borrow_mut().insert((sql, id));
        }
        Ok(found)
    }

    /// Refuses unless the signed-in user's role is at least `needed`: the reference data, the
    /// users, the trash and the retention settings are the administrator's.
    pub fn require(&self, needed: Role) -> Result<()> {
        self.role.require(needed)
    }

    /// Forgets the cached calendar after the calendar itself changed.
    pub(crate) fn calendar_changed(&mut self) {
        self.calendar = OnceCell::new();
    }
}

/// A reader's settings: no journal mode to set (the writer set WAL), nothing to write.
fn configure_reader(conn: &Connection) -> Result<()> {
    conn.set_prepared_statement_cache_capacity(256);
    conn.execute_batch(
        "PRAGMA foreign_keys = ON;
         PRAGMA secure_delete = ON;
         PRAGMA cache_size = -32000;
         PRAGMA temp_store = MEMORY;",
    )?;
    Ok(())
}

/// The settings of a file being created: a rollback journal until it is whole and named.
fn configure_new(conn: &Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    // The default 16 is fewer than one appeal insert prepares (rules, numbering, triggers);
    // a thrashing cache re-parses the statements, and their triggers, for every row.
    conn.set_prepared_statement_cache_capacity(256);
    // secure_delete: a deleted record's bytes are overwritten, not left in free pages (an
    // emptied trash must not leave names readable in the file).
    conn.execute_batch(
        "PRAGMA foreign_keys = ON;
         PRAGMA secure_delete = ON;
         PRAGMA synchronous = FULL;
         PRAGMA cache_size = -32000;
         PRAGMA temp_store = MEMORY;",
    )?;
    Ok(())
}

fn configure(conn: &Connection) -> Result<()> {
    configure_new(conn)?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if mode != "wal" && mode != "memory" {
        tracing::warn!("journal mode is {mode}, not WAL");
    }
    Ok(())
}

/// An I/O error while opening: a write-protected place is `ReadOnly`, a full disk `DiskFull`.
pub(crate) fn io_at_open(e: std::io::Error) -> Error {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::PermissionDenied | K::ReadOnlyFilesystem => Error::ReadOnly,
        K::StorageFull => Error::DiskFull,
        _ => Error::Io(e),
    }
}

/// Classifies an error met while opening `path`, so that the message names the file.
fn at_path(e: Error, path: &Path) -> Error {
    match e {
        Error::NotEstu(_) => Error::NotEstu(path.to_path_buf()),
        Error::Damaged { detail, .. } => Error::Damaged {
            path: path.to_path_buf(),
            detail,
        },
        Error::DiskIo(_) => Error::DiskIo(path.to_path_buf()),
        other => other,
    }
}

impl Store {
    /// Opens an existing Estu database to write, upgrading an older schema after
    /// `before_upgrade` has succeeded (the backup policy, which lives above the store:
    /// `safety::open`). A file that is not an Estu database, is damaged, or comes from a newer
    /// version is left untouched.
    pub(crate) fn open_with(path: &Path, before_upgrade: BeforeUpgrade) -> Result<Store> {
        Self::look_before_touching(path)?;
        let lock = lock(path)?;
        let (conn, file_key) = key::open_keyed(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| at_path(e, path))?;
        conn.busy_timeout(Duration::from_secs(5))?;
        for side in ["", "-wal", "-shm", ".keys"] {
            let mut p = path.as_os_str().to_owned();
            p.push(side);
            crate::safety::output::make_private(Path::new(&p));
        }
        // SQLite quietly opens a write-protected file read-only; say so now, not at the first save.
        if conn.is_readonly(rusqlite::MAIN_DB)? {
            return Err(Error::ReadOnly);
        }
        Self::check_opened(&conn, path)?;
        configure(&conn).map_err(|e| at_path(e, path))?;
        let mut store = Store::with(conn, Some(path), Some(lock));
        store.key = file_key;
        migrations::upgrade(&mut store, before_upgrade).map_err(|e| at_path(e, path))?;
        Ok(store)
    }

    /// Opens the file for reading only, beside the program that writes it (which holds the
    /// lock): lists, forms, exports and copies work; every write is refused with a message
    /// that says why. Nothing in the file or beside it is created or changed.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        Self::look_before_touching(path)?;
        let (conn, file_key) = key::open_keyed(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| at_path(e, path))?;
        conn.busy_timeout(Duration::from_secs(5))?;
        let version = Self::check_opened(&conn, path)?;
        // An older file is upgraded by the program that writes it; a reader cannot.
        if version < migrations::LATEST {
            return Err(Error::Locked);
        }
        configure_reader(&conn).map_err(|e| at_path(e, path))?;
        let mut store = Store::with(conn, Some(path), None);
        store.key = file_key;
        store.read_only = true;
        Ok(store)
    }

    pub(crate) fn with(conn: Connection, path: Option<&Path>, lock: Option<WriterLock>) -> Store {
        Store {
            conn: Db(conn),
            path: path.map(Path::to_path_buf),
            actor: String::new(),
            user: None,
            key: None,
            today: None,
            _lock: lock,
            read_only: false,
            whole: Cell::new(None),
            backup_problem: None,
        }
    }

    /// Through SQLite, which also sees a WAL left by a program that was killed, and reads the
    /// schema (a damaged file fails here); nothing is written before this passes. Returns the
    /// schema version.
    fn check_opened(conn: &Connection, path: &Path) -> Result<i64> {
        let version = Self::check_identity(conn).map_err(|e| at_path(e, path))?;
        if version > migrations::LATEST {
            return Err(Self::newer(version));
        }
        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
            r.get::<_, i64>(0)
        })
        .map_err(|e| at_path(e.into(), path))?;
        Ok(version)
    }

    /// Refuses, from the header alone and before any lock, WAL or backup file is made, a file
    /// that is missing, not a regular file, not Estu's or newer.
    fn look_before_touching(path: &Path) -> Result<()> {
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::NotFound(
                    Text::new("err.db.missing").arg("path", path.display()),
                ));
            }
            Err(e) => return Err(Error::file(path, e)),
        };
        if !meta.is_file() {
            return Err(Error::NotEstu(path.to_path_buf()));
        }
        // Look before touching: the header alone says whose file it is and its version, so a
        // refused file gets no lock, WAL or backup file beside it.
        // While a WAL with content lies beside it (the file is open elsewhere, or a program was
        // killed), page 1 in the WAL may be newer than the header: then SQLite decides below.
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        let wal_has_data = std::fs::metadata(PathBuf::from(wal)).is_ok_and(|m| m.len() > 0);
        // An encrypted file's header is ciphertext: whose it is, SQLite says once keyed.
        if key::is_encrypted(path) && key::openable(path) {
            return Ok(());
        }
        match Self::check_header(path) {
            Ok((app, version)) if !wal_has_data => {
                if app != APPLICATION_ID {
                    return Err(Error::NotEstu(path.to_path_buf()));
                }
                if version > migrations::LATEST {
                    return Err(Self::newer(version));
                }
            }
            Err(e) if !wal_has_data => return Err(e),
            _ => {}
        }
        Ok(())
    }

    fn newer(found: i64) -> Error {
        Error::NewerDatabase {
            found,
            supported: migrations::LATEST,
        }
    }

    /// Why the automatic backup made at opening failed, if it did (e.g. the USB stick chosen as
    /// the backup folder is not plugged in). The database itself opened normally.
    pub fn backup_problem(&self) -> Option<&Error> {
        self.backup_problem.as_ref()
    }

    /// Creates a new database at `path` (which must not exist) with the okrug's profile, whole
    /// or not at all (see `create_with`).
    pub fn create(path: &Path, profile: &OkrugProfile) -> Result<Store> {
        Ok(Self::create_with(path, profile, |_| Ok(()))?.0)
    }

    /// A database in memory, for tests and benchmarks.
    pub fn in_memory(profile: &OkrugProfile) -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        configure(&conn)?;
        let mut store = Store::with(conn, None, None);
        store.init(profile)?;
        Ok(store)
    }

    fn init(&mut self, profile: &OkrugProfile) -> Result<()> {
        let tx = self.conn.0.transaction()?;
        tx.execute_batch(migrations::SCHEMA)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", migrations::LATEST)?;
        seal::seal_pending(&tx)?;
        tx.commit()?;
        self.write(|tx| reference::save_profile(tx, profile))
    }

    /// Reads the 100-byte SQLite header: (application_id, user_version). Anything that is not
    /// an SQLite file is not an Estu database.
    fn check_header(path: &Path) -> Result<(i32, i64)> {
        use std::io::Read;
        let mut head = [0u8; 100];
        let mut f = std::fs::File::open(path).map_err(io_at_open)?;
        let mut n = 0;
        while n < head.len() {
            match f.read(&mut head[n..])? {
                0 => break,
                k => n += k,
            }
        }
        if n < head.len() || &head[..16] != b"SQLite format 3\0" {
            return Err(Error::NotEstu(path.to_path_buf()));
        }
        let be =
            |at: usize| i32::from_be_bytes([head[at], head[at + 1], head[at + 2], head[at + 3]]);
        Ok((be(68), be(60) as i64))
    }

    /// Checks the file is Estu's and returns its schema version.
    fn check_identity(conn: &Connection) -> Result<i64> {
        let app: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if app != APPLICATION_ID {
            return Err(Error::NotEstu(PathBuf::new()));
        }
        Ok(version)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Whether the store was opened for reading beside another program that writes the file.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Refuses a file that is damaged: an official form or a талон must not come from it.
    /// Every page is read and accounted for (`copy::pages_whole`) once per store: milliseconds
    /// for an okrug's file, about two seconds for a region's; a day's copy that found damage
    /// has already said so.
    pub fn check_whole(&self) -> Result<()> {
        let whole = match self.whole.get() {
            Some(w) => w,
            None => {
                let w = copy::pages_whole(self.conn.sql());
                self.whole.set(Some(w));
                w
            }
        };
        if whole {
            return Ok(());
        }
        Err(Error::Damaged {
            path: self.path.clone().unwrap_or_default(),
            detail: "pages".into(),
        })
    }

    /// Keeps what went wrong with the day's copy; a copy that failed its check because the
    /// file it was taken from is damaged marks this file damaged.
    pub(crate) fn note_problem(&mut self, e: Error) {
        if matches!(&e, Error::Damaged { path, .. } if Some(path) == self.path.as_ref()) {
            self.whole.set(Some(false));
        }
        self.backup_problem = Some(e);
    }

    /// Counts the statements run on the store's connection from now on (`Db::count_statements`).
    pub fn count_statements(&mut self) -> Result<StatementCount> {
        self.conn.count_statements()
    }

    /// The connection, for the core's reads. Writes go through `write`.
    pub fn conn(&self) -> &Db {
        &self.conn
    }

    /// The name the audit trail records for changes to an open file no one signed in to (tests
    /// and the open demo). Once a user signed in, the trail records their name and this is
    /// ignored: the actor is never free text on a real file.
    pub fn set_actor(&mut self, actor: &str) {
        self.actor = actor.to_string();
    }

    /// The name the audit trail records.
    pub fn actor(&self) -> &str {
        match &self.user {
            Some(u) => &u.name,
            None => &self.actor,
        }
    }

    /// The file's key, when it is encrypted.
    pub fn key(&self) -> Option<&crate::secure::DbKey> {
        self.key.as_ref()
    }

    /// Who signed in, if anyone.
    pub fn user(&self) -> Option<&SignedIn> {
        self.user.as_ref()
    }

    /// The signed-in user's role; an administrator's on an open file no one signed in to.
    pub fn role(&self) -> Role {
        self.user.as_ref().map_or(Role::Admin, |u| u.role)
    }

    /// Refuses unless the signed-in user's role is at least `needed` (backups, restore).
    pub fn require(&self, needed: Role) -> Result<()> {
        self.role().require(needed)
    }

    /// Signs `name` in: their account must exist and be active. Their role limits every write
    /// from now on, and the audit trail records their name.
    pub fn sign_in(&mut self, name: &str) -> Result<()> {
        let account = accounts::by_name(&self.conn, name)?
            .filter(|a| a.active)
            .ok_or(Error::WrongPassword)?;
        self.user = Some(SignedIn {
            name: account.name,
            role: account.role,
        });
        Ok(())
    }

    /// Fixes "today" (tests); by default it is the computer's local date.
    pub fn set_today(&mut self, today: NaiveDate) {
        self.today = Some(today);
    }

    pub fn today(&self) -> NaiveDate {
        self.today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    /// The one way to change the database: `f` runs inside an IMMEDIATE transaction that
    /// commits when it returns Ok and rolls back entirely when it returns Err.
    pub fn write<T>(&mut self, f: impl FnOnce(&mut Tx<'_>) -> Result<T>) -> Result<T> {
        self.role().require(Role::Staff)?;
        self.write_any_role(f)
    }

    /// `write` for the few changes every role may make to its own account (a viewer changing
    /// their password): the trail still records them.
    pub(crate) fn write_any_role<T>(
        &mut self,
        f: impl FnOnce(&mut Tx<'_>) -> Result<T>,
    ) -> Result<T> {
        if self.read_only {
            return Err(Error::OpenedReadOnly(self.path.clone().unwrap_or_default()));
        }
        let role = self.role();
        let today = self.today();
        let actor = self.actor().to_string();
        // On a shared reference, so that the transaction and `Tx`'s reads share the connection.
        let db = &self.conn;
        let tx = rusqlite::Transaction::new_unchecked(db.sql(), TransactionBehavior::Immediate)?;
        tx.execute("UPDATE audit_context SET actor = ?1 WHERE id = 1", [&actor])?;
        let mut t = Tx {
            db,
            tx,
            today,
            calendar: OnceCell::new(),
            hours: OnceCell::new(),
            bulk: false,
            found: RefCell::default(),
            role,
        };
        let out = f(&mut t)?;
        seal::seal_pending(&t.tx)?;
        t.tx.commit()?;
        Ok(out)
    }

    /// Gives the raw connection to the migration code (schema upgrades run outside `write`).
    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn.0
    }

    /// The okrug's profile.
    pub fn profile(&self) -> Result<OkrugProfile> {
        reference::profile(&self.conn)
    }
}

/// The ids of a record table, in order: exports and checks walk the records by id.
pub(crate) fn ids(db: &Db, table: &str) -> Result<Vec<i64>> {
    Ok(db
        .prepare(&format!("SELECT id FROM {table} ORDER BY id"))?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Gives row `from` of `table` the id `to` (an import keeps a file's ids where they are free).
pub(crate) fn renumber(tx: &Tx, table: &str, from: i64, to: i64) -> Result<()> {
    tx.execute(
        &format!("UPDATE {table} SET id = ?1 WHERE id = ?2"),
        [to, from],
    )?;
    Ok(())
}

/// Maps a failed UNIQUE constraint onto a problem with a field, other errors pass through.
pub(crate) fn unique_violation(e: rusqlite::Error, record: Text, field: &str, what: Text) -> Error {
    if let rusqlite::Error::SqliteFailure(f, _) = &e
        && f.code == rusqlite::ErrorCode::ConstraintViolation
        && f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
    {
        return Error::invalid(record, field, what);
    }
    e.into()
}

#[cfg(test)]
mod statement_count {
    use super::*;

    #[test]
    fn counts_each_statement_run_and_nothing_else() {
        let mut store = Store::in_memory(&crate::demo::profile()).unwrap();
        let count = store.count_statements().unwrap();
        assert_eq!(count.get(), 0, "nothing run yet");
        reference::profile(store.conn()).unwrap();
        let one_read = count.get();
        assert!(one_read >= 1, "a read runs a statement");
        reference::profile(store.conn()).unwrap();
        assert_eq!(
            count.get(),
            2 * one_read,
            "the same read again counts the same"
        );
        let clone = count.clone();
        assert_eq!(clone.get(), count.get(), "a handle shares the count");
    }
}

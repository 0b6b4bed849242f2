//! The `estu` command line. Each subcommand is a thin shell over the library: parse, call,
//! print; errors are printed in the chosen language and the exit code is non-zero.

mod core;
mod district;
mod exchange;
mod forms;
mod progress;
mod publish;
mod safety;
mod secure;
mod tabular;

use clap::{Parser, Subcommand};
use estu_core::Lang;
use estu_core::error::Result;
use estu_core::i18n::{tr, trf};
use estu_core::secure::Credentials;
use estu_core::store::Store;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "estu",
    version,
    about = "Есту — журнал приёма, обращений и встреч сельского округа; формы «Сведения»"
)]
pub struct Cli {
    /// Database file (default: estu.db in the platform's data directory, or in `data` beside
    /// the program when `portable.txt` is there; the app opens the one it worked on last).
    #[arg(long, global = true, env = "ESTU_DB")]
    pub db: Option<PathBuf>,
    /// Language of messages and forms: ru or kk.
    #[arg(long, global = true, default_value = "ru", value_parser = parse_lang)]
    pub lang: Lang,
    /// Staff member who signs in (default: the administrator created first). The password
    /// comes from ESTU_PASSWORD or is asked on the terminal.
    #[arg(long, global = true, env = "ESTU_USER")]
    pub user: Option<String>,
    /// Sign in with the recovery code (ESTU_RECOVERY_CODE or asked) instead of a password.
    #[arg(long, global = true)]
    pub recovery: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

fn parse_lang(s: &str) -> std::result::Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("unknown language {s:?}: use ru or kk"))
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the desktop app (the default with no subcommand).
    App,
    /// Create a new database with the okrug's profile.
    Init(Box<core::InitArgs>),
    /// Create a database filled with realistic demo data.
    Demo(core::DemoArgs),
    /// Show appeals, meetings or plan items.
    List(core::ListArgs),
    /// Import an exchange file (JSON) or a journal from Excel/CSV: all records or none.
    Import(exchange::ImportArgs),
    /// Export every record to an exchange file (JSON).
    Export(exchange::ExportArgs),
    /// Write the journal's list, with `list`'s filters, to an Excel workbook.
    ExportJournal(exchange::ExportJournalArgs),
    /// Check the database: SQLite integrity, references, every record against the rules.
    Check,
    /// Produce an official form (F1–F5) as PDF, Excel or JSON.
    Form(forms::FormArgs),
    /// The district's form (F1–F5) from its okrugs' `export --for-district` files.
    Consolidate(district::ConsolidateArgs),
    /// Publish the action plan: a self-contained HTML page, or a PNG card of its progress.
    Publish(publish::PublishArgs),
    /// Print the applicant's талон for a registered appeal (PDF).
    Talon(forms::TalonArgs),
    /// Make a verified backup copy of the database now.
    Backup,
    /// List the backup copies.
    Backups,
    /// Replace the database with a backup copy (the replaced database is kept as a copy).
    Restore(safety::RestoreArgs),
    /// Show who created, changed, deleted or restored a record, and what changed.
    History(safety::HistoryArgs),
    /// Deleted records: list them, restore one (`estu trash restore ID`) or erase them for
    /// good (`estu trash empty [--older-than DAYS]`).
    Trash(safety::TrashArgs),
    /// Staff accounts: list, add, change role or deactivate, set a password.
    Users(secure::UsersArgs),
    /// Encrypt an existing open (unencrypted) database; list or delete its plain copies.
    Encrypt(secure::EncryptArgs),
    /// Anonymise the applicants of appeals closed more than N years ago.
    Anonymise(secure::AnonymiseArgs),
    /// Show, or set (administrator), the minutes without input after which the app locks.
    IdleLock(secure::IdleLockArgs),
    /// Test aid: a stream of writes, one acknowledgement line per committed record.
    #[command(hide = true)]
    StressWrites(safety::StressArgs),
}

impl Cli {
    pub fn db_path(&self) -> PathBuf {
        self.db
            .clone()
            .unwrap_or_else(crate::data_dir::default_db_path)
    }

    /// Who signs in, and how: for an encrypted file the password (ESTU_PASSWORD or the
    /// terminal) or, with `--recovery`, the recovery code; for an open file only the name.
    pub fn credentials(&self) -> Result<Option<Credentials>> {
        let path = self.db_path();
        if !estu_core::safety::needs_password(&path) {
            return Ok(self
                .user
                .as_deref()
                .map(|u| Credentials::password(Some(u), "")));
        }
        if self.recovery {
            let code = secure::secret("ESTU_RECOVERY_CODE", &tr(self.lang, "cli.prompt.recovery"))?;
            let mut c = Credentials::recovery(&code);
            c.user = self.user.clone();
            return Ok(Some(c));
        }
        let shown = self.user.clone().unwrap_or_else(|| {
            estu_core::secure::Keyring::load(&path)
                .ok()
                .flatten()
                .map(|r| r.admin().to_string())
                .unwrap_or_default()
        });
        let pw = secure::secret(
            "ESTU_PASSWORD",
            &trf(self.lang, "cli.prompt.password", &[("user", &shown)]),
        )?;
        Ok(Some(Credentials::password(self.user.as_deref(), &pw)))
    }

    /// Opens the database named by `--db` to write, as the user who signs in.
    pub fn open(&self) -> Result<Store> {
        let creds = self.credentials()?;
        let store = estu_core::safety::open_as(&self.db_path(), creds.as_ref())?;
        self.say_backup_problem(&store);
        Ok(store)
    }

    /// Opens the database to read: beside a program that writes it (the app), read-only, and
    /// the user is told so. No day's copy is made (`safety::open_or_read`): a command that only
    /// reads never waits for one.
    pub fn open_to_read(&self) -> Result<Store> {
        let creds = self.credentials()?;
        let store = estu_core::safety::open_or_read_as(&self.db_path(), creds.as_ref())?;
        if store.is_read_only() {
            eprintln!(
                "{}",
                trf(
                    self.lang,
                    "cli.read_only",
                    &[("path", &self.db_path().display())]
                )
            );
        } else {
            self.say_backup_problem(&store);
        }
        Ok(store)
    }

    /// A damaged file still reads (a list, an export are how data is saved from it), but the
    /// user is told, in their language, what is wrong and how to restore.
    pub fn warn_if_damaged(&self, store: &Store) {
        if let Err(e) = store.check_whole() {
            eprintln!("{}", e.message(self.lang));
        }
    }

    fn say_backup_problem(&self, store: &Store) {
        let Some(e) = store.backup_problem() else {
            return;
        };
        // The day's copy failing its check means the database itself is damaged: that is said
        // where the data is used (`warn_if_damaged`, forms refused), not as a backup problem.
        if matches!(e, estu_core::Error::Damaged { .. }) {
            return;
        }
        eprintln!(
            "{}",
            estu_core::i18n::trf(
                self.lang,
                "cli.backup_warning",
                &[("detail", &e.message(self.lang))]
            )
        );
    }
}

/// Logs go to stderr, filtered by `ESTU_LOG` (default: warnings). They never carry personal
/// data: names, ИИН, addresses and phones stay out of every log line.
pub fn init_logging() {
    // Log lines are English, for whoever debugs: off unless asked for. Everything the user
    // needs to know is said in their language by the command itself.
    let filter = tracing_subscriber::EnvFilter::try_from_env("ESTU_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("off"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(std::io::stderr)
        .try_init();
}

/// Lets a command whose output is cut short (`estu list | head`) end quietly, as other
/// command-line tools do, instead of panicking on the closed pipe.
fn quiet_on_closed_pipe() {
    #[cfg(unix)]
    {
        unsafe extern "C" {
            fn signal(signum: i32, handler: usize) -> usize;
        }
        const SIGPIPE: i32 = 13;
        const SIG_DFL: usize = 0;
        // SAFETY: restores the default action of one signal before any thread is started.
        unsafe {
            signal(SIGPIPE, SIG_DFL);
        }
    }
}

/// Runs one parsed command line.
pub fn run(cli: &Cli) -> Result<()> {
    if !matches!(cli.command, None | Some(Command::App)) {
        quiet_on_closed_pipe();
    }
    match &cli.command {
        None | Some(Command::App) => crate::app::run(cli.db.clone()),
        Some(Command::Init(a)) => core::init(cli, a),
        Some(Command::Demo(a)) => core::demo(cli, a),
        Some(Command::List(a)) => core::list(cli, a),
        Some(Command::Check) => core::check(cli),
        Some(Command::Import(a)) => exchange::import(cli, a),
        Some(Command::Export(a)) => exchange::export(cli, a),
        Some(Command::ExportJournal(a)) => exchange::export_journal(cli, a),
        Some(Command::Form(a)) => forms::form(cli, a),
        Some(Command::Talon(a)) => forms::talon(cli, a),
        Some(Command::Consolidate(a)) => district::consolidate(cli, a),
        Some(Command::Publish(a)) => publish::publish(cli, a),
        Some(Command::Backup) => safety::backup(cli),
        Some(Command::Backups) => safety::backups(cli),
        Some(Command::Restore(a)) => safety::restore(cli, a),
        Some(Command::History(a)) => safety::history(cli, a),
        Some(Command::Trash(a)) => safety::trash(cli, a),
        Some(Command::Users(a)) => secure::users(cli, a),
        Some(Command::Encrypt(a)) => secure::encrypt(cli, a),
        Some(Command::Anonymise(a)) => secure::anonymise(cli, a),
        Some(Command::IdleLock(a)) => secure::idle_lock(cli, a),
        Some(Command::StressWrites(a)) => safety::stress_writes(cli, a),
    }
}

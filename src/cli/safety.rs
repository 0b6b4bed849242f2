//! `estu backup`, `estu backups`, `estu restore FILE`, `estu history …`, `estu trash …`, and the
//! hidden `estu stress-writes` that the crash test kills at random moments.

use super::Cli;
use clap::{Args, Subcommand, ValueEnum};
use estu_core::error::{Error, Result};
use estu_core::i18n::Text;
use estu_core::i18n::{Lang, tr, trf};
use estu_core::model::*;
use estu_core::safety::{backup, restore};
use estu_core::store::history::{self, RecordKind};
use estu_core::store::trash;
use estu_core::store::{meetings, reference};
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup copy to restore (its integrity and version are checked first).
    pub file: PathBuf,
    /// Replace even with another okrug's copy or one with fewer records (asked otherwise).
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum HistoryWhat {
    Appeal,
    Meeting,
    Question,
    Plan,
    Reception,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    #[arg(value_enum)]
    pub what: HistoryWhat,
    /// The record's id; for an appeal also its registration number (e.g. 12-2022/0045).
    pub id: String,
}

#[derive(Debug, Args)]
pub struct TrashArgs {
    #[command(subcommand)]
    pub action: Option<TrashAction>,
}

#[derive(Debug, Subcommand)]
pub enum TrashAction {
    /// Show the deleted records (the default).
    List,
    /// Restore a deleted record, with everything deleted with it, under its original id.
    Restore {
        /// The trash entry's number, as `estu trash` shows it.
        id: i64,
    },
    /// Erase deleted records for good, with their personal data in the audit trail.
    Empty {
        /// Only what was deleted more than this many days ago.
        #[arg(long)]
        older_than: Option<u32>,
    },
}

#[derive(Debug, Args)]
pub struct StressArgs {
    /// How many records to write (each a meeting with broadcasts, remarks and a question).
    #[arg(long, default_value_t = 1000)]
    pub count: u64,
}

pub fn backup(cli: &Cli) -> Result<()> {
    let store = cli.open_to_read()?;
    let line = super::progress::Line::new();
    let made = backup::backup_now_with(&store, &mut |done, total| {
        line.percent(cli.lang, "ui.job.backup", done, total)
    });
    line.clear();
    let b = made?;
    println!(
        "{}",
        trf(
            cli.lang,
            "cli.backup_done",
            &[
                ("path", &b.path.display()),
                ("size", &b.size.div_ceil(1024))
            ]
        )
    );
    Ok(())
}

pub fn backups(cli: &Cli) -> Result<()> {
    let store = cli.open_to_read()?;
    let dir = backup::backup_dir(&store)?;
    println!(
        "{}",
        trf(cli.lang, "cli.backups_dir", &[("dir", &dir.display())])
    );
    let list = backup::list_backups(&store)?;
    if list.is_empty() {
        println!("{}", tr(cli.lang, "cli.backups_none"));
    }
    for b in list {
        println!(
            "{}  {:>8} КБ  {:<28}  {}",
            b.taken_at.format("%d.%m.%Y %H:%M:%S"),
            b.size.div_ceil(1024),
            tr(cli.lang, b.kind.key()),
            b.path.display()
        );
    }
    Ok(())
}

pub fn restore(cli: &Cli, a: &RestoreArgs) -> Result<()> {
    let db = cli.db_path();
    // Only an administrator restores: asked of the file when it opens (a damaged one cannot
    // say who is who; its key was unlocked by the password all the same).
    match cli.open() {
        Ok(store) => store.require(estu_core::secure::Role::Admin)?,
        Err(e @ (Error::WrongPassword | Error::Encrypted(_) | Error::Forbidden(_))) => {
            return Err(e);
        }
        Err(_) => {}
    }
    // A damaged or missing database is exactly when a copy is needed: restore_path replaces
    // the file then, keeping the damaged one aside.
    let line = super::progress::Line::new();
    let restored = restore::restore_path_with(&db, &a.file, a.yes, &mut |done, total| {
        line.percent(cli.lang, "ui.job.restore", done, total)
    });
    line.clear();
    let report = match restored {
        Err(e @ Error::Unconfirmed(_)) => {
            eprintln!("{}", e.message(cli.lang));
            return Err(Error::Other(Text::new("cli.restore_confirm_hint")));
        }
        other => other?,
    };
    println!("{}", report.copy.describe(cli.lang));
    println!(
        "{}",
        trf(
            cli.lang,
            "cli.restored",
            &[
                ("db", &db.display()),
                ("from", &report.restored_from.display()),
                ("version", &report.version)
            ]
        )
    );
    match &report.replaced_kept_at {
        Some(p) => println!(
            "{}",
            trf(cli.lang, "cli.restored_kept", &[("path", &p.display())])
        ),
        None => println!("{}", tr(cli.lang, "cli.restored_nothing_kept")),
    }
    Ok(())
}

pub fn history(cli: &Cli, a: &HistoryArgs) -> Result<()> {
    let store = cli.open_to_read()?;
    let conn = store.conn();
    let not_found = |key: &str| Error::NotFound(estu_core::i18n::Text::new(key).arg("id", &a.id));
    let (kind, id) = match a.what {
        HistoryWhat::Appeal => (RecordKind::Appeal, history::appeal_id(conn, &a.id)?),
        HistoryWhat::Meeting => (
            RecordKind::Meeting,
            a.id.trim()
                .parse()
                .map_err(|_| not_found("err.not_found.meeting"))?,
        ),
        HistoryWhat::Question => (
            RecordKind::Question,
            a.id.trim()
                .parse()
                .map_err(|_| not_found("err.not_found.question"))?,
        ),
        HistoryWhat::Plan => (
            RecordKind::Plan,
            a.id.trim()
                .parse()
                .map_err(|_| not_found("err.not_found.plan_item"))?,
        ),
        HistoryWhat::Reception => (
            RecordKind::Reception,
            a.id.trim()
                .parse()
                .map_err(|_| not_found("err.not_found.reception"))?,
        ),
    };
    let entries = history::of_record(conn, kind, id)?;
    if entries.is_empty() {
        println!("{}", tr(cli.lang, "cli.history_empty"));
    }
    for e in entries {
        print_entry(cli.lang, &e);
    }
    Ok(())
}

fn print_entry(lang: Lang, e: &history::Entry) {
    let actor = if e.actor.is_empty() {
        tr(lang, "history.actor_none")
    } else {
        e.actor.clone()
    };
    println!("{}  {}  {}", e.at, actor, tr(lang, e.action.key()));
    for c in &e.changes {
        println!(
            "    {}: {} → {}",
            c.label(lang),
            c.old_shown(lang),
            c.new_shown(lang)
        );
    }
}

pub fn trash(cli: &Cli, a: &TrashArgs) -> Result<()> {
    let mut store = match a.action {
        Some(TrashAction::Restore { .. } | TrashAction::Empty { .. }) => cli.open()?,
        _ => cli.open_to_read()?,
    };
    match a.action {
        None | Some(TrashAction::List) => {
            let list = trash::list(store.conn())?;
            if list.is_empty() {
                println!("{}", tr(cli.lang, "cli.trash_empty"));
            }
            for e in list {
                let with = if e.children > 0 {
                    format!(
                        " ({})",
                        trf(cli.lang, "cli.trash_with", &[("n", &e.children)])
                    )
                } else {
                    String::new()
                };
                println!(
                    "{:>6}  {}  {} № {} {}{}  [{}]",
                    e.id,
                    e.deleted_at,
                    tr(cli.lang, &format!("trash.table.{}", e.table)),
                    e.row_id,
                    e.label,
                    with,
                    if e.actor.is_empty() {
                        tr(cli.lang, "history.actor_none")
                    } else {
                        e.actor
                    }
                );
            }
        }
        Some(TrashAction::Empty { older_than }) => {
            let n = estu_core::store::erasure::empty_trash(&mut store, older_than)?;
            println!("{}", trf(cli.lang, "cli.trash_emptied", &[("count", &n)]));
        }
        Some(TrashAction::Restore { id }) => {
            let r = trash::restore_entry(&mut store, id)?;
            println!(
                "{}",
                trf(
                    cli.lang,
                    "cli.trash_restored",
                    &[
                        ("what", &tr(cli.lang, &format!("trash.table.{}", r.table))),
                        ("id", &r.row_id),
                        ("rows", &r.rows)
                    ]
                )
            );
            if r.skipped > 0 {
                println!(
                    "{}",
                    trf(cli.lang, "cli.trash_skipped", &[("n", &r.skipped)])
                );
            }
        }
    }
    Ok(())
}

/// Writes `count` meetings, each in one transaction with its broadcasts (1–4), remarks (0–2
/// levels) and one question, printing `ack <id> <broadcasts> <remarks>` after each commit. The
/// title repeats the counts, so a reader can tell a whole record from a half-written one.
pub fn stress_writes(cli: &Cli, a: &StressArgs) -> Result<()> {
    let mut store = cli.open()?;
    let today = store.today();
    let topic = reference::topic_id_by_code(store.conn(), "water")?.unwrap_or(1);
    let mut out = std::io::stdout().lock();
    for i in 0..a.count {
        let nb = 1 + (i % 4) as usize;
        let nr = (i % 3) as u8;
        let mut m = Meeting::new(MeetingKind::Gathering, today);
        m.held_on = Some(today);
        m.title = format!("stress {i} b{nb} r{nr}");
        m.participants_offline = 10 + (i % 50) as i64;
        m.broadcasts = BroadcastChannel::ALL
            .iter()
            .take(nb)
            .map(|channel| Broadcast {
                channel: *channel,
                viewers: i as i64,
            })
            .collect();
        m.remarks = (1..=nr)
            .map(|level| Remarks {
                addressee_level: level,
                count: 1,
            })
            .collect();
        let id = store.write(|tx| {
            let id = meetings::save(tx, &mut m)?;
            let mut q = Question::at_meeting(id, &format!("stress question {i}"), topic);
            meetings::save_question(tx, &mut q)?;
            Ok(id)
        })?;
        writeln!(out, "ack {id} {nb} {nr}")?;
        out.flush()?;
    }
    Ok(())
}

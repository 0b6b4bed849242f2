//! `estu check`: SQLite's own checks of the file, then every record against the rules.

use crate::error::{Problem, Result};
use crate::store::{self, Db, Store, appeals, meetings, plan};

/// What a check found.
#[derive(Debug, Default)]
pub struct Report {
    /// Lines from SQLite's `integrity_check` and `foreign_key_check` (empty when the file is whole).
    pub file: Vec<String>,
    /// Records that break a rule, each problem naming its record and field.
    pub records: Vec<Problem>,
    /// How many records were checked against the rules.
    pub checked: usize,
    /// The audit trail's first broken link, if any (`secure::seal`).
    pub audit: Option<crate::secure::seal::Broken>,
}

impl Report {
    pub fn is_ok(&self) -> bool {
        self.file.is_empty() && self.records.is_empty() && self.audit.is_none()
    }
}

/// How far a check has come, for a progress line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// SQLite's own checks of the file.
    File,
    /// The audit trail's seal.
    Audit,
    /// Records checked against the rules: `done` of `total`.
    Records { done: usize, total: usize },
}

/// Checks the whole file.
pub fn run(store: &Store) -> Result<Report> {
    run_with(store, &mut |_| {})
}

/// Checks the whole file, telling `progress` what it is at (the records every 1,000).
pub fn run_with(store: &Store, progress: &mut dyn FnMut(Stage)) -> Result<Report> {
    let conn = store.conn();
    // SQLite's own check reads the whole file on one core: on a file, it runs beside the
    // rules' check, on a connection of its own (a file in memory is checked in turn).
    let beside = store.path().map(|path| {
        let path = path.to_path_buf();
        std::thread::spawn(move || store::copy::problems(&Db::open_read_only(&path)?))
    });
    let mut report = Report::default();
    if beside.is_none() {
        progress(Stage::File);
        report.file = store::copy::problems(conn)?;
    }
    progress(Stage::Audit);
    report.audit = crate::store::seal::verify(conn)?;
    let today = store.today();
    let meeting_ids = store::ids(conn, "meeting")?;
    let items = plan::list(conn, &plan::Filter::default())?;
    let total = appeals::count(conn)? as usize + meeting_ids.len() + items.len();
    let mut tick = |report: &Report| {
        if report.checked.is_multiple_of(1000) || report.checked == total {
            progress(Stage::Records {
                done: report.checked,
                total,
            });
        }
    };
    appeals::for_each(conn, |a| {
        note(&mut report, crate::rules::validate::appeal(&a, today));
        tick(&report);
        Ok(())
    })?;
    for id in meeting_ids {
        let m = meetings::get(conn, id)?;
        note(&mut report, crate::rules::validate::meeting(&m, today));
        tick(&report);
    }
    for p in items {
        note(&mut report, crate::rules::validate::plan_item(&p, today));
        tick(&report);
    }
    if let Some(beside) = beside {
        progress(Stage::File);
        report.file = beside.join().expect("the file's check does not panic")?;
    }
    Ok(report)
}

fn note(report: &mut Report, checked: std::result::Result<(), Vec<Problem>>) {
    report.checked += 1;
    if let Err(p) = checked {
        report.records.extend(p);
    }
}

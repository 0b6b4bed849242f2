//! `estu check`: SQLite's own checks of the file, then every record against the rules.

use crate::error::{Problem, Result};
use crate::store::{self, Store, appeals, meetings, plan};

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

/// Checks the whole file.
pub fn run(store: &Store) -> Result<Report> {
    let conn = store.conn();
    let mut report = Report {
        file: store::copy::problems(conn)?,
        ..Report::default()
    };
    report.audit = crate::store::seal::verify(conn)?;
    let today = store.today();
    for id in store::ids(conn, "appeal")? {
        let a = appeals::get(conn, id)?;
        note(&mut report, crate::rules::validate::appeal(&a, today));
    }
    for id in store::ids(conn, "meeting")? {
        let m = meetings::get(conn, id)?;
        note(&mut report, crate::rules::validate::meeting(&m, today));
    }
    for p in plan::list(conn, &plan::Filter::default())? {
        note(&mut report, crate::rules::validate::plan_item(&p, today));
    }
    Ok(report)
}

fn note(report: &mut Report, checked: std::result::Result<(), Vec<Problem>>) {
    report.checked += 1;
    if let Err(p) = checked {
        report.records.extend(p);
    }
}

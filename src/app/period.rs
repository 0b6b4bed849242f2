//! The period a form covers, chosen the same way on the reports screen and in the district
//! mode: a quarter, half-year, nine months or year of a year, a range, or as of a date.

use super::widgets::{self, combo, fmt_date, parse_date};
use chrono::{Datelike, NaiveDate};
use egui::Ui;
use estu_core::forms::Period;
use estu_core::forms::period::PeriodKind;
use estu_core::i18n::{Lang, tr};
use estu_core::rules::calendar::Calendar;

#[derive(Clone)]
pub struct PeriodChoice {
    pub kind: PeriodKind,
    pub year: i32,
    /// A range's first day and a range's or an «as of» period's last day, as typed.
    pub from: String,
    pub to: String,
}

impl Default for PeriodChoice {
    /// The current quarter.
    fn default() -> Self {
        let today = chrono::Local::now().date_naive();
        PeriodChoice {
            kind: PeriodKind::Quarter(((today.month0() / 3) + 1) as u8),
            year: today.year(),
            from: String::new(),
            to: String::new(),
        }
    }
}

impl PeriodChoice {
    pub fn set_quarter(&mut self, year: i32, q: u8) {
        self.year = year;
        self.kind = PeriodKind::Quarter(q);
    }

    /// The period chosen, or the date typed that cannot be read.
    pub fn period(&self, today: NaiveDate) -> Result<Period, String> {
        Ok(match self.kind {
            PeriodKind::Year => Period::year(self.year),
            PeriodKind::Half(h) => Period::half(self.year, h),
            PeriodKind::Quarter(q) => Period::quarter(self.year, q),
            PeriodKind::NineMonths => Period::nine_months(self.year),
            PeriodKind::AsOf => Period::as_of(parse_date(&self.to).unwrap_or(today)),
            PeriodKind::Range => {
                let from = parse_date(&self.from).ok_or_else(|| self.from.clone())?;
                let to = parse_date(&self.to).ok_or_else(|| self.to.clone())?;
                Period::range(from, to)
            }
        })
    }

    /// The period's inputs, in a row the caller lays out.
    pub fn ui(&mut self, ui: &mut Ui, lang: Lang, today: NaiveDate, cal: Option<&Calendar>) {
        let l = ui.label(tr(lang, "ui.reports.period"));
        let periods: Vec<(PeriodKind, String)> = [
            (PeriodKind::Quarter(1), "ui.reports.q1"),
            (PeriodKind::Quarter(2), "ui.reports.q2"),
            (PeriodKind::Quarter(3), "ui.reports.q3"),
            (PeriodKind::Quarter(4), "ui.reports.q4"),
            (PeriodKind::Half(1), "ui.reports.h1"),
            (PeriodKind::Half(2), "ui.reports.h2"),
            (PeriodKind::NineMonths, "ui.reports.9m"),
            (PeriodKind::Year, "ui.reports.year"),
            (PeriodKind::Range, "ui.reports.range"),
            (PeriodKind::AsOf, "ui.reports.as_of"),
        ]
        .into_iter()
        .map(|(p, k)| (p, tr(lang, k)))
        .collect();
        combo(ui, l.id, &mut self.kind, &periods, 200.0);
        if !matches!(self.kind, PeriodKind::Range | PeriodKind::AsOf) {
            let l = ui.label(tr(lang, "ui.meetings.year"));
            ui.add(egui::DragValue::new(&mut self.year).range(2000..=2100))
                .labelled_by(l.id);
        }
        if self.kind == PeriodKind::Range {
            if self.from.is_empty() {
                // From 1 January: a range starts filled in, like its end.
                self.from = fmt_date(today.with_ordinal(1).unwrap_or(today));
            }
            let l = ui.label(tr(lang, "ui.journal.from"));
            widgets::date_input(ui, lang, l.id, &mut self.from, 100.0, cal);
        }
        if matches!(self.kind, PeriodKind::Range | PeriodKind::AsOf) {
            if self.to.is_empty() {
                self.to = fmt_date(today);
            }
            let l = ui.label(tr(
                lang,
                if self.kind == PeriodKind::AsOf {
                    "ui.reports.on_date"
                } else {
                    "ui.journal.to"
                },
            ));
            widgets::date_input(ui, lang, l.id, &mut self.to, 100.0, cal);
        }
    }
}

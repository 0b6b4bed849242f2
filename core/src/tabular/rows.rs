//! A journal's rows read into appeals the way people type them, each problem named by the
//! row and column of the user's file and the user's own words.

use super::columns::{Field, Mapping};
use super::sheet::{Cell, Grid, column_letter, serial};
use super::words::{self, code_of, words};
use crate::error::Problem;
use crate::i18n::Text;
use crate::input::{parse_datetime, parse_money, parse_time};
use crate::model::*;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// One row read: the appeal without its references, and the names the user wrote for them.
pub(super) struct RowAppeal {
    /// Index in `Grid::rows`.
    pub index: usize,
    pub appeal: Appeal,
    pub settlement: String,
    pub executor: String,
    /// Who accepted it (a member of staff) and the number of the appeal it repeats.
    pub accepted_by: String,
    pub repeated_of: String,
}

/// Reads cells of one grid under one mapping, collecting problems.
pub(super) struct Reader<'a> {
    pub grid: &'a Grid,
    pub mapping: &'a Mapping,
    pub file: String,
    pub problems: Vec<Problem>,
}

impl Reader<'_> {
    /// «Файл journal.xlsx, строка 7, столбец C «Дата поступления»» (or without the column).
    pub fn place(&self, index: usize, field: Option<&str>) -> Text {
        let row = self.grid.first_row + index;
        let col = field.and_then(|k| {
            Field::ALL
                .iter()
                .find(|f| f.key() == k)
                .and_then(|f| self.mapping.column_of(*f))
        });
        match col {
            Some(c) => Text::new("import.row_col")
                .arg("file", &self.file)
                .arg("row", row)
                .arg("col", column_letter(c + self.grid.first_col))
                .arg("header", &self.mapping.headers[c]),
            None => Text::new("import.row")
                .arg("file", &self.file)
                .arg("row", row),
        }
    }

    pub fn problem(&mut self, index: usize, f: Field, what: Text) {
        let record = self.place(index, Some(f.key()));
        self.problems.push(Problem::new(record, f.key(), what));
    }

    /// The problems the rules found in the record of row `index`, each named by the column
    /// of the field it is about.
    pub fn refused(&mut self, index: usize, problems: Vec<Problem>) {
        for p in problems {
            let record = self.place(index, Some(&p.field));
            self.problems.push(Problem::new(record, &p.field, p.what));
        }
    }

    pub fn cell(&self, index: usize, f: Field) -> &Cell {
        self.mapping
            .column_of(f)
            .and_then(|c| self.grid.rows[index].get(c))
            .unwrap_or(&Cell::Empty)
    }

    pub fn text(&self, index: usize, f: Field) -> String {
        self.cell(index, f).shown()
    }

    /// The rows below the header that hold anything.
    pub fn data_rows(&self) -> impl Iterator<Item = usize> + '_ {
        (self.mapping.header_row + 1..self.grid.rows.len())
            .filter(|&i| self.grid.rows[i].iter().any(|c| !c.is_empty()))
    }

    pub fn date(&mut self, index: usize, f: Field) -> Option<NaiveDateTime> {
        let got = match self.cell(index, f) {
            Cell::Empty => return None,
            Cell::Moment(m) => Some(*m),
            Cell::Number(n) => serial(*n),
            Cell::Text(s) => parse_datetime(s),
        };
        if got.is_none() {
            let v = self.text(index, f);
            self.problem(index, f, Text::new("import.value.bad_date").arg("value", v));
        }
        got
    }

    fn time(&mut self, index: usize) -> Option<NaiveTime> {
        let f = Field::ReceivedTime;
        let got = match self.cell(index, f) {
            Cell::Empty => return None,
            Cell::Moment(m) => Some(m.time()),
            Cell::Number(n) if (0.0..1.0).contains(n) => serial(*n).map(|m| m.time()),
            Cell::Number(_) => None,
            Cell::Text(s) => parse_time(s),
        };
        if got.is_none() {
            let v = self.text(index, f);
            self.problem(index, f, Text::new("import.value.bad_time").arg("value", v));
        }
        got
    }

    /// A day (a date with a time keeps the day).
    pub fn day(&mut self, index: usize, f: Field) -> Option<NaiveDate> {
        self.date(index, f).map(|d| d.date())
    }

    /// A whole number; `None` when the cell is empty or (a problem) not a number.
    pub fn number(&mut self, index: usize, f: Field) -> Option<i64> {
        let v = self.text(index, f);
        if v.is_empty() {
            return None;
        }
        let n = v.replace([' ', '\u{a0}'], "").parse::<i64>().ok();
        if n.is_none() {
            self.problem(
                index,
                f,
                Text::new("import.value.bad_number").arg("value", v),
            );
        }
        n
    }

    /// A sum as people type it («1 234,5»); `None` when empty or (a problem) unreadable.
    pub fn money(&mut self, index: usize, f: Field) -> Option<f64> {
        let got = match self.cell(index, f) {
            Cell::Empty => return None,
            Cell::Number(n) => Some(*n),
            c => parse_money(&c.shown()),
        };
        if got.is_none() {
            let v = self.text(index, f);
            self.problem(index, f, Text::new("import.value.bad_sum").arg("value", v));
        }
        got
    }

    /// «да», «+», «Повторное: да»…: an empty cell is no; anything else a problem.
    pub fn yes_no(&mut self, index: usize, f: Field) -> bool {
        let v = self.text(index, f);
        match words::yes_no(&v) {
            Some(b) => b,
            None => {
                self.problem(
                    index,
                    f,
                    Text::new("import.value.bad_yes_no").arg("value", v),
                );
                false
            }
        }
    }

    /// A value of a closed list, by the words people write for it.
    pub fn coded<T>(
        &mut self,
        index: usize,
        f: Field,
        table: &std::collections::HashMap<String, Vec<String>>,
        prefix: &str,
        parse: fn(&str) -> Option<T>,
    ) -> Option<T> {
        let v = self.text(index, f);
        if v.is_empty() {
            return None;
        }
        let got = code_of(table, prefix, &v).and_then(parse);
        if got.is_none() {
            let mut allowed: Vec<&str> = table
                .values()
                .filter_map(|w| w.first())
                .map(String::as_str)
                .collect();
            allowed.sort();
            self.problem(
                index,
                f,
                Text::new("import.value.unknown")
                    .arg("value", v)
                    .arg("allowed", allowed.join(", ")),
            );
        }
        got
    }

    /// Row `index` as an appeal; `None` when a value could not be read (said in `problems`).
    pub fn appeal(&mut self, index: usize, default_channel: Channel) -> Option<RowAppeal> {
        let before = self.problems.len();
        let day = self.date(index, Field::ReceivedOn);
        let time = self.time(index);
        let received = match day {
            Some(d) => time.map_or(d, |t| d.date().and_time(t)),
            None => {
                if !matches!(self.cell(index, Field::ReceivedOn), Cell::Empty) {
                    return None;
                }
                self.problem(index, Field::ReceivedOn, Text::new("import.value.no_date"));
                NaiveDate::MIN.and_time(NaiveTime::MIN)
            }
        };
        let channel = self
            .coded(
                index,
                Field::Channel,
                &words().channel,
                "channel",
                Channel::parse,
            )
            .unwrap_or(default_channel);
        let mut a = Appeal::new(
            received,
            channel,
            &self.text(index, Field::ApplicantName),
            0,
            &self.text(index, Field::Summary),
        );
        a.reg_number = self.text(index, Field::RegNumber);
        a.kind = self
            .coded(
                index,
                Field::Kind,
                &words().kind,
                "appeal_kind",
                AppealKind::parse,
            )
            .unwrap_or(AppealKind::Statement);
        a.applicant_id = self.iin(index);
        a.applicant_address = self.text(index, Field::ApplicantAddress);
        a.applicant_phone = self.text(index, Field::ApplicantPhone);
        a.outcome = self.coded(
            index,
            Field::Outcome,
            &words().outcome,
            "outcome",
            Outcome::parse,
        );
        if let Some(t) = self.coded(
            index,
            Field::ApplicantType,
            &words().applicant_type,
            "applicant_type",
            ApplicantType::parse,
        ) {
            a.applicant_type = t;
        }
        a.answered_on = self.date(index, Field::AnsweredOn).map(|d| d.date());
        a.answer = self.text(index, Field::Answer);
        a.redirected_to = Some(self.text(index, Field::RedirectedTo)).filter(|s| !s.is_empty());
        if a.outcome == Some(Outcome::Redirected) && a.redirected_to.is_none() {
            // Journals write where it went as the answer.
            a.redirected_to = Some(a.answer.clone()).filter(|s| !s.is_empty());
        }
        // Empty terms are computed as for an appeal typed in; the file's stay.
        a.registered_on = self.day(index, Field::RegisteredOn);
        a.deadline = self.day(index, Field::AppealDeadline);
        a.extended_to = self.day(index, Field::ExtendedTo);
        a.extension_reason =
            Some(self.text(index, Field::ExtensionReason)).filter(|s| !s.is_empty());
        a.extension_notified_on = self.day(index, Field::ExtensionNotifiedOn);
        a.repeated = self.yes_no(index, Field::Repeated);
        if let Some(n) = self.number(index, Field::Persons) {
            a.persons = n;
        }
        (self.problems.len() == before).then(|| RowAppeal {
            index,
            appeal: a,
            settlement: self.text(index, Field::Settlement),
            executor: self.text(index, Field::Executor),
            accepted_by: self.text(index, Field::AcceptedBy),
            repeated_of: self.text(index, Field::RepeatedOf),
        })
    }

    /// An ИИН/БИН: Excel keeps it as a number and drops its leading zeros; they come back.
    fn iin(&self, index: usize) -> Option<String> {
        match self.cell(index, Field::ApplicantId) {
            Cell::Number(n) if n.fract() == 0.0 && *n >= 0.0 && *n < 1e12 => {
                Some(format!("{:012}", *n as i64))
            }
            c => Some(c.shown().replace([' ', '\u{a0}'], "")).filter(|s| !s.is_empty()),
        }
    }
}

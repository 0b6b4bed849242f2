//! Building records through the library, and reading computed forms back.

use chrono::{NaiveDate, NaiveDateTime};
use estu_core::forms::{self, Cell, Form, FormKind, Period, Request, Scope};
use estu_core::model::*;
use estu_core::store::{appeals, meetings, plan, reference};
use estu_core::{Lang, Store};
use std::collections::HashMap;

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub fn at(y: i32, m: u32, day: u32, h: u32, min: u32) -> NaiveDateTime {
    d(y, m, day).and_hms_opt(h, min, 0).unwrap()
}

/// A store for the okrug of the demo profile with its two villages; "today" is the end of 2024.
pub struct Fixture {
    pub store: Store,
    pub villages: Vec<i64>,
    sessions: HashMap<(NaiveDate, u8, Option<i64>), i64>,
    seq: usize,
}

impl Fixture {
    pub fn new() -> Fixture {
        let mut store = Store::in_memory(&estu_core::demo::profile()).unwrap();
        store.set_today(d(2024, 12, 31));
        let villages = store
            .write(|tx| {
                let ids = estu_core::demo::profile::save_settlements(tx)?;
                estu_core::demo::profile::save_staff(tx)?;
                Ok(ids)
            })
            .unwrap();
        Fixture {
            store,
            villages,
            sessions: HashMap::new(),
            seq: 0,
        }
    }

    pub fn topic(&self, code: &str) -> i64 {
        reference::topic_id_by_code(self.store.conn(), code)
            .unwrap()
            .unwrap_or_else(|| panic!("topic {code}"))
    }

    fn next_name(&mut self) -> String {
        self.seq += 1;
        format!("Заявитель {}", self.seq)
    }

    /// A reception session on that day (one per day, level and settlement).
    pub fn session(&mut self, day: NaiveDate, level: u8, settlement: Option<i64>) -> i64 {
        if let Some(id) = self.sessions.get(&(day, level, settlement)) {
            return *id;
        }
        let id = self
            .store
            .write(|tx| {
                reference::save_reception(
                    tx,
                    &Reception {
                        id: 0,
                        held_on: day,
                        akim_level: level,
                        host_name: String::new(),
                        settlement_id: settlement,
                        note: String::new(),
                    },
                )
            })
            .unwrap();
        self.sessions.insert((day, level, settlement), id);
        id
    }

    /// Inserts an appeal built by `f` from a fresh one; returns it as stored.
    pub fn appeal(
        &mut self,
        when: NaiveDateTime,
        channel: Channel,
        topic: &str,
        f: impl FnOnce(&mut Appeal),
    ) -> Appeal {
        let name = self.next_name();
        let mut a = Appeal::new(when, channel, &name, self.topic(topic), "Суть обращения");
        if channel == Channel::WrittenOrg {
            a.applicant_id = Some(estu_core::rules::iin::make_bin(100_000 + self.seq as u64));
        }
        f(&mut a);
        if channel == Channel::Reception && a.reception_id.is_none() {
            a.reception_id = Some(self.session(when.date(), 6, None));
        }
        self.store.write(|tx| appeals::insert(tx, &mut a)).unwrap();
        a
    }

    /// A personal-reception appeal with an outcome answered `answered` days later (None: open).
    pub fn reception(
        &mut self,
        when: NaiveDateTime,
        topic: &str,
        outcome: Option<Outcome>,
        settlement: Option<i64>,
    ) -> Appeal {
        let session = self.session(when.date(), 6, settlement);
        self.appeal(when, Channel::Reception, topic, |a| {
            a.reception_id = Some(session);
            a.settlement_id = settlement;
            answer(a, outcome, when.date() + chrono::Days::new(5));
        })
    }

    pub fn meeting(
        &mut self,
        kind: MeetingKind,
        planned: NaiveDate,
        f: impl FnOnce(&mut Meeting),
    ) -> i64 {
        let mut m = Meeting::new(kind, planned);
        f(&mut m);
        self.store.write(|tx| meetings::save(tx, &mut m)).unwrap()
    }

    /// `n` questions on `topic` at meeting `m`, `repeated` of them marked repeated.
    pub fn questions(&mut self, m: i64, topic: &str, n: usize, repeated: usize) {
        let t = self.topic(topic);
        self.store
            .write(|tx| {
                for i in 0..n {
                    let mut q = Question::at_meeting(m, &format!("Вопрос {i}"), t);
                    q.repeated = i < repeated;
                    meetings::save_question(tx, &mut q)?;
                }
                Ok(())
            })
            .unwrap();
    }

    pub fn plan_item(&mut self, f: impl FnOnce(&mut PlanItem)) -> i64 {
        let mut p = PlanItem::new("Проблема");
        f(&mut p);
        self.store.write(|tx| plan::save(tx, &mut p)).unwrap()
    }

    pub fn form(&self, kind: FormKind, period: &str, lang: Lang) -> Form {
        self.form_in(kind, period, lang, None)
    }

    pub fn form_in(
        &self,
        kind: FormKind,
        period: &str,
        lang: Lang,
        settlement: Option<&str>,
    ) -> Form {
        let conn = self.store.conn();
        let req = Request::new(
            kind,
            Period::parse(period).unwrap(),
            lang,
            self.store.today(),
        )
        .with_scope(Scope::resolve(conn, settlement).unwrap());
        forms::compute(conn, &req).unwrap()
    }
}

/// Sets an outcome (and what it needs) answered on `day`.
pub fn answer(a: &mut Appeal, outcome: Option<Outcome>, day: NaiveDate) {
    a.outcome = outcome;
    a.answered_on = outcome.map(|_| day);
    if outcome == Some(Outcome::Redirected) {
        a.redirected_to = Some("Отдел ЖКХ г.Кокшетау".into());
    }
}

/// The integer cells of a row.
pub fn ints(form: &Form, table: usize, row: &str) -> Vec<i64> {
    let r = form.tables[table]
        .row(row)
        .unwrap_or_else(|| panic!("no row {row}"));
    r.cells
        .iter()
        .map(|c| {
            c.as_int()
                .unwrap_or_else(|| panic!("row {row}: {c:?} is not a number"))
        })
        .collect()
}

/// The text of the single value cell of a row (F3).
pub fn text(form: &Form, row: &str) -> String {
    form.tables[0]
        .row(row)
        .unwrap_or_else(|| panic!("no row {row}"))
        .cells[0]
        .text()
}

pub fn int(c: &Cell) -> i64 {
    c.as_int().unwrap()
}

/// A table's header as (text, row, col, row_span, col_span, rotate), in order.
pub fn header_cells(
    table: &estu_core::forms::Table,
) -> Vec<(&str, usize, usize, usize, usize, bool)> {
    table
        .header
        .iter()
        .map(|h| {
            (
                h.text.as_str(),
                h.row,
                h.col,
                h.row_span,
                h.col_span,
                h.rotate,
            )
        })
        .collect()
}

/// Every place of the header grid (header rows × columns) is covered by exactly one cell, and
/// no cell reaches outside it: no sub-header over the wrong column, no gap, no overlap.
pub fn assert_header_grid(table: &estu_core::forms::Table) {
    let (rows, cols) = (table.header_rows, table.columns.len());
    let mut seen = vec![vec![0; cols]; rows];
    for h in &table.header {
        assert!(h.row_span >= 1 && h.col_span >= 1, "{h:?}");
        assert!(h.row + h.row_span <= rows, "{h:?} below {rows} header rows");
        assert!(h.col + h.col_span <= cols, "{h:?} right of {cols} columns");
        for row in seen.iter_mut().skip(h.row).take(h.row_span) {
            for n in row.iter_mut().skip(h.col).take(h.col_span) {
                *n += 1;
            }
        }
    }
    for (r, row) in seen.iter().enumerate() {
        for (c, &n) in row.iter().enumerate() {
            assert_eq!(n, 1, "header row {r}, column {c} covered {n} times");
        }
    }
}

/// The header cell standing over the last header row of column `key` (its own heading).
pub fn heading_of<'a>(table: &'a estu_core::forms::Table, key: &str) -> &'a str {
    let col = table
        .columns
        .iter()
        .position(|c| c.key == key)
        .unwrap_or_else(|| panic!("no column {key}"));
    let last = table.header_rows - 1;
    table
        .header
        .iter()
        .find(|h| {
            (h.row..h.row + h.row_span).contains(&last)
                && (h.col..h.col + h.col_span).contains(&col)
        })
        .unwrap_or_else(|| panic!("no heading over {key}"))
        .text
        .as_str()
}

//! F5 — План мероприятий по решению проблемных вопросов.
//!
//! As of a date D (period kind AsOf): items created on or before D, except those done before
//! 1 January of D's year; an item done after D is shown as it stood on D (на исполнении).
//! For any other period: items created in the period, with their current status.
//! Overdue = still to be acted on (not done, rejected or budgeted) and the deadline before D
//! (or, for a period, before the production day).

use super::{Ctx, column, header, percent, row};
use crate::error::Result;
use crate::forms::model::*;
use crate::forms::period::{Period, PeriodKind};
use crate::i18n::{Lang, fill, trf};
use crate::model::{Channel, MeetingKind, PlanStatus};
use crate::rules::deadline;
use crate::rules::validate::{fmt_date, push_date};
use chrono::{Datelike, NaiveDate};
use rusqlite::Error::FromSqlConversionFailure;
use rusqlite::params;
use rusqlite::types::{Type, ValueRef};
use std::collections::HashMap;

/// An item's standing as the form prints it in «Отметка об исполнении».
struct Standing<'a> {
    /// The status as of the form's date.
    status: PlanStatus,
    note: &'a str,
    done_on: Option<NaiveDate>,
    overdue: bool,
}

/// The figures of the plan's closing line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    pub total: i64,
    pub done: i64,
    pub in_progress: i64,
    /// Thousand tenge.
    pub need: f64,
    pub allocated: f64,
}

super::sum::accumulate_fields!(Summary {
    total,
    done,
    in_progress,
    need,
    allocated
});

impl Summary {
    /// The share of items done, in whole percent.
    pub fn pct(&self) -> i64 {
        percent(self.done as f64, self.total as f64)
    }
}

/// The plan as the form prints it: its rows in print order, numbered, the sums of the
/// closing line, and how many items each topic has (topic id, count; most first).
pub struct Plan {
    pub rows: Vec<Row>,
    pub summary: Summary,
    pub topics: Vec<(Option<i64>, i64)>,
}

/// A stored `YYYY-MM-DD` (or NULL) read without chrono's format parser: a region's plan reads
/// tens of thousands of them.
fn date_at(r: &rusqlite::Row, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let v = r.get_ref(i)?;
    if v == ValueRef::Null {
        return Ok(None);
    }
    let s = v
        .as_str()
        .map_err(|e| FromSqlConversionFailure(i, Type::Text, e.into()))?;
    let part = |range: std::ops::Range<usize>| s.get(range).and_then(|p| p.parse::<u32>().ok());
    let b = s.as_bytes();
    if b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && let (Some(y), Some(m), Some(d)) = (part(0..4), part(5..7), part(8..10))
        && let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d)
    {
        return Ok(Some(date));
    }
    Err(FromSqlConversionFailure(
        i,
        Type::Text,
        format!("not a date: {s:?}").into(),
    ))
}

/// Which items the form takes, and the day they are judged on.
struct Selection {
    from: NaiveDate,
    to: NaiveDate,
    as_of: bool,
    /// The day an item's deadline is compared with (overdue or not).
    reference_day: NaiveDate,
    /// The SQL condition over `plan_item p`, with `?1` = `from` and `?2` = `to`.
    filter: &'static str,
}

impl Selection {
    fn of(ctx: &Ctx) -> Selection {
        let as_of = ctx.req.period.kind == PeriodKind::AsOf;
        if as_of {
            Selection {
                from: NaiveDate::from_ymd_opt(ctx.to().year(), 1, 1).expect("valid"),
                to: ctx.to(),
                as_of,
                reference_day: ctx.to(),
                filter: "p.created_on <= ?2 AND NOT (p.status = 'done' AND p.done_on < ?1)",
            }
        } else {
            Selection {
                from: ctx.from(),
                to: ctx.to(),
                as_of,
                reference_day: ctx.req.today,
                filter: "p.created_on BETWEEN ?1 AND ?2",
            }
        }
    }
}

/// Settlements and executors: a handful of rows, read once and looked up, not joined.
struct Names {
    /// A settlement's rank (its place in Russian alphabetical order, which orders the plan in
    /// either language) and its name in the form's language.
    settlements: HashMap<i64, (usize, String)>,
    executors: HashMap<i64, String>,
}

impl Names {
    fn read(ctx: &Ctx) -> Result<Names> {
        let mut settlements = HashMap::new();
        let mut st = ctx
            .conn
            .prepare_cached("SELECT id, name_ru, name_kk FROM settlement ORDER BY name_ru, id")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let (ru, kk): (String, String) = (r.get(1)?, r.get(2)?);
            let rank = settlements.len();
            settlements.insert(r.get(0)?, (rank, ctx.pick(&ru, &kk)));
        }
        let mut executors = HashMap::new();
        let mut st = ctx.conn.prepare_cached("SELECT id, name FROM executor")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            executors.insert(r.get(0)?, r.get(1)?);
        }
        Ok(Names {
            settlements,
            executors,
        })
    }
}

/// (settlement rank, no deadline, deadline, id): the print order; a missing deadline after
/// every date, an item without a settlement last.
type Order = (usize, bool, Option<NaiveDate>, i64);

/// The plan as its items are read: their lines (not yet in order), the closing line's sums
/// and the items per topic.
struct Lines<'a> {
    sel: &'a Selection,
    words: &'a Wording,
    names: &'a Names,
    /// Where each item was raised, by item id (taken as its item is read).
    raised: Vec<(i64, String)>,
    lines: Vec<(Order, Row)>,
    summary: Summary,
    topics: HashMap<Option<i64>, i64>,
}

/// A text cell, empty when there is nothing but spaces.
fn text(s: String) -> Cell {
    if s.trim().is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s)
    }
}

impl Lines<'_> {
    /// Adds the item in row `r` of the plan's query.
    fn add(&mut self, r: &rusqlite::Row) -> Result<()> {
        let id: i64 = r.get(0)?;
        let mut status: PlanStatus = r.get(9)?;
        let mut done_on = date_at(r, 11)?;
        if self.sel.as_of && done_on.is_some_and(|d| d > self.sel.to) {
            status = PlanStatus::InProgress;
            done_on = None;
        }
        let deadline = date_at(r, 5)?;
        let (needed, allocated): (f64, f64) = (r.get(7)?, r.get(8)?);
        let overdue = deadline::plan_item_overdue(status, deadline, self.sel.reference_day);
        let settlement = r
            .get::<_, Option<i64>>(2)?
            .and_then(|id| self.names.settlements.get(&id));
        let executor = r
            .get::<_, Option<i64>>(4)?
            .and_then(|id| self.names.executors.get(&id).cloned());
        let note: String = r.get(10)?;
        let standing = Standing {
            status,
            note: &note,
            done_on,
            overdue,
        };
        let cells = vec![
            settlement.map_or(Cell::Empty, |(_, name)| text(name.clone())),
            match self.raised.binary_search_by_key(&id, |(item, _)| *item) {
                Ok(i) => text(std::mem::take(&mut self.raised[i].1)),
                Err(_) => Cell::Empty,
            },
            text(r.get(3)?),
            executor.map_or(Cell::Empty, text),
            deadline.map_or(Cell::Empty, |d| Cell::Text(fmt_date(d))),
            text(r.get(6)?),
            money(needed),
            money(allocated),
            Cell::Text(self.words.status(&standing)),
        ];
        let sum = &mut self.summary;
        sum.total += 1;
        sum.done += (status == PlanStatus::Done) as i64;
        sum.in_progress += (status == PlanStatus::InProgress) as i64;
        sum.need += needed;
        sum.allocated += allocated;
        *self.topics.entry(r.get(12)?).or_default() += 1;
        let order = (
            settlement.map_or(usize::MAX, |(rank, _)| *rank),
            deadline.is_none(),
            deadline,
            id,
        );
        let row = Row {
            mark: if overdue {
                RowMark::Overdue
            } else {
                RowMark::Normal
            },
            ..row(&format!("item{id}"), "", r.get(1)?, 0, cells)
        };
        self.lines.push((order, row));
        Ok(())
    }

    /// The lines in print order, numbered; the topics with the most items first.
    fn finish(mut self) -> Plan {
        let mut topics: Vec<(Option<i64>, i64)> = self.topics.into_iter().collect();
        topics.sort_unstable_by_key(|(t, n)| (std::cmp::Reverse(*n), t.is_none(), *t));
        // Sorted here rather than by SQL: the rows are long and a settlement is a lookup.
        self.lines.sort_unstable_by_key(|(order, _)| *order);
        let rows = self
            .lines
            .into_iter()
            .enumerate()
            .map(|(n, (_, row))| Row {
                number: (n + 1).to_string(),
                ..row
            })
            .collect();
        Plan {
            rows,
            summary: self.summary,
            topics,
        }
    }
}

/// The plan items of the form as rows, in print order (settlement, deadline, id): read and
/// worded in one pass, since a region's plan is thousands of rows.
pub fn plan(ctx: &Ctx) -> Result<Plan> {
    let sel = &Selection::of(ctx);
    let words = &Wording::new(ctx);
    let names = &Names::read(ctx)?;
    let scope = ctx.scope_term("p.settlement_id");
    let filter = format!("{} {scope}", sel.filter);
    let mut lines = Lines {
        sel,
        words,
        names,
        raised: raised_texts(ctx, words, &filter, (sel.from, sel.to))?,
        lines: Vec::new(),
        summary: Summary::default(),
        topics: HashMap::new(),
    };
    let mut st = ctx.conn.prepare_cached(&format!(
        "SELECT p.id, p.problem, p.settlement_id, p.measure, p.executor_id, p.deadline,
                p.funding_source, p.money_needed, p.money_allocated, p.status, p.status_note,
                p.done_on, p.topic_id
         FROM plan_item p WHERE {filter}"
    ))?;
    let mut rows = st.query(params![sel.from, sel.to, ctx.sid()])?;
    while let Some(r) = rows.next()? {
        lines.add(r)?;
    }
    Ok(lines.finish())
}

/// Where each item's questions were raised, as the form words it, by item id (ascending): one
/// query for all items (the same join as store::plan::raised_at, which does it for one item,
/// and in the same order: by date, a meeting before an appeal of the same day).
fn raised_texts(
    ctx: &Ctx,
    words: &Wording,
    filter: &str,
    (from, to): (NaiveDate, NaiveDate),
) -> Result<Vec<(i64, String)>> {
    let mut st = ctx.conn.prepare_cached(&format!(
        "SELECT pq.plan_item_id, m.kind, coalesce(m.held_on, m.planned_on), a.channel, a.registered_on
         FROM plan_item p JOIN plan_item_question pq ON pq.plan_item_id = p.id
              JOIN question q ON q.id = pq.question_id
              LEFT JOIN meeting m ON m.id = q.meeting_id LEFT JOIN appeal a ON a.id = q.appeal_id
         WHERE {filter}"
    ))?;
    // (item, date, raised at an appeal, order read, place)
    let mut all: Vec<(i64, NaiveDate, bool, usize, &str)> = Vec::new();
    let mut rows = st.query(params![from, to, ctx.sid()])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let kind: Option<MeetingKind> = r.get(1)?;
        let seq = all.len();
        all.push(match kind {
            Some(kind) => (
                id,
                date_at(r, 2)?.unwrap_or_default(),
                false,
                seq,
                words.meeting[&kind].as_str(),
            ),
            None => {
                let channel: Channel = r.get(3)?;
                let place = if channel == Channel::Reception {
                    &words.reception
                } else {
                    &words.appeal
                };
                (id, date_at(r, 4)?.unwrap_or_default(), true, seq, place)
            }
        });
    }
    all.sort_unstable_by_key(|(id, date, appeal, seq, _)| (*id, *date, *appeal, *seq));
    let mut out = Vec::new();
    for group in all.chunk_by(|a, b| a.0 == b.0) {
        let mut text = String::new();
        let mut last: Option<(&str, NaiveDate)> = None;
        for (_, date, _, _, place) in group {
            // Each place once when it repeats in a row («сход, 14.02.2022» for two questions).
            if last == Some((place, *date)) {
                continue;
            }
            if last.is_some() {
                text.push_str("; ");
            }
            text.push_str(place);
            text.push_str(", ");
            push_date(&mut text, *date);
            last = Some((place, *date));
        }
        out.push((group[0].0, text));
    }
    Ok(out)
}

/// The form's words, looked up once rather than for each of thousands of rows.
struct Wording {
    meeting: HashMap<MeetingKind, String>,
    reception: String,
    appeal: String,
    /// Per status; the one for done has a `{date}`.
    status: HashMap<PlanStatus, String>,
    rejected_note: String,
    budget_note: String,
    overdue: String,
}

impl Wording {
    fn new(ctx: &Ctx) -> Wording {
        Wording {
            meeting: MeetingKind::ALL
                .iter()
                .map(|k| (*k, ctx.tr(&format!("forms.f5.raised.{}", k.code()))))
                .collect(),
            reception: ctx.tr("forms.f5.raised.reception"),
            appeal: ctx.tr("forms.f5.raised.appeal"),
            status: PlanStatus::ALL
                .iter()
                .map(|s| (*s, ctx.tr(&format!("forms.f5.status.{}", s.code()))))
                .collect(),
            rejected_note: ctx.tr("forms.f5.status.rejected_note"),
            budget_note: ctx.tr("forms.f5.status.budget_request_note"),
            overdue: ctx.tr("forms.f5.overdue"),
        }
    }

    fn status(&self, item: &Standing) -> String {
        let note = item.note.trim();
        let s = match item.status {
            PlanStatus::Done => fill(
                &self.status[&PlanStatus::Done],
                &[("date", &item.done_on.map(fmt_date).unwrap_or_default())],
            ),
            PlanStatus::Rejected if !note.is_empty() => {
                fill(&self.rejected_note, &[("note", &note)])
            }
            PlanStatus::BudgetRequest if !note.is_empty() => {
                fill(&self.budget_note, &[("note", &note)])
            }
            other => self.status[&other].clone(),
        };
        if item.overdue {
            format!("{s}; {}", self.overdue)
        } else {
            s
        }
    }
}

fn money(v: f64) -> Cell {
    Cell::Dec {
        value: v,
        places: 1,
    }
}

/// The columns of the form: (key, role, relative width, alignment), with the district's
/// okrug column when `okrug` is set.
fn spec(okrug: bool) -> Vec<(&'static str, ColumnRole, f32, Align)> {
    let mut cols = vec![
        ("number", ColumnRole::Number, 8.0, Align::Center),
        ("problem", ColumnRole::Label, 40.0, Align::Left),
        ("settlement", ColumnRole::Value, 22.0, Align::Left),
        ("raised", ColumnRole::Value, 30.0, Align::Left),
        ("measure", ColumnRole::Value, 40.0, Align::Left),
        ("executor", ColumnRole::Value, 30.0, Align::Left),
        ("deadline", ColumnRole::Value, 19.0, Align::Center),
        ("funding", ColumnRole::Value, 26.0, Align::Left),
        ("needed", ColumnRole::Value, 18.0, Align::Right),
        ("allocated", ColumnRole::Value, 18.0, Align::Right),
        ("mark", ColumnRole::Value, 30.0, Align::Left),
    ];
    if okrug {
        cols.insert(2, ("okrug", ColumnRole::Value, 26.0, Align::Left));
    }
    cols
}

/// «решено N из M вопросов (P%)».
pub fn progress(lang: Lang, s: &Summary) -> String {
    trf(
        lang,
        "forms.f5.progress",
        &[("done", &s.done), ("total", &s.total), ("pct", &s.pct())],
    )
}

/// A closing row: the money sums and the progress line under the other columns' blanks.
pub fn total_row(key: &str, label: String, s: &Summary, lang: Lang, okrug: bool) -> Row {
    let mut cells = vec![Cell::Empty; if okrug { 7 } else { 6 }];
    cells.extend([
        money(s.need),
        money(s.allocated),
        Cell::Text(progress(lang, s)),
    ]);
    Row {
        mark: RowMark::Total,
        ..row(key, "", label, 0, cells)
    }
}

/// The period line of the title: none for a year, which the title names already («в 2024
/// году»). The wizard's sample of the title uses it too.
pub fn title_period(period: &Period, lang: Lang) -> String {
    match period.kind {
        PeriodKind::Year => String::new(),
        _ => period.title(lang),
    }
}

/// The form's title, its table of `rows` (with the okrug column when `okrug`) and the
/// summary line of `s` under it.
pub fn build(ctx: &Ctx, rows: Vec<Row>, s: &Summary, okrug: bool) -> Form {
    let lang = ctx.lang();
    let title = ctx.title("forms.f5.title", &title_period(&ctx.req.period, lang), &[]);
    let mut form = ctx.form(Orientation::Landscape, title);
    let cols = spec(okrug);
    let columns = cols
        .iter()
        .map(|(k, r, w, a)| column(k, *r, *w, *a))
        .collect();
    let head = cols
        .iter()
        .enumerate()
        .map(|(i, (k, ..))| {
            let text = if *k == "number" {
                ctx.tr("forms.number")
            } else {
                ctx.tr(&format!("forms.f5.col.{k}"))
            };
            header(text, 0, i, 1, 1)
        })
        .collect();
    form.postscript.push(trf(
        lang,
        "forms.f5.summary",
        &[
            ("total", &s.total),
            ("done", &s.done),
            ("in_progress", &s.in_progress),
            ("pct", &s.pct()),
            ("need", &money(s.need).text()),
            ("allocated", &money(s.allocated).text()),
            ("share", &percent(s.allocated, s.need)),
        ],
    ));
    form.tables.push(Table {
        caption: String::new(),
        sheet: String::new(),
        columns,
        header_rows: 1,
        header: head,
        rows,
        repeat_header: true,
    });
    form
}

pub fn compute(ctx: &Ctx) -> Result<Form> {
    let Plan {
        mut rows, summary, ..
    } = plan(ctx)?;
    rows.push(total_row(
        "total",
        ctx.tr("forms.f5.total"),
        &summary,
        ctx.lang(),
        false,
    ));
    Ok(build(ctx, rows, &summary, false))
}

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
use crate::forms::period::PeriodKind;
use crate::i18n::{Lang, trf};
use crate::model::{Channel, MeetingKind, PlanStatus};
use crate::rules::validate::{fmt_date, push_date};
use crate::store::plan::RaisedAt;
use chrono::{Datelike, NaiveDate};
use rusqlite::Error::FromSqlConversionFailure;
use rusqlite::params;
use rusqlite::types::{Type, ValueRef};
use std::collections::HashMap;

/// One plan line as the form prints it.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub id: i64,
    pub problem: String,
    pub settlement: String,
    pub raised: Vec<RaisedAt>,
    pub measure: String,
    pub executor: String,
    pub deadline: Option<NaiveDate>,
    pub funding: String,
    pub needed: f64,
    pub allocated: f64,
    /// The status as of the form's date.
    pub status: PlanStatus,
    pub status_note: String,
    pub done_on: Option<NaiveDate>,
    pub overdue: bool,
    /// The settlement's place in the print order; items without one go last.
    rank: usize,
}

/// A stored `YYYY-MM-DD` (or NULL) read without chrono's format parser: a region's plan reads
/// tens of thousands of them.
fn date_at(r: &rusqlite::Row, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let v = r.get_ref(i)?;
    if v == ValueRef::Null {
        return Ok(None);
    }
    let s = v.as_str().map_err(|e| FromSqlConversionFailure(i, Type::Text, e.into()))?;
    let part = |range: std::ops::Range<usize>| s.get(range).and_then(|p| p.parse::<u32>().ok());
    let b = s.as_bytes();
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        if let (Some(y), Some(m), Some(d)) = (part(0..4), part(5..7), part(8..10)) {
            if let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d) {
                return Ok(Some(date));
            }
        }
    }
    Err(FromSqlConversionFailure(
        i,
        Type::Text,
        format!("not a date: {s:?}").into(),
    ))
}

/// The plan items of the form, in print order (settlement, deadline, id).
pub fn items(ctx: &Ctx) -> Result<Vec<Item>> {
    let as_of = ctx.req.period.kind == PeriodKind::AsOf;
    let (from, to) = if as_of {
        (
            NaiveDate::from_ymd_opt(ctx.to().year(), 1, 1).expect("valid"),
            ctx.to(),
        )
    } else {
        (ctx.from(), ctx.to())
    };
    let reference_day = if as_of { ctx.to() } else { ctx.req.today };
    let filter = if as_of {
        "p.created_on <= ?2 AND NOT (p.status = 'done' AND p.done_on < ?1)"
    } else {
        "p.created_on BETWEEN ?1 AND ?2"
    };
    let scope = ctx.scope_term("p.settlement_id");
    let lang = ctx.lang();

    // Settlements and executors are a handful of rows: read once and looked up, not joined.
    // A settlement's rank is its place in Russian alphabetical order, which orders the plan
    // in either language.
    let mut settlements: HashMap<i64, (usize, String)> = HashMap::new();
    let mut st = ctx
        .conn
        .prepare_cached("SELECT id, name_ru, name_kk FROM settlement ORDER BY name_ru, id")?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let (ru, kk): (String, String) = (r.get(1)?, r.get(2)?);
        let shown = if lang == Lang::Kk && !kk.trim().is_empty() {
            kk
        } else {
            ru
        };
        let rank = settlements.len();
        settlements.insert(r.get(0)?, (rank, shown));
    }
    let mut executors: HashMap<i64, String> = HashMap::new();
    let mut st = ctx.conn.prepare_cached("SELECT id, name FROM executor")?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        executors.insert(r.get(0)?, r.get(1)?);
    }

    let mut st = ctx.conn.prepare_cached(&format!(
        "SELECT p.id, p.problem, p.settlement_id, p.measure, p.executor_id, p.deadline,
                p.funding_source, p.money_needed, p.money_allocated, p.status, p.status_note,
                p.done_on
         FROM plan_item p WHERE {filter} {scope}"
    ))?;
    let mut v: Vec<Item> = st
        .query_map(params![from, to, ctx.sid()], |r| {
            let mut status: PlanStatus = r.get(9)?;
            let mut done_on = date_at(r, 11)?;
            if as_of && done_on.is_some_and(|d| d > to) {
                status = PlanStatus::InProgress;
                done_on = None;
            }
            let deadline = date_at(r, 5)?;
            let settlement = r
                .get::<_, Option<i64>>(2)?
                .and_then(|id| settlements.get(&id));
            Ok(Item {
                id: r.get(0)?,
                problem: r.get(1)?,
                settlement: settlement.map(|(_, shown)| shown.clone()).unwrap_or_default(),
                raised: Vec::new(),
                measure: r.get(3)?,
                executor: r
                    .get::<_, Option<i64>>(4)?
                    .and_then(|id| executors.get(&id).cloned())
                    .unwrap_or_default(),
                deadline,
                funding: r.get(6)?,
                needed: r.get(7)?,
                allocated: r.get(8)?,
                status,
                status_note: r.get(10)?,
                done_on,
                overdue: can_be_overdue(status) && deadline.is_some_and(|d| d < reference_day),
                rank: settlement.map_or(usize::MAX, |(rank, _)| *rank),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    // Sorted here rather than by SQL: the rows are long and a settlement is a lookup. A
    // missing deadline goes after every date.
    v.sort_unstable_by_key(|i| (i.rank, i.deadline.is_none(), i.deadline, i.id));

    // Where each item's questions were raised: one query for all items (the same join as
    // store::plan::raised_at, which does it for one item).
    let mut st = ctx.conn.prepare_cached(&format!(
        "SELECT pq.plan_item_id, m.kind, coalesce(m.held_on, m.planned_on), a.channel, a.registered_on
         FROM plan_item p JOIN plan_item_question pq ON pq.plan_item_id = p.id
              JOIN question q ON q.id = pq.question_id
              LEFT JOIN meeting m ON m.id = q.meeting_id LEFT JOIN appeal a ON a.id = q.appeal_id
         WHERE {filter} {scope}"
    ))?;
    let mut raised: HashMap<i64, Vec<RaisedAt>> = HashMap::with_capacity(v.len());
    let mut rows = st.query(params![from, to, ctx.sid()])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let kind: Option<MeetingKind> = r.get(1)?;
        let at = match kind {
            Some(kind) => RaisedAt::Meeting {
                kind,
                date: date_at(r, 2)?.unwrap_or_default(),
            },
            None => RaisedAt::Appeal {
                channel: r.get(3)?,
                date: date_at(r, 4)?.unwrap_or_default(),
            },
        };
        raised.entry(id).or_default().push(at);
    }
    for item in &mut v {
        if let Some(mut r) = raised.remove(&item.id) {
            // As store::plan::raised_at orders them: by date, a meeting before an appeal.
            r.sort_by_key(|at| match at {
                RaisedAt::Meeting { date, .. } => (*date, false),
                RaisedAt::Appeal { date, .. } => (*date, true),
            });
            item.raised = r;
        }
    }
    Ok(v)
}

/// Done, rejected and budgeted items have no deadline left to miss.
fn can_be_overdue(s: PlanStatus) -> bool {
    !matches!(
        s,
        PlanStatus::Done | PlanStatus::Rejected | PlanStatus::BudgetRequest
    )
}

/// The form's words, looked up once rather than for each of thousands of rows.
struct Wording {
    meeting: HashMap<MeetingKind, String>,
    reception: String,
    appeal: String,
    status: HashMap<PlanStatus, String>,
    done: String,
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
            done: ctx.tr("forms.f5.status.done"),
            rejected_note: ctx.tr("forms.f5.status.rejected_note"),
            budget_note: ctx.tr("forms.f5.status.budget_request_note"),
            overdue: ctx.tr("forms.f5.overdue"),
        }
    }

    /// «встреча, 12.03.2025; приём, 14.03.2025»: each place once when repeated in a row.
    fn raised(&self, raised: &[RaisedAt]) -> String {
        let mut out = String::new();
        let mut last: Option<(&str, NaiveDate)> = None;
        for r in raised {
            let part = match r {
                RaisedAt::Meeting { kind, date } => (self.meeting[kind].as_str(), *date),
                RaisedAt::Appeal { channel, date } if *channel == Channel::Reception => {
                    (self.reception.as_str(), *date)
                }
                RaisedAt::Appeal { date, .. } => (self.appeal.as_str(), *date),
            };
            if last == Some(part) {
                continue;
            }
            if last.is_some() {
                out.push_str("; ");
            }
            out.push_str(part.0);
            out.push_str(", ");
            push_date(&mut out, part.1);
            last = Some(part);
        }
        out
    }

    fn status(&self, item: &Item) -> String {
        let note = item.status_note.trim();
        let s = match item.status {
            PlanStatus::Done => self
                .done
                .replace("{date}", &item.done_on.map(fmt_date).unwrap_or_default()),
            PlanStatus::Rejected if !note.is_empty() => self.rejected_note.replace("{note}", note),
            PlanStatus::BudgetRequest if !note.is_empty() => {
                self.budget_note.replace("{note}", note)
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

pub fn compute(ctx: &Ctx) -> Result<Form> {
    let items = items(ctx)?;
    let lang = ctx.lang();
    let period = match ctx.req.period.kind {
        PeriodKind::Year => String::new(),
        _ => ctx.req.period.title(lang),
    };
    let title = ctx.title("forms.f5.title", &period, &[]);
    let mut form = ctx.form(Orientation::Landscape, title);

    let cols: [(&str, ColumnRole, f32, Align); 11] = [
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

    let total = items.len() as i64;
    let done = items
        .iter()
        .filter(|i| i.status == PlanStatus::Done)
        .count() as i64;
    let in_progress = items
        .iter()
        .filter(|i| i.status == PlanStatus::InProgress)
        .count() as i64;
    let need: f64 = items.iter().map(|i| i.needed).sum();
    let allocated: f64 = items.iter().map(|i| i.allocated).sum();

    let words = Wording::new(ctx);
    let text = |s: String| {
        if s.trim().is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    };
    let mut rows = Vec::with_capacity(items.len() + 1);
    for (n, it) in items.into_iter().enumerate() {
        let raised = words.raised(&it.raised);
        let status = words.status(&it);
        let mark = if it.overdue {
            RowMark::Overdue
        } else {
            RowMark::Normal
        };
        let cells = vec![
            text(it.settlement),
            text(raised),
            text(it.measure),
            text(it.executor),
            it.deadline
                .map(|d| Cell::Text(fmt_date(d)))
                .unwrap_or(Cell::Empty),
            text(it.funding),
            money(it.needed),
            money(it.allocated),
            Cell::Text(status),
        ];
        rows.push(Row {
            key: format!("item{}", it.id),
            number: (n + 1).to_string(),
            label: it.problem,
            level: 0,
            italic: false,
            mark,
            cells,
        });
    }
    let pct = percent(done as f64, total as f64);
    let progress = trf(
        lang,
        "forms.f5.progress",
        &[("done", &done), ("total", &total), ("pct", &pct)],
    );
    let mut cells = vec![Cell::Empty; 6];
    cells.extend([money(need), money(allocated), Cell::Text(progress)]);
    rows.push(Row {
        mark: RowMark::Total,
        ..row("total", "", ctx.tr("forms.f5.total"), 0, cells)
    });
    form.postscript.push(trf(
        lang,
        "forms.f5.summary",
        &[
            ("total", &total),
            ("done", &done),
            ("in_progress", &in_progress),
            ("pct", &pct),
            ("need", &money(need).text()),
            ("allocated", &money(allocated).text()),
            ("share", &percent(allocated, need)),
        ],
    ));
    form.tables.push(Table {
        caption: String::new(),
        columns,
        header_rows: 1,
        header: head,
        rows,
        repeat_header: true,
    });
    Ok(form)
}

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
use crate::rules::validate::fmt_date;
use crate::store::plan::RaisedAt;
use chrono::{Datelike, NaiveDate};
use rusqlite::params;
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
    let scope = "(?3 IS NULL OR p.settlement_id = ?3)";
    let lang = ctx.lang();
    let mut st = ctx.conn.prepare_cached(&format!(
        "SELECT p.id, p.problem, coalesce(s.name_ru, ''), coalesce(s.name_kk, ''), p.measure,
                coalesce(e.name, ''), p.deadline, p.funding_source, p.money_needed, p.money_allocated,
                p.status, p.status_note, p.done_on
         FROM plan_item p LEFT JOIN settlement s ON s.id = p.settlement_id
              LEFT JOIN executor e ON e.id = p.executor_id
         WHERE {filter} AND {scope}
         ORDER BY s.name_ru IS NULL, s.name_ru, coalesce(p.deadline, '9999-12-31'), p.id"
    ))?;
    let mut v: Vec<Item> = st
        .query_map(params![from, to, ctx.sid()], |r| {
            let (ru, kk): (String, String) = (r.get(2)?, r.get(3)?);
            let mut status: PlanStatus = r.get(10)?;
            let mut done_on: Option<NaiveDate> = r.get(12)?;
            if as_of && done_on.is_some_and(|d| d > to) {
                status = PlanStatus::InProgress;
                done_on = None;
            }
            let deadline: Option<NaiveDate> = r.get(6)?;
            Ok(Item {
                id: r.get(0)?,
                problem: r.get(1)?,
                settlement: if lang == Lang::Kk && !kk.trim().is_empty() {
                    kk
                } else {
                    ru
                },
                raised: Vec::new(),
                measure: r.get(4)?,
                executor: r.get(5)?,
                deadline,
                funding: r.get(7)?,
                needed: r.get(8)?,
                allocated: r.get(9)?,
                status,
                status_note: r.get(11)?,
                done_on,
                overdue: can_be_overdue(status) && deadline.is_some_and(|d| d < reference_day),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;

    // Where each item's questions were raised: one query for all items (the same join as
    // store::plan::raised_at, which does it for one item).
    let mut st = ctx.conn.prepare_cached(&format!(
        "SELECT pq.plan_item_id, m.kind, coalesce(m.held_on, m.planned_on), a.channel, a.registered_on
         FROM plan_item p JOIN plan_item_question pq ON pq.plan_item_id = p.id
              JOIN question q ON q.id = pq.question_id
              LEFT JOIN meeting m ON m.id = q.meeting_id LEFT JOIN appeal a ON a.id = q.appeal_id
         WHERE {filter} AND {scope}
         ORDER BY 1, 3, 5"
    ))?;
    let mut raised: HashMap<i64, Vec<RaisedAt>> = HashMap::new();
    let mut rows = st.query(params![from, to, ctx.sid()])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let kind: Option<MeetingKind> = r.get(1)?;
        let at = match kind {
            Some(kind) => RaisedAt::Meeting {
                kind,
                date: r.get(2)?,
            },
            None => RaisedAt::Appeal {
                channel: r.get(3)?,
                date: r.get(4)?,
            },
        };
        raised.entry(id).or_default().push(at);
    }
    for item in &mut v {
        if let Some(r) = raised.remove(&item.id) {
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

fn raised_text(ctx: &Ctx, raised: &[RaisedAt]) -> String {
    let mut parts: Vec<String> = raised
        .iter()
        .map(|r| {
            let (what, date) = match r {
                RaisedAt::Meeting { kind, date } => {
                    (format!("forms.f5.raised.{}", kind.code()), *date)
                }
                RaisedAt::Appeal { channel, date } => (
                    if *channel == Channel::Reception {
                        "forms.f5.raised.reception".to_string()
                    } else {
                        "forms.f5.raised.appeal".to_string()
                    },
                    *date,
                ),
            };
            format!("{}, {}", ctx.tr(&what), fmt_date(date))
        })
        .collect();
    parts.dedup();
    parts.join("; ")
}

fn status_text(ctx: &Ctx, item: &Item) -> String {
    let lang = ctx.lang();
    let note = item.status_note.trim();
    let s = match item.status {
        PlanStatus::Done => trf(
            lang,
            "forms.f5.status.done",
            &[("date", &item.done_on.map(fmt_date).unwrap_or_default())],
        ),
        PlanStatus::Rejected | PlanStatus::BudgetRequest if !note.is_empty() => trf(
            lang,
            &format!("forms.f5.status.{}_note", item.status.code()),
            &[("note", &note)],
        ),
        other => ctx.tr(&format!("forms.f5.status.{}", other.code())),
    };
    if item.overdue {
        format!("{s}; {}", ctx.tr("forms.f5.overdue"))
    } else {
        s
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

    let mut rows = Vec::with_capacity(items.len() + 1);
    for (n, it) in items.iter().enumerate() {
        let text = |s: &str| {
            if s.trim().is_empty() {
                Cell::Empty
            } else {
                Cell::Text(s.to_string())
            }
        };
        let cells = vec![
            text(&it.settlement),
            text(&raised_text(ctx, &it.raised)),
            text(&it.measure),
            text(&it.executor),
            it.deadline
                .map(|d| Cell::Text(fmt_date(d)))
                .unwrap_or(Cell::Empty),
            text(&it.funding),
            money(it.needed),
            money(it.allocated),
            Cell::Text(status_text(ctx, it)),
        ];
        rows.push(Row {
            mark: if it.overdue {
                RowMark::Overdue
            } else {
                RowMark::Normal
            },
            ..row(
                &format!("item{}", it.id),
                &format!("{}", n + 1),
                it.problem.clone(),
                0,
                cells,
            )
        });
    }
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

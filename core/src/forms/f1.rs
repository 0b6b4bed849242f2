//! F1 — СВЕДЕНИЯ по личному приёму граждан: personal-reception appeals registered in the
//! period, by F1 category (topic.f1) and by outcome. Columns 3–18 partition column 2.

use super::{Ctx, column, header, row};
use crate::error::Result;
use crate::forms::model::*;
use rusqlite::params;

const CATEGORIES: usize = 16;
const OUTCOMES: [&str; 3] = ["satisfied", "explained", "rejected"];

/// Counts of one organisation's row: total, 16 categories, 3 outcomes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counts {
    pub total: i64,
    pub categories: [i64; CATEGORIES],
    pub outcomes: [i64; 3],
}

super::sum::accumulate_fields!(Counts {
    total,
    categories,
    outcomes
});

/// One row of the form: an organisation (or the district's total) and its counts.
pub struct Line<'a> {
    pub key: String,
    pub label: String,
    pub counts: &'a Counts,
    pub total: bool,
}

/// One count per topic, each a range of the partial index `appeal_reception_topic` (topic,
/// day, outcome): no sort and, for the whole okrug, no table read.
pub fn counts(ctx: &Ctx) -> Result<Counts> {
    let index = if ctx.sid().is_some() {
        ""
    } else {
        "INDEXED BY appeal_reception_topic"
    };
    let mut st = ctx.conn.prepare_cached(&format!(
        "SELECT count(*), coalesce(sum(outcome = 'satisfied'), 0), coalesce(sum(outcome = 'explained'), 0),
                coalesce(sum(outcome = 'rejected'), 0)
         FROM appeal {index}
         WHERE channel = 'reception' AND topic_id = ?4 AND registered_on BETWEEN ?1 AND ?2 {}",
        ctx.scope_term("settlement_id")
    ))?;
    let mut c = Counts::default();
    for topic in ctx.topic_ids() {
        let (n, o): (i64, [i64; 3]) = st
            .query_row(params![ctx.from(), ctx.to(), ctx.sid(), topic], |r| {
                Ok((r.get(0)?, [r.get(1)?, r.get(2)?, r.get(3)?]))
            })?;
        let cat = ctx
            .topics
            .get(&topic)
            .map(|t| t.f1)
            .unwrap_or(16)
            .clamp(1, 16);
        c.total += n;
        c.categories[cat as usize - 1] += n;
        for (sum, n) in c.outcomes.iter_mut().zip(o) {
            *sum += n;
        }
    }
    Ok(c)
}

pub fn compute(ctx: &Ctx) -> Result<Form> {
    let c = counts(ctx)?;
    let line = Line {
        key: "okrug".to_string(),
        label: ctx.org_name(),
        counts: &c,
        total: false,
    };
    Ok(build(ctx, &[line]))
}

/// The form with one row per line: the okrug's own, or a district's okrugs and their total.
pub fn build(ctx: &Ctx, lines: &[Line]) -> Form {
    let title = ctx.title("forms.f1.title", &ctx.req.period.title(ctx.lang()), &[]);
    let mut form = ctx.form(Orientation::Landscape, title);

    let mut columns = vec![
        column("org", ColumnRole::Label, 36.0, Align::Left),
        column("total", ColumnRole::Value, 11.0, Align::Center),
    ];
    for i in 1..=CATEGORIES {
        columns.push(column(
            &format!("cat{i}"),
            ColumnRole::Value,
            10.5,
            Align::Center,
        ));
    }
    for o in OUTCOMES {
        columns.push(column(o, ColumnRole::Value, 10.5, Align::Center));
    }

    let mut head = vec![
        header(ctx.tr("forms.f1.h.org"), 0, 0, 2, 1),
        HeaderCell {
            rotate: true,
            ..header(ctx.tr("forms.f1.h.total"), 0, 1, 2, 1)
        },
        header(ctx.tr("forms.f1.h.categories"), 0, 2, 1, CATEGORIES),
        header(ctx.tr("forms.f1.h.of_them"), 0, 2 + CATEGORIES, 1, 3),
    ];
    for i in 1..=CATEGORIES {
        head.push(HeaderCell {
            rotate: true,
            ..header(ctx.tr(&format!("forms.f1.cat.{i}")), 1, 1 + i, 1, 1)
        });
    }
    for (i, o) in OUTCOMES.iter().enumerate() {
        head.push(HeaderCell {
            rotate: true,
            ..header(
                ctx.tr(&format!("forms.f1.h.{o}")),
                1,
                2 + CATEGORIES + i,
                1,
                1,
            )
        });
    }

    let rows = lines
        .iter()
        .map(|l| {
            let c = l.counts;
            let mut cells = vec![Cell::Int(c.total)];
            cells.extend(c.categories.iter().map(|&n| Cell::Int(n)));
            cells.extend(c.outcomes.iter().map(|&n| Cell::Int(n)));
            let mark = if l.total {
                RowMark::Total
            } else {
                RowMark::Normal
            };
            Row {
                mark,
                ..row(&l.key, "", l.label.clone(), 0, cells)
            }
        })
        .collect();
    form.tables.push(Table {
        caption: String::new(),
        sheet: String::new(),
        columns,
        header_rows: 2,
        header: head,
        rows,
        repeat_header: true,
    });
    form
}

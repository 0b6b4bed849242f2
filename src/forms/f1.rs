//! F1 — СВЕДЕНИЯ по личному приёму граждан: personal-reception appeals registered in the
//! period, by F1 category (topic.f1) and by outcome. Columns 3–18 partition column 2.

use super::{Ctx, column, header, row};
use crate::error::Result;
use crate::forms::model::*;
use rusqlite::params;

pub const CATEGORIES: usize = 16;
const OUTCOMES: [&str; 3] = ["satisfied", "explained", "rejected"];

/// Counts of one organisation's row: total, 16 categories, 3 outcomes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counts {
    pub total: i64,
    pub categories: [i64; CATEGORIES],
    pub outcomes: [i64; 3],
}

pub fn counts(ctx: &Ctx) -> Result<Counts> {
    let mut st = ctx.conn.prepare_cached(
        "SELECT topic_id, count(*), sum(outcome = 'satisfied'), sum(outcome = 'explained'),
                sum(outcome = 'rejected')
         FROM appeal
         WHERE channel = 'reception' AND registered_on BETWEEN ?1 AND ?2
           AND (?3 IS NULL OR settlement_id = ?3)
         GROUP BY topic_id",
    )?;
    let mut rows = st.query(params![ctx.from(), ctx.to(), ctx.sid()])?;
    let mut c = Counts::default();
    while let Some(r) = rows.next()? {
        let topic: i64 = r.get(0)?;
        let n: i64 = r.get(1)?;
        let cat = ctx
            .topics
            .get(&topic)
            .map(|t| t.f1)
            .unwrap_or(16)
            .clamp(1, 16);
        c.total += n;
        c.categories[cat as usize - 1] += n;
        for i in 0..3 {
            c.outcomes[i] += r.get::<_, Option<i64>>(2 + i)?.unwrap_or(0);
        }
    }
    Ok(c)
}

pub fn compute(ctx: &Ctx) -> Result<Form> {
    let c = counts(ctx)?;
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

    let mut cells = vec![Cell::Int(c.total)];
    cells.extend(c.categories.iter().map(|&n| Cell::Int(n)));
    cells.extend(c.outcomes.iter().map(|&n| Cell::Int(n)));
    form.tables.push(Table {
        caption: String::new(),
        columns,
        header_rows: 2,
        header: head,
        rows: vec![row("okrug", "", ctx.org_name(), 0, cells)],
        repeat_header: true,
    });
    Ok(form)
}

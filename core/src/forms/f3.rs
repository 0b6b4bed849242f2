//! F3 — Сведения об отчетных встречах с населением акима: report meetings from 1 January to
//! the report date. Zero prints «нет»; proposals print `N (R)` with R the repeated ones.
//!
//! Partitions: line 5 = its three addressees (с/о = level 6; район (город) = levels 2–5;
//! область = level 1); line 6 = its twelve items (topic.f3); line 7 = central + local media.
//! Line 8 has no total (one meeting may have several kinds of guests).

use super::{Ctx, column, row};
use crate::error::Result;
use crate::forms::model::*;
use crate::i18n::trf;
use chrono::{Datelike, NaiveDate};
use rusqlite::params;
use std::collections::HashMap;

/// The F3 proposal items in print order: (topic.f3 code, i18n key suffix).
const ITEMS: [(&str, &str); 12] = [
    ("eco", "eco"),
    ("pol", "pol"),
    ("soc", "soc"),
    ("gov", "gov"),
    ("а", "a"),
    ("б", "b"),
    ("в", "v"),
    ("г", "g"),
    ("д", "d"),
    ("е", "e"),
    ("ж", "zh"),
    ("з", "z"),
];

/// The numbers behind the form.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    pub planned: i64,
    pub held: i64,
    pub held_online: i64,
    pub participants: i64,
    pub speakers: i64,
    /// Remarks to: с/о, район (город), область.
    pub remarks: [i64; 3],
    /// (count, repeated) per item of `ITEMS`.
    pub proposals: [(i64, i64); 12],
    pub media_central: i64,
    pub media_local: i64,
    pub present: [i64; 3],
}

super::sum::accumulate_fields!(Figures {
    planned,
    held,
    held_online,
    participants,
    speakers,
    remarks,
    proposals,
    media_central,
    media_local,
    present
});

pub fn figures(ctx: &Ctx) -> Result<Figures> {
    let to = ctx.to();
    let start = NaiveDate::from_ymd_opt(to.year(), 1, 1).expect("valid");
    let year_end = NaiveDate::from_ymd_opt(to.year(), 12, 31).expect("valid");
    let sid = ctx.sid();
    let mut f = Figures {
        planned: ctx.conn.prepare_cached(
            "SELECT count(*) FROM meeting
             WHERE kind = 'report' AND planned_on BETWEEN ?1 AND ?2 AND (?3 IS NULL OR settlement_id = ?3)",
        )?
        .query_row(params![start, year_end, sid], |r| r.get(0))?,
        ..Figures::default()
    };

    ctx.conn
        .prepare_cached(
            "SELECT count(*),
                    coalesce(sum(participants_offline), 0)
                      + coalesce(sum((SELECT sum(b.viewers) FROM meeting_broadcast b WHERE b.meeting_id = m.id)), 0),
                    coalesce(sum(speakers), 0), coalesce(sum(media_central), 0), coalesce(sum(media_local), 0),
                    coalesce(sum(present_government), 0), coalesce(sum(present_parliament), 0),
                    coalesce(sum(present_state_bodies), 0),
                    coalesce(sum(EXISTS (SELECT 1 FROM meeting_broadcast b WHERE b.meeting_id = m.id)), 0)
             FROM meeting m
             WHERE kind = 'report' AND held_on BETWEEN ?1 AND ?2 AND (?3 IS NULL OR settlement_id = ?3)",
        )?
        .query_row(params![start, to, sid], |r| {
            f.held = r.get(0)?;
            f.participants = r.get(1)?;
            f.speakers = r.get(2)?;
            f.media_central = r.get(3)?;
            f.media_local = r.get(4)?;
            f.present = [r.get(5)?, r.get(6)?, r.get(7)?];
            f.held_online = r.get(8)?;
            Ok(())
        })?;

    let mut st = ctx.conn.prepare_cached(
        "SELECT r.addressee_level, sum(r.count)
         FROM meeting m JOIN meeting_remark r ON r.meeting_id = m.id
         WHERE m.kind = 'report' AND m.held_on BETWEEN ?1 AND ?2 AND (?3 IS NULL OR m.settlement_id = ?3)
         GROUP BY 1",
    )?;
    let mut rows = st.query(params![start, to, sid])?;
    while let Some(r) = rows.next()? {
        let level: i64 = r.get(0)?;
        let n: i64 = r.get(1)?;
        let i = match level {
            6 => 0,
            1 => 2,
            _ => 1,
        };
        f.remarks[i] += n;
    }

    let index: HashMap<&str, usize> = ITEMS
        .iter()
        .enumerate()
        .map(|(i, (c, _))| (*c, i))
        .collect();
    let mut st = ctx.conn.prepare_cached(
        "SELECT qu.topic_id, count(*), sum(qu.repeated)
         FROM meeting m JOIN question qu ON qu.meeting_id = m.id
         WHERE m.kind = 'report' AND m.held_on BETWEEN ?1 AND ?2 AND (?3 IS NULL OR m.settlement_id = ?3)
         GROUP BY 1",
    )?;
    let mut rows = st.query(params![start, to, sid])?;
    while let Some(r) = rows.next()? {
        let topic: i64 = r.get(0)?;
        let item = ctx
            .topics
            .get(&topic)
            .and_then(|t| index.get(t.f3.as_str()).copied())
            .unwrap_or(ITEMS.len() - 1);
        f.proposals[item].0 += r.get::<_, i64>(1)?;
        f.proposals[item].1 += r.get::<_, i64>(2)?;
    }
    Ok(f)
}

pub fn compute(ctx: &Ctx) -> Result<Form> {
    build(ctx, &figures(ctx)?)
}

/// The form of `f` (one okrug's figures, or a district's sum of them) for `ctx`'s request.
pub fn build(ctx: &Ctx, f: &Figures) -> Result<Form> {
    let period = ctx.req.period.title(ctx.lang());
    let title = ctx.title("forms.f3.title", &period, &[]);
    let mut form = ctx.form(Orientation::Portrait, title);
    let rows = rows(ctx, f);
    form.tables.push(Table {
        caption: String::new(),
        sheet: String::new(),
        columns: vec![
            column("number", ColumnRole::Number, 10.0, Align::Center),
            column("label", ColumnRole::Label, 120.0, Align::Left),
            column("value", ColumnRole::Value, 40.0, Align::Center),
        ],
        header_rows: 0,
        header: Vec::new(),
        rows,
        repeat_header: false,
    });
    Ok(form)
}

/// The form's lines, each a count or «нет», with the rows that break them down.
fn rows(ctx: &Ctx, f: &Figures) -> Vec<Row> {
    let none = ctx.tr("forms.f3.none");
    let count = |n: i64| Cell::Text(if n == 0 { none.clone() } else { n.to_string() });
    let with_repeated = |(n, r): (i64, i64)| {
        Cell::Text(match (n, r) {
            (0, _) => none.clone(),
            (n, 0) => n.to_string(),
            (n, r) => format!("{n} ({r})"),
        })
    };
    let held = Cell::Text(match (f.held, f.held_online) {
        (0, _) => none.clone(),
        (n, 0) => n.to_string(),
        (n, m) => trf(ctx.lang(), "forms.f3.held_online", &[("n", &n), ("m", &m)]),
    });

    let mut rows = Vec::new();
    let line = |rows: &mut Vec<Row>, n: usize, cell: Cell| {
        rows.push(row(
            &format!("line{n}"),
            &format!("{n}."),
            ctx.tr(&format!("forms.f3.line.{n}")),
            0,
            vec![cell],
        ));
    };
    let child = |rows: &mut Vec<Row>, key: &str, label_key: &str, cell: Cell| {
        rows.push(row(key, "", ctx.tr(label_key), 1, vec![cell]));
    };
    line(&mut rows, 1, count(f.planned));
    line(&mut rows, 2, held);
    line(&mut rows, 3, count(f.participants));
    line(&mut rows, 4, count(f.speakers));
    line(&mut rows, 5, count(f.remarks.iter().sum()));
    for (i, k) in ["okrug", "district", "region"].iter().enumerate() {
        child(
            &mut rows,
            &format!("line5.{k}"),
            &format!("forms.f3.remark.{k}"),
            count(f.remarks[i]),
        );
    }
    let total = f
        .proposals
        .iter()
        .fold((0, 0), |(n, r), (a, b)| (n + a, r + b));
    line(&mut rows, 6, with_repeated(total));
    for (i, (_, k)) in ITEMS.iter().enumerate() {
        child(
            &mut rows,
            &format!("line6.{k}"),
            &format!("forms.f3.prop.{k}"),
            with_repeated(f.proposals[i]),
        );
    }
    line(&mut rows, 7, count(f.media_central + f.media_local));
    child(
        &mut rows,
        "line7.central",
        "forms.f3.media.central",
        count(f.media_central),
    );
    child(
        &mut rows,
        "line7.local",
        "forms.f3.media.local",
        count(f.media_local),
    );
    line(&mut rows, 8, Cell::Empty);
    for (i, k) in ["government", "parliament", "state_bodies"]
        .iter()
        .enumerate()
    {
        child(
            &mut rows,
            &format!("line8.{k}"),
            &format!("forms.f3.present.{k}"),
            count(f.present[i]),
        );
    }
    rows
}

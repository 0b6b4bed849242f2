//! F2 — СВЕДЕНИЯ о проведении встреч акимов всех уровней (Decree №826 meetings).
//!
//! Cumulative columns: the column of quarter Q holds the total from 1 January of the report
//! year to the end of Q (or to the period's end, in its own quarter); quarters after the
//! report's quarter print 0. Each query groups by quarter once; the running sums are taken here.
//!
//! Partitions: lines 1, 2, 6, 7, 8 = their six levels; line 3 = its channels; line 4 = офлайн +
//! online, online = its channels; line 5 = its 12 topics; line 9 = its three outlet kinds.
//! Line 10 has no total (one meeting may have several kinds of guests).

use super::{Ctx, column, header, row};
use crate::error::Result;
use crate::forms::model::*;
use crate::forms::period::{PeriodKind, month_end};
use crate::i18n::trf;
use crate::model::BroadcastChannel;
use chrono::{Datelike, NaiveDate};
use rusqlite::ToSql;
use std::collections::HashMap;

/// Per-quarter values of one row (cumulated after loading).
type Quarters = [i64; 4];

/// SQL for the quarter (1..4) of an ISO date column.
fn q(col: &str) -> String {
    format!("((CAST(substr({col}, 6, 2) AS INTEGER) + 2) / 3)")
}

/// The report's span: 1 January of the year of the period's end, to that end.
pub struct Span {
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// The report's quarter (1..4): later columns print 0.
    pub quarter: usize,
}

impl Span {
    pub fn of(ctx: &Ctx) -> Span {
        let end = ctx.to();
        Span {
            start: NaiveDate::from_ymd_opt(end.year(), 1, 1).expect("valid"),
            end,
            quarter: end.month0() as usize / 3 + 1,
        }
    }
}

/// Runs a query returning (quarter, key, value…) rows; adds `value[i]` into `out[i][key][q]`.
fn load<K: std::hash::Hash + Eq + Clone + rusqlite::types::FromSql>(
    ctx: &Ctx,
    sql: &str,
    span: &Span,
    out: &mut [&mut HashMap<K, Quarters>],
) -> Result<()> {
    let mut st = ctx.conn.prepare_cached(sql)?;
    let args: [&dyn ToSql; 3] = [&span.start, &span.end, &ctx.sid()];
    let mut rows = st.query(&args[..])?;
    while let Some(r) = rows.next()? {
        let quarter: i64 = r.get(0)?;
        let key: K = r.get(1)?;
        let qi = (quarter.clamp(1, 4) - 1) as usize;
        for (i, m) in out.iter_mut().enumerate() {
            let v: Option<i64> = r.get(2 + i)?;
            m.entry(key.clone()).or_insert([0; 4])[qi] += v.unwrap_or(0);
        }
    }
    Ok(())
}

/// Running totals up to the report's quarter; zeros after it.
fn cumulate(v: Quarters, span: &Span) -> Quarters {
    let mut out = [0; 4];
    let mut acc = 0;
    for i in 0..4 {
        acc += v[i];
        out[i] = if i < span.quarter { acc } else { 0 };
    }
    out
}

fn cells(v: Quarters) -> Vec<Cell> {
    v.iter().map(|&n| Cell::Int(n)).collect()
}

fn sum(rows: &[Quarters]) -> Quarters {
    let mut out = [0; 4];
    for r in rows {
        for i in 0..4 {
            out[i] += r[i];
        }
    }
    out
}

/// All figures of the form, cumulated, before they are put into rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    pub planned: [Quarters; 6],
    pub held: [Quarters; 6],
    pub broadcasts: [Quarters; 4],
    pub offline: Quarters,
    pub viewers: [Quarters; 4],
    pub topics: [Quarters; 12],
    pub online_appeals: [Quarters; 6],
    pub receptions: [Quarters; 6],
    pub reception_persons: Quarters,
    pub remarks: [Quarters; 6],
    pub media: [Quarters; 3],
    pub present: [Quarters; 3],
}

super::sum::accumulate_fields!(Figures {
    planned,
    held,
    broadcasts,
    offline,
    viewers,
    topics,
    online_appeals,
    receptions,
    reception_persons,
    remarks,
    media,
    present,
});

pub fn figures(ctx: &Ctx, span: &Span) -> Result<Figures> {
    let get =
        |m: &HashMap<i64, Quarters>, k: i64| cumulate(m.get(&k).copied().unwrap_or([0; 4]), span);
    let mut f = Figures::default();

    let mut planned = HashMap::new();
    load(
        ctx,
        &format!(
            "SELECT {}, akim_level, count(*) FROM meeting
             WHERE kind = 'akim826' AND planned_on BETWEEN ?1 AND ?2 AND (?3 IS NULL OR settlement_id = ?3)
             GROUP BY 1, 2",
            q("planned_on")
        ),
        span,
        &mut [&mut planned],
    )?;

    let (mut held, mut offline, mut central, mut local, mut social) = (
        HashMap::new(),
        HashMap::new(),
        HashMap::new(),
        HashMap::new(),
        HashMap::new(),
    );
    let (mut gov, mut parl, mut bodies) = (HashMap::new(), HashMap::new(), HashMap::new());
    load(
        ctx,
        &format!(
            "SELECT {}, akim_level, count(*), sum(participants_offline), sum(media_central),
                    sum(media_local), sum(media_social), sum(present_government),
                    sum(present_parliament), sum(present_state_bodies)
             FROM meeting
             WHERE kind = 'akim826' AND held_on BETWEEN ?1 AND ?2 AND (?3 IS NULL OR settlement_id = ?3)
             GROUP BY 1, 2",
            q("held_on")
        ),
        span,
        &mut [
            &mut held, &mut offline, &mut central, &mut local, &mut social, &mut gov, &mut parl,
            &mut bodies,
        ],
    )?;

    let (mut bc, mut viewers): (HashMap<String, Quarters>, HashMap<String, Quarters>) =
        (HashMap::new(), HashMap::new());
    load(
        ctx,
        &format!(
            "SELECT {}, b.channel, count(*), sum(b.viewers)
             FROM meeting m JOIN meeting_broadcast b ON b.meeting_id = m.id
             WHERE m.kind = 'akim826' AND m.held_on BETWEEN ?1 AND ?2
               AND (?3 IS NULL OR m.settlement_id = ?3)
             GROUP BY 1, 2",
            q("m.held_on")
        ),
        span,
        &mut [&mut bc, &mut viewers],
    )?;

    let mut by_topic = HashMap::new();
    load(
        ctx,
        &format!(
            "SELECT {}, qu.topic_id, count(*)
             FROM meeting m JOIN question qu ON qu.meeting_id = m.id
             WHERE m.kind = 'akim826' AND m.held_on BETWEEN ?1 AND ?2
               AND (?3 IS NULL OR m.settlement_id = ?3)
             GROUP BY 1, 2",
            q("m.held_on")
        ),
        span,
        &mut [&mut by_topic],
    )?;

    // Appeals through social networks, blogs, e-mail, messengers: all addressed to the okrug's
    // own akim, so they fall on level 6. One index range count per quarter (no sort).
    let mut online: HashMap<i64, Quarters> = HashMap::new();
    {
        let mut st = ctx.conn.prepare_cached(&format!(
            "SELECT count(*) FROM appeal
             WHERE channel = 'online' AND registered_on BETWEEN ?1 AND ?2 {}",
            ctx.scope_term("settlement_id")
        ))?;
        let per_quarter = online.entry(6).or_insert([0; 4]);
        for (qi, n) in per_quarter.iter_mut().enumerate().take(span.quarter) {
            let from =
                NaiveDate::from_ymd_opt(span.start.year(), 3 * qi as u32 + 1, 1).expect("valid");
            let to = quarter_end(span.start.year(), qi as u32 + 1).min(span.end);
            *n = st.query_row(rusqlite::params![from, to, ctx.sid()], |r| r.get(0))?;
        }
    }

    let mut receptions = HashMap::new();
    load(
        ctx,
        &format!(
            "SELECT {}, akim_level, count(*) FROM reception
             WHERE held_on BETWEEN ?1 AND ?2 AND (?3 IS NULL OR settlement_id = ?3)
             GROUP BY 1, 2",
            q("held_on")
        ),
        span,
        &mut [&mut receptions],
    )?;
    let mut persons = HashMap::new();
    load(
        ctx,
        &format!(
            "SELECT {}, 0, sum((SELECT sum(a.persons) FROM appeal a INDEXED BY appeal_reception_persons
                               WHERE a.reception_id = r.id))
             FROM reception r
             WHERE r.held_on BETWEEN ?1 AND ?2 AND (?3 IS NULL OR r.settlement_id = ?3)
             GROUP BY 1",
            q("r.held_on")
        ),
        span,
        &mut [&mut persons],
    )?;

    let mut remarks = HashMap::new();
    load(
        ctx,
        &format!(
            "SELECT {}, r.addressee_level, sum(r.count)
             FROM meeting m JOIN meeting_remark r ON r.meeting_id = m.id
             WHERE m.kind = 'akim826' AND m.held_on BETWEEN ?1 AND ?2
               AND (?3 IS NULL OR m.settlement_id = ?3)
             GROUP BY 1, 2",
            q("m.held_on")
        ),
        span,
        &mut [&mut remarks],
    )?;

    let over_levels = |m: &HashMap<i64, Quarters>| sum(&m.values().copied().collect::<Vec<_>>());
    for l in 0..6 {
        let level = l as i64 + 1;
        f.planned[l] = get(&planned, level);
        f.held[l] = get(&held, level);
        f.online_appeals[l] = get(&online, level);
        f.receptions[l] = get(&receptions, level);
        f.remarks[l] = get(&remarks, level);
    }
    f.offline = cumulate(over_levels(&offline), span);
    f.media = [
        cumulate(over_levels(&central), span),
        cumulate(over_levels(&local), span),
        cumulate(over_levels(&social), span),
    ];
    f.present = [
        cumulate(over_levels(&gov), span),
        cumulate(over_levels(&parl), span),
        cumulate(over_levels(&bodies), span),
    ];
    f.reception_persons = get(&persons, 0);
    for (i, ch) in BroadcastChannel::ALL.iter().enumerate() {
        let k = ch.code().to_string();
        f.broadcasts[i] = cumulate(bc.get(&k).copied().unwrap_or([0; 4]), span);
        f.viewers[i] = cumulate(viewers.get(&k).copied().unwrap_or([0; 4]), span);
    }
    let mut topics = [[0i64; 4]; 12];
    for (topic, v) in &by_topic {
        let t = ctx
            .topics
            .get(topic)
            .map(|t| t.f2)
            .unwrap_or(12)
            .clamp(1, 12);
        for i in 0..4 {
            topics[t as usize - 1][i] += v[i];
        }
    }
    for (i, t) in topics.iter().enumerate() {
        f.topics[i] = cumulate(*t, span);
    }
    Ok(f)
}

pub fn compute(ctx: &Ctx) -> Result<Form> {
    let span = Span::of(ctx);
    let f = figures(ctx, &span)?;
    build(ctx, &f)
}

/// The form of `f` (one okrug's figures, or a district's sum of them) for `ctx`'s request.
pub fn build(ctx: &Ctx, f: &Figures) -> Result<Form> {
    let lang = ctx.lang();
    let period = match ctx.req.period.kind {
        PeriodKind::Quarter(n) => trf(
            lang,
            "forms.f2.period.quarter",
            &[("n", &n), ("year", &ctx.req.period.year_of())],
        ),
        _ => ctx.req.period.title(lang),
    };
    let title = ctx.title("forms.f2.title", &period, &[]);
    let mut form = ctx.form(Orientation::Portrait, title);

    let mut columns = vec![
        column("number", ColumnRole::Number, 8.0, Align::Center),
        column("activity", ColumnRole::Label, 100.0, Align::Left),
    ];
    let mut head = vec![
        header(ctx.tr("forms.number"), 0, 0, 1, 1),
        header(ctx.tr("forms.f2.h.activity"), 0, 1, 1, 1),
    ];
    for n in 1..=4 {
        columns.push(column(
            &format!("q{n}"),
            ColumnRole::Value,
            16.0,
            Align::Center,
        ));
        head.push(header(
            trf(lang, "forms.f2.h.quarter", &[("n", &n)]),
            0,
            1 + n,
            1,
            1,
        ));
    }

    let mut rows = Vec::new();
    let line = |rows: &mut Vec<Row>, n: usize, v: Option<Quarters>| {
        let c = v.map(cells).unwrap_or_else(|| vec![Cell::Empty; 4]);
        rows.push(row(
            &format!("line{n}"),
            &format!("{n}."),
            ctx.tr(&format!("forms.f2.line.{n}")),
            0,
            c,
        ));
    };
    let child =
        |rows: &mut Vec<Row>, key: String, label: String, level: u8, italic: bool, v: Quarters| {
            rows.push(Row {
                italic,
                ..row(&key, "", label, level, cells(v))
            });
        };
    let levels = |rows: &mut Vec<Row>, n: usize, form_key: &str, v: &[Quarters; 6]| {
        line(rows, n, Some(sum(v)));
        for (l, q) in v.iter().enumerate() {
            let label = ctx.tr(&format!("forms.f2.{form_key}.{}", l + 1));
            child(rows, format!("line{n}.level{}", l + 1), label, 1, true, *q);
        }
    };
    let channel_keys: Vec<&str> = BroadcastChannel::ALL.iter().map(|c| c.code()).collect();

    levels(&mut rows, 1, "level_nom", &f.planned);
    levels(&mut rows, 2, "level_nom", &f.held);
    line(&mut rows, 3, Some(sum(&f.broadcasts)));
    for (i, ch) in channel_keys.iter().enumerate() {
        let label = ctx.tr(&format!("forms.f2.channel.{ch}"));
        child(
            &mut rows,
            format!("line3.{ch}"),
            label,
            1,
            true,
            f.broadcasts[i],
        );
    }
    let online = sum(&f.viewers);
    line(&mut rows, 4, Some(sum(&[f.offline, online])));
    child(
        &mut rows,
        "line4.offline".into(),
        ctx.tr("forms.f2.offline"),
        1,
        true,
        f.offline,
    );
    child(
        &mut rows,
        "line4.online".into(),
        ctx.tr("forms.f2.online"),
        1,
        true,
        online,
    );
    for (i, ch) in channel_keys.iter().enumerate() {
        let label = ctx.tr(&format!("forms.f2.channel.{ch}"));
        child(
            &mut rows,
            format!("line4.online.{ch}"),
            label,
            2,
            true,
            f.viewers[i],
        );
    }
    line(&mut rows, 5, Some(sum(&f.topics)));
    for (i, t) in f.topics.iter().enumerate() {
        let label = ctx.tr(&format!("forms.f2.topic.{}", i + 1));
        child(
            &mut rows,
            format!("line5.topic{}", i + 1),
            label,
            1,
            false,
            *t,
        );
    }
    levels(&mut rows, 6, "level_gen", &f.online_appeals);
    levels(&mut rows, 7, "level_ins", &f.receptions);
    rows.push(row(
        "line7.persons",
        "",
        ctx.tr("forms.f2.line.7x"),
        0,
        cells(f.reception_persons),
    ));
    levels(&mut rows, 8, "level_gen", &f.remarks);
    line(&mut rows, 9, Some(sum(&f.media)));
    for (i, k) in ["central", "local", "social"].iter().enumerate() {
        let label = ctx.tr(&format!("forms.f2.media.{k}"));
        child(&mut rows, format!("line9.{k}"), label, 1, false, f.media[i]);
    }
    line(&mut rows, 10, None);
    for (i, k) in ["government", "parliament", "state_bodies"]
        .iter()
        .enumerate()
    {
        let label = ctx.tr(&format!("forms.f2.present.{k}"));
        child(
            &mut rows,
            format!("line10.{k}"),
            label,
            1,
            false,
            f.present[i],
        );
    }

    form.tables.push(Table {
        caption: String::new(),
        sheet: String::new(),
        columns,
        header_rows: 1,
        header: head,
        rows,
        repeat_header: true,
    });
    Ok(form)
}

/// The last day of quarter `q` of `year` (used by tests and the app's quarter picker).
fn quarter_end(year: i32, q: u32) -> NaiveDate {
    month_end(year, q.clamp(1, 4) * 3)
}

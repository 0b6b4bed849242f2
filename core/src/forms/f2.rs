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
    let mut f = Figures::default();
    planned(ctx, span, &mut f)?;
    held(ctx, span, &mut f)?;
    broadcasts(ctx, span, &mut f)?;
    topics(ctx, span, &mut f)?;
    online_appeals(ctx, span, &mut f)?;
    receptions(ctx, span, &mut f)?;
    remarks(ctx, span, &mut f)?;
    Ok(f)
}

/// The six levels' cumulated values of a map keyed by akim level (1..6).
fn per_level(m: &HashMap<i64, Quarters>, span: &Span) -> [Quarters; 6] {
    std::array::from_fn(|l| cumulate(m.get(&(l as i64 + 1)).copied().unwrap_or([0; 4]), span))
}

/// The cumulated sum over every level of a map keyed by akim level.
fn over_levels(m: &HashMap<i64, Quarters>, span: &Span) -> Quarters {
    cumulate(sum(&m.values().copied().collect::<Vec<_>>()), span)
}

/// Line 1: meetings planned, by level.
fn planned(ctx: &Ctx, span: &Span, f: &mut Figures) -> Result<()> {
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
    f.planned = per_level(&planned, span);
    Ok(())
}

/// Lines 2, 4 (offline), 9 and 10: meetings held by level, their offline participants, the
/// media that covered them and the guests present.
fn held(ctx: &Ctx, span: &Span, f: &mut Figures) -> Result<()> {
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
    f.held = per_level(&held, span);
    f.offline = over_levels(&offline, span);
    f.media = [
        over_levels(&central, span),
        over_levels(&local, span),
        over_levels(&social, span),
    ];
    f.present = [
        over_levels(&gov, span),
        over_levels(&parl, span),
        over_levels(&bodies, span),
    ];
    Ok(())
}

/// Lines 3 and 4 (online): broadcasts and their viewers by channel.
fn broadcasts(ctx: &Ctx, span: &Span, f: &mut Figures) -> Result<()> {
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
    for (i, ch) in BroadcastChannel::ALL.iter().enumerate() {
        let k = ch.code().to_string();
        f.broadcasts[i] = cumulate(bc.get(&k).copied().unwrap_or([0; 4]), span);
        f.viewers[i] = cumulate(viewers.get(&k).copied().unwrap_or([0; 4]), span);
    }
    Ok(())
}

/// Line 5: the questions raised, by the F2 topic their topic maps to (unmapped: the last).
fn topics(ctx: &Ctx, span: &Span, f: &mut Figures) -> Result<()> {
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
    Ok(())
}

/// Line 6: appeals through social networks, blogs, e-mail, messengers: all addressed to the
/// okrug's own akim, so they fall on level 6. One index range count per quarter (no sort).
fn online_appeals(ctx: &Ctx, span: &Span, f: &mut Figures) -> Result<()> {
    let mut online: HashMap<i64, Quarters> = HashMap::new();
    let mut st = ctx.conn.prepare_cached(&format!(
        "SELECT count(*) FROM appeal
         WHERE channel = 'online' AND registered_on BETWEEN ?1 AND ?2 {}",
        ctx.scope_term("settlement_id")
    ))?;
    let per_quarter = online.entry(6).or_insert([0; 4]);
    for (qi, n) in per_quarter.iter_mut().enumerate().take(span.quarter) {
        let from = NaiveDate::from_ymd_opt(span.start.year(), 3 * qi as u32 + 1, 1).expect("valid");
        let to = quarter_end(span.start.year(), qi as u32 + 1).min(span.end);
        *n = st.query_row(rusqlite::params![from, to, ctx.sid()], |r| r.get(0))?;
    }
    f.online_appeals = per_level(&online, span);
    Ok(())
}

/// Line 7: receptions by level and the persons they received.
fn receptions(ctx: &Ctx, span: &Span, f: &mut Figures) -> Result<()> {
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
    let mut persons: HashMap<i64, Quarters> = HashMap::new();
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
    f.receptions = per_level(&receptions, span);
    f.reception_persons = cumulate(persons.get(&0).copied().unwrap_or([0; 4]), span);
    Ok(())
}

/// Line 8: critical remarks, by the level of the akim they were addressed to.
fn remarks(ctx: &Ctx, span: &Span, f: &mut Figures) -> Result<()> {
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
    f.remarks = per_level(&remarks, span);
    Ok(())
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
    let (columns, head) = columns_and_header(ctx);
    let mut rows = Rows {
        ctx,
        rows: Vec::new(),
    };
    rows.meetings(f);
    rows.audience(f);
    rows.topics(f);
    rows.levels(6, "level_gen", &f.online_appeals);
    rows.levels(7, "level_ins", &f.receptions);
    rows.rows.push(row(
        "line7.persons",
        "",
        ctx.tr("forms.f2.line.7x"),
        0,
        cells(f.reception_persons),
    ));
    rows.levels(8, "level_gen", &f.remarks);
    rows.media_and_guests(f);

    form.tables.push(Table {
        caption: String::new(),
        sheet: String::new(),
        columns,
        header_rows: 1,
        header: head,
        rows: rows.rows,
        repeat_header: true,
    });
    Ok(form)
}

/// The number, the activity and a column per quarter, with their one header row.
fn columns_and_header(ctx: &Ctx) -> (Vec<Column>, Vec<HeaderCell>) {
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
            trf(ctx.lang(), "forms.f2.h.quarter", &[("n", &n)]),
            0,
            1 + n,
            1,
            1,
        ));
    }
    (columns, head)
}

/// The form's rows as they are added: numbered lines and the rows that break them down.
struct Rows<'a, 'c> {
    ctx: &'a Ctx<'c>,
    rows: Vec<Row>,
}

impl Rows<'_, '_> {
    /// Numbered line `n` (no cells when `v` is None: a line without a total).
    fn line(&mut self, n: usize, v: Option<Quarters>) {
        let c = v.map(cells).unwrap_or_else(|| vec![Cell::Empty; 4]);
        self.rows.push(row(
            &format!("line{n}"),
            &format!("{n}."),
            self.ctx.tr(&format!("forms.f2.line.{n}")),
            0,
            c,
        ));
    }

    fn child(&mut self, key: String, label: String, level: u8, italic: bool, v: Quarters) {
        self.rows.push(Row {
            italic,
            ..row(&key, "", label, level, cells(v))
        });
    }

    /// Line `n` with its total and a row per akim level.
    fn levels(&mut self, n: usize, form_key: &str, v: &[Quarters; 6]) {
        self.line(n, Some(sum(v)));
        for (l, q) in v.iter().enumerate() {
            let label = self.ctx.tr(&format!("forms.f2.{form_key}.{}", l + 1));
            self.child(format!("line{n}.level{}", l + 1), label, 1, true, *q);
        }
    }

    fn channel_label(&self, ch: &str) -> String {
        self.ctx.tr(&format!("forms.f2.channel.{ch}"))
    }

    /// Lines 1–3: meetings planned and held by level, broadcasts by channel.
    fn meetings(&mut self, f: &Figures) {
        self.levels(1, "level_nom", &f.planned);
        self.levels(2, "level_nom", &f.held);
        self.line(3, Some(sum(&f.broadcasts)));
        for (i, ch) in BroadcastChannel::ALL.iter().enumerate() {
            let ch = ch.code();
            let label = self.channel_label(ch);
            self.child(format!("line3.{ch}"), label, 1, true, f.broadcasts[i]);
        }
    }

    /// Line 4: participants, offline and online by channel.
    fn audience(&mut self, f: &Figures) {
        let online = sum(&f.viewers);
        self.line(4, Some(sum(&[f.offline, online])));
        let offline = self.ctx.tr("forms.f2.offline");
        self.child("line4.offline".into(), offline, 1, true, f.offline);
        let label = self.ctx.tr("forms.f2.online");
        self.child("line4.online".into(), label, 1, true, online);
        for (i, ch) in BroadcastChannel::ALL.iter().enumerate() {
            let ch = ch.code();
            let label = self.channel_label(ch);
            self.child(format!("line4.online.{ch}"), label, 2, true, f.viewers[i]);
        }
    }

    /// Line 5: the questions raised, by topic.
    fn topics(&mut self, f: &Figures) {
        self.line(5, Some(sum(&f.topics)));
        for (i, t) in f.topics.iter().enumerate() {
            let label = self.ctx.tr(&format!("forms.f2.topic.{}", i + 1));
            self.child(format!("line5.topic{}", i + 1), label, 1, false, *t);
        }
    }

    /// Lines 9 and 10: the media by kind, the guests present (line 10 has no total).
    fn media_and_guests(&mut self, f: &Figures) {
        self.line(9, Some(sum(&f.media)));
        for (i, k) in ["central", "local", "social"].iter().enumerate() {
            let label = self.ctx.tr(&format!("forms.f2.media.{k}"));
            self.child(format!("line9.{k}"), label, 1, false, f.media[i]);
        }
        self.line(10, None);
        for (i, k) in ["government", "parliament", "state_bodies"]
            .iter()
            .enumerate()
        {
            let label = self.ctx.tr(&format!("forms.f2.present.{k}"));
            self.child(format!("line10.{k}"), label, 1, false, f.present[i]);
        }
    }
}

/// The last day of quarter `q` of `year` (used by tests and the app's quarter picker).
fn quarter_end(year: i32, q: u32) -> NaiveDate {
    month_end(year, q.clamp(1, 4) * 3)
}

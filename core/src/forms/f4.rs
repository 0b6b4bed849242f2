//! F4 — appeals of the period: the totals sentence, Table 1 (received, considered and how),
//! Table 2 (by topic.f4, with Итого), and the data of Рисунок 1 and 2.
//!
//! «Поступило» = registered in the period; «рассмотрено» = answered in the period (any outcome):
//! удовлетворено + отказано + разъяснено + прекращено + перенаправлено = рассмотрено.
//! The sentence's three parts partition the total: person appeals other than receptions,
//! organisation appeals other than receptions, and personal receptions.

use super::{Ctx, column, header, row};
use crate::error::Result;
use crate::forms::model::*;
use crate::i18n::trf;
use crate::model::Outcome;
use rusqlite::params;

pub const TOPICS: usize = 10;
/// Table 1's value columns after «Всего поступило» and «Всего рассмотрено».
const T1: [&str; 8] = [
    "received",
    "considered",
    "redirected",
    "satisfied",
    "rejected",
    "explained",
    "terminated",
    "repeated",
];

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    pub received: i64,
    pub persons: i64,
    pub persons_repeated: i64,
    pub organisations: i64,
    pub receptions: i64,
    pub considered: i64,
    pub redirected: i64,
    pub satisfied: i64,
    pub rejected: i64,
    pub explained: i64,
    pub terminated: i64,
    pub considered_repeated: i64,
    pub topics: [i64; TOPICS],
}

super::sum::accumulate_fields!(Figures {
    received,
    persons,
    persons_repeated,
    organisations,
    receptions,
    considered,
    redirected,
    satisfied,
    rejected,
    explained,
    terminated,
    considered_repeated,
    topics
});

/// Each figure is a plain count over one index range: received per topic through
/// `appeal_topic` (one range per topic), receptions through `appeal_channel`, organisations
/// and repeated ones through partial indexes, considered per outcome through `appeal_outcome`.
/// Counting range by range avoids the sort a GROUP BY over a year of a region needs; for the
/// whole okrug no table row is read.
pub fn figures(ctx: &Ctx) -> Result<Figures> {
    let mut f = Figures::default();
    let scope = ctx.scope_term("settlement_id");
    let count = |cond: &str, day: &str, key: &dyn rusqlite::ToSql| -> Result<i64> {
        let sql =
            format!("SELECT count(*) FROM appeal WHERE {cond} AND {day} BETWEEN ?1 AND ?2 {scope}");
        let args = params![ctx.from(), ctx.to(), ctx.sid(), key];
        Ok(ctx
            .conn
            .prepare_cached(&sql)?
            .query_row(args, |r| r.get(0))?)
    };
    for topic in ctx.topic_ids() {
        let n = count("topic_id = ?4", "registered_on", &topic)?;
        f.received += n;
        let row = ctx
            .topics
            .get(&topic)
            .map(|t| t.f4)
            .unwrap_or(10)
            .clamp(1, 10);
        f.topics[row as usize - 1] += n;
    }
    let none = rusqlite::types::Null;
    let reception = "channel = 'reception' AND ?4 IS NULL";
    f.receptions = count(reception, "registered_on", &none)?;
    let org = "applicant_type = 'organisation' AND channel <> 'reception' AND ?4 IS NULL";
    f.organisations = count(org, "registered_on", &none)?;
    f.persons = f.received - f.receptions - f.organisations;
    let rep =
        "repeated = 1 AND applicant_type = 'person' AND channel <> 'reception' AND ?4 IS NULL";
    f.persons_repeated = count(rep, "registered_on", &none)?;
    let rep = "repeated = 1 AND outcome IS NOT NULL AND ?4 IS NULL";
    f.considered_repeated = count(rep, "answered_on", &none)?;
    for outcome in Outcome::ALL {
        let n = count("outcome = ?4", "answered_on", outcome)?;
        f.considered += n;
        *match outcome {
            Outcome::Redirected => &mut f.redirected,
            Outcome::Satisfied => &mut f.satisfied,
            Outcome::Rejected => &mut f.rejected,
            Outcome::Explained => &mut f.explained,
            Outcome::Terminated => &mut f.terminated,
        } += n;
    }
    Ok(f)
}

/// Russian plural class of `n`: one (1, 21…), few (2–4, 22…), many (0, 5–20…).
pub fn plural(n: i64) -> &'static str {
    let (d, h) = (n % 10, n % 100);
    if d == 1 && h != 11 {
        "one"
    } else if (2..=4).contains(&d) && !(12..=14).contains(&h) {
        "few"
    } else {
        "many"
    }
}

pub fn compute(ctx: &Ctx) -> Result<Form> {
    build(ctx, &figures(ctx)?)
}

/// The form of `f` (one okrug's figures, or a district's sum of them) for `ctx`'s request.
pub fn build(ctx: &Ctx, f: &Figures) -> Result<Form> {
    let lang = ctx.lang();
    let title = ctx.title("forms.f4.title", &ctx.req.period.title(lang), &[]);
    let mut form = ctx.form(Orientation::Portrait, title);
    form.preamble.push(preamble(ctx, f));
    let values = table1_values(f);
    form.tables.push(table1(ctx, &values));
    form.tables.push(table2(ctx, f));
    // Рисунок 1 draws Table 1, Рисунок 2 draws Table 2.
    form.charts.push(chart1(ctx, values));
    form.charts.push(chart2(ctx, f));
    Ok(form)
}

/// The totals sentence above the tables.
fn preamble(ctx: &Ctx, f: &Figures) -> String {
    let lang = ctx.lang();
    trf(
        lang,
        "forms.f4.preamble",
        &[
            ("period", &ctx.req.period.sentence(lang)),
            ("total", &f.received),
            (
                "appeals",
                &ctx.tr(&format!("forms.f4.appeals.{}", plural(f.received))),
            ),
            ("persons", &f.persons),
            ("repeated", &f.persons_repeated),
            ("orgs", &f.organisations),
            ("reception", &f.receptions),
        ],
    )
}

/// Table 1's values, in the order of `T1`.
fn table1_values(f: &Figures) -> [i64; 8] {
    [
        f.received,
        f.considered,
        f.redirected,
        f.satisfied,
        f.rejected,
        f.explained,
        f.terminated,
        f.considered_repeated,
    ]
}

/// Table 1's header word for `k`.
fn t1_word(ctx: &Ctx, k: &str) -> String {
    ctx.tr(&format!("forms.f4.t1.{k}"))
}

/// Table 1: received, considered and how, in one row.
fn table1(ctx: &Ctx, values: &[i64; 8]) -> Table {
    // Widths follow the longest word of each header in either language.
    let widths = [17.0, 18.0, 21.0, 26.0, 18.0, 20.0, 19.0, 19.0];
    let mut columns = vec![column("number", ColumnRole::Number, 6.0, Align::Center)];
    for (k, w) in T1.iter().zip(widths) {
        columns.push(column(k, ColumnRole::Value, w, Align::Center));
    }
    let t = |k: &str| t1_word(ctx, k);
    let mut head = vec![
        header(ctx.tr("forms.number"), 0, 0, 2, 1),
        header(t("received"), 0, 1, 2, 1),
        header(t("considered"), 0, 2, 2, 1),
        header(t("redirected"), 0, 3, 2, 1),
        header(t("of_them"), 0, 4, 1, 4),
        header(t("repeated"), 0, 8, 2, 1),
    ];
    for (i, k) in ["satisfied", "rejected", "explained", "terminated"]
        .iter()
        .enumerate()
    {
        head.push(header(t(k), 1, 4 + i, 1, 1));
    }
    Table {
        caption: ctx.tr("forms.f4.t1.caption"),
        sheet: String::new(),
        columns,
        header_rows: 2,
        header: head,
        rows: vec![row(
            "okrug",
            "1",
            String::new(),
            0,
            values.iter().map(|&n| Cell::Int(n)).collect(),
        )],
        repeat_header: true,
    }
}

/// Table 2: the appeals by topic, with Итого.
fn table2(ctx: &Ctx, f: &Figures) -> Table {
    let mut rows: Vec<Row> = (0..TOPICS)
        .map(|i| {
            let label = ctx.tr(&format!("forms.f4.topic.{}", i + 1));
            row(
                &format!("topic{}", i + 1),
                &(i + 1).to_string(),
                label,
                0,
                vec![Cell::Int(f.topics[i])],
            )
        })
        .collect();
    rows.push(Row {
        mark: RowMark::Total,
        ..row(
            "total",
            "",
            ctx.tr("forms.f4.total"),
            0,
            vec![Cell::Int(f.topics.iter().sum())],
        )
    });
    Table {
        caption: ctx.tr("forms.f4.t2.caption"),
        sheet: String::new(),
        columns: vec![
            column("number", ColumnRole::Number, 10.0, Align::Center),
            column("specifics", ColumnRole::Label, 120.0, Align::Left),
            column("count", ColumnRole::Value, 40.0, Align::Center),
        ],
        header_rows: 1,
        header: vec![
            header(ctx.tr("forms.number"), 0, 0, 1, 1),
            header(ctx.tr("forms.f4.t2.specifics"), 0, 1, 1, 1),
            header(ctx.tr("forms.f4.t2.count"), 0, 2, 1, 1),
        ],
        rows,
        repeat_header: true,
    }
}

/// Рисунок 1: Table 1's values as bars.
fn chart1(ctx: &Ctx, values: [i64; 8]) -> Chart {
    let t = |k: &str| t1_word(ctx, k);
    let mut t1_labels: Vec<String> = vec![t("received"), t("considered"), t("redirected")];
    t1_labels.extend(
        [
            "satisfied",
            "rejected",
            "explained",
            "terminated",
            "repeated",
        ]
        .iter()
        .map(|k| t(k)),
    );
    Chart {
        caption: ctx.tr("forms.f4.chart1"),
        bars: t1_labels
            .into_iter()
            .zip(values)
            .map(|(label, v)| Bar {
                label,
                value: v as f64,
            })
            .collect(),
    }
}

/// Рисунок 2: Table 2's topics as bars.
fn chart2(ctx: &Ctx, f: &Figures) -> Chart {
    Chart {
        caption: ctx.tr("forms.f4.chart2"),
        bars: (0..TOPICS)
            .map(|i| Bar {
                label: ctx.tr(&format!("forms.f4.topic.{}", i + 1)),
                value: f.topics[i] as f64,
            })
            .collect(),
    }
}

//! The official forms («Сведения» F1–F5) and the applicant's талон: computed once from the
//! store into a plain value (`model::Form`) that every renderer lays out.
//!
//! Every form is SQL aggregation over the store, grouped by the stored codes (topic id, level,
//! channel…); the topic → form category mapping in force is applied to the grouped counts.

pub mod f1;
pub mod f2;
pub mod f3;
pub mod f4;
pub mod f5;
pub mod model;
pub mod period;
pub mod scope;
pub mod sum;
pub mod talon;

pub use model::*;
pub use period::{Period, PeriodKind};
pub use scope::Scope;

use crate::error::Result;
use crate::i18n::{Lang, tr, trf};
use crate::model::{OkrugProfile, Topic, initials_surname};
use crate::store::Db;
use crate::store::reference;
use chrono::NaiveDate;
use std::collections::HashMap;

/// What to compute.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub kind: FormKind,
    pub period: Period,
    pub scope: Scope,
    pub lang: Lang,
    /// The production day: F5's overdue marks in period mode, and the file's date.
    pub today: NaiveDate,
}

impl Request {
    pub fn new(kind: FormKind, period: Period, lang: Lang, today: NaiveDate) -> Request {
        Request {
            kind,
            period,
            scope: Scope::okrug(),
            lang,
            today,
        }
    }

    pub fn with_scope(mut self, scope: Scope) -> Request {
        self.scope = scope;
        self
    }
}

/// Computes the requested form from the store.
pub fn compute(conn: &Db, req: &Request) -> Result<Form> {
    let ctx = Ctx::load(conn, req)?;
    match req.kind {
        FormKind::F1 => f1::compute(&ctx),
        FormKind::F2 => f2::compute(&ctx),
        FormKind::F3 => f3::compute(&ctx),
        FormKind::F4 => f4::compute(&ctx),
        FormKind::F5 => f5::compute(&ctx),
    }
}

/// Everything a form's computation needs besides its own queries.
pub struct Ctx<'a> {
    pub conn: &'a Db,
    pub req: &'a Request,
    pub profile: OkrugProfile,
    pub topics: HashMap<i64, Topic>,
}

impl<'a> Ctx<'a> {
    pub fn load(conn: &'a Db, req: &'a Request) -> Result<Ctx<'a>> {
        let profile = reference::profile(conn)?;
        let topics = reference::topics(conn)?
            .into_iter()
            .map(|t| (t.id, t))
            .collect();
        Ok(Ctx {
            conn,
            req,
            profile,
            topics,
        })
    }

    pub fn lang(&self) -> Lang {
        self.req.lang
    }

    pub fn tr(&self, key: &str) -> String {
        tr(self.req.lang, key)
    }

    pub fn from(&self) -> NaiveDate {
        self.req.period.from
    }

    pub fn to(&self) -> NaiveDate {
        self.req.period.to
    }

    /// The settlement id to bind, or NULL for the whole okrug.
    pub(crate) fn sid(&self) -> Option<i64> {
        self.req.scope.id()
    }

    /// The settlement filter on `col` bound to `?3`: for the whole okrug a constant term that
    /// SQLite evaluates once (so an index can answer without reading the table).
    pub(crate) fn scope_term(&self, col: &str) -> String {
        if self.sid().is_some() {
            format!("AND {col} = ?3")
        } else {
            "AND ?3 IS NULL".to_string()
        }
    }

    /// Topic ids, in order.
    pub(crate) fn topic_ids(&self) -> Vec<i64> {
        let mut v: Vec<i64> = self.topics.keys().copied().collect();
        v.sort_unstable();
        v
    }

    /// A profile field in the form's language (Russian when the Kazakh one is empty).
    fn pick(&self, ru: &str, kk: &str) -> String {
        self.req.lang.pick(ru, kk).to_string()
    }

    pub(crate) fn org_name(&self) -> String {
        self.pick(&self.profile.org_name_ru, &self.profile.org_name_kk)
    }

    /// The title block from the form's template (`forms.fN.title`, lines split on `\n`):
    /// placeholders filled, lines left empty (no settlement) dropped.
    pub fn title(
        &self,
        key: &str,
        period: &str,
        extra: &[(&str, &dyn std::fmt::Display)],
    ) -> Vec<TitleLine> {
        let settlement = self.req.scope.name(self.req.lang);
        title_lines(
            &self.profile,
            self.req.lang,
            key,
            settlement.as_deref(),
            period,
            self.req.period.year_of(),
            extra,
        )
    }

    pub fn footer(&self) -> Footer {
        footer(&self.profile, self.req.lang)
    }

    /// A form with the common fields filled in; the caller adds title, tables and the rest.
    pub fn form(&self, orientation: Orientation, title: Vec<TitleLine>) -> Form {
        Form {
            kind: self.req.kind,
            lang: self.req.lang,
            orientation,
            from: self.from(),
            to: self.to(),
            settlement: self.req.scope.name(self.req.lang),
            produced_on: self.req.today,
            title,
            preamble: Vec::new(),
            tables: Vec::new(),
            postscript: Vec::new(),
            charts: Vec::new(),
            footer: self.footer(),
        }
    }
}

/// The title block of template `key` (`forms.fN.title`, lines split on `\n`) for `p` in
/// `lang`: placeholders filled, lines left empty (no settlement) dropped. The forms and the
/// wizard's sample of how the profile prints both use it.
pub fn title_lines(
    p: &OkrugProfile,
    lang: Lang,
    key: &str,
    settlement: Option<&str>,
    period: &str,
    year: i32,
    extra: &[(&str, &dyn std::fmt::Display)],
) -> Vec<TitleLine> {
    let pick = |ru: &str, kk: &str| lang.pick(ru, kk).to_string();
    let settlement = settlement
        .map(|n| trf(lang, "forms.settlement_line", &[("name", &n)]))
        .unwrap_or_default();
    let org_line = trf(
        lang,
        "forms.org_line",
        &[
            ("org", &pick(&p.org_name_ru, &p.org_name_kk)),
            ("district", &pick(&p.district_ru, &p.district_kk)),
        ],
    );
    let okrug = pick(&p.okrug_gen_ru, &p.okrug_gen_kk);
    let district = pick(&p.district_gen_ru, &p.district_gen_kk);
    let region = pick(&p.region_ru, &p.region_kk);
    let mut args: Vec<(&str, &dyn std::fmt::Display)> = vec![
        ("org_line", &org_line),
        ("settlement", &settlement),
        ("period", &period),
        ("okrug", &okrug),
        ("district", &district),
        ("region", &region),
        ("year", &year),
    ];
    args.extend_from_slice(extra);
    trf(lang, key, &args)
        .split('\n')
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .map(|text| TitleLine { text, bold: true })
        .collect()
}

/// The signature under every form: the akim's position and name, the executor's line.
pub fn footer(p: &OkrugProfile, lang: Lang) -> Footer {
    let executor = if p.executor_name.trim().is_empty() {
        String::new()
    } else {
        trf(
            lang,
            "forms.footer.executor",
            &[("name", &p.executor_name), ("phone", &p.executor_phone)],
        )
    };
    Footer {
        position: lang
            .pick(&p.akim_position_ru, &p.akim_position_kk)
            .to_string(),
        name: initials_surname(&p.akim_name),
        executor,
    }
}

/// How a profile prints on the forms of `period`: the title blocks of F1, F2, F3 and F5 for
/// the whole okrug, F1's for one village when `settlement` names one, and the signature.
/// The wizard shows it under the fields as they are typed.
pub fn profile_sample(
    p: &OkrugProfile,
    lang: Lang,
    settlement: Option<&str>,
    period: &Period,
) -> (Vec<Vec<TitleLine>>, Footer) {
    let title = period.title(lang);
    let year = period.year_of();
    let f5_period = f5::title_period(period, lang);
    let mut titles: Vec<Vec<TitleLine>> = [
        ("forms.f1.title", &title),
        ("forms.f2.title", &title),
        ("forms.f3.title", &title),
        ("forms.f5.title", &f5_period),
    ]
    .iter()
    .map(|(k, period)| title_lines(p, lang, k, None, period, year, &[]))
    .collect();
    if let Some(name) = settlement.filter(|n| !n.trim().is_empty()) {
        titles.push(title_lines(
            p,
            lang,
            "forms.f1.title",
            Some(name),
            &title,
            year,
            &[],
        ));
    }
    (titles, footer(p, lang))
}

/// Column of the given role and relative width.
pub(crate) fn column(key: &str, role: ColumnRole, width: f32, align: Align) -> Column {
    Column {
        key: key.to_string(),
        role,
        width,
        align,
    }
}

pub(crate) fn header(
    text: String,
    row: usize,
    col: usize,
    row_span: usize,
    col_span: usize,
) -> HeaderCell {
    HeaderCell {
        text,
        row,
        col,
        row_span,
        col_span,
        rotate: false,
    }
}

pub(crate) fn row(key: &str, number: &str, label: String, level: u8, cells: Vec<Cell>) -> Row {
    Row {
        key: key.to_string(),
        number: number.to_string(),
        label,
        level,
        italic: false,
        mark: RowMark::Normal,
        cells,
    }
}

/// Integer percentage of `part` in `whole`, rounded half up; 0 when `whole` is 0.
pub(crate) fn percent(part: f64, whole: f64) -> i64 {
    if whole <= 0.0 {
        0
    } else {
        (part * 100.0 / whole + 0.5).floor() as i64
    }
}

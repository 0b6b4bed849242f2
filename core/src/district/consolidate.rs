//! The district's form: each okrug's figures computed by the okrug's own form code on its own
//! store, added up (`forms::sum`), and built into the form by the same builder, under the
//! district's title. The okrugs' own forms follow as the breakdown (one table, or Excel
//! sheet, per okrug); F1 and F5 carry the okrugs as rows and columns instead.

use super::okrugs::{self, Okrug};
use super::profile::DistrictProfile;
use crate::error::{Error, Result};
use crate::forms::sum::total;
use crate::forms::{Ctx, Form, FormKind, Request, Row, f1, f2, f3, f4, f5};
use crate::i18n::{Text, tr, trf};
use crate::store::Store;
use std::collections::BTreeMap;

/// The district's form and what it was told about the okrugs' files (also printed under the
/// form).
pub struct Consolidated {
    pub form: Form,
    pub notes: Vec<Text>,
}

/// Consolidates `req` (whole okrugs: a settlement scope is not a district's) over `okrugs`.
pub fn consolidate(
    district: &DistrictProfile,
    okrugs: &[Okrug],
    req: &Request,
) -> Result<Consolidated> {
    if okrugs.is_empty() {
        return Err(Error::Other(Text::new("err.district.no_files")));
    }
    check_mapping(okrugs, req.kind)?;
    let own = Store::in_memory(&district.as_okrug_profile())?;
    let dctx = Ctx::load(own.conn(), req)?;
    let octx = okrugs
        .iter()
        .map(|o| Ctx::load(o.store.conn(), req))
        .collect::<Result<Vec<_>>>()?;
    let mut form = match req.kind {
        FormKind::F1 => district_f1(&dctx, okrugs, &octx)?,
        FormKind::F2 => {
            let span = f2::Span::of(&dctx);
            let figs = octx
                .iter()
                .map(|c| f2::figures(c, &span))
                .collect::<Result<Vec<_>>>()?;
            let mut form = f2::build(&dctx, &total(&figs))?;
            for (i, (c, f)) in octx.iter().zip(&figs).enumerate() {
                annex(&mut form, &okrugs[i], i, f2::build(c, f)?);
            }
            form
        }
        FormKind::F3 => {
            let figs = octx.iter().map(f3::figures).collect::<Result<Vec<_>>>()?;
            let mut form = f3::build(&dctx, &total(&figs))?;
            for (i, (c, f)) in octx.iter().zip(&figs).enumerate() {
                annex(&mut form, &okrugs[i], i, f3::build(c, f)?);
            }
            form
        }
        FormKind::F4 => {
            let figs = octx.iter().map(f4::figures).collect::<Result<Vec<_>>>()?;
            let mut form = f4::build(&dctx, &total(&figs))?;
            for (i, (c, f)) in octx.iter().zip(&figs).enumerate() {
                annex(&mut form, &okrugs[i], i, f4::build(c, f)?);
            }
            form
        }
        FormKind::F5 => district_f5(&dctx, okrugs, &octx)?,
    };
    let notes = okrugs::notes(district, okrugs, req.period.to);
    form.postscript
        .extend(notes.iter().map(|n| n.render(req.lang)));
    Ok(Consolidated { form, notes })
}

/// One row per okrug and the district's total row.
fn district_f1(dctx: &Ctx, okrugs: &[Okrug], octx: &[Ctx]) -> Result<Form> {
    let counts = octx.iter().map(f1::counts).collect::<Result<Vec<_>>>()?;
    let sum = total(&counts);
    let mut lines: Vec<f1::Line> = okrugs
        .iter()
        .zip(&counts)
        .enumerate()
        .map(|(i, (o, c))| f1::Line {
            key: format!("okrug{}", i + 1),
            label: o.name(dctx.lang()),
            counts: c,
            total: false,
        })
        .collect();
    lines.push(f1::Line {
        key: "total".to_string(),
        label: tr(dctx.lang(), "forms.district.total"),
        counts: &sum,
        total: true,
    });
    Ok(f1::build(dctx, &lines))
}

/// Every okrug's plan items with the okrug in its own column, each okrug closed by its
/// progress line, the district's line last.
fn district_f5(dctx: &Ctx, okrugs: &[Okrug], octx: &[Ctx]) -> Result<Form> {
    let lang = dctx.lang();
    let mut rows: Vec<Row> = Vec::new();
    let mut summaries = Vec::new();
    for (i, (o, c)) in okrugs.iter().zip(octx).enumerate() {
        let plan = f5::plan(c)?;
        let name = o.name(lang);
        // The column is narrow: the okrug without «ГУ «Аппарат акима …»».
        let short = lang.pick(&o.profile.okrug_gen_ru, &o.profile.okrug_gen_kk);
        let short = if short.trim().is_empty() {
            &name
        } else {
            short
        };
        for mut r in plan.rows {
            r.key = format!("okrug{}.{}", i + 1, r.key);
            r.number = (rows.len() + 1 - summaries.len()).to_string();
            r.cells
                .insert(0, crate::forms::Cell::Text(short.to_string()));
            rows.push(r);
        }
        let label = trf(lang, "forms.district.okrug_total", &[("okrug", &name)]);
        let key = format!("okrug{}.total", i + 1);
        rows.push(f5::total_row(&key, label, &plan.summary, lang, true));
        summaries.push(plan.summary);
    }
    let sum = total(&summaries);
    let label = tr(lang, "forms.district.total");
    rows.push(f5::total_row("total", label, &sum, lang, true));
    Ok(f5::build(dctx, rows, &sum, true))
}

/// Appends an okrug's own form's tables to the district's form, captioned with the okrug and
/// on an Excel sheet of their own.
fn annex(form: &mut Form, okrug: &Okrug, index: usize, own: Form) {
    let lang = form.lang;
    let name = okrug.name(lang);
    let several = own.tables.len() > 1;
    for (t, mut table) in own.tables.into_iter().enumerate() {
        let caption = trf(
            lang,
            "forms.district.annex",
            &[("n", &(index + 1)), ("okrug", &name)],
        );
        table.caption = if table.caption.is_empty() {
            caption
        } else {
            format!("{caption}. {}", table.caption)
        };
        let short = lang.pick(&okrug.profile.okrug_gen_ru, &okrug.profile.okrug_gen_kk);
        table.sheet = if several {
            format!("{}.{} {short}", index + 1, t + 1)
        } else {
            format!("{}. {short}", index + 1)
        };
        form.tables.push(table);
    }
}

/// A form's topic mapping must be the same in every okrug, or the sum would add different
/// things under one line: refused naming the okrugs and the topics.
fn check_mapping(okrugs: &[Okrug], kind: FormKind) -> Result<()> {
    let line = |t: &crate::model::Topic| -> Option<String> {
        match kind {
            FormKind::F1 => Some(t.f1.to_string()),
            FormKind::F2 => Some(t.f2.to_string()),
            FormKind::F3 => Some(t.f3.clone()),
            FormKind::F4 => Some(t.f4.to_string()),
            FormKind::F5 => None,
        }
    };
    let first = &okrugs[0];
    let base: BTreeMap<&str, Option<String>> = first
        .topics
        .iter()
        .map(|t| (t.code.as_str(), line(t)))
        .collect();
    for o in &okrugs[1..] {
        let differ: Vec<&str> = o
            .topics
            .iter()
            .filter(|t| base.get(t.code.as_str()).is_some_and(|l| *l != line(t)))
            .map(|t| t.name_ru.as_str())
            .collect();
        if !differ.is_empty() {
            return Err(Error::Other(
                Text::new("err.district.mapping")
                    .arg("form", kind.code().to_uppercase())
                    .arg("first", &first.profile.org_name_ru)
                    .arg("second", &o.profile.org_name_ru)
                    .arg("topics", differ.join(", ")),
            ));
        }
    }
    Ok(())
}

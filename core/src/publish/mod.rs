//! The action plan published: one self-contained HTML page for the akimat's website (`html`)
//! and a picture card of its progress (`card`), both from the same figures — the F5 form's
//! rows and summary, computed once per language — and never with personal data.

pub mod card;
pub mod html;

use crate::error::Result;
use crate::forms::f5::{self, Summary};
use crate::forms::{Ctx, Form, FormKind, Period, Request};
use crate::i18n::{Lang, tr};
use crate::store::{Db, appeals};
use chrono::NaiveDate;

/// How many topics the page and the card name.
pub const TOP_TOPICS: usize = 3;

/// The plan in one language, as published.
pub struct Page {
    pub lang: Lang,
    /// The okrug's organisation.
    pub okrug: String,
    pub period: Period,
    /// The F5 form: its title, rows, closing line and summary sentence.
    pub form: Form,
    pub summary: Summary,
    /// The topics with the most items (name, items), most first.
    pub top: Vec<(String, i64)>,
}

/// The plan of `period` in Russian and in Kazakh, cleaned of personal data.
pub fn prepare(conn: &Db, period: Period, today: NaiveDate) -> Result<Vec<Page>> {
    let personal = appeals::personal_details(conn)?;
    [Lang::Ru, Lang::Kk]
        .into_iter()
        .map(|lang| {
            let mut page = page(conn, period, today, lang)?;
            scrub_form(&mut page.form, &personal);
            Ok(page)
        })
        .collect()
}

/// One language's page: the F5 form built as `forms::f5::compute` builds it.
pub fn page(conn: &Db, period: Period, today: NaiveDate, lang: Lang) -> Result<Page> {
    let req = Request::new(FormKind::F5, period, lang, today);
    let ctx = Ctx::load(conn, &req)?;
    let plan = f5::plan(&ctx)?;
    let top = plan
        .topics
        .iter()
        .take(TOP_TOPICS)
        .map(|(id, n)| {
            let name = id
                .and_then(|id| ctx.topics.get(&id))
                .map(|t| lang.pick(&t.name_ru, &t.name_kk).to_string())
                .unwrap_or_else(|| tr(lang, "publish.no_topic"));
            (name, *n)
        })
        .collect();
    let mut rows = plan.rows;
    let label = tr(lang, "forms.f5.total");
    rows.push(f5::total_row("total", label, &plan.summary, lang, false));
    let form = f5::build(&ctx, rows, &plan.summary, false);
    Ok(Page {
        lang,
        okrug: ctx.org_name(),
        period,
        form,
        summary: plan.summary,
        top,
    })
}

/// Every text of the form without the applicants' details and without anything written like
/// an ИИН (twelve digits in a row): a plan's free text may quote an appeal.
fn scrub_form(form: &mut Form, personal: &[String]) {
    for t in &mut form.tables {
        for r in &mut t.rows {
            r.label = scrub(&r.label, personal);
            for c in &mut r.cells {
                if let crate::forms::Cell::Text(s) = c {
                    *s = scrub(s, personal);
                }
            }
        }
    }
}

/// What replaces a hidden detail.
const HIDDEN: &str = "…";

pub fn scrub(text: &str, personal: &[String]) -> String {
    let mut out = text.to_string();
    for p in personal {
        // A very short value («А», «1») would blank ordinary words.
        if p.chars().count() >= 4 && out.contains(p.as_str()) {
            out = out.replace(p.as_str(), HIDDEN);
        }
    }
    hide_long_numbers(&out)
}

/// Runs of 10 or more digits (an ИИН, a phone written without spaces) hidden.
fn hide_long_numbers(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.len() >= 10 {
            out.push_str(HIDDEN);
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for ch in s.chars() {
        if ch.is_ascii_digit() {
            run.push(ch);
        } else {
            flush(&mut run, &mut out);
            out.push(ch);
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrub_hides_details_and_iin() {
        let personal = vec!["Иванов Иван".to_string(), "ул. Ленина 5".to_string()];
        assert_eq!(
            scrub(
                "Иванов Иван просит, ул. Ленина 5, ИИН 900101300123",
                &personal
            ),
            "… просит, …, ИИН …"
        );
        assert_eq!(scrub("2026 год, 15 км", &personal), "2026 год, 15 км");
    }
}

/// What a published file is, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Html,
    Png,
}

impl Kind {
    pub fn of_path(path: &std::path::Path) -> Option<Kind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "html" | "htm" => Some(Kind::Html),
            "png" => Some(Kind::Png),
            _ => None,
        }
    }
}

/// Saves the page (both languages) or the card (in `lang`) as `path` says, whole or not at
/// all, never over the database or a backup.
pub fn save(
    pages: &[Page],
    lang: Lang,
    path: &std::path::Path,
    protected: &crate::safety::output::Protected,
) -> Result<Kind> {
    let kind = Kind::of_path(path).ok_or_else(|| {
        crate::error::Error::Other(
            crate::i18n::Text::new("err.publish.ext").arg("path", path.display()),
        )
    })?;
    protected.check(path)?;
    let bytes = match kind {
        Kind::Html => html::render(pages).into_bytes(),
        Kind::Png => {
            let page = pages.iter().find(|p| p.lang == lang).unwrap_or(&pages[0]);
            card::png(page)?
        }
    };
    crate::safety::output::save(path, protected, &bytes)?;
    Ok(kind)
}

//! Отчёты: choose the form, the period, the settlement and the language; see the form on
//! screen (the very value the PDF and Excel files are made from); save it as PDF or Excel
//! through the file dialog; open the saved file. Also the applicant's талон.

use super::jobs::Done;
use super::period::PeriodChoice;
use super::reader::Fetch;
use super::widgets::{self, combo};
use super::{Cx, preview};
use chrono::NaiveDate;
use egui::{RichText, Ui};
use estu_core::error::{Error, Result};
use estu_core::forms::period::PeriodKind;
use estu_core::forms::{self, Form, FormKind, Period, Request, Scope};
use estu_core::i18n::{Lang, Text, tr};
use estu_core::render::{self, Format};
use estu_core::store::Db;
use std::path::PathBuf;

/// What the preview shows: computed again (on the reader) when any of it or the data changes:
/// (generation, form, period, settlement, language, today).
type Key = (u64, FormKind, Period, Option<i64>, Lang, NaiveDate);

fn compute(db: &Db, &(_, kind, period, settlement, lang, today): &Key) -> Result<Form> {
    let scope = match settlement {
        Some(id) => Scope::by_id(db, id)?,
        None => Scope::okrug(),
    };
    forms::compute(
        db,
        &Request::new(kind, period, lang, today).with_scope(scope),
    )
}

pub struct Reports {
    pub kind: FormKind,
    period: PeriodChoice,
    pub settlement: Option<i64>,
    /// The form's language (the UI's by default).
    pub lang: Option<Lang>,
    /// The computed form on screen.
    form: Fetch<Key, Result<Form>>,
    /// The period typed cannot be read (the value as typed).
    bad_period: Option<String>,
    /// The rows' heights in the preview, and the answer of `form` they were measured for.
    heights: preview::Heights,
    heights_of: u64,
    /// The last file saved, to open.
    pub saved: Option<PathBuf>,
}

impl Default for Reports {
    fn default() -> Self {
        Reports {
            kind: FormKind::F1,
            period: PeriodChoice::default(),
            settlement: None,
            lang: None,
            form: Fetch::default(),
            bad_period: None,
            heights: preview::Heights::default(),
            heights_of: 0,
            saved: None,
        }
    }
}

/// A file name like `F2_2024-Q2_ru.pdf`.
pub fn file_name(form: &Form, ext: &str) -> String {
    format!(
        "{}_{}_{}_{}.{ext}",
        form.kind.code().to_uppercase(),
        form.from.format("%Y-%m-%d"),
        form.to.format("%Y-%m-%d"),
        form.lang.code()
    )
}

impl Reports {
    pub fn choose(&mut self, code: &str) {
        if let Some(k) = FormKind::parse(code) {
            self.kind = k;
            if k == FormKind::F5 {
                self.period.kind = PeriodKind::AsOf;
            }
        }
    }

    /// Sets the period to a quarter (tests and the dashboard).
    pub fn set_quarter(&mut self, year: i32, q: u8) {
        self.period.set_quarter(year, q);
    }

    /// The form on screen (after its computing came).
    pub fn form(&self) -> Option<&Form> {
        self.form.value().and_then(|f| f.as_ref().ok())
    }

    /// Whether the form is being computed.
    pub fn is_reading(&self) -> bool {
        self.form.is_reading()
    }

    /// Asks for the form of the choices (computed on the reader: an F5 of a region takes
    /// a second).
    fn refresh(&mut self, cx: &mut Cx) {
        let today = cx.today();
        let period = match self.period.period(today) {
            Ok(p) => p,
            Err(v) => {
                self.bad_period = Some(v);
                return;
            }
        };
        self.bad_period = None;
        let lang = self.lang.unwrap_or(cx.lang);
        let key = (
            *cx.generation,
            self.kind,
            period,
            self.settlement,
            lang,
            today,
        );
        cx.read(&mut self.form, key, compute);
        if self.form.answers() != self.heights_of {
            self.heights = preview::Heights::default();
            self.heights_of = self.form.answers();
        }
    }

    fn draw(&mut self, ui: &mut Ui, cx: &mut Cx) {
        let lang = cx.lang;
        ui.heading(tr(lang, "ui.nav.reports"));
        self.choices(ui, cx);
        self.refresh(cx);
        ui.horizontal(|ui| {
            let ready = self.form().is_some() && self.bad_period.is_none();
            for (key, format) in FORMATS {
                if ui
                    .add_enabled(
                        ready,
                        egui::Button::new(RichText::new(tr(lang, key)).strong()),
                    )
                    .clicked()
                {
                    self.save(cx, format);
                }
            }
            if let Some(p) = self.saved.clone() {
                if ui.button(tr(lang, "ui.reports.open")).clicked() {
                    cx.dialogs.open_external(&p);
                }
                ui.label(RichText::new(p.display().to_string()).weak());
            }
        });
        if let Some(v) = &self.bad_period {
            let e = Error::Other(Text::new("ui.date.bad_value").arg("value", v.trim()));
            ui.label(RichText::new(e.message(lang)).color(widgets::RED));
        } else if let Some(Err(e)) = self.form.value() {
            ui.label(RichText::new(e.message(lang)).color(widgets::RED));
        }
        if self.form.is_reading() {
            ui.spinner();
        }
        ui.separator();
        if self.bad_period.is_none()
            && let Some(Ok(f)) = self.form.value()
        {
            preview::show(ui, f, &mut self.heights);
        }
    }

    fn choices(&mut self, ui: &mut Ui, cx: &mut Cx) {
        let lang = cx.lang;
        ui.horizontal_wrapped(|ui| {
            let l = ui.label(tr(lang, "ui.reports.form"));
            let kinds: Vec<(FormKind, String)> = FormKind::ALL
                .iter()
                .map(|k| (*k, tr(lang, &format!("ui.reports.{}", k.code()))))
                .collect();
            let before = self.kind;
            combo(ui, l.id, &mut self.kind, &kinds, 420.0);
            if self.kind != before {
                // The plan is drawn up as of a date: choosing it sets that period.
                self.choose(self.kind.code());
            }
            let l = ui.label(tr(lang, "ui.reports.lang"));
            let langs: Vec<(Option<Lang>, String)> = vec![
                (None, tr(lang, "ui.reports.lang_ui")),
                (Some(Lang::Ru), tr(Lang::Ru, "ui.lang.name")),
                (Some(Lang::Kk), tr(Lang::Kk, "ui.lang.name")),
            ];
            combo(ui, l.id, &mut self.lang, &langs, 140.0);
        });
        ui.horizontal_wrapped(|ui| {
            let cal = Some(&cx.refs.calendar);
            self.period.ui(ui, lang, cx.today(), cal);
            let l = ui.label(tr(lang, "field.appeal.settlement"));
            let opts = widgets::none_first(
                tr(lang, "ui.reports.whole_okrug"),
                cx.refs.settlement_options(lang),
            );
            combo(ui, l.id, &mut self.settlement, &opts, 200.0);
        });
    }

    /// Writes the form on screen to a file the user chooses (the dialog may be cancelled),
    /// on a thread: a long plan's PDF takes a while.
    pub fn save(&mut self, cx: &mut Cx, format: Format) {
        let Some(form) = self.form().cloned() else {
            return;
        };
        let ext = format.ext();
        let Some(path) = cx.dialogs.save_file(&file_name(&form, ext), ext) else {
            return;
        };
        let path = if path.extension().is_none() {
            path.with_extension(ext)
        } else {
            path
        };
        if let Err(e) = cx.store.check_whole() {
            return cx.error(&e);
        }
        let protected = estu_core::safety::output::Protected::of(cx.store);
        cx.start_job("ui.job.save", move || {
            let result = render::save(&form, format, &path, &protected);
            Done::Saved {
                path,
                open: false,
                result,
            }
        });
    }
}

/// The files a form can be saved as, with their buttons' wording.
pub const FORMATS: [(&str, Format); 3] = [
    ("ui.reports.save_pdf", Format::Pdf),
    ("ui.reports.save_xlsx", Format::Xlsx),
    ("ui.reports.save_json", Format::Json),
];

/// Saves the талон of appeal `reg_number` as PDF where the user chooses, then opens it.
pub fn save_talon(cx: &mut Cx, reg_number: &str) {
    let talon = match forms::talon::compute(cx.store.conn(), reg_number, cx.lang) {
        Ok(t) => t,
        Err(e) => return cx.error(&e),
    };
    let name = format!("talon_{}.pdf", reg_number.replace(['/', '\\', ' '], "-"));
    let Some(path) = cx.dialogs.save_file(&name, "pdf") else {
        return;
    };
    let protected = estu_core::safety::output::Protected::of(cx.store);
    cx.start_job("ui.job.save", move || {
        let result = render::save_talon(&talon, &path, &protected);
        Done::Saved {
            path,
            open: true,
            result,
        }
    });
}

impl super::View for Reports {
    fn ui(&mut self, ui: &mut Ui, cx: &mut Cx) {
        self.draw(ui, cx);
    }

    fn is_reading(&self) -> bool {
        self.is_reading()
    }
}

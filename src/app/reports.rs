//! Отчёты: choose the form, the period, the settlement and the language; see the form on
//! screen (the very value the PDF and Excel files are made from); save it as PDF or Excel
//! through the file dialog; open the saved file. Also the applicant's талон.

use super::jobs::Done;
use super::period::PeriodChoice;
use super::reader::Fetch;
use super::widgets::{self, combo};
use super::{Cx, launch, preview, save_to};
use chrono::{Datelike, NaiveDate};
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

/// Which form a saved file holds: the form, its first and last days, settlement and language.
type Saved = (FormKind, NaiveDate, NaiveDate, Option<i64>, Lang);

/// Ctrl+P: print the form or the талон shown.
pub const PRINT: egui::KeyboardShortcut =
    egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::P);

/// The period a form starts with: the plan (F5) as of today, the others the last quarter that
/// has ended (in January–March, the fourth of the year before).
pub fn default_period(kind: FormKind, today: NaiveDate) -> (PeriodKind, i32) {
    if kind == FormKind::F5 {
        return (PeriodKind::AsOf, today.year());
    }
    match today.month0() / 3 {
        0 => (PeriodKind::Quarter(4), today.year() - 1),
        q => (PeriodKind::Quarter(q as u8), today.year()),
    }
}

/// `default_period` as the period chooser shows it.
fn default_choice(kind: FormKind, today: NaiveDate) -> PeriodChoice {
    let (kind, year) = default_period(kind, today);
    PeriodChoice {
        kind,
        year,
        from: String::new(),
        to: String::new(),
    }
}

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
    /// The period of the form shown (`shown`); each form keeps its own in `periods`.
    period: PeriodChoice,
    shown: Option<FormKind>,
    periods: Vec<(FormKind, PeriodChoice)>,
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
    /// The files saved, each with the form it holds («Открыть» opens the one shown).
    saved: Vec<(Saved, PathBuf)>,
    /// The form being saved by a job.
    saving: Option<Saved>,
}

impl Default for Reports {
    fn default() -> Self {
        let today = chrono::Local::now().date_naive();
        Reports {
            kind: FormKind::F1,
            period: default_choice(FormKind::F1, today),
            shown: None,
            periods: Vec::new(),
            settlement: None,
            lang: None,
            form: Fetch::default(),
            bad_period: None,
            heights: preview::Heights::default(),
            heights_of: 0,
            saved: Vec::new(),
            saving: None,
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
        }
    }

    /// Sets the chosen form's period to a quarter (tests and the dashboard).
    pub fn set_quarter(&mut self, year: i32, q: u8) {
        let mut choice = PeriodChoice::default();
        choice.set_quarter(year, q);
        self.periods.retain(|(k, _)| *k != self.kind);
        self.periods.push((self.kind, choice.clone()));
        if self.shown == Some(self.kind) {
            self.period = choice;
        }
    }

    /// The period kind of the form shown.
    pub fn period_kind(&self) -> PeriodKind {
        self.period.kind
    }

    /// Shows the chosen form's own period (kept from before, or its default): one form's
    /// period never carries over to another.
    fn load_period(&mut self, today: NaiveDate) {
        if self.shown == Some(self.kind) {
            return;
        }
        if let Some(old) = self.shown {
            self.periods.retain(|(k, _)| *k != old);
            self.periods.push((old, self.period.clone()));
        }
        self.period = self
            .periods
            .iter()
            .find(|(k, _)| *k == self.kind)
            .map(|(_, p)| p.clone())
            .unwrap_or_else(|| default_choice(self.kind, today));
        self.shown = Some(self.kind);
    }

    /// Which form is on screen, as a saved file records it.
    fn shown_id(&self) -> Option<Saved> {
        let f = self.form()?;
        Some((f.kind, f.from, f.to, self.settlement, f.lang))
    }

    /// The file of the form shown, when it was saved.
    pub fn saved_file(&self) -> Option<&std::path::Path> {
        let id = self.shown_id()?;
        self.saved
            .iter()
            .find(|(s, _)| *s == id)
            .map(|(_, p)| p.as_path())
    }

    /// A save job ended: the file holds the form it was started for.
    pub fn file_saved(&mut self, path: PathBuf) {
        if let Some(id) = self.saving.take() {
            self.saved.retain(|(s, _)| *s != id);
            self.saved.push((id, path));
        }
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
        self.load_period(cx.today());
        self.choices(ui, cx);
        self.refresh(cx);
        let ready = self.form().is_some() && self.bad_period.is_none();
        if ready && ui.input_mut(|i| i.consume_shortcut(&PRINT)) {
            self.print(cx);
        }
        ui.horizontal_wrapped(|ui| {
            let print = format!(
                "{} ({})",
                tr(lang, "ui.print"),
                ui.ctx().format_shortcut(&PRINT)
            );
            if ui
                .add_enabled(ready, egui::Button::new(RichText::new(print).strong()))
                .clicked()
            {
                self.print(cx);
            }
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
            if let Some(p) = self.saved_file().map(std::path::Path::to_path_buf) {
                if ui.button(tr(lang, "ui.reports.open")).clicked() {
                    save_to::open(cx, &p);
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
                // Each form shows its own period (the plan's is as of a date).
                self.load_period(cx.today());
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
        let Some(target) = save_to::choose(cx, &file_name(&form, ext), ext) else {
            return;
        };
        // The file is checked whole in the job, on a connection of its own (every page read:
        // seconds for a region's file); a store in memory has no file and is checked here.
        let db = cx.store.path().map(std::path::Path::to_path_buf);
        if db.is_none()
            && let Err(e) = cx.store.check_whole()
        {
            return cx.error(&e);
        }
        self.saving = self.shown_id();
        let protected = estu_core::safety::output::Protected::of(cx.store);
        cx.start_job("ui.job.save", move || {
            let whole = db.map_or(Ok(()), |db| {
                estu_core::store::Store::open_read_only(&db).and_then(|s| s.check_whole())
            });
            let result = whole.and_then(|()| render::save(&form, format, &target.path, &protected));
            Done::Saved {
                path: target.path,
                fallback: target.fallback,
                result,
            }
        });
    }

    /// Prints the form on screen: its PDF goes to the print folder and to the system's
    /// printing (on a thread: a long plan's PDF takes a while, `lp` waits for the spooler).
    pub fn print(&mut self, cx: &mut Cx) {
        let Some(form) = self.form().cloned() else {
            return;
        };
        let name = file_name(&form, "pdf");
        print_job(cx, name, move |path, protected| {
            render::save(&form, Format::Pdf, path, protected)
        });
    }
}

/// The folder printed files are written to (they must outlive the call: the printing program
/// reads them after it returns).
fn print_dir() -> PathBuf {
    std::env::temp_dir().join("estu-print")
}

/// Writes a PDF named `name` in the print folder with `write` and prints it, as a job.
fn print_job(
    cx: &mut Cx,
    name: String,
    write: impl FnOnce(&std::path::Path, &estu_core::safety::output::Protected) -> Result<()>
    + Send
    + 'static,
) {
    let protected = estu_core::safety::output::Protected::of(cx.store);
    let launcher = cx.dialogs.launcher();
    cx.start_job("ui.job.print", move || {
        let dir = print_dir();
        let path = dir.join(&name);
        let result = std::fs::create_dir_all(&dir)
            .map_err(|e| Error::File {
                path: dir.clone(),
                source: e,
            })
            .and_then(|()| write(&path, &protected))
            .map(|()| launcher(launch::Action::Print, &path));
        Done::Launched {
            path,
            action: launch::Action::Print,
            fallback: false,
            result,
        }
    });
}

/// The files a form can be saved as, with their buttons' wording.
pub const FORMATS: [(&str, Format); 3] = [
    ("ui.reports.save_pdf", Format::Pdf),
    ("ui.reports.save_xlsx", Format::Xlsx),
    ("ui.reports.save_json", Format::Json),
];

/// Where a талон is computed: in the job, on a read-only connection of its own to the file
/// (the click's frame runs no SQL), or at once on a store in memory, which has no file.
enum TalonFrom {
    File(PathBuf),
    Computed(Result<forms::talon::Talon>),
}

impl TalonFrom {
    fn of(cx: &Cx, reg_number: &str) -> TalonFrom {
        match cx.store.path() {
            Some(p) => TalonFrom::File(p.to_path_buf()),
            None => {
                TalonFrom::Computed(forms::talon::compute(cx.store.conn(), reg_number, cx.lang))
            }
        }
    }

    /// The талон, in the job's thread.
    fn talon(self, reg_number: &str, lang: Lang) -> Result<forms::talon::Talon> {
        match self {
            TalonFrom::File(p) => forms::talon::compute(&Db::open_read_only(&p)?, reg_number, lang),
            TalonFrom::Computed(t) => t,
        }
    }
}

/// Saves the талон of appeal `reg_number` as PDF where the user chooses, then opens it.
pub fn save_talon(cx: &mut Cx, reg_number: &str) {
    let from = TalonFrom::of(cx, reg_number);
    let Some(target) = save_to::choose(cx, &talon_name(reg_number), "pdf") else {
        return;
    };
    let protected = estu_core::safety::output::Protected::of(cx.store);
    let launcher = cx.dialogs.launcher();
    let (reg_number, lang) = (reg_number.to_string(), cx.lang);
    cx.start_job("ui.job.save", move || {
        let result = from
            .talon(&reg_number, lang)
            .and_then(|talon| render::save_talon(&talon, &target.path, &protected))
            .map(|()| launcher(launch::Action::Open, &target.path));
        Done::Launched {
            path: target.path,
            action: launch::Action::Open,
            fallback: target.fallback,
            result,
        }
    });
}

/// A талон's file name: `talon_2024-0012.pdf`.
fn talon_name(reg_number: &str) -> String {
    format!("talon_{}.pdf", reg_number.replace(['/', '\\', ' '], "-"))
}

/// Prints the талон of appeal `reg_number` (Ctrl+P in the appeal form).
pub fn print_talon(cx: &mut Cx, reg_number: &str) {
    let from = TalonFrom::of(cx, reg_number);
    let (reg, lang) = (reg_number.to_string(), cx.lang);
    print_job(cx, talon_name(reg_number), move |path, protected| {
        render::save_talon(&from.talon(&reg, lang)?, path, protected)
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

//! File → Импорт…: records an okrug already has, brought in from an exchange file (.json) or
//! a spreadsheet (.xlsx, .xls, .ods, .csv) holding a journal, meetings with the questions
//! raised there, or an action plan. What the rows are and the columns matched from the
//! headers are shown to be confirmed or changed, unknown topics are mapped to the
//! classifier's and unknown settlements to the okrug's (or added), and a preview says what
//! would be written and every problem with its row and column; «Импортировать» then writes
//! all or nothing.
//!
//! Reading, checking and writing run as jobs (`jobs`): each borrows the app's store for its
//! run (a check is the import's own transaction, rolled back) and gives it back.

use super::widgets;
use egui::{RichText, Ui};
use estu_core::error::{Error, Problem, Result};
use estu_core::exchange::{self, Opened, Report};
use estu_core::i18n::{Lang, Text, tr, trf};
use estu_core::model::{Channel, MeetingKind, Settlement, Topic};
use estu_core::store::Store;
use estu_core::tabular::{self, Check, Kind, Mapping, Preview, Table, is_table};
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod table;
use table::list_new;

/// The samples offered in the dialog («Открыть пример»): made up, no real people.
pub const SAMPLES: [(&str, &[u8]); 4] = [
    (
        "reception-journal.xlsx",
        include_bytes!("../../assets/samples/reception-journal.xlsx"),
    ),
    (
        "reception-journal.csv",
        include_bytes!("../../assets/samples/reception-journal.csv"),
    ),
    (
        "meetings.xlsx",
        include_bytes!("../../assets/samples/meetings.xlsx"),
    ),
    (
        "action-plan.csv",
        include_bytes!("../../assets/samples/action-plan.csv"),
    ),
];

/// Where the records come from.
#[derive(Clone)]
pub enum Source {
    Table(Arc<Table>),
    /// An exchange file (its header read; its records are read by each check and import)
    /// and its name.
    Exchange(Arc<Opened>, String),
}

/// What the user chose: the columns, the topics of the words the file uses, and (exchange
/// files) whether to take the file's topic mapping.
#[derive(Clone, Debug, PartialEq)]
pub struct Choices {
    pub mapping: Option<Mapping>,
    /// The file's words for topics the classifier does not know → a topic's code.
    pub topics: Vec<(String, Option<String>)>,
    /// The file's settlements the okrug's do not match → an existing one's name, or `None`
    /// to add it.
    pub settlements: Vec<(String, Option<String>)>,
    pub default_topic: Option<String>,
    pub channel: Channel,
    pub meeting_kind: MeetingKind,
    pub take_mapping: bool,
}

impl Default for Choices {
    fn default() -> Self {
        Choices {
            mapping: None,
            topics: Vec::new(),
            settlements: Vec::new(),
            default_topic: None,
            channel: Channel::Reception,
            meeting_kind: MeetingKind::Gathering,
            take_mapping: false,
        }
    }
}

impl Choices {
    fn options(&self, dry_run: bool) -> tabular::Options {
        tabular::Options {
            dry_run,
            default_channel: self.channel,
            default_topic: self.default_topic.clone(),
            topics: chosen(&self.topics),
            settlements: chosen(&self.settlements),
            meeting_kind: self.meeting_kind,
            remember: !dry_run,
        }
    }
}

/// The words the user mapped (those left unchosen are not).
fn chosen(words: &[(String, Option<String>)]) -> Vec<(String, String)> {
    words
        .iter()
        .filter_map(|(w, c)| c.clone().map(|c| (w.clone(), c)))
        .collect()
}

/// What a check found.
pub enum Checked {
    Table(Result<Check>),
    Exchange(Result<Report>),
}

/// What a job of the dialog hands back (with the store it borrowed).
pub enum Step {
    /// The file read, its columns found and a first check run.
    Opened(Result<(Source, Option<Mapping>)>, Option<Checked>),
    Checked(Checked),
    Imported(Result<Imported>),
}

/// What an import wrote (from a table: with what its rows were).
pub enum Imported {
    Table(Preview, Kind),
    Exchange(Report),
}

/// What the dialog asks the app to do (the app owns the store and the job slot).
pub enum Request {
    /// Choose a file through the dialog.
    Choose,
    /// Open the sample at this index of `SAMPLES`.
    Sample(usize),
    /// Check the file with the current choices (nothing written).
    Check,
    /// Write it, all or nothing.
    Import,
}

/// The import window's state.
#[derive(Default)]
pub struct ImportDialog {
    source: Option<Source>,
    pub choices: Choices,
    /// The choices the last check ran with (the import is offered for those only).
    checked_with: Option<Choices>,
    checked: Option<Checked>,
    /// A file that could not be read, or an import refused.
    error: Option<String>,
    /// Problems of an import that was refused.
    refused: Vec<Problem>,
}

/// The job that reads `path` (or a sample's bytes) and checks it with the default choices.
pub fn open_job(store: &mut Store, name: &str, path: Option<&Path>, bytes: Option<&[u8]>) -> Step {
    let source = match (path, bytes) {
        (Some(p), _) if !is_table(p) => exchange::open(p, None).map(|f| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            Source::Exchange(Arc::new(f), name)
        }),
        (Some(p), _) => Table::open(p).map(|t| Source::Table(Arc::new(t))),
        (None, b) => {
            Table::from_bytes(name, b.unwrap_or_default()).map(|t| Source::Table(Arc::new(t)))
        }
    };
    let source = match source {
        Ok(s) => s,
        Err(e) => return Step::Opened(Err(e), None),
    };
    let mapping = match &source {
        Source::Table(t) => match t.mapping(store.conn()) {
            Ok(m) => Some(m),
            Err(e) => return Step::Opened(Err(e), None),
        },
        Source::Exchange(..) => None,
    };
    let choices = Choices {
        mapping: mapping.clone(),
        ..Default::default()
    };
    let checked = check_job(store, &source, &choices);
    Step::Opened(Ok((source, mapping)), Some(checked))
}

/// A check: the import's own transaction, rolled back.
pub fn check_job(store: &mut Store, source: &Source, c: &Choices) -> Checked {
    match source {
        Source::Table(t) => Checked::Table(match &c.mapping {
            Some(m) => tabular::check(store, t, m, &c.options(true)),
            None => Err(no_headers(t)),
        }),
        Source::Exchange(f, _) => Checked::Exchange(exchange::check_from(
            store,
            f,
            exchange::Options {
                take_mapping: c.take_mapping,
            },
        )),
    }
}

/// The import itself: all or nothing.
pub fn import_job(store: &mut Store, source: &Source, c: &Choices) -> Step {
    Step::Imported(match source {
        Source::Table(t) => match &c.mapping {
            Some(m) => {
                tabular::import(store, t, m, &c.options(false)).map(|p| Imported::Table(p, m.kind))
            }
            None => Err(no_headers(t)),
        },
        Source::Exchange(f, _) => exchange::import_from(
            store,
            f,
            exchange::Options {
                take_mapping: c.take_mapping,
            },
        )
        .map(Imported::Exchange),
    })
}

fn no_headers(t: &Table) -> Error {
    Error::Other(Text::new("err.tabular.no_headers").arg("path", &t.file))
}

/// The core's words for an unknown or missing topic name the command line's flags; in the
/// window the topics are chosen above the problems.
fn in_app_words(mut p: Problem) -> Problem {
    match p.what.key.as_str() {
        "import.value.unknown_topic" => p.what.key = "ui.import.unknown_topic".into(),
        "import.value.no_topic" => p.what.key = "ui.import.no_topic".into(),
        _ => {}
    }
    p
}

impl ImportDialog {
    /// The work the app is about to start (the next job's inputs).
    pub fn source(&self) -> Option<&Source> {
        self.source.as_ref()
    }

    /// Takes what a job handed back. Returns what was imported (the app then closes the
    /// window and says so).
    pub fn take(&mut self, step: Step, lang: Lang) -> Option<Imported> {
        match step {
            Step::Opened(Ok((source, mapping)), checked) => {
                *self = ImportDialog {
                    source: Some(source),
                    choices: Choices {
                        mapping,
                        ..Default::default()
                    },
                    ..Default::default()
                };
                self.checked_with = Some(self.choices.clone());
                if let Some(c) = checked {
                    self.take_check(c);
                }
            }
            Step::Opened(Err(e), _) => {
                *self = ImportDialog {
                    error: Some(e.message(lang)),
                    ..Default::default()
                };
            }
            Step::Checked(c) => self.take_check(c),
            Step::Imported(Ok(done)) => return Some(done),
            Step::Imported(Err(Error::Invalid(ps))) => {
                self.refused = ps;
                self.checked_with = None;
            }
            Step::Imported(Err(e)) => {
                self.error = Some(e.message(lang));
                self.checked_with = None;
            }
        }
        None
    }

    fn take_check(&mut self, c: Checked) {
        self.error = None;
        self.refused.clear();
        if let Checked::Table(Ok(check)) = &c {
            // Every word met is listed to be mapped; the choices made stay.
            // (An unmapped word is what the check ran with: the check stays current.)
            for c in [Some(&mut self.choices), self.checked_with.as_mut()]
                .into_iter()
                .flatten()
            {
                list_new(&mut c.topics, &check.unknown_topics);
                list_new(&mut c.settlements, &check.preview.new_settlements);
            }
        }
        self.checked = Some(c);
    }

    /// Marks the choices the next check runs with.
    pub fn checking(&mut self) {
        self.checked_with = Some(self.choices.clone());
    }

    /// Whether the last check ran with the current choices and found nothing wrong.
    pub fn can_import(&self) -> bool {
        if self.checked_with.as_ref() != Some(&self.choices) || !self.refused.is_empty() {
            return false;
        }
        match &self.checked {
            Some(Checked::Table(Ok(c))) => c.problems.is_empty() && c.preview.records() > 0,
            Some(Checked::Exchange(Ok(_))) => true,
            _ => false,
        }
    }

    /// Draws the window's content; returns what the user asked for.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        lang: Lang,
        refs: (&[Topic], &[Settlement]),
        busy: bool,
    ) -> Option<Request> {
        let mut req = None;
        ui.horizontal_wrapped(|ui| {
            if ui
                .add_enabled(!busy, egui::Button::new(tr(lang, "ui.import.choose")))
                .clicked()
            {
                req = Some(Request::Choose);
            }
            ui.label(RichText::new(tr(lang, "ui.import.sample")).weak());
            for (i, (name, _)) in SAMPLES.iter().enumerate() {
                if ui.add_enabled(!busy, egui::Button::new(*name)).clicked() {
                    req = Some(Request::Sample(i));
                }
            }
        });
        ui.label(RichText::new(tr(lang, "ui.import.kinds")).weak().small());
        if let Some(e) = &self.error {
            ui.label(RichText::new(e).color(widgets::RED));
        }
        let Some(source) = self.source.clone() else {
            return req;
        };
        ui.separator();
        match &source {
            Source::Table(t) => {
                self.records_choice(ui, lang, t);
                self.table_choices(ui, lang, t);
                self.word_choices(ui, lang, refs);
            }
            Source::Exchange(_, name) => {
                ui.label(
                    RichText::new(trf(lang, "ui.import.exchange_file", &[("file", name)])).strong(),
                );
                self.mapping_choice(ui, lang);
            }
        }
        ui.separator();
        let current = self.checked_with.as_ref() == Some(&self.choices);
        if !current {
            ui.label(RichText::new(tr(lang, "ui.import.changed")).color(widgets::AMBER));
        } else {
            self.preview(ui, lang, &source);
        }
        ui.horizontal(|ui| {
            if ui
                .add_enabled(!busy, egui::Button::new(tr(lang, "ui.import.check")))
                .clicked()
            {
                req = Some(Request::Check);
            }
            let go = egui::Button::new(RichText::new(tr(lang, "ui.import.go")).strong());
            if ui.add_enabled(!busy && self.can_import(), go).clicked() {
                req = Some(Request::Import);
            }
        });
        req
    }

    /// An exchange file that maps topics to form lines differently: what would change, and
    /// the choice the command line's `--take-mapping` makes.
    fn mapping_choice(&mut self, ui: &mut Ui, lang: Lang) {
        let Some(Checked::Exchange(Ok(r))) = &self.checked else {
            return;
        };
        if r.mapping.is_empty() {
            return;
        }
        ui.label(RichText::new(tr(lang, "ui.import.mapping_differs")).strong());
        // The command line's words (`MappingChange::describe`) draw an arrow the window's
        // font lacks: the same change in words.
        for c in &r.mapping {
            let text = Text::new("ui.import.mapping_change")
                .arg("name", &c.name_ru)
                .arg("code", &c.code)
                .arg("form", c.form.to_uppercase())
                .arg("old", &c.old)
                .arg("new", &c.new);
            ui.label(format!("• {}", text.render(lang)));
        }
        ui.radio_value(
            &mut self.choices.take_mapping,
            false,
            tr(lang, "ui.import.keep_mapping"),
        );
        ui.radio_value(
            &mut self.choices.take_mapping,
            true,
            tr(lang, "ui.import.take_mapping"),
        );
    }

    /// What the last check found: counts, what would be created, every problem.
    fn preview(&self, ui: &mut Ui, lang: Lang, source: &Source) {
        let mut problems: Vec<String> = self
            .refused
            .iter()
            .map(|p| in_app_words(p.clone()).message(lang))
            .collect();
        match &self.checked {
            Some(Checked::Table(Ok(c))) => {
                let p = &c.preview;
                let kind = self
                    .choices
                    .mapping
                    .as_ref()
                    .map_or(Kind::Appeals, |m| m.kind);
                let key = match kind {
                    Kind::Appeals => "ui.import.would_appeals",
                    Kind::Meetings => "ui.import.would_meetings",
                    Kind::Plan => "ui.import.would_plan",
                };
                ui.label(trf(
                    lang,
                    key,
                    &[
                        ("appeals", &p.appeals),
                        ("answered", &p.answered),
                        ("meetings", &p.meetings),
                        ("questions", &p.questions),
                        ("plan", &p.plan_items),
                    ],
                ));
                if p.new_receptions > 0 {
                    ui.label(trf(
                        lang,
                        "ui.import.would_receptions",
                        &[("n", &p.new_receptions)],
                    ));
                }
                for (key, names) in [
                    ("cli.tabular.new_settlements", &p.new_settlements),
                    ("cli.tabular.new_executors", &p.new_executors),
                    ("cli.tabular.new_staff", &p.new_staff),
                ] {
                    if !names.is_empty() {
                        ui.label(trf(lang, key, &[("names", &names.join(", "))]));
                    }
                }
                problems.extend(
                    c.problems
                        .iter()
                        .map(|p| in_app_words(p.clone()).message(lang)),
                );
            }
            Some(Checked::Exchange(Ok(r))) => {
                ui.label(trf(
                    lang,
                    "ui.import.would_exchange",
                    &[
                        ("appeals", &r.appeals),
                        ("receptions", &r.receptions),
                        ("meetings", &r.meetings),
                        ("questions", &r.questions),
                        ("plan", &r.plan_items),
                        ("settlements", &r.settlements),
                    ],
                ));
            }
            Some(Checked::Table(Err(e)) | Checked::Exchange(Err(e))) => match e {
                Error::Invalid(ps) => {
                    problems.extend(ps.iter().map(|p| in_app_words(p.clone()).message(lang)))
                }
                e => problems.push(e.message(lang)),
            },
            None => {}
        }
        if let (Source::Table(_), Some(Checked::Table(Ok(c)))) = (source, &self.checked)
            && c.preview.records() == 0
            && problems.is_empty()
        {
            ui.label(RichText::new(tr(lang, "ui.import.nothing")).color(widgets::AMBER));
        }
        if problems.is_empty() {
            if self.can_import() {
                ui.label(RichText::new(tr(lang, "ui.import.ready")).color(widgets::GREEN));
            }
            return;
        }
        ui.label(
            RichText::new(trf(lang, "ui.import.problems", &[("n", &problems.len())]))
                .color(widgets::RED)
                .strong(),
        );
        egui::ScrollArea::vertical()
            .id_salt("import_problems")
            .max_height(180.0)
            .show(ui, |ui| {
                for p in problems {
                    ui.label(RichText::new(p).color(widgets::RED));
                }
            });
    }
}

/// Where an export goes: the file the user chose.
/// How a full exchange file is written: encrypted with a password (age), or plain when the
/// user chose so knowingly.
pub enum Sealing {
    Plain,
    Password(String),
}

pub fn exchange_export(
    db: PathBuf,
    path: PathBuf,
    district: bool,
    sealing: Sealing,
) -> super::jobs::Done {
    let result = Store::open_read_only(&db).and_then(|s| {
        let personal = if district {
            exchange::PersonalData::Omit
        } else {
            exchange::PersonalData::Include
        };
        match &sealing {
            Sealing::Plain => exchange::write_file(&s, &path, personal),
            Sealing::Password(pw) => exchange::write_sealed(&s, &path, personal, pw),
        }
    });
    super::jobs::Done::Exported { path, result }
}

/// What the user answered when asked how to write the full exchange file of an encrypted
/// database.
pub enum ExportChoice {
    Sealed(String),
    Plain,
    Cancel,
}

/// Asks for the password of a full exchange file (twice), or a plain file knowingly.
#[derive(Default)]
pub struct ExportAsk {
    password: String,
    again: String,
    error: Option<String>,
}

impl ExportAsk {
    pub fn ui(&mut self, ctx: &egui::Context, lang: Lang) -> Option<ExportChoice> {
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("export_ask")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            ui.heading(tr(lang, "ui.export.ask_title"));
            ui.label(tr(lang, "ui.export.ask_intro"));
            egui::Grid::new("export_password")
                .num_columns(2)
                .show(ui, |ui| {
                    for (key, value) in [
                        ("ui.wizard.password", &mut self.password),
                        ("ui.wizard.password_again", &mut self.again),
                    ] {
                        let l = ui.label(tr(lang, key));
                        ui.add(egui::TextEdit::singleline(value).password(true))
                            .labelled_by(l.id);
                        ui.end_row();
                    }
                });
            if let Some(e) = &self.error {
                ui.colored_label(super::widgets::RED, e);
            }
            ui.label(RichText::new(tr(lang, "ui.export.plain_warning")).weak());
            ui.horizontal_wrapped(|ui| {
                if ui
                    .button(RichText::new(tr(lang, "ui.export.sealed")).strong())
                    .clicked()
                {
                    if self.password != self.again {
                        self.error = Some(tr(lang, "err.password.mismatch"));
                    } else {
                        choice = Some(ExportChoice::Sealed(std::mem::take(&mut self.password)));
                    }
                }
                if ui.button(tr(lang, "ui.export.plain")).clicked() {
                    choice = Some(ExportChoice::Plain);
                }
                if ui.button(tr(lang, "ui.cancel")).clicked() {
                    choice = Some(ExportChoice::Cancel);
                }
            });
        });
        choice
    }
}

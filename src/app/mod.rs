//! The desktop app: the okrug staff's daily work (journal, reception, meetings, plan, forms)
//! on top of the library. One module per screen; this one holds the app state, the side panel,
//! the language and the UI scale, and the unsaved-changes prompt.
//!
//! Screens never write to the database except through `Store::write`, and they read through
//! the same record functions as the command line.

pub mod appeal_form;
pub mod backups;
pub mod dashboard;
pub mod journal;
pub mod journal_worker;
pub mod meetings;
pub mod plan;
pub mod preview;
pub mod reception;
pub mod reference;
pub mod reports;
pub mod signin;
pub mod users;
pub mod widgets;
pub mod wizard;

use egui::{Key, RichText, Ui};
use estu_core::error::{Error, Result};
use estu_core::i18n::{Lang, tr};
use estu_core::model::*;
use estu_core::rules::calendar::Calendar;
use estu_core::rules::deadline::WorkHours;
use estu_core::safety::backup;
use estu_core::store::{Store, reference as refs_store};
use std::path::{Path, PathBuf};

/// Opens the desktop window on `db_path` (the first-start wizard when the file does not exist).
pub fn run(db_path: PathBuf) -> Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Есту")
            .with_inner_size([1280.0, 760.0])
            .with_min_inner_size([900.0, 560.0]),
        ..Default::default()
    };
    let app = App::open(db_path);
    eframe::run_native("estu", options, Box::new(|_cc| Ok(Box::new(app))))
        .map_err(|e| Error::Other(estu_core::i18n::Text::new("err.app.window").arg("detail", e)))
}

/// Where files come from and go to. The real app asks through the native dialogs; tests put
/// a path in directly. A dialog that fails (no desktop portal) is the same as Cancel.
pub trait Dialogs {
    fn open_db(&mut self) -> Option<PathBuf>;
    fn save_db(&mut self) -> Option<PathBuf>;
    /// Where to save a file; `ext` is its extension ("pdf", "xlsx").
    fn save_file(&mut self, suggested: &str, ext: &str) -> Option<PathBuf>;
    /// Opens a saved file with the system's viewer.
    fn open_external(&mut self, path: &Path);
}

/// The native dialogs (rfd).
pub struct NativeDialogs;

impl Dialogs for NativeDialogs {
    fn open_db(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .add_filter("Estu", &["db", "sqlite"])
            .pick_file()
    }
    fn save_db(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .add_filter("Estu", &["db"])
            .set_file_name("estu.db")
            .save_file()
    }
    fn save_file(&mut self, suggested: &str, ext: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .add_filter(ext.to_uppercase(), &[ext])
            .set_file_name(suggested)
            .save_file()
    }
    fn open_external(&mut self, path: &Path) {
        let opener = if cfg!(windows) {
            "explorer"
        } else if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        };
        if let Err(e) = std::process::Command::new(opener).arg(path).spawn() {
            tracing::warn!("cannot start the file viewer: {e}");
        }
    }
}

/// The screens of the side panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Dashboard,
    Journal,
    Reception,
    Meetings,
    Plan,
    Reports,
    Reference,
    Backups,
}

impl Screen {
    pub const ALL: [Screen; 8] = [
        Screen::Dashboard,
        Screen::Journal,
        Screen::Reception,
        Screen::Meetings,
        Screen::Plan,
        Screen::Reports,
        Screen::Reference,
        Screen::Backups,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Screen::Dashboard => "ui.nav.dashboard",
            Screen::Journal => "ui.nav.journal",
            Screen::Reception => "ui.nav.reception",
            Screen::Meetings => "ui.nav.meetings",
            Screen::Plan => "ui.nav.plan",
            Screen::Reports => "ui.nav.reports",
            Screen::Reference => "ui.nav.reference",
            Screen::Backups => "ui.nav.backups",
        }
    }
}

/// Reference data every screen needs, read once and again after it changes.
#[derive(Default)]
pub struct Refs {
    pub profile: OkrugProfile,
    pub settlements: Vec<Settlement>,
    pub topics: Vec<Topic>,
    pub executors: Vec<Executor>,
    pub staff: Vec<Staff>,
    pub calendar: Calendar,
    pub hours: WorkHours,
}

impl Refs {
    pub fn load(store: &Store) -> Result<Refs> {
        let conn = store.conn();
        let profile = refs_store::profile(conn)?;
        Ok(Refs {
            hours: WorkHours::parse(&profile.work_start, &profile.work_end),
            profile,
            settlements: refs_store::settlements(conn)?,
            topics: refs_store::topics(conn)?,
            executors: refs_store::executors(conn)?,
            staff: refs_store::staff(conn)?,
            calendar: refs_store::load_calendar(conn)?,
        })
    }

    pub fn settlement_name(&self, id: Option<i64>, lang: Lang) -> String {
        id.and_then(|id| self.settlements.iter().find(|s| s.id == id))
            .map(|s| lang.pick(&s.name_ru, &s.name_kk).to_string())
            .unwrap_or_default()
    }

    pub fn topic_name(&self, id: Option<i64>, lang: Lang) -> String {
        id.and_then(|id| self.topics.iter().find(|t| t.id == id))
            .map(|t| lang.pick(&t.name_ru, &t.name_kk).to_string())
            .unwrap_or_default()
    }

    pub fn executor_name(&self, id: Option<i64>) -> String {
        id.and_then(|id| self.executors.iter().find(|e| e.id == id))
            .map(|e| e.name.clone())
            .unwrap_or_default()
    }

    pub fn settlement_options(&self, lang: Lang) -> Vec<(i64, String)> {
        self.settlements
            .iter()
            .filter(|s| s.active)
            .map(|s| (s.id, lang.pick(&s.name_ru, &s.name_kk).to_string()))
            .collect()
    }

    pub fn topic_options(&self, lang: Lang) -> Vec<(i64, String)> {
        self.topics
            .iter()
            .filter(|t| t.active)
            .map(|t| (t.id, lang.pick(&t.name_ru, &t.name_kk).to_string()))
            .collect()
    }

    pub fn executor_options(&self) -> Vec<(i64, String)> {
        self.executors
            .iter()
            .filter(|e| e.active)
            .map(|e| (e.id, e.name.clone()))
            .collect()
    }
}

/// A message at the bottom of the window.
#[derive(Debug, Clone, PartialEq)]
pub struct Toast {
    pub text: String,
    pub error: bool,
}

/// Where a screen asks the app to go.
#[derive(Debug, Clone, PartialEq)]
pub enum Go {
    Screen(Screen),
    /// Open an appeal in the form.
    Appeal(i64),
    /// A new appeal; at a reception session when given.
    NewAppeal {
        reception: Option<i64>,
    },
    Meeting(i64),
    PlanItem(i64),
    /// The journal filtered by one status (from the dashboard's tiles).
    Journal(estu_core::store::appeals::StatusFilter),
    /// The change history of one record.
    History(estu_core::store::history::RecordKind, i64),
    /// Close the open editor (meeting, plan item) and show its list.
    CloseEditor,
    /// Close the appeal form (after the unsaved-changes prompt).
    CloseForm,
    /// The reports screen with one form chosen.
    Report(&'static str),
}

/// What a screen gets to work with during one frame.
pub struct Cx<'a> {
    pub store: &'a mut Store,
    pub refs: &'a Refs,
    pub lang: Lang,
    /// Bumped after every write: screens drop their cached reads when it changes.
    pub generation: &'a mut u64,
    pub toast: &'a mut Option<Toast>,
    pub dialogs: &'a mut dyn Dialogs,
    pub go: &'a mut Option<Go>,
    /// Set when reference data changed and must be read again.
    pub refs_changed: &'a mut bool,
}

impl Cx<'_> {
    pub fn t(&self, key: &str) -> String {
        tr(self.lang, key)
    }

    pub fn today(&self) -> chrono::NaiveDate {
        self.store.today()
    }

    pub fn info(&mut self, text: String) {
        *self.toast = Some(Toast { text, error: false });
    }

    pub fn error(&mut self, e: &Error) {
        *self.toast = Some(Toast {
            text: e.message(self.lang),
            error: true,
        });
    }

    /// Marks data as written: cached lists and the dashboard read again.
    pub fn changed(&mut self) {
        *self.generation += 1;
    }
}

/// An editor that may hold typed but unsaved changes.
pub trait Editor {
    fn dirty(&self) -> bool;
    /// Tries to save; false when the store refused (the problems are shown in the form).
    fn save(&mut self, cx: &mut Cx) -> bool;
    fn discard(&mut self);
}

/// The whole app.
pub struct App {
    pub lang: Lang,
    pub db_path: PathBuf,
    pub store: Option<Store>,
    pub refs: Refs,
    pub screen: Screen,
    pub generation: u64,
    pub toast: Option<Toast>,
    pub dialogs: Box<dyn Dialogs>,
    /// The open appeal form (over the journal or the reception screen).
    pub form: Option<appeal_form::AppealForm>,
    pub wizard: wizard::Wizard,
    /// Who is working: the sign-in at start, the idle lock, the recovery code once.
    pub gate: signin::Gate,
    pub dashboard: dashboard::Dashboard,
    pub journal: journal::Journal,
    pub reception: reception::ReceptionScreen,
    pub meetings: meetings::Meetings,
    pub plan: plan::Plan,
    pub reports: reports::Reports,
    pub reference: reference::Reference,
    pub backups: backups::Backups,
    /// Where to go once the user answered the unsaved-changes prompt.
    pending: Option<Go>,
    zoom_applied: Option<f32>,
    /// The day's automatic copy, made on a thread while the user works.
    daily_backup: Option<DailyBackup>,
}

type DailyBackup = std::thread::JoinHandle<Result<Option<backup::BackupInfo>>>;

impl App {
    /// The app on `db_path`: opened when it exists, the wizard when it does not.
    pub fn open(db_path: PathBuf) -> App {
        let mut app = App::empty(db_path.clone());
        if estu_core::safety::needs_password(&db_path) {
            app.gate = signin::Gate::at_start();
        } else if db_path.exists() {
            match app.open_store(&db_path) {
                Ok(store) => app.attach(store),
                Err(e) => {
                    app.toast = Some(Toast {
                        text: e.message(app.lang),
                        error: true,
                    })
                }
            }
        }
        app
    }

    /// The app on an already open store (tests and benchmarks).
    pub fn with_store(store: Store) -> App {
        let path = store.path().map(Path::to_path_buf).unwrap_or_default();
        let mut app = App::empty(path);
        app.attach(store);
        app
    }

    fn empty(db_path: PathBuf) -> App {
        App {
            lang: Lang::Ru,
            db_path,
            store: None,
            refs: Refs::default(),
            screen: Screen::Dashboard,
            generation: 0,
            toast: None,
            dialogs: Box::new(NativeDialogs),
            form: None,
            wizard: wizard::Wizard::default(),
            gate: Default::default(),
            dashboard: Default::default(),
            journal: Default::default(),
            reception: Default::default(),
            meetings: Default::default(),
            plan: Default::default(),
            reports: Default::default(),
            reference: Default::default(),
            backups: Default::default(),
            pending: None,
            zoom_applied: None,
            daily_backup: None,
        }
    }

    /// Opens `path` and starts the day's automatic copy beside the work (a copy of a large
    /// file takes seconds: the window does not wait for it). The journal of a file the user
    /// opened reads its pages on a thread (`attach` carries this over).
    fn open_store(&mut self, path: &Path) -> Result<Store> {
        let store = match estu_core::safety::open_without_daily_backup(path) {
            // Another window or the command line writes the file: read beside it and say so;
            // the copy of the day is that program's to make.
            Err(Error::Locked) => {
                let store = Store::open_read_only(path)?;
                self.journal.background = true;
                let text = Error::OpenedReadOnly(path.to_path_buf()).message(self.lang);
                self.toast = Some(Toast { text, error: false });
                return Ok(store);
            }
            other => other?,
        };
        self.journal.background = true;
        match backup::auto_backup_in_background(&store) {
            Ok(job) => self.daily_backup = job,
            Err(e) => self.backup_failed(&e),
        }
        Ok(store)
    }

    fn backup_failed(&mut self, e: &Error) {
        tracing::warn!(error = %e, "automatic backup failed");
        let text = estu_core::i18n::trf(
            self.lang,
            "cli.backup_warning",
            &[("detail", &e.message(self.lang))],
        );
        self.toast = Some(Toast { text, error: true });
    }

    /// Reports the day's copy once its thread ends (only a failure is worth a word).
    fn poll_daily_backup(&mut self) {
        if !self.daily_backup.as_ref().is_some_and(|j| j.is_finished()) {
            return;
        }
        let result = self.daily_backup.take().map(|j| j.join());
        match result {
            Some(Ok(Err(e))) => self.backup_failed(&e),
            Some(Err(_)) => tracing::error!("the backup thread panicked"),
            _ => {}
        }
    }

    /// Starts working on `store`: reads its reference data and the saved language; every
    /// screen starts afresh (nothing of another file's state carries over).
    pub fn attach(&mut self, store: Store) {
        let path = store
            .path()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| self.db_path.clone());
        let mut fresh = App::empty(path);
        fresh.dialogs = std::mem::replace(&mut self.dialogs, Box::new(NoDialogs));
        fresh.lang = self.lang;
        fresh.generation = self.generation + 1;
        fresh.toast = self.toast.take();
        fresh.daily_backup = self.daily_backup.take();
        fresh.gate.recovery = self.gate.recovery.take();
        // A new file gets a new reader thread (the old one ends with the old journal).
        fresh.journal.background = self.journal.background;
        if let Ok(Some(l)) = refs_store::setting(store.conn(), "ui.lang")
            && let Some(l) = Lang::parse(&l)
        {
            fresh.lang = l;
        }
        match Refs::load(&store) {
            Ok(r) => fresh.refs = r,
            Err(e) => fresh.toast_error(&e),
        }
        fresh.store = Some(store);
        *self = fresh;
    }

    /// Replaces the file dialogs (tests put paths in directly).
    pub fn set_dialogs(&mut self, d: Box<dyn Dialogs>) {
        self.dialogs = d;
    }

    pub fn set_lang(&mut self, lang: Lang) {
        self.lang = lang;
        // A note like «сохранено» was written in the other language and is done with; an
        // error stays until it is read and closed.
        if self.toast.as_ref().is_some_and(|t| !t.error) {
            self.toast = None;
        }
        if let Some(store) = self.store.as_mut()
            && let Err(e) = store.write(|tx| refs_store::set_setting(tx, "ui.lang", lang.code()))
        {
            self.toast = Some(Toast {
                text: e.message(lang),
                error: true,
            });
        }
    }

    fn set_zoom(&mut self, ctx: &egui::Context, zoom: f32) {
        let zoom = zoom.clamp(0.7, 2.5);
        ctx.set_zoom_factor(zoom);
        self.zoom_applied = Some(zoom);
        if let Some(store) = self.store.as_mut() {
            let _ = store.write(|tx| refs_store::set_setting(tx, "ui.zoom", &format!("{zoom:.2}")));
        }
    }

    /// The editor of the current view that may hold unsaved changes.
    fn current_editor(&mut self) -> Option<&mut dyn Editor> {
        if let Some(f) = self.form.as_mut() {
            return Some(f);
        }
        match self.screen {
            Screen::Meetings => self.meetings.editor_mut(),
            Screen::Plan => self.plan.editor_mut(),
            Screen::Reference => Some(&mut self.reference),
            _ => None,
        }
    }

    fn is_dirty(&mut self) -> bool {
        self.current_editor().is_some_and(|e| e.dirty())
    }

    /// Goes where asked, after the unsaved-changes prompt when the current form has changes.
    fn navigate(&mut self, go: Go) {
        if self.is_dirty() {
            self.pending = Some(go);
            return;
        }
        self.go_now(go);
    }

    fn go_now(&mut self, go: Go) {
        let Some(store) = self.store.as_ref() else {
            return;
        };
        match go {
            Go::Screen(s) => {
                // The side panel's item of the current screen returns to its list.
                if s == self.screen && self.form.is_none() {
                    self.meetings.close_editor();
                    self.plan.close_editor();
                }
                self.form = None;
                self.screen = s;
            }
            Go::CloseForm => self.form = None,
            Go::History(kind, id) => {
                self.form = None;
                self.screen = Screen::Backups;
                self.backups.show_history(kind, id);
            }
            Go::CloseEditor => match self.screen {
                Screen::Meetings => self.meetings.close_editor(),
                Screen::Plan => self.plan.close_editor(),
                _ => {}
            },
            Go::Journal(status) => {
                self.form = None;
                self.screen = Screen::Journal;
                self.journal.filter = estu_core::store::appeals::Filter {
                    status,
                    ..Default::default()
                };
            }
            Go::Appeal(id) => match estu_core::store::appeals::get(store.conn(), id) {
                Ok(a) => {
                    self.form = Some(appeal_form::AppealForm::edit(
                        a, &self.refs, store, self.lang,
                    ));
                }
                Err(e) => self.toast_error(&e),
            },
            Go::NewAppeal { reception } => {
                let rec = reception.and_then(|id| refs_store::reception(store.conn(), id).ok());
                self.form = Some(appeal_form::AppealForm::new_appeal(
                    rec.as_ref(),
                    &self.refs,
                    store.today(),
                ));
            }
            Go::Meeting(id) => {
                self.form = None;
                self.screen = Screen::Meetings;
                self.meetings.open(store, id);
            }
            Go::PlanItem(id) => {
                self.form = None;
                self.screen = Screen::Plan;
                self.plan.open(store, id);
            }
            Go::Report(code) => {
                self.form = None;
                self.screen = Screen::Reports;
                self.reports.choose(code);
            }
        }
    }

    fn toast_error(&mut self, e: &Error) {
        self.toast = Some(Toast {
            text: e.message(self.lang),
            error: true,
        });
    }

    fn t(&self, key: &str) -> String {
        tr(self.lang, key)
    }

    fn menu_bar(&mut self, ui: &mut Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(self.t("ui.menu.file"), |ui| {
                if ui.button(self.t("ui.menu.open")).clicked() {
                    ui.close();
                    if let Some(p) = self.dialogs.open_db() {
                        self.open_file(&p);
                    }
                }
                if ui.button(self.t("ui.menu.create")).clicked() {
                    ui.close();
                    if let Some(p) = self.dialogs.save_db() {
                        if p.exists() {
                            self.toast = Some(Toast {
                                text: tr(self.lang, "ui.menu.exists"),
                                error: true,
                            });
                        } else {
                            self.store = None;
                            self.form = None;
                            self.db_path = p;
                            self.wizard = wizard::Wizard::default();
                        }
                    }
                }
            });
            signin::menu(self, ui);
            ui.separator();
            ui.label(self.t("ui.lang"));
            for l in Lang::ALL {
                let name = tr(l, "ui.lang.name");
                if ui.selectable_label(self.lang == l, name).clicked() && self.lang != l {
                    self.set_lang(l);
                }
            }
            ui.separator();
            ui.label(self.t("ui.zoom"));
            let zoom = ui.ctx().zoom_factor();
            if ui
                .button("−")
                .on_hover_text(self.t("ui.zoom.out"))
                .clicked()
            {
                self.set_zoom(ui.ctx(), zoom - 0.1);
            }
            ui.label(format!("{:.0}%", zoom * 100.0));
            if ui.button("+").on_hover_text(self.t("ui.zoom.in")).clicked() {
                self.set_zoom(ui.ctx(), zoom + 0.1);
            }
            ui.separator();
            if self.store.is_some() {
                ui.label(
                    RichText::new(self.lang.pick(
                        &self.refs.profile.org_name_ru,
                        &self.refs.profile.org_name_kk,
                    ))
                    .weak(),
                );
            }
        });
    }

    fn open_file(&mut self, p: &Path) {
        if self.is_dirty() {
            self.toast = Some(Toast {
                text: self.t("ui.unsaved.first"),
                error: true,
            });
            return;
        }
        if estu_core::safety::needs_password(p) {
            // An encrypted file opens through the sign-in.
            self.store = None;
            self.form = None;
            self.db_path = p.to_path_buf();
            self.gate = signin::Gate::at_start();
            return;
        }
        match self.open_store(p) {
            Ok(s) => {
                self.attach(s);
                self.toast = Some(Toast {
                    text: estu_core::i18n::trf(
                        self.lang,
                        "ui.menu.opened",
                        &[("path", &p.display())],
                    ),
                    error: false,
                });
            }
            Err(e) => self.toast_error(&e),
        }
    }

    fn side_panel(&mut self, ui: &mut Ui) {
        egui::Panel::left("nav")
            .resizable(false)
            .exact_size(210.0)
            .show(ui, |ui| {
                ui.add_space(6.0);
                ui.heading(self.t("ui.app.title"));
                ui.add_space(6.0);
                for s in Screen::ALL {
                    let selected = self.screen == s && self.form.is_none();
                    let r = ui.add_sized(
                        [190.0, 30.0],
                        egui::Button::selectable(
                            selected,
                            RichText::new(self.t(s.key())).size(15.0),
                        ),
                    );
                    if r.clicked() {
                        self.navigate(Go::Screen(s));
                    }
                }
                ui.add_space(12.0);
                ui.separator();
                ui.label(
                    RichText::new(self.db_path.display().to_string())
                        .small()
                        .weak(),
                );
            });
    }

    fn unsaved_prompt(&mut self, ui: &mut Ui) {
        if self.pending.is_none() {
            return;
        }
        let lang = self.lang;
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("unsaved")).show(ui.ctx(), |ui| {
            ui.heading(tr(lang, "ui.unsaved.title"));
            ui.label(tr(lang, "ui.unsaved.text"));
            ui.horizontal(|ui| {
                if ui.button(tr(lang, "ui.unsaved.save")).clicked() {
                    choice = Some(0);
                }
                if ui.button(tr(lang, "ui.unsaved.discard")).clicked() {
                    choice = Some(1);
                }
                if ui.button(tr(lang, "ui.unsaved.stay")).clicked() {
                    choice = Some(2);
                }
            });
        });
        match choice {
            Some(0) => {
                let ok = self.with_cx(|app, cx| app.save_current(cx));
                if ok {
                    if let Some(go) = self.pending.take() {
                        self.go_now(go);
                    }
                } else {
                    // Refused: the form stays open with its problems, nothing typed is lost.
                    self.pending = None;
                }
            }
            Some(1) => {
                if let Some(e) = self.current_editor() {
                    e.discard();
                }
                if let Some(go) = self.pending.take() {
                    self.go_now(go);
                }
            }
            Some(2) => self.pending = None,
            _ => {}
        }
    }

    fn save_current(&mut self, cx: &mut Cx) -> bool {
        if let Some(f) = self.form.as_mut() {
            return f.save(cx);
        }
        match self.screen {
            Screen::Meetings => self.meetings.editor_mut().is_none_or(|e| e.save(cx)),
            Screen::Plan => self.plan.editor_mut().is_none_or(|e| e.save(cx)),
            Screen::Reference => self.reference.save(cx),
            _ => true,
        }
    }

    /// Runs `f` with a screen context built from the app's parts (the store is lent out).
    fn with_cx<R>(&mut self, f: impl FnOnce(&mut App, &mut Cx) -> R) -> R {
        let mut store = self.store.take().expect("a store is open");
        let refs = std::mem::take(&mut self.refs);
        let mut dialogs = std::mem::replace(&mut self.dialogs, Box::new(NoDialogs));
        let mut generation = self.generation;
        let mut toast = self.toast.take();
        let mut go = None;
        let mut refs_changed = false;
        let out = {
            let mut cx = Cx {
                store: &mut store,
                refs: &refs,
                lang: self.lang,
                generation: &mut generation,
                toast: &mut toast,
                dialogs: dialogs.as_mut(),
                go: &mut go,
                refs_changed: &mut refs_changed,
            };
            f(self, &mut cx)
        };
        self.dialogs = dialogs;
        self.generation = generation;
        self.toast = toast;
        self.refs = refs;
        if refs_changed {
            match Refs::load(&store) {
                Ok(r) => self.refs = r,
                Err(e) => self.toast_error(&e),
            }
            self.generation += 1;
        }
        self.store = Some(store);
        if let Some(g) = go {
            self.navigate(g);
        }
        out
    }

    fn central(&mut self, ui: &mut Ui) {
        egui::CentralPanel::default().show(ui, |ui| {
            self.with_cx(|app, cx| {
                if let Some(form) = app.form.as_mut() {
                    form.ui(ui, cx);
                    return;
                }
                match app.screen {
                    Screen::Dashboard => app.dashboard.ui(ui, cx),
                    Screen::Journal => app.journal.ui(ui, cx),
                    Screen::Reception => app.reception.ui(ui, cx),
                    Screen::Meetings => app.meetings.ui(ui, cx),
                    Screen::Plan => app.plan.ui(ui, cx),
                    Screen::Reports => app.reports.ui(ui, cx),
                    Screen::Reference => app.reference.ui(ui, cx),
                    Screen::Backups => app.backups.ui(ui, cx),
                }
            });
        });
    }

    fn toast_panel(&mut self, ui: &mut Ui) {
        let Some(t) = self.toast.clone() else {
            return;
        };
        egui::Panel::bottom("toast").show(ui, |ui| {
            ui.horizontal(|ui| {
                let text = RichText::new(&t.text);
                ui.label(if t.error {
                    text.color(widgets::RED)
                } else {
                    text
                });
                if ui.small_button(self.t("ui.close")).clicked() {
                    self.toast = None;
                }
            });
        });
    }

    /// One frame of the whole window.
    pub fn frame(&mut self, ui: &mut Ui) {
        self.poll_daily_backup();
        if self.zoom_applied.is_none() {
            // Light, like the paper forms: easier on old office monitors than the dark default.
            ui.ctx().set_theme(egui::Theme::Light);
            let zoom = self
                .store
                .as_ref()
                .and_then(|s| refs_store::setting(s.conn(), "ui.zoom").ok().flatten())
                .and_then(|z| z.parse::<f32>().ok())
                .unwrap_or(1.0);
            ui.ctx().set_zoom_factor(zoom);
            self.zoom_applied = Some(zoom);
        }
        // Ctrl +/- are handled by egui itself; remember the scale the user settled on.
        let zoom = ui.ctx().zoom_factor();
        if self.zoom_applied.is_some_and(|z| (z - zoom).abs() > 0.01) {
            self.set_zoom(&ui.ctx().clone(), zoom);
        }
        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        self.toast_panel(ui);
        if signin::gate(self, ui) {
            return;
        }
        if self.store.is_none() {
            egui::CentralPanel::default().show(ui, |ui| {
                if let Some(store) = self
                    .wizard
                    .ui(ui, self.lang, &self.db_path, &mut self.toast)
                {
                    let code = self.wizard.recovery.take();
                    self.attach(store);
                    self.gate.recovery = code;
                    let lang = self.lang;
                    self.set_lang(lang);
                }
            });
            return;
        }
        self.side_panel(ui);
        self.central(ui);
        self.unsaved_prompt(ui);
        if ui.input(|i| i.key_pressed(Key::F5))
            && self.form.is_none()
            && self.screen == Screen::Plan
        {
            self.navigate(Go::Report("f5"));
        }
    }
}

/// Stands in for the dialogs while they are lent to a screen.
struct NoDialogs;

impl Dialogs for NoDialogs {
    fn open_db(&mut self) -> Option<PathBuf> {
        None
    }
    fn save_db(&mut self) -> Option<PathBuf> {
        None
    }
    fn save_file(&mut self, _: &str, _: &str) -> Option<PathBuf> {
        None
    }
    fn open_external(&mut self, _: &Path) {}
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
    }
}

//! The desktop app: the okrug staff's daily work (journal, reception, meetings, plan, forms)
//! on top of the library. One module per screen; this one holds the app state, the side panel,
//! the language and the UI scale, and the unsaved-changes prompt.
//!
//! Screens never write to the database except through `Store::write`, and they read through
//! the same record functions as the command line.

mod about;
pub mod appeal_form;
pub mod backups;
pub mod dashboard;
mod dialogs;
pub mod district;
mod district_entry;
mod exchange_menu;
mod file_menu;
pub mod import;
mod job_done;
pub mod jobs;
pub mod journal;
pub mod launch;
pub mod meetings;
mod menu_bar;
mod opening;
mod panels;
pub mod period;
pub mod plan;
pub mod preview;
mod profile_form;
mod protection;
pub mod publish;
pub mod reader;
pub mod recent;
pub mod reception;
pub mod reference;
pub mod reports;
pub mod save_to;
pub mod signin;
mod trash_empty;
pub mod users;
pub mod widgets;
pub mod wizard;

pub use dialogs::{Dialogs, NativeDialogs};

use egui::{Key, RichText, Ui};
use estu_core::error::{Error, Result};
use estu_core::i18n::{Lang, tr};
use estu_core::model::*;
use estu_core::rules::calendar::Calendar;
use estu_core::rules::deadline::WorkHours;
use estu_core::safety::backup;
use estu_core::store::{Store, reference as refs_store};
use std::path::{Path, PathBuf};

/// Opens the desktop window on `explicit` (`--db`) when given, else on the database worked on
/// last, else on the default one (the first-start wizard when the file does not exist).
pub fn run(explicit: Option<PathBuf>) -> Result<()> {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Есту")
        // The name the desktop entry (packaging/linux/estu.desktop) knows the window by.
        .with_app_id("estu")
        .with_inner_size([1280.0, 760.0])
        .with_min_inner_size([900.0, 560.0]);
    if let Ok(icon) =
        eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon/png/estu-128.png"))
    {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    let app = App::start(
        explicit,
        crate::data_dir::settings_path(),
        crate::data_dir::default_db_path(),
    );
    eframe::run_native("estu", options, Box::new(|_cc| Ok(Box::new(app))))
        .map_err(|e| Error::Other(estu_core::i18n::Text::new("err.app.window").arg("detail", e)))
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
    /// The change history of one record: an appeal by its registration number, other
    /// records by id.
    History(estu_core::store::history::RecordKind, String),
    /// Close the open editor (meeting, plan item) and show its list.
    CloseEditor,
    /// Close the appeal form (after the unsaved-changes prompt).
    CloseForm,
    /// The reports screen with one form chosen.
    Report(&'static str),
    /// Restore the file from this checked copy (the user said yes): a job that borrows the
    /// store.
    Restore(Box<estu_core::safety::restore::Preview>),
    /// Close the window (File → Exit, Ctrl+Q, the window's close button).
    Exit,
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
    /// Where the screens' reads run.
    pub reader: &'a mut reader::Reader,
    /// The long job that runs, if any (one at a time).
    pub jobs: &'a mut jobs::Jobs,
    /// The window, to repaint when a job ends.
    pub ctx: egui::Context,
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

    /// Drops a note such as «…сохранено» (an error stays): a refused save must not sit beside
    /// an earlier success.
    pub fn forget_note(&mut self) {
        if self.toast.as_ref().is_some_and(|t| !t.error) {
            *self.toast = None;
        }
    }

    /// Marks data as written: cached lists and the dashboard read again.
    pub fn changed(&mut self) {
        *self.generation += 1;
    }

    /// Starts a long job on a thread (see `jobs`); while another runs, says so and does not.
    pub fn start_job(
        &mut self,
        what: &'static str,
        work: impl FnOnce() -> jobs::Done + Send + 'static,
    ) {
        self.start_counted_job(what, None, work);
    }

    /// `start_job`, its bar showing how far `progress` has come.
    pub fn start_counted_job(
        &mut self,
        what: &'static str,
        progress: Option<jobs::Progress>,
        work: impl FnOnce() -> jobs::Done + Send + 'static,
    ) {
        let ctx = self.ctx.clone();
        let wake = move || ctx.request_repaint();
        if !self.jobs.start_counted(what, progress, wake, work) {
            let text =
                estu_core::i18n::trf(self.lang, "ui.job.busy", &[("what", &tr(self.lang, what))]);
            *self.toast = Some(Toast { text, error: true });
        }
    }

    /// The answer of `query` for `key` (asked of the reader when the key changed; see
    /// `reader::Fetch`).
    pub fn read<'f, K, T>(
        &mut self,
        fetch: &'f mut reader::Fetch<K, T>,
        key: K,
        query: fn(&estu_core::store::Db, &K) -> T,
    ) -> Option<&'f T>
    where
        K: Clone + PartialEq + Send + 'static,
        T: Send + 'static,
    {
        fetch.get(self.reader, self.store.conn(), key, query)
    }
}

/// A screen of the side panel: its own state, read through the reader, and its drawing.
pub trait View {
    fn ui(&mut self, ui: &mut Ui, cx: &mut Cx);
    /// The open editor that may hold unsaved changes.
    fn editor(&mut self) -> Option<&mut dyn Editor> {
        None
    }
    /// Back to the screen's list (its side-panel item clicked again, `Go::CloseEditor`).
    fn close_editor(&mut self) {}
    /// Whether reads it asked for have not come yet.
    fn is_reading(&self) -> bool {
        false
    }
}

/// An editor that may hold typed but unsaved changes.
pub trait Editor {
    fn dirty(&self) -> bool;
    /// Tries to save; false when the store refused (the problems are shown in the form).
    fn save(&mut self, cx: &mut Cx) -> bool;
    fn discard(&mut self);
}

/// The whole app: the shared context (file, store, reference data, language, messages,
/// reader, jobs) and the routing between screens, each a `View`.
pub struct App {
    lang: Lang,
    db_path: PathBuf,
    store: Option<Store>,
    refs: Refs,
    screen: Screen,
    generation: u64,
    toast: Option<Toast>,
    dialogs: Box<dyn Dialogs>,
    /// The open appeal form (over the journal or the reception screen).
    form: Option<appeal_form::AppealForm>,
    /// The appeal form asked for, opened when its record has come from the reader.
    opening: opening::Opening,
    wizard: wizard::Wizard,
    screens: Screens,
    /// Who is working: the sign-in at start, the idle lock, the recovery code once.
    gate: signin::Gate,
    /// Where to go once the user answered the unsaved-changes prompt.
    pending: Option<Go>,
    zoom_applied: Option<f32>,
    /// The day's automatic copy, made on a thread while the user works.
    daily_backup: Option<DailyBackup>,
    /// Where the screens' reads run: a thread for a file the user opened, else the frame.
    reader: reader::Reader,
    /// Whether to start the reader thread (the app on a file it opened).
    background: bool,
    /// The long job that runs (a copy, a restore, a file saved).
    jobs: jobs::Jobs,
    /// The window (jobs repaint it when they end).
    ctx: egui::Context,
    /// Whether the screen drawn last waits for a read.
    view_reading: bool,
    /// The About window, while it is open.
    about: Option<about::About>,
    /// The databases worked on (the app as the user started it; none in tests on a store).
    recent: Option<recent::Recent>,
    /// The database worked on last, when it is no longer where it was.
    missing: Option<PathBuf>,
    /// The window is closing (asked and answered): its close request is let through.
    exiting: bool,
    /// The file could not be opened because it is damaged: its copies, to restore one.
    rescue: Option<backups::Rescue>,
    /// The reader thread was stopped for a restore (the file may be replaced under it).
    reader_paused: bool,
    /// File → Импорт…, while its window is open.
    import: Option<import::ImportDialog>,
    /// File → Экспорт of the full file, asking for its password.
    export_ask: Option<import::ExportAsk>,
    /// The district mode, while it is on (with or without an okrug database open).
    district: Option<district::District>,
}

/// The screens of the side panel, each with its own state.
#[derive(Default)]
struct Screens {
    dashboard: dashboard::Dashboard,
    journal: journal::Journal,
    reception: reception::ReceptionScreen,
    meetings: meetings::Meetings,
    plan: plan::Plan,
    reports: reports::Reports,
    reference: reference::Reference,
    backups: backups::Backups,
}

impl Screens {
    fn view(&mut self, s: Screen) -> &mut dyn View {
        match s {
            Screen::Dashboard => &mut self.dashboard,
            Screen::Journal => &mut self.journal,
            Screen::Reception => &mut self.reception,
            Screen::Meetings => &mut self.meetings,
            Screen::Plan => &mut self.plan,
            Screen::Reports => &mut self.reports,
            Screen::Reference => &mut self.reference,
            Screen::Backups => &mut self.backups,
        }
    }
}

type DailyBackup = std::thread::JoinHandle<Result<Option<backup::BackupInfo>>>;

impl App {
    /// The app on `db_path`: opened when it exists, the wizard when it does not.
    pub fn open(db_path: PathBuf) -> App {
        let mut app = App::empty(db_path.clone());
        app.open_at_start(&db_path);
        app
    }

    /// The app as started by the user: on `explicit` (`--db`) when given, else on the database
    /// worked on last (remembered in the settings file `settings`), else on `default`. When
    /// the last one is gone, it says so and offers to find it or to open or create another.
    pub fn start(explicit: Option<PathBuf>, settings: PathBuf, default: PathBuf) -> App {
        let recent = recent::Recent::load(settings);
        let last = recent.last().map(Path::to_path_buf);
        match (explicit, last) {
            (Some(p), _) => App::open_remembering(p, recent),
            (None, Some(last)) if !last.exists() => {
                let mut app = App::empty(default);
                app.recent = Some(recent);
                app.missing = Some(last);
                app
            }
            (None, Some(last)) => App::open_remembering(last, recent),
            (None, None) => App::open_remembering(default, recent),
        }
    }

    fn open_remembering(db_path: PathBuf, recent: recent::Recent) -> App {
        let mut app = App::empty(db_path.clone());
        app.recent = Some(recent);
        app.open_at_start(&db_path);
        app
    }

    /// Opens `db_path` as the app starts: an encrypted file after the sign-in, a damaged one
    /// through its copies (the rescue screen); with no okrug database on a district's
    /// computer, straight to its folder of okrug files.
    fn open_at_start(&mut self, db_path: &Path) {
        if estu_core::safety::needs_password(db_path) {
            self.gate = signin::Gate::at_start();
        } else if db_path.exists() {
            match self.open_store(db_path) {
                Ok(store) => self.attach(store),
                Err(e) => match backups::Rescue::of(db_path, e) {
                    Ok(r) => self.rescue = Some(r),
                    Err(e) => self.toast_error(&e),
                },
            }
        } else if let Some(folder) = district::AppSettings::read(db_path).district_folder {
            self.district = Some(district::District::new(Some(folder)));
        }
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
            dialogs: Box::new(NativeDialogs::default()),
            form: None,
            wizard: wizard::Wizard::default(),
            screens: Screens::default(),
            gate: Default::default(),
            pending: None,
            zoom_applied: None,
            daily_backup: None,
            about: None,
            rescue: None,
            reader_paused: false,
            import: None,
            export_ask: None,
            district: None,
            reader: reader::Reader::default(),
            background: false,
            jobs: jobs::Jobs::default(),
            ctx: egui::Context::default(),
            view_reading: false,
            opening: Default::default(),
            recent: None,
            missing: None,
            exiting: false,
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
                self.background = true;
                let text = Error::OpenedReadOnly(path.to_path_buf()).message(self.lang);
                self.toast = Some(Toast { text, error: false });
                return Ok(store);
            }
            other => other?,
        };
        self.background = true;
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
            Some(Err(_)) => {
                tracing::error!("the backup thread panicked");
                self.job_broke("ui.job.backup");
            }
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
        fresh.recent = self.recent.take();
        fresh.gate.recovery = self.gate.recovery.take();
        fresh.gate.read_file(&store);
        fresh.district = self.district.take();
        // A new file gets a new reader thread (the old one ends with the old app's state).
        fresh.background = self.background || self.reader.is_running();
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
        self.remember_db();
    }

    /// Puts the open database first in the recent list (the next start opens it).
    fn remember_db(&mut self) {
        let Some(recent) = self.recent.as_mut() else {
            return;
        };
        if let Err(e) = recent.remember(&self.db_path) {
            let text = estu_core::i18n::trf(
                self.lang,
                "ui.recent.not_saved",
                &[("detail", &e.message(self.lang))],
            );
            self.toast = Some(Toast { text, error: true });
        }
    }

    /// The databases worked on, the last one first (the File menu's list).
    pub fn recent(&self) -> &[PathBuf] {
        self.recent.as_ref().map_or(&[], |r| r.list())
    }

    /// The database worked on last when it is gone (the app asks what to do).
    pub fn missing(&self) -> Option<&Path> {
        self.missing.as_deref()
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
            && let Err(e) = refs_store::set_window_setting(store, "ui.lang", lang.code())
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
        if let Some(store) = self.store.as_mut()
            && let Err(e) = refs_store::set_window_setting(store, "ui.zoom", &format!("{zoom:.2}"))
        {
            self.toast_error(&e);
        }
    }

    /// The file the app works on.
    pub fn db_path(&self) -> &Path {
        &self.db_path
    }

    /// The open store (none in the first-start wizard).
    pub fn store(&self) -> Option<&Store> {
        self.store.as_ref()
    }

    pub fn refs(&self) -> &Refs {
        &self.refs
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The message at the bottom of the window.
    pub fn toast(&self) -> Option<&Toast> {
        self.toast.as_ref()
    }

    pub fn screen(&self) -> Screen {
        self.screen
    }

    /// Shows `screen` (as its side-panel item does, without the unsaved-changes prompt).
    pub fn show(&mut self, screen: Screen) {
        self.form = None;
        self.screen = screen;
    }

    /// Goes where a screen would ask to (tests open an editor this way), after the
    /// unsaved-changes prompt when the open form has changes.
    pub fn go(&mut self, go: Go) {
        self.navigate(go);
    }

    pub fn journal(&self) -> &journal::Journal {
        &self.screens.journal
    }

    pub fn journal_mut(&mut self) -> &mut journal::Journal {
        &mut self.screens.journal
    }

    pub fn reports(&self) -> &reports::Reports {
        &self.screens.reports
    }

    pub fn reports_mut(&mut self) -> &mut reports::Reports {
        &mut self.screens.reports
    }

    /// The editor of the current view that may hold unsaved changes.
    fn current_editor(&mut self) -> Option<&mut dyn Editor> {
        if let Some(f) = self.form.as_mut() {
            return Some(f);
        }
        self.screens.view(self.screen).editor()
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
        if go == Go::Exit {
            self.exiting = true;
            self.ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        let Some(store) = self.store.as_ref() else {
            return;
        };
        match go {
            Go::Screen(s) => {
                // The side panel's item of the current screen returns to its list.
                if s == self.screen && self.form.is_none() {
                    self.screens.view(s).close_editor();
                }
                self.form = None;
                self.screen = s;
            }
            Go::CloseForm => self.form = None,
            Go::History(kind, record) => {
                self.form = None;
                self.screen = Screen::Backups;
                self.screens.backups.show_history(kind, record);
            }
            Go::CloseEditor => self.screens.view(self.screen).close_editor(),
            Go::Journal(status) => {
                self.form = None;
                self.screen = Screen::Journal;
                self.screens.journal.filter = estu_core::store::appeals::Filter {
                    status,
                    ..Default::default()
                };
            }
            Go::Appeal(id) => self.open_appeal(Some(id), None),
            Go::NewAppeal { reception: None } => {
                let today = store.today();
                self.form = Some(appeal_form::AppealForm::new_appeal(None, &self.refs, today));
            }
            Go::NewAppeal { reception } => self.open_appeal(None, reception),
            Go::Meeting(id) => {
                self.form = None;
                self.screen = Screen::Meetings;
                self.screens
                    .meetings
                    .open(&mut self.reader, store.conn(), id);
            }
            Go::PlanItem(id) => {
                self.form = None;
                self.screen = Screen::Plan;
                self.screens.plan.open(&mut self.reader, store.conn(), id);
            }
            Go::Report(code) => {
                self.form = None;
                self.screen = Screen::Reports;
                self.screens.reports.choose(code);
            }
            Go::Restore(p) => self.start_restore(*p),
            Go::Exit => {}
        }
    }

    /// Reads the reference data again after it changed; every screen reads again too.
    fn reload_refs(&mut self) {
        if let Some(store) = self.store.as_ref() {
            match Refs::load(store) {
                Ok(r) => self.refs = r,
                Err(e) => self.toast_error(&e),
            }
        }
        self.generation += 1;
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
            Err(e) => match backups::Rescue::of(p, e) {
                Ok(r) => {
                    self.store = None;
                    self.form = None;
                    self.db_path = p.to_path_buf();
                    self.rescue = Some(r);
                }
                Err(e) => self.toast_error(&e),
            },
        }
    }

    fn save_current(&mut self, cx: &mut Cx) -> bool {
        if let Some(f) = self.form.as_mut() {
            return f.save(cx);
        }
        self.screens
            .view(self.screen)
            .editor()
            .is_none_or(|e| e.save(cx))
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
        let mut reader = std::mem::take(&mut self.reader);
        let mut jobs = std::mem::take(&mut self.jobs);
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
                reader: &mut reader,
                jobs: &mut jobs,
                ctx: self.ctx.clone(),
            };
            f(self, &mut cx)
        };
        self.reader = reader;
        self.jobs = jobs;
        self.dialogs = dialogs;
        self.generation = generation;
        self.toast = toast;
        self.refs = refs;
        self.store = Some(store);
        if refs_changed {
            self.reload_refs();
        }
        if let Some(g) = go {
            self.navigate(g);
        }
        out
    }

    fn central(&mut self, ui: &mut Ui) {
        self.opened_appeal();
        egui::CentralPanel::default().show(ui, |ui| {
            self.with_cx(|app, cx| {
                if let Some(form) = app.form.as_mut() {
                    form.ui(ui, cx);
                    return;
                }
                let view = app.screens.view(app.screen);
                view.ui(ui, cx);
                app.view_reading = view.is_reading();
            });
        });
    }

    /// Starts the reader thread on the open file once (a file the user opened).
    fn start_reader(&mut self, ctx: &egui::Context) {
        if !self.background || self.reader.is_running() {
            return;
        }
        // Tried once per file: when it cannot start, reads stay in the frame.
        self.background = false;
        let Some(path) = self.store.as_ref().and_then(|s| s.path()) else {
            return;
        };
        let ctx = ctx.clone();
        match reader::Reader::start(path, move || ctx.request_repaint()) {
            Ok(r) => self.reader = r,
            Err(e) => tracing::warn!(error = %e, "reader not started; reading in the frame"),
        }
    }

    /// Reads on a thread of their own from the next frame (the app on a file it opened does;
    /// tests and the benchmark ask for it on a store they hand over).
    pub fn read_on_thread(&mut self) {
        self.background = true;
    }

    /// Whether screens' reads run on the reader thread.
    pub fn reads_on_thread(&self) -> bool {
        self.background || self.reader.is_running()
    }

    /// Whether reads asked of the reader thread have not come yet.
    pub fn is_reading(&self) -> bool {
        self.reader.is_reading() || self.view_reading || self.opening.is_waiting()
    }

    /// Whether reads or a job have not finished (tests draw frames until they have).
    pub fn is_busy(&self) -> bool {
        // A reader about to start (the next frame starts it) will be asked at once.
        (self.background && !self.reader.is_running())
            || self.is_reading()
            || self.jobs.is_running()
            || self.district.as_ref().is_some_and(|d| d.is_busy())
            || self.gate.is_busy()
            || self.wizard.is_busy()
    }

    /// Counts the statements run from now on, on the app's connection and on the reader's
    /// (the test that a steady frame runs none).
    pub fn count_statements(&mut self) -> Result<Vec<estu_core::store::StatementCount>> {
        let mut counts = Vec::new();
        if let Some(s) = self.store.as_mut() {
            counts.push(s.count_statements()?);
        }
        counts.extend(self.reader.statements());
        Ok(counts)
    }

    /// Whether the window is closing (Exit chosen and any unsaved changes answered for).
    pub fn is_exiting(&self) -> bool {
        self.exiting
    }

    /// The window's close button and Ctrl+Q: with an edited, unsaved form the window stays and
    /// the unsaved-changes prompt asks first.
    fn closing(&mut self, ctx: &egui::Context) {
        if ctx.input_mut(|i| i.consume_shortcut(&file_menu::EXIT)) {
            self.navigate(Go::Exit);
        }
        if !ctx.input(|i| i.viewport().close_requested()) || self.exiting {
            return;
        }
        if self.store.is_some() && self.is_dirty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.pending = Some(Go::Exit);
        }
    }

    /// One frame of the whole window.
    pub fn frame(&mut self, ui: &mut Ui) {
        self.poll_daily_backup();
        self.ctx = ui.ctx().clone();
        self.closing(&ui.ctx().clone());
        self.report_shortcuts(&ui.ctx().clone());
        self.finish_job();
        self.start_reader(ui.ctx());
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
        self.about_window(&ui.ctx().clone());
        self.import_window(&ui.ctx().clone());
        self.export_ask_window(&ui.ctx().clone());
        self.toast_panel(ui);
        if self.jobs.is_running() {
            let lang = self.lang;
            egui::Panel::bottom("job").show(ui, |ui| self.jobs.show(ui, lang));
        }
        if self.district.is_some() {
            self.district_frame(ui);
            return;
        }
        if self.store.is_none() && self.jobs.is_running() {
            // A restore has the store: nothing to show until it is back.
            egui::CentralPanel::default().show(ui, |_| {});
            return;
        }
        if self.store.is_none() && self.missing.is_some() {
            egui::CentralPanel::default().show(ui, |ui| self.missing_panel(ui));
            return;
        }
        if self.store.is_none()
            && let Some(rescue) = self.rescue.as_mut()
        {
            let lang = self.lang;
            let act = egui::CentralPanel::default()
                .show(ui, |ui| rescue.ui(ui, lang, self.dialogs.as_mut()))
                .inner;
            if let Some(act) = act {
                self.rescue_act(act);
            }
            return;
        }
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
                if std::mem::take(&mut self.wizard.district) {
                    self.enter_district();
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
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
    }
}

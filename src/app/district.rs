//! The district mode: the district akimat's forms F1–F5 consolidated from its okrugs'
//! `export --for-district` files, kept in one folder chosen once (remembered in the app's
//! settings file beside the database). The folder is watched by a thread that lists it (names,
//! sizes, times: no file is read) and says when it has changed and settled; the files are then
//! read again on the jobs runner, with a count of files read. Each file is listed with its okrug
//! and how far its data go, or why it is refused (the core's `district::load_each`); the
//! district's own profile (`district.json` in the folder, the same file `estu consolidate`
//! reads) is entered once; the form is consolidated on the jobs runner, previewed with the
//! reports' preview and saved as PDF, Excel or JSON.

use super::jobs::{self, Progress};
use super::period::PeriodChoice;
use super::reports::{FORMATS, file_name};
use super::widgets::{self, Fields, combo};
use super::{Dialogs, Toast, preview};
use chrono::NaiveDate;
use egui::{RichText, Ui};
use estu_core::district::{self, DistrictProfile, Okrug, profile::FILE_NAME};
use estu_core::error::{Error, Result};
use estu_core::forms::{Form, FormKind, Period, Request};
use estu_core::i18n::{Lang, Text, tr, trf};
use estu_core::model::OkrugProfile;
use estu_core::render::{self, Format};
use estu_core::rules::calendar::Calendar;
use estu_core::safety::output::Protected;
use estu_core::store::Store;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, SystemTime};

/// The app's own settings (not an okrug's: the district may have no okrug database at all),
/// in a small file beside the database.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct AppSettings {
    /// The folder of the okrugs' files, once chosen.
    pub district_folder: Option<PathBuf>,
}

impl AppSettings {
    const FILE: &'static str = "estu-settings.json";

    /// The settings file of the app working on `db_path`.
    pub fn path(db_path: &Path) -> PathBuf {
        db_path.with_file_name(Self::FILE)
    }

    /// The settings beside `db_path`; none yet (or unreadable: they are only a convenience)
    /// gives the defaults.
    pub fn read(db_path: &Path) -> AppSettings {
        let json: Option<serde_json::Value> = std::fs::read(Self::path(db_path))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok());
        let folder = json
            .as_ref()
            .and_then(|j| j.get("district_folder"))
            .and_then(|f| f.as_str())
            .map(PathBuf::from);
        AppSettings {
            district_folder: folder,
        }
    }

    /// Writes the settings whole (a small file: on the frame).
    pub fn save(&self, db_path: &Path) -> Result<()> {
        let path = Self::path(db_path);
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::file(dir, e))?;
        }
        let json = serde_json::json!({
            "district_folder": self.district_folder.as_ref().map(|f| f.to_string_lossy()),
        });
        let bytes = serde_json::to_vec_pretty(&json)
            .map_err(|e| Error::file(&path, std::io::Error::other(e)))?;
        estu_core::safety::output::save(&path, &Protected::database(db_path, None), &bytes)
    }
}

/// A folder's exchange files as the watcher sees them: name, size, time of change.
type Listing = Vec<(std::ffi::OsString, u64, Option<SystemTime>)>;

fn listing(dir: &Path) -> std::io::Result<Listing> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let json = Path::new(&name)
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        if json {
            let meta = entry.metadata()?;
            out.push((name, meta.len(), meta.modified().ok()));
        }
    }
    out.sort();
    Ok(out)
}

/// How often the watcher lists the folder.
const POLL: Duration = Duration::from_millis(700);

/// The thread that lists the folder and says when the listing changed and then stayed the same
/// for one look (a file still being copied in is not read half-way); the first listing at once.
struct Watch {
    changes: Receiver<std::result::Result<(), String>>,
    stop: Arc<AtomicBool>,
}

impl Watch {
    fn start(dir: PathBuf, ctx: egui::Context) -> Watch {
        let (tx, changes) = channel();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = stop.clone();
        let spawned = std::thread::Builder::new()
            .name("estu-district-watch".into())
            .spawn(move || {
                let mut sent: Option<std::result::Result<Listing, String>> = None;
                let mut last = None;
                while !stopped.load(Ordering::Acquire) {
                    let now = listing(&dir).map_err(|e| e.to_string());
                    let settled = sent.is_none() || last.as_ref() == Some(&now);
                    if settled && sent.as_ref() != Some(&now) {
                        if tx.send(now.clone().map(|_| ())).is_err() {
                            break;
                        }
                        ctx.request_repaint();
                        sent = Some(now.clone());
                    }
                    last = Some(now);
                    std::thread::sleep(POLL);
                }
            });
        if let Err(e) = spawned {
            tracing::warn!("the district folder is not watched: {e}");
        }
        Watch { changes, stop }
    }

    /// The last change said since the last call, if any.
    fn changed(&self) -> Option<std::result::Result<(), String>> {
        self.changes.try_iter().last()
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Release);
    }
}

/// What a district job hands back.
pub enum Done {
    /// The folder read: every file's okrug or refusal, and the profile file if there is one.
    Loaded(Result<Loaded>),
    /// The form consolidated for `key`, with the okrugs it borrowed.
    Consolidated {
        key: Key,
        okrugs: Vec<Okrug>,
        result: Result<district::Consolidated>,
    },
    /// The profile written to the folder.
    ProfileSaved(PathBuf, Result<DistrictProfile>),
}

pub struct Loaded {
    folder: PathBuf,
    files: Vec<PathBuf>,
    okrugs: Vec<Result<Okrug>>,
    profile: Option<Result<DistrictProfile>>,
}

/// One okrug file as listed.
struct Entry {
    path: PathBuf,
    read: Result<(OkrugProfile, Option<NaiveDate>)>,
}

/// What the form on screen was consolidated from: the folder read (its count), the profile
/// (its count), the form, the period, the language, today.
pub type Key = (u64, u64, FormKind, Period, Lang, NaiveDate);

/// The district's profile as typed.
struct ProfileEdit {
    profile: DistrictProfile,
    okrugs: String,
    problem: Option<String>,
}

/// The district mode's state.
pub struct District {
    folder: Option<PathBuf>,
    watch: Option<Watch>,
    /// The folder changed (or was chosen) and is to be read again.
    stale: bool,
    /// Why the folder cannot be listed.
    folder_error: Option<String>,
    /// The files of the last reading, and the reading's failure if the folder could not be.
    entries: Vec<Entry>,
    load_error: Option<Error>,
    /// The okrugs read, when none was refused; lent to a consolidation job while it runs.
    okrugs: Option<Vec<Okrug>>,
    /// Readings done so far.
    loads: u64,
    /// The profile file: none yet, read, or refused.
    profile: Option<Result<DistrictProfile>>,
    profiles: u64,
    edit: Option<ProfileEdit>,
    pub kind: FormKind,
    pub period: PeriodChoice,
    pub lang: Option<Lang>,
    /// The form asked for and its answer.
    asked: Option<Key>,
    form: Option<(Key, Result<district::Consolidated>)>,
    heights: preview::Heights,
    /// The last file saved, to open.
    pub saved: Option<PathBuf>,
    today: Option<NaiveDate>,
    /// Asked to leave the district mode.
    pub close: bool,
}

impl District {
    /// The district mode on `folder` (none chosen yet: it asks for one).
    pub fn new(folder: Option<PathBuf>) -> District {
        District {
            folder,
            watch: None,
            stale: false,
            folder_error: None,
            entries: Vec::new(),
            load_error: None,
            okrugs: None,
            loads: 0,
            profile: None,
            profiles: 0,
            edit: None,
            kind: FormKind::F1,
            period: PeriodChoice::default(),
            lang: None,
            asked: None,
            form: None,
            heights: preview::Heights::default(),
            saved: None,
            today: None,
            close: false,
        }
    }

    /// The day forms are computed on (tests fix it; else the computer's date).
    pub fn set_today(&mut self, today: NaiveDate) {
        self.today = Some(today);
    }

    fn today(&self) -> NaiveDate {
        self.today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    /// How many times the folder has been read.
    pub fn loads(&self) -> u64 {
        self.loads
    }

    pub fn folder(&self) -> Option<&Path> {
        self.folder.as_deref()
    }

    /// The district's form on screen.
    pub fn form(&self) -> Option<&Form> {
        self.form
            .as_ref()
            .and_then(|(_, r)| r.as_ref().ok())
            .map(|c| &c.form)
    }

    /// Whether a reading or a form is awaited (tests draw frames until it is not).
    pub fn is_busy(&self) -> bool {
        let first_look = self.folder.is_some() && self.loads == 0 && self.folder_error.is_none();
        self.stale || self.asked.is_some() || first_look
    }

    /// Takes a finished district job's result.
    pub fn finish(&mut self, done: Done, lang: Lang, toast: &mut Option<Toast>) {
        match done {
            Done::Loaded(Ok(l)) if Some(&l.folder) == self.folder.as_ref() => self.loaded(l),
            // A folder since left.
            Done::Loaded(Ok(_)) => {}
            Done::Loaded(Err(e)) => {
                self.entries.clear();
                self.okrugs = None;
                self.load_error = Some(e);
                self.loads += 1;
            }
            Done::Consolidated {
                key,
                okrugs,
                result,
            } => {
                if key.0 == self.loads {
                    self.okrugs = Some(okrugs);
                }
                if self.asked == Some(key) {
                    self.asked = None;
                }
                self.heights = preview::Heights::default();
                self.form = Some((key, result));
            }
            Done::ProfileSaved(path, Ok(p)) => {
                self.profile = Some(Ok(p));
                self.profiles += 1;
                self.edit = None;
                let text = trf(
                    lang,
                    "ui.district.profile_saved",
                    &[("path", &path.display())],
                );
                *toast = Some(Toast { text, error: false });
            }
            Done::ProfileSaved(_, Err(e)) => {
                if let Some(edit) = self.edit.as_mut() {
                    edit.problem = Some(e.message(lang));
                }
            }
        }
    }

    fn loaded(&mut self, l: Loaded) {
        self.loads += 1;
        self.load_error = None;
        self.entries.clear();
        let mut okrugs = Vec::new();
        let mut refused = false;
        for (path, read) in l.files.into_iter().zip(l.okrugs) {
            let read = read.map(|o| {
                let seen = (o.profile.clone(), o.last_day);
                okrugs.push(o);
                seen
            });
            refused |= read.is_err();
            self.entries.push(Entry { path, read });
        }
        self.okrugs = (!refused && !okrugs.is_empty()).then_some(okrugs);
        if self.okrugs.is_none() {
            // Nothing to consolidate: no form of files since refused stays on screen.
            self.form = None;
        }
        self.profile = l.profile;
        if self.profile.is_none() && self.edit.is_none() {
            self.edit = Some(ProfileEdit {
                profile: DistrictProfile::default(),
                okrugs: String::new(),
                problem: None,
            });
        }
    }

    /// Draws the mode and starts the work it needs (a reading, a form).
    pub fn ui(&mut self, ui: &mut Ui, env: &mut Env) {
        let lang = env.lang;
        self.watch_folder(env);
        self.start_reading(env);
        // The profile typed takes the window; else the files leave room for the form below.
        // With no form to show (files refused), the files take the room.
        let no_form = self.form.is_none() && self.okrugs.is_none() && self.asked.is_none();
        let share = if self.edit.is_some() {
            1.0
        } else if no_form {
            0.85
        } else {
            0.4
        };
        egui::ScrollArea::vertical()
            .id_salt("district")
            .auto_shrink([false, true])
            .max_height(ui.available_height() * share)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.heading(tr(lang, "ui.district.title"));
                    if ui.button(tr(lang, "ui.menu.okrug")).clicked() {
                        self.close = true;
                    }
                });
                ui.label(RichText::new(tr(lang, "ui.district.intro")).weak());
                self.folder_row(ui, env);
                self.files(ui, lang);
                self.profile_ui(ui, env);
            });
        ui.separator();
        if self.folder.is_some() && self.edit.is_none() {
            self.form_ui(ui, env);
        }
    }

    /// Starts the watcher on the chosen folder once; takes what it says.
    fn watch_folder(&mut self, env: &Env) {
        let Some(folder) = self.folder.clone() else {
            return;
        };
        let watch = self
            .watch
            .get_or_insert_with(|| Watch::start(folder, env.ctx.clone()));
        match watch.changed() {
            Some(Ok(())) => {
                self.folder_error = None;
                self.stale = true;
            }
            Some(Err(e)) => {
                self.folder_error = Some(e);
                self.stale = false;
            }
            None => {}
        }
    }

    /// Reads the folder's files again when it changed (once no other job runs).
    fn start_reading(&mut self, env: &mut Env) {
        let Some(folder) = self.folder.clone() else {
            return;
        };
        if !self.stale || env.jobs.is_running() {
            return;
        }
        let files = match district::files_in(&folder) {
            Ok(f) => f,
            Err(e) => {
                self.stale = false;
                self.load_error = Some(e);
                return;
            }
        };
        let progress = Progress::of(files.len());
        let counted = progress.clone();
        let ctx = env.ctx.clone();
        let started = env.jobs.start_counted(
            "ui.job.district_load",
            Some(progress),
            move || ctx.request_repaint(),
            move || {
                let profile_path = folder.join(FILE_NAME);
                let profile = profile_path
                    .is_file()
                    .then(|| DistrictProfile::read(&profile_path));
                let okrugs = district::load_each(&files, |n| counted.set(n));
                jobs::Done::District(Box::new(Done::Loaded(Ok(Loaded {
                    folder,
                    files,
                    okrugs,
                    profile,
                }))))
            },
        );
        if started {
            self.stale = false;
        }
    }

    fn folder_row(&mut self, ui: &mut Ui, env: &mut Env) {
        let lang = env.lang;
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(tr(lang, "ui.district.folder")).strong());
            match &self.folder {
                Some(f) => ui.label(f.display().to_string()),
                None => ui.label(RichText::new(tr(lang, "ui.district.no_folder")).weak()),
            };
            if ui.button(tr(lang, "ui.district.choose_folder")).clicked()
                && let Some(dir) = env.dialogs.pick_folder()
            {
                self.choose_folder(dir, env);
            }
        });
        if let Some(e) = &self.folder_error {
            let text = trf(lang, "ui.district.folder_gone", &[("detail", e)]);
            ui.label(RichText::new(text).color(widgets::RED));
        }
    }

    /// Works on `dir` from now on, and remembers it for the next start.
    pub fn choose_folder(&mut self, dir: PathBuf, env: &mut Env) {
        let mut settings = AppSettings::read(env.db_path);
        settings.district_folder = Some(dir.clone());
        if let Err(e) = settings.save(env.db_path) {
            // Works all the same this time; only the next start asks again.
            *env.toast = Some(Toast {
                text: e.message(env.lang),
                error: true,
            });
        }
        *self = District {
            kind: self.kind,
            period: std::mem::take(&mut self.period),
            lang: self.lang,
            today: self.today,
            ..District::new(Some(dir))
        };
    }

    fn files(&mut self, ui: &mut Ui, lang: Lang) {
        if self.folder.is_none() {
            return;
        }
        if let Some(e) = &self.load_error {
            ui.label(RichText::new(e.message(lang)).color(widgets::RED));
            return;
        }
        if self.loads == 0 {
            return;
        }
        if self.entries.is_empty() {
            ui.label(RichText::new(tr(lang, "ui.district.no_files")).color(widgets::AMBER));
            return;
        }
        let n = self.entries.len();
        let refused = self.entries.iter().any(|e| e.read.is_err());
        // Folded away by the user to give the form room (a small screen); open while a file
        // is refused.
        egui::CollapsingHeader::new(
            RichText::new(trf(lang, "ui.district.files", &[("n", &n)])).strong(),
        )
        .id_salt("district_files_header")
        .default_open(true)
        .open(refused.then_some(true))
        .show(ui, |ui| self.file_grid(ui, lang));
        if refused {
            ui.label(RichText::new(tr(lang, "ui.district.blocked")).color(widgets::RED));
        }
    }

    fn file_grid(&self, ui: &mut Ui, lang: Lang) {
        egui::Grid::new("district_files")
            .striped(true)
            .num_columns(3)
            .show(ui, |ui| {
                for key in [
                    "ui.district.col.file",
                    "ui.district.col.okrug",
                    "ui.district.col.data",
                ] {
                    ui.label(RichText::new(tr(lang, key)).strong());
                }
                ui.end_row();
                for e in &self.entries {
                    let name = e
                        .path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    ui.label(name);
                    match &e.read {
                        Ok((p, last)) => {
                            ui.label(lang.pick(&p.org_name_ru, &p.org_name_kk));
                            ui.label(match last {
                                Some(d) => {
                                    let date = d.format("%d.%m.%Y");
                                    trf(lang, "ui.district.data_to", &[("date", &date)])
                                }
                                None => tr(lang, "ui.district.empty"),
                            });
                        }
                        Err(err) => {
                            ui.label(
                                RichText::new(tr(lang, "ui.district.refused"))
                                    .color(widgets::RED)
                                    .strong(),
                            );
                            ui.add(
                                egui::Label::new(
                                    RichText::new(err.message(lang)).color(widgets::RED),
                                )
                                .wrap(),
                            );
                        }
                    }
                    ui.end_row();
                }
            });
    }

    fn profile_ui(&mut self, ui: &mut Ui, env: &mut Env) {
        let lang = env.lang;
        if self.folder.is_none() || self.loads == 0 {
            return;
        }
        let Some(edit) = self.edit.as_mut() else {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(tr(lang, "ui.district.profile")).strong());
                match &self.profile {
                    Some(Ok(p)) => {
                        ui.label(lang.pick(&p.org_name_ru, &p.org_name_kk));
                    }
                    Some(Err(e)) => {
                        ui.label(RichText::new(e.message(lang)).color(widgets::RED));
                    }
                    None => {}
                }
                if ui.button(tr(lang, "ui.district.profile_edit")).clicked() {
                    let profile = match &self.profile {
                        Some(Ok(p)) => p.clone(),
                        _ => DistrictProfile::default(),
                    };
                    self.edit = Some(ProfileEdit {
                        okrugs: profile.okrugs.join("\n"),
                        profile,
                        problem: None,
                    });
                }
            });
            return;
        };
        ui.add_space(6.0);
        ui.label(RichText::new(tr(lang, "ui.district.profile")).strong());
        ui.label(RichText::new(tr(lang, "ui.district.profile_intro")).weak());
        let p = &mut edit.profile;
        let mut f = Fields::new(lang, &[]);
        f.width = 460.0;
        egui::Grid::new("district_profile")
            .num_columns(2)
            .show(ui, |ui| {
                let fields: [(&str, &mut String); 11] = [
                    ("org_name_ru", &mut p.org_name_ru),
                    ("org_name_kk", &mut p.org_name_kk),
                    ("district_gen_ru", &mut p.district_gen_ru),
                    ("district_gen_kk", &mut p.district_gen_kk),
                    ("region_ru", &mut p.region_ru),
                    ("region_kk", &mut p.region_kk),
                    ("akim_position_ru", &mut p.akim_position_ru),
                    ("akim_position_kk", &mut p.akim_position_kk),
                    ("akim_name", &mut p.akim_name),
                    ("executor_name", &mut p.executor_name),
                    ("executor_phone", &mut p.executor_phone),
                ];
                for (name, value) in fields {
                    f.text(ui, &format!("ui.district.field.{name}"), name, value);
                }
                f.multiline(
                    ui,
                    "ui.district.field.okrugs",
                    "okrugs",
                    &mut edit.okrugs,
                    3,
                );
            });
        if let Some(problem) = &edit.problem {
            ui.label(RichText::new(problem).color(widgets::RED));
        }
        let mut save = false;
        let mut cancel = false;
        ui.horizontal(|ui| {
            save = ui
                .button(RichText::new(tr(lang, "ui.district.profile_save")).strong())
                .clicked();
            if self.profile.as_ref().is_some_and(|p| p.is_ok()) {
                cancel = ui.button(tr(lang, "ui.ref.undo")).clicked();
            }
        });
        if cancel {
            self.edit = None;
        } else if save {
            self.save_profile(env);
        }
    }

    fn save_profile(&mut self, env: &mut Env) {
        let (Some(edit), Some(folder)) = (self.edit.as_mut(), self.folder.as_ref()) else {
            return;
        };
        let mut profile = edit.profile.clone();
        profile.okrugs = edit
            .okrugs
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        let path = folder.join(FILE_NAME);
        if profile.org_name_ru.trim().is_empty() {
            let e = Error::Other(
                Text::new("err.district.profile_field")
                    .arg("path", path.display())
                    .arg("field", tr(env.lang, "ui.district.field.org_name_ru")),
            );
            edit.problem = Some(e.message(env.lang));
            return;
        }
        let protected = env.protected();
        start(env, "ui.job.district_profile", move || {
            let result = profile.save(&path, &protected).map(|()| profile);
            Done::ProfileSaved(path, result)
        });
    }

    fn form_ui(&mut self, ui: &mut Ui, env: &mut Env) {
        let lang = env.lang;
        let today = self.today();
        ui.horizontal_wrapped(|ui| {
            let l = ui.label(tr(lang, "ui.reports.form"));
            let kinds: Vec<(FormKind, String)> = FormKind::ALL
                .iter()
                .map(|k| (*k, tr(lang, &format!("ui.reports.{}", k.code()))))
                .collect();
            combo(ui, l.id, &mut self.kind, &kinds, 420.0);
            let l = ui.label(tr(lang, "ui.reports.lang"));
            let langs: Vec<(Option<Lang>, String)> = vec![
                (None, tr(lang, "ui.reports.lang_ui")),
                (Some(Lang::Ru), tr(Lang::Ru, "ui.lang.name")),
                (Some(Lang::Kk), tr(Lang::Kk, "ui.lang.name")),
            ];
            combo(ui, l.id, &mut self.lang, &langs, 140.0);
        });
        let period = ui
            .horizontal_wrapped(|ui| {
                self.period.ui(ui, lang, today, env.calendar);
                self.period.period(today)
            })
            .inner;
        let period = match period {
            Ok(p) => p,
            Err(v) => {
                let e = Error::Other(Text::new("ui.date.bad_value").arg("value", v.trim()));
                ui.label(RichText::new(e.message(lang)).color(widgets::RED));
                return;
            }
        };
        let key: Key = (
            self.loads,
            self.profiles,
            self.kind,
            period,
            self.lang.unwrap_or(lang),
            today,
        );
        self.consolidate(key, env);
        let ready = self
            .form
            .as_ref()
            .is_some_and(|(k, r)| *k == key && r.is_ok());
        ui.horizontal(|ui| {
            for (label, format) in FORMATS {
                let b = egui::Button::new(RichText::new(tr(lang, label)).strong());
                if ui.add_enabled(ready, b).clicked() {
                    self.save(env, format);
                }
            }
            if let Some(p) = self.saved.clone() {
                if ui.button(tr(lang, "ui.reports.open")).clicked() {
                    let job = super::save_to::open_job(env.dialogs.launcher(), p.clone());
                    let ctx = env.ctx.clone();
                    if !env
                        .jobs
                        .start("ui.job.open", move || ctx.request_repaint(), job)
                    {
                        busy(env, "ui.job.open");
                    }
                }
                ui.label(RichText::new(p.display().to_string()).weak());
            }
            if self.asked.is_some() {
                ui.spinner();
            }
        });
        match &self.form {
            Some((_, Err(e))) => {
                ui.label(RichText::new(e.message(lang)).color(widgets::RED));
            }
            Some((_, Ok(c))) => {
                for n in &c.notes {
                    ui.label(RichText::new(n.render(lang)).color(widgets::AMBER));
                }
                ui.separator();
                preview::show(ui, &c.form, &mut self.heights);
            }
            None => {}
        }
    }

    /// Consolidates the form for `key` on the jobs runner when it is not the one on screen or
    /// asked (and the okrugs and the profile are there, and no other job runs).
    fn consolidate(&mut self, key: Key, env: &mut Env) {
        let shown = self.form.as_ref().is_some_and(|(k, _)| *k == key);
        if shown || self.asked == Some(key) || env.jobs.is_running() {
            return;
        }
        let Some(Ok(profile)) = &self.profile else {
            return;
        };
        let profile = profile.clone();
        let Some(okrugs) = self.okrugs.take() else {
            return;
        };
        let (_, _, kind, period, lang, today) = key;
        self.asked = Some(key);
        start(env, "ui.job.district_form", move || {
            let req = Request::new(kind, period, lang, today);
            let result = district::consolidate(&profile, &okrugs, &req);
            Done::Consolidated {
                key,
                okrugs,
                result,
            }
        });
    }

    fn save(&mut self, env: &mut Env, format: Format) {
        let Some(form) = self.form().cloned() else {
            return;
        };
        let ext = format.ext();
        let name = format!("district_{}", file_name(&form, ext));
        let Some(path) = env.dialogs.save_file(&name, ext) else {
            return;
        };
        let path = if path.extension().is_none() {
            path.with_extension(ext)
        } else {
            path
        };
        let protected = env.protected();
        let ctx = env.ctx.clone();
        let started = env.jobs.start(
            "ui.job.save",
            move || ctx.request_repaint(),
            move || {
                let result = render::save(&form, format, &path, &protected);
                jobs::Done::Saved {
                    path,
                    fallback: false,
                    result,
                }
            },
        );
        if !started {
            busy(env, "ui.job.save");
        }
    }
}

/// Starts a district job, or says another one runs.
fn start(env: &mut Env, what: &'static str, work: impl FnOnce() -> Done + Send + 'static) {
    let ctx = env.ctx.clone();
    let started = env.jobs.start(
        what,
        move || ctx.request_repaint(),
        move || jobs::Done::District(Box::new(work())),
    );
    if !started {
        busy(env, what);
    }
}

fn busy(env: &mut Env, what: &str) {
    let text = trf(env.lang, "ui.job.busy", &[("what", &tr(env.lang, what))]);
    *env.toast = Some(Toast { text, error: true });
}

/// What the district mode works with during one frame (it needs no okrug database).
pub struct Env<'a> {
    pub lang: Lang,
    pub jobs: &'a mut jobs::Jobs,
    pub dialogs: &'a mut dyn Dialogs,
    pub toast: &'a mut Option<Toast>,
    pub ctx: egui::Context,
    /// The okrug database open beside, if any (never written over by a saved form).
    pub store: Option<&'a Store>,
    pub db_path: &'a Path,
    pub calendar: Option<&'a Calendar>,
}

impl Env<'_> {
    fn protected(&self) -> Protected {
        match self.store {
            Some(s) => Protected::of(s),
            None => Protected::database(self.db_path, None),
        }
    }
}

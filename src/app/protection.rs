//! The administrator's window «Защита данных»: encrypting an open file (the first password,
//! the recovery code shown once, the old plain copies offered for deletion), anonymising the
//! applicants of long-closed appeals (the count read before the confirmation), and the idle
//! lock's minutes. The conversion and the anonymisation run as jobs through the same core
//! functions as `estu encrypt` and `estu anonymise`.

use super::reader::Fetch;
use super::{App, Toast, jobs};
use chrono::NaiveDate;
use egui::{RichText, Ui};
use estu_core::i18n::{Lang, tr, trf};
use estu_core::secure::{Role, convert, keyring, lock};
use estu_core::store::{Db, Store, erasure};
use std::path::PathBuf;

/// What a protection job hands back.
pub enum Done {
    /// The file converted, with the encrypted store signed in as `admin`; or the reason it
    /// was not, with the store of the file as it is now, when it opens.
    Encrypted {
        admin: String,
        result: Result<(Box<Store>, convert::Converted), NotEncrypted>,
    },
    /// Applicants anonymised: how many appeals, closed before which day.
    Anonymised {
        store: Box<Store>,
        cutoff: NaiveDate,
        result: estu_core::Result<usize>,
    },
}

/// Why a file was not encrypted, with its store as it is now (when it opens).
type NotEncrypted = (Option<Box<Store>>, estu_core::Error);

/// The count asked before anonymising: (data generation, years, today).
type CountKey = (u64, u32, NaiveDate);

/// A line under a section: what was done, or what went wrong.
type Note = Option<(String, bool)>;

/// The window's state while it is open.
pub struct Protection {
    admin: String,
    password: String,
    password_again: String,
    encrypt_note: Note,
    /// Plain copies the conversion left (the copy made first, older backups), until deleted.
    plain: Vec<PathBuf>,
    years: String,
    remember_years: bool,
    count: Fetch<CountKey, estu_core::Result<usize>>,
    /// Asked before anonymising: (years, how many appeals).
    confirm: Option<(u32, usize)>,
    anonymise_note: Note,
    minutes: String,
    lock_note: Note,
}

impl Protection {
    /// The window on the app's open file: the executor proposed as the administrator, the
    /// saved anonymisation term and idle time filled in.
    pub fn new(app: &App) -> Protection {
        let executor = app.refs.profile.executor_name.trim();
        let admin = if executor.is_empty() {
            tr(app.lang, "role.admin")
        } else {
            executor.to_string()
        };
        let store = app.store.as_ref();
        let years = store
            .and_then(|s| erasure::anonymise_years(s).ok())
            .unwrap_or(erasure::DEFAULT_ANONYMISE_YEARS);
        let minutes = store.map_or(lock::DEFAULT_MINUTES, |s| lock::minutes(s.conn()));
        Protection {
            admin,
            password: String::new(),
            password_again: String::new(),
            encrypt_note: None,
            plain: Vec::new(),
            years: years.to_string(),
            remember_years: false,
            count: Fetch::default(),
            confirm: None,
            anonymise_note: None,
            minutes: minutes.to_string(),
            lock_note: None,
        }
    }

    /// Whether the count before anonymising has not come yet.
    pub fn is_reading(&self) -> bool {
        self.count.is_reading()
    }
}

/// Draws the window when it is open; closes it when asked.
pub fn window(app: &mut App, ui: &mut Ui) {
    let Some(mut w) = app.gate.protection.take() else {
        return;
    };
    if app.store.is_none() || app.gate.recovery.is_some() {
        // Lent to a job: the window comes back with the store. The recovery code of a file
        // just encrypted is the first step: the plain copies wait behind it.
        app.gate.protection = Some(w);
        return;
    }
    let mut open = true;
    let height = (ui.ctx().content_rect().height() - 120.0).max(200.0);
    egui::Window::new(tr(app.lang, "ui.protect.title"))
        .open(&mut open)
        .default_width(600.0)
        .resizable([true, false])
        .vscroll(true)
        .default_height(height)
        .max_height(height)
        .show(ui.ctx(), |ui| w.ui(app, ui));
    let start = w.confirm_anonymise(app, ui);
    if open {
        app.gate.protection = Some(w);
    }
    if let Some((years, remember)) = start {
        app.start_anonymise(years, remember);
    }
}

fn note(ui: &mut Ui, n: &Note) {
    if let Some((text, error)) = n {
        let text = RichText::new(text);
        ui.label(if *error {
            text.color(ui.visuals().error_fg_color)
        } else {
            text.strong()
        });
    }
}

/// A text field tied to its label, in a grid row.
fn field(ui: &mut Ui, label: &str, value: &mut String, password: bool, width: f32) {
    let l = ui.label(label);
    ui.add(
        egui::TextEdit::singleline(value)
            .password(password)
            .desired_width(width),
    )
    .labelled_by(l.id);
    ui.end_row();
}

impl Protection {
    fn ui(&mut self, app: &mut App, ui: &mut Ui) {
        let lang = app.lang;
        let Some(store) = app.store.as_ref() else {
            return;
        };
        if store.role() != Role::Admin {
            ui.label(RichText::new(tr(lang, "ui.protect.admin_only")).color(super::widgets::RED));
            return;
        }
        let encrypted = store.key().is_some();
        ui.label(RichText::new(tr(lang, "ui.protect.encryption")).strong());
        if encrypted {
            ui.label(tr(lang, "ui.protect.encrypted"));
        } else {
            self.encrypt_form(app, ui, lang);
        }
        note(ui, &self.encrypt_note);
        self.plain_copies(ui, lang);
        ui.separator();
        ui.label(RichText::new(tr(lang, "ui.protect.anonymise")).strong());
        self.anonymise_form(app, ui, lang);
        ui.separator();
        ui.label(RichText::new(tr(lang, "ui.protect.lock")).strong());
        if encrypted {
            self.lock_form(app, ui, lang);
        } else {
            ui.label(RichText::new(tr(lang, "ui.protect.lock_plain")).weak());
        }
    }

    /// The open file encrypted: the administrator's name and first password, typed twice.
    fn encrypt_form(&mut self, app: &mut App, ui: &mut Ui, lang: Lang) {
        ui.label(trf(
            lang,
            "ui.protect.encrypt_intro",
            &[("min", &keyring::MIN_PASSWORD)],
        ));
        egui::Grid::new("protect_encrypt")
            .num_columns(2)
            .show(ui, |ui| {
                field(
                    ui,
                    &tr(lang, "ui.protect.admin"),
                    &mut self.admin,
                    false,
                    280.0,
                );
                field(
                    ui,
                    &tr(lang, "ui.wizard.password"),
                    &mut self.password,
                    true,
                    280.0,
                );
                field(
                    ui,
                    &tr(lang, "ui.wizard.password_again"),
                    &mut self.password_again,
                    true,
                    280.0,
                );
            });
        if !ui
            .button(RichText::new(tr(lang, "ui.protect.encrypt")).strong())
            .clicked()
        {
            return;
        }
        let checked = if self.password != self.password_again {
            Err(estu_core::Error::Other(estu_core::i18n::Text::new(
                "err.password.mismatch",
            )))
        } else {
            keyring::check_password(&self.password)
        };
        match checked {
            Ok(()) => {
                let admin = match self.admin.trim() {
                    "" => tr(lang, "role.admin"),
                    a => a.to_string(),
                };
                let password = std::mem::take(&mut self.password);
                self.password_again.clear();
                self.encrypt_note = None;
                app.start_encrypt(admin, password);
            }
            Err(e) => self.encrypt_note = Some((e.message(lang), true)),
        }
    }

    /// The plain copies a conversion left, and their deletion.
    fn plain_copies(&mut self, ui: &mut Ui, lang: Lang) {
        if self.plain.is_empty() {
            return;
        }
        ui.label(
            RichText::new(tr(lang, "ui.protect.plain_left")).color(ui.visuals().warn_fg_color),
        );
        for p in &self.plain {
            ui.label(RichText::new(p.display().to_string()).monospace());
        }
        if ui.button(tr(lang, "ui.protect.delete_plain")).clicked() {
            self.encrypt_note = Some(match convert::delete_plain(&self.plain) {
                Ok(n) => {
                    self.plain.clear();
                    (trf(lang, "cli.plain_deleted", &[("count", &n)]), false)
                }
                Err(e) => (e.message(lang), true),
            });
        }
    }

    /// The term in years, the day it means, how many appeals it touches, and the button.
    fn anonymise_form(&mut self, app: &mut App, ui: &mut Ui, lang: Lang) {
        ui.label(trf(
            lang,
            "ui.protect.anonymise_intro",
            &[("default", &erasure::DEFAULT_ANONYMISE_YEARS)],
        ));
        egui::Grid::new("protect_anonymise")
            .num_columns(2)
            .show(ui, |ui| {
                field(
                    ui,
                    &tr(lang, "ui.protect.years"),
                    &mut self.years,
                    false,
                    60.0,
                );
            });
        ui.checkbox(
            &mut self.remember_years,
            tr(lang, "ui.protect.remember_years"),
        );
        let years = match erasure::check_years(&self.years) {
            Ok(y) => y,
            Err(e) => {
                ui.label(RichText::new(e.message(lang)).color(super::widgets::RED));
                return;
            }
        };
        let Some(store) = app.store.as_ref() else {
            return;
        };
        let today = store.today();
        let cutoff = erasure::anonymise_cutoff(today, years);
        let key = (app.generation, years, today);
        let count = match self
            .count
            .get(&mut app.reader, store.conn(), key, read_count)
        {
            None => {
                ui.spinner();
                return;
            }
            Some(Err(e)) => {
                ui.label(RichText::new(e.message(lang)).color(super::widgets::RED));
                return;
            }
            Some(Ok(n)) => *n,
        };
        ui.label(trf(
            lang,
            "ui.protect.anonymise_count",
            &[("date", &cutoff.format("%d.%m.%Y")), ("n", &count)],
        ));
        if ui
            .add_enabled(
                count > 0,
                egui::Button::new(tr(lang, "ui.protect.anonymise_go")),
            )
            .clicked()
        {
            self.confirm = Some((years, count));
        }
        note(ui, &self.anonymise_note);
    }

    /// Asks before anonymising; when the administrator agrees, the term and whether to keep
    /// it, for the job.
    fn confirm_anonymise(&mut self, app: &App, ui: &Ui) -> Option<(u32, bool)> {
        let (years, n) = self.confirm?;
        let lang = app.lang;
        let choice = super::widgets::confirm(
            ui,
            "confirm_anonymise",
            lang,
            &tr(lang, "ui.protect.anonymise_title"),
            &trf(lang, "ui.protect.anonymise_text", &[("n", &n)]),
            &tr(lang, "ui.protect.anonymise_yes"),
        );
        match choice {
            Some(true) => {
                self.confirm = None;
                self.anonymise_note = None;
                return Some((years, self.remember_years));
            }
            Some(false) => self.confirm = None,
            None => {}
        }
        None
    }

    /// The idle time before the lock, saved for the file and in force at once.
    fn lock_form(&mut self, app: &mut App, ui: &mut Ui, lang: Lang) {
        ui.label(trf(
            lang,
            "ui.protect.lock_intro",
            &[("max", &lock::MAX_MINUTES)],
        ));
        let mut save = false;
        ui.horizontal(|ui| {
            let l = ui.label(tr(lang, "ui.protect.minutes"));
            let r = ui
                .add(egui::TextEdit::singleline(&mut self.minutes).desired_width(60.0))
                .labelled_by(l.id);
            save = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            save |= ui.button(tr(lang, "ui.protect.lock_save")).clicked();
        });
        if save && let Some(store) = app.store.as_mut() {
            self.lock_note = Some(match lock::set(store, &self.minutes) {
                Ok(m) => {
                    app.gate.set_lock_minutes(m);
                    self.minutes = m.to_string();
                    (trf(lang, "ui.protect.lock_saved", &[("n", &m)]), false)
                }
                Err(e) => (e.message(lang), true),
            });
        }
        note(ui, &self.lock_note);
    }
}

fn read_count(db: &Db, (_, years, today): &CountKey) -> estu_core::Result<usize> {
    erasure::count_to_anonymise(db, *today, *years)
}

impl App {
    /// Encrypts the open file on a job: the app's store and reader let go of it, the day's copy
    /// (if still running) ends first, then `convert::encrypt_file` — whole or not at all — and
    /// the encrypted file is opened signed in as `admin`.
    fn start_encrypt(&mut self, admin: String, password: String) {
        if self.refuse_while_busy("ui.job.encrypt") {
            return;
        }
        let Some(store) = self.store.take() else {
            return;
        };
        self.pause_reader();
        let daily = self.daily_backup.take();
        let db = self.db_path.clone();
        let ctx = self.ctx.clone();
        self.jobs.start(
            "ui.job.encrypt",
            move || ctx.request_repaint(),
            move || {
                drop(store);
                if let Some(j) = daily {
                    let _ = j.join();
                }
                let converted = convert::encrypt_file(&db, &admin, &password);
                drop(password);
                let opened = |signed: bool| -> estu_core::Result<Store> {
                    let mut s = estu_core::safety::open_without_daily_backup(&db)?;
                    if signed {
                        s.sign_in(&admin)?;
                    }
                    Ok(s)
                };
                let result = match converted {
                    Ok(c) => opened(true)
                        .map(|s| (Box::new(s), c))
                        .map_err(|e| (None, e)),
                    Err(e) => Err((opened(false).ok().map(Box::new), e)),
                };
                jobs::Done::Protection(Box::new(Done::Encrypted { admin, result }))
            },
        );
    }

    /// Anonymises on a job that borrows the store (the change is one transaction).
    fn start_anonymise(&mut self, years: u32, remember: bool) {
        if self.refuse_while_busy("ui.job.anonymise") {
            return;
        }
        let Some(mut store) = self.store.take() else {
            return;
        };
        let ctx = self.ctx.clone();
        self.jobs.start(
            "ui.job.anonymise",
            move || ctx.request_repaint(),
            move || {
                let cutoff = erasure::anonymise_cutoff(store.today(), years);
                let result = if remember {
                    erasure::set_anonymise_years(&mut store, years)
                } else {
                    Ok(())
                }
                .and_then(|()| erasure::anonymise_closed(&mut store, years));
                jobs::Done::Protection(Box::new(Done::Anonymised {
                    store: Box::new(store),
                    cutoff,
                    result,
                }))
            },
        );
    }

    /// Takes the result of a protection job.
    pub(super) fn protection_done(&mut self, done: Done) {
        let lang = self.lang;
        match done {
            Done::Encrypted {
                admin,
                result: Ok((store, c)),
            } => {
                self.reader_paused = false;
                self.background = true;
                self.attach(*store);
                let text = trf(
                    lang,
                    "cli.encrypted",
                    &[("path", &self.db_path.display()), ("user", &admin)],
                );
                let mut w = Protection::new(self);
                w.plain = c.plain_copies;
                w.encrypt_note = Some((text.clone(), false));
                self.gate.protection = Some(w);
                self.gate.recovery = Some(c.recovery);
                self.toast = Some(Toast { text, error: false });
            }
            Done::Encrypted {
                result: Err((store, e)),
                ..
            } => {
                if store.is_none() && estu_core::safety::needs_password(&self.db_path) {
                    // Encrypted, but not opened again: it opens through the sign-in.
                    self.reader_paused = false;
                    self.gate = super::signin::Gate::at_start();
                } else {
                    self.store_back(store);
                }
                if let Some(w) = self.gate.protection.as_mut() {
                    w.encrypt_note = Some((e.message(lang), true));
                }
                self.toast_error(&e);
            }
            Done::Anonymised {
                store,
                cutoff,
                result,
            } => {
                self.store_back(Some(store));
                let (text, error) = match result {
                    Ok(n) => (
                        trf(
                            lang,
                            "cli.anonymised",
                            &[("date", &cutoff.format("%d.%m.%Y")), ("count", &n)],
                        ),
                        false,
                    ),
                    Err(e) => (e.message(lang), true),
                };
                if let Some(w) = self.gate.protection.as_mut() {
                    w.anonymise_note = Some((text.clone(), error));
                }
                self.toast = Some(Toast { text, error });
            }
        }
    }
}

//! Who is working: the sign-in at start (an encrypted file opens only with a user's password or
//! the recovery code), the lock after a set idle time (the same form, over the open file), and
//! the recovery code shown once when a file is created.

use super::App;
use egui::{RichText, Ui};
use estu_core::Lang;
use estu_core::i18n::{tr, trf};
use estu_core::safety;
use estu_core::secure::{Credentials, RecoveryCode, lock};
use std::path::PathBuf;
use std::thread::JoinHandle;
use std::time::Duration;

/// The sign-in form's width (narrower on a small window).
const FORM_WIDTH: f32 = 440.0;

/// The sign-in form.
#[derive(Default)]
pub struct SignIn {
    user: String,
    password: String,
    recovery: bool,
    error: Option<String>,
    /// Shown over an open file after the idle time (not at start).
    locked: bool,
    /// The password being checked on a thread of its own (Argon2id: 50 ms and more on a slow
    /// laptop); it answers with the name of who signs in.
    checking: Option<JoinHandle<estu_core::Result<String>>>,
}

/// The sign-in state of the window.
#[derive(Default)]
pub struct Gate {
    /// The form, while it is shown.
    pub prompt: Option<SignIn>,
    /// The code to show once, after the file was created.
    pub recovery: Option<RecoveryCode>,
    /// The user says the code is written down (the window's «Готово» waits for it).
    recovery_written: bool,
    /// The users window, while it is open.
    pub users: Option<super::users::UsersWindow>,
    /// The data protection window (encrypting, anonymising, the idle lock), while it is open.
    pub protection: Option<super::protection::Protection>,
    last_input: f64,
    /// The open file's idle time before the lock, read when the file was opened (no SQL on
    /// a frame).
    lock_after: Duration,
    /// Whether the open file is the open (unencrypted) demo, read when it was opened.
    open_demo: bool,
}

impl Gate {
    /// Reads what the gate needs of the file `store` once, when the app starts working on it.
    pub fn read_file(&mut self, store: &estu_core::Store) {
        self.set_lock_minutes(lock::minutes(store.conn()));
        self.open_demo = store.key().is_none()
            && estu_core::store::reference::setting(
                store.conn(),
                estu_core::demo::SETTING_OPEN_DEMO,
            )
            .ok()
            .flatten()
            .is_some();
    }

    /// The idle time before the lock, from now on.
    pub fn set_lock_minutes(&mut self, minutes: u32) {
        self.lock_after = Duration::from_secs(u64::from(minutes) * 60);
    }

    /// Whether a password is being checked or the protection window waits for a read (tests
    /// draw frames until it has answered).
    pub fn is_busy(&self) -> bool {
        self.prompt.as_ref().is_some_and(|p| p.checking.is_some())
            || self.protection.as_ref().is_some_and(|p| p.is_reading())
            || self.users.as_ref().is_some_and(|u| u.is_busy())
    }

    /// The form at start, for a file that needs a password.
    pub fn at_start() -> Gate {
        Gate {
            prompt: Some(SignIn::default()),
            ..Default::default()
        }
    }
}

impl SignIn {
    /// Draws the form; returns the credentials when the user signs in.
    fn ui(&mut self, ui: &mut Ui, lang: Lang) -> Option<Credentials> {
        let mut submit = false;
        ui.vertical_centered(|ui| {
            ui.add_space(40.0);
            let title = if self.locked {
                "ui.signin.locked"
            } else {
                "ui.signin.title"
            };
            ui.heading(tr(lang, title));
            ui.add_space(12.0);
            // The form is a column of its own in the middle of the window.
            let width = FORM_WIDTH.min(ui.available_width());
            ui.allocate_ui_with_layout(
                egui::vec2(width, 0.0),
                egui::Layout::top_down(egui::Align::Center),
                |ui| self.fields(ui, lang, &mut submit),
            );
        });
        if !submit || self.checking.is_some() {
            return None;
        }
        let creds = if self.recovery {
            Credentials::recovery(&self.password)
        } else {
            Credentials::password(Some(&self.user), &self.password)
        };
        self.password.clear();
        Some(creds)
    }

    /// The name, the password (or the recovery code), the error and the button.
    fn fields(&mut self, ui: &mut Ui, lang: Lang, submit: &mut bool) {
        {
            egui::Grid::new("signin").num_columns(2).show(ui, |ui| {
                if !self.recovery {
                    let l = ui.label(tr(lang, "ui.signin.user"));
                    ui.add(egui::TextEdit::singleline(&mut self.user).desired_width(280.0))
                        .on_hover_text(tr(lang, "ui.signin.user_hint"))
                        .labelled_by(l.id);
                    ui.end_row();
                }
                let key = if self.recovery {
                    "ui.signin.recovery_code"
                } else {
                    "ui.signin.password"
                };
                let l = ui.label(tr(lang, key));
                let r = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.password)
                            .password(true)
                            .desired_width(280.0),
                    )
                    .labelled_by(l.id);
                if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    *submit = true;
                }
                ui.end_row();
            });
            ui.checkbox(&mut self.recovery, tr(lang, "ui.signin.use_recovery"));
            if let Some(e) = &self.error {
                ui.label(RichText::new(e).color(ui.visuals().error_fg_color));
            }
            if self.checking.is_some() {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(tr(lang, "ui.signin.checking"));
                });
            } else if ui
                .button(RichText::new(tr(lang, "ui.signin.enter")).strong())
                .clicked()
            {
                *submit = true;
            }
        }
    }

    /// Checks `creds` against the keyring beside `path` on a thread: the window keeps drawing
    /// (and says «Проверка пароля…») while Argon2id derives the key.
    fn start_check(&mut self, path: PathBuf, creds: Credentials, ctx: egui::Context) {
        self.error = None;
        self.checking = Some(std::thread::spawn(move || {
            let who = safety::unlock(&path, Some(&creds)).map(Option::unwrap_or_default);
            ctx.request_repaint();
            who
        }));
    }

    /// The answer of the check once it has come.
    fn checked(&mut self) -> Option<estu_core::Result<String>> {
        if !self.checking.as_ref().is_some_and(|t| t.is_finished()) {
            return None;
        }
        let answer = self.checking.take()?.join();
        Some(answer.unwrap_or_else(|_| {
            tracing::error!("the password check's thread panicked");
            Err(estu_core::Error::WrongPassword)
        }))
    }
}

/// Locks the window after the idle time, on a file that has users (an encrypted one).
fn watch_idle(app: &mut App, ui: &Ui) {
    let encrypted = app.store.as_ref().is_some_and(|s| s.key().is_some());
    if !encrypted || app.gate.prompt.is_some() {
        return;
    }
    let (now, active) = ui.input(|i| (i.time, !i.events.is_empty() || i.pointer.is_moving()));
    if active || app.gate.last_input == 0.0 {
        app.gate.last_input = now;
    }
    let limit = app.gate.lock_after;
    if now - app.gate.last_input >= limit.as_secs_f64() {
        app.form = None;
        // Whoever signs in next opens the administrator's windows anew, if they may.
        app.gate.users = None;
        app.gate.protection = None;
        app.gate.prompt = Some(SignIn {
            locked: true,
            user: app
                .store
                .as_ref()
                .and_then(|s| s.user().map(|u| u.name.clone()))
                .unwrap_or_default(),
            ..Default::default()
        });
    } else {
        ui.ctx().request_repaint_after(Duration::from_secs(20));
    }
}

/// Draws the sign-in or the lock when one is due; returns whether it took the window.
pub fn gate(app: &mut App, ui: &mut Ui) -> bool {
    plain_banner(app, ui);
    show_recovery(app, ui);
    watch_idle(app, ui);
    let lang = app.lang;
    let path = app.db_path.clone();
    let Some(form) = app.gate.prompt.as_mut() else {
        // The administrator's windows, over the file only while someone is signed in.
        super::users::window(app, ui);
        super::protection::window(app, ui);
        return false;
    };
    let mut creds = None;
    egui::CentralPanel::default().show(ui, |ui| creds = form.ui(ui, lang));
    if let Some(c) = creds {
        form.start_check(path, c, ui.ctx().clone());
    }
    if let Some(answer) = form.checked() {
        match answer.and_then(|who| sign_in(app, &who)) {
            Ok(()) => {
                app.gate.prompt = None;
                app.gate.last_input = ui.input(|i| i.time);
            }
            Err(e) => {
                if let Some(f) = app.gate.prompt.as_mut() {
                    f.error = Some(e.message(lang));
                }
            }
        }
    }
    true
}

/// Signs `who` in once the keyring has unlocked the file for them: opens it at start, or signs
/// the (same or another) user in over the open file after the lock.
fn sign_in(app: &mut App, who: &str) -> estu_core::Result<()> {
    if let Some(store) = app.store.as_mut() {
        return store.sign_in(who);
    }
    let path = app.db_path.clone();
    let mut store = app.open_store(&path)?;
    store.sign_in(who)?;
    app.attach(store);
    Ok(())
}

/// The recovery code of a file just created, once, with what it is for; saved to a file for
/// printing on request.
fn show_recovery(app: &mut App, ui: &mut Ui) {
    let Some(code) = app.gate.recovery.clone() else {
        return;
    };
    let lang = app.lang;
    let mut done = false;
    egui::Window::new(tr(lang, "ui.recovery.title"))
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
        .show(ui.ctx(), |ui| {
            ui.label(tr(lang, "ui.recovery.intro"));
            ui.add_space(8.0);
            ui.label(RichText::new(code.as_str()).monospace().size(22.0).strong());
            ui.add_space(8.0);
            ui.label(tr(lang, "ui.recovery.warning"));
            ui.horizontal(|ui| {
                if ui.button(tr(lang, "ui.recovery.save")).clicked()
                    && let Some(p) = app.dialogs.save_file("estu-recovery-code.txt", "txt")
                {
                    let text = trf(lang, "cli.recovery_code", &[("code", &code.as_str())]);
                    if let Err(e) = estu_core::safety::output::save(
                        &p,
                        &estu_core::safety::output::Protected::database(&app.db_path, None),
                        text.as_bytes(),
                    ) {
                        app.toast_error(&e);
                    }
                }
            });
            // The code is never shown again: the window closes only once it is written down.
            ui.add_space(8.0);
            ui.checkbox(
                &mut app.gate.recovery_written,
                tr(lang, "ui.recovery.written"),
            );
            let close = egui::Button::new(RichText::new(tr(lang, "ui.recovery.done")).strong());
            if ui.add_enabled(app.gate.recovery_written, close).clicked() {
                done = true;
            }
        });
    if done {
        app.gate.recovery = None;
        app.gate.recovery_written = false;
    }
}

/// An open (unencrypted) file says so on every screen — the open demo that no real citizen's
/// data belongs in it — and offers to encrypt it.
fn plain_banner(app: &mut App, ui: &mut Ui) {
    let Some(store) = app.store.as_ref() else {
        return;
    };
    if store.key().is_some() || store.is_read_only() {
        return;
    }
    let text = if app.gate.open_demo {
        "ui.demo_banner"
    } else {
        "ui.plain_banner"
    };
    let lang = app.lang;
    egui::Panel::top("plain_banner").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(tr(lang, text))
                    .strong()
                    .color(ui.visuals().warn_fg_color),
            );
            if ui.button(tr(lang, "ui.protect.encrypt_open")).clicked() {
                app.gate.protection = Some(super::protection::Protection::new(app));
            }
        });
    });
}

/// The menu named after who is working: the users window (administrators) and locking now.
pub fn menu(app: &mut App, ui: &mut Ui) {
    let Some(user) = app.store.as_ref().and_then(|s| s.user().cloned()) else {
        // An open file has no one signed in: its protection is the administrator's anyway.
        if app.store.is_some() && ui.button(tr(app.lang, "ui.protect.open")).clicked() {
            app.gate.protection = Some(super::protection::Protection::new(app));
        }
        return;
    };
    let who = trf(
        app.lang,
        "cli.signed_in_as",
        &[
            ("user", &user.name),
            ("role", &tr(app.lang, user.role.key())),
        ],
    );
    ui.menu_button(who, |ui| {
        if user.role == estu_core::secure::Role::Admin
            && ui.button(tr(app.lang, "ui.users.open")).clicked()
        {
            ui.close();
            app.gate.users = Some(Default::default());
        }
        if user.role == estu_core::secure::Role::Admin
            && ui.button(tr(app.lang, "ui.protect.open")).clicked()
        {
            ui.close();
            app.gate.protection = Some(super::protection::Protection::new(app));
        }
        if ui.button(tr(app.lang, "ui.signin.lock_now")).clicked() {
            ui.close();
            app.form = None;
            app.gate.users = None;
            app.gate.protection = None;
            app.gate.prompt = Some(SignIn {
                locked: true,
                user: user.name.clone(),
                ..Default::default()
            });
        }
    });
}

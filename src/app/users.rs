//! The administrator's window of staff accounts: who may sign in, with which role, and their
//! passwords. Every change goes through `estu_core::secure::users` (audited, refused by role).

use super::App;
use super::reader::Fetch;
use egui::{RichText, Ui};
use estu_core::Lang;
use estu_core::i18n::tr;
use estu_core::model::Staff;
use estu_core::secure::{Role, Wrapped, keyring, users};
use estu_core::store::{Db, accounts};
use std::thread::JoinHandle;

/// A password being wrapped on a thread (Argon2id), for the account named, to add (with its
/// role) or to change.
struct Pending {
    name: String,
    add: Option<Role>,
    wrap: JoinHandle<estu_core::Result<Wrapped>>,
}

/// The window's state while it is open.
#[derive(Default)]
pub struct UsersWindow {
    name: String,
    role: Option<Role>,
    password: String,
    password_again: String,
    error: Option<String>,
    /// The accounts, read on the reader when the window opens and again after a change
    /// (the data generation: not every frame, and not on the window's thread).
    accounts: Fetch<u64, Vec<accounts::Account>>,
    /// The password being wrapped: the window keeps drawing meanwhile.
    pending: Option<Pending>,
}

fn read_accounts(db: &Db, _: &u64) -> Vec<accounts::Account> {
    accounts::list(db).unwrap_or_default()
}

/// Draws the window when it is open; closes it when asked.
pub fn window(app: &mut App, ui: &mut Ui) {
    let Some(mut w) = app.gate.users.take() else {
        return;
    };
    let lang = app.lang;
    let mut open = true;
    egui::Window::new(tr(lang, "ui.users.title"))
        .open(&mut open)
        .default_width(560.0)
        .show(ui.ctx(), |ui| w.ui(app, ui, lang));
    if open {
        app.gate.users = Some(w);
    }
}

impl UsersWindow {
    fn ui(&mut self, app: &mut App, ui: &mut Ui, lang: Lang) {
        let Some(store) = app.store.as_mut() else {
            return;
        };
        let list = self
            .accounts
            .get(&mut app.reader, store.conn(), app.generation, read_accounts)
            .cloned()
            .unwrap_or_default();
        if let Some((name, role, active)) = accounts_grid(ui, &list, lang) {
            self.error = users::update(store, &name, role, active)
                .err()
                .map(|e| e.message(lang));
            app.generation += 1;
        }
        ui.separator();
        ui.label(RichText::new(tr(lang, "ui.users.add_or_password")).strong());
        self.new_account_fields(ui, &app.refs.staff, lang);
        let exists = list
            .iter()
            .any(|a| a.name.trim().to_lowercase() == self.name.trim().to_lowercase());
        let label = if exists {
            "ui.users.set_password"
        } else {
            "ui.users.add"
        };
        if self.pending.is_some() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(tr(lang, "ui.users.wrapping"));
            });
        } else if ui.button(tr(lang, label)).clicked() {
            self.error = self
                .submit(store, exists, ui.ctx())
                .err()
                .map(|e| e.message(lang));
        }
        if let Some(done) = self.wrapped(store) {
            self.error = done.err().map(|e| e.message(lang));
            app.generation += 1;
        }
        if let Some(e) = &self.error {
            ui.label(RichText::new(e).color(ui.visuals().error_fg_color));
        }
    }

    /// The name (a staff member), role and password twice of the account to add or change.
    fn new_account_fields(&mut self, ui: &mut Ui, staff: &[Staff], lang: Lang) {
        egui::Grid::new("user_new").num_columns(2).show(ui, |ui| {
            let l = ui.label(tr(lang, "ui.signin.user"));
            egui::ComboBox::from_id_salt("user_name")
                .selected_text(self.name.clone())
                .show_ui(ui, |ui| {
                    for s in staff.iter().filter(|s| s.active) {
                        ui.selectable_value(&mut self.name, s.full_name.clone(), &s.full_name);
                    }
                })
                .response
                .labelled_by(l.id);
            ui.end_row();
            let l = ui.label(tr(lang, "ui.users.role"));
            egui::ComboBox::from_id_salt("user_role")
                .selected_text(self.role.map(|r| tr(lang, r.key())).unwrap_or_default())
                .show_ui(ui, |ui| {
                    for r in Role::ALL {
                        ui.selectable_value(&mut self.role, Some(r), tr(lang, r.key()));
                    }
                })
                .response
                .labelled_by(l.id);
            ui.end_row();
            for (key, value) in [
                ("ui.wizard.password", &mut self.password),
                ("ui.wizard.password_again", &mut self.password_again),
            ] {
                let l = ui.label(tr(lang, key));
                ui.add(egui::TextEdit::singleline(value).password(true))
                    .labelled_by(l.id);
                ui.end_row();
            }
        });
    }

    /// Whether a password is being wrapped.
    pub fn is_busy(&self) -> bool {
        self.pending.is_some()
    }

    /// Checks what was typed and starts wrapping the password on a thread (an open file has
    /// no passwords: the account is added at once).
    fn submit(
        &mut self,
        store: &mut estu_core::Store,
        exists: bool,
        ctx: &egui::Context,
    ) -> estu_core::Result<()> {
        if self.password != self.password_again {
            return Err(estu_core::Error::Other(estu_core::i18n::Text::new(
                "err.password.mismatch",
            )));
        }
        let add = (!exists).then(|| self.role.unwrap_or(Role::Staff));
        if exists {
            users::may_set_password(store, &self.name)?;
        } else {
            store.require(Role::Admin)?;
        }
        let password = std::mem::take(&mut self.password);
        self.password_again.clear();
        let Some(key) = store.key().cloned() else {
            return match add {
                Some(role) => users::add(store, &self.name, role, &password),
                None => users::set_password(store, &self.name, &password),
            };
        };
        keyring::check_password(&password)?;
        let (name, ctx) = (self.name.clone(), ctx.clone());
        let wrap = std::thread::spawn(move || {
            let w = Wrapped::new(&key, &name, &password);
            ctx.request_repaint();
            w
        });
        self.pending = Some(Pending {
            name: self.name.clone(),
            add,
            wrap,
        });
        Ok(())
    }

    /// Once the password is wrapped: the account added or its password changed.
    fn wrapped(&mut self, store: &mut estu_core::Store) -> Option<estu_core::Result<()>> {
        if !self.pending.as_ref().is_some_and(|p| p.wrap.is_finished()) {
            return None;
        }
        let p = self.pending.take()?;
        let w = match p.wrap.join() {
            Ok(w) => w,
            Err(_) => Err(estu_core::Error::Other(estu_core::i18n::Text::new(
                "err.password.not_given",
            ))),
        };
        Some(w.and_then(|w| match p.add {
            Some(role) => users::add_wrapped(store, &p.name, role, Some(w)),
            None => users::set_wrapped(store, &p.name, Some(w)),
        }))
    }
}

/// The accounts, each with its role and whether it may sign in; the change made, if any
/// (name, role, active).
fn accounts_grid(
    ui: &mut Ui,
    list: &[accounts::Account],
    lang: Lang,
) -> Option<(String, Role, bool)> {
    let mut change = None;
    egui::Grid::new("users")
        .striped(true)
        .num_columns(3)
        .show(ui, |ui| {
            for a in list {
                let name = ui.label(&a.name);
                let mut role = a.role;
                egui::ComboBox::from_id_salt(("role", a.id))
                    .selected_text(tr(lang, role.key()))
                    .show_ui(ui, |ui| {
                        for r in Role::ALL {
                            ui.selectable_value(&mut role, r, tr(lang, r.key()));
                        }
                    })
                    .response
                    .labelled_by(name.id);
                let mut active = a.active;
                ui.checkbox(&mut active, tr(lang, "ui.users.active"));
                if role != a.role || active != a.active {
                    change = Some((a.name.clone(), role, active));
                }
                ui.end_row();
            }
        });
    change
}

//! The File menu's databases: a new one, the recent list, Exit; and the screen shown when the
//! database worked on last is no longer where it was (moved, renamed, on a stick not plugged in).

use super::{App, Go, Toast, wizard};
use egui::{RichText, Ui};
use estu_core::i18n::{tr, trf};
use std::path::{Path, PathBuf};

impl App {
    /// Asks where to create a new database and shows the first-start wizard for it.
    pub(super) fn create_db(&mut self) {
        let Some(p) = self
            .dialogs
            .save_db()
            .or_else(|| self.new_db_without_dialog())
        else {
            return;
        };
        if p.exists() {
            self.toast = Some(Toast {
                text: tr(self.lang, "ui.menu.exists"),
                error: true,
            });
            return;
        }
        self.store = None;
        self.form = None;
        self.missing = None;
        self.rescue = None;
        self.db_path = p;
        self.wizard = wizard::Wizard::default();
    }

    /// When no dialog could be shown: a new database in the Documents folder, said where.
    fn new_db_without_dialog(&mut self) -> Option<PathBuf> {
        if !self.dialogs.unavailable() {
            return None;
        }
        let dir = self.dialogs.documents()?;
        if let Err(e) = std::fs::create_dir_all(&dir) {
            let detail = format!("{}: {e}", dir.display());
            let text = trf(self.lang, "ui.save.no_folder", &[("detail", &detail)]);
            self.toast = Some(Toast { text, error: true });
            return None;
        }
        let p = super::save_to::free_name(&dir, "estu.db");
        let text = trf(self.lang, "ui.create.no_dialog", &[("path", &p.display())]);
        self.toast = Some(Toast { text, error: false });
        Some(p)
    }

    /// Asks which database to open; when no dialog can be shown, says how else to open one.
    pub(super) fn pick_db(&mut self) {
        if let Some(p) = self.dialogs.open_db() {
            self.open_file(&p);
        } else if self.dialogs.unavailable() {
            let text = tr(self.lang, "ui.open.no_dialog");
            self.toast = Some(Toast { text, error: true });
        }
    }

    /// The recent databases other than the open one, each opened by a click.
    pub(super) fn recent_menu(&mut self, ui: &mut Ui) {
        let others: Vec<PathBuf> = self
            .recent()
            .iter()
            .filter(|p| self.store.is_none() || p.as_path() != self.db_path)
            .cloned()
            .collect();
        if others.is_empty() {
            return;
        }
        ui.menu_button(self.t("ui.menu.recent"), |ui| {
            for p in others {
                if ui.button(p.display().to_string()).clicked() {
                    ui.close();
                    self.open_recent(&p);
                }
            }
        });
    }

    /// Opens a database of the recent list; one that is gone is said and taken off the list.
    fn open_recent(&mut self, p: &Path) {
        if p.exists() {
            self.open_file(p);
            return;
        }
        let text = trf(self.lang, "ui.recent.gone", &[("path", &p.display())]);
        self.toast = Some(Toast { text, error: true });
        if let Some(r) = self.recent.as_mut()
            && let Err(e) = r.forget(p)
        {
            tracing::warn!(error = %e, "the recent list cannot be saved");
        }
    }

    /// «Выход» (Ctrl+Q): closes the window, after the unsaved-changes prompt.
    pub(super) fn exit_item(&mut self, ui: &mut Ui) {
        let button =
            egui::Button::new(self.t("ui.menu.exit")).shortcut_text(shortcut_text(ui, &EXIT));
        if ui.add(button).clicked() {
            ui.close();
            self.navigate(Go::Exit);
        }
    }

    /// Where the database worked on last was: find it, look again, open or create another.
    pub(super) fn missing_panel(&mut self, ui: &mut Ui) {
        let Some(missing) = self.missing.clone() else {
            return;
        };
        let lang = self.lang;
        ui.heading(tr(lang, "ui.missing.title"));
        ui.add_space(6.0);
        ui.label(RichText::new(missing.display().to_string()).strong());
        ui.label(tr(lang, "ui.missing.text"));
        ui.add_space(8.0);
        ui.horizontal_wrapped(|ui| {
            if ui.button(tr(lang, "ui.missing.find")).clicked() {
                self.pick_db();
            } else if ui.button(tr(lang, "ui.missing.again")).clicked() {
                if missing.exists() {
                    self.open_file(&missing);
                } else {
                    let text = trf(lang, "ui.recent.gone", &[("path", &missing.display())]);
                    self.toast = Some(Toast { text, error: true });
                }
            } else if ui.button(tr(lang, "ui.menu.create")).clicked() {
                self.create_db();
            }
        });
        let others: Vec<PathBuf> = self
            .recent()
            .iter()
            .filter(|p| **p != missing && p.exists())
            .cloned()
            .collect();
        if !others.is_empty() {
            ui.add_space(8.0);
            ui.label(tr(lang, "ui.menu.recent"));
            for p in others {
                if ui.link(p.display().to_string()).clicked() {
                    self.open_file(&p);
                }
            }
        }
    }
}

/// Ctrl+Q: close the window.
pub const EXIT: egui::KeyboardShortcut =
    egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::Q);

/// A shortcut as the menus show it («Ctrl+Q»).
pub fn shortcut_text(ui: &Ui, s: &egui::KeyboardShortcut) -> String {
    ui.ctx().format_shortcut(s)
}

/// Alt+1 … Alt+5: the reports screen with F1 … F5 (the «Отчёты» menu shows them).
pub const REPORTS: [(egui::KeyboardShortcut, &str); 5] = [
    (report_key(egui::Key::Num1), "f1"),
    (report_key(egui::Key::Num2), "f2"),
    (report_key(egui::Key::Num3), "f3"),
    (report_key(egui::Key::Num4), "f4"),
    (report_key(egui::Key::Num5), "f5"),
];

const fn report_key(key: egui::Key) -> egui::KeyboardShortcut {
    egui::KeyboardShortcut::new(egui::Modifiers::ALT, key)
}

impl App {
    /// The «Отчёты» menu: each form with its shortcut.
    pub(super) fn reports_menu(&mut self, ui: &mut Ui) {
        if self.store.is_none() {
            return;
        }
        ui.menu_button(self.t("ui.menu.reports"), |ui| {
            for (s, code) in REPORTS {
                let name = self.t(&format!("ui.reports.{code}"));
                let item = egui::Button::new(name).shortcut_text(shortcut_text(ui, &s));
                if ui.add(item).clicked() {
                    ui.close();
                    self.navigate(Go::Report(code));
                }
            }
        });
    }

    /// The reports' shortcuts, on every screen of an open database.
    pub(super) fn report_shortcuts(&mut self, ctx: &egui::Context) {
        if self.store.is_none() {
            return;
        }
        for (s, code) in REPORTS {
            if ctx.input_mut(|i| i.consume_shortcut(&s)) {
                self.navigate(Go::Report(code));
            }
        }
    }
}

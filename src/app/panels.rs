//! The window's side panel (the screens, the database's path), the unsaved-changes prompt and
//! the toast at the bottom.

use super::*;

impl App {
    pub(super) fn side_panel(&mut self, ui: &mut Ui) {
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

    pub(super) fn unsaved_prompt(&mut self, ui: &mut Ui) {
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

    pub(super) fn toast_panel(&mut self, ui: &mut Ui) {
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
}

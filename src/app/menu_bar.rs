//! The window's top bar (File, Формы and Справка menus, language, zoom, the okrug's name) and
//! the About window it opens.

use super::{App, about, import, save_to, signin};
use egui::{RichText, Ui};
use estu_core::i18n::{Lang, tr};
use estu_core::safety::backup;

impl App {
    pub(super) fn menu_bar(&mut self, ui: &mut Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(self.t("ui.menu.file"), |ui| {
                if ui.button(self.t("ui.menu.open")).clicked() {
                    ui.close();
                    self.pick_db();
                }
                if ui.button(self.t("ui.menu.create")).clicked() {
                    ui.close();
                    self.create_db();
                }
                self.recent_menu(ui);
                ui.separator();
                let open = self.store.is_some();
                if ui
                    .add_enabled(open, egui::Button::new(self.t("ui.menu.import")))
                    .clicked()
                {
                    ui.close();
                    self.import = Some(import::ImportDialog::default());
                }
                ui.add_enabled_ui(open, |ui| {
                    ui.menu_button(self.t("ui.menu.export"), |ui| {
                        for (key, district) in [
                            ("ui.menu.export_full", false),
                            ("ui.menu.export_district", true),
                        ] {
                            if ui.button(self.t(key)).clicked() {
                                ui.close();
                                if district {
                                    self.start_export(true, import::Sealing::Plain);
                                } else {
                                    self.ask_export();
                                }
                            }
                        }
                    });
                });
                ui.separator();
                if self.district.is_none() {
                    if ui.button(self.t("ui.menu.district")).clicked() {
                        ui.close();
                        self.enter_district();
                    }
                } else if ui.button(self.t("ui.menu.okrug")).clicked() {
                    ui.close();
                    self.district = None;
                }
                ui.separator();
                self.exit_item(ui);
            });
            self.reports_menu(ui);
            signin::menu(self, ui);
            ui.menu_button(self.t("ui.menu.help"), |ui| {
                if ui.button(self.t("ui.about.open")).clicked() {
                    ui.close();
                    self.open_about();
                }
            });
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

    /// Opens the About window with where the database and its backups are now.
    pub(super) fn open_about(&mut self) {
        let backups = self.store.as_ref().and_then(|s| backup::backup_dir(s).ok());
        self.about = Some(about::About::new(
            &self.db_path,
            backups,
            crate::data_dir::is_portable(),
        ));
    }

    pub(super) fn about_window(&mut self, ctx: &egui::Context) {
        let Some(about) = &mut self.about else {
            return;
        };
        match about.show(ctx, self.lang) {
            about::Answer::Stay => {}
            about::Answer::Close => self.about = None,
            about::Answer::OpenFolder(dir) => {
                let job = save_to::open_job(self.dialogs.launcher(), dir);
                if !self.refuse_while_busy("ui.job.open") {
                    let ctx = ctx.clone();
                    self.jobs
                        .start("ui.job.open", move || ctx.request_repaint(), job);
                }
            }
        }
    }
}

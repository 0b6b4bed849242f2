//! The district mode's way in and its frame in the window (`App`'s side of `district`).

use super::{App, Toast, district};
use egui::Ui;

impl App {
    /// Turns the district mode on, on the folder chosen last time (if any).
    pub fn enter_district(&mut self) {
        if self.is_dirty() {
            self.toast = Some(Toast {
                text: self.t("ui.unsaved.first"),
                error: true,
            });
            return;
        }
        let folder = district::AppSettings::read(&self.db_path).district_folder;
        self.district = Some(district::District::new(folder));
    }

    /// The district mode, while it is on.
    pub fn district(&self) -> Option<&district::District> {
        self.district.as_ref()
    }

    pub fn district_mut(&mut self) -> Option<&mut district::District> {
        self.district.as_mut()
    }

    /// The district mode's frame: its own view in the whole window.
    pub(super) fn district_frame(&mut self, ui: &mut Ui) {
        let Some(mut d) = self.district.take() else {
            return;
        };
        egui::CentralPanel::default().show(ui, |ui| {
            let mut env = district::Env {
                lang: self.lang,
                jobs: &mut self.jobs,
                dialogs: self.dialogs.as_mut(),
                toast: &mut self.toast,
                ctx: ui.ctx().clone(),
                store: self.store.as_ref(),
                db_path: &self.db_path,
                calendar: self.store.as_ref().map(|_| &self.refs.calendar),
            };
            d.ui(ui, &mut env);
        });
        if !d.close {
            self.district = Some(d);
        }
    }
}

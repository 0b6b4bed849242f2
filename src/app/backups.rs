use super::Cx;
use egui::Ui;
#[derive(Default)]
pub struct Backups {}
impl Backups {
    pub fn ui(&mut self, _ui: &mut Ui, _cx: &mut Cx) {}
}

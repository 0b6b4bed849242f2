use super::Cx;
use egui::Ui;
#[derive(Default)]
pub struct Reports {}
impl Reports {
    pub fn choose(&mut self, _code: &str) {}
    pub fn ui(&mut self, _ui: &mut Ui, _cx: &mut Cx) {}
}
pub fn save_talon(_cx: &mut Cx, _id: i64, _number: &str) {}

use super::{Cx, Editor};
use egui::Ui;
#[derive(Default)]
pub struct Reference {}
impl Reference {
    pub fn ui(&mut self, _ui: &mut Ui, _cx: &mut Cx) {}
}
impl Editor for Reference {
    fn dirty(&self) -> bool {
        false
    }
    fn save(&mut self, _cx: &mut Cx) -> bool {
        true
    }
    fn discard(&mut self) {}
}

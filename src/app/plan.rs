use super::{Cx, Editor};
use crate::store::Store;
use egui::Ui;
#[derive(Default)]
pub struct Plan {}
impl Plan {
    pub fn editor_mut(&mut self) -> Option<&mut dyn Editor> {
        None
    }
    pub fn open(&mut self, _store: &Store, _id: i64) {}
    pub fn ui(&mut self, _ui: &mut Ui, _cx: &mut Cx) {}
}

//! The administrator's «Очистить корзину навсегда…» dialog: everything in the trash, or only
//! what was deleted more than N days ago (as `estu trash empty --older-than N`), after a
//! confirmation that says which records go and from which day on the rest stays.

use super::Cx;
use super::widgets::RED;
use egui::{Id, RichText, Ui};
use estu_core::i18n::{tr, trf};
use estu_core::store::erasure;

/// The age proposed first: a month.
const DEFAULT_DAYS: u32 = 30;

/// What the administrator answered.
enum Answer {
    Keep,
    /// Empty: everything (`None`) or what is older than that many days.
    Empty(Option<u32>),
}

/// The dialog's state while it is open.
pub struct EmptyTrash {
    /// How many entries the trash holds.
    n: usize,
    /// Only what was deleted more than `days` days ago.
    old_only: bool,
    days: String,
}

impl EmptyTrash {
    pub fn new(n: usize) -> EmptyTrash {
        EmptyTrash {
            n,
            old_only: false,
            days: DEFAULT_DAYS.to_string(),
        }
    }

    /// Draws the dialog; `Some(true)` once the trash was emptied (or refused: the message is
    /// the toast), `Some(false)` when the administrator kept everything.
    pub fn ui(&mut self, ui: &Ui, cx: &mut Cx) -> Option<bool> {
        let lang = cx.lang;
        let mut choice = None;
        egui::Modal::new(Id::unique("confirm_empty_trash")).show(ui.ctx(), |ui| {
            ui.set_max_width(560.0);
            ui.heading(tr(lang, "ui.backup.empty_trash_title"));
            let all = trf(lang, "ui.backup.empty_all", &[("n", &self.n)]);
            ui.radio_value(&mut self.old_only, false, all);
            ui.horizontal(|ui| {
                // The field is named by the choice it completes: «…более чем [30] дней назад».
                let choice =
                    ui.radio_value(&mut self.old_only, true, tr(lang, "ui.backup.empty_old"));
                let r = ui
                    .add(egui::TextEdit::singleline(&mut self.days).desired_width(50.0))
                    .labelled_by(choice.id);
                ui.label(tr(lang, "ui.backup.empty_days"));
                if r.changed() {
                    self.old_only = true;
                }
            });
            let days = self.old_only.then(|| erasure::check_days(&self.days));
            let text = match &days {
                None => Ok(trf(lang, "ui.backup.empty_trash_text", &[("n", &self.n)])),
                Some(Ok(d)) => {
                    let from = erasure::trash_cutoff(cx.today(), *d);
                    Ok(trf(
                        lang,
                        "ui.backup.empty_old_text",
                        &[("days", d), ("date", &from.format("%d.%m.%Y"))],
                    ))
                }
                Some(Err(e)) => Err(e.message(lang)),
            };
            match &text {
                Ok(t) => ui.label(t),
                Err(e) => ui.label(RichText::new(e).color(RED)),
            };
            ui.horizontal(|ui| {
                let yes = egui::Button::new(tr(lang, "ui.backup.empty_trash_yes"));
                if ui.add_enabled(text.is_ok(), yes).clicked() {
                    choice = Some(Answer::Empty(days.and_then(Result::ok)));
                }
                if ui.button(tr(lang, "ui.unsaved.stay")).clicked() {
                    choice = Some(Answer::Keep);
                }
            });
        });
        let older_than = match choice? {
            Answer::Keep => return Some(false),
            Answer::Empty(days) => days,
        };
        match erasure::empty_trash(cx.store, older_than) {
            Ok(count) => {
                cx.changed();
                cx.info(trf(lang, "cli.trash_emptied", &[("count", &count)]));
            }
            Err(e) => cx.error(&e),
        }
        Some(true)
    }
}

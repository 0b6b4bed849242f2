//! Резервные копии, history and trash, on the data-safety library: make a verified copy now,
//! choose the backup folder (a USB stick), restore from a copy after a confirmation, read the
//! change history of any record, and bring deleted records back from the trash.

use super::Cx;
use egui::{RichText, Ui};
use estu_core::i18n::{tr, trf};
use estu_core::safety::backup;
use estu_core::store::reference;
use estu_core::store::{history, trash};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Tab {
    #[default]
    Copies,
    History,
    Trash,
}

/// The record kinds whose history can be read, with their i18n keys.
const KINDS: [(history::RecordKind, &str); 5] = [
    (history::RecordKind::Appeal, "trash.table.appeal"),
    (history::RecordKind::Reception, "trash.table.reception"),
    (history::RecordKind::Meeting, "trash.table.meeting"),
    (history::RecordKind::Question, "trash.table.question"),
    (history::RecordKind::Plan, "trash.table.plan_item"),
];

#[derive(Default)]
pub struct Backups {
    tab: Tab,
    folder: String,
    folder_loaded: bool,
    confirm_restore: Option<PathBuf>,
    kind_index: usize,
    record: String,
    history: Option<Result<Vec<history::Entry>, String>>,
}

impl Backups {
    /// Shows the history of one record (from the appeal form's «История»).
    pub fn show_history(&mut self, kind: history::RecordKind, id: i64) {
        self.tab = Tab::History;
        self.kind_index = KINDS.iter().position(|(k, _)| *k == kind).unwrap_or(0);
        self.record = id.to_string();
        self.history = None;
    }

    pub fn ui(&mut self, ui: &mut Ui, cx: &mut Cx) {
        let lang = cx.lang;
        ui.heading(tr(lang, "ui.nav.backups"));
        ui.horizontal(|ui| {
            for (t, k) in [
                (Tab::Copies, "ui.backup.copies"),
                (Tab::History, "ui.backup.history"),
                (Tab::Trash, "ui.backup.trash"),
            ] {
                if ui.selectable_label(self.tab == t, tr(lang, k)).clicked() {
                    self.tab = t;
                }
            }
        });
        ui.separator();
        match self.tab {
            Tab::Copies => self.copies(ui, cx),
            Tab::History => self.history(ui, cx),
            Tab::Trash => self.trash(ui, cx),
        }
    }

    fn copies(&mut self, ui: &mut Ui, cx: &mut Cx) {
        let lang = cx.lang;
        let dir = backup::backup_dir(cx.store);
        if !self.folder_loaded {
            self.folder = reference::setting(cx.store.conn(), backup::SETTING_DIR)
                .ok()
                .flatten()
                .unwrap_or_default();
            self.folder_loaded = true;
        }
        match &dir {
            Ok(d) => ui.label(trf(lang, "ui.backup.folder_now", &[("path", &d.display())])),
            Err(e) => ui.label(RichText::new(e.message(lang)).color(super::widgets::RED)),
        };
        ui.horizontal(|ui| {
            let l = ui.label(tr(lang, "ui.backup.folder"));
            ui.add(
                egui::TextEdit::singleline(&mut self.folder)
                    .desired_width(420.0)
                    .hint_text(tr(lang, "ui.backup.folder_hint")),
            )
            .labelled_by(l.id);
            if ui.button(tr(lang, "ui.backup.folder_set")).clicked() {
                let v = self.folder.trim().to_string();
                match cx
                    .store
                    .write(|tx| reference::set_setting(tx, backup::SETTING_DIR, &v))
                {
                    Ok(()) => cx.info(tr(lang, "ui.backup.folder_saved")),
                    Err(e) => cx.error(&e),
                }
            }
        });
        if ui
            .button(RichText::new(tr(lang, "ui.backup.now")).strong())
            .clicked()
        {
            match backup::backup_now(cx.store) {
                Ok(b) => cx.info(trf(lang, "ui.backup.made", &[("path", &b.path.display())])),
                Err(e) => cx.error(&e),
            }
        }
        ui.add_space(6.0);
        let list = backup::list_backups(cx.store).unwrap_or_default();
        if list.is_empty() {
            ui.label(RichText::new(tr(lang, "ui.backup.none")).weak());
        }
        egui::ScrollArea::vertical()
            .id_salt("copies")
            .max_height(ui.available_height() - 40.0)
            .show(ui, |ui| {
                egui::Grid::new("copies_grid")
                    .striped(true)
                    .num_columns(4)
                    .show(ui, |ui| {
                        for k in ["ui.backup.taken_at", "ui.backup.kind", "ui.backup.size", ""] {
                            ui.strong(if k.is_empty() {
                                String::new()
                            } else {
                                tr(lang, k)
                            });
                        }
                        ui.end_row();
                        for b in &list {
                            ui.label(b.taken_at.format("%d.%m.%Y %H:%M:%S").to_string());
                            ui.label(tr(lang, b.kind.key()));
                            ui.label(format!("{:.1} MB", b.size as f64 / 1_048_576.0));
                            if ui.button(tr(lang, "ui.backup.restore")).clicked() {
                                self.confirm_restore = Some(b.path.clone());
                            }
                            ui.end_row();
                        }
                    });
            });
        self.confirm(ui, cx);
    }

    fn confirm(&mut self, ui: &mut Ui, cx: &mut Cx) {
        let Some(path) = self.confirm_restore.clone() else {
            return;
        };
        let lang = cx.lang;
        let choice = super::widgets::confirm(
            ui,
            "confirm_restore",
            lang,
            &tr(lang, "ui.backup.confirm_title"),
            &trf(lang, "ui.backup.confirm_text", &[("path", &path.display())]),
            &tr(lang, "ui.backup.confirm_yes"),
        );
        match choice {
            Some(true) => {
                self.confirm_restore = None;
                match backup::restore(cx.store, &path, true) {
                    Ok(r) => {
                        cx.changed();
                        *cx.refs_changed = true;
                        let kept = r
                            .replaced_kept_at
                            .map(|p| p.display().to_string())
                            .unwrap_or_default();
                        cx.info(trf(lang, "ui.backup.restored", &[("kept", &kept)]));
                    }
                    Err(e) => cx.error(&e),
                }
            }
            Some(false) => self.confirm_restore = None,
            None => {}
        }
    }

    fn history(&mut self, ui: &mut Ui, cx: &mut Cx) {
        let lang = cx.lang;
        ui.horizontal(|ui| {
            let l = ui.label(tr(lang, "ui.backup.record_kind"));
            let opts: Vec<(usize, String)> = KINDS
                .iter()
                .enumerate()
                .map(|(i, (_, k))| (i, tr(lang, k)))
                .collect();
            super::widgets::combo(ui, l.id, &mut self.kind_index, &opts, 180.0);
            let l = ui.label(tr(lang, "ui.backup.record"));
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut self.record)
                        .desired_width(160.0)
                        .hint_text(tr(lang, "ui.backup.record_hint")),
                )
                .labelled_by(l.id);
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui.button(tr(lang, "ui.backup.show")).clicked() || enter {
                self.history = None;
            }
        });
        if self.history.is_none() && !self.record.trim().is_empty() {
            let (kind, _) = KINDS[self.kind_index];
            let conn = cx.store.conn();
            let id = match kind {
                history::RecordKind::Appeal => history::appeal_id(conn, &self.record),
                _ => self.record.trim().parse::<i64>().map_err(|_| {
                    estu_core::Error::Other(
                        estu_core::i18n::Text::new("ui.backup.bad_id")
                            .arg("value", self.record.trim()),
                    )
                }),
            };
            self.history = Some(
                id.and_then(|id| history::of_record(conn, kind, id))
                    .map_err(|e| e.message(lang)),
            );
        }
        match &self.history {
            None => {}
            Some(Err(e)) => {
                ui.label(RichText::new(e).color(super::widgets::RED));
            }
            Some(Ok(entries)) => {
                if entries.is_empty() {
                    ui.label(RichText::new(tr(lang, "ui.backup.no_history")).weak());
                }
                egui::ScrollArea::vertical()
                    .id_salt("history")
                    .show(ui, |ui| {
                        for e in entries {
                            let actor = if e.actor.is_empty() {
                                tr(lang, "history.actor_none")
                            } else {
                                e.actor.clone()
                            };
                            ui.label(
                                RichText::new(format!(
                                    "{} — {} — {}",
                                    e.at,
                                    tr(lang, e.action.key()),
                                    actor
                                ))
                                .strong(),
                            );
                            for c in &e.changes {
                                ui.label(format!(
                                    "    {}: {} → {}",
                                    c.label(lang),
                                    history::show_value(&c.old),
                                    history::show_value(&c.new)
                                ));
                            }
                        }
                    });
            }
        }
    }

    fn trash(&mut self, ui: &mut Ui, cx: &mut Cx) {
        let lang = cx.lang;
        let list = trash::list(cx.store.conn()).unwrap_or_default();
        if list.is_empty() {
            ui.label(RichText::new(tr(lang, "ui.backup.trash_empty")).weak());
        }
        let mut restore = None;
        egui::ScrollArea::vertical()
            .id_salt("trash")
            .show(ui, |ui| {
                egui::Grid::new("trash_grid")
                    .striped(true)
                    .num_columns(5)
                    .show(ui, |ui| {
                        for k in [
                            "ui.backup.deleted_at",
                            "ui.backup.record_kind",
                            "ui.backup.what",
                            "ui.backup.actor",
                            "",
                        ] {
                            ui.strong(if k.is_empty() {
                                String::new()
                            } else {
                                tr(lang, k)
                            });
                        }
                        ui.end_row();
                        for e in &list {
                            ui.label(&e.deleted_at);
                            ui.label(tr(lang, &format!("trash.table.{}", e.table)));
                            let mut what = e.label.clone();
                            if e.children > 0 {
                                what = trf(
                                    lang,
                                    "ui.backup.with_children",
                                    &[("what", &what), ("n", &e.children)],
                                );
                            }
                            ui.label(what);
                            ui.label(&e.actor);
                            if ui.button(tr(lang, "ui.backup.restore_record")).clicked() {
                                restore = Some(e.id);
                            }
                            ui.end_row();
                        }
                    });
            });
        if let Some(id) = restore {
            match cx.store.write(|tx| trash::restore(tx, id)) {
                Ok(r) => {
                    cx.changed();
                    cx.info(trf(lang, "ui.backup.restored_record", &[("n", &r.rows)]));
                }
                Err(e) => cx.error(&e),
            }
        }
    }
}

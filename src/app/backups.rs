//! Резервные копии, history and trash, on the data-safety library: make a verified copy now,
//! choose the backup folder (a USB stick), restore from a copy after a confirmation, read the
//! change history of any record, and bring deleted records back from the trash.
//!
//! A restore is asked about with the copy's summary (okrug, date, counts of records) beside
//! the database's, and the warning of `restore::Caution` when it is another okrug's or an
//! emptier copy; the copy is checked first, as a job. `Rescue` is the same restore for a
//! database the app could not open because it is damaged.

use super::Cx;
use super::reader::Fetch;
use egui::{RichText, Ui};
use estu_core::i18n::{Lang, tr, trf};
use estu_core::safety::backup;
use estu_core::safety::restore::{self, Preview};
use estu_core::store::{Db, reference};
use estu_core::store::{history, trash};
use std::path::{Path, PathBuf};

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

/// The copies in the backup folder, by (generation, folder, the database's file stem).
type CopiesKey = (u64, PathBuf, String);

#[derive(Default)]
pub struct Backups {
    tab: Tab,
    folder: String,
    folder_loaded: bool,
    /// The backup folder now in use, by generation (a setting: read again after a write).
    dir: Option<(u64, Result<PathBuf, String>)>,
    copies: Fetch<CopiesKey, estu_core::Result<Vec<backup::BackupInfo>>>,
    /// The checked copy the user is asked about.
    confirm_restore: Option<Preview>,
    /// The administrator asked to empty the trash: the dialog, until answered.
    confirm_empty: Option<super::trash_empty::EmptyTrash>,
    kind_index: usize,
    record: String,
    /// The record whose history was asked for («Показать», or from a record's form).
    shown: Option<(history::RecordKind, String)>,
    history: Fetch<(u64, history::RecordKind, String), estu_core::Result<Vec<history::Entry>>>,
    trash: Fetch<u64, estu_core::Result<Vec<trash::Entry>>>,
}

fn read_copies(_: &Db, (_, dir, stem): &CopiesKey) -> estu_core::Result<Vec<backup::BackupInfo>> {
    backup::list_in(dir, stem)
}

fn read_history(
    db: &Db,
    (_, kind, record): &(u64, history::RecordKind, String),
) -> estu_core::Result<Vec<history::Entry>> {
    let id = match kind {
        history::RecordKind::Appeal => history::appeal_id(db, record)?,
        _ => record.trim().parse::<i64>().map_err(|_| {
            estu_core::Error::Other(
                estu_core::i18n::Text::new("ui.backup.bad_id").arg("value", record.trim()),
            )
        })?,
    };
    history::of_record(db, *kind, id)
}

impl Backups {
    /// Shows the history of one record (from the appeal form's «История»).
    pub fn show_history(&mut self, kind: history::RecordKind, record: String) {
        self.tab = Tab::History;
        self.kind_index = KINDS.iter().position(|(k, _)| *k == kind).unwrap_or(0);
        self.record = record;
        self.shown = Some((kind, self.record.clone()));
    }

    /// Whether a read has not come yet.
    pub fn is_reading(&self) -> bool {
        self.copies.is_reading() || self.history.is_reading() || self.trash.is_reading()
    }

    /// The backup folder in use (read again after a write).
    fn dir(&mut self, cx: &Cx) -> Result<PathBuf, String> {
        let generation = *cx.generation;
        if self.dir.as_ref().is_none_or(|(g, _)| *g != generation) {
            let dir = backup::backup_dir(cx.store).map_err(|e| e.message(cx.lang));
            self.dir = Some((generation, dir));
        }
        self.dir
            .as_ref()
            .map(|(_, d)| d.clone())
            .unwrap_or_else(|| Ok(PathBuf::new()))
    }

    fn draw(&mut self, ui: &mut Ui, cx: &mut Cx) {
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
        let dir = self.dir(cx);
        if !self.folder_loaded {
            self.folder = reference::setting(cx.store.conn(), backup::SETTING_DIR)
                .ok()
                .flatten()
                .unwrap_or_default();
            self.folder_loaded = true;
        }
        self.folder_row(ui, cx, &dir);
        actions_row(ui, cx);
        ui.add_space(6.0);
        self.copies_list(ui, cx, dir.unwrap_or_default());
        self.confirm(ui, cx);
    }

    /// Where copies go now, and the folder typed or chosen for them.
    fn folder_row(&mut self, ui: &mut Ui, cx: &mut Cx, dir: &Result<PathBuf, String>) {
        let lang = cx.lang;
        match dir {
            Ok(d) => ui.label(trf(lang, "ui.backup.folder_now", &[("path", &d.display())])),
            Err(e) => ui.label(RichText::new(e).color(super::widgets::RED)),
        };
        ui.horizontal(|ui| {
            let l = ui.label(tr(lang, "ui.backup.folder"));
            ui.add(
                egui::TextEdit::singleline(&mut self.folder)
                    .desired_width(420.0)
                    .hint_text(tr(lang, "ui.backup.folder_hint")),
            )
            .labelled_by(l.id);
            // A USB stick is chosen, not typed: the folder is saved at once (remembered).
            if ui.button(tr(lang, "ui.backup.browse")).clicked()
                && let Some(dir) = cx.dialogs.pick_folder()
            {
                self.folder = dir.display().to_string();
                self.save_folder(cx, "ui.backup.folder_chosen");
            }
            if ui.button(tr(lang, "ui.backup.folder_set")).clicked() {
                self.save_folder(cx, "ui.backup.folder_saved");
            }
        });
    }

    /// The copies in `dir` of this database (read on the reader), each with its restore button.
    fn copies_list(&mut self, ui: &mut Ui, cx: &mut Cx, dir: PathBuf) {
        let lang = cx.lang;
        let stem = cx
            .store
            .path()
            .and_then(|p| p.file_stem())
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let key = (*cx.generation, dir, stem);
        let reading = self.copies.is_reading();
        let list = match cx.read(&mut self.copies, key, read_copies) {
            Some(Ok(list)) => list.as_slice(),
            Some(Err(e)) => {
                ui.label(RichText::new(e.message(lang)).color(super::widgets::RED));
                &[]
            }
            None => &[],
        };
        if list.is_empty() && !reading {
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
                        for b in list {
                            copy_row(ui, cx, b);
                        }
                    });
            });
    }

    fn save_folder(&mut self, cx: &mut Cx, said: &str) {
        let v = self.folder.trim().to_string();
        match cx
            .store
            .write(|tx| reference::set_setting(tx, backup::SETTING_DIR, &v))
        {
            Ok(()) => {
                cx.changed();
                cx.info(trf(cx.lang, said, &[("path", &v)]));
            }
            Err(e) => cx.error(&e),
        }
    }

    /// The copy checked by a job, to ask about (`App` hands it over when the job ends).
    pub fn previewed(&mut self, p: Preview) {
        self.confirm_restore = Some(p);
    }

    fn confirm(&mut self, ui: &mut Ui, cx: &mut Cx) {
        let Some(p) = &self.confirm_restore else {
            return;
        };
        let db = cx.store.path().map(Path::to_path_buf).unwrap_or_default();
        match restore_dialog(ui, cx.lang, &db, p) {
            Some(true) => {
                let p = self.confirm_restore.take().expect("asked about");
                *cx.go = Some(super::Go::Restore(Box::new(p)));
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
                let (kind, _) = KINDS[self.kind_index];
                self.shown = Some((kind, self.record.clone()));
            }
        });
        let Some((kind, record)) = self.shown.clone().filter(|(_, r)| !r.trim().is_empty()) else {
            return;
        };
        match cx.read(
            &mut self.history,
            (*cx.generation, kind, record),
            read_history,
        ) {
            None => {
                ui.spinner();
            }
            Some(Err(e)) => {
                ui.label(RichText::new(e.message(lang)).color(super::widgets::RED));
            }
            Some(Ok(entries)) => {
                if entries.is_empty() {
                    ui.label(RichText::new(tr(lang, "ui.backup.no_history")).weak());
                }
                egui::ScrollArea::vertical()
                    .id_salt("history")
                    .show(ui, |ui| {
                        for e in entries {
                            history_entry(ui, lang, cx.refs, e);
                        }
                    });
            }
        }
    }

    fn trash(&mut self, ui: &mut Ui, cx: &mut Cx) {
        let lang = cx.lang;
        let list = match cx.read(&mut self.trash, *cx.generation, |db, _| trash::list(db)) {
            Some(Ok(list)) => list.as_slice(),
            Some(Err(e)) => {
                ui.label(RichText::new(e.message(lang)).color(super::widgets::RED));
                return;
            }
            None => return,
        };
        if list.is_empty() {
            ui.label(RichText::new(tr(lang, "ui.backup.trash_empty")).weak());
        } else if cx.store.role() == estu_core::secure::Role::Admin
            && ui.button(tr(lang, "ui.backup.empty_trash")).clicked()
        {
            self.confirm_empty = Some(super::trash_empty::EmptyTrash::new(list.len()));
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
                        for e in list {
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
        self.confirm_empty(ui, cx);
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

impl Backups {
    /// Asks before the trash is emptied for good (all of it, or what is older than N days);
    /// empties it when the administrator agrees.
    fn confirm_empty(&mut self, ui: &mut Ui, cx: &mut Cx) {
        if let Some(dialog) = self.confirm_empty.as_mut()
            && dialog.ui(ui, cx).is_some()
        {
            self.confirm_empty = None;
        }
    }
}

/// Makes a verified copy on a thread, through a connection of its own: the window stays
/// responsive while a gigabyte is copied and checked.
fn start_backup(cx: &mut Cx) {
    let Some(path) = cx.store.path().map(std::path::Path::to_path_buf) else {
        // In memory: the core says there is no file to copy.
        if let Err(e) = backup::backup_now(cx.store) {
            cx.error(&e);
        }
        return;
    };
    let progress = super::jobs::Progress::percent();
    let pages = progress.clone();
    cx.start_counted_job("ui.job.backup", Some(progress), move || {
        let made = estu_core::store::Store::open_read_only(&path).and_then(|copy_from| {
            backup::backup_now_with(&copy_from, &mut |done, total| pages.report(done, total))
        });
        super::jobs::Done::Backup(made)
    });
}

/// Checks the copy at `from` on a thread and says what replacing the database with it would
/// do; the dialog shows it when the job ends (`Done::Preview`).
fn start_preview(cx: &mut Cx, from: PathBuf) {
    let db = cx.store.path().map(Path::to_path_buf).unwrap_or_default();
    cx.start_job("ui.job.check_copy", move || {
        super::jobs::Done::Preview(restore::preview(&db, &from))
    });
}

/// The restore dialog: whose the copy is and what it holds, what the database holds now, why
/// a yes is needed; the buttons say what they do. `Some(true)`: replace, `Some(false)`: keep.
fn restore_dialog(ui: &Ui, lang: Lang, db: &Path, p: &Preview) -> Option<bool> {
    let mut choice = None;
    egui::Modal::new(egui::Id::unique("confirm_restore")).show(ui.ctx(), |ui| {
        ui.set_max_width(640.0);
        ui.heading(tr(lang, "ui.backup.confirm_title"));
        ui.label(trf(
            lang,
            "ui.backup.confirm_copy",
            &[("path", &p.from.display())],
        ));
        ui.label(RichText::new(p.copy.describe(lang)).strong());
        ui.add_space(4.0);
        match &p.current {
            Some(c) => {
                ui.label(trf(
                    lang,
                    "ui.backup.confirm_current",
                    &[("path", &db.display())],
                ));
                ui.label(RichText::new(c.describe(lang)).strong());
            }
            None => {
                ui.label(trf(
                    lang,
                    "ui.backup.confirm_no_current",
                    &[("path", &db.display())],
                ));
            }
        }
        if let Some(c) = p.caution {
            ui.add_space(4.0);
            ui.label(
                RichText::new(tr(lang, c.key()))
                    .color(super::widgets::RED)
                    .strong(),
            );
        }
        ui.add_space(4.0);
        ui.label(tr(lang, "ui.backup.confirm_kept"));
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui.button(tr(lang, "ui.backup.replace")).clicked() {
                choice = Some(true);
            }
            if ui.button(tr(lang, "ui.backup.keep")).clicked() {
                choice = Some(false);
            }
        });
    });
    choice
}

/// What the rescue screen asks the app to do.
pub enum RescueAct {
    /// Check this copy and say what restoring it would do.
    Check(PathBuf),
    /// Replace the damaged file with the checked copy (the user said yes).
    Restore(Box<Preview>),
}

/// The screen of a database the app cannot open because the file is damaged: says so, names
/// the file, lists its copies and restores one after the same dialog as the backups screen.
/// The damaged file is kept aside by name, never deleted.
pub struct Rescue {
    db: PathBuf,
    problem: estu_core::Error,
    dir: PathBuf,
    copies: Result<Vec<backup::BackupInfo>, estu_core::Error>,
    confirm_restore: Option<Preview>,
}

impl Rescue {
    /// The rescue of `db`, which failed to open with `problem`; the problem back when it is
    /// not one a copy mends (another program's file, a newer version, a locked file).
    pub fn of(db: &Path, problem: estu_core::Error) -> Result<Rescue, estu_core::Error> {
        if !matches!(
            problem,
            estu_core::Error::Damaged { .. } | estu_core::Error::DiskIo(_)
        ) {
            return Err(problem);
        }
        let dir = backup::dir_of_file(db);
        let stem = db
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        // A folder listing, once, when the screen is made: no file is opened.
        let copies = backup::list_in(&dir, &stem);
        Ok(Rescue {
            db: db.to_path_buf(),
            problem,
            dir,
            copies,
            confirm_restore: None,
        })
    }

    /// The copy checked by a job, to ask about.
    pub fn previewed(&mut self, p: Preview) {
        self.confirm_restore = Some(p);
    }

    pub fn ui(
        &mut self,
        ui: &mut Ui,
        lang: Lang,
        dialogs: &mut dyn super::Dialogs,
    ) -> Option<RescueAct> {
        let mut act = None;
        ui.heading(RichText::new(tr(lang, "ui.rescue.title")).color(super::widgets::RED));
        ui.label(self.problem.message(lang));
        ui.add_space(8.0);
        match &self.copies {
            Ok(list) if !list.is_empty() => {
                ui.label(trf(
                    lang,
                    "ui.rescue.copies",
                    &[("dir", &self.dir.display())],
                ));
                egui::ScrollArea::vertical()
                    .id_salt("rescue_copies")
                    .max_height(ui.available_height() - 80.0)
                    .show(ui, |ui| {
                        egui::Grid::new("rescue_grid")
                            .striped(true)
                            .num_columns(4)
                            .show(ui, |ui| {
                                for b in list {
                                    ui.label(b.taken_at.format("%d.%m.%Y %H:%M:%S").to_string());
                                    ui.label(tr(lang, b.kind.key()));
                                    ui.label(format!("{:.1} MB", b.size as f64 / 1_048_576.0));
                                    if ui.button(tr(lang, "ui.backup.restore")).clicked() {
                                        act = Some(RescueAct::Check(b.path.clone()));
                                    }
                                    ui.end_row();
                                }
                            });
                    });
            }
            Ok(_) => {
                ui.label(tr(lang, "ui.rescue.none"));
            }
            Err(e) => {
                ui.label(RichText::new(e.message(lang)).color(super::widgets::RED));
            }
        }
        ui.add_space(8.0);
        if ui.button(tr(lang, "ui.backup.restore_file")).clicked()
            && let Some(from) = dialogs.pick_copy()
        {
            act = Some(RescueAct::Check(from));
        }
        if let Some(p) = &self.confirm_restore {
            match restore_dialog(ui, lang, &self.db, p) {
                Some(true) => {
                    let p = self.confirm_restore.take().expect("asked about");
                    act = Some(RescueAct::Restore(Box::new(p)));
                }
                Some(false) => self.confirm_restore = None,
                None => {}
            }
        }
        act
    }
}

/// One entry of a record's history as a person reads it: when (DD.MM.YYYY HH:MM), what, who
/// (only when known), then each field's change in words, with names for codes and records.
fn history_entry(ui: &mut Ui, lang: estu_core::Lang, refs: &super::Refs, e: &history::Entry) {
    let at = history::fmt_when(&e.at).unwrap_or_else(|| e.at.clone());
    let mut head = format!("{at} — {}", tr(lang, e.action.key()));
    if !e.actor.is_empty() {
        head.push_str(" — ");
        head.push_str(&e.actor);
    }
    ui.label(RichText::new(head).strong());
    for c in &e.changes {
        let show = |v: &serde_json::Value| -> String {
            match (c.column.as_str(), v.as_i64()) {
                ("settlement_id", Some(id)) => refs.settlement_name(Some(id), lang),
                ("topic_id", Some(id)) => refs.topic_name(Some(id), lang),
                ("executor_id", Some(id)) => refs.executor_name(Some(id)),
                ("accepted_by", Some(id)) => refs
                    .staff
                    .iter()
                    .find(|s| s.id == id)
                    .map(|s| s.full_name.clone())
                    .unwrap_or_default(),
                _ => String::new(),
            }
        };
        let named = |v: &serde_json::Value, shown: String| {
            let name = show(v);
            if name.is_empty() { shown } else { name }
        };
        let new = named(&c.new, c.new_shown(lang));
        let text = if c.old.is_null() {
            trf(
                lang,
                "history.set",
                &[("field", &c.label(lang)), ("new", &new)],
            )
        } else {
            let old = named(&c.old, c.old_shown(lang));
            trf(
                lang,
                "history.changed",
                &[("field", &c.label(lang)), ("old", &old), ("new", &new)],
            )
        };
        ui.horizontal_wrapped(|ui| {
            ui.add_space(16.0);
            ui.label(text);
        });
    }
}

impl super::View for Backups {
    fn ui(&mut self, ui: &mut Ui, cx: &mut Cx) {
        self.draw(ui, cx);
    }

    fn is_reading(&self) -> bool {
        self.is_reading()
    }
}

/// «Сделать копию сейчас» and restoring from a file chosen.
fn actions_row(ui: &mut Ui, cx: &mut Cx) {
    let lang = cx.lang;
    ui.horizontal(|ui| {
        if ui
            .button(RichText::new(tr(lang, "ui.backup.now")).strong())
            .clicked()
        {
            start_backup(cx);
        }
        if ui.button(tr(lang, "ui.backup.restore_file")).clicked()
            && let Some(from) = cx.dialogs.pick_copy()
        {
            start_preview(cx, from);
        }
    });
}

/// One copy: when, what kind, its size, and its restore button.
fn copy_row(ui: &mut Ui, cx: &mut Cx, b: &backup::BackupInfo) {
    let lang = cx.lang;
    ui.label(b.taken_at.format("%d.%m.%Y %H:%M:%S").to_string());
    ui.label(tr(lang, b.kind.key()));
    ui.label(format!(
        "{} MB",
        estu_core::input::format_number(b.size as f64 / 1_048_576.0, Some(1), false)
    ));
    if ui.button(tr(lang, "ui.backup.restore")).clicked() {
        start_preview(cx, b.path.clone());
    }
    ui.end_row();
}

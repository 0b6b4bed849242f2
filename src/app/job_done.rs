//! The app's jobs begun and ended: a restore (the store goes with it and comes back), the
//! rescue screen's checks, and what the window says when a job has ended.

use super::{App, Toast, backups, jobs, launch, reader, save_to};
use estu_core::error::Result;
use estu_core::i18n::{Lang, tr, trf};
use estu_core::store::Store;
use std::path::Path;

impl App {
    /// Whether a job runs (then the user is told so).
    pub(super) fn refuse_while_busy(&mut self, what: &str) -> bool {
        if !self.jobs.is_running() {
            return false;
        }
        let what = tr(self.lang, what);
        let text = trf(self.lang, "ui.job.busy", &[("what", &what)]);
        self.toast = Some(Toast { text, error: true });
        true
    }

    /// Restores from the checked copy `p` on a thread: the store goes with it and comes back
    /// when it is done (`finish_job`); meanwhile the window says what runs. Over a damaged
    /// file the store is closed and the file replaced, then opened again.
    pub(super) fn start_restore(&mut self, p: estu_core::safety::restore::Preview) {
        if self.refuse_while_busy("ui.job.restore") {
            return;
        }
        let Some(store) = self.store.take() else {
            return;
        };
        self.pause_reader();
        let ctx = self.ctx.clone();
        let progress = jobs::Progress::percent();
        let pages = progress.clone();
        self.jobs.start_counted(
            "ui.job.restore",
            Some(progress),
            move || ctx.request_repaint(),
            move || {
                let (store, result) =
                    estu_core::safety::restore::restore_confirmed(store, &p, &mut |done, total| {
                        pages.report(done, total)
                    });
                jobs::Done::Restore(store.map(Box::new), result)
            },
        );
    }

    /// Stops the reader thread, whose connection would hold the file a restore replaces (on
    /// Windows an open file cannot be moved aside); it starts again with the store.
    pub(super) fn pause_reader(&mut self) {
        if self.reader.is_running() {
            self.reader = reader::Reader::default();
            self.reader_paused = true;
        }
    }

    /// What the rescue screen asked for: a copy checked, or the damaged file replaced.
    pub(super) fn rescue_act(&mut self, act: backups::RescueAct) {
        let ctx = self.ctx.clone();
        let db = self.db_path.clone();
        let progress = jobs::Progress::percent();
        let pages = progress.clone();
        let (what, work): (&'static str, Box<dyn FnOnce() -> jobs::Done + Send>) = match act {
            backups::RescueAct::Check(from) => (
                "ui.job.check_copy",
                Box::new(move || {
                    jobs::Done::Preview(estu_core::safety::restore::preview(&db, &from))
                }),
            ),
            backups::RescueAct::Restore(p) => (
                "ui.job.restore",
                Box::new(move || {
                    let result = estu_core::safety::restore::restore_path_confirmed(
                        &db,
                        &p,
                        &mut |done, total| pages.report(done, total),
                    );
                    jobs::Done::Restore(None, result)
                }),
            ),
        };
        if !self.refuse_while_busy(what) {
            // A copy's check counts nothing: its bar stays away until a restore reports.
            let wake = move || ctx.request_repaint();
            self.jobs.start_counted(what, Some(progress), wake, work);
        }
    }

    /// The store back after a restore; `None` when the file was replaced: it is opened again
    /// (a file that still does not open goes back to the rescue screen).
    pub(super) fn store_back(&mut self, store: Option<Box<Store>>) {
        if std::mem::take(&mut self.reader_paused) {
            self.background = true;
        }
        if let Some(store) = store {
            self.store = Some(*store);
            self.reload_refs();
            return;
        }
        let db = self.db_path.clone();
        match self.open_store(&db) {
            Ok(store) => self.attach(store),
            Err(e) => match backups::Rescue::of(&db, e) {
                Ok(r) => {
                    self.store = None;
                    self.rescue = Some(r);
                }
                Err(e) => self.toast_error(&e),
            },
        }
    }

    /// Takes the result of a job that has ended.
    pub(super) fn finish_job(&mut self) {
        let done = match self.jobs.take() {
            Some(Ok(done)) => done,
            Some(Err(what)) => return self.job_broke(what),
            None => return,
        };
        match done {
            jobs::Done::Backup(r) => self.backup_made(r),
            jobs::Done::Preview(Ok(p)) => match self.rescue.as_mut() {
                Some(r) if self.store.is_none() => r.previewed(p),
                _ => self.screens.backups.previewed(p),
            },
            jobs::Done::Preview(Err(e)) => self.toast_error(&e),
            jobs::Done::Restore(store, result) => self.restored(store, result),
            jobs::Done::Import(store, step) => {
                self.store = Some(*store);
                self.import_step(*step);
            }
            jobs::Done::District(d) => {
                if let Some(district) = self.district.as_mut() {
                    district.finish(*d, self.lang, &mut self.toast);
                }
            }
            jobs::Done::Protection(d) => self.protection_done(*d),
            file => self.file_done(file),
        }
    }

    fn backup_made(&mut self, result: Result<estu_core::safety::backup::BackupInfo>) {
        match result {
            Ok(b) => {
                self.generation += 1;
                let path = b.path.display();
                let text = trf(self.lang, "ui.backup.made", &[("path", &path)]);
                self.toast = Some(Toast { text, error: false });
            }
            Err(e) => self.toast_error(&e),
        }
    }

    fn restored(
        &mut self,
        store: Option<Box<Store>>,
        result: Result<estu_core::safety::restore::RestoreReport>,
    ) {
        self.store_back(store);
        match result {
            Ok(r) => {
                let kept = r
                    .replaced_kept_at
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                let text = trf(self.lang, "ui.backup.restored", &[("kept", &kept)]);
                self.toast = Some(Toast { text, error: false });
            }
            Err(e) => self.toast_error(&e),
        }
    }

    /// A file written, printed, opened, exported or published: where it is, or why not.
    fn file_done(&mut self, done: jobs::Done) {
        let lang = self.lang;
        let toast = |text: String, error: bool| Some(Toast { text, error });
        match done {
            jobs::Done::Saved {
                path,
                fallback,
                result: Ok(()),
            } => {
                self.toast = toast(save_to::saved_text(lang, &path, fallback), false);
                if let Some(district) = self.district.as_mut() {
                    district.saved = Some(path);
                } else {
                    self.screens.reports.file_saved(path);
                }
            }
            jobs::Done::Published {
                path,
                result: Ok(kind),
                opened,
            } => {
                let key = match kind {
                    estu_core::publish::Kind::Html => "publish.saved_html",
                    estu_core::publish::Kind::Png => "publish.saved_png",
                };
                self.toast = toast(trf(lang, key, &[("path", &path.display())]), false);
                if let Some(Err(f)) = opened {
                    self.toast = toast(save_to::open_failed_text(lang, &path, &f.detail()), true);
                }
            }
            jobs::Done::Opened { path, result } => {
                if let Err(f) = result {
                    self.toast = toast(save_to::open_failed_text(lang, &path, &f.detail()), true);
                }
            }
            jobs::Done::Exported {
                path,
                result: Ok(n),
            } => {
                let text = trf(
                    lang,
                    "ui.export.saved",
                    &[("n", &n), ("path", &path.display())],
                );
                self.toast = toast(text, false);
            }
            jobs::Done::Launched {
                path,
                action,
                fallback,
                result: Ok(r),
            } => {
                let (text, error) = launched_text(lang, &path, action, fallback, r);
                self.toast = toast(text, error);
            }
            jobs::Done::Saved { result: Err(e), .. }
            | jobs::Done::Launched { result: Err(e), .. }
            | jobs::Done::Published { result: Err(e), .. }
            | jobs::Done::Exported { result: Err(e), .. } => self.toast_error(&e),
            // Taken by `finish_job`.
            jobs::Done::Backup(_)
            | jobs::Done::Preview(_)
            | jobs::Done::Restore(..)
            | jobs::Done::Import(..)
            | jobs::Done::District(_)
            | jobs::Done::Protection(_) => {}
        }
    }

    /// Says that a job's thread ended without an answer (a fault of the program, not of data).
    pub(super) fn job_broke(&mut self, what: &str) {
        let what = tr(self.lang, what);
        let text = trf(self.lang, "ui.job.broke", &[("what", &what)]);
        self.toast = Some(Toast { text, error: true });
    }
}

/// What a printed or opened file's job says: printed, or opened in the viewer (with why it
/// was not printed), or why neither worked.
fn launched_text(
    lang: Lang,
    path: &Path,
    action: launch::Action,
    fallback: bool,
    r: std::result::Result<launch::Outcome, launch::Failed>,
) -> (String, bool) {
    match (action, r) {
        (launch::Action::Print, r) => (
            save_to::printed_text(lang, path, &r),
            !matches!(r, Ok(launch::Outcome::Printed)),
        ),
        (launch::Action::Open, Ok(_)) => (save_to::saved_text(lang, path, fallback), false),
        (launch::Action::Open, Err(f)) => {
            (save_to::open_failed_text(lang, path, &f.detail()), true)
        }
    }
}

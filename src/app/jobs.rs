//! Long work off the UI thread: a copy made by hand, a copy checked before a restore, a
//! restore, a form saved as PDF or Excel, an import (read, checked, written) and an export.
//! One job at a time: a second start is refused while one runs. The window stays responsive
//! and shows what is being done, for how long, with a spinner (`show`), and how far it has
//! come as a bar with the percentage when the job counts (`Progress`: copies, restores, the
//! district's files).
//!
//! A job takes owned inputs (a form, a path) or opens its own connection; the one writer stays
//! the app's store, which a restore borrows for its run and gives back when done.

use estu_core::error::Result;
use estu_core::safety::backup::BackupInfo;
use estu_core::safety::restore::{Preview, RestoreReport};
use estu_core::store::Store;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::Instant;

/// What a finished job hands back to the app.
pub enum Done {
    /// A copy made by hand.
    Backup(Result<BackupInfo>),
    /// A copy checked and compared with the database, to ask the user about.
    Preview(Result<Preview>),
    /// A restore, with the store it ran on (`None` when the file was replaced whole: it is
    /// opened again).
    Restore(Option<Box<Store>>, Result<RestoreReport>),
    /// A form or a талон written to `path`; `fallback` when the app chose the place because
    /// no dialog could be shown.
    Saved {
        path: PathBuf,
        fallback: bool,
        result: Result<()>,
    },
    /// A form or a талон written to `path` and handed to the system: printed, or opened in
    /// the viewer (watching the viewer start takes a moment: not on the window's thread);
    /// `fallback` when the app chose the place because no dialog could be shown.
    Launched {
        path: PathBuf,
        action: super::launch::Action,
        fallback: bool,
        result: Result<std::result::Result<super::launch::Outcome, super::launch::Failed>>,
    },
    /// A step of File → Импорт (read, check or import), with the store it ran on.
    Import(Box<Store>, Box<super::import::Step>),
    /// An exchange file or the journal's list written to `path`: how many records.
    Exported {
        path: PathBuf,
        result: Result<usize>,
    },
    /// The district mode's okrug files read, its form consolidated, its profile saved.
    District(Box<super::district::Done>),
    /// A file encrypted, or applicants anonymised (the window «Защита данных»).
    Protection(Box<super::protection::Done>),
    /// The plan published as a page or a card at `path`, and how showing it went.
    Published {
        path: PathBuf,
        result: Result<estu_core::publish::Kind>,
        opened: Option<std::result::Result<super::launch::Outcome, super::launch::Failed>>,
    },
    /// A file or folder handed to the system's viewer (as for `Launched`, not on the window's
    /// thread: a viewer that cannot start says so only after a moment).
    Opened {
        path: PathBuf,
        result: std::result::Result<super::launch::Outcome, super::launch::Failed>,
    },
}

/// How far a job that counts its steps has come (okrug files read: 3 of 12; pages copied);
/// the job sets it, the window shows it.
#[derive(Clone, Default)]
pub struct Progress(Arc<(AtomicUsize, AtomicUsize)>, Unit);

/// What a job's progress counts: steps a user knows (files: «3 / 12») or parts of the work
/// only the percentage says anything about (pages of a copy).
#[derive(Clone, Copy, Default, PartialEq)]
enum Unit {
    #[default]
    Steps,
    Percent,
}

impl Progress {
    /// A count of `total` steps, none done.
    pub fn of(total: usize) -> Progress {
        let p = Progress::default();
        p.0.1.store(total, Ordering::Release);
        p
    }

    /// A count shown as a percentage only; its total comes with the first report (`report`).
    pub fn percent() -> Progress {
        Progress(Arc::default(), Unit::Percent)
    }

    /// `done` steps of the total are done.
    pub fn set(&self, done: usize) {
        self.0.0.store(done, Ordering::Release);
    }

    /// `done` of `total`, as the core's copies report it (`backup::Progress`).
    pub fn report(&self, done: u64, total: u64) {
        self.0.1.store(total as usize, Ordering::Release);
        self.set(done as usize);
    }

    /// The bar's text: the percentage, with the steps when they mean something to the user.
    fn text(&self, done: usize, total: usize) -> String {
        let percent = (done * 100 / total.max(1)).min(100);
        match self.1 {
            Unit::Steps => format!("{done} / {total} · {percent} %"),
            Unit::Percent => format!("{percent} %"),
        }
    }

    /// (done, total).
    pub fn get(&self) -> (usize, usize) {
        (
            self.0.0.load(Ordering::Acquire),
            self.0.1.load(Ordering::Acquire),
        )
    }
}

/// The job that runs.
pub struct Job {
    /// i18n key of what it does («Создаётся копия…»).
    what: &'static str,
    started: Instant,
    thread: JoinHandle<Done>,
    progress: Option<Progress>,
}

impl Job {
    /// Whether the job has ended (its result waits in `take`).
    fn is_finished(&self) -> bool {
        self.thread.is_finished()
    }
}

/// The job slot of the app.
#[derive(Default)]
pub struct Jobs {
    running: Option<Job>,
}

impl Jobs {
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// Starts `work` on a thread unless a job runs (then false: the caller says so).
    /// `wake` repaints the window when it ends.
    pub fn start(
        &mut self,
        what: &'static str,
        wake: impl FnOnce() + Send + 'static,
        work: impl FnOnce() -> Done + Send + 'static,
    ) -> bool {
        self.start_counted(what, None, wake, work)
    }

    /// `start`, with the steps the job counts shown as a bar.
    pub fn start_counted(
        &mut self,
        what: &'static str,
        progress: Option<Progress>,
        wake: impl FnOnce() + Send + 'static,
        work: impl FnOnce() -> Done + Send + 'static,
    ) -> bool {
        if self.running.is_some() {
            return false;
        }
        let thread = std::thread::spawn(move || {
            let done = work();
            wake();
            done
        });
        self.running = Some(Job {
            what,
            started: Instant::now(),
            thread,
            progress,
        });
        true
    }

    /// The result of the job once it has ended; Err(what it did) when its thread broke off
    /// without one (the caller says so).
    pub fn take(&mut self) -> Option<std::result::Result<Done, &'static str>> {
        if !self.running.as_ref().is_some_and(Job::is_finished) {
            return None;
        }
        let job = self.running.take()?;
        Some(job.thread.join().map_err(|_| {
            tracing::error!(what = job.what, "a job's thread panicked");
            job.what
        }))
    }

    /// A line saying what runs and for how long, with a spinner; repaints once a second so the
    /// time moves.
    pub fn show(&self, ui: &mut egui::Ui, lang: estu_core::i18n::Lang) {
        let Some(job) = &self.running else {
            return;
        };
        ui.horizontal(|ui| {
            ui.spinner();
            let secs = job.started.elapsed().as_secs();
            ui.label(estu_core::i18n::trf(
                lang,
                "ui.job.running",
                &[("what", &estu_core::i18n::tr(lang, job.what)), ("s", &secs)],
            ));
            if let Some(progress) = &job.progress
                && let (done, total) = progress.get()
                && total > 0
            {
                ui.add(
                    egui::ProgressBar::new(done as f32 / total as f32)
                        .desired_width(200.0)
                        .text(progress.text(done, total)),
                );
            }
        });
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(500));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn saved(path: &str) -> Done {
        Done::Saved {
            path: PathBuf::from(path),
            fallback: false,
            result: Ok(()),
        }
    }

    #[test]
    fn a_second_job_is_refused_while_one_runs_and_starts_after_it_ended() {
        let mut jobs = Jobs::default();
        let (go, wait) = std::sync::mpsc::channel::<()>();
        assert!(jobs.start(
            "ui.job.save",
            || {},
            move || {
                wait.recv().unwrap();
                saved("first")
            }
        ));
        assert!(!jobs.start("ui.job.save", || {}, || saved("second")));
        assert!(jobs.take().is_none(), "still running");
        go.send(()).unwrap();
        let done = loop {
            if let Some(d) = jobs.take() {
                break d.unwrap();
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        };
        assert!(matches!(done, Done::Saved { path, .. } if path == std::path::Path::new("first")));
        assert!(!jobs.is_running());
        assert!(jobs.start("ui.job.save", || {}, || saved("third")));
    }

    /// The bar of a job whose progress is `progress`, drawn once; what it says.
    fn bar_of(progress: &Progress) -> Vec<String> {
        use egui_kittest::kittest::{NodeT, Queryable};
        let mut jobs = Jobs::default();
        let (go, wait) = std::sync::mpsc::channel::<()>();
        let work = move || {
            wait.recv().unwrap();
            saved("copy")
        };
        assert!(jobs.start_counted("ui.job.backup", Some(progress.clone()), || {}, work));
        let mut h = egui_kittest::Harness::new_ui(|ui| jobs.show(ui, estu_core::Lang::Ru));
        h.run_steps(2);
        let said = h
            .query_all_by_label_contains("%")
            .filter_map(|n| n.accesskit_node().label())
            .collect();
        drop(h);
        go.send(()).unwrap();
        said
    }

    #[test]
    fn a_copys_progress_is_shown_as_a_percentage_and_counted_steps_with_their_count() {
        let pages = Progress::percent();
        assert!(bar_of(&pages).is_empty(), "no bar before the first report");
        pages.report(512, 2048);
        assert_eq!(bar_of(&pages), ["25 %"]);
        pages.report(2048, 2048);
        assert_eq!(bar_of(&pages), ["100 %"]);
        let files = Progress::of(12);
        files.set(3);
        assert_eq!(bar_of(&files), ["3 / 12 · 25 %"]);
    }

    #[test]
    fn a_job_that_breaks_off_is_named_not_lost() {
        let mut jobs = Jobs::default();
        assert!(jobs.start("ui.job.print", || {}, || panic!("a fault")));
        let answer = loop {
            if let Some(a) = jobs.take() {
                break a;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        };
        assert!(matches!(answer, Err("ui.job.print")));
        assert!(!jobs.is_running());
    }
}

//! Where a file the user saves goes, and what the app says about a file it could not hand on:
//! the save dialog's choice, or — when no dialog can be shown at all (no desktop portal) — a
//! free name in the Documents folder, said plainly once the file is there; printing's outcome.

use super::{Cx, launch};
use estu_core::i18n::{Lang, trf};
use std::path::{Path, PathBuf};

/// Where to write a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub path: PathBuf,
    /// Chosen by the app because no dialog could be shown (said when saved).
    pub fallback: bool,
}

/// Where the user saves a file named like `suggested` with extension `ext`: the dialog's
/// choice (the extension added when left off), or the Documents folder when no dialog could be
/// shown. None when the user cancelled — or when there is nowhere to save (then said).
pub fn choose(cx: &mut Cx, suggested: &str, ext: &str) -> Option<Target> {
    if let Some(p) = cx.dialogs.save_file(suggested, ext) {
        let path = if p.extension().is_none() {
            p.with_extension(ext)
        } else {
            p
        };
        return Some(Target {
            path,
            fallback: false,
        });
    }
    if !cx.dialogs.unavailable() {
        return None;
    }
    let found = cx
        .dialogs
        .documents()
        .ok_or_else(String::new)
        .and_then(|dir| {
            std::fs::create_dir_all(&dir)
                .map(|()| dir.clone())
                .map_err(|e| format!("{}: {e}", dir.display()))
        });
    match found {
        Ok(dir) => Some(Target {
            path: free_name(&dir, suggested),
            fallback: true,
        }),
        Err(detail) => {
            let text = trf(cx.lang, "ui.save.no_folder", &[("detail", &detail)]);
            *cx.toast = Some(super::Toast { text, error: true });
            None
        }
    }
}

/// `name` in `dir`, or «name (2).ext», «name (3).ext»… when a file of that name is there.
pub fn free_name(dir: &Path, name: &str) -> PathBuf {
    let first = dir.join(name);
    if !first.exists() {
        return first;
    }
    let p = Path::new(name);
    let stem = p.file_stem().unwrap_or_default().to_string_lossy();
    let ext = p
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    (2..)
        .map(|n| dir.join(format!("{stem} ({n}){ext}")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}

/// What the app says once a file is saved at `path`.
pub fn saved_text(lang: Lang, path: &Path, fallback: bool) -> String {
    let key = if fallback {
        "ui.save.fallback"
    } else {
        "ui.reports.saved"
    };
    trf(lang, key, &[("path", &path.display())])
}

/// What the app says when the file at `path` could not be opened.
pub fn open_failed_text(lang: Lang, path: &Path, detail: &str) -> String {
    trf(
        lang,
        "ui.open.failed",
        &[("path", &path.display()), ("detail", &detail)],
    )
}

/// What the app says after printing `path`: sent, opened to print by hand, or neither.
pub fn printed_text(
    lang: Lang,
    path: &Path,
    r: &Result<launch::Outcome, launch::Failed>,
) -> String {
    let p = path.display();
    match r {
        Ok(launch::Outcome::Printed) => trf(lang, "ui.print.sent", &[("path", &p)]),
        Ok(launch::Outcome::Opened { why }) => {
            trf(lang, "ui.print.opened", &[("path", &p), ("why", &why)])
        }
        Err(f) => trf(
            lang,
            "ui.print.failed",
            &[("path", &p), ("detail", &f.detail())],
        ),
    }
}

/// Opens `path` in the system's viewer on a job; `App::finish_job` says so when it cannot.
pub fn open(cx: &mut Cx, path: &Path) {
    let job = open_job(cx.dialogs.launcher(), path.to_path_buf());
    cx.start_job("ui.job.open", job);
}

/// The job that hands `path` to the viewer: watching a viewer start (or fail to) takes up to a
/// few seconds, which the window must not wait for.
pub fn open_job(
    launcher: launch::Launcher,
    path: PathBuf,
) -> impl FnOnce() -> super::jobs::Done + Send + 'static {
    move || {
        let result = launcher(launch::Action::Open, &path);
        super::jobs::Done::Opened { path, result }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_name_gets_a_number() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(free_name(dir.path(), "F1.pdf"), dir.path().join("F1.pdf"));
        std::fs::write(dir.path().join("F1.pdf"), "").unwrap();
        assert_eq!(
            free_name(dir.path(), "F1.pdf"),
            dir.path().join("F1 (2).pdf")
        );
        std::fs::write(dir.path().join("F1 (2).pdf"), "").unwrap();
        assert_eq!(
            free_name(dir.path(), "F1.pdf"),
            dir.path().join("F1 (3).pdf")
        );
    }
}

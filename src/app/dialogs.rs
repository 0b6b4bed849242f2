//! Where files come from and go to: the `Dialogs` the app asks (the native ones, rfd; tests
//! put a path in directly), and how a job hands a file to the system (`Dialogs::launcher`).

use super::launch;
use std::path::{Path, PathBuf};

/// Where files come from and go to. The real app asks through the native dialogs; tests put
/// a path in directly. A dialog the user closed is a Cancel; one that could not be shown at
/// all (no desktop portal) is `unavailable`, and a file to save then goes to `documents`.
pub trait Dialogs {
    fn open_db(&mut self) -> Option<PathBuf>;
    fn save_db(&mut self) -> Option<PathBuf>;
    /// Where to save a file; `ext` is its extension ("pdf", "xlsx").
    fn save_file(&mut self, suggested: &str, ext: &str) -> Option<PathBuf>;
    /// Whether the last dialog could not be shown at all (not a Cancel).
    fn unavailable(&self) -> bool {
        false
    }
    /// The Documents folder, where a file goes when no dialog can be shown.
    fn documents(&self) -> Option<PathBuf> {
        let dirs = directories::UserDirs::new()?;
        Some(
            dirs.document_dir()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| dirs.home_dir().join("Documents")),
        )
    }
    /// How a job prints and opens files and folders in the system's viewer (the system's;
    /// tests record instead). Never called on the window's thread: a viewer that cannot start
    /// says so only after a moment.
    fn launcher(&self) -> launch::Launcher {
        std::sync::Arc::new(launch::launch)
    }
    /// A folder for the backup copies (a USB stick).
    fn pick_folder(&mut self) -> Option<PathBuf> {
        None
    }
    /// A backup copy to restore from, anywhere.
    fn pick_copy(&mut self) -> Option<PathBuf> {
        None
    }
    /// A file to import: an exchange file or a journal kept in a spreadsheet.
    fn open_import(&mut self) -> Option<PathBuf> {
        None
    }
}

/// The native dialogs (rfd).
#[derive(Default)]
pub struct NativeDialogs {
    /// The last dialog came back without being shown (see `shown`).
    unavailable: bool,
}

impl NativeDialogs {
    /// Runs a dialog and notes whether it could be shown. rfd says «no path» alike for a
    /// Cancel and for a dialog that could not open (no desktop portal, no zenity: it only logs
    /// that); a dialog answered with nothing in under half a second was never seen by anyone.
    fn shown(&mut self, dialog: impl FnOnce() -> Option<PathBuf>) -> Option<PathBuf> {
        let started = std::time::Instant::now();
        let answer = dialog();
        self.unavailable =
            answer.is_none() && started.elapsed() < std::time::Duration::from_millis(500);
        if self.unavailable {
            tracing::warn!("the file dialog could not be shown");
        }
        answer
    }
}

impl Dialogs for NativeDialogs {
    fn open_db(&mut self) -> Option<PathBuf> {
        self.shown(|| {
            rfd::FileDialog::new()
                .add_filter("Estu", &["db", "sqlite"])
                .pick_file()
        })
    }
    fn save_db(&mut self) -> Option<PathBuf> {
        self.shown(|| {
            rfd::FileDialog::new()
                .add_filter("Estu", &["db"])
                .set_file_name("estu.db")
                .save_file()
        })
    }
    fn save_file(&mut self, suggested: &str, ext: &str) -> Option<PathBuf> {
        self.shown(|| {
            rfd::FileDialog::new()
                .add_filter(ext.to_uppercase(), &[ext])
                .set_file_name(suggested)
                .save_file()
        })
    }
    fn unavailable(&self) -> bool {
        self.unavailable
    }
    fn pick_folder(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new().pick_folder()
    }
    fn pick_copy(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .add_filter("Estu", &["db", "sqlite"])
            .pick_file()
    }
    fn open_import(&mut self) -> Option<PathBuf> {
        self.shown(|| {
            rfd::FileDialog::new()
                .add_filter("Estu", &["json", "xlsx", "xls", "ods", "csv"])
                .pick_file()
        })
    }
}

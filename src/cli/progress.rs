//! How far long work has come, on one line of a terminal rewritten in place (`estu check`,
//! `estu backup`, `estu restore`). Nothing when stderr is a file or a pipe: what goes to
//! stdout and to a log stays clean.

use estu_core::i18n::{Lang, tr, trf};
use std::io::{IsTerminal, Write};

/// The progress line of one command.
pub struct Line {
    shown: bool,
}

impl Line {
    pub fn new() -> Line {
        Line {
            shown: std::io::stderr().is_terminal(),
        }
    }

    /// Rewrites the line with `text`.
    pub fn show(&self, text: &str) {
        if self.shown {
            // \r and a clear to the line's end: the line is rewritten in place.
            let _ = write!(std::io::stderr(), "\r{text}\x1b[K");
            let _ = std::io::stderr().flush();
        }
    }

    /// «{what}: N %» for `done` of `total` (what: an i18n key, as the app's job names it).
    pub fn percent(&self, lang: Lang, what: &str, done: u64, total: u64) {
        if self.shown {
            let percent = (done * 100 / total.max(1)).min(100);
            let what = tr(lang, what);
            let text = trf(
                lang,
                "cli.progress.percent",
                &[("what", &what), ("percent", &percent)],
            );
            self.show(&text);
        }
    }

    /// Removes the line, before the command's report is printed.
    pub fn clear(&self) {
        if self.shown {
            eprint!("\r\x1b[K");
        }
    }
}

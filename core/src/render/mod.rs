//! Renderers of a computed form: PDF, Excel and JSON. They lay out; they never compute.

pub mod json;
pub mod pdf;
pub mod xlsx;

use crate::error::Result;
use crate::forms::Form;
use crate::forms::talon::Talon;
use crate::safety::output::{self, Protected};
use std::path::Path;

/// The kinds of file a form is written to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Xlsx,
    Json,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Pdf, Format::Xlsx, Format::Json];

    pub fn ext(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Xlsx => "xlsx",
            Format::Json => "json",
        }
    }

    /// The format a file name asks for by its extension (any case).
    pub fn of_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Format::ALL.into_iter().find(|f| f.ext() == ext)
    }
}

/// The form as the bytes of a file of `format`.
pub fn to_bytes(form: &Form, format: Format) -> Result<Vec<u8>> {
    match format {
        Format::Pdf => Ok(pdf::render(form)),
        Format::Xlsx => xlsx::render(form),
        Format::Json => json::to_json(form),
    }
}

/// Saves the form as the file `path` in `format`, whole or not at all, never over the database
/// or a backup (`output::save`).
pub fn save(form: &Form, format: Format, path: &Path, protected: &Protected) -> Result<()> {
    protected.check(path)?;
    output::save(path, protected, &to_bytes(form, format)?)
}

/// Saves the applicant's талон as the PDF file `path`, as `save` does a form.
pub fn save_talon(t: &Talon, path: &Path, protected: &Protected) -> Result<()> {
    protected.check(path)?;
    output::save(path, protected, &pdf::render_talon(t))
}

//! A form as JSON: the model itself, for machines and tests.

use crate::error::{Error, Result};
use crate::forms::Form;
use crate::i18n::Text;

/// The form as pretty-printed JSON (UTF-8).
pub fn to_json(form: &Form) -> Result<Vec<u8>> {
    let mut out = serde_json::to_vec_pretty(form)
        .map_err(|e| Error::Other(Text::new("forms.err.render").arg("detail", e)))?;
    out.push(b'\n');
    Ok(out)
}

/// Reads back a form written by `to_json`.
pub fn from_json(bytes: &[u8]) -> Result<Form> {
    serde_json::from_slice(bytes)
        .map_err(|e| Error::Other(Text::new("forms.err.render").arg("detail", e)))
}

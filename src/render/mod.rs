//! Renderers of a computed form: PDF, Excel and JSON. They lay out; they never compute.

pub mod json;
pub mod pdf;
pub mod xlsx;

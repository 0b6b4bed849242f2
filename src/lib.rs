//! Estu: the reception journal, appeals, residents' meetings and action plans of a rural okrug
//! akimat, in one SQLite file, and the official "Сведения" forms computed from it.
//!
//! The library is everything but the screen: the desktop app (`app`), the command line (`cli`)
//! and the tests all stand on it. See ARCHITECTURE.md for the map.

pub mod app;
pub mod cli;
pub mod demo;
pub mod error;
pub mod exchange;
pub mod forms;
pub mod i18n;
pub mod model;
pub mod render;
pub mod rules;
pub mod safety;
pub mod store;
pub mod text;

pub use error::{Error, Problem, Result};
pub use i18n::Lang;
pub use store::{Store, Tx};

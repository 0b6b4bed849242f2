//! Estu's core: the reception journal, appeals, residents' meetings and action plans of a rural
//! okrug akimat, in one SQLite file, and the official "Сведения" forms computed from it.
//!
//! Everything but the screen and the command line: the program (`estu`, the workspace's root
//! package) and the tests stand on it. Its dependency tree has no egui, eframe, rfd or clap:
//! see ARCHITECTURE.md for the map.

pub mod demo;
pub mod district;
pub mod error;
pub mod exchange;
pub mod forms;
pub mod i18n;
pub mod input;
pub mod model;
pub mod publish;
pub mod render;
pub mod rules;
pub mod safety;
pub mod secure;
pub mod store;
pub mod tabular;
pub mod text;

pub use error::{Error, Problem, Result};
pub use i18n::Lang;
pub use store::{Store, Tx};

//! The `estu` program: the desktop app (`app`) and the command line (`cli`), both thin over
//! the core library `estu_core` (`core/`), which knows nothing of screens.

pub mod app;
pub mod cli;
pub mod data_dir;

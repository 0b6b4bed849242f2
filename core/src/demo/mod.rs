//! Realistic, deterministic demo data from a seed: one okrug over several years, or a whole
//! region's volume for benchmarks.

mod generate;
pub mod profile;

pub use generate::{Options, Scale, Summary, generate};
pub use profile::profile;

/// The setting that marks an open (unencrypted) demo database: the app says so on every
/// screen, so that no one types real citizens' data into it.
pub const SETTING_OPEN_DEMO: &str = "demo_open";

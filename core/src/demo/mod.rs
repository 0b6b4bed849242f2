//! Realistic, deterministic demo data from a seed: one okrug over several years, or a whole
//! region's volume for benchmarks.

mod generate;
pub mod profile;

pub use generate::{Options, Scale, Summary, generate};
pub use profile::profile;

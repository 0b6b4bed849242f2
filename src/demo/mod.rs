//! Realistic, deterministic demo data from a seed: one okrug over several years, or a whole
//! region's volume for benchmarks.

pub mod profile;

pub use profile::profile;

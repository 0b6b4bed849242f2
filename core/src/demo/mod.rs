//! Realistic, deterministic demo data from a seed: one okrug over several years, or a whole
//! region's volume for benchmarks.

mod generate;
pub mod profile;

pub use generate::{Options, Scale, Summary, generate};
pub use profile::profile;

use crate::error::Result;
use crate::store::Store;
use chrono::NaiveDate;
use std::path::Path;

/// A new database at `path` (which must not exist) filled with the demo okrug's data up to
/// `until` (today when `None`), built whole under a temporary name beside it and named only
/// when complete: a kill or a failure leaves no file at `path` (`Store::create_with`).
pub fn create(
    path: &Path,
    seed: u64,
    scale: Scale,
    until: Option<NaiveDate>,
) -> Result<(Store, Summary)> {
    let (mut store, summary) = Store::create_with(path, &profile(), |store| {
        store.set_actor("demo");
        let until = until.unwrap_or_else(|| store.today());
        generate(store, &Options::new(seed, scale, until))
    })?;
    store.set_actor("");
    Ok((store, summary))
}

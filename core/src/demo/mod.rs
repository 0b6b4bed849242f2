//! Realistic, deterministic demo data from a seed: one okrug over several years, or a whole
//! region's volume for benchmarks.

mod generate;
pub mod profile;

pub use generate::{Options, Scale, Summary, generate};
pub use profile::profile;

use crate::error::Result;
use crate::secure::RecoveryCode;
use crate::store::{Store, reference};
use chrono::NaiveDate;
use std::path::Path;

/// How a demo database is kept: encrypted for its first administrator, or open (unencrypted,
/// marked as a demo in the file so that the app says so on every screen).
#[derive(Clone, Copy)]
pub enum Protection<'a> {
    Encrypted { admin: &'a str, password: &'a str },
    Open,
}

/// A new database at `path` (which must not exist) filled with the demo okrug's data up to
/// `until` (today when `None`), built whole under a temporary name beside it and named only
/// when complete: a kill or a failure leaves no file at `path` (`Store::create_with`). An
/// encrypted one comes with its recovery code, to be shown once.
pub fn create(
    path: &Path,
    seed: u64,
    scale: Scale,
    until: Option<NaiveDate>,
    protection: Protection,
) -> Result<(Store, Summary, Option<RecoveryCode>)> {
    let open = matches!(protection, Protection::Open);
    let fill = |store: &mut Store| {
        if open {
            store.write(|tx| reference::set_setting(tx, SETTING_OPEN_DEMO, "1"))?;
        }
        store.set_actor("demo");
        let until = until.unwrap_or_else(|| store.today());
        let summary = generate(store, &Options::new(seed, scale, until));
        store.set_actor("");
        summary
    };
    Ok(match protection {
        Protection::Open => {
            let (store, summary) = Store::create_with(path, &profile(), fill)?;
            (store, summary, None)
        }
        Protection::Encrypted { admin, password } => {
            let (store, summary, code) =
                Store::create_encrypted_with(path, &profile(), admin, password, fill)?;
            (store, summary, Some(code))
        }
    })
}

/// The setting that marks an open (unencrypted) demo database: the app says so on every
/// screen, so that no one types real citizens' data into it.
pub const SETTING_OPEN_DEMO: &str = "demo_open";

//! What the app's kittests share (`tests/app.rs`, `app_day.rs`, `app_layout.rs`,
//! `app_restore.rs`): the day they run on, a new database of the demo okrug with no records,
//! a file of the demo okrug's records, the Russian wording of a key, typing, and waiting until
//! the reader and the jobs are done.
// Each test crate uses the part it needs.
#![allow(dead_code)]

use chrono::NaiveDate;
use egui::Key;
use egui_kittest::Harness;
use estu::app::App;
use estu_core::i18n::{Lang, tr};
use estu_core::store::Store;
use std::path::Path;

/// The tests' today: a Thursday late in the second quarter of a leap year.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 6, 27).unwrap()
}

/// The Russian wording of `key`.
pub fn ru(key: &str) -> String {
    tr(Lang::Ru, key)
}

/// A new database with the demo okrug's villages and staff, and no records.
pub fn new_store(dir: &Path) -> Store {
    let mut store = Store::create(&dir.join("t.db"), &estu_core::demo::profile()).unwrap();
    store.set_today(today());
    store
        .write(|tx| {
            estu_core::demo::profile::save_settlements(tx)?;
            estu_core::demo::profile::save_staff(tx)
        })
        .unwrap();
    store
}

/// Runs frames until the reader and the jobs have been quiet for ten frames in a row (an ended
/// job may ask the reader again), then lets the window settle.
pub fn settle(h: &mut Harness<'_, App>) {
    let t = std::time::Instant::now();
    let mut quiet = 0;
    while quiet < 10 {
        // Generous: a loaded machine (a build beside the tests) can starve the reader.
        assert!(
            t.elapsed().as_secs() < 90,
            "the reader or the job never answered"
        );
        h.step();
        quiet = if h.state().is_busy() { 0 } else { quiet + 1 };
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    h.run();
}

pub fn type_text(h: &mut Harness<'_, App>, text: &str) {
    h.event(egui::Event::Text(text.to_string()));
    h.run();
}

pub fn press(h: &mut Harness<'_, App>, key: Key) {
    h.key_press(key);
    h.run();
}

/// A file holding an okrug's demo records (seed 7, a few years up to the tests' today).
pub fn demo_file(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("okrug.db");
    let mut store = Store::create(&path, &estu_core::demo::profile()).unwrap();
    estu_core::demo::generate(
        &mut store,
        &estu_core::demo::Options::new(7, estu_core::demo::Scale::Okrug, today()),
    )
    .unwrap();
    path
}

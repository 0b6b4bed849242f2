//! Importing a 10,000-row reception journal workbook, as an okrug brings its past years in:
//! reading the workbook, the dry run (every check, nothing written), the import, and the
//! peak memory of the process. Prints figures, asserts nothing.

mod common;
#[path = "common/journal.rs"]
mod journal;

use estu_core::Store;
use estu_core::model::Settlement;
use estu_core::store::reference;
use estu_core::tabular::{self, Table};
use std::time::Instant;

const ROWS: usize = 10_000;

fn okrug(path: &std::path::Path) -> Store {
    let mut s = Store::create(path, &estu_core::demo::profile()).expect("create");
    s.write(|tx| {
        for name in ["Красный Яр", "Кызыл Жулдыз"] {
            reference::save_settlement(
                tx,
                &Settlement {
                    name_ru: name.into(),
                    active: true,
                    ..Default::default()
                },
            )?;
        }
        Ok(())
    })
    .expect("settlements");
    s
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = dir.path().join("journal.xlsx");
    let bytes = journal::xlsx(&journal::many(ROWS));
    std::fs::write(&book, &bytes).expect("write");
    let (rss0, _) = common::memory_mb();
    println!(
        "workbook: {ROWS} rows, {:.1} MB; before reading: {rss0:.0} MB resident",
        bytes.len() as f64 / 1e6
    );

    let t = Instant::now();
    let table = Table::open(&book).expect("open");
    println!("read workbook: {:.2} s", t.elapsed().as_secs_f64());

    let mut store = okrug(&dir.path().join("okrug.db"));
    let mapping = table.mapping(store.conn()).expect("mapping");
    let options = tabular::Options {
        topics: vec![("Дороги".into(), "roads".into())],
        ..Default::default()
    };
    let t = Instant::now();
    let dry = tabular::import(
        &mut store,
        &table,
        &mapping,
        &tabular::Options {
            dry_run: true,
            ..options.clone()
        },
    )
    .expect("dry run");
    println!(
        "dry run (every check, nothing written): {} appeals in {:.2} s",
        dry.appeals,
        t.elapsed().as_secs_f64()
    );

    let t = Instant::now();
    let p = tabular::import(&mut store, &table, &mapping, &options).expect("import");
    let secs = t.elapsed().as_secs_f64();
    let (rss, peak) = common::memory_mb();
    println!(
        "import: {} appeals, {} reception days in {secs:.2} s = {:.0} rows/s; memory {rss:.0} MB resident, peak {peak:.0} MB",
        p.appeals,
        p.new_receptions,
        p.appeals as f64 / secs
    );
}

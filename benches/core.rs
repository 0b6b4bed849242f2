//! Core figures at region scale (≈1,000,000 appeals, ≈50,000 meetings): generation rate,
//! export and import rate, and the time of one journal page (50 rows + total count) under the
//! journal's filters. Run: `cargo bench --bench core` (prints figures; asserts nothing).
//! `ESTU_BENCH_DB=path` keeps the generated database for other benchmarks.

mod common;
use chrono::NaiveDate;
use common::median;
use estu_core::demo;
use estu_core::exchange::{self, PersonalData};
use estu_core::store::appeals::{self, Filter, StatusFilter};
use estu_core::{Store, store::reference};
use std::time::Instant;

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = common::region_db(dir.path());
    let until = common::until();
    let store = estu_core::safety::open(&path).expect("open");
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let appeals_n: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM appeal", [], |r| r.get(0))
        .expect("count");
    println!("database: {appeals_n} appeals, {:.0} MB", size as f64 / 1e6);

    // One page of the journal under typical filters.
    let today = until;
    let water = reference::topic_id_by_code(store.conn(), "water")
        .expect("q")
        .expect("topic");
    let settlement = reference::settlements(store.conn()).expect("q")[0].id;
    let cases: Vec<(&str, Filter)> = vec![
        ("all, newest first", Filter::default()),
        (
            "one quarter",
            Filter {
                from: NaiveDate::from_ymd_opt(2025, 1, 1),
                to: NaiveDate::from_ymd_opt(2025, 3, 31),
                ..Default::default()
            },
        ),
        (
            "overdue",
            Filter {
                status: StatusFilter::Overdue,
                ..Default::default()
            },
        ),
        (
            "due in 3 days",
            Filter {
                status: StatusFilter::DueSoon,
                ..Default::default()
            },
        ),
        (
            "topic + year",
            Filter {
                topic_id: Some(water),
                from: NaiveDate::from_ymd_opt(2025, 1, 1),
                to: NaiveDate::from_ymd_opt(2025, 12, 31),
                ..Default::default()
            },
        ),
        (
            "settlement",
            Filter {
                settlement_id: Some(settlement),
                ..Default::default()
            },
        ),
        (
            "search name",
            Filter {
                search: "ахметова".into(),
                ..Default::default()
            },
        ),
        (
            "search words",
            Filter {
                search: "нет воды".into(),
                ..Default::default()
            },
        ),
        (
            "search ИИН",
            Filter {
                search: "061211600012".into(),
                ..Default::default()
            },
        ),
    ];
    for (name, f) in cases {
        let mut times = Vec::new();
        let mut total = appeals::Total::default();
        for page in 0..15 {
            let t = Instant::now();
            let (rows, n) =
                appeals::page(store.conn(), &f, today, (page % 5) * 50, 50).expect("page");
            times.push(t.elapsed());
            total = n;
            std::hint::black_box(rows);
        }
        println!(
            "journal page [{name}]: median {:.2} ms (total {}{})",
            median(times).as_secs_f64() * 1e3,
            if total.more { "more than " } else { "" },
            total.n
        );
    }

    // Export and import of the whole file.
    let t = Instant::now();
    let f = exchange::collect(store.conn(), PersonalData::Include).expect("collect");
    let bytes = exchange::export::to_bytes(&f).expect("bytes");
    let export_secs = t.elapsed().as_secs_f64();
    println!(
        "export: {} appeals in {:.1} s = {:.0} appeals/s, {:.0} MB",
        f.appeals.len(),
        export_secs,
        f.appeals.len() as f64 / export_secs,
        bytes.len() as f64 / 1e6
    );
    let file = dir.path().join("region.json");
    std::fs::write(&file, &bytes).expect("write");
    drop((f, bytes));
    let mut copy = Store::create(&dir.path().join("copy.db"), &demo::profile()).expect("create");
    let t = Instant::now();
    let r = exchange::import_file(&mut copy, &file).expect("import");
    let secs = t.elapsed().as_secs_f64();
    println!(
        "import: {} appeals in {:.1} s = {:.0} appeals/s",
        r.appeals,
        secs,
        r.appeals as f64 / secs
    );
}

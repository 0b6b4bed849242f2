//! The desktop app at region scale (≈1,000,000 appeals): time to the first frame, the time of
//! each frame while the journal is scrolled and filtered, every screen's frames until its
//! content has come and its steady frames (the backups screen's tabs, each form's preview),
//! opening a record for editing, and a copy made by hand as a job (in the kittest harness: the
//! egui pass and layout on this thread, without GPU painting), and resident memory.
//! The benchmark writes beside the file (the day's copy, a copy by hand in `backups/`): point
//! `ESTU_BENCH_DB` at a copy of a file that must stay as it is.
//! Run: `ESTU_BENCH_DB=/tmp/region.db cargo bench --bench app` (the file is generated when
//! missing, as `benches/core.rs` does). Prints figures; asserts nothing.

mod common;
use chrono::NaiveDate;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use estu::app::{App, Go, Screen};
use estu_core::i18n::{Lang, tr};
use estu_core::store::appeals::{Filter, StatusFilter};
use estu_core::store::reference;
use std::time::{Duration, Instant};

fn stats(name: &str, mut v: Vec<Duration>) {
    v.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let p95 = v[(v.len() * 95 / 100).min(v.len() - 1)];
    println!(
        "{name}: {} frames, median {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        v.len(),
        ms(v[v.len() / 2]),
        ms(p95),
        ms(*v.last().expect("frames"))
    );
}

fn frame(h: &mut Harness<'_, App>) -> Duration {
    let t = Instant::now();
    h.step();
    t.elapsed()
}

/// Draws frames (as the app does when the reader wakes it) until the journal has the rows it
/// asked for; returns the frames' times and how long the rows took to appear.
fn settle(h: &mut Harness<'_, App>, frames: &mut Vec<Duration>) -> Duration {
    let t = Instant::now();
    while h.state().journal().is_reading() && t.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(1));
        frames.push(frame(h));
    }
    t.elapsed()
}

/// The frames of what was just asked (a screen, a tab, a record, a job) until its reads or its
/// job have come, and 20 steady frames after: prints the slowest of each and how long the
/// content took to appear.
fn screen_frames(h: &mut Harness<'_, App>, name: &str) {
    let t = Instant::now();
    let mut settling = vec![frame(h)];
    while h.state().is_busy() && t.elapsed() < Duration::from_secs(600) {
        std::thread::sleep(Duration::from_millis(1));
        settling.push(frame(h));
    }
    settling.push(frame(h));
    let shown = t.elapsed();
    let steady: Vec<Duration> = (0..20).map(|_| frame(h)).collect();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let max = |v: &[Duration]| v.iter().copied().max().unwrap_or_default();
    println!(
        "{name}: content after {:.0} ms ({} frames, slowest {:.1} ms); steady frames: slowest {:.1} ms",
        ms(shown),
        settling.len(),
        ms(max(&settling)),
        ms(max(&steady))
    );
}

/// The first record of `table` (by id).
fn first_id(store: &estu_core::Store, table: &str) -> i64 {
    store
        .conn()
        .query_row(&format!("SELECT min(id) FROM {table}"), [], |r| r.get(0))
        .expect("an id")
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = common::region_db(dir.path());
    let until = common::until();
    let (rss0, _) = common::memory_mb();

    // Start: open the file as the app does (the day's copy, when due, starts on a thread), build
    // the app and draw the first frame (the dashboard's aggregate queries included).
    let t = Instant::now();
    let mut store = estu_core::safety::open_without_daily_backup(&path).expect("open");
    let daily =
        estu_core::safety::backup::auto_backup_in_background(&store).expect("backup folder");
    let opened = t.elapsed();
    store.set_today(until);
    let appeals: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM appeal", [], |r| r.get(0))
        .expect("count");
    let records = [
        ("appeal", Go::Appeal(first_id(&store, "appeal"))),
        ("meeting", Go::Meeting(first_id(&store, "meeting"))),
        ("plan item", Go::PlanItem(first_id(&store, "plan_item"))),
    ];
    let t2 = Instant::now();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_eframe(move |_cc| App::with_store(store));
    // As `App::open` does: journal pages are read on the reader thread.
    h.state_mut().read_on_thread();
    h.step();
    let first = t2.elapsed();
    println!(
        "database: {appeals} appeals; open {:.0} ms; first frame (dashboard) {:.0} ms; start total {:.0} ms",
        opened.as_secs_f64() * 1000.0,
        first.as_secs_f64() * 1000.0,
        (opened + first).as_secs_f64() * 1000.0
    );

    // The journal: its first frame reads the count and the first page.
    h.state_mut().show(Screen::Journal);
    let t = Instant::now();
    h.step();
    let first = t.elapsed();
    let shown = settle(&mut h, &mut Vec::new());
    println!(
        "journal first frame: {:.1} ms; rows on screen after {:.1} ms",
        first.as_secs_f64() * 1000.0,
        (first + shown).as_secs_f64() * 1000.0
    );
    for _ in 0..5 {
        h.step();
    }

    // Scrolling: 20 rows a frame through the first 6,000 rows (pages are read as they come).
    let (mut times, mut waits) = (Vec::new(), Vec::new());
    for i in 0..300 {
        h.state_mut().journal_mut().scroll_to = Some(i * 20);
        times.push(frame(&mut h));
        waits.push(settle(&mut h, &mut times));
    }
    stats("scroll 20 rows/frame, rows 0..6000", times);
    stats("  rows on screen after", waits);
    // Dragging the scroll bar far down: pages deep in the table (large OFFSET).
    let (mut times, mut waits) = (Vec::new(), Vec::new());
    for row in [50_000usize, 200_000, 400_000, 600_000, 800_000, 990_000] {
        h.state_mut().journal_mut().scroll_to = Some(row);
        times.push(frame(&mut h));
        for _ in 0..3 {
            times.push(frame(&mut h));
        }
        waits.push(settle(&mut h, &mut times));
    }
    stats("jumps deep into the journal (50k..990k)", times);
    stats("  rows on screen after", waits);
    println!(
        "rows held in memory: {}",
        h.state().journal().rows_in_memory()
    );

    // Filtering: each change of a filter is one frame that counts and reads the first page.
    let conn_topic = {
        let app = h.state();
        let conn = app.store().expect("store").conn();
        (
            reference::topic_id_by_code(conn, "water")
                .expect("q")
                .expect("topic"),
            reference::settlements(conn).expect("q")[0].id,
        )
    };
    let filters: Vec<(&str, Filter)> = vec![
        (
            "search «Иванов»",
            Filter {
                search: "Иванов".into(),
                ..Default::default()
            },
        ),
        (
            "search «вода ул»",
            Filter {
                search: "вода ул".into(),
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
            "topic water",
            Filter {
                topic_id: Some(conn_topic.0),
                ..Default::default()
            },
        ),
        (
            "one quarter, one village",
            Filter {
                from: NaiveDate::from_ymd_opt(2026, 7, 1),
                to: NaiveDate::from_ymd_opt(2026, 9, 30),
                settlement_id: Some(conn_topic.1),
                ..Default::default()
            },
        ),
        (
            "open",
            Filter {
                status: StatusFilter::Open,
                ..Default::default()
            },
        ),
        ("all again", Filter::default()),
    ];
    let mut all = Vec::new();
    for (name, f) in filters {
        h.state_mut().journal_mut().filter = f;
        h.state_mut().journal_mut().scroll_to = Some(0);
        let d = frame(&mut h);
        let mut later = Vec::new();
        let shown = settle(&mut h, &mut later);
        let slowest = later.iter().max().copied().unwrap_or_default();
        println!(
            "filter {name}: {} rows; change frame {:.1} ms, rows on screen after {:.1} ms, slowest frame meanwhile {:.2} ms",
            h.state().journal().total().n,
            d.as_secs_f64() * 1000.0,
            (d + shown).as_secs_f64() * 1000.0,
            slowest.as_secs_f64() * 1000.0
        );
        all.push(d);
        all.extend(later);
    }
    stats("filter change, all frames", all);
    // Typing a search letter by letter: every keystroke is a new filter.
    let mut times = Vec::new();
    let word = "Серикбаев";
    for n in 1..=word.chars().count() {
        h.state_mut().journal_mut().filter = Filter {
            search: word.chars().take(n).collect(),
            ..Default::default()
        };
        times.push(frame(&mut h));
    }
    let shown = settle(&mut h, &mut times);
    stats("typing a search, one letter a frame", times);
    println!(
        "  rows on screen {:.1} ms after the last letter",
        shown.as_secs_f64() * 1000.0
    );

    // Every screen, as the user goes through them: the frames until its reads have come (on
    // the reader thread: they must stay short while it reads), then steady frames. The reports
    // screen shows the action plan (F5 as of today): the region's plan is thousands of rows,
    // computed on the reader, and the preview draws only those in view.
    h.state_mut().reports_mut().choose("f5");
    for screen in Screen::ALL {
        h.state_mut().show(screen);
        screen_frames(&mut h, &format!("{screen:?}"));
    }
    let rows = h
        .state()
        .reports()
        .form()
        .map_or(0, |f| f.table().rows.len());
    println!("  (F5 as of today: {rows} rows)");
    // Each form's preview (the period each form shows by default).
    h.state_mut().show(Screen::Reports);
    for code in ["f1", "f2", "f3", "f4", "f5"] {
        h.state_mut().go(Go::Report(code));
        screen_frames(&mut h, &format!("Reports {code} preview"));
    }
    // The backups screen's other tabs: the trash (its entries) and the history (an appeal's).
    h.state_mut().show(Screen::Backups);
    screen_frames(&mut h, "Backups (copies)");
    for tab in ["ui.backup.trash", "ui.backup.history"] {
        h.get_by_label(&tr(Lang::Ru, tab)).click();
        screen_frames(&mut h, &format!("Backups tab {tab}"));
    }
    // Opening a record for editing (what a click in a list asks): read on the reader.
    for (name, go) in records {
        h.state_mut().show(Screen::Dashboard);
        screen_frames(&mut h, "  (dashboard again)");
        h.state_mut().go(go);
        screen_frames(&mut h, &format!("open a {name} for editing"));
    }
    // A copy made by hand: a job with a progress bar while the window keeps drawing.
    h.state_mut().show(Screen::Backups);
    screen_frames(&mut h, "Backups (copies)");
    h.get_by_label(&tr(Lang::Ru, "ui.backup.copies")).click();
    screen_frames(&mut h, "Backups (copies tab)");
    h.get_by_label(&tr(Lang::Ru, "ui.backup.now")).click();
    screen_frames(&mut h, "a copy made by hand (job, window drawing)");

    if let Some(job) = daily {
        let made = job.join().expect("thread").expect("daily copy");
        println!(
            "the day's copy, made beside the work: {:.0} MB, finished {:.1} s after start",
            made.map_or(0, |b| b.size) as f64 / 1e6,
            t.elapsed().as_secs_f64()
        );
    }
    let (rss, peak) = common::memory_mb();
    println!("resident memory: {rss:.0} MB now, {peak:.0} MB peak (before opening: {rss0:.0} MB)");
}

//! A district of 20 okrugs, each with a year of records in its `export --for-district` file:
//! the time to read and check the files into memory, to consolidate each form for the year,
//! and to render it as PDF; the files' total size and the process's peak memory. Prints
//! figures; asserts nothing. Run: `cargo bench --bench district`.

use chrono::{Datelike, NaiveDate};
use estu_core::district::{self, DistrictProfile};
use estu_core::exchange::{self, PersonalData};
use estu_core::forms::{FormKind, Period, Request};
use estu_core::{Lang, Store, demo, render};
use std::time::Instant;

const OKRUGS: usize = 20;

/// The peak resident memory of this process (Linux), in MB.
fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    // The last year that has ended: an okrug's file holds no date after today (the load
    // refuses one, as it would a real file).
    let year = chrono::Local::now().date_naive().year() - 1;
    let until = NaiveDate::from_ymd_opt(year, 12, 31).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let t = Instant::now();
    let mut paths = Vec::new();
    let mut bytes = 0;
    for n in 0..OKRUGS {
        let mut s = Store::in_memory(&demo::profile::numbered(n)).unwrap();
        s.set_today(until);
        let mut o = demo::Options::new(100 + n as u64, demo::Scale::Okrug, until);
        o.first_year = until.year();
        demo::generate(&mut s, &o).unwrap();
        let p = dir.path().join(format!("okrug{n:02}.json"));
        exchange::write_file(&s, &p, PersonalData::Omit).unwrap();
        bytes += std::fs::metadata(&p).unwrap().len();
        paths.push(p);
    }
    println!(
        "generated {OKRUGS} okrug files of a year: {:.1} MB in {:.1} s",
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );

    let t = Instant::now();
    let okrugs = district::load(&paths).unwrap();
    println!(
        "read and checked into memory: {:.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );

    let profile = DistrictProfile {
        org_name_ru: "ГУ «Аппарат акима Бурабайского района»".into(),
        district_gen_ru: "Бурабайского района".into(),
        ..Default::default()
    };
    for kind in FormKind::ALL {
        let req = Request::new(kind, Period::year(until.year()), Lang::Ru, until);
        let t = Instant::now();
        let done = district::consolidate(&profile, &okrugs, &req).unwrap();
        let computed = t.elapsed();
        let t = Instant::now();
        let pdf = render::to_bytes(&done.form, render::Format::Pdf).unwrap();
        println!(
            "{}: consolidated in {:.0} ms, PDF in {:.0} ms ({} KB, {} tables)",
            kind.code().to_uppercase(),
            computed.as_secs_f64() * 1e3,
            t.elapsed().as_secs_f64() * 1e3,
            pdf.len() / 1024,
            done.form.tables.len()
        );
    }
    if let Some(mb) = peak_mb() {
        println!("peak memory: {mb:.0} MB");
    }
}

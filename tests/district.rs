//! The district's consolidated forms: every number equals the sum of the same form computed by
//! each okrug on its own database (generated okrugs, every form and period kind), and every
//! refusal and flag with its message.

use chrono::{Datelike, NaiveDate};
use estu_core::district::{self, DistrictProfile, Okrug};
use estu_core::exchange::{self, PersonalData};
use estu_core::forms::{self, Cell, Form, FormKind, Period, Request};
use estu_core::{Lang, Store, demo};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The `n`-th okrug of the demo district, generated from `seed` for the year up to `until`.
fn okrug(seed: u64, n: usize, until: NaiveDate) -> Store {
    let mut s = Store::in_memory(&demo::profile::numbered(n)).unwrap();
    s.set_today(until);
    let mut o = demo::Options::new(seed, demo::Scale::Okrug, until);
    o.first_year = until.year() - 1;
    demo::generate(&mut s, &o).unwrap();
    s
}

/// Each store's `export --for-district` file in `dir`.
fn files(dir: &Path, stores: &[Store]) -> Vec<PathBuf> {
    stores
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let p = dir.join(format!("okrug{i}.json"));
            exchange::write_file(s, &p, PersonalData::Omit).unwrap();
            p
        })
        .collect()
}

fn profile() -> DistrictProfile {
    DistrictProfile {
        org_name_ru: "ГУ «Аппарат акима Бурабайского района»".into(),
        org_name_kk: "«Бурабай ауданы әкімінің аппараты» ММ".into(),
        district_gen_ru: "Бурабайского района".into(),
        district_gen_kk: "Бурабай ауданы".into(),
        region_ru: "Акмолинской области".into(),
        region_kk: "Ақмола облысы".into(),
        akim_position_ru: "Аким Бурабайского района".into(),
        akim_position_kk: "Бурабай ауданының әкімі".into(),
        akim_name: "Жумабеков Нурлан Серикович".into(),
        executor_name: "Касымова Д.Б.".into(),
        executor_phone: "8 (71636) 4-12-00".into(),
        okrugs: Vec::new(),
    }
}

/// The numbers a cell shows: an integer, a decimal, or those written in a text («12 (3)»,
/// «нет» = 0; a figure a text leaves out when zero counts as 0 when compared).
fn numbers(c: &Cell) -> Vec<f64> {
    match c {
        Cell::Empty => Vec::new(),
        Cell::Int(n) => vec![*n as f64],
        Cell::Dec { value, .. } => vec![*value],
        Cell::Text(t) if t == "нет" => vec![0.0],
        Cell::Text(t) => t
            .split(|ch: char| !ch.is_ascii_digit())
            .filter(|p| !p.is_empty())
            .map(|p| p.parse().unwrap())
            .collect(),
    }
}

fn add(sum: &mut Vec<f64>, v: &[f64]) {
    if sum.len() < v.len() {
        sum.resize(v.len(), 0.0);
    }
    for (s, x) in sum.iter_mut().zip(v) {
        *s += x;
    }
}

fn same(a: &[f64], b: &[f64]) -> bool {
    let n = a.len().max(b.len());
    (0..n).all(|i| {
        let (x, y) = (
            a.get(i).copied().unwrap_or(0.0),
            b.get(i).copied().unwrap_or(0.0),
        );
        (x - y).abs() < 1e-6
    })
}

/// Every cell of the district's first tables is the sum of the okrugs' same cells, and the
/// annex repeats each okrug's own tables.
fn check_summed(district: &Form, own: &[Form]) {
    let k = own[0].tables.len();
    for t in 0..k {
        let table = &district.tables[t];
        for (r, row) in table.rows.iter().enumerate() {
            for (c, cell) in row.cells.iter().enumerate() {
                let mut sum = Vec::new();
                for f in own {
                    add(&mut sum, &numbers(&f.tables[t].rows[r].cells[c]));
                }
                assert!(
                    same(&numbers(cell), &sum),
                    "{:?} table {t} row {} cell {c}: {:?} ≠ sum {sum:?}",
                    district.kind,
                    row.key,
                    cell
                );
            }
        }
    }
    for (i, f) in own.iter().enumerate() {
        for t in 0..k {
            let annex = &district.tables[k * (i + 1) + t];
            assert_eq!(annex.rows, f.tables[t].rows, "annex of okrug {i}");
        }
    }
    for (c, chart) in district.charts.iter().enumerate() {
        for (b, bar) in chart.bars.iter().enumerate() {
            let sum: f64 = own.iter().map(|f| f.charts[c].bars[b].value).sum();
            assert!((bar.value - sum).abs() < 1e-6, "chart {c} bar {b}");
        }
    }
}

fn check_f1(district: &Form, own: &[Form]) {
    let t = district.table();
    let mut sum = Vec::new();
    for (i, f) in own.iter().enumerate() {
        let mine = f.table().row("okrug").unwrap();
        let row = t.row(&format!("okrug{}", i + 1)).unwrap();
        assert_eq!(row.cells, mine.cells, "okrug {i}'s row");
        assert_eq!(row.label, mine.label);
        let n: Vec<f64> = mine.cells.iter().flat_map(numbers).collect();
        add(&mut sum, &n);
    }
    let total: Vec<f64> = t
        .row("total")
        .unwrap()
        .cells
        .iter()
        .flat_map(numbers)
        .collect();
    assert!(same(&total, &sum), "F1 total {total:?} ≠ {sum:?}");
    assert_eq!(t.rows.len(), own.len() + 1);
}

fn check_f5(district: &Form, own: &[Form]) {
    let t = district.table();
    let (mut need, mut allocated, mut done, mut total) = (0.0, 0.0, 0.0, 0.0);
    for (i, f) in own.iter().enumerate() {
        let prefix = format!("okrug{}.item", i + 1);
        let rows: Vec<_> = t
            .rows
            .iter()
            .filter(|r| r.key.starts_with(&prefix))
            .collect();
        let items: Vec<_> = f.table().rows.iter().filter(|r| r.key != "total").collect();
        assert_eq!(rows.len(), items.len(), "okrug {i}'s items");
        for (a, b) in rows.iter().zip(&items) {
            assert_eq!(a.cells[1..], b.cells[..], "item {}", b.key);
            assert_eq!(a.label, b.label);
        }
        let mine = f.table().row("total").unwrap();
        let theirs = t.row(&format!("okrug{}.total", i + 1)).unwrap();
        assert_eq!(
            theirs.cells[1..],
            mine.cells[..],
            "okrug {i}'s progress line"
        );
        let n = mine.cells.len();
        need += numbers(&mine.cells[n - 3])[0];
        allocated += numbers(&mine.cells[n - 2])[0];
        let progress = numbers(&mine.cells[n - 1]);
        done += progress[0];
        total += progress[1];
    }
    let row = t.row("total").unwrap();
    let n = row.cells.len();
    assert!((numbers(&row.cells[n - 3])[0] - need).abs() < 1e-6);
    assert!((numbers(&row.cells[n - 2])[0] - allocated).abs() < 1e-6);
    let progress = numbers(&row.cells[n - 1]);
    assert_eq!((progress[0], progress[1]), (done, total));
}

fn periods(until: NaiveDate) -> Vec<Period> {
    let y = until.year();
    vec![
        Period::year(y),
        Period::half(y, 1),
        Period::quarter(y, 2),
        Period::nine_months(y),
        Period::range(d(y - 1, 11, 15), d(y, 2, 20)),
        Period::as_of(d(y, 8, 31)),
    ]
}

fn check_all(stores: &[Store], okrugs: &[Okrug], until: NaiveDate) {
    for period in periods(until) {
        for kind in FormKind::ALL {
            let req = Request::new(kind, period, Lang::Ru, until);
            let own: Vec<Form> = stores
                .iter()
                .map(|s| forms::compute(s.conn(), &req).unwrap())
                .collect();
            let district = district::consolidate(&profile(), okrugs, &req)
                .unwrap()
                .form;
            match kind {
                FormKind::F1 => check_f1(&district, &own),
                FormKind::F5 => check_f5(&district, &own),
                _ => check_summed(&district, &own),
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3, ..ProptestConfig::default() })]
    #[test]
    fn a_district_form_is_the_sum_of_its_okrugs_forms(seeds in proptest::array::uniform3(0u64..10_000)) {
        let until = d(2026, 11, 20);
        let stores: Vec<Store> = seeds.iter().enumerate().map(|(i, s)| okrug(*s, i, until)).collect();
        let dir = tempfile::tempdir().unwrap();
        let okrugs = district::load(&files(dir.path(), &stores)).unwrap();
        check_all(&stores, &okrugs, until);
    }
}

/// The message of a refused consolidation, in Russian.
fn refusal(paths: &[PathBuf]) -> String {
    match district::load(paths) {
        Ok(_) => panic!("accepted"),
        Err(e) => e.message(Lang::Ru),
    }
}

fn edit(path: &Path, f: impl FnOnce(&mut serde_json::Value)) {
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    f(&mut v);
    std::fs::write(path, serde_json::to_vec(&v).unwrap()).unwrap();
}

#[test]
fn refusals_name_the_file_the_okrug_and_why() {
    let until = d(2026, 6, 30);
    let stores = [okrug(1, 0, until), okrug(2, 1, until)];
    let dir = tempfile::tempdir().unwrap();
    let paths = files(dir.path(), &stores);

    // The same okrug twice.
    let copy = dir.path().join("copy.json");
    std::fs::copy(&paths[0], &copy).unwrap();
    let msg = refusal(&[paths[0].clone(), paths[1].clone(), copy.clone()]);
    assert!(msg.contains("встречается дважды"), "{msg}");
    assert!(
        msg.contains("Красноярского") && msg.contains("copy.json"),
        "{msg}"
    );

    // A full export sent by mistake: by its header, and by data left in a file that says none.
    let full = dir.path().join("full.json");
    exchange::write_file(&stores[1], &full, PersonalData::Include).unwrap();
    let msg = refusal(&[paths[0].clone(), full.clone()]);
    assert!(
        msg.contains("персональные данные") && msg.contains("full.json"),
        "{msg}"
    );
    assert!(msg.contains("Бестобинского"), "{msg}");
    let phone = dir.path().join("phone.json");
    std::fs::copy(&paths[1], &phone).unwrap();
    edit(&phone, |v| {
        v["appeals"][0]["applicant_phone"] = "8 701 123 45 67".into()
    });
    assert!(refusal(&[phone]).contains("персональные данные"));

    // A file from a newer version.
    let newer = dir.path().join("newer.json");
    std::fs::copy(&paths[1], &newer).unwrap();
    edit(&newer, |v| v["version"] = 99.into());
    let msg = refusal(&[paths[0].clone(), newer]);
    assert!(
        msg.contains("более новой версией") && msg.contains("newer.json"),
        "{msg}"
    );

    // A topic mapped to another F1 line in one okrug: F1 refused naming both and the topic;
    // F5, which maps no topic, still consolidates.
    let other = dir.path().join("other.json");
    std::fs::copy(&paths[1], &other).unwrap();
    let mut topic = String::new();
    edit(&other, |v| {
        let t = &mut v["topics"][0];
        topic = t["name_ru"].as_str().unwrap().to_string();
        let line = t["f1"].as_u64().unwrap();
        t["f1"] = (line % 16 + 1).into();
    });
    let okrugs = district::load(&[paths[0].clone(), other]).unwrap();
    let req = |kind| Request::new(kind, Period::year(2026), Lang::Ru, until);
    let msg = match district::consolidate(&profile(), &okrugs, &req(FormKind::F1)) {
        Ok(_) => panic!("F1 consolidated over different mappings"),
        Err(e) => e.message(Lang::Ru),
    };
    assert!(msg.contains("F1") && msg.contains(&topic), "{msg}");
    assert!(
        msg.contains("Красноярского") && msg.contains("Бестобинского"),
        "{msg}"
    );
    assert!(district::consolidate(&profile(), &okrugs, &req(FormKind::F5)).is_ok());
    assert!(district::consolidate(&profile(), &okrugs, &req(FormKind::F2)).is_ok());

    // Nothing to consolidate.
    assert!(refusal(&[]).contains("Не выбрано"));
}

#[test]
fn late_and_missing_okrugs_are_flagged_on_the_form() {
    let stores = [okrug(3, 0, d(2026, 6, 30)), okrug(4, 1, d(2026, 3, 15))];
    let dir = tempfile::tempdir().unwrap();
    let okrugs = district::load(&files(dir.path(), &stores)).unwrap();
    let last = okrugs[1].last_day.unwrap();
    assert!(last <= d(2026, 3, 20) && last >= d(2026, 3, 1), "{last}");
    let mut p = profile();
    p.okrugs = vec![
        "ГУ «Аппарат акима Красноярского сельского округа»".into(),
        "гу «аппарат акима бестобинского сельского округа»".into(),
        "ГУ «Аппарат акима Донского сельского округа»".into(),
    ];
    let req = Request::new(FormKind::F1, Period::half(2026, 1), Lang::Ru, d(2026, 7, 1));
    let done = district::consolidate(&p, &okrugs, &req).unwrap();
    let notes: Vec<String> = done.notes.iter().map(|n| n.render(Lang::Ru)).collect();
    let late = format!(
        "Бестобинского сельского округа»: данные по {}",
        last.format("%d.%m.%Y")
    );
    assert!(notes.iter().any(|n| n.contains(&late)), "{notes:?}");
    assert!(
        notes
            .iter()
            .any(|n| n.contains("Донского") && n.contains("не получен")),
        "{notes:?}"
    );
    assert!(
        !notes.iter().any(|n| n.contains("Красноярского")),
        "{notes:?}"
    );
    assert_eq!(notes.len(), 2, "{notes:?}");
    for n in &notes {
        assert!(done.form.postscript.contains(n), "printed under the form");
    }
    // The title names the district's akimat; the footer its akim and executor.
    let title: Vec<&str> = done.form.title.iter().map(|l| l.text.as_str()).collect();
    assert!(
        title.contains(&"в ГУ «Аппарат акима Бурабайского района»"),
        "{title:?}"
    );
    assert_eq!(done.form.footer.name, "Н.С. Жумабеков");
    // In Kazakh too.
    let kk = Request {
        lang: Lang::Kk,
        ..req
    };
    let done = district::consolidate(&p, &okrugs, &kk).unwrap();
    assert!(done.form.postscript.iter().any(|n| n.contains("деректер")));
    assert_eq!(
        done.form.table().rows.last().unwrap().label,
        "Аудан бойынша барлығы"
    );
}

//! The renderers: every label and number of a computed form comes out of the PDF (in drawing
//! order), the PDF is valid with its fonts embedded and subset, the Excel file reads back with
//! the same numbers, and JSON round-trips. Needs poppler-utils (pdftotext, pdffonts) and qpdf.

#[allow(dead_code)]
#[path = "../core/tests/forms/support.rs"]
mod support;

use calamine::{Data, Reader, Xlsx};
use estu_core::Lang;
use estu_core::forms::{Cell, ColumnRole, Form, FormKind, talon};
use estu_core::model::{
    Broadcast, BroadcastChannel, Channel, MeetingKind, Outcome, PlanStatus, Remarks,
};
use estu_core::render;
use std::process::Command;
use support::*;

/// A year of varied records, enough for every form to have non-zero cells and a multi-page F5.
fn fixture() -> Fixture {
    let mut f = Fixture::new();
    let topics = [
        "water",
        "roads",
        "land",
        "employment",
        "political",
        "housing_upkeep",
        "complaint",
        "other",
    ];
    for i in 0..40u32 {
        let day = d(2022, 1 + i % 12, 3 + i % 20);
        let when = day.and_hms_opt(10, 0, 0).unwrap();
        let channel = [
            Channel::Reception,
            Channel::WrittenPerson,
            Channel::WrittenOrg,
            Channel::Online,
        ][i as usize % 4];
        let outcome = [
            None,
            Some(Outcome::Satisfied),
            Some(Outcome::Explained),
            Some(Outcome::Rejected),
        ][i as usize % 4];
        f.appeal(when, channel, topics[i as usize % topics.len()], |a| {
            answer(a, outcome, day + chrono::Days::new(7))
        });
    }
    for i in 0..6u32 {
        let kind = if i % 2 == 0 {
            MeetingKind::Akim826
        } else {
            MeetingKind::Report
        };
        let day = d(2022, 1 + i * 2, 10);
        let m = f.meeting(kind, day, |m| {
            m.held_on = Some(day);
            m.participants_offline = 50 + i as i64;
            m.broadcasts = vec![Broadcast {
                channel: BroadcastChannel::Instagram,
                viewers: 100 * i as i64,
            }];
            m.remarks = vec![Remarks {
                addressee_level: 6,
                count: i as i64,
            }];
            m.media_local = 1;
        });
        f.questions(m, topics[i as usize], 3, 1);
    }
    let villages = f.villages.clone();
    for i in 0..40u32 {
        f.plan_item(|p| {
            p.problem =
                format!("Проблемный вопрос номер {i}: ремонт и строительство объектов в селе");
            p.settlement_id = Some(villages[i as usize % 2]);
            p.measure = "Включить в бюджетную заявку на следующий год и провести работы".into();
            p.deadline = Some(d(2022, 3 + i % 9, 1));
            p.money_needed = 100.0 * i as f64;
            p.money_allocated = 50.0 * i as f64;
            if i % 3 == 0 {
                p.status = PlanStatus::Done;
                p.done_on = Some(d(2022, 11, 1));
            }
            p.created_on = Some(d(2022, 2, 1));
        });
    }
    f
}

fn tool(name: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} is needed for this test (poppler-utils / qpdf): {e}"));
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Everything the form says, in the order the PDF draws it.
fn expected(form: &Form) -> Vec<String> {
    let mut v: Vec<String> = form.title.iter().map(|l| l.text.clone()).collect();
    v.extend(form.preamble.iter().cloned());
    for t in &form.tables {
        if !t.caption.is_empty() {
            v.push(t.caption.clone());
        }
        v.extend(t.header.iter().map(|h| h.text.clone()));
        let values = t.value_columns();
        for r in &t.rows {
            for (i, c) in t.columns.iter().enumerate() {
                v.push(match c.role {
                    ColumnRole::Number => r.number.clone(),
                    ColumnRole::Label => r.label.clone(),
                    ColumnRole::Value => {
                        r.cells[values.iter().position(|&x| x == i).unwrap()].text()
                    }
                });
            }
        }
    }
    v.extend(form.postscript.iter().cloned());
    for c in &form.charts {
        for b in &c.bars {
            v.push(b.label.clone());
            v.push((b.value as i64).to_string());
        }
        v.push(c.caption.clone());
    }
    v.extend([
        form.footer.position.clone(),
        form.footer.name.clone(),
        form.footer.executor.clone(),
    ]);
    v.retain(|s| !s.is_empty());
    v
}

fn check_pdf(name: &str, bytes: &[u8], expected: &[String]) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("{name}.pdf"));
    std::fs::write(&path, bytes).unwrap();
    let p = path.to_str().unwrap();
    assert!(bytes.len() <= 300 * 1024, "{name}: {} bytes", bytes.len());

    let (ok, out) = tool("qpdf", &["--check", p]);
    assert!(ok, "{name}: qpdf --check: {out}");

    let (ok, fonts) = tool("pdffonts", &[p]);
    assert!(ok);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{name}: no fonts");
    for r in rows {
        let cols: Vec<&str> = r.split_whitespace().collect();
        // name type encoding emb sub uni object ID
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            ["yes", "yes", "yes"],
            "{name}: font not embedded/subset/unicode: {r}"
        );
    }

    let (ok, text) = tool("pdftotext", &["-raw", p, "-"]);
    assert!(ok);
    let text = squeeze(&text);
    let mut at = 0;
    for want in expected {
        let w = squeeze(want);
        match text[at..].find(&w) {
            Some(i) => at += i + w.len(),
            None => panic!("{name}: «{want}» not found in order after position {at}"),
        }
    }
}

#[test]
fn every_form_in_both_languages_as_pdf() {
    let f = fixture();
    for kind in FormKind::ALL {
        for lang in Lang::ALL {
            let period = if kind == FormKind::F3 {
                "2022-11-30"
            } else {
                "2022"
            };
            let form = f.form(kind, period, lang);
            let pdf = render::pdf::render(&form);
            check_pdf(
                &format!("{}-{}", kind.code(), lang.code()),
                &pdf,
                &expected(&form),
            );
        }
    }
}

#[test]
fn long_plan_repeats_its_header_on_every_page() {
    let f = fixture();
    let form = f.form(FormKind::F5, "2022", Lang::Ru);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f5.pdf");
    std::fs::write(&path, render::pdf::render(&form)).unwrap();
    let p = path.to_str().unwrap();
    let (_, info) = tool("pdfinfo", &[p]);
    let pages: usize = info
        .lines()
        .find(|l| l.starts_with("Pages:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!(pages >= 2, "the plan should run over pages: {pages}");
    assert!(
        info.contains("landscape") || info.contains("841.89 x 595.276"),
        "{info}"
    );
    let header = squeeze(&form.table().header[1].text);
    for page in 1..=pages {
        let n = page.to_string();
        let (_, text) = tool("pdftotext", &["-f", &n, "-l", &n, "-raw", p, "-"]);
        assert!(
            squeeze(&text).contains(&header),
            "page {page} has no header"
        );
        assert!(
            text.contains(&format!("Страница {page} из {pages}")),
            "page {page} number"
        );
    }
}

#[test]
fn f5s_signature_is_never_alone_on_its_page() {
    let f = fixture();
    let form = f.form(FormKind::F5, "2022", Lang::Ru);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f5.pdf");
    let p = path.to_str().unwrap();
    let all = form.table().rows.len();
    let mut moved = 0;
    // Every length of the plan, so that its end falls at every place on a page.
    for n in 2..=all {
        let mut short = form.clone();
        short.tables[0].rows.truncate(n);
        std::fs::write(&path, render::pdf::render(&short)).unwrap();
        let (_, info) = tool("pdfinfo", &[p]);
        let pages = info
            .lines()
            .find(|l| l.starts_with("Pages:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .unwrap()
            .to_string();
        let (_, last) = tool("pdftotext", &["-f", &pages, "-l", &pages, "-raw", p, "-"]);
        let last = squeeze(&last);
        assert!(
            last.contains(&squeeze(&form.footer.name)),
            "{n} rows: signature"
        );
        let row = &short.tables[0].rows[n - 1];
        assert!(
            last.contains(&squeeze(&row.label)),
            "{n} rows: the signature's page has the last row «{}»",
            row.label
        );
        if pages != "1" && !last.contains(&squeeze(&form.table().header[1].text)) {
            moved += 1;
        }
    }
    assert_eq!(moved, 0, "rows carried over repeat the header");
}

fn sheet_rows(bytes: &[u8], sheet: usize) -> Vec<Vec<Data>> {
    let mut wb: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let names = wb.sheet_names();
    let range = wb.worksheet_range(&names[sheet]).unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

#[test]
fn excel_reads_back_with_the_same_numbers() {
    let f = fixture();
    for kind in FormKind::ALL {
        let period = if kind == FormKind::F3 {
            "2022-11-30"
        } else {
            "2022"
        };
        let form = f.form(kind, period, Lang::Ru);
        let bytes = render::xlsx::render(&form).unwrap();
        for (ti, t) in form.tables.iter().enumerate() {
            let rows = sheet_rows(&bytes, ti);
            let text_of = |d: &Data| match d {
                Data::String(s) => s.clone(),
                Data::Float(x) => x.to_string(),
                Data::Int(x) => x.to_string(),
                _ => String::new(),
            };
            // Every header text is in the sheet.
            for h in &t.header {
                assert!(
                    rows.iter().flatten().any(|d| text_of(d) == h.text),
                    "{:?}: header {}",
                    kind,
                    h.text
                );
            }
            let values = t.value_columns();
            let label_col = t.columns.iter().position(|c| c.role == ColumnRole::Label);
            let number_col = t.columns.iter().position(|c| c.role == ColumnRole::Number);
            let mut from = 0;
            for r in &t.rows {
                // The sheet row of this form row: the next one with its number and label.
                let pos = rows[from..]
                    .iter()
                    .position(|row| {
                        label_col.is_none_or(|c| text_of(&row[c]) == r.label)
                            && number_col.is_none_or(|c| text_of(&row[c]) == r.number)
                    })
                    .unwrap_or_else(|| panic!("{kind:?}: row {} not found", r.key));
                let row = &rows[from + pos];
                from += pos + 1;
                for (k, &ci) in values.iter().enumerate() {
                    match &r.cells[k] {
                        Cell::Int(n) => assert_eq!(
                            row[ci],
                            Data::Float(*n as f64),
                            "{kind:?} {} col {ci}",
                            r.key
                        ),
                        Cell::Dec { value, .. } => assert_eq!(row[ci], Data::Float(*value)),
                        Cell::Text(s) => assert_eq!(row[ci], Data::String(s.clone())),
                        Cell::Empty => assert!(
                            matches!(row[ci], Data::Empty | Data::String(_))
                                && text_of(&row[ci]).is_empty()
                        ),
                    }
                }
            }
        }
    }
}

#[test]
fn json_round_trips() {
    let f = fixture();
    for kind in FormKind::ALL {
        let form = f.form(kind, "2022", Lang::Kk);
        let bytes = render::json::to_json(&form).unwrap();
        assert_eq!(render::json::from_json(&bytes).unwrap(), form);
    }
}

#[test]
fn talon_names_number_time_deadline_and_who_accepted() {
    let mut f = Fixture::new();
    let staff = estu_core::store::reference::staff(f.store.conn()).unwrap();
    let deputy = staff
        .iter()
        .find(|s| s.full_name.starts_with("Жумабеков"))
        .unwrap()
        .id;
    let a = f.appeal(
        at(2022, 3, 18, 19, 5),
        Channel::WrittenPerson,
        "water",
        |a| {
            a.accepted_by = Some(deputy);
            a.summary = "Нет воды на ул. Ленина ".repeat(30);
        },
    );
    for lang in Lang::ALL {
        let t = talon::compute(f.store.conn(), &a.reg_number, lang).unwrap();
        let pdf = render::pdf::render_talon(&t);
        let summary = &t.fields[3].1;
        assert!(summary.chars().count() <= talon::SUMMARY_MAX && summary.ends_with('…'));
        let mut want = vec![t.org.clone(), t.title.clone()];
        for (label, value) in &t.fields {
            want.push(label.clone());
            want.push(value.clone());
        }
        want.push(t.signature.clone());
        check_pdf(&format!("talon-{}", lang.code()), &pdf, &want);
        let values: Vec<&str> = t.fields.iter().map(|(_, v)| v.as_str()).collect();
        assert_eq!(values[0], a.reg_number);
        assert!(!a.applicant_name.is_empty());
        assert_eq!(values[1], a.applicant_name, "the applicant is named");
        assert_eq!(values[2], "18.03.2022 19:05");
        assert_eq!(values[4], "14.04.2022");
        let who = if lang == Lang::Ru {
            "Н.С. Жумабеков, заместитель акима"
        } else {
            "Н.С. Жумабеков, әкімнің орынбасары"
        };
        assert_eq!(values[5], who);
        assert_eq!(values[6], "8 (7162) 40-12-30");
    }
    let missing = talon::compute(f.store.conn(), "12-2022/9999", Lang::Ru).unwrap_err();
    assert!(
        missing.message(Lang::Ru).contains("12-2022/9999"),
        "{}",
        missing.message(Lang::Ru)
    );
}

#[test]
fn command_line_writes_the_format_of_the_extension() {
    use clap::Parser;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("estu.db");
    {
        let mut store = estu_core::Store::create(&db, &estu_core::demo::profile()).unwrap();
        let water = estu_core::store::reference::topic_id_by_code(store.conn(), "water")
            .unwrap()
            .unwrap();
        store
            .write(|tx| {
                let mut a = estu_core::model::Appeal::new(
                    at(2022, 2, 1, 10, 0),
                    Channel::WrittenPerson,
                    "Иванов Иван",
                    water,
                    "Нет воды",
                );
                estu_core::store::appeals::insert(tx, &mut a)
            })
            .unwrap();
    }
    let run = |args: &[&str]| {
        let mut all = vec!["estu", "--db", db.to_str().unwrap()];
        all.extend_from_slice(args);
        estu::cli::run(&estu::cli::Cli::parse_from(all))
    };
    for ext in ["pdf", "xlsx", "json"] {
        let out = dir.path().join(format!("f4.{ext}"));
        run(&[
            "form",
            "f4",
            "--period",
            "2022-Q1",
            "--out",
            out.to_str().unwrap(),
        ])
        .unwrap();
        let bytes = std::fs::read(&out).unwrap();
        match ext {
            "pdf" => assert!(bytes.starts_with(b"%PDF")),
            "xlsx" => assert!(bytes.starts_with(b"PK")),
            _ => {
                let form = render::json::from_json(&bytes).unwrap();
                assert_eq!(
                    form.tables[0].cell("okrug", "received"),
                    Some(&Cell::Int(1))
                );
            }
        }
    }
    let kk = dir.path().join("f3.json");
    run(&[
        "--lang",
        "kk",
        "form",
        "f3",
        "--date",
        "03.02.2022",
        "--out",
        kk.to_str().unwrap(),
    ])
    .unwrap();
    let f3 = render::json::from_json(&std::fs::read(&kk).unwrap()).unwrap();
    assert_eq!(f3.lang, Lang::Kk);
    assert_eq!(f3.title[2].text, "2022 жылғы 03 ақпандағы жағдай бойынша");

    let bad = dir.path().join("f4.txt");
    let e = run(&[
        "form",
        "f4",
        "--period",
        "2022",
        "--out",
        bad.to_str().unwrap(),
    ])
    .unwrap_err();
    assert!(
        e.message(Lang::Ru).contains(".pdf, .xlsx или .json"),
        "{}",
        e.message(Lang::Ru)
    );
    assert!(!bad.exists());
    let e = run(&[
        "form",
        "f1",
        "--period",
        "2022-Q5",
        "--out",
        dir.path().join("x.pdf").to_str().unwrap(),
    ])
    .unwrap_err();
    assert!(
        e.message(Lang::Kk).contains("«2022-Q5» кезеңі танылмады"),
        "{}",
        e.message(Lang::Kk)
    );
    let e = run(&[
        "form",
        "f1",
        "--settlement",
        "Атлантида",
        "--out",
        dir.path().join("x.pdf").to_str().unwrap(),
    ])
    .unwrap_err();
    assert!(e.message(Lang::Ru).contains("«Атлантида»"));
    let talon = dir.path().join("t.pdf");
    run(&["talon", "12-2022/0001", "--out", talon.to_str().unwrap()]).unwrap();
    assert!(std::fs::read(&talon).unwrap().starts_with(b"%PDF"));
    let e = run(&[
        "talon",
        "12-2022/0001",
        "--out",
        dir.path().join("t.xlsx").to_str().unwrap(),
    ])
    .unwrap_err();
    assert!(e.message(Lang::Ru).contains("только в PDF"));
}

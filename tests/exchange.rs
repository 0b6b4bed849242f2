//! The exchange format: round trip, all-or-nothing import, and clear messages for broken files.

use chrono::NaiveDate;
use estu_core::demo;
use estu_core::exchange::{self, PersonalData};
use estu_core::{Error, Lang, Store};
use std::path::Path;

fn demo_store() -> Store {
    let mut s = Store::in_memory(&demo::profile()).unwrap();
    let until = NaiveDate::from_ymd_opt(2023, 6, 30).unwrap();
    s.set_today(until);
    let mut o = demo::Options::new(7, demo::Scale::Okrug, until);
    o.first_year = 2022;
    demo::generate(&mut s, &o).unwrap();
    s
}

fn count(s: &Store, table: &str) -> i64 {
    s.conn()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn export_import_export_gives_identical_files() {
    let a = demo_store();
    let first =
        exchange::export::to_bytes(&exchange::collect(a.conn(), PersonalData::Include).unwrap())
            .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("okrug.json");
    std::fs::write(&file, &first).unwrap();
    let mut b = Store::create(&dir.path().join("copy.db"), &demo::profile()).unwrap();
    b.set_today(NaiveDate::from_ymd_opt(2023, 6, 30).unwrap());
    let report = exchange::import_file(&mut b, &file).unwrap();
    assert_eq!(report.appeals as i64, count(&a, "appeal"));
    assert_eq!(report.questions as i64, count(&a, "question"));
    let second =
        exchange::export::to_bytes(&exchange::collect(b.conn(), PersonalData::Include).unwrap())
            .unwrap();
    assert!(first == second, "the second export differs from the first");
}

#[test]
fn a_file_for_the_district_carries_no_personal_data() {
    let a = demo_store();
    let f = exchange::collect(a.conn(), PersonalData::Omit).unwrap();
    assert!(!f.personal_data);
    let iin: String = a
        .conn()
        .query_row("SELECT applicant_id FROM appeal WHERE applicant_type = 'person' AND applicant_id IS NOT NULL LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let name: String = a
        .conn()
        .query_row(
            "SELECT applicant_name FROM appeal WHERE applicant_type = 'person' LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let text = String::from_utf8(exchange::export::to_bytes(&f).unwrap()).unwrap();
    assert!(!text.contains(&iin));
    assert!(!text.contains(&name));
    assert!(
        f.appeals
            .iter()
            .all(|a| a.applicant_address.is_empty() && a.applicant_phone.is_empty())
    );
}

fn import_bytes(bytes: &[u8]) -> (Store, Result<exchange::Report, Error>) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("in.json");
    std::fs::write(&p, bytes).unwrap();
    let mut s = Store::in_memory(&demo::profile()).unwrap();
    let r = exchange::import_file(&mut s, &p);
    (s, r)
}

#[test]
fn one_bad_record_means_nothing_is_imported_and_every_problem_is_named() {
    let a = demo_store();
    let mut f = exchange::collect(a.conn(), PersonalData::Include).unwrap();
    let n = f.appeals.len();
    f.appeals[3].applicant_type = estu_core::model::ApplicantType::Person;
    f.appeals[3].applicant_id = Some("061211600013".into());
    f.appeals[n - 1].summary = "  ".into();
    f.meetings[0].speakers = -5;
    let (s, r) = import_bytes(&exchange::export::to_bytes(&f).unwrap());
    let err = r.unwrap_err();
    let fields: Vec<&str> = err.problems().iter().map(|p| p.field.as_str()).collect();
    assert!(fields.contains(&"appeal.applicant_iin"), "{fields:?}");
    assert!(fields.contains(&"appeal.summary"), "{fields:?}");
    assert!(fields.contains(&"meeting.speakers"), "{fields:?}");
    let msg = err.message(Lang::Ru);
    assert!(msg.contains("Обращения, запись № 4 в файле"), "{msg}");
    assert!(
        err.message(Lang::Kk)
            .contains("Өтініштер, файлдағы № 4 жазба")
    );
    for t in ["appeal", "meeting", "question", "plan_item", "reception"] {
        assert_eq!(count(&s, t), 0, "{t} was half-imported");
    }
    assert_eq!(count(&s, "settlement"), 0);
}

#[test]
fn broken_files_get_clear_messages() {
    let a = demo_store();
    let good =
        exchange::export::to_bytes(&exchange::collect(a.conn(), PersonalData::Include).unwrap())
            .unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("truncated", good[..good.len() / 2].to_vec(), "обрывается"),
        (
            "not utf-8",
            [&good[..100], &[0xff, 0xfe][..], &good[100..]].concat(),
            "UTF-8",
        ),
        ("empty", b"   \n".to_vec(), "пуст"),
        ("not ours", b"{\"hello\": 1}".to_vec(), "не файл обмена"),
        (
            "newer",
            b"{\"format\":\"estu-exchange\",\"version\":99}".to_vec(),
            "более новой версией",
        ),
        (
            "wrong type",
            String::from_utf8(good.clone())
                .unwrap()
                .replacen("\"persons\": 1", "\"persons\": \"many\"", 1)
                .into_bytes(),
            "appeals[",
        ),
    ];
    for (name, bytes, expect) in cases {
        let (s, r) = import_bytes(&bytes);
        let msg = r.expect_err(name).message(Lang::Ru);
        assert!(msg.contains(expect), "{name}: {msg}");
        assert_eq!(count(&s, "appeal"), 0, "{name}");
    }
}

#[test]
fn the_command_line_round_trips_through_files() {
    let dir = tempfile::tempdir().unwrap();
    let exe = env!("CARGO_BIN_EXE_estu");
    let db = dir.path().join("demo.db");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(exe).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let db_s = db.to_str().unwrap();
    let out = run(&["--db", db_s, "demo", "--until", "2023-03-31"]);
    assert!(out.contains("обращений"), "{out}");
    let listed = run(&["--db", db_s, "list", "--limit", "5"]);
    assert!(listed.contains("12-2023/"), "{listed}");
    let e1 = dir.path().join("e1.json");
    let e2 = dir.path().join("e2.json");
    run(&["--db", db_s, "export", "--out", e1.to_str().unwrap()]);
    let copy = dir.path().join("copy.db");
    run(&[
        "--db",
        copy.to_str().unwrap(),
        "import",
        e1.to_str().unwrap(),
    ]);
    run(&[
        "--db",
        copy.to_str().unwrap(),
        "export",
        "--out",
        e2.to_str().unwrap(),
    ]);
    assert_eq!(std::fs::read(&e1).unwrap(), std::fs::read(&e2).unwrap());
    let checked = run(&["--db", copy.to_str().unwrap(), "check"]);
    assert!(checked.contains("нарушений нет"), "{checked}");
    assert!(Path::new(&copy).exists());
}

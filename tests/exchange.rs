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
            "запись № 1 в файле, поле «persons»",
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

/// What spreadsheets and hand-made files give: no `okrug`, no `topics` (topic ids are the
/// database's classifier), a time without seconds, no `kind`; a topic named by its code only.
#[test]
fn a_hand_made_file_imports_where_it_costs_nothing() {
    let s = Store::in_memory(&demo::profile()).unwrap();
    let water = estu_core::store::reference::topic_id_by_code(s.conn(), "water")
        .unwrap()
        .unwrap();
    drop(s);
    let file = format!(
        "\u{feff}{{\"format\": \"estu-exchange\", \"version\": 1,
          \"appeals\": [{{\"id\": 5, \"received_at\": \"2022-01-10T10:00\", \"channel\": \"online\",
            \"applicant_name\": \"Заявитель\", \"topic_id\": {water}, \"summary\": \"Нет воды\"}}]}}"
    );
    let (s, r) = import_bytes(file.as_bytes());
    assert_eq!(r.unwrap().appeals, 1);
    let (at, kind, topic): (String, String, i64) = s
        .conn()
        .query_row("SELECT received_at, kind, topic_id FROM appeal", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert!(at.starts_with("2022-01-10 10:00"), "{at}");
    assert_eq!((kind.as_str(), topic), ("statement", water));

    // A topic id the database's classifier lacks is named as such, not as «№ 0».
    let bad = file.replace(&format!("\"topic_id\": {water}"), "\"topic_id\": 9999");
    let (_, r) = import_bytes(bad.as_bytes());
    let msg = r.unwrap_err().message(Lang::Ru);
    assert!(msg.contains("темы № 9999 нет в справочнике"), "{msg}");

    // Topics by code: the file's id 77 is the database's «water».
    let by_code = file
        .replace(&format!("\"topic_id\": {water}"), "\"topic_id\": 77")
        .replace(
            "\"appeals\"",
            "\"topics\": [{\"id\": 77, \"code\": \"water\"}], \"appeals\"",
        );
    let (s, r) = import_bytes(by_code.as_bytes());
    let r = r.unwrap();
    assert!(r.mapping.is_empty() && r.topics == 0);
    let topic: i64 = s
        .conn()
        .query_row("SELECT topic_id FROM appeal", [], |r| r.get(0))
        .unwrap();
    assert_eq!(topic, water);
    let unknown = by_code.replace("\"code\": \"water\"", "\"code\": \"wather\"");
    let msg = import_bytes(unknown.as_bytes())
        .1
        .unwrap_err()
        .message(Lang::Ru);
    assert!(msg.contains("кодом «wather»"), "{msg}");
}

/// A meeting refused for its own reason is said once; its questions, which refer to it, are
/// echoes of that problem and not 31 more.
#[test]
fn a_refused_meeting_is_said_once_not_once_per_question() {
    let a = demo_store();
    let mut f = exchange::collect(a.conn(), PersonalData::Include).unwrap();
    let m = f.meetings[0].id;
    f.meetings[0].speakers = -5;
    let echoes = f
        .questions
        .iter()
        .filter(|q| q.meeting_id == Some(m))
        .count();
    assert!(echoes > 0);
    let err = import_bytes(&exchange::export::to_bytes(&f).unwrap())
        .1
        .unwrap_err();
    assert_eq!(err.problems().len(), 1, "{}", err.message(Lang::Ru));
    assert!(
        err.message(Lang::Ru)
            .contains("Встречи, запись № 1 в файле")
    );
}

/// Two TV broadcasts of one meeting travel through the file (version 2) and back.
#[test]
fn repeated_broadcast_channels_round_trip() {
    use estu_core::model::{Broadcast, BroadcastChannel as B};
    let a = demo_store();
    let mut f = exchange::collect(a.conn(), PersonalData::Include).unwrap();
    let i = f.meetings.iter().position(|m| m.held_on.is_some()).unwrap();
    f.meetings[i].broadcasts = vec![
        Broadcast {
            channel: B::Tv,
            viewers: 10,
        },
        Broadcast {
            channel: B::Instagram,
            viewers: 5,
        },
        Broadcast {
            channel: B::Tv,
            viewers: 7,
        },
    ];
    let bytes = exchange::export::to_bytes(&f).unwrap();
    assert!(String::from_utf8_lossy(&bytes).contains("\"version\": 2"));
    let (s, r) = import_bytes(&bytes);
    r.unwrap();
    let back = exchange::collect(s.conn(), PersonalData::Include).unwrap();
    assert_eq!(back.meetings[i].broadcasts, f.meetings[i].broadcasts);
}

/// The export streamed to the disk is byte for byte the file made in memory, and it streams
/// back in: whatever the order of its sections (a file written by another program may put the
/// header last and the appeals before the settlements they refer to).
#[test]
fn a_streamed_export_imports_back_whatever_the_order_of_its_sections() {
    let a = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("okrug.json");
    let n = exchange::write_file(&a, &out, PersonalData::Include).unwrap();
    let first = std::fs::read(&out).unwrap();
    let f = exchange::collect(a.conn(), PersonalData::Include).unwrap();
    assert!(first == exchange::export::to_bytes(&f).unwrap());
    let records = f.receptions.len()
        + f.appeals.len()
        + f.meetings.len()
        + f.questions.len()
        + f.plan_items.len();
    assert_eq!(n, records);

    // serde_json's own maps sort their keys: `appeals` first, `format` and `version` last.
    let sorted = dir.path().join("sorted.json");
    let value = serde_json::to_value(&f).unwrap();
    std::fs::write(&sorted, serde_json::to_vec(&value).unwrap()).unwrap();
    for file in [&out, &sorted] {
        let mut b = Store::create(&dir.path().join("copy.db"), &demo::profile()).unwrap();
        b.set_today(NaiveDate::from_ymd_opt(2023, 6, 30).unwrap());
        let report = exchange::import_file(&mut b, file).unwrap();
        assert_eq!(report.appeals, f.appeals.len());
        let again = dir.path().join("again.json");
        exchange::write_file(&b, &again, PersonalData::Include).unwrap();
        assert!(std::fs::read(&again).unwrap() == first, "{file:?}");
        drop(b);
        std::fs::remove_file(dir.path().join("copy.db")).unwrap();
    }
}

/// A sealed export is encrypted as it is written and decrypted as it is imported; without
/// its password, or changed, it imports nothing.
#[test]
fn a_sealed_file_streams_out_and_back_in() {
    let a = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let sealed = dir.path().join("okrug.json.age");
    exchange::write_sealed(&a, &sealed, PersonalData::Include, "пароль-выгрузки").unwrap();
    let plain =
        exchange::export::to_bytes(&exchange::collect(a.conn(), PersonalData::Include).unwrap())
            .unwrap();
    let bytes = std::fs::read(&sealed).unwrap();
    assert!(exchange::sealed::is_sealed(&bytes));
    assert!(exchange::sealed::open(&bytes, "пароль-выгрузки", &sealed).unwrap() == plain);

    let asked = exchange::open(&sealed, None).err().unwrap();
    assert!(
        asked.message(Lang::Ru).contains("парол"),
        "{}",
        asked.message(Lang::Ru)
    );
    assert!(exchange::open(&sealed, Some("другой-пароль")).is_err());

    let file = exchange::open(&sealed, Some("пароль-выгрузки")).unwrap();
    let mut b = Store::in_memory(&demo::profile()).unwrap();
    b.set_today(NaiveDate::from_ymd_opt(2023, 6, 30).unwrap());
    let checked = exchange::check_from(&mut b, &file, exchange::Options::default()).unwrap();
    assert_eq!(count(&b, "appeal"), 0, "a check writes nothing");
    let report = exchange::import_from(&mut b, &file, exchange::Options::default()).unwrap();
    assert_eq!(report, checked);
    let back =
        exchange::export::to_bytes(&exchange::collect(b.conn(), PersonalData::Include).unwrap())
            .unwrap();
    assert!(back == plain, "the sealed round trip changed the records");

    // A byte changed near the end: its chunk fails to authenticate, after most records were
    // read and written; the transaction takes them all back.
    let mut changed = bytes.clone();
    let at = changed.len() - 100;
    changed[at] ^= 1;
    let tampered = dir.path().join("tampered.json.age");
    std::fs::write(&tampered, &changed).unwrap();
    let mut c = Store::in_memory(&demo::profile()).unwrap();
    let err = exchange::open(&tampered, Some("пароль-выгрузки"))
        .and_then(|f| exchange::import_from(&mut c, &f, exchange::Options::default()))
        .unwrap_err();
    assert!(
        err.message(Lang::Ru).contains("tampered.json.age"),
        "{}",
        err.message(Lang::Ru)
    );
    assert_eq!(count(&c, "appeal"), 0);
}

/// An export that fails half-way (a record the database cannot give back) leaves neither the
/// file nor its temporary copy behind.
#[test]
fn an_export_that_fails_half_way_leaves_nothing() {
    let a = demo_store();
    let n = count(&a, "appeal");
    a.conn()
        .execute_batch(&format!(
            "PRAGMA ignore_check_constraints = ON;
             UPDATE appeal SET channel = 'fax' WHERE id = (SELECT id FROM appeal ORDER BY id LIMIT 1 OFFSET {});",
            n / 2
        ))
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("okrug.json");
    assert!(exchange::write_file(&a, &out, PersonalData::Include).is_err());
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
}

/// A record serde cannot read near the end of a file is found after every record before it
/// was written in the import's transaction: the message names it, and the database file is
/// byte for byte what it was.
#[test]
fn a_broken_record_deep_in_a_streamed_file_leaves_the_database_as_it_was() {
    let a = demo_store();
    let f = exchange::collect(a.conn(), PersonalData::Include).unwrap();
    let last = f.appeals.len();
    let text = String::from_utf8(exchange::export::to_bytes(&f).unwrap()).unwrap();
    let received = format!(
        "\"received_at\": {}",
        serde_json::to_string(&f.appeals[last - 1].received_at).unwrap()
    );
    let at = text.rfind(&received).expect("the last appeal's date");
    let broken = format!(
        "{}\"received_at\": \"31 февраля\"{}",
        &text[..at],
        &text[at + received.len()..]
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.json");
    std::fs::write(&file, broken).unwrap();
    let db = dir.path().join("okrug.db");
    drop(Store::create(&db, &demo::profile()).unwrap());
    let before = std::fs::read(&db).unwrap();
    let mut s = estu_core::safety::open(&db).unwrap();
    let msg = exchange::import_file(&mut s, &file)
        .unwrap_err()
        .message(Lang::Ru);
    drop(s);
    assert!(
        msg.contains(&format!("запись № {last}")) && msg.contains("received_at"),
        "{msg}"
    );
    assert!(
        std::fs::read(&db).unwrap() == before,
        "the database changed"
    );
}

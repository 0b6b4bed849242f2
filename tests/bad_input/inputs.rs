//! Ordinary mistakes with the files the program reads: a file saved by Notepad, a device or a
//! FIFO given as the file, numbers beyond anything real, a file whose topic mapping differs,
//! a refused import into a new database, and the messages each of them gets.

use super::support::*;
use estu_core::exchange::{self, PersonalData};
use estu_core::store::reference;
use estu_core::{Lang, Store};
use serde_json::{Value, json};
use std::path::Path;
use std::time::{Duration, Instant};

/// An exchange file of a small okrug: `n` appeals and one meeting with `questions` questions.
fn exchange_file(n: usize, questions: usize) -> Value {
    let mut s = Store::in_memory(&estu_core::demo::profile()).unwrap();
    s.set_today(chrono::NaiveDate::from_ymd_opt(2023, 6, 30).unwrap());
    add_appeals(&mut s, n);
    let water = reference::topic_id_by_code(s.conn(), "water")
        .unwrap()
        .unwrap();
    s.write(|tx| {
        let mut m = estu_core::model::Meeting::new(
            estu_core::model::MeetingKind::Gathering,
            chrono::NaiveDate::from_ymd_opt(2023, 2, 10).unwrap(),
        );
        m.held_on = m.planned_on.into();
        m.participants_offline = 40;
        let id = estu_core::store::meetings::save(tx, &mut m)?;
        for i in 0..questions {
            let mut q = estu_core::model::Question::at_meeting(id, &format!("Вопрос {i}"), water);
            estu_core::store::meetings::save_question(tx, &mut q)?;
        }
        Ok(())
    })
    .unwrap();
    serde_json::to_value(exchange::collect(s.conn(), PersonalData::Include).unwrap()).unwrap()
}

fn write(dir: &Path, name: &str, v: &Value) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, serde_json::to_vec_pretty(v).unwrap()).unwrap();
    p
}

#[test]
fn a_file_saved_by_notepad_with_a_bom_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with(dir.path(), "okrug.db", 0);
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(serde_json::to_vec_pretty(&exchange_file(2, 0)).unwrap());
    let file = dir.path().join("notepad.json");
    std::fs::write(&file, bytes).unwrap();
    let o = estu(&db, "ru", &["import", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_device_or_a_fifo_is_refused_at_once_without_holding_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with(dir.path(), "okrug.db", 1);
    let fifo = dir.path().join("pipe.json");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let before = std::fs::read(&db).unwrap();
    for file in [
        Path::new("/dev/zero"),
        Path::new("/dev/urandom"),
        fifo.as_path(),
    ] {
        let started = Instant::now();
        refused(
            &db,
            &["import", file.to_str().unwrap()],
            "err.import.not_regular",
            &[file],
        );
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{file:?} took too long"
        );
        let mut s = estu_core::safety::open(&db).unwrap();
        let err = exchange::import_file(&mut s, file).unwrap_err();
        assert!(
            err.message(Lang::Ru)
                .contains(&literal(Lang::Ru, "err.import.not_regular"))
        );
    }
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn a_large_file_that_is_not_an_exchange_file_is_refused_from_its_first_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with(dir.path(), "okrug.db", 1);
    let big = dir.path().join("big.json");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(300 << 20).unwrap(); // 300 MB of zero bytes, sparse: costs no disk
    let started = Instant::now();
    let mut s = estu_core::safety::open(&db).unwrap();
    let err = exchange::import_file(&mut s, &big).unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "read the whole file to refuse it"
    );
    assert!(
        err.message(Lang::Ru).contains(&big.display().to_string()),
        "{err:?}"
    );
}

#[test]
fn a_refused_import_into_a_new_path_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut v = exchange_file(3, 0);
    v["appeals"][1]["applicant_id"] = json!("061211600019");
    let bad = write(dir.path(), "bad.json", &v);
    let new = dir.path().join("new.db");
    refused(
        &new,
        &["import", bad.to_str().unwrap()],
        "err.iin.check_digit",
        &[&new, &bad],
    );
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("new.db"))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    // And a good file then makes the database whole, profile and all.
    let good = write(dir.path(), "good.json", &exchange_file(3, 0));
    let o = estu(&new, "ru", &["import", good.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = estu_core::safety::open(&new).unwrap();
    assert_eq!(s.profile().unwrap(), estu_core::demo::profile());
}

#[test]
fn the_files_topic_mapping_is_taken_only_when_asked_and_audited() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with(dir.path(), "okrug.db", 0);
    let mut v = exchange_file(0, 0);
    let topics = v["topics"].as_array_mut().unwrap();
    let water = topics.iter_mut().find(|t| t["code"] == "water").unwrap();
    let old = water["f1"].as_i64().unwrap();
    let new = if old == 4 { 6 } else { 4 };
    water["f1"] = json!(new);
    let file = write(dir.path(), "mapping.json", &v);
    let f1 = |db: &Path| -> i64 {
        let s = estu_core::safety::open(db).unwrap();
        s.conn()
            .query_row("SELECT f1 FROM topic WHERE code = 'water'", [], |r| {
                r.get(0)
            })
            .unwrap()
    };
    let o = estu(&db, "ru", &["import", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(f1(&db), old, "the mapping changed without being asked");
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(
        said.contains("--take-mapping") && said.contains(&format!("{old} → {new}")),
        "{said}"
    );
    let o = estu(
        &db,
        "ru",
        &[
            "--user",
            "Ахметова",
            "import",
            "--take-mapping",
            file.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(f1(&db), new);
    let s = estu_core::safety::open(&db).unwrap();
    let (actor, changes): (String, String) = s
        .conn()
        .query_row(
            "SELECT actor, changes FROM audit_log WHERE table_name = 'topic' ORDER BY id DESC",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("the mapping change is audited");
    assert_eq!(actor, "Ахметова");
    assert!(changes.contains("f1"), "{changes}");
}

#[test]
fn one_refused_meeting_is_reported_once_not_by_its_questions() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with(dir.path(), "okrug.db", 0);
    let mut v = exchange_file(0, 46);
    v["meetings"][0]["participants_offline"] = json!(-5);
    let file = write(dir.path(), "meeting.json", &v);
    let mut s = estu_core::safety::open(&db).unwrap();
    let err = exchange::import_file(&mut s, &file).unwrap_err();
    // The meeting's own problems, once each; none of its 46 questions echoes them.
    let problems = err.problems();
    let msg = err.message(Lang::Ru);
    assert!(problems.len() <= 2, "{msg}");
    assert!(
        problems.iter().all(|p| p.field.starts_with("meeting.")),
        "{msg}"
    );
}

#[test]
fn a_reference_to_a_missing_record_names_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with(dir.path(), "okrug.db", 0);
    let mut v = exchange_file(1, 0);
    let id = v["appeals"][0]["id"].as_i64().unwrap();
    v["appeals"][0]["settlement_id"] = json!(999);
    let file = write(dir.path(), "ref.json", &v);
    let mut s = estu_core::safety::open(&db).unwrap();
    let msg = exchange::import_file(&mut s, &file)
        .unwrap_err()
        .message(Lang::Ru);
    assert!(!msg.contains("в файле ,"), "{msg}");
    assert!(msg.contains(&format!("id {id}")), "{msg}");
}

/// Messages that used to come from the OS or SQLite in English, or nested in themselves.
#[test]
fn file_errors_are_said_in_the_users_language_with_the_files_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with(dir.path(), "okrug.db", 2);
    let folder = dir.path().join("a-folder");
    std::fs::create_dir(&folder).unwrap();
    refused(
        &db,
        &["export", "--out", folder.to_str().unwrap()],
        "err.file.is_dir",
        &[&folder],
    );
    let missing = dir.path().join("no-such-copy.db");
    refused(
        &db,
        &["restore", missing.to_str().unwrap()],
        "err.file.not_found",
        &[&missing],
    );
    let truncated = dir.path().join("truncated.db");
    let whole = std::fs::read(&db).unwrap();
    std::fs::write(&truncated, &whole[..whole.len() / 3]).unwrap();
    for lang in ["ru", "kk"] {
        let o = estu(&db, lang, &["restore", truncated.to_str().unwrap()]);
        assert!(!o.status.success());
        let err = stderr(&o);
        assert_eq!(
            err.matches(&truncated.display().to_string()).count(),
            1,
            "nested: {err}"
        );
        in_language(&err, lang, &[&truncated]);
    }
}

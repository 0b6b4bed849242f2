//! Data safety through the public API: opening refused files untouched, one program per file,
//! a full disk, verified backups and restore, the audit trail and the trash.

use chrono::{NaiveDate, NaiveDateTime};
use estu_core::i18n::tr;
use estu_core::model::*;
use estu_core::safety::backup::{self, Kind};
use estu_core::store::history::{self, Action, RecordKind};
use estu_core::store::trash;
use estu_core::store::{APPLICATION_ID, appeals, meetings, plan, reference};
use estu_core::{Error, Lang, Store};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::process::Command;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn at(y: i32, m: u32, day: u32, h: u32) -> NaiveDateTime {
    d(y, m, day).and_hms_opt(h, 0, 0).unwrap()
}

fn new_db(dir: &Path) -> (PathBuf, Store) {
    let path = dir.join("okrug.db");
    let mut s = Store::create(&path, &estu_core::demo::profile()).unwrap();
    s.set_today(d(2023, 6, 30));
    s.set_actor("Ахметова А.К.");
    (path, s)
}

/// A written appeal about water, received on 1 March 2023.
fn water_appeal(s: &Store, summary: &str) -> Appeal {
    let topic = reference::topic_id_by_code(s.conn(), "water")
        .unwrap()
        .unwrap();
    Appeal::new(
        at(2023, 3, 1, 10),
        Channel::WrittenPerson,
        "Сатпаева Айгерим",
        topic,
        summary,
    )
}

fn insert(s: &mut Store, mut a: Appeal) -> i64 {
    s.write(|tx| appeals::insert(tx, &mut a)).unwrap()
}

fn add_appeal(s: &mut Store, summary: &str) -> i64 {
    let a = water_appeal(s, summary);
    insert(s, a)
}

fn count(c: &Connection, table: &str) -> i64 {
    c.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

fn estu(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_estu"))
        .args(args)
        .output()
        .unwrap()
}

// ---- opening files ----------------------------------------------------------------------

#[test]
fn a_second_program_is_told_the_database_is_open_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut s) = new_db(dir.path());
    add_appeal(&mut s, "Нет воды");
    let err = estu_core::safety::open(&path).err().expect("locked");
    assert!(matches!(err, Error::Locked), "{err:?}");
    assert_eq!(err.message(Lang::Ru), tr(Lang::Ru, "err.db.locked"));

    // A second program reads beside the first, read-only, and says so; it cannot write.
    let out = estu(&["--db", path.to_str().unwrap(), "--lang", "kk", "list"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("тек оқу үшін ашылды"));
    let out = estu(&[
        "--db",
        path.to_str().unwrap(),
        "--lang",
        "kk",
        "trash",
        "restore",
        "1",
    ]);
    assert!(!out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        tr(Lang::Kk, "err.db.locked")
    );
    // Once the first program closes the file, it opens.
    drop(s);
    let s = estu_core::safety::open(&path).unwrap();
    assert_eq!(count(s.conn(), "appeal"), 1);
}

#[test]
fn files_that_are_not_estu_databases_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.db");
    std::fs::write(&text, "Список жителей\n".repeat(50)).unwrap();
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let other = dir.path().join("other.db");
    {
        let c = Connection::open(&other).unwrap();
        c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    for path in [&text, &empty, &other] {
        let before = std::fs::read(path).unwrap();
        let err = estu_core::safety::open(path).err().expect("refused");
        assert!(matches!(&err, Error::NotEstu(p) if p == path), "{err:?}");
        assert!(err.message(Lang::Ru).contains(&path.display().to_string()));
        assert_eq!(std::fs::read(path).unwrap(), before);
    }
}

#[test]
fn a_damaged_file_is_refused_untouched_and_restored_from_a_copy() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut s) = new_db(dir.path());
    add_appeal(&mut s, "Нет воды");
    let copy = backup::backup_now(&s).unwrap();
    drop(s);
    // Scribble over the schema page after the header.
    let mut bytes = std::fs::read(&path).unwrap();
    for b in &mut bytes[100..1600] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();

    let err = estu_core::safety::open(&path).err().expect("damaged");
    assert!(
        matches!(&err, Error::Damaged { path: p, .. } if p == &path),
        "{err:?}"
    );
    assert!(err.message(Lang::Ru).contains("повреждён"));
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "left untouched");

    // `estu restore` puts the copy in place and keeps the damaged file.
    let out = estu(&[
        "--db",
        path.to_str().unwrap(),
        "restore",
        copy.path.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    let kept = backup::list_in(&dir.path().join("backups"), "okrug")
        .unwrap()
        .into_iter()
        .find(|b| b.kind == Kind::Replaced)
        .expect("the damaged file is kept");
    assert!(said.contains(&kept.path.display().to_string()), "{said}");
    assert_eq!(std::fs::read(&kept.path).unwrap(), bytes);
    let s = estu_core::safety::open(&path).unwrap();
    assert_eq!(count(s.conn(), "appeal"), 1);
}

/// Makes `dir` read-only for this process: permissions for a normal user; for root (whom
/// permissions do not stop) a read-only tmpfs. None when neither is possible here.
fn read_only_dir(dir: &Path, db: &Path) -> Option<Box<dyn FnOnce()>> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(db, std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    if std::fs::write(dir.join("probe"), b"x").is_err() {
        let d = dir.to_path_buf();
        return Some(Box::new(move || {
            std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o755)).unwrap();
        }));
    }
    // Root: mount a tmpfs over a new folder, put the file there, remount it read-only.
    let _ = std::fs::remove_file(dir.join("probe"));
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mnt = dir.join("ro");
    std::fs::create_dir(&mnt).unwrap();
    let sh = |args: &[&str]| {
        Command::new("mount")
            .args(args)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !sh(&[
        "-t",
        "tmpfs",
        "-o",
        "size=4m",
        "tmpfs",
        mnt.to_str().unwrap(),
    ]) {
        return None;
    }
    std::fs::copy(db, mnt.join("okrug.db")).unwrap();
    if !sh(&["-o", "remount,ro", mnt.to_str().unwrap()]) {
        let _ = Command::new("umount").arg(&mnt).output();
        return None;
    }
    Some(Box::new(move || {
        let _ = Command::new("umount").arg(&mnt).output();
    }))
}

#[test]
fn a_file_in_a_read_only_place_gets_a_clear_message_and_stays_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("usb");
    std::fs::create_dir(&sub).unwrap();
    let path = sub.join("okrug.db");
    {
        let mut s = Store::create(&path, &estu_core::demo::profile()).unwrap();
        s.set_today(d(2023, 6, 30));
        add_appeal(&mut s, "Нет воды");
    }
    // A sidecar lock exists only where the lock cannot be on the file itself (Windows).
    let _ = std::fs::remove_file(estu_core::store::lock_path(&path));
    let Some(undo) = read_only_dir(&sub, &path) else {
        panic!("cannot make a read-only folder on this machine (neither permissions nor mount)");
    };
    let target = if sub.join("ro/okrug.db").exists() {
        sub.join("ro/okrug.db")
    } else {
        path.clone()
    };
    let before = std::fs::read(&target).unwrap();
    let err = estu_core::safety::open(&target).err();
    let after = std::fs::read(&target).unwrap();
    undo();
    let err = err.expect("refused");
    assert!(matches!(err, Error::ReadOnly), "{err:?}");
    assert_eq!(err.message(Lang::Ru), tr(Lang::Ru, "err.db.read_only"));
    assert_eq!(after, before);
}

#[test]
fn a_full_disk_loses_nothing_saved_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut s) = new_db(dir.path());
    for i in 0..3 {
        add_appeal(&mut s, &format!("Обращение {i}"));
    }
    // The file may not grow: the next pages the write needs are "the disk".
    let pages: i64 = s
        .conn()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    s.conn()
        .pragma_update(None, "max_page_count", pages + 2)
        .unwrap();
    let topic = reference::topic_id_by_code(s.conn(), "water")
        .unwrap()
        .unwrap();
    let mut saved = 3;
    let err = loop {
        let mut a = Appeal::new(
            at(2023, 3, 2, 10),
            Channel::WrittenPerson,
            "Заявитель",
            topic,
            &"Длинное описание проблемы. ".repeat(500),
        );
        match s.write(|tx| appeals::insert(tx, &mut a)) {
            Ok(_) => saved += 1,
            Err(e) => break e,
        }
        assert!(saved < 100, "the page limit never hit");
    };
    assert!(matches!(err, Error::DiskFull), "{err:?}");
    assert_eq!(err.message(Lang::Ru), tr(Lang::Ru, "err.db.disk_full"));
    assert!(err.message(Lang::Kk).len() > 10);
    assert_eq!(count(s.conn(), "appeal"), saved);
    drop(s);
    let s = estu_core::safety::open(&path).unwrap();
    assert_eq!(count(s.conn(), "appeal"), saved);
    let ok: String = s
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
}

// ---- backups and restore -----------------------------------------------------------------

#[test]
fn backups_are_verified_copies_in_the_chosen_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut s) = new_db(dir.path());
    add_appeal(&mut s, "Нет воды");
    let b = backup::backup_now(&s).unwrap();
    assert_eq!(b.kind, Kind::Manual);
    assert_eq!(b.path.parent().unwrap(), dir.path().join("backups"));
    assert_eq!(
        backup::verify(&b.path).unwrap(),
        estu_core::store::migrations::LATEST
    );
    let c = Connection::open(&b.path).unwrap();
    assert_eq!(count(&c, "appeal"), 1);
    let mode: String = c
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete", "a copy is one self-contained file");

    // A USB stick: the setting moves the folder.
    let usb = tempfile::tempdir().unwrap();
    let usb_dir = usb.path().join("Estu копии");
    s.write(|tx| reference::set_setting(tx, backup::SETTING_DIR, usb_dir.to_str().unwrap()))
        .unwrap();
    let b2 = backup::backup_now(&s).unwrap();
    assert_eq!(b2.path.parent().unwrap(), usb_dir);
    assert_eq!(backup::list_backups(&s).unwrap(), vec![b2.clone()]);

    // The first opening of the day makes the daily copy; the second does not.
    drop(s);
    let s = estu_core::safety::open(&path).unwrap();
    let kinds: Vec<Kind> = backup::list_backups(&s)
        .unwrap()
        .iter()
        .map(|b| b.kind)
        .collect();
    assert_eq!(kinds.iter().filter(|k| **k == Kind::Daily).count(), 1);
    drop(s);
    let s = estu_core::safety::open(&path).unwrap();
    assert_eq!(backup::list_backups(&s).unwrap().len(), 2);
    assert!(s.backup_problem().is_none());
}

/// Percentages of the (done, total) reports, checked to climb to 100 with totals that hold.
fn climbs_to_100(seen: &[(u64, u64)]) -> Vec<u64> {
    let percents: Vec<u64> = seen.iter().map(|(d, t)| d * 100 / t).collect();
    assert!(percents.is_sorted(), "{seen:?}");
    assert_eq!(percents.last(), Some(&100), "{seen:?}");
    assert!(seen.iter().all(|(d, t)| d <= t), "{seen:?}");
    percents
}

#[test]
fn a_copy_and_a_restore_say_how_far_they_have_come_in_pages() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut s) = new_db(dir.path());
    add_appeal(&mut s, "Нет воды");
    drop(s);
    // About 9 MB beside the records: a copy of several steps.
    Connection::open(&path)
        .unwrap()
        .execute_batch(
            "CREATE TABLE filler(b BLOB);
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
             INSERT INTO filler SELECT randomblob(3000) FROM n;",
        )
        .unwrap();
    let s = estu_core::safety::open_without_daily_backup(&path).unwrap();
    let mut seen = Vec::new();
    let made = backup::backup_now_with(&s, &mut |d, t| seen.push((d, t))).unwrap();
    let pages: i64 = Connection::open(&made.path)
        .unwrap()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    let pages = pages as u64;
    assert!(seen.len() >= 3, "a report a step: {seen:?}");
    assert!(seen.iter().all(|&(_, t)| t == pages), "{seen:?} of {pages}");
    climbs_to_100(&seen);

    // A restore: the database kept aside, then the copy loaded, as one count.
    drop(s);
    let mut seen = Vec::new();
    estu_core::safety::restore::restore_path_with(&path, &made.path, false, &mut |d, t| {
        seen.push((d, t))
    })
    .unwrap();
    let percents = climbs_to_100(&seen);
    assert!(percents.iter().any(|p| (1..50).contains(p)), "{percents:?}");
    assert!(
        percents.iter().any(|p| (51..100).contains(p)),
        "{percents:?}"
    );

    // A restore over a damaged file: the file replaced whole, its bytes counted.
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[100..1600].fill(0xA5);
    std::fs::write(&path, &bytes).unwrap();
    let mut seen = Vec::new();
    estu_core::safety::restore::restore_path_with(&path, &made.path, false, &mut |d, t| {
        seen.push((d, t))
    })
    .unwrap();
    assert!(seen.len() >= 3, "a report a step: {seen:?}");
    let percents = climbs_to_100(&seen);
    assert!(
        percents.iter().any(|p| (1..100).contains(p)),
        "{percents:?}"
    );
}

#[test]
fn a_copy_left_unfinished_by_a_stopped_program_is_cleared_away() {
    let dir = tempfile::tempdir().unwrap();
    let (_path, mut s) = new_db(dir.path());
    add_appeal(&mut s, "Нет воды");
    let folder = dir.path().join("backups");
    std::fs::create_dir_all(&folder).unwrap();
    // One left by a program closed mid-copy an hour ago, one being written right now.
    let old = folder.join("estu.2026-11-20_101500.daily.db.partial");
    let fresh = folder.join("estu.2026-11-23_090000.manual.db.partial");
    let other = folder.join("notes.txt.partial");
    for p in [&old, &fresh, &other] {
        std::fs::write(p, b"half a copy").unwrap();
    }
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for p in [&old, &other] {
        std::fs::File::options()
            .write(true)
            .open(p)
            .unwrap()
            .set_modified(hour_ago)
            .unwrap();
    }
    let b = backup::backup_now(&s).unwrap();
    assert!(!old.exists(), "the stale unfinished copy is removed");
    assert!(
        fresh.exists(),
        "a copy possibly still being written is left alone"
    );
    assert!(
        other.exists(),
        "files that are not our copies are left alone"
    );
    assert_eq!(backup::list_backups(&s).unwrap(), vec![b]);
}

#[test]
fn the_daily_copy_runs_beside_the_work_and_is_a_consistent_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut s) = new_db(dir.path());
    add_appeal(&mut s, "Нет воды");
    drop(s);
    let mut s = estu_core::safety::open_without_daily_backup(&path).unwrap();
    s.set_today(d(2023, 6, 30));
    assert!(
        backup::list_backups(&s).unwrap().is_empty(),
        "not made on opening"
    );
    let job = backup::auto_backup_in_background(&s)
        .unwrap()
        .expect("due today");
    // The user keeps working while the copy is made.
    add_appeal(&mut s, "Яма на дороге");
    let made = job.join().unwrap().unwrap().expect("made");
    assert_eq!(made.kind, Kind::Daily);
    let copied = count(&Connection::open(&made.path).unwrap(), "appeal");
    assert!(
        copied == 1 || copied == 2,
        "one snapshot, before or after the save: {copied}"
    );
    assert_eq!(
        backup::verify(&made.path).unwrap(),
        estu_core::store::migrations::LATEST
    );
    assert!(
        backup::auto_backup_in_background(&s).unwrap().is_none(),
        "once a day"
    );
    assert_eq!(count(s.conn(), "appeal"), 2);
}

#[test]
fn an_unavailable_backup_folder_does_not_stop_work_but_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut s) = new_db(dir.path());
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, b"x").unwrap();
    s.write(|tx| {
        reference::set_setting(
            tx,
            backup::SETTING_DIR,
            blocker.join("sub").to_str().unwrap(),
        )
    })
    .unwrap();
    drop(s);
    let mut s = estu_core::safety::open(&path).unwrap();
    let problem = s.backup_problem().expect("reported");
    assert!(problem.message(Lang::Ru).contains("not-a-folder"));
    add_appeal(&mut s, "Работа продолжается");
}

#[test]
fn restore_checks_the_copy_and_keeps_the_replaced_database() {
    let dir = tempfile::tempdir().unwrap();
    let (_path, mut s) = new_db(dir.path());
    add_appeal(&mut s, "Первое");
    let copy = backup::backup_now(&s).unwrap();
    add_appeal(&mut s, "Второе");
    add_appeal(&mut s, "Третье");

    // Refused copies change nothing.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"not a database at all").unwrap();
    let err = backup::restore(&mut s, &junk, false).err().unwrap();
    assert!(
        matches!(err, Error::Damaged { .. } | Error::NotEstu(_)),
        "{err:?}"
    );
    let newer = dir.path().join("newer.db");
    std::fs::copy(&copy.path, &newer).unwrap();
    Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    assert!(matches!(
        backup::restore(&mut s, &newer, false),
        Err(Error::NewerDatabase { found: 99, .. })
    ));
    let foreign = dir.path().join("foreign.db");
    std::fs::copy(&copy.path, &foreign).unwrap();
    Connection::open(&foreign)
        .unwrap()
        .pragma_update(None, "application_id", APPLICATION_ID + 1)
        .unwrap();
    assert!(matches!(
        backup::restore(&mut s, &foreign, false),
        Err(Error::NotEstu(_))
    ));
    assert_eq!(count(s.conn(), "appeal"), 3);

    // The copy holds fewer appeals than the database: nothing happens before the user says yes.
    let err = backup::restore(&mut s, &copy.path, false).unwrap_err();
    assert!(matches!(err, Error::Unconfirmed(_)), "{err:?}");
    let said = err.message(Lang::Ru);
    assert!(
        said.contains("обращений 1") && said.contains("обращений 3"),
        "{said}"
    );
    assert_eq!(count(s.conn(), "appeal"), 3);
    let report = backup::restore(&mut s, &copy.path, true).unwrap();
    assert_eq!(count(s.conn(), "appeal"), 1);
    let kept = report.replaced_kept_at.unwrap();
    assert_eq!(count(&Connection::open(&kept).unwrap(), "appeal"), 3);
    // The store goes on working, and still holds the file.
    add_appeal(&mut s, "После восстановления");
    assert_eq!(count(s.conn(), "appeal"), 2);
}

// ---- audit trail and trash ---------------------------------------------------------------

#[test]
fn every_change_is_in_the_history_with_who_and_what() {
    let mut s = Store::in_memory(&estu_core::demo::profile()).unwrap();
    s.set_today(d(2023, 6, 30));
    s.set_actor("Ахметова А.К.");
    let id = add_appeal(&mut s, "Нет воды");
    s.set_actor("Бекова Д.");
    let mut a = appeals::get(s.conn(), id).unwrap();
    a.summary = "Нет воды третий день".into();
    a.outcome = Some(Outcome::Explained);
    a.answered_on = Some(d(2023, 3, 10));
    s.write(|tx| appeals::update(tx, &mut a)).unwrap();
    // Saving without a change records nothing.
    s.write(|tx| appeals::update(tx, &mut a)).unwrap();

    let h = history::of_record(s.conn(), RecordKind::Appeal, id).unwrap();
    assert_eq!(h.len(), 2);
    assert_eq!(
        (h[0].action, h[0].actor.as_str()),
        (Action::Insert, "Ахметова А.К.")
    );
    assert_eq!(
        (h[1].action, h[1].actor.as_str()),
        (Action::Update, "Бекова Д.")
    );
    let changed: Vec<(&str, String, String)> = h[1]
        .changes
        .iter()
        .map(|c| {
            (
                c.column.as_str(),
                history::show_value(&c.old),
                history::show_value(&c.new),
            )
        })
        .collect();
    assert_eq!(
        changed,
        vec![
            ("answered_on", "—".to_string(), "2023-03-10".to_string()),
            ("outcome", "—".to_string(), "explained".to_string()),
            (
                "summary",
                "Нет воды".to_string(),
                "Нет воды третий день".to_string()
            ),
        ]
    );
    assert_eq!(
        h[1].changes[2].label(Lang::Ru),
        tr(Lang::Ru, "field.appeal.summary")
    );
    // By registration number too.
    let number = appeals::get(s.conn(), id).unwrap().reg_number;
    assert_eq!(history::appeal_id(s.conn(), &number).unwrap(), id);
}

fn meeting_with_children(s: &mut Store) -> (i64, i64, i64) {
    let topic = reference::topic_id_by_code(s.conn(), "roads")
        .unwrap()
        .unwrap();
    let mut m = Meeting::new(MeetingKind::Akim826, d(2023, 2, 10));
    m.held_on = Some(d(2023, 2, 10));
    m.participants_offline = 80;
    m.broadcasts = vec![
        Broadcast {
            channel: BroadcastChannel::Instagram,
            viewers: 150,
        },
        Broadcast {
            channel: BroadcastChannel::Vks,
            viewers: 20,
        },
    ];
    m.remarks = vec![Remarks {
        addressee_level: 6,
        count: 1,
    }];
    let mid = s.write(|tx| meetings::save(tx, &mut m)).unwrap();
    let mut q = Question::at_meeting(mid, "Ремонт дороги на ул. Школьной", topic);
    q.critical = true;
    q.addressee_level = Some(6);
    let qid = s.write(|tx| meetings::save_question(tx, &mut q)).unwrap();
    let pid = s.write(|tx| plan::from_question(tx, qid)).unwrap();
    (mid, qid, pid)
}

#[test]
fn editing_a_meeting_records_only_what_changed() {
    let mut s = Store::in_memory(&estu_core::demo::profile()).unwrap();
    s.set_today(d(2023, 6, 30));
    let (mid, _, _) = meeting_with_children(&mut s);
    let before = count(s.conn(), "audit_log");
    let mut m = meetings::get(s.conn(), mid).unwrap();
    m.broadcasts[0].viewers = 175;
    s.write(|tx| meetings::save(tx, &mut m)).unwrap();
    let h = history::of_record(s.conn(), RecordKind::Meeting, mid).unwrap();
    assert_eq!(count(s.conn(), "audit_log"), before + 1);
    let last = h.last().unwrap();
    assert_eq!(last.table, "meeting_broadcast");
    assert_eq!(last.action, Action::Update);
    let viewers = last.changes.iter().find(|c| c.column == "viewers").unwrap();
    assert_eq!(
        (viewers.old.as_i64(), viewers.new.as_i64()),
        (Some(150), Some(175))
    );
}

#[test]
fn a_deleted_meeting_comes_back_whole_from_the_trash() {
    let mut s = Store::in_memory(&estu_core::demo::profile()).unwrap();
    s.set_today(d(2023, 6, 30));
    s.set_actor("Ахметова А.К.");
    let (mid, qid, pid) = meeting_with_children(&mut s);
    let whole = |s: &Store| {
        let m = meetings::get(s.conn(), mid).unwrap();
        let q = meetings::question(s.conn(), qid).unwrap();
        let p = plan::get(s.conn(), pid).unwrap();
        (m, q, p.question_ids)
    };
    let before = whole(&s);
    s.write(|tx| meetings::delete(tx, mid)).unwrap();
    assert!(meetings::get(s.conn(), mid).is_err());
    assert!(plan::get(s.conn(), pid).unwrap().question_ids.is_empty());

    let list = trash::list(s.conn()).unwrap();
    assert_eq!(
        list.len(),
        1,
        "one record in the trash: its parts go with it"
    );
    assert_eq!(list[0].table, "meeting");
    assert_eq!(list[0].row_id, mid);
    assert_eq!(list[0].label, "2023-02-10");
    assert_eq!(list[0].actor, "Ахметова А.К.");
    // 2 broadcasts + 1 remark + 1 question + 1 plan link.
    assert_eq!(list[0].children, 5);

    // A part cannot be restored alone.
    let part: i64 = s
        .conn()
        .query_row(
            "SELECT id FROM trash WHERE table_name = 'question'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let err = trash::restore_entry(&mut s, part).err().unwrap();
    assert!(
        err.message(Lang::Ru).contains("meeting:"),
        "{}",
        err.message(Lang::Ru)
    );

    let r = trash::restore_entry(&mut s, list[0].id).unwrap();
    assert_eq!(
        (r.table.as_str(), r.row_id, r.rows, r.skipped),
        ("meeting", mid, 6, 0)
    );
    assert_eq!(whole(&s), before);
    assert!(trash::list(s.conn()).unwrap().is_empty());
    assert_eq!(count(s.conn(), "trash"), 0);
    let h = history::of_record(s.conn(), RecordKind::Meeting, mid).unwrap();
    assert_eq!(h.last().unwrap().action, Action::Restore);
    let restores: i64 = s
        .conn()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = 'restore'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(restores, 6);
    let err = trash::restore_entry(&mut s, list[0].id).err().unwrap();
    assert!(matches!(err, Error::NotFound(_)));
}

#[test]
fn an_appeal_whose_id_was_reused_comes_back_under_a_new_id() {
    let mut s = Store::in_memory(&estu_core::demo::profile()).unwrap();
    s.set_today(d(2023, 6, 30));
    add_appeal(&mut s, "Первое");
    let second = add_appeal(&mut s, "Второе");
    let number = appeals::get(s.conn(), second).unwrap().reg_number;
    s.write(|tx| appeals::delete(tx, second)).unwrap();
    let third = add_appeal(&mut s, "Третье");
    assert_eq!(third, second, "SQLite gave the freed id to the next appeal");
    let entry = trash::list(s.conn()).unwrap()[0].id;
    assert_eq!(trash::list(s.conn()).unwrap()[0].label, number);
    let r = trash::restore_entry(&mut s, entry).unwrap();
    assert_ne!(r.row_id, second);
    let back = appeals::get(s.conn(), r.row_id).unwrap();
    assert_eq!(
        (back.reg_number.as_str(), back.summary.as_str()),
        (number.as_str(), "Второе")
    );
    assert_eq!(appeals::get(s.conn(), third).unwrap().summary, "Третье");
    // History by number finds the restored appeal.
    assert_eq!(history::appeal_id(s.conn(), &number).unwrap(), r.row_id);
}

#[test]
fn a_restored_appeal_gets_back_the_links_of_the_appeals_that_repeated_it() {
    let mut s = Store::in_memory(&estu_core::demo::profile()).unwrap();
    s.set_today(d(2023, 6, 30));
    let first = add_appeal(&mut s, "Нет воды");
    let repeat = |s: &mut Store, of: Option<i64>| {
        let mut a = water_appeal(s, "Воды всё нет");
        a.received_at = at(2023, 4, 3, 10);
        a.repeated = true;
        a.repeated_of = of;
        insert(s, a)
    };
    let linked = repeat(&mut s, Some(first));
    // Repeated, but its earlier appeal was never named: no link to invent.
    let unlinked = repeat(&mut s, None);
    s.write(|tx| appeals::delete(tx, first)).unwrap();
    assert_eq!(appeals::get(s.conn(), linked).unwrap().repeated_of, None);
    // Taking the id of the deleted one: the restored appeal comes back under a new id.
    let mut other = water_appeal(&s, "Другое");
    other.id = first;
    let taken = insert(&mut s, other);
    assert_eq!(taken, first);
    let entry = trash::list(s.conn()).unwrap()[0].id;
    let r = trash::restore_entry(&mut s, entry).unwrap();
    assert_ne!(r.row_id, first);
    let back = appeals::get(s.conn(), linked).unwrap();
    assert_eq!(
        back.repeated_of,
        Some(r.row_id),
        "the link follows the restored appeal"
    );
    assert!(back.repeated);
    assert_eq!(appeals::get(s.conn(), unlinked).unwrap().repeated_of, None);
    assert_eq!(appeals::get(s.conn(), taken).unwrap().summary, "Другое");
}

#[test]
fn history_and_trash_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut s) = new_db(dir.path());
    let id = add_appeal(&mut s, "Нет воды");
    let number = appeals::get(s.conn(), id).unwrap().reg_number;
    s.write(|tx| appeals::delete(tx, id)).unwrap();
    drop(s);
    let db = path.to_str().unwrap();
    let out = estu(&["--db", db, "trash"]);
    let listed = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        listed.contains(&number) && listed.contains("Ахметова А.К."),
        "{listed}"
    );
    assert!(
        !listed.contains("Сатпаева"),
        "no applicant names in the trash list"
    );
    let entry: String = listed.split_whitespace().next().unwrap().to_string();
    let out = estu(&[
        "--db",
        db,
        "--user",
        "Бекова Д.",
        "trash",
        "restore",
        &entry,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = estu(&["--db", db, "history", "appeal", &number]);
    let h = String::from_utf8_lossy(&out.stdout).to_string();
    let lines: Vec<&str> = h.lines().collect();
    assert_eq!(lines.len(), 3, "{h}");
    assert!(lines[0].ends_with(&format!(
        "Ахметова А.К.  {}",
        tr(Lang::Ru, "history.insert")
    )));
    assert!(lines[1].ends_with(&format!(
        "Ахметова А.К.  {}",
        tr(Lang::Ru, "history.delete")
    )));
    assert!(lines[2].ends_with(&format!("Бекова Д.  {}", tr(Lang::Ru, "history.restore"))));
    let out = estu(&["--db", db, "trash", "restore", "999"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("999"));
}

#[test]
fn a_command_that_only_reads_makes_no_days_copy_and_one_that_writes_does() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut s) = new_db(dir.path());
    add_appeal(&mut s, "Нет воды");
    drop(s);
    let db = path.to_str().unwrap();
    let daily = || {
        backup::list_in(&dir.path().join("backups"), "okrug")
            .unwrap()
            .into_iter()
            .filter(|b| b.kind == Kind::Daily)
            .count()
    };
    let json = dir.path().join("out.json");
    let pdf = dir.path().join("f1.pdf");
    for args in [
        vec!["list"],
        vec!["check"],
        vec!["backups"],
        vec!["export", "--out", json.to_str().unwrap()],
        vec![
            "form",
            "f1",
            "--period",
            "2023",
            "--out",
            pdf.to_str().unwrap(),
        ],
        vec!["history", "appeal", "1"],
        vec!["trash"],
    ] {
        let o = estu(&[&["--db", db][..], &args].concat());
        assert!(
            o.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert_eq!(daily(), 0, "{args:?} made the day's copy");
    }
    // A command that writes makes it (once a day).
    let o = estu(&["--db", db, "stress-writes", "--count", "1"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(daily(), 1);
}

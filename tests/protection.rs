//! Issue 14: personal data protected at rest, staff sign in with roles, a tamper-evident audit
//! trail, erasure and retention, encrypted exports, private file modes.

use chrono::NaiveDate;
use estu_core::exchange::{self, PersonalData};
use estu_core::model::*;
use estu_core::safety::{self, backup, check};
use estu_core::secure::{Credentials, Role, seal::Broken, users};
use estu_core::store::{appeals, erasure, reference, trash};
use estu_core::{Error, Lang, Store};
use std::path::{Path, PathBuf};
use std::process::Command;

const SURNAME: &str = "Жумабекова";
const ADMIN: &str = "Ахметова А.К.";
const ADMIN_PW: &str = "пароль-администратора";

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn valid_iin() -> String {
    estu_core::rules::iin::make_iin(d(1985, 4, 12), true, 12)
}

fn appeal(s: &Store, name: &str, on: NaiveDate) -> Appeal {
    let water = reference::topic_id_by_code(s.conn(), "water")
        .unwrap()
        .unwrap();
    let mut a = Appeal::new(
        on.and_hms_opt(10, 0, 0).unwrap(),
        Channel::WrittenPerson,
        name,
        water,
        "Нет воды",
    );
    a.applicant_id = Some(valid_iin());
    a.applicant_phone = "+7 701 555 12 34".into();
    a
}

fn contains(bytes: &[u8], needle: &str) -> bool {
    let n = needle.as_bytes();
    bytes.windows(n.len()).any(|w| w == n)
}

fn file_has(path: &Path, needle: &str) -> bool {
    std::fs::read(path).is_ok_and(|b| contains(&b, needle))
}

fn side(db: &Path, s: &str) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push(s);
    PathBuf::from(p)
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

fn encrypted(dir: &Path) -> (PathBuf, Store, estu_core::secure::RecoveryCode) {
    let db = dir.join("okrug.db");
    let (mut s, code) =
        Store::create_encrypted(&db, &estu_core::demo::profile(), ADMIN, ADMIN_PW).unwrap();
    s.set_today(d(2022, 12, 31));
    (db, s, code)
}

#[test]
fn the_encrypted_file_its_wal_backups_and_export_show_no_personal_data() {
    let dir = tempfile::tempdir().unwrap();
    let (db, mut s, _) = encrypted(dir.path());
    assert_eq!(s.user().unwrap().name, ADMIN);
    let mut a = appeal(&s, &format!("{SURNAME} Айгуль"), d(2022, 3, 1));
    s.write(|tx| appeals::insert(tx, &mut a)).unwrap();
    let iin = valid_iin();
    let copy = backup::backup_now(&s).unwrap();
    let export = dir.path().join("full.json.age");
    exchange::write_sealed(&s, &export, PersonalData::Include, "пароль-выгрузки").unwrap();
    let wal = side(&db, "-wal");
    assert!(
        std::fs::metadata(&wal).unwrap().len() > 0,
        "the WAL holds the appeal"
    );
    for f in [&db, &wal, &copy.path, &export] {
        assert!(!file_has(f, SURNAME), "{} shows the surname", f.display());
        assert!(!file_has(f, &iin), "{} shows the ИИН", f.display());
    }
    // SQLite without the key (what the sqlite3 tool is) cannot read the file or its copy.
    for f in [&db, &copy.path] {
        let c = rusqlite::Connection::open(f).unwrap();
        let e = c
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
                r.get::<_, i64>(0)
            })
            .unwrap_err();
        assert_eq!(
            e.sqlite_error_code(),
            Some(rusqlite::ErrorCode::NotADatabase)
        );
    }
    // The copy verifies, and the export opens with its password.
    backup::verify(&copy.path).unwrap();
    let back = exchange::read_file_with(&export, Some("пароль-выгрузки")).unwrap();
    assert!(back.appeals[0].applicant_name.starts_with(SURNAME));
    #[cfg(unix)]
    for f in [
        &db,
        &wal,
        &side(&db, "-shm"),
        &side(&db, ".keys"),
        &copy.path,
        &side(&copy.path, ".keys"),
        &export,
    ] {
        assert_eq!(mode(f), 0o600, "{}", f.display());
    }
}

#[test]
fn a_wrong_password_is_refused_with_a_message_and_the_right_one_opens() {
    let dir = tempfile::tempdir().unwrap();
    let (db, s, _) = encrypted(dir.path());
    drop(s);
    let wrong = Credentials::password(None, "не-тот-пароль");
    let e = safety::open_as(&db, Some(&wrong)).map(|_| ()).unwrap_err();
    assert!(matches!(e, Error::WrongPassword));
    assert_eq!(
        e.message(Lang::Ru),
        "Неверное имя пользователя или пароль. База не открыта."
    );
    assert!(e.message(Lang::Kk).contains("құпиясөз қате"));
    let e = safety::open_as(&db, None).map(|_| ()).unwrap_err();
    assert!(matches!(e, Error::Encrypted(_)));
    let right = Credentials::password(Some("ахметова а.к."), ADMIN_PW);
    let s = safety::open_as(&db, Some(&right)).unwrap();
    assert_eq!(s.role(), Role::Admin);
}

#[test]
fn each_role_is_refused_what_it_may_not_do() {
    let dir = tempfile::tempdir().unwrap();
    let (db, mut s, _) = encrypted(dir.path());
    users::add(&mut s, "Бекова Д.", Role::Staff, "пароль-сотрудника").unwrap();
    users::add(&mut s, "Аким Н.", Role::Viewer, "пароль-акима").unwrap();
    let mut a = appeal(&s, "Петров П.", d(2022, 3, 1));
    let id = s.write(|tx| appeals::insert(tx, &mut a)).unwrap();
    s.write(|tx| appeals::delete(tx, id)).unwrap();
    drop(s);

    let staff = Credentials::password(Some("Бекова Д."), "пароль-сотрудника");
    let mut s = safety::open_as(&db, Some(&staff)).unwrap();
    // Staff registers appeals…
    let mut b = appeal(&s, "Сидоров С.", d(2022, 3, 2));
    s.write(|tx| appeals::insert(tx, &mut b)).unwrap();
    // …but not the reference data, users, the trash, backups or erasure.
    let forbidden = |e: Error| assert!(matches!(e, Error::Forbidden(_)), "{e:?}");
    let st = Staff {
        id: 0,
        full_name: "Новый сотрудник".into(),
        position_ru: String::new(),
        position_kk: String::new(),
        active: true,
    };
    forbidden(s.write(|tx| reference::save_staff(tx, &st)).unwrap_err());
    forbidden(users::add(&mut s, "Кто-то", Role::Admin, "пароль-кого-то").unwrap_err());
    let entry = trash::list(s.conn()).unwrap()[0].id;
    forbidden(trash::restore_entry(&mut s, entry).map(|_| ()).unwrap_err());
    forbidden(erasure::empty_trash(&mut s, None).unwrap_err());
    forbidden(backup::backup_now(&s).map(|_| ()).unwrap_err());
    let e = erasure::anonymise_closed(&mut s, 5).unwrap_err();
    assert!(
        e.message(Lang::Ru).contains("«сотрудник»"),
        "{}",
        e.message(Lang::Ru)
    );
    drop(s);

    let viewer = Credentials::password(Some("Аким Н."), "пароль-акима");
    let mut s = safety::open_as(&db, Some(&viewer)).unwrap();
    let mut c = appeal(&s, "Смирнов С.", d(2022, 3, 3));
    forbidden(s.write(|tx| appeals::insert(tx, &mut c)).unwrap_err());
    // Reading and forms work.
    assert_eq!(
        appeals::get(s.conn(), b.id).unwrap().applicant_name,
        "Сидоров С."
    );
    let req = estu_core::forms::Request::new(
        estu_core::forms::FormKind::F1,
        estu_core::forms::Period::year(2022),
        Lang::Ru,
        d(2022, 12, 31),
    );
    estu_core::forms::compute(s.conn(), &req).unwrap();
    // A viewer changes their own password.
    users::set_password(&mut s, "Аким Н.", "новый-пароль-акима").unwrap();
}

#[test]
fn the_recovery_code_opens_the_file_after_every_password_changed() {
    let dir = tempfile::tempdir().unwrap();
    let (db, mut s, code) = encrypted(dir.path());
    users::add(&mut s, "Бекова Д.", Role::Staff, "пароль-сотрудника").unwrap();
    users::set_password(&mut s, ADMIN, "совсем-другой-пароль").unwrap();
    users::set_password(&mut s, "Бекова Д.", "ещё-один-пароль").unwrap();
    drop(s);
    for old in [ADMIN_PW, "пароль-сотрудника"] {
        let c = Credentials::password(None, old);
        assert!(safety::open_as(&db, Some(&c)).is_err());
    }
    let typed = code.as_str().to_lowercase();
    let mut s = safety::open_as(&db, Some(&Credentials::recovery(&typed))).unwrap();
    assert_eq!(s.role(), Role::Admin);
    users::set_password(&mut s, ADMIN, "пароль-после-сброса").unwrap();
    drop(s);
    let c = Credentials::password(None, "пароль-после-сброса");
    safety::open_as(&db, Some(&c)).unwrap();
}

#[test]
fn a_deleted_or_changed_audit_row_is_found_by_check() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("open.db");
    let mut s = Store::create(&db, &estu_core::demo::profile()).unwrap();
    s.set_actor(ADMIN);
    s.set_today(d(2022, 12, 31));
    for (i, name) in ["Первый П.", "Второй В.", "Третий Т."].iter().enumerate()
    {
        let mut a = appeal(&s, name, d(2022, 3, 1 + i as u32));
        s.write(|tx| appeals::insert(tx, &mut a)).unwrap();
    }
    assert_eq!(check::run(&s).unwrap().audit, None);
    let ids: Vec<i64> = s
        .conn()
        .prepare("SELECT id FROM audit_log WHERE table_name = 'appeal' ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    // Changed behind the program's back: the row itself is named.
    s.conn()
        .execute(
            "UPDATE audit_log SET actor = 'никто' WHERE id = ?1",
            [ids[2]],
        )
        .unwrap();
    assert_eq!(check::run(&s).unwrap().audit, Some(Broken::Changed(ids[2])));
    // Deleted: the first broken link is the deleted row.
    s.conn()
        .execute("DELETE FROM audit_log WHERE id = ?1", [ids[1]])
        .unwrap();
    let r = check::run(&s).unwrap();
    assert_eq!(r.audit, Some(Broken::Missing(ids[1])));
    assert!(!r.is_ok());
    // Deleted with its seal: the next row's link breaks.
    s.conn()
        .execute("DELETE FROM audit_seal WHERE id = ?1", [ids[1]])
        .unwrap();
    assert_eq!(check::run(&s).unwrap().audit, Some(Broken::Changed(ids[2])));
}

#[test]
fn emptying_the_trash_erases_the_person_from_the_file_and_the_audit_log() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("open.db");
    let mut s = Store::create(&db, &estu_core::demo::profile()).unwrap();
    s.set_actor(ADMIN);
    s.set_today(d(2022, 12, 31));
    let mut keep = appeal(&s, "Остаётся О.", d(2022, 3, 1));
    keep.applicant_id = None;
    s.write(|tx| appeals::insert(tx, &mut keep)).unwrap();
    let mut a = appeal(&s, &format!("{SURNAME} Айгуль"), d(2022, 3, 2));
    let id = s.write(|tx| appeals::insert(tx, &mut a)).unwrap();
    a.applicant_phone = "+7 777 000 00 01".into();
    s.write(|tx| appeals::update(tx, &mut a)).unwrap();
    s.write(|tx| appeals::delete(tx, id)).unwrap();
    assert!(file_has(&db, SURNAME) || file_has(&side(&db, "-wal"), SURNAME));

    let n = erasure::empty_trash(&mut s, None).unwrap();
    assert_eq!(n, 1);
    for f in [db.clone(), side(&db, "-wal")] {
        assert!(
            !file_has(&f, SURNAME),
            "{} still shows the surname",
            f.display()
        );
        assert!(
            !file_has(&f, &valid_iin()),
            "{} still shows the ИИН",
            f.display()
        );
        assert!(
            !file_has(&f, "+7 777 000 00 01"),
            "{} still shows the phone",
            f.display()
        );
    }
    let trail: Vec<String> = s
        .conn()
        .prepare("SELECT changes FROM audit_log WHERE table_name = 'appeal' AND row_id = ?1")
        .unwrap()
        .query_map([id], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        trail.len(),
        3,
        "insert, update and delete stay, without values"
    );
    assert!(trail.iter().all(|c| c == "{}"));
    assert!(trash::list(s.conn()).unwrap().is_empty());
    // The trail was re-sealed and records the erasure.
    assert_eq!(check::run(&s).unwrap().audit, None);
    let erased: i64 = s
        .conn()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE table_name = 'trash' AND action = 'delete'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(erased, 1);
    assert_eq!(
        appeals::get(s.conn(), keep.id).unwrap().applicant_name,
        "Остаётся О."
    );
}

#[test]
fn emptying_only_old_trash_keeps_the_recent() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("open.db");
    let mut s = Store::create(&db, &estu_core::demo::profile()).unwrap();
    let mut a = appeal(&s, "Старый С.", d(2022, 3, 1));
    let old = s.write(|tx| appeals::insert(tx, &mut a)).unwrap();
    s.write(|tx| appeals::delete(tx, old)).unwrap();
    // Deleted today: 0 days old. "Older than 1 day" keeps it; "older than 0 days" does not.
    let today = chrono::Local::now().date_naive();
    s.set_today(today);
    assert_eq!(erasure::empty_trash(&mut s, Some(1)).unwrap(), 0);
    s.set_today(today + chrono::Days::new(1));
    assert_eq!(erasure::empty_trash(&mut s, Some(1)).unwrap(), 0);
    s.set_today(today + chrono::Days::new(2));
    assert_eq!(erasure::empty_trash(&mut s, Some(1)).unwrap(), 1);
}

#[test]
fn applicants_of_appeals_closed_more_than_n_years_ago_are_anonymised() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("open.db");
    let mut s = Store::create(&db, &estu_core::demo::profile()).unwrap();
    s.set_actor(ADMIN);
    s.set_today(d(2016, 12, 31));
    let mut ids = Vec::new();
    // Answered on 30 and 31 March 2017: five years before 31 March 2022 is the boundary.
    for (name, answered) in [
        ("Давний Д.", d(2017, 3, 30)),
        ("Недавний Н.", d(2017, 3, 31)),
    ] {
        let mut a = appeal(&s, name, d(2017, 3, 1));
        s.set_today(d(2017, 4, 30));
        let id = s.write(|tx| appeals::insert(tx, &mut a)).unwrap();
        a.outcome = Some(Outcome::Explained);
        a.answered_on = Some(answered);
        a.answer = "Разъяснено".into();
        s.write(|tx| appeals::update(tx, &mut a)).unwrap();
        ids.push(id);
    }
    s.set_today(d(2022, 3, 31));
    assert_eq!(erasure::anonymise_years(&s).unwrap(), 5);
    assert_eq!(erasure::anonymise_closed(&mut s, 5).unwrap(), 1);
    let old = appeals::get(s.conn(), ids[0]).unwrap();
    assert_eq!(old.applicant_name, erasure::ANONYMOUS);
    assert_eq!(old.applicant_id, None);
    assert_eq!(old.applicant_phone, "");
    let recent = appeals::get(s.conn(), ids[1]).unwrap();
    assert_eq!(recent.applicant_name, "Недавний Н.");
    assert!(!file_has(&db, "Давний Д.") && !file_has(&side(&db, "-wal"), "Давний Д."));
    assert_eq!(check::run(&s).unwrap().audit, None);
    // Run again: nothing more to do.
    assert_eq!(erasure::anonymise_closed(&mut s, 5).unwrap(), 0);
}

#[test]
fn the_district_file_drops_the_iin_of_sole_traders_but_keeps_a_bin() {
    let mut s = Store::in_memory(&estu_core::demo::profile()).unwrap();
    s.set_today(d(2022, 12, 31));
    let ip_iin = valid_iin();
    let bin = estu_core::rules::iin::make_bin(22_034_000_123);
    for (name, id) in [
        ("ИП Жумабеков", ip_iin.clone()),
        ("ТОО «Вода»", bin.clone()),
    ] {
        let mut a = appeal(&s, name, d(2022, 3, 1));
        a.channel = Channel::WrittenOrg;
        a.applicant_type = ApplicantType::Organisation;
        a.applicant_id = Some(id);
        s.write(|tx| appeals::insert(tx, &mut a)).unwrap();
    }
    let f = exchange::collect(s.conn(), PersonalData::Omit).unwrap();
    let ids: Vec<Option<String>> = f.appeals.iter().map(|a| a.applicant_id.clone()).collect();
    assert_eq!(ids, vec![None, Some(bin)]);
}

fn estu(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_estu"));
    c.arg("--db")
        .arg(db)
        .env_remove("ESTU_USER")
        .env_remove("ESTU_PASSWORD");
    c
}

#[test]
fn the_command_line_signs_in_refuses_wrong_passwords_and_roles() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    let out = estu(&db)
        .args(["init", "--name", "ГУ «Аппарат акима»", "--user", ADMIN])
        .env("ESTU_PASSWORD", ADMIN_PW)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("КОД ВОССТАНОВЛЕНИЯ"), "{said}");
    // Without --user the first administrator signs in with the password alone.
    let out = estu(&db)
        .args(["users", "add", "Аким Н.", "--role", "viewer"])
        .env("ESTU_PASSWORD", ADMIN_PW)
        .env("ESTU_NEW_PASSWORD", "пароль-акима")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A wrong password: the program's message only, none of SQLCipher's lines.
    let out = estu(&db)
        .args(["list"])
        .env("ESTU_PASSWORD", "не-тот-пароль")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Неверное имя пользователя или пароль"),
        "{err}"
    );
    assert!(!err.contains("ERROR") && !err.contains("CORE"), "{err}");
    // The viewer reads but may not empty the trash.
    let out = estu(&db)
        .args(["trash", "empty", "--user", "Аким Н."])
        .env("ESTU_PASSWORD", "пароль-акима")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("не позволяет"), "{err}");
    let out = estu(&db)
        .args(["list", "--user", "Аким Н."])
        .env("ESTU_PASSWORD", "пароль-акима")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The idle lock: the viewer reads it, only the administrator sets it, typed rules said.
    let idle = |user: &str, pw: &str, args: &[&str]| {
        estu(&db)
            .args(["idle-lock", "--user", user])
            .args(args)
            .env("ESTU_PASSWORD", pw)
            .output()
            .unwrap()
    };
    let out = idle("Аким Н.", "пароль-акима", &[]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("через 10 мин"));
    let out = idle("Аким Н.", "пароль-акима", &["5"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("не позволяет"));
    let out = idle(ADMIN, ADMIN_PW, &["0"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("0 отключил бы блокировку"));
    let out = idle(ADMIN, ADMIN_PW, &["5"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("через 5 мин"));
    // The audit trail checks whole.
    let out = estu(&db)
        .args(["check"])
        .env("ESTU_PASSWORD", ADMIN_PW)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn the_open_demo_says_it_is_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let out = estu(&db)
        .args(["demo", "--until", "2022-03-31"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("НЕ зашифрована"));
    #[cfg(unix)]
    assert_eq!(mode(&db), 0o600);
}

#[test]
fn an_open_file_is_encrypted_whole_its_plain_copies_named_and_deleted_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("open.db");
    let mut s = Store::create(&db, &estu_core::demo::profile()).unwrap();
    s.set_today(d(2022, 3, 31));
    let mut a = appeal(&s, "Жумабекова Ж.", d(2022, 3, 1));
    s.write(|tx| appeals::insert(tx, &mut a)).unwrap();
    drop(s);
    let done = estu_core::secure::convert::encrypt_file(&db, ADMIN, ADMIN_PW).unwrap();
    assert!(!file_has(&db, "Жумабекова Ж."));
    assert!(!std::path::Path::new(&side(&db, ".partial")).exists());
    let s = safety::open_as(&db, Some(&Credentials::password(None, ADMIN_PW))).unwrap();
    assert_eq!(s.user().unwrap().role, Role::Admin);
    assert_eq!(
        appeals::get(s.conn(), a.id).unwrap().applicant_name,
        "Жумабекова Ж."
    );
    drop(s);
    // The copy made first is plain: named, and deleted on request.
    assert!(!done.plain_copies.is_empty());
    assert!(
        done.plain_copies
            .iter()
            .all(|p| file_has(p, "Жумабекова Ж."))
    );
    let n = estu_core::secure::convert::delete_plain(&done.plain_copies).unwrap();
    assert_eq!(n, done.plain_copies.len());
    assert!(done.plain_copies.iter().all(|p| !p.exists()));
    // The recovery code opens it too; a second conversion is refused.
    let code = Credentials::recovery(done.recovery.as_str());
    assert!(safety::open_as(&db, Some(&code)).is_ok());
    assert!(estu_core::secure::convert::encrypt_file(&db, ADMIN, ADMIN_PW).is_err());
}

#[test]
fn typed_terms_for_erasure_and_the_lock_are_checked_with_the_rule_said() {
    use estu_core::secure::lock;
    assert_eq!(erasure::check_years(" 5 ").unwrap(), 5);
    assert_eq!(erasure::check_days("30").unwrap(), 30);
    for bad in ["0", "", "пять", "-1", "1.5"] {
        assert!(erasure::check_years(bad).is_err(), "{bad:?}");
        assert!(erasure::check_days(bad).is_err(), "{bad:?}");
    }
    assert!(erasure::check_years("76").is_err());
    assert!(erasure::check_days("3651").is_err());
    let e = lock::check("0").unwrap_err().message(Lang::Kk);
    assert!(e.contains("240"), "{e}");
    // Only an administrator sets the lock; the trail records it.
    let dir = tempfile::tempdir().unwrap();
    let (db, mut s, _) = encrypted(dir.path());
    users::add(&mut s, "Бекова Д.", Role::Staff, "пароль-сотрудника").unwrap();
    assert_eq!(lock::set(&mut s, "15").unwrap(), 15);
    assert_eq!(lock::minutes(s.conn()), 15);
    drop(s);
    let staff = Credentials::password(Some("Бекова Д."), "пароль-сотрудника");
    let mut s = safety::open_as(&db, Some(&staff)).unwrap();
    assert!(matches!(lock::set(&mut s, "240"), Err(Error::Forbidden(_))));
    assert_eq!(lock::minutes(s.conn()), 15);
    assert_eq!(check::run(&s).unwrap().audit, None);
}

/// A conversion that died after writing the keyring and before replacing the file leaves a
/// keyring beside the plain file: the file still opens as the plain one it is (no password that
/// could never work is asked for).
#[test]
fn a_keyring_beside_a_plain_file_left_by_a_conversion_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("open.db");
    let mut s = Store::create(&db, &estu_core::demo::profile()).unwrap();
    s.set_today(d(2022, 3, 31));
    let mut a = appeal(&s, "Жумабекова Ж.", d(2022, 3, 1));
    s.write(|tx| appeals::insert(tx, &mut a)).unwrap();
    drop(s);
    let key = estu_core::secure::DbKey::random();
    let (ring, _) = estu_core::secure::Keyring::new(&key, ADMIN, ADMIN_PW).unwrap();
    ring.save(&db).unwrap();
    assert!(!safety::needs_password(&db));
    let s = safety::open_as(&db, None).unwrap();
    assert_eq!(
        appeals::get(s.conn(), a.id).unwrap().applicant_name,
        "Жумабекова Ж."
    );
    drop(s);
    // An encrypted file with its keyring still asks.
    estu_core::secure::convert::encrypt_file(&db, ADMIN, ADMIN_PW).unwrap();
    assert!(safety::needs_password(&db));
    assert!(safety::open_as(&db, None).is_err());
}

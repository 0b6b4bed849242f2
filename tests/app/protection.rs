//! Personal data in the app (issue 14): the password checked off the window's thread, an open
//! file encrypted from its banner, old applicants anonymised after seeing how many, the trash
//! emptied of old records only, and the idle lock's minutes — each refused to whom it must be.

use super::*;
use estu_core::secure::{Credentials, Role, users};
use estu_core::store::erasure;

const ADMIN: &str = "Ахметова А.К.";
const ADMIN_PW: &str = "пароль-админа";

/// An encrypted file with an administrator, a staff member and a viewer, and `fill`'s records.
fn encrypted(dir: &Path, fill: impl FnOnce(&mut Store)) -> PathBuf {
    let path = dir.join("enc.db");
    let (mut s, _) =
        Store::create_encrypted(&path, &estu_core::demo::profile(), ADMIN, ADMIN_PW).unwrap();
    s.write(|tx| {
        let staff = Staff {
            id: 0,
            full_name: "Бекова Д.".into(),
            position_ru: "специалист".into(),
            position_kk: "маман".into(),
            active: true,
        };
        reference::save_staff(tx, &staff).map(|_| ())
    })
    .unwrap();
    users::add(&mut s, "Бекова Д.", Role::Staff, "пароль-сотрудника").unwrap();
    users::add(&mut s, "Аким Н.", Role::Viewer, "пароль-акима").unwrap();
    fill(&mut s);
    path
}

/// The app on `path` signed in as `user` (through the core, as the sign-in form does).
fn signed_in(path: &Path, user: &str, password: &str) -> Harness<'static, App> {
    let creds = Credentials::password(Some(user), password);
    let mut store = estu_core::safety::open_as(path, Some(&creds)).unwrap();
    store.set_today(today());
    harness(store)
}

/// Types `text` into the field labelled `label`.
fn fill(h: &mut Harness<'_, App>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run();
    type_text(h, text);
}

/// Replaces what the field labelled `label` holds with `text` (Ctrl+A, then typing).
fn replace(h: &mut Harness<'_, App>, label: &str, text: &str) {
    use egui::accesskit::Role::{PasswordInput, TextInput};
    match h.query_by_role_and_label(TextInput, label) {
        Some(field) => field.focus(),
        None => h.get_by_role_and_label(PasswordInput, label).focus(),
    }
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    type_text(h, text);
}

/// Opens the menu named after who is working and clicks `item` when it is offered.
fn user_menu(h: &mut Harness<'_, App>, item: &str) -> bool {
    h.get_by_label_contains("Пользователь: ").click();
    h.run();
    let offered = h.query_by_label(item).is_some();
    if offered {
        h.get_by_label(item).click();
        h.run();
    }
    offered
}

#[test]
fn the_password_is_checked_on_a_thread_while_the_window_keeps_drawing() {
    let dir = tempfile::tempdir().unwrap();
    let path = encrypted(dir.path(), |_| {});
    let p = path.clone();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 900.0))
        .build_eframe(move |_cc| App::open(p));
    h.run();
    fill(&mut h, &ru("ui.signin.user"), "Бекова Д.");
    let sign_in = |h: &mut Harness<'_, App>, pw: &str| {
        fill(h, &ru("ui.signin.password"), pw);
        h.get_by_label(&ru("ui.signin.enter")).click();
        h.step();
        h.step();
        // Argon2id runs apart: the frame after the click says so instead of freezing.
        let checking = h.query_by_label(&ru("ui.signin.checking")).is_some();
        assert!(checking || !h.state().is_busy());
        settle(h);
        checking
    };
    assert!(sign_in(&mut h, "не-тот-пароль"), "«Проверка пароля…» shown");
    assert!(h.state().store().is_none());
    assert!(h.query_by_label(&ru("err.password.wrong")).is_some());
    sign_in(&mut h, "пароль-сотрудника");
    let store = h.state().store().expect("signed in");
    assert_eq!(store.user().unwrap().name, "Бекова Д.");
    assert!(h.query_by_label(&ru("ui.signin.checking")).is_none());
}

#[test]
fn a_new_password_is_wrapped_on_a_thread_and_opens_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = encrypted(dir.path(), |_| {});
    let mut h = signed_in(&path, ADMIN, ADMIN_PW);
    assert!(user_menu(&mut h, &ru("ui.users.open")));
    h.get_by_label(&ru("ui.signin.user")).click();
    h.run();
    // The name as listed in the menu (the accounts' rows above show it too).
    h.get_all_by_label("Бекова Д.").last().unwrap().click();
    h.run();
    fill(&mut h, &ru("ui.wizard.password"), "новый-пароль-1");
    fill(&mut h, &ru("ui.wizard.password_again"), "новый-пароль-1");
    h.get_by_label(&ru("ui.users.set_password")).click();
    h.step();
    h.step();
    assert!(h.query_by_label(&ru("ui.users.wrapping")).is_some() || !h.state().is_busy());
    settle(&mut h);
    assert!(h.query_by_label(&ru("ui.users.wrapping")).is_none());
    let creds = Credentials::password(Some("бекова д."), "новый-пароль-1");
    assert_eq!(
        estu_core::safety::unlock(&path, Some(&creds))
            .unwrap()
            .as_deref(),
        Some("Бекова Д.")
    );
    // A short one is refused before any work, and says why.
    replace(&mut h, &ru("ui.wizard.password"), "корот");
    replace(&mut h, &ru("ui.wizard.password_again"), "корот");
    h.get_by_label(&ru("ui.users.set_password")).click();
    settle(&mut h);
    assert!(h.query_by_label_contains("слишком короткий").is_some());
}

/// The bytes of `path` hold `text`.
fn file_has(path: &Path, text: &str) -> bool {
    let bytes = std::fs::read(path).unwrap_or_default();
    let needle = text.as_bytes();
    bytes.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn an_open_file_is_encrypted_from_its_banner_and_reopens_signed_in() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    trash_one_appeal(&mut store);
    let path = store.path().unwrap().to_path_buf();
    let mut h = harness(store);
    assert!(h.query_by_label(&ru("ui.plain_banner")).is_some());
    h.get_by_label(&ru("ui.protect.encrypt_open")).click();
    h.run();
    // The two passwords must match; nothing is touched until they do.
    fill(&mut h, &ru("ui.wizard.password"), "пароль-админа");
    fill(&mut h, &ru("ui.wizard.password_again"), "пароль-админб");
    h.get_by_label(&ru("ui.protect.encrypt")).click();
    settle(&mut h);
    assert!(h.query_by_label(&ru("err.password.mismatch")).is_some());
    assert!(h.state().store().unwrap().key().is_none());
    replace(&mut h, &ru("ui.wizard.password"), "пароль-админа");
    replace(&mut h, &ru("ui.wizard.password_again"), "пароль-админа");
    h.get_by_label(&ru("ui.protect.encrypt")).click();
    settle(&mut h);
    let store = h.state().store().expect("reopened");
    assert!(
        store.key().is_some(),
        "the app works on the encrypted file: {:?}",
        h.state().toast()
    );
    let admin = estu_core::demo::profile().executor_name;
    assert_eq!(store.user().map(|u| u.name.as_str()), Some(admin.as_str()));
    assert!(!file_has(&path, "Омаров Серик"));
    assert!(h.query_by_label(&ru("ui.plain_banner")).is_none());
    // The recovery code closes only once it is said to be written down.
    assert!(h.query_by_label(&ru("ui.recovery.title")).is_some());
    let done = ru("ui.recovery.done");
    assert!(h.get_by_label(&done).accesskit_node().is_disabled());
    h.get_by_label(&ru("ui.recovery.written")).click();
    h.run();
    h.get_by_label(&ru("ui.recovery.done")).click();
    h.run();
    assert!(h.query_by_label(&ru("ui.recovery.title")).is_none());
    // The plain copies are listed and deleted on request.
    let plain = |dir: &Path| estu_core::secure::convert::plain_in(&dir.join("backups")).len();
    assert!(plain(dir.path()) > 0, "the copy made first is plain");
    h.get_by_label(&ru("ui.protect.delete_plain")).click();
    h.run();
    assert_eq!(plain(dir.path()), 0);
    drop(h);
    // The new password opens the file after the app is gone.
    let creds = Credentials::password(None, "пароль-админа");
    assert!(estu_core::safety::open_as(&path, Some(&creds)).is_ok());
}

/// An appeal of `name` answered on `answered`.
fn answered_appeal(store: &mut Store, name: &str, answered: NaiveDate) {
    store.set_today(answered);
    store
        .write(|tx| {
            let water = reference::topic_id_by_code(tx, "water")?.unwrap();
            let at = answered.and_hms_opt(10, 0, 0).unwrap();
            let mut a = Appeal::new(at, Channel::WrittenPerson, name, water, "Нет воды");
            a.applicant_phone = "+7 701 555 12 34".into();
            estu_core::store::appeals::insert(tx, &mut a)?;
            a.outcome = Some(Outcome::Explained);
            a.answered_on = Some(answered);
            a.answer = "Разъяснено".into();
            estu_core::store::appeals::update(tx, &mut a)
        })
        .unwrap();
    store.set_today(today());
}

#[test]
fn the_administrator_anonymises_old_appeals_after_seeing_how_many() {
    let dir = tempfile::tempdir().unwrap();
    let path = encrypted(dir.path(), |s| {
        answered_appeal(s, "Давний Д.", NaiveDate::from_ymd_opt(2017, 3, 1).unwrap());
        answered_appeal(
            s,
            "Недавний Н.",
            NaiveDate::from_ymd_opt(2023, 3, 1).unwrap(),
        );
    });
    // Staff and the viewer are not offered it.
    for (user, pw) in [
        ("Бекова Д.", "пароль-сотрудника"),
        ("Аким Н.", "пароль-акима"),
    ] {
        let mut h = signed_in(&path, user, pw);
        assert!(!user_menu(&mut h, &ru("ui.protect.open")), "{user}");
    }
    let mut h = signed_in(&path, ADMIN, ADMIN_PW);
    assert!(user_menu(&mut h, &ru("ui.protect.open")));
    settle(&mut h);
    // Five years by default: before 27.06.2019 — one appeal.
    assert!(
        h.query_by_label_contains("Рассмотрены до 27.06.2019 и ещё не обезличены: 1")
            .is_some()
    );
    // A bad term says why and offers nothing.
    replace(&mut h, &ru("ui.protect.years"), "5ю");
    settle(&mut h);
    assert!(
        h.query_by_label_contains("Срок обезличивания: «5ю»")
            .is_some()
    );
    assert!(h.query_by_label(&ru("ui.protect.anonymise_go")).is_none());
    replace(&mut h, &ru("ui.protect.years"), "5");
    settle(&mut h);
    h.get_by_label(&ru("ui.protect.anonymise_go")).click();
    h.run();
    assert!(h.query_by_label_contains("У 1 обращений").is_some());
    h.get_by_label(&ru("ui.protect.anonymise_yes")).click();
    settle(&mut h);
    let said = "Обезличено обращений, закрытых до 27.06.2019: 1";
    assert!(h.query_all_by_label_contains(said).count() > 0);
    let named = |h: &Harness<'_, App>, name: &str| {
        count(
            h,
            &format!("SELECT count(*) FROM appeal WHERE applicant_name = '{name}'"),
        )
    };
    assert_eq!(named(&h, "Давний Д."), 0);
    assert_eq!(named(&h, "Недавний Н."), 1);
    assert!(
        h.query_by_label_contains("Рассмотрены до 27.06.2019 и ещё не обезличены: 0")
            .is_some(),
        "counted again after the change"
    );
    assert_eq!(
        erasure::count_to_anonymise(h.state().store().unwrap().conn(), today(), 5).unwrap(),
        0
    );
}

#[test]
fn only_the_trash_older_than_the_days_asked_is_emptied() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    trash_one_appeal(&mut store);
    let mut h = harness(store);
    h.get_by_label(&ru("ui.nav.backups")).click();
    h.run();
    h.get_by_label(&ru("ui.backup.trash")).click();
    settle(&mut h);
    h.get_by_label(&ru("ui.backup.empty_trash")).click();
    h.run();
    // Deleted today: «older than 30 days» keeps it.
    h.get_by_role_and_label(
        egui::accesskit::Role::RadioButton,
        &ru("ui.backup.empty_old"),
    )
    .click();
    h.run();
    let cutoff = erasure::trash_cutoff(today(), 30);
    let text = format!("Записи, удалённые до {}", cutoff.format("%d.%m.%Y"));
    assert!(h.query_by_label_contains(&text).is_some());
    // 0 days is refused with the rule, and the button waits.
    replace(&mut h, &ru("ui.backup.empty_old"), "0");
    assert!(
        h.query_by_label_contains("Возраст записей корзины: «0»")
            .is_some()
    );
    assert!(
        h.get_by_label(&ru("ui.backup.empty_trash_yes"))
            .accesskit_node()
            .is_disabled()
    );
    replace(&mut h, &ru("ui.backup.empty_old"), "30");
    h.get_by_label(&ru("ui.backup.empty_trash_yes")).click();
    settle(&mut h);
    assert_eq!(
        count(&h, "SELECT count(*) FROM trash"),
        1,
        "kept: too recent"
    );
    assert!(
        h.query_by_label_contains("удалено навсегда записей 0")
            .is_some()
    );
}

#[test]
fn the_idle_lock_minutes_are_checked_saved_and_in_force_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = encrypted(dir.path(), |_| {});
    let mut h = signed_in(&path, ADMIN, ADMIN_PW);
    assert!(user_menu(&mut h, &ru("ui.protect.open")));
    settle(&mut h);
    let minutes = ru("ui.protect.minutes");
    let save = |h: &mut Harness<'_, App>, typed: &str| {
        replace(h, &minutes, typed);
        h.get_by_label(&ru("ui.protect.lock_save")).click();
        h.run();
    };
    for (typed, said) in [
        ("0", "0 отключил бы блокировку"),
        ("час", "«час» — не целое число"),
        ("600", "600 — слишком долго"),
    ] {
        save(&mut h, typed);
        assert!(h.query_by_label_contains(said).is_some(), "{typed}");
    }
    let setting =
        |h: &Harness<'_, App>| estu_core::secure::lock::minutes(h.state().store().unwrap().conn());
    assert_eq!(setting(&h), estu_core::secure::lock::DEFAULT_MINUTES);
    save(&mut h, "1");
    assert!(
        h.query_by_label_contains("Блокировка через 1 мин")
            .is_some()
    );
    assert_eq!(setting(&h), 1);
    // A minute without input locks the window (the harness's clock: a quarter second a step).
    for _ in 0..250 {
        h.step();
    }
    h.run();
    assert!(h.query_by_label(&ru("ui.signin.locked")).is_some());
    // A staff member signs in at the lock: the administrator's window is gone.
    replace(&mut h, &ru("ui.signin.user"), "Бекова Д.");
    replace(&mut h, &ru("ui.signin.password"), "пароль-сотрудника");
    h.get_by_label(&ru("ui.signin.enter")).click();
    settle(&mut h);
    assert_eq!(h.state().store().unwrap().user().unwrap().name, "Бекова Д.");
    assert!(h.query_by_label(&ru("ui.protect.title")).is_none());
}

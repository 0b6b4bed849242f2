//! Restore in the desktop app (egui_kittest): the copy is described (okrug, date, counts) beside
//! the database before anything is replaced, another okrug's or an emptier copy is warned
//! about, the buttons say what they do, and a damaged database — one that opens with damaged
//! pages or one that does not open at all — is replaced by a good copy and kept aside by name.

#[allow(dead_code)]
#[path = "bad_input/support.rs"]
mod support;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use estu::app::{App, Dialogs};
use estu_core::safety::backup::{self, Kind};
use estu_core::store::{Store, reference};
use std::path::{Path, PathBuf};
use support::{add_appeals, db_with};

#[path = "support/app.rs"]
mod app_support;
use app_support::*;

/// File dialogs that answer with fixed paths.
#[derive(Default)]
struct Picks {
    folder: Option<PathBuf>,
    copy: Option<PathBuf>,
    save: Option<PathBuf>,
}

impl Dialogs for Picks {
    fn open_db(&mut self) -> Option<PathBuf> {
        None
    }
    fn save_db(&mut self) -> Option<PathBuf> {
        None
    }
    fn save_file(&mut self, _: &str, _: &str) -> Option<PathBuf> {
        self.save.clone()
    }
    fn pick_folder(&mut self) -> Option<PathBuf> {
        self.folder.clone()
    }
    fn pick_copy(&mut self) -> Option<PathBuf> {
        self.copy.clone()
    }
}

fn harness(make: impl FnOnce() -> App + 'static, picks: Picks) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 900.0))
        .build_eframe(move |_cc| {
            let mut app = make();
            app.set_dialogs(Box::new(picks));
            app
        });
    settle(&mut h);
    h
}

fn click(h: &mut Harness<'_, App>, key: &str) {
    h.get_by_label(&ru(key)).click();
    settle(h);
}

fn appeals(h: &Harness<'_, App>) -> i64 {
    h.state()
        .store()
        .expect("a store is open")
        .conn()
        .query_row("SELECT count(*) FROM appeal", [], |r| r.get(0))
        .unwrap()
}

fn kept(dir: &Path) -> Vec<PathBuf> {
    backup::list_in(dir, "okrug")
        .unwrap()
        .into_iter()
        .filter(|b| b.kind == Kind::Replaced)
        .map(|b| b.path)
        .collect()
}

fn shows(h: &Harness<'_, App>, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

#[test]
fn an_emptier_copy_is_described_and_replaces_nothing_until_the_user_says_replace() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with(dir.path(), "okrug.db", 1);
    let mut s = estu_core::safety::open_without_daily_backup(&db).unwrap();
    let copy = backup::backup_now(&s).unwrap();
    add_appeals(&mut s, 2);
    let mut h = harness(move || App::with_store(s), Picks::default());
    click(&mut h, "ui.nav.backups");
    click(&mut h, "ui.backup.restore");
    // Whose the copy is and what it holds, beside what the database holds now, and why it is
    // asked: the copy has fewer records.
    assert!(shows(&h, &copy.path.display().to_string()));
    assert!(shows(&h, "обращений 1,"), "the copy's counts");
    assert!(shows(&h, "обращений 3,"), "the database's counts");
    assert!(shows(
        &h,
        &copy.taken_at.format("%d.%m.%Y %H:%M").to_string()
    ));
    assert!(shows(&h, &ru("ui.backup.caution.emptier")));
    // «Отмена — оставить базу как есть» replaces nothing.
    click(&mut h, "ui.backup.keep");
    assert_eq!(appeals(&h), 3);
    assert!(kept(&dir.path().join("backups")).is_empty());
    // «Заменить базу этой копией» does, keeping the database it replaced.
    click(&mut h, "ui.backup.restore");
    click(&mut h, "ui.backup.replace");
    assert_eq!(appeals(&h), 1);
    let kept = kept(&dir.path().join("backups"));
    assert_eq!(kept.len(), 1);
    let toast = h.state().toast().expect("a message").clone();
    assert!(!toast.error, "{}", toast.text);
    assert!(toast.text.contains(&kept[0].display().to_string()));
}

#[test]
fn a_copy_of_the_same_okrug_with_as_many_records_is_not_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with(dir.path(), "okrug.db", 2);
    let s = estu_core::safety::open_without_daily_backup(&db).unwrap();
    backup::backup_now(&s).unwrap();
    let mut h = harness(move || App::with_store(s), Picks::default());
    click(&mut h, "ui.nav.backups");
    click(&mut h, "ui.backup.restore");
    assert!(shows(&h, "обращений 2,"));
    assert!(!shows(&h, &ru("ui.backup.caution.emptier")));
    assert!(!shows(&h, &ru("ui.backup.caution.other_okrug")));
    click(&mut h, "ui.backup.replace");
    assert_eq!(appeals(&h), 2);
}

#[test]
fn the_backup_folder_is_chosen_by_browsing_and_another_okrugs_file_is_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with(dir.path(), "okrug.db", 4);
    let other = dir.path().join("other.db");
    {
        let mut p = estu_core::demo::profile();
        p.org_name_ru = "ГУ «Аппарат акима Другого сельского округа»".into();
        drop(Store::create(&other, &p).unwrap());
    }
    let usb = dir.path().join("флешка");
    std::fs::create_dir(&usb).unwrap();
    let s = estu_core::safety::open_without_daily_backup(&db).unwrap();
    let picks = Picks {
        folder: Some(usb.clone()),
        copy: Some(other.clone()),
        save: None,
    };
    let mut h = harness(move || App::with_store(s), picks);
    click(&mut h, "ui.nav.backups");
    // «Обзор…»: the folder is saved at once and copies go there.
    click(&mut h, "ui.backup.browse");
    let saved = reference::setting(h.state().store().unwrap().conn(), backup::SETTING_DIR)
        .unwrap()
        .unwrap();
    assert_eq!(Path::new(&saved), usb);
    click(&mut h, "ui.backup.now");
    assert_eq!(backup::list_in(&usb, "okrug").unwrap().len(), 1);
    // «Восстановить из файла…»: any copy, described, warned about as another okrug's.
    click(&mut h, "ui.backup.restore_file");
    assert!(shows(&h, "Другого сельского округа"));
    assert!(shows(&h, "обращений 0,"));
    assert!(shows(&h, "обращений 4,"));
    assert!(shows(&h, &ru("ui.backup.caution.other_okrug")));
    click(&mut h, "ui.backup.keep");
    assert_eq!(appeals(&h), 4);
    click(&mut h, "ui.backup.restore_file");
    click(&mut h, "ui.backup.replace");
    assert_eq!(appeals(&h), 0);
    assert_eq!(
        h.state().refs().profile.org_name_ru,
        "ГУ «Аппарат акима Другого сельского округа»"
    );
    assert_eq!(kept(&usb).len(), 1, "the replaced database is kept");
}

/// Damages a few pages in the middle of the file (not the schema): SQLite still opens it.
fn damage_middle(db: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(db).unwrap();
    let page = 4096;
    let pages = bytes.len() / page;
    assert!(
        pages > 8,
        "too small to damage in the middle: {pages} pages"
    );
    for p in [pages / 2, pages / 2 + 1] {
        for b in &mut bytes[p * page..p * page + 100] {
            *b = 0xA5;
        }
    }
    std::fs::write(db, &bytes).unwrap();
    bytes
}

#[test]
fn a_database_with_damaged_pages_is_replaced_by_a_good_copy_and_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with(dir.path(), "okrug.db", 300);
    {
        let s = estu_core::safety::open_without_daily_backup(&db).unwrap();
        backup::backup_now(&s).unwrap();
    }
    let damaged = damage_middle(&db);
    let path = db.clone();
    let mut h = harness(move || App::open(path), Picks::default());
    assert!(
        h.state().store().is_some(),
        "the file opens, damaged inside"
    );
    click(&mut h, "ui.nav.backups");
    // The manual copy and possibly the day's copy (which fails on a damaged file).
    h.get_all_by_label(&ru("ui.backup.restore"))
        .last()
        .unwrap()
        .click();
    settle(&mut h);
    assert!(shows(&h, "обращений 300,"));
    click(&mut h, "ui.backup.replace");
    let store = h.state().store().expect("the restored file is open");
    store.check_whole().unwrap();
    assert_eq!(appeals(&h), 300);
    let kept = kept(&dir.path().join("backups"));
    assert_eq!(kept.len(), 1);
    assert_eq!(std::fs::read(&kept[0]).unwrap(), damaged, "kept as it was");
    let toast = h.state().toast().expect("a message").clone();
    assert!(!toast.error, "{}", toast.text);
    assert!(toast.text.contains(&kept[0].display().to_string()));
}

#[test]
fn a_database_that_does_not_open_shows_its_copies_and_is_restored_from_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with(dir.path(), "okrug.db", 5);
    let copy = {
        let s = estu_core::safety::open_without_daily_backup(&db).unwrap();
        backup::backup_now(&s).unwrap()
    };
    // The schema page scribbled over: the file does not open.
    let mut bytes = std::fs::read(&db).unwrap();
    bytes[100..1600].fill(0xA5);
    std::fs::write(&db, &bytes).unwrap();
    let path = db.clone();
    let mut h = harness(move || App::open(path), Picks::default());
    assert!(h.state().store().is_none());
    // Not the first-start wizard: the file is said damaged, by name, with its copies.
    assert!(shows(&h, &ru("ui.rescue.title")));
    assert!(shows(&h, &db.display().to_string()));
    assert!(h.query_by_label(&ru("ui.wizard.demo")).is_none());
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "nothing written yet");
    click(&mut h, "ui.backup.restore");
    assert!(shows(&h, &copy.path.display().to_string()));
    assert!(shows(&h, "обращений 5,"));
    click(&mut h, "ui.backup.keep");
    assert!(h.state().store().is_none());
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "nothing replaced");
    click(&mut h, "ui.backup.restore");
    click(&mut h, "ui.backup.replace");
    assert!(h.state().store().is_some(), "the restored file is open");
    assert_eq!(appeals(&h), 5);
    let kept = kept(&dir.path().join("backups"));
    assert_eq!(kept.len(), 1);
    assert_eq!(std::fs::read(&kept[0]).unwrap(), bytes, "kept as it was");
    let toast = h.state().toast().expect("a message").clone();
    assert!(!toast.error, "{}", toast.text);
    assert!(toast.text.contains(&kept[0].display().to_string()));
}

/// A file damaged in its middle still opens (what it holds can be read and saved from it), but
/// no form is saved from it: the save's job reads every page first, on its own connection,
/// not on the window's thread (seconds for a region's file).
#[test]
fn a_form_is_not_saved_from_a_file_with_damaged_pages() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with(dir.path(), "okrug.db", 300);
    let mut bytes = std::fs::read(&db).unwrap();
    let pages = bytes.len() / 4096;
    for p in [pages / 2, pages / 2 + 1] {
        bytes[p * 4096..p * 4096 + 100].fill(0xA5);
    }
    std::fs::write(&db, &bytes).unwrap();
    let s = estu_core::safety::open_without_daily_backup(&db).unwrap();
    let pdf = dir.path().join("f1.pdf");
    let picks = Picks {
        save: Some(pdf.clone()),
        ..Picks::default()
    };
    let mut h = harness(move || App::with_store(s), picks);
    click(&mut h, "ui.nav.reports");
    assert!(h.state().reports().form().is_some(), "F1 is shown");
    h.get_by_label(&ru("ui.reports.save_pdf")).click();
    settle(&mut h);
    let toast = h.state().toast().expect("the save says how it ended");
    assert!(toast.error, "{}", toast.text);
    assert!(toast.text.contains("повреждён"), "{}", toast.text);
    assert!(!pdf.exists());
    assert_eq!(
        std::fs::read(&db).unwrap(),
        bytes,
        "the file is left as it was"
    );
}

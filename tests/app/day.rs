//! The desktop day (issue 12): the app remembers its database, prints, says why an action
//! failed, keeps each form's period, and asks before the window closes on unsaved changes.

use super::*;
use estu::app::launch::{Action, Failed, Launcher, Outcome};
use estu_core::forms::period::PeriodKind;

/// Dialogs for these tests: a database to open, no save dialog at all when `no_dialog`, a
/// Documents folder, and printing recorded (answered with `print_answer`).
#[derive(Clone, Default)]
struct DayDialogs {
    open_to: Option<PathBuf>,
    save_to: Option<PathBuf>,
    no_dialog: bool,
    documents: Option<PathBuf>,
    printed: Arc<Mutex<Vec<PathBuf>>>,
    print_answer: Option<Result<Outcome, Failed>>,
}

impl Dialogs for DayDialogs {
    fn open_db(&mut self) -> Option<PathBuf> {
        self.open_to.clone()
    }
    fn save_db(&mut self) -> Option<PathBuf> {
        None
    }
    fn save_file(&mut self, _: &str, _: &str) -> Option<PathBuf> {
        self.save_to.clone()
    }
    fn unavailable(&self) -> bool {
        self.no_dialog
    }
    fn documents(&self) -> Option<PathBuf> {
        self.documents.clone()
    }
    fn launcher(&self) -> Launcher {
        let printed = self.printed.clone();
        let answer = self.print_answer.clone().unwrap_or(Ok(Outcome::Printed));
        Arc::new(move |action, path| match action {
            Action::Print => {
                printed.lock().unwrap().push(path.to_path_buf());
                answer.clone()
            }
            Action::Open => Err(Failed(vec![("xdg-open".into(), "no viewer".into())])),
        })
    }
}

/// The app as the user starts it, with `--db` when `explicit`.
fn start(explicit: Option<PathBuf>, dir: &Path, dialogs: DayDialogs) -> Harness<'static, App> {
    let settings = dir.join("config").join("settings.json");
    let default = dir.join("default").join("estu.db");
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 900.0))
        .build_eframe(move |_cc| {
            let mut app = App::start(explicit, settings, default);
            app.set_dialogs(Box::new(dialogs));
            app
        });
    settle(&mut h);
    h
}

fn on_store(store: Store, dialogs: DayDialogs) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 900.0))
        .build_eframe(move |_cc| {
            let mut app = App::with_store(store);
            app.set_dialogs(Box::new(dialogs));
            app
        });
    h.run();
    h
}

/// Frames until reads and jobs have been quiet for a while (a newly opened file starts its
/// reader thread a frame or two after it is attached).
fn settle(h: &mut Harness<'_, App>) {
    let t = std::time::Instant::now();
    let mut quiet = 0;
    while quiet < 10 {
        assert!(
            t.elapsed().as_secs() < 20,
            "the reader or the job never answered"
        );
        h.step();
        quiet = if h.state().is_busy() { 0 } else { quiet + 1 };
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    h.run();
}

fn toast(h: &Harness<'_, App>) -> (String, bool) {
    let t = h.state().toast().expect("a message");
    (t.text.clone(), t.error)
}

#[test]
fn a_second_start_reopens_the_first_ones_database_and_lists_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let first = new_store(dir.path()).path().unwrap().to_path_buf();
    let other = dir.path().join("other.db");
    drop(Store::create(&other, &estu_core::demo::profile()).unwrap());

    // Started once on a chosen file (`--db`), then on another.
    let h = start(Some(first.clone()), dir.path(), DayDialogs::default());
    assert_eq!(h.state().db_path(), first);
    drop(h);
    let h = start(Some(other.clone()), dir.path(), DayDialogs::default());
    drop(h);

    // Started plainly: the database worked on last, not the first-start wizard.
    let mut h = start(None, dir.path(), DayDialogs::default());
    assert!(h.state().store().is_some(), "opened, no wizard");
    assert_eq!(h.state().db_path(), other);
    assert_eq!(h.state().recent(), [other.clone(), first.clone()]);
    // File → Recent lists the first; a click opens it.
    h.get_by_label(&ru("ui.menu.file")).click();
    h.run();
    h.get_by_label(&ru("ui.menu.recent")).click();
    h.run();
    h.get_by_label(&first.display().to_string()).click();
    settle(&mut h);
    assert_eq!(h.state().db_path(), first);
    drop(h);
    let h = start(None, dir.path(), DayDialogs::default());
    assert_eq!(h.state().db_path(), first, "the last one opened");
}

#[test]
fn a_moved_database_is_said_plainly_and_found_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = new_store(dir.path()).path().unwrap().to_path_buf();
    drop(start(Some(db.clone()), dir.path(), DayDialogs::default()));
    let moved = dir.path().join("moved.db");
    std::fs::rename(&db, &moved).unwrap();

    let dialogs = DayDialogs {
        open_to: Some(moved.clone()),
        ..Default::default()
    };
    let mut h = start(None, dir.path(), dialogs);
    assert_eq!(h.state().missing(), Some(db.as_path()));
    assert!(h.state().store().is_none());
    h.get_by_label(&ru("ui.missing.title"));
    h.get_by_label(&db.display().to_string());
    assert!(
        h.query_by_label(&ru("ui.wizard.create")).is_none(),
        "not the first-start wizard: nothing suggests the work is gone"
    );
    // Looked for again while still gone: said, nothing else changes.
    h.get_by_label(&ru("ui.missing.again")).click();
    h.run();
    assert!(toast(&h).1);
    assert!(h.state().store().is_none());
    // Found where it went.
    h.get_by_label(&ru("ui.missing.find")).click();
    settle(&mut h);
    assert_eq!(h.state().db_path(), moved);
    assert!(h.state().store().is_some());
    assert_eq!(h.state().missing(), None);
    drop(h);
    let h = start(None, dir.path(), DayDialogs::default());
    assert_eq!(h.state().db_path(), moved, "remembered where it is now");
}

#[test]
fn without_a_save_dialog_a_form_goes_to_documents_and_the_message_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("Документы");
    let dialogs = DayDialogs {
        no_dialog: true,
        documents: Some(docs.clone()),
        ..Default::default()
    };
    let mut h = on_store(new_store(dir.path()), dialogs);
    h.get_by_label(&ru("ui.nav.reports")).click();
    settle(&mut h);
    h.get_by_label(&ru("ui.reports.save_pdf")).click();
    settle(&mut h);
    let saved: Vec<PathBuf> = std::fs::read_dir(&docs)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(saved.len(), 1, "{saved:?}");
    assert!(std::fs::read(&saved[0]).unwrap().starts_with(b"%PDF"));
    let said = estu_core::i18n::trf(
        Lang::Ru,
        "ui.save.fallback",
        &[("path", &saved[0].display())],
    );
    assert_eq!(toast(&h), (said, false));
    // A second time: a new name beside the first, never over it.
    h.get_by_label(&ru("ui.reports.save_pdf")).click();
    settle(&mut h);
    assert_eq!(std::fs::read_dir(&docs).unwrap().count(), 2);
}

#[test]
fn a_dialog_that_was_cancelled_says_nothing_and_saves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    let dialogs = DayDialogs {
        documents: Some(docs.clone()),
        ..Default::default()
    };
    let mut h = on_store(new_store(dir.path()), dialogs);
    h.get_by_label(&ru("ui.nav.reports")).click();
    settle(&mut h);
    h.get_by_label(&ru("ui.reports.save_pdf")).click();
    settle(&mut h);
    assert!(h.state().toast().is_none());
    assert!(!docs.exists());
}

#[test]
fn ctrl_p_prints_the_form_shown_and_a_failed_print_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let dialogs = DayDialogs::default();
    let printed = dialogs.printed.clone();
    let mut h = on_store(new_store(dir.path()), dialogs);
    h.get_by_label(&ru("ui.nav.reports")).click();
    settle(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::P);
    settle(&mut h);
    let files = printed.lock().unwrap().clone();
    assert_eq!(files.len(), 1);
    assert!(std::fs::read(&files[0]).unwrap().starts_with(b"%PDF"));
    let name = files[0].file_name().unwrap().to_string_lossy().to_string();
    assert!(name.starts_with("F1_") && name.ends_with(".pdf"), "{name}");
    let said = estu_core::i18n::trf(Lang::Ru, "ui.print.sent", &[("path", &files[0].display())]);
    assert_eq!(toast(&h), (said, false));

    // No printing and no viewer: the reason and where the file is.
    let dialogs = DayDialogs {
        print_answer: Some(Err(Failed(vec![
            ("lp".into(), "not installed".into()),
            ("xdg-open".into(), "not installed".into()),
        ]))),
        ..Default::default()
    };
    let mut h = on_store(new_store(tempfile::tempdir().unwrap().path()), dialogs);
    h.get_by_label(&ru("ui.nav.reports")).click();
    settle(&mut h);
    h.get_by_label(&format!("{} (Ctrl+P)", ru("ui.print")))
        .click();
    settle(&mut h);
    let (text, error) = toast(&h);
    assert!(error);
    assert!(
        text.contains("lp: not installed; xdg-open: not installed"),
        "{text}"
    );
}

#[test]
fn f5_as_of_a_date_does_not_carry_its_period_to_f1() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = on_store(new_store(dir.path()), DayDialogs::default());
    // F5 from the plan screen: the plan as of today.
    h.state_mut().show(Screen::Plan);
    settle(&mut h);
    press(&mut h, Key::F5);
    settle(&mut h);
    assert_eq!(h.state().screen(), Screen::Reports);
    assert_eq!(h.state().reports().period_kind(), PeriodKind::AsOf);
    // F1 next: the last finished quarter (today is 27.06.2024: the first), not «as of».
    h.state_mut().reports_mut().choose("f1");
    settle(&mut h);
    assert_eq!(h.state().reports().period_kind(), PeriodKind::Quarter(1));
    let f1 = h.state().reports().form().unwrap();
    assert_eq!(
        (f1.from, f1.to),
        (
            NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(2024, 3, 31).unwrap()
        )
    );
    // Each form keeps what was chosen for it.
    h.state_mut().reports_mut().set_quarter(2024, 2);
    h.state_mut().reports_mut().choose("f2");
    settle(&mut h);
    assert_eq!(h.state().reports().period_kind(), PeriodKind::Quarter(1));
    h.state_mut().reports_mut().choose("f1");
    settle(&mut h);
    assert_eq!(h.state().reports().period_kind(), PeriodKind::Quarter(2));
    h.state_mut().reports_mut().choose("f5");
    settle(&mut h);
    assert_eq!(h.state().reports().period_kind(), PeriodKind::AsOf);
}

#[test]
fn open_shows_the_file_of_the_form_on_screen_only() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("f1.pdf");
    let dialogs = DayDialogs {
        save_to: Some(pdf.clone()),
        ..Default::default()
    };
    let mut h = on_store(new_store(dir.path()), dialogs);
    h.get_by_label(&ru("ui.nav.reports")).click();
    settle(&mut h);
    h.get_by_label(&ru("ui.reports.save_pdf")).click();
    settle(&mut h);
    assert_eq!(h.state().reports().saved_file(), Some(pdf.as_path()));
    h.get_by_label(&ru("ui.reports.open"));
    h.state_mut().reports_mut().choose("f2");
    settle(&mut h);
    assert_eq!(h.state().reports().saved_file(), None, "F2 was not saved");
    assert!(h.query_by_label(&ru("ui.reports.open")).is_none());
    h.state_mut().reports_mut().choose("f1");
    settle(&mut h);
    assert_eq!(h.state().reports().saved_file(), Some(pdf.as_path()));
    // The viewer cannot start: said, with the file's place.
    h.get_by_label(&ru("ui.reports.open")).click();
    settle(&mut h);
    let (text, error) = toast(&h);
    assert!(
        error && text.contains("no viewer") && text.contains("f1.pdf"),
        "{text}"
    );
}

fn close_window(h: &mut Harness<'_, App>) {
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run();
}

#[test]
fn closing_the_window_on_an_unsaved_appeal_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = on_store(new_store(dir.path()), DayDialogs::default());
    // Nothing typed: the window closes without a question.
    close_window(&mut h);
    assert!(h.query_by_label(&ru("ui.unsaved.title")).is_none());

    h.get_by_label(&ru("ui.nav.journal")).click();
    h.run();
    h.get_by_label(&ru("ui.journal.new_ctrl_n")).click();
    h.run();
    type_text(&mut h, "Петров Пётр");
    close_window(&mut h);
    h.get_by_label(&ru("ui.unsaved.title"));
    assert!(!h.state().is_exiting());
    h.get_by_label(&ru("ui.unsaved.stay")).click();
    h.run();
    assert!(h.query_all_by_value("Петров Пётр").next().is_some());
    assert!(!h.state().is_exiting());
    // File → Exit asks too; «don't save» closes.
    h.get_by_label(&ru("ui.menu.file")).click();
    h.run();
    h.get_by_label_contains(&ru("ui.menu.exit")).click();
    h.run();
    h.get_by_label(&ru("ui.unsaved.discard")).click();
    h.run();
    assert!(h.state().is_exiting());
    assert_eq!(appeal_count(&h), 0);
}

#[test]
fn each_report_has_a_shortcut_shown_in_its_menu() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = on_store(new_store(dir.path()), DayDialogs::default());
    h.key_press_modifiers(Modifiers::ALT, Key::Num3);
    settle(&mut h);
    assert_eq!(h.state().screen(), Screen::Reports);
    assert_eq!(h.state().reports().kind, estu_core::forms::FormKind::F3);
    // The menu names each form with its keys.
    h.state_mut().show(Screen::Journal);
    h.run();
    h.get_by_label(&ru("ui.menu.file"));
    h.get_by_label(&ru("ui.menu.reports")).click();
    h.run();
    h.get_by_label_contains("Alt+5");
    h.get_by_label_contains(&ru("ui.reports.f5")).click();
    settle(&mut h);
    assert_eq!(h.state().reports().kind, estu_core::forms::FormKind::F5);
}

#[test]
fn without_a_file_dialog_open_and_create_say_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    let dialogs = DayDialogs {
        no_dialog: true,
        documents: Some(docs.clone()),
        ..Default::default()
    };
    let mut h = on_store(new_store(dir.path()), dialogs);
    h.get_by_label(&ru("ui.menu.file")).click();
    h.run();
    h.get_by_label(&ru("ui.menu.open")).click();
    h.run();
    assert_eq!(toast(&h), (ru("ui.open.no_dialog"), true));
    assert!(h.state().store().is_some(), "still on its file");
    h.get_by_label(&ru("ui.menu.file")).click();
    h.run();
    h.get_by_label(&ru("ui.menu.create")).click();
    h.run();
    let new = docs.join("estu.db");
    let said = estu_core::i18n::trf(Lang::Ru, "ui.create.no_dialog", &[("path", &new.display())]);
    assert_eq!(toast(&h), (said, false));
    assert_eq!(h.state().db_path(), new);
    h.get_by_label(&ru("ui.wizard.create"));
}

#[test]
fn the_talon_is_saved_with_ctrl_t_and_printed_with_ctrl_p() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    let mut store = new_store(dir.path());
    let topic = reference::topic_id_by_code(store.conn(), "water")
        .unwrap()
        .unwrap();
    store
        .write(|tx| {
            let at = today().and_hms_opt(10, 0, 0).unwrap();
            let mut a = Appeal::new(
                at,
                Channel::WrittenPerson,
                "Ким Ирина Петровна",
                topic,
                "Нет воды",
            );
            estu_core::store::appeals::insert(tx, &mut a).map(|_| ())
        })
        .unwrap();
    let dialogs = DayDialogs {
        no_dialog: true,
        documents: Some(docs.clone()),
        ..Default::default()
    };
    let printed = dialogs.printed.clone();
    let mut h = on_store(store, dialogs);
    h.get_by_label(&ru("ui.nav.journal")).click();
    settle(&mut h);
    h.get_by_label("Ким Ирина Петровна").click();
    settle(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::T);
    settle(&mut h);
    let talon = docs.join("talon_12-2024-0001.pdf");
    assert!(std::fs::read(&talon).unwrap().starts_with(b"%PDF"));
    // Saved, but no viewer to show it: said, with where the file is.
    let (text, error) = toast(&h);
    assert!(error && text.contains("no viewer"), "{text}");
    assert!(text.contains(&talon.display().to_string()), "{text}");
    h.key_press_modifiers(Modifiers::COMMAND, Key::P);
    settle(&mut h);
    let files = printed.lock().unwrap().clone();
    assert_eq!(files.len(), 1);
    assert!(files[0].ends_with("talon_12-2024-0001.pdf"));
}

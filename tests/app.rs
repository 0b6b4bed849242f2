//! The desktop app driven headlessly (egui_kittest): the staff's daily paths by keyboard and
//! mouse, checked against the database the app wrote to.

use chrono::NaiveDate;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use estu::app::{App, Dialogs, Screen};
use estu_core::i18n::{Lang, tr};
use estu_core::model::*;
use estu_core::rules::iin;
use estu_core::store::{Store, reference};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

#[path = "support/app.rs"]
mod app_support;
use app_support::*;

#[path = "app/day.rs"]
mod day;
#[path = "app/protection.rs"]
mod protection;

/// File dialogs that answer with fixed paths and remember what was "opened".
#[derive(Default, Clone)]
struct FakeDialogs {
    save_to: Option<PathBuf>,
    opened: Arc<Mutex<Vec<PathBuf>>>,
    import_from: Option<PathBuf>,
    folder: Option<PathBuf>,
}

impl Dialogs for FakeDialogs {
    fn open_db(&mut self) -> Option<PathBuf> {
        None
    }
    fn save_db(&mut self) -> Option<PathBuf> {
        None
    }
    fn save_file(&mut self, _suggested: &str, _ext: &str) -> Option<PathBuf> {
        self.save_to.clone()
    }
    fn launcher(&self) -> estu::app::launch::Launcher {
        let opened = self.opened.clone();
        Arc::new(move |_, path| {
            opened.lock().unwrap().push(path.to_path_buf());
            Ok(estu::app::launch::Outcome::Opened { why: String::new() })
        })
    }
    fn open_import(&mut self) -> Option<PathBuf> {
        self.import_from.clone()
    }
    fn pick_folder(&mut self) -> Option<PathBuf> {
        self.folder.clone()
    }
}

fn harness(store: Store) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 900.0))
        .build_eframe(move |_cc| App::with_store(store));
    h.run();
    h
}

fn appeal_count(h: &Harness<'_, App>) -> i64 {
    count(h, "SELECT count(*) FROM appeal")
}

#[test]
fn a_reception_registered_by_keyboard_is_found_in_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(new_store(dir.path()));
    // An empty journal says how to begin.
    h.get_by_label(&ru("ui.nav.journal")).click();
    h.run();
    assert!(h.query_by_label(&ru("ui.journal.empty")).is_some());
    // Start today's reception session and add a citizen (the journal has its own button to
    // the reception screen: either will do).
    h.get_all_by_label(&ru("ui.nav.reception"))
        .next()
        .unwrap()
        .click();
    h.run();
    h.get_by_label(&ru("ui.reception.start")).click();
    h.run();
    // Ctrl+N adds a visitor, as its button says.
    h.get_by_label(&format!("{} (Ctrl+N)", ru("ui.reception.add_citizen")));
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    // The form opens with the cursor in the applicant's name: from here on, keyboard only.
    type_text(&mut h, "Жанабаева Гульмира Сериковна");
    press(&mut h, Key::Enter);
    let id = iin::make_iin(NaiveDate::from_ymd_opt(1985, 4, 12).unwrap(), true, 321);
    type_text(&mut h, &id);
    press(&mut h, Key::Enter);
    type_text(&mut h, "с. Красный Яр, ул. Абая, 5");
    press(&mut h, Key::Tab); // phone
    press(&mut h, Key::Tab); // persons
    press(&mut h, Key::Tab); // settlement (preset: the okrug's first village is not preset with two)
    type_text(&mut h, "Красный");
    press(&mut h, Key::Enter); // takes «Красный Яр», goes on to the topic
    type_text(&mut h, "водоснаб");
    press(&mut h, Key::Enter); // takes the water topic, goes on to the summary
    type_text(&mut h, "Нет воды в колонке на ул. Абая");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();

    let store = h.state().store().unwrap();
    let (number, name, channel, topic, settlement, reception): (String, String, String, String, String, Option<i64>) = store
        .conn()
        .query_row(
            "SELECT a.reg_number, a.applicant_name, a.channel, t.code, s.name_ru, a.reception_id
             FROM appeal a JOIN topic t ON t.id = a.topic_id JOIN settlement s ON s.id = a.settlement_id",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )
        .expect("exactly one appeal was saved");
    assert_eq!(name, "Жанабаева Гульмира Сериковна");
    assert_eq!(channel, "reception");
    assert_eq!(topic, "water");
    assert_eq!(settlement, "Красный Яр");
    assert!(reception.is_some(), "the appeal belongs to the session");
    assert_eq!(number, "12-2024/0001");
    let registered = estu_core::i18n::trf(Lang::Ru, "ui.appeal.registered", &[("number", &number)]);
    assert!(
        h.query_by_label(&registered).is_some(),
        "the new number is shown"
    );
    // The keyboard is on printing the талон, the next thing the applicant waits for.
    h.run();
    assert!(
        h.get_by_label(&format!("{} (Ctrl+P)", ru("ui.appeal.print_talon_now")))
            .is_focused()
    );
    h.get_by_label(&format!("{} (Ctrl+N)", ru("ui.reception.next_citizen")));

    // The journal lists it.
    h.key_press(Key::Escape);
    h.run();
    h.get_by_label(&ru("ui.nav.journal")).click();
    h.run();
    assert!(h.query_by_label("Жанабаева Гульмира Сериковна").is_some());
    assert!(h.query_by_label(&number).is_some());
    let found = estu_core::i18n::trf(Lang::Ru, "ui.journal.found", &[("n", &1)]);
    assert!(h.query_by_label(&found).is_some());
    assert!(h.query_by_label(&ru("ui.journal.empty")).is_none());
}

#[test]
fn a_bad_iin_is_named_as_typed_and_nothing_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(new_store(dir.path()));
    h.get_by_label(&ru("ui.nav.journal")).click();
    h.run();
    h.get_by_label(&ru("ui.journal.new_ctrl_n")).click();
    h.run();
    type_text(&mut h, "Иванов Иван");
    press(&mut h, Key::Enter);
    // A valid ИИН with its last digit changed.
    let good = iin::make_iin(NaiveDate::from_ymd_opt(1970, 1, 2).unwrap(), false, 45);
    let last = good.chars().last().unwrap().to_digit(10).unwrap();
    let bad = format!("{}{}", &good[..11], (last + 1) % 10);
    assert!(iin::check_iin(&bad).is_err());
    type_text(&mut h, &bad[..5]);
    let progress = estu_core::i18n::trf(Lang::Ru, "ui.appeal.iin_progress", &[("n", &5)]);
    assert!(
        h.query_by_label(&progress).is_some(),
        "digits are counted as typed"
    );
    type_text(&mut h, &bad[5..]);
    let message = iin::check_iin(&bad)
        .unwrap_err()
        .text(&bad)
        .render(Lang::Ru);
    assert!(
        h.query_by_label(&message).is_some(),
        "the check digit is refused at once"
    );

    // Saving anyway is refused with the field named; everything typed stays.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert_eq!(appeal_count(&h), 0);
    assert!(h.query_by_label(&ru("ui.form.not_saved")).is_some());
    assert!(
        h.query_by_label_contains(&format!("«{}»", ru("field.appeal.applicant_iin")))
            .is_some(),
        "the problem names the ИИН field"
    );
    assert!(h.query_all_by_value("Иванов Иван").next().is_some());
    assert!(h.query_all_by_value(&bad).next().is_some());
}

/// The input labelled `key` on screen.
fn input_rect(h: &Harness<'_, App>, key: &str) -> egui::Rect {
    use egui::accesskit::Role;
    h.get_all_by_label(&ru(key))
        .find(|n| {
            matches!(
                n.accesskit_node().role(),
                Role::TextInput | Role::MultilineTextInput
            )
        })
        .unwrap_or_else(|| panic!("no input «{}»", ru(key)))
        .rect()
}

/// Typing moves no field under the pointer: the ИИН's digit count has its row before the first
/// digit, and a topic's matches open over the fields below, in the body's text size.
#[test]
fn typing_in_a_field_moves_none_of_the_fields_below() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(new_store(dir.path()));
    h.get_by_label(&ru("ui.nav.journal")).click();
    h.run();
    h.get_by_label(&ru("ui.journal.new_ctrl_n")).click();
    h.run();
    let address = input_rect(&h, "field.appeal.applicant_address");
    let summary = input_rect(&h, "field.appeal.summary");
    type_text(&mut h, "Жанабаева Гульмира");
    press(&mut h, Key::Enter);
    type_text(&mut h, "85041");
    let count = ru("ui.appeal.iin_progress").replace("{n}", "5");
    assert!(h.query_by_label(&count).is_some());
    assert_eq!(input_rect(&h, "field.appeal.applicant_address"), address);

    h.get_all_by_role_and_label(egui::accesskit::Role::TextInput, &ru("field.appeal.topic"))
        .next()
        .unwrap()
        .click();
    h.run();
    type_text(&mut h, "водоснаб");
    let water: String = h
        .state()
        .store()
        .unwrap()
        .conn()
        .query_row("SELECT name_ru FROM topic WHERE code = 'water'", [], |r| {
            r.get(0)
        })
        .unwrap();
    let suggestion = h.get_by_label(&water).rect();
    assert_eq!(input_rect(&h, "field.appeal.summary"), summary);
    // Taller than the small print of the digit count: the body's size.
    let small = h.get_by_label(&count).rect();
    assert!(
        suggestion.height() > small.height() + 1.0,
        "a match in the body's size: {suggestion:?} against {small:?}"
    );
    // Enter takes the highlighted match, as before, and the list closes.
    press(&mut h, Key::Enter);
    assert!(h.query_by_label(&water).is_none());
    assert!(h.query_all_by_value(&water).next().is_some());
}

/// A new appeal whose ИИН has an appeal in the last twelve months is offered as its repeat
/// (read on the reader, not in the frame); marked so, it links to that number and is saved
/// with it.
#[test]
fn an_earlier_appeal_by_the_same_iin_is_suggested_and_marked_as_repeated() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let id_number = iin::make_iin(NaiveDate::from_ymd_opt(1985, 4, 12).unwrap(), true, 321);
    let (earlier, number) = store
        .write(|tx| {
            let water = reference::topic_id_by_code(tx, "water")?.unwrap();
            let at = NaiveDate::from_ymd_opt(2024, 5, 14)
                .unwrap()
                .and_hms_opt(10, 0, 0)
                .unwrap();
            let mut a = Appeal::new(
                at,
                Channel::WrittenPerson,
                "Омаров Серик",
                water,
                "Нет воды",
            );
            a.applicant_id = Some(id_number.clone());
            let id = estu_core::store::appeals::insert(tx, &mut a)?;
            Ok((id, a.reg_number))
        })
        .unwrap();
    let mut h = harness(store);
    h.state_mut().read_on_thread();
    h.get_by_label(&ru("ui.nav.journal")).click();
    settle(&mut h);
    h.get_by_label(&ru("ui.journal.new_ctrl_n")).click();
    settle(&mut h);
    type_text(&mut h, "Омаров С.");
    press(&mut h, Key::Enter);
    assert!(h.query_by_label(&ru("ui.appeal.maybe_repeated")).is_none());
    type_text(&mut h, &id_number);
    settle(&mut h);
    assert!(
        h.query_by_label(&ru("ui.appeal.maybe_repeated")).is_some(),
        "the same ИИН twelve digits long finds the earlier appeal"
    );
    let open = ru("ui.appeal.open_earlier").replace("{number}", &number);
    assert!(h.query_by_label(&open).is_some());
    h.get_by_label(&ru("ui.appeal.mark_repeated")).click();
    settle(&mut h);
    assert!(h.query_by_label(&ru("ui.appeal.maybe_repeated")).is_none());
    assert!(
        h.query_by_label(&number).is_some(),
        "«Повторное к» links the number"
    );
    let topic = ru("field.appeal.topic");
    h.get_all_by_label(&topic)
        .find(|n| n.accesskit_node().role() == egui::accesskit::Role::TextInput)
        .unwrap()
        .click();
    h.run();
    type_text(&mut h, "водоснаб");
    press(&mut h, Key::Enter);
    type_text(&mut h, "Опять нет воды");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut h);
    let of: Option<i64> = h
        .state()
        .store()
        .unwrap()
        .conn()
        .query_row(
            "SELECT repeated_of FROM appeal WHERE summary = 'Опять нет воды'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(of, Some(earlier));
}

#[test]
fn leaving_a_form_with_changes_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(new_store(dir.path()));
    h.get_by_label(&ru("ui.nav.journal")).click();
    h.run();
    h.get_by_label(&ru("ui.journal.new_ctrl_n")).click();
    h.run();
    type_text(&mut h, "Петров Пётр");
    h.get_by_label(&ru("ui.nav.dashboard")).click();
    h.run();
    assert!(h.query_by_label(&ru("ui.unsaved.title")).is_some());
    h.get_by_label(&ru("ui.unsaved.stay")).click();
    h.run();
    assert!(
        h.query_all_by_value("Петров Пётр").next().is_some(),
        "nothing typed is lost"
    );
    h.get_by_label(&ru("ui.nav.dashboard")).click();
    h.run();
    h.get_by_label(&ru("ui.unsaved.discard")).click();
    h.run();
    assert!(h.query_by_label(&ru("ui.dash.received")).is_some());
    assert_eq!(appeal_count(&h), 0);
}

#[test]
fn the_language_switch_changes_the_labels_and_is_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let mut h = harness(new_store(dir.path()));
    assert!(h.query_by_label("Обращения").is_some());
    h.get_by_label("Қазақша").click();
    h.run();
    assert!(h.query_by_label(&tr(Lang::Kk, "ui.nav.journal")).is_some());
    assert!(
        h.query_by_label(&tr(Lang::Kk, "ui.dash.received"))
            .is_some()
    );
    assert!(h.query_by_label("Обращения").is_none());
    // Reopened, the file remembers the language.
    drop(h);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 900.0))
        .build_eframe(move |_cc| App::open(path));
    h.run();
    assert_eq!(h.state().lang(), Lang::Kk);
    assert!(h.query_by_label(&tr(Lang::Kk, "ui.nav.meetings")).is_some());
}

#[test]
fn a_meeting_with_questions_is_saved_from_the_editor_and_a_question_goes_to_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(new_store(dir.path()));
    h.get_by_label(&ru("ui.nav.meetings")).click();
    h.run();
    h.get_by_label(&ru("ui.meetings.add")).click();
    h.run();
    h.get_by_label(&ru("ui.meetings.is_held")).click();
    h.run();
    h.get_by_label(&ru("field.meeting.participants_offline"))
        .focus();
    h.run();
    // Typing into a focused number field replaces it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    type_text(&mut h, "85");
    press(&mut h, Key::Enter);
    let label = ru("field.question.text");
    h.get_all_by_label(&label).next().unwrap().focus();
    h.run();
    type_text(&mut h, "Отремонтировать водопровод на ул. Ленина");
    h.get_by_label(&ru("ui.save_ctrl_s")).click();
    h.run();
    // The question has no topic: refused, named, kept.
    assert!(h.query_by_label(&ru("ui.form.not_saved")).is_some());
    assert_eq!(
        count(&h, "SELECT count(*) FROM meeting"),
        0,
        "nothing half-saved"
    );
    assert!(
        h.query_all_by_value("Отремонтировать водопровод на ул. Ленина")
            .next()
            .is_some()
    );
}

#[test]
fn a_file_dialog_that_gives_nothing_is_a_cancel() {
    let dir = tempfile::tempdir().unwrap();
    let store = new_store(dir.path());
    let path = store.path().unwrap().to_path_buf();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 900.0))
        .build_eframe(move |_cc| {
            let mut app = App::with_store(store);
            app.set_dialogs(Box::new(FakeDialogs::default()));
            app
        });
    h.run();
    for item in ["ui.menu.open", "ui.menu.create"] {
        h.get_by_label(&ru("ui.menu.file")).click();
        h.run();
        h.get_by_label(&ru(item)).click();
        h.run();
    }
    assert_eq!(h.state().db_path(), path, "still on the same file");
    assert!(h.state().store().is_some());
    assert!(
        h.state().toast().is_none(),
        "no error for a cancelled dialog"
    );
}

#[test]
fn the_about_window_tells_the_version_and_where_the_data_is() {
    let dir = tempfile::tempdir().unwrap();
    let store = new_store(dir.path());
    let db = store.path().unwrap().to_path_buf();
    let dialogs = FakeDialogs::default();
    let opened = dialogs.opened.clone();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 900.0))
        .build_eframe(move |_cc| {
            let mut app = App::with_store(store);
            app.set_dialogs(Box::new(dialogs));
            app
        });
    h.run();
    h.get_by_label(&ru("ui.menu.help")).click();
    h.run();
    h.get_by_label(&ru("ui.about.open")).click();
    h.run();
    let version = estu_core::i18n::trf(
        Lang::Ru,
        "ui.about.version",
        &[("version", &env!("CARGO_PKG_VERSION"))],
    );
    h.get_by_label(&version);
    // The database's path: in the side panel, as always, and in the About window.
    assert_eq!(
        h.get_all_by_label(&db.display().to_string()).count(),
        2,
        "the side panel and the About window name the database"
    );
    h.get_by_label(&dir.path().join("backups").display().to_string());
    h.get_by_label(&ru("ui.about.open_folder")).click();
    settle(&mut h);
    assert_eq!(*opened.lock().unwrap(), vec![dir.path().to_path_buf()]);
    h.get_by_label(&ru("ui.close")).click();
    h.run();
    assert!(h.query_by_label(&version).is_none(), "closed");
}

fn count(h: &Harness<'_, App>, sql: &str) -> i64 {
    h.state()
        .store()
        .unwrap()
        .conn()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

/// F2 line 5 (questions raised), topic row of the water topic, second quarter, as previewed.
fn f2_water_q2(h: &Harness<'_, App>) -> Option<i64> {
    let form = h.state().reports().form()?;
    assert_eq!(form.kind, estu_core::forms::FormKind::F2);
    form.table()
        .cell("line5.topic8", "q2")
        .and_then(|c| c.as_int())
}

#[test]
fn a_meeting_with_questions_shows_in_the_f2_preview_and_saves_as_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("f2.pdf");
    let dialogs = FakeDialogs {
        save_to: Some(pdf.clone()),
        ..Default::default()
    };
    let opened = dialogs.opened.clone();
    let store = new_store(dir.path());
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 900.0))
        .build_eframe(move |_cc| {
            let mut app = App::with_store(store);
            app.set_dialogs(Box::new(dialogs));
            app.reports_mut().choose("f2");
            app.reports_mut().set_quarter(2024, 2);
            app
        });
    h.run();
    // Before: F2 counts no question.
    h.get_by_label(&ru("ui.nav.reports")).click();
    h.run();
    assert_eq!(f2_water_q2(&h), Some(0));
    assert!(
        h.query_by_label(&tr(Lang::Ru, "forms.f2.line.5")).is_some(),
        "the preview shows F2's lines"
    );

    // A held akim's meeting (today, 27.06.2024) with two water questions, typed in the grid.
    h.get_by_label(&ru("ui.nav.meetings")).click();
    h.run();
    h.get_by_label(&ru("ui.meetings.add")).click();
    h.run();
    h.get_by_label(&ru("ui.meetings.is_held")).click();
    h.run();
    let water = "Водоснабжение и водоотведение (питьевая вода, канализация)";
    for (i, text) in ["Нет воды на ул. Абая", "Прорыв водопровода на ул. Ленина"]
        .iter()
        .enumerate()
    {
        if i > 0 {
            h.get_by_label(&ru("ui.meetings.add_question")).click();
            h.run();
        }
        let label = ru("field.question.text");
        h.get_all_by_label(&label).nth(i).unwrap().focus();
        h.run();
        type_text(&mut h, text);
        let topic = ru("field.question.topic");
        h.get_all_by_role_and_label(egui::accesskit::Role::ComboBox, &topic)
            .nth(i)
            .unwrap()
            .click();
        h.run();
        h.get_by_label(water).click();
        h.run();
    }
    h.get_by_label(&ru("ui.save_ctrl_s")).click();
    h.run();
    assert_eq!(
        count(
            &h,
            "SELECT count(*) FROM meeting WHERE held_on = '2024-06-27'"
        ),
        1
    );
    assert_eq!(
        count(&h, "SELECT count(*) FROM question WHERE topic_id = 1"),
        2
    );

    // «В план» on the first question makes a plan item that answers it.
    h.get_all_by_label(&ru("ui.meetings.to_plan"))
        .next()
        .unwrap()
        .click();
    h.run();
    assert_eq!(count(&h, "SELECT count(*) FROM plan_item_question"), 1);
    // The new item opens in the editor to be completed.
    assert_eq!(h.state().screen(), Screen::Plan);

    // After: the preview of F2 counts both questions in the second quarter.
    h.get_by_label(&ru("ui.nav.reports")).click();
    h.run();
    assert_eq!(f2_water_q2(&h), Some(2));

    // Save PDF: the dialog is bypassed with a path; the file is a PDF; «Открыть» opens it.
    h.get_by_label(&ru("ui.reports.save_pdf")).click();
    settle(&mut h);
    let bytes = std::fs::read(&pdf).expect("the PDF was written");
    assert!(bytes.starts_with(b"%PDF"));
    h.get_by_label(&ru("ui.reports.open")).click();
    h.step();
    assert!(h.state().is_busy(), "the viewer is started on a job");
    settle(&mut h);
    assert_eq!(
        opened.lock().unwrap().as_slice(),
        std::slice::from_ref(&pdf)
    );
}

/// The dashboard's topic chart names each topic beside its bar, with the quarter's count
/// (3 water appeals and 1 roads appeal this quarter, 1 water appeal the quarter before).
#[test]
fn the_dashboard_names_each_topic_beside_its_count() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let (water, roads) = store
        .write(|tx| {
            let topic = |code| reference::topic_id_by_code(tx, code).map(Option::unwrap);
            let (water, roads) = (topic("water")?, topic("roads")?);
            let march = NaiveDate::from_ymd_opt(2024, 3, 29).unwrap();
            for (day, t) in [
                (today(), water),
                (today(), water),
                (today(), roads),
                (march, water),
            ] {
                let at = day.and_hms_opt(10, 0, 0).unwrap();
                let mut a = Appeal::new(at, Channel::WrittenPerson, "Омаров Серик", t, "Вода");
                estu_core::store::appeals::insert(tx, &mut a)?;
            }
            let mut a = Appeal::new(
                NaiveDate::from_ymd_opt(2024, 4, 1)
                    .unwrap()
                    .and_hms_opt(9, 0, 0)
                    .unwrap(),
                Channel::WrittenPerson,
                "Омарова Асель",
                water,
                "Вода",
            );
            estu_core::store::appeals::insert(tx, &mut a)?;
            Ok((water, roads))
        })
        .unwrap();
    let name = |id: i64| -> String {
        store
            .conn()
            .query_row("SELECT name_ru FROM topic WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .unwrap()
    };
    let (water, roads) = (name(water), name(roads));
    let mut h = harness(store);
    settle(&mut h);
    assert!(
        h.query_by_label(&format!("{water}: 3")).is_some(),
        "1 April is in the quarter"
    );
    assert!(h.query_by_label(&format!("{roads}: 1")).is_some());
    assert!(
        h.query_by_label(&format!("{water}: 4")).is_none(),
        "29 March is not"
    );
}

#[test]
fn a_deleted_appeal_goes_to_the_trash_and_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let number = store
        .write(|tx| {
            let water = reference::topic_id_by_code(tx, "water")?.unwrap();
            let at = today().and_hms_opt(10, 0, 0).unwrap();
            let mut a = Appeal::new(
                at,
                Channel::WrittenPerson,
                "Омаров Серик",
                water,
                "Нет воды",
            );
            estu_core::store::appeals::insert(tx, &mut a)?;
            Ok(a.reg_number)
        })
        .unwrap();
    let mut h = harness(store);
    h.get_by_label(&ru("ui.nav.journal")).click();
    h.run();
    h.get_by_label("Омаров Серик").click();
    h.run();
    h.get_by_label(&ru("ui.appeal.delete")).click();
    h.run();
    // The confirmation's own «Удалить».
    h.get_all_by_label(&ru("ui.appeal.delete"))
        .last()
        .unwrap()
        .click();
    h.run();
    assert_eq!(appeal_count(&h), 0);
    h.get_by_label(&ru("ui.nav.backups")).click();
    h.run();
    h.get_by_label(&ru("ui.backup.trash")).click();
    h.run();
    assert!(
        h.query_by_label(&number).is_some(),
        "the trash names it by its number"
    );
    h.get_by_label(&ru("ui.backup.restore_record")).click();
    h.run();
    assert_eq!(appeal_count(&h), 1);
    let back: String = h
        .state()
        .store()
        .unwrap()
        .conn()
        .query_row("SELECT reg_number FROM appeal", [], |r| r.get(0))
        .unwrap();
    assert_eq!(back, number);
}

#[test]
fn ctrl_plus_enlarges_the_ui_and_the_scale_is_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(new_store(dir.path()));
    let before = h.ctx.zoom_factor();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    h.run();
    let after = h.ctx.zoom_factor();
    assert!(after > before + 0.15, "{before} → {after}");
    let saved: String = reference::setting(h.state().store().unwrap().conn(), "ui.zoom")
        .unwrap()
        .expect("the scale is saved in the file");
    assert!((saved.parse::<f32>().unwrap() - after).abs() < 0.01);
}

#[test]
fn the_first_start_wizard_creates_the_okrug_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    let p = path.clone();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 1400.0))
        .build_eframe(move |_cc| App::open(p));
    h.run();
    assert!(h.state().store().is_none(), "no file yet: the wizard");
    // Nothing filled in: refused, the required field named, no file left behind.
    h.get_by_label(&ru("ui.wizard.create")).click();
    h.run();
    assert!(h.query_by_label(&ru("ui.form.not_saved")).is_some());
    assert!(!path.exists());
    for (label, text) in [
        (
            "field.okrug.org_name_ru",
            "ГУ «Аппарат акима Каратальского сельского округа»",
        ),
        (
            "field.okrug.org_name_kk",
            "«Қаратал ауылдық округі әкімінің аппараты» ММ",
        ),
        ("field.okrug.akim_name", "Бекова Айнур Сериковна"),
        ("field.okrug.executor_name", "Садыков Р.Т."),
    ] {
        h.get_by_label(&ru(label)).focus();
        h.run();
        type_text(&mut h, text);
    }
    h.get_by_label(&ru("field.settlement.name_ru")).focus();
    h.run();
    type_text(&mut h, "Каратал");
    // The file is encrypted: the executor's (administrator's) password, twice.
    for label in ["ui.wizard.password", "ui.wizard.password_again"] {
        h.get_by_label(&ru(label)).focus();
        h.run();
        type_text(&mut h, "пароль-исполнителя");
    }
    h.get_by_label(&ru("ui.wizard.create")).click();
    h.step();
    h.step();
    // The keys are derived on a thread: the window says so meanwhile.
    assert!(h.query_by_label(&ru("ui.wizard.creating")).is_some() || !h.state().is_busy());
    settle(&mut h);
    let store = h.state().store().expect("created and opened");
    let profile = store.profile().unwrap();
    assert_eq!(
        profile.org_name_kk,
        "«Қаратал ауылдық округі әкімінің аппараты» ММ"
    );
    assert_eq!(profile.reception_days, vec![2, 4]);
    let villages = reference::settlements(store.conn()).unwrap();
    assert_eq!(villages.len(), 1);
    assert_eq!(villages[0].name_ru, "Каратал");
    assert_eq!(
        reference::staff(store.conn()).unwrap().len(),
        2,
        "the akim and the executor"
    );
    assert!(
        h.query_by_label(&ru("ui.nav.journal")).is_some(),
        "the app opens on the new file"
    );
}

#[test]
fn an_app_on_a_file_reads_journal_pages_on_a_thread_and_shows_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let opened = path.clone();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 900.0))
        .build_eframe(move |_cc| App::open(opened));
    h.run();
    assert!(
        h.state().reads_on_thread(),
        "App::open reads pages on a thread"
    );
    h.state_mut().show(Screen::Journal);
    h.step();
    settle(&mut h);
    let (all, water, newest): (i64, i64, String) = {
        let conn = h.state().store().unwrap().conn();
        let q = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        (
            q("SELECT count(*) FROM appeal"),
            q(
                "SELECT count(*) FROM appeal a JOIN topic t ON t.id = a.topic_id WHERE t.code = 'water'",
            ),
            conn.query_row(
                "SELECT reg_number FROM appeal ORDER BY registered_on DESC, id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap(),
        )
    };
    assert!(all > 500, "a few years of an okrug: {all}");
    let found = |n: i64| tr(Lang::Ru, "ui.journal.found").replace("{n}", &n.to_string());
    h.get_by_label(&found(all));
    h.get_by_label(&newest);
    // A filter: counted and listed by the thread too.
    let water_id = h
        .state()
        .refs()
        .topics
        .iter()
        .find(|t| t.code == "water")
        .unwrap()
        .id;
    h.state_mut().journal_mut().filter.topic_id = Some(water_id);
    h.step();
    settle(&mut h);
    assert_eq!(h.state().journal().total().n, water);
    h.get_by_label(&found(water));
}

#[test]
fn a_long_plan_previews_the_rows_in_view_and_scrolls_to_its_total() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    store
        .write(|tx| {
            for n in 1..=300 {
                let mut p = PlanItem::new(&format!("Проблемный вопрос номер {n}"));
                p.created_on = Some(today());
                estu_core::store::plan::save(tx, &mut p)?;
            }
            Ok(())
        })
        .unwrap();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 900.0))
        .build_eframe(move |_cc| {
            let mut app = App::with_store(store);
            app.reports_mut().choose("f5");
            app
        });
    h.run();
    h.get_by_label(&ru("ui.nav.reports")).click();
    h.run();
    let rows = h.state().reports().form().unwrap().table().rows.len();
    assert_eq!(rows, 301, "300 items and the total");
    // The first items are drawn and labelled; the last ones and the total are not yet.
    assert!(h.query_by_label("Проблемный вопрос номер 1").is_some());
    assert!(h.query_by_label("Проблемный вопрос номер 300").is_none());
    let total = ru("forms.f5.total");
    assert!(h.query_by_label(&total).is_none());
    // Scrolling the preview down brings them into view.
    let over = h.get_by_label("Проблемный вопрос номер 1").rect().center();
    h.event(egui::Event::PointerMoved(over));
    for _ in 0..200 {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Page,
            delta: egui::vec2(0.0, -1.0),
            modifiers: Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        });
        h.step();
        if h.query_by_label(&total).is_some() {
            break;
        }
    }
    h.run();
    assert!(h.query_by_label(&total).is_some(), "the total is reached");
    assert!(h.query_by_label("Проблемный вопрос номер 300").is_some());
    assert!(h.query_by_label("Проблемный вопрос номер 1").is_none());
}

/// Frames after the screen has what it needs: none of them runs a statement, on the app's
/// connection or on the reader's. Checked on every screen and tab of a file with a few years of
/// an okrug, the way the app opens it (the reader thread), and in the frame (a store handed to
/// the app, as the other tests do).
#[test]
fn a_steady_frame_of_every_screen_runs_no_sql() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let opened = path.clone();
    let on_thread = Harness::builder()
        .with_size(egui::vec2(1366.0, 900.0))
        .build_eframe(move |_cc| App::open(opened));
    steady_frames_run_no_sql(on_thread, 2);
    let in_frame = Harness::builder()
        .with_size(egui::vec2(1366.0, 900.0))
        .build_eframe(move |_cc| App::with_store(estu_core::safety::open(&path).unwrap()));
    steady_frames_run_no_sql(in_frame, 1);
}

/// Visits every screen (and the tabs of the backups and reference screens) and counts the
/// statements of 10 frames drawn once it has settled; `connections` is how many are counted.
fn steady_frames_run_no_sql(mut h: Harness<'static, App>, connections: usize) {
    settle(&mut h);
    let mut views: Vec<(Screen, Option<String>)> = Screen::ALL.iter().map(|s| (*s, None)).collect();
    for tab in ["ui.backup.history", "ui.backup.trash", "ui.backup.copies"] {
        views.push((Screen::Backups, Some(ru(tab))));
    }
    for tab in ["ui.ref.calendar", "ui.ref.topics"] {
        views.push((Screen::Reference, Some(ru(tab))));
    }
    for (screen, tab) in views {
        h.state_mut().show(screen);
        settle(&mut h);
        if let Some(tab) = &tab {
            h.get_by_label(tab).click();
            settle(&mut h);
        }
        let counts = h.state_mut().count_statements().unwrap();
        assert_eq!(counts.len(), connections, "connections counted");
        let before: Vec<u64> = counts.iter().map(|c| c.get()).collect();
        for _ in 0..10 {
            h.step();
        }
        let run: Vec<u64> = counts
            .iter()
            .zip(before)
            .map(|(c, before)| c.get() - before)
            .collect();
        assert!(
            run.iter().all(|n| *n == 0),
            "{screen:?} {tab:?}: statements in 10 steady frames: {run:?}"
        );
    }
}

/// Opening an appeal, a meeting or a plan item for editing (what a click in a list asks)
/// reads the record on the reader: the window's connection runs no statement, the reader's
/// does, and the editor opens once the record has come.
#[test]
fn opening_a_record_reads_it_on_the_reader_not_on_the_windows_thread() {
    use estu::app::Go;
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let first = |table: &str| -> i64 {
        rusqlite::Connection::open(&path)
            .unwrap()
            .query_row(&format!("SELECT min(id) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    };
    let opens = [
        (Go::Appeal(first("appeal")), "ui.appeal.history"),
        (Go::Meeting(first("meeting")), "ui.meetings.back"),
        (Go::PlanItem(first("plan_item")), "field.plan.measure"),
    ];
    let opened = path.clone();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 900.0))
        .build_eframe(move |_cc| App::open(opened));
    settle(&mut h);
    for (go, shown) in opens {
        h.state_mut().show(Screen::Dashboard);
        settle(&mut h);
        assert!(
            h.query_by_label(&ru(shown)).is_none(),
            "{go:?}: not open yet"
        );
        let counts = h.state_mut().count_statements().unwrap();
        assert_eq!(counts.len(), 2, "the window's and the reader's connections");
        let before: Vec<u64> = counts.iter().map(|c| c.get()).collect();
        h.state_mut().go(go.clone());
        settle(&mut h);
        assert!(
            h.query_by_label(&ru(shown)).is_some(),
            "{go:?}: the editor opened"
        );
        assert_eq!(
            counts[0].get(),
            before[0],
            "{go:?}: SQL on the window's thread"
        );
        assert!(counts[1].get() > before[1], "{go:?}: read on the reader");
    }
}

/// The copies in `dir/backups` whose name ends with `kind.db`.
fn copies(dir: &Path, kind: &str) -> usize {
    std::fs::read_dir(dir.join("backups"))
        .map(|d| {
            d.filter_map(|e| e.ok())
                .filter(|e| {
                    e.file_name()
                        .to_string_lossy()
                        .ends_with(&format!(".{kind}.db"))
                })
                .count()
        })
        .unwrap_or(0)
}

#[test]
fn a_copy_is_made_and_restored_from_the_backups_screen_as_jobs() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(new_store(dir.path()));
    h.get_by_label(&ru("ui.nav.backups")).click();
    settle(&mut h);
    assert_eq!(copies(dir.path(), "manual"), 0);
    // «Создать копию сейчас»: made on a thread; the copy is listed and named in the message.
    h.get_by_label(&ru("ui.backup.now")).click();
    settle(&mut h);
    assert_eq!(copies(dir.path(), "manual"), 1, "one verified copy");
    let toast = h.state().toast().expect("a message").clone();
    assert!(!toast.error, "{}", toast.text);
    assert!(
        toast
            .text
            .starts_with(&ru("ui.backup.made").replace("{path}", ""))
    );
    // Restore from it after the confirmation: the store goes to the job and comes back; the
    // state it replaced is kept as a copy.
    h.get_by_label(&ru("ui.backup.restore")).click();
    settle(&mut h);
    h.get_by_label(&ru("ui.backup.replace")).click();
    settle(&mut h);
    assert!(h.state().store().is_some(), "the store is back");
    assert_eq!(copies(dir.path(), "replaced"), 1, "the replaced state kept");
    let toast = h.state().toast().expect("a message").clone();
    assert!(!toast.error, "{}", toast.text);
    assert!(
        toast
            .text
            .starts_with(&ru("ui.backup.restored").replace("{kept}", ""))
    );
    // A second copy while nothing runs is made as well (the job slot is free again).
    h.get_by_label(&ru("ui.backup.now")).click();
    settle(&mut h);
    assert_eq!(copies(dir.path(), "manual"), 2);
}

#[test]
fn an_encrypted_file_opens_after_sign_in_and_a_viewer_cannot_save() {
    use estu_core::secure::{Role, users};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("enc.db");
    let (mut s, _) = Store::create_encrypted(
        &path,
        &estu_core::demo::profile(),
        "Ахметова А.К.",
        "пароль-админа",
    )
    .unwrap();
    users::add(&mut s, "Аким Н.", Role::Viewer, "пароль-акима").unwrap();
    s.write(|tx| {
        let water = reference::topic_id_by_code(tx, "water")?.unwrap();
        let at = today().and_hms_opt(10, 0, 0).unwrap();
        let mut a = Appeal::new(
            at,
            Channel::WrittenPerson,
            "Омаров Серик",
            water,
            "Нет воды",
        );
        estu_core::store::appeals::insert(tx, &mut a).map(|_| ())
    })
    .unwrap();
    drop(s);
    let p = path.clone();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 900.0))
        .build_eframe(move |_cc| App::open(p));
    h.run();
    assert!(h.state().store().is_none(), "nothing opens before sign-in");
    h.get_by_label(&ru("ui.signin.user")).focus();
    h.run();
    type_text(&mut h, "Аким Н.");
    let sign_in = |h: &mut Harness<'_, App>, pw: &str| {
        h.get_by_label(&ru("ui.signin.password")).focus();
        h.run();
        type_text(h, pw);
        h.get_by_label(&ru("ui.signin.enter")).click();
        settle(h);
    };
    sign_in(&mut h, "не-тот-пароль");
    assert!(h.state().store().is_none());
    assert!(h.query_by_label(&ru("err.password.wrong")).is_some());
    sign_in(&mut h, "пароль-акима");
    let store = h.state().store().expect("opened");
    assert_eq!(store.user().unwrap().role, Role::Viewer);
    // The viewer reads the journal, but deleting an appeal is refused and says why.
    h.get_by_label(&ru("ui.nav.journal")).click();
    settle(&mut h);
    h.get_by_label("Омаров Серик").click();
    settle(&mut h);
    h.get_by_label(&ru("ui.appeal.delete")).click();
    settle(&mut h);
    h.get_all_by_label(&ru("ui.appeal.delete"))
        .last()
        .unwrap()
        .click();
    settle(&mut h);
    assert_eq!(appeal_count(&h), 1);
    assert!(h.query_by_label_contains("не позволяет").is_some());
    // The window's own settings are the viewer's too: Kazakh is chosen, and remembered.
    h.get_by_label(&tr(Lang::Kk, "ui.lang.name")).click();
    settle(&mut h);
    assert_eq!(h.state().lang(), Lang::Kk);
    let saved = reference::setting(h.state().store().unwrap().conn(), "ui.lang").unwrap();
    assert_eq!(saved.as_deref(), Some("kk"));
}

/// Puts an appeal of «Омаров Серик» in the trash of `store`, after a change of his phone.
fn trash_one_appeal(store: &mut Store) {
    store
        .write(|tx| {
            let water = reference::topic_id_by_code(tx, "water")?.unwrap();
            let at = today().and_hms_opt(10, 0, 0).unwrap();
            let mut a = Appeal::new(
                at,
                Channel::WrittenPerson,
                "Омаров Серик",
                water,
                "Нет воды",
            );
            let id = estu_core::store::appeals::insert(tx, &mut a)?;
            // A change the trail records with its values.
            a.applicant_phone = "+7 777 000 00 01".into();
            estu_core::store::appeals::update(tx, &mut a)?;
            estu_core::store::appeals::delete(tx, id)
        })
        .unwrap();
}

#[test]
fn the_administrator_empties_the_trash_after_a_confirmation() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    trash_one_appeal(&mut store);
    let mut h = harness(store);
    h.get_by_label(&ru("ui.nav.backups")).click();
    h.run();
    h.get_by_label(&ru("ui.backup.trash")).click();
    settle(&mut h);
    // Asked first; «Вернуться» keeps everything.
    h.get_by_label(&ru("ui.backup.empty_trash")).click();
    h.run();
    h.get_by_label(&ru("ui.unsaved.stay")).click();
    h.run();
    assert_eq!(count(&h, "SELECT count(*) FROM trash"), 1);
    let named = "SELECT count(*) FROM audit_log WHERE changes LIKE '%777 000 00 01%'";
    assert!(
        count(&h, named) > 0,
        "the trail holds the applicant's phone"
    );
    h.get_by_label(&ru("ui.backup.empty_trash")).click();
    h.run();
    h.get_by_label(&ru("ui.backup.empty_trash_yes")).click();
    settle(&mut h);
    assert_eq!(count(&h, "SELECT count(*) FROM trash"), 0);
    assert_eq!(count(&h, named), 0, "the phone left the audit trail too");
    assert!(h.query_by_label(&ru("ui.backup.trash_empty")).is_some());
}

#[test]
fn staff_are_not_offered_to_empty_the_trash() {
    use estu_core::secure::{Credentials, Role, users};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("enc.db");
    let (mut s, _) = Store::create_encrypted(
        &path,
        &estu_core::demo::profile(),
        "Ахметова А.К.",
        "пароль-админа",
    )
    .unwrap();
    users::add(&mut s, "Бекова Д.", Role::Staff, "пароль-сотрудника").unwrap();
    trash_one_appeal(&mut s);
    drop(s);
    let creds = Credentials::password(Some("Бекова Д."), "пароль-сотрудника");
    let store = estu_core::safety::open_as(&path, Some(&creds)).unwrap();
    let mut h = harness(store);
    h.get_by_label(&ru("ui.nav.backups")).click();
    h.run();
    h.get_by_label(&ru("ui.backup.trash")).click();
    settle(&mut h);
    // The trash is listed (restoring is offered), emptying it is not.
    assert!(h.query_by_label(&ru("ui.backup.restore_record")).is_some());
    assert!(h.query_by_label(&ru("ui.backup.empty_trash")).is_none());
}

fn with_dialogs(store: Store, dialogs: FakeDialogs) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 1400.0))
        .build_eframe(move |_cc| {
            let mut app = App::with_store(store);
            app.set_dialogs(Box::new(dialogs));
            app
        });
    h.run();
    h
}

/// File → `item` (the menu opened first).
fn file_menu(h: &mut Harness<'_, App>, item: &str) {
    h.get_by_label(&ru("ui.menu.file")).click();
    h.run();
    h.get_by_label(&ru(item)).click();
    h.run();
}

fn import_button_enabled(h: &Harness<'_, App>) -> bool {
    !h.get_by_label(&ru("ui.import.go"))
        .accesskit_node()
        .is_disabled()
}

#[test]
fn a_sample_journal_is_imported_end_to_end_from_the_import_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = with_dialogs(new_store(dir.path()), FakeDialogs::default());
    file_menu(&mut h, "ui.menu.import");
    // «Открыть пример»: read, its columns found and checked, all on a job.
    h.get_by_label("reception-journal.xlsx").click();
    settle(&mut h);
    assert!(h.state().store().is_some(), "the store is back");
    // The columns as the headers say, each editable.
    assert!(h.query_by_label("B «Дата приёма»").is_some());
    // «Дороги» is not in the classifier: listed to be mapped, named in the problems with its
    // row and column, and the import not offered.
    assert!(h.query_by_label("«Дороги»").is_some());
    assert!(
        h.query_by_label_contains("строка 5, столбец I «Тема»")
            .is_some()
    );
    assert!(!import_button_enabled(&h));
    assert_eq!(appeal_count(&h), 0, "a check writes nothing");
    let roads = "Ремонт и строительство дорог и тротуаров";
    h.get_all_by_role_and_label(egui::accesskit::Role::ComboBox, "«Дороги»")
        .next()
        .unwrap()
        .click();
    h.run();
    h.get_by_label(roads).click();
    h.run();
    // A changed choice needs a new check before anything is written.
    assert!(!import_button_enabled(&h));
    h.get_by_label(&ru("ui.import.check")).click();
    settle(&mut h);
    assert!(
        h.query_by_label_contains("Будет загружено обращений: 8 (с результатом: 5)")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Будут добавлены населённые пункты: с. Новоселовка")
            .is_some()
    );
    assert!(h.query_by_label(&ru("ui.import.ready")).is_some());
    assert_eq!(appeal_count(&h), 0);
    h.get_by_label(&ru("ui.import.go")).click();
    settle(&mut h);
    assert_eq!(appeal_count(&h), 8);
    assert_eq!(
        count(
            &h,
            "SELECT count(*) FROM appeal WHERE topic_id = (SELECT id FROM topic WHERE code = 'roads')"
        ),
        1
    );
    let toast = h.state().toast().expect("a message").clone();
    assert!(!toast.error, "{}", toast.text);
    assert!(
        toast.text.contains("Загружено обращений: 8"),
        "{}",
        toast.text
    );
    assert!(
        h.query_by_label(&ru("ui.import.title")).is_none(),
        "the window closed"
    );
    // The new village is in the lists at once.
    assert!(
        h.state()
            .refs()
            .settlements
            .iter()
            .any(|s| s.name_ru == "с. Новоселовка")
    );
}

/// Chooses `option` in the combo box labelled `label`.
fn choose(h: &mut Harness<'_, App>, label: &str, option: &str) {
    h.get_all_by_role_and_label(egui::accesskit::Role::ComboBox, label)
        .next()
        .unwrap()
        .click();
    h.run();
    h.get_by_label(option).click();
    h.run();
}

/// The meetings sample: its rows read as meetings with their questions, an unknown topic
/// mapped in the window, checked, then imported; the meetings screen has them at once.
#[test]
fn the_meetings_sample_is_imported_from_the_import_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = with_dialogs(new_store(dir.path()), FakeDialogs::default());
    file_menu(&mut h, "ui.menu.import");
    h.get_by_label("meetings.xlsx").click();
    settle(&mut h);
    // What the rows are, as the headers say, and the meeting's columns.
    assert!(
        h.query_by_label(&ru("ui.import.records")).is_some(),
        "what the rows are, to be changed"
    );
    assert!(h.query_by_label("J «Поднятый вопрос»").is_some());
    assert!(h.query_by_label(&ru("ui.import.meeting_kind")).is_some());
    assert!(h.query_by_label(&ru("ui.import.channel")).is_none());
    assert!(
        h.query_by_label_contains("строка 3, столбец K «Тема»")
            .is_some()
    );
    assert!(!import_button_enabled(&h));
    choose(
        &mut h,
        "«Дороги»",
        "Ремонт и строительство дорог и тротуаров",
    );
    h.get_by_label(&ru("ui.import.check")).click();
    settle(&mut h);
    assert!(
        h.query_by_label_contains("Будет загружено встреч: 3, вопросов: 8")
            .is_some()
    );
    assert_eq!(count(&h, "SELECT count(*) FROM meeting"), 0);
    h.get_by_label(&ru("ui.import.go")).click();
    settle(&mut h);
    assert_eq!(count(&h, "SELECT count(*) FROM meeting"), 3);
    assert_eq!(count(&h, "SELECT count(*) FROM question"), 8);
    let toast = h.state().toast().expect("a message").clone();
    assert!(
        toast.text.contains("Загружено встреч: 3, вопросов: 8"),
        "{}",
        toast.text
    );
}

/// What the rows are can be changed: the columns are found again for that kind, and a file
/// without the columns that kind needs is said so, nothing written.
#[test]
fn the_kind_of_records_is_a_choice_in_the_import_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = with_dialogs(new_store(dir.path()), FakeDialogs::default());
    file_menu(&mut h, "ui.menu.import");
    h.get_by_label("reception-journal.xlsx").click();
    settle(&mut h);
    assert!(h.query_by_label(&ru("ui.import.channel")).is_some());
    choose(&mut h, &ru("ui.import.records"), &ru("import.kind.plan"));
    assert!(h.query_by_label(&ru("ui.import.channel")).is_none());
    assert!(!import_button_enabled(&h));
    h.get_by_label(&ru("ui.import.check")).click();
    settle(&mut h);
    assert!(
        h.query_by_label_contains("не указан столбец проблемного вопроса")
            .is_some()
    );
    assert!(!import_button_enabled(&h));
    assert_eq!(count(&h, "SELECT count(*) FROM plan_item"), 0);
}

/// The plan sample names a village the okrug does not have: listed, mapped to one of the
/// okrug's in the window (not added), and the plan's items imported.
#[test]
fn an_unknown_settlement_is_mapped_to_an_existing_one_in_the_import_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = with_dialogs(new_store(dir.path()), FakeDialogs::default());
    let settlements = count(&h, "SELECT count(*) FROM settlement");
    file_menu(&mut h, "ui.menu.import");
    h.get_by_label("action-plan.csv").click();
    settle(&mut h);
    assert!(h.query_by_label(&ru("ui.import.default_topic")).is_none());
    assert!(h.query_by_label(&ru("ui.import.new_settlements")).is_some());
    assert!(
        h.query_by_label_contains("Будут добавлены населённые пункты: Новосёловка")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Будет загружено пунктов плана: 6")
            .is_some()
    );
    choose(&mut h, "«Новосёловка»", "Красный Яр");
    assert!(
        !import_button_enabled(&h),
        "a changed choice is checked first"
    );
    h.get_by_label(&ru("ui.import.check")).click();
    settle(&mut h);
    assert!(
        h.query_by_label_contains("Будут добавлены населённые пункты")
            .is_none()
    );
    assert!(import_button_enabled(&h));
    h.get_by_label(&ru("ui.import.go")).click();
    settle(&mut h);
    assert_eq!(count(&h, "SELECT count(*) FROM plan_item"), 6);
    assert_eq!(count(&h, "SELECT count(*) FROM settlement"), settlements);
    assert_eq!(
        count(
            &h,
            "SELECT count(*) FROM plan_item p JOIN settlement s ON s.id = p.settlement_id
             WHERE s.name_ru = 'Красный Яр'"
        ),
        4
    );
}

#[test]
fn a_bad_file_is_refused_in_the_import_window_with_row_and_column_and_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("журнал.csv");
    std::fs::write(
        &file,
        "Дата поступления;Ф.И.О.;Содержание обращения;Тема\n\
         11.01.2022;Иванов Иван;Нет света;Электроснабжение\n\
         31.02.2022;Петров Пётр;Яма на дороге;Электроснабжение\n",
    )
    .unwrap();
    let store = new_store(dir.path());
    let db = store.path().unwrap().to_path_buf();
    let settlements = |h: &Harness<'_, App>| count(h, "SELECT count(*) FROM settlement");
    let mut h = with_dialogs(
        store,
        FakeDialogs {
            import_from: Some(file),
            ..Default::default()
        },
    );
    let before = settlements(&h);
    file_menu(&mut h, "ui.menu.import");
    h.get_by_label(&ru("ui.import.choose")).click();
    settle(&mut h);
    assert!(
        h.query_by_label_contains("Файл журнал.csv, строка 3, столбец A «Дата поступления»")
            .is_some(),
        "the row and the column named"
    );
    assert!(
        h.query_by_label_contains("«31.02.2022» не читается")
            .is_some()
    );
    assert!(
        h.query_by_label_contains(&ru("ui.import.problems").replace("{n}", "1"))
            .is_some()
    );
    assert!(!import_button_enabled(&h), "refused while a problem stays");
    assert_eq!(appeal_count(&h), 0);
    assert_eq!(settlements(&h), before);
    assert_eq!(
        count(&h, "SELECT count(*) FROM reception"),
        0,
        "the first row's reception day rolled back with the check"
    );
    // Closing the window leaves the file as it was.
    h.get_all_by_label(&ru("ui.close")).last().unwrap().click();
    h.run();
    assert!(h.query_by_label(&ru("ui.import.title")).is_none());
    drop(h);
    let s = Store::open_read_only(&db).unwrap();
    assert_eq!(
        estu_core::store::appeals::matching_ids(s.conn(), &Default::default(), today())
            .unwrap()
            .len(),
        0
    );
}

/// The journal's list exported to Excel from the app («В Excel») comes back into an empty
/// database through the import with the same forms; File → Экспорт writes the exchange file.
#[test]
fn the_journal_exported_from_the_app_imports_back_with_the_same_forms() {
    use estu_core::forms::{self, FormKind, Period, Request, Scope};
    let until = NaiveDate::from_ymd_opt(2022, 12, 31).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut a = Store::create(&dir.path().join("a.db"), &estu_core::demo::profile()).unwrap();
    a.set_today(until);
    let mut o = estu_core::demo::Options::new(11, estu_core::demo::Scale::Okrug, until);
    o.first_year = 2022;
    estu_core::demo::generate(&mut a, &o).unwrap();
    let xlsx = dir.path().join("journal.xlsx");
    let mut h = with_dialogs(
        a,
        FakeDialogs {
            save_to: Some(xlsx.clone()),
            ..Default::default()
        },
    );
    h.get_by_label(&ru("ui.nav.journal")).click();
    settle(&mut h);
    let shown = h.state().journal().total().n as usize;
    h.get_by_label(&ru("ui.journal.to_excel")).click();
    settle(&mut h);
    let toast = h.state().toast().expect("a message").clone();
    assert!(!toast.error, "{}", toast.text);
    assert!(
        toast.text.contains(&xlsx.display().to_string()),
        "says where: {}",
        toast.text
    );
    assert!(toast.text.contains(&shown.to_string()), "{}", toast.text);

    let form = |s: &Store, period: &str| {
        let req = Request::new(
            FormKind::F1,
            Period::parse(period).unwrap(),
            Lang::Ru,
            until,
        )
        .with_scope(Scope::resolve(s.conn(), None).unwrap());
        forms::compute(s.conn(), &req).unwrap().tables
    };
    let mut b = Store::create(&dir.path().join("b.db"), &estu_core::demo::profile()).unwrap();
    b.set_today(until);
    let table = estu_core::tabular::Table::open(&xlsx).unwrap();
    let mapping = table.mapping(b.conn()).unwrap();
    let p = estu_core::tabular::import(&mut b, &table, &mapping, &Default::default())
        .unwrap_or_else(|e| panic!("{}", e.message(Lang::Ru)));
    assert_eq!(p.appeals, shown);
    let a = h.state().store().unwrap();
    for period in ["2022", "2022-Q2"] {
        assert_eq!(form(a, period), form(&b, period), "F1 {period}");
    }
}

/// File → Экспорт writes the exchange file on a job; imported into another database through
/// the window, its different topic mapping is a choice that says what would change.
#[test]
fn an_exchange_file_is_exported_and_its_topic_mapping_is_a_choice_on_import() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("okrug.json");
    let mut h = with_dialogs(
        new_store(dir.path()),
        FakeDialogs {
            save_to: Some(json.clone()),
            ..Default::default()
        },
    );
    h.get_by_label(&ru("ui.menu.file")).click();
    h.run();
    h.get_by_label(&ru("ui.menu.export")).hover();
    h.run();
    h.get_by_label(&ru("ui.menu.export_full")).click();
    settle(&mut h);
    let toast = h.state().toast().expect("a message").clone();
    assert!(!toast.error, "{}", toast.text);
    assert!(
        toast.text.contains(&json.display().to_string()),
        "{}",
        toast.text
    );
    drop(h);
    // The file maps roads to another F1 column.
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    for t in v["topics"].as_array_mut().unwrap() {
        if t["code"] == "roads" {
            t["f1"] = 7.into();
        }
    }
    let changed = dir.path().join("changed.json");
    std::fs::write(&changed, serde_json::to_vec(&v).unwrap()).unwrap();

    let other = tempfile::tempdir().unwrap();
    let mut h = with_dialogs(
        new_store(other.path()),
        FakeDialogs {
            import_from: Some(changed),
            ..Default::default()
        },
    );
    let f1 = |h: &Harness<'_, App>| count(h, "SELECT f1 FROM topic WHERE code = 'roads'");
    assert_eq!(f1(&h), 1);
    file_menu(&mut h, "ui.menu.import");
    h.get_by_label(&ru("ui.import.choose")).click();
    settle(&mut h);
    assert!(h.query_by_label(&ru("ui.import.mapping_differs")).is_some());
    assert!(
        h.query_by_label_contains("(roads): F1 — было 1, станет 7")
            .is_some(),
        "what would change is said"
    );
    assert!(
        import_button_enabled(&h),
        "keeping the database's mapping is the default"
    );
    h.get_by_label(&ru("ui.import.take_mapping")).click();
    h.run();
    assert!(!import_button_enabled(&h), "checked again first");
    h.get_by_label(&ru("ui.import.check")).click();
    settle(&mut h);
    h.get_by_label(&ru("ui.import.go")).click();
    settle(&mut h);
    let toast = h.state().toast().expect("a message").clone();
    assert!(!toast.error, "{}", toast.text);
    assert_eq!(f1(&h), 7, "the file's mapping taken, as chosen");
}

/// The wizard shows, as the fields are typed, how the forms will print them: the genitive
/// district and region, the village, the akim's signature and the executor.
#[test]
fn the_wizard_shows_how_each_profile_field_prints_on_the_forms() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("new.db");
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 1600.0))
        .build_eframe(move |_cc| App::open(p));
    h.run();
    assert!(h.query_by_label(&ru("ui.wizard.printed")).is_some());
    assert!(
        h.query_by_label_contains("Алакольского").is_none(),
        "nothing typed yet"
    );
    for (label, text) in [
        ("ui.okrug.okrug_gen_ru", "Каратальского сельского округа"),
        ("ui.okrug.district_gen_ru", "Алакольского района"),
        ("ui.okrug.region_ru", "Алматинской области"),
        (
            "field.okrug.akim_position_ru",
            "Аким Каратальского сельского округа",
        ),
        ("field.okrug.akim_name", "Бекова Айнур Сериковна"),
        ("field.okrug.executor_name", "Садыков Р.Т."),
        ("ui.okrug.executor_phone", "8 (72833) 2-14-55"),
    ] {
        h.get_by_label(&ru(label)).focus();
        h.run();
        type_text(&mut h, text);
    }
    h.get_by_label(&ru("field.settlement.name_ru")).focus();
    h.run();
    type_text(&mut h, "Каратал");
    for printed in [
        // F2's title: the okrug and the district in the genitive.
        "акима Каратальского сельского округа Алакольского района",
        // F3's: the region after «по».
        "акима Каратальского сельского округа по Алматинской области",
        // A form for one village.
        "в селе Каратал",
        // The signature: position, initials and surname; the executor with the phone.
        "Аким Каратальского сельского округа  ________  А.С. Бекова",
        "Исп.: Садыков Р.Т., тел. 8 (72833) 2-14-55",
    ] {
        assert!(
            h.query_by_label_contains(printed).is_some(),
            "«{printed}» shown"
        );
    }
}

/// The `n`-th okrug of the demo district, its year up to `until`, written as its
/// `export --for-district` file in `dir` (with the applicants' details when `personal`).
fn okrug_file(dir: &Path, n: usize, until: NaiveDate, personal: bool) -> PathBuf {
    use chrono::Datelike;
    let mut s = Store::in_memory(&estu_core::demo::profile::numbered(n)).unwrap();
    s.set_today(until);
    let mut o = estu_core::demo::Options::new(n as u64, estu_core::demo::Scale::Okrug, until);
    o.first_year = until.year() - 1;
    estu_core::demo::generate(&mut s, &o).unwrap();
    let path = dir.join(format!("okrug{n}.json"));
    let data = if personal {
        estu_core::exchange::PersonalData::Include
    } else {
        estu_core::exchange::PersonalData::Omit
    };
    estu_core::exchange::write_file(&s, &path, data).unwrap();
    path
}

/// Draws frames until `label` shows (the folder's watcher looks every 0.7 s).
fn wait_for_label(h: &mut Harness<'_, App>, label: &str) {
    let t = std::time::Instant::now();
    while h.query_by_label_contains(label).is_none() {
        assert!(t.elapsed().as_secs() < 30, "{label:?} never showed");
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    settle(h);
}

#[test]
fn the_district_mode_consolidates_its_folder_of_okrug_files_as_the_core_does() {
    use estu_core::district::{self, DistrictProfile};
    use estu_core::forms::{FormKind, Period, Request};
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("okrugs");
    std::fs::create_dir(&folder).unwrap();
    let june = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
    let march = NaiveDate::from_ymd_opt(2026, 3, 15).unwrap();
    // The third okrug sent its file in March: its data end before the half-year does.
    let files = vec![
        okrug_file(&folder, 1, june, false),
        okrug_file(&folder, 2, june, false),
        okrug_file(&folder, 3, march, false),
    ];
    let pdf = dir.path().join("district-f1.pdf");
    let dialogs = FakeDialogs {
        save_to: Some(pdf.clone()),
        folder: Some(folder.clone()),
        ..Default::default()
    };
    let store = new_store(dir.path());
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 1600.0))
        .build_eframe(move |_cc| {
            let mut app = App::with_store(store);
            app.set_dialogs(Box::new(dialogs));
            app
        });
    h.run();

    // File → «Режим района…», then the folder, chosen once and remembered.
    h.get_by_label(&ru("ui.menu.file")).click();
    h.run();
    h.get_by_label(&ru("ui.menu.district")).click();
    h.run();
    {
        let d = h
            .state_mut()
            .district_mut()
            .expect("the district mode is on");
        d.set_today(june);
        d.kind = FormKind::F1;
        d.period.kind = estu_core::forms::period::PeriodKind::Half(1);
        d.period.year = 2026;
    }
    h.get_by_label(&ru("ui.district.choose_folder")).click();
    settle(&mut h);
    let db = h.state().db_path().to_path_buf();
    assert_eq!(
        estu::app::district::AppSettings::read(&db).district_folder,
        Some(folder.clone())
    );

    // Each file with its okrug and how far its data go.
    let okrugs = district::load(&files).unwrap();
    for o in &okrugs {
        assert!(
            h.query_by_label(&o.profile.org_name_ru).is_some(),
            "{}",
            o.profile.org_name_ru
        );
        let to = o.last_day.unwrap().format("%d.%m.%Y").to_string();
        let line = estu_core::i18n::trf(Lang::Ru, "ui.district.data_to", &[("date", &to)]);
        assert!(h.query_by_label(&line).is_some(), "{line}");
    }

    // No profile yet: entered once, saved as district.json in the folder.
    assert!(h.state().district().unwrap().form().is_none());
    for (field, value) in [
        ("org_name_ru", "ГУ «Аппарат акима Бурабайского района»"),
        ("district_gen_ru", "Бурабайского района"),
        ("akim_name", "Жумабеков Н.С."),
    ] {
        h.get_by_label(&ru(&format!("ui.district.field.{field}")))
            .focus();
        h.run();
        type_text(&mut h, value);
    }
    h.get_by_label(&ru("ui.district.profile_save")).click();
    // Frames until it is written (not `settle`: the folder's watcher may start a reading at
    // any frame from now on, and `settle` ends with frames that must not be busy).
    let t = std::time::Instant::now();
    while !folder.join("district.json").exists() {
        assert!(t.elapsed().as_secs() < 30, "the profile was not saved");
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    let profile = DistrictProfile::read(&folder.join("district.json")).unwrap();
    assert_eq!(profile.akim_name, "Жумабеков Н.С.");
    // Saving the profile changed the folder: it is read again, and the form made again.
    let t = std::time::Instant::now();
    while h.state().district().unwrap().loads() < 2 {
        assert!(t.elapsed().as_secs() < 30, "the folder was not read again");
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    settle(&mut h);

    // The preview is the core's consolidation of the same files, number for number.
    let req = Request::new(FormKind::F1, Period::half(2026, 1), Lang::Ru, june);
    let expected = district::consolidate(&profile, &okrugs, &req).unwrap();
    let shown = h
        .state()
        .district()
        .unwrap()
        .form()
        .expect("the form is previewed");
    assert_eq!(shown, &expected.form);
    assert!(h.query_by_label(&ru("forms.district.total")).is_some());
    for o in &okrugs {
        assert!(
            h.query_all_by_label(&o.profile.org_name_ru).count() >= 2,
            "a row per okrug"
        );
    }
    let ends = expected
        .notes
        .iter()
        .map(|n| n.render(Lang::Ru))
        .find(|n| n.contains(&okrugs[2].profile.org_name_ru))
        .expect("the March okrug is flagged");
    // Above the form, and in its closing notes (printed with it).
    assert_eq!(
        h.query_all_by_label(&ends).count(),
        2,
        "the flag is shown: {ends}"
    );

    // Saved as PDF on the jobs runner.
    h.get_by_label(&ru("ui.reports.save_pdf")).click();
    settle(&mut h);
    let toast = h.state().toast().map(|t| t.text.clone());
    assert!(
        std::fs::read(&pdf)
            .unwrap_or_else(|_| panic!("{toast:?}"))
            .starts_with(b"%PDF")
    );
    assert!(h.query_by_label(&pdf.display().to_string()).is_some());

    // A full export dropped into the folder by mistake: refused, said why, no form.
    let full = okrug_file(dir.path(), 4, june, true);
    std::fs::rename(&full, folder.join("okrug4.json")).unwrap();
    wait_for_label(&mut h, &ru("ui.district.refused"));
    assert!(h.query_by_label(&ru("ui.district.blocked")).is_some());
    assert!(h.query_by_label_contains("персональные данные").is_some());
    assert!(h.state().district().unwrap().form().is_none());
    // Taken out again: the form is back.
    std::fs::remove_file(folder.join("okrug4.json")).unwrap();
    let t = std::time::Instant::now();
    while h.state().district().unwrap().form().is_none() {
        assert!(t.elapsed().as_secs() < 30, "the form never came back");
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    settle(&mut h);
    assert_eq!(
        h.state().district().unwrap().form().unwrap(),
        &expected.form
    );

    // The next start on this computer without an okrug database opens the district mode.
    let app = App::open(db.with_file_name("none.db"));
    assert_eq!(
        app.district().and_then(|d| d.folder()),
        Some(folder.as_path())
    );
}

#[test]
fn the_plan_is_published_as_a_page_and_a_card_on_the_jobs_runner() {
    let dir = tempfile::tempdir().unwrap();
    for (ext, magic) in [("html", &b"<!DOCTYPE html>"[..]), ("png", &b"\x89PNG"[..])] {
        let out = dir.path().join(format!("plan.{ext}"));
        let dialogs = FakeDialogs {
            save_to: Some(out.clone()),
            ..Default::default()
        };
        let opened = dialogs.opened.clone();
        let sub = dir.path().join(ext);
        std::fs::create_dir(&sub).unwrap();
        let store = new_store(&sub);
        let mut h = Harness::builder()
            .with_size(egui::vec2(1366.0, 900.0))
            .build_eframe(move |_cc| {
                let mut app = App::with_store(store);
                app.set_dialogs(Box::new(dialogs));
                app
            });
        h.run();
        h.state_mut().show(Screen::Plan);
        h.run();
        let button = if ext == "html" {
            "ui.plan.publish"
        } else {
            "ui.plan.card"
        };
        h.get_by_label(&ru(button)).click();
        h.step();
        settle(&mut h);
        let bytes = std::fs::read(&out).expect("the file was written");
        assert!(bytes.starts_with(magic), "{ext}");
        assert!(!out.with_extension(format!("{ext}.partial")).exists());
        let key = if ext == "html" {
            "publish.saved_html"
        } else {
            "publish.saved_png"
        };
        let said = estu_core::i18n::trf(Lang::Ru, key, &[("path", &out.display())]);
        assert_eq!(
            h.state().toast().map(|t| t.text.as_str()),
            Some(said.as_str())
        );
        assert_eq!(
            opened.lock().unwrap().as_slice(),
            std::slice::from_ref(&out)
        );
    }
}

#[test]
fn the_full_export_of_an_encrypted_file_asks_a_password_and_is_encrypted() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = Store::create_encrypted(
        &dir.path().join("enc.db"),
        &estu_core::demo::profile(),
        "Ахметова А.К.",
        "пароль-админа",
    )
    .unwrap();
    trash_one_appeal(&mut store);
    let out = dir.path().join("okrug.json.age");
    let mut h = with_dialogs(
        store,
        FakeDialogs {
            save_to: Some(out.clone()),
            ..Default::default()
        },
    );
    let export_full = |h: &mut Harness<'static, App>| {
        h.get_by_label(&ru("ui.menu.file")).click();
        h.run();
        h.get_by_label(&ru("ui.menu.export")).hover();
        h.run();
        h.get_by_label(&ru("ui.menu.export_full")).click();
        settle(h);
    };
    export_full(&mut h);
    // Asked first: nothing is written until a password (twice) or a plain file is chosen.
    assert!(h.query_by_label(&ru("ui.export.ask_title")).is_some());
    assert!(!out.exists());
    for (field, text) in [
        ("ui.wizard.password", "пароль-выгрузки"),
        ("ui.wizard.password_again", "другой-пароль"),
    ] {
        h.get_by_label(&ru(field)).focus();
        h.run();
        type_text(&mut h, text);
    }
    h.get_by_label(&ru("ui.export.sealed")).click();
    settle(&mut h);
    assert!(h.query_by_label(&ru("err.password.mismatch")).is_some());
    assert!(!out.exists());
    // Cancelled, asked again, the same password twice: the file is written encrypted.
    h.get_by_label(&ru("ui.cancel")).click();
    settle(&mut h);
    assert!(h.query_by_label(&ru("ui.export.ask_title")).is_none());
    export_full(&mut h);
    for field in ["ui.wizard.password", "ui.wizard.password_again"] {
        h.get_by_label(&ru(field)).focus();
        h.run();
        type_text(&mut h, "пароль-выгрузки");
    }
    h.get_by_label(&ru("ui.export.sealed")).click();
    settle(&mut h);
    let toast = h.state().toast().expect("a message").clone();
    assert!(!toast.error, "{}", toast.text);
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1"));
    let okrug = estu_core::demo::profile().org_name_ru;
    let needle = okrug.as_bytes();
    assert!(!bytes.windows(needle.len()).any(|w| w == needle));
    let plain = estu_core::exchange::sealed::open(&bytes, "пароль-выгрузки", &out).unwrap();
    assert!(plain.windows(needle.len()).any(|w| w == needle));
}

//! A day at the akimat desk (issue 12): critical remarks counted from the questions, a readable
//! history, plan items made from a question, and the smaller things a new user tripped on.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use estu::app::{App, Go, Screen};
use estu_core::i18n::{Lang, tr};
use estu_core::model::*;
use estu_core::store::{Store, meetings, reference};

#[path = "support/app.rs"]
mod app_support;
use app_support::*;

fn count(h: &Harness<'_, App>, sql: &str) -> i64 {
    h.state()
        .store()
        .unwrap()
        .conn()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

/// A held akim's meeting today with four questions: two critical to the okrug's akim
/// (level 6), one to the district's (level 5), one not critical; and three more remarks to the
/// okrug's akim voiced but not written down as questions.
fn meeting_with_critical_questions(store: &mut Store) -> i64 {
    store
        .write(|tx| {
            let mut m = Meeting::new(MeetingKind::Akim826, today());
            m.held_on = Some(today());
            m.remarks = vec![
                Remarks {
                    addressee_level: 6,
                    count: 5,
                },
                Remarks {
                    addressee_level: 5,
                    count: 1,
                },
            ];
            let id = meetings::save(tx, &mut m)?;
            for (text, level) in [
                ("Нет воды на ул. Абая", Some(6)),
                ("Не вывозят мусор", Some(6)),
                ("Дорога до райцентра разбита", Some(5)),
                ("Просим спортплощадку", None),
            ] {
                let mut q = Question::at_meeting(id, text, 1);
                q.critical = level.is_some();
                q.addressee_level = level;
                meetings::save_question(tx, &mut q)?;
            }
            Ok(id)
        })
        .unwrap()
}

fn remarks(h: &Harness<'_, App>, level: u8) -> i64 {
    count(
        h,
        &format!(
            "SELECT coalesce(sum(count), 0) FROM meeting_remark WHERE addressee_level = {level}"
        ),
    )
}

fn f2_q2(h: &Harness<'_, App>, row: &str) -> Option<i64> {
    h.state()
        .reports()
        .form()?
        .table()
        .cell(row, "q2")
        .and_then(|c| c.as_int())
}

#[test]
fn critical_remarks_are_counted_from_the_questions_and_only_the_rest_is_typed() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let id = meeting_with_critical_questions(&mut store);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 900.0))
        .build_eframe(move |_cc| {
            let mut app = App::with_store(store);
            app.reports_mut().choose("f2");
            app.reports_mut().set_quarter(2024, 2);
            app
        });
    h.run();
    h.state_mut().go(Go::Meeting(id));
    h.run();
    // What is typed per level is only the remarks not recorded as questions: 5 − 2 at the
    // okrug's akim, 1 − 1 at the district's.
    let level6 = tr(Lang::Ru, "level.6");
    let level5 = tr(Lang::Ru, "level.5");
    let typed = |h: &Harness<'_, App>, level: &str| -> String {
        h.get_all_by_role(Role::SpinButton)
            .find(|n| {
                n.accesskit_node()
                    .label()
                    .is_some_and(|l| l.contains(level))
            })
            .and_then(|n| n.value())
            .unwrap_or_default()
    };
    assert_eq!(typed(&h, &level6), "3");
    assert_eq!(typed(&h, &level5), "0");

    // The first water question is not critical after all: one remark less to the okrug's
    // akim, with nothing else to change by hand.
    h.get_all_by_label(&ru("field.question.critical"))
        .next()
        .unwrap()
        .click();
    h.run();
    h.get_by_label(&ru("ui.save_ctrl_s")).click();
    h.run();
    assert!(
        h.query_by_label(&ru("ui.form.not_saved")).is_none(),
        "saved without touching the counts"
    );
    assert_eq!(
        remarks(&h, 6),
        1 + 3,
        "one critical question and three unrecorded"
    );
    assert_eq!(remarks(&h, 5), 1);

    // F2 line 8, computed by hand: 4 to the okrug's akim, 1 to the district's, 5 in all.
    h.state_mut().show(Screen::Reports);
    h.run();
    assert_eq!(f2_q2(&h, "line8.level6"), Some(4));
    assert_eq!(f2_q2(&h, "line8.level5"), Some(1));
    assert_eq!(f2_q2(&h, "line8"), Some(5));
}

#[test]
fn a_refused_remark_count_names_the_level_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let id = meeting_with_critical_questions(&mut store);
    let err = store
        .write(|tx| {
            let mut m = meetings::get(tx, id)?;
            m.remarks.retain(|r| r.addressee_level != 5);
            meetings::save(tx, &mut m)
        })
        .unwrap_err();
    for lang in Lang::ALL {
        let text = err.message(lang);
        assert!(
            text.contains(&tr(lang, "level.5")),
            "{lang:?}: the level is named: {text}"
        );
        assert!(
            !text.contains("уровня 5") && !text.contains("5 деңгей"),
            "{text}"
        );
    }
}

/// Every label of the window, for looking at what it says.
fn all_text(h: &Harness<'_, App>) -> String {
    h.root()
        .children_recursive()
        .flat_map(|n| [n.accesskit_node().label(), n.accesskit_node().value()])
        .flatten()
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_history_of_an_appeal_reads_as_a_person_writes_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let (id, number) = store
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
            a.outcome = Some(Outcome::Explained);
            a.answered_on = Some(today());
            estu_core::store::appeals::update(tx, &mut a)?;
            Ok((a.id, a.reg_number))
        })
        .unwrap();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 900.0))
        .build_eframe(move |_cc| App::with_store(store));
    h.run();
    for lang in Lang::ALL {
        h.state_mut().set_lang(lang);
        h.state_mut().go(Go::Appeal(id));
        h.run();
        h.get_by_label(&tr(lang, "ui.appeal.history")).click();
        h.run();
        for _ in 0..5 {
            h.step();
        }
        h.run();
        // Asked for by the registration number, not the internal id.
        let field = tr(lang, "ui.backup.record");
        assert_eq!(
            h.get_by_label(&field).value().as_deref(),
            Some(number.as_str())
        );
        let text = all_text(&h);
        assert!(
            text.contains(&tr(lang, "outcome.explained")),
            "{lang:?}: {text}"
        );
        assert!(
            text.contains("27.06.2024"),
            "{lang:?}: dates as people write them: {text}"
        );
        for raw in ["explained", "2024-06-27", "→", "written_person"] {
            assert!(!text.contains(raw), "{lang:?}: «{raw}» in {text}");
        }
        assert!(
            !text.contains(&tr(lang, "history.actor_none")),
            "{lang:?}: no staff member is said by saying nothing"
        );
    }
}

#[test]
fn a_question_sent_to_the_plan_opens_its_item_prefilled_and_links_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let id = meeting_with_critical_questions(&mut store);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 900.0))
        .build_eframe(move |_cc| App::with_store(store));
    h.run();
    h.state_mut().go(Go::Meeting(id));
    h.run();
    h.get_all_by_label(&ru("ui.meetings.to_plan"))
        .next()
        .unwrap()
        .click();
    h.run();
    assert_eq!(h.state().screen(), Screen::Plan, "the new item is open");
    let value = |h: &Harness<'_, App>, key: &str| h.get_by_label(&ru(key)).value();
    assert_eq!(
        value(&h, "field.plan.measure").as_deref(),
        Some("Нет воды на ул. Абая"),
        "the measure starts from the question"
    );
    // Made on 27.06.2024: due at the end of the next quarter.
    assert_eq!(
        value(&h, "field.plan.deadline").as_deref(),
        Some("30.09.2024")
    );
    let item: i64 = count(&h, "SELECT plan_item_id FROM plan_item_question");

    // Back at the meeting, «в плане» is a link to that item.
    h.state_mut().go(Go::CloseEditor);
    h.state_mut().go(Go::Meeting(id));
    h.run();
    h.get_by_label(&ru("ui.meetings.in_plan")).click();
    h.run();
    assert_eq!(h.state().screen(), Screen::Plan);
    assert_eq!(
        value(&h, "field.plan.measure").as_deref(),
        Some("Нет воды на ул. Абая")
    );
    assert_eq!(
        count(&h, "SELECT count(*) FROM plan_item"),
        1,
        "{item}: none made twice"
    );
}

#[test]
fn the_plan_list_is_searched_filtered_sorted_and_draws_only_the_rows_in_view() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    store
        .write(|tx| {
            let water = reference::topic_id_by_code(tx, "water")?.unwrap();
            for n in 1..=300 {
                let mut p = PlanItem::new(&format!("Проблемный вопрос номер {n}"));
                p.created_on = Some(today());
                if n % 100 == 0 {
                    p.topic_id = Some(water);
                    p.measure = format!("Заменить ВОДОПРОВОД, участок {n}");
                }
                estu_core::store::plan::save(tx, &mut p)?;
            }
            Ok(())
        })
        .unwrap();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_eframe(move |_cc| App::with_store(store));
    h.run();
    h.state_mut().show(Screen::Plan);
    h.run();
    let summary =
        |n: usize| estu_core::i18n::trf(Lang::Ru, "ui.plan.summary", &[("n", &n), ("done", &0)]);
    h.get_by_label(&summary(300));
    // Only the rows in view are drawn.
    assert!(h.query_by_label("Проблемный вопрос номер 1").is_some());
    assert!(h.query_by_label("Проблемный вопрос номер 300").is_none());
    let problems = h
        .get_all_by_role(Role::Link)
        .filter(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.starts_with("Проблемный"))
        })
        .count();
    assert!(problems < 60, "{problems} rows drawn of 300");

    // Newest first: the last item comes to the top.
    h.get_by_label(&ru("ui.plan.sort")).click();
    h.run();
    h.get_by_label(&ru("ui.plan.sort.newest")).click();
    h.run();
    assert!(h.query_by_label("Проблемный вопрос номер 300").is_some());

    // Words from the measure, in another case: the three water items.
    h.get_by_label(&ru("ui.plan.search")).focus();
    h.run();
    h.event(egui::Event::Text("водопровод".into()));
    h.run();
    h.get_by_label(&summary(3));
    assert!(h.query_by_label("Проблемный вопрос номер 200").is_some());
    assert!(h.query_by_label("Проблемный вопрос номер 1").is_none());
}

#[test]
fn dates_follow_what_was_chosen_the_held_day_and_the_answer_day() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let id = store
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
            Ok(a.id)
        })
        .unwrap();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 900.0))
        .build_eframe(move |_cc| App::with_store(store));
    h.run();
    // A new meeting marked held: the held day is the planned one, and follows it when the
    // planned day is changed.
    h.state_mut().show(Screen::Meetings);
    h.run();
    h.get_by_label(&ru("ui.meetings.add")).click();
    h.run();
    h.get_by_label(&ru("ui.meetings.is_held")).click();
    h.run();
    let held = ru("field.meeting.held_on");
    let planned = ru("field.meeting.planned_on");
    let before = h.get_by_label(&planned).value().unwrap();
    assert_eq!(h.get_by_label(&held).value(), Some(before));
    h.get_by_label(&planned).focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.event(egui::Event::Text("20.06.2024".into()));
    h.run();
    assert_eq!(h.get_by_label(&held).value().as_deref(), Some("20.06.2024"));
    // An appeal: an outcome chosen: answered today, unless a day was typed.
    h.state_mut().show(Screen::Journal);
    h.run();
    h.state_mut().go(Go::Appeal(id));
    h.run();
    let answered = ru("field.appeal.answered_on");
    assert_eq!(h.get_by_label(&answered).value().as_deref(), Some(""));
    h.get_by_label(&ru("field.appeal.outcome")).click();
    h.run();
    h.get_by_label(&tr(Lang::Ru, "outcome.explained")).click();
    h.run();
    assert_eq!(
        h.get_by_label(&answered).value().as_deref(),
        Some("27.06.2024")
    );
}

#[test]
fn a_refused_save_leaves_no_earlier_saved_note_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = new_store(dir.path());
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 900.0))
        .build_eframe(move |_cc| App::with_store(store));
    h.run();
    h.state_mut().show(Screen::Plan);
    h.run();
    h.get_by_label(&ru("ui.plan.add")).click();
    h.run();
    h.get_by_label(&ru("field.plan.problem")).focus();
    h.run();
    h.event(egui::Event::Text("Нет освещения на ул. Абая".into()));
    h.run();
    h.get_by_label(&ru("ui.save_ctrl_s")).click();
    h.run();
    assert_eq!(
        h.state().toast().map(|t| t.text.clone()),
        Some(ru("ui.plan.saved"))
    );
    // The problem emptied: refused, and the note of the earlier save is gone.
    h.get_by_label(&ru("field.plan.problem")).focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.key_press(egui::Key::Backspace);
    h.run();
    h.get_by_label(&ru("ui.save_ctrl_s")).click();
    h.run();
    assert!(h.query_by_label(&ru("ui.form.not_saved")).is_some());
    assert!(
        h.state().toast().is_none_or(|t| t.error),
        "{:?}",
        h.state().toast()
    );
}

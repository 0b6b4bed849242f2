//! F5 — the action plan as of a date and for a period; overdue marks; the summary line.

use crate::support::*;
use estu_core::Lang;
use estu_core::forms::{Cell, FormKind, RowMark};
use estu_core::model::{Executor, ExecutorKind, MeetingKind, PlanStatus, Question};
use estu_core::store::{meetings, reference};

fn fixture() -> Fixture {
    let mut f = Fixture::new();
    let (red, kyzyl) = (f.villages[0], f.villages[1]);
    let exec = f
        .store
        .write(|tx| {
            reference::save_executor(
                tx,
                &Executor {
                    id: 0,
                    name: "ТОО «Красноярское ЖКХ»".into(),
                    kind: ExecutorKind::Organisation,
                    phone: String::new(),
                    active: true,
                },
            )
        })
        .unwrap();
    let water = f.topic("water");
    let gathering = f.meeting(MeetingKind::Gathering, d(2022, 2, 14), |m| {
        m.held_on = Some(d(2022, 2, 14));
        m.settlement_id = Some(red);
    });
    let q1 = f
        .store
        .write(|tx| {
            meetings::save_question(tx, &mut Question::at_meeting(gathering, "Нет воды", water))
        })
        .unwrap();
    let rec = f.reception(at(2022, 3, 1, 10, 0), "roads", None, Some(kyzyl));
    let roads = f.topic("roads");
    let q2 = f
        .store
        .write(|tx| {
            let mut q = Question::at_meeting(0, "Дорога", roads);
            q.meeting_id = None;
            q.appeal_id = Some(rec.id);
            meetings::save_question(tx, &mut q)
        })
        .unwrap();
    // P1: done on 20 May 2022.
    f.plan_item(|p| {
        p.problem = "Ремонт водопровода".into();
        p.settlement_id = Some(red);
        p.measure = "Заменить 300 м труб".into();
        p.executor_id = Some(exec);
        p.deadline = Some(d(2022, 6, 30));
        p.funding_source = "местный бюджет".into();
        p.money_needed = 1000.0;
        p.money_allocated = 800.0;
        p.status = PlanStatus::Done;
        p.done_on = Some(d(2022, 5, 20));
        p.created_on = Some(d(2022, 2, 15));
        p.question_ids = vec![q1];
    });
    // P2: in progress, deadline 30 April 2022.
    f.plan_item(|p| {
        p.problem = "Грейдирование дороги".into();
        p.settlement_id = Some(kyzyl);
        p.deadline = Some(d(2022, 4, 30));
        p.money_needed = 500.0;
        p.created_on = Some(d(2022, 3, 1));
        p.question_ids = vec![q2];
    });
    // P3: rejected with a reason.
    f.plan_item(|p| {
        p.problem = "Строительство бассейна".into();
        p.settlement_id = Some(red);
        p.deadline = Some(d(2023, 12, 31));
        p.money_needed = 200.0;
        p.status = PlanStatus::Rejected;
        p.status_note = "нет финансирования".into();
        p.created_on = Some(d(2022, 3, 10));
    });
    // P4: in the budget request for 2023, no settlement, no deadline.
    f.plan_item(|p| {
        p.problem = "Освещение улиц".into();
        p.money_needed = 300.5;
        p.status = PlanStatus::BudgetRequest;
        p.status_note = "2023".into();
        p.created_on = Some(d(2022, 4, 1));
    });
    // P5: done in 2021 — not in 2022's plan.
    f.plan_item(|p| {
        p.problem = "Старый вопрос".into();
        p.status = PlanStatus::Done;
        p.done_on = Some(d(2021, 12, 1));
        p.created_on = Some(d(2021, 6, 1));
    });
    // P6: from 2021, still open, deadline 1 March 2022.
    f.plan_item(|p| {
        p.problem = "Детская площадка".into();
        p.settlement_id = Some(red);
        p.deadline = Some(d(2022, 3, 1));
        p.money_needed = 100.0;
        p.money_allocated = 50.0;
        p.created_on = Some(d(2021, 9, 1));
    });
    // P7: created in September 2022.
    f.plan_item(|p| {
        p.problem = "Мост через ручей".into();
        p.deadline = Some(d(2022, 12, 31));
        p.status = PlanStatus::NeedsDistrict;
        p.created_on = Some(d(2022, 9, 1));
    });
    f
}

fn labels(form: &estu_core::forms::Form) -> Vec<String> {
    form.table().rows.iter().map(|r| r.label.clone()).collect()
}

#[test]
fn as_of_a_date() {
    let f = fixture();
    let form = f.form(FormKind::F5, "2022-06-30", Lang::Ru);
    assert_eq!(
        labels(&form),
        [
            "Детская площадка",
            "Ремонт водопровода",
            "Строительство бассейна",
            "Грейдирование дороги",
            "Освещение улиц",
            "Итого"
        ]
    );
    let t = form.table();
    let cells = |i: usize| t.rows[i].cells.iter().map(Cell::text).collect::<Vec<_>>();
    assert_eq!(
        cells(1),
        [
            "Красный Яр",
            "сход, 14.02.2022",
            "Заменить 300 м труб",
            "ТОО «Красноярское ЖКХ»",
            "30.06.2022",
            "местный бюджет",
            "1000,0",
            "800,0",
            "исполнено (20.05.2022)"
        ]
    );
    assert_eq!(cells(3)[1], "приём, 01.03.2022");
    let marks: Vec<String> = t.rows[..5].iter().map(|r| r.cells[8].text()).collect();
    assert_eq!(
        marks,
        [
            "на исполнении; просрочено",
            "исполнено (20.05.2022)",
            "не поддержано (нет финансирования)",
            "на исполнении; просрочено",
            "включено в бюджетную заявку (2023)"
        ]
    );
    let overdue: Vec<bool> = t.rows.iter().map(|r| r.mark == RowMark::Overdue).collect();
    assert_eq!(overdue, [true, false, false, true, false, false]);
    let numbers: Vec<&str> = t.rows.iter().map(|r| r.number.as_str()).collect();
    assert_eq!(numbers, ["1", "2", "3", "4", "5", ""]);
    let total = &t.rows[5];
    assert_eq!(total.mark, RowMark::Total);
    assert_eq!(total.cells[6].as_f64(), Some(2100.5));
    assert_eq!(total.cells[7].as_f64(), Some(850.0));
    assert_eq!(total.cells[8].text(), "решено 1 из 5 вопросов (20%)");
    assert_eq!(
        form.postscript,
        [
            "Итого: вопросов – 5, исполнено – 1, на исполнении – 2, исполнено 20%; потребность 2100,5 тыс. тенге, выделено 850,0 тыс. тенге (40% от потребности)."
        ]
    );
    let title: Vec<&str> = form.title.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        title,
        [
            "ПЛАН МЕРОПРИЯТИЙ",
            "по решению проблемных вопросов, поднятых жителями Красноярского сельского округа",
            "на встречах, сходах и приёмах граждан в 2022 году",
            "на 30 июня 2022 года"
        ]
    );
}

#[test]
fn an_item_done_after_the_date_is_shown_in_progress() {
    let f = fixture();
    let form = f.form(FormKind::F5, "2022-05-01", Lang::Ru);
    let t = form.table();
    assert_eq!(t.rows.len(), 6);
    let p1 = t
        .rows
        .iter()
        .find(|r| r.label == "Ремонт водопровода")
        .unwrap();
    assert_eq!(p1.cells[8].text(), "на исполнении");
    assert_eq!(p1.mark, RowMark::Normal);
    assert_eq!(t.rows[5].cells[8].text(), "решено 0 из 5 вопросов (0%)");
}

#[test]
fn items_created_in_a_period_and_one_settlement() {
    let f = fixture();
    let form = f.form(FormKind::F5, "2022", Lang::Ru);
    assert_eq!(
        labels(&form),
        [
            "Ремонт водопровода",
            "Строительство бассейна",
            "Грейдирование дороги",
            "Мост через ручей",
            "Освещение улиц",
            "Итого"
        ]
    );
    // Overdue against the production day (31 December 2024).
    let bridge = form
        .table()
        .rows
        .iter()
        .find(|r| r.label == "Мост через ручей")
        .unwrap();
    assert_eq!(
        bridge.cells[8].text(),
        "требует решения на уровне района (города); просрочено"
    );
    assert_eq!(form.title.len(), 3);
    let kyzyl = f.form_in(FormKind::F5, "2022", Lang::Kk, Some("Кызыл Жулдыз"));
    assert_eq!(labels(&kyzyl), ["Грейдирование дороги", "Жиыны"]);
    assert_eq!(kyzyl.table().rows[0].cells[0].text(), "Қызыл Жұлдыз");
    assert_eq!(
        kyzyl.table().rows[0].cells[1].text(),
        "қабылдау, 01.03.2022"
    );
    assert_eq!(
        kyzyl.table().rows[0].cells[8].text(),
        "орындалуда; мерзімі өткен"
    );
}

#[test]
fn the_places_an_item_was_raised_are_in_date_order_each_once() {
    let mut f = Fixture::new();
    let water = f.topic("water");
    let gathering = f.meeting(MeetingKind::Gathering, d(2022, 2, 14), |m| {
        m.held_on = Some(d(2022, 2, 14));
    });
    let report = f.meeting(MeetingKind::Report, d(2022, 1, 20), |m| {
        m.held_on = Some(d(2022, 1, 20));
    });
    let rec = f.reception(at(2022, 2, 1, 9, 30), "water", None, None);
    let mut ask = |meeting: Option<i64>, appeal: Option<i64>, text: &str| {
        f.store
            .write(|tx| {
                let mut q = Question::at_meeting(meeting.unwrap_or(0), text, water);
                q.meeting_id = meeting;
                q.appeal_id = appeal;
                meetings::save_question(tx, &mut q)
            })
            .unwrap()
    };
    // Two questions at the gathering, one at the reception, one at the report meeting; the
    // gathering's come first among the links.
    let ids = vec![
        ask(Some(gathering), None, "Нет воды на улице Ленина"),
        ask(Some(gathering), None, "Нет воды на улице Мира"),
        ask(None, Some(rec.id), "Нет воды"),
        ask(Some(report), None, "Водопровод"),
    ];
    f.plan_item(|p| {
        p.problem = "Водоснабжение".into();
        p.created_on = Some(d(2022, 2, 20));
        p.question_ids = ids;
    });
    let form = f.form(FormKind::F5, "2022", Lang::Ru);
    assert_eq!(
        form.table().rows[0].cells[1].text(),
        "отчетная встреча, 20.01.2022; приём, 01.02.2022; сход, 14.02.2022"
    );
}

#[test]
fn every_header_cell_sits_over_its_column() {
    let f = fixture();
    for lang in [Lang::Ru, Lang::Kk] {
        let form = f.form(FormKind::F5, "2022-06-30", lang);
        let t = form.table();
        assert_header_grid(t);
        assert_eq!(t.header.len(), t.columns.len());
        for (i, h) in t.header.iter().enumerate() {
            assert_eq!((h.row, h.col), (0, i), "{}", h.text);
        }
    }
    let form = f.form(FormKind::F5, "2022-06-30", Lang::Ru);
    let t = form.table();
    assert_eq!(heading_of(t, "number"), "№");
    assert_eq!(t.header.iter().filter(|h| h.text == "№").count(), 1);
}

/// Both sides of the form's date: an item done on that very day is done on the form, and
/// counted; the day before, it is still in progress.
#[test]
fn an_item_done_on_the_date_is_done_the_day_before_in_progress() {
    let f = fixture();
    let p1 = |period: &str| {
        let form = f.form(FormKind::F5, period, Lang::Ru);
        let t = form.table();
        let mark = t
            .rows
            .iter()
            .find(|r| r.label == "Ремонт водопровода")
            .unwrap()
            .cells[8]
            .text();
        (mark, t.row("total").unwrap().cells[8].text())
    };
    assert_eq!(
        p1("2022-05-20"),
        (
            "исполнено (20.05.2022)".to_string(),
            "решено 1 из 5 вопросов (20%)".to_string()
        )
    );
    assert_eq!(
        p1("2022-05-19"),
        (
            "на исполнении".to_string(),
            "решено 0 из 5 вопросов (0%)".to_string()
        )
    );
}

/// The published plan names the topics with the most items, counted from the form's items:
/// most first, on a tie an item without a topic after one with a topic.
#[test]
fn the_published_plan_counts_each_topics_items() {
    let mut f = Fixture::new();
    let (water, roads) = (f.topic("water"), f.topic("roads"));
    for topic in [
        Some(water),
        None,
        Some(roads),
        Some(water),
        None,
        Some(roads),
        Some(water),
    ] {
        f.plan_item(|p| {
            p.topic_id = topic;
            p.created_on = Some(d(2022, 3, 1));
        });
    }
    let page = estu_core::publish::page(
        f.store.conn(),
        estu_core::forms::Period::year(2022),
        d(2024, 12, 31),
        Lang::Ru,
    )
    .unwrap();
    let name = |id: i64| {
        reference::topics(f.store.conn())
            .unwrap()
            .into_iter()
            .find(|t| t.id == id)
            .unwrap()
            .name_ru
    };
    assert_eq!(
        page.top,
        [
            (name(water), 3),
            (name(roads), 2),
            ("Без темы".to_string(), 2)
        ]
    );
    assert_eq!(page.summary.total, 7);
}

/// A budget request without a note says just that, without an empty «()».
#[test]
fn a_budget_request_without_a_note_has_no_brackets() {
    let mut f = Fixture::new();
    f.plan_item(|p| {
        p.problem = "Освещение улиц".into();
        p.status = PlanStatus::BudgetRequest;
        p.created_on = Some(d(2022, 4, 1));
    });
    f.plan_item(|p| {
        p.problem = "Тротуар".into();
        p.status = PlanStatus::BudgetRequest;
        p.status_note = "  ".into();
        p.created_on = Some(d(2022, 4, 2));
    });
    let form = f.form(FormKind::F5, "2022", Lang::Ru);
    let marks: Vec<String> = form.table().rows[..2]
        .iter()
        .map(|r| r.cells[8].text())
        .collect();
    assert_eq!(
        marks,
        ["включено в бюджетную заявку", "включено в бюджетную заявку"]
    );
}

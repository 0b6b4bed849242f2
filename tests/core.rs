//! The core through its public API: registering appeals, the journal, meetings and the plan.

use chrono::{NaiveDate, NaiveDateTime};
use estu_core::model::*;
use estu_core::store::{appeals, meetings, plan, reference};
use estu_core::{Error, Lang, Store};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn at(y: i32, m: u32, day: u32, h: u32, min: u32) -> NaiveDateTime {
    d(y, m, day).and_hms_opt(h, min, 0).unwrap()
}

fn store() -> Store {
    let mut s = Store::in_memory(&estu_core::demo::profile()).unwrap();
    s.set_today(d(2022, 12, 31));
    s.set_actor("Ахметова А.К.");
    s
}

fn topic(s: &Store, code: &str) -> i64 {
    reference::topic_id_by_code(s.conn(), code)
        .unwrap()
        .unwrap()
}

#[test]
fn registering_an_appeal_issues_number_registration_day_and_deadline() {
    let mut s = store();
    let water = topic(&s, "water");
    // Friday 18 March 2022 after hours: registered on Thursday 24 March (weekend + Наурыз).
    let mut a = Appeal::new(
        at(2022, 3, 18, 19, 5),
        Channel::WrittenPerson,
        "Иванова Анна Петровна",
        water,
        "Нет воды на ул. Ленина",
    );
    a.applicant_id = Some("061211600012".into());
    a.applicant_address = "с. Красный Яр, ул. Ленина, 5".into();
    let id = s.write(|tx| appeals::insert(tx, &mut a)).unwrap();
    let got = appeals::get(s.conn(), id).unwrap();
    assert_eq!(got.reg_number, "12-2022/0001");
    assert_eq!(got.registered_on, Some(d(2022, 3, 24)));
    // 15 working days after 24 March 2022: 25, 28–31 March, 1, 4–8, 11–14 April → 14 April.
    assert_eq!(got.deadline, Some(d(2022, 4, 14)));

    let mut b = Appeal::new(
        at(2022, 3, 25, 10, 0),
        Channel::Eotinish,
        "ИВАНОВА  анна петровна",
        water,
        "Снова нет воды",
    );
    let hint = appeals::suggest_repeated(s.conn(), &b)
        .unwrap()
        .expect("same name and topic");
    assert_eq!(hint.reg_number, "12-2022/0001");
    b.repeated = true;
    b.repeated_of = Some(hint.id);
    s.write(|tx| appeals::insert(tx, &mut b)).unwrap();
    assert_eq!(b.reg_number, "12-2022/0002");
}

#[test]
fn a_refused_appeal_writes_nothing_and_says_why_in_both_languages() {
    let mut s = store();
    let water = topic(&s, "water");
    let mut a = Appeal::new(
        at(2022, 3, 1, 10, 0),
        Channel::WrittenPerson,
        "Петров П.",
        water,
        "Вопрос",
    );
    a.applicant_id = Some("061211600013".into());
    let err = s.write(|tx| appeals::insert(tx, &mut a)).unwrap_err();
    assert_eq!(err.problems()[0].field, "appeal.applicant_iin");
    assert!(
        err.message(Lang::Ru).contains("контрольная цифра"),
        "{}",
        err.message(Lang::Ru)
    );
    assert!(
        err.message(Lang::Kk).contains("бақылау цифры"),
        "{}",
        err.message(Lang::Kk)
    );
    let n: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM appeal", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0);
    let counter: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM reg_counter", [], |r| r.get(0))
        .unwrap();
    assert_eq!(counter, 0, "the refused insert took no number");
}

#[test]
fn duplicate_numbers_and_unknown_references_are_named() {
    let mut s = store();
    let water = topic(&s, "water");
    let mut a = Appeal::new(
        at(2022, 3, 1, 10, 0),
        Channel::WrittenPerson,
        "Петров П.",
        water,
        "Вопрос",
    );
    a.reg_number = "12-2022/0045".into();
    s.write(|tx| appeals::insert(tx, &mut a)).unwrap();
    let mut b = a.clone();
    b.id = 0;
    let err = s.write(|tx| appeals::insert(tx, &mut b)).unwrap_err();
    assert_eq!(err.problems()[0].field, "appeal.reg_number");
    let mut c = a.clone();
    c.id = 0;
    c.reg_number.clear();
    c.topic_id = 999;
    c.settlement_id = Some(77);
    let err = s.write(|tx| appeals::insert(tx, &mut c)).unwrap_err();
    let fields: Vec<_> = err.problems().iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["appeal.topic", "appeal.settlement"]);
}

#[test]
fn the_journal_filters_pages_and_finds_cyrillic_in_any_case() {
    let mut s = store();
    let water = topic(&s, "water");
    let roads = topic(&s, "roads");
    s.write(|tx| {
        for i in 0..30 {
            let t = if i % 3 == 0 { roads } else { water };
            let name = if i == 7 {
                "Әлиев Ұлан"
            } else {
                "Сидоров Иван"
            };
            let mut a = Appeal::new(
                at(2022, 2, 1 + i % 28, 10, 0),
                Channel::WrittenPerson,
                name,
                t,
                "Прошу отремонтировать дорогу",
            );
            if i < 5 {
                a.outcome = Some(Outcome::Explained);
                a.answered_on = Some(d(2022, 3, 15));
            }
            appeals::insert(tx, &mut a)?;
        }
        Ok(())
    })
    .unwrap();
    let today = d(2022, 12, 31);
    let all = appeals::Filter::default();
    let (rows, total) = appeals::page(s.conn(), &all, today, 0, 10).unwrap();
    assert_eq!((rows.len(), total.n, total.more), (10, 30, false));
    assert!(
        rows.windows(2)
            .all(|w| w[0].registered_on >= w[1].registered_on)
    );
    let f = appeals::Filter {
        topic_id: Some(roads),
        ..Default::default()
    };
    assert_eq!(appeals::page(s.conn(), &f, today, 0, 50).unwrap().1.n, 10);
    let f = appeals::Filter {
        search: "әлиев".into(),
        ..Default::default()
    };
    let (rows, total) = appeals::page(s.conn(), &f, today, 0, 50).unwrap();
    assert_eq!(total.n, 1);
    assert_eq!(rows[0].applicant_name, "Әлиев Ұлан");
    let f = appeals::Filter {
        search: "ОТРЕМОНТ".into(),
        ..Default::default()
    };
    assert_eq!(appeals::page(s.conn(), &f, today, 0, 50).unwrap().1.n, 30);
    let f = appeals::Filter {
        status: appeals::StatusFilter::Overdue,
        ..Default::default()
    };
    assert_eq!(appeals::page(s.conn(), &f, today, 0, 50).unwrap().1.n, 25);
    let f = appeals::Filter {
        search: "'; DROP TABLE appeal; --".into(),
        ..Default::default()
    };
    assert_eq!(appeals::page(s.conn(), &f, today, 0, 50).unwrap().1.n, 0);
}

/// The open, overdue and due-soon pages (read from their own index): which appeals, in which
/// order, on both sides of the due date and of the «3 days» edge, an extension in force, a
/// topic and a date range combined with them.
#[test]
fn the_open_overdue_and_due_soon_pages_list_the_right_appeals_newest_first() {
    let mut s = store();
    let water = topic(&s, "water");
    let roads = topic(&s, "roads");
    let today = d(2022, 12, 28);
    // (received on, deadline, extended to, answered, topic): registered the same working day.
    let cases = [
        (d(2022, 12, 1), d(2022, 12, 20), None, false, water), // overdue
        (d(2022, 12, 2), d(2022, 12, 27), None, false, water), // overdue by a day
        (d(2022, 12, 5), d(2022, 12, 28), None, false, water), // due today
        (d(2022, 12, 6), d(2022, 12, 31), None, false, water), // due on the 3rd day
        (d(2022, 12, 7), d(2023, 1, 1), None, false, water),   // the 4th day: open only
        (
            d(2022, 12, 8),
            d(2022, 12, 20),
            Some(d(2022, 12, 30)),
            false,
            water,
        ), // extended
        (d(2022, 12, 9), d(2022, 12, 10), None, true, water),  // answered
        (d(2022, 12, 12), d(2022, 12, 26), None, false, roads), // overdue, other topic
    ];
    let mut ids = Vec::new();
    s.write(|tx| {
        for (day, deadline, extended, answered, t) in cases {
            let mut a = Appeal::new(
                day.and_hms_opt(10, 0, 0).unwrap(),
                Channel::WrittenPerson,
                "Сидоров Иван",
                t,
                "Нет воды",
            );
            a.deadline = Some(deadline);
            if let Some(e) = extended {
                a.extended_to = Some(e);
                a.extension_reason = Some("Нужна проверка на месте".into());
            }
            if answered {
                a.outcome = Some(Outcome::Explained);
                a.answered_on = Some(day);
            }
            ids.push(appeals::insert(tx, &mut a)?);
        }
        Ok(())
    })
    .unwrap();
    let listed = |f: appeals::Filter| -> (Vec<i64>, i64) {
        let (rows, total) = appeals::page(s.conn(), &f, today, 0, 50).unwrap();
        (rows.iter().map(|r| r.id).collect(), total.n)
    };
    let status = |status| appeals::Filter {
        status,
        ..Default::default()
    };
    let pick =
        |i: &[usize]| -> (Vec<i64>, i64) { (i.iter().map(|&i| ids[i]).collect(), i.len() as i64) };
    use appeals::StatusFilter::*;
    assert_eq!(listed(status(Overdue)), pick(&[7, 1, 0]));
    assert_eq!(listed(status(DueSoon)), pick(&[5, 3, 2]));
    assert_eq!(listed(status(Open)), pick(&[7, 5, 4, 3, 2, 1, 0]));
    let water_overdue = appeals::Filter {
        topic_id: Some(water),
        ..status(Overdue)
    };
    assert_eq!(listed(water_overdue), pick(&[1, 0]));
    let early_december = appeals::Filter {
        from: Some(d(2022, 12, 2)),
        to: Some(d(2022, 12, 7)),
        ..status(Open)
    };
    assert_eq!(listed(early_december), pick(&[4, 3, 2, 1]));
    // The next day the appeal due today is overdue, and the 4th day's is due soon.
    let (rows, _) = appeals::page(s.conn(), &status(Overdue), d(2022, 12, 29), 0, 50).unwrap();
    assert!(rows.iter().any(|r| r.id == ids[2]));
    let (rows, _) = appeals::page(s.conn(), &status(DueSoon), d(2022, 12, 29), 0, 50).unwrap();
    assert!(rows.iter().any(|r| r.id == ids[4]));
}

/// The registration day of the 50th newest appeal on `topic`.
fn rows_end(s: &Store, topic: i64, today: NaiveDate) -> NaiveDate {
    let f = appeals::Filter {
        topic_id: Some(topic),
        ..Default::default()
    };
    appeals::page(s.conn(), &f, today, 0, 50).unwrap().0[49].registered_on
}

#[test]
fn a_filter_matching_more_than_the_count_limit_says_more_and_lists_the_newest() {
    let mut s = store();
    let water = topic(&s, "water");
    let roads = topic(&s, "roads");
    let n = appeals::COUNT_LIMIT + 5;
    s.write_bulk(|tx| {
        for i in 0..n {
            let t = if i == n - 2 { roads } else { water };
            let day = 1 + (i % 28) as u32;
            let mut a = Appeal::new(
                at(2022, 1 + (i * 11 / n) as u32, day, 10, 0),
                Channel::WrittenPerson,
                "Сидоров Иван",
                t,
                if i % 2 == 0 {
                    "Нет воды"
                } else {
                    "Яма на дороге"
                },
            );
            a.outcome = Some(Outcome::Explained);
            a.answered_on = Some(d(2022, 12, 30));
            appeals::insert(tx, &mut a)?;
        }
        Ok(())
    })
    .unwrap();
    let today = d(2022, 12, 31);
    // Without filters every appeal is counted.
    let (_, all) = appeals::page(s.conn(), &appeals::Filter::default(), today, 0, 50).unwrap();
    assert_eq!((all.n, all.more), (n, false));
    // One topic: 10,004 of them, past the limit.
    let f = appeals::Filter {
        topic_id: Some(water),
        ..Default::default()
    };
    let (rows, total) = appeals::page(s.conn(), &f, today, 0, 50).unwrap();
    assert_eq!((total.n, total.more), (appeals::COUNT_LIMIT, true));
    assert_eq!(rows.len(), 50);
    assert!(
        rows.windows(2)
            .all(|w| w[0].registered_on >= w[1].registered_on)
    );
    assert!(rows[0].registered_on >= d(2022, 11, 1));
    // Words: half the appeals; with the topic too; and a search that finds one.
    let f = appeals::Filter {
        search: "воды".into(),
        ..Default::default()
    };
    let (rows, total) = appeals::page(s.conn(), &f, today, 0, 50).unwrap();
    assert_eq!((total.n, total.more), ((n + 1) / 2, false));
    assert!(rows.windows(2).all(|w| w[0].id > w[1].id), "newest first");
    assert!(rows.iter().all(|r| r.summary == "Нет воды"));
    let f = appeals::Filter {
        search: "дороге".into(),
        topic_id: Some(roads),
        ..Default::default()
    };
    let (rows, total) = appeals::page(s.conn(), &f, today, 0, 50).unwrap();
    assert_eq!((total.n, rows.len()), (1, 1));
    assert_eq!(
        rows[0].reg_number,
        appeals::get(s.conn(), rows[0].id).unwrap().reg_number
    );
    // The last page the journal shows (rows up to the limit) reads the oldest of those.
    let f = appeals::Filter {
        topic_id: Some(water),
        ..Default::default()
    };
    let (last, _) = appeals::page(s.conn(), &f, today, appeals::COUNT_LIMIT - 50, 50).unwrap();
    assert_eq!(last.len(), 50);
    assert!(last[0].registered_on <= rows_end(&s, water, today));
}

#[test]
fn meetings_keep_their_numbers_consistent_and_questions_go_to_the_plan() {
    let mut s = store();
    let roads = topic(&s, "roads");
    let mut m = Meeting::new(MeetingKind::Akim826, d(2022, 2, 10));
    m.held_on = Some(d(2022, 2, 10));
    m.participants_offline = 120;
    m.speakers = 14;
    m.broadcasts = vec![Broadcast {
        channel: BroadcastChannel::Instagram,
        viewers: 800,
    }];
    m.remarks = vec![Remarks {
        addressee_level: 6,
        count: 1,
    }];
    let mid = s.write(|tx| meetings::save(tx, &mut m)).unwrap();
    let mut q1 = Question::at_meeting(mid, "Ремонт дороги по ул. Абая", roads);
    q1.critical = true;
    q1.addressee_level = Some(6);
    s.write(|tx| meetings::save_question(tx, &mut q1)).unwrap();
    // A second critical question to the okrug akim exceeds the one remark recorded.
    let mut q2 = q1.clone();
    q2.id = 0;
    let err = s
        .write(|tx| meetings::save_question(tx, &mut q2))
        .unwrap_err();
    assert_eq!(err.problems()[0].field, "meeting.remarks");
    assert_eq!(
        meetings::questions_of_meeting(s.conn(), mid).unwrap().len(),
        1
    );

    let pid = s.write(|tx| plan::from_question(tx, q1.id)).unwrap();
    let item = plan::get(s.conn(), pid).unwrap();
    assert_eq!(item.problem, "Ремонт дороги по ул. Абая");
    assert_eq!(item.question_ids, vec![q1.id]);
    let raised = plan::raised_at(s.conn(), pid).unwrap();
    assert_eq!(
        raised,
        vec![plan::RaisedAt::Meeting {
            kind: MeetingKind::Akim826,
            date: d(2022, 2, 10)
        }]
    );
    s.write(|tx| plan::set_status(tx, &[pid], PlanStatus::Done, Some(d(2022, 6, 1)), ""))
        .unwrap();
    assert_eq!(
        plan::get(s.conn(), pid).unwrap().done_on,
        Some(d(2022, 6, 1))
    );

    let back = meetings::get(s.conn(), mid).unwrap();
    assert_eq!(back.participants(), 920);
}

#[test]
fn files_that_are_not_estu_databases_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("notes.db");
    std::fs::write(&p, b"just some text, not a database at all").unwrap();
    let before = std::fs::read(&p).unwrap();
    assert!(matches!(
        estu_core::safety::open(&p),
        Err(Error::NotEstu(_))
    ));
    assert_eq!(std::fs::read(&p).unwrap(), before);
    let missing = dir.path().join("missing.db");
    assert!(matches!(
        estu_core::safety::open(&missing),
        Err(Error::NotFound(_))
    ));
    let created = dir.path().join("new.db");
    drop(Store::create(&created, &estu_core::demo::profile()).unwrap());
    let s = estu_core::safety::open(&created).unwrap();
    assert_eq!(s.profile().unwrap(), estu_core::demo::profile());
}

/// `estu check` reads every appeal in one pass and says how far it has come: the file's own
/// checks, the audit trail, then the records up to all of them (3 appeals and a meeting).
#[test]
fn the_check_counts_every_record_and_tells_its_progress() {
    use estu_core::safety::check::{Stage, run_with};
    let mut s = store();
    let water = topic(&s, "water");
    for (day, name) in [(3, "Иванова Анна"), (4, "Петров Пётр"), (5, "Омаров Серик")]
    {
        let mut a = Appeal::new(
            at(2022, 3, day, 10, 0),
            Channel::WrittenPerson,
            name,
            water,
            "Нет воды",
        );
        s.write(|tx| appeals::insert(tx, &mut a)).unwrap();
    }
    let mut m = Meeting::new(MeetingKind::Gathering, d(2022, 2, 10));
    m.held_on = Some(d(2022, 2, 10));
    m.participants_offline = 30;
    s.write(|tx| meetings::save(tx, &mut m)).unwrap();
    let mut stages = Vec::new();
    let report = run_with(&s, &mut |stage| stages.push(stage)).unwrap();
    assert!(report.is_ok(), "{report:?}");
    assert_eq!(report.checked, 4);
    assert_eq!(stages[..2], [Stage::File, Stage::Audit]);
    assert_eq!(
        stages.last(),
        Some(&Stage::Records { done: 4, total: 4 }),
        "the last line says all of them"
    );
}

/// On a file SQLite's own check runs beside the rules' check, on a connection of its own: what
/// it finds (here an appeal pointing at a topic that is not there) is still in the report.
#[test]
fn the_check_of_a_file_reports_what_sqlite_finds() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let mut s = Store::create(&path, &estu_core::demo::profile()).unwrap();
    s.set_today(d(2022, 12, 31));
    let water = topic(&s, "water");
    let mut a = Appeal::new(
        at(2022, 3, 3, 10, 0),
        Channel::WrittenPerson,
        "Иванова Анна",
        water,
        "Нет воды",
    );
    s.write(|tx| appeals::insert(tx, &mut a)).unwrap();
    assert!(estu_core::safety::check::run(&s).unwrap().is_ok());
    drop(s);
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute_batch("PRAGMA foreign_keys = OFF; UPDATE appeal SET topic_id = 9999;")
        .unwrap();
    drop(raw);
    let s = Store::open_read_only(&path).unwrap();
    let report = estu_core::safety::check::run(&s).unwrap();
    assert!(!report.file.is_empty(), "{report:?}");
    assert!(!report.is_ok());
}

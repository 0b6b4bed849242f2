//! The district's forms from two okrugs: every figure is the sum of the two okrugs' figures
//! (`forms::sum`), checked against hand-computed totals; F5 lists each okrug's items under its
//! own name and closing line, and the district's line last.

use crate::support::*;
use estu_core::Lang;
use estu_core::district::{self, DistrictProfile, Okrug};
use estu_core::forms::{Cell, Form, FormKind, Period, Request, RowMark};
use estu_core::model::Outcome::Satisfied;
use estu_core::model::{Channel, MeetingKind, PlanStatus, Remarks};
use estu_core::store::reference;

/// An okrug of the district made of `f`'s records, named «`name` сельского округа».
fn okrug(f: Fixture, name: &str) -> Okrug {
    let conn = f.store.conn();
    let mut profile = reference::profile(conn).unwrap();
    let topics = reference::topics(conn).unwrap();
    profile.org_name_ru = format!("ГУ «Аппарат акима {name} сельского округа»");
    profile.okrug_gen_ru = format!("{name} сельского округа");
    Okrug {
        path: format!("{name}.json").into(),
        profile,
        store: f.store,
        topics,
        last_day: Some(d(2022, 12, 31)),
    }
}

/// Берёзовский: an akim's meeting in Q1, a report meeting, a reception, a plan item done.
fn first() -> Okrug {
    let mut f = Fixture::new();
    let m = f.meeting(MeetingKind::Akim826, d(2022, 2, 10), |m| {
        m.held_on = Some(d(2022, 2, 10));
        m.participants_offline = 100;
        m.media_local = 1;
        m.present_parliament = true;
    });
    f.questions(m, "water", 3, 0);
    let r = f.meeting(MeetingKind::Report, d(2022, 3, 1), |m| {
        m.held_on = Some(d(2022, 3, 1));
        m.participants_offline = 30;
        m.speakers = 4;
        m.remarks = vec![Remarks {
            addressee_level: 6,
            count: 2,
        }];
    });
    f.questions(r, "water", 2, 1);
    f.reception(at(2022, 3, 1, 10, 0), "water", Some(Satisfied), None);
    f.plan_item(|p| {
        p.problem = "Ремонт водопровода".into();
        p.money_needed = 1000.5;
        p.money_allocated = 800.25;
        p.status = PlanStatus::Done;
        p.done_on = Some(d(2022, 5, 20));
        p.created_on = Some(d(2022, 2, 15));
    });
    okrug(f, "Берёзовского")
}

/// Сосновский: a district akim's meeting in Q2, a report meeting, two receptions, two items.
fn second() -> Okrug {
    let mut f = Fixture::new();
    f.meeting(MeetingKind::Akim826, d(2022, 5, 10), |m| {
        m.held_on = Some(d(2022, 5, 10));
        m.akim_level = 5;
        m.participants_offline = 40;
        m.media_local = 2;
    });
    let r = f.meeting(MeetingKind::Report, d(2022, 4, 1), |m| {
        m.held_on = Some(d(2022, 4, 1));
        m.participants_offline = 20;
        m.speakers = 1;
        m.remarks = vec![Remarks {
            addressee_level: 5,
            count: 1,
        }];
    });
    f.questions(r, "water", 3, 1);
    f.reception(at(2022, 4, 4, 10, 0), "water", Some(Satisfied), None);
    f.reception(at(2022, 4, 5, 10, 0), "roads", None, None);
    f.appeal(at(2022, 4, 6, 10, 0), Channel::Online, "roads", |_| {});
    f.plan_item(|p| {
        p.problem = "Грейдирование дороги".into();
        p.money_needed = 200.25;
        p.created_on = Some(d(2022, 3, 1));
    });
    f.plan_item(|p| {
        p.problem = "Строительство бассейна".into();
        p.money_needed = 99.5;
        p.status = PlanStatus::Rejected;
        p.status_note = "нет финансирования".into();
        p.created_on = Some(d(2022, 3, 10));
    });
    okrug(f, "Сосновского")
}

fn district_profile() -> DistrictProfile {
    DistrictProfile {
        org_name_ru: "ГУ «Аппарат акима Бурабайского района»".into(),
        org_name_kk: "«Бурабай ауданы әкімінің аппараты» ММ".into(),
        district_gen_ru: "Бурабайского района".into(),
        district_gen_kk: "Бурабай ауданы".into(),
        region_ru: "Акмолинской области".into(),
        region_kk: "Ақмола облысы".into(),
        akim_position_ru: "Аким Бурабайского района".into(),
        akim_position_kk: "Бурабай ауданының әкімі".into(),
        akim_name: "Жумабеков Нурлан Серикович".into(),
        executor_name: "Касымова Д.Б.".into(),
        executor_phone: "8 (71636) 4-12-00".into(),
        okrugs: Vec::new(),
    }
}

fn consolidate(okrugs: &[Okrug], kind: FormKind) -> Form {
    let req = Request::new(kind, Period::year(2022), Lang::Ru, d(2024, 12, 31));
    district::consolidate(&district_profile(), okrugs, &req)
        .unwrap()
        .form
}

fn q(v: [i64; 4]) -> Vec<i64> {
    v.to_vec()
}

#[test]
fn f2_adds_the_okrugs_quarter_by_quarter() {
    let okrugs = [first(), second()];
    let form = consolidate(&okrugs, FormKind::F2);
    let r = |k: &str| ints(&form, 0, k);
    assert_eq!(r("line2"), q([1, 2, 2, 2]));
    assert_eq!(r("line2.level6"), q([1, 1, 1, 1]));
    assert_eq!(r("line2.level5"), q([0, 1, 1, 1]));
    assert_eq!(r("line4.offline"), q([100, 140, 140, 140]));
    assert_eq!(r("line5.topic8"), q([3, 3, 3, 3]));
    assert_eq!(r("line6"), q([0, 1, 1, 1]));
    assert_eq!(r("line7.persons"), q([1, 3, 3, 3]));
    assert_eq!(r("line9.local"), q([1, 3, 3, 3]));
    assert_eq!(r("line10.parliament"), q([1, 1, 1, 1]));
    // Each okrug's own form follows, on a sheet of its own.
    assert_eq!(form.tables.len(), 3);
    assert_eq!(ints(&form, 1, "line2"), q([1, 1, 1, 1]));
    assert_eq!(ints(&form, 2, "line2"), q([0, 1, 1, 1]));
    assert_eq!(
        form.tables[2].caption,
        "Приложение 2. ГУ «Аппарат акима Сосновского сельского округа»"
    );
}

#[test]
fn f3_adds_counts_and_repeated_proposals() {
    let okrugs = [first(), second()];
    let form = consolidate(&okrugs, FormKind::F3);
    assert_eq!(text(&form, "line2"), "2");
    assert_eq!(text(&form, "line3"), "50");
    assert_eq!(text(&form, "line4"), "5");
    assert_eq!(text(&form, "line5"), "3");
    assert_eq!(text(&form, "line5.okrug"), "2");
    assert_eq!(text(&form, "line5.district"), "1");
    // 2 proposals (1 repeated) and 3 (1 repeated).
    assert_eq!(text(&form, "line6"), "5 (2)");
}

#[test]
fn f1_and_f4_total_rows_are_the_okrugs_sums() {
    let okrugs = [first(), second()];
    let f1 = consolidate(&okrugs, FormKind::F1);
    let (a, b, total) = (
        ints(&f1, 0, "okrug1"),
        ints(&f1, 0, "okrug2"),
        ints(&f1, 0, "total"),
    );
    assert_eq!((a[0], b[0], total[0]), (1, 2, 3));
    let sum: Vec<i64> = a.iter().zip(&b).map(|(x, y)| x + y).collect();
    assert_eq!(total, sum);

    let f4 = consolidate(&okrugs, FormKind::F4);
    // The district's tables, then each okrug's same tables.
    let k = f4.tables.len() / 3;
    let own = [&f4.tables[k], &f4.tables[2 * k]];
    let mut compared = 0;
    for (r, row) in f4.tables[0].rows.iter().enumerate() {
        for (c, cell) in row.cells.iter().enumerate() {
            if let Cell::Int(n) = cell {
                let parts: i64 = own.iter().map(|t| int(&t.rows[r].cells[c])).sum();
                assert_eq!(*n, parts, "F4 row {} cell {c}", row.key);
                compared += (*n != 0) as usize;
            }
        }
    }
    assert!(compared > 0, "F4 has no figure to compare");
}

#[test]
fn f5_lists_each_okrug_under_its_name_and_sums_the_money() {
    let okrugs = [first(), second()];
    let form = consolidate(&okrugs, FormKind::F5);
    let t = form.table();
    let keys: Vec<&str> = t.columns.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(&keys[..4], ["number", "problem", "okrug", "settlement"]);
    assert_eq!(keys.len(), 12);
    assert_eq!(heading_of(t, "okrug"), "Сельский округ");
    assert_header_grid(t);
    let rows: Vec<(&str, &str, String)> = t
        .rows
        .iter()
        .map(|r| (r.number.as_str(), r.label.as_str(), r.cells[0].text()))
        .collect();
    assert_eq!(
        rows,
        [
            (
                "1",
                "Ремонт водопровода",
                "Берёзовского сельского округа".into()
            ),
            (
                "",
                "Итого: ГУ «Аппарат акима Берёзовского сельского округа»",
                String::new()
            ),
            (
                "2",
                "Грейдирование дороги",
                "Сосновского сельского округа".into()
            ),
            (
                "3",
                "Строительство бассейна",
                "Сосновского сельского округа".into()
            ),
            (
                "",
                "Итого: ГУ «Аппарат акима Сосновского сельского округа»",
                String::new()
            ),
            ("", "Итого по району", String::new()),
        ]
    );
    // A closing line: seven blanks (the okrug column too), the money, the progress.
    let total = t.row("total").unwrap();
    assert_eq!(total.mark, RowMark::Total);
    assert_eq!(total.cells.len(), t.columns.len() - 2);
    assert!(total.cells[..7].iter().all(|c| *c == Cell::Empty));
    assert_eq!(total.cells[7].as_f64(), Some(1300.25));
    assert_eq!(total.cells[8].as_f64(), Some(800.25));
    assert_eq!(total.cells[9].text(), "решено 1 из 3 вопросов (33%)");
    let second = t.row("okrug2.total").unwrap();
    assert_eq!(second.cells[7].as_f64(), Some(299.75));
    assert_eq!(second.cells[9].text(), "решено 0 из 2 вопросов (0%)");
    assert!(
        form.postscript[0]
            .starts_with("Итого: вопросов – 3, исполнено – 1, на исполнении – 1, исполнено 33%;"),
        "{}",
        form.postscript[0]
    );
}

//! F4 — appeals: the totals sentence, Table 1, Table 2 and the charts' data.

use crate::support::*;
use estu_core::Lang;
use estu_core::forms::{FormKind, RowMark, f4::plural};
use estu_core::model::{Channel::*, Outcome::*};

fn fixture() -> Fixture {
    let mut f = Fixture::new();
    let kyzyl = f.villages[1];
    f.appeal(at(2021, 2, 1, 10, 0), WrittenPerson, "water", |a| {
        answer(a, Some(Satisfied), d(2021, 2, 10))
    });
    f.appeal(at(2021, 2, 2, 10, 0), WrittenPerson, "land", |a| {
        a.settlement_id = Some(kyzyl);
        answer(a, Some(Explained), d(2021, 3, 1));
    });
    f.appeal(at(2021, 2, 3, 10, 0), WrittenPerson, "employment", |a| {
        a.repeated = true;
        answer(a, Some(Rejected), d(2021, 3, 5));
    });
    f.appeal(at(2021, 2, 4, 10, 0), WrittenOrg, "roads", |a| {
        answer(a, Some(Redirected), d(2021, 2, 5))
    });
    f.appeal(at(2021, 2, 5, 10, 0), WrittenOrg, "industry", |a| {
        answer(a, Some(Terminated), d(2021, 12, 30))
    });
    f.appeal(at(2021, 4, 5, 10, 0), Eotinish, "social_aid", |_| {});
    f.appeal(at(2021, 12, 20, 10, 0), Online, "complaint", |a| {
        answer(a, Some(Satisfied), d(2022, 1, 10))
    });
    f.reception(at(2021, 5, 4, 10, 0), "water", Some(Explained), None);
    f.reception(at(2021, 5, 6, 10, 0), "everyday", None, Some(kyzyl));
    // Thursday 31 December 2020, 23:00: registered on Monday 4 January 2021.
    f.appeal(at(2020, 12, 31, 23, 0), WrittenPerson, "other", |a| {
        answer(a, Some(Satisfied), d(2021, 1, 20))
    });
    // Friday 31 December 2021, 20:00: registered on Monday 3 January 2022.
    f.appeal(at(2021, 12, 31, 20, 0), WrittenPerson, "water", |_| {});
    // Received in 2020, answered in 2021: considered, not received, in 2021.
    f.appeal(at(2020, 12, 15, 10, 0), WrittenPerson, "land", |a| {
        answer(a, Some(Satisfied), d(2021, 1, 5))
    });
    f
}

#[test]
fn year_tables_sentence_and_charts() {
    let f = fixture();
    let form = f.form(FormKind::F4, "2021", Lang::Ru);
    assert_eq!(
        form.preamble,
        [
            "За 2021 год поступило 10 обращений: физических лиц – 6, из них повторных – 1; юридических лиц – 2; личного приема граждан – 2."
        ]
    );
    assert_eq!(ints(&form, 0, "okrug"), [10, 8, 1, 3, 1, 2, 1, 1]);
    let t2: Vec<i64> = (1..=10)
        .map(|i| ints(&form, 1, &format!("topic{i}"))[0])
        .collect();
    assert_eq!(t2, [3, 1, 1, 0, 0, 0, 1, 1, 1, 2]);
    let total = form.tables[1].row("total").unwrap();
    assert_eq!(
        (total.mark, total.label.as_str(), total.cells[0].text()),
        (RowMark::Total, "Итого", "10".to_string())
    );
    let bars1: Vec<f64> = form.charts[0].bars.iter().map(|b| b.value).collect();
    assert_eq!(bars1, [10.0, 8.0, 1.0, 3.0, 1.0, 2.0, 1.0, 1.0]);
    let bars2: Vec<f64> = form.charts[1].bars.iter().map(|b| b.value).collect();
    assert_eq!(bars2, t2.iter().map(|&n| n as f64).collect::<Vec<_>>());
    assert_eq!(
        form.charts[0].caption,
        "Рисунок 1 - Количество поступивших обращений"
    );
    assert_eq!(
        form.charts[1].caption,
        "Рисунок 2 - Характер вопросов, поднятых в обращениях"
    );
    assert_eq!(
        form.tables[0].caption,
        "Таблица 1. Количество поступивших обращений"
    );
    assert_eq!(
        form.tables[1].caption,
        "Таблица 2. Характер вопросов, поднятых в обращениях"
    );
    let head: Vec<&str> = form.tables[0]
        .header
        .iter()
        .map(|h| h.text.as_str())
        .collect();
    assert_eq!(
        head,
        [
            "№",
            "Всего поступило",
            "Всего рассмотрено",
            "Перенаправлены в другие органы",
            "Из них:",
            "рассмотрено повторно",
            "удовлетворено",
            "отказано",
            "разъяснено",
            "прекращено"
        ]
    );
    let labels: Vec<&str> = form.tables[1]
        .rows
        .iter()
        .map(|r| r.label.as_str())
        .collect();
    assert_eq!(labels[0], "Вопросы жилищного и коммунального хозяйства");
    assert_eq!(labels[8], "Жалобы на должностные лица");
    assert_eq!(labels[9], "Прочие");

    let kk = f.form(FormKind::F4, "2021", Lang::Kk);
    assert_eq!(
        kk.preamble,
        [
            "2021 жылы 10 өтініш келіп түсті: жеке тұлғалардан – 6, оның ішінде қайталама – 1; заңды тұлғалардан – 2; азаматтарды жеке қабылдауда – 2."
        ]
    );
    assert_eq!(ints(&kk, 0, "okrug"), ints(&form, 0, "okrug"));
}

#[test]
fn year_edges_and_settlement() {
    let f = fixture();
    let y22 = f.form(FormKind::F4, "2022", Lang::Ru);
    // The appeal of 31 December 2021 20:00 and the answer of 10 January 2022.
    assert_eq!(ints(&y22, 0, "okrug"), [1, 1, 0, 1, 0, 0, 0, 0]);
    assert!(y22.preamble[0].starts_with("За 2022 год поступило 1 обращение:"));
    let q1 = f.form(FormKind::F4, "2021-Q1", Lang::Ru);
    assert_eq!(ints(&q1, 0, "okrug"), [6, 6, 1, 3, 1, 1, 0, 1]);
    let kyzyl = f.form_in(FormKind::F4, "2021", Lang::Ru, Some("Кызыл Жулдыз"));
    assert_eq!(ints(&kyzyl, 0, "okrug"), [2, 1, 0, 0, 0, 1, 0, 0]);
    assert_eq!(
        kyzyl.preamble[0],
        "За 2021 год поступило 2 обращения: физических лиц – 1, из них повторных – 0; юридических лиц – 0; личного приема граждан – 1."
    );
}

#[test]
fn russian_plural_of_appeals() {
    for (n, want) in [
        (0, "many"),
        (1, "one"),
        (2, "few"),
        (4, "few"),
        (5, "many"),
        (11, "many"),
        (12, "many"),
        (21, "one"),
        (22, "few"),
        (111, "many"),
        (258, "many"),
    ] {
        assert_eq!(plural(n), want, "{n}");
    }
}

#[test]
fn every_header_cell_sits_over_its_column() {
    let f = Fixture::new();
    for lang in [Lang::Ru, Lang::Kk] {
        let form = f.form(FormKind::F4, "2021", lang);
        for t in &form.tables {
            assert_header_grid(t);
        }
    }
    let form = f.form(FormKind::F4, "2021", Lang::Ru);
    let t1 = &form.tables[0];
    let keys: Vec<&str> = t1.columns.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "number",
            "received",
            "considered",
            "redirected",
            "satisfied",
            "rejected",
            "explained",
            "terminated",
            "repeated"
        ]
    );
    assert_eq!(t1.header_rows, 2);
    assert_eq!(
        header_cells(t1),
        [
            ("№", 0, 0, 2, 1, false),
            ("Всего поступило", 0, 1, 2, 1, false),
            ("Всего рассмотрено", 0, 2, 2, 1, false),
            ("Перенаправлены в другие органы", 0, 3, 2, 1, false),
            ("Из них:", 0, 4, 1, 4, false),
            ("рассмотрено повторно", 0, 8, 2, 1, false),
            ("удовлетворено", 1, 4, 1, 1, false),
            ("отказано", 1, 5, 1, 1, false),
            ("разъяснено", 1, 6, 1, 1, false),
            ("прекращено", 1, 7, 1, 1, false),
        ]
    );
    for (key, heading) in [
        ("satisfied", "удовлетворено"),
        ("rejected", "отказано"),
        ("explained", "разъяснено"),
        ("terminated", "прекращено"),
        ("repeated", "рассмотрено повторно"),
    ] {
        assert_eq!(heading_of(t1, key), heading);
    }
    let r = t1.row("okrug").unwrap();
    assert_eq!((r.number.as_str(), r.label.as_str()), ("1", ""));

    let t2 = &form.tables[1];
    assert_eq!(t2.header_rows, 1);
    assert_eq!(
        header_cells(t2),
        [
            ("№", 0, 0, 1, 1, false),
            ("Специфика вопросов", 0, 1, 1, 1, false),
            ("Количество обращений", 0, 2, 1, 1, false),
        ]
    );
    // Table 2 is numbered 1 to 10; «Итого» has no number.
    let numbers: Vec<&str> = t2.rows.iter().map(|r| r.number.as_str()).collect();
    assert_eq!(
        numbers,
        ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", ""]
    );
    let keys: Vec<&str> = t2.rows.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "topic1", "topic2", "topic3", "topic4", "topic5", "topic6", "topic7", "topic8",
            "topic9", "topic10", "total"
        ]
    );
    assert!(t2.rows[..10].iter().all(|r| r.mark == RowMark::Normal));
}

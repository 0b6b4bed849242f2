//! F1 — personal receptions by category and outcome.

use crate::support::*;
use estu_core::Lang;
use estu_core::forms::{FormKind, Orientation, RowMark};
use estu_core::model::Outcome::*;

/// Receptions around the edges of 2022's first half, in both villages.
fn fixture() -> Fixture {
    let mut f = Fixture::new();
    let (red, kyzyl) = (Some(f.villages[0]), Some(f.villages[1]));
    f.reception(at(2021, 12, 31, 10, 0), "legal", Some(Satisfied), red);
    f.reception(at(2022, 1, 4, 10, 0), "water", Some(Satisfied), red);
    f.reception(at(2022, 1, 4, 11, 0), "land", Some(Explained), red);
    f.reception(at(2022, 2, 15, 10, 0), "roads", Some(Rejected), kyzyl);
    // Thursday 31 March: 17:00 is registered that day (Q1); 23:59 on Friday 1 April (Q2).
    f.reception(at(2022, 3, 31, 17, 0), "housing_provision", None, red);
    f.reception(
        at(2022, 3, 31, 23, 59),
        "employment",
        Some(Satisfied),
        kyzyl,
    );
    f.reception(at(2022, 6, 30, 12, 0), "credit", Some(Terminated), red);
    f.reception(at(2022, 7, 1, 10, 0), "other", Some(Satisfied), red);
    // Not receptions: never in F1.
    f.appeal(
        at(2022, 2, 1, 10, 0),
        estu_core::model::Channel::WrittenPerson,
        "water",
        |_| {},
    );
    f.appeal(
        at(2022, 2, 1, 11, 0),
        estu_core::model::Channel::Online,
        "water",
        |_| {},
    );
    f
}

/// Expected row: total, then categories 1..16 given as (category, count), then 3 outcomes.
fn expect(total: i64, cats: &[(usize, i64)], outcomes: [i64; 3]) -> Vec<i64> {
    let mut v = vec![total];
    let mut c = [0i64; 16];
    for &(i, n) in cats {
        c[i - 1] = n;
    }
    v.extend(c);
    v.extend(outcomes);
    v
}

#[test]
fn first_quarter_second_quarter_half_year_and_year() {
    let f = fixture();
    let q1 = f.form(FormKind::F1, "2022-Q1", Lang::Ru);
    assert_eq!(
        ints(&q1, 0, "okrug"),
        expect(4, &[(6, 1), (3, 1), (1, 1), (5, 1)], [1, 1, 1])
    );
    let q2 = f.form(FormKind::F1, "2022-Q2", Lang::Ru);
    assert_eq!(
        ints(&q2, 0, "okrug"),
        expect(2, &[(9, 1), (10, 1)], [1, 0, 0])
    );
    let h1 = f.form(FormKind::F1, "2022-H1", Lang::Ru);
    assert_eq!(
        ints(&h1, 0, "okrug"),
        expect(
            6,
            &[(1, 1), (3, 1), (5, 1), (6, 1), (9, 1), (10, 1)],
            [2, 1, 1]
        )
    );
    let y = f.form(FormKind::F1, "2022", Lang::Ru);
    assert_eq!(
        ints(&y, 0, "okrug"),
        expect(
            7,
            &[(1, 1), (3, 1), (5, 1), (6, 1), (9, 1), (10, 1), (16, 1)],
            [3, 1, 1]
        )
    );
    let y21 = f.form(FormKind::F1, "2021", Lang::Ru);
    assert_eq!(ints(&y21, 0, "okrug"), expect(1, &[(15, 1)], [1, 0, 0]));
    let nine = f.form(FormKind::F1, "2022-9M", Lang::Ru);
    assert_eq!(ints(&nine, 0, "okrug")[0], 7);
}

#[test]
fn one_settlement() {
    let f = fixture();
    let h1 = f.form_in(FormKind::F1, "2022-H1", Lang::Ru, Some("Кызыл Жулдыз"));
    assert_eq!(
        ints(&h1, 0, "okrug"),
        expect(2, &[(1, 1), (9, 1)], [1, 0, 1])
    );
    assert_eq!(h1.settlement.as_deref(), Some("Кызыл Жулдыз"));
    assert!(h1.title.iter().any(|l| l.text == "в селе Кызыл Жулдыз"));
    // The Kazakh name finds the same village, and the Kazakh form names it in Kazakh.
    let kk = f.form_in(FormKind::F1, "2022-H1", Lang::Kk, Some("қызыл жұлдыз"));
    assert_eq!(ints(&kk, 0, "okrug"), ints(&h1, 0, "okrug"));
    assert!(kk.title.iter().any(|l| l.text == "Қызыл Жұлдыз ауылында"));
}

#[test]
fn leap_day_is_inside_february() {
    let mut f = Fixture::new();
    f.reception(at(2024, 2, 29, 10, 0), "water", Some(Satisfied), None);
    let feb = f.form(FormKind::F1, "2024-02-01..2024-02-29", Lang::Ru);
    assert_eq!(ints(&feb, 0, "okrug")[0], 1);
    let mar = f.form(FormKind::F1, "2024-03-01..2024-03-31", Lang::Ru);
    assert_eq!(ints(&mar, 0, "okrug")[0], 0);
    assert_eq!(
        mar.title.last().unwrap().text,
        "за период с 01.03.2024 по 31.03.2024"
    );
}

#[test]
fn wording_is_the_transcribed_form() {
    let f = fixture();
    let form = f.form(FormKind::F1, "2022-H1", Lang::Ru);
    assert_eq!(form.orientation, Orientation::Landscape);
    let title: Vec<&str> = form.title.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        title,
        [
            "СВЕДЕНИЯ",
            "по личному приёму граждан",
            "в ГУ «Аппарат акима Красноярского сельского округа» г.Кокшетау",
            "за 1 полугодие 2022 года"
        ]
    );
    let t = form.table();
    let head: Vec<&str> = t.header.iter().map(|h| h.text.as_str()).collect();
    assert_eq!(
        head,
        [
            "Личный прием",
            "Всего принято на приеме",
            "В том числе по категории вопросов",
            "Из них",
            "Промышленность, транспорт и связь",
            "Развитие сельского хозяйства",
            "Выделение земельных участков и землепользование",
            "Недропользование",
            "Предоставление жилья",
            "Жилищно-коммунальное хозяйство",
            "Развитие малого и среднего бизнеса",
            "Жалобы на работу местных исполнительных органов",
            "Трудоустройство, занятость, социальное обеспечение",
            "Выделение кредита",
            "Образование",
            "Здравоохранение",
            "Культура",
            "Спорт",
            "Правовые отношения",
            "Другие",
            "Удовлетворено",
            "Разъяснено",
            "Отклонено",
        ]
    );
    // The category block spans columns 3–18 (indexes 2..18), «Из них» 19–21.
    assert_eq!((t.header[2].col, t.header[2].col_span), (2, 16));
    assert_eq!((t.header[3].col, t.header[3].col_span), (18, 3));
    assert!(t.header[4..].iter().all(|h| h.rotate && h.row == 1));
    let r = &t.rows[0];
    assert_eq!(r.label, "ГУ «Аппарат акима Красноярского сельского округа»");
    assert_eq!(r.mark, RowMark::Normal);
    assert_eq!(form.footer.position, "Аким Красноярского сельского округа");
    assert_eq!(form.footer.name, "Е.М. Серикбаев");
    assert_eq!(
        form.footer.executor,
        "Исп.: Ахметова А.К., тел. 8 (7162) 40-12-34"
    );

    let kk = f.form(FormKind::F1, "2022-H1", Lang::Kk);
    let title: Vec<&str> = kk.title.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        title,
        [
            "Көкшетау қ. «Краснояр ауылдық округі әкімінің аппараты» ММ-де",
            "2022 жылғы 1 жартыжылдық үшін",
            "азаматтарды жеке қабылдау бойынша",
            "МӘЛІМЕТТЕР"
        ]
    );
    assert_eq!(
        kk.footer.executor,
        "Орынд.: Ахметова А.К., тел. 8 (7162) 40-12-34"
    );
    assert_eq!(ints(&kk, 0, "okrug"), ints(&form, 0, "okrug"));
}

#[test]
fn every_header_cell_sits_over_its_column() {
    let f = Fixture::new();
    for lang in [Lang::Ru, Lang::Kk] {
        let form = f.form(FormKind::F1, "2022", lang);
        assert_header_grid(form.table());
    }
    let form = f.form(FormKind::F1, "2022", Lang::Ru);
    let t = form.table();
    let keys: Vec<&str> = t.columns.iter().map(|c| c.key.as_str()).collect();
    let mut want = vec!["org", "total"];
    let cats: Vec<String> = (1..=16).map(|i| format!("cat{i}")).collect();
    want.extend(cats.iter().map(String::as_str));
    want.extend(["satisfied", "explained", "rejected"]);
    assert_eq!(keys, want);
    assert_eq!(t.header_rows, 2);
    let h = header_cells(t);
    // Upper row: the label and the total span both rows; the category block and «Из них».
    assert_eq!(h[0], ("Личный прием", 0, 0, 2, 1, false));
    assert_eq!(h[1], ("Всего принято на приеме", 0, 1, 2, 1, true));
    assert_eq!(
        h[2],
        ("В том числе по категории вопросов", 0, 2, 1, 16, false)
    );
    assert_eq!(h[3], ("Из них", 0, 18, 1, 3, false));
    // Lower row: category i over column cat{i} (index 1 + i), rotated; outcomes after them.
    for i in 1..=16 {
        let cell = &t.header[3 + i];
        assert_eq!(
            (
                cell.row,
                cell.col,
                cell.row_span,
                cell.col_span,
                cell.rotate
            ),
            (1, 1 + i, 1, 1, true),
            "category {i}"
        );
    }
    assert_eq!(h[20], ("Удовлетворено", 1, 18, 1, 1, true));
    assert_eq!(h[21], ("Разъяснено", 1, 19, 1, 1, true));
    assert_eq!(h[22], ("Отклонено", 1, 20, 1, 1, true));
    assert_eq!(heading_of(t, "cat1"), "Промышленность, транспорт и связь");
    assert_eq!(heading_of(t, "cat5"), "Предоставление жилья");
    assert_eq!(heading_of(t, "cat16"), "Другие");
    assert_eq!(heading_of(t, "total"), "Всего принято на приеме");
    assert_eq!(heading_of(t, "rejected"), "Отклонено");
    // The values follow the columns: one reception on «Другие», satisfied.
    let mut g = Fixture::new();
    g.reception(at(2022, 7, 1, 10, 0), "other", Some(Satisfied), None);
    let form = g.form(FormKind::F1, "2022", Lang::Ru);
    let t = form.table();
    assert_eq!(t.cell("okrug", "cat16").and_then(|c| c.as_int()), Some(1));
    assert_eq!(
        t.cell("okrug", "satisfied").and_then(|c| c.as_int()),
        Some(1)
    );
    assert_eq!(
        t.cell("okrug", "explained").and_then(|c| c.as_int()),
        Some(0)
    );
    assert_eq!(t.cell("okrug", "total").and_then(|c| c.as_int()), Some(1));
}

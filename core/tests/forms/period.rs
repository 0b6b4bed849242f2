//! Report periods: what each way of writing one covers (first and last day, quarter and
//! half-year edges, leap days, the accepted years) and how the form's title words it.

use crate::support::d;
use estu_core::Lang;
use estu_core::forms::{Period, PeriodKind};

fn days(s: &str) -> (PeriodKind, chrono::NaiveDate, chrono::NaiveDate) {
    let p = Period::parse(s).unwrap_or_else(|e| panic!("{s:?} refused: {e:?}"));
    (p.kind, p.from, p.to)
}

#[test]
fn every_period_kind_covers_its_days() {
    use PeriodKind::*;
    assert_eq!(days("2022"), (Year, d(2022, 1, 1), d(2022, 12, 31)));
    assert_eq!(days("2022-H1"), (Half(1), d(2022, 1, 1), d(2022, 6, 30)));
    assert_eq!(days("2022-h2"), (Half(2), d(2022, 7, 1), d(2022, 12, 31)));
    assert_eq!(days("2024-q1"), (Quarter(1), d(2024, 1, 1), d(2024, 3, 31)));
    assert_eq!(days("2022-Q2"), (Quarter(2), d(2022, 4, 1), d(2022, 6, 30)));
    assert_eq!(days("2022-Q3"), (Quarter(3), d(2022, 7, 1), d(2022, 9, 30)));
    assert_eq!(
        days("2022-Q4"),
        (Quarter(4), d(2022, 10, 1), d(2022, 12, 31))
    );
    assert_eq!(days("2022-9M"), (NineMonths, d(2022, 1, 1), d(2022, 9, 30)));
    assert_eq!(
        days(" 2022-9m "),
        (NineMonths, d(2022, 1, 1), d(2022, 9, 30))
    );
    // A range as typed, over a leap day, and of a single day.
    assert_eq!(
        days("2024-02-01..29.02.2024"),
        (Range, d(2024, 2, 1), d(2024, 2, 29))
    );
    assert_eq!(
        days("2022-03-01..2022-03-01"),
        (Range, d(2022, 3, 1), d(2022, 3, 1))
    );
    // A date: from 1 January of its year to it.
    assert_eq!(days("03.02.2022"), (AsOf, d(2022, 1, 1), d(2022, 2, 3)));
    assert_eq!(days("2024-02-29"), (AsOf, d(2024, 1, 1), d(2024, 2, 29)));
    assert_eq!(days("2022-01-01"), (AsOf, d(2022, 1, 1), d(2022, 1, 1)));
    // The constructors say the same.
    assert_eq!(Period::parse("2022").unwrap(), Period::year(2022));
    assert_eq!(Period::parse("2023-H2").unwrap(), Period::half(2023, 2));
    assert_eq!(Period::parse("2023-Q3").unwrap(), Period::quarter(2023, 3));
}

#[test]
fn years_from_2000_to_2100_and_nothing_malformed() {
    assert_eq!(
        days("2000"),
        (PeriodKind::Year, d(2000, 1, 1), d(2000, 12, 31))
    );
    assert_eq!(
        days("2100-Q4"),
        (PeriodKind::Quarter(4), d(2100, 10, 1), d(2100, 12, 31))
    );
    for bad in [
        "",
        "22",
        "1999",
        "2101",
        "1999-Q1",
        "2101-H1",
        "2022-Q0",
        "2022-Q5",
        "2022-H0",
        "2022-H3",
        "2022-8M",
        "2022-02-30",
        "2023-02-29",
        "2023-01-02..2022-01-01",
        "2022-03-02..2022-03-01",
        "x..y",
        "2022-01-01..y",
    ] {
        assert!(Period::parse(bad).is_err(), "{bad:?} accepted");
    }
}

#[test]
fn titles_in_both_languages() {
    let t = |p: Period| (p.title(Lang::Ru), p.title(Lang::Kk));
    assert_eq!(Period::year(2021).title(Lang::Ru), "за 2021 год");
    assert_eq!(
        Period::half(2022, 2).title(Lang::Ru),
        "за 2 полугодие 2022 года"
    );
    assert_eq!(
        Period::half(2022, 1).title(Lang::Kk),
        "2022 жылғы 1 жартыжылдық үшін"
    );
    assert_eq!(
        t(Period::quarter(2022, 3)),
        (
            "за 3 квартал 2022 года".to_string(),
            "2022 жылғы 3 тоқсан үшін".to_string()
        )
    );
    assert_eq!(
        Period::nine_months(2022).title(Lang::Ru),
        "за 9 месяцев 2022 года"
    );
    assert_eq!(
        Period::nine_months(2022).title(Lang::Kk),
        "2022 жылғы 9 ай үшін"
    );
    // The range's days, two digits each; the year of a range is its end's.
    assert_eq!(
        Period::range(d(2021, 11, 5), d(2022, 2, 3)).title(Lang::Ru),
        "за период с 05.11.2021 по 03.02.2022"
    );
    assert_eq!(
        Period::as_of(d(2022, 2, 3)).title(Lang::Ru),
        "на 03 февраля 2022 года"
    );
    assert_eq!(
        Period::as_of(d(2024, 12, 31)).title(Lang::Ru),
        "на 31 декабря 2024 года"
    );
    assert_eq!(
        Period::as_of(d(2022, 2, 3)).title(Lang::Kk),
        "2022 жылғы 03 ақпандағы жағдай бойынша"
    );
}

#[test]
fn sentences_open_with_the_period() {
    assert_eq!(Period::year(2021).sentence(Lang::Ru), "За 2021 год");
    assert_eq!(Period::year(2021).sentence(Lang::Kk), "2021 жылы");
    assert_eq!(
        Period::half(2022, 1).sentence(Lang::Ru),
        "За 1 полугодие 2022 года"
    );
    assert_eq!(
        Period::quarter(2022, 4).sentence(Lang::Ru),
        "За 4 квартал 2022 года"
    );
    assert_eq!(
        Period::nine_months(2023).sentence(Lang::Ru),
        "За 9 месяцев 2023 года"
    );
    assert_eq!(
        Period::range(d(2022, 1, 10), d(2022, 5, 15)).sentence(Lang::Ru),
        "За период с 10.01.2022 по 15.05.2022"
    );
    assert_eq!(
        Period::as_of(d(2022, 8, 31)).sentence(Lang::Ru),
        "По состоянию на 31 августа 2022 года"
    );
}

//! Report periods: a year, a half-year, a quarter, nine months, any date range, or "as of" a
//! date (from 1 January to that date), with their title wording from the i18n data.

use crate::error::{Error, Result};
use crate::i18n::{Lang, Text, tr, trf};
use crate::input::parse_date;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "n", rename_all = "snake_case")]
pub enum PeriodKind {
    Year,
    /// Half-year 1 or 2.
    Half(u8),
    /// Quarter 1..=4.
    Quarter(u8),
    NineMonths,
    /// Any range of days.
    Range,
    /// From 1 January of the year to the date (F3's «на <дату>», F5's «as of»).
    AsOf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub kind: PeriodKind,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The last day of month `m` of year `y`.
pub(crate) fn month_end(y: i32, m: u32) -> NaiveDate {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    ymd(ny, nm, 1).expect("valid month") - chrono::Days::new(1)
}

fn bad(s: &str) -> Error {
    Error::Other(Text::new("forms.err.period").arg("value", s))
}

impl Period {
    pub fn year(y: i32) -> Period {
        Period {
            kind: PeriodKind::Year,
            from: ymd(y, 1, 1).expect("valid"),
            to: ymd(y, 12, 31).expect("valid"),
        }
    }

    pub fn quarter(y: i32, q: u8) -> Period {
        let q = q.clamp(1, 4) as u32;
        Period {
            kind: PeriodKind::Quarter(q as u8),
            from: ymd(y, 3 * q - 2, 1).expect("valid"),
            to: month_end(y, 3 * q),
        }
    }

    pub fn half(y: i32, h: u8) -> Period {
        let h = h.clamp(1, 2) as u32;
        Period {
            kind: PeriodKind::Half(h as u8),
            from: ymd(y, 6 * h - 5, 1).expect("valid"),
            to: month_end(y, 6 * h),
        }
    }

    pub fn nine_months(y: i32) -> Period {
        Period {
            kind: PeriodKind::NineMonths,
            from: ymd(y, 1, 1).expect("valid"),
            to: ymd(y, 9, 30).expect("valid"),
        }
    }

    pub fn as_of(d: NaiveDate) -> Period {
        Period {
            kind: PeriodKind::AsOf,
            from: ymd(d.year(), 1, 1).expect("valid"),
            to: d,
        }
    }

    pub fn range(from: NaiveDate, to: NaiveDate) -> Period {
        Period {
            kind: PeriodKind::Range,
            from,
            to,
        }
    }

    /// `2022`, `2022-H1`, `2022-Q3`, `2022-9M`, `2022-01-01..2022-05-15`, or a date (as of it).
    pub fn parse(s: &str) -> Result<Period> {
        let t = s.trim();
        if let Some((a, b)) = t.split_once("..") {
            let (from, to) = match (parse_date(a), parse_date(b)) {
                (Some(f), Some(t)) => (f, t),
                _ => return Err(bad(s)),
            };
            if from > to {
                return Err(Error::Other(
                    Text::new("forms.err.period_order")
                        .arg("from", from.format("%d.%m.%Y"))
                        .arg("to", to.format("%d.%m.%Y")),
                ));
            }
            return Ok(Period::range(from, to));
        }
        if let Some(d) = parse_date(t) {
            return Ok(Period::as_of(d));
        }
        let (year, rest) = match t.split_once('-') {
            Some((y, r)) => (y, Some(r.to_uppercase())),
            None => (t, None),
        };
        let y: i32 = year.parse().map_err(|_| bad(s))?;
        if !(2000..=2100).contains(&y) {
            return Err(bad(s));
        }
        match rest.as_deref() {
            None => Ok(Period::year(y)),
            Some("H1") => Ok(Period::half(y, 1)),
            Some("H2") => Ok(Period::half(y, 2)),
            Some("Q1") => Ok(Period::quarter(y, 1)),
            Some("Q2") => Ok(Period::quarter(y, 2)),
            Some("Q3") => Ok(Period::quarter(y, 3)),
            Some("Q4") => Ok(Period::quarter(y, 4)),
            Some("9M") => Ok(Period::nine_months(y)),
            _ => Err(bad(s)),
        }
    }

    pub(crate) fn year_of(&self) -> i32 {
        self.to.year()
    }

    /// The title's period line: «за 1 полугодие 2022 года», «на 03 февраля 2022 года»…
    pub fn title(&self, lang: Lang) -> String {
        self.phrase(lang, "forms.period")
    }

    /// The period opening a sentence (F4's totals line): «За 2021 год», «2021 жылы»…
    pub fn sentence(&self, lang: Lang) -> String {
        self.phrase(lang, "forms.period_in")
    }

    fn phrase(&self, lang: Lang, prefix: &str) -> String {
        let y = self.to.year();
        match self.kind {
            PeriodKind::Year => trf(lang, &format!("{prefix}.year"), &[("year", &y)]),
            PeriodKind::Half(n) => trf(lang, &format!("{prefix}.half"), &[("n", &n), ("year", &y)]),
            PeriodKind::Quarter(n) => trf(
                lang,
                &format!("{prefix}.quarter"),
                &[("n", &n), ("year", &y)],
            ),
            PeriodKind::NineMonths => trf(lang, &format!("{prefix}.nine_months"), &[("year", &y)]),
            PeriodKind::Range => trf(
                lang,
                &format!("{prefix}.range"),
                &[
                    ("from", &self.from.format("%d.%m.%Y")),
                    ("to", &self.to.format("%d.%m.%Y")),
                ],
            ),
            PeriodKind::AsOf => date_phrase(lang, &format!("{prefix}.as_of"), self.to),
        }
    }
}

/// «на 03 февраля 2022 года» / «2022 жылғы 03 ақпандағы жағдай бойынша».
fn date_phrase(lang: Lang, key: &str, d: NaiveDate) -> String {
    let month = tr(lang, &format!("forms.month_on.{}", d.month()));
    trf(
        lang,
        key,
        &[
            ("day", &format!("{:02}", d.day())),
            ("month", &month),
            ("year", &d.year()),
        ],
    )
}

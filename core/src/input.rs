//! Values as people type them — dates, times, sums of money — read the same way by the app,
//! the command line and the forms' periods.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// Reads a date as typed: `31.03.2022`, `1.3.22`, `2022-03-31`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d);
    }
    let parts: Vec<&str> = s.split(['.', '/', ',']).collect();
    if parts.len() != 3 {
        return None;
    }
    let day: u32 = parts[0].trim().parse().ok()?;
    let month: u32 = parts[1].trim().parse().ok()?;
    let mut year: i32 = parts[2].trim().parse().ok()?;
    if parts[2].trim().len() == 2 {
        year += 2000;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Reads a time as typed: `9:05`, `09:05`, `09:05:30` (what spreadsheets give).
pub fn parse_time(s: &str) -> Option<NaiveTime> {
    let s = s.trim();
    NaiveTime::parse_from_str(s, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(s, "%H:%M:%S"))
        .or_else(|_| NaiveTime::parse_from_str(s, "%H:%M:%S%.f"))
        .ok()
}

/// Reads a moment as written in files and typed: `2022-01-10T10:00`, `2022-01-10 10:00:00`,
/// `10.01.2022 10:00`, or a date alone (midnight).
pub fn parse_datetime(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    let (date, time) = match s.split_once(['T', ' ']) {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let date = parse_date(date)?;
    let time = match time.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => parse_time(t)?,
        None => NaiveTime::MIN,
    };
    Some(date.and_time(time))
}

/// Serde's reading of a moment in an exchange file: what `parse_datetime` reads (a time
/// without seconds included); written back as chrono writes it.
pub mod serde_datetime {
    use chrono::NaiveDateTime;
    use serde::{Deserialize, Deserializer, de::Error};

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        super::parse_datetime(&s).ok_or_else(|| D::Error::custom(BadMoment(s.into_owned())))
    }

    /// Recognised by the exchange import's error translation (`bad moment: …`).
    struct BadMoment(String);

    impl std::fmt::Display for BadMoment {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "bad moment: {:?}", self.0)
        }
    }
}

/// Reads a sum of money as typed, with a comma or a point and spaces between thousands.
pub fn parse_money(s: &str) -> Option<f64> {
    let cleaned: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    if cleaned.is_empty() {
        return Some(0.0);
    }
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A number as Russian and Kazakh write it, the one way the program shows one: a decimal
/// comma; `places` digits after it (as many as the value needs when `None`); with `grouped`,
/// thousands set apart by a no-break space (`1 234,5`). `parse_money` reads each back.
pub fn format_number(v: f64, places: Option<usize>, grouped: bool) -> String {
    let s = match places {
        Some(p) => format!("{:.p$}", v.abs()),
        None => format!("{}", v.abs()),
    };
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut out = String::new();
    if v < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.push('-');
    }
    for (i, c) in int.chars().enumerate() {
        if grouped && i > 0 && (int.len() - i) % 3 == 0 {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_with_a_decimal_comma_and_read_back() {
        assert_eq!(format_number(12500.5, None, false), "12500,5");
        assert_eq!(format_number(12500.0, None, false), "12500");
        assert_eq!(format_number(388097.64, Some(1), true), "388\u{a0}097,6");
        assert_eq!(format_number(999.0, Some(1), true), "999,0");
        assert_eq!(format_number(1000.0, Some(1), true), "1\u{a0}000,0");
        assert_eq!(format_number(-1234.25, Some(2), true), "-1\u{a0}234,25");
        assert_eq!(format_number(-0.01, Some(1), false), "0,0");
        assert_eq!(format_number(7.0, Some(0), false), "7");
        for v in [0.5, 12500.5, 1234567.25] {
            assert_eq!(parse_money(&format_number(v, None, true)), Some(v));
        }
    }

    #[test]
    fn dates_are_read_as_staff_type_them() {
        let d = NaiveDate::from_ymd_opt(2022, 3, 31).unwrap();
        assert_eq!(parse_date("31.03.2022"), Some(d));
        assert_eq!(parse_date(" 31.3.22 "), Some(d));
        assert_eq!(parse_date("2022-03-31"), Some(d));
        assert_eq!(parse_date("31.02.2022"), None);
        assert_eq!(parse_date("завтра"), None);
    }

    #[test]
    fn money_accepts_comma_and_spaces() {
        assert_eq!(parse_money("1 234,5"), Some(1234.5));
        assert_eq!(parse_money(""), Some(0.0));
        assert_eq!(parse_money("12a"), None);
    }

    #[test]
    fn times_with_or_without_a_leading_zero() {
        let t = NaiveTime::from_hms_opt(9, 5, 0).unwrap();
        assert_eq!(parse_time("9:05"), Some(t));
        assert_eq!(parse_time(" 09:05 "), Some(t));
        assert_eq!(parse_time("25:00"), None);
        assert_eq!(parse_time("09:05:00"), Some(t));
    }

    #[test]
    fn moments_with_or_without_seconds() {
        let m = |h, min, s| {
            NaiveDate::from_ymd_opt(2022, 1, 10)
                .unwrap()
                .and_hms_opt(h, min, s)
                .unwrap()
        };
        assert_eq!(parse_datetime("2022-01-10T10:00"), Some(m(10, 0, 0)));
        assert_eq!(parse_datetime("2022-01-10T10:00:30"), Some(m(10, 0, 30)));
        assert_eq!(parse_datetime("2022-01-10 10:00"), Some(m(10, 0, 0)));
        assert_eq!(parse_datetime("10.01.2022 9:05"), Some(m(9, 5, 0)));
        assert_eq!(parse_datetime("10.01.22"), Some(m(0, 0, 0)));
        assert_eq!(parse_datetime("2022-01-10T25:00"), None);
        assert_eq!(parse_datetime("вчера"), None);
    }
}

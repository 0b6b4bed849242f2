//! Values as people type them — dates, times, sums of money — read the same way by the app,
//! the command line and the forms' periods.

use chrono::{NaiveDate, NaiveTime};

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

/// Reads a time as typed: `9:05`, `09:05`.
pub fn parse_time(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(s.trim(), "%H:%M").ok()
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

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}

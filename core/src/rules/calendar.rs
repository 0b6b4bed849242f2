//! Working days of Kazakhstan: weekends, the fixed public holidays, and the dated exceptions the
//! user keeps (Құрбан айт, days off moved by the Government, Saturdays made working days).

use chrono::{Datelike, Days, NaiveDate, Weekday};
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, Default)]
pub struct Calendar {
    /// (month, day) of holidays that recur every year.
    fixed: HashSet<(u32, u32)>,
    /// Explicit days: true = working, false = day off. They win over everything else.
    exceptions: HashMap<NaiveDate, bool>,
}

/// The fixed public holidays as the law lists them (also seeded into `holiday_rule`).
pub const FIXED_HOLIDAYS: &[(u32, u32)] = &[
    (1, 1),
    (1, 2),
    (1, 7),
    (3, 8),
    (3, 21),
    (3, 22),
    (3, 23),
    (5, 1),
    (5, 7),
    (5, 9),
    (7, 6),
    (8, 30),
    (10, 25),
    (12, 16),
];

impl Calendar {
    pub fn new(
        fixed: impl IntoIterator<Item = (u32, u32)>,
        exceptions: impl IntoIterator<Item = (NaiveDate, bool)>,
    ) -> Self {
        Calendar {
            fixed: fixed.into_iter().collect(),
            exceptions: exceptions.into_iter().collect(),
        }
    }

    /// The law's fixed holidays and no exceptions.
    pub fn kazakhstan() -> Self {
        Calendar::new(FIXED_HOLIDAYS.iter().copied(), [])
    }

    pub fn is_working(&self, day: NaiveDate) -> bool {
        if let Some(&w) = self.exceptions.get(&day) {
            return w;
        }
        if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            return false;
        }
        !self.fixed.contains(&(day.month(), day.day()))
    }

    /// `day` itself if it is a working day, otherwise the next one.
    pub fn this_or_next_working_day(&self, day: NaiveDate) -> NaiveDate {
        let mut d = day;
        while !self.is_working(d) {
            d = d + Days::new(1);
        }
        d
    }

    /// The `n`-th working day after `start` (start itself not counted).
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> NaiveDate {
        let mut d = start;
        let mut left = n;
        while left > 0 {
            d = d + Days::new(1);
            if self.is_working(d) {
                left -= 1;
            }
        }
        d
    }

    /// Working days in (from, to]: how many working days `to` lies after `from`; negative when
    /// `to` is before `from`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        let (a, b, sign) = if to >= from {
            (from, to, 1)
        } else {
            (to, from, -1)
        };
        let mut n = 0;
        let mut d = a;
        while d < b {
            d = d + Days::new(1);
            if self.is_working(d) {
                n += 1;
            }
        }
        sign * n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn weekends_and_holidays_are_not_working() {
        let c = Calendar::kazakhstan();
        assert!(!c.is_working(d(2022, 3, 21))); // Наурыз, Monday
        assert!(!c.is_working(d(2022, 3, 19))); // Saturday
        assert!(c.is_working(d(2022, 3, 24)));
        assert!(!c.is_working(d(2022, 12, 16)));
    }

    #[test]
    fn exceptions_win() {
        let c = Calendar::new(
            FIXED_HOLIDAYS.iter().copied(),
            [(d(2022, 7, 11), false), (d(2022, 3, 26), true)],
        );
        assert!(!c.is_working(d(2022, 7, 11))); // Құрбан айт 2022
        assert!(c.is_working(d(2022, 3, 26))); // a working Saturday
    }

    #[test]
    fn an_exception_can_make_a_holiday_working_and_a_weekday_off() {
        let c = Calendar::new(
            FIXED_HOLIDAYS.iter().copied(),
            [(d(2022, 3, 8), true), (d(2022, 3, 9), false)],
        );
        assert!(c.is_working(d(2022, 3, 8)));
        assert!(!c.is_working(d(2022, 3, 9)));
        assert!(c.is_working(d(2022, 3, 10)));
        // Without holidays only weekends are days off.
        let plain = Calendar::new([], []);
        assert!(plain.is_working(d(2022, 3, 8)));
        assert!(plain.is_working(d(2022, 3, 18)));
        assert!(!plain.is_working(d(2022, 3, 20)));
    }

    #[test]
    fn holidays_on_the_edges_of_a_range() {
        let c = Calendar::kazakhstan();
        // Tuesday 8 March 2022 is a holiday: counted neither as the range's end nor its start.
        assert_eq!(c.working_days_between(d(2022, 3, 7), d(2022, 3, 8)), 0);
        assert_eq!(c.working_days_between(d(2022, 3, 8), d(2022, 3, 9)), 1);
        assert_eq!(c.working_days_between(d(2022, 3, 7), d(2022, 3, 9)), 1);
        assert_eq!(c.working_days_between(d(2022, 3, 9), d(2022, 3, 7)), -1);
        // A working day's own range is empty.
        assert_eq!(c.working_days_between(d(2022, 3, 9), d(2022, 3, 9)), 0);
        // The whole of March 2022: 23 weekdays less 8 and 21–23 March.
        assert_eq!(c.working_days_between(d(2022, 3, 1), d(2022, 3, 31)), 18);
        assert_eq!(c.working_days_between(d(2022, 3, 31), d(2022, 3, 1)), -18);
        // Across the new year: 3–6 and 10 January 2022 (1–2 and 7 January are holidays).
        assert_eq!(c.working_days_between(d(2021, 12, 31), d(2022, 1, 10)), 5);
        // Zero days added is the day itself, even a holiday.
        assert_eq!(c.add_working_days(d(2022, 3, 8), 0), d(2022, 3, 8));
        // From a holiday, the next working days.
        assert_eq!(c.add_working_days(d(2022, 3, 8), 1), d(2022, 3, 9));
        assert_eq!(c.add_working_days(d(2022, 3, 7), 2), d(2022, 3, 10));
        // A working day is its own registration day; a holiday run moves to its end.
        assert_eq!(c.this_or_next_working_day(d(2022, 3, 9)), d(2022, 3, 9));
        assert_eq!(c.this_or_next_working_day(d(2022, 3, 19)), d(2022, 3, 24));
    }

    #[test]
    fn counting_working_days() {
        let c = Calendar::kazakhstan();
        // Friday 18 March 2022 + 1 working day: 19–20 weekend, 21–23 Наурыз → Thursday 24.
        assert_eq!(c.add_working_days(d(2022, 3, 18), 1), d(2022, 3, 24));
        assert_eq!(c.working_days_between(d(2022, 3, 18), d(2022, 3, 24)), 1);
        assert_eq!(c.working_days_between(d(2022, 3, 24), d(2022, 3, 18)), -1);
        // 15 working days from Monday 3 January 2022 (7 January a holiday): 25 January.
        assert_eq!(c.add_working_days(d(2022, 1, 3), 15), d(2022, 1, 25));
        assert_eq!(c.this_or_next_working_day(d(2022, 1, 1)), d(2022, 1, 3));
    }
}

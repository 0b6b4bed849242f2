//! The dashboard's figures: this quarter at a glance and the last twelve months, read with a
//! few aggregate queries.

use super::Db;
use crate::error::Result;
use crate::rules::deadline;
use crate::store::appeals::OPEN_AND_DUE;
use chrono::{Datelike, Days, Months, NaiveDate};

/// The figures on the screen.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    pub quarter_from: Option<NaiveDate>,
    pub quarter_to: Option<NaiveDate>,
    pub received: i64,
    pub answered: i64,
    pub overdue: i64,
    pub due_soon: i64,
    pub plan_done: i64,
    pub plan_total: i64,
    pub money_needed: f64,
    pub money_allocated: f64,
    /// (first day of month, appeals registered) for the last twelve months.
    pub by_month: Vec<(NaiveDate, i64)>,
    /// (topic ru, topic kk, appeals) this quarter, the largest first.
    pub by_topic: Vec<(String, String, i64)>,
}

/// The quarter `day` falls in.
fn quarter_of(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let q0 = (day.month0() / 3) * 3 + 1;
    let from = NaiveDate::from_ymd_opt(day.year(), q0, 1).expect("valid");
    let to = from + Months::new(3) - Days::new(1);
    (from, to)
}

impl Figures {
    pub fn read(conn: &Db, today: NaiveDate) -> Result<Figures> {
        let (from, to) = quarter_of(today);
        let one = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> Result<i64> {
            Ok(conn.prepare_cached(sql)?.query_row(p, |r| r.get(0))?)
        };
        let soon = deadline::due_soon_until(today);
        let mut f = Figures {
            quarter_from: Some(from),
            quarter_to: Some(to),
            received: one(
                "SELECT count(*) FROM appeal WHERE registered_on BETWEEN ?1 AND ?2",
                &[&from, &to],
            )?,
            answered: one(
                "SELECT count(*) FROM appeal WHERE answered_on BETWEEN ?1 AND ?2",
                &[&from, &to],
            )?,
            overdue: one(
                &format!("SELECT count(*) FROM appeal a WHERE {OPEN_AND_DUE} < ?1"),
                &[&today],
            )?,
            due_soon: one(
                &format!("SELECT count(*) FROM appeal a WHERE {OPEN_AND_DUE} BETWEEN ?1 AND ?2"),
                &[&today, &soon],
            )?,
            ..Default::default()
        };
        let (done, total, needed, allocated): (i64, i64, f64, f64) = conn.query_row(
            "SELECT coalesce(sum(status = 'done'), 0), count(*), coalesce(sum(money_needed), 0),
                    coalesce(sum(money_allocated), 0) FROM plan_item",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        f.plan_done = done;
        f.plan_total = total;
        f.money_needed = needed;
        f.money_allocated = allocated;
        let first = today.with_day(1).expect("day 1") - Months::new(11);
        // Per day, in index order (no sort of a year's rows), summed into months here.
        let mut st = conn.prepare_cached(
            "SELECT registered_on, count(*) FROM appeal
             WHERE registered_on >= ?1 AND registered_on <= ?2 GROUP BY registered_on",
        )?;
        let days: Vec<(NaiveDate, i64)> = st
            .query_map(rusqlite::params![first, today], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        for i in 0..12 {
            let m = first + Months::new(i);
            let next = m + Months::new(1);
            let n = days
                .iter()
                .filter(|(d, _)| *d >= m && *d < next)
                .map(|(_, n)| n)
                .sum();
            f.by_month.push((m, n));
        }
        let mut st = conn.prepare_cached(
            "SELECT t.name_ru, t.name_kk, count(*) AS n FROM appeal a JOIN topic t ON t.id = a.topic_id
             WHERE a.registered_on BETWEEN ?1 AND ?2 GROUP BY a.topic_id ORDER BY n DESC, t.sort_order LIMIT 8",
        )?;
        f.by_topic = st
            .query_map([from, to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(quarter_of(d(2022, 3, 31)), (d(2022, 1, 1), d(2022, 3, 31)));
        assert_eq!(quarter_of(d(2024, 5, 2)), (d(2024, 4, 1), d(2024, 6, 30)));
        assert_eq!(
            quarter_of(d(2022, 12, 31)),
            (d(2022, 10, 1), d(2022, 12, 31))
        );
    }

    #[test]
    fn figures_count_the_quarter_the_months_and_what_is_late() {
        use crate::model::{Appeal, Channel, Outcome};
        use crate::store::{Store, appeals, reference};
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let mut store = Store::in_memory(&crate::demo::profile()).unwrap();
        let water = reference::topic_id_by_code(store.conn(), "water")
            .unwrap()
            .unwrap();
        let roads = reference::topic_id_by_code(store.conn(), "roads")
            .unwrap()
            .unwrap();
        // Received (a weekday, 10:00) → month: Jan 2022 ×1 (the first of the 12 months up to
        // December), Feb ×2, Nov ×1, Dec ×3 (two water, one roads; one answered).
        let days = [
            (d(2022, 1, 10), water, false),
            (d(2022, 2, 7), water, true),
            (d(2022, 2, 8), water, true),
            (d(2022, 11, 28), roads, false),
            (d(2022, 12, 1), water, true),
            (d(2022, 12, 5), water, false),
            (d(2022, 12, 6), roads, false),
        ];
        store
            .write(|tx| {
                for (day, topic, answered) in days {
                    let mut a = Appeal::new(
                        day.and_hms_opt(10, 0, 0).unwrap(),
                        Channel::WrittenPerson,
                        "Сидоров Иван",
                        topic,
                        "Прошу отремонтировать",
                    );
                    if answered {
                        a.outcome = Some(Outcome::Explained);
                        a.answered_on = Some(day + Days::new(3));
                    }
                    appeals::insert(tx, &mut a)?;
                }
                Ok(())
            })
            .unwrap();
        let today = d(2022, 12, 15);
        let f = Figures::read(store.conn(), today).unwrap();
        assert_eq!((f.received, f.answered), (4, 1));
        // Open: 10 Jan (due 31 Jan) and 28 Nov (due 19 Dec) → one overdue; 5 and 6 Dec are
        // due 26 and 27 Dec; 28 Nov's 19 Dec is not within 3 days of the 15th either.
        assert_eq!((f.overdue, f.due_soon), (1, 0));
        assert_eq!(f.by_month.len(), 12);
        assert_eq!(f.by_month[0], (d(2022, 1, 1), 1));
        assert_eq!(f.by_month[11], (d(2022, 12, 1), 3));
        let month = |m: u32| f.by_month.iter().find(|x| x.0 == d(2022, m, 1)).unwrap().1;
        assert_eq!((month(2), month(3), month(11), month(12)), (2, 0, 1, 3));
        assert_eq!(f.by_month.iter().map(|x| x.1).sum::<i64>(), 7);
        let topics: Vec<i64> = f.by_topic.iter().map(|t| t.2).collect();
        assert_eq!(
            topics,
            [2, 2],
            "quarter: water 1 and 5 Dec, roads 28 Nov and 6 Dec"
        );
    }

    /// Overdue and due soon are one rule: the dashboard's counts, the journal's filters and the
    /// rule itself agree on appeals due on either side of each threshold.
    #[test]
    fn overdue_and_due_soon_agree_with_the_rule_on_both_sides_of_each_threshold() {
        use crate::model::{Appeal, Channel};
        use crate::rules::deadline::{DUE_SOON_DAYS, urgency};
        use crate::store::appeals::{self, Filter, StatusFilter};
        use crate::store::{Store, reference};
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let today = d(2022, 12, 15);
        let mut store = Store::in_memory(&crate::demo::profile()).unwrap();
        store.set_today(today);
        let water = reference::topic_id_by_code(store.conn(), "water")
            .unwrap()
            .unwrap();
        let soon = DUE_SOON_DAYS as i64;
        // Due dates around today: overdue by one day, due today, the last "soon" day, the first
        // day after it.
        let offsets = [-1, 0, soon, soon + 1];
        store
            .write(|tx| {
                for off in offsets {
                    let mut a = Appeal::new(
                        d(2022, 12, 1).and_hms_opt(10, 0, 0).unwrap(),
                        Channel::WrittenPerson,
                        "Сидоров Иван",
                        water,
                        "Прошу отремонтировать",
                    );
                    a.deadline = Some(today + chrono::Duration::days(off));
                    appeals::insert(tx, &mut a)?;
                }
                Ok(())
            })
            .unwrap();
        let by_rule = |pred: fn(crate::rules::deadline::Urgency) -> bool| {
            offsets
                .iter()
                .filter(|&&off| pred(urgency(today + chrono::Duration::days(off), false, today)))
                .count() as i64
        };
        let journal = |status| {
            let f = Filter {
                status,
                ..Default::default()
            };
            let (rows, _) = appeals::page(store.conn(), &f, today, 0, 50).unwrap();
            rows.len() as i64
        };
        let f = Figures::read(store.conn(), today).unwrap();
        assert_eq!(by_rule(|u| u.is_overdue()), 1, "only the day before today");
        assert_eq!(
            by_rule(|u| u.is_due_soon()),
            2,
            "today and the last soon day"
        );
        assert_eq!(f.overdue, by_rule(|u| u.is_overdue()));
        assert_eq!(f.due_soon, by_rule(|u| u.is_due_soon()));
        assert_eq!(journal(StatusFilter::Overdue), f.overdue);
        assert_eq!(journal(StatusFilter::DueSoon), f.due_soon);
    }
}

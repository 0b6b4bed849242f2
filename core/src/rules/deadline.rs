//! The terms the Administrative Procedural Code sets for an appeal, in working days.

use super::calendar::Calendar;
use crate::model::{Appeal, AppealKind, Channel, PlanStatus};
use chrono::{Months, NaiveDate, NaiveDateTime, NaiveTime};

/// Working days to consider an appeal.
pub const TERM_WORKING_DAYS: u32 = 15;
/// Complaints through the national appeals system (e-Өтініш).
pub const COMPLAINT_EOTINISH_WORKING_DAYS: u32 = 20;
/// Working days to redirect an appeal outside the akimat's competence.
pub const REDIRECT_WORKING_DAYS: u32 = 3;
/// Working days to tell the applicant of an extension.
pub const EXTENSION_NOTICE_WORKING_DAYS: u32 = 3;
/// The longest total term after an extension.
pub const MAX_TERM_MONTHS: u32 = 2;

/// Office hours, to decide whether an appeal is registered the same day.
#[derive(Debug, Clone, Copy)]
pub struct WorkHours {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl Default for WorkHours {
    fn default() -> Self {
        WorkHours {
            start: NaiveTime::from_hms_opt(9, 0, 0).expect("valid"),
            end: NaiveTime::from_hms_opt(18, 30, 0).expect("valid"),
        }
    }
}

impl WorkHours {
    pub fn parse(start: &str, end: &str) -> Self {
        let def = WorkHours::default();
        WorkHours {
            start: NaiveTime::parse_from_str(start, "%H:%M").unwrap_or(def.start),
            end: NaiveTime::parse_from_str(end, "%H:%M").unwrap_or(def.end),
        }
    }
}

/// The day an appeal is registered: the day it arrives, or the next working day when it arrives
/// after hours or on a day off.
pub fn registration_day(cal: &Calendar, hours: WorkHours, received: NaiveDateTime) -> NaiveDate {
    let day = received.date();
    if cal.is_working(day) && received.time() < hours.end {
        day
    } else if cal.is_working(day) && received.time() >= hours.end {
        cal.add_working_days(day, 1)
    } else {
        cal.this_or_next_working_day(day)
    }
}

/// "Empty means recompute", the forgetting half: after an edit, the registration day and the
/// deadline that no longer follow from the appeal are emptied (a new appeal's always are): the
/// moment it was received sets both, its kind and channel set the deadline.
pub fn forget_stale_terms(before: &Appeal, after: &mut Appeal) {
    if after.id == 0 || before.received_at != after.received_at {
        after.registered_on = None;
        after.deadline = None;
    }
    if before.kind != after.kind || before.channel != after.channel {
        after.deadline = None;
    }
}

/// "Empty means recompute", the filling half: an empty registration day or deadline gets the
/// one the law gives. What the user set stays.
pub fn fill_terms(cal: &Calendar, hours: WorkHours, a: &mut Appeal) {
    let reg = *a
        .registered_on
        .get_or_insert_with(|| registration_day(cal, hours, a.received_at));
    if a.deadline.is_none() {
        a.deadline = Some(deadline(cal, reg, a.kind, a.channel));
    }
}

/// Working days allowed for an appeal of this kind and channel.
pub fn term_days(kind: AppealKind, channel: Channel) -> u32 {
    if kind == AppealKind::Complaint && channel == Channel::Eotinish {
        COMPLAINT_EOTINISH_WORKING_DAYS
    } else {
        TERM_WORKING_DAYS
    }
}

/// The answer deadline counted from the registration day.
pub fn deadline(
    cal: &Calendar,
    registered: NaiveDate,
    kind: AppealKind,
    channel: Channel,
) -> NaiveDate {
    cal.add_working_days(registered, term_days(kind, channel))
}

/// The last day an appeal outside the akimat's competence may be redirected.
pub fn redirect_deadline(cal: &Calendar, registered: NaiveDate) -> NaiveDate {
    cal.add_working_days(registered, REDIRECT_WORKING_DAYS)
}

/// The latest date a term may be extended to: two months from registration.
pub fn max_extension(registered: NaiveDate) -> NaiveDate {
    registered + Months::new(MAX_TERM_MONTHS)
}

/// Where an open appeal stands against its deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Urgency {
    /// Answered: nothing to watch.
    Closed,
    /// Days left (calendar days) before the deadline; 0 = due today.
    DaysLeft(i64),
    /// Calendar days past the deadline.
    Overdue(i64),
}

/// Calendar days before its due date from which an open appeal is "due soon" (today included).
pub const DUE_SOON_DAYS: u64 = 3;

impl Urgency {
    pub fn is_overdue(self) -> bool {
        matches!(self, Urgency::Overdue(_))
    }

    /// Open and due within `DUE_SOON_DAYS` (not yet overdue).
    pub fn is_due_soon(self) -> bool {
        matches!(self, Urgency::DaysLeft(n) if n <= DUE_SOON_DAYS as i64)
    }
}

/// The last due date that counts as "due soon" on `today`.
pub fn due_soon_until(today: NaiveDate) -> NaiveDate {
    today + chrono::Days::new(DUE_SOON_DAYS)
}

/// Where an appeal due on `due` (its extension, else its deadline) stands on `today`.
pub fn urgency(due: NaiveDate, answered: bool, today: NaiveDate) -> Urgency {
    if answered {
        return Urgency::Closed;
    }
    let left = (due - today).num_days();
    if left < 0 {
        Urgency::Overdue(-left)
    } else {
        Urgency::DaysLeft(left)
    }
}

/// Whether a plan item can still miss its deadline: done, rejected and budgeted items cannot.
pub fn plan_status_can_be_overdue(s: PlanStatus) -> bool {
    !matches!(
        s,
        PlanStatus::Done | PlanStatus::Rejected | PlanStatus::BudgetRequest
    )
}

/// Whether a plan item is overdue on `day`: it can still miss its deadline, and did.
pub fn plan_item_overdue(status: PlanStatus, deadline: Option<NaiveDate>, day: NaiveDate) -> bool {
    plan_status_can_be_overdue(status) && deadline.is_some_and(|d| d < day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    fn at(day: NaiveDate, h: u32, m: u32) -> NaiveDateTime {
        day.and_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn after_hours_and_days_off_move_registration() {
        let c = Calendar::kazakhstan();
        let h = WorkHours::default();
        assert_eq!(
            registration_day(&c, h, at(d(2022, 3, 17), 10, 0)),
            d(2022, 3, 17)
        );
        assert_eq!(
            registration_day(&c, h, at(d(2022, 3, 17), 19, 0)),
            d(2022, 3, 18)
        );
        // Friday evening before Наурыз → Thursday 24 March.
        assert_eq!(
            registration_day(&c, h, at(d(2022, 3, 18), 18, 45)),
            d(2022, 3, 24)
        );
        assert_eq!(
            registration_day(&c, h, at(d(2022, 3, 20), 11, 0)),
            d(2022, 3, 24)
        );
        // Early morning of a working day is still that day.
        assert_eq!(
            registration_day(&c, h, at(d(2022, 3, 17), 7, 0)),
            d(2022, 3, 17)
        );
    }

    #[test]
    fn terms() {
        let c = Calendar::kazakhstan();
        let reg = d(2022, 3, 1);
        // 15 working days after 1 March 2022: 8 March and 21–23 March are holidays.
        assert_eq!(
            deadline(&c, reg, AppealKind::Statement, Channel::WrittenPerson),
            d(2022, 3, 28)
        );
        assert_eq!(
            deadline(&c, reg, AppealKind::Complaint, Channel::Eotinish),
            d(2022, 4, 4)
        );
        assert_eq!(
            deadline(&c, reg, AppealKind::Complaint, Channel::Reception),
            d(2022, 3, 28)
        );
        assert_eq!(redirect_deadline(&c, reg), d(2022, 3, 4));
        assert_eq!(max_extension(d(2022, 12, 31)), d(2023, 2, 28));
    }

    #[test]
    fn office_hours_come_from_the_profile() {
        let h = WorkHours::parse("08:00", "17:00");
        assert_eq!(h.start, NaiveTime::from_hms_opt(8, 0, 0).unwrap());
        assert_eq!(h.end, NaiveTime::from_hms_opt(17, 0, 0).unwrap());
        // An unreadable time falls back to the default for that end only.
        let h = WorkHours::parse("8 утра", "17:00");
        assert_eq!(h.start, WorkHours::default().start);
        assert_eq!(h.end, NaiveTime::from_hms_opt(17, 0, 0).unwrap());
        let h = WorkHours::parse("08:00", "");
        assert_eq!(h.start, NaiveTime::from_hms_opt(8, 0, 0).unwrap());
        assert_eq!(h.end, NaiveTime::from_hms_opt(18, 30, 0).unwrap());
        // With the profile's closing time of 17:00, 17:30 is after hours.
        let c = Calendar::kazakhstan();
        let h = WorkHours::parse("08:00", "17:00");
        assert_eq!(
            registration_day(&c, h, at(d(2022, 3, 17), 17, 30)),
            d(2022, 3, 18)
        );
        assert_eq!(
            registration_day(&c, WorkHours::default(), at(d(2022, 3, 17), 17, 30)),
            d(2022, 3, 17)
        );
    }

    #[test]
    fn closing_time_belongs_to_the_next_working_day() {
        let c = Calendar::kazakhstan();
        let h = WorkHours::default();
        // Thursday 17 March 2022: one minute before closing is that day, closing time is not.
        assert_eq!(
            registration_day(&c, h, at(d(2022, 3, 17), 18, 29)),
            d(2022, 3, 17)
        );
        assert_eq!(
            registration_day(&c, h, at(d(2022, 3, 17), 18, 30)),
            d(2022, 3, 18)
        );
        // Midnight starts the day.
        assert_eq!(
            registration_day(&c, h, at(d(2022, 3, 17), 0, 0)),
            d(2022, 3, 17)
        );
        // A holiday during office hours, and a working Saturday by exception.
        assert_eq!(
            registration_day(&c, h, at(d(2022, 3, 21), 10, 0)),
            d(2022, 3, 24)
        );
        let sat = Calendar::new(
            super::super::calendar::FIXED_HOLIDAYS.iter().copied(),
            [(d(2022, 3, 26), true)],
        );
        assert_eq!(
            registration_day(&sat, h, at(d(2022, 3, 26), 10, 0)),
            d(2022, 3, 26)
        );
        assert_eq!(
            registration_day(&sat, h, at(d(2022, 3, 25), 18, 30)),
            d(2022, 3, 26)
        );
        // The registration day decides the legal deadline: closing time moves it by a day.
        let before = registration_day(&c, h, at(d(2022, 3, 17), 18, 29));
        let after = registration_day(&c, h, at(d(2022, 3, 17), 18, 30));
        assert_eq!(
            deadline(&c, before, AppealKind::Statement, Channel::WrittenPerson),
            d(2022, 4, 12)
        );
        assert_eq!(
            deadline(&c, after, AppealKind::Statement, Channel::WrittenPerson),
            d(2022, 4, 13)
        );
    }

    #[test]
    fn only_complaints_through_eotinish_get_twenty_days() {
        for &kind in AppealKind::ALL {
            if kind == AppealKind::Complaint {
                continue;
            }
            assert_eq!(term_days(kind, Channel::Eotinish), 15, "{kind:?}");
            assert_eq!(term_days(kind, Channel::WrittenPerson), 15, "{kind:?}");
        }
        assert_eq!(term_days(AppealKind::Complaint, Channel::Eotinish), 20);
        assert_eq!(term_days(AppealKind::Complaint, Channel::Online), 15);
        assert_eq!(term_days(AppealKind::Complaint, Channel::WrittenPerson), 15);
    }

    #[test]
    fn redirect_window_and_extension_limit_edges() {
        let c = Calendar::kazakhstan();
        // Registered Thursday 17 March 2022: Fri 18, then Наурыз and the weekend, Thu 24, Fri 25.
        assert_eq!(redirect_deadline(&c, d(2022, 3, 17)), d(2022, 3, 25));
        assert_eq!(redirect_deadline(&c, d(2022, 3, 14)), d(2022, 3, 17));
        // Two calendar months, clamped to the month's last day; a leap February has 29.
        assert_eq!(max_extension(d(2022, 3, 1)), d(2022, 5, 1));
        assert_eq!(max_extension(d(2023, 12, 31)), d(2024, 2, 29));
        assert_eq!(max_extension(d(2023, 12, 29)), d(2024, 2, 29));
        assert_eq!(max_extension(d(2024, 8, 31)), d(2024, 10, 31));
    }

    #[test]
    fn due_today_is_not_overdue() {
        let due = d(2022, 3, 10);
        assert_eq!(urgency(due, false, d(2022, 3, 9)), Urgency::DaysLeft(1));
        assert_eq!(urgency(due, false, due), Urgency::DaysLeft(0));
        assert_eq!(urgency(due, false, d(2022, 3, 11)), Urgency::Overdue(1));
        assert_eq!(urgency(due, true, due), Urgency::Closed);
        assert_eq!(urgency(due, true, d(2022, 3, 1)), Urgency::Closed);
    }

    fn appeal(id: i64, received: NaiveDateTime) -> Appeal {
        let mut a = Appeal::new(
            received,
            Channel::WrittenPerson,
            "Иванова Анна",
            1,
            "Нет воды",
        );
        a.id = id;
        a
    }

    #[test]
    fn empty_terms_are_filled_and_set_ones_kept() {
        let c = Calendar::kazakhstan();
        let h = WorkHours::default();
        // Thursday 17 March 2022 at closing time: registered Friday 18, due 13 April.
        let mut a = appeal(0, at(d(2022, 3, 17), 18, 30));
        fill_terms(&c, h, &mut a);
        assert_eq!(a.registered_on, Some(d(2022, 3, 18)));
        assert_eq!(a.deadline, Some(d(2022, 4, 13)));
        // A complaint through e-Өтініш gets 20 working days from the day set by hand.
        let mut a = appeal(0, at(d(2022, 3, 17), 10, 0));
        a.kind = AppealKind::Complaint;
        a.channel = Channel::Eotinish;
        a.registered_on = Some(d(2022, 3, 1));
        fill_terms(&c, h, &mut a);
        assert_eq!(a.registered_on, Some(d(2022, 3, 1)));
        assert_eq!(a.deadline, Some(d(2022, 4, 4)));
        // A deadline set by hand stays.
        let mut a = appeal(0, at(d(2022, 3, 17), 10, 0));
        a.deadline = Some(d(2022, 5, 5));
        fill_terms(&c, h, &mut a);
        assert_eq!(a.registered_on, Some(d(2022, 3, 17)));
        assert_eq!(a.deadline, Some(d(2022, 5, 5)));
    }

    #[test]
    fn terms_are_forgotten_only_when_what_sets_them_changes() {
        let set = |a: &mut Appeal| {
            a.registered_on = Some(d(2022, 3, 17));
            a.deadline = Some(d(2022, 4, 7));
        };
        let mut before = appeal(7, at(d(2022, 3, 17), 10, 0));
        set(&mut before);
        // An edit of anything else keeps both.
        let mut after = before.clone();
        after.summary = "Нет воды с мая".into();
        forget_stale_terms(&before, &mut after);
        assert_eq!(
            (after.registered_on, after.deadline),
            (Some(d(2022, 3, 17)), Some(d(2022, 4, 7)))
        );
        // A new appeal's are always recomputed.
        let mut new = appeal(0, at(d(2022, 3, 17), 10, 0));
        set(&mut new);
        forget_stale_terms(&new.clone(), &mut new);
        assert_eq!((new.registered_on, new.deadline), (None, None));
        // Another moment of receipt: both.
        let mut after = before.clone();
        after.received_at = at(d(2022, 3, 17), 18, 45);
        forget_stale_terms(&before, &mut after);
        assert_eq!((after.registered_on, after.deadline), (None, None));
        // Another kind or channel: the deadline only.
        let mut after = before.clone();
        after.kind = AppealKind::Complaint;
        forget_stale_terms(&before, &mut after);
        assert_eq!(
            (after.registered_on, after.deadline),
            (Some(d(2022, 3, 17)), None)
        );
        let mut after = before.clone();
        after.channel = Channel::Eotinish;
        forget_stale_terms(&before, &mut after);
        assert_eq!(
            (after.registered_on, after.deadline),
            (Some(d(2022, 3, 17)), None)
        );
    }

    #[test]
    fn due_soon_is_today_to_three_days_ahead() {
        let today = d(2022, 3, 10);
        assert_eq!(due_soon_until(today), d(2022, 3, 13));
        let on = |due: NaiveDate| urgency(due, false, today);
        assert!(on(d(2022, 3, 10)).is_due_soon());
        assert!(on(d(2022, 3, 13)).is_due_soon());
        assert!(!on(d(2022, 3, 14)).is_due_soon());
        assert!(!on(d(2022, 3, 9)).is_due_soon());
        assert!(on(d(2022, 3, 9)).is_overdue());
        assert!(!on(d(2022, 3, 10)).is_overdue());
        assert!(!urgency(d(2022, 3, 9), true, today).is_overdue());
        assert!(!urgency(d(2022, 3, 10), true, today).is_due_soon());
    }

    #[test]
    fn plan_items_overdue_after_their_deadline_unless_settled() {
        let day = d(2022, 6, 1);
        for s in PlanStatus::ALL {
            let open = !matches!(
                s,
                PlanStatus::Done | PlanStatus::Rejected | PlanStatus::BudgetRequest
            );
            assert_eq!(plan_status_can_be_overdue(*s), open, "{s:?}");
            assert_eq!(
                plan_item_overdue(*s, Some(d(2022, 5, 31)), day),
                open,
                "{s:?}"
            );
            // Due on the day itself, or without a deadline: not overdue.
            assert!(!plan_item_overdue(*s, Some(day), day), "{s:?}");
            assert!(!plan_item_overdue(*s, None, day), "{s:?}");
        }
    }

    #[test]
    fn urgency_counts_calendar_days() {
        assert_eq!(
            urgency(d(2022, 3, 10), false, d(2022, 3, 7)),
            Urgency::DaysLeft(3)
        );
        assert_eq!(
            urgency(d(2022, 3, 10), false, d(2022, 3, 12)),
            Urgency::Overdue(2)
        );
        assert_eq!(
            urgency(d(2022, 3, 10), true, d(2022, 3, 12)),
            Urgency::Closed
        );
    }
}

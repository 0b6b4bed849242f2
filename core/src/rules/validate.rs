//! The rules a record must satisfy before it is written. Each check returns every problem at
//! once (a user fixes them all in one go), naming the record and the field.

use super::deadline::max_extension;
use super::iin::{check_bin, check_iin};
use crate::error::Problem;
use crate::i18n::Text;
use crate::model::*;
use chrono::{Datelike, NaiveDate};

/// The earliest date any record may carry.
pub fn earliest_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 1).expect("valid date")
}

/// Longest text a field accepts (a summary, minutes…); protects the file and the forms.
pub const MAX_TEXT: usize = 20_000;
/// Longest short field (names, numbers, addresses).
pub const MAX_SHORT: usize = 500;
/// The most people, viewers or items any count can hold: far above a region's population.
pub const MAX_COUNT: i64 = 100_000_000;
/// The most money (thousands of tenge) one plan item can need: a trillion tenge, far above an
/// okrug's, or a district's, whole budget.
pub const MAX_MONEY: f64 = 1e9;

/// Collects problems about one record.
pub struct Checker {
    record: Text,
    pub problems: Vec<Problem>,
}

impl Checker {
    pub fn new(record: Text) -> Self {
        Checker {
            record,
            problems: Vec::new(),
        }
    }

    pub fn fail(&mut self, field: &str, what: Text) {
        self.problems
            .push(Problem::new(self.record.clone(), field, what));
    }

    pub fn required(&mut self, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.fail(field, Text::new("err.required"));
        }
    }

    pub fn text(&mut self, field: &str, value: &str, max: usize) {
        let n = value.chars().count();
        if n > max {
            self.fail(
                field,
                Text::new("err.too_long").arg("len", n).arg("max", max),
            );
        }
        if value
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
        {
            self.fail(field, Text::new("err.control_chars"));
        }
    }

    pub fn date(&mut self, field: &str, value: NaiveDate, today: NaiveDate) {
        if value < earliest_date() {
            self.fail(
                field,
                Text::new("err.date.too_early").arg("date", fmt_date(value)),
            );
        }
        if value > today {
            self.fail(
                field,
                Text::new("err.date.future").arg("date", fmt_date(value)),
            );
        }
    }

    /// A date that may lie ahead (a plan, a deadline) but not absurdly far or before 2000.
    pub fn plan_date(&mut self, field: &str, value: NaiveDate, today: NaiveDate) {
        if value < earliest_date() {
            self.fail(
                field,
                Text::new("err.date.too_early").arg("date", fmt_date(value)),
            );
        }
        if value > today + chrono::Days::new(366 * 10) {
            self.fail(
                field,
                Text::new("err.date.too_far").arg("date", fmt_date(value)),
            );
        }
    }

    pub fn count(&mut self, field: &str, value: i64) {
        if value < 0 {
            self.fail(field, Text::new("err.negative").arg("value", value));
        } else if value > MAX_COUNT {
            self.fail(
                field,
                Text::new("err.too_large")
                    .arg("value", value)
                    .arg("max", MAX_COUNT),
            );
        }
    }

    /// A sum of money in thousands of tenge: finite, not negative, not beyond `MAX_MONEY`.
    pub fn money(&mut self, field: &str, value: f64) {
        if !value.is_finite() || value > MAX_MONEY {
            self.fail(
                field,
                Text::new("err.money_too_large")
                    .arg("value", value)
                    .arg("max", MAX_MONEY),
            );
        } else if value < 0.0 {
            self.fail(field, Text::new("err.negative").arg("value", value));
        }
    }

    pub fn level(&mut self, field: &str, value: u8) {
        if !AKIM_LEVELS.contains(&value) {
            self.fail(field, Text::new("err.level").arg("value", value));
        }
    }

    pub fn into_result(self) -> Result<(), Vec<Problem>> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(self.problems)
        }
    }
}

/// `DD.MM.YYYY`, as the forms and messages print dates. Written out by hand: chrono parses
/// its format string at every call, and a region's plan prints tens of thousands of dates.
pub fn fmt_date(d: NaiveDate) -> String {
    let mut s = String::with_capacity(10);
    push_date(&mut s, d);
    s
}

/// Appends `DD.MM.YYYY` to `out`.
pub fn push_date(out: &mut String, d: NaiveDate) {
    use chrono::Datelike;
    let digits = |out: &mut String, v: u32, n: u32| {
        for p in (0..n).rev() {
            out.push(char::from(b'0' + (v / 10u32.pow(p) % 10) as u8));
        }
    };
    digits(out, d.day(), 2);
    out.push('.');
    digits(out, d.month(), 2);
    out.push('.');
    digits(out, d.year().max(0) as u32, 4);
}

pub fn appeal_record(a: &Appeal) -> Text {
    if a.reg_number.is_empty() {
        Text::new("rec.appeal_new")
    } else {
        Text::new("rec.appeal").arg("id", &a.reg_number)
    }
}

/// Checks an appeal's own fields (references to other records are checked by the store).
/// `appeal` for a record of a file without personal data (`--for-district`): an ИП's or a
/// КХ's number, its owner's ИИН, was left out of it, so an organisation without a БИН is whole.
pub fn appeal_without_personal_data(a: &Appeal, today: NaiveDate) -> Result<(), Vec<Problem>> {
    let withheld = |p: &Problem| {
        a.applicant_type == ApplicantType::Organisation
            && a.applicant_id.is_none()
            && p.field == "appeal.applicant_bin"
            && p.what.key() == "err.required"
    };
    match appeal(a, today) {
        Err(problems) => {
            let left: Vec<Problem> = problems.into_iter().filter(|p| !withheld(p)).collect();
            if left.is_empty() { Ok(()) } else { Err(left) }
        }
        ok => ok,
    }
}

pub fn appeal(a: &Appeal, today: NaiveDate) -> Result<(), Vec<Problem>> {
    let mut c = Checker::new(appeal_record(a));
    c.text("appeal.reg_number", &a.reg_number, 64);
    c.required("appeal.applicant_name", &a.applicant_name);
    c.text("appeal.applicant_name", &a.applicant_name, MAX_SHORT);
    c.required("appeal.summary", &a.summary);
    c.text("appeal.summary", &a.summary, MAX_TEXT);
    c.text("appeal.applicant_address", &a.applicant_address, MAX_SHORT);
    c.text("appeal.applicant_phone", &a.applicant_phone, 64);
    c.text("appeal.answer", &a.answer, MAX_TEXT);
    let received = a.received_at.date();
    c.date("appeal.received_at", received, today);
    appeal_persons(&mut c, a);
    appeal_applicant(&mut c, a);
    appeal_channel(&mut c, a);
    appeal_terms(&mut c, a, today);
    appeal_answer(&mut c, a, today);
    c.into_result()
}

/// The number of persons an appeal speaks for: at least one, at most what is real.
fn appeal_persons(c: &mut Checker, a: &Appeal) {
    if a.persons > MAX_COUNT {
        c.fail(
            "appeal.persons",
            Text::new("err.too_large")
                .arg("value", a.persons)
                .arg("max", MAX_COUNT),
        );
    }
    if a.persons < 1 {
        c.fail(
            "appeal.persons",
            Text::new("err.at_least_one").arg("value", a.persons),
        );
    }
}

/// The applicant's ИИН (a person) or БИН (an organisation, where it is required).
fn appeal_applicant(c: &mut Checker, a: &Appeal) {
    match (&a.applicant_id, a.applicant_type) {
        (Some(id), ApplicantType::Person) => {
            if let Err(e) = check_iin(id) {
                c.fail("appeal.applicant_iin", e.text(id));
            }
        }
        (Some(id), ApplicantType::Organisation) => {
            if let Err(e) = check_bin(id) {
                c.fail("appeal.applicant_bin", e.text(id));
            }
        }
        (None, ApplicantType::Organisation) => {
            c.fail("appeal.applicant_bin", Text::new("err.required"))
        }
        (None, ApplicantType::Person) => {}
    }
    if a.applicant_type == ApplicantType::Organisation && a.channel == Channel::WrittenPerson {
        c.fail("appeal.channel", Text::new("err.appeal.org_as_person"));
    }
    if a.applicant_type == ApplicantType::Person && a.channel == Channel::WrittenOrg {
        c.fail("appeal.channel", Text::new("err.appeal.person_as_org"));
    }
}

/// The channel agrees with the applicant's kind and with the reception it was made at.
fn appeal_channel(c: &mut Checker, a: &Appeal) {
    if a.channel == Channel::Reception && a.reception_id.is_none() {
        c.fail(
            "appeal.reception",
            Text::new("err.appeal.reception_required"),
        );
    }
    if a.channel != Channel::Reception && a.reception_id.is_some() {
        c.fail(
            "appeal.reception",
            Text::new("err.appeal.reception_not_reception"),
        );
    }
}

/// Registration, deadline and extension follow each other in time.
fn appeal_terms(c: &mut Checker, a: &Appeal, today: NaiveDate) {
    let received = a.received_at.date();
    if let (Some(reg), Some(dl)) = (a.registered_on, a.deadline)
        && dl < reg
    {
        c.fail(
            "appeal.deadline",
            Text::new("err.appeal.deadline_before_receipt")
                .arg("deadline", fmt_date(dl))
                .arg("date", fmt_date(reg)),
        );
    }
    if let Some(reg) = a.registered_on
        && reg < received
    {
        c.fail(
            "appeal.registered_on",
            Text::new("err.appeal.registered_before_received"),
        );
    }
    if let Some(ext) = a.extended_to {
        let reg = a.registered_on.unwrap_or(received);
        if a.deadline.is_some_and(|dl| ext <= dl) {
            c.fail(
                "appeal.extended_to",
                Text::new("err.appeal.extension_not_later"),
            );
        }
        if ext > max_extension(reg) {
            c.fail(
                "appeal.extended_to",
                Text::new("err.appeal.extension_too_long").arg("max", fmt_date(max_extension(reg))),
            );
        }
        if a.extension_reason
            .as_deref()
            .is_none_or(|r| r.trim().is_empty())
        {
            c.fail("appeal.extension_reason", Text::new("err.required"));
        }
    }
    if let Some(n) = a.extension_notified_on {
        c.date("appeal.extension_notified_on", n, today);
        if a.extended_to.is_none() {
            c.fail(
                "appeal.extension_notified_on",
                Text::new("err.appeal.no_extension"),
            );
        }
    }
}

/// An answer has both its outcome and its date, not before the appeal came, and a redirect names where.
fn appeal_answer(c: &mut Checker, a: &Appeal, today: NaiveDate) {
    let received = a.received_at.date();
    match (a.outcome, a.answered_on) {
        (Some(_), None) => c.fail("appeal.answered_on", Text::new("err.required")),
        (None, Some(_)) => c.fail("appeal.outcome", Text::new("err.required")),
        _ => {}
    }
    if let Some(ans) = a.answered_on {
        c.date("appeal.answered_on", ans, today);
        if ans < received {
            c.fail(
                "appeal.answered_on",
                Text::new("err.appeal.answered_before_received")
                    .arg("date", fmt_date(ans))
                    .arg("received", fmt_date(received)),
            );
        }
    }
    if a.outcome == Some(Outcome::Redirected)
        && a.redirected_to
            .as_deref()
            .is_none_or(|r| r.trim().is_empty())
    {
        c.fail("appeal.redirected_to", Text::new("err.required"));
    }
    if a.repeated_of.is_some() && !a.repeated {
        c.fail(
            "appeal.repeated",
            Text::new("err.appeal.repeated_link_without_flag"),
        );
    }
}

pub fn meeting_record(m: &Meeting) -> Text {
    Text::new("rec.meeting")
        .arg_text("kind", Text::new(m.kind.key()))
        .arg("date", fmt_date(m.held_on.unwrap_or(m.planned_on)))
}

/// Checks that a meeting's numbers are consistent with each other.
pub fn meeting(m: &Meeting, today: NaiveDate) -> Result<(), Vec<Problem>> {
    let mut c = Checker::new(meeting_record(m));
    c.plan_date("meeting.planned_on", m.planned_on, today);
    c.level("meeting.akim_level", m.akim_level);
    c.text("meeting.title", &m.title, MAX_SHORT);
    c.text("meeting.place", &m.place, MAX_SHORT);
    c.text("meeting.minutes", &m.minutes, MAX_TEXT * 5);
    c.text("meeting.not_held_reason", &m.not_held_reason, MAX_SHORT);
    for (f, v) in [
        ("meeting.participants_offline", m.participants_offline),
        ("meeting.speakers", m.speakers),
        ("meeting.media_central", m.media_central),
        ("meeting.media_local", m.media_local),
        ("meeting.media_social", m.media_social),
    ] {
        c.count(f, v);
    }
    for b in &m.broadcasts {
        c.count("meeting.viewers", b.viewers);
    }
    let mut levels = std::collections::HashSet::new();
    for r in &m.remarks {
        c.level("meeting.remarks", r.addressee_level);
        c.count("meeting.remarks", r.count);
        if !levels.insert(r.addressee_level) {
            c.fail(
                "meeting.remarks",
                Text::new("err.meeting.level_twice")
                    .arg_text("value", Text::new(format!("level.{}", r.addressee_level))),
            );
        }
    }
    match m.held_on {
        Some(h) => {
            c.date("meeting.held_on", h, today);
            if h < m.planned_on.with_ordinal(1).unwrap_or(m.planned_on) {
                c.fail(
                    "meeting.held_on",
                    Text::new("err.meeting.held_before_planned_year")
                        .arg("date", fmt_date(h))
                        .arg("planned", fmt_date(m.planned_on)),
                );
            }
            let total = m.participants();
            if m.speakers > total {
                c.fail(
                    "meeting.speakers",
                    Text::new("err.meeting.speakers_exceed")
                        .arg("speakers", m.speakers)
                        .arg("participants", total),
                );
            }
            if !m.not_held_reason.trim().is_empty() {
                c.fail(
                    "meeting.not_held_reason",
                    Text::new("err.meeting.reason_but_held"),
                );
            }
        }
        None => {
            let any = m.participants_offline
                + m.speakers
                + m.online_viewers()
                + m.remarks_total()
                + m.media_central
                + m.media_local
                + m.media_social
                + m.broadcasts.len() as i64;
            if any > 0 || m.present_government || m.present_parliament || m.present_state_bodies {
                c.fail(
                    "meeting.held_on",
                    Text::new("err.meeting.counts_but_not_held"),
                );
            }
        }
    }
    c.into_result()
}

pub fn question_record(q: &Question) -> Text {
    let short: String = q.text.chars().take(40).collect();
    Text::new("rec.question").arg("text", short)
}

pub fn question(q: &Question) -> Result<(), Vec<Problem>> {
    let mut c = Checker::new(question_record(q));
    c.required("question.text", &q.text);
    c.text("question.text", &q.text, MAX_TEXT);
    if q.meeting_id.is_some() == q.appeal_id.is_some() {
        c.fail("question.source", Text::new("err.question.one_source"));
    }
    match (q.critical, q.addressee_level) {
        (true, None) => c.fail("question.addressee_level", Text::new("err.required")),
        (_, Some(l)) => c.level("question.addressee_level", l),
        _ => {}
    }
    c.into_result()
}

pub fn plan_record(p: &PlanItem) -> Text {
    let short: String = p.problem.chars().take(40).collect();
    Text::new("rec.plan_item").arg("text", short)
}

pub fn plan_item(p: &PlanItem, today: NaiveDate) -> Result<(), Vec<Problem>> {
    let mut c = Checker::new(plan_record(p));
    c.required("plan.problem", &p.problem);
    c.text("plan.problem", &p.problem, MAX_TEXT);
    c.text("plan.measure", &p.measure, MAX_TEXT);
    c.text("plan.funding_source", &p.funding_source, MAX_SHORT);
    c.text("plan.status_note", &p.status_note, MAX_SHORT);
    c.text("plan.note", &p.note, MAX_TEXT);
    for (f, v) in [
        ("plan.money_needed", p.money_needed),
        ("plan.money_allocated", p.money_allocated),
    ] {
        c.money(f, v);
    }
    if p.money_allocated > p.money_needed + 1e-9 {
        c.fail(
            "plan.money_allocated",
            Text::new("err.plan.allocated_exceeds")
                .arg("allocated", p.money_allocated)
                .arg("needed", p.money_needed),
        );
    }
    if let Some(d) = p.deadline {
        c.plan_date("plan.deadline", d, today);
    }
    match (p.status, p.done_on) {
        (PlanStatus::Done, None) => c.fail("plan.done_on", Text::new("err.required")),
        (s, Some(_)) if s != PlanStatus::Done => {
            c.fail("plan.done_on", Text::new("err.plan.done_on_not_done"))
        }
        (_, Some(d)) => c.date("plan.done_on", d, today),
        _ => {}
    }
    if p.status == PlanStatus::Rejected && p.status_note.trim().is_empty() {
        c.fail("plan.status_note", Text::new("err.plan.reason_required"));
    }
    c.into_result()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn fields(r: Result<(), Vec<Problem>>) -> Vec<String> {
        r.err()
            .unwrap_or_default()
            .into_iter()
            .map(|p| p.field)
            .collect()
    }

    fn base() -> Appeal {
        let mut a = Appeal::new(
            d(2022, 3, 1).and_hms_opt(10, 0, 0).unwrap(),
            Channel::WrittenPerson,
            "Иванова Анна",
            1,
            "Нет воды",
        );
        a.registered_on = Some(d(2022, 3, 1));
        a.deadline = Some(d(2022, 3, 28));
        a
    }

    #[test]
    fn a_good_appeal_passes() {
        assert_eq!(appeal(&base(), d(2022, 6, 1)), Ok(()));
    }

    #[test]
    fn each_appeal_rule_names_its_field() {
        let today = d(2022, 6, 1);
        let mut a = base();
        a.applicant_id = Some("061211600013".into());
        assert_eq!(fields(appeal(&a, today)), ["appeal.applicant_iin"]);

        let mut a = base();
        a.received_at = d(2022, 7, 1).and_hms_opt(9, 0, 0).unwrap();
        a.registered_on = Some(d(2022, 7, 1));
        a.deadline = Some(d(2022, 7, 20));
        assert_eq!(fields(appeal(&a, today)), ["appeal.received_at"]);

        let mut a = base();
        a.deadline = Some(d(2022, 2, 1));
        assert_eq!(fields(appeal(&a, today)), ["appeal.deadline"]);

        let mut a = base();
        a.outcome = Some(Outcome::Redirected);
        a.answered_on = Some(d(2022, 3, 2));
        assert_eq!(fields(appeal(&a, today)), ["appeal.redirected_to"]);

        let mut a = base();
        a.extended_to = Some(d(2022, 6, 1));
        a.extension_reason = Some("нужна экспертиза".into());
        assert_eq!(fields(appeal(&a, today)), ["appeal.extended_to"]);

        let mut a = base();
        a.channel = Channel::Reception;
        assert_eq!(fields(appeal(&a, today)), ["appeal.reception"]);

        let mut a = base();
        a.summary = "x\u{0}y".into();
        assert_eq!(fields(appeal(&a, today)), ["appeal.summary"]);

        let mut a = base();
        a.applicant_type = ApplicantType::Organisation;
        a.channel = Channel::WrittenOrg;
        assert_eq!(fields(appeal(&a, today)), ["appeal.applicant_bin"]);
        // A file without personal data left an ИП's number (its owner's ИИН) out: whole there,
        // while a wrong БИН and every other check still count.
        assert!(appeal_without_personal_data(&a, today).is_ok());
        a.applicant_id = Some("123456789012".into());
        assert_eq!(
            fields(appeal_without_personal_data(&a, today)),
            ["appeal.applicant_bin"]
        );
        a.applicant_id = None;
        a.summary.clear();
        assert_eq!(
            fields(appeal_without_personal_data(&a, today)),
            ["appeal.summary"]
        );
    }

    #[test]
    fn meeting_numbers_must_add_up() {
        let today = d(2022, 6, 1);
        let mut m = Meeting::new(MeetingKind::Akim826, d(2022, 2, 1));
        m.held_on = Some(d(2022, 2, 3));
        m.participants_offline = 40;
        m.broadcasts = vec![Broadcast {
            channel: BroadcastChannel::Instagram,
            viewers: 300,
        }];
        m.speakers = 12;
        assert_eq!(meeting(&m, today), Ok(()));
        m.speakers = 400;
        assert_eq!(fields(meeting(&m, today)), ["meeting.speakers"]);
        m.speakers = 1;
        m.held_on = Some(d(2021, 12, 30));
        assert_eq!(fields(meeting(&m, today)), ["meeting.held_on"]);
        m.held_on = None;
        assert_eq!(fields(meeting(&m, today)), ["meeting.held_on"]);
        m.participants_offline = -1;
        m.speakers = 0;
        m.broadcasts.clear();
        assert!(fields(meeting(&m, today)).contains(&"meeting.participants_offline".to_string()));
    }

    #[test]
    fn messages_name_record_and_field_in_both_languages() {
        let mut a = base();
        a.reg_number = "12-2022/0045".into();
        a.applicant_id = Some("061211600013".into());
        let p = appeal(&a, d(2022, 6, 1)).unwrap_err().remove(0);
        let ru = p.message(Lang::Ru);
        let kk = p.message(Lang::Kk);
        assert!(ru.contains("12-2022/0045") && ru.contains("ИИН"), "{ru}");
        assert!(kk.contains("12-2022/0045") && kk.contains("ЖСН"), "{kk}");
    }

    #[test]
    fn plan_money_and_status() {
        let today = d(2022, 6, 1);
        let mut p = PlanItem::new("Ремонт дороги");
        p.money_needed = 100.0;
        p.money_allocated = 150.0;
        assert_eq!(fields(plan_item(&p, today)), ["plan.money_allocated"]);
        p.money_allocated = 50.0;
        p.status = PlanStatus::Done;
        assert_eq!(fields(plan_item(&p, today)), ["plan.done_on"]);
        p.done_on = Some(d(2022, 5, 1));
        assert_eq!(plan_item(&p, today), Ok(()));
    }

    #[test]
    fn every_appeal_rule_has_a_case() {
        let today = d(2022, 6, 1);
        type Edit = fn(&mut Appeal);
        let cases: Vec<(&str, Edit)> = vec![
            ("appeal.applicant_name", |a| a.applicant_name = " ".into()),
            ("appeal.summary", |a| a.summary = String::new()),
            ("appeal.summary", |a| a.summary = "x".repeat(MAX_TEXT + 1)),
            ("appeal.received_at", |a| {
                a.received_at = d(1999, 12, 31).and_hms_opt(9, 0, 0).unwrap();
                a.registered_on = None;
                a.deadline = None;
            }),
            ("appeal.persons", |a| a.persons = 0),
            ("appeal.applicant_iin", |a| {
                a.applicant_id = Some("12345".into())
            }),
            ("appeal.channel", |a| {
                a.applicant_type = ApplicantType::Organisation
            }),
            ("appeal.channel", |a| a.channel = Channel::WrittenOrg),
            ("appeal.reception", |a| a.reception_id = Some(1)),
            ("appeal.registered_on", |a| {
                a.registered_on = Some(d(2022, 2, 28))
            }),
            ("appeal.extension_reason", |a| {
                a.extended_to = Some(d(2022, 4, 15))
            }),
            ("appeal.extension_notified_on", |a| {
                a.extension_notified_on = Some(d(2022, 3, 5))
            }),
            ("appeal.answered_on", |a| {
                a.outcome = Some(Outcome::Explained)
            }),
            ("appeal.outcome", |a| a.answered_on = Some(d(2022, 3, 5))),
            ("appeal.answered_on", |a| {
                a.outcome = Some(Outcome::Explained);
                a.answered_on = Some(d(2022, 2, 5));
            }),
            ("appeal.answered_on", |a| {
                a.outcome = Some(Outcome::Explained);
                a.answered_on = Some(d(2022, 7, 5));
            }),
            ("appeal.repeated", |a| a.repeated_of = Some(3)),
            ("appeal.applicant_phone", |a| {
                a.applicant_phone = "70\u{7}1".into()
            }),
        ];
        for (field, edit) in cases {
            let mut a = base();
            edit(&mut a);
            let got = fields(appeal(&a, today));
            assert!(got.contains(&field.to_string()), "{field}: got {got:?}");
        }
    }

    #[test]
    fn every_meeting_question_and_plan_rule_has_a_case() {
        let today = d(2022, 6, 1);
        let held = || {
            let mut m = Meeting::new(MeetingKind::Report, d(2022, 1, 20));
            m.held_on = Some(d(2022, 1, 20));
            m.participants_offline = 50;
            m
        };
        let mut m = held();
        m.broadcasts = vec![
            Broadcast {
                channel: BroadcastChannel::Tv,
                viewers: 1,
            },
            Broadcast {
                channel: BroadcastChannel::Tv,
                viewers: 2,
            },
        ];
        // Two broadcasts on one channel (two TV channels) are two broadcasts, not an error.
        assert!(fields(meeting(&m, today)).is_empty());
        let mut m = held();
        m.remarks = vec![
            Remarks {
                addressee_level: 6,
                count: 1,
            },
            Remarks {
                addressee_level: 6,
                count: 2,
            },
        ];
        assert_eq!(fields(meeting(&m, today)), ["meeting.remarks"]);
        let mut m = held();
        m.remarks = vec![Remarks {
            addressee_level: 9,
            count: 1,
        }];
        assert_eq!(fields(meeting(&m, today)), ["meeting.remarks"]);
        let mut m = held();
        m.not_held_reason = "буран".into();
        assert_eq!(fields(meeting(&m, today)), ["meeting.not_held_reason"]);
        let mut m = held();
        m.akim_level = 0;
        assert_eq!(fields(meeting(&m, today)), ["meeting.akim_level"]);
        let mut m = held();
        m.held_on = Some(d(2022, 7, 1));
        assert_eq!(fields(meeting(&m, today)), ["meeting.held_on"]);
        let mut m = held();
        m.broadcasts = vec![Broadcast {
            channel: BroadcastChannel::Instagram,
            viewers: -3,
        }];
        assert_eq!(fields(meeting(&m, today)), ["meeting.viewers"]);

        let mut q = Question::at_meeting(1, "Дорога", 1);
        q.critical = true;
        assert_eq!(fields(question(&q)), ["question.addressee_level"]);
        q.appeal_id = Some(2);
        q.addressee_level = Some(6);
        assert_eq!(fields(question(&q)), ["question.source"]);

        let mut p = PlanItem::new("Свет");
        p.status = PlanStatus::Rejected;
        assert_eq!(fields(plan_item(&p, today)), ["plan.status_note"]);
        let mut p = PlanItem::new("Свет");
        p.done_on = Some(d(2022, 5, 1));
        assert_eq!(fields(plan_item(&p, today)), ["plan.done_on"]);
        let mut p = PlanItem::new("Свет");
        p.money_needed = f64::NAN;
        assert_eq!(fields(plan_item(&p, today)), ["plan.money_needed"]);
        let mut p = PlanItem::new("Свет");
        p.deadline = Some(d(1990, 1, 1));
        assert_eq!(fields(plan_item(&p, today)), ["plan.deadline"]);
    }
    /// `edit` applied to a good appeal: the fields refused (empty when it passes).
    fn appeal_edge(edit: impl FnOnce(&mut Appeal)) -> Vec<String> {
        let mut a = base();
        edit(&mut a);
        fields(appeal(&a, d(2022, 6, 1)))
    }

    #[test]
    fn appeal_dates_on_both_sides_of_each_limit() {
        let none: [&str; 0] = [];
        // Received today passes, tomorrow is refused; 1 January 2000 passes, the day before not.
        let received = |day: NaiveDate| {
            move |a: &mut Appeal| {
                a.received_at = day.and_hms_opt(9, 0, 0).unwrap();
                a.registered_on = None;
                a.deadline = None;
            }
        };
        assert_eq!(appeal_edge(received(d(2022, 6, 1))), none);
        assert_eq!(appeal_edge(received(d(2022, 6, 2))), ["appeal.received_at"]);
        assert_eq!(appeal_edge(received(d(2000, 1, 1))), none);
        assert_eq!(
            appeal_edge(received(d(1999, 12, 31))),
            ["appeal.received_at"]
        );
        // A deadline on the registration day passes, the day before does not.
        assert_eq!(appeal_edge(|a| a.deadline = Some(d(2022, 3, 1))), none);
        assert_eq!(
            appeal_edge(|a| a.deadline = Some(d(2022, 2, 28))),
            ["appeal.deadline"]
        );
        // Registered the day it was received passes (base), the day before not.
        assert_eq!(
            appeal_edge(|a| {
                a.registered_on = Some(d(2022, 2, 28));
                a.deadline = None;
            }),
            ["appeal.registered_on"]
        );
        // Answered the day it was received, or today, passes; a day outside either is refused.
        let answered = |day: NaiveDate| {
            move |a: &mut Appeal| {
                a.outcome = Some(Outcome::Explained);
                a.answered_on = Some(day);
            }
        };
        assert_eq!(appeal_edge(answered(d(2022, 3, 1))), none);
        assert_eq!(appeal_edge(answered(d(2022, 6, 1))), none);
        assert_eq!(
            appeal_edge(answered(d(2022, 2, 28))),
            ["appeal.answered_on"]
        );
        assert_eq!(appeal_edge(answered(d(2022, 6, 2))), ["appeal.answered_on"]);
    }

    #[test]
    fn extension_limits() {
        let none: [&str; 0] = [];
        let extend = |to: NaiveDate| {
            move |a: &mut Appeal| {
                a.extended_to = Some(to);
                a.extension_reason = Some("нужна экспертиза".into());
            }
        };
        // Registered 1 March, deadline 28 March: an extension must be later than the deadline
        // and at most two months after registration (1 May).
        assert_eq!(appeal_edge(extend(d(2022, 3, 29))), none);
        assert_eq!(appeal_edge(extend(d(2022, 5, 1))), none);
        assert_eq!(appeal_edge(extend(d(2022, 3, 28))), ["appeal.extended_to"]);
        assert_eq!(appeal_edge(extend(d(2022, 5, 2))), ["appeal.extended_to"]);
        // Without a registration day the limit counts from receipt.
        assert_eq!(
            appeal_edge(|a| {
                extend(d(2022, 5, 1))(a);
                a.registered_on = None;
            }),
            none
        );
        assert_eq!(
            appeal_edge(|a| {
                extend(d(2022, 5, 2))(a);
                a.registered_on = None;
            }),
            ["appeal.extended_to"]
        );
        // Registered later than received: the limit follows the registration day.
        assert_eq!(
            appeal_edge(|a| {
                extend(d(2022, 5, 4))(a);
                a.registered_on = Some(d(2022, 3, 4));
                a.deadline = Some(d(2022, 3, 29));
            }),
            none
        );
        // The reason is required, blank is no reason.
        assert_eq!(
            appeal_edge(|a| {
                extend(d(2022, 4, 15))(a);
                a.extension_reason = Some("  ".into());
            }),
            ["appeal.extension_reason"]
        );
        // Telling the applicant: with an extension and not in the future.
        assert_eq!(
            appeal_edge(|a| {
                extend(d(2022, 4, 15))(a);
                a.extension_notified_on = Some(d(2022, 6, 1));
            }),
            none
        );
        assert_eq!(
            appeal_edge(|a| {
                extend(d(2022, 4, 15))(a);
                a.extension_notified_on = Some(d(2022, 6, 2));
            }),
            ["appeal.extension_notified_on"]
        );
    }

    #[test]
    fn appeal_texts_channels_and_identifiers_that_pass() {
        let none: [&str; 0] = [];
        // Exactly the longest text passes; one character more is refused.
        assert_eq!(appeal_edge(|a| a.summary = "я".repeat(MAX_TEXT)), none);
        assert_eq!(appeal_edge(|a| a.reg_number = "7".repeat(64)), none);
        assert_eq!(
            appeal_edge(|a| a.reg_number = "7".repeat(65)),
            ["appeal.reg_number"]
        );
        assert_eq!(
            appeal_edge(|a| a.applicant_name = "ж".repeat(MAX_SHORT)),
            none
        );
        assert_eq!(
            appeal_edge(|a| a.applicant_name = "ж".repeat(MAX_SHORT + 1)),
            ["appeal.applicant_name"]
        );
        // Line breaks and tabs are text, not control characters.
        assert_eq!(
            appeal_edge(|a| a.summary = "Нет воды\nс мая\r\nулица:\tАбая".into()),
            none
        );
        for c in ['\u{1}', '\u{1b}', '\u{7f}', '\u{85}'] {
            assert_eq!(
                appeal_edge(|a| a.answer = format!("ответ{c}")),
                ["appeal.answer"],
                "{c:?}"
            );
        }
        // A person with a valid ИИН, an organisation with a valid БИН.
        assert_eq!(
            appeal_edge(|a| a.applicant_id = Some("061211600012".into())),
            none
        );
        let bin = crate::rules::iin::make_bin(40_123_456);
        assert_eq!(
            appeal_edge(|a| {
                a.applicant_type = ApplicantType::Organisation;
                a.channel = Channel::WrittenOrg;
                a.applicant_id = Some(bin.clone());
            }),
            none
        );
        assert_eq!(
            appeal_edge(|a| {
                a.applicant_type = ApplicantType::Organisation;
                a.channel = Channel::WrittenOrg;
                a.applicant_id = Some("061211600013".into());
            }),
            ["appeal.applicant_bin"]
        );
        // Organisations may write online or through e-Өтініш; persons too.
        for ch in [Channel::Online, Channel::Eotinish] {
            assert_eq!(appeal_edge(|a| a.channel = ch), none);
            assert_eq!(
                appeal_edge(|a| {
                    a.channel = ch;
                    a.applicant_type = ApplicantType::Organisation;
                    a.applicant_id = Some(bin.clone());
                }),
                none
            );
        }
        // A reception appeal with its session passes.
        assert_eq!(
            appeal_edge(|a| {
                a.channel = Channel::Reception;
                a.reception_id = Some(4);
            }),
            none
        );
        // Redirected with an addressee, a repeat with its flag: both pass.
        assert_eq!(
            appeal_edge(|a| {
                a.outcome = Some(Outcome::Redirected);
                a.answered_on = Some(d(2022, 3, 3));
                a.redirected_to = Some("Отдел ЖКХ".into());
            }),
            none
        );
        assert_eq!(
            appeal_edge(|a| {
                a.outcome = Some(Outcome::Redirected);
                a.answered_on = Some(d(2022, 3, 3));
                a.redirected_to = Some(" ".into());
            }),
            ["appeal.redirected_to"]
        );
        assert_eq!(
            appeal_edge(|a| {
                a.repeated = true;
                a.repeated_of = Some(3);
            }),
            none
        );
        assert_eq!(appeal_edge(|a| a.persons = 2), none);
    }

    #[test]
    fn meeting_edges() {
        let today = d(2022, 6, 1);
        let none: [&str; 0] = [];
        let held = || {
            let mut m = Meeting::new(MeetingKind::Akim826, d(2022, 2, 1));
            m.held_on = Some(d(2022, 2, 3));
            m.participants_offline = 40;
            m.broadcasts = vec![Broadcast {
                channel: BroadcastChannel::Instagram,
                viewers: 300,
            }];
            m
        };
        let check = |m: &Meeting| fields(meeting(m, today));
        // Speakers up to all participants, offline and online (340).
        let mut m = held();
        m.speakers = 340;
        assert_eq!(check(&m), none);
        m.speakers = 341;
        assert_eq!(check(&m), ["meeting.speakers"]);
        // Held from the first day of the planned year, up to today.
        let mut m = held();
        m.held_on = Some(d(2022, 1, 1));
        assert_eq!(check(&m), none);
        m.held_on = Some(d(2021, 12, 31));
        assert_eq!(check(&m), ["meeting.held_on"]);
        m.held_on = Some(today);
        assert_eq!(check(&m), none);
        // Zero counts pass, negative ones are refused, each naming its field.
        let mut m = held();
        m.media_central = 0;
        m.remarks = vec![Remarks {
            addressee_level: 6,
            count: 0,
        }];
        m.broadcasts[0].viewers = 0;
        assert_eq!(check(&m), none);
        type Edit = fn(&mut Meeting);
        let negative: [(&str, Edit); 6] = [
            ("meeting.participants_offline", |m| {
                m.participants_offline = -1
            }),
            ("meeting.speakers", |m| m.speakers = -1),
            ("meeting.media_central", |m| m.media_central = -1),
            ("meeting.media_local", |m| m.media_local = -1),
            ("meeting.media_social", |m| m.media_social = -1),
            ("meeting.remarks", |m| {
                m.remarks = vec![Remarks {
                    addressee_level: 6,
                    count: -1,
                }]
            }),
        ];
        for (field, edit) in negative {
            let mut m = held();
            edit(&mut m);
            assert_eq!(check(&m), [field]);
        }
        // Levels 1 to 6 are levels; 0 and 7 are not.
        for level in [1, 6] {
            let mut m = held();
            m.akim_level = level;
            assert_eq!(check(&m), none, "{level}");
        }
        for level in [0, 7] {
            let mut m = held();
            m.akim_level = level;
            assert_eq!(check(&m), ["meeting.akim_level"], "{level}");
        }
        // Planned up to ten years ahead, not before 2000.
        let mut m = Meeting::new(MeetingKind::Gathering, today + chrono::Days::new(3660));
        assert_eq!(check(&m), none);
        m.planned_on = today + chrono::Days::new(3661);
        assert_eq!(check(&m), ["meeting.planned_on"]);
        m.planned_on = d(2000, 1, 1);
        assert_eq!(check(&m), none);
        m.planned_on = d(1999, 12, 31);
        assert_eq!(check(&m), ["meeting.planned_on"]);
        // Minutes may be five times a long text.
        let mut m = held();
        m.minutes = "м".repeat(MAX_TEXT * 5);
        assert_eq!(check(&m), none);
        m.minutes.push('м');
        assert_eq!(check(&m), ["meeting.minutes"]);
    }

    #[test]
    fn a_meeting_not_held_has_no_numbers() {
        let today = d(2022, 6, 1);
        let planned = || {
            let mut m = Meeting::new(MeetingKind::Gathering, d(2022, 9, 1));
            m.not_held_reason = "перенесено".into();
            m
        };
        assert_eq!(meeting(&planned(), today), Ok(()));
        type Edit = fn(&mut Meeting);
        let any: [(&str, Edit); 11] = [
            ("offline", |m| m.participants_offline = 1),
            ("speakers", |m| m.speakers = 1),
            ("viewers", |m| {
                m.broadcasts = vec![Broadcast {
                    channel: BroadcastChannel::Tv,
                    viewers: 1,
                }]
            }),
            ("a broadcast", |m| {
                m.broadcasts = vec![Broadcast {
                    channel: BroadcastChannel::Tv,
                    viewers: 0,
                }]
            }),
            ("remarks", |m| {
                m.remarks = vec![Remarks {
                    addressee_level: 6,
                    count: 1,
                }]
            }),
            ("central media", |m| m.media_central = 1),
            ("local media", |m| m.media_local = 1),
            ("social media", |m| m.media_social = 1),
            ("government", |m| m.present_government = true),
            ("parliament", |m| m.present_parliament = true),
            ("state bodies", |m| m.present_state_bodies = true),
        ];
        for (what, edit) in any {
            let mut m = planned();
            edit(&mut m);
            assert_eq!(fields(meeting(&m, today)), ["meeting.held_on"], "{what}");
        }
    }

    #[test]
    fn question_sources_and_levels() {
        let mut q = Question::at_meeting(1, "Дорога", 1);
        assert_eq!(question(&q), Ok(()));
        q.critical = true;
        q.addressee_level = Some(6);
        assert_eq!(question(&q), Ok(()));
        q.critical = false;
        q.addressee_level = Some(7);
        assert_eq!(fields(question(&q)), ["question.addressee_level"]);
        q.addressee_level = None;
        q.meeting_id = None;
        assert_eq!(fields(question(&q)), ["question.source"]);
        q.appeal_id = Some(5);
        assert_eq!(question(&q), Ok(()));
        q.text = " ".into();
        assert_eq!(fields(question(&q)), ["question.text"]);
    }

    #[test]
    fn plan_edges() {
        let today = d(2022, 6, 1);
        let check = |edit: fn(&mut PlanItem)| {
            let mut p = PlanItem::new("Ремонт дороги");
            edit(&mut p);
            fields(plan_item(&p, today))
        };
        let none: [&str; 0] = [];
        // No money at all, and all that is needed, pass; a tenge more than needed does not.
        assert_eq!(check(|_| {}), none);
        assert_eq!(
            check(|p| {
                p.money_needed = 100.5;
                p.money_allocated = 100.5;
            }),
            none
        );
        assert_eq!(
            check(|p| {
                p.money_needed = 0.1 + 0.2;
                p.money_allocated = 0.3;
            }),
            none
        );
        assert_eq!(
            check(|p| {
                p.money_needed = 100.0;
                p.money_allocated = 100.001;
            }),
            ["plan.money_allocated"]
        );
        assert_eq!(
            check(|p| p.money_allocated = -1.0),
            ["plan.money_allocated"]
        );
        assert_eq!(
            check(|p| {
                p.money_needed = f64::INFINITY;
            }),
            ["plan.money_needed"]
        );
        assert_eq!(
            check(|p| {
                p.money_needed = -0.5;
            }),
            ["plan.money_needed", "plan.money_allocated"]
        );
        // Done today passes, done tomorrow does not.
        assert_eq!(
            check(|p| {
                p.status = PlanStatus::Done;
                p.done_on = Some(d(2022, 6, 1));
            }),
            none
        );
        assert_eq!(
            check(|p| {
                p.status = PlanStatus::Done;
                p.done_on = Some(d(2022, 6, 2));
            }),
            ["plan.done_on"]
        );
        // Rejected with a reason passes.
        assert_eq!(
            check(|p| {
                p.status = PlanStatus::Rejected;
                p.status_note = "нет средств".into();
            }),
            none
        );
        // A deadline ten years ahead passes, a day more does not.
        assert_eq!(
            check(|p| p.deadline = Some(d(2022, 6, 1) + chrono::Days::new(3660))),
            none
        );
        assert_eq!(
            check(|p| p.deadline = Some(d(2022, 6, 1) + chrono::Days::new(3661))),
            ["plan.deadline"]
        );
        assert_eq!(
            check(|p| p.status_note = "с".repeat(MAX_SHORT + 1)),
            ["plan.status_note"]
        );
    }

    #[test]
    fn counts_and_money_up_to_their_limits() {
        let none: [&str; 0] = [];
        assert_eq!(appeal_edge(|a| a.persons = MAX_COUNT), none);
        assert_eq!(
            appeal_edge(|a| a.persons = MAX_COUNT + 1),
            ["appeal.persons"]
        );
        let today = d(2022, 6, 1);
        let mut m = Meeting::new(MeetingKind::Akim826, d(2022, 2, 1));
        m.held_on = Some(d(2022, 2, 3));
        m.participants_offline = MAX_COUNT;
        assert_eq!(meeting(&m, today), Ok(()));
        m.participants_offline = MAX_COUNT + 1;
        let p = meeting(&m, today).unwrap_err();
        assert_eq!(p.len(), 1);
        assert_eq!(
            (p[0].field.as_str(), p[0].what.key.as_str()),
            ("meeting.participants_offline", "err.too_large")
        );
        m.participants_offline = -1;
        assert_eq!(meeting(&m, today).unwrap_err()[0].what.key, "err.negative");
        let plan = |needed: f64| {
            let mut p = PlanItem::new("Дорога");
            p.money_needed = needed;
            plan_item(&p, today)
                .err()
                .unwrap_or_default()
                .into_iter()
                .map(|p| (p.field, p.what.key))
                .collect::<Vec<_>>()
        };
        assert_eq!(plan(MAX_MONEY), []);
        assert_eq!(plan(0.0), []);
        let too_large = [(
            "plan.money_needed".to_string(),
            "err.money_too_large".to_string(),
        )];
        assert_eq!(plan(MAX_MONEY * 1.001), too_large);
        assert_eq!(plan(f64::NAN), too_large);
        assert_eq!(plan(f64::INFINITY), too_large);
        assert_eq!(
            plan(-0.001),
            [
                ("plan.money_needed".to_string(), "err.negative".to_string()),
                (
                    "plan.money_allocated".to_string(),
                    "err.plan.allocated_exceeds".to_string()
                )
            ]
        );
    }

    #[test]
    fn dates_print_day_month_year() {
        assert_eq!(fmt_date(d(2022, 3, 1)), "01.03.2022");
        assert_eq!(fmt_date(d(2024, 12, 31)), "31.12.2024");
        assert_eq!(fmt_date(d(905, 10, 9)), "09.10.0905");
        let mut s = String::from("до ");
        push_date(&mut s, d(2000, 1, 1));
        assert_eq!(s, "до 01.01.2000");
    }
}

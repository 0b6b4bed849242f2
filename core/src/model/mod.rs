//! Plain records of the domain, as the store reads and writes them and the exchange format
//! carries them. No behaviour here beyond trivial accessors: rules live in `rules`, storage in
//! `store`.

mod codes;

pub use codes::*;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// The okrug this database belongs to, with every name form the forms print.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OkrugProfile {
    pub org_name_ru: String,
    pub org_name_kk: String,
    pub okrug_gen_ru: String,
    pub okrug_gen_kk: String,
    pub district_ru: String,
    pub district_kk: String,
    pub district_gen_ru: String,
    pub district_gen_kk: String,
    pub region_ru: String,
    pub region_kk: String,
    pub akim_position_ru: String,
    pub akim_position_kk: String,
    pub akim_name: String,
    pub executor_name: String,
    pub executor_phone: String,
    pub phone: String,
    /// ISO weekdays (1 = Monday) on which citizens are received.
    pub reception_days: Vec<u8>,
    pub work_start: String,
    pub work_end: String,
    /// Registration-number pattern: `{YYYY}` year, `{NNNN}` sequence (zero-padded to its width).
    pub reg_pattern: String,
}

impl OkrugProfile {
    /// «И.И. Иванов» from «Иванов Иван Иванович», as the signature block prints it.
    pub fn akim_initials_surname(&self) -> String {
        initials_surname(&self.akim_name)
    }
}

/// «Иванов Иван Иванович» → «И.И. Иванов»; a single word stays as it is.
pub fn initials_surname(full_name: &str) -> String {
    let parts: Vec<&str> = full_name.split_whitespace().collect();
    match parts.as_slice() {
        [] => String::new(),
        [one] => one.to_string(),
        [surname, rest @ ..] => {
            let initials: String = rest
                .iter()
                .filter_map(|p| p.chars().next())
                .map(|c| format!("{c}."))
                .collect();
            format!("{initials} {surname}")
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settlement {
    pub id: i64,
    pub name_ru: String,
    pub name_kk: String,
    pub population: i64,
    pub households: i64,
    pub active: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Staff {
    pub id: i64,
    pub full_name: String,
    pub position_ru: String,
    pub position_kk: String,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Executor {
    #[serde(default)]
    pub id: i64,
    pub name: String,
    pub kind: ExecutorKind,
    #[serde(default)]
    pub phone: String,
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

/// One entry of the topic classifier with its category in every form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Topic {
    #[serde(default)]
    pub id: i64,
    pub code: String,
    /// Empty in an exchange file that names a topic of the database's classifier by its code
    /// only (then the database's names and form mapping are kept).
    #[serde(default)]
    pub name_ru: String,
    #[serde(default)]
    pub name_kk: String,
    #[serde(default)]
    pub sort_order: i64,
    #[serde(default = "yes")]
    pub active: bool,
    /// F1 category 1..=16 (column 3..=18).
    #[serde(default)]
    pub f1: u8,
    /// F2 line-5 topic 1..=12.
    #[serde(default)]
    pub f2: u8,
    /// F3 line-6 item: eco, pol, soc, gov, а…з.
    #[serde(default)]
    pub f3: String,
    /// F4 table-2 row 1..=10.
    #[serde(default)]
    pub f4: u8,
}

/// A user-entered calendar exception (Құрбан айт, a moved day off, a working Saturday).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalendarDay {
    pub day: NaiveDate,
    pub working: bool,
    #[serde(default)]
    pub note: String,
}

/// A day on which an akim received citizens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reception {
    #[serde(default)]
    pub id: i64,
    pub held_on: NaiveDate,
    #[serde(default = "okrug_level")]
    pub akim_level: u8,
    #[serde(default)]
    pub host_name: String,
    #[serde(default)]
    pub settlement_id: Option<i64>,
    #[serde(default)]
    pub note: String,
}

fn okrug_level() -> u8 {
    LEVEL_OKRUG
}

/// A citizen's or organisation's appeal (обращение), including those made at a reception.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Appeal {
    #[serde(default)]
    pub id: i64,
    /// Empty on a new appeal: the store issues the next number from the okrug's pattern.
    #[serde(default)]
    pub reg_number: String,
    /// Seconds may be left out in a file (`2022-01-10T10:00`, what spreadsheets give).
    #[serde(deserialize_with = "crate::input::serde_datetime::deserialize")]
    pub received_at: NaiveDateTime,
    /// Computed by the store from `received_at` and the calendar when `None`.
    #[serde(default)]
    pub registered_on: Option<NaiveDate>,
    pub channel: Channel,
    /// A statement unless the file says otherwise (most appeals are).
    #[serde(default = "statement")]
    pub kind: AppealKind,
    #[serde(default = "person")]
    pub applicant_type: ApplicantType,
    pub applicant_name: String,
    /// ИИН (person) or БИН (organisation), 12 digits.
    #[serde(default)]
    pub applicant_id: Option<String>,
    #[serde(default)]
    pub applicant_address: String,
    #[serde(default)]
    pub applicant_phone: String,
    #[serde(default = "one")]
    pub persons: i64,
    #[serde(default)]
    pub settlement_id: Option<i64>,
    pub topic_id: i64,
    pub summary: String,
    #[serde(default)]
    pub repeated: bool,
    #[serde(default)]
    pub repeated_of: Option<i64>,
    #[serde(default)]
    pub accepted_by: Option<i64>,
    #[serde(default)]
    pub executor_id: Option<i64>,
    #[serde(default)]
    pub reception_id: Option<i64>,
    /// Computed by the store (15 working days, 20 for complaints via e-Өтініш) when `None`.
    #[serde(default)]
    pub deadline: Option<NaiveDate>,
    #[serde(default)]
    pub extended_to: Option<NaiveDate>,
    #[serde(default)]
    pub extension_reason: Option<String>,
    #[serde(default)]
    pub extension_notified_on: Option<NaiveDate>,
    #[serde(default)]
    pub outcome: Option<Outcome>,
    #[serde(default)]
    pub redirected_to: Option<String>,
    #[serde(default)]
    pub answered_on: Option<NaiveDate>,
    #[serde(default)]
    pub answer: String,
}

fn one() -> i64 {
    1
}

fn statement() -> AppealKind {
    AppealKind::Statement
}

fn person() -> ApplicantType {
    ApplicantType::Person
}

impl Appeal {
    /// A new appeal with the required fields; everything else empty.
    pub fn new(
        received_at: NaiveDateTime,
        channel: Channel,
        applicant_name: &str,
        topic_id: i64,
        summary: &str,
    ) -> Self {
        let applicant_type = if channel == Channel::WrittenOrg {
            ApplicantType::Organisation
        } else {
            ApplicantType::Person
        };
        Appeal {
            id: 0,
            reg_number: String::new(),
            received_at,
            registered_on: None,
            channel,
            kind: AppealKind::Statement,
            applicant_type,
            applicant_name: applicant_name.to_string(),
            applicant_id: None,
            applicant_address: String::new(),
            applicant_phone: String::new(),
            persons: 1,
            settlement_id: None,
            topic_id,
            summary: summary.to_string(),
            repeated: false,
            repeated_of: None,
            accepted_by: None,
            executor_id: None,
            reception_id: None,
            deadline: None,
            extended_to: None,
            extension_reason: None,
            extension_notified_on: None,
            outcome: None,
            redirected_to: None,
            answered_on: None,
            answer: String::new(),
        }
    }

    /// The deadline in force: the extended one if there is one.
    pub fn due(&self) -> Option<NaiveDate> {
        self.extended_to.or(self.deadline)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Broadcast {
    pub channel: BroadcastChannel,
    pub viewers: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Remarks {
    /// Akim level the remarks were addressed to (1..=6).
    pub addressee_level: u8,
    pub count: i64,
}

/// A residents' meeting: an akim's meeting under Decree №826, a report meeting, a сход…
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meeting {
    #[serde(default)]
    pub id: i64,
    pub kind: MeetingKind,
    #[serde(default)]
    pub title: String,
    pub planned_on: NaiveDate,
    #[serde(default)]
    pub held_on: Option<NaiveDate>,
    #[serde(default)]
    pub not_held_reason: String,
    #[serde(default)]
    pub settlement_id: Option<i64>,
    #[serde(default)]
    pub place: String,
    #[serde(default = "okrug_level")]
    pub akim_level: u8,
    #[serde(default)]
    pub participants_offline: i64,
    #[serde(default)]
    pub speakers: i64,
    #[serde(default)]
    pub media_central: i64,
    #[serde(default)]
    pub media_local: i64,
    #[serde(default)]
    pub media_social: i64,
    #[serde(default)]
    pub present_government: bool,
    #[serde(default)]
    pub present_parliament: bool,
    #[serde(default)]
    pub present_state_bodies: bool,
    #[serde(default)]
    pub minutes: String,
    #[serde(default)]
    pub broadcasts: Vec<Broadcast>,
    #[serde(default)]
    pub remarks: Vec<Remarks>,
}

impl Meeting {
    pub fn new(kind: MeetingKind, planned_on: NaiveDate) -> Self {
        Meeting {
            id: 0,
            kind,
            title: String::new(),
            planned_on,
            held_on: None,
            not_held_reason: String::new(),
            settlement_id: None,
            place: String::new(),
            akim_level: LEVEL_OKRUG,
            participants_offline: 0,
            speakers: 0,
            media_central: 0,
            media_local: 0,
            media_social: 0,
            present_government: false,
            present_parliament: false,
            present_state_bodies: false,
            minutes: String::new(),
            broadcasts: Vec::new(),
            remarks: Vec::new(),
        }
    }

    pub(crate) fn online_viewers(&self) -> i64 {
        self.broadcasts.iter().map(|b| b.viewers).sum()
    }

    pub fn participants(&self) -> i64 {
        self.participants_offline + self.online_viewers()
    }

    pub(crate) fn remarks_total(&self) -> i64 {
        self.remarks.iter().map(|r| r.count).sum()
    }
}

/// A meeting's critical remarks by addressee level (index 0 is level 1) that its questions
/// record: every question flagged critical with its addressee is one remark. A meeting's
/// remarks to a level are these plus those voiced without being written down as a question
/// (the store refuses fewer: `store::meetings`).
pub fn critical_remarks_of(questions: &[Question]) -> [i64; 6] {
    let mut by_level = [0; 6];
    for q in questions.iter().filter(|q| q.critical) {
        if let Some(l) = q.addressee_level.filter(|l| (1..=6).contains(l)) {
            by_level[l as usize - 1] += 1;
        }
    }
    by_level
}

/// A question or proposal raised at a meeting (or taken from an appeal).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    #[serde(default)]
    pub id: i64,
    #[serde(default)]
    pub meeting_id: Option<i64>,
    #[serde(default)]
    pub appeal_id: Option<i64>,
    pub text: String,
    pub topic_id: i64,
    #[serde(default)]
    pub settlement_id: Option<i64>,
    #[serde(default)]
    pub repeated: bool,
    #[serde(default)]
    pub critical: bool,
    #[serde(default)]
    pub addressee_level: Option<u8>,
}

impl Question {
    pub fn at_meeting(meeting_id: i64, text: &str, topic_id: i64) -> Self {
        Question {
            id: 0,
            meeting_id: Some(meeting_id),
            appeal_id: None,
            text: text.to_string(),
            topic_id,
            settlement_id: None,
            repeated: false,
            critical: false,
            addressee_level: None,
        }
    }
}

/// One line of the action plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanItem {
    #[serde(default)]
    pub id: i64,
    pub problem: String,
    #[serde(default)]
    pub settlement_id: Option<i64>,
    #[serde(default)]
    pub topic_id: Option<i64>,
    #[serde(default)]
    pub measure: String,
    #[serde(default)]
    pub executor_id: Option<i64>,
    #[serde(default)]
    pub deadline: Option<NaiveDate>,
    #[serde(default)]
    pub funding_source: String,
    /// Thousand tenge.
    #[serde(default)]
    pub money_needed: f64,
    /// Thousand tenge.
    #[serde(default)]
    pub money_allocated: f64,
    pub status: PlanStatus,
    #[serde(default)]
    pub status_note: String,
    #[serde(default)]
    pub done_on: Option<NaiveDate>,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub created_on: Option<NaiveDate>,
    /// The questions this item answers.
    #[serde(default)]
    pub question_ids: Vec<i64>,
}

impl PlanItem {
    pub fn new(problem: &str) -> Self {
        PlanItem {
            id: 0,
            problem: problem.to_string(),
            settlement_id: None,
            topic_id: None,
            measure: String::new(),
            executor_id: None,
            deadline: None,
            funding_source: String::new(),
            money_needed: 0.0,
            money_allocated: 0.0,
            status: PlanStatus::InProgress,
            status_note: String::new(),
            done_on: None,
            note: String::new(),
            created_on: None,
            question_ids: Vec::new(),
        }
    }

    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        crate::rules::deadline::plan_item_overdue(self.status, self.deadline, today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials() {
        assert_eq!(initials_surname("Иванов Иван Иванович"), "И.И. Иванов");
        assert_eq!(initials_surname("Әлиев Ұлан"), "Ұ. Әлиев");
        assert_eq!(initials_surname("Иванов"), "Иванов");
        assert_eq!(initials_surname("  "), "");
    }
}

//! The exchange file: every record kind of one okrug, versioned. Described for people in
//! docs/exchange-format.md; this struct is its definition.

use crate::model::*;
use serde::{Deserialize, Serialize};

/// The value of `format` in every exchange file.
pub(crate) const FORMAT: &str = "estu-exchange";
/// The version this program writes and the newest it reads. Version 2 allows several
/// broadcasts of a meeting on one channel; version-1 files read as they are.
pub(crate) const VERSION: u32 = 2;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExchangeFile {
    pub format: String,
    pub version: u32,
    /// False when names, ИИН, addresses and phones of applicants were left out.
    #[serde(default = "yes")]
    pub personal_data: bool,
    /// Needed only to create a new database from the file; an existing one keeps its own.
    #[serde(default)]
    pub okrug: OkrugProfile,
    #[serde(default)]
    pub settlements: Vec<Settlement>,
    #[serde(default)]
    pub staff: Vec<Staff>,
    #[serde(default)]
    pub executors: Vec<Executor>,
    #[serde(default)]
    pub topics: Vec<Topic>,
    #[serde(default)]
    pub calendar: Vec<CalendarDay>,
    #[serde(default)]
    pub receptions: Vec<Reception>,
    #[serde(default)]
    pub appeals: Vec<Appeal>,
    #[serde(default)]
    pub meetings: Vec<Meeting>,
    #[serde(default)]
    pub questions: Vec<Question>,
    #[serde(default)]
    pub plan_items: Vec<PlanItem>,
}

fn yes() -> bool {
    true
}

impl ExchangeFile {
    /// A file of this program's format and version with no records.
    pub(crate) fn empty() -> ExchangeFile {
        ExchangeFile {
            format: FORMAT.to_string(),
            version: VERSION,
            personal_data: true,
            okrug: OkrugProfile::default(),
            settlements: Vec::new(),
            staff: Vec::new(),
            executors: Vec::new(),
            topics: Vec::new(),
            calendar: Vec::new(),
            receptions: Vec::new(),
            appeals: Vec::new(),
            meetings: Vec::new(),
            questions: Vec::new(),
            plan_items: Vec::new(),
        }
    }
}

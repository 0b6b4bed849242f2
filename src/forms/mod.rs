//! The official forms («Сведения» F1–F5) and the applicant's талон: computed once from the
//! store into a plain value (`model::Form`) that every renderer lays out.

pub mod model;
pub mod period;
pub mod scope;

pub use model::*;
pub use period::{Period, PeriodKind};
pub use scope::Scope;

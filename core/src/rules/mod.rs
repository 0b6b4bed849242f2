//! Domain rules, independent of storage and UI: identification numbers, the working-day
//! calendar, legal terms, and the consistency checks every record passes before it is written.

pub mod calendar;
pub mod deadline;
pub mod iin;
pub mod validate;

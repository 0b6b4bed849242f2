//! The JSON exchange format (docs/exchange-format.md): export of every record kind, and an
//! all-or-nothing import that checks each record by the same rules as typed input.

pub mod export;
pub mod format;
pub mod import;
pub mod journal;
pub mod mapping;
mod parse_error;
pub mod read;
pub mod sealed;
mod stream;

pub use export::{PersonalData, collect, write_file, write_sealed};
pub use format::ExchangeFile;
pub use import::{Options, Report, check_from, check_into, import_file, import_from, parse};
pub use mapping::MappingChange;
pub use read::{Opened, open, read_file, read_file_with};

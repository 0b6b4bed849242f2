//! Data safety: verified backups and restore (`backup`), the audit trail of a record
//! (`history`), and the trash of deleted records (`trash`).
//!
//! The audit trail and the trash are written by triggers in `schema.sql` (every insert, update
//! and delete of appeals, receptions, meetings with their broadcasts and remarks, questions and
//! plan items with their question links), inside the same transaction as the change itself: a
//! change and its audit entry are committed together or not at all.

pub mod backup;
pub mod history;
pub mod output;
pub mod restore;
pub mod trash;

//! Protection of the personal data at rest: the database key (`key`), the keyring that unlocks
//! it by a user's password or the recovery code (`keyring`), the roles that limit what a
//! signed-in user may change (`role`), and the tamper-evident seal of the audit trail (`seal`).
//!
//! Encryption is SQLCipher's (AES-256 pages, HMAC per page) under a random 256-bit key given
//! raw (`x'…'`), so opening a file costs no key derivation; the password work (Argon2id) is
//! done once, when the keyring unwraps the key. A file whose first bytes are SQLite's magic
//! header is an open (unencrypted) database: tests, benchmarks and the demo made without a
//! password use those, and `estu init` and the wizard never make one.

pub mod convert;
pub mod keyring;
pub mod lock;
pub mod role;
pub mod users;

// Opening connections with the key and sealing the trail run SQL: they live in the store.
pub use crate::store::{key, seal};

pub use key::DbKey;
pub use keyring::{Credentials, Keyring, RecoveryCode, Secret, Wrapped};
pub use role::Role;

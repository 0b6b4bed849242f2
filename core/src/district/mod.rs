//! The district akimat's side: its okrugs' `export --for-district` files read into memory, each
//! okrug's forms computed by the okrug's own form code, and the district's forms built from
//! those figures (never recounted from records), with a breakdown by okrug.

pub mod consolidate;
pub mod okrugs;
pub mod profile;

pub use consolidate::{Consolidated, consolidate};
pub use okrugs::{Okrug, expand, files_in, find_profile, load, load_each};
pub use profile::DistrictProfile;

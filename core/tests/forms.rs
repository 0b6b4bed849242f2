//! The official forms computed from records the tests create through the library, compared
//! cell by cell with hand-computed expectations.

#[path = "forms/support.rs"]
mod support;

#[path = "forms/common.rs"]
mod common;
#[path = "forms/district.rs"]
mod district;
#[path = "forms/f1.rs"]
mod f1;
#[path = "forms/f2.rs"]
mod f2;
#[path = "forms/f3.rs"]
mod f3;
#[path = "forms/f4.rs"]
mod f4;
#[path = "forms/f5.rs"]
mod f5;
#[path = "forms/model.rs"]
mod model;
#[path = "forms/period.rs"]
mod period;
#[path = "forms/props.rs"]
mod props;
#[path = "forms/scope.rs"]
mod scope;
#[path = "forms/talon.rs"]
mod talon;

//! What a signed-in user may change. Reading and forms are open to every role; the store
//! refuses the rest by role (`Store::write`, `Tx::require`, `Store::require`).

use crate::error::{Error, Result};
use crate::i18n::Text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Reading and forms only (the akim).
    Viewer,
    /// Appeals, receptions, meetings and the plan.
    Staff,
    /// Users, reference data, backups, restore, the trash and the retention settings.
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Staff, Role::Viewer];

    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Staff => "staff",
            Role::Viewer => "viewer",
        }
    }

    pub fn parse(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    /// i18n key of the role's name.
    pub fn key(self) -> &'static str {
        match self {
            Role::Admin => "role.admin",
            Role::Staff => "role.staff",
            Role::Viewer => "role.viewer",
        }
    }

    /// Refuses, naming what was asked and who may do it, unless this role is at least `needed`.
    pub fn require(self, needed: Role) -> Result<()> {
        if self >= needed {
            return Ok(());
        }
        Err(Error::Forbidden(
            Text::new("err.role.forbidden")
                .arg_text("role", Text::new(self.key()))
                .arg_text("needed", Text::new(needed.key())),
        ))
    }
}

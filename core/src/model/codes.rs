//! The closed classifiers of the domain. Each value has a stable English code (stored in the
//! database and the exchange files) and its wording in the i18n data under `<prefix>.<code>`.

/// Declares an enum whose values map one-to-one onto text codes.
macro_rules! code_enum {
    ($(#[$m:meta])* $name:ident, $prefix:literal { $($variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $(#[serde(rename = $code)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn parse(s: &str) -> Option<Self> {
                match s { $($code => Some($name::$variant),)+ _ => None }
            }

            /// The i18n key of this value's wording.
            pub fn key(self) -> String {
                format!("{}.{}", $prefix, self.code())
            }

            pub fn label(self, lang: $crate::i18n::Lang) -> String {
                $crate::i18n::tr(lang, &self.key())
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.code().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let s = v.as_str()?;
                $name::parse(s).ok_or_else(|| rusqlite::types::FromSqlError::Other(
                    format!("unknown {} code {s:?}", stringify!($name)).into()))
            }
        }
    };
}

code_enum!(
    /// How an appeal came in.
    Channel, "channel" {
        Reception = "reception",
        WrittenPerson = "written_person",
        WrittenOrg = "written_org",
        Eotinish = "eotinish",
        Online = "online",
    }
);

code_enum!(
    /// The legal type of an appeal.
    AppealKind, "appeal_kind" {
        Statement = "statement",
        Complaint = "complaint",
        Proposal = "proposal",
        Request = "request",
        Response = "response",
        Report = "report",
    }
);

code_enum!(
    ApplicantType, "applicant_type" {
        Person = "person",
        Organisation = "organisation",
    }
);

code_enum!(
    /// How the consideration of an appeal ended.
    Outcome, "outcome" {
        Satisfied = "satisfied",
        Explained = "explained",
        Rejected = "rejected",
        Terminated = "terminated",
        Redirected = "redirected",
    }
);

code_enum!(
    MeetingKind, "meeting_kind" {
        Akim826 = "akim826",
        Report = "report",
        Gathering = "gathering",
        Other = "other",
    }
);

code_enum!(
    /// Where a meeting was broadcast (F2 lines 3–4).
    BroadcastChannel, "broadcast" {
        Instagram = "instagram",
        Facebook = "facebook",
        Vks = "vks",
        Tv = "tv",
    }
);

code_enum!(
    PlanStatus, "plan_status" {
        Done = "done",
        InProgress = "in_progress",
        NeedsDistrict = "needs_district",
        NeedsRegion = "needs_region",
        NeedsCentral = "needs_central",
        Rejected = "rejected",
        BudgetRequest = "budget_request",
    }
);

code_enum!(
    ExecutorKind, "executor_kind" {
        Person = "person",
        Organisation = "organisation",
    }
);

/// Akim levels as F2 numbers them: 1 = region/republican city, …, 5 = district, 6 = rural okrug.
pub const AKIM_LEVELS: std::ops::RangeInclusive<u8> = 1..=6;
pub const LEVEL_OKRUG: u8 = 6;
pub(crate) const LEVEL_DISTRICT: u8 = 5;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, has};

    #[test]
    fn codes_round_trip_and_have_wording_in_both_languages() {
        fn check<T: Copy + PartialEq + std::fmt::Debug>(
            all: &[T],
            code: fn(T) -> &'static str,
            parse: fn(&str) -> Option<T>,
            key: fn(T) -> String,
        ) {
            for &v in all {
                assert_eq!(parse(code(v)), Some(v));
                for lang in Lang::ALL {
                    assert!(has(lang, &key(v)), "{lang:?} lacks {}", key(v));
                }
            }
        }
        check(Channel::ALL, Channel::code, Channel::parse, Channel::key);
        check(
            AppealKind::ALL,
            AppealKind::code,
            AppealKind::parse,
            AppealKind::key,
        );
        check(
            ApplicantType::ALL,
            ApplicantType::code,
            ApplicantType::parse,
            ApplicantType::key,
        );
        check(Outcome::ALL, Outcome::code, Outcome::parse, Outcome::key);
        check(
            MeetingKind::ALL,
            MeetingKind::code,
            MeetingKind::parse,
            MeetingKind::key,
        );
        check(
            BroadcastChannel::ALL,
            BroadcastChannel::code,
            BroadcastChannel::parse,
            BroadcastChannel::key,
        );
        check(
            PlanStatus::ALL,
            PlanStatus::code,
            PlanStatus::parse,
            PlanStatus::key,
        );
        check(
            ExecutorKind::ALL,
            ExecutorKind::code,
            ExecutorKind::parse,
            ExecutorKind::key,
        );
        assert_eq!(Channel::parse("fax"), None);
    }
}

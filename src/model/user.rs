//! What a user is: profile fields, status, and the inputs that create and change one.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::error::{Error, Result};
use crate::model::scope::{Placement, Scope};

/// A profile field: the name is the user's word for it, the CSV column and the
/// `--flag` (with `-` for `_`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Email,
    Name,
    Surname,
    Phone,
    Mobile,
    Language,
    Timezone,
    Country,
    Department,
    Branch,
    SalesmanId,
    QuoteReplyTo,
    Kind,
    RestrictToBrand,
    AutoFilterBrands,
}

/// What an account is for: the organization's own people, people from
/// outside (on a tab of their own), or an account that may only sign in to
/// one app (`auth login --for ABILITY`), never to the platform itself.
pub const KINDS: [&str; 3] = [KIND_EMPLOYEE, "external", KIND_APP_ONLY];
pub const KIND_EMPLOYEE: &str = "employee";
pub const KIND_APP_ONLY: &str = "app-only";

impl Field {
    pub const ALL: [Field; 15] = [
        Field::Email,
        Field::Name,
        Field::Surname,
        Field::Phone,
        Field::Mobile,
        Field::Language,
        Field::Timezone,
        Field::Country,
        Field::Department,
        Field::Branch,
        Field::SalesmanId,
        Field::QuoteReplyTo,
        Field::Kind,
        Field::RestrictToBrand,
        Field::AutoFilterBrands,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Field::Email => "email",
            Field::Name => "name",
            Field::Surname => "surname",
            Field::Phone => "phone",
            Field::Mobile => "mobile",
            Field::Language => "language",
            Field::Timezone => "timezone",
            Field::Country => "country",
            Field::Department => "department",
            Field::Branch => "branch",
            Field::SalesmanId => "salesman_id",
            Field::QuoteReplyTo => "quote_reply_to",
            Field::Kind => "kind",
            Field::RestrictToBrand => "restrict_to_brand",
            Field::AutoFilterBrands => "auto_filter_brands",
        }
    }

    /// Accepts `salesman_id`, `salesman-id` and `Salesman_ID`.
    pub fn parse(raw: &str) -> Result<Field> {
        let wanted = raw.trim().replace('-', "_");
        Field::ALL.into_iter().find(|f| f.name().eq_ignore_ascii_case(&wanted)).ok_or_else(|| {
            let known: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
            Error::invalid("field", raw, format!("not a user field (one of {})", known.join(", ")))
        })
    }

    /// Fields that decide how the account is reached or where it signs in:
    /// changed only by someone who outranks the user (`access::rank_over`).
    pub fn is_credential(self) -> bool {
        matches!(self, Field::Email | Field::Kind)
    }

    /// Fields every user has; they can be changed but never cleared.
    pub fn is_required(self) -> bool {
        matches!(
            self,
            Field::Email
                | Field::Name
                | Field::Surname
                | Field::Language
                | Field::Timezone
                | Field::Kind
                | Field::AutoFilterBrands
        )
    }

    /// What a required field is when nobody said. A `user.add` entry leaves
    /// out a field at its default, so changing one changes what old entries
    /// say: a new default comes with a line in the README saying since when.
    pub fn default_value(self) -> Option<&'static str> {
        match self {
            Field::Language => Some("en"),
            Field::Timezone => Some("UTC"),
            Field::Kind => Some(KIND_EMPLOYEE),
            Field::AutoFilterBrands => Some("false"),
            _ => None,
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Every profile field's value, `None` where unset. Serialises as an object
/// keyed by field name, in field order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    values: [Option<String>; Field::ALL.len()],
}

impl Profile {
    pub fn get(&self, field: Field) -> Option<&str> {
        self.values[field.index()].as_deref()
    }

    /// The stored value itself, for binding without a copy.
    pub fn get_ref(&self, field: Field) -> &Option<String> {
        &self.values[field.index()]
    }

    pub fn set(&mut self, field: Field, value: Option<String>) {
        self.values[field.index()] = value;
    }

    pub fn email(&self) -> &str {
        self.get(Field::Email).unwrap_or_default()
    }
}

impl Serialize for Profile {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(Field::ALL.len()))?;
        for field in Field::ALL {
            map.serialize_entry(field.name(), &self.get(field))?;
        }
        map.end()
    }
}

/// Exactly one of these at a time (README, "A user's life").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Invited,
    Active,
    Blocked,
    Archived,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::Invited, Status::Active, Status::Blocked, Status::Archived];

    /// Invited, active and blocked users hold a seat; archived ones free it.
    pub fn takes_seat(self) -> bool {
        self != Status::Archived
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Invited => "invited",
            Status::Active => "active",
            Status::Blocked => "blocked",
            Status::Archived => "archived",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Status {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Status::ALL
            .into_iter()
            .find(|st| st.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| Error::invalid("status", s, "one of invited, active, blocked, archived"))
    }
}

/// Why a user is blocked: by an admin, or by the tool itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockReason {
    Manual,
    FailedLogins,
    Dormant,
    Expired,
}

impl BlockReason {
    pub fn as_str(self) -> &'static str {
        match self {
            BlockReason::Manual => "manual",
            BlockReason::FailedLogins => "failed_logins",
            BlockReason::Dormant => "dormant",
            BlockReason::Expired => "expired",
        }
    }

    pub fn parse(s: &str) -> Option<BlockReason> {
        [BlockReason::Manual, BlockReason::FailedLogins, BlockReason::Dormant, BlockReason::Expired]
            .into_iter()
            .find(|r| r.as_str() == s)
    }
}

/// A user as shown to people and scripts.
#[derive(Debug, Clone, Serialize)]
pub struct User {
    pub id: i64,
    #[serde(flatten)]
    pub profile: Profile,
    pub status: Status,
    pub block_reason: Option<BlockReason>,
    pub block_note: Option<String>,
    pub roles: Vec<String>,
    pub groups: Vec<String>,
    pub brands: Vec<String>,
    /// The last day the account is valid, if it ends.
    pub expires_on: Option<NaiveDate>,
    pub password_set: bool,
    pub must_change_password: bool,
    pub two_factor: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub last_login_at: Option<DateTime<Utc>>,
}

impl User {
    pub fn email(&self) -> &str {
        self.profile.email()
    }

    /// How the user is named in messages and in the audit trail.
    pub fn label(&self) -> String {
        self.email().to_owned()
    }

    /// Where the user belongs, as scopes see it.
    pub fn placement(&self) -> Placement<'_> {
        Placement {
            department: self.profile.get(Field::Department),
            branch: self.profile.get(Field::Branch),
            brands: &self.brands,
        }
    }
}

/// Changes to a user's profile, validated: `(field, None)` clears the field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserPatch {
    pub changes: Vec<(Field, Option<String>)>,
}

impl UserPatch {
    pub fn get(&self, field: Field) -> Option<Option<&str>> {
        self.changes.iter().find(|(f, _)| *f == field).map(|(_, v)| v.as_deref())
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

/// A user to create: a full profile and the roles to hold (at least one).
#[derive(Debug, Clone)]
pub struct NewUser {
    pub profile: Profile,
    pub roles: Vec<String>,
    pub status: Status,
    /// The brands the user works with (`restrict_to_brand` is one of them).
    pub brands: Vec<String>,
}

/// The filters shared by `user list`, `user export` and the bulk commands.
#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    /// The words of `--search` (`types::search_finds`).
    pub search: Option<String>,
    /// One of `KINDS`.
    pub kind: Option<String>,
    /// Users who work with this brand.
    pub brand: Option<String>,
    pub role: Option<String>,
    pub group: Option<String>,
    pub status: Option<Status>,
    pub department: Option<String>,
    pub branch: Option<String>,
    pub created_since: Option<NaiveDate>,
    /// Leaves out users absent on that day.
    pub available_on: Option<NaiveDate>,
    /// Only users whose password is past `password_max_age_days`.
    pub password_expired: bool,
    /// Set by the library from the policy when `password_expired` is asked for.
    pub password_changed_before: Option<DateTime<Utc>>,
    /// Archived users are hidden unless asked for by status or by `all`.
    pub all: bool,
    /// Only users in one of these parts (set by the library from the
    /// actor's scope; empty: no such bound).
    pub within: Vec<Scope>,
    pub sort: Sort,
    pub descending: bool,
    pub limit: Option<u64>,
    pub offset: u64,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Email,
    Name,
    Surname,
    Created,
    Status,
    Department,
}

impl Sort {
    pub const ALL: [Sort; 6] = [Sort::Email, Sort::Name, Sort::Surname, Sort::Created, Sort::Status, Sort::Department];

    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Email => "email",
            Sort::Name => "name",
            Sort::Surname => "surname",
            Sort::Created => "created",
            Sort::Status => "status",
            Sort::Department => "department",
        }
    }
}

impl FromStr for Sort {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Sort::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| Error::invalid("sort", s, "one of email, name, surname, created, status, department"))
    }
}

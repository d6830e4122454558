//! The one error type of the library; `kind()` is what the CLI maps to an exit code.

use std::fmt;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong, in the terms a script cares about (README, "Exit codes").
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    NotFound,
    Conflict,
    Invalid,
    Denied,
    AuthFailed,
    Database,
    /// A file could not be written: the disk is full, or the output is not writable.
    Output,
    Internal,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{what} not found: {key}")]
    NotFound { what: &'static str, key: String },
    #[error(transparent)]
    Conflict(#[from] Conflict),
    #[error(transparent)]
    Invalid(#[from] Invalid),
    #[error(transparent)]
    Denied(#[from] Denied),
    #[error("authentication failed: {0}")]
    AuthFailed(String),
    // A path that is a URL (or a mistyped one) keeps its password out.
    #[error("database {}: {problem}", crate::model::types::masked(path))]
    Database { path: String, problem: String },
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("database: {}", server_says(.0))]
    Postgres(#[from] postgres::Error),
    #[error("output: {0}")]
    Output(#[from] std::io::Error),
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::NotFound { .. } => ErrorKind::NotFound,
            Error::Conflict(_) => ErrorKind::Conflict,
            Error::Invalid(_) => ErrorKind::Invalid,
            Error::Denied(_) => ErrorKind::Denied,
            Error::AuthFailed(_) => ErrorKind::AuthFailed,
            Error::Sqlite(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull) => ErrorKind::Output,
            Error::Database { .. } | Error::Sqlite(_) | Error::Postgres(_) => ErrorKind::Database,
            Error::Output(_) => ErrorKind::Output,
            Error::Internal(_) => ErrorKind::Internal,
        }
    }

    pub fn not_found(what: &'static str, key: impl fmt::Display) -> Self {
        Error::NotFound { what, key: key.to_string() }
    }

    pub fn invalid(field: impl Into<String>, value: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::Invalid(Invalid { field: field.into(), value: shown(value.into()), reason: reason.into() })
    }
}

/// What the server said (its message and SQLSTATE), or what failed on the
/// way there with its cause (a TLS handshake's says which check failed).
pub(crate) fn server_says(e: &postgres::Error) -> String {
    match (e.as_db_error(), std::error::Error::source(e)) {
        (Some(db), _) => format!("{} ({})", db.message(), db.code().code()),
        (None, Some(cause)) if !e.to_string().contains(&cause.to_string()) => format!("{e}: {cause}"),
        _ => e.to_string(),
    }
}

/// A value as an error quotes it: at most 80 characters, and how long it
/// was, so that a 50 MB name does not make 50 MB of error.
pub fn shown(value: String) -> String {
    const SHOWN: usize = 80;
    match value.char_indices().nth(SHOWN) {
        Some((cut, _)) => format!("{}… ({} characters)", &value[..cut], value.chars().count()),
        None => value,
    }
}

/// A value that does not pass validation: which field, what was given, why not.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {field} {value:?}: {reason}")]
pub struct Invalid {
    pub field: String,
    pub value: String,
    pub reason: String,
}

/// The change is well-formed but does not fit the current state.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Conflict {
    #[error("a user with email {email} already exists")]
    DuplicateEmail { email: String },
    #[error("{what} {name:?} already exists")]
    Exists { what: &'static str, name: String },
    #[error("the organization is already initialized as {name:?}; change it with `roster org set`")]
    AlreadyInitialized { name: String },
    #[error("cannot {action} {user}: the user is {status}")]
    WrongState { action: &'static str, user: String, status: String },
    #[error("no free seat: needs {needed}, {free} free")]
    NoFreeSeat { needed: u64, free: u64 },
    #[error("{user} must keep at least one role")]
    LastRole { user: String },
    #[error("{what} {name:?} is in use by {users} user(s){hint}")]
    InUse { what: &'static str, name: String, users: u64, hint: &'static str },
    #[error("role {role} requires {field}, which {user} does not have")]
    RoleRequires { role: String, field: String, user: String },
    #[error("{0}")]
    Other(String),
}

/// The actor may not do this; the message names the missing ability or the rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    #[error("permission denied: {actor} lacks the ability {ability}")]
    MissingAbility { actor: String, ability: String },
    #[error("permission denied: --as {email}: no such user")]
    UnknownActor { email: String },
    #[error("permission denied: --as {email}: the user is {status}, not active")]
    InactiveActor { email: String, status: String },
    #[error("permission denied: --as {email}: an app-only account signs in to its app, it does not act in roster")]
    AppOnlyActor { email: String },
    #[error("permission denied: nobody may {action} themselves")]
    SelfAction { action: &'static str },
    #[error("permission denied: {user} is the last active admin and cannot {action}")]
    LastAdmin { user: String, action: &'static str },
    #[error("permission denied: {user} holds {ability}, which {actor} lacks")]
    Outranked { actor: String, user: String, ability: String },
    #[error("permission denied: {actor} holds {ability} only for {reach}; this needs it for everyone")]
    OnlyWithin { actor: String, ability: String, reach: String },
    #[error("permission denied: {user} is outside {reach}, where {actor} holds {ability}")]
    OutOfScope { actor: String, ability: String, user: String, reach: String },
}

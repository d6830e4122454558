//! The audit trail's entries and the filter that selects them.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;

/// One entry as stored and shown.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub target_id: Option<i64>,
    pub target: Option<String>,
    pub details: Value,
    /// SHA-256 of the previous entry's hash and this entry's content.
    pub hash: String,
    /// The epoch whose key sealed it, and the seal (hex); none before sealing began.
    pub epoch: Option<i64>,
    pub seal: Option<String>,
    /// The hash of the entry before this one (in exports, to check a range alone).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prev_hash: Option<String>,
    /// `details` exactly as stored, which is what the hash covers.
    #[serde(skip)]
    pub details_text: String,
}

/// An entry about to be appended.
#[derive(Debug, Clone)]
pub struct NewEntry {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub target_id: Option<i64>,
    pub target: Option<String>,
    pub details: Value,
}

#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Entries about the user with this email or id: the person who has it
    /// now, by id, so that a deleted namesake's history stays theirs; for an
    /// address nobody has now, the entries recorded under it.
    pub user: Option<String>,
    /// Set by the library from `user`.
    pub user_id: Option<i64>,
    /// An action (`user.add`) or a family of them (`user`).
    pub action: Option<String>,
    /// Entries by this actor (an email or `os:<login>`).
    pub actor: Option<String>,
    /// Entries about this target, as recorded (`ana@x.test`, `role:sales-rep`).
    pub target: Option<String>,
    pub since: Option<DateTime<Utc>>,
    /// Entries before this time.
    pub until: Option<DateTime<Utc>>,
    pub limit: Option<u64>,
}

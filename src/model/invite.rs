//! An invite as stored and shown.

use chrono::{DateTime, Utc};
use serde::Serialize;

/// An invite: what `invite list` shows, and the ids it is handled by.
#[derive(Debug, Clone, Serialize)]
pub struct Invite {
    #[serde(skip)]
    pub id: i64,
    /// The invited user while the invite is open.
    #[serde(skip)]
    pub user_id: Option<i64>,
    pub email: String,
    pub roles: Vec<String>,
    /// One of [`STATUSES`].
    pub status: String,
    pub send_count: u64,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub last_sent_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
}

/// An invite's states: open while `sent` or `resent`, then ended one way.
pub const STATUSES: [&str; 6] = ["sent", "resent", "accepted", "confirmed", "revoked", "expired"];

/// The states in which an invite is open (its user is `invited`).
pub const OPEN: [&str; 2] = ["sent", "resent"];

impl Invite {
    pub fn is_open(&self) -> bool {
        OPEN.contains(&self.status.as_str())
    }
}

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
    pub status: String,
    pub send_count: u64,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub last_sent_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
}

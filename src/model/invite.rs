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
    /// One of [`STATUSES`], shown as [`shown_status`] says.
    #[serde(serialize_with = "shown")]
    pub status: String,
    pub send_count: u64,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub last_sent_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
    /// What became of its latest mail.
    pub delivery: Delivery,
}

/// Where an invite's latest mail is: `queued`, `sent`, `written to <outbox>`
/// (no SMTP server is set), `failed: <reason>`; `none` when it has no mail
/// (an invite from before V8 that `invite resend` has not mailed yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    None,
    Queued { last_error: Option<String> },
    Sent,
    Written { outbox: String },
    Failed { reason: String },
}

impl Delivery {
    /// From the mail row's status, last error and how it was sent.
    pub fn of(status: Option<&str>, last_error: Option<String>, sent_via: Option<String>) -> Delivery {
        match status {
            None => Delivery::None,
            Some("queued") => Delivery::Queued { last_error },
            Some("failed") => Delivery::Failed { reason: last_error.unwrap_or_else(|| "given up".into()) },
            Some(_) => match sent_via {
                Some(via) if via != SMTP => Delivery::Written { outbox: via },
                _ => Delivery::Sent,
            },
        }
    }
}

/// How a mail that went to the SMTP server is marked (`mail.sent_via`).
pub const SMTP: &str = "smtp";

impl std::fmt::Display for Delivery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Delivery::None => f.write_str("none"),
            Delivery::Queued { last_error: None } => f.write_str("queued"),
            Delivery::Queued { last_error: Some(e) } => write!(f, "queued (last try failed: {e})"),
            Delivery::Sent => f.write_str("sent"),
            Delivery::Written { outbox } => write!(f, "written to {outbox}"),
            Delivery::Failed { reason } => write!(f, "failed: {reason}"),
        }
    }
}

impl Serialize for Delivery {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Which invites `invite list` shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Open,
    All,
    /// Ended one way: `accepted`, `revoked` or `expired` (or `confirmed`).
    Ended(&'static str),
}

impl Which {
    /// `--status` as typed (`pending` is `open`), or every invite.
    pub fn parse(status: Option<&str>, all: bool) -> Option<Which> {
        match (status.map(str::trim), all) {
            (None, true) => Some(Which::All),
            (None, false) => Some(Which::Open),
            (Some(_), true) => None,
            (Some(s), false) if s.eq_ignore_ascii_case("open") || s.eq_ignore_ascii_case("pending") => {
                Some(Which::Open)
            }
            (Some(s), false) => {
                STATUSES.iter().skip(2).find(|known| known.eq_ignore_ascii_case(s)).map(|known| Which::Ended(known))
            }
        }
    }

    /// The stored statuses it covers.
    pub fn statuses(self) -> &'static [&'static str] {
        match self {
            Which::Open => &OPEN,
            Which::All => &STATUSES,
            Which::Ended(status) => STATUSES.iter().position(|s| *s == status).map_or(&[], |i| &STATUSES[i..=i]),
        }
    }
}

fn shown<S: serde::Serializer>(status: &str, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(shown_status(status))
}

/// An invite's status as shown: `open` while it can be accepted.
pub fn shown_status(stored: &str) -> &str {
    if OPEN.contains(&stored) { "open" } else { stored }
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

//! The audit trail: every change writes one entry in its own transaction;
//! details say what changed, old → new, and never carry a secret.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::error::Result;
use crate::session::Tx;
use crate::store;

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

/// What an entry is about: a user (by id and email as it is now) or a named
/// thing such as `role:sales-rep`.
pub enum Target<'a> {
    User(i64, &'a str),
    Named(String),
    None,
}

#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Entries about the user with this email (as it was, or as it is now).
    pub user: Option<String>,
    /// An action (`user.add`) or a family of them (`user`).
    pub action: Option<String>,
    pub since: Option<DateTime<Utc>>,
    pub limit: Option<u64>,
}

/// Field-level changes, old → new, in the order they were made.
#[derive(Debug, Clone, Default)]
pub struct Changes(Map<String, Value>);

impl Changes {
    pub fn push(&mut self, field: &str, old: Option<&str>, new: Option<&str>) {
        self.0.insert(field.to_owned(), json!({ "old": old, "new": new }));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_value(self) -> Value {
        Value::Object(self.0)
    }
}

pub fn record(tx: &Tx, action: &str, target: Target, details: Value) -> Result<()> {
    let (target_id, target) = match target {
        Target::User(id, email) => (Some(id), Some(email.to_owned())),
        Target::Named(name) => (None, Some(name)),
        Target::None => (None, None),
    };
    let entry =
        NewEntry { at: tx.now, actor: tx.actor.label.clone(), action: action.to_owned(), target_id, target, details };
    store::audit::append(&tx.db, &entry)?;
    Ok(())
}

pub fn list(tx: &Tx, filter: &AuditFilter) -> Result<Vec<Entry>> {
    tx.actor.require("audit.read")?;
    store::audit::list(&tx.db, filter)
}

/// Renders details for a table cell: `name: Ana → Anna; phone: ∅ → 123`.
pub fn describe(details: &Value) -> String {
    let Value::Object(map) = details else {
        return details.to_string();
    };
    let show = |v: Option<&Value>| match v {
        None | Some(Value::Null) => "∅".to_owned(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    map.iter()
        .map(|(key, value)| match value {
            Value::Object(change) if change.contains_key("old") || change.contains_key("new") => {
                format!("{key}: {} → {}", show(change.get("old")), show(change.get("new")))
            }
            other => format!("{key}: {}", show(Some(other))),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describe_shows_old_and_new() {
        let mut changes = Changes::default();
        changes.push("name", Some("Ana"), Some("Anna"));
        changes.push("phone", None, Some("123 456"));
        assert_eq!(describe(&changes.into_value()), "name: Ana → Anna; phone: ∅ → 123 456");
        assert_eq!(describe(&json!({"count": 3})), "count: 3");
    }
}

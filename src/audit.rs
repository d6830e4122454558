//! The audit trail: every change writes one entry in its own transaction;
//! details say what changed, old → new, and never carry a secret.

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::error::Result;
use crate::session::Tx;
use crate::store;

pub use crate::model::audit::{AuditFilter, Entry, NewEntry};

/// What an entry is about: a user (by id and email as it is now) or a named
/// thing such as `role:sales-rep`.
pub enum Target<'a> {
    User(i64, &'a str),
    Named(String),
    None,
}

fn resolve(tx: &Tx, filter: &AuditFilter) -> Result<AuditFilter> {
    let mut filter = filter.clone();
    if let Some(user) = &filter.user {
        filter.user_id = crate::users::find_id(tx, user).ok();
    }
    Ok(filter)
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
    store::audit::list(&tx.db, &resolve(tx, filter)?)
}

/// Streams the matching entries, oldest first, with their hashes.
pub fn export(tx: &Tx, filter: &AuditFilter, each: impl FnMut(Entry) -> Result<()>) -> Result<u64> {
    tx.actor.require("audit.read")?;
    store::audit::for_each(&tx.db, &resolve(tx, filter)?, each)
}

/// Checks a CSV range written by `audit export`, without the database: each
/// row's hash must link its prev_hash to its content, and where rows follow
/// each other (seq n, n+1) the prev_hash must be the row before's hash.
pub fn verify_export(source: impl std::io::Read) -> Result<Verification> {
    let mut reader = csv::Reader::from_reader(source);
    let mut prev: Option<(i64, String)> = None;
    let mut entries = 0;
    for record in reader.records() {
        let row = record.map_err(|e| crate::Error::invalid("file", "", e.to_string()))?;
        let field = |i: usize| row.get(i).unwrap_or_default();
        let seq: i64 = field(0).parse().map_err(|_| crate::Error::invalid("seq", field(0), "not a number"))?;
        let target_id = match field(4) {
            "" => None,
            id => Some(id.parse::<i64>().map_err(|_| crate::Error::invalid("target_id", id, "not a number"))?),
        };
        let content = store::audit::Content {
            at: field(1),
            actor: field(2),
            action: field(3),
            target_id,
            target: Some(field(5)).filter(|t| !t.is_empty()),
            details: field(6),
        };
        let follows_on = prev.as_ref().is_some_and(|(p, _)| *p + 1 == seq);
        let linked = prev.as_ref().is_none_or(|(_, hash)| !follows_on || hash == field(7));
        if !linked || content.link(field(7))? != field(8) {
            return Ok(Verification { entries, broken_at: Some(seq) });
        }
        prev = Some((seq, field(8).to_owned()));
        entries += 1;
    }
    Ok(Verification { entries, broken_at: None })
}

/// The outcome of walking the chain.
#[derive(Debug, Clone, Serialize)]
pub struct Verification {
    pub entries: u64,
    /// The first entry whose content or link does not match.
    pub broken_at: Option<i64>,
}

/// Walks the whole chain from the genesis hash.
pub fn verify(tx: &Tx) -> Result<Verification> {
    tx.actor.require("audit.read")?;
    Ok(match store::audit::verify(&tx.db)? {
        Ok(entries) => Verification { entries, broken_at: None },
        Err(store::audit::Break::Mismatch { seq }) => Verification { entries: 0, broken_at: Some(seq) },
    })
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

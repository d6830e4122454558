//! SQL for the audit trail: append and read, never change.

use rusqlite::types::Value;
use rusqlite::{Connection, params, params_from_iter};

use super::{parse_timestamp, timestamp};
use crate::audit::{AuditFilter, Entry, NewEntry};
use crate::error::Result;

pub fn append(conn: &Connection, entry: &NewEntry) -> Result<i64> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO audit (at, actor, action, target_id, target, details) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    stmt.execute(params![
        timestamp(entry.at),
        entry.actor,
        entry.action,
        entry.target_id,
        entry.target,
        entry.details.to_string()
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Entries matching the filter, newest first.
pub fn list(conn: &Connection, filter: &AuditFilter) -> Result<Vec<Entry>> {
    let mut clauses: Vec<String> = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    if let Some(user) = &filter.user {
        values.push(Value::Text(user.clone()));
        let p = values.len();
        // By the email as it was, or by the id of whoever has that email now.
        clauses
            .push(format!("(target = ?{p} COLLATE NOCASE OR target_id = (SELECT id FROM users WHERE email = ?{p}))"));
    }
    if let Some(action) = &filter.action {
        values.push(Value::Text(action.clone()));
        // `user` matches `user.add`, `user.edit`, …
        clauses.push(format!("(action = ?{p} OR action LIKE ?{p} || '.%')", p = values.len()));
    }
    if let Some(since) = filter.since {
        values.push(Value::Text(timestamp(since)));
        clauses.push(format!("at >= ?{}", values.len()));
    }
    let where_sql = if clauses.is_empty() { String::new() } else { format!("WHERE {}", clauses.join(" AND ")) };
    values.push(Value::Integer(filter.limit.map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX))));
    let sql = format!(
        "SELECT seq, at, actor, action, target_id, target, details FROM audit {where_sql}
         ORDER BY seq DESC LIMIT ?{}",
        values.len()
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(values), |r| {
        let details: String = r.get(6)?;
        Ok(Entry {
            seq: r.get(0)?,
            at: parse_timestamp(&r.get::<_, String>(1)?)?,
            actor: r.get(2)?,
            action: r.get(3)?,
            target_id: r.get(4)?,
            target: r.get(5)?,
            details: serde_json::from_str(&details).unwrap_or(serde_json::Value::String(details)),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

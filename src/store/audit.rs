//! SQL for the audit trail: append (hash-chained), read, stream, verify.
//!
//! Each entry's `hash` is SHA-256 over the previous entry's hash (hex; the
//! first entry follows `GENESIS`), a newline, and the entry's `Content` as a
//! compact JSON array. The chain is computed by the SQL function
//! `audit_chain`, so that set-based `INSERT … SELECT` statements link every
//! row they add; triggers make the table append-only.

use std::sync::{Arc, Mutex};

use rusqlite::functions::{Context, FunctionFlags};
use rusqlite::types::Value;
use rusqlite::{Connection, params, params_from_iter};
use sha2::{Digest, Sha256};

use super::{parse_timestamp, timestamp};
use crate::error::{Error, Result};
use crate::model::audit::{AuditFilter, Entry, NewEntry};

/// The hash before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What an entry's hash covers.
pub struct Content<'a> {
    pub at: &'a str,
    pub actor: &'a str,
    pub action: &'a str,
    pub target_id: Option<i64>,
    pub target: Option<&'a str>,
    pub details: &'a str,
}

impl Content<'_> {
    /// The next link of the chain after `prev`.
    pub fn link(&self, prev: &str) -> Result<String> {
        let mut hasher = Sha256::new();
        hasher.update(prev.as_bytes());
        hasher.update(b"\n");
        hasher.update(self.canonical()?);
        Ok(crate::model::types::hex(&hasher.finalize()))
    }

    /// `[at, actor, action, target_id, target, details]`, compact: byte for
    /// byte what SQLite's `json_array` writes, which linked the first trails.
    fn canonical(&self) -> Result<Vec<u8>> {
        let content = (self.at, self.actor, self.action, self.target_id, self.target, self.details);
        serde_json::to_vec(&content).map_err(|e| Error::Internal(e.to_string()))
    }
}

/// `audit_chain(at, actor, action, target_id, target, details)`'s arguments.
fn content<'a>(ctx: &'a Context) -> rusqlite::Result<Content<'a>> {
    Ok(Content {
        at: ctx.get_raw(0).as_str()?,
        actor: ctx.get_raw(1).as_str()?,
        action: ctx.get_raw(2).as_str()?,
        target_id: ctx.get_raw(3).as_i64_or_null()?,
        target: ctx.get_raw(4).as_str_or_null()?,
        details: ctx.get_raw(5).as_str()?,
    })
}

/// Registers `audit_chain(at, actor, action, target_id, target, details)`
/// (returns the next hash and remembers it) and `audit_chain_start(hash)`.
pub fn register(conn: &Connection) -> Result<()> {
    let last = Arc::new(Mutex::new(GENESIS.to_owned()));
    let chain = Arc::clone(&last);
    conn.create_scalar_function("audit_chain", 6, FunctionFlags::SQLITE_UTF8, move |ctx| {
        let mut last = chain.lock().map_err(|e| rusqlite::Error::UserFunctionError(e.to_string().into()))?;
        *last = content(ctx)?.link(&last).map_err(|e| rusqlite::Error::UserFunctionError(e.into()))?;
        Ok(last.clone())
    })?;
    conn.create_scalar_function("audit_chain_start", 1, FunctionFlags::SQLITE_UTF8, move |ctx| {
        let start: Option<String> = ctx.get(0)?;
        let mut state = last.lock().map_err(|e| rusqlite::Error::UserFunctionError(e.to_string().into()))?;
        *state = start.unwrap_or_else(|| GENESIS.to_owned());
        Ok(None::<String>)
    })?;
    Ok(())
}

/// Starts the chain at the last entry's hash; every write transaction does
/// this first, as the trail may have grown since (or a transaction rolled back).
pub fn prime(conn: &Connection) -> Result<()> {
    conn.prepare_cached("SELECT audit_chain_start((SELECT hash FROM audit ORDER BY seq DESC LIMIT 1))")?
        .query_row([], |_| Ok(()))?;
    Ok(())
}

pub fn append(conn: &Connection, entry: &NewEntry) -> Result<i64> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO audit (at, actor, action, target_id, target, details, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, audit_chain(?1, ?2, ?3, ?4, ?5, ?6))",
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

/// Appends one entry per row of `select`, which yields the columns `at`,
/// `actor`, `action`, `target_id`, `target` and `details` (text). The outer
/// select has no ORDER BY, so rows are linked in the order they are inserted.
pub fn append_select(conn: &Connection, select: &str, values: impl rusqlite::Params) -> Result<u64> {
    let sql = format!(
        "INSERT INTO audit (at, actor, action, target_id, target, details, hash)
         SELECT at, actor, action, target_id, target, details,
                audit_chain(at, actor, action, target_id, target, details) FROM ({select})"
    );
    Ok(conn.execute(&sql, values)? as u64)
}

fn where_clause(filter: &AuditFilter) -> (String, Vec<Value>) {
    let mut clauses: Vec<String> = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    let bind = |values: &mut Vec<Value>, v: Value| {
        values.push(v);
        format!("?{}", values.len())
    };
    match (filter.user_id, &filter.user) {
        (Some(id), _) => {
            let p = bind(&mut values, Value::Integer(id));
            clauses.push(format!("target_id = {p}"));
        }
        (None, Some(user)) => {
            let p = bind(&mut values, Value::Text(user.clone()));
            clauses.push(format!("target = {p} COLLATE NOCASE"));
        }
        (None, None) => {}
    }
    if let Some(target) = &filter.target {
        let p = bind(&mut values, Value::Text(target.clone()));
        clauses.push(format!("target = {p} COLLATE NOCASE"));
    }
    if let Some(actor) = &filter.actor {
        let p = bind(&mut values, Value::Text(actor.clone()));
        clauses.push(format!("actor = {p} COLLATE NOCASE"));
    }
    if let Some(action) = &filter.action {
        // `user` matches `user.add`, `user.edit`, …
        let p = bind(&mut values, Value::Text(action.clone()));
        clauses.push(format!("(action = {p} OR action LIKE {p} || '.%')"));
    }
    if let Some(since) = filter.since {
        let p = bind(&mut values, Value::Text(timestamp(since)));
        clauses.push(format!("at >= {p}"));
    }
    if let Some(until) = filter.until {
        let p = bind(&mut values, Value::Text(timestamp(until)));
        clauses.push(format!("at < {p}"));
    }
    let sql = if clauses.is_empty() { String::new() } else { format!("WHERE {}", clauses.join(" AND ")) };
    (sql, values)
}

const COLUMNS: &str = "seq, at, actor, action, target_id, target, details, hash";

fn entry(r: &rusqlite::Row) -> rusqlite::Result<Entry> {
    let details: String = r.get(6)?;
    Ok(Entry {
        seq: r.get(0)?,
        at: parse_timestamp(&r.get::<_, String>(1)?)?,
        actor: r.get(2)?,
        action: r.get(3)?,
        target_id: r.get(4)?,
        target: r.get(5)?,
        details: serde_json::from_str(&details).unwrap_or_else(|_| serde_json::Value::String(details.clone())),
        hash: r.get(7)?,
        prev_hash: None,
        details_text: details.clone(),
    })
}

/// Entries matching the filter, newest first.
pub fn list(conn: &Connection, filter: &AuditFilter) -> Result<Vec<Entry>> {
    let (where_sql, mut values) = where_clause(filter);
    values.push(Value::Integer(filter.limit.map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX))));
    let sql = format!("SELECT {COLUMNS} FROM audit {where_sql} ORDER BY seq DESC LIMIT ?{}", values.len());
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(values), entry)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Streams matching entries oldest first, each with the hash of the entry
/// before it in the whole trail, so a range can be checked on its own.
pub fn for_each(conn: &Connection, filter: &AuditFilter, mut each: impl FnMut(Entry) -> Result<()>) -> Result<u64> {
    let (where_sql, values) = where_clause(filter);
    let sql = format!(
        "SELECT {COLUMNS}, (SELECT p.hash FROM audit p WHERE p.seq < audit.seq ORDER BY p.seq DESC LIMIT 1)
         FROM audit {where_sql} ORDER BY seq"
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(values))?;
    let mut n = 0;
    while let Some(row) = rows.next()? {
        let mut e = entry(row)?;
        e.prev_hash = Some(row.get::<_, Option<String>>(8)?.unwrap_or_else(|| GENESIS.to_owned()));
        each(e)?;
        n += 1;
    }
    Ok(n)
}

/// Where the chain first fails, if it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Break {
    /// The entry's content or its link to the one before does not match.
    Mismatch { seq: i64 },
}

/// Walks the whole chain; returns the number of entries, or the first break.
/// The last entry's sequence number and hash, if any.
pub fn head(conn: &Connection) -> Result<Option<(i64, String)>> {
    super::optional(
        conn.query_row("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?))),
    )
}

pub fn verify(conn: &Connection) -> Result<std::result::Result<u64, Break>> {
    let mut stmt =
        conn.prepare("SELECT seq, at, actor, action, target_id, target, details, hash FROM audit ORDER BY seq")?;
    let mut rows = stmt.query([])?;
    let mut prev = GENESIS.to_owned();
    let mut n = 0;
    while let Some(row) = rows.next()? {
        // Borrowed, not copied: a million entries.
        let text = |i: usize| row.get_ref(i).and_then(|v| v.as_str().map_err(rusqlite::Error::from));
        let content = Content {
            at: text(1)?,
            actor: text(2)?,
            action: text(3)?,
            target_id: row.get(4)?,
            target: row.get_ref(5)?.as_str_or_null().map_err(rusqlite::Error::from)?,
            details: text(6)?,
        };
        let hash = text(7)?;
        if content.link(&prev)? != hash {
            return Ok(Err(Break::Mismatch { seq: row.get(0)? }));
        }
        prev.clear();
        prev.push_str(hash);
        n += 1;
    }
    Ok(Ok(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Trails linked before the content was written in Rust must still verify.
    #[test]
    fn canonical_content_is_sqlites_json_array() {
        let conn = Connection::open_in_memory().unwrap();
        let mut texts: Vec<String> = (0..0x800).filter_map(char::from_u32).map(|c| format!("a{c}b")).collect();
        texts.extend(
            [
                "",
                "\"quoted\"",
                "back\\slash",
                "{\"status\":{\"old\":\"sent\"}}",
                "\u{2028}\u{2029}",
                "\u{fffd}",
                "😀 Zoë",
            ]
            .map(String::from),
        );
        for text in &texts {
            for (target_id, target) in [(None, None), (Some(-7), Some(text.as_str()))] {
                let content = Content {
                    at: "2026-01-01T00:00:00Z",
                    actor: text,
                    action: "a.b",
                    target_id,
                    target,
                    details: text,
                };
                let sqlite: String = conn
                    .query_row(
                        "SELECT json_array(?1, ?2, ?3, ?4, ?5, ?6)",
                        params![content.at, content.actor, content.action, target_id, target, content.details],
                        |r| r.get(0),
                    )
                    .unwrap();
                assert_eq!(String::from_utf8(content.canonical().unwrap()).unwrap(), sqlite, "{text:?}");
            }
        }
    }
}

//! SQL for the audit trail: append (hash-chained), read, stream, verify.
//!
//! Each entry's `hash` is SHA-256 over the previous entry's hash (hex; the
//! first entry follows `GENESIS`), a newline, and the entry's canonical
//! content: SQLite's `json_array(at, actor, action, target_id, target,
//! details)`. The chain is computed by the SQL function `audit_chain`, so that
//! set-based `INSERT … SELECT` statements link every row they add; triggers
//! make the table append-only.

use std::sync::{Arc, Mutex};

use rusqlite::functions::FunctionFlags;
use rusqlite::types::Value;
use rusqlite::{Connection, params, params_from_iter};
use sha2::{Digest, Sha256};

use super::{parse_timestamp, timestamp};
use crate::audit::{AuditFilter, Entry, NewEntry};
use crate::error::Result;

/// The hash before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The canonical content of an entry, as SQL over its columns.
const CANONICAL: &str = "json_array(at, actor, action, target_id, target, details)";

/// The next link of the chain.
pub fn link(prev: &str, canonical: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(prev.as_bytes());
    hasher.update(b"\n");
    hasher.update(canonical.as_bytes());
    crate::types::hex(&hasher.finalize())
}

/// Registers `audit_chain(content)` (returns the next hash and remembers it)
/// and `audit_chain_start(hash)` on a connection.
pub fn register(conn: &Connection) -> Result<()> {
    let last = Arc::new(Mutex::new(GENESIS.to_owned()));
    let chain = Arc::clone(&last);
    conn.create_scalar_function("audit_chain", 1, FunctionFlags::SQLITE_UTF8, move |ctx| {
        let content: String = ctx.get(0)?;
        let mut last = chain.lock().map_err(|e| rusqlite::Error::UserFunctionError(e.to_string().into()))?;
        *last = link(&last, &content);
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
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, audit_chain(json_array(?1, ?2, ?3, ?4, ?5, ?6)))",
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
/// `actor`, `action`, `target_id`, `target` and `details` (plain text: end a
/// `json_object(…)` with `|| ''` to drop its JSON subtype). The outer select
/// has no ORDER BY, so rows are linked in the order they are inserted.
pub fn append_select(conn: &Connection, select: &str, values: impl rusqlite::Params) -> Result<u64> {
    let sql = format!(
        "INSERT INTO audit (at, actor, action, target_id, target, details, hash)
         SELECT at, actor, action, target_id, target, details, audit_chain({CANONICAL}) FROM ({select})"
    );
    Ok(conn.execute(&sql, values)? as u64)
}

/// Computes canonical content outside the database (an exported range), with
/// SQLite's own `json_array`, so that it matches byte for byte.
pub struct Canonical(Connection);

impl Canonical {
    pub fn new() -> Result<Self> {
        Ok(Canonical(Connection::open_in_memory()?))
    }

    pub fn of(
        &self,
        at: &str,
        actor: &str,
        action: &str,
        target_id: Option<i64>,
        target: Option<&str>,
        details: &str,
    ) -> Result<String> {
        let mut stmt = self.0.prepare_cached("SELECT json_array(?1, ?2, ?3, ?4, ?5, ?6)")?;
        Ok(stmt.query_row(params![at, actor, action, target_id, target, details], |r| r.get(0))?)
    }
}

fn where_clause(filter: &AuditFilter) -> (String, Vec<Value>) {
    let mut clauses: Vec<String> = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    let bind = |values: &mut Vec<Value>, v: Value| {
        values.push(v);
        format!("?{}", values.len())
    };
    if let Some(user) = &filter.user {
        let p = bind(&mut values, Value::Text(user.clone()));
        // By the email as it was, or by the id of whoever has that email now.
        clauses.push(format!("(target = {p} COLLATE NOCASE OR target_id = (SELECT id FROM users WHERE email = {p}))"));
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
pub fn verify(conn: &Connection) -> Result<std::result::Result<u64, Break>> {
    let mut stmt = conn.prepare(&format!("SELECT seq, {CANONICAL}, hash FROM audit ORDER BY seq"))?;
    let mut rows = stmt.query([])?;
    let mut prev = GENESIS.to_owned();
    let mut n = 0;
    while let Some(row) = rows.next()? {
        let seq: i64 = row.get(0)?;
        // Borrowed, not copied: a million entries.
        let canonical = row.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
        let hash = row.get_ref(2)?.as_str().map_err(rusqlite::Error::from)?;
        if link(&prev, canonical) != hash {
            return Ok(Err(Break::Mismatch { seq }));
        }
        prev.clear();
        prev.push_str(hash);
        n += 1;
    }
    Ok(Ok(n))
}

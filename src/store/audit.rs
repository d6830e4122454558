//! SQL for the audit trail: append (hash-chained and sealed), read, stream.
//!
//! Each entry's `hash` is SHA-256 over the previous entry's hash (hex; the
//! first entry follows `GENESIS`), a newline, and the entry's `Content` as a
//! compact JSON array. Its `seal` is HMAC-SHA256 of its epoch and hash under
//! that epoch's key (see `keys`); entries from before sealing have none.
//! The chain is computed by the SQL function `audit_chain`, so that
//! set-based `INSERT … SELECT` statements link every row they add; triggers
//! make the table append-only.
//!
//! Bulk work (an import, a change by filter) writes *lines*: entries linked
//! and sealed like any other but stored without their hash, except every
//! `RUN`th and the last of each statement or transaction. A line's hash is
//! recomputed when it is read; its seal covers that hash, and so does the
//! next stored hash: changing a line changes every hash after it.

use std::sync::{Arc, Mutex};

use super::db::{Db, Owned, Params, Row, bind, bound, params};
use hmac::{Hmac, KeyInit, Mac};
use rusqlite::functions::{Context, FunctionFlags};
use sha2::{Digest, Sha256};

use super::{parse_timestamp, timestamp};
use crate::error::{Error, Result};
use crate::model::audit::{AuditFilter, Entry, NewEntry};

/// At most this many entries in a row are stored without a hash.
pub const RUN: u32 = 1000;

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

/// What new entries are sealed with: the key of the key file's epoch.
#[derive(Clone)]
pub struct Sealing {
    pub epoch: i64,
    pub key: [u8; 32],
}

/// The seal of the entry with `hash`, in `epoch`, under that epoch's `key`.
pub fn seal(key: &[u8; 32], epoch: i64, hash: &str) -> [u8; 32] {
    // HMAC accepts a key of any length, so this cannot fail.
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(&epoch.to_be_bytes());
    mac.update(hash.as_bytes());
    mac.finalize().into_bytes().into()
}

/// The chain as this connection's writer left it (on SQLite, in the SQL
/// functions; on PostgreSQL, in the transaction's `Db`).
pub(super) struct Chain {
    /// The last entry's sequence number (PostgreSQL's next is one more; on
    /// SQLite the rowid is).
    seq: i64,
    last: String,
    sealing: Option<Sealing>,
    seal: Option<[u8; 32]>,
    /// Lines written since the last stored hash.
    open: u32,
}

impl Chain {
    /// Links and seals `content`; a hash not `stored` leaves the run open.
    fn link(&mut self, content: &Content, stored: bool) -> rusqlite::Result<()> {
        self.last = content.link(&self.last).map_err(|e| rusqlite::Error::UserFunctionError(e.into()))?;
        self.seal = self.sealing.as_ref().map(|s| seal(&s.key, s.epoch, &self.last));
        self.open = if stored { 0 } else { self.open + 1 };
        Ok(())
    }
}

fn locked(state: &Mutex<Chain>) -> rusqlite::Result<std::sync::MutexGuard<'_, Chain>> {
    state.lock().map_err(|e| rusqlite::Error::UserFunctionError(e.to_string().into()))
}

/// Registers `audit_chain(at, actor, action, target_id, target, details)`
/// (returns the next hash and remembers it, sealed), `audit_line(…)` (the
/// same, but returns '' until the run is full),
/// `audit_seal()` and `audit_epoch()` (the last link's seal and its epoch,
/// NULL when unsealed), `audit_open()` (lines since the last stored hash)
/// and `audit_chain_start(hash, epoch, key)`.
pub fn register(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    let state = Arc::new(Mutex::new(Chain { seq: 0, last: GENESIS.to_owned(), sealing: None, seal: None, open: 0 }));
    let chain = Arc::clone(&state);
    conn.create_scalar_function("audit_chain", 6, FunctionFlags::SQLITE_UTF8, move |ctx| {
        let mut chain = locked(&chain)?;
        chain.link(&content(ctx)?, true)?;
        Ok(chain.last.clone())
    })?;
    let line = Arc::clone(&state);
    conn.create_scalar_function("audit_line", 6, FunctionFlags::SQLITE_UTF8, move |ctx| {
        let mut chain = locked(&line)?;
        let stored = chain.open + 1 >= RUN;
        chain.link(&content(ctx)?, stored)?;
        Ok(if stored { chain.last.clone() } else { String::new() })
    })?;
    let sealed = Arc::clone(&state);
    conn.create_scalar_function("audit_seal", 0, FunctionFlags::SQLITE_UTF8, move |_| {
        Ok(locked(&sealed)?.seal.map(|s| s.to_vec()))
    })?;
    let epoch = Arc::clone(&state);
    conn.create_scalar_function("audit_epoch", 0, FunctionFlags::SQLITE_UTF8, move |_| {
        Ok(locked(&epoch)?.sealing.as_ref().map(|s| s.epoch))
    })?;
    let open = Arc::clone(&state);
    conn.create_scalar_function("audit_open", 0, FunctionFlags::SQLITE_UTF8, move |_| Ok(locked(&open)?.open))?;
    conn.create_scalar_function("audit_chain_start", 3, FunctionFlags::SQLITE_UTF8, move |ctx| {
        let mut chain = locked(&state)?;
        chain.last = ctx.get::<Option<String>>(0)?.unwrap_or_else(|| GENESIS.to_owned());
        chain.seal = None;
        chain.open = 0;
        chain.sealing = match (ctx.get::<Option<i64>>(1)?, ctx.get::<Option<Vec<u8>>>(2)?) {
            (Some(epoch), Some(key)) => {
                let key = key.try_into().map_err(|_| rusqlite::Error::UserFunctionError("a key is 32 bytes".into()))?;
                Some(Sealing { epoch, key })
            }
            _ => None,
        };
        Ok(None::<String>)
    })?;
    Ok(())
}

/// Starts the chain at the last entry's hash, sealing with `sealing`; every
/// write transaction does this first, as the trail may have grown since (or
/// a transaction rolled back). Returns the head it started from.
pub fn prime(db: &Db, sealing: Option<&Sealing>) -> Result<Option<(i64, String)>> {
    let start = head(db)?;
    if let Some(chain) = db.chain() {
        *chain.borrow_mut() = Some(Chain {
            seq: start.as_ref().map_or(0, |(seq, _)| *seq),
            last: start.as_ref().map_or_else(|| GENESIS.to_owned(), |(_, hash)| hash.clone()),
            sealing: sealing.cloned(),
            seal: None,
            open: 0,
        });
        return Ok(start);
    }
    db.prepare_cached("SELECT audit_chain_start(?1, ?2, ?3)")?.query_row(
        params![start.as_ref().map(|(_, hash)| hash), sealing.map(|s| s.epoch), sealing.map(|s| s.key.to_vec())],
        |_| Ok(()),
    )?;
    Ok(start)
}

/// Whether any entry is sealed (then a missing key file is an error, not a
/// trail from before sealing).
pub fn any_sealed(db: &Db) -> Result<bool> {
    db.query_row("SELECT EXISTS (SELECT 1 FROM audit WHERE seal IS NOT NULL)", params![], |r| r.get(0))
}

pub fn append(db: &Db, entry: &NewEntry) -> Result<i64> {
    insert(db, entry, "audit_chain")
}

/// Appends `entry` as a line of bulk work; a hashed entry must follow it
/// before the commit (`is_closed`).
pub fn append_line(db: &Db, entry: &NewEntry) -> Result<i64> {
    insert(db, entry, "audit_line")
}

fn insert(db: &Db, entry: &NewEntry, link: &str) -> Result<i64> {
    if db.chain().is_some() {
        let at = timestamp(entry.at);
        let details = entry.details.to_string();
        let content = Content {
            at: &at,
            actor: &entry.actor,
            action: &entry.action,
            target_id: entry.target_id,
            target: entry.target.as_deref(),
            details: &details,
        };
        return insert_linked(db, &content);
    }
    let mut stmt = db.prepare_cached(&format!(
        "INSERT INTO audit (at, actor, action, target_id, target, details, hash, epoch, seal)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, {link}(?1, ?2, ?3, ?4, ?5, ?6), audit_epoch(), audit_seal()) RETURNING seq"
    ))?;
    stmt.insert(params![
        timestamp(entry.at),
        entry.actor,
        entry.action,
        entry.target_id,
        entry.target,
        entry.details.to_string()
    ])
}

/// Whether the last entry written carries its hash, as the last of a
/// transaction must: the head is what witnesses record and seals cover.
pub fn is_closed(db: &Db) -> Result<bool> {
    if db.chain().is_some() {
        return Ok(true);
    }
    db.prepare_cached("SELECT audit_open() = 0")?.query_row(params![], |r| r.get(0))
}

/// Appends one line per row of `select`, which yields the columns `at`,
/// `actor`, `action`, `target_id`, `target` and `details` (text); the last
/// row's entry is stored whole. The outer select has no ORDER BY, so rows are
/// linked in the order they are inserted; its columns are computed left to
/// right, so each seal is its row's.
pub fn append_select(db: &Db, select: &str, values: impl Params) -> Result<u64> {
    if db.chain().is_some() {
        type Selected = (String, String, String, Option<i64>, Option<String>, String);
        let rows = format!(
            "SELECT CAST(at AS TEXT), CAST(actor AS TEXT), CAST(action AS TEXT), target_id, CAST(target AS TEXT),
                    CAST(details AS TEXT) FROM ({select}) s"
        );
        // Streamed, and sent a COPY at a time: an entry a user of a bulk change.
        let deferring = db.defer_inserts();
        let mut appended = 0;
        db.query_each(&rows, values, |r| {
            let (at, actor, action, target_id, target, details): Selected =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?);
            let content = Content {
                at: &at,
                actor: &actor,
                action: &action,
                target_id,
                target: target.as_deref(),
                details: &details,
            };
            insert_linked(db, &content)?;
            appended += 1;
            Ok(())
        })?;
        if !deferring {
            db.stop_deferring()?;
        }
        return Ok(appended);
    }
    let sql = format!(
        "INSERT INTO audit (at, actor, action, target_id, target, details, hash, epoch, seal)
         SELECT at, actor, action, target_id, target, details,
                CASE WHEN n = total THEN audit_chain(at, actor, action, target_id, target, details)
                     ELSE audit_line(at, actor, action, target_id, target, details) END,
                audit_epoch(), audit_seal()
         FROM (SELECT *, row_number() OVER () AS n, count(*) OVER () AS total FROM ({select}))"
    );
    Ok(db.execute(&sql, values)? as u64)
}

/// Appends `content` linked and sealed in Rust, its hash stored (on
/// PostgreSQL, which has no SQL functions of roster's).
fn insert_linked(db: &Db, content: &Content) -> Result<i64> {
    let chain = db.chain().ok_or_else(|| Error::Internal("the chain is computed in SQL here".into()))?;
    let mut chain = chain.borrow_mut();
    let chain =
        chain.as_mut().ok_or_else(|| Error::Internal("an audit entry outside a writer's transaction".into()))?;
    let hash = content.link(&chain.last)?;
    let sealed = chain.sealing.as_ref().map(|s| (s.epoch, seal(&s.key, s.epoch, &hash)));
    let seq = chain.seq + 1;
    db.execute(
        "INSERT INTO audit (seq, at, actor, action, target_id, target, details, hash, epoch, seal)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            seq,
            content.at,
            content.actor,
            content.action,
            content.target_id,
            content.target,
            content.details,
            hash,
            sealed.map(|(epoch, _)| epoch),
            sealed.as_ref().map(|(_, seal)| seal.to_vec())
        ],
    )?;
    (chain.seq, chain.last, chain.seal) = (seq, hash, sealed.map(|(_, seal)| seal));
    Ok(seq)
}

fn where_clause(db: &Db, filter: &AuditFilter) -> (String, Vec<Owned>) {
    let mut clauses: Vec<String> = Vec::new();
    let mut values: Vec<Owned> = Vec::new();
    match (filter.user_id, &filter.user) {
        (Some(id), _) => {
            let p = bind(&mut values, Owned::Int(id));
            clauses.push(format!("target_id = {p}"));
        }
        (None, Some(user)) => {
            let p = bind(&mut values, Owned::Text(user.clone()));
            clauses.push(db.equals_folded("target", &p));
        }
        (None, None) => {}
    }
    if let Some(target) = &filter.target {
        let p = bind(&mut values, Owned::Text(target.clone()));
        clauses.push(db.equals_folded("target", &p));
    }
    if let Some(actor) = &filter.actor {
        let p = bind(&mut values, Owned::Text(actor.clone()));
        clauses.push(format!("actor = {p} COLLATE NOCASE"));
    }
    if let Some(action) = &filter.action {
        // `user` matches `user.add`, `user.edit`, …
        let p = bind(&mut values, Owned::Text(action.clone()));
        clauses.push(format!("(action = {p} OR action LIKE {p} || '.%')"));
    }
    if let Some(since) = filter.since {
        let p = bind(&mut values, Owned::Text(timestamp(since)));
        clauses.push(format!("at >= {p}"));
    }
    if let Some(until) = filter.until {
        let p = bind(&mut values, Owned::Text(timestamp(until)));
        clauses.push(format!("at < {p}"));
    }
    let sql = if clauses.is_empty() { String::new() } else { format!("WHERE {}", clauses.join(" AND ")) };
    (sql, values)
}

const COLUMNS: &str = "seq, at, actor, action, target_id, target, details, hash, epoch, seal";

fn entry(r: &Row) -> Result<Entry> {
    let details: String = r.get(6)?;
    Ok(Entry {
        seq: r.get(0)?,
        at: parse_timestamp(&r.get::<String>(1)?)?,
        actor: r.get(2)?,
        action: r.get(3)?,
        target_id: r.get(4)?,
        target: r.get(5)?,
        details: serde_json::from_str(&details).unwrap_or_else(|_| serde_json::Value::String(details.clone())),
        hash: r.get(7)?,
        epoch: r.get(8)?,
        seal: r.get::<Option<Vec<u8>>>(9)?.map(|s| crate::model::types::hex(&s)),
        prev_hash: None,
        details_text: details.clone(),
    })
}

/// Entries matching the filter, newest first.
pub fn list(db: &Db, filter: &AuditFilter) -> Result<Vec<Entry>> {
    let (where_sql, mut values) = where_clause(db, filter);
    values.push(Owned::Int(filter.limit.map_or(i64::MAX, |l| i64::try_from(l).unwrap_or(i64::MAX))));
    let sql = format!("SELECT {COLUMNS} FROM audit {where_sql} ORDER BY seq DESC LIMIT ?{}", values.len());
    let mut runs = Runs::default();
    db.query_vec(&sql, bound(&values), |row| {
        let mut e = entry(row)?;
        if e.hash.is_empty() {
            e.hash = runs.line(db, e.seq)?.hash.clone();
        }
        Ok(e)
    })
}

/// The server's plan for `count`, for a test of which index it reads (in
/// an empty trail, a list would walk its order instead).
#[cfg(test)]
pub(super) fn explain_count(db: &Db, filter: &AuditFilter) -> Result<String> {
    let (where_sql, values) = where_clause(db, filter);
    let sql = format!("EXPLAIN SELECT count(*) FROM audit {where_sql}");
    Ok(db.query_vec(&sql, bound(&values), |r| r.get::<String>(0))?.join("\n"))
}

/// How many entries match.
pub fn count(db: &Db, filter: &AuditFilter) -> Result<u64> {
    let (where_sql, values) = where_clause(db, filter);
    db.query_row(&format!("SELECT count(*) FROM audit {where_sql}"), bound(&values), |r| r.get(0))
}

/// Streams matching entries oldest first, each with the hash of the entry
/// before it in the whole trail, so a range can be checked on its own.
pub fn for_each(db: &Db, filter: &AuditFilter, mut each: impl FnMut(Entry) -> Result<()>) -> Result<u64> {
    let (where_sql, values) = where_clause(db, filter);
    let sql = format!("SELECT {COLUMNS} FROM audit {where_sql} ORDER BY seq");
    let mut runs = Runs::default();
    // The entry before, when it was the one just streamed.
    let mut last: Option<(i64, String)> = None;
    let mut n = 0;
    db.query_each(&sql, bound(&values), |row| {
        let mut e = entry(row)?;
        match last.take() {
            Some((seq, hash)) if seq + 1 == e.seq && !e.hash.is_empty() => e.prev_hash = Some(hash),
            _ => {
                let line = runs.intact_line(db, e.seq)?;
                e.prev_hash = Some(line.prev.clone());
                if e.hash.is_empty() {
                    e.hash = line.hash.clone();
                }
            }
        }
        last = Some((e.seq, e.hash.clone()));
        each(e)?;
        n += 1;
        Ok(())
    })?;
    Ok(n)
}

/// An entry's place in the chain, recomputed.
struct Line {
    prev: String,
    hash: String,
}

/// The lines of the last run read, so that a list or export inside one run
/// links it once.
#[derive(Default)]
struct Runs {
    run: std::collections::HashMap<i64, Line>,
    /// Where the last run read did not link up to the stored hash after it
    /// (an entry in it was changed), if it did not.
    broken_at: Option<i64>,
}

impl Runs {
    /// The line at `seq`: the run around it is linked from the stored hash
    /// before it (fewer than `RUN` entries back) up to the next stored one.
    fn line(&mut self, db: &Db, seq: i64) -> Result<&Line> {
        if !self.run.contains_key(&seq) {
            self.run.clear();
            self.broken_at = None;
            let (start, mut prev) = db
                .prepare_cached("SELECT seq, hash FROM audit WHERE seq < ?1 AND hash <> '' ORDER BY seq DESC LIMIT 1")?
                .query_opt([seq], |r| Ok((r.get::<i64>(0)?, r.get::<String>(1)?)))?
                .unwrap_or((0, GENESIS.to_owned()));
            let (run, broken_at) = (&mut self.run, &mut self.broken_at);
            for_each_link_from(db, start + 1, |link| {
                let linked = link.content.link(&prev)?;
                let closes = !link.hash.is_empty() && link.seq >= seq;
                if closes && linked != link.hash {
                    *broken_at = Some(link.seq);
                }
                let hash = if link.hash.is_empty() { linked } else { link.hash.to_owned() };
                run.insert(link.seq, Line { prev: std::mem::replace(&mut prev, hash.clone()), hash });
                Ok(!closes)
            })?;
        }
        self.run.get(&seq).ok_or_else(|| Error::Internal(format!("audit entry {seq} is not in the trail")))
    }

    /// `line`, for an export: a line whose run does not link up to the
    /// stored hash after it is refused, because its recomputed hash would
    /// let the export verify without that entry.
    fn intact_line(&mut self, db: &Db, seq: i64) -> Result<&Line> {
        self.line(db, seq)?;
        if let Some(at) = self.broken_at {
            return Err(Error::Database {
                path: db.path().unwrap_or_default().to_owned(),
                problem: format!("the audit trail does not link up to entry {at}; `roster audit verify` shows where"),
            });
        }
        self.line(db, seq)
    }
}

/// The last entry's sequence number and hash, if any.
pub fn head(db: &Db) -> Result<Option<(i64, String)>> {
    db.prepare_cached("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")?
        .query_opt(params![], |r| Ok((r.get(0)?, r.get(1)?)))
}

/// An entry's number, hash, epoch and seal.
pub type Sealed = (i64, String, Option<i64>, Option<Vec<u8>>);

/// The last entry's number, hash, epoch and seal (the last entry of a
/// transaction always carries its hash).
pub fn last_seal(db: &Db) -> Result<Option<Sealed>> {
    db.prepare_cached("SELECT seq, hash, epoch, seal FROM audit ORDER BY seq DESC LIMIT 1")?
        .query_opt(params![], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
}

/// One stored link of the chain, borrowed from its row.
pub struct Link<'a> {
    pub seq: i64,
    pub content: Content<'a>,
    pub hash: &'a str,
    pub epoch: Option<i64>,
    pub seal: Option<&'a [u8]>,
}

/// Calls `each` with every entry, oldest first, until it returns false.
pub fn for_each_link(db: &Db, each: impl FnMut(&Link) -> Result<bool>) -> Result<()> {
    for_each_link_from(db, 1, each)
}

/// `for_each_link` from entry `first` on.
fn for_each_link_from(db: &Db, first: i64, mut each: impl FnMut(&Link) -> Result<bool>) -> Result<()> {
    // A backup is checked before it is migrated: one from before V9 has no
    // seals (a PostgreSQL schema always has them).
    let sealed = db.is_postgres()
        || db.query_row(
            "SELECT count(*) = 2 FROM pragma_table_info('audit') WHERE name IN ('epoch', 'seal')",
            params![],
            |r| r.get(0),
        )?;
    let seals = if sealed { "epoch, seal" } else { "NULL, NULL" };
    let sql = format!(
        "SELECT seq, at, actor, action, target_id, target, details, hash, {seals} FROM audit WHERE seq >= ?1 ORDER BY seq"
    );
    db.query_while(&sql, [first], |row| {
        // Borrowed, not copied: a million entries.
        let text = |i: usize| row.text(i)?.ok_or_else(|| Error::Internal(format!("audit column {i} is NULL")));
        let link = Link {
            seq: row.get(0)?,
            content: Content {
                at: text(1)?,
                actor: text(2)?,
                action: text(3)?,
                target_id: row.get(4)?,
                target: row.text(5)?,
                details: text(6)?,
            },
            hash: text(7)?,
            epoch: row.get(8)?,
            seal: row.blob(9)?,
        };
        each(&link)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Trails linked before the content was written in Rust must still verify.
    #[test]
    fn canonical_content_is_sqlites_json_array() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
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
                        rusqlite::params![
                            content.at,
                            content.actor,
                            content.action,
                            target_id,
                            target,
                            content.details
                        ],
                        |r| r.get(0),
                    )
                    .unwrap();
                assert_eq!(String::from_utf8(content.canonical().unwrap()).unwrap(), sqlite, "{text:?}");
            }
        }
    }
}

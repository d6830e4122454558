//! SQL for the organization row and its policies.

use rusqlite::{Connection, params};

use super::optional;
use crate::error::Result;

/// The organization row as stored; `seats` NULL is the enterprise plan.
pub struct OrgRow {
    pub name: String,
    pub seats: Option<u64>,
    pub mail_from: Option<String>,
    pub initialized_at: Option<String>,
}

pub fn get(conn: &Connection) -> Result<OrgRow> {
    Ok(conn.query_row("SELECT name, seats, mail_from, initialized_at FROM org WHERE id = 1", [], |r| {
        Ok(OrgRow { name: r.get(0)?, seats: r.get(1)?, mail_from: r.get(2)?, initialized_at: r.get(3)? })
    })?)
}

pub fn put(conn: &Connection, org: &OrgRow) -> Result<()> {
    conn.execute(
        "UPDATE org SET name = ?1, seats = ?2, mail_from = ?3, initialized_at = ?4 WHERE id = 1",
        params![org.name, org.seats, org.mail_from, org.initialized_at],
    )?;
    Ok(())
}

/// The policies that were set; the rest are at their defaults.
pub fn policies(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached("SELECT key, value FROM policies")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn policy(conn: &Connection, key: &str) -> Result<Option<String>> {
    optional(conn.query_row("SELECT value FROM policies WHERE key = ?1", [key], |r| r.get(0)))
}

pub fn set_policy(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO policies (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

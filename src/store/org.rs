//! SQL for the organization row and its policies.

use super::db::{Db, params};

use crate::error::Result;

/// The organization row as stored; `seats` NULL is the enterprise plan.
pub struct OrgRow {
    pub name: String,
    pub seats: Option<u64>,
    pub mail_from: Option<String>,
    pub initialized_at: Option<String>,
}

pub fn get(db: &Db) -> Result<OrgRow> {
    db.query_row("SELECT name, seats, mail_from, initialized_at FROM org WHERE id = 1", params![], |r| {
        Ok(OrgRow { name: r.get(0)?, seats: r.get(1)?, mail_from: r.get(2)?, initialized_at: r.get(3)? })
    })
}

pub fn put(db: &Db, org: &OrgRow) -> Result<()> {
    db.execute(
        "UPDATE org SET name = ?1, seats = ?2, mail_from = ?3, initialized_at = ?4 WHERE id = 1",
        params![org.name, org.seats, org.mail_from, org.initialized_at],
    )?;
    Ok(())
}

/// The policies that were set; the rest are at their defaults.
pub fn policies(db: &Db) -> Result<Vec<(String, String)>> {
    let mut stmt = db.prepare_cached("SELECT key, value FROM policies")?;
    let rows = stmt.query_map(params![], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect::<Result<_>>()
}

pub fn policy(db: &Db, key: &str) -> Result<Option<String>> {
    db.query_opt("SELECT value FROM policies WHERE key = ?1", [key], |r| r.get(0))
}

pub fn set_policy(db: &Db, key: &str, value: &str) -> Result<()> {
    db.execute(
        "INSERT INTO policies (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

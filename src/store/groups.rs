//! SQL for groups (teams) and their members.

use super::db::{Db, params};
use chrono::{DateTime, Utc};

use super::timestamp;
use crate::error::Result;

#[derive(Debug, Clone)]
pub struct GroupRow {
    pub id: i64,
    pub name: String,
    pub description: String,
}

pub fn find(db: &Db, name: &str) -> Result<Option<GroupRow>> {
    let mut stmt = db.prepare_cached("SELECT id, name, description FROM groups WHERE name = ?1")?;
    stmt.query_opt([name.trim()], |r| Ok(GroupRow { id: r.get(0)?, name: r.get(1)?, description: r.get(2)? }))
}

/// Every group with its member count.
pub fn list(db: &Db) -> Result<Vec<(GroupRow, u64)>> {
    let mut stmt = db.prepare(
        "SELECT id, name, description, (SELECT count(*) FROM user_groups ug WHERE ug.group_id = groups.id)
         FROM groups ORDER BY name",
    )?;
    let rows = stmt.query_map(params![], |r| {
        Ok((GroupRow { id: r.get(0)?, name: r.get(1)?, description: r.get(2)? }, r.get(3)?))
    })?;
    rows.collect::<Result<_>>()
}

pub fn create(db: &Db, name: &str, description: &str, now: DateTime<Utc>) -> Result<i64> {
    db.insert(
        "INSERT INTO groups (name, description, created_at) VALUES (?1, ?2, ?3) RETURNING id",
        params![name, description, timestamp(now)],
    )
}

pub fn delete(db: &Db, group_id: i64) -> Result<()> {
    db.execute("DELETE FROM groups WHERE id = ?1", [group_id])?;
    Ok(())
}

pub fn add_member(db: &Db, group_id: i64, user_id: i64) -> Result<bool> {
    let mut stmt = db.prepare_cached("INSERT OR IGNORE INTO user_groups (user_id, group_id) VALUES (?1, ?2)")?;
    Ok(stmt.execute(params![user_id, group_id])? > 0)
}

pub fn remove_member(db: &Db, group_id: i64, user_id: i64) -> Result<bool> {
    let mut stmt = db.prepare_cached("DELETE FROM user_groups WHERE user_id = ?1 AND group_id = ?2")?;
    Ok(stmt.execute(params![user_id, group_id])? > 0)
}

pub fn member_count(db: &Db, group_id: i64) -> Result<u64> {
    let mut stmt = db.prepare_cached("SELECT count(*) FROM user_groups WHERE group_id = ?1")?;
    stmt.query_row([group_id], |r| r.get(0))
}

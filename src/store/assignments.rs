//! SQL for assignments (open items users own) and absences.

use super::db::{Db, Row, params};
use chrono::{DateTime, NaiveDate, Utc};

use super::{parse_timestamp, timestamp};
use crate::error::{Error, Result};

#[derive(Debug, Clone)]
pub struct AssignmentRow {
    pub id: i64,
    /// The owner: a user's email, or `None` for a group's item.
    pub email: Option<String>,
    pub group: Option<String>,
    pub kind: String,
    pub reference: String,
    pub open: bool,
    pub created_at: DateTime<Utc>,
}

const COLUMNS: &str = "a.id, u.email, g.name, a.kind, a.ref, a.status = 'open', a.created_at";

/// Assignments with their owner, a user or a group.
const OWNED: &str = "assignments a LEFT JOIN users u ON u.id = a.user_id LEFT JOIN groups g ON g.id = a.group_id";

fn from_row(r: &Row) -> Result<AssignmentRow> {
    Ok(AssignmentRow {
        id: r.get(0)?,
        email: r.get(1)?,
        group: r.get(2)?,
        kind: r.get(3)?,
        reference: r.get(4)?,
        open: r.get(5)?,
        created_at: parse_timestamp(&r.get::<String>(6)?)?,
    })
}

/// Who owns a new item.
#[derive(Debug, Clone, Copy)]
pub enum Owner {
    User(i64),
    Group(i64),
}

pub fn insert(db: &Db, owner: Owner, kind: &str, reference: &str, now: DateTime<Utc>) -> Result<i64> {
    let (user_id, group_id) = match owner {
        Owner::User(id) => (Some(id), None),
        Owner::Group(id) => (None, Some(id)),
    };
    db.insert(
        "INSERT INTO assignments (user_id, group_id, kind, ref, created_at) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
        params![user_id, group_id, kind, reference, timestamp(now)],
    )
}

/// A group's member as routing weighs them.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub email: String,
    pub status: String,
    pub absent: bool,
    pub open_items: u64,
}

/// A group's members, by email, with what routing weighs on `day`.
pub fn members_for_routing(db: &Db, group_id: i64, day: NaiveDate) -> Result<Vec<Candidate>> {
    let mut stmt = db.prepare(
        "SELECT u.email, u.status,
                EXISTS (SELECT 1 FROM absences x WHERE x.user_id = u.id AND x.starts_on <= ?2 AND x.ends_on >= ?2),
                (SELECT count(*) FROM assignments a WHERE a.user_id = u.id AND a.status = 'open')
         FROM user_groups ug JOIN users u ON u.id = ug.user_id WHERE ug.group_id = ?1 ORDER BY u.email",
    )?;
    let rows = stmt.query_map(params![group_id, day.to_string()], |r| {
        Ok(Candidate { email: r.get(0)?, status: r.get(1)?, absent: r.get(2)?, open_items: r.get(3)? })
    })?;
    rows.collect::<Result<_>>()
}

/// How many open items a group owns.
pub fn open_of_group(db: &Db, group_id: i64) -> Result<u64> {
    db.query_row("SELECT count(*) FROM assignments WHERE group_id = ?1 AND status = 'open'", [group_id], |r| r.get(0))
}

/// Moves a group's open items to a user.
pub fn reassign_from_group(db: &Db, group_id: i64, to: i64) -> Result<u64> {
    Ok(db.execute(
        "UPDATE assignments SET user_id = ?2, group_id = NULL WHERE group_id = ?1 AND status = 'open'",
        params![group_id, to],
    )? as u64)
}

pub fn find_open(db: &Db, kind: &str, reference: &str) -> Result<Option<AssignmentRow>> {
    let sql = format!("SELECT {COLUMNS} FROM {OWNED} WHERE a.kind = ?1 AND a.ref = ?2 AND a.status = 'open'");
    db.query_opt(&sql, params![kind, reference], from_row)
}

pub fn get(db: &Db, id: i64) -> Result<Option<AssignmentRow>> {
    let sql = format!("SELECT {COLUMNS} FROM {OWNED} WHERE a.id = ?1");
    db.query_opt(&sql, [id], from_row)
}

/// Open assignments, of one user, one group or everyone; closed ones too with `all`.
pub fn list(db: &Db, user_id: Option<i64>, group_id: Option<i64>, all: bool) -> Result<Vec<AssignmentRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM {OWNED}
         WHERE (CAST(?1 AS BIGINT) IS NULL OR a.user_id = ?1) AND (CAST(?2 AS BIGINT) IS NULL OR a.group_id = ?2)
           AND (CAST(?3 AS BIGINT) <> 0 OR a.status = 'open')
         ORDER BY u.email IS NULL, u.email, g.name, a.id"
    );
    let mut stmt = db.prepare(&sql)?;
    let rows = stmt.query_map(params![user_id, group_id, all], from_row)?;
    rows.collect::<Result<_>>()
}

pub fn close(db: &Db, id: i64, now: DateTime<Utc>) -> Result<()> {
    db.execute("UPDATE assignments SET status = 'closed', closed_at = ?2 WHERE id = ?1", params![id, timestamp(now)])?;
    Ok(())
}

/// Open assignments of the users in `targets`, up to `limit`.
pub fn open_of_targets(db: &Db, limit: u64) -> Result<(u64, Vec<AssignmentRow>)> {
    let count = db.query_row(
        "SELECT count(*) FROM assignments WHERE status = 'open' AND user_id IN (SELECT id FROM targets)",
        params![],
        |r| r.get(0),
    )?;
    let sql = format!(
        "SELECT {COLUMNS} FROM {OWNED}
         WHERE a.status = 'open' AND a.user_id IN (SELECT id FROM targets) ORDER BY u.email_key, a.id LIMIT ?1"
    );
    let mut stmt = db.prepare(&sql)?;
    let rows = stmt.query_map([limit], from_row)?;
    Ok((count, rows.collect::<Result<_>>()?))
}

/// Moves the open assignments of the targets to another user.
pub fn reassign_from_targets(db: &Db, to: i64) -> Result<u64> {
    Ok(db.execute(
        "UPDATE assignments SET user_id = ?1 WHERE status = 'open' AND user_id IN (SELECT id FROM targets)",
        [to],
    )? as u64)
}

#[derive(Debug, Clone)]
pub struct AbsenceRow {
    pub id: i64,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

fn date(s: String) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| Error::Internal(format!("stored date {s}: {e}")))
}

pub fn add_absence(db: &Db, user_id: i64, from: NaiveDate, to: NaiveDate) -> Result<i64> {
    db.insert(
        "INSERT INTO absences (user_id, starts_on, ends_on) VALUES (?1, ?2, ?3) RETURNING id",
        params![user_id, from.to_string(), to.to_string()],
    )
}

pub fn absences(db: &Db, user_id: i64) -> Result<Vec<AbsenceRow>> {
    let mut stmt =
        db.prepare("SELECT id, starts_on, ends_on FROM absences WHERE user_id = ?1 ORDER BY starts_on, id")?;
    let rows = stmt.query_map([user_id], |r| {
        Ok(AbsenceRow { id: r.get(0)?, starts_on: date(r.get(1)?)?, ends_on: date(r.get(2)?)? })
    })?;
    rows.collect::<Result<_>>()
}

pub fn remove_absence(db: &Db, user_id: i64, id: i64) -> Result<Option<AbsenceRow>> {
    let found = db.query_opt(
        "SELECT id, starts_on, ends_on FROM absences WHERE user_id = ?1 AND id = ?2",
        params![user_id, id],
        |r| Ok(AbsenceRow { id: r.get(0)?, starts_on: date(r.get(1)?)?, ends_on: date(r.get(2)?)? }),
    )?;
    if found.is_some() {
        db.execute("DELETE FROM absences WHERE id = ?1", [id])?;
    }
    Ok(found)
}

pub fn is_absent(db: &Db, user_id: i64, day: NaiveDate) -> Result<bool> {
    db.query_row(
        "SELECT EXISTS (SELECT 1 FROM absences WHERE user_id = ?1 AND starts_on <= ?2 AND ends_on >= ?2)",
        params![user_id, day.to_string()],
        |r| r.get(0),
    )
}

//! SQL for assignments (open items users own) and absences.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, Row, params};

use super::{optional, parse_timestamp, timestamp};
use crate::error::Result;

#[derive(Debug, Clone)]
pub struct AssignmentRow {
    pub id: i64,
    pub email: String,
    pub kind: String,
    pub reference: String,
    pub open: bool,
    pub created_at: DateTime<Utc>,
}

const COLUMNS: &str = "a.id, u.email, a.kind, a.ref, a.status = 'open', a.created_at";

fn from_row(r: &Row) -> rusqlite::Result<AssignmentRow> {
    Ok(AssignmentRow {
        id: r.get(0)?,
        email: r.get(1)?,
        kind: r.get(2)?,
        reference: r.get(3)?,
        open: r.get(4)?,
        created_at: parse_timestamp(&r.get::<_, String>(5)?)?,
    })
}

pub fn insert(conn: &Connection, user_id: i64, kind: &str, reference: &str, now: DateTime<Utc>) -> Result<i64> {
    conn.execute(
        "INSERT INTO assignments (user_id, kind, ref, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![user_id, kind, reference, timestamp(now)],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn find_open(conn: &Connection, kind: &str, reference: &str) -> Result<Option<AssignmentRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM assignments a JOIN users u ON u.id = a.user_id
         WHERE a.kind = ?1 AND a.ref = ?2 AND a.status = 'open'"
    );
    optional(conn.query_row(&sql, params![kind, reference], from_row))
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<AssignmentRow>> {
    let sql = format!("SELECT {COLUMNS} FROM assignments a JOIN users u ON u.id = a.user_id WHERE a.id = ?1");
    optional(conn.query_row(&sql, [id], from_row))
}

/// Open assignments, of one user or of everyone; closed ones too with `all`.
pub fn list(conn: &Connection, user_id: Option<i64>, all: bool) -> Result<Vec<AssignmentRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM assignments a JOIN users u ON u.id = a.user_id
         WHERE (?1 IS NULL OR a.user_id = ?1) AND (?2 OR a.status = 'open') ORDER BY u.email, a.id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![user_id, all], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn close(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<()> {
    conn.execute(
        "UPDATE assignments SET status = 'closed', closed_at = ?2 WHERE id = ?1",
        params![id, timestamp(now)],
    )?;
    Ok(())
}

/// Open assignments of the users in `temp.targets`, up to `limit`.
pub fn open_of_targets(conn: &Connection, limit: u64) -> Result<(u64, Vec<AssignmentRow>)> {
    let count = conn.query_row(
        "SELECT count(*) FROM assignments WHERE status = 'open' AND user_id IN (SELECT id FROM temp.targets)",
        [],
        |r| r.get(0),
    )?;
    let sql = format!(
        "SELECT {COLUMNS} FROM assignments a JOIN users u ON u.id = a.user_id
         WHERE a.status = 'open' AND a.user_id IN (SELECT id FROM temp.targets) ORDER BY u.email, a.id LIMIT ?1"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([limit], from_row)?;
    Ok((count, rows.collect::<rusqlite::Result<_>>()?))
}

/// Moves the open assignments of the targets to another user.
pub fn reassign_from_targets(conn: &Connection, to: i64) -> Result<u64> {
    Ok(conn.execute(
        "UPDATE assignments SET user_id = ?1 WHERE status = 'open' AND user_id IN (SELECT id FROM temp.targets)",
        [to],
    )? as u64)
}

#[derive(Debug, Clone)]
pub struct AbsenceRow {
    pub id: i64,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

fn date(s: String) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(&s, "%Y-%m-%d")
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

pub fn add_absence(conn: &Connection, user_id: i64, from: NaiveDate, to: NaiveDate) -> Result<i64> {
    conn.execute(
        "INSERT INTO absences (user_id, starts_on, ends_on) VALUES (?1, ?2, ?3)",
        params![user_id, from.to_string(), to.to_string()],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn absences(conn: &Connection, user_id: i64) -> Result<Vec<AbsenceRow>> {
    let mut stmt =
        conn.prepare("SELECT id, starts_on, ends_on FROM absences WHERE user_id = ?1 ORDER BY starts_on, id")?;
    let rows = stmt.query_map([user_id], |r| {
        Ok(AbsenceRow { id: r.get(0)?, starts_on: date(r.get(1)?)?, ends_on: date(r.get(2)?)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn remove_absence(conn: &Connection, user_id: i64, id: i64) -> Result<Option<AbsenceRow>> {
    let found = optional(conn.query_row(
        "SELECT id, starts_on, ends_on FROM absences WHERE user_id = ?1 AND id = ?2",
        params![user_id, id],
        |r| Ok(AbsenceRow { id: r.get(0)?, starts_on: date(r.get(1)?)?, ends_on: date(r.get(2)?)? }),
    ))?;
    if found.is_some() {
        conn.execute("DELETE FROM absences WHERE id = ?1", [id])?;
    }
    Ok(found)
}

pub fn is_absent(conn: &Connection, user_id: i64, day: NaiveDate) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM absences WHERE user_id = ?1 AND starts_on <= ?2 AND ends_on >= ?2)",
        params![user_id, day.to_string()],
        |r| r.get(0),
    )?)
}

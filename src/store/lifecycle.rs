//! Set-based SQL for state changes over many users at once: the targets are
//! gathered in a temporary table, then audit entries and the change itself
//! are one statement each, whether one user or a hundred thousand.

use super::db::{Db, Owned, bound, params};

use super::timestamp;
use crate::error::{Error, Result};
use crate::model::user::{BlockReason, Status, UserFilter};
use chrono::{DateTime, Utc};

/// Empties (creating if needed) the target table of this connection.
pub fn clear_targets(db: &Db) -> Result<()> {
    db.execute_batch("CREATE TEMP TABLE IF NOT EXISTS targets (id INTEGER PRIMARY KEY); DELETE FROM targets;")?;
    Ok(())
}

pub fn add_target(db: &Db, id: i64) -> Result<()> {
    db.prepare_cached("INSERT OR IGNORE INTO targets (id) VALUES (?1)")?.execute([id])?;
    Ok(())
}

/// Adds every user matching `filter` whose status is one of `from`.
pub fn add_filtered_targets(db: &Db, filter: &UserFilter, from: &[Status]) -> Result<u64> {
    let (where_sql, mut values) = super::users::filter_sql(db, filter)?;
    let marks: Vec<String> =
        from.iter().map(|s| super::db::bind(&mut values, Owned::Text(s.as_str().to_owned()))).collect();
    let joiner = if where_sql.is_empty() { "WHERE" } else { "AND" };
    let sql = format!(
        "INSERT OR IGNORE INTO targets (id) SELECT u.id FROM users u {where_sql} {joiner} u.status IN ({})",
        marks.join(", ")
    );
    Ok(db.execute(&sql, bound(&values))? as u64)
}

pub fn remove_target(db: &Db, id: i64) -> Result<()> {
    db.execute("DELETE FROM targets WHERE id = ?1", [id])?;
    Ok(())
}

pub fn target_count(db: &Db) -> Result<u64> {
    db.query_row("SELECT count(*) FROM targets", params![], |r| r.get(0))
}

pub fn is_target(db: &Db, id: i64) -> Result<bool> {
    db.query_row("SELECT EXISTS (SELECT 1 FROM targets WHERE id = ?1)", [id], |r| r.get(0))
}

/// Up to `limit` target emails, for messages; by the mailbox key, which
/// orders much as the address does without case and, unlike it, is plain text
/// on the server (a sort of 100,000 citext addresses took 0.4 s).
pub fn target_emails(db: &Db, limit: u64) -> Result<Vec<String>> {
    let mut stmt =
        db.prepare("SELECT u.email FROM targets t JOIN users u ON u.id = t.id ORDER BY u.email_key LIMIT ?1")?;
    let rows = stmt.query_map([limit], |r| r.get(0))?;
    rows.collect::<Result<_>>()
}

/// The first `limit` targets by email (its key, as `target_emails`), as (name, surname, email).
pub fn target_people(db: &Db, limit: u64) -> Result<Vec<(String, String, String)>> {
    let mut stmt = db.prepare(
        "SELECT u.name, u.surname, u.email FROM targets t JOIN users u ON u.id = t.id ORDER BY u.email_key LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    rows.collect::<Result<_>>()
}

/// One audit entry per target: `{"status": {"old": …, "new": …}}` plus the reason.
pub fn audit_status_change(
    db: &Db,
    at: DateTime<Utc>,
    actor: &str,
    action: &str,
    new: &str,
    note: Option<&str>,
) -> Result<u64> {
    super::audit::append_select(
        db,
        "SELECT ?1 AS at, ?2 AS actor, ?3 AS action, u.id AS target_id, u.email AS target,
                CASE WHEN CAST(?5 AS TEXT) IS NULL
                     THEN json_object('status', json_object('old', u.status, 'new', CAST(?4 AS TEXT)))
                     ELSE json_object('status', json_object('old', u.status, 'new', CAST(?4 AS TEXT)),
                                      'reason', CAST(?5 AS TEXT)) END
                AS details
         FROM targets t JOIN users u ON u.id = t.id ORDER BY t.id",
        params![timestamp(at), actor, action, new, note],
    )
}

/// What a move writes on each target: decided by the transition table
/// (`users::lifecycle`), stored here.
pub struct StatusWrite<'a> {
    pub status: Status,
    pub block_reason: Option<BlockReason>,
    pub note: Option<&'a str>,
    pub reset_failed_logins: bool,
    /// Restart the dormancy clock (`last_seen_at`).
    pub restart_clock: bool,
    /// Record the activation time (leaving `invited`).
    pub activate: bool,
    pub end_sessions: bool,
}

/// Writes `change` on every target; returns how many. Only the columns the
/// move changes are in the SET list: each one listed costs its indexes a
/// write a row even when the value stays.
pub fn set_status(db: &Db, change: &StatusWrite, now: DateTime<Utc>) -> Result<u64> {
    let now = timestamp(now);
    let mut sets = vec!["status = ?1", "block_reason = ?2", "block_note = ?3", "updated_at = ?4"];
    if change.reset_failed_logins {
        sets.push("failed_logins = 0");
    }
    if change.restart_clock {
        sets.push("last_seen_at = ?4");
    }
    if change.activate {
        sets.push("activated_at = ?4");
    }
    let n = db.execute(
        &format!("UPDATE users SET {} WHERE id IN (SELECT id FROM targets)", sets.join(", ")),
        params![change.status.as_str(), change.block_reason.map(BlockReason::as_str), change.note, now],
    )?;
    if change.end_sessions {
        end_target_sessions(db, &now)?;
    }
    Ok(n as u64)
}

fn end_target_sessions(db: &Db, now: &str) -> Result<()> {
    db.execute(
        "UPDATE sessions SET ended_at = ?1 WHERE ended_at IS NULL AND user_id IN (SELECT id FROM targets)",
        [now],
    )?;
    Ok(())
}

/// How the open invites of the targets end, as the transition table says.
pub struct InviteEnd<'a> {
    /// `accepted`, `confirmed`, `revoked` or `expired`.
    pub status: &'a str,
    pub keep_token: bool,
    /// Stamp `accepted_at`.
    pub accepted: bool,
    /// Let go of the user (who is being removed).
    pub forget_user: bool,
}

/// Ends the open invites of the targets, first cancelling their queued
/// mails; returns how many. Only the columns that change are written: a
/// column in the SET list costs an index write a row even when unchanged.
pub fn close_target_invites(db: &Db, end: &InviteEnd, now: DateTime<Utc>) -> Result<u64> {
    let open = super::invites::OPEN;
    db.execute(
        &format!(
            "UPDATE mail SET status = 'failed', last_error = 'the invite ended', body_text = NULL, body_html = NULL
             WHERE status = 'queued' AND kind = 'invite' AND to_addr IN
                (SELECT email FROM invites WHERE {open} AND user_id IN (SELECT id FROM targets))"
        ),
        params![],
    )?;
    let mut sets = vec!["status = ?1"];
    if !end.keep_token {
        sets.push("token_hash = NULL");
    }
    if end.accepted {
        sets.push("accepted_at = ?2");
    }
    if end.forget_user {
        sets.push("user_id = NULL");
    }
    let sql = format!("UPDATE invites SET {} WHERE {open} AND user_id IN (SELECT id FROM targets)", sets.join(", "));
    let n = if end.accepted {
        db.execute(&sql, params![end.status, timestamp(now)])?
    } else {
        db.execute(&sql, [end.status])?
    };
    Ok(n as u64)
}

/// A snapshot of each target as it was, in the audit trail, before a delete.
pub fn audit_deletion(db: &Db, at: DateTime<Utc>, actor: &str) -> Result<u64> {
    super::audit::append_select(
        db,
        "SELECT ?1 AS at, ?2 AS actor, 'user.delete' AS action, u.id AS target_id, u.email AS target,
                json_object('email', u.email, 'name', u.name, 'surname', u.surname, 'status', u.status,
                            'roles', json((SELECT json_group_array(r.name) FROM user_roles ur
                                           JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = u.id)))
                AS details
         FROM targets t JOIN users u ON u.id = t.id ORDER BY t.id",
        params![timestamp(at), actor],
    )
}

/// Deletes the target users and first, one statement a table, every row that
/// refers to them: what `ON DELETE CASCADE` and `SET NULL` would do a row at a
/// time (nine child tables made that 2.7 s of 3.4 s for 100,000 users). The
/// child tables are read from the schema, so a new one is never missed; with
/// foreign keys off (`Roster::write_deleting_many`) this is the only cascade.
pub fn delete_targets(db: &Db) -> Result<u64> {
    if db.is_postgres() {
        // The server cascades set-based, and its trigger counts.
        return Ok(db.execute("DELETE FROM users WHERE id IN (SELECT id FROM targets)", params![])? as u64);
    }
    let mut stmt = db.prepare_cached(
        "SELECT m.name, f.\"from\", f.on_delete FROM sqlite_schema m, pragma_foreign_key_list(m.name) f
         WHERE m.type = 'table' AND f.\"table\" = 'users'",
    )?;
    let children: Vec<(String, String, String)> =
        stmt.query_map(params![], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<_>>()?;
    for (table, column, action) in children {
        let targets = format!("\"{column}\" IN (SELECT id FROM targets)");
        let sql = match action.as_str() {
            "CASCADE" => format!("DELETE FROM \"{table}\" WHERE {targets}"),
            "SET NULL" => format!("UPDATE \"{table}\" SET \"{column}\" = NULL WHERE {targets}"),
            other => {
                return Err(Error::Internal(format!("{table}.{column} refers to users ON DELETE {other}")));
            }
        };
        db.execute(&sql, params![])?;
    }
    delete_target_users(db)
}

/// The status counts go down once a status, counted from what the `DELETE`
/// returns, not by a trigger a row (a quarter of deleting 100,000 users);
/// the trigger is back before the transaction ends.
fn delete_target_users(db: &Db) -> Result<u64> {
    let trigger: String = db.query_row(
        "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'users_counted_on_delete'",
        params![],
        |r| r.get(0),
    )?;
    db.execute_batch("DROP TRIGGER users_counted_on_delete")?;
    let mut gone: Vec<(String, u64)> = Vec::new();
    db.query_each("DELETE FROM users WHERE id IN (SELECT id FROM targets) RETURNING status", params![], |row| {
        let status = row.text(0)?.unwrap_or_default();
        match gone.iter_mut().find(|(s, _)| s == status) {
            Some((_, n)) => *n += 1,
            None => gone.push((status.to_owned(), 1)),
        }
        Ok(())
    })?;
    let mut count_down = db.prepare("UPDATE status_counts SET users = users - ?2 WHERE status = ?1")?;
    for (status, n) in &gone {
        count_down.execute(params![status, n])?;
    }
    db.execute_batch(&trigger)?;
    Ok(gone.iter().map(|(_, n)| n).sum())
}

/// Adds every active user whose dormancy clock (`last_seen_at`) is before
/// `cutoff`, leaving out members of the exempt group.
pub fn add_dormant_targets(db: &Db, cutoff: DateTime<Utc>, exempt_group: Option<&str>) -> Result<u64> {
    let n = db.execute(
        "INSERT OR IGNORE INTO targets (id)
         SELECT u.id FROM users u INDEXED BY users_last_seen
         WHERE u.status = 'active' AND u.last_seen_at < ?1
           AND NOT EXISTS (SELECT 1 FROM user_groups ug JOIN groups g ON g.id = ug.group_id
                           WHERE ug.user_id = u.id AND g.name = ?2)",
        params![timestamp(cutoff), exempt_group],
    )?;
    Ok(n as u64)
}

/// Each (ability, scope as stored) some target holds: by a role with
/// every ability, by a role that gives it, or directly (for everyone).
pub fn target_grants(db: &Db) -> Result<Vec<(String, Option<String>)>> {
    let mut stmt = db.prepare(
        "WITH held AS (SELECT DISTINCT ur.role_id, ur.scope FROM targets t JOIN user_roles ur ON ur.user_id = t.id)
         SELECT a.name, held.scope FROM held JOIN roles r ON r.id = held.role_id AND r.all_abilities = 1
             CROSS JOIN abilities a
         UNION SELECT ra.ability, held.scope FROM held JOIN role_abilities ra ON ra.role_id = held.role_id
         UNION SELECT ua.ability, NULL FROM targets t JOIN user_abilities ua ON ua.user_id = t.id",
    )?;
    let rows = stmt.query_map(params![], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect::<Result<_>>()
}

/// The email of a target that holds `ability`, for the refusal.
pub fn first_target_holding(db: &Db, ability: &str) -> Result<Option<String>> {
    db.query_opt(
        "SELECT u.email FROM targets t JOIN users u ON u.id = t.id
         WHERE EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id
                       LEFT JOIN role_abilities ra ON ra.role_id = r.id
                       WHERE ur.user_id = t.id AND (r.all_abilities = 1 OR ra.ability = ?1))
            OR EXISTS (SELECT 1 FROM user_abilities ua WHERE ua.user_id = t.id AND ua.ability = ?1)
         ORDER BY u.email_key LIMIT 1",
        [ability],
        |r| r.get(0),
    )
}

/// Takes out the targets that own open assignments.
pub fn remove_targets_with_open_assignments(db: &Db) -> Result<u64> {
    Ok(db
        .execute("DELETE FROM targets WHERE id IN (SELECT user_id FROM assignments WHERE status = 'open')", params![])?
        as u64)
}

/// How many active admins (for everyone) are not among the targets.
pub fn active_admins_outside_targets(db: &Db) -> Result<u64> {
    let sql = format!("SELECT count(*) FROM {} AND u.id NOT IN (SELECT id FROM targets)", super::roles::ACTIVE_ADMINS);
    db.query_row(&sql, [super::roles::ADMIN_ROLE_ID], |r| r.get(0))
}

/// The active admin (for everyone) among the targets seen most recently, if any.
pub fn latest_seen_admin_target(db: &Db) -> Result<Option<i64>> {
    db.query_opt(
        "SELECT u.id FROM targets t JOIN users u ON u.id = t.id
         JOIN user_roles ur ON ur.user_id = u.id AND ur.role_id = ?1 AND ur.scope IS NULL
         WHERE u.status = 'active' ORDER BY u.last_seen_at DESC, u.id DESC LIMIT 1",
        [super::roles::ADMIN_ROLE_ID],
        |r| r.get(0),
    )
}

/// The status of one user, for a door that moves one user at a time.
pub fn status_of(db: &Db, id: i64) -> Result<Option<(Status, Option<BlockReason>)>> {
    let row: Option<(String, Option<String>)> = db
        .prepare_cached("SELECT status, block_reason FROM users WHERE id = ?1")?
        .query_opt([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    row.map(|(status, reason)| Ok((status.parse()?, reason.as_deref().and_then(BlockReason::parse)))).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Auditing a move of one user among thousands reads that user, not all
    /// of them (ordered by the users' id, SQLite chose to walk `users`).
    #[test]
    fn auditing_one_target_reads_one_user() {
        let mut conn = super::super::open_in_memory();
        conn.execute_batch(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
             INSERT INTO users (id, email, email_key, name, surname, created_at, updated_at, last_seen_at)
             SELECT i, 'u' || i || '@example.test', 'u' || i || '@example.test', 'N', 'S', 't', 't', 't' FROM n;",
        )
        .unwrap();
        use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
        let (counting, steps) = (std::sync::Arc::new(AtomicBool::new(false)), std::sync::Arc::new(AtomicU64::new(0)));
        let (on, counted) = (counting.clone(), steps.clone());
        conn.progress_handler(
            100,
            Some(move || {
                if on.load(Ordering::Relaxed) {
                    counted.fetch_add(1, Ordering::Relaxed);
                }
                false
            }),
        )
        .unwrap();
        let db = super::super::db::Db::of(&conn);
        super::super::audit::prime(&db, None).unwrap();
        clear_targets(&db).unwrap();
        add_target(&db, 2500).unwrap();
        counting.store(true, Ordering::Relaxed);
        audit_status_change(&db, chrono::Utc::now(), "test", "user.block", "blocked", None).unwrap();
        audit_deletion(&db, chrono::Utc::now(), "test").unwrap();
        counting.store(false, Ordering::Relaxed);
        // A walk of 5,000 users is over 500 calls; one user, a few.
        let steps = steps.load(Ordering::Relaxed);
        assert!(steps < 50, "{steps} hundred instructions for one target");
    }

    /// Counting the admins reads the admins' grants, not every active user.
    #[test]
    fn the_admins_are_counted_from_their_grants() {
        let conn = super::super::open_in_memory();
        let db = super::super::db::Db::of(&conn);
        clear_targets(&db).unwrap();
        for from in ["", " AND u.id NOT IN (SELECT id FROM targets)"] {
            let sql = format!("EXPLAIN QUERY PLAN SELECT count(*) FROM {}{from}", super::super::roles::ACTIVE_ADMINS);
            let first: String = db.query_row(&sql, [1], |r| r.get(3)).unwrap();
            assert!(first.contains("user_roles_role"), "{first}");
        }
    }

    /// A user with a row in every table that refers to users, deleted with
    /// foreign keys off: nothing may be left pointing at it.
    #[test]
    fn deleting_targets_cascades_into_every_child_table() {
        let conn = super::super::open_in_memory();
        let db = super::super::db::Db::of(&conn);
        db.execute_batch(
            "PRAGMA foreign_keys = OFF;
             INSERT INTO users (id, email, email_key, name, surname, created_at, updated_at, last_seen_at) VALUES
                 (7, 'gone@example.test', 'gone@example.test', 'Gone', 'User', 't', 't', 't'),
                 (8, 'kept@example.test', 'kept@example.test', 'Kept', 'User', 't', 't', 't');
             INSERT INTO groups (id, name, created_at) VALUES (1, 'g', 't');
             INSERT INTO user_roles (user_id, role_id) VALUES (7, 3), (8, 3);
             INSERT INTO user_abilities VALUES (7, 'users.read');
             INSERT INTO user_groups VALUES (7, 1);
             INSERT INTO user_brands VALUES (7, 'acme');
             INSERT INTO assignments (user_id, kind, ref, created_at) VALUES (7, 'task', 'T-1', 't');
             INSERT INTO absences (user_id, starts_on, ends_on) VALUES (7, '2026-01-01', '2026-01-02');
             INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ('s', 7, 't', 't');
             INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES ('p', 7, 't', 't');
             INSERT INTO invites (user_id, email, roles, status, created_by, created_at, last_sent_at, expires_at)
                 VALUES (7, 'gone@example.test', 'member', 'sent', 'x', 't', 't', 't');",
        )
        .unwrap();
        let children: i64 = db
            .query_row(
                "SELECT count(*) FROM sqlite_schema m, pragma_foreign_key_list(m.name) f
                 WHERE m.type = 'table' AND f.\"table\" = 'users'",
                params![],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(children, 9, "a new table refers to users: give it a row above");
        clear_targets(&db).unwrap();
        add_target(&db, 7).unwrap();
        assert_eq!(delete_targets(&db).unwrap(), 1);
        let orphans: i64 =
            db.query_row("SELECT count(*) FROM pragma_foreign_key_check", params![], |r| r.get(0)).unwrap();
        assert_eq!(orphans, 0);
        let invite: Option<i64> = db.query_row("SELECT user_id FROM invites", params![], |r| r.get(0)).unwrap();
        assert_eq!(invite, None);
        let kept: i64 =
            db.query_row("SELECT count(*) FROM user_roles WHERE user_id = 8", params![], |r| r.get(0)).unwrap();
        assert_eq!(kept, 1);
        let counted: i64 =
            db.query_row("SELECT users FROM status_counts WHERE status = 'active'", params![], |r| r.get(0)).unwrap();
        assert_eq!(counted, 1);
        // The counting trigger is back for the next delete.
        db.execute("DELETE FROM users WHERE id = 8", params![]).unwrap();
        let counted: i64 =
            db.query_row("SELECT users FROM status_counts WHERE status = 'active'", params![], |r| r.get(0)).unwrap();
        assert_eq!(counted, 0);
    }
}

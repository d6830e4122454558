//! SQL for invites, the mail outbox and one-time set-password tokens.

use super::db::{Db, Row, params};
use chrono::{DateTime, Utc};

use super::{parse_timestamp, timestamp};
use crate::error::Result;
use crate::model::invite::{Delivery, Invite, Which};

/// Open (`model::invite::OPEN`, which a test holds this to): spelled as the
/// partial index `invites_open` is, so that
/// SQLite uses it (migration V7). A macro, for `concat!`.
macro_rules! open {
    () => {
        "(status = 'sent' OR status = 'resent')"
    };
}
pub(crate) const OPEN: &str = open!();

/// Open and past its expiry at `?1`.
const OVERDUE: &str = concat!(open!(), " AND expires_at <= ?1");

/// An invite with its latest mail.
const INVITES: &str = "invites i LEFT JOIN mail m ON m.id = i.mail_id";

const INVITE_COLUMNS: &str = "i.id, i.user_id, i.email, i.roles, i.status, i.send_count, i.created_by, i.created_at,
    i.last_sent_at, i.expires_at, i.accepted_at, m.status, m.last_error, m.sent_via";

fn invite(r: &Row) -> Result<Invite> {
    let accepted: Option<String> = r.get(10)?;
    Ok(Invite {
        id: r.get(0)?,
        user_id: r.get(1)?,
        email: r.get(2)?,
        roles: r.get::<String>(3)?.split(';').filter(|s| !s.is_empty()).map(str::to_owned).collect(),
        status: r.get(4)?,
        send_count: r.get(5)?,
        created_by: r.get(6)?,
        created_at: parse_timestamp(&r.get::<String>(7)?)?,
        last_sent_at: parse_timestamp(&r.get::<String>(8)?)?,
        expires_at: parse_timestamp(&r.get::<String>(9)?)?,
        accepted_at: accepted.as_deref().map(parse_timestamp).transpose()?,
        delivery: Delivery::of(r.get::<Option<String>>(11)?.as_deref(), r.get(12)?, r.get(13)?),
    })
}

pub struct NewInvite<'a> {
    pub user_id: i64,
    pub email: &'a str,
    pub roles: &'a str,
    pub token_hash: &'a str,
    pub created_by: &'a str,
    pub now: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

pub fn insert(db: &Db, new: &NewInvite) -> Result<i64> {
    db.prepare_cached(
        "INSERT INTO invites (user_id, email, roles, status, token_hash, created_by, created_at, last_sent_at, expires_at)
         VALUES (?1, ?2, ?3, 'sent', ?4, ?5, ?6, ?6, ?7) RETURNING id",
    )?
    .insert(params![
        new.user_id,
        new.email,
        new.roles,
        new.token_hash,
        new.created_by,
        timestamp(new.now),
        timestamp(new.expires_at)
    ])
}

/// The open (sent or resent) invite of a user, if any.
pub fn open_of(db: &Db, user_id: i64) -> Result<Option<Invite>> {
    let open = OPEN.replace("status", "i.status");
    let sql =
        format!("SELECT {INVITE_COLUMNS} FROM {INVITES} WHERE i.user_id = ?1 AND {open} ORDER BY i.id DESC LIMIT 1");
    db.prepare_cached(&sql)?.query_opt([user_id], invite)
}

/// Moves a user's open invite to their new address (`user edit --email`).
pub fn move_open(db: &Db, user_id: i64, email: &str) -> Result<u64> {
    let sql = format!("UPDATE invites SET email = ?2 WHERE user_id = ?1 AND {OPEN}");
    Ok(db.prepare_cached(&sql)?.execute(params![user_id, email])? as u64)
}

pub fn by_token(db: &Db, token_hash: &str) -> Result<Option<Invite>> {
    db.query_opt(&format!("SELECT {INVITE_COLUMNS} FROM {INVITES} WHERE i.token_hash = ?1"), [token_hash], invite)
}

/// Records the mail that carries an invite's current token.
pub fn set_mail(db: &Db, invite_id: i64, mail_id: i64) -> Result<()> {
    db.prepare_cached("UPDATE invites SET mail_id = ?2 WHERE id = ?1")?.execute(params![invite_id, mail_id])?;
    Ok(())
}

pub fn list(db: &Db, which: Which) -> Result<Vec<Invite>> {
    let statuses: Vec<String> = which.statuses().iter().map(|s| format!("'{s}'")).collect();
    let mut stmt = db.prepare(&format!(
        "SELECT {INVITE_COLUMNS} FROM {INVITES} WHERE i.status IN ({}) ORDER BY i.email, i.id",
        statuses.join(", ")
    ))?;
    let rows = stmt.query_map(params![], invite)?;
    rows.collect::<Result<_>>()
}

/// The invite as it is now (its delivery, after a flush).
pub fn by_id(db: &Db, id: i64) -> Result<Invite> {
    db.prepare_cached(&format!("SELECT {INVITE_COLUMNS} FROM {INVITES} WHERE i.id = ?1"))?.query_row([id], invite)
}

pub fn resend(db: &Db, id: i64, token_hash: &str, now: DateTime<Utc>, expires_at: DateTime<Utc>) -> Result<()> {
    db.prepare_cached(
        "UPDATE invites SET status = 'resent', token_hash = ?2, send_count = send_count + 1, last_sent_at = ?3,
                expires_at = ?4 WHERE id = ?1",
    )?
    .execute(params![id, token_hash, timestamp(now), timestamp(expires_at)])?;
    Ok(())
}

/// Gathers the users of overdue invites who are still invited into `targets`.
pub fn add_overdue_targets(db: &Db, now: DateTime<Utc>) -> Result<u64> {
    Ok(db.execute(
        &format!(
            "INSERT OR IGNORE INTO targets (id) SELECT user_id FROM invites
             WHERE {OVERDUE} AND user_id IN (SELECT id FROM users WHERE status = 'invited')"
        ),
        [timestamp(now)],
    )? as u64)
}

/// A mail as queued: rendered parts, to be sent after the transaction commits.
#[derive(Debug, Clone)]
pub struct MailRow {
    pub id: i64,
    pub kind: String,
    pub to_addr: String,
    pub to_name: Option<String>,
    pub subject: String,
    pub body_text: Option<String>,
    pub body_html: Option<String>,
    pub status: String,
    pub attempts: u64,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

const MAIL_COLUMNS: &str =
    "id, kind, to_addr, to_name, subject, body_text, body_html, status, attempts, last_error, created_at, sent_at";

fn mail(r: &Row) -> Result<MailRow> {
    let sent: Option<String> = r.get(11)?;
    Ok(MailRow {
        id: r.get(0)?,
        kind: r.get(1)?,
        to_addr: r.get(2)?,
        to_name: r.get(3)?,
        subject: r.get(4)?,
        body_text: r.get(5)?,
        body_html: r.get(6)?,
        status: r.get(7)?,
        attempts: r.get(8)?,
        last_error: r.get(9)?,
        created_at: parse_timestamp(&r.get::<String>(10)?)?,
        sent_at: sent.as_deref().map(parse_timestamp).transpose()?,
    })
}

pub struct NewMail<'a> {
    pub kind: &'a str,
    pub to_addr: &'a str,
    pub to_name: Option<&'a str>,
    pub subject: &'a str,
    pub body_text: &'a str,
    pub body_html: &'a str,
}

pub fn queue(db: &Db, m: &NewMail, now: DateTime<Utc>) -> Result<i64> {
    db.prepare_cached(
        "INSERT INTO mail (kind, to_addr, to_name, subject, body_text, body_html, next_attempt_at, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7) RETURNING id",
    )?
    .insert(params![m.kind, m.to_addr, m.to_name, m.subject, m.body_text, m.body_html, timestamp(now)])
}

/// Queued mail whose next attempt is due.
pub fn due(db: &Db, now: DateTime<Utc>, limit: u64) -> Result<Vec<MailRow>> {
    let mut stmt = db.prepare(&format!(
        "SELECT {MAIL_COLUMNS} FROM mail WHERE status = 'queued' AND next_attempt_at <= ?1 ORDER BY id LIMIT ?2"
    ))?;
    let rows = stmt.query_map(params![timestamp(now), limit], mail)?;
    rows.collect::<Result<_>>()
}

pub fn list_mail(db: &Db, status: Option<&str>) -> Result<Vec<MailRow>> {
    let mut stmt = db.prepare(&format!(
        "SELECT {MAIL_COLUMNS} FROM mail WHERE CAST(?1 AS TEXT) IS NULL OR status = ?1 ORDER BY id"
    ))?;
    let rows = stmt.query_map([status], mail)?;
    rows.collect::<Result<_>>()
}

/// Sent (`via` the SMTP server or an outbox folder): the body (which may
/// hold a token) is scrubbed.
pub fn mark_sent(db: &Db, id: i64, now: DateTime<Utc>, via: &str) -> Result<()> {
    db.prepare_cached(
        "UPDATE mail SET status = 'sent', sent_at = ?2, attempts = attempts + 1, body_text = NULL, body_html = NULL,
                last_error = NULL, sent_via = ?3 WHERE id = ?1 AND status = 'queued'",
    )?
    .execute(params![id, timestamp(now), via])?;
    Ok(())
}

/// A failed attempt: retried at `retry_at`, or given up (`failed`, body scrubbed).
pub fn mark_failed(db: &Db, id: i64, error: &str, retry_at: DateTime<Utc>, give_up: bool) -> Result<()> {
    db.prepare_cached(
        "UPDATE mail SET attempts = attempts + 1, last_error = ?2, next_attempt_at = ?3,
                status = CASE WHEN ?4 THEN 'failed' ELSE 'queued' END,
                body_text = CASE WHEN ?4 THEN NULL ELSE body_text END,
                body_html = CASE WHEN ?4 THEN NULL ELSE body_html END
         WHERE id = ?1 AND status = 'queued'",
    )?
    .execute(params![id, error, timestamp(retry_at), give_up])?;
    Ok(())
}

pub fn insert_reset(
    db: &Db,
    token_hash: &str,
    user_id: i64,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<()> {
    db.prepare_cached(
        "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![token_hash, user_id, timestamp(now), timestamp(expires_at)])?;
    Ok(())
}

/// A usable reset token's user: not used, not expired.
pub fn take_reset(db: &Db, token_hash: &str, now: DateTime<Utc>) -> Result<Option<i64>> {
    let found: Option<(i64, i64)> = db.query_opt(
        "SELECT id, user_id FROM password_resets WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2",
        params![token_hash, timestamp(now)],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if let Some((id, _)) = found {
        db.execute("UPDATE password_resets SET used_at = ?2 WHERE id = ?1", params![id, timestamp(now)])?;
    }
    Ok(found.map(|(_, user)| user))
}

pub fn purge_resets(db: &Db, now: DateTime<Utc>) -> Result<u64> {
    Ok(db.execute("DELETE FROM password_resets WHERE used_at IS NOT NULL OR expires_at <= ?1", [timestamp(now)])?
        as u64)
}

pub fn smtp_url(db: &Db) -> Result<Option<String>> {
    db.query_row("SELECT smtp_url FROM org WHERE id = 1", params![], |r| r.get(0))
}

pub fn set_smtp_url(db: &Db, url: Option<&str>) -> Result<()> {
    db.execute("UPDATE org SET smtp_url = ?1 WHERE id = 1", [url])?;
    Ok(())
}

/// Reserves a mail for the process about to send it, until `until`.
pub fn mark_claimed(db: &Db, id: i64, until: DateTime<Utc>) -> Result<()> {
    db.prepare_cached("UPDATE mail SET next_attempt_at = ?2 WHERE id = ?1")?.execute(params![id, timestamp(until)])?;
    Ok(())
}

/// Cancels the queued invite mails to `email` (an invite that ended, or a
/// token replaced by a resend, must not go out): scrubbed, marked failed.
pub fn cancel_queued_invites(db: &Db, email: &str) -> Result<u64> {
    Ok(db
        .prepare_cached(
            "UPDATE mail SET status = 'failed', last_error = 'the invite was replaced or ended', body_text = NULL,
                    body_html = NULL WHERE status = 'queued' AND kind = 'invite' AND to_addr = ?1 COLLATE NOCASE",
        )?
        .execute([email])? as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The SQL spelling of "open" is the model's, written as the index is.
    #[test]
    fn the_open_condition_is_the_model_s() {
        let spelled: Vec<String> = crate::model::invite::OPEN.iter().map(|s| format!("status = '{s}'")).collect();
        assert_eq!(OPEN, format!("({})", spelled.join(" OR ")));
    }

    /// `invite expire` and its dry run read only the open invites' index; a
    /// query spelled differently from V7's condition would scan every invite.
    #[test]
    fn overdue_invites_are_found_by_the_open_index() {
        let conn = super::super::open_in_memory();
        let db = super::super::db::Db::of(&conn);
        let plan: String = db
            .query_row(&format!("EXPLAIN QUERY PLAN SELECT id FROM invites WHERE {OVERDUE}"), ["2026-01-01"], |r| {
                r.get(3)
            })
            .unwrap();
        assert!(plan.contains("USING INDEX invites_open"), "{plan}");
    }
}

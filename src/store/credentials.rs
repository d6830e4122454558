//! SQL for passwords, two-step verification and sessions.

use super::db::{Db, Param, params};
use chrono::{DateTime, NaiveDate, Utc};

use super::{parse_timestamp, timestamp};
use crate::error::Result;
use crate::model::user::Status;

/// What a login needs to know about a user, in one read.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub id: i64,
    pub email: String,
    pub status: Status,
    pub block_reason: Option<String>,
    pub password_hash: Option<String>,
    pub password_changed_at: Option<DateTime<Utc>>,
    pub must_change_password: bool,
    pub failed_logins: u64,
    pub expires_on: Option<NaiveDate>,
    pub totp_secret: Option<String>,
    pub totp_pending: Option<String>,
    pub totp_last_step: Option<u64>,
    /// One of `model::user::KINDS`.
    pub kind: String,
}

const CREDENTIAL_COLUMNS: &str = "id, email, status, block_reason, password_hash, password_changed_at,
    must_change_password, failed_logins, expires_on, totp_secret, totp_pending, totp_last_step, kind";

pub fn by_email(db: &Db, email: &str) -> Result<Option<Credentials>> {
    let sql = format!("SELECT {CREDENTIAL_COLUMNS} FROM users WHERE email_key = ?1");
    credentials(db, &sql, &crate::model::types::mailbox_key(email))
}

/// The same by id: the very account, whatever its address keys to.
pub fn by_id(db: &Db, id: i64) -> Result<Option<Credentials>> {
    let sql = format!("SELECT {CREDENTIAL_COLUMNS} FROM users WHERE id = ?1");
    credentials(db, &sql, &id)
}

fn credentials(db: &Db, sql: &str, key: &dyn Param) -> Result<Option<Credentials>> {
    let mut stmt = db.prepare_cached(sql)?;
    stmt.query_opt([key], |r| {
        let status: String = r.get(2)?;
        let changed: Option<String> = r.get(5)?;
        let expires: Option<String> = r.get(8)?;
        Ok(Credentials {
            id: r.get(0)?,
            email: r.get(1)?,
            status: status.parse()?,
            block_reason: r.get(3)?,
            password_hash: r.get(4)?,
            password_changed_at: changed.as_deref().map(parse_timestamp).transpose()?,
            must_change_password: r.get(6)?,
            failed_logins: r.get(7)?,
            expires_on: expires.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
            totp_secret: r.get(9)?,
            totp_pending: r.get(10)?,
            totp_last_step: r.get(11)?,
            kind: r.get(12)?,
        })
    })
}

pub fn set_password(db: &Db, id: i64, hash: &str, must_change: bool, now: DateTime<Utc>) -> Result<()> {
    db.prepare_cached(
        "UPDATE users SET password_hash = ?2, password_changed_at = ?3, must_change_password = ?4, updated_at = ?3
         WHERE id = ?1",
    )?
    .execute(params![id, hash, timestamp(now), must_change])?;
    Ok(())
}

/// Replaces the hash alone (a transparent re-hash keeps the password's age).
pub fn rehash(db: &Db, id: i64, hash: &str) -> Result<()> {
    db.prepare_cached("UPDATE users SET password_hash = ?2 WHERE id = ?1")?.execute(params![id, hash])?;
    Ok(())
}

/// Counts a failure; returns the new count.
pub fn count_failure(db: &Db, id: i64) -> Result<u64> {
    db.prepare_cached("UPDATE users SET failed_logins = failed_logins + 1 WHERE id = ?1 RETURNING failed_logins")?
        .query_row([id], |r| r.get(0))
}

pub fn record_login(db: &Db, id: i64, now: DateTime<Utc>, totp_step: Option<u64>) -> Result<()> {
    db.prepare_cached(
        "UPDATE users SET failed_logins = 0, last_login_at = ?2, last_seen_at = ?2,
                totp_last_step = COALESCE(?3, totp_last_step)
         WHERE id = ?1",
    )?
    .execute(params![id, timestamp(now), totp_step])?;
    Ok(())
}

pub fn set_expiry(db: &Db, id: i64, expires_on: Option<NaiveDate>, now: DateTime<Utc>) -> Result<()> {
    db.prepare_cached("UPDATE users SET expires_on = ?2, updated_at = ?3 WHERE id = ?1")?.execute(params![
        id,
        expires_on.map(|d| d.to_string()),
        timestamp(now)
    ])?;
    Ok(())
}

pub fn set_totp_pending(db: &Db, id: i64, secret: Option<&str>) -> Result<()> {
    db.prepare_cached("UPDATE users SET totp_pending = ?2 WHERE id = ?1")?.execute(params![id, secret])?;
    Ok(())
}

/// Makes the pending secret the user's own (or, with `None`, removes 2FA).
pub fn set_totp(db: &Db, id: i64, secret: Option<&str>, step: Option<u64>) -> Result<()> {
    db.prepare_cached("UPDATE users SET totp_secret = ?2, totp_pending = NULL, totp_last_step = ?3 WHERE id = ?1")?
        .execute(params![id, secret, step])?;
    Ok(())
}

/// The columns that hold a secret at rest (encrypted since V9's key file;
/// the SMTP server's URL, which may hold its password, since 2026-12).
const SECRET_COLUMNS: [(&str, &str); 5] = [
    ("users", "totp_secret"),
    ("users", "totp_pending"),
    ("mail", "body_text"),
    ("mail", "body_html"),
    ("org", "smtp_url"),
];

/// A few encrypted secrets found without a scan (the SMTP URL, queued
/// mails' bodies: a sent mail keeps none, and `mail_due` finds the queued
/// ones), to try a key file on at every write.
pub fn quickly_found_secrets(db: &Db) -> Result<Vec<String>> {
    db.query_vec(
        "SELECT smtp_url FROM org WHERE smtp_url LIKE 'enc1:%'
         UNION ALL SELECT * FROM (SELECT body_text FROM mail
                                  WHERE status = 'queued' AND body_text LIKE 'enc1:%' LIMIT 4) m",
        params![],
        |r| r.get(0),
    )
}

/// Every secret stored before secrets were encrypted, and where: (table,
/// column, row id, value).
pub fn plain_secrets(db: &Db) -> Result<Vec<(&'static str, &'static str, i64, String)>> {
    let mut found = Vec::new();
    for (table, column) in SECRET_COLUMNS {
        let mut stmt = db.prepare(&format!(
            "SELECT id, {column} FROM {table} WHERE {column} IS NOT NULL AND {column} NOT LIKE 'enc1:%'"
        ))?;
        let rows = stmt.query_map(params![], |r| Ok((table, column, r.get(0)?, r.get(1)?)))?;
        found.extend(rows.collect::<Result<Vec<_>>>()?);
    }
    Ok(found)
}

/// One encrypted secret, if any: to try a key on before trusting it.
pub fn an_encrypted_secret(db: &Db) -> Result<Option<String>> {
    for (table, column) in SECRET_COLUMNS {
        let found = db.query_opt(
            &format!("SELECT {column} FROM {table} WHERE {column} LIKE 'enc1:%' LIMIT 1"),
            params![],
            |r| r.get(0),
        )?;
        if found.is_some() {
            return Ok(found);
        }
    }
    Ok(None)
}

/// Whether every secret has been encrypted: on SQLite `PRAGMA user_version`
/// 1, set in the transaction that encrypted them (a backup carries it
/// along); a PostgreSQL database has held encrypted secrets only. On both,
/// an SMTP URL an older roster stored in clear (before V23, V5 on a
/// server) is the one secret left to encrypt.
pub fn secrets_encrypted(db: &Db) -> Result<bool> {
    if !db.is_postgres() && db.query_row("PRAGMA user_version", params![], |r| r.get::<i64>(0))? < 1 {
        return Ok(false);
    }
    db.query_row(
        "SELECT NOT EXISTS (SELECT 1 FROM org WHERE smtp_url IS NOT NULL AND smtp_url NOT LIKE 'enc1:%')",
        params![],
        |r| r.get(0),
    )
}

pub fn mark_secrets_encrypted(db: &Db) -> Result<()> {
    // A server's database has held encrypted secrets only (`secrets_encrypted`).
    if !db.is_postgres() {
        db.execute_batch("PRAGMA user_version = 1")?;
    }
    Ok(())
}

/// Replaces one secret found by `plain_secrets` with its encrypted form.
pub fn replace_secret(db: &Db, (table, column, id): (&str, &str, i64), stored: &str) -> Result<()> {
    if !SECRET_COLUMNS.contains(&(table, column)) {
        return Err(crate::error::Error::Internal(format!("{table}.{column} holds no secret")));
    }
    db.execute(&format!("UPDATE {table} SET {column} = ?2 WHERE id = ?1"), params![id, stored])?;
    Ok(())
}

/// A login session as stored.
#[derive(Debug, Clone)]
pub struct SessionRow {
    pub user_id: i64,
    pub email: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub impersonated_by: Option<String>,
    pub ended_at: Option<DateTime<Utc>>,
    /// `auth login --for`: the ability the session was opened for.
    pub for_ability: Option<String>,
    /// The account's kind (`model::user::KINDS`).
    pub kind: String,
}

pub fn insert_session(
    db: &Db,
    token_hash: &str,
    user_id: i64,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    impersonated_by: Option<&str>,
    for_ability: Option<&str>,
) -> Result<()> {
    db.prepare_cached(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, impersonated_by, for_ability)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![token_hash, user_id, timestamp(now), timestamp(expires_at), impersonated_by, for_ability])?;
    Ok(())
}

pub fn session(db: &Db, token_hash: &str) -> Result<Option<SessionRow>> {
    let mut stmt = db.prepare_cached(
        "SELECT s.user_id, u.email, s.created_at, s.expires_at, s.impersonated_by, s.ended_at, s.for_ability, u.kind
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?1",
    )?;
    stmt.query_opt([token_hash], |r| {
        let ended: Option<String> = r.get(5)?;
        Ok(SessionRow {
            user_id: r.get(0)?,
            email: r.get(1)?,
            created_at: parse_timestamp(&r.get::<String>(2)?)?,
            expires_at: parse_timestamp(&r.get::<String>(3)?)?,
            impersonated_by: r.get(4)?,
            ended_at: ended.as_deref().map(parse_timestamp).transpose()?,
            for_ability: r.get(6)?,
            kind: r.get(7)?,
        })
    })
}

pub fn end_session(db: &Db, token_hash: &str, now: DateTime<Utc>) -> Result<bool> {
    Ok(db
        .prepare_cached("UPDATE sessions SET ended_at = ?2 WHERE token_hash = ?1 AND ended_at IS NULL")?
        .execute(params![token_hash, timestamp(now)])?
        > 0)
}

pub fn end_sessions_of(db: &Db, user_id: i64, now: DateTime<Utc>) -> Result<()> {
    db.prepare_cached("UPDATE sessions SET ended_at = ?2 WHERE user_id = ?1 AND ended_at IS NULL")?
        .execute(params![user_id, timestamp(now)])?;
    Ok(())
}

/// Ends the sessions of every user without two-step verification.
pub fn end_sessions_without_totp(db: &Db, now: DateTime<Utc>) -> Result<u64> {
    Ok(db.execute(
        "UPDATE sessions SET ended_at = ?1 WHERE ended_at IS NULL
           AND user_id IN (SELECT id FROM users WHERE totp_secret IS NULL)",
        [timestamp(now)],
    )? as u64)
}

/// Removes sessions that ended or expired before `now`; returns how many.
pub fn purge_sessions(db: &Db, now: DateTime<Utc>, dry_run: bool) -> Result<u64> {
    let sql = if dry_run {
        "SELECT count(*) FROM sessions WHERE expires_at < ?1 OR ended_at IS NOT NULL"
    } else {
        "DELETE FROM sessions WHERE expires_at < ?1 OR ended_at IS NOT NULL RETURNING 1"
    };
    let mut stmt = db.prepare(sql)?;
    if dry_run {
        return stmt.query_row([timestamp(now)], |r| r.get(0));
    }
    let n = stmt.query_map([timestamp(now)], |_| Ok(()))?.count();
    Ok(n as u64)
}

/// Users to block because their account's validity ended (`expires_on <= today`).
/// Named, because without statistics SQLite preferred the status index.
pub fn add_expired_targets(db: &Db, today: NaiveDate) -> Result<u64> {
    Ok(db.execute(
        "INSERT OR IGNORE INTO targets (id)
         SELECT id FROM users INDEXED BY users_expiring WHERE status = 'active' AND expires_on <= ?1",
        [today.to_string()],
    )? as u64)
}

/// How many active users have no two-step verification, and the first
/// `limit` of their emails.
pub fn without_totp(db: &Db, limit: u64) -> Result<(u64, Vec<String>)> {
    const FROM: &str = "FROM users WHERE status = 'active' AND totp_secret IS NULL";
    let count = db.query_row(&format!("SELECT count(*) {FROM}"), params![], |r| r.get(0))?;
    let mut stmt = db.prepare(&format!("SELECT email {FROM} ORDER BY email_key LIMIT ?1"))?;
    let emails = stmt.query_map([limit], |r| r.get(0))?.collect::<Result<_>>()?;
    Ok((count, emails))
}

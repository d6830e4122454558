//! Sign-in: whether a person may log in, by the organization's policies;
//! password changes; sessions and impersonation. Every failure, lockout and
//! session is audited, never with the secret.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::audit::{self, Target};
use crate::error::{Conflict, Error, Result};
use crate::passwords::{self, Policy};
use crate::session::Tx;
use crate::store::credentials::Credentials;
use crate::users::{self, BlockReason, Status};
use crate::{store, totp};

/// Why a login is refused (exit 7; README, "Passwords, sign-in, sessions").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    UnknownUser,
    WrongPassword,
    Blocked,
    Archived,
    NotActivated,
    AccountExpired,
    PasswordExpired,
    MustChangePassword,
    TotpRequired,
    TotpEnrollmentRequired,
    /// `--for ABILITY`: the user does not hold it.
    LacksAbility,
    /// An app-only account signs in only to an app (`--for`).
    AppOnlyAccount,
}

/// The answer to `auth login`.
#[derive(Debug, Clone, Serialize)]
pub struct Login {
    pub user: String,
    /// Shown as `result`: `ok` or `refused`, the words of the table.
    #[serde(rename = "result", serialize_with = "result")]
    pub ok: bool,
    #[serde(rename = "reason")]
    pub refusal: Option<Refusal>,
    /// More words: the block reason, failures left, that this failure blocked the account.
    pub detail: Option<String>,
    /// Shown once; only its hash is kept.
    pub session_token: Option<String>,
    pub session_expires_at: Option<DateTime<Utc>>,
}

fn result<S: serde::Serializer>(ok: &bool, serializer: S) -> std::result::Result<S::Ok, S::Error> {
    serializer.serialize_str(if *ok { "ok" } else { "refused" })
}

impl Login {
    fn refused(user: &str, refusal: Refusal, detail: Option<String>) -> Login {
        Login {
            user: user.to_owned(),
            ok: false,
            refusal: Some(refusal),
            detail,
            session_token: None,
            session_expires_at: None,
        }
    }
}

/// Checks a sign-in. Costs one hash verification whether or not the user
/// exists. A wrong password counts a failure; the `max_failed_logins`-th
/// blocks the account. Success resets the count and records the time.
/// With `for_ability`, an app that gates on that ability asks: the user
/// must hold it (the only way an app-only account signs in).
pub fn login(
    tx: &Tx,
    email: &str,
    password: &str,
    code: Option<&str>,
    want_session: bool,
    for_ability: Option<&str>,
) -> Result<Login> {
    let Some(user) = store::credentials::by_email(&tx.db, email.trim())? else {
        passwords::verify_nothing(password);
        // What was typed may be a password in the wrong field: only a digest,
        // enough to see repeated attempts, reaches the trail.
        let digest = &token_hash(email)[..16];
        audit::record(
            tx,
            "auth.login_failed",
            Target::Named(format!("unknown:{digest}")),
            json!({ "reason": "unknown_user" }),
        )?;
        return Ok(Login::refused(email.trim(), Refusal::UnknownUser, None));
    };
    let refuse = |refusal: Refusal, detail: Option<String>| -> Result<Login> {
        audit::record(
            tx,
            "auth.login_failed",
            Target::User(user.id, &user.email),
            json!({ "reason": refusal, "detail": detail }),
        )?;
        Ok(Login::refused(&user.email, refusal, detail))
    };
    let state = match user.status {
        Status::Archived => Some((Refusal::Archived, None)),
        Status::Invited => Some((Refusal::NotActivated, Some("the invite was not accepted yet".to_owned()))),
        Status::Blocked => Some((Refusal::Blocked, user.block_reason.clone())),
        Status::Active => None,
    };
    if let Some((refusal, detail)) = state {
        passwords::verify_nothing(password);
        return refuse(refusal, detail);
    }
    if user.expires_on.is_some_and(|day| day <= tx.now.date_naive()) {
        passwords::verify_nothing(password);
        return refuse(Refusal::AccountExpired, user.expires_on.map(|d| format!("the account ended on {d}")));
    }
    let Some(stored) = &user.password_hash else {
        passwords::verify_nothing(password);
        return refuse(Refusal::NotActivated, Some("no password is set".to_owned()));
    };
    let verified = passwords::verify(password, stored);
    if !verified.matches {
        return wrong(tx, &user, "wrong_password");
    }
    if verified.outdated {
        store::credentials::rehash(&tx.db, user.id, &passwords::hash(password)?)?;
        audit::record(tx, "auth.rehash", Target::User(user.id, &user.email), json!({ "to": "argon2id" }))?;
    }
    if let Some(age) = password_expired(tx, &user)? {
        return refuse(Refusal::PasswordExpired, Some(age));
    }
    if user.must_change_password {
        return refuse(Refusal::MustChangePassword, None);
    }
    let mut step = None;
    if let Some(secret) = &user.totp_secret {
        let Some(code) = code else {
            return refuse(Refusal::TotpRequired, Some("give the code from the authenticator app".to_owned()));
        };
        match totp::check(&tx.decrypt(secret)?, &user.email, code, tx.now, user.totp_last_step)? {
            Some(matched) => step = Some(matched),
            None => {
                let login = wrong(tx, &user, "wrong_totp")?;
                return Ok(Login { refusal: Some(Refusal::TotpRequired), ..login });
            }
        }
    } else if tx.policies()?.require_2fa {
        return refuse(Refusal::TotpEnrollmentRequired, Some("enroll with `roster user 2fa enroll`".to_owned()));
    }
    // Asked only once the password (and code) proved who this is: a
    // stranger learns nothing of what the account may do.
    match for_ability {
        Some(ability) if !store::roles::effective_abilities(&tx.db, user.id)?.contains(ability) => {
            return refuse(Refusal::LacksAbility, Some(format!("does not hold {ability}")));
        }
        None if user.kind == crate::model::user::KIND_APP_ONLY => {
            return refuse(Refusal::AppOnlyAccount, Some("signs in only to an app: `--for ABILITY`".to_owned()));
        }
        _ => {}
    }
    store::credentials::record_login(&tx.db, user.id, tx.now, step)?;
    let mut login = Login {
        user: user.email.clone(),
        ok: true,
        refusal: None,
        detail: None,
        session_token: None,
        session_expires_at: None,
    };
    if want_session {
        let hours = i64::try_from(tx.policies()?.session_ttl_hours).unwrap_or(i64::MAX / 3_600_000);
        let (token, expires) = open_session(tx, user.id, Duration::hours(hours), None, for_ability)?;
        login.session_token = Some(token);
        login.session_expires_at = Some(expires);
    }
    audit::record(
        tx,
        "auth.login",
        Target::User(user.id, &user.email),
        json!({ "session": want_session, "totp": step.is_some(), "for": for_ability }),
    )?;
    Ok(login)
}

/// A credential changed (a password set or reset, 2FA, an ability taken
/// away): every session the user had opened with the old one ends.
pub(crate) fn end_sessions(tx: &Tx, user_id: i64) -> Result<()> {
    store::credentials::end_sessions_of(&tx.db, user_id, tx.now)
}

/// A wrong password (or code): counts it, and blocks at the policy's limit.
/// The caller commits it even though it refuses (`Roster::write_keeping_refusals`).
pub(crate) fn wrong(tx: &Tx, user: &Credentials, what: &str) -> Result<Login> {
    let failures = store::credentials::count_failure(&tx.db, user.id)?;
    let limit = tx.policies()?.max_failed_logins;
    let detail = if failures >= limit && user.status == Status::Active {
        let note = format!("{failures} failed logins");
        users::lifecycle::apply_one(
            tx,
            user.id,
            &users::lifecycle::BLOCK,
            Some(BlockReason::FailedLogins),
            Some(&note),
            false,
        )?;
        format!("{failures} failed logins: the account is now blocked (failed_logins)")
    } else {
        format!("{failures} of {limit} failed logins")
    };
    audit::record(
        tx,
        "auth.login_failed",
        Target::User(user.id, &user.email),
        json!({ "reason": what, "failures": failures }),
    )?;
    Ok(Login::refused(&user.email, Refusal::WrongPassword, Some(detail)))
}

/// `Some(description)` when the password is older than `password_max_age_days`.
fn password_expired(tx: &Tx, user: &Credentials) -> Result<Option<String>> {
    let days = i64::try_from(tx.policies()?.password_max_age_days).unwrap_or(i64::MAX / 86_400_000);
    let Some(changed) = user.password_changed_at.filter(|_| days > 0) else {
        return Ok(None);
    };
    let age = (tx.now - changed).num_days();
    Ok((age >= days).then(|| format!("the password is {age} days old; the limit is {days}")))
}

/// `user passwd`: an admin (or the user) sets a password, policy checked.
pub fn set_password(tx: &Tx, user: &str, password: &str, must_change: bool) -> Result<()> {
    let target = match users::find(tx, user) {
        Ok(me) if tx.actor.is(me.id) => me,
        _ => {
            let target = users::reachable(tx, user, "users.manage")?;
            crate::access::rank_over(&tx.db, &tx.actor, target.id)?;
            target
        }
    };
    Policy::load(tx)?.check(password, &target.profile)?;
    store::credentials::set_password(&tx.db, target.id, &passwords::hash(password)?, must_change, tx.now)?;
    end_sessions(tx, target.id)?;
    audit::record(tx, "user.passwd", Target::User(target.id, target.email()), json!({ "must_change": must_change }))?;
    Ok(())
}

/// `auth change-password`: the old password proves who is asking.
pub fn change_password(tx: &Tx, user: &str, old: &str, new: &str) -> Result<()> {
    let Some(creds) = store::credentials::by_email(&tx.db, user.trim())? else {
        passwords::verify_nothing(old);
        return Err(Error::AuthFailed("unknown user or wrong password".into()));
    };
    let matches = creds.password_hash.as_deref().is_some_and(|h| passwords::verify(old, h).matches);
    if !matches || creds.status != Status::Active {
        if matches {
            return Err(Error::AuthFailed(format!("the account is {}", creds.status)));
        }
        wrong(tx, &creds, "wrong_password")?;
        return Err(Error::AuthFailed("unknown user or wrong password".into()));
    }
    if old == new {
        return Err(Error::invalid("password", "(hidden)", "the new password must differ from the old one"));
    }
    let profile = users::find(tx, &creds.id.to_string())?.profile;
    Policy::load(tx)?.check(new, &profile)?;
    store::credentials::set_password(&tx.db, creds.id, &passwords::hash(new)?, false, tx.now)?;
    end_sessions(tx, creds.id)?;
    audit::record(tx, "auth.change_password", Target::User(creds.id, &creds.email), json!({}))?;
    Ok(())
}

/// 32 random bytes, hex: shown once, stored as its SHA-256.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::fill(&mut bytes);
    crate::types::hex(&bytes)
}

pub fn token_hash(token: &str) -> String {
    crate::types::hex(&Sha256::digest(token.trim().as_bytes()))
}

fn open_session(
    tx: &Tx,
    user_id: i64,
    ttl: Duration,
    impersonated_by: Option<&str>,
    for_ability: Option<&str>,
) -> Result<(String, DateTime<Utc>)> {
    let token = new_token();
    let expires = tx.now + ttl;
    let hash = token_hash(&token);
    store::credentials::insert_session(&tx.db, &hash, user_id, tx.now, expires, impersonated_by, for_ability)?;
    Ok((token, expires))
}

/// What `auth session TOKEN` tells.
#[derive(Debug, Clone, Serialize)]
pub struct SessionInfo {
    pub user: String,
    pub valid: bool,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub impersonated_by: Option<String>,
    /// The ability an app opened it for (`auth login --for`).
    #[serde(rename = "for")]
    pub for_ability: Option<String>,
    /// Why not valid: `expired`, `ended`, or the user's state.
    pub reason: Option<String>,
}

/// Whose session a token opens, until when; refused (exit 7) when it has
/// expired, was ended, or its user can no longer log in.
pub fn session(tx: &Tx, token: &str) -> Result<SessionInfo> {
    let row = store::credentials::session(&tx.db, &token_hash(token))?
        .ok_or_else(|| Error::AuthFailed("unknown session token".into()))?;
    let (_, status) = store::users::email_and_status(&tx.db, row.user_id)?;
    let reason = if row.ended_at.is_some() {
        Some("ended".to_owned())
    } else if row.expires_at <= tx.now {
        Some("expired".to_owned())
    } else if status != Status::Active {
        Some(format!("the user is {status}"))
    } else if row.kind == crate::model::user::KIND_APP_ONLY && row.for_ability.is_none() {
        // Only a session an app asked for (`--for`) is an app-only account's.
        Some("an app-only account's session must be opened --for an ability".to_owned())
    } else {
        None
    };
    let info = SessionInfo {
        user: row.email,
        valid: reason.is_none(),
        created_at: row.created_at,
        expires_at: row.expires_at,
        impersonated_by: row.impersonated_by,
        for_ability: row.for_ability,
        reason,
    };
    match &info.reason {
        Some(reason) => Err(Error::AuthFailed(format!("session {reason}"))),
        None => Ok(info),
    }
}

pub fn logout(tx: &Tx, token: &str) -> Result<()> {
    let hash = token_hash(token);
    let row =
        store::credentials::session(&tx.db, &hash)?.ok_or_else(|| Error::AuthFailed("unknown session token".into()))?;
    if !store::credentials::end_session(&tx.db, &hash, tx.now)? {
        return Err(Conflict::Other("the session had already ended".into()).into());
    }
    audit::record(tx, "auth.logout", Target::User(row.user_id, &row.email), json!({}))
}

/// `user impersonate`: a one-hour session for USER, marked with the actor.
/// Nobody may impersonate a user who holds an ability they lack.
pub fn impersonate(tx: &Tx, user: &str) -> Result<(String, DateTime<Utc>)> {
    tx.actor.require("users.impersonate")?;
    let target = users::find(tx, user)?;
    tx.actor.refuse_self(target.id, "impersonate")?;
    if target.status != Status::Active {
        return Err(Conflict::WrongState {
            action: "impersonate",
            user: target.label(),
            status: target.status.to_string(),
        }
        .into());
    }
    crate::access::rank_over(&tx.db, &tx.actor, target.id)?;
    let (token, expires) = open_session(tx, target.id, Duration::hours(1), Some(&tx.actor.label), None)?;
    audit::record(
        tx,
        "user.impersonate",
        Target::User(target.id, target.email()),
        json!({ "by": tx.actor.label, "until": expires }),
    )?;
    Ok((token, expires))
}

/// Removes sessions that ended or expired (a `maintain` job).
pub fn purge_sessions(tx: &Tx, dry_run: bool) -> Result<u64> {
    tx.actor.require("users.manage")?;
    store::credentials::purge_sessions(&tx.db, tx.now, dry_run)
}

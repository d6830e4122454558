//! Two-step verification (TOTP, RFC 6238: SHA-1, 6 digits, 30 s): enroll,
//! confirm with a first code, disable; codes are accepted within one step
//! either side and never twice.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use totp_rs::{Builder, Secret, Totp};

use crate::audit::{self, Target};
use crate::error::{Conflict, Error, Result};
use crate::session::Tx;
use crate::{org, store, users};

fn totp(secret_base32: &str, account: &str, issuer: Option<&str>) -> Result<Totp> {
    let secret =
        Secret::try_from_base32(secret_base32).map_err(|e| Error::Internal(format!("stored TOTP secret: {e}")))?;
    Builder::new()
        .with_secret(secret)
        .with_skew(1)
        .with_account_name(account)
        .with_issuer(issuer)
        .build()
        .map_err(|e| Error::Internal(format!("TOTP: {e}")))
}

/// The time step a code matches (within ±1 step of `now`), if it is newer than
/// the last one used.
pub fn check(
    secret: &str,
    account: &str,
    code: &str,
    now: DateTime<Utc>,
    last_step: Option<u64>,
) -> Result<Option<u64>> {
    let t = totp(secret, account, None)?;
    let seconds = u64::try_from(now.timestamp()).unwrap_or(0);
    Ok(t.check(code.trim(), seconds).filter(|step| last_step.is_none_or(|last| *step > last)))
}

/// Shown once, at enrollment: the secret, the `otpauth://` URI and its QR code.
#[derive(Debug, Clone, Serialize)]
pub struct Enrollment {
    pub user: String,
    pub secret: String,
    pub uri: String,
    #[serde(skip)]
    pub qr: String,
}

/// Oneself, or another user with `users.manage` and rank.
fn may_manage(tx: &Tx, user_id: i64) -> Result<()> {
    if tx.actor.is(user_id) {
        return Ok(());
    }
    tx.actor.require("users.manage")?;
    crate::access::rank_over(&tx.db, &tx.actor, user_id)
}

/// Starts enrollment; `confirm` with a first code completes it.
pub fn enroll(tx: &Tx, user: &str) -> Result<Enrollment> {
    let target = users::find(tx, user)?;
    may_manage(tx, target.id)?;
    let secret = Secret::generate().to_base32();
    let issuer = org::show(tx)?.name;
    let t = totp(&secret, target.email(), Some(&issuer))?;
    let uri = t.to_url().map_err(|e| Error::Internal(format!("TOTP URI: {e}")))?;
    let qr = qrcode::QrCode::new(uri.as_bytes())
        .map(|code| code.render::<qrcode::render::unicode::Dense1x2>().quiet_zone(true).build())
        .map_err(|e| Error::Internal(format!("QR code: {e}")))?;
    store::credentials::set_totp_pending(&tx.db, target.id, Some(&tx.encrypt(&secret)?))?;
    audit::record(tx, "user.2fa.enroll", Target::User(target.id, target.email()), json!({}))?;
    Ok(Enrollment { user: target.email().to_owned(), secret, uri, qr })
}

pub fn confirm(tx: &Tx, user: &str, code: &str) -> Result<()> {
    let target = users::find(tx, user)?;
    may_manage(tx, target.id)?;
    let creds = store::credentials::by_id(&tx.db, target.id)?.ok_or_else(|| Error::not_found("user", user))?;
    let Some(pending) = creds.totp_pending.clone() else {
        return Err(Conflict::Other(format!(
            "{} has no enrollment to confirm; run `user 2fa enroll` first",
            target.email()
        ))
        .into());
    };
    let Some(step) = check(&tx.decrypt(&pending)?, target.email(), code, tx.now, None)? else {
        // Counted like a wrong login code, and kept though refused.
        crate::auth::wrong(tx, &creds, "wrong_totp")?;
        return Err(Error::AuthFailed("wrong code".into()));
    };
    store::credentials::set_totp(&tx.db, target.id, Some(&pending), Some(step))?;
    crate::auth::end_sessions(tx, target.id)?;
    audit::record(tx, "user.2fa.confirm", Target::User(target.id, target.email()), json!({}))?;
    Ok(())
}

pub fn disable(tx: &Tx, user: &str) -> Result<()> {
    let target = users::find(tx, user)?;
    may_manage(tx, target.id)?;
    store::credentials::set_totp(&tx.db, target.id, None, None)?;
    crate::auth::end_sessions(tx, target.id)?;
    audit::record(tx, "user.2fa.disable", Target::User(target.id, target.email()), json!({}))?;
    Ok(())
}

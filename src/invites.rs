//! Invites: send (a user in status `invited`, a token mailed and stored as its
//! hash), resend, revoke, accept, expire. Invites take seats, all or nothing.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use serde_json::json;

use crate::audit::{self, Target};
use crate::auth::{new_token, token_hash};
use crate::error::{Conflict, Error, Result};
use crate::passwords::{self, Policy};
use crate::session::{Roster, Tx};
use crate::store::invites::NewInvite;
use crate::users::{self, Field, NewUser, Status, fields, lifecycle};
use crate::{groups, mail, messages, org, seats, store, types};

pub use crate::model::invite::{Delivery, Invite, Which, shown_status};

/// Roles, groups and a note for the invites of one command.
#[derive(Debug, Clone, Default)]
pub struct Spec {
    pub roles: Vec<String>,
    pub groups: Vec<String>,
    /// Abilities granted directly, as `ability grant` grants them.
    pub abilities: Vec<String>,
    pub message: Option<String>,
    /// Name, surname, phone as the admin knows them (one address only); a
    /// name made from the address stands in for one not given.
    pub profile: Vec<(Field, String)>,
}

fn expiry(tx: &Tx) -> Result<DateTime<Utc>> {
    let days = i64::try_from(tx.policies()?.invite_ttl_days).unwrap_or(i64::MAX / 86_400_000);
    Ok(tx.now + Duration::days(days))
}

/// A name to greet the invitee with until they give theirs: `ana.silva` is
/// Ana Silva.
fn names_from(email: &str) -> (String, String) {
    let local = email.split('@').next().unwrap_or(email);
    let mut words = local.split(['.', '_', '-']).filter(|w| !w.is_empty()).map(|w| {
        let mut c = w.chars();
        c.next().map(|f| f.to_uppercase().chain(c).collect::<String>()).unwrap_or_default()
    });
    let first = words.next().unwrap_or_else(|| local.to_owned());
    let rest: Vec<String> = words.collect();
    let last = if rest.is_empty() { first.clone() } else { rest.join(" ") };
    (first, last)
}

/// Sends invites to several addresses: all are created and mailed, or none
/// (for example when they need more seats than are free).
pub fn send(tx: &Tx, emails: &[String], spec: &Spec) -> Result<Vec<Invite>> {
    tx.actor.require("invites.manage")?;
    if emails.is_empty() {
        return Err(Error::invalid("emails", "", "give at least one address"));
    }
    if let (Some((field, value)), true) = (spec.profile.first(), emails.len() > 1) {
        return Err(Error::invalid(field.name(), value, "is for one invitee: give one address with it"));
    }
    let mut sent = Vec::with_capacity(emails.len());
    users::adding_many(tx, || {
        for raw in emails {
            let email = types::Email::parse(raw)?;
            let (name, surname) = names_from(email.as_str());
            let given = |field| spec.profile.iter().find(|(f, _)| *f == field).map(|(_, v)| v.as_str());
            let mut input = vec![
                (Field::Email, email.as_str()),
                (Field::Name, given(Field::Name).unwrap_or(&name)),
                (Field::Surname, given(Field::Surname).unwrap_or(&surname)),
            ];
            input.extend(
                spec.profile
                    .iter()
                    .filter(|(f, _)| !matches!(f, Field::Name | Field::Surname))
                    .map(|(f, v)| (*f, v.as_str())),
            );
            let new = fields::new_user(input, spec.roles.clone())?;
            sent.push(invite_raw(tx, NewUser { status: Status::Invited, ..new }, spec)?);
        }
        Ok(())
    })?;
    seats::ensure_fits(tx, sent.len() as u64)?;
    Ok(sent)
}

/// `user add --invite`: one invite for a user with a full profile.
pub fn send_for(tx: &Tx, new: NewUser, spec: &Spec) -> Result<Invite> {
    tx.actor.require("invites.manage")?;
    let invite = invite_raw(tx, NewUser { status: Status::Invited, ..new }, spec)?;
    seats::ensure_fits(tx, 1)?;
    Ok(invite)
}

fn invite_raw(tx: &Tx, new: NewUser, spec: &Spec) -> Result<Invite> {
    let email = new.profile.email().to_owned();
    if let Some(id) = store::users::id_by_email(&tx.db, &email)? {
        let (existing, status) = store::users::email_and_status(&tx.db, id)?;
        let hint = match status {
            Status::Archived => "; bring them back with `roster user reactivate`",
            Status::Invited => "; use `roster invite resend`",
            _ => "",
        };
        return Err(Conflict::Other(format!("{existing} is already a user ({status}){hint}")).into());
    }
    let id = users::add_raw(tx, &new, false, &std::collections::BTreeMap::new())?;
    for group in &spec.groups {
        groups::add(tx, group, &[id.to_string()])?;
    }
    if !spec.abilities.is_empty() {
        crate::roles::grant_abilities(tx, &id.to_string(), &spec.abilities)?;
    }
    issue(tx, id, &new, spec.message.as_deref())?;
    store::invites::open_of(&tx.db, id)?.ok_or_else(|| Error::Internal("invite vanished".into()))
}

/// The invite of a user just created as `invited` (by `invite send` or an
/// import with `--send-invites`): a token, the invite row, the mail, the entry.
pub(crate) fn issue(tx: &Tx, id: i64, new: &NewUser, note: Option<&str>) -> Result<()> {
    let email = new.profile.email();
    let token = new_token();
    let expires_at = expiry(tx)?;
    let roles = {
        let mut r = new.roles.clone();
        r.sort();
        r.join(";")
    };
    let invite_id = store::invites::insert(
        &tx.db,
        &NewInvite {
            user_id: id,
            email,
            roles: &roles,
            token_hash: &token_hash(&token),
            created_by: &tx.actor.label,
            now: tx.now,
            expires_at,
        },
    )?;
    let mail_id = queue_invite(tx, new, &token, expires_at, note)?;
    store::invites::set_mail(&tx.db, invite_id, mail_id)?;
    audit::record(tx, "invite.send", Target::User(id, email), json!({ "roles": new.roles, "expires_at": expires_at }))
}

/// Queues the invite mail; returns its id.
fn queue_invite(tx: &Tx, new: &NewUser, token: &str, expires_at: DateTime<Utc>, note: Option<&str>) -> Result<i64> {
    let org = org::show(tx)?.name;
    let name = format!(
        "{} {}",
        new.profile.get(Field::Name).unwrap_or_default(),
        new.profile.get(Field::Surname).unwrap_or_default()
    );
    mail::queue(
        tx,
        &messages::invite(&messages::Invite {
            to: new.profile.email(),
            to_name: Some(name.trim()),
            language: new.profile.get(Field::Language).unwrap_or("en"),
            org: &org,
            inviter: &tx.actor.label,
            roles: &new.roles,
            token,
            expires_on: expires_at.date_naive(),
            note,
        }),
    )
}

/// `invite list`: open invites unless `--status` or `--all` says otherwise.
pub fn list(tx: &Tx, status: Option<&str>, all: bool) -> Result<Vec<Invite>> {
    tx.actor.require("invites.manage")?;
    let which = Which::parse(status, all).ok_or_else(|| match status {
        Some(s) if !all => {
            Error::invalid("status", s, "one of open (or pending), accepted, confirmed, revoked, expired")
        }
        _ => Error::invalid("status", status.unwrap_or_default(), "give --status or --all, not both"),
    })?;
    store::invites::list(&tx.db, which)
}

/// The invites as they are now: their delivery, after the mail went out.
pub fn again(tx: &Tx, invites: &[Invite]) -> Result<Vec<Invite>> {
    tx.actor.require("invites.manage")?;
    invites.iter().map(|i| store::invites::by_id(&tx.db, i.id)).collect()
}

/// The open invite of the user with this address: the invite follows its
/// user, so one found by any spelling of the mailbox, after an email change too.
fn open_invite(tx: &Tx, email: &str) -> Result<Invite> {
    let missing = || Error::not_found("open invite", email.trim());
    let id = users::find_id(tx, email).map_err(|_| missing())?;
    store::invites::open_of(&tx.db, id)?.ok_or_else(missing)
}

/// A new token for each (the old one stops working) and a renewed expiry.
pub fn resend(tx: &Tx, emails: &[String]) -> Result<Vec<Invite>> {
    tx.actor.require("invites.manage")?;
    let mut out = Vec::new();
    for email in emails {
        let row = open_invite(tx, email)?;
        if let Some(user_id) = row.user_id {
            crate::access::rank_over(&tx.db, &tx.actor, user_id)?;
        }
        out.push(reissue(tx, &row)?);
    }
    Ok(out)
}

/// Replaces an open invite's token, renews its expiry and mails it to the
/// user's address as it is now.
fn reissue(tx: &Tx, row: &Invite) -> Result<Invite> {
    let user_id = row.user_id.ok_or_else(|| Error::Internal("an open invite without its user".into()))?;
    let user = users::find(tx, &user_id.to_string())?;
    let token = new_token();
    let expires_at = expiry(tx)?;
    store::invites::cancel_queued_invites(&tx.db, &row.email)?;
    store::invites::resend(&tx.db, row.id, &token_hash(&token), tx.now, expires_at)?;
    let new = NewUser {
        profile: user.profile.clone(),
        roles: user.roles.clone(),
        status: Status::Invited,
        brands: user.brands.clone(),
    };
    let mail_id = queue_invite(tx, &new, &token, expires_at, None)?;
    store::invites::set_mail(&tx.db, row.id, mail_id)?;
    audit::record(tx, "invite.resend", Target::User(user.id, user.email()), json!({ "expires_at": expires_at }))?;
    store::invites::open_of(&tx.db, user.id)?.ok_or_else(|| Error::Internal("invite vanished".into()))
}

/// An invited user's address changed (`user edit --email`): the invite
/// moves with them and is sent again to the new address; the token mailed to
/// the old one stops working.
pub(crate) fn follow_email_change(tx: &Tx, user_id: i64, old_email: &str, new_email: &str) -> Result<()> {
    let Some(row) = store::invites::open_of(&tx.db, user_id)? else {
        return Ok(());
    };
    store::invites::cancel_queued_invites(&tx.db, old_email)?;
    store::invites::move_open(&tx.db, user_id, new_email)?;
    reissue(tx, &Invite { email: new_email.to_owned(), ..row })?;
    Ok(())
}

/// Ends each invite and removes the invited user, freeing the seat.
pub fn revoke(tx: &Tx, emails: &[String]) -> Result<u64> {
    tx.actor.require("invites.manage")?;
    for email in emails {
        let row = open_invite(tx, email)?;
        let user_id = row.user_id.ok_or_else(|| Error::Internal("an open invite without its user".into()))?;
        crate::access::rank_over(&tx.db, &tx.actor, user_id)?;
        lifecycle::apply_one(tx, user_id, &lifecycle::REVOKE, None, None, false)?;
    }
    Ok(emails.len() as u64)
}

/// What accepting did.
#[derive(Debug, Clone, Serialize)]
pub struct Accepted {
    pub user: String,
}

/// Accepts an invite: the token (unknown, expired, revoked or used: exit 7,
/// nothing changed), the password policy, and the user becomes active.
pub fn accept(tx: &Tx, token: &str, password: &str, name: Option<&str>, surname: Option<&str>) -> Result<Accepted> {
    let refused = |why: &str| Error::AuthFailed(format!("the invite {why}"));
    let Some(row) = store::invites::by_token(&tx.db, &token_hash(token))? else {
        passwords::verify_nothing(password);
        return Err(refused("token is unknown, or was replaced, revoked or used"));
    };
    if !row.is_open() {
        return Err(refused(&format!("was {}", row.status)));
    }
    if row.expires_at <= tx.now {
        return Err(refused(&format!("expired on {}", row.expires_at.date_naive())));
    }
    let user_id = row.user_id.ok_or_else(|| refused("has no user any more"))?;
    let user = users::find(tx, &user_id.to_string())?;
    if user.status != Status::Invited {
        return Err(refused(&format!("is closed: {} is {}", user.email(), user.status)));
    }
    let given: Vec<(Field, &str)> =
        [(Field::Name, name), (Field::Surname, surname)].into_iter().filter_map(|(f, v)| v.map(|v| (f, v))).collect();
    let patch = fields::patch(given).map_err(|mut e| Error::Invalid(e.remove(0)))?;
    let mut profile = user.profile.clone();
    for (field, value) in &patch.changes {
        profile.set(*field, value.clone());
    }
    Policy::load(tx)?.check(password, &profile)?;
    users::edit_raw(tx, &user, &patch)?;
    store::credentials::set_password(&tx.db, user.id, &passwords::hash(password)?, false, tx.now)?;
    lifecycle::apply_one(tx, user.id, &lifecycle::ACCEPT, None, None, false)?;
    Ok(Accepted { user: profile.email().to_owned() })
}

/// Ends every overdue invite whose user is still invited (`expired`) and
/// removes that user, freeing the seat, in one transaction. Set-based;
/// idempotent; a `maintain` job.
pub fn expire(roster: &mut Roster, dry_run: bool) -> Result<u64> {
    // The same targets for the dry run and the real one. An invitee who
    // already owns open work is not removed by a cron job: the invite stays
    // overdue until someone decides.
    let gather = |tx: &Tx| -> Result<u64> {
        tx.actor.require("invites.manage")?;
        store::lifecycle::clear_targets(&tx.db)?;
        store::invites::add_overdue_targets(&tx.db, tx.now)?;
        store::lifecycle::remove_targets_with_open_assignments(&tx.db)?;
        store::lifecycle::target_count(&tx.db)
    };
    if dry_run {
        return roster.preview(gather);
    }
    roster.write_deleting_many(|tx| {
        gather(tx)?;
        let n = lifecycle::apply(tx, &lifecycle::EXPIRE, None, None, false)?;
        store::lifecycle::clear_targets(&tx.db)?;
        if n > 0 {
            audit::record(tx, "invite.expire.bulk", Target::None, json!({ "count": n }))?;
        }
        Ok(n)
    })
}

/// `user welcome`: login instructions, and for a user without a password a
/// one-time set-password token (valid `invite_ttl_days`).
pub fn welcome(tx: &Tx, keys: &[String]) -> Result<u64> {
    tx.actor.require("invites.manage")?;
    let org = org::show(tx)?.name;
    for key in keys {
        let user = users::find(tx, key)?;
        // A welcome says "sign in": only an active user can.
        let hint = match user.status {
            Status::Active => None,
            Status::Invited => Some("send their invite again with `roster invite resend`"),
            Status::Blocked => Some("unblock them first"),
            Status::Archived => Some("reactivate them first"),
        };
        if let Some(hint) = hint {
            return Err(Conflict::WrongState {
                action: "welcome",
                user: user.label(),
                status: format!("{} ({hint})", user.status),
            }
            .into());
        }
        let token = if user.password_set {
            None
        } else {
            let token = new_token();
            store::invites::insert_reset(&tx.db, &token_hash(&token), user.id, tx.now, expiry(tx)?)?;
            Some(token)
        };
        let name = format!(
            "{} {}",
            user.profile.get(Field::Name).unwrap_or_default(),
            user.profile.get(Field::Surname).unwrap_or_default()
        );
        let language = user.profile.get(Field::Language).unwrap_or("en");
        mail::queue(tx, &messages::welcome(user.email(), Some(name.trim()), language, &org, token.as_deref()))?;
        audit::record(
            tx,
            "user.welcome",
            Target::User(user.id, user.email()),
            json!({ "set_password_token": token.is_some() }),
        )?;
    }
    Ok(keys.len() as u64)
}

/// `auth reset-password`: a welcome mail's one-time token sets the password.
pub fn reset_password(tx: &Tx, token: &str, password: &str) -> Result<String> {
    let Some(user_id) = store::invites::take_reset(&tx.db, &token_hash(token), tx.now)? else {
        passwords::verify_nothing(password);
        return Err(Error::AuthFailed("the code is unknown, used or expired".into()));
    };
    let user = users::find(tx, &user_id.to_string())?;
    Policy::load(tx)?.check(password, &user.profile)?;
    store::credentials::set_password(&tx.db, user.id, &passwords::hash(password)?, false, tx.now)?;
    crate::auth::end_sessions(tx, user.id)?;
    audit::record(tx, "auth.reset_password", Target::User(user.id, user.email()), json!({}))?;
    Ok(user.email().to_owned())
}

/// Removes used or expired set-password tokens (part of a `maintain` job).
pub fn purge_resets(tx: &Tx) -> Result<u64> {
    store::invites::purge_resets(&tx.db, tx.now)
}

//! The organization (one per database), its plan, and its policies.

use serde::Serialize;

use crate::audit::{self, Changes, Target};
use crate::error::{Conflict, Error, Result};
use crate::session::Tx;
use crate::users::{Status, UserFilter, lifecycle};
use crate::{seats, store, types};

/// `standard` with a number of seats, or `enterprise`: unlimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "plan", rename_all = "snake_case")]
pub enum Plan {
    Standard { seats: u64 },
    Enterprise,
}

impl Plan {
    pub fn seats(self) -> Option<u64> {
        match self {
            Plan::Standard { seats } => Some(seats),
            Plan::Enterprise => None,
        }
    }

    pub fn describe(self) -> String {
        match self {
            Plan::Standard { seats } => format!("standard ({seats} seats)"),
            Plan::Enterprise => "enterprise (unlimited seats)".to_owned(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Org {
    pub name: String,
    #[serde(flatten)]
    pub plan: Plan,
    pub mail_from: Option<String>,
    pub initialized_at: Option<String>,
}

/// Changes to the organization; `None` leaves a field alone.
#[derive(Debug, Clone, Default)]
pub struct OrgPatch {
    pub name: Option<String>,
    pub plan: Option<Plan>,
    /// `Some(None)` clears the sender.
    pub mail_from: Option<Option<String>>,
}

fn load(tx: &Tx) -> Result<Org> {
    let row = store::org::get(&tx.db)?;
    Ok(Org {
        name: row.name,
        plan: row.seats.map_or(Plan::Enterprise, |seats| Plan::Standard { seats }),
        mail_from: row.mail_from,
        initialized_at: row.initialized_at,
    })
}

fn save(tx: &Tx, org: &Org) -> Result<()> {
    store::org::put(
        &tx.db,
        &store::org::OrgRow {
            name: org.name.clone(),
            seats: org.plan.seats(),
            mail_from: org.mail_from.clone(),
            initialized_at: org.initialized_at.clone(),
        },
    )
}

pub fn show(tx: &Tx) -> Result<Org> {
    load(tx)
}

/// `roster init`: names the organization and sets its plan, once.
pub fn init(tx: &Tx, name: &str, plan: Plan) -> Result<Org> {
    tx.actor.require("org.manage")?;
    let mut org = load(tx)?;
    if org.initialized_at.is_some() {
        return Err(Conflict::AlreadyInitialized { name: org.name }.into());
    }
    org.name = types::text("org name", name)?;
    seats::ensure_plan_fits(tx, plan)?;
    org.plan = plan;
    org.initialized_at = Some(store::timestamp(tx.now));
    save(tx, &org)?;
    let mut changes = Changes::default();
    changes.push("name", None, Some(&org.name));
    changes.push("plan", None, Some(&plan.describe()));
    audit::record(tx, "org.init", Target::Named("org".into()), changes.into_value())?;
    Ok(org)
}

pub fn set(tx: &Tx, patch: OrgPatch) -> Result<Org> {
    tx.actor.require("org.manage")?;
    let mut org = load(tx)?;
    let mut changes = Changes::default();
    if let Some(name) = patch.name {
        let name = types::text("org name", &name)?;
        if name != org.name {
            changes.push("name", Some(&org.name), Some(&name));
            org.name = name;
        }
    }
    if let Some(plan) = patch.plan {
        tx.actor.require("seats.manage")?;
        if plan != org.plan {
            seats::ensure_plan_fits(tx, plan)?;
            changes.push("plan", Some(&org.plan.describe()), Some(&plan.describe()));
            org.plan = plan;
        }
    }
    if let Some(mail_from) = patch.mail_from {
        let mail_from = mail_from.map(|m| types::mailbox("mail_from", &m)).transpose()?;
        if mail_from != org.mail_from {
            changes.push("mail_from", org.mail_from.as_deref(), mail_from.as_deref());
            org.mail_from = mail_from;
        }
    }
    if !changes.is_empty() {
        save(tx, &org)?;
        audit::record(tx, "org.set", Target::Named("org".into()), changes.into_value())?;
    }
    Ok(org)
}

/// Where mail goes: an `smtp://` or `smtps://` URL (`ROSTER_SMTP_URL` wins),
/// or `None` for `.eml` files next to the database.
pub fn set_smtp_url(tx: &Tx, url: Option<&str>) -> Result<()> {
    tx.actor.require("org.manage")?;
    let url = url.map(str::trim).filter(|u| !u.is_empty());
    if let Some(u) = url {
        if !(u.starts_with("smtp://") || u.starts_with("smtps://")) {
            return Err(Error::invalid("smtp-url", masked(u), "use smtp://[user:password@]host[:port] or smtps://…"));
        }
    }
    // One this key file cannot open is replaced all the same (it is what
    // `org set` is for then); the trail says so.
    let old = smtp_url(tx).unwrap_or_else(|_| Some("(one this key file cannot open)".into()));
    // Kept encrypted: it may hold the mail server's password.
    store::invites::set_smtp_url(&tx.db, url.map(|u| tx.encrypt(u)).transpose()?.as_deref())?;
    let mut changes = Changes::default();
    changes.push("smtp_url", old.as_deref().map(masked).as_deref(), url.map(masked).as_deref());
    audit::record(tx, "org.set", Target::Named("org".into()), changes.into_value())
}

/// The SMTP URL `org set --smtp-url` stored, decrypted (writers only, as
/// every secret).
pub fn smtp_url(tx: &Tx) -> Result<Option<String>> {
    store::invites::smtp_url(&tx.db)?.map(|stored| tx.decrypt(&stored)).transpose()
}

pub use crate::model::types::masked;

/// How a policy's value is checked.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Number {
        min: u64,
        max: u64,
    },
    Bool,
    /// A group name, or `none`.
    Group,
}

struct Definition {
    key: &'static str,
    default: &'static str,
    kind: Kind,
    description: &'static str,
}

const DEFINITIONS: &[Definition] = &[
    Definition {
        key: "password_min_length",
        default: "12",
        kind: Kind::Number { min: 8, max: 128 },
        description: "shortest password accepted",
    },
    Definition {
        key: "password_require_mixed_case",
        default: "true",
        kind: Kind::Bool,
        description: "passwords need upper and lower case letters",
    },
    Definition {
        key: "password_require_symbol",
        default: "true",
        kind: Kind::Bool,
        description: "passwords need a character that is not a letter or digit",
    },
    Definition {
        key: "max_failed_logins",
        default: "5",
        kind: Kind::Number { min: 1, max: 100 },
        description: "the failure that blocks the account",
    },
    Definition {
        key: "dormant_after_days",
        default: "90",
        kind: Kind::Number { min: 1, max: 3650 },
        description: "days without login before an account is locked as dormant",
    },
    Definition {
        key: "password_max_age_days",
        default: "120",
        kind: Kind::Number { min: 0, max: 3650 },
        description: "days a password stays valid (0 = never expires)",
    },
    Definition {
        key: "invite_ttl_days",
        default: "7",
        kind: Kind::Number { min: 1, max: 365 },
        description: "days an invite stays valid after its last send",
    },
    Definition {
        key: "require_2fa",
        default: "false",
        kind: Kind::Bool,
        description: "every user must use two-step verification",
    },
    Definition {
        key: "password_min_strength",
        default: "0",
        kind: Kind::Number { min: 0, max: 4 },
        description: "minimum zxcvbn score 0-4 (0 = off)",
    },
    Definition {
        key: "dormant_exempt_group",
        default: "none",
        kind: Kind::Group,
        description: "members of this group are never locked as dormant",
    },
    Definition {
        key: "session_ttl_hours",
        default: "12",
        kind: Kind::Number { min: 1, max: 8760 },
        description: "hours a login session lasts",
    },
    Definition {
        key: "mail_max_attempts",
        default: "5",
        kind: Kind::Number { min: 1, max: 100 },
        description: "delivery attempts before a mail is given up (status failed)",
    },
];

/// One policy as shown by `policy show`.
#[derive(Debug, Clone, Serialize)]
pub struct Policy {
    pub key: &'static str,
    pub value: String,
    pub default: &'static str,
    pub description: &'static str,
}

fn definition(key: &str) -> Result<&'static Definition> {
    let wanted = key.trim().replace('-', "_");
    DEFINITIONS.iter().find(|d| d.key.eq_ignore_ascii_case(&wanted)).ok_or_else(|| {
        let keys: Vec<&str> = DEFINITIONS.iter().map(|d| d.key).collect();
        Error::invalid("policy", key, format!("not a policy (one of {})", keys.join(", ")))
    })
}

fn normalize(tx: &Tx, def: &Definition, raw: &str) -> Result<String> {
    let value = raw.trim();
    match def.kind {
        Kind::Number { min, max } => match value.parse::<u64>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n.to_string()),
            _ => Err(Error::invalid(def.key, raw, format!("a whole number from {min} to {max}"))),
        },
        Kind::Bool => match value.to_ascii_lowercase().as_str() {
            "true" | "yes" | "on" | "1" => Ok("true".into()),
            "false" | "no" | "off" | "0" => Ok("false".into()),
            _ => Err(Error::invalid(def.key, raw, "true or false")),
        },
        Kind::Group if value.eq_ignore_ascii_case("none") || value.is_empty() => Ok("none".into()),
        Kind::Group => match store::groups::find(&tx.db, value)? {
            Some(group) => Ok(group.name),
            None => Err(Error::invalid(def.key, raw, "no such group (create it with `roster group create`), or none")),
        },
    }
}

pub fn policies(tx: &Tx) -> Result<Vec<Policy>> {
    let stored = store::org::policies(&tx.db)?;
    Ok(DEFINITIONS
        .iter()
        .map(|d| Policy {
            key: d.key,
            value: stored.iter().find(|(k, _)| k == d.key).map_or_else(|| d.default.to_owned(), |(_, v)| v.clone()),
            default: d.default,
            description: d.description,
        })
        .collect())
}

/// A policy's current value as stored (or its default), for display.
fn policy(tx: &Tx, key: &str) -> Result<String> {
    let def = definition(key)?;
    Ok(store::org::policy(&tx.db, def.key)?.unwrap_or_else(|| def.default.to_owned()))
}

/// Every policy, typed: what the rules that enforce them read, once per
/// transaction (`Tx::policies`). A stored value that does not parse fails
/// the command (closed), never silently becomes 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policies {
    pub password_min_length: u64,
    pub password_require_mixed_case: bool,
    pub password_require_symbol: bool,
    pub max_failed_logins: u64,
    pub dormant_after_days: u64,
    /// 0: passwords never expire.
    pub password_max_age_days: u64,
    pub invite_ttl_days: u64,
    pub require_2fa: bool,
    pub password_min_strength: u64,
    pub dormant_exempt_group: Option<String>,
    pub session_ttl_hours: u64,
    pub mail_max_attempts: u64,
}

impl Policies {
    /// Reads the stored values over the defaults of `DEFINITIONS`.
    pub(crate) fn load(db: &crate::store::db::Db) -> Result<Policies> {
        let stored = store::org::policies(db)?;
        let raw = |key: &str| -> Result<(&'static Definition, String)> {
            let def = DEFINITIONS
                .iter()
                .find(|d| d.key == key)
                .ok_or_else(|| Error::Internal(format!("no policy named {key}")))?;
            let value = stored.iter().find(|(k, _)| k == key).map_or(def.default, |(_, v)| v.as_str());
            Ok((def, value.to_owned()))
        };
        let unreadable = |def: &Definition, value: &str, expected: String| Error::Database {
            path: format!("policy {}", def.key),
            problem: format!("stored value {value:?} is not {expected}; set it again with `roster policy set`"),
        };
        let number = |key: &str| -> Result<u64> {
            let (def, value) = raw(key)?;
            let Kind::Number { min, max } = def.kind else {
                return Err(Error::Internal(format!("{key} is no number")));
            };
            value
                .parse::<u64>()
                .ok()
                .filter(|n| (min..=max).contains(n))
                .ok_or_else(|| unreadable(def, &value, format!("a whole number from {min} to {max}")))
        };
        let flag = |key: &str| -> Result<bool> {
            let (def, value) = raw(key)?;
            match value.as_str() {
                "true" => Ok(true),
                "false" => Ok(false),
                _ => Err(unreadable(def, &value, "true or false".into())),
            }
        };
        let group = raw("dormant_exempt_group")?.1;
        Ok(Policies {
            password_min_length: number("password_min_length")?,
            password_require_mixed_case: flag("password_require_mixed_case")?,
            password_require_symbol: flag("password_require_symbol")?,
            max_failed_logins: number("max_failed_logins")?,
            dormant_after_days: number("dormant_after_days")?,
            password_max_age_days: number("password_max_age_days")?,
            invite_ttl_days: number("invite_ttl_days")?,
            require_2fa: flag("require_2fa")?,
            password_min_strength: number("password_min_strength")?,
            dormant_exempt_group: (group != "none").then_some(group),
            session_ttl_hours: number("session_ttl_hours")?,
            mail_max_attempts: number("mail_max_attempts")?,
        })
    }
}

/// Whom a policy value catches: users whose password it makes too old,
/// active users without 2FA when it is required, accounts it makes dormant.
#[derive(Debug, Clone, Serialize)]
pub struct Impact {
    pub what: String,
    pub affected: u64,
    /// The first emails (up to 20).
    pub users: Vec<String>,
}

/// Counted with the same queries that enforce each policy, so the preview
/// is what will happen (the dormancy preview spares who lock-dormant spares).
fn impact(tx: &Tx, key: &str, value: &str) -> Result<Option<Impact>> {
    let days = value.parse::<u64>().unwrap_or(0);
    let (what, (affected, users)) = match key {
        "password_max_age_days" if days > 0 => {
            let before = tx.now - chrono::Duration::days(i64::try_from(days).unwrap_or(i64::MAX / 86_400_000));
            let filter = UserFilter {
                status: Some(Status::Active),
                password_changed_before: Some(before),
                ..UserFilter::default()
            };
            (
                format!("passwords older than {days} days (login will say password_expired)"),
                lifecycle::matching(tx, &filter)?,
            )
        }
        "require_2fa" if value == "true" => (
            "active users without two-step verification (asked to enroll at next login)".to_owned(),
            store::credentials::without_totp(&tx.db, 20)?,
        ),
        "dormant_after_days" => {
            let found = lifecycle::dormant(tx, Some(days), true)?;
            (
                format!("active users with no login for {days} days (lock-dormant will block them)"),
                (found.dormant, found.users),
            )
        }
        _ => return Ok(None),
    };
    Ok(Some(Impact { what, affected, users }))
}

/// Sets a policy (or, with `dry_run`, only says whom the new value affects).
pub fn set_policy(tx: &Tx, key: &str, value: &str, dry_run: bool) -> Result<(Policy, Option<Impact>)> {
    tx.actor.require("org.manage")?;
    let def = definition(key)?;
    let value = normalize(tx, def, value)?;
    let found = impact(tx, def.key, &value)?;
    if dry_run {
        return Ok((Policy { key: def.key, value, default: def.default, description: def.description }, found));
    }
    let old = policy(tx, def.key)?;
    if old != value {
        store::org::set_policy(&tx.db, def.key, &value)?;
        tx.forget_policies();
        if def.key == "require_2fa" && value == "true" {
            // Those not enrolled must enroll at their next login, not carry on.
            store::credentials::end_sessions_without_totp(&tx.db, tx.now)?;
        }
        let mut changes = Changes::default();
        changes.push(def.key, Some(&old), Some(&value));
        audit::record(tx, "policy.set", Target::Named(format!("policy:{}", def.key)), changes.into_value())?;
    }
    Ok((Policy { key: def.key, value, default: def.default, description: def.description }, found))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Roster;

    #[test]
    fn policies_are_typed_with_their_defaults_and_fail_closed() {
        let dir = tempfile::tempdir().unwrap();
        let mut roster = Roster::create(&dir.path().join("r.db"), None, "test", chrono::Utc::now()).unwrap();
        let policies = roster.read(|tx| tx.policies()).unwrap();
        assert_eq!((policies.max_failed_logins, policies.invite_ttl_days, policies.require_2fa), (5, 7, false));
        assert_eq!(policies.dormant_exempt_group, None);
        // A value set in a transaction is what the rest of it reads.
        let seen = roster
            .write(|tx| {
                tx.policies()?;
                set_policy(tx, "max-failed-logins", "3", false)?;
                Ok(tx.policies()?.max_failed_logins)
            })
            .unwrap();
        assert_eq!(seen, 3);
        // A stored value that does not parse fails the command, not to 0.
        roster.write(|tx| store::org::set_policy(&tx.db, "max_failed_logins", "lots")).unwrap();
        let err = roster.read(|tx| tx.policies()).unwrap_err();
        assert!(err.to_string().contains("max_failed_logins"), "{err}");
    }
}

//! An account over its life: block, unblock, archive, reactivate, delete —
//! for one user, several, or every user a filter matches, in set-based SQL.

use serde::Serialize;
use serde_json::json;

use super::{Status, UserFilter, find};
use crate::access::Rails;
use crate::audit::{self, Target};
use crate::error::{Conflict, Denied, Error, Result};
use crate::session::Tx;
use crate::store::{self, lifecycle};

/// Whom a transition applies to: users named by email or id, or a filter.
#[derive(Debug, Clone)]
pub enum Targets {
    Users(Vec<String>),
    Filter(UserFilter),
}

/// What to do with the open assignments of users being deleted.
#[derive(Debug, Clone)]
pub enum Assignments {
    /// Refuse, listing them.
    Refuse,
    /// Move them to this user.
    ReassignTo(String),
    /// Drop them with the users.
    Drop,
}

/// What a transition did.
#[derive(Debug, Clone, Serialize)]
pub struct Transition {
    pub action: &'static str,
    pub changed: u64,
    /// The first emails changed, for the message (all of them up to 20).
    pub users: Vec<String>,
}

/// One kind of state change: from which states, to which, audited as what.
struct Rule {
    verb: &'static str,
    action: &'static str,
    from: &'static [Status],
    to: Status,
    /// How a guard-rail refusal words it: "the last active admin cannot …".
    refused: &'static str,
}

const BLOCK: Rule =
    Rule { verb: "block", action: "user.block", from: &[Status::Active], to: Status::Blocked, refused: "be blocked" };
const UNBLOCK: Rule = Rule {
    verb: "unblock",
    action: "user.unblock",
    from: &[Status::Blocked],
    to: Status::Active,
    refused: "be unblocked",
};
const ARCHIVE: Rule = Rule {
    verb: "archive",
    action: "user.archive",
    from: &[Status::Active, Status::Blocked],
    to: Status::Archived,
    refused: "be archived",
};
const REACTIVATE: Rule = Rule {
    verb: "reactivate",
    action: "user.reactivate",
    from: &[Status::Archived],
    to: Status::Active,
    refused: "be reactivated",
};
const DELETE: Rule =
    Rule { verb: "delete", action: "user.delete", from: &Status::ALL, to: Status::Archived, refused: "be deleted" };

/// How many users listed in messages.
const SHOWN: u64 = 20;

/// Gathers the targets into the temporary table; a named user in a state
/// the rule does not apply to is refused with that state.
fn gather(tx: &Tx, targets: &Targets, rule: &Rule) -> Result<u64> {
    lifecycle::clear_targets(&tx.db)?;
    match targets {
        Targets::Users(keys) => {
            if keys.is_empty() {
                return Err(Error::invalid("users", "", "name at least one user, or a filter"));
            }
            for key in keys {
                let user = find(tx, key)?;
                if !rule.from.contains(&user.status) {
                    return Err(Conflict::WrongState {
                        action: rule.verb,
                        user: user.label(),
                        status: describe_status(&user),
                    }
                    .into());
                }
                lifecycle::add_target(&tx.db, user.id)?;
            }
        }
        Targets::Filter(filter) => {
            lifecycle::add_filtered_targets(&tx.db, &super::resolve(tx, filter)?, rule.from)?;
        }
    }
    lifecycle::target_count(&tx.db)
}

fn describe_status(user: &super::User) -> String {
    match user.block_reason {
        Some(reason) => format!("{} ({})", user.status, reason.as_str()),
        None => user.status.to_string(),
    }
}

/// How many users match a filter (archived ones too), and the first emails:
/// previews such as a policy's impact use the same query the change would.
pub(crate) fn matching(tx: &Tx, filter: &UserFilter) -> Result<(u64, Vec<String>)> {
    lifecycle::clear_targets(&tx.db)?;
    lifecycle::add_filtered_targets(&tx.db, filter, &Status::ALL)?;
    let found = (lifecycle::target_count(&tx.db)?, lifecycle::target_emails(&tx.db, SHOWN)?);
    lifecycle::clear_targets(&tx.db)?;
    Ok(found)
}

/// How many users a transition would change now (for the confirmation).
pub fn count(tx: &Tx, targets: &Targets, verb: &str) -> Result<u64> {
    tx.actor.require("users.read")?;
    let rule = rule(verb)?;
    let n = gather(tx, targets, rule)?;
    lifecycle::clear_targets(&tx.db)?;
    Ok(n)
}

fn rule(verb: &str) -> Result<&'static Rule> {
    [&BLOCK, &UNBLOCK, &ARCHIVE, &REACTIVATE, &DELETE]
        .into_iter()
        .find(|r| r.verb == verb)
        .ok_or_else(|| Error::Internal(format!("no transition named {verb}")))
}

/// `expected` is the count the person confirmed: if the targets changed
/// since, nothing is done. Returns the count, the rails, and the first emails.
fn begin(tx: &Tx, targets: &Targets, rule: &Rule, expected: Option<u64>) -> Result<(u64, Rails, Vec<String>)> {
    tx.actor.require("users.manage")?;
    let n = gather(tx, targets, rule)?;
    if let Some(expected) = expected.filter(|e| *e != n) {
        return Err(Conflict::Other(format!(
            "{n} users match now, not the {expected} confirmed; nothing was changed, run it again"
        ))
        .into());
    }
    if let Some(me) = tx.actor.user_id {
        if lifecycle::is_target(&tx.db, me)? {
            return Err(Denied::SelfAction { action: rule.verb }.into());
        }
    }
    let users = lifecycle::target_emails(&tx.db, SHOWN)?;
    Ok((n, Rails::before(&tx.db, &tx.actor)?, users))
}

/// Checks the guard rails after the change and writes the summary entry of
/// a change by filter.
fn finish(
    tx: &Tx,
    targets: &Targets,
    rule: &Rule,
    (n, rails, users): (u64, Rails, Vec<String>),
    details: serde_json::Value,
) -> Result<Transition> {
    let who = users.first().cloned().unwrap_or_default();
    rails.check(&tx.db, &tx.actor, &who, rule.refused)?;
    if let Targets::Filter(_) = targets {
        let mut details = details;
        if let Some(map) = details.as_object_mut() {
            map.insert("count".into(), json!(n));
        }
        audit::record(tx, &format!("{}.bulk", rule.action), Target::None, details)?;
    }
    lifecycle::clear_targets(&tx.db)?;
    Ok(Transition { action: rule.verb, changed: n, users })
}

fn change_status(
    tx: &Tx,
    targets: &Targets,
    rule: &Rule,
    note: Option<&str>,
    expected: Option<u64>,
) -> Result<Transition> {
    let begun = begin(tx, targets, rule, expected)?;
    let reason = (rule.to == Status::Blocked).then_some("manual");
    lifecycle::audit_status_change(&tx.db, tx.now, &tx.actor.label, rule.action, rule.to.as_str(), note)?;
    lifecycle::set_status(&tx.db, rule.to, reason, note, tx.now)?;
    if rule.to.takes_seat() && !rule.from.iter().all(|s| s.takes_seat()) {
        crate::seats::ensure_fits(tx, begun.0)?;
    }
    finish(tx, targets, rule, begun, json!({ "reason": note }))
}

/// Blocks active users (reason `manual`); they keep their seat and data.
pub fn block(tx: &Tx, targets: &Targets, note: Option<&str>, expected: Option<u64>) -> Result<Transition> {
    change_status(tx, targets, &BLOCK, note, expected)
}

/// Unblocks blocked users and resets their failed-login count.
pub fn unblock(tx: &Tx, targets: &Targets, expected: Option<u64>) -> Result<Transition> {
    change_status(tx, targets, &UNBLOCK, None, expected)
}

/// Archives users (a soft delete that frees the seat); refused while they own
/// open assignments, unless `force`.
pub fn archive(tx: &Tx, targets: &Targets, force: bool, expected: Option<u64>) -> Result<Transition> {
    let begun = begin(tx, targets, &ARCHIVE, expected)?;
    if !force {
        refuse_open_assignments(tx, "--force")?;
    }
    lifecycle::audit_status_change(&tx.db, tx.now, &tx.actor.label, ARCHIVE.action, "archived", None)?;
    lifecycle::set_status(&tx.db, Status::Archived, None, None, tx.now)?;
    finish(tx, targets, &ARCHIVE, begun, json!({ "force": force }))
}

/// Brings archived users back; each needs a free seat.
pub fn reactivate(tx: &Tx, targets: &Targets, expected: Option<u64>) -> Result<Transition> {
    change_status(tx, targets, &REACTIVATE, None, expected)
}

/// Deletes users for good; the audit trail keeps who they were.
pub fn delete(tx: &Tx, targets: &Targets, assignments: &Assignments, expected: Option<u64>) -> Result<Transition> {
    let begun = begin(tx, targets, &DELETE, expected)?;
    match assignments {
        Assignments::Refuse => refuse_open_assignments(tx, "--reassign-to USER or --force")?,
        Assignments::ReassignTo(key) => {
            let heir = find(tx, key)?;
            if lifecycle::is_target(&tx.db, heir.id)? || heir.status == Status::Archived {
                return Err(Error::invalid("reassign-to", key, "must be a user who stays (not deleted, not archived)"));
            }
            let moved = store::assignments::reassign_from_targets(&tx.db, heir.id)?;
            if moved > 0 {
                audit::record(
                    tx,
                    "assignment.reassign",
                    Target::User(heir.id, heir.email()),
                    json!({ "count": moved }),
                )?;
            }
        }
        Assignments::Drop => {}
    }
    lifecycle::audit_deletion(&tx.db, tx.now, &tx.actor.label)?;
    lifecycle::delete_targets(&tx.db)?;
    let disposal = match assignments {
        Assignments::Refuse => "none open",
        Assignments::ReassignTo(_) => "reassigned",
        Assignments::Drop => "dropped",
    };
    finish(tx, targets, &DELETE, begun, json!({ "assignments": disposal }))
}

fn refuse_open_assignments(tx: &Tx, hint: &str) -> Result<()> {
    let (count, open) = store::assignments::open_of_targets(&tx.db, 10)?;
    if count == 0 {
        return Ok(());
    }
    let listed: Vec<String> = open.iter().map(|a| format!("{} {} ({})", a.kind, a.reference, a.email)).collect();
    let more =
        if count > open.len() as u64 { format!(" and {} more", count - open.len() as u64) } else { String::new() };
    Err(Conflict::Other(format!("{count} open assignment(s): {}{more}; use {hint}", listed.join(", "))).into())
}

/// What `lock-dormant` found, and whether it locked them.
#[derive(Debug, Clone, Serialize)]
pub struct Dormant {
    pub days: u64,
    pub dormant: u64,
    pub blocked: u64,
    pub dry_run: bool,
    /// The first emails, for the message.
    pub users: Vec<String>,
}

/// Blocks (reason `dormant`) every active user who has not logged in — or,
/// never having logged in, was created — more than `days` ago (default: the
/// `dormant_after_days` policy), except members of `dormant_exempt_group`
/// and the last active admins. One set-based statement; idempotent.
pub fn lock_dormant(tx: &Tx, days: Option<u64>, dry_run: bool) -> Result<Dormant> {
    tx.actor.require("users.manage")?;
    dormant(tx, days, dry_run)
}

/// Who is dormant (and, unless `dry_run`, blocks them); no ability check, so
/// a policy preview can count with the very same rules.
pub(crate) fn dormant(tx: &Tx, days: Option<u64>, dry_run: bool) -> Result<Dormant> {
    let days = match days {
        Some(days) => days,
        None => crate::org::policy(tx, "dormant_after_days")?.parse().unwrap_or(90),
    };
    let exempt = crate::org::policy(tx, "dormant_exempt_group")?;
    let exempt = (exempt != "none").then_some(exempt);
    let cutoff = tx.now - chrono::Duration::days(i64::try_from(days).unwrap_or(i64::MAX / 86_400_000));
    lifecycle::clear_targets(&tx.db)?;
    lifecycle::add_dormant_targets(&tx.db, cutoff, exempt.as_deref())?;
    if let Some(me) = tx.actor.user_id {
        lifecycle::remove_target(&tx.db, me)?;
    }
    lifecycle::spare_last_admins(&tx.db)?;
    let dormant = lifecycle::target_count(&tx.db)?;
    let users = lifecycle::target_emails(&tx.db, SHOWN)?;
    let mut blocked = 0;
    if !dry_run && dormant > 0 {
        let note = format!("no login for {days} days");
        lifecycle::audit_status_change(&tx.db, tx.now, &tx.actor.label, "user.block", "blocked", Some(&note))?;
        blocked = lifecycle::set_status(&tx.db, Status::Blocked, Some("dormant"), Some(&note), tx.now)?;
        audit::record(tx, "user.lock-dormant", Target::None, json!({ "days": days, "blocked": blocked }))?;
    }
    lifecycle::clear_targets(&tx.db)?;
    Ok(Dormant { days, dormant, blocked, dry_run, users })
}

/// Blocks (reason `expired`) every active user whose `expires_on` day has
/// come. Idempotent; run by `maintain`.
pub fn lock_expired(tx: &Tx, dry_run: bool) -> Result<Transition> {
    tx.actor.require("users.manage")?;
    lifecycle::clear_targets(&tx.db)?;
    store::credentials::add_expired_targets(&tx.db, tx.now.date_naive())?;
    if let Some(me) = tx.actor.user_id {
        lifecycle::remove_target(&tx.db, me)?;
    }
    lifecycle::spare_last_admins(&tx.db)?;
    let n = lifecycle::target_count(&tx.db)?;
    let users = lifecycle::target_emails(&tx.db, SHOWN)?;
    if !dry_run && n > 0 {
        let note = "the account's validity ended";
        lifecycle::audit_status_change(&tx.db, tx.now, &tx.actor.label, "user.block", "blocked", Some(note))?;
        lifecycle::set_status(&tx.db, Status::Blocked, Some("expired"), Some(note), tx.now)?;
        audit::record(tx, "user.lock-expired", Target::None, json!({ "blocked": n }))?;
    }
    lifecycle::clear_targets(&tx.db)?;
    Ok(Transition { action: "block", changed: n, users })
}

//! An account over its life: block, unblock, archive, reactivate, delete —
//! for one user, several, or every user a filter matches, in set-based SQL.

use serde::Serialize;
use serde_json::json;

use super::{BlockReason, Status, UserFilter, find};
use crate::access::Rails;
use crate::audit::{self, Target};
use crate::error::{Conflict, Denied, Error, Result};
use crate::session::Tx;
use crate::store::lifecycle::{InviteEnd, StatusWrite};
use crate::store::{self, lifecycle};

/// Whom a transition applies to: users named by email or id, or a filter.
#[derive(Debug, Clone)]
pub enum Targets {
    Users(Vec<String>),
    Filter(Box<UserFilter>),
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

/// One move in a user's life (README, "A user's life"): from which states, to which (or
/// out of the roster), and what it does on the way. This table is the only
/// place a status changes; every door (a command, an import row, an invite,
/// a lockout, a cron job) names a rule and calls [`apply`].
pub(crate) struct Rule {
    pub verb: &'static str,
    /// The audit action of each user's entry.
    pub action: &'static str,
    pub from: &'static [Status],
    /// `None`: the user is removed for good.
    pub to: Option<Status>,
    /// How a guard-rail refusal words it: "the last active admin cannot …".
    pub refused: &'static str,
    /// How the open invite ends (only `invited` users have one).
    pub closes_invite: &'static str,
    /// Refused while the user owns open assignments (a command may force it).
    pub keeps_assignments: bool,
    /// The ended invite keeps its token's hash, so that a late `invite
    /// accept` is told it expired rather than that it is unknown.
    pub keeps_token: bool,
    /// An ability the move needs besides the door's own, from every door.
    pub needs: Option<&'static str>,
}

impl Rule {
    /// Whether the move takes seats that its users did not hold.
    fn takes_seats(&self) -> bool {
        self.to.is_some_and(Status::takes_seat) && !self.from.iter().all(|s| s.takes_seat())
    }

    /// The columns the move writes: an active user starts afresh (failed
    /// logins forgotten, dormancy clock restarted), any other loses its sessions.
    fn write<'a>(&self, to: Status, reason: Option<BlockReason>, note: Option<&'a str>) -> StatusWrite<'a> {
        let active = to == Status::Active;
        StatusWrite {
            status: to,
            block_reason: if to == Status::Blocked { Some(reason.unwrap_or(BlockReason::Manual)) } else { None },
            // Why a user is blocked or archived, shown with the status.
            note: if matches!(to, Status::Blocked | Status::Archived) { note } else { None },
            reset_failed_logins: active,
            restart_clock: active,
            activate: active && self.from == [Status::Invited],
            end_sessions: !active,
        }
    }
}

/// The invitee accepts with the token (`invite accept`).
pub(crate) const ACCEPT: Rule = Rule {
    verb: "accept",
    action: "invite.accept",
    from: &[Status::Invited],
    to: Some(Status::Active),
    refused: "be activated",
    closes_invite: "accepted",
    keeps_assignments: false,
    keeps_token: false,
    needs: None,
};
/// An admin makes an invited user active (an import row `status=active`).
pub(crate) const CONFIRM: Rule = Rule {
    verb: "confirm",
    action: "user.confirm",
    from: &[Status::Invited],
    to: Some(Status::Active),
    refused: "be activated",
    closes_invite: "confirmed",
    keeps_assignments: false,
    keeps_token: false,
    // It ends an invite as its token would: the invite manager's call.
    needs: Some("invites.manage"),
};
pub(crate) const REVOKE: Rule = Rule {
    verb: "revoke the invite of",
    action: "invite.revoke",
    from: &[Status::Invited],
    to: None,
    refused: "be removed",
    closes_invite: "revoked",
    keeps_assignments: true,
    keeps_token: false,
    needs: None,
};
pub(crate) const EXPIRE: Rule = Rule {
    verb: "expire the invite of",
    action: "invite.expire",
    from: &[Status::Invited],
    to: None,
    refused: "be removed",
    closes_invite: "expired",
    keeps_assignments: false,
    keeps_token: true,
    needs: None,
};
pub(crate) const BLOCK: Rule = Rule {
    verb: "block",
    action: "user.block",
    from: &[Status::Active],
    to: Some(Status::Blocked),
    refused: "be blocked",
    closes_invite: "",
    keeps_assignments: false,
    keeps_token: false,
    needs: None,
};
pub(crate) const UNBLOCK: Rule = Rule {
    verb: "unblock",
    action: "user.unblock",
    from: &[Status::Blocked],
    to: Some(Status::Active),
    refused: "be unblocked",
    closes_invite: "",
    keeps_assignments: false,
    keeps_token: false,
    needs: None,
};
pub(crate) const ARCHIVE: Rule = Rule {
    verb: "archive",
    action: "user.archive",
    from: &[Status::Active, Status::Blocked],
    to: Some(Status::Archived),
    refused: "be archived",
    closes_invite: "",
    keeps_assignments: true,
    keeps_token: false,
    needs: None,
};
pub(crate) const REACTIVATE: Rule = Rule {
    verb: "reactivate",
    action: "user.reactivate",
    from: &[Status::Archived],
    to: Some(Status::Active),
    refused: "be reactivated",
    closes_invite: "",
    keeps_assignments: false,
    keeps_token: false,
    needs: None,
};
pub(crate) const DELETE: Rule = Rule {
    verb: "delete",
    action: "user.delete",
    from: &Status::ALL,
    to: None,
    refused: "be deleted",
    closes_invite: "revoked",
    keeps_assignments: false,
    keeps_token: false,
    needs: None,
};

/// The rules a person asks for by naming the status they want (an import
/// row's `status` cell): the first whose target it is and whose `from` holds
/// the user's status. Accepting takes the invitee's token, so is not here.
const BY_TARGET: [&Rule; 5] = [&CONFIRM, &UNBLOCK, &REACTIVATE, &BLOCK, &ARCHIVE];

/// The rule that takes a user from `from` to `to`, or the refusal that the
/// command for `to` gives (`user block` of an invited user: exit 4).
pub(crate) fn rule_to(user: &str, from: Status, to: Status) -> Result<&'static Rule> {
    let candidates = || BY_TARGET.into_iter().filter(|r| r.to == Some(to));
    candidates().find(|r| r.from.contains(&from)).ok_or_else(|| {
        let verb = candidates().next().map_or("invite again", |r| r.verb);
        Conflict::WrongState { action: verb, user: user.to_owned(), status: from.to_string() }.into()
    })
}

/// Applies `rule` to every gathered target, each in a state `rule.from`
/// holds: one audit entry per user, the invite closed, the status written
/// with what the move does on the way, or the users removed; then, unless
/// the caller checks them for a whole batch, the seats. Returns the count.
/// The caller checked the ability, the targets' states and the guard rails.
pub(crate) fn apply(
    tx: &Tx,
    rule: &Rule,
    reason: Option<BlockReason>,
    note: Option<&str>,
    batch_checks_seats: bool,
) -> Result<u64> {
    let n = lifecycle::target_count(&tx.db)?;
    if n == 0 {
        return Ok(0);
    }
    let reason = reason.filter(|_| rule.to == Some(Status::Blocked));
    let shown_reason = match (reason, rule.to) {
        (Some(reason), _) => Some(note.unwrap_or(reason.as_str())),
        (None, Some(Status::Archived)) => note,
        _ => None,
    };
    match rule.to {
        Some(to) => {
            lifecycle::audit_status_change(&tx.db, tx.now, &tx.actor.label, rule.action, to.as_str(), shown_reason)?;
        }
        None if rule.action == DELETE.action => {
            lifecycle::audit_deletion(&tx.db, tx.now, &tx.actor.label)?;
        }
        None => {
            lifecycle::audit_status_change(&tx.db, tx.now, &tx.actor.label, rule.action, rule.closes_invite, None)?;
        }
    }
    if rule.from.contains(&Status::Invited) {
        let ending = InviteEnd {
            status: rule.closes_invite,
            keep_token: rule.keeps_token,
            accepted: rule.to == Some(Status::Active),
            // A removed user's invite no longer names them.
            forget_user: rule.to.is_none(),
        };
        lifecycle::close_target_invites(&tx.db, &ending, tx.now)?;
    }
    match rule.to {
        Some(to) => {
            lifecycle::set_status(&tx.db, &rule.write(to, reason, note), tx.now)?;
        }
        None => {
            lifecycle::delete_targets(&tx.db)?;
        }
    }
    if rule.takes_seats() && !batch_checks_seats {
        crate::seats::ensure_fits(tx, n)?;
    }
    Ok(n)
}

/// Moves one user by `rule` (an import row, an invite, a lockout): refused
/// from a state the rule does not start from, exactly as the command is.
pub(crate) fn apply_one(
    tx: &Tx,
    id: i64,
    rule: &Rule,
    reason: Option<BlockReason>,
    note: Option<&str>,
    batch_checks_seats: bool,
) -> Result<u64> {
    if let Some(ability) = rule.needs {
        tx.actor.require(ability)?;
    }
    let user = find(tx, &id.to_string())?;
    if !rule.from.contains(&user.status) {
        return Err(
            Conflict::WrongState { action: rule.verb, user: user.label(), status: describe_status(&user) }.into()
        );
    }
    lifecycle::clear_targets(&tx.db)?;
    lifecycle::add_target(&tx.db, id)?;
    if rule.keeps_assignments {
        refuse_open_assignments(tx, "`roster user archive --force`")?;
    }
    let n = apply(tx, rule, reason, note, batch_checks_seats)?;
    lifecycle::clear_targets(&tx.db)?;
    Ok(n)
}

/// How many users listed in messages.
const SHOWN: u64 = 20;

/// Gathers the targets into the temporary table; a named user in a state
/// the rule does not apply to is refused with that state.
/// A scoped actor reaches only users in their part: a named user outside
/// it is refused, a filter matches only inside it.
fn gather(tx: &Tx, targets: &Targets, rule: &Rule) -> Result<u64> {
    let abilities: Vec<&str> = std::iter::once("users.manage").chain(rule.needs).collect();
    let reach = tx.actor.reach_of_all(&abilities)?;
    lifecycle::clear_targets(&tx.db)?;
    match targets {
        Targets::Users(keys) => {
            if keys.is_empty() {
                return Err(Error::invalid("users", "", "name at least one user, or a filter"));
            }
            for key in keys {
                let user = super::reachable(tx, key, "users.manage")?;
                if let Some(ability) = rule.needs {
                    tx.actor.require_on(ability, key, &user.placement())?;
                }
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
            lifecycle::add_filtered_targets(&tx.db, &super::resolve(tx, filter, &reach)?, rule.from)?;
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

/// Whom a transition would change now: for a confirmation and `--dry-run`.
#[derive(Debug, Clone, Serialize)]
pub struct Preview {
    pub verb: &'static str,
    pub count: u64,
    /// The first few, by email.
    pub first: Vec<Person>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Person {
    pub name: String,
    pub surname: String,
    pub email: String,
}

impl std::fmt::Display for Preview {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} user(s) to {}", self.count, self.verb)?;
        let people: Vec<String> =
            self.first.iter().map(|p| format!("{} {} <{}>", p.name, p.surname, p.email)).collect();
        if !people.is_empty() {
            write!(f, ": {}", people.join(", "))?;
        }
        match self.count.saturating_sub(self.first.len() as u64) {
            0 => Ok(()),
            more => write!(f, " and {more} more"),
        }
    }
}

/// How many users a transition would change now, and the first of them; in
/// a read, changing nothing. Rank, guard rails and open assignments are the
/// change's own checks: a preview does not promise the change passes them.
pub fn preview(tx: &Tx, targets: &Targets, verb: &str) -> Result<Preview> {
    // Asked of whoever could make the change: `gather` asks what `begin` does.
    let rule = rule(verb)?;
    let count = gather(tx, targets, rule)?;
    let first = lifecycle::target_people(&tx.db, PREVIEWED)?
        .into_iter()
        .map(|(name, surname, email)| Person { name, surname, email })
        .collect();
    lifecycle::clear_targets(&tx.db)?;
    Ok(Preview { verb: rule.verb, count, first })
}

/// How many users a preview names.
const PREVIEWED: u64 = 5;

fn rule(verb: &str) -> Result<&'static Rule> {
    [&BLOCK, &UNBLOCK, &ARCHIVE, &REACTIVATE, &DELETE, &CONFIRM]
        .into_iter()
        .find(|r| r.verb == verb)
        .ok_or_else(|| Error::Internal(format!("no transition named {verb}")))
}

/// `expected` is the count the person confirmed: if the targets changed
/// since, nothing is done. Returns the count, the rails, and the first emails.
fn begin(tx: &Tx, targets: &Targets, rule: &Rule, expected: Option<u64>) -> Result<(u64, Rails, Vec<String>)> {
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
    crate::access::rank_over_targets(&tx.db, &tx.actor)?;
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
    apply(tx, rule, Some(BlockReason::Manual), note, false)?;
    finish(tx, targets, rule, begun, json!({ "reason": note }))
}

/// Blocks active users (reason `manual`); they keep their seat and data.
pub fn block(tx: &Tx, targets: &Targets, note: Option<&str>, expected: Option<u64>) -> Result<Transition> {
    change_status(tx, targets, &BLOCK, note, expected)
}

/// Unblocks blocked users, resets their failed-login count and restarts
/// their dormancy clock.
pub fn unblock(tx: &Tx, targets: &Targets, expected: Option<u64>) -> Result<Transition> {
    change_status(tx, targets, &UNBLOCK, None, expected)
}

/// Makes invited users active without their token (an admin vouches for
/// them); their invites end as `confirmed`.
pub fn confirm(tx: &Tx, targets: &Targets, expected: Option<u64>) -> Result<Transition> {
    change_status(tx, targets, &CONFIRM, None, expected)
}

/// Archives users (a soft delete that frees the seat); refused while they own
/// open assignments, unless `force`.
pub fn archive(
    tx: &Tx,
    targets: &Targets,
    force: bool,
    note: Option<&str>,
    expected: Option<u64>,
) -> Result<Transition> {
    let begun = begin(tx, targets, &ARCHIVE, expected)?;
    if !force {
        refuse_open_assignments(tx, "--force")?;
    }
    apply(tx, &ARCHIVE, None, note, false)?;
    finish(tx, targets, &ARCHIVE, begun, json!({ "force": force }))
}

/// Brings archived users back; each needs a free seat.
pub fn reactivate(tx: &Tx, targets: &Targets, expected: Option<u64>) -> Result<Transition> {
    change_status(tx, targets, &REACTIVATE, None, expected)
}

/// Deletes users for good; the audit trail keeps who they were. An invited
/// user's invite ends as `revoked`.
pub fn delete(tx: &Tx, targets: &Targets, assignments: &Assignments, expected: Option<u64>) -> Result<Transition> {
    let begun = begin(tx, targets, &DELETE, expected)?;
    match assignments {
        Assignments::Refuse => refuse_open_assignments(tx, "--reassign-to USER or --force")?,
        Assignments::ReassignTo(key) => {
            let heir = crate::assignments::owner(tx, key)?;
            if lifecycle::is_target(&tx.db, heir.id)? {
                return Err(Error::invalid("reassign-to", key, "must be a user who stays, not one being deleted"));
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
    apply(tx, &DELETE, None, None, false)?;
    let disposal = match assignments {
        Assignments::Refuse => "none open",
        Assignments::ReassignTo(_) => "reassigned",
        Assignments::Drop => "dropped",
    };
    finish(tx, targets, &DELETE, begun, json!({ "assignments": disposal }))
}

/// Refuses while the targets own open assignments, listing them.
pub(crate) fn refuse_open_assignments(tx: &Tx, hint: &str) -> Result<()> {
    let (count, open) = store::assignments::open_of_targets(&tx.db, 10)?;
    if count == 0 {
        return Ok(());
    }
    let listed: Vec<String> = open
        .iter()
        .map(|a| format!("{} {} ({})", a.kind, a.reference, a.email.as_deref().unwrap_or_default()))
        .collect();
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
/// and, when they would all be locked, the admin seen most recently.
/// Set-based; idempotent.
pub fn lock_dormant(tx: &Tx, days: Option<u64>, dry_run: bool) -> Result<Dormant> {
    tx.actor.require("users.manage")?;
    dormant(tx, days, dry_run)
}

/// Who is dormant (and, unless `dry_run`, blocks them); no ability check, so
/// a policy preview can count with the very same rules.
pub(crate) fn dormant(tx: &Tx, days: Option<u64>, dry_run: bool) -> Result<Dormant> {
    let policies = tx.policies()?;
    let days = match days {
        Some(days) => days,
        None => policies.dormant_after_days,
    };
    let exempt = policies.dormant_exempt_group;
    let cutoff = tx.now - chrono::Duration::days(i64::try_from(days).unwrap_or(i64::MAX / 86_400_000));
    lifecycle::clear_targets(&tx.db)?;
    lifecycle::add_dormant_targets(&tx.db, cutoff, exempt.as_deref())?;
    if let Some(me) = tx.actor.user_id {
        lifecycle::remove_target(&tx.db, me)?;
    }
    spare_one_admin(tx)?;
    let dormant = lifecycle::target_count(&tx.db)?;
    let users = lifecycle::target_emails(&tx.db, SHOWN)?;
    let mut blocked = 0;
    if !dry_run && dormant > 0 {
        // Run as a user (not from cron as the OS account), it may lock only
        // those it outranks: a `--days 1` must not lock the admins.
        crate::access::rank_over_targets(&tx.db, &tx.actor)?;
        let note = format!("no login for {days} days");
        blocked = apply(tx, &BLOCK, Some(BlockReason::Dormant), Some(&note), false)?;
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
    spare_one_admin(tx)?;
    let n = lifecycle::target_count(&tx.db)?;
    let users = lifecycle::target_emails(&tx.db, SHOWN)?;
    if !dry_run && n > 0 {
        crate::access::rank_over_targets(&tx.db, &tx.actor)?;
        let note = "the account's validity ended";
        apply(tx, &BLOCK, Some(BlockReason::Expired), Some(note), false)?;
        audit::record(tx, "user.lock-expired", Target::None, json!({ "blocked": n }))?;
    }
    lifecycle::clear_targets(&tx.db)?;
    Ok(Transition { action: "block", changed: n, users })
}

/// A cron job must not lock the organization out: when the targets hold
/// every active admin, the one seen most recently stays active.
fn spare_one_admin(tx: &Tx) -> Result<()> {
    if lifecycle::active_admins_outside_targets(&tx.db)? == 0 {
        if let Some(id) = lifecycle::latest_seen_admin_target(&tx.db)? {
            lifecycle::remove_target(&tx.db, id)?;
        }
    }
    Ok(())
}

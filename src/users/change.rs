//! The one change path for user records: every door that creates a user or
//! changes one (`user add`, `user edit`, `invite send`, `role grant`, an
//! import row) checks with the same rules (`users::fields`, `roles::Grant`,
//! the seats) and writes through these functions, which keep what belongs
//! together (an email change moves the open invite; a new user's entry names
//! every field, role and status) in one place.

use serde_json::{Map, Value, json};

use super::{BlockReason, Field, Profile, Status};
use crate::audit::{self, Target};
use crate::error::{Conflict, Result};
use crate::model::scope::{Reach, Scope};
use crate::roles::Grant;
use crate::session::Tx;
use crate::store::{self, roles::RoleRow};

/// Inserts a user holding `roles` (already checked with `Grant::check`) and
/// writes its `user.add` entry: every field set (but the address, which is
/// its target, and fields at their default), the roles, the status, and
/// whatever `more` adds once the id exists (an import's lists). Returns the
/// id and the entry's details. Seats are the caller's: one for `user add`,
/// once for a whole import file.
pub(crate) fn create_raw(
    tx: &Tx,
    profile: &Profile,
    status: Status,
    roles: &[&Grant],
    more: impl FnOnce(i64, &mut Map<String, Value>) -> Result<()>,
) -> Result<(i64, Value)> {
    let reason = (status == Status::Blocked).then_some(BlockReason::Manual);
    let id = store::users::insert(&tx.db, profile, status, reason, tx.creation_time()?)?;
    if let Some(entries) = tx.new_entries.borrow_mut().as_mut() {
        entries.add(&tx.db, id, profile)?;
    }
    for (i, grant) in roles.iter().enumerate() {
        // A role named twice (in two spellings) is given once, the last
        // naming deciding whom it reaches.
        if roles[i + 1..].iter().any(|later| later.row.id == grant.row.id) {
            continue;
        }
        store::users::set_new_role(&tx.db, id, grant.row.id, grant.reach.to_stored().as_deref())?;
    }
    // The address is the entry's target; a field at its default says nothing.
    let mut details = Map::new();
    for field in Field::ALL.into_iter().filter(|f| *f != Field::Email) {
        if let Some(value) = profile.get(field).filter(|v| Some(*v) != field.default_value()) {
            details.insert(field.name().to_owned(), json!(value));
        }
    }
    let mut names: Vec<String> = roles.iter().map(|r| r.label()).collect();
    names.sort_unstable();
    details.insert("roles".into(), json!(names));
    details.insert("status".into(), json!(status));
    more(id, &mut details)?;
    let details = Value::Object(details);
    audit::record(tx, "user.add", Target::User(id, profile.email()), details.clone())?;
    Ok((id, details))
}

/// Writes profile fields that differ (validated, checked by the caller) and
/// what follows from them: an invited user's new address takes the invite
/// with it.
pub(crate) fn write_fields(
    tx: &Tx,
    id: i64,
    status: Status,
    old_email: &str,
    changes: &[(Field, Option<String>)],
) -> Result<()> {
    if changes.is_empty() {
        return Ok(());
    }
    store::users::update(&tx.db, id, changes, tx.now)?;
    let new_email = changes.iter().find(|(f, _)| *f == Field::Email).and_then(|(_, v)| v.as_deref());
    if let Some(new_email) = new_email.filter(|e| *e != old_email && status == Status::Invited) {
        crate::invites::follow_email_change(tx, id, old_email, new_email)?;
    }
    Ok(())
}

/// Gives and takes roles; returns how many grants changed. A role given
/// again reaches both what it reached and what the new grant reaches.
pub(crate) fn write_roles(tx: &Tx, id: i64, add: &[&Grant], remove: &[&RoleRow]) -> Result<u64> {
    let mut changed = 0;
    for grant in add {
        let reach = match store::users::role_scope(&tx.db, id, grant.row.id)? {
            None => grant.reach.clone(),
            Some(stored) => {
                let held = Reach::from_stored(stored.as_deref())?;
                let joined = held.join(&grant.reach);
                if joined == held {
                    continue;
                }
                joined
            }
        };
        store::users::set_role(&tx.db, id, grant.row.id, reach.to_stored().as_deref())?;
        changed += 1;
    }
    for role in remove {
        changed += u64::from(store::users::remove_role(&tx.db, id, role.id)?);
    }
    Ok(changed)
}

/// Takes `scopes` out of a scoped grant of `role` (the whole grant when none
/// is left); returns whether it changed. A grant for everyone has no parts
/// to take: it is revoked whole.
pub(crate) fn narrow_role(tx: &Tx, id: i64, role: &RoleRow, scopes: &[Scope]) -> Result<bool> {
    let Some(stored) = store::users::role_scope(&tx.db, id, role.id)? else { return Ok(false) };
    let held = Reach::from_stored(stored.as_deref())?;
    if held == Reach::Everyone {
        return Err(Conflict::Other(format!(
            "the user holds {} for everyone; revoke it without --scope, then grant the parts they keep",
            role.name
        ))
        .into());
    }
    match held.without(scopes) {
        Some(left) if left == held => Ok(false),
        Some(left) => {
            store::users::set_role(&tx.db, id, role.id, left.to_stored().as_deref())?;
            Ok(true)
        }
        None => store::users::remove_role(&tx.db, id, role.id),
    }
}

/// Adds the user to, or takes them out of, a group.
pub(crate) fn write_group(tx: &Tx, id: i64, group_id: i64, member: bool) -> Result<()> {
    store::import::set_group(&tx.db, id, group_id, member)
}

pub(crate) fn write_brand(tx: &Tx, id: i64, brand: &str, held: bool) -> Result<()> {
    store::import::set_brand(&tx.db, id, brand, held)
}

/// Grants or revokes an ability held directly (not through a role).
pub(crate) fn write_ability(tx: &Tx, id: i64, ability: &str, held: bool) -> Result<bool> {
    if held {
        store::roles::grant_user_ability(&tx.db, id, ability)
    } else {
        store::roles::revoke_user_ability(&tx.db, id, ability)
    }
}

/// Sets a password hash imported from another system.
pub(crate) fn write_password_hash(tx: &Tx, id: i64, hash: &str) -> Result<()> {
    store::import::set_password_hash(&tx.db, id, hash, tx.now)
}

//! User records: add, edit, show, list, and what a user may do.

pub(crate) mod change;
pub mod fields;
#[cfg(test)]
mod invariants;
pub mod lifecycle;
#[cfg(test)]
mod scope_invariants;

pub use crate::model::user::{BlockReason, Field, NewUser, Profile, Sort, Status, User, UserFilter, UserPatch};
pub(crate) use change::{
    create_raw, narrow_role, write_ability, write_brand, write_group, write_password_hash, write_roles,
};
pub use lifecycle::{Assignments, Targets, Transition};

use serde::Serialize;

use crate::access::Rails;
use crate::audit::{self, Changes, Target};
use std::collections::BTreeMap;

use crate::error::{Conflict, Denied, Error, Result};
use crate::model::scope::{Placement, Reach, Scope};
use crate::session::Tx;
use crate::{roles, seats, store};

/// Finds a user by id (all digits) or by email (any case).
pub fn find(tx: &Tx, key: &str) -> Result<User> {
    let id = find_id(tx, key)?;
    store::users::get(&tx.db, id)?.ok_or_else(|| Error::not_found("user", key))
}

pub(crate) fn find_id(tx: &Tx, key: &str) -> Result<i64> {
    let key = key.trim();
    let id = match key.parse::<i64>() {
        Ok(id) => store::users::exists(&tx.db, id)?.then_some(id),
        Err(_) => store::users::id_by_email(&tx.db, key)?,
    };
    id.ok_or_else(|| Error::not_found("user", key))
}

pub fn show(tx: &Tx, key: &str) -> Result<User> {
    readable(tx, key)
}

/// The users the filter matches among those the actor may read.
pub fn list(tx: &Tx, filter: &UserFilter) -> Result<Vec<User>> {
    let reach = tx.actor.require_somewhere("users.read")?;
    store::users::list(&tx.db, &resolve(tx, filter, &reach)?)
}

/// Keeps the filter to the users `reach` reaches, turns its policy-relative
/// parts into dates, and refuses a search with no words (it would match
/// everyone: `user archive --search " "`).
pub(crate) fn resolve(tx: &Tx, filter: &UserFilter, reach: &Reach) -> Result<UserFilter> {
    if let Some(text) = filter.search.as_deref().filter(|t| crate::types::search_terms(t).is_empty()) {
        return Err(Error::invalid("search", text, "has no words to look for"));
    }
    let mut filter = filter.clone();
    filter.within = reach.scopes().to_vec();
    if filter.password_expired {
        let days = i64::try_from(tx.policies()?.password_max_age_days).unwrap_or(i64::MAX / 86_400_000);
        // With no maximum age no password expires: a cutoff before any date.
        filter.password_changed_before = Some(if days > 0 {
            tx.now - chrono::Duration::days(days)
        } else {
            chrono::DateTime::<chrono::Utc>::MIN_UTC
        });
    }
    Ok(filter)
}

/// Sets or clears the last day a user's account is valid (contractors).
pub fn set_expiry(tx: &Tx, key: &str, expires_on: Option<chrono::NaiveDate>) -> Result<User> {
    let user = reachable(tx, key, "users.manage")?;
    crate::access::rank_over(&tx.db, &tx.actor, user.id)?;
    if user.expires_on != expires_on {
        store::credentials::set_expiry(&tx.db, user.id, expires_on, tx.now)?;
        let mut details = Changes::default();
        let (old, new) = (user.expires_on.map(|d| d.to_string()), expires_on.map(|d| d.to_string()));
        details.push("expires_on", old.as_deref(), new.as_deref());
        audit::record(tx, "user.edit", Target::User(user.id, user.email()), details.into_value())?;
    }
    find(tx, &user.id.to_string())
}

/// Creates a user with their roles (and `like`'s roles and extra abilities).
pub fn add(tx: &Tx, new: NewUser, like: Option<&str>) -> Result<User> {
    tx.actor.require_somewhere("users.manage")?;
    let brands = fields::brands(new.brands.iter().map(String::as_str)).map_err(Error::Invalid)?;
    let placement = Placement {
        department: new.profile.get(Field::Department),
        branch: new.profile.get(Field::Branch),
        brands: &brands,
    };
    tx.actor.require_on("users.manage", new.profile.email(), &placement)?;
    let mut new = new;
    let mut abilities = Vec::new();
    let mut reaches = BTreeMap::new();
    if let Some(other) = like {
        let other = readable(tx, other)?;
        new.roles = other.roles.clone();
        abilities = store::roles::user_abilities(&tx.db, other.id)?;
        // A copy holds each role for whom the other holds it.
        for (role, stored) in store::users::role_scopes(&tx.db, other.id)? {
            reaches.insert(role, Reach::from_stored(stored.as_deref())?);
        }
    }
    let id = add_raw(tx, &new, true, &reaches)?;
    for ability in &abilities {
        roles::grant_ability_raw(tx, id, new.profile.email(), ability)?;
    }
    find(tx, &id.to_string())
}

/// Adds many users in the caller's transaction (the bulk twin of `add`): the
/// ability is checked once, every user meets the same rules as `add`.
pub fn add_many(tx: &Tx, new: impl IntoIterator<Item = NewUser>) -> Result<u64> {
    tx.actor.require("users.manage")?;
    let (mut added, mut seated) = (0, 0);
    adding_many(tx, || {
        for user in new {
            add_raw(tx, &user, false, &BTreeMap::new())?;
            added += 1;
            seated += u64::from(user.status.takes_seat());
        }
        Ok(())
    })?;
    // Seats are checked once for the whole batch, as for an import file.
    seats::ensure_fits(tx, seated)?;
    Ok(added)
}

/// The first thousand emails of the users `members` (a role's or a
/// group's, archived too) picks, in list order: paged as `user list` is, so
/// a role most people hold is no sort of them all.
pub(crate) fn shown_members(tx: &Tx, members: UserFilter) -> Result<Vec<String>> {
    let page = UserFilter { all: true, limit: Some(1000), ..members };
    Ok(store::users::list(&tx.db, &page)?.iter().map(|u| u.email().to_owned()).collect())
}

/// Runs `work`, which adds many users, with their search entries written in
/// runs (`store::search::NewEntries`) instead of a trigger's FTS5 segment
/// each (2× an import's time, measured), and on the server the statuses
/// counted once at the end (`store::users::suspend_counts`). Nothing in `work` may search for
/// the users it adds: their entries are written at the end.
pub(crate) fn adding_many<T>(tx: &Tx, work: impl FnOnce() -> Result<T>) -> Result<T> {
    let trigger = store::search::suspend_new_user_entries(&tx.db)?;
    store::users::suspend_counts(&tx.db)?;
    let outer = tx.new_entries.replace(Some(Default::default()));
    let done = work();
    if let (Ok(_), Some(mut entries)) = (&done, tx.new_entries.replace(outer)) {
        entries.write(&tx.db)?;
    }
    if done.is_ok() {
        store::users::recount(&tx.db, true)?;
    }
    if let Some(trigger) = trigger {
        tx.db.execute_batch(&trigger)?;
    }
    done
}

/// The insert shared by `user add` and import: uniqueness, roles and their
/// required fields, seats, and the audit entry. The caller checked the
/// ability and where the user is placed. `check_seats` is false for a bulk
/// caller that checks the whole batch; a role named in `reaches` is given for
/// whom it says, the others as far as the actor reaches.
pub(crate) fn add_raw(tx: &Tx, new: &NewUser, check_seats: bool, reaches: &BTreeMap<String, Reach>) -> Result<i64> {
    let email = new.profile.email();
    if let Some(existing) = store::users::id_by_email(&tx.db, email)? {
        let (taken, _) = store::users::email_and_status(&tx.db, existing)?;
        return Err(Conflict::DuplicateEmail { email: taken }.into());
    }
    if new.roles.is_empty() {
        return Err(Conflict::LastRole { user: email.to_owned() }.into());
    }
    let mut held = Vec::with_capacity(new.roles.len());
    for name in &new.roles {
        let role = roles::Grant::within(tx, roles::find(tx, name)?, reaches.get(name))?;
        role.check(email, |f| new.profile.get(f).is_some())?;
        held.push(role);
    }
    let brands = fields::brands(new.brands.iter().map(String::as_str)).map_err(Error::Invalid)?;
    fields::check_brand_restriction(new.profile.get(Field::RestrictToBrand), &brands).map_err(Error::Invalid)?;
    let held: Vec<&roles::Grant> = held.iter().collect();
    let (id, _) = create_raw(tx, &new.profile, new.status, &held, |id, details| {
        for brand in &brands {
            write_brand(tx, id, brand, true)?;
        }
        if !brands.is_empty() {
            details.insert("brands".into(), serde_json::json!(brands));
        }
        Ok(())
    })?;
    if check_seats && new.status.takes_seat() {
        seats::ensure_fits(tx, 1)?;
    }
    Ok(id)
}

/// What `edit` did: the user as it is now, and whether anything changed.
pub struct Edited {
    pub user: User,
    pub changed: bool,
}

/// Changes profile fields; a field set to what it already is is no change.
/// What a user may change of their own profile without `users.manage`:
/// how to reach them and how to speak to them, nothing that decides access
/// or where they belong.
pub const SELF_SERVICE: [Field; 6] =
    [Field::Name, Field::Surname, Field::Phone, Field::Mobile, Field::Language, Field::Timezone];

/// The user `key` names, if the actor may change these `fields` of theirs:
/// their own contact fields (`SELF_SERVICE`), or anything with `users.manage`.
pub fn to_edit(tx: &Tx, key: &str, fields: &[Field]) -> Result<User> {
    let found = find(tx, key);
    let own = matches!((&found, tx.actor.user_id), (Ok(user), Some(me)) if user.id == me);
    if !own || fields.iter().any(|field| !SELF_SERVICE.contains(field)) {
        // Checked before a lookup's answer is given: who may not edit others
        // does not learn whether an address is a user.
        return reachable(tx, key, "users.manage");
    }
    found
}

/// Changes profile fields and, with `brands`, sets the whole brands list
/// (empty clears it); `restrict_to_brand` stays one of the brands.
pub fn edit(tx: &Tx, key: &str, patch: &UserPatch, brands: Option<&[String]>) -> Result<Edited> {
    let fields: Vec<Field> = patch.changes.iter().map(|(field, _)| *field).collect();
    let user = to_edit(tx, key, &fields)?;
    if brands.is_some() {
        tx.actor.require_somewhere("users.manage")?;
    }
    if brands.is_some() || fields.iter().any(|field| field.is_credential()) {
        // Brands bound what the user may sell, an email is where resets and
        // invites go, a kind where the account signs in: changed from above.
        crate::access::rank_over(&tx.db, &tx.actor, user.id)?;
    }
    let new_brands = match brands {
        Some(brands) => fields::brands(brands.iter().map(String::as_str)).map_err(Error::Invalid)?,
        None => user.brands.clone(),
    };
    let restrict = match patch.get(Field::RestrictToBrand) {
        Some(given) => given,
        None => user.profile.get(Field::RestrictToBrand),
    };
    fields::check_brand_restriction(restrict, &new_brands).map_err(Error::Invalid)?;
    let moved = Placement {
        department: patch.get(Field::Department).unwrap_or(user.profile.get(Field::Department)),
        branch: patch.get(Field::Branch).unwrap_or(user.profile.get(Field::Branch)),
        brands: &new_brands,
    };
    let self_service = tx.actor.is(user.id) && brands.is_none() && fields.iter().all(|f| SELF_SERVICE.contains(f));
    if !self_service {
        // A scoped admin keeps the users they change in their part.
        tx.actor.require_on("users.manage", user.email(), &moved)?;
    }
    let brands_changed = new_brands != user.brands;
    if brands_changed {
        for brand in new_brands.iter().filter(|b| !user.brands.contains(b)) {
            write_brand(tx, user.id, brand, true)?;
        }
        for brand in user.brands.iter().filter(|b| !new_brands.contains(b)) {
            write_brand(tx, user.id, brand, false)?;
        }
        let details = serde_json::json!({ "brands": { "old": user.brands, "new": new_brands } });
        audit::record(tx, "user.edit", Target::User(user.id, user.email()), details)?;
    }
    let changes = edit_raw(tx, &user, patch)?;
    if changes.iter().any(|(field, _)| *field == Field::Kind) {
        // Where the account may sign in changed: sessions opened before end.
        crate::auth::end_sessions(tx, user.id)?;
    }
    let changed = !changes.is_empty() || brands_changed;
    let user = if changed { find(tx, &user.id.to_string())? } else { user };
    Ok(Edited { user, changed })
}

/// Applies the fields of `patch` that differ; returns them. Shared with import.
pub(crate) fn edit_raw(tx: &Tx, user: &User, patch: &UserPatch) -> Result<Vec<(Field, Option<String>)>> {
    let changes: Vec<(Field, Option<String>)> =
        patch.changes.iter().filter(|(field, new)| user.profile.get(*field) != new.as_deref()).cloned().collect();
    if changes.is_empty() {
        return Ok(changes);
    }
    if let Some(Some(email)) = patch.get(Field::Email) {
        if let Some(other) = store::users::id_by_email(&tx.db, email)?.filter(|id| *id != user.id) {
            let (taken, _) = store::users::email_and_status(&tx.db, other)?;
            return Err(Conflict::DuplicateEmail { email: taken }.into());
        }
    }
    for (role, field) in store::roles::requirements_of_user(&tx.db, user.id)? {
        let cleared = changes.iter().any(|(f, v)| f.name() == field && v.is_none());
        if cleared {
            return Err(Conflict::RoleRequires { role, field, user: user.label() }.into());
        }
    }
    let mut details = Changes::default();
    for (field, new) in &changes {
        details.push(field.name(), user.profile.get(*field), new.as_deref());
    }
    let email = patch.get(Field::Email).flatten().unwrap_or(user.email());
    audit::record(tx, "user.edit", Target::User(user.id, email), details.into_value())?;
    change::write_fields(tx, user.id, user.status, user.email(), &changes)?;
    Ok(changes)
}

/// One effective ability, where it comes from, and whom it reaches.
#[derive(Debug, Clone, Serialize)]
pub struct Permission {
    pub ability: String,
    /// `via role sales-rep`, `via role user-admin (department=Sales)`, `direct`.
    pub sources: Vec<String>,
    /// `everyone`, or the parts of the organization: `department=Sales`.
    pub scope: String,
}

/// Every effective ability of a user with its sources (one indexed query).
pub fn perms(tx: &Tx, key: &str) -> Result<Vec<Permission>> {
    let user = readable(tx, key)?;
    permissions(tx, user.id)
}

/// The user `key` names, if the actor may read them (`users.read` over them).
pub fn readable(tx: &Tx, key: &str) -> Result<User> {
    reachable(tx, key, "users.read")
}

/// The user `key` names, if the actor holds `ability` over them. To a
/// scoped actor a user outside their part and a key that names nobody get
/// the same refusal, naming the key as typed: it tells nothing of who is
/// outside.
pub fn reachable(tx: &Tx, key: &str, ability: &str) -> Result<User> {
    let reach = tx.actor.require_somewhere(ability)?;
    let found = find(tx, key);
    if reach == Reach::Everyone {
        return found;
    }
    match found {
        Ok(user) if reach.holds(&user.placement()) => Ok(user),
        Ok(_) | Err(Error::NotFound { .. }) => Err(Denied::OutOfScope {
            actor: tx.actor.label.clone(),
            ability: ability.to_owned(),
            user: key.trim().to_owned(),
            reach: reach.to_string(),
        }
        .into()),
        Err(other) => Err(other),
    }
}

fn permissions(tx: &Tx, id: i64) -> Result<Vec<Permission>> {
    let reach = crate::access::reach_of(&tx.db, id)?;
    let mut out: Vec<Permission> = Vec::new();
    for source in store::roles::sources(&tx.db, id)? {
        let shown = match (&source.role, Reach::from_stored(source.scope.as_deref())?) {
            (None, _) => "direct".to_owned(),
            (Some(role), Reach::Everyone) => format!("via role {role}"),
            (Some(role), within) => format!("via role {role} ({within})"),
        };
        match out.last_mut() {
            Some(last) if last.ability == source.ability => last.sources.push(shown),
            _ => {
                let scope = reach.get(&source.ability).map(ToString::to_string).unwrap_or_default();
                out.push(Permission { ability: source.ability, sources: vec![shown], scope });
            }
        }
    }
    Ok(out)
}

/// Whom `user can … --on` / `--in` asks about.
#[derive(Debug, Clone)]
pub enum Over {
    /// Another user, by id or email.
    User(String),
    /// Everyone in a part of the organization.
    Part(Scope),
}

/// The answer to `user can USER ABILITY`.
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    pub user: String,
    pub ability: String,
    pub allowed: bool,
    pub sources: Vec<String>,
    /// Whom the user reaches with the ability: `everyone`, `department=Sales`.
    pub scope: Option<String>,
    /// The user or part asked about, if any.
    pub on: Option<String>,
    /// Why not, when the user holds the ability but cannot use it now, or there.
    pub reason: Option<String>,
}

/// Whether a user may use an ability now (they hold it and are active) and,
/// with `over`, on that user or in that part of the organization.
pub fn can(tx: &Tx, key: &str, ability: &str, over: Option<&Over>) -> Result<Answer> {
    let user = readable(tx, key)?;
    let ability = crate::types::ability(ability)?;
    let sources =
        permissions(tx, user.id)?.into_iter().find(|p| p.ability == ability).map(|p| p.sources).unwrap_or_default();
    let reach = crate::access::reach_of(&tx.db, user.id)?.remove(&ability);
    let (on, there) = match over {
        None => (None, true),
        Some(Over::User(other)) => {
            let other = readable(tx, other)?;
            (Some(other.label()), reach.as_ref().is_some_and(|r| r.holds(&other.placement())))
        }
        Some(Over::Part(part)) => {
            (Some(part.to_string()), reach.as_ref().is_some_and(|r| r.covers(&Reach::of(vec![part.clone()]))))
        }
    };
    let reason = if sources.is_empty() {
        None
    } else if user.status != Status::Active {
        Some(format!("the user is {}", user.status))
    } else if !there {
        Some(format!("{ability} reaches only {}", reach.as_ref().map(ToString::to_string).unwrap_or_default()))
    } else {
        None
    };
    Ok(Answer {
        user: user.label(),
        allowed: !sources.is_empty() && reason.is_none(),
        ability,
        sources,
        scope: reach.map(|r| r.to_string()),
        on,
        reason,
    })
}

/// Guard rails taken before a change to `user`'s roles or state.
pub(crate) fn rails(tx: &Tx) -> Result<Rails> {
    Rails::before(&tx.db, &tx.actor)
}

//! Roles and abilities: the catalog, granting, and the rules that keep
//! permissions explainable and nobody locked out.

use serde::Serialize;
use serde_json::json;

use crate::audit::{self, Changes, Target};
use crate::error::{Conflict, Denied, Error, Result};
use crate::model::scope::{Reach, Scope};
use crate::session::Tx;
use crate::store::roles::RoleRow;
use crate::users::{self, Field, UserFilter};
use crate::{store, types};

/// A role as shown by `role list` and `role show`.
#[derive(Debug, Clone, Serialize)]
pub struct Role {
    pub name: String,
    pub description: String,
    pub builtin: bool,
    pub abilities: Vec<String>,
    pub requires: Vec<String>,
    pub members: u64,
}

pub(crate) fn find(tx: &Tx, name: &str) -> Result<RoleRow> {
    store::roles::find(&tx.db, name)?.ok_or_else(|| Error::not_found("role", name.trim()))
}

fn describe(tx: &Tx, row: RoleRow, members: u64) -> Result<Role> {
    Ok(Role {
        abilities: store::roles::abilities_of(&tx.db, &row)?,
        requires: store::roles::required_fields(&tx.db, row.id)?,
        name: row.name,
        description: row.description,
        builtin: row.builtin,
        members,
    })
}

pub fn list(tx: &Tx) -> Result<Vec<Role>> {
    tx.actor.require("users.read")?;
    store::roles::list(&tx.db)?.into_iter().map(|(row, members)| describe(tx, row, members)).collect()
}

/// A role and (up to a thousand of) its members' emails.
pub fn show(tx: &Tx, name: &str) -> Result<(Role, Vec<String>)> {
    tx.actor.require("users.read")?;
    let row = find(tx, name)?;
    let members = users::shown_members(tx, UserFilter { role: Some(row.name.clone()), ..UserFilter::default() })?;
    let count = store::roles::member_count(&tx.db, row.id)?;
    Ok((describe(tx, row, count)?, members))
}

/// A role as a change to a user needs it: the fields it requires, whom it
/// is given for, and whether this actor may give it. Resolved once per role
/// (an import resolves each role once for a million rows); `check` is the
/// one test of holding it.
#[derive(Debug, Clone)]
pub(crate) struct Grant {
    pub row: RoleRow,
    pub required: Vec<Field>,
    /// Whom the grant reaches: what was asked for, or the most the actor can give.
    pub reach: Reach,
    /// Why this actor may not give it, if not: they lack one of its abilities.
    refused: Option<Denied>,
}

impl Grant {
    /// The role, given for whom the actor reaches with all its abilities.
    pub fn of(tx: &Tx, row: RoleRow) -> Result<Grant> {
        Grant::within(tx, row, None)
    }

    /// The role given for `wanted` (`None`: as far as the actor reaches).
    pub fn within(tx: &Tx, row: RoleRow, wanted: Option<&Reach>) -> Result<Grant> {
        let required =
            store::roles::required_fields(&tx.db, row.id)?.iter().filter_map(|f| Field::parse(f).ok()).collect();
        let (reach, refused) = match grantable_reach(tx, &row, wanted) {
            Ok(reach) => (reach, None),
            Err(Error::Denied(denied)) => (Reach::Everyone, Some(denied)),
            Err(other) => return Err(other),
        };
        Ok(Grant { row, required, reach, refused })
    }

    /// Whether `user` may be given (or keep) this role by this actor: the
    /// actor holds every ability it gives, and `has` every field it requires.
    pub fn check(&self, user: &str, has: impl Fn(Field) -> bool) -> Result<()> {
        if let Some(denied) = &self.refused {
            return Err(denied.clone().into());
        }
        match self.required.iter().find(|f| !has(**f)) {
            Some(field) => Err(Conflict::RoleRequires {
                role: self.row.name.clone(),
                field: field.name().to_owned(),
                user: user.to_owned(),
            }
            .into()),
            None => Ok(()),
        }
    }

    /// As messages name it: `user-admin`, `user-admin (department=Sales)`.
    pub fn label(&self) -> String {
        match &self.reach {
            Reach::Everyone => self.row.name.clone(),
            within => format!("{} ({within})", self.row.name),
        }
    }
}

/// Whom the actor may give a role for: an actor gives a role only as far as
/// they hold every ability it gives (README, "Scoped administration"); the
/// operating-system account gives anything for anyone.
fn grantable_reach(tx: &Tx, role: &RoleRow, wanted: Option<&Reach>) -> Result<Reach> {
    if tx.actor.user_id.is_none() {
        return Ok(wanted.cloned().unwrap_or(Reach::Everyone));
    }
    let abilities = store::roles::abilities_of(&tx.db, role)?;
    let names: Vec<&str> = abilities.iter().map(String::as_str).collect();
    let mine = tx.actor.reach_of_all(&names)?;
    let Some(wanted) = wanted else { return Ok(mine) };
    if mine.covers(wanted) {
        return Ok(wanted.clone());
    }
    let short = names.iter().find(|a| !tx.actor.reach(a).is_some_and(|r| r.covers(wanted))).unwrap_or(&"");
    Err(Denied::OnlyWithin { actor: tx.actor.label.clone(), ability: (*short).to_owned(), reach: mine.to_string() }
        .into())
}

/// An actor may give a role for everyone only if they hold every ability
/// it gives for everyone.
pub(crate) fn ensure_grantable(tx: &Tx, role: &RoleRow) -> Result<()> {
    grantable_reach(tx, role, Some(&Reach::Everyone)).map(|_| ())
}

/// The fields and abilities a new or edited role is given.
#[derive(Debug, Clone, Default)]
pub struct RoleSpec {
    pub description: Option<String>,
    pub add_abilities: Vec<String>,
    pub remove_abilities: Vec<String>,
    pub add_requires: Vec<String>,
    pub remove_requires: Vec<String>,
    pub rename: Option<String>,
}

pub fn create(tx: &Tx, name: &str, spec: &RoleSpec) -> Result<Role> {
    tx.actor.require("roles.manage")?;
    let name = types::name("role", name)?;
    if let Some(existing) = store::roles::find(&tx.db, &name)? {
        return Err(Conflict::Exists { what: "role", name: existing.name }.into());
    }
    let id = store::roles::create(&tx.db, &name, spec.description.as_deref().unwrap_or_default())?;
    let row = RoleRow { id, name: name.clone(), description: String::new(), builtin: false, all_abilities: false };
    let changes = apply_spec(tx, &row, spec)?;
    let mut details = changes.into_value();
    if let Some(map) = details.as_object_mut() {
        map.insert("role".into(), json!(name));
    }
    audit::record(tx, "role.create", Target::Named(format!("role:{name}")), details)?;
    let row = find(tx, &name)?;
    describe(tx, row, 0)
}

pub fn edit(tx: &Tx, name: &str, spec: &RoleSpec) -> Result<Role> {
    tx.actor.require("roles.manage")?;
    let row = find(tx, name)?;
    if row.all_abilities && (!spec.add_abilities.is_empty() || !spec.remove_abilities.is_empty()) {
        return Err(Conflict::Other(format!("role {} always holds every ability", row.name)).into());
    }
    if row.builtin && spec.rename.is_some() {
        return Err(Conflict::Other(format!("role {} is built in and keeps its name", row.name)).into());
    }
    if !spec.remove_abilities.is_empty() {
        rank_over_holders(tx, Holders::Role(row.id))?;
    }
    let rails = users::rails(tx)?;
    let changes = apply_spec(tx, &row, spec)?;
    rails.check(&tx.db, &tx.actor, &format!("role {}", row.name), "lose the admin role")?;
    let row = find(tx, spec.rename.as_deref().unwrap_or(&row.name))?;
    if !changes.is_empty() {
        audit::record(tx, "role.edit", Target::Named(format!("role:{}", row.name)), changes.into_value())?;
    }
    let members = store::roles::member_count(&tx.db, row.id)?;
    describe(tx, row, members)
}

fn apply_spec(tx: &Tx, row: &RoleRow, spec: &RoleSpec) -> Result<Changes> {
    let mut changes = Changes::default();
    let mut updated = row.clone();
    if let Some(new_name) = &spec.rename {
        let new_name = types::name("role", new_name)?;
        if let Some(other) = store::roles::find(&tx.db, &new_name)?.filter(|o| o.id != row.id) {
            return Err(Conflict::Exists { what: "role", name: other.name }.into());
        }
        changes.push("name", Some(&row.name), Some(&new_name));
        updated.name = new_name;
    }
    if let Some(description) = &spec.description {
        let description = description.trim().to_owned();
        if description != row.description {
            changes.push("description", Some(&row.description), Some(&description));
            updated.description = description;
        }
    }
    if updated.name != row.name || updated.description != row.description {
        store::roles::update(&tx.db, &updated)?;
    }
    for raw in &spec.add_abilities {
        let ability = known_ability(tx, raw)?;
        tx.actor.user_id.map_or(Ok(()), |_| tx.actor.require(&ability))?;
        if store::roles::add_ability(&tx.db, row.id, &ability)? {
            changes.push(&format!("ability {ability}"), None, Some("granted"));
        }
    }
    for raw in &spec.remove_abilities {
        let ability = known_ability(tx, raw)?;
        if store::roles::remove_ability(&tx.db, row.id, &ability)? {
            changes.push(&format!("ability {ability}"), Some("granted"), None);
        }
    }
    for raw in &spec.add_requires {
        let field = Field::parse(raw)?;
        let missing = store::roles::members_missing(&tx.db, row.id, field)?;
        if let Some(first) = missing.first() {
            return Err(Conflict::RoleRequires {
                role: updated.name.clone(),
                field: field.name().into(),
                user: first.clone(),
            }
            .into());
        }
        if store::roles::add_required(&tx.db, row.id, field.name())? {
            changes.push(&format!("requires {field}"), None, Some("yes"));
        }
    }
    for raw in &spec.remove_requires {
        let field = Field::parse(raw)?;
        if store::roles::remove_required(&tx.db, row.id, field.name())? {
            changes.push(&format!("requires {field}"), Some("yes"), None);
        }
    }
    Ok(changes)
}

fn known_ability(tx: &Tx, raw: &str) -> Result<String> {
    let name = types::ability(raw)?;
    store::roles::find_ability(&tx.db, &name)?
        .map(|a| a.name)
        .ok_or_else(|| Error::not_found("ability", format!("{name} (register it with `roster ability add`)")))
}

/// Whose abilities a role or catalog change takes something from.
enum Holders<'a> {
    Role(i64),
    Ability(&'a str),
}

/// Taking an ability away from a role (or from the catalog) changes the
/// abilities of each of its holders: the rank rule holds for every one.
fn rank_over_holders(tx: &Tx, holders: Holders) -> Result<()> {
    store::lifecycle::clear_targets(&tx.db)?;
    match holders {
        Holders::Role(id) => store::roles::add_member_targets(&tx.db, id)?,
        Holders::Ability(name) => store::roles::add_holder_targets(&tx.db, name)?,
    }
    let ranked = crate::access::rank_over_targets(&tx.db, &tx.actor);
    store::lifecycle::clear_targets(&tx.db)?;
    ranked
}

/// Deletes a role; its holders move to `reassign_to`, or the delete is refused.
pub fn delete(tx: &Tx, name: &str, reassign_to: Option<&str>) -> Result<u64> {
    tx.actor.require("roles.manage")?;
    let row = find(tx, name)?;
    if row.builtin {
        return Err(Conflict::Other(format!("role {} is built in and cannot be deleted", row.name)).into());
    }
    let members = store::roles::member_count(&tx.db, row.id)?;
    let mut moved = 0;
    if members > 0 {
        let Some(target) = reassign_to else {
            return Err(Conflict::InUse {
                what: "role",
                name: row.name,
                users: members,
                hint: "; use --reassign-to ROLE",
            }
            .into());
        };
        let target = find(tx, target)?;
        if target.id == row.id {
            return Err(Error::invalid("reassign-to", &target.name, "is the role being deleted"));
        }
        ensure_grantable(tx, &target)?;
        rank_over_holders(tx, Holders::Role(row.id))?;
        let rails = users::rails(tx)?;
        for (user_id, from, to) in store::roles::scoped_holders_of_both(&tx.db, row.id, target.id)? {
            let joined = Reach::from_stored(from.as_deref())?.join(&Reach::from_stored(to.as_deref())?);
            store::users::set_role(&tx.db, user_id, target.id, joined.to_stored().as_deref())?;
        }
        moved = store::roles::reassign(&tx.db, row.id, target.id)?;
        rails.check(&tx.db, &tx.actor, &format!("role {}", row.name), "lose the admin role")?;
    }
    store::roles::delete(&tx.db, row.id)?;
    audit::record(
        tx,
        "role.delete",
        Target::Named(format!("role:{}", row.name)),
        json!({ "members": members, "reassigned_to": reassign_to.filter(|_| members > 0) }),
    )?;
    Ok(moved)
}

/// Grants roles to a user, for the parts of the organization `scopes` name
/// (none: as far as the actor reaches, everyone for a full admin); returns
/// the grants that changed something, as messages name them.
pub fn grant(tx: &Tx, user: &str, roles: &[String], scopes: &[Scope]) -> Result<Vec<String>> {
    tx.actor.require("roles.manage")?;
    let user = users::find(tx, user)?;
    crate::access::rank_over(&tx.db, &tx.actor, user.id)?;
    let wanted = (!scopes.is_empty()).then(|| Reach::of(scopes.to_vec()));
    let mut granted = Vec::new();
    for name in roles {
        let role = Grant::within(tx, find(tx, name)?, wanted.as_ref())?;
        role.check(user.email(), |f| user.profile.get(f).is_some())?;
        if users::write_roles(tx, user.id, &[&role], &[])? > 0 {
            granted.push(role.label());
        }
    }
    if !granted.is_empty() {
        audit::record(tx, "role.grant", Target::User(user.id, user.email()), json!({ "roles": granted }))?;
    }
    Ok(granted)
}

/// Revokes roles from a user, who keeps at least one, within the guard
/// rails; with `scopes`, only those parts of a scoped grant.
pub fn revoke(tx: &Tx, user: &str, roles: &[String], scopes: &[Scope]) -> Result<Vec<String>> {
    tx.actor.require("roles.manage")?;
    let user = users::find(tx, user)?;
    crate::access::rank_over(&tx.db, &tx.actor, user.id)?;
    let rails = users::rails(tx)?;
    let mut revoked = Vec::new();
    for name in roles {
        let role = find(tx, name)?;
        let changed = if scopes.is_empty() {
            users::write_roles(tx, user.id, &[], &[&role])? > 0
        } else {
            users::narrow_role(tx, user.id, &role, scopes)?
        };
        if changed {
            revoked.push(match scopes {
                [] => role.name,
                _ => format!("{} ({})", role.name, Reach::of(scopes.to_vec())),
            });
        }
    }
    rails.check(&tx.db, &tx.actor, user.email(), "lose the admin role")?;
    if store::users::role_count(&tx.db, user.id)? == 0 {
        return Err(Conflict::LastRole { user: user.label() }.into());
    }
    if !revoked.is_empty() {
        crate::auth::end_sessions(tx, user.id)?;
        audit::record(tx, "role.revoke", Target::User(user.id, user.email()), json!({ "roles": revoked }))?;
    }
    Ok(revoked)
}

/// An entry of the ability catalog.
#[derive(Debug, Clone, Serialize)]
pub struct Ability {
    pub name: String,
    pub description: String,
    pub builtin: bool,
}

pub fn abilities(tx: &Tx) -> Result<Vec<Ability>> {
    tx.actor.require("users.read")?;
    Ok(store::roles::abilities(&tx.db)?
        .into_iter()
        .map(|a| Ability { name: a.name, description: a.description, builtin: a.builtin })
        .collect())
}

/// Registers an app-defined ability such as `crm.view`.
pub fn add_ability(tx: &Tx, name: &str, description: &str) -> Result<Ability> {
    tx.actor.require("roles.manage")?;
    let name = types::ability(name)?;
    let description = types::text("description", description)?;
    if store::roles::find_ability(&tx.db, &name)?.is_some() {
        return Err(Conflict::Exists { what: "ability", name }.into());
    }
    store::roles::insert_ability(&tx.db, &name, &description)?;
    audit::record(tx, "ability.add", Target::Named(format!("ability:{name}")), json!({ "description": description }))?;
    Ok(Ability { name, description, builtin: false })
}

/// Removes an app-defined ability; refused while held unless `force`.
pub fn remove_ability(tx: &Tx, name: &str, force: bool) -> Result<()> {
    tx.actor.require("roles.manage")?;
    let ability = known_ability(tx, name)?;
    if store::roles::find_ability(&tx.db, &ability)?.is_some_and(|a| a.builtin) {
        return Err(Conflict::Other(format!("ability {ability} is built in and cannot be removed")).into());
    }
    let (roles, users) = store::roles::ability_holders(&tx.db, &ability)?;
    if (roles > 0 || users > 0) && !force {
        return Err(Conflict::Other(format!(
            "ability {ability} is held by {roles} role(s) and {users} user(s); use --force to remove it from them"
        ))
        .into());
    }
    rank_over_holders(tx, Holders::Ability(&ability))?;
    store::roles::delete_ability(&tx.db, &ability)?;
    audit::record(
        tx,
        "ability.remove",
        Target::Named(format!("ability:{ability}")),
        json!({ "roles": roles, "users": users }),
    )?;
    Ok(())
}

/// Grants extra abilities directly to a user; returns those that were new.
pub fn grant_abilities(tx: &Tx, user: &str, abilities: &[String]) -> Result<Vec<String>> {
    tx.actor.require("roles.manage")?;
    let user = users::find(tx, user)?;
    crate::access::rank_over(&tx.db, &tx.actor, user.id)?;
    let mut granted = Vec::new();
    for raw in abilities {
        let ability = known_ability(tx, raw)?;
        if grant_ability_raw(tx, user.id, user.email(), &ability)? {
            granted.push(ability);
        }
    }
    Ok(granted)
}

pub(crate) fn grant_ability_raw(tx: &Tx, user_id: i64, email: &str, ability: &str) -> Result<bool> {
    if tx.actor.user_id.is_some() {
        tx.actor.require(ability)?;
    }
    let new = store::roles::grant_user_ability(&tx.db, user_id, ability)?;
    if new {
        audit::record(tx, "ability.grant", Target::User(user_id, email), json!({ "ability": ability }))?;
    }
    Ok(new)
}

pub fn revoke_abilities(tx: &Tx, user: &str, abilities: &[String]) -> Result<Vec<String>> {
    tx.actor.require("roles.manage")?;
    let user = users::find(tx, user)?;
    crate::access::rank_over(&tx.db, &tx.actor, user.id)?;
    let rails = users::rails(tx)?;
    let mut revoked = Vec::new();
    for raw in abilities {
        let ability = known_ability(tx, raw)?;
        if store::roles::revoke_user_ability(&tx.db, user.id, &ability)? {
            audit::record(tx, "ability.revoke", Target::User(user.id, user.email()), json!({ "ability": ability }))?;
            revoked.push(ability);
        }
    }
    rails.check(&tx.db, &tx.actor, user.email(), "lose the admin role")?;
    if !revoked.is_empty() {
        crate::auth::end_sessions(tx, user.id)?;
    }
    Ok(revoked)
}

/// What `role import` did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PackReport {
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
}

/// One row of a role pack: `role,description,abilities,requires`, lists by `;`.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct PackRow {
    pub role: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub abilities: String,
    #[serde(default)]
    pub requires: String,
}

/// Loads a role pack: creates missing roles and app abilities, and brings
/// existing roles to what the pack says. Running it twice changes nothing.
pub fn import_pack(tx: &Tx, rows: &[(u64, PackRow)]) -> Result<PackReport> {
    tx.actor.require("roles.manage")?;
    let split =
        |s: &str| -> Vec<String> { s.split(';').map(str::trim).filter(|x| !x.is_empty()).map(str::to_owned).collect() };
    let mut report = PackReport::default();
    for (line, row) in rows {
        let at_line = |e: Error| match e {
            Error::Invalid(mut invalid) => {
                invalid.field = format!("line {line}: {}", invalid.field);
                Error::Invalid(invalid)
            }
            other => other,
        };
        let abilities = split(&row.abilities);
        for ability in &abilities {
            let name = types::ability(ability).map_err(at_line)?;
            if store::roles::find_ability(&tx.db, &name)?.is_none() {
                add_ability(tx, &name, &format!("registered by the role pack for {}", row.role.trim()))?;
            }
        }
        let existing = store::roles::find(&tx.db, &row.role).map_err(at_line)?;
        let (current_abilities, current_requires) = match &existing {
            Some(r) => (store::roles::abilities_of(&tx.db, r)?, store::roles::required_fields(&tx.db, r.id)?),
            None => (Vec::new(), Vec::new()),
        };
        let requires: Vec<String> = split(&row.requires)
            .iter()
            .map(|f| Field::parse(f).map(|f| f.name().to_owned()))
            .collect::<Result<_>>()
            .map_err(at_line)?;
        let spec = RoleSpec {
            description: Some(row.description.clone()),
            add_abilities: abilities.iter().filter(|a| !current_abilities.contains(a)).cloned().collect(),
            remove_abilities: current_abilities.iter().filter(|a| !abilities.contains(a)).cloned().collect(),
            add_requires: requires.iter().filter(|f| !current_requires.contains(f)).cloned().collect(),
            remove_requires: current_requires.iter().filter(|f| !requires.contains(f)).cloned().collect(),
            rename: None,
        };
        match existing {
            None => {
                create(tx, &row.role, &spec).map_err(at_line)?;
                report.created += 1;
            }
            Some(r) if r.all_abilities => report.unchanged += 1,
            Some(r) => {
                let same_description = r.description == row.description.trim();
                let nothing = same_description
                    && spec.add_abilities.is_empty()
                    && spec.remove_abilities.is_empty()
                    && spec.add_requires.is_empty()
                    && spec.remove_requires.is_empty();
                if nothing {
                    report.unchanged += 1;
                } else {
                    edit(tx, &r.name, &spec).map_err(at_line)?;
                    report.updated += 1;
                }
            }
        }
    }
    if report.created + report.updated > 0 {
        let summary = json!({ "created": report.created, "updated": report.updated, "unchanged": report.unchanged });
        audit::record(tx, "role.import", Target::None, summary)?;
    }
    Ok(report)
}

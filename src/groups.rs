//! Groups (teams): many-to-many with users.

use serde::Serialize;
use serde_json::json;

use crate::audit::{self, Target};
use crate::error::{Conflict, Error, Result};
use crate::session::Tx;
use crate::store::groups::GroupRow;
use crate::users::{Assignments, UserFilter};
use crate::{store, types, users};

#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub name: String,
    pub description: String,
    pub members: u64,
}

pub(crate) fn find(tx: &Tx, name: &str) -> Result<GroupRow> {
    store::groups::find(&tx.db, name)?.ok_or_else(|| Error::not_found("group", name.trim()))
}

pub fn list(tx: &Tx) -> Result<Vec<Group>> {
    tx.actor.require("users.read")?;
    Ok(store::groups::list(&tx.db)?
        .into_iter()
        .map(|(g, members)| Group { name: g.name, description: g.description, members })
        .collect())
}

/// A group and (up to a thousand of) its members' emails.
pub fn show(tx: &Tx, name: &str) -> Result<(Group, Vec<String>)> {
    tx.actor.require("users.read")?;
    let row = find(tx, name)?;
    let emails = users::shown_members(tx, UserFilter { group: Some(row.name.clone()), ..UserFilter::default() })?;
    let members = store::groups::member_count(&tx.db, row.id)?;
    Ok((Group { name: row.name, description: row.description, members }, emails))
}

pub fn create(tx: &Tx, name: &str, description: &str) -> Result<Group> {
    tx.actor.require("users.manage")?;
    let name = types::name("group", name)?;
    if let Some(existing) = store::groups::find(&tx.db, &name)? {
        return Err(Conflict::Exists { what: "group", name: existing.name }.into());
    }
    let description = description.trim().to_owned();
    store::groups::create(&tx.db, &name, &description, tx.now)?;
    audit::record(tx, "group.create", Target::Named(format!("group:{name}")), json!({ "description": description }))?;
    Ok(Group { name, description, members: 0 })
}

/// The id of the group named `name`, created if there is none (a group an
/// HR file names is created on the way). The caller checked the ability and
/// the name.
pub(crate) fn find_or_create(tx: &Tx, name: &str) -> Result<i64> {
    if let Some(group) = store::groups::find(&tx.db, name)? {
        return Ok(group.id);
    }
    let id = store::groups::create(&tx.db, name, "", tx.now)?;
    audit::record(tx, "group.create", Target::Named(format!("group:{name}")), json!({ "by": "import" }))?;
    Ok(id)
}

/// Deletes a group; its members stay, without it. The open items it owns
/// are refused, given to a user, or dropped with it, as `user delete` does.
pub fn delete(tx: &Tx, name: &str, assignments: &Assignments) -> Result<u64> {
    tx.actor.require("users.manage")?;
    let row = find(tx, name)?;
    let open = store::assignments::open_of_group(&tx.db, row.id)?;
    match assignments {
        _ if open == 0 => {}
        Assignments::Refuse => {
            return Err(Conflict::Other(format!(
                "group {} owns {open} open item(s): give --reassign-to USER or --force",
                row.name
            ))
            .into());
        }
        Assignments::ReassignTo(heir) => {
            let heir = crate::assignments::owner(tx, heir)?;
            let moved = store::assignments::reassign_from_group(&tx.db, row.id, heir.id)?;
            audit::record(
                tx,
                "assignment.reassign",
                Target::User(heir.id, heir.email()),
                json!({ "from": format!("group:{}", row.name), "items": moved }),
            )?;
        }
        // Dropped with the group (the rows go with it).
        Assignments::Drop => {}
    }
    let exempt = tx.policies()?.dormant_exempt_group;
    if exempt.is_some_and(|e| e.eq_ignore_ascii_case(&row.name)) {
        return Err(Conflict::Other(format!(
            "group {} is the dormant_exempt_group policy; change the policy first",
            row.name
        ))
        .into());
    }
    let members = store::groups::member_count(&tx.db, row.id)?;
    store::groups::delete(&tx.db, row.id)?;
    audit::record(tx, "group.delete", Target::Named(format!("group:{}", row.name)), json!({ "members": members }))?;
    Ok(members)
}

/// Adds users to a group; returns the emails that were new to it.
pub fn add(tx: &Tx, group: &str, users: &[String]) -> Result<Vec<String>> {
    change_members(tx, group, users, true)
}

/// Removes users from a group; returns the emails that were in it.
pub fn remove(tx: &Tx, group: &str, users: &[String]) -> Result<Vec<String>> {
    change_members(tx, group, users, false)
}

fn change_members(tx: &Tx, group: &str, keys: &[String], add: bool) -> Result<Vec<String>> {
    tx.actor.require("users.manage")?;
    let row = find(tx, group)?;
    let mut changed = Vec::new();
    for key in keys {
        let user = users::find(tx, key)?;
        let did = if add {
            store::groups::add_member(&tx.db, row.id, user.id)?
        } else {
            store::groups::remove_member(&tx.db, row.id, user.id)?
        };
        if did {
            let action = if add { "group.add" } else { "group.remove" };
            audit::record(tx, action, Target::User(user.id, user.email()), json!({ "group": row.name }))?;
            changed.push(user.email().to_owned());
        }
    }
    Ok(changed)
}

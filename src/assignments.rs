//! Assignments: open items a user owns (`task T-12`), written by apps and
//! scripts; archive and delete ask before leaving them ownerless.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;

use crate::audit::{self, Target};
use crate::error::{Conflict, Error, Result};
use crate::session::Tx;
use crate::store::assignments::{AssignmentRow, Owner};
use crate::users::{self, Status};
use crate::{store, types};

#[derive(Debug, Clone, Serialize)]
pub struct Assignment {
    pub id: i64,
    /// The owner: a user (their email) or a group.
    pub user: Option<String>,
    pub group: Option<String>,
    pub kind: String,
    #[serde(rename = "ref")]
    pub reference: String,
    pub open: bool,
    pub created_at: DateTime<Utc>,
}

impl Assignment {
    /// The owner as shown: `ana@acme.test` or `group:support`.
    pub fn owner(&self) -> String {
        match (&self.user, &self.group) {
            (Some(user), _) => user.clone(),
            (None, Some(group)) => format!("group:{group}"),
            (None, None) => String::new(),
        }
    }
}

impl From<AssignmentRow> for Assignment {
    fn from(r: AssignmentRow) -> Self {
        Assignment {
            id: r.id,
            user: r.email,
            group: r.group,
            kind: r.kind,
            reference: r.reference,
            open: r.open,
            created_at: r.created_at,
        }
    }
}

/// What `add` did, and whether the owner is absent today (worth a warning).
pub struct Added {
    pub assignment: Assignment,
    pub owner_absent_today: bool,
}

/// Who gets a new item.
#[derive(Debug, Clone)]
pub enum To {
    User(String),
    Group(String),
    /// The group's member `pick` names.
    RouteIn(String),
}

/// The member routing picks, and how many open items they had.
#[derive(Debug, Clone, Serialize)]
pub struct Picked {
    pub user: String,
    pub open_items: u64,
}

/// Whom `assignment add --route` gives a group's item on `day`: an active
/// member not absent that day with the fewest open items, ties by email.
pub fn pick(tx: &Tx, group: &str, day: chrono::NaiveDate) -> Result<Picked> {
    tx.actor.require("users.read")?;
    let row = crate::groups::find(tx, group)?;
    store::assignments::members_for_routing(&tx.db, row.id, day)?
        .into_iter()
        .filter(|c| c.status == Status::Active.as_str() && !c.absent)
        .min_by(|a, b| (a.open_items, &a.email).cmp(&(b.open_items, &b.email)))
        .map(|c| Picked { user: c.email, open_items: c.open_items })
        .ok_or_else(|| Conflict::Other(format!("no active member of group {} is available on {day}", row.name)).into())
}

/// A user who may be given work (an item, or a leaver's or a group's open
/// items): anyone but an archived user. Every door that hands work over asks this.
pub(crate) fn owner(tx: &Tx, key: &str) -> Result<users::User> {
    let user = users::reachable(tx, key, "users.manage")?;
    if user.status == Status::Archived {
        return Err(Conflict::WrongState {
            action: "give work to",
            user: user.label(),
            status: user.status.to_string(),
        }
        .into());
    }
    Ok(user)
}

pub fn add(tx: &Tx, to: &To, kind: &str, reference: &str) -> Result<Added> {
    tx.actor.require("users.manage")?;
    let kind = types::text("kind", kind)?;
    let reference = types::text("ref", reference)?;
    if let Some(existing) = store::assignments::find_open(&tx.db, &kind, &reference)? {
        let owner = Assignment::from(existing).owner();
        return Err(Conflict::Other(format!("{kind} {reference} is already open, owned by {owner}")).into());
    }
    let user = match to {
        To::User(user) => Some(owner(tx, user)?),
        To::RouteIn(group) => Some(owner(tx, &pick(tx, group, tx.now.date_naive())?.user)?),
        To::Group(_) => None,
    };
    let (id, target, absent) = match (&user, to) {
        (Some(owner), _) => {
            let id = store::assignments::insert(&tx.db, Owner::User(owner.id), &kind, &reference, tx.now)?;
            let absent = store::assignments::is_absent(&tx.db, owner.id, tx.now.date_naive())?;
            (id, Target::User(owner.id, owner.email()), absent)
        }
        (None, _) => {
            let To::Group(group) = to else { return Err(Error::Internal("an owner vanished".into())) };
            let row = crate::groups::find(tx, group)?;
            let id = store::assignments::insert(&tx.db, Owner::Group(row.id), &kind, &reference, tx.now)?;
            (id, Target::Named(format!("group:{}", row.name)), false)
        }
    };
    let routed = matches!(to, To::RouteIn(_));
    audit::record(tx, "assignment.add", target, json!({ "kind": kind, "ref": reference, "routed": routed }))?;
    let assignment = get(tx, id)?;
    Ok(Added { assignment, owner_absent_today: absent })
}

fn get(tx: &Tx, id: i64) -> Result<Assignment> {
    store::assignments::get(&tx.db, id)?.map(Assignment::from).ok_or_else(|| Error::not_found("assignment", id))
}

/// Open assignments of one user, one group or everyone; closed ones too with `all`.
pub fn list(tx: &Tx, user: Option<&str>, group: Option<&str>, all: bool) -> Result<Vec<Assignment>> {
    tx.actor.require("users.read")?;
    let user_id = user.map(|u| users::find_id(tx, u)).transpose()?;
    let group_id = group.map(|g| crate::groups::find(tx, g).map(|row| row.id)).transpose()?;
    Ok(store::assignments::list(&tx.db, user_id, group_id, all)?.into_iter().map(Assignment::from).collect())
}

pub fn close(tx: &Tx, id: i64) -> Result<Assignment> {
    tx.actor.require("users.manage")?;
    let assignment = get(tx, id)?;
    if !assignment.open {
        return Err(Conflict::Other(format!("assignment {id} is already closed")).into());
    }
    store::assignments::close(&tx.db, id, tx.now)?;
    let target = match &assignment.user {
        Some(user) => Target::User(users::find_id(tx, user)?, user),
        None => Target::Named(assignment.owner()),
    };
    audit::record(tx, "assignment.close", target, json!({ "kind": assignment.kind, "ref": assignment.reference }))?;
    get(tx, id)
}

//! Assignments: open items a user owns (`task T-12`), written by apps and
//! scripts; archive and delete ask before leaving them ownerless.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;

use crate::audit::{self, Target};
use crate::error::{Conflict, Error, Result};
use crate::session::Tx;
use crate::store::assignments::AssignmentRow;
use crate::users::{self, Status};
use crate::{store, types};

#[derive(Debug, Clone, Serialize)]
pub struct Assignment {
    pub id: i64,
    pub user: String,
    pub kind: String,
    #[serde(rename = "ref")]
    pub reference: String,
    pub open: bool,
    pub created_at: DateTime<Utc>,
}

impl From<AssignmentRow> for Assignment {
    fn from(r: AssignmentRow) -> Self {
        Assignment {
            id: r.id,
            user: r.email,
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

pub fn add(tx: &Tx, user: &str, kind: &str, reference: &str) -> Result<Added> {
    tx.actor.require("users.manage")?;
    let owner = users::find(tx, user)?;
    if owner.status == Status::Archived {
        return Err(Conflict::WrongState {
            action: "assign to",
            user: owner.label(),
            status: owner.status.to_string(),
        }
        .into());
    }
    let kind = types::text("kind", kind)?;
    let reference = types::text("ref", reference)?;
    if let Some(existing) = store::assignments::find_open(&tx.db, &kind, &reference)? {
        return Err(Conflict::Other(format!("{kind} {reference} is already open, owned by {}", existing.email)).into());
    }
    let id = store::assignments::insert(&tx.db, owner.id, &kind, &reference, tx.now)?;
    audit::record(
        tx,
        "assignment.add",
        Target::User(owner.id, owner.email()),
        json!({ "kind": kind, "ref": reference }),
    )?;
    let owner_absent_today = store::assignments::is_absent(&tx.db, owner.id, tx.now.date_naive())?;
    let assignment = get(tx, id)?;
    Ok(Added { assignment, owner_absent_today })
}

fn get(tx: &Tx, id: i64) -> Result<Assignment> {
    store::assignments::get(&tx.db, id)?.map(Assignment::from).ok_or_else(|| Error::not_found("assignment", id))
}

/// Open assignments of one user, or of everyone; closed ones too with `all`.
pub fn list(tx: &Tx, user: Option<&str>, all: bool) -> Result<Vec<Assignment>> {
    tx.actor.require("users.read")?;
    let user_id = user.map(|u| users::find_id(tx, u)).transpose()?;
    Ok(store::assignments::list(&tx.db, user_id, all)?.into_iter().map(Assignment::from).collect())
}

pub fn close(tx: &Tx, id: i64) -> Result<Assignment> {
    tx.actor.require("users.manage")?;
    let assignment = get(tx, id)?;
    if !assignment.open {
        return Err(Conflict::Other(format!("assignment {id} is already closed")).into());
    }
    store::assignments::close(&tx.db, id, tx.now)?;
    let owner = users::find_id(tx, &assignment.user)?;
    audit::record(
        tx,
        "assignment.close",
        Target::User(owner, &assignment.user),
        json!({ "kind": assignment.kind, "ref": assignment.reference }),
    )?;
    get(tx, id)
}

//! Absences: date ranges on which a user is unavailable.

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::json;

use crate::audit::{self, Target};
use crate::error::{Error, Result};
use crate::session::Tx;
use crate::store::assignments::AbsenceRow;
use crate::{store, users};

#[derive(Debug, Clone, Serialize)]
pub struct Absence {
    pub id: i64,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

impl From<AbsenceRow> for Absence {
    fn from(r: AbsenceRow) -> Self {
        Absence { id: r.id, starts_on: r.starts_on, ends_on: r.ends_on }
    }
}

/// Records an absence from `from` to `to` (both included; `to` defaults to `from`).
pub fn add(tx: &Tx, user: &str, from: NaiveDate, to: Option<NaiveDate>) -> Result<Absence> {
    tx.actor.require("users.manage")?;
    let to = to.unwrap_or(from);
    if to < from {
        return Err(Error::invalid("to", to.to_string(), format!("is before the start, {from}")));
    }
    let owner = users::find(tx, user)?;
    let id = store::assignments::add_absence(&tx.db, owner.id, from, to)?;
    audit::record(tx, "absence.add", Target::User(owner.id, owner.email()), json!({ "from": from, "to": to }))?;
    Ok(Absence { id, starts_on: from, ends_on: to })
}

pub fn list(tx: &Tx, user: &str) -> Result<Vec<Absence>> {
    tx.actor.require("users.read")?;
    let id = users::find_id(tx, user)?;
    Ok(store::assignments::absences(&tx.db, id)?.into_iter().map(Absence::from).collect())
}

pub fn remove(tx: &Tx, user: &str, id: i64) -> Result<Absence> {
    tx.actor.require("users.manage")?;
    let owner = users::find(tx, user)?;
    let removed = store::assignments::remove_absence(&tx.db, owner.id, id)?
        .ok_or_else(|| Error::not_found("absence", format!("{id} of {}", owner.email())))?;
    audit::record(
        tx,
        "absence.remove",
        Target::User(owner.id, owner.email()),
        json!({ "from": removed.starts_on, "to": removed.ends_on }),
    )?;
    Ok(removed.into())
}

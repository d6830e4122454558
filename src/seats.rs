//! Seats: what the plan allows, what is used (invited + active + blocked),
//! and the one check every path that takes a seat calls.

use serde::Serialize;

use crate::audit::{self, Changes, Target};
use crate::error::{Conflict, Result};
use crate::org::{self, Plan};
use crate::session::Tx;
use crate::store;
use crate::users::Status;

#[derive(Debug, Clone, Serialize)]
pub struct Seats {
    #[serde(flatten)]
    pub plan: Plan,
    pub used: u64,
    /// `None` on the enterprise plan.
    pub free: Option<u64>,
    pub invited: u64,
    pub active: u64,
    pub blocked: u64,
    pub archived: u64,
}

impl Seats {
    /// A warning when 90% or more of the seats are in use.
    pub fn warning(&self) -> Option<String> {
        let total = self.plan.seats()?;
        let free = self.free.unwrap_or(0);
        (total > 0 && self.used * 10 >= total * 9)
            .then(|| format!("{} of {total} seats in use; {free} left", self.used))
    }
}

fn count(tx: &Tx) -> Result<Seats> {
    let org = org::show(tx)?;
    let counts = store::users::status_counts(&tx.db)?;
    let of = |status: Status| counts.iter().find(|(s, _)| *s == status).map_or(0, |(_, n)| *n);
    let used = of(Status::Invited) + of(Status::Active) + of(Status::Blocked);
    Ok(Seats {
        plan: org.plan,
        used,
        free: org.plan.seats().map(|total| total.saturating_sub(used)),
        invited: of(Status::Invited),
        active: of(Status::Active),
        blocked: of(Status::Blocked),
        archived: of(Status::Archived),
    })
}

pub fn usage(tx: &Tx) -> Result<Seats> {
    tx.actor.require("users.read")?;
    count(tx)
}

/// The one function that decides whether a change fits in the seats. It runs
/// after the change, inside its transaction, with `taken` the seats the change
/// took: if the plan is now over its limit, the error rolls everything back.
pub fn ensure_fits(tx: &Tx, taken: u64) -> Result<()> {
    if taken == 0 {
        return Ok(());
    }
    let seats = count(tx)?;
    match seats.plan.seats() {
        Some(total) if seats.used > total => {
            let free = total.saturating_sub(seats.used.saturating_sub(taken));
            Err(Conflict::NoFreeSeat { needed: taken, free }.into())
        }
        _ => Ok(()),
    }
}

/// A plan may not leave fewer seats than are in use.
pub fn ensure_plan_fits(tx: &Tx, plan: Plan) -> Result<()> {
    // The database counts in signed 64 bits.
    if let Some(total) = plan.seats().filter(|n| i64::try_from(*n).is_err()) {
        return Err(crate::Error::invalid("seats", total.to_string(), format!("at most {}", i64::MAX)));
    }
    let used = count(tx)?.used;
    match plan.seats() {
        Some(total) if total < used => {
            Err(Conflict::Other(format!("cannot set {total} seats: {used} are in use (archive or delete users first)"))
                .into())
        }
        _ => Ok(()),
    }
}

/// `roster seats set N`: a standard plan with N seats.
pub fn set(tx: &Tx, total: u64) -> Result<Seats> {
    tx.actor.require("seats.manage")?;
    let before = count(tx)?;
    let plan = Plan::Standard { seats: total };
    if before.plan != plan {
        ensure_plan_fits(tx, plan)?;
        store_plan(tx, plan)?;
        let mut changes = Changes::default();
        changes.push("plan", Some(&before.plan.describe()), Some(&plan.describe()));
        audit::record(tx, "seats.set", Target::Named("org".into()), changes.into_value())?;
    }
    count(tx)
}

fn store_plan(tx: &Tx, plan: Plan) -> Result<()> {
    let mut row = store::org::get(&tx.db)?;
    row.seats = plan.seats();
    store::org::put(&tx.db, &row)
}

/// The warning for the person at the terminal after a change, if any; no
/// ability is needed to be told.
pub fn warning(tx: &Tx) -> Result<Option<String>> {
    Ok(count(tx)?.warning())
}

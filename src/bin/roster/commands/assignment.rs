//! `roster assignment add|list|close` and `roster user absence …`.

use chrono::NaiveDate;
use clap::Subcommand;
use roster::absences::{self, Absence};
use roster::assignments::{self, Assignment, To};
use serde::Serialize;

use crate::cli::{App, ok};
use crate::output::{Record, timestamp};
use crate::{Failure, Outcome};

#[derive(Debug, Subcommand)]
pub enum AssignmentCmd {
    /// Record an open item a user owns, or a group (its team's queue), or,
    /// with --route, the group's member who should take it. Needs users.manage.
    Add {
        /// The owner (or leave out and give --group).
        #[arg(required_unless_present = "group", conflicts_with = "group")]
        user: Option<String>,
        /// A group owns the item (with --route: one of its members does).
        #[arg(long, value_name = "GROUP")]
        group: Option<String>,
        /// Give it to the group's active member who is not absent today and
        /// has the fewest open items (ties by email); `user pick` says who.
        #[arg(long, requires = "group")]
        route: bool,
        /// What kind of item: task, client, …
        #[arg(long)]
        kind: String,
        /// The item's reference, such as T-12.
        #[arg(long = "ref", value_name = "REF")]
        reference: String,
    },
    /// Open assignments, of one user, one group or everyone. Needs users.read.
    List {
        user: Option<String>,
        /// Only the items this group owns.
        #[arg(long, value_name = "GROUP", conflicts_with = "user")]
        group: Option<String>,
        /// Closed ones too.
        #[arg(long)]
        all: bool,
    },
    /// Close an assignment by id. Needs users.manage.
    Close { id: i64 },
}

#[derive(Debug, Subcommand)]
pub enum AbsenceCmd {
    /// Record an absence from FROM to TO (both included; TO defaults to FROM). Needs users.manage.
    Add { user: String, from: String, to: Option<String> },
    /// A user's absences. Needs users.read.
    List { user: String },
    /// Remove an absence by the id `absence list` shows. Needs users.manage.
    Remove { user: String, id: i64 },
}

#[derive(Serialize)]
#[serde(transparent)]
struct AssignmentLine(Assignment);

impl Record for AssignmentLine {
    fn headers() -> Vec<&'static str> {
        vec!["id", "owner", "kind", "ref", "open", "created"]
    }

    fn cells(&self) -> Vec<String> {
        let a = &self.0;
        let open = if a.open { "open" } else { "closed" };
        vec![a.id.to_string(), a.owner(), a.kind.clone(), a.reference.clone(), open.into(), timestamp(a.created_at)]
    }
}

#[derive(Serialize)]
#[serde(transparent)]
struct AbsenceLine(Absence);

impl Record for AbsenceLine {
    fn headers() -> Vec<&'static str> {
        vec!["id", "from", "to"]
    }

    fn cells(&self) -> Vec<String> {
        vec![self.0.id.to_string(), self.0.starts_on.to_string(), self.0.ends_on.to_string()]
    }
}

pub fn run(app: &App, cmd: AssignmentCmd) -> Outcome {
    let mut roster = app.open()?;
    match cmd {
        AssignmentCmd::Add { user, group, route, kind, reference } => {
            let to = match (user, group, route) {
                (Some(user), _, _) => To::User(user),
                (None, Some(group), true) => To::RouteIn(group),
                (None, Some(group), false) => To::Group(group),
                (None, None, _) => return Err(Failure::Usage("name the owner, or give --group".into())),
            };
            let added = roster.write(|tx| assignments::add(tx, &to, &kind, &reference))?;
            if added.owner_absent_today {
                app.out.warn(&format!("{} is absent today", added.assignment.owner()));
            }
            app.out.one(&AssignmentLine(added.assignment))?;
        }
        AssignmentCmd::List { user, group, all } => {
            let list = roster.read(|tx| assignments::list(tx, user.as_deref(), group.as_deref(), all))?;
            app.out.list(&list.into_iter().map(AssignmentLine).collect::<Vec<_>>())?;
        }
        AssignmentCmd::Close { id } => {
            let closed = roster.write(|tx| assignments::close(tx, id))?;
            app.out.message(&format!("closed {} {}", closed.kind, closed.reference));
        }
    }
    ok()
}

fn date(field: &'static str, raw: &str) -> Result<NaiveDate, roster::Error> {
    roster::types::date(field, raw)
}

pub fn absence(app: &App, cmd: AbsenceCmd) -> Outcome {
    let mut roster = app.open()?;
    match cmd {
        AbsenceCmd::Add { user, from, to } => {
            let from = date("from", &from)?;
            let to = to.map(|t| date("to", &t)).transpose()?;
            let absence = roster.write(|tx| absences::add(tx, &user, from, to))?;
            app.out.message(&format!("{user} absent from {} to {}", absence.starts_on, absence.ends_on));
            app.out.one(&AbsenceLine(absence))?;
        }
        AbsenceCmd::List { user } => {
            let list = roster.read(|tx| absences::list(tx, &user))?;
            app.out.list(&list.into_iter().map(AbsenceLine).collect::<Vec<_>>())?;
        }
        AbsenceCmd::Remove { user, id } => {
            let removed = roster.write(|tx| absences::remove(tx, &user, id))?;
            app.out.message(&format!("removed absence {} to {}", removed.starts_on, removed.ends_on));
        }
    }
    ok()
}

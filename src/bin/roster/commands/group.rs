//! `roster group …`: teams of users.

use clap::Subcommand;
use roster::groups::{self, Group};
use roster::users::Assignments;
use serde::Serialize;

use crate::Outcome;
use crate::cli::{App, ok};
use crate::output::Record;

#[derive(Debug, Subcommand)]
pub enum GroupCmd {
    /// Every group with its member count. Needs users.read.
    List,
    /// A group and its members. Needs users.read.
    Show { group: String },
    /// Create a group. Needs users.manage.
    Create {
        group: String,
        #[arg(long, default_value = "")]
        description: String,
    },
    /// Delete a group (its members stay); the open items it owns need
    /// --reassign-to USER or --force (dropped with it). Needs users.manage.
    Delete {
        group: String,
        /// Give the group's open items to this user.
        #[arg(long, value_name = "USER", conflicts_with = "force")]
        reassign_to: Option<String>,
        /// Drop the group's open items with it.
        #[arg(long)]
        force: bool,
    },
    /// Add users to a group. Needs users.manage.
    Add {
        group: String,
        #[arg(required = true)]
        users: Vec<String>,
    },
    /// Remove users from a group. Needs users.manage.
    Remove {
        group: String,
        #[arg(required = true)]
        users: Vec<String>,
    },
}

#[derive(Serialize)]
#[serde(transparent)]
struct GroupLine(Group);

impl Record for GroupLine {
    fn headers() -> Vec<&'static str> {
        vec!["group", "description", "members"]
    }

    fn cells(&self) -> Vec<String> {
        vec![self.0.name.clone(), self.0.description.clone(), self.0.members.to_string()]
    }
}

#[derive(Serialize)]
struct GroupCard {
    #[serde(flatten)]
    group: Group,
    member_emails: Vec<String>,
}

impl Record for GroupCard {
    fn headers() -> Vec<&'static str> {
        vec!["group", "description", "members", "member_emails"]
    }

    fn cells(&self) -> Vec<String> {
        let mut c = GroupLine(self.group.clone()).cells();
        c.push(self.member_emails.join(", "));
        c
    }
}

pub fn run(app: &App, cmd: GroupCmd) -> Outcome {
    let mut roster = app.open()?;
    match cmd {
        GroupCmd::List => {
            let groups = roster.read(groups::list)?;
            app.out.list(&groups.into_iter().map(GroupLine).collect::<Vec<_>>())?;
        }
        GroupCmd::Show { group } => {
            let (group, member_emails) = roster.read(|tx| groups::show(tx, &group))?;
            app.out.one(&GroupCard { group, member_emails })?;
        }
        GroupCmd::Create { group, description } => {
            let group = roster.write(|tx| groups::create(tx, &group, &description))?;
            app.out.message(&format!("created group {}", group.name));
        }
        GroupCmd::Delete { group, reassign_to, force } => {
            let assignments = match (reassign_to, force) {
                (Some(heir), _) => Assignments::ReassignTo(heir),
                (None, true) => Assignments::Drop,
                (None, false) => Assignments::Refuse,
            };
            let members = roster.write(|tx| groups::delete(tx, &group, &assignments))?;
            app.out.message(&format!("deleted group {group} ({members} member(s) left it)"));
        }
        GroupCmd::Add { group, users } => {
            let added = roster.write(|tx| groups::add(tx, &group, &users))?;
            app.out.message(&format!("{} user(s) added to {group}", added.len()));
        }
        GroupCmd::Remove { group, users } => {
            let removed = roster.write(|tx| groups::remove(tx, &group, &users))?;
            app.out.message(&format!("{} user(s) removed from {group}", removed.len()));
        }
    }
    ok()
}

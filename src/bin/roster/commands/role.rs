//! `roster role …`: list, show, create, edit, delete, grant, revoke, import.

use std::path::PathBuf;

use clap::Subcommand;
use roster::Error;
use roster::model::scope::Scope;
use roster::roles::{self, PackRow, Role, RoleSpec};
use serde::Serialize;

use crate::Outcome;
use crate::cli::{App, ok};
use crate::output::Record;

#[derive(Debug, Subcommand)]
pub enum RoleCmd {
    /// Every role with its abilities and member count. Needs users.read.
    List,
    /// A role's abilities, required fields and members. Needs users.read.
    Show { role: String },
    /// Create a role. Needs roles.manage.
    Create {
        role: String,
        /// An ability the role holds (repeatable).
        #[arg(long = "ability", value_name = "ABILITY")]
        abilities: Vec<String>,
        #[arg(long)]
        description: Option<String>,
        /// A user field a holder must have set, such as salesman_id (repeatable).
        #[arg(long = "requires", value_name = "FIELD")]
        requires: Vec<String>,
    },
    /// Change a role. Needs roles.manage.
    Edit {
        role: String,
        #[arg(long = "add-ability", value_name = "ABILITY")]
        add_abilities: Vec<String>,
        #[arg(long = "remove-ability", value_name = "ABILITY")]
        remove_abilities: Vec<String>,
        #[arg(long = "requires", value_name = "FIELD")]
        add_requires: Vec<String>,
        #[arg(long = "no-requires", value_name = "FIELD")]
        remove_requires: Vec<String>,
        #[arg(long)]
        description: Option<String>,
        #[arg(long, value_name = "NAME")]
        rename: Option<String>,
    },
    /// Delete a role; refused while users hold it unless --reassign-to. Needs roles.manage.
    Delete {
        role: String,
        /// Move the role's holders to this role first.
        #[arg(long, value_name = "ROLE")]
        reassign_to: Option<String>,
    },
    /// Grant roles to a user, for everyone or only for users in a part of
    /// the organization. Needs roles.manage.
    Grant {
        user: String,
        #[arg(required = true)]
        roles: Vec<String>,
        /// The grant's abilities hold only for users in this part:
        /// department=Sales, branch=Lyon or brand=Acme (repeatable: any of them).
        #[arg(long, value_name = "FIELD=VALUE")]
        scope: Vec<String>,
    },
    /// Revoke roles from a user (who keeps at least one). Needs roles.manage.
    Revoke {
        user: String,
        #[arg(required = true)]
        roles: Vec<String>,
        /// Take only these parts out of a scoped grant (it ends with its last part).
        #[arg(long, value_name = "FIELD=VALUE")]
        scope: Vec<String>,
    },
    /// Load a role pack CSV (role,description,abilities,requires); idempotent. Needs roles.manage.
    Import { file: PathBuf },
}

#[derive(Serialize)]
#[serde(transparent)]
struct RoleLine(Role);

impl Record for RoleLine {
    fn headers() -> Vec<&'static str> {
        vec!["role", "description", "abilities", "requires", "members", "builtin"]
    }

    fn cells(&self) -> Vec<String> {
        let r = &self.0;
        vec![
            r.name.clone(),
            r.description.clone(),
            r.abilities.join(", "),
            r.requires.join(", "),
            r.members.to_string(),
            if r.builtin { "yes".into() } else { String::new() },
        ]
    }
}

#[derive(Serialize)]
struct RoleCard {
    #[serde(flatten)]
    role: Role,
    member_emails: Vec<String>,
}

impl Record for RoleCard {
    fn headers() -> Vec<&'static str> {
        let mut h = RoleLine::headers();
        h.push("member_emails");
        h
    }

    fn cells(&self) -> Vec<String> {
        let mut c = RoleLine(self.role.clone()).cells();
        c.push(self.member_emails.join(", "));
        c
    }
}

fn read_pack(file: &PathBuf) -> Result<Vec<(u64, PackRow)>, Error> {
    let invalid = |reason: String| Error::invalid("file", file.display().to_string(), reason);
    let mut reader =
        csv::ReaderBuilder::new().trim(csv::Trim::All).from_path(file).map_err(|e| invalid(e.to_string()))?;
    let mut rows = Vec::new();
    for (i, record) in reader.deserialize::<PackRow>().enumerate() {
        let row = record.map_err(|e| invalid(format!("line {}: {e}", i + 2)))?;
        rows.push((i as u64 + 2, row));
    }
    Ok(rows)
}

pub fn run(app: &App, cmd: RoleCmd) -> Outcome {
    let mut roster = app.open()?;
    match cmd {
        RoleCmd::List => {
            let roles = roster.read(roles::list)?;
            app.out.list(&roles.into_iter().map(RoleLine).collect::<Vec<_>>())?;
        }
        RoleCmd::Show { role } => {
            let (role, member_emails) = roster.read(|tx| roles::show(tx, &role))?;
            app.out.one(&RoleCard { role, member_emails })?;
        }
        RoleCmd::Create { role, abilities, description, requires } => {
            let spec =
                RoleSpec { description, add_abilities: abilities, add_requires: requires, ..RoleSpec::default() };
            let role = roster.write(|tx| roles::create(tx, &role, &spec))?;
            app.out.message(&format!("created role {}", role.name));
            app.out.one(&RoleLine(role))?;
        }
        RoleCmd::Edit { role, add_abilities, remove_abilities, add_requires, remove_requires, description, rename } => {
            let spec = RoleSpec { description, add_abilities, remove_abilities, add_requires, remove_requires, rename };
            let role = roster.write(|tx| roles::edit(tx, &role, &spec))?;
            app.out.message(&format!("updated role {}", role.name));
            app.out.one(&RoleLine(role))?;
        }
        RoleCmd::Delete { role, reassign_to } => {
            let moved = roster.write(|tx| roles::delete(tx, &role, reassign_to.as_deref()))?;
            let moved = reassign_to.filter(|_| moved > 0).map(|to| format!("; {moved} user(s) moved to {to}"));
            app.out.message(&format!("deleted role {role}{}", moved.unwrap_or_default()));
        }
        RoleCmd::Grant { user, roles: names, scope } => {
            let scopes = scope.iter().map(|s| Scope::parse(s)).collect::<Result<Vec<_>, _>>()?;
            let granted = roster.write(|tx| roles::grant(tx, &user, &names, &scopes))?;
            app.out.message(&summary("granted", &granted, &user));
        }
        RoleCmd::Revoke { user, roles: names, scope } => {
            let scopes = scope.iter().map(|s| Scope::parse(s)).collect::<Result<Vec<_>, _>>()?;
            let revoked = roster.write(|tx| roles::revoke(tx, &user, &names, &scopes))?;
            app.out.message(&summary("revoked", &revoked, &user));
        }
        RoleCmd::Import { file } => {
            let rows = read_pack(&file)?;
            let report = roster.write(|tx| roles::import_pack(tx, &rows))?;
            app.out.message(&format!(
                "role pack {}: {} created, {} updated, {} unchanged",
                file.display(),
                report.created,
                report.updated,
                report.unchanged
            ));
            app.out.answer(
                &format!("created={} updated={} unchanged={}", report.created, report.updated, report.unchanged),
                &report,
            )?;
        }
    }
    ok()
}

/// `granted sales-rep to ana@x.test`, or `nothing to change for ana@x.test`.
pub fn summary(verb: &str, names: &[String], user: &str) -> String {
    if names.is_empty() {
        format!("nothing to change for {user}")
    } else {
        format!("{verb} {} for {user}", names.join(", "))
    }
}

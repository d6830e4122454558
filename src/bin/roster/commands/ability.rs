//! `roster ability …`: the catalog, and abilities granted directly to users.

use clap::Subcommand;
use roster::roles::{self, Ability};
use serde::Serialize;

use crate::Outcome;
use crate::cli::{App, ok};
use crate::commands::role::summary;
use crate::output::Record;

#[derive(Debug, Subcommand)]
pub enum AbilityCmd {
    /// Every ability with its description. Needs users.read.
    List,
    /// Register an app-defined ability such as crm.view. Needs roles.manage.
    Add {
        name: String,
        #[arg(long)]
        description: String,
    },
    /// Remove an app-defined ability; refused while held unless --force. Needs roles.manage.
    Remove {
        name: String,
        #[arg(long)]
        force: bool,
    },
    /// Grant abilities directly to a user. Needs roles.manage.
    Grant {
        user: String,
        #[arg(required = true)]
        abilities: Vec<String>,
    },
    /// Revoke abilities granted directly to a user. Needs roles.manage.
    Revoke {
        user: String,
        #[arg(required = true)]
        abilities: Vec<String>,
    },
}

#[derive(Serialize)]
#[serde(transparent)]
struct AbilityLine(Ability);

impl Record for AbilityLine {
    fn headers() -> Vec<&'static str> {
        vec!["ability", "description", "builtin"]
    }

    fn cells(&self) -> Vec<String> {
        let a = &self.0;
        vec![a.name.clone(), a.description.clone(), if a.builtin { "yes".into() } else { String::new() }]
    }
}

pub fn run(app: &App, cmd: AbilityCmd) -> Outcome {
    let mut roster = app.open()?;
    match cmd {
        AbilityCmd::List => {
            let abilities = roster.read(roles::abilities)?;
            app.out.list(&abilities.into_iter().map(AbilityLine).collect::<Vec<_>>())?;
        }
        AbilityCmd::Add { name, description } => {
            let ability = roster.write(|tx| roles::add_ability(tx, &name, &description))?;
            app.out.message(&format!("registered ability {}", ability.name));
        }
        AbilityCmd::Remove { name, force } => {
            roster.write(|tx| roles::remove_ability(tx, &name, force))?;
            app.out.message(&format!("removed ability {name}"));
        }
        AbilityCmd::Grant { user, abilities } => {
            let granted = roster.write(|tx| roles::grant_abilities(tx, &user, &abilities))?;
            app.out.message(&summary("granted", &granted, &user));
        }
        AbilityCmd::Revoke { user, abilities } => {
            let revoked = roster.write(|tx| roles::revoke_abilities(tx, &user, &abilities))?;
            app.out.message(&summary("revoked", &revoked, &user));
        }
    }
    ok()
}

//! `roster init`: create the database and name the organization.

use clap::Args;
use roster::org::{self, Plan};

use crate::Outcome;
use crate::cli::{App, ok};
use crate::commands::org::OrgView;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The organization's name.
    #[arg(long, value_name = "NAME")]
    pub org: String,
    /// A standard plan with this many seats.
    #[arg(long, value_name = "N", conflicts_with = "enterprise")]
    pub seats: Option<u64>,
    /// The enterprise plan: unlimited seats (the default without --seats).
    #[arg(long)]
    pub enterprise: bool,
}

pub fn run(app: &App, args: InitArgs) -> Outcome {
    let plan = args.seats.map_or(Plan::Enterprise, |seats| Plan::Standard { seats });
    let mut roster = app.create()?;
    let org = roster.write(|tx| org::init(tx, &args.org, plan))?;
    app.out.message(&format!("initialized {} ({}) in {}", org.name, org.plan.describe(), app.global.db.display()));
    app.out.one(&OrgView(org))?;
    if let Some(key) = roster::audit::take_verify_key(&mut roster)? {
        crate::commands::audit::show_verify_key(app, &key)?;
    }
    ok()
}

//! `roster seats [set N]`.

use clap::{Args, Subcommand};
use roster::org::Plan;
use roster::seats::{self, Seats};
use serde::Serialize;

use crate::Outcome;
use crate::cli::{App, ok};
use crate::output::Record;

#[derive(Debug, Args)]
pub struct SeatsArgs {
    #[command(subcommand)]
    pub cmd: Option<SeatsCmd>,
}

#[derive(Debug, Subcommand)]
pub enum SeatsCmd {
    /// A standard plan with N seats; refused below what is in use. Needs seats.manage.
    Set { seats: u64 },
}

#[derive(Serialize)]
#[serde(transparent)]
struct SeatsView(Seats);

impl Record for SeatsView {
    fn headers() -> Vec<&'static str> {
        vec!["plan", "seats", "used", "free", "invited", "active", "blocked", "archived"]
    }

    fn cells(&self) -> Vec<String> {
        let s = &self.0;
        let unlimited = || "unlimited".to_owned();
        let plan = match s.plan {
            Plan::Standard { .. } => "standard",
            Plan::Enterprise => "enterprise",
        };
        vec![
            plan.into(),
            s.plan.seats().map_or_else(unlimited, |n| n.to_string()),
            s.used.to_string(),
            s.free.map_or_else(unlimited, |n| n.to_string()),
            s.invited.to_string(),
            s.active.to_string(),
            s.blocked.to_string(),
            s.archived.to_string(),
        ]
    }
}

pub fn run(app: &App, args: SeatsArgs) -> Outcome {
    let mut roster = app.open()?;
    let seats = match args.cmd {
        None => roster.read(seats::usage)?,
        Some(SeatsCmd::Set { seats: total }) => roster.write(|tx| seats::set(tx, total))?,
    };
    if let Some(warning) = seats.warning() {
        app.out.warn(&warning);
    }
    app.out.one(&SeatsView(seats))?;
    ok()
}

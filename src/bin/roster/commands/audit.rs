//! `roster audit list`.

use clap::Subcommand;
use roster::audit::{self, AuditFilter, Entry};
use serde::Serialize;

use crate::Outcome;
use crate::cli::{App, ok, parse_time};
use crate::output::{Record, cell, timestamp};

#[derive(Debug, Subcommand)]
pub enum AuditCmd {
    /// Audit entries, newest first. Needs audit.read.
    List {
        /// Entries about this user (email as it was, or as it is now).
        #[arg(long, value_name = "EMAIL")]
        user: Option<String>,
        /// An action such as user.add, or a family such as user.
        #[arg(long)]
        action: Option<String>,
        /// From this date or RFC 3339 time on.
        #[arg(long, value_name = "TIME")]
        since: Option<String>,
        #[arg(long, default_value_t = 100)]
        limit: u64,
    },
}

#[derive(Serialize)]
#[serde(transparent)]
struct EntryLine(Entry);

impl Record for EntryLine {
    fn headers() -> Vec<&'static str> {
        vec!["seq", "at", "actor", "action", "target", "details"]
    }

    fn cells(&self) -> Vec<String> {
        let e = &self.0;
        vec![
            e.seq.to_string(),
            timestamp(e.at),
            e.actor.clone(),
            e.action.clone(),
            cell(e.target.as_deref()),
            audit::describe(&e.details),
        ]
    }
}

pub fn run(app: &App, cmd: AuditCmd) -> Outcome {
    let AuditCmd::List { user, action, since, limit } = cmd;
    let filter =
        AuditFilter { user, action, since: since.map(|s| parse_time("since", &s)).transpose()?, limit: Some(limit) };
    let mut roster = app.open()?;
    let entries = roster.read(|tx| audit::list(tx, &filter))?;
    app.out.list(&entries.into_iter().map(EntryLine).collect::<Vec<_>>())?;
    ok()
}

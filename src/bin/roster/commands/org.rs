//! `roster org show|set`.

use clap::{Subcommand, ValueEnum};
use roster::Error;
use roster::org::{self, Org, OrgPatch, Plan};
use serde::Serialize;

use crate::Outcome;
use crate::cli::{App, ok};
use crate::output::{Record, cell};

#[derive(Debug, Subcommand)]
pub enum OrgCmd {
    /// Show the organization and its plan.
    Show,
    /// Change the organization. Needs org.manage (and seats.manage for the plan).
    Set {
        #[arg(long)]
        name: Option<String>,
        /// standard (with --seats) or enterprise (unlimited).
        #[arg(long, value_enum)]
        plan: Option<PlanKind>,
        /// Seats of the standard plan.
        #[arg(long, value_name = "N")]
        seats: Option<u64>,
        /// The sender of mail, such as "Acme Admin <admin@acme.test>"; empty clears it.
        #[arg(long, value_name = "MAILBOX")]
        mail_from: Option<String>,
        /// The SMTP server: smtp://[user:password@]host[:port] (STARTTLS where
        /// offered) or smtps://…; empty clears it. A password here shows in
        /// the process list: prefer ROSTER_SMTP_URL in the environment.
        #[arg(long, value_name = "URL")]
        smtp_url: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PlanKind {
    Standard,
    Enterprise,
}

#[derive(Serialize)]
#[serde(transparent)]
pub struct OrgView(pub Org);

impl Record for OrgView {
    fn headers() -> Vec<&'static str> {
        vec!["name", "plan", "seats", "mail_from", "initialized_at"]
    }

    fn cells(&self) -> Vec<String> {
        let org = &self.0;
        let (plan, seats) = match org.plan {
            Plan::Standard { seats } => ("standard", seats.to_string()),
            Plan::Enterprise => ("enterprise", "unlimited".to_owned()),
        };
        vec![org.name.clone(), plan.into(), seats, cell(org.mail_from.as_deref()), cell(org.initialized_at.as_deref())]
    }
}

pub fn run(app: &App, cmd: OrgCmd) -> Outcome {
    let mut roster = app.open()?;
    let org = match cmd {
        OrgCmd::Show => roster.read(org::show)?,
        OrgCmd::Set { name, plan, seats, mail_from, smtp_url } => {
            let plan = match (plan, seats) {
                (Some(PlanKind::Enterprise), None) => Some(Plan::Enterprise),
                (Some(PlanKind::Enterprise), Some(_)) => {
                    return Err(
                        Error::invalid("seats", "", "the enterprise plan has unlimited seats; drop --seats").into()
                    );
                }
                (Some(PlanKind::Standard) | None, Some(seats)) => Some(Plan::Standard { seats }),
                (Some(PlanKind::Standard), None) => {
                    return Err(Error::invalid("seats", "", "the standard plan needs --seats N").into());
                }
                (None, None) => None,
            };
            let mail_from = mail_from.map(|m| Some(m).filter(|m| !m.trim().is_empty()));
            let patch = OrgPatch { name, plan, mail_from };
            roster.write(|tx| {
                if let Some(url) = &smtp_url {
                    org::set_smtp_url(tx, Some(url))?;
                }
                org::set(tx, patch)
            })?
        }
    };
    app.out.one(&OrgView(org))?;
    ok()
}

//! `roster policy show|set`.

use clap::Subcommand;
use roster::org::{self, Policy};
use serde::Serialize;

use crate::Outcome;
use crate::cli::{App, ok};
use crate::output::Record;

#[derive(Debug, Subcommand)]
pub enum PolicyCmd {
    /// Every policy with its value and default.
    Show,
    /// Change a policy, and say whom the new value affects. Needs org.manage.
    Set {
        /// A policy name as listed by `policy show`.
        key: String,
        #[arg(allow_hyphen_values = true)]
        value: String,
        /// Only list the users the new value would affect; change nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Serialize)]
#[serde(transparent)]
struct PolicyView(Policy);

impl Record for PolicyView {
    fn headers() -> Vec<&'static str> {
        vec!["key", "value", "default", "description"]
    }

    fn cells(&self) -> Vec<String> {
        let p = &self.0;
        vec![p.key.into(), p.value.clone(), p.default.into(), p.description.into()]
    }
}

pub fn run(app: &App, cmd: PolicyCmd) -> Outcome {
    let mut roster = app.open()?;
    match cmd {
        PolicyCmd::Show => {
            let policies = roster.read(org::policies)?;
            app.out.list(&policies.into_iter().map(PolicyView).collect::<Vec<_>>())?;
        }
        PolicyCmd::Set { key, value, dry_run } => {
            let (policy, impact) = roster.write(|tx| org::set_policy(tx, &key, &value, dry_run))?;
            let verb = if dry_run { "would set" } else { "set" };
            app.out.message(&format!("{verb} {} = {}", policy.key, policy.value));
            if let Some(impact) = &impact {
                app.out.message(&format!("{} user(s) affected: {}", impact.affected, impact.what));
                for user in &impact.users {
                    app.out.message(&format!("  {user}"));
                }
                if impact.affected > impact.users.len() as u64 {
                    app.out.message(&format!("  … and {} more", impact.affected - impact.users.len() as u64));
                }
            }
            if dry_run {
                app.out.answer(&format!("affected={}", impact.as_ref().map_or(0, |i| i.affected)), &impact)?;
            } else {
                app.out.one(&PolicyView(policy))?;
            }
        }
    }
    ok()
}

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
    /// Change a policy. Needs org.manage.
    Set {
        /// A policy name as listed by `policy show`.
        key: String,
        #[arg(allow_hyphen_values = true)]
        value: String,
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
        PolicyCmd::Set { key, value } => {
            let policy = roster.write(|tx| org::set_policy(tx, &key, &value))?;
            app.out.message(&format!("{} = {}", policy.key, policy.value));
            app.out.one(&PolicyView(policy))?;
        }
    }
    ok()
}

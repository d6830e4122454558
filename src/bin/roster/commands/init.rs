//! `roster init`: create the database and name the organization.

use clap::Args;
use roster::org::{self, Plan};

use crate::Outcome;

/// The database `init` just made, its WAL and shared memory, and its key file.
fn remove_new_database(db: &std::path::Path, key: &std::path::Path) {
    let with = |path: &std::path::Path, suffix: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        std::path::PathBuf::from(name)
    };
    for path in [db.to_owned(), with(db, "-wal"), with(db, "-shm"), key.to_owned(), with(key, ".head")] {
        let _ = std::fs::remove_file(path);
    }
}
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
    let db = &app.global.db;
    let new = !db.exists();
    let mut roster = app.create()?;
    let org = match roster.write(|tx| org::init(tx, &args.org, plan)) {
        Ok(org) => org,
        Err(e) => {
            // A failed init leaves nothing behind that it made.
            if new {
                let key = roster.key_path().to_owned();
                drop(roster);
                remove_new_database(db, &key);
            }
            return Err(e.into());
        }
    };
    app.out.message(&format!("initialized {} ({}) in {}", org.name, org.plan.describe(), app.global.db.display()));
    app.out.one(&OrgView(org))?;
    if let Some(key) = roster::audit::take_verify_key(&mut roster)? {
        crate::commands::audit::show_verify_key(app, &key)?;
    }
    ok()
}

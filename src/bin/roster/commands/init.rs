//! `roster init`: create the database and name the organization.

use clap::Args;
use roster::org::{self, Plan};

use crate::Outcome;

/// The database `init` just made, its WAL and shared memory, and its key file.
fn remove_new_database(db: &std::path::Path, key: Option<&std::path::Path>) {
    let beside = |suffix: &str| {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        std::path::PathBuf::from(name)
    };
    let mut made = vec![db.to_owned(), beside("-wal"), beside("-shm")];
    if let Some(key) = key {
        made.extend([key.to_owned(), roster::keys::KeyFile::head_path_of(key)]);
    }
    for path in made {
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
    // A key file already there (ROSTER_KEY_FILE of another database) is not ours to remove.
    let new_key = !roster.key_path().exists();
    let org = match roster.write(|tx| org::init(tx, &args.org, plan)) {
        Ok(org) => org,
        Err(e) => {
            // A failed init leaves nothing behind that it made.
            if new {
                let key = new_key.then(|| roster.key_path().to_owned());
                drop(roster);
                remove_new_database(db, key.as_deref());
            }
            return Err(e.into());
        }
    };
    app.out.message(&format!("initialized {} ({}) in {}", org.name, org.plan.describe(), app.db_shown()));
    app.out.one(&OrgView(org))?;
    if let Some(key) = roster::audit::take_verify_key(&mut roster)? {
        crate::commands::audit::show_verify_key(app, &key)?;
    }
    ok()
}

//! Global flags (`--db --as --format --yes -q`) and dispatch to the command groups.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::{Parser, Subcommand};
use roster::{Error, Roster};

use crate::Outcome;
use crate::commands::{
    ability, assignment, audit, auth, completions, db, group, init, invite, org, policy, role, seats, user,
};
use crate::output::{Format, Output};

/// Manage an organization's user accounts in one SQLite file (or a PostgreSQL database).
///
/// Without --as, the operating-system account that can open the database acts,
/// with every ability (recorded as os:<login>). Exit codes: 0 ok, 1 a predicate
/// said no, 2 usage, 3 not found, 4 conflict, 5 invalid input, 6 permission
/// denied, 7 authentication failed, 10 database problem, 70 internal error.
#[derive(Debug, Parser)]
#[command(name = "roster", version, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, clap::Args)]
pub struct Global {
    /// The roster database file (made by `roster init`), or a PostgreSQL
    /// database: postgres://user@host[:port]/dbname.
    #[arg(
        long,
        global = true,
        env = "ROSTER_DB",
        default_value = "roster.db",
        value_name = "PATH",
        help_heading = "Global options"
    )]
    pub db: PathBuf,
    /// Act as this active user, with their abilities.
    #[arg(long = "as", global = true, env = "ROSTER_AS", value_name = "EMAIL", help_heading = "Global options")]
    pub acting_as: Option<String>,
    /// How data is printed on stdout.
    #[arg(long, global = true, value_enum, default_value_t = Format::Table, help_heading = "Global options")]
    pub format: Format,
    /// Answer yes to confirmations (for scripts).
    #[arg(long, short = 'y', global = true, help_heading = "Global options")]
    pub yes: bool,
    /// Print no messages on stderr, only data and errors.
    #[arg(long, short = 'q', global = true, help_heading = "Global options")]
    pub quiet: bool,
    /// How long to wait for another command's write to finish (seconds).
    #[arg(
        long,
        global = true,
        env = "ROSTER_BUSY_TIMEOUT",
        default_value_t = 600,
        value_name = "SECONDS",
        help_heading = "Global options"
    )]
    pub wait: u64,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create or migrate the database and name the organization. Needs org.manage.
    Init(init::InitArgs),
    /// Show or change the organization.
    #[command(subcommand)]
    Org(org::OrgCmd),
    /// Show or change the policies.
    #[command(subcommand)]
    Policy(policy::PolicyCmd),
    /// Add, change and look up users.
    #[command(subcommand)]
    User(Box<user::UserCmd>),
    /// Roles: named sets of abilities.
    #[command(subcommand)]
    Role(role::RoleCmd),
    /// The ability catalog, and abilities granted directly to users.
    #[command(subcommand)]
    Ability(ability::AbilityCmd),
    /// Groups (teams) of users.
    #[command(subcommand)]
    Group(group::GroupCmd),
    /// Open items users own (task T-12, client C-7).
    #[command(subcommand)]
    Assignment(assignment::AssignmentCmd),
    /// Seats: the plan, used and free. Needs users.read (set: seats.manage).
    Seats(seats::SeatsArgs),
    /// Invite people by mail; accept an invite.
    #[command(subcommand)]
    Invite(invite::InviteCmd),
    /// The mail outbox: list, deliver, test.
    #[command(subcommand)]
    Mail(invite::MailCmd),
    /// Sign-in checks, password changes and sessions.
    #[command(subcommand)]
    Auth(auth::AuthCmd),
    /// The audit trail.
    #[command(subcommand)]
    Audit(audit::AuditCmd),
    /// Run every due cron job (lock dormant accounts, …), one line each.
    Maintain(db::MaintainArgs),
    /// Back up, check or restore the database (backups are of a SQLite file).
    #[command(subcommand)]
    Db(db::DbCmd),
    /// Write man pages (roff) for every command into a folder.
    Man(db::ManArgs),
    /// Print shell completions (bash, zsh, fish, …) to stdout.
    Completions(completions::CompletionsArgs),
}

/// What every handler gets: the output, the flags, and a way to open the database.
pub struct App {
    pub global: Global,
    pub out: Output,
}

/// `Roster::open` or `Roster::create`.
type Opener = fn(&std::path::Path, Option<&str>, &str, DateTime<Utc>) -> Result<Roster, Error>;

impl App {
    /// The database as messages name it: a file, or a URL without its password.
    pub fn db_shown(&self) -> String {
        roster::org::masked(&self.global.db.display().to_string())
    }

    /// The database, with the key file `ROSTER_KEY_FILE` names (else `<db>.key`).
    pub fn open(&self) -> Result<Roster, Error> {
        self.open_with(Roster::open)
    }

    /// Like `open`, creating the database when there is none (`init`).
    pub fn create(&self) -> Result<Roster, Error> {
        self.open_with(Roster::create)
    }

    /// For `db restore`: a SQLite file may be made, a server database not.
    pub fn open_to_restore(&self) -> Result<Roster, Error> {
        self.open_with(Roster::open_to_restore)
    }

    fn open_with(&self, open: Opener) -> Result<Roster, Error> {
        let roster = open(&self.global.db, self.global.acting_as.as_deref(), &os_login(), now()?)?;
        Ok(match std::env::var_os("ROSTER_KEY_FILE").filter(|p| !p.is_empty()) {
            Some(path) => roster.with_key_file(std::path::Path::new(&path)),
            None => roster,
        })
    }
}

impl Cli {
    pub fn run(self) -> Outcome {
        fn say_waiting() {
            eprintln!("roster: waiting for another command's write to finish (--wait SECONDS to bound it)");
        }
        let notice: fn() = if self.global.quiet { || {} } else { say_waiting };
        roster::store::set_waiting(std::time::Duration::from_secs(self.global.wait), notice);
        let out = Output { format: self.global.format, quiet: self.global.quiet };
        let app = App { global: self.global, out };
        match self.command {
            Command::Init(args) => init::run(&app, args),
            Command::Org(cmd) => org::run(&app, cmd),
            Command::Policy(cmd) => policy::run(&app, cmd),
            Command::User(cmd) => user::run(&app, *cmd),
            Command::Role(cmd) => role::run(&app, cmd),
            Command::Ability(cmd) => ability::run(&app, cmd),
            Command::Group(cmd) => group::run(&app, cmd),
            Command::Assignment(cmd) => assignment::run(&app, cmd),
            Command::Seats(args) => seats::run(&app, args),
            Command::Audit(cmd) => audit::run(&app, cmd),
            Command::Auth(cmd) => auth::run(&app, cmd),
            Command::Invite(cmd) => invite::run(&app, cmd),
            Command::Mail(cmd) => invite::mail_cmd(&app, cmd),
            Command::Maintain(args) => db::maintain(&app, args),
            Command::Db(cmd) => db::db(&app, cmd),
            Command::Man(args) => db::man(&app, args),
            Command::Completions(args) => completions::run(args),
        }
    }
}

/// The clock, fixed by the hidden `ROSTER_NOW` (RFC 3339) in tests.
/// The command's clock: `ROSTER_NOW` (for tests and replays), between 1970
/// and 9000 so that every date roster computes from it is one, else now.
fn now() -> Result<DateTime<Utc>, Error> {
    use chrono::Datelike;
    match std::env::var("ROSTER_NOW") {
        Ok(raw) => match DateTime::parse_from_rfc3339(raw.trim()) {
            Ok(t) if (1970..9000).contains(&t.year()) => Ok(t.with_timezone(&Utc)),
            Ok(_) => Err(Error::invalid("ROSTER_NOW", raw, "out of range: a time from 1970 to 8999")),
            Err(_) => Err(Error::invalid("ROSTER_NOW", raw, "not an RFC 3339 time such as 2026-01-31T09:00:00Z")),
        },
        Err(_) => Ok(Utc::now()),
    }
}

/// The operating-system account, for `os:<login>` in the audit trail.
fn os_login() -> String {
    use std::os::unix::fs::MetadataExt;
    ["USER", "LOGNAME"]
        .iter()
        .find_map(|var| std::env::var(var).ok().filter(|v| !v.is_empty()))
        .or_else(|| std::fs::metadata("/proc/self").ok().map(|m| format!("uid{}", m.uid())))
        .unwrap_or_else(|| "unknown".to_owned())
}

/// Success, with the conventional exit code 0.
pub fn ok() -> Outcome {
    Ok(ExitCode::SUCCESS)
}

/// Parses a `--since`-style time: a date (midnight UTC) or an RFC 3339 time.
pub fn parse_time(field: &'static str, raw: &str) -> Result<DateTime<Utc>, Error> {
    if let Ok(t) = DateTime::parse_from_rfc3339(raw.trim()) {
        return Ok(t.with_timezone(&Utc));
    }
    let date = roster::types::date(field, raw)?;
    Ok(date.and_hms_opt(0, 0, 0).map(|t| t.and_utc()).unwrap_or_default())
}

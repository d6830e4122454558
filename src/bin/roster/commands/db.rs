//! `roster db backup|check|restore`, `roster maintain` and `roster man`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, Subcommand};
use roster::backup::{self, Check};
use roster::maintain::{self, JobReport};
use serde::Serialize;

use crate::cli::{App, Cli, ok};
use crate::output::Record;
use crate::prompt::confirm_typed;
use crate::{Failure, Outcome};

#[derive(Debug, Subcommand)]
pub enum DbCmd {
    /// Copy the live database to a new file (mode 0600) with SQLite's online
    /// backup API while other commands keep working, then check the copy. Needs org.manage.
    Backup { path: PathBuf },
    /// Check the database (integrity, keys, status counts, one account a mailbox) and the audit trail; exit 10 if any fails. Needs audit.read.
    Check,
    /// Replace this database with a backup, after checking the backup; asks
    /// first (--yes for scripts). Needs org.manage.
    Restore { path: PathBuf },
}

#[derive(Debug, Args)]
pub struct MaintainArgs {
    /// Say what each job would do; change nothing.
    #[arg(long)]
    dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The folder to write the pages into (created if missing).
    #[arg(default_value = "man")]
    dir: PathBuf,
}

#[derive(Serialize)]
#[serde(transparent)]
struct CheckLine(Check);

impl Record for CheckLine {
    fn headers() -> Vec<&'static str> {
        vec!["check", "ok", "detail"]
    }

    fn cells(&self) -> Vec<String> {
        vec![self.0.check.into(), if self.0.ok { "ok".into() } else { "FAILED".into() }, self.0.detail.clone()]
    }
}

fn report_checks(app: &App, checks: Vec<Check>) -> Outcome {
    let failed = checks.iter().any(|c| !c.ok);
    app.out.list(&checks.into_iter().map(CheckLine).collect::<Vec<_>>())?;
    if failed { Ok(ExitCode::from(10)) } else { ok() }
}

pub fn db(app: &App, cmd: DbCmd) -> Outcome {
    let mut roster = match cmd {
        DbCmd::Restore { .. } => app.open_to_restore()?,
        _ => app.open()?,
    };
    match cmd {
        DbCmd::Backup { path } => {
            let checks = backup::backup(&mut roster, &path)?;
            app.out.message(&format!("backed up to {}", path.display()));
            report_checks(app, checks)
        }
        DbCmd::Check => report_checks(app, backup::check(&mut roster)?),
        DbCmd::Restore { path } => {
            backup::restorable(&mut roster)?;
            confirm_typed(
                app.global.yes,
                &format!("Replace everything in {} with {}?", app.db_shown(), path.display()),
                "restore",
            )?;
            let (checks, replaced) = backup::restore(&mut roster, &path)?;
            app.out.message(&format!(
                "restored {} from {} (it replaced {} user(s) and an audit trail of {} entries)",
                app.db_shown(),
                path.display(),
                replaced.users,
                replaced.audit_seq.unwrap_or(0)
            ));
            report_checks(app, checks)
        }
    }
}

#[derive(Serialize)]
#[serde(transparent)]
struct JobLine(JobReport);

impl Record for JobLine {
    fn headers() -> Vec<&'static str> {
        vec!["job", "ok", "count", "summary"]
    }

    fn cells(&self) -> Vec<String> {
        let j = &self.0;
        vec![j.job.into(), if j.ok { "ok".into() } else { "FAILED".into() }, j.count.to_string(), j.summary.clone()]
    }
}

/// One line per job (a JSON array with --format json); exit 1 if a job failed.
pub fn maintain(app: &App, args: MaintainArgs) -> Outcome {
    let mut roster = app.open()?;
    let jobs = maintain::run(&mut roster, args.dry_run);
    let failed = jobs.iter().any(|j| !j.ok);
    match app.out.format {
        crate::output::Format::Table => {
            let text: Vec<String> = jobs
                .iter()
                .map(|j| format!("{}: {}{}", j.job, if j.ok { "" } else { "FAILED: " }, j.summary))
                .collect();
            app.out.answer(&text.join("\n"), &jobs)?;
        }
        _ => app.out.list(&jobs.into_iter().map(JobLine).collect::<Vec<_>>())?,
    }
    if failed { Ok(ExitCode::from(1)) } else { ok() }
}

/// Writes a roff page per command and subcommand (`roster-user-add.1`, …).
/// Says where the pages went, and how many: with no folder given they go to
/// `./man`, which a person should not have to guess.
pub fn man(app: &App, args: ManArgs) -> Outcome {
    std::fs::create_dir_all(&args.dir).map_err(|e| Failure::Usage(format!("{}: {e}", args.dir.display())))?;
    clap_mangen::generate_to(Cli::command(), &args.dir)?;
    let pages =
        std::fs::read_dir(&args.dir)?.flatten().filter(|e| e.path().extension().is_some_and(|x| x == "1")).count();
    app.out.message(&format!(
        "wrote {pages} man pages to {}/ (read one with `man {}/roster.1`)",
        args.dir.display(),
        args.dir.display()
    ));
    ok()
}

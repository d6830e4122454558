//! `roster maintain`: every due cron job, each in its own transaction, so one
//! failing leaves the others done. Safe to run every minute and twice at once:
//! each job is idempotent, and a second copy waits for the first's lock and
//! then finds nothing due.

use serde::Serialize;

use crate::error::Result;
use crate::session::Roster;
use crate::users::lifecycle;

/// What one job did (or would do, on a dry run).
#[derive(Debug, Clone, Serialize)]
pub struct JobReport {
    pub job: &'static str,
    pub ok: bool,
    /// How many things it changed (or would change).
    pub count: u64,
    pub summary: String,
    pub dry_run: bool,
}

/// The jobs that exist so far. Expiring invites and flushing mail join this
/// list with the issue that brings invites and mail.
pub const JOBS: [&str; 3] = ["lock-dormant", "lock-expired", "purge-sessions"];

fn lock_dormant(roster: &mut Roster, dry_run: bool) -> Result<(u64, String)> {
    let found = roster.write(|tx| lifecycle::lock_dormant(tx, None, dry_run))?;
    let verb = if dry_run { "would block" } else { "blocked" };
    Ok((found.dormant, format!("{verb} {} dormant user(s) (no login for {} days)", found.dormant, found.days)))
}

fn lock_expired(roster: &mut Roster, dry_run: bool) -> Result<(u64, String)> {
    let done = roster.write(|tx| lifecycle::lock_expired(tx, dry_run))?;
    let verb = if dry_run { "would block" } else { "blocked" };
    Ok((done.changed, format!("{verb} {} user(s) past their expiry date", done.changed)))
}

fn purge_sessions(roster: &mut Roster, dry_run: bool) -> Result<(u64, String)> {
    let n = roster.write(|tx| crate::auth::purge_sessions(tx, dry_run))?;
    let verb = if dry_run { "would remove" } else { "removed" };
    Ok((n, format!("{verb} {n} ended or expired session(s)")))
}

pub fn run(roster: &mut Roster, dry_run: bool) -> Vec<JobReport> {
    JOBS.iter()
        .map(|&job| {
            let outcome = match job {
                "lock-dormant" => lock_dormant(roster, dry_run),
                "lock-expired" => lock_expired(roster, dry_run),
                "purge-sessions" => purge_sessions(roster, dry_run),
                _ => Ok((0, "not available".into())),
            };
            match outcome {
                Ok((count, summary)) => JobReport { job, ok: true, count, summary, dry_run },
                Err(e) => JobReport { job, ok: false, count: 0, summary: e.to_string(), dry_run },
            }
        })
        .collect()
}

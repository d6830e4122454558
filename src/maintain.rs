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

/// The jobs that exist so far. Expiring invites, flushing mail and purging
/// sessions join this list with the issues that bring invites, mail and sessions.
pub const JOBS: [&str; 1] = ["lock-dormant"];

fn lock_dormant(roster: &mut Roster, dry_run: bool) -> Result<(u64, String)> {
    let found = roster.write(|tx| lifecycle::lock_dormant(tx, None, dry_run))?;
    let verb = if dry_run { "would block" } else { "blocked" };
    Ok((found.dormant, format!("{verb} {} dormant user(s) (no login for {} days)", found.dormant, found.days)))
}

pub fn run(roster: &mut Roster, dry_run: bool) -> Vec<JobReport> {
    JOBS.iter()
        .map(|&job| {
            let outcome = match job {
                "lock-dormant" => lock_dormant(roster, dry_run),
                _ => Ok((0, "not available".into())),
            };
            match outcome {
                Ok((count, summary)) => JobReport { job, ok: true, count, summary, dry_run },
                Err(e) => JobReport { job, ok: false, count: 0, summary: e.to_string(), dry_run },
            }
        })
        .collect()
}

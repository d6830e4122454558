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

/// Every job, in the order they run.
type Job = fn(&mut Roster, bool) -> Result<(u64, String)>;

pub const JOBS: [(&str, Job); 5] = [
    ("expire-invites", expire_invites),
    ("lock-dormant", lock_dormant),
    ("lock-expired", lock_expired),
    ("flush-mail", flush_mail),
    ("purge-tokens", purge_tokens),
];

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

fn purge_tokens(roster: &mut Roster, dry_run: bool) -> Result<(u64, String)> {
    let (sessions, resets) = roster.write(|tx| {
        let sessions = crate::auth::purge_sessions(tx, dry_run)?;
        let resets = if dry_run { 0 } else { crate::invites::purge_resets(tx)? };
        Ok((sessions, resets))
    })?;
    let verb = if dry_run { "would remove" } else { "removed" };
    Ok((
        sessions + resets,
        format!("{verb} {sessions} ended or expired session(s) and {resets} used or expired set-password code(s)"),
    ))
}

fn expire_invites(roster: &mut Roster, dry_run: bool) -> Result<(u64, String)> {
    let n = crate::invites::expire(roster, dry_run)?;
    let verb = if dry_run { "would expire" } else { "expired" };
    Ok((n, format!("{verb} {n} overdue invite(s), freeing their seats")))
}

fn flush_mail(roster: &mut Roster, dry_run: bool) -> Result<(u64, String)> {
    if dry_run {
        let queued = roster.read(|tx| crate::mail::list(tx, Some("queued")))?.len() as u64;
        return Ok((queued, format!("{queued} mail(s) queued")));
    }
    let done = crate::mail::flush(roster)?;
    // A mail server that is down is not this job failing: the mail waits.
    Ok((done.sent + done.written, done.summary()))
}

pub fn run(roster: &mut Roster, dry_run: bool) -> Vec<JobReport> {
    JOBS.iter()
        .map(|&(job, run_job)| match run_job(roster, dry_run) {
            Ok((count, summary)) => JobReport { job, ok: true, count, summary, dry_run },
            Err(e) => JobReport { job, ok: false, count: 0, summary: e.to_string(), dry_run },
        })
        .collect()
}

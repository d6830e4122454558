//! `roster user block|unblock|confirm|archive|reactivate|delete`: for named users or
//! every user a filter matches; by filter (and delete always) they confirm.

use clap::Args;
use roster::Roster;
use roster::users::lifecycle;
use roster::users::{Assignments, Targets, Transition};

use crate::cli::{App, ok};
use crate::commands::user::FilterArgs;
use crate::prompt::confirm_typed;
use crate::{Failure, Outcome};

/// Users by email or id, or instead the filters of `user list`.
#[derive(Debug, Args)]
pub struct TargetArgs {
    /// Users by email or id (or leave out and use the filters).
    users: Vec<String>,
    #[command(flatten)]
    filter: FilterArgs,
    /// Say whom it would change (how many, and the first few), change nothing.
    #[arg(long)]
    dry_run: bool,
}

impl TargetArgs {
    fn targets(&self) -> Result<Targets, Failure> {
        match (self.users.is_empty(), self.filter.is_empty()) {
            (false, true) => Ok(Targets::Users(self.users.clone())),
            (true, false) => Ok(Targets::Filter(Box::new(self.filter.filter()?))),
            (false, false) => Err(Failure::Usage("name users or give filters, not both".into())),
            (true, true) => Err(Failure::Usage("name at least one user, or give filters such as --department".into())),
        }
    }
}

#[derive(Debug, Args)]
pub struct BlockArgs {
    #[command(flatten)]
    targets: TargetArgs,
    /// Why, for the audit trail and `user show`.
    #[arg(long, value_name = "TEXT")]
    reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct ArchiveArgs {
    #[command(flatten)]
    targets: TargetArgs,
    /// Archive even users who own open assignments.
    #[arg(long)]
    force: bool,
    /// Why, for the audit trail and `user show` (kept until reactivated).
    #[arg(long, value_name = "TEXT")]
    reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    #[command(flatten)]
    targets: TargetArgs,
    /// Move the users' open assignments to this user.
    #[arg(long, value_name = "USER", conflicts_with = "force")]
    reassign_to: Option<String>,
    /// Drop the users' open assignments with them.
    #[arg(long)]
    force: bool,
}

/// The confirmation: by filter, or for any delete, type the number of users.
fn confirmation(
    app: &App,
    roster: &mut Roster,
    targets: &Targets,
    verb: &str,
    always: bool,
) -> Result<Option<u64>, Failure> {
    if !always && matches!(targets, Targets::Users(_)) {
        return Ok(None);
    }
    let preview = roster.preview(|tx| lifecycle::preview(tx, targets, verb))?;
    let n = preview.count;
    if n == 0 {
        return Ok(Some(0));
    }
    app.out.message(&format!("{preview}."));
    confirm_typed(app.global.yes, &format!("{verb} {n} user(s)?"), &n.to_string())?;
    Ok(Some(n))
}

fn report(app: &App, done: &Transition, roster: &mut Roster) -> Outcome {
    let past = match done.action {
        "block" => "blocked",
        "unblock" => "unblocked",
        "confirm" => "confirmed",
        "archive" => "archived",
        "reactivate" => "reactivated",
        _ => "deleted",
    };
    let shown = done.users.join(", ");
    let more = if done.changed > done.users.len() as u64 { ", …" } else { "" };
    let said = format!(
        "{past} {} user(s){}",
        done.changed,
        if shown.is_empty() { String::new() } else { format!(": {shown}{more}") }
    );
    app.out.done(&said, &format!("{past}={}", done.changed), done)?;
    if let Some(warning) = roster.read(roster::seats::warning)? {
        app.out.warn(&warning);
    }
    ok()
}

/// The one flow of every transition: targets, confirmation, the change in
/// one transaction, the report.
fn transition(
    app: &App,
    args: &TargetArgs,
    verb: &str,
    always_confirm: bool,
    apply: impl FnOnce(&roster::Tx, &Targets, Option<u64>) -> roster::Result<Transition>,
) -> Outcome {
    let targets = args.targets()?;
    let mut roster = app.open()?;
    if args.dry_run {
        let preview = roster.preview(|tx| lifecycle::preview(tx, &targets, verb))?;
        let said = format!("would {verb} {}; nothing was changed (dry run)", preview.count);
        app.out.message(&format!("{preview}."));
        app.out.done(&said, &format!("would_{verb}={}", preview.count), &preview)?;
        return ok();
    }
    let expected = confirmation(app, &mut roster, &targets, verb, always_confirm)?;
    let done = roster.write(|tx| apply(tx, &targets, expected))?;
    report(app, &done, &mut roster)
}

pub fn block(app: &App, args: BlockArgs) -> Outcome {
    transition(app, &args.targets, "block", false, |tx, t, n| lifecycle::block(tx, t, args.reason.as_deref(), n))
}

pub fn unblock(app: &App, args: TargetArgs) -> Outcome {
    transition(app, &args, "unblock", false, lifecycle::unblock)
}

pub fn confirm(app: &App, args: TargetArgs) -> Outcome {
    transition(app, &args, "confirm", false, lifecycle::confirm)
}

pub fn archive(app: &App, args: ArchiveArgs) -> Outcome {
    transition(app, &args.targets, "archive", false, |tx, t, n| {
        lifecycle::archive(tx, t, args.force, args.reason.as_deref(), n)
    })
}

pub fn reactivate(app: &App, args: TargetArgs) -> Outcome {
    transition(app, &args, "reactivate", false, lifecycle::reactivate)
}

pub fn delete(app: &App, args: DeleteArgs) -> Outcome {
    let assignments = match (&args.reassign_to, args.force) {
        (Some(heir), _) => Assignments::ReassignTo(heir.clone()),
        (None, true) => Assignments::Drop,
        (None, false) => Assignments::Refuse,
    };
    transition(app, &args.targets, "delete", true, |tx, t, n| lifecycle::delete(tx, t, &assignments, n))
}

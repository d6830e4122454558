//! `roster invite …` and `roster mail …`: invites, the outbox, delivery.

use std::path::PathBuf;

use clap::Subcommand;
use roster::invites::{self, Invite, Spec};
use roster::mail::{self, Mail};
use roster::users::Field;
use roster::{Error, Roster};
use serde::Serialize;

use crate::cli::{App, ok};
use crate::output::{Record, cell, timestamp};
use crate::prompt::secrets;
use crate::{Failure, Outcome};

#[derive(Debug, Subcommand)]
pub enum InviteCmd {
    /// Invite people: each becomes an invited user (taking a seat) and gets a
    /// mail with a one-time token. All or nothing. Needs invites.manage.
    Send {
        /// The addresses to invite.
        emails: Vec<String>,
        /// A role to hold (repeatable; default member).
        #[arg(long = "role", value_name = "ROLE")]
        roles: Vec<String>,
        /// A group to join (repeatable).
        #[arg(long = "group", value_name = "GROUP")]
        groups: Vec<String>,
        /// An ability to grant directly (repeatable), as `ability grant` does. Needs roles.manage.
        #[arg(long = "ability", value_name = "ABILITY")]
        abilities: Vec<String>,
        /// A note added to the mail.
        #[arg(long)]
        message: Option<String>,
        /// Read addresses from a file, one a line (- for standard input).
        #[arg(long, value_name = "FILE")]
        from_file: Option<String>,
        /// The invitee's name (one address only; default: made from the address).
        #[arg(long)]
        name: Option<String>,
        /// The invitee's surname (one address only; default: made from the address).
        #[arg(long)]
        surname: Option<String>,
        /// The invitee's phone (one address only).
        #[arg(long)]
        phone: Option<String>,
    },
    /// Send again with a new token (the old one stops working) and a renewed expiry. Needs invites.manage.
    Resend {
        /// The invited addresses.
        #[arg(required = true)]
        emails: Vec<String>,
    },
    /// End invites and remove the invited users, freeing their seats. Needs invites.manage.
    Revoke {
        /// The invited addresses.
        #[arg(required = true)]
        emails: Vec<String>,
    },
    /// Accept an invite with its token and a new password (from stdin with
    /// --password-stdin; without TOKEN, the first stdin line is the token).
    Accept {
        token: Option<String>,
        #[arg(long)]
        password_stdin: bool,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        surname: Option<String>,
    },
    /// Invites with their status and the delivery of their latest mail
    /// (queued, sent, written to the outbox, failed: why). Open ones unless
    /// told otherwise. Needs invites.manage.
    List {
        /// open (or pending), accepted, confirmed, revoked or expired [default: open].
        #[arg(long, conflicts_with = "all")]
        status: Option<String>,
        /// Every invite, open or ended.
        #[arg(long)]
        all: bool,
    },
    /// Mark every overdue invite expired and free its seat. Needs invites.manage.
    Expire {
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum MailCmd {
    /// The outbox (never the bodies). Needs invites.manage.
    List {
        /// queued, sent or failed.
        #[arg(long)]
        status: Option<String>,
    },
    /// Deliver queued mail now (failed attempts back off; given up after mail_max_attempts).
    Flush,
    /// Send a test message to ADDRESS. Needs invites.manage.
    Test { address: String },
}

#[derive(Serialize)]
#[serde(transparent)]
struct InviteLine(Invite);

impl Record for InviteLine {
    fn headers() -> Vec<&'static str> {
        vec!["email", "roles", "status", "delivery", "sent", "last_sent", "expires", "invited_by"]
    }

    fn cells(&self) -> Vec<String> {
        let i = &self.0;
        vec![
            i.email.clone(),
            i.roles.join(", "),
            roster::invites::shown_status(&i.status).to_owned(),
            i.delivery.to_string(),
            i.send_count.to_string(),
            timestamp(i.last_sent_at),
            timestamp(i.expires_at),
            i.created_by.clone(),
        ]
    }
}

#[derive(Serialize)]
#[serde(transparent)]
struct MailLine(Mail);

impl Record for MailLine {
    fn headers() -> Vec<&'static str> {
        vec!["id", "kind", "to", "subject", "status", "attempts", "last_error", "sent_at"]
    }

    fn cells(&self) -> Vec<String> {
        let m = &self.0;
        vec![
            m.id.to_string(),
            m.kind.clone(),
            m.to.clone(),
            m.subject.clone(),
            m.status.clone(),
            m.attempts.to_string(),
            cell(m.last_error.as_deref()),
            m.sent_at.map(timestamp).unwrap_or_default(),
        ]
    }
}

/// Delivers what the command queued; a mail server that is down is a warning,
/// not a failure: the change is committed and the mail waits in the outbox.
pub fn deliver(app: &App, roster: &mut Roster) -> Result<(), Failure> {
    let done = mail::flush(roster)?;
    if done.sent > 0 {
        app.out.message(&format!("{} mail(s) sent", done.sent));
    }
    if let Some(outbox) = done.outbox.as_deref().filter(|_| done.written > 0) {
        app.out.message(&format!(
            "{} mail(s) written to {outbox}: no SMTP server is set (`roster org set --smtp-url`)",
            done.written
        ));
    }
    if done.retrying + done.failed > 0 {
        app.out.warn(&format!(
            "{} mail(s) not delivered ({}); queued for `roster mail flush`",
            done.retrying + done.failed,
            done.errors.first().cloned().unwrap_or_default()
        ));
    }
    Ok(())
}

/// Delivers, then lists the invites as they are now: each with its delivery.
fn delivered(app: &App, roster: &mut Roster, sent: &[Invite]) -> Result<(), Failure> {
    deliver(app, roster)?;
    let now = roster.read(|tx| invites::again(tx, sent))?;
    app.out.list(&now.into_iter().map(InviteLine).collect::<Vec<_>>())?;
    Ok(())
}

fn addresses(emails: Vec<String>, from_file: Option<String>) -> Result<Vec<String>, Failure> {
    let mut all = emails;
    if let Some(file) = from_file {
        let text = if file == "-" {
            std::io::read_to_string(std::io::stdin()).map_err(Error::Output)?
        } else {
            std::fs::read_to_string(PathBuf::from(&file))
                .map_err(|e| Error::invalid("from-file", &file, e.to_string()))?
        };
        all.extend(text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_owned));
    }
    if all.is_empty() {
        return Err(Failure::Usage("give addresses, or --from-file".into()));
    }
    Ok(all)
}

pub fn run(app: &App, cmd: InviteCmd) -> Outcome {
    let mut roster = app.open()?;
    match cmd {
        InviteCmd::Send { emails, roles, groups, abilities, message, from_file, name, surname, phone } => {
            let emails = addresses(emails, from_file)?;
            let given = [(Field::Name, name), (Field::Surname, surname), (Field::Phone, phone)];
            let profile = given.into_iter().filter_map(|(f, v)| v.map(|v| (f, v))).collect();
            let spec = Spec { roles, groups, abilities, message, profile };
            let (sent, warning) =
                roster.write(|tx| Ok((invites::send(tx, &emails, &spec)?, roster::seats::warning(tx)?)))?;
            app.out.message(&format!("invited {} user(s)", sent.len()));
            if let Some(warning) = warning {
                app.out.warn(&warning);
            }
            delivered(app, &mut roster, &sent)?;
        }
        InviteCmd::Resend { emails } => {
            let sent = roster.write(|tx| invites::resend(tx, &emails))?;
            delivered(app, &mut roster, &sent)?;
        }
        InviteCmd::Revoke { emails } => {
            let n = roster.write(|tx| invites::revoke(tx, &emails))?;
            app.out.message(&format!("revoked {n} invite(s)"));
        }
        InviteCmd::Accept { token, password_stdin, name, surname } => {
            let prompts: &[(&str, bool)] = if token.is_some() {
                &[("new password", true)]
            } else {
                &[("invite token", false), ("new password", true)]
            };
            let mut given = secrets(password_stdin, prompts)?;
            let token = token.unwrap_or_else(|| given.remove(0));
            let password = given.remove(0);
            let accepted =
                roster.write(|tx| invites::accept(tx, &token, &password, name.as_deref(), surname.as_deref()))?;
            app.out.message(&format!("welcome, {}: the account is active", accepted.user));
        }
        InviteCmd::List { status, all } => {
            let list = roster.read(|tx| invites::list(tx, status.as_deref(), all))?;
            app.out.list(&list.into_iter().map(InviteLine).collect::<Vec<_>>())?;
        }
        InviteCmd::Expire { dry_run } => {
            let n = invites::expire(&mut roster, dry_run)?;
            let verb = if dry_run { "would expire" } else { "expired" };
            let value = serde_json::json!({ "expired": n, "dry_run": dry_run });
            app.out.done(&format!("{verb} {n} invite(s)"), &format!("expired={n}"), &value)?;
        }
    }
    ok()
}

pub fn mail_cmd(app: &App, cmd: MailCmd) -> Outcome {
    let mut roster = app.open()?;
    match cmd {
        MailCmd::List { status } => {
            let list = roster.read(|tx| mail::list(tx, status.as_deref()))?;
            app.out.list(&list.into_iter().map(MailLine).collect::<Vec<_>>())?;
        }
        MailCmd::Flush => {
            let done = mail::flush(&mut roster)?;
            let answer = format!(
                "sent={} written={} retrying={} failed={}",
                done.sent, done.written, done.retrying, done.failed
            );
            app.out.answer(&answer, &done)?;
            if let Some(error) = done.errors.first() {
                app.out.warn(error);
            }
        }
        MailCmd::Test { address } => {
            roster.write(|tx| mail::test(tx, &address))?;
            deliver(app, &mut roster)?;
        }
    }
    ok()
}

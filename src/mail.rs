//! Mail: messages are queued in the outbox in the transaction of the change
//! that causes them, then delivered after it commits (lettre). What cannot be
//! delivered stays queued and is retried with backoff by `mail flush`; a sent
//! mail's body is scrubbed, so tokens do not rest in the database.
//!
//! Transport: SMTP from `ROSTER_SMTP_URL` or `org set --smtp-url` (`smtp://`
//! with STARTTLS where offered, `smtps://`; user and password in the URL), or,
//! with none, `.eml` files in a folder next to the database (`<db>.outbox/`).

use chrono::{DateTime, Duration, Utc};
use lettre::message::{Mailbox, MultiPart};
use lettre::{Message, SmtpTransport, Transport};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::session::{Roster, Tx};
use crate::store::invites::{MailRow, NewMail};
use crate::{org, store};

/// A message to queue: already rendered in the recipient's language.
pub struct Outgoing {
    pub kind: &'static str,
    pub to: String,
    pub to_name: Option<String>,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Queues a message in the current transaction.
pub fn queue(tx: &Tx, mail: &Outgoing) -> Result<i64> {
    store::invites::queue(
        &tx.db,
        &NewMail {
            kind: mail.kind,
            to_addr: &mail.to,
            to_name: mail.to_name.as_deref(),
            subject: &mail.subject,
            body_text: &tx.encrypt(&mail.text)?,
            body_html: &tx.encrypt(&mail.html)?,
        },
        tx.now,
    )
}

/// One mail as `mail list` shows it (never its body).
#[derive(Debug, Clone, Serialize)]
pub struct Mail {
    pub id: i64,
    pub kind: String,
    pub to: String,
    pub subject: String,
    pub status: String,
    pub attempts: u64,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

pub fn list(tx: &Tx, status: Option<&str>) -> Result<Vec<Mail>> {
    tx.actor.require("invites.manage")?;
    if let Some(s) = status.filter(|s| !["queued", "sent", "failed"].contains(s)) {
        return Err(Error::invalid("status", s, "one of queued, sent, failed"));
    }
    Ok(store::invites::list_mail(&tx.db, status)?
        .into_iter()
        .map(|m| Mail {
            id: m.id,
            kind: m.kind,
            to: m.to_addr,
            subject: m.subject,
            status: m.status,
            attempts: m.attempts,
            last_error: m.last_error,
            created_at: m.created_at,
            sent_at: m.sent_at,
        })
        .collect())
}

/// What one delivery round did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Flushed {
    /// Delivered to the SMTP server.
    pub sent: u64,
    /// Written as files to the outbox folder: no SMTP server is set.
    pub written: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outbox: Option<String>,
    /// Failed this time, to be retried.
    pub retrying: u64,
    /// Failed for the last allowed time: given up.
    pub failed: u64,
    /// The first few errors, for the warning.
    pub errors: Vec<String>,
}

impl Flushed {
    /// What the round did, in words: `sent 2, 1 written to <outbox>, 0 to retry, 0 given up`.
    pub fn summary(&self) -> String {
        let mut said = format!("sent {}", self.sent);
        if let Some(outbox) = &self.outbox {
            said.push_str(&format!(", {} written to {outbox} (no SMTP server is set)", self.written));
        }
        said.push_str(&format!(", {} to retry, {} given up", self.retrying, self.failed));
        if let Some(error) = self.errors.first() {
            said.push_str(&format!(" (last error: {error})"));
        }
        said
    }
}

/// How long a claimed mail is reserved for the process sending it: another
/// copy of `mail flush` skips it meanwhile, so nothing is sent twice.
const CLAIM: Duration = Duration::minutes(10);

enum Sender {
    Smtp(SmtpTransport),
    /// `.eml` files in this folder (0700), one per outbox id (0600).
    Files(std::path::PathBuf),
}

fn sender(smtp_url: Option<String>, outbox: std::path::PathBuf) -> Result<Sender> {
    match smtp_url.filter(|u| !u.trim().is_empty()) {
        Some(url) => {
            // Plain smtp:// upgrades with STARTTLS where the server offers it.
            let url = if url.starts_with("smtp://") && !url.contains("tls=") {
                format!("{url}{}tls=opportunistic", if url.contains('?') { '&' } else { '?' })
            } else {
                url
            };
            let transport = SmtpTransport::from_url(&url)
                .map_err(|e| Error::invalid("smtp_url", "(hidden)", format!("not a usable SMTP URL: {e}")))?
                .timeout(Some(std::time::Duration::from_secs(10)))
                .build();
            Ok(Sender::Smtp(transport))
        }
        None => {
            use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
            std::fs::DirBuilder::new().recursive(true).mode(0o700).create(&outbox).map_err(Error::Output)?;
            // An outbox made by an older roster (0755) holds live tokens too.
            std::fs::set_permissions(&outbox, std::fs::Permissions::from_mode(0o700)).map_err(Error::Output)?;
            Ok(Sender::Files(outbox))
        }
    }
}

/// Writes one mail as `<dir>/mail-<id>.eml`, mode 0600: a mail written
/// again after a crash replaces itself instead of arriving twice.
fn write_eml(dir: &std::path::Path, id: i64, bytes: &[u8]) -> std::io::Result<()> {
    crate::files::replace_private(&dir.join(format!("mail-{id}.eml")), bytes)
}

/// `<roster.<id>.<queued at>@<the sender's domain>>`.
fn message_id(from: &Mailbox, mail: &MailRow) -> String {
    format!("<roster.{}.{}@{}>", mail.id, mail.created_at.timestamp(), from.email.domain())
}

fn message(from: &Mailbox, mail: &MailRow) -> Result<Message> {
    let to_addr = mail.to_addr.parse().map_err(|e| Error::invalid("to", &mail.to_addr, format!("{e}")))?;
    let to = Mailbox::new(mail.to_name.clone(), to_addr);
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(&mail.subject)
        .date_now()
        // Stable for this mail of this outbox: a resend after a crash is
        // recognisably the same message.
        .message_id(Some(message_id(from, mail)))
        .multipart(MultiPart::alternative_plain_html(
            mail.body_text.clone().unwrap_or_default(),
            mail.body_html.clone().unwrap_or_default(),
        ))
        .map_err(|e| Error::Internal(format!("building mail {}: {e}", mail.id)))
}

/// How many mails one claim takes: a claim lasts `CLAIM`, long enough for a
/// hundred mails even over a slow server, so two flushes never send one twice.
const BATCH: u64 = 100;

/// Delivers every due queued mail, a batch at a time: claims the batch (one
/// transaction, which checks `invites.manage`), then sends each mail and
/// records its result at once, in a transaction of its own. A crash then
/// resends at most the mail in flight, which carries the same `Message-ID`
/// again so that a receiver can drop it. One `mail.flush` entry at the end.
pub fn flush(roster: &mut Roster) -> Result<Flushed> {
    let outbox = roster.outbox();
    let mut report = Flushed::default();
    let mut sender: Option<std::result::Result<Sender, String>> = None;
    loop {
        let (due, looked, from, smtp, max_attempts) = roster.write(|tx| {
            tx.actor.require("invites.manage")?;
            let mut due = store::invites::due(&tx.db, tx.now, BATCH)?;
            let looked = due.len();
            // Opened only in memory, for the send. One that this key file
            // cannot open fails alone; the rest of the queue goes on.
            let mut sendable = Vec::with_capacity(due.len());
            for mut m in due.drain(..) {
                let opened: Result<()> = [&mut m.body_text, &mut m.body_html]
                    .into_iter()
                    .flatten()
                    .try_for_each(|body| tx.decrypt(body).map(|plain| *body = plain));
                match opened {
                    Ok(()) => {
                        store::invites::mark_claimed(&tx.db, m.id, tx.now + CLAIM)?;
                        sendable.push(m);
                    }
                    Err(_) => {
                        store::invites::mark_failed(&tx.db, m.id, "cannot be opened with this key file", tx.now, true)?;
                    }
                }
            }
            let due = sendable;
            let from = org::show(tx)?.mail_from.unwrap_or_else(|| "roster <roster@localhost>".to_owned());
            let smtp = match std::env::var("ROSTER_SMTP_URL") {
                Ok(url) => Some(url),
                Err(_) => org::smtp_url(tx)?,
            };
            Ok((due, looked, from, smtp, tx.policies()?.mail_max_attempts))
        })?;
        if looked == 0 {
            break;
        }
        let from: Mailbox = from.parse().map_err(|e| Error::invalid("mail_from", &from, format!("{e}")))?;
        let sender = sender.get_or_insert_with(|| self::sender(smtp, outbox.clone()).map_err(|e| e.to_string()));
        for m in &due {
            let sent = match sender {
                Ok(sender) => message(&from, m).map_err(|e| e.to_string()).and_then(|msg| match sender {
                    Sender::Smtp(t) => t.send(&msg).map(drop).map_err(|e| e.to_string()),
                    Sender::Files(dir) => write_eml(dir, m.id, &msg.formatted()).map_err(|e| e.to_string()),
                }),
                Err(e) => Err(e.clone()),
            };
            let via = match sender {
                Ok(Sender::Files(dir)) => dir.display().to_string(),
                _ => crate::model::invite::SMTP.to_owned(),
            };
            roster.write(|tx| record(tx, m, sent.as_ref().map(|()| via.as_str()), max_attempts, &mut report))?;
        }
    }
    if report.sent + report.written + report.retrying + report.failed > 0 {
        roster.write(|tx| {
            crate::audit::record(
                tx,
                "mail.flush",
                crate::audit::Target::None,
                serde_json::json!({
                    "sent": report.sent, "written": report.written,
                    "retrying": report.retrying, "failed": report.failed,
                }),
            )
        })?;
    }
    Ok(report)
}

/// Records one attempt: sent (the body scrubbed), or failed and retried
/// later, or given up after the policy's number of attempts.
fn record(
    tx: &crate::Tx,
    mail: &MailRow,
    sent: std::result::Result<&str, &String>,
    max_attempts: u64,
    report: &mut Flushed,
) -> Result<()> {
    match sent {
        Ok(via) => {
            store::invites::mark_sent(&tx.db, mail.id, tx.now, via)?;
            if via == crate::model::invite::SMTP {
                report.sent += 1;
            } else {
                report.written += 1;
                report.outbox = Some(via.to_owned());
            }
        }
        Err(error) => {
            // 1, 2, 4, … minutes, at most an hour.
            let wait = Duration::minutes(1 << mail.attempts.min(6));
            let give_up = mail.attempts + 1 >= max_attempts;
            store::invites::mark_failed(&tx.db, mail.id, error, tx.now + wait, give_up)?;
            if give_up {
                report.failed += 1;
            } else {
                report.retrying += 1;
            }
            if report.errors.len() < 3 {
                report.errors.push(error.clone());
            }
        }
    }
    Ok(())
}

/// `mail test ADDRESS`: queues a short message (then flush delivers it).
pub fn test(tx: &Tx, address: &str) -> Result<i64> {
    tx.actor.require("invites.manage")?;
    let to = crate::types::Email::parse(address)?;
    let org = org::show(tx)?.name;
    queue(
        tx,
        &Outgoing {
            kind: "test",
            to: to.as_str().to_owned(),
            to_name: None,
            subject: format!("{org}: roster test message"),
            text: format!("This is a test message from roster for {org}. Mail works.\n"),
            html: format!("<p>This is a test message from roster for {}. Mail works.</p>", escape(&org)),
        },
    )
}

/// Escapes text for the HTML part of a message.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

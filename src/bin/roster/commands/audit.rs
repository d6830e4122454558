//! `roster audit list|export|verify`.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use roster::Error;
use roster::audit::{self, AuditFilter, Entry};
use serde::Serialize;

use crate::cli::{App, ok, parse_time};
use crate::output::{Format, Record, cell, private_file, timestamp};
use crate::{Failure, Outcome};

#[derive(Debug, Subcommand)]
pub enum AuditCmd {
    /// Audit entries, newest first. Needs audit.read.
    List {
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long, default_value_t = 100)]
        limit: u64,
    },
    /// Stream entries oldest first with their hashes (csv or json), to check a
    /// range offline. Needs audit.read.
    Export {
        /// Where to write (mode 0600); - or nothing for standard output.
        file: Option<String>,
        #[command(flatten)]
        filter: FilterArgs,
    },
    /// Walk the hash chain: exit 0 with the entry count, or 10 naming the
    /// first entry that was edited, removed or moved. Needs audit.read
    /// (with --file, nothing: it checks a CSV export without the database).
    Verify {
        /// A CSV file written by `audit export`, checked on its own.
        #[arg(long, value_name = "EXPORT")]
        file: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Entries about this user (email as it was, or as it is now).
    #[arg(long, value_name = "EMAIL")]
    user: Option<String>,
    /// An action such as user.add, or a family such as user.
    #[arg(long)]
    action: Option<String>,
    /// Entries by this actor (an email, or os:LOGIN).
    #[arg(long)]
    actor: Option<String>,
    /// Entries about this target as recorded (ana@x.test, role:sales-rep, org).
    #[arg(long)]
    target: Option<String>,
    /// From this date or RFC 3339 time on.
    #[arg(long, value_name = "TIME")]
    since: Option<String>,
    /// Before this date or RFC 3339 time.
    #[arg(long, value_name = "TIME")]
    until: Option<String>,
}

impl FilterArgs {
    fn filter(self, limit: Option<u64>) -> Result<AuditFilter, Error> {
        Ok(AuditFilter {
            user: self.user,
            action: self.action,
            actor: self.actor,
            target: self.target,
            since: self.since.map(|s| parse_time("since", &s)).transpose()?,
            until: self.until.map(|s| parse_time("until", &s)).transpose()?,
            limit,
            ..AuditFilter::default()
        })
    }
}

#[derive(Serialize)]
#[serde(transparent)]
struct EntryLine(Entry);

impl Record for EntryLine {
    fn headers() -> Vec<&'static str> {
        vec!["seq", "at", "actor", "action", "target", "details"]
    }

    fn cells(&self) -> Vec<String> {
        let e = &self.0;
        vec![
            e.seq.to_string(),
            timestamp(e.at),
            e.actor.clone(),
            e.action.clone(),
            cell(e.target.as_deref()),
            audit::describe(&e.details),
        ]
    }
}

pub fn run(app: &App, cmd: AuditCmd) -> Outcome {
    if let AuditCmd::Verify { file: Some(path) } = &cmd {
        let file = std::fs::File::open(path).map_err(|e| Error::invalid("file", path, e.to_string()))?;
        return report(app, audit::verify_export(io::BufReader::new(file))?);
    }
    let mut roster = app.open()?;
    match cmd {
        AuditCmd::List { filter, limit } => {
            let filter = filter.filter(Some(limit))?;
            let entries = roster.read(|tx| audit::list(tx, &filter))?;
            app.out.list(&entries.into_iter().map(EntryLine).collect::<Vec<_>>())?;
        }
        AuditCmd::Export { file, filter } => {
            let filter = filter.filter(None)?;
            let json = app.out.format == Format::Json;
            let written = match file.as_deref() {
                None | Some("-") => roster.read(|tx| export(tx, &filter, json, io::stdout().lock())),
                Some(path) => {
                    let out = private_file(path)?;
                    roster.read(|tx| export(tx, &filter, json, out))
                }
            };
            match written {
                Ok(n) => app.out.message(&format!("exported {n} audit entries")),
                Err(Error::Output(e)) => return Err(Failure::Io(e)),
                Err(e) => return Err(e.into()),
            }
        }
        AuditCmd::Verify { .. } => return report(app, roster.read(audit::verify)?),
    }
    ok()
}

fn report(app: &App, result: audit::Verification) -> Outcome {
    let text = match result.broken_at {
        None => format!("ok: {} entries, chain intact", result.entries),
        Some(seq) => format!("broken at entry {seq}"),
    };
    app.out.answer(&text, &result)?;
    if let Some(seq) = result.broken_at {
        app.out.error(&format!(
            "the audit trail does not verify: entry {seq} was edited, or an entry before it was removed or moved"
        ));
        return Ok(ExitCode::from(10));
    }
    ok()
}

/// CSV (with a header) or JSON lines, one entry at a time.
fn export(tx: &roster::Tx, filter: &AuditFilter, json: bool, out: impl Write) -> Result<u64, Error> {
    let mut out = BufWriter::new(out);
    if json {
        let n = audit::export(tx, filter, |e| {
            serde_json::to_writer(&mut out, &e).map_err(io::Error::from)?;
            Ok(out.write_all(b"\n")?)
        })?;
        out.flush()?;
        return Ok(n);
    }
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(["seq", "at", "actor", "action", "target_id", "target", "details", "prev_hash", "hash"])
        .map_err(io::Error::from)?;
    let n = audit::export(tx, filter, |e| {
        let record = [
            e.seq.to_string(),
            timestamp(e.at),
            e.actor,
            e.action,
            e.target_id.map(|id| id.to_string()).unwrap_or_default(),
            e.target.unwrap_or_default(),
            e.details_text,
            e.prev_hash.unwrap_or_default(),
            e.hash,
        ];
        Ok(csv.write_record(record).map_err(io::Error::from)?)
    })?;
    csv.flush()?;
    Ok(n)
}

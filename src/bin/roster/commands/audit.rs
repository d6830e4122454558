//! `roster audit list|export|verify`.

use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use roster::Error;
use roster::audit::{self, AuditFilter, Entry, Witnesses};
use roster::keys::VerifyKey;
use serde::Serialize;

use crate::cli::{App, ok, parse_time};
use crate::output::{Format, PrivateFile, Record, cell, csv_error, timestamp};
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
    /// Walk the chain: exit 0 with the entry count, or 10 naming what was
    /// edited, removed, moved, renumbered, resealed or cut. Held against the
    /// head this machine recorded and today's seals; with --verify-key every
    /// seal. Needs audit.read (with --file, nothing: it checks an export).
    Verify {
        /// A CSV file written by `audit export`, checked on its own.
        #[arg(long, value_name = "EXPORT")]
        file: Option<String>,
        /// A file holding the verification key `init` showed (- reads it
        /// from standard input): checks every seal.
        #[arg(long, value_name = "FILE")]
        verify_key: Option<String>,
        /// A head printed earlier by `audit head` (SEQ:HASH): it must still be there.
        #[arg(long, value_name = "SEQ:HASH")]
        expect_head: Option<String>,
    },
    /// The last entry's number and hash (SEQ:HASH), for a monitor elsewhere
    /// to keep and pass back as --expect-head. Needs audit.read.
    Head,
    /// Show the verification key once, and remove it from the key file:
    /// keep it off this machine. Needs org.manage.
    VerifyKey,
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

/// The verification key from a file, or standard input for `-`.
fn read_verify_key(source: &str) -> Result<VerifyKey, Error> {
    let text = if source == "-" {
        io::read_to_string(io::stdin().take(4096)).map_err(|e| Error::invalid("verify-key", "-", e.to_string()))?
    } else {
        let file = std::fs::File::open(source).map_err(|e| Error::invalid("verify-key", source, e.to_string()))?;
        io::read_to_string(file.take(4096)).map_err(|e| Error::invalid("verify-key", source, e.to_string()))?
    };
    text.parse()
}

fn parse_head(text: &str) -> Result<(i64, String), Error> {
    let bad = || Error::invalid("expect-head", text, "expected SEQ:HASH, as `roster audit head` prints it");
    let (seq, hash) = text.trim().split_once(':').ok_or_else(bad)?;
    Ok((seq.parse().map_err(|_| bad())?, hash.to_owned()))
}

#[derive(Serialize)]
struct Head {
    seq: i64,
    hash: String,
}

pub fn run(app: &App, cmd: AuditCmd) -> Outcome {
    if let AuditCmd::Verify { file, verify_key, expect_head } = &cmd {
        let witnesses = Witnesses {
            verify_key: verify_key.as_deref().map(read_verify_key).transpose()?,
            expected_head: expect_head.as_deref().map(parse_head).transpose()?,
            ..Witnesses::default()
        };
        if let Some(path) = file {
            let file = std::fs::File::open(path).map_err(|e| Error::invalid("file", path, e.to_string()))?;
            return report(app, audit::verify_export(io::BufReader::new(file), &witnesses)?);
        }
        let mut roster = app.open()?;
        let witnesses = audit::on_this_machine(&roster, witnesses)?;
        return report(app, roster.read(|tx| audit::verify(tx, &witnesses))?);
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
                    let mut out = PrivateFile::create(path)?;
                    roster.read(|tx| export(tx, &filter, json, &mut out)).and_then(|n| {
                        out.finish()?;
                        Ok(n)
                    })
                }
            };
            match written {
                Ok(n) => app.out.message(&format!("exported {n} audit entries")),
                Err(Error::Output(e)) => return Err(Failure::Io(e)),
                Err(e) => return Err(e.into()),
            }
        }
        AuditCmd::Head => {
            let head = roster.read(audit::head)?;
            let (seq, hash) = head.unwrap_or((0, roster::store::audit::GENESIS.to_owned()));
            app.out.answer(&format!("{seq}:{hash}"), &Head { seq, hash })?;
        }
        AuditCmd::VerifyKey => match audit::take_verify_key(&mut roster)? {
            Some(key) => show_verify_key(app, &key)?,
            None => {
                return Err(Error::Conflict(roster::error::Conflict::Other(format!(
                    "the verification key of {} was shown already; it is not kept on this machine",
                    roster.key_path().display()
                )))
                .into());
            }
        },
        AuditCmd::Verify { .. } => unreachable!("handled above"),
    }
    ok()
}

/// The verification key, once, on standard output.
pub fn show_verify_key(app: &App, key: &VerifyKey) -> io::Result<()> {
    app.out
        .message("the audit verification key, shown once: keep it off this machine (see README, \"The audit trail\")");
    app.out.answer(&key.to_string(), &serde_json::json!({ "verify_key": key.to_string() }))
}

fn report(app: &App, result: audit::Verification) -> Outcome {
    let text = match &result.problem {
        None if result.seals_checked > 0 => format!(
            "ok: {} entries, chain intact, {} of {} seals checked",
            result.entries, result.seals_checked, result.sealed
        ),
        None => format!("ok: {} entries, chain intact", result.entries),
        Some(_) => format!("broken after {} good entries", result.entries),
    };
    app.out.answer(&text, &result)?;
    if let Some(problem) = &result.problem {
        app.out.error(&format!("the audit trail does not verify: {problem}"));
        return Ok(ExitCode::from(10));
    }
    ok()
}

/// CSV (with a header) or JSON lines, one entry at a time.
fn export(tx: &roster::Tx, filter: &AuditFilter, json: bool, out: impl Write) -> Result<u64, Error> {
    let mut out = BufWriter::new(out);
    if json {
        let n = audit::export(tx, filter, |e, row, rows| {
            let mut line = serde_json::to_value(&e).map_err(io::Error::from)?;
            line["row"] = row.into();
            line["rows"] = rows.into();
            serde_json::to_writer(&mut out, &line).map_err(io::Error::from)?;
            Ok(out.write_all(b"\n")?)
        })?;
        out.flush()?;
        return Ok(n);
    }
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record([
        "seq",
        "at",
        "actor",
        "action",
        "target_id",
        "target",
        "details",
        "prev_hash",
        "hash",
        "epoch",
        "seal",
        "row",
        "rows",
    ])
    .map_err(csv_error)?;
    let n = audit::export(tx, filter, |e, row, rows| {
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
            e.epoch.map(|n| n.to_string()).unwrap_or_default(),
            e.seal.unwrap_or_default(),
            row.to_string(),
            rows.to_string(),
        ];
        // Targets and details can hold anything typed: none may run in a spreadsheet.
        Ok(csv
            .write_record(record.iter().map(|cell| roster::types::spreadsheet_safe(cell).into_owned()))
            .map_err(csv_error)?)
    })?;
    csv.flush()?;
    Ok(n)
}

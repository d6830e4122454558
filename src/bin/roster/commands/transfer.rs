//! `roster user import` and `roster user export`: the CSV format of the README's "Importing and exporting users".

use std::fs::File;
use std::io::{self, BufReader, BufWriter, IsTerminal, Read};
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use roster::Error;
use roster::import::{self, Mode, Options, Report, csv::EXPORTED};

use crate::cli::{App, ok};
use crate::commands::user::FilterArgs;
use crate::output::{Format, PrivateFile};
use crate::{Failure, Outcome};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A CSV file, or - for standard input.
    file: String,
    /// upsert (default), create (existing emails are errors) or update (unknown ones are).
    #[arg(long, value_enum, default_value_t = ModeArg::Upsert)]
    mode: ModeArg,
    /// Print the plan and write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Apply the valid rows and report the others (default: any error writes nothing).
    #[arg(long)]
    skip_invalid: bool,
    /// Skip columns the format does not know instead of refusing the file.
    #[arg(long)]
    ignore_unknown_columns: bool,
    /// The field separator, such as ';' for spreadsheets that use it.
    #[arg(long, default_value = ",", value_parser = delimiter)]
    delimiter: u8,
    /// Invite the users the file creates (status invited, a mail each). Needs invites.manage.
    #[arg(long)]
    send_invites: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ModeArg {
    Upsert,
    Create,
    Update,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Where to write (mode 0600); - or nothing for standard output.
    file: Option<String>,
    #[command(flatten)]
    filter: FilterArgs,
    /// Columns to write, comma-separated (default: every column of the format).
    #[arg(long, value_name = "LIST")]
    columns: Option<String>,
    #[arg(long, default_value = ",", value_parser = delimiter)]
    delimiter: u8,
}

fn delimiter(raw: &str) -> Result<u8, String> {
    match raw.as_bytes() {
        [b] if b.is_ascii() && *b != b'"' && *b != b'\n' => Ok(*b),
        _ if raw == "\\t" || raw == "tab" => Ok(b'\t'),
        _ => Err(format!("{raw:?} is not a one-character separator")),
    }
}

/// A progress bar on a terminal; nothing on a pipe or with `-q`.
fn progress_bar(app: &App) -> Option<ProgressBar> {
    if app.out.quiet || !io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(ProgressStyle::with_template("{spinner} {human_pos} rows, {per_sec} ({elapsed})").ok()?);
    bar.enable_steady_tick(Duration::from_millis(200));
    Some(bar)
}

pub fn import(app: &App, args: ImportArgs) -> Outcome {
    // Read on a thread of its own, hence Send (a locked stdin is not).
    let source: Box<dyn Read + Send> = if args.file == "-" {
        Box::new(BufReader::with_capacity(1 << 16, io::stdin()))
    } else {
        let file = File::open(&args.file).map_err(|e| Error::invalid("file", &args.file, e.to_string()))?;
        Box::new(BufReader::with_capacity(1 << 16, file))
    };
    let options = Options {
        mode: match args.mode {
            ModeArg::Upsert => Mode::Upsert,
            ModeArg::Create => Mode::Create,
            ModeArg::Update => Mode::Update,
        },
        dry_run: args.dry_run,
        skip_invalid: args.skip_invalid,
        ignore_unknown_columns: args.ignore_unknown_columns,
        delimiter: args.delimiter,
        source: args.file.clone(),
        keep_plan: args.dry_run && app.out.format == Format::Json,
        send_invites: args.send_invites,
    };
    let bar = progress_bar(app);
    let mut roster = app.open()?;
    let run = |tx: &roster::Tx| {
        let mut tick = |rows| {
            if let Some(bar) = &bar {
                bar.set_position(rows);
            }
        };
        import::run(tx, source, &options, &mut tick)
    };
    // A dry run is the import itself, on a private copy: no writer waits for it.
    let report = if args.dry_run { roster.rehearse(run)? } else { roster.write_bulk(run)? };
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if report.applied && args.send_invites && report.created > 0 {
        crate::commands::invite::deliver(app, &mut roster)?;
    }
    print_report(app, &report, args.dry_run)
}

fn print_report(app: &App, report: &Report, dry_run: bool) -> Outcome {
    for error in &report.errors {
        app.out.error(&error.to_string());
    }
    if report.more_errors > 0 {
        app.out.error(&format!("… and {} more errors", report.more_errors));
    }
    let failed = !report.errors.is_empty() && !report.applied;
    // What was done, or what would have been: a refused file or a dry run
    // wrote nothing, and says so where a script reads it too.
    let (text, said) = if report.applied {
        let text = format!(
            "created={} updated={} unchanged={} skipped={}",
            report.created, report.updated, report.unchanged, report.skipped
        );
        (text.clone(), format!("imported: {text}"))
    } else {
        let why = match (dry_run, report.error_count()) {
            (true, 0) => "dry run".to_owned(),
            (true, n) => format!("dry run, {n} error(s)"),
            (false, n) => format!("{n} error(s)"),
        };
        let text = format!(
            "would create {}, update {}, leave {} unchanged, skip {}; nothing was written ({why})",
            report.created, report.updated, report.unchanged, report.skipped
        );
        (text.clone(), text)
    };
    app.out.done(&said, &text, report)?;
    // The first error's own exit code: a row refused for a seat is exit 4,
    // as `user add` would be; a bad cell, exit 5.
    match report.errors.first().filter(|_| failed) {
        Some(first) => Ok(ExitCode::from(crate::exit_code(first.kind))),
        None => ok(),
    }
}

pub fn export(app: &App, args: ExportArgs) -> Outcome {
    let filter = args.filter.filter()?;
    let columns = match &args.columns {
        Some(list) => import::csv::columns(list)?,
        None => EXPORTED.to_vec(),
    };
    let mut roster = app.open()?;
    let written = match args.file.as_deref() {
        None | Some("-") => {
            // Written on a thread of its own, hence Send (a locked stdout is not).
            let out = BufWriter::new(io::stdout());
            roster.read(|tx| import::export(tx, &filter, columns, args.delimiter, out))
        }
        Some(path) => {
            let mut out = PrivateFile::create(path)?;
            roster.read(|tx| import::export(tx, &filter, columns, args.delimiter, &mut out)).and_then(|n| {
                out.finish()?;
                Ok(n)
            })
        }
    };
    match written {
        Ok(n) => {
            app.out.message(&format!("exported {n} user(s)"));
            ok()
        }
        Err(Error::Output(e)) => Err(Failure::Io(e)),
        Err(e) => Err(e.into()),
    }
}

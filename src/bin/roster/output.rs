//! The only code that writes data to stdout: tables (comfy-table), CSV or
//! JSON, chosen once by `--format`. Messages and warnings go to stderr.

use std::io::{self, Write};

use clap::ValueEnum;
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}

/// Something shown as a row of a table (or CSV) and as an object in JSON.
pub trait Record: Serialize {
    fn headers() -> Vec<&'static str>;
    fn cells(&self) -> Vec<String>;
}

pub struct Output {
    pub format: Format,
    pub quiet: bool,
}

impl Output {
    /// Many records: a table, CSV with a header, or a JSON array.
    pub fn list<T: Record>(&self, rows: &[T]) -> io::Result<()> {
        self.columns(T::headers(), rows.iter().map(Record::cells), &rows)
    }

    /// Rows of chosen columns (`user list --columns`); JSON is `whole`.
    pub fn columns<S: Serialize + ?Sized>(
        &self,
        headers: Vec<&str>,
        rows: impl Iterator<Item = Vec<String>>,
        whole: &S,
    ) -> io::Result<()> {
        let stdout = io::stdout();
        let mut out = stdout.lock();
        match self.format {
            Format::Table => {
                let mut table = new_table();
                table.set_header(headers);
                for row in rows {
                    table.add_row(row);
                }
                writeln!(out, "{table}")?;
            }
            Format::Csv => write_csv(&mut out, headers, rows)?,
            Format::Json => write_json(&mut out, whole)?,
        }
        out.flush()
    }

    /// One record: a two-column field/value table, one CSV row, or a JSON object.
    pub fn one<T: Record>(&self, record: &T) -> io::Result<()> {
        let stdout = io::stdout();
        let mut out = stdout.lock();
        match self.format {
            Format::Table => {
                let mut table = new_table();
                for (header, cell) in T::headers().into_iter().zip(record.cells()) {
                    table.add_row(vec![header.to_owned(), cell]);
                }
                writeln!(out, "{table}")?;
            }
            Format::Csv => write_csv(&mut out, T::headers(), std::iter::once(record.cells()))?,
            Format::Json => write_json(&mut out, record)?,
        }
        out.flush()
    }

    /// A short answer for scripts (`yes (via role admin)`); JSON gets `value`.
    pub fn answer<T: Serialize>(&self, text: &str, value: &T) -> io::Result<()> {
        let stdout = io::stdout();
        let mut out = stdout.lock();
        match self.format {
            Format::Json => write_json(&mut out, value)?,
            Format::Table | Format::Csv => writeln!(out, "{text}")?,
        }
        out.flush()
    }

    /// A command's result, said once: `said` for the person (stderr; `-q`
    /// silences it), and `text` (or `value` in JSON) for a script reading
    /// stdout, unless stdout is the same terminal that was just told.
    pub fn done<T: Serialize>(&self, said: &str, text: &str, value: &T) -> io::Result<()> {
        use std::io::IsTerminal;
        self.message(said);
        let told = !self.quiet && self.format != Format::Json && io::stdout().is_terminal();
        if told { Ok(()) } else { self.answer(text, value) }
    }

    /// What a command did, for the person at the terminal; `-q` silences it.
    #[allow(clippy::print_stderr)]
    pub fn message(&self, text: &str) {
        if !self.quiet {
            eprintln!("{text}");
        }
    }

    /// One of several errors, each on its own line; `main` still prints the last word.
    #[allow(clippy::print_stderr)]
    pub fn error(&self, text: &str) {
        eprintln!("error: {text}");
    }

    /// Something the person should know (seats running out); `-q` silences
    /// it too: with `-q` only errors reach stderr.
    #[allow(clippy::print_stderr)]
    pub fn warn(&self, text: &str) {
        if !self.quiet {
            eprintln!("warning: {text}");
        }
    }
}

/// A table that wraps its cells to fit a terminal, and on a pipe or in a
/// file keeps each row on one line, for `grep` and `cut`.
fn new_table() -> Table {
    use std::io::IsTerminal;
    let mut table = Table::new();
    let arrangement =
        if io::stdout().is_terminal() { ContentArrangement::Dynamic } else { ContentArrangement::Disabled };
    table.load_style(UTF8_FULL_CONDENSED).set_content_arrangement(arrangement);
    table
}

/// A CSV writer's error as the I/O error it is, keeping its kind: a closed
/// pipe (`| head`) must stay a closed pipe, which ends a command quietly.
pub fn csv_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

fn write_csv(out: &mut impl Write, headers: Vec<&str>, rows: impl Iterator<Item = Vec<String>>) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(headers).map_err(csv_error)?;
    for row in rows {
        writer
            .write_record(row.iter().map(|cell| roster::types::spreadsheet_safe(cell).into_owned()))
            .map_err(csv_error)?;
    }
    writer.flush()
}

fn write_json<T: Serialize + ?Sized>(out: &mut impl Write, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::from)?;
    writeln!(out)
}

/// An optional value as a cell: empty when unset.
pub fn cell(value: Option<&str>) -> String {
    value.unwrap_or_default().to_owned()
}

/// A time as a cell: RFC 3339 UTC, whole seconds.
pub fn timestamp(t: chrono::DateTime<chrono::Utc>) -> String {
    roster::store::timestamp(t)
}

/// A file roster writes (an export): mode 0600, written under a temporary
/// name beside it and renamed over it by `finish`, so a failure (a full
/// disk) leaves no file, or the old one, never half of one. A path that is
/// a symlink is written through: its target is replaced. A device or a pipe
/// (`/dev/stdout`, a FIFO) is written as it is.
pub struct PrivateFile {
    file: std::io::BufWriter<std::fs::File>,
    /// The temporary name, for a regular file.
    partial: Option<std::path::PathBuf>,
    path: std::path::PathBuf,
    done: bool,
}

impl PrivateFile {
    pub fn create(path: &str) -> Result<PrivateFile, roster::Error> {
        let failed = |e: std::io::Error| roster::Error::invalid("file", path, e.to_string());
        // Decided on the path as given: `/dev/stdout` may resolve to a file
        // the shell redirected, which must be appended to, not replaced.
        let special = path.starts_with("/dev/") || path.starts_with("/proc/");
        let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.into());
        if special || std::fs::metadata(&target).is_ok_and(|m| !m.is_file()) {
            let file = std::fs::OpenOptions::new().write(true).open(path).map_err(failed)?;
            return Ok(PrivateFile { file: std::io::BufWriter::new(file), partial: None, path: target, done: false });
        }
        let (file, partial) = roster::files::new_partial(&target).map_err(failed)?;
        Ok(PrivateFile { file: std::io::BufWriter::new(file), partial: Some(partial), path: target, done: false })
    }

    /// Everything written: synced, then renamed into place.
    pub fn finish(mut self) -> Result<(), roster::Error> {
        self.file.flush()?;
        if let Some(partial) = &self.partial {
            self.file.get_ref().sync_all()?;
            std::fs::rename(partial, &self.path)?;
        }
        self.done = true;
        Ok(())
    }
}

impl Write for PrivateFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

impl Drop for PrivateFile {
    fn drop(&mut self) {
        if let Some(partial) = self.partial.as_ref().filter(|_| !self.done) {
            let _ = std::fs::remove_file(partial);
        }
    }
}

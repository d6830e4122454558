//! `user import` and `user export`: the CSV format (csv.rs) and the import
//! itself. An import is one transaction: every row is validated by the same
//! validator as `user add`/`user edit` (parse.rs, on a thread of its own) and
//! applied as it is read (apply.rs), so the plan it reports is exactly what
//! committing would do. With errors (unless `skip_invalid`) or on a dry run,
//! the transaction is rolled back.

mod apply;
pub mod csv;
mod parse;
pub mod strict;

use std::io::{Read, Write};

use serde::Serialize;
use serde_json::{Value, json};

use self::csv::Column;
use crate::access::Rails;
use crate::audit::{self, Target};
use crate::error::{Error, ErrorKind, Invalid, Result};
use crate::session::Tx;
use crate::store::import::{CsvUser, Lists};
use crate::users::UserFilter;
use crate::{seats, store};

/// Errors reported at most; the rest are counted.
const MAX_ERRORS: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Create new emails, update existing ones.
    #[default]
    Upsert,
    /// Only create: an existing email is an error.
    Create,
    /// Only update: an unknown email is an error.
    Update,
}

#[derive(Debug, Clone)]
pub struct Options {
    pub mode: Mode,
    pub dry_run: bool,
    pub skip_invalid: bool,
    pub ignore_unknown_columns: bool,
    pub delimiter: u8,
    /// The file name, for the audit trail.
    pub source: String,
    /// Keep every row's plan in the report (for `--dry-run --format json`).
    pub keep_plan: bool,
    /// Invite the users the file creates (status `invited`, a mail each).
    pub send_invites: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            mode: Mode::Upsert,
            dry_run: false,
            skip_invalid: false,
            ignore_unknown_columns: false,
            delimiter: b',',
            source: "-".into(),
            keep_plan: false,
            send_invites: false,
        }
    }
}

/// One problem with one row: its line, the field, the value, and why, with
/// the kind of the error the same change gets from any other door (a missing
/// seat is a conflict here as in `user add`), which sets the exit code.
#[derive(Debug, Clone, Serialize)]
pub struct RowError {
    pub line: u64,
    /// For a record that is not CSV as written: where on its line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    pub field: String,
    pub value: String,
    pub reason: String,
    pub kind: ErrorKind,
}

impl RowError {
    pub fn invalid(line: u64, invalid: Invalid) -> RowError {
        RowError {
            line,
            column: None,
            field: invalid.field,
            value: invalid.value,
            reason: invalid.reason,
            kind: ErrorKind::Invalid,
        }
    }

    fn broken(broken: strict::Broken) -> RowError {
        RowError {
            line: broken.line,
            column: Some(broken.column),
            field: "file".into(),
            value: String::new(),
            reason: broken.reason,
            kind: ErrorKind::Invalid,
        }
    }

    /// The refusal itself, as the command would word it.
    pub fn refused(line: u64, field: &str, error: &Error) -> RowError {
        match error {
            Error::Invalid(invalid) => RowError::invalid(line, invalid.clone()),
            other => RowError {
                line,
                column: None,
                field: field.to_owned(),
                value: String::new(),
                reason: other.to_string(),
                kind: other.kind(),
            },
        }
    }
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.kind) {
            // About the whole file, such as its seats.
            (0, _) => write!(f, "{}: {}", self.field, self.reason),
            (line, _) if self.column.is_some() => {
                write!(f, "line {line}, column {}: {}", self.column.unwrap_or_default(), self.reason)
            }
            (line, ErrorKind::Invalid) => {
                write!(f, "line {line}: invalid {} {:?}: {}", self.field, self.value, self.reason)
            }
            (line, _) => write!(f, "line {line}: {}", self.reason),
        }
    }
}

/// What happened (or would happen) to one row.
#[derive(Debug, Clone, Serialize)]
pub struct PlannedRow {
    pub line: u64,
    pub email: String,
    /// `create`, `update`, `unchanged` or `skip`.
    pub action: &'static str,
    /// Field → {old, new}; secrets show as `(set)`.
    pub changes: Value,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub skipped: u64,
    pub errors: Vec<RowError>,
    /// Errors past the first hundred, counted only.
    pub more_errors: u64,
    /// The line the reading stopped at (the file is not CSV past it): nothing
    /// may be committed, even with `--skip-invalid`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stopped_at: Option<u64>,
    /// Whether the changes were committed.
    pub applied: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<PlannedRow>,
}

impl Report {
    pub fn error_count(&self) -> u64 {
        self.errors.len() as u64 + self.more_errors
    }

    fn error(&mut self, e: RowError) {
        // A whole-file error (line 0: seats, guard rails) is always kept:
        // it decides that nothing may be committed, even with --skip-invalid.
        if self.errors.len() < MAX_ERRORS || e.line == 0 {
            self.errors.push(e);
        } else {
            self.more_errors += 1;
        }
    }
}

/// Imports users from `source`. `progress` is told the number of rows read
/// so far, every thousand rows or so. Returns the report and whether to commit.
pub fn run(
    tx: &Tx,
    source: impl Read + Send,
    options: &Options,
    progress: &mut dyn FnMut(u64),
) -> Result<(Report, bool)> {
    tx.actor.require("users.manage")?;
    let reader = parse::Reader::open(source, options)?;
    let header = reader.header();
    if header.has(Column::Abilities) || (header.has(Column::Roles) && options.mode != Mode::Create) {
        tx.actor.require("roles.manage")?;
    }
    if options.send_invites {
        tx.actor.require("invites.manage")?;
    }
    let lists = Lists {
        roles: true,
        groups: header.has(Column::Groups),
        // A restriction is checked against the brands the user has.
        brands: header.has(Column::Brands) || header.has(Column::Field(crate::users::Field::RestrictToBrand)),
        abilities: header.has(Column::Abilities),
    };

    let rails = Rails::before(&tx.db, &tx.actor)?;
    let load = if options.dry_run { None } else { Some(store::import::Load::begin(&tx.db)?) };
    store::users::suspend_counts(&tx.db)?;
    tx.db.defer_inserts();
    let mut import = apply::Import::new(tx, options, lists, load)?;
    // Each row's entries are lines; the file's `user.import` entry closes them.
    audit::lines(tx, || {
        std::thread::scope(|scope| -> Result<()> {
            let (send, batches) = std::sync::mpsc::sync_channel(4);
            // The reader ends, freeing its duplicate check, before SQLite sorts
            // the rebuilt indexes: the two together would be the peak memory.
            scope.spawn(move || reader.send_all(&send));
            for batch in batches {
                let batch = batch?;
                import.ahead(&batch.rows)?;
                for row in batch.rows {
                    import.row(row)?;
                }
                progress(batch.read);
            }
            import.failure()
        })
    })?;
    let counted = match import.load.take() {
        Some(load) => load.finish(&tx.db)?,
        None => false,
    };
    // An unchanged file moved no one between statuses.
    let moved = import.report.created + import.report.updated > 0;
    store::users::recount(&tx.db, moved && !counted)?;
    let apply::Import { mut report, seats_taken, .. } = import;
    if let Err(e) = seats::ensure_fits(tx, seats_taken) {
        report.error(RowError { reason: format!("for the whole file: {e}"), ..RowError::refused(0, "seats", &e) });
        report.skipped = report.created + report.updated;
    }
    if let Err(e) = rails.check(&tx.db, &tx.actor, "a user in the file", "lose the admin role") {
        if let Error::Denied(denied) = &e {
            tx.note_refusal("the file", denied);
        }
        report.error(RowError::refused(0, "roles", &e));
    }
    let commit = !options.dry_run && (report.errors.is_empty() || options.skip_invalid) && !hard_failure(&report);
    if commit {
        audit::record(
            tx,
            "user.import",
            Target::Named(format!("file:{}", options.source)),
            json!({
                "file": options.source, "created": report.created, "updated": report.updated,
                "unchanged": report.unchanged, "skipped": report.skipped,
            }),
        )?;
    }
    report.applied = commit;
    Ok((report, commit))
}

/// Errors that no row can be skipped past: seats or guard rails for the
/// whole file, or a file read only in part.
fn hard_failure(report: &Report) -> bool {
    report.stopped_at.is_some() || report.errors.iter().any(|e| e.line == 0)
}

/// Writes every user matching `filter` in the CSV format, streaming: users
/// are read on this thread and written out on another (the two halves cost
/// about the same), a few hundred at a time, so memory stays flat.
pub fn export(
    tx: &Tx,
    filter: &UserFilter,
    columns: Vec<Column>,
    delimiter: u8,
    out: impl Write + Send,
) -> Result<u64> {
    const BATCH: usize = 256;
    tx.actor.require("users.read")?;
    let lists = Lists {
        roles: columns.contains(&Column::Roles),
        groups: columns.contains(&Column::Groups),
        brands: columns.contains(&Column::Brands),
        abilities: columns.contains(&Column::Abilities),
    };
    let mut writer = csv::Writer::new(out, columns, delimiter)?;
    let filter = crate::users::resolve(tx, filter, &crate::model::scope::Reach::Everyone)?;
    std::thread::scope(|scope| {
        let (send, batches) = std::sync::mpsc::sync_channel::<Vec<CsvUser>>(4);
        let written = scope.spawn(move || -> Result<()> {
            for batch in batches {
                for user in &batch {
                    writer.write(user)?;
                }
            }
            writer.finish()
        });
        let mut batch = Vec::with_capacity(BATCH);
        let read = store::import::for_each(&tx.db, &filter, lists, |user| {
            batch.push(user);
            if batch.len() == BATCH && send.send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH))).is_err() {
                // The writer stopped on an error (a closed pipe, say), reported below.
                return Err(Error::Internal("export stopped".into()));
            }
            Ok(())
        });
        // Unsent only if the writer stopped, whose error is then the one to report.
        let _ = send.send(batch);
        drop(send);
        let wrote = written.join().map_err(|_| Error::Internal("the CSV writer failed".into()))?;
        wrote.and(read)
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::Roster;
    use crate::users::{self, Field, fields};

    /// Text a person could type into a name: commas, quotes, line breaks,
    /// other scripts.
    fn text() -> impl Strategy<Value = String> {
        "[a-zA-Z ,;\"'\n\u{e9}\u{4e00}-\u{4e0f}\u{0410}-\u{041f}\u{3b1}-\u{3b9}-]{1,24}"
            .prop_filter("not blank", |s| !s.trim().is_empty())
            .prop_filter("no formula", |s| !crate::types::starts_a_formula(s.trim()))
    }

    /// A valid file, then bytes changed, inserted or removed at random
    /// places, favouring the ones CSV cares about.
    fn mutated() -> impl Strategy<Value = Vec<u8>> {
        let valid = b"email,name,surname,department,roles\r\nana@x.test,Ana,Silva,\"Sales, North\",member\r\nbo@x.test,Bo,Chen,Ops,\n".to_vec();
        let edit =
            (0..valid.len() + 1, prop::sample::select(vec![b'"', b',', b'\n', b'\r', b'=', 0u8, 0xFF, b'a']), 0..3u8);
        prop::collection::vec(edit, 1..6).prop_map(move |edits| {
            let mut bytes = valid.clone();
            for (at, byte, how) in edits {
                let at = at.min(bytes.len());
                match how {
                    0 => bytes.insert(at, byte),
                    1 if at < bytes.len() => bytes[at] = byte,
                    _ if at < bytes.len() => drop(bytes.remove(at)),
                    _ => bytes.push(byte),
                }
            }
            bytes
        })
    }

    /// Imports `bytes` into a new database: no panic, and either the whole
    /// file or nothing, with every error on a line the file has.
    fn all_or_nothing(bytes: &[u8]) -> Result<(), TestCaseError> {
        let dir = tempfile::tempdir().unwrap();
        let mut roster = Roster::create(&dir.path().join("r.db"), None, "test", chrono::Utc::now()).unwrap();
        let count = |roster: &mut Roster| {
            roster
                .read(|tx| {
                    tx.db.query_row(
                        "SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM audit)",
                        crate::store::db::params![],
                        |r| Ok((r.get::<i64>(0)?, r.get::<i64>(1)?)),
                    )
                })
                .unwrap()
        };
        let before = count(&mut roster);
        let outcome = roster.write_or_roll_back(|tx| run(tx, bytes, &Options::default(), &mut |_| {}));
        let after = count(&mut roster);
        // LF, CRLF and a lone CR each end a line.
        let breaks = bytes
            .iter()
            .enumerate()
            .filter(|(i, b)| **b == b'\n' || (**b == b'\r' && bytes.get(i + 1) != Some(&b'\n')));
        let lines = breaks.count() as u64 + 1;
        match outcome {
            Ok(report) if report.applied => {
                prop_assert_eq!(after.0, before.0 + report.created as i64);
            }
            Ok(report) => {
                prop_assert_eq!(after, before, "a refused import wrote");
                for e in &report.errors {
                    prop_assert!(e.line <= lines, "error on line {} of a {}-line file: {}", e.line, lines, e);
                }
            }
            Err(_) => prop_assert_eq!(after, before, "a failed import wrote"),
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        #[test]
        fn arbitrary_bytes_import_whole_or_not_at_all(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
            all_or_nothing(&bytes)?;
        }

        #[test]
        fn mutated_files_import_whole_or_not_at_all(bytes in mutated()) {
            all_or_nothing(&bytes)?;
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        #[test]
        fn export_then_import_changes_nothing(people in prop::collection::vec((text(), text(), prop::option::of(text())), 1..12)) {
            let dir = tempfile::tempdir().unwrap();
            let mut roster = Roster::create(&dir.path().join("r.db"), None, "test", chrono::Utc::now()).unwrap();
            roster.write(|tx| {
                let new = people.iter().enumerate().map(|(i, (name, surname, department))| {
                    let email = format!("user{i}@example.test");
                    let mut input = vec![(Field::Email, email.as_str()), (Field::Name, name.as_str()), (Field::Surname, surname.as_str())];
                    if let Some(d) = department {
                        input.push((Field::Department, d.as_str()));
                    }
                    fields::new_user(input, vec![]).unwrap()
                });
                users::add_many(tx, new)
            }).unwrap();
            let mut file = Vec::new();
            roster.read(|tx| export(tx, &UserFilter::default(), csv::EXPORTED.to_vec(), b',', &mut file)).unwrap();
            let options = Options { dry_run: true, ..Options::default() };
            let report = roster.write_or_roll_back(|tx| run(tx, file.as_slice(), &options, &mut |_| {})).unwrap();
            prop_assert!(report.errors.is_empty(), "{:?}", report.errors);
            prop_assert_eq!((report.created, report.updated, report.unchanged), (0, 0, people.len() as u64));
        }
    }
}

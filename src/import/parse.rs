//! The reading half of an import: CSV records to validated rows. Nothing here
//! asks the database, so it runs on its own thread while the applying half
//! looks each row's user up and writes it (profiling put the two halves at
//! about the same cost; side by side on two cores they take half the time).

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::io::Read;
use std::sync::mpsc::SyncSender;

use super::Options;
use super::csv::{Column, Header};
use super::strict::{self, Damage, Starts, Strict};
use crate::error::{Error, Invalid, Result};
use crate::types;
use crate::users::{Field, Status, fields};

/// Rows handed over at a time: a channel send per row would cost more than
/// validating it, and a batch over mimalloc's 128 KiB "large" size would go
/// back to the system (and fault in again) every time.
const BATCH: usize = 256;

/// What one line of the file asks for, validated as far as the file alone can tell.
pub(super) enum Parsed {
    /// Refused before the database is asked: not UTF-8, no valid email, or
    /// an email seen on an earlier line.
    Refused {
        line: u64,
        invalid: Invalid,
    },
    /// Not a record as written: text after a closing quote (the reading goes
    /// on), or where the reading stopped (`fatal`: nothing after it was read).
    Broken {
        broken: strict::Broken,
        fatal: bool,
    },
    Row(Row),
}

pub(super) struct Row {
    pub line: u64,
    pub email: String,
    /// The email's mailbox key, by which the user is found.
    pub key: String,
    pub wanted: Wanted,
    /// Problems with the row's other cells; the row is refused with all of them.
    pub errors: Vec<Invalid>,
}

/// A row's wanted state: what each present column asks for.
#[derive(Default)]
pub(super) struct Wanted {
    pub patch: Vec<(Field, Option<String>)>,
    /// The roles cell as written: roles are names in the database.
    pub roles: Option<String>,
    pub groups: Option<Vec<String>>,
    pub brands: Option<Vec<String>>,
    /// Well-formed ability names; whether each exists is the database's to say.
    pub abilities: Option<Vec<String>>,
    pub status: Option<Status>,
    /// The status cell is there but empty: fine for a new user (active),
    /// an error for an existing one.
    pub status_cleared: bool,
    pub password_hash: Option<String>,
}

/// Rows read so far, and the next of them.
pub(super) struct Batch {
    pub rows: Vec<Parsed>,
    pub read: u64,
}

pub(super) struct Reader<R> {
    csv: ::csv::Reader<Strict<R>>,
    /// Each record's physical line, as the check counted it.
    starts: Starts,
    /// The records the check found text after a closing quote in.
    damage: Damage,
    header: Header,
    /// The validator's answer per distinct value, for the fields whose values
    /// repeat (a million rows have a handful of languages).
    validated: HashMap<Field, HashMap<String, Result<Option<String>, Invalid>>>,
    /// Emails seen, as a 128-bit hash of the mailbox key and the line
    /// it was first on: a few dozen bytes a row, not the row.
    seen: HashMap<(u64, u64), u64>,
    hashers: (RandomState, RandomState),
    read: u64,
}

impl<R: Read> Reader<R> {
    /// Opens the file and reads its header.
    pub fn open(source: R, options: &Options) -> Result<Self> {
        let (starts, damage) = (Starts::default(), Damage::default());
        let mut csv = ::csv::ReaderBuilder::new()
            .delimiter(options.delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(Strict::new(source, options.delimiter, starts.clone(), damage.clone()));
        let mut record = ::csv::ByteRecord::new();
        if !csv.read_byte_record(&mut record).map_err(|e| read_error(&e))? {
            return Err(Error::invalid("file", &options.source, "is empty: a header row is required"));
        }
        let start = starts.record_at(0).map_or(0, |(at, _)| at);
        if let Some(broken) = damage.of_record_at(start) {
            return Err(broken_file(&broken));
        }
        let names = decode(&record, 1).map_err(Error::Invalid)?;
        let header = Header::parse(&names, options.ignore_unknown_columns)?;
        Ok(Reader {
            csv,
            starts,
            damage,
            header,
            validated: HashMap::new(),
            seen: HashMap::new(),
            hashers: (RandomState::new(), RandomState::new()),
            read: 0,
        })
    }

    pub fn header(&self) -> &Header {
        &self.header
    }

    /// Reads the whole file into `out`, a batch at a time. Where the check
    /// stops the reading, that is the last row; another error of the CSV
    /// reader ends it with the error. Stops early when the other side hangs
    /// up (it failed).
    pub fn send_all(mut self, out: &SyncSender<Result<Batch>>) {
        let mut record = ::csv::ByteRecord::new();
        loop {
            let mut rows = Vec::with_capacity(BATCH);
            let mut end = false;
            while rows.len() < BATCH {
                match self.csv.read_byte_record(&mut record) {
                    Ok(true) => {}
                    Ok(false) => {
                        end = true;
                        break;
                    }
                    Err(e) => {
                        // The other side may be gone already; nothing more to do then.
                        let _ = match strict::broken(&e) {
                            Some(broken) => {
                                rows.push(Parsed::Broken { broken: broken.clone(), fatal: true });
                                out.send(Ok(Batch { rows, read: self.read }))
                            }
                            None => out.send(Err(read_error(&e))),
                        };
                        return;
                    }
                }
                self.read += 1;
                if let Some(parsed) = self.parse(&record) {
                    rows.push(parsed);
                }
            }
            if out.send(Ok(Batch { rows, read: self.read })).is_err() || end {
                return;
            }
        }
    }

    /// One record; `None` for a blank line.
    fn parse(&mut self, record: &::csv::ByteRecord) -> Option<Parsed> {
        let (start, line) = record
            .position()
            .map(|p| self.starts.record_at(p.byte()).unwrap_or((p.byte(), p.line())))
            .unwrap_or((u64::MAX, self.read + 1));
        if let Some(broken) = self.damage.of_record_at(start) {
            return Some(Parsed::Broken { broken, fatal: false });
        }
        let cells = match decode(record, line) {
            Ok(cells) => cells,
            Err(invalid) => return Some(Parsed::Refused { line, invalid }),
        };
        if cells.iter().all(|c| c.trim().is_empty()) {
            return None;
        }
        if cells.len() != self.header.columns.len() {
            let fields = format!("{} fields", cells.len());
            let reason = format!("the header has {} columns", self.header.columns.len());
            return Some(Parsed::Refused { line, invalid: invalid("record", &fields, reason) });
        }
        let email_cell = cells.get(self.header.email_at).copied().unwrap_or_default();
        let email = match fields::validate(Field::Email, email_cell) {
            Ok(Some(email)) => email,
            Ok(None) => return Some(Parsed::Refused { line, invalid: invalid("email", email_cell, "is required") }),
            Err(invalid) => return Some(Parsed::Refused { line, invalid }),
        };
        // The key the database keeps unique: one mailbox, one account.
        let key = crate::types::mailbox_key(&email);
        let hash = (self.hashers.0.hash_one(&key), self.hashers.1.hash_one(&key));
        if let Entry::Occupied(first) = self.seen.entry(hash) {
            let reason = format!("appears again (first on line {})", first.get());
            return Some(Parsed::Refused { line, invalid: invalid("email", email_cell, reason) });
        }
        self.seen.insert(hash, line);
        let (wanted, errors) = self.wanted(&cells);
        Some(Parsed::Row(Row { line, email, key, wanted, errors }))
    }

    /// Validates every present column of a row; all problems are kept.
    fn wanted(&mut self, cells: &[&str]) -> (Wanted, Vec<Invalid>) {
        let mut wanted = Wanted::default();
        let mut errors = Vec::new();
        for (i, column) in self.header.columns.iter().enumerate() {
            let Some(column) = *column else { continue };
            let cell = cells.get(i).copied().unwrap_or_default();
            let outcome = match column {
                Column::Field(Field::Email) => Ok(()),
                Column::Field(field) => {
                    validate(&mut self.validated, field, cell).map(|v| wanted.patch.push((field, v)))
                }
                Column::Roles => {
                    wanted.roles = Some(cell.to_owned());
                    Ok(())
                }
                Column::Groups => each("groups", cell, |g| types::name("groups", g)).map(|g| wanted.groups = Some(g)),
                Column::Brands => fields::brands(cell.split(';')).map(|b| wanted.brands = Some(b)),
                Column::Abilities => each("abilities", cell, types::ability).map(|a| wanted.abilities = Some(a)),
                Column::Status => status(cell).map(|s| {
                    wanted.status_cleared = s.is_none();
                    wanted.status = s;
                }),
                Column::PasswordHash => match cell.trim() {
                    "" => Ok(()),
                    raw => types::password_hash(raw).map(|h| wanted.password_hash = Some(h)).map_err(|e| match e {
                        Error::Invalid(invalid) => invalid,
                        other => invalid("password_hash", "(hidden)", other.to_string()),
                    }),
                },
            };
            if let Err(e) = outcome {
                errors.push(e);
            }
        }
        (wanted, errors)
    }
}

/// The one validator of `user add`, remembered per distinct value for the
/// fields whose values repeat.
fn validate(
    validated: &mut HashMap<Field, HashMap<String, Result<Option<String>, Invalid>>>,
    field: Field,
    cell: &str,
) -> Result<Option<String>, Invalid> {
    if !matches!(field, Field::Language | Field::Timezone | Field::Country) {
        return fields::validate(field, cell);
    }
    let seen = validated.entry(field).or_default();
    if let Some(known) = seen.get(cell) {
        return known.clone();
    }
    let checked = fields::validate(field, cell);
    seen.insert(cell.to_owned(), checked.clone());
    checked
}

/// A `;`-list cell: its items trimmed, sorted, without repeats.
pub(super) fn list(cell: &str) -> Vec<String> {
    let mut items: Vec<String> = cell.split(';').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect();
    items.sort();
    items.dedup();
    items
}

/// Every item of a list cell through `check`.
fn each(field: &str, cell: &str, check: impl Fn(&str) -> Result<String>) -> Result<Vec<String>, Invalid> {
    list(cell).iter().map(|item| check(item)).collect::<Result<Vec<_>>>().map_err(|e| match e {
        Error::Invalid(invalid) => invalid,
        other => invalid(field, cell, other.to_string()),
    })
}

/// A status cell: `None` when empty.
fn status(cell: &str) -> Result<Option<Status>, Invalid> {
    match cell.trim() {
        "" => Ok(None),
        raw => raw
            .parse::<Status>()
            .map(Some)
            .map_err(|_| invalid("status", cell, "one of invited, active, blocked, archived")),
    }
}

pub(super) fn invalid(field: &str, value: &str, reason: impl Into<String>) -> Invalid {
    Invalid { field: field.into(), value: crate::error::shown(value.into()), reason: reason.into() }
}

fn broken_file(broken: &strict::Broken) -> Error {
    Error::invalid("file", format!("line {}, column {}", broken.line, broken.column), &broken.reason)
}

fn read_error(e: &::csv::Error) -> Error {
    if let Some(broken) = strict::broken(e) {
        return broken_file(broken);
    }
    let line = e.position().map_or(0, |p| p.line());
    Error::invalid("file", format!("line {line}"), e.to_string())
}

/// The row's cells as text, borrowed from the record (no copy a cell): a file
/// that is not UTF-8 is an error naming the line.
fn decode(record: &::csv::ByteRecord, line: u64) -> Result<Vec<&str>, Invalid> {
    record
        .iter()
        .enumerate()
        .map(|(i, bytes)| {
            // A UTF-8 byte order mark opens some spreadsheets' files.
            let bytes = if line <= 1 && i == 0 { bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes) } else { bytes };
            std::str::from_utf8(bytes).map(types::cell_as_read).map_err(|_| Invalid {
                field: format!("line {line}, column {}", i + 1),
                value: crate::error::shown(String::from_utf8_lossy(bytes).into_owned()),
                reason: "is not UTF-8 text (save the file as UTF-8)".into(),
            })
        })
        .collect()
}

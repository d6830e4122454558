//! The one CSV format of users, both directions (README, "Importing and exporting users"): its columns, the
//! header that names them, and the rows written by export.

use std::io::Write;

use crate::error::{Error, Result};
use crate::store::import::CsvUser;
use crate::users::Field;

/// A column of the format: a profile field, a list (`;`-separated), the
/// status, or an imported password hash (never exported).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Field(Field),
    Roles,
    Groups,
    Brands,
    Abilities,
    Status,
    PasswordHash,
}

/// The columns export writes, in this order, unless `--columns` says otherwise.
pub const EXPORTED: [Column; 20] = [
    Column::Field(Field::Email),
    Column::Field(Field::Name),
    Column::Field(Field::Surname),
    Column::Field(Field::Phone),
    Column::Field(Field::Mobile),
    Column::Field(Field::Language),
    Column::Field(Field::Timezone),
    Column::Field(Field::Country),
    Column::Field(Field::Department),
    Column::Field(Field::Branch),
    Column::Roles,
    Column::Groups,
    Column::Brands,
    Column::Abilities,
    Column::Field(Field::SalesmanId),
    Column::Field(Field::QuoteReplyTo),
    Column::Field(Field::Kind),
    Column::Field(Field::RestrictToBrand),
    Column::Field(Field::AutoFilterBrands),
    Column::Status,
];

impl Column {
    pub fn name(self) -> &'static str {
        match self {
            Column::Field(f) => f.name(),
            Column::Roles => "roles",
            Column::Groups => "groups",
            Column::Brands => "brands",
            Column::Abilities => "abilities",
            Column::Status => "status",
            Column::PasswordHash => "password_hash",
        }
    }

    pub fn parse(raw: &str) -> Option<Column> {
        let wanted = raw.trim().replace('-', "_");
        EXPORTED.into_iter().chain([Column::PasswordHash]).find(|c| c.name().eq_ignore_ascii_case(&wanted))
    }

    /// What `user` has in this column, as the format writes it.
    pub fn value(self, user: &CsvUser) -> String {
        match self {
            Column::Field(f) => user.profile.get(f).unwrap_or_default().to_owned(),
            Column::Roles => user.roles.join(";"),
            Column::Groups => user.groups.join(";"),
            Column::Brands => user.brands.join(";"),
            Column::Abilities => user.abilities.join(";"),
            Column::Status => user.status.to_string(),
            // A hash is a secret: export never writes it.
            Column::PasswordHash => String::new(),
        }
    }
}

/// Which column each position of a file holds (`None`: ignored).
#[derive(Debug, Clone)]
pub struct Header {
    pub columns: Vec<Option<Column>>,
    pub email_at: usize,
}

impl Header {
    /// Reads a header row: names matched without case, in any order.
    pub fn parse(names: &[&str], ignore_unknown: bool) -> Result<Header> {
        let mut columns = Vec::with_capacity(names.len());
        let mut unknown = Vec::new();
        for raw in names {
            let name = raw.trim();
            if name.eq_ignore_ascii_case("password") {
                return Err(Error::invalid(
                    "column",
                    name,
                    "plaintext passwords are refused; give a password_hash column with argon2 or bcrypt PHC strings",
                ));
            }
            match Column::parse(name) {
                Some(column) if columns.contains(&Some(column)) => {
                    return Err(Error::invalid("column", name, "appears twice in the header"));
                }
                Some(column) => columns.push(Some(column)),
                None => {
                    unknown.push(name.to_owned());
                    columns.push(None);
                }
            }
        }
        if !unknown.is_empty() && !ignore_unknown {
            return Err(Error::invalid(
                "columns",
                unknown.join(", "),
                "not columns of the user format; use --ignore-unknown-columns to skip them",
            ));
        }
        let email_at = columns
            .iter()
            .position(|c| *c == Some(Column::Field(Field::Email)))
            .ok_or_else(|| Error::invalid("header", names.join(","), "has no email column"))?;
        Ok(Header { columns, email_at })
    }

    pub fn has(&self, column: Column) -> bool {
        self.columns.contains(&Some(column))
    }
}

/// Parses `--columns email,name,roles` into columns of the format.
pub fn columns(raw: &str) -> Result<Vec<Column>> {
    raw.split(',')
        .map(|name| {
            Column::parse(name)
                .filter(|c| *c != Column::PasswordHash)
                .ok_or_else(|| Error::invalid("columns", name, "not an exported column of the user format"))
        })
        .collect()
}

/// Writes users in the format: a header, then one row per user.
pub struct Writer<W: Write> {
    csv: ::csv::Writer<W>,
    columns: Vec<Column>,
}

impl<W: Write> Writer<W> {
    pub fn new(out: W, columns: Vec<Column>, delimiter: u8) -> Result<Self> {
        let mut csv = ::csv::WriterBuilder::new().delimiter(delimiter).from_writer(out);
        csv.write_record(columns.iter().map(|c| c.name())).map_err(io)?;
        Ok(Writer { csv, columns })
    }

    pub fn write(&mut self, user: &CsvUser) -> Result<()> {
        for column in &self.columns {
            // Borrowed where the value is one string: no copy a cell.
            // A cell a spreadsheet would run is written so that it does not.
            let safe = crate::types::spreadsheet_safe;
            let written = match column {
                Column::Field(f) => self.csv.write_field(safe(user.profile.get(*f).unwrap_or_default()).as_ref()),
                Column::Status => self.csv.write_field(user.status.as_str()),
                other => self.csv.write_field(safe(&other.value(user)).as_ref()),
            };
            written.map_err(io)?;
        }
        self.csv.write_record(None::<&[u8]>).map_err(io)
    }

    pub fn finish(mut self) -> Result<()> {
        self.csv.flush().map_err(Error::Output)
    }
}

/// Output errors keep their kind so that a closed pipe can be told apart
/// (csv's own conversion to io::Error makes every kind `Other`).
fn io(e: ::csv::Error) -> Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(e) => Error::Output(e),
        // Rows are written field by field, always as many: nothing else can fail.
        other => Error::Internal(format!("writing CSV: {other:?}")),
    }
}

//! `user import` and `user export`: the CSV format (csv.rs) and the import
//! itself. An import is one transaction: every row is validated by the same
//! validator as `user add`/`user edit` and applied as it is read, so the plan
//! it reports is exactly what committing would do. With errors (unless
//! `skip_invalid`) or on a dry run, the transaction is rolled back.

pub mod csv;

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;
use std::io::{Read, Write};

use serde::Serialize;
use serde_json::{Map, Value, json};

use self::csv::{Column, Header};
use crate::access::Rails;
use crate::audit::{self, Target};
use crate::error::{Error, Invalid, Result};
use crate::session::Tx;
use crate::store::import::{CsvUser, Lists};
use crate::store::roles::RoleRow;
use crate::users::{Field, Profile, Status, UserFilter, fields};
use crate::{roles, seats, store, types};

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

/// One problem with one row: its line, the field, the value, and why.
#[derive(Debug, Clone, Serialize)]
pub struct RowError {
    pub line: u64,
    pub field: String,
    pub value: String,
    pub reason: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            // About the whole file, such as its seats.
            write!(f, "{}: {}", self.field, self.reason)
        } else {
            write!(f, "line {}: invalid {} {:?}: {}", self.line, self.field, self.value, self.reason)
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
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(e);
        } else {
            self.more_errors += 1;
        }
    }
}

/// Everything looked up more than once during one import: each role, group
/// and ability is read from the database once, each language, time zone and
/// country validated once.
#[derive(Default)]
struct Lookups {
    roles: HashMap<String, Option<(RoleRow, Vec<Field>)>>,
    groups: HashMap<String, i64>,
    abilities: HashMap<String, bool>,
    validated: HashMap<Field, HashMap<String, Result<Option<String>, Invalid>>>,
    /// A roles cell as read, to the roles it names.
    role_cells: HashMap<String, Result<Vec<RoleRow>, Invalid>>,
    grantable: HashMap<i64, bool>,
}

/// Imports users from `source`. `progress` is told the number of rows read
/// so far, every thousand rows. Returns the report and whether to commit.
pub fn run(tx: &Tx, source: impl Read, options: &Options, progress: &mut dyn FnMut(u64)) -> Result<(Report, bool)> {
    tx.actor.require("users.manage")?;
    let mut reader =
        ::csv::ReaderBuilder::new().delimiter(options.delimiter).has_headers(false).flexible(true).from_reader(source);
    let mut record = ::csv::ByteRecord::new();
    if !reader.read_byte_record(&mut record).map_err(|e| read_error(&e))? {
        return Err(Error::invalid("file", &options.source, "is empty: a header row is required"));
    }
    let names = decode(&record, 1)?;
    let header = Header::parse(&names, options.ignore_unknown_columns)?;
    if header.has(Column::Abilities) || (header.has(Column::Roles) && options.mode != Mode::Create) {
        tx.actor.require("roles.manage")?;
    }
    if options.send_invites {
        tx.actor.require("invites.manage")?;
    }

    let rails = Rails::before(&tx.db, &tx.actor)?;
    let suspended = if options.dry_run { None } else { Some(store::import::suspend_indexes_if_empty(&tx.db)?) };
    let lists = Lists {
        roles: true,
        groups: header.has(Column::Groups),
        brands: header.has(Column::Brands),
        abilities: header.has(Column::Abilities),
    };
    let find_sql = store::import::by_email_sql(lists);
    let mut import = Import {
        tx,
        find_sql,
        options,
        header,
        lookups: Lookups::default(),
        report: Report::default(),
        seats_taken: 0,
    };
    // Duplicate emails are found by a 128-bit hash of the lowercased email and
    // the line it was first seen on: a few dozen bytes a row, not the row.
    let mut seen: HashMap<(u64, u64), u64> = HashMap::new();
    let hashers = (std::collections::hash_map::RandomState::new(), std::collections::hash_map::RandomState::new());
    let mut rows = 0u64;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(read_error(&e)),
        }
        rows += 1;
        if rows % 1000 == 0 {
            progress(rows);
        }
        let line = record.position().map_or(rows + 1, |p| p.line());
        let cells = match decode(&record, line) {
            Ok(cells) => cells,
            Err(Error::Invalid(invalid)) => {
                import.reject(line, invalid);
                continue;
            }
            Err(other) => return Err(other),
        };
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let email_raw = cells.get(import.header.email_at).copied().unwrap_or_default();
        let key = email_raw.trim().to_lowercase();
        let hash = (hash_with(&hashers.0, &key), hash_with(&hashers.1, &key));
        if let Some(first) = seen.get(&hash) {
            let reason = format!("appears again (first on line {first})");
            import.reject(line, Invalid { field: "email".into(), value: email_raw.into(), reason });
            continue;
        }
        seen.insert(hash, line);
        import.row(line, &cells)?;
    }
    progress(rows);
    // Free the duplicate check before SQLite sorts the rebuilt indexes: the
    // two together are the import's peak memory.
    drop(seen);
    if let Some(suspended) = suspended {
        store::import::restore_indexes(&tx.db, suspended)?;
    }
    let Import { mut report, seats_taken, .. } = import;
    if let Err(e) = seats::ensure_fits(tx, seats_taken) {
        report.error(RowError {
            line: 0,
            field: "seats".into(),
            value: String::new(),
            reason: format!("for the whole file: {e}"),
        });
        report.skipped = report.created + report.updated;
    }
    if let Err(e) = rails.check(&tx.db, &tx.actor, "a user in the file", "lose the admin role") {
        report.error(RowError { line: 0, field: "roles".into(), value: String::new(), reason: e.to_string() });
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

/// Errors that no row can be skipped past: seats or guard rails for the whole file.
fn hard_failure(report: &Report) -> bool {
    report.errors.iter().any(|e| e.line == 0)
}

fn hash_with(state: &impl BuildHasher, key: &str) -> u64 {
    state.hash_one(key)
}

fn read_error(e: &::csv::Error) -> Error {
    let line = e.position().map_or(0, |p| p.line());
    Error::invalid("file", format!("line {line}"), e.to_string())
}

/// The row's cells as text, borrowed from the record (no copy a cell): a file
/// that is not UTF-8 is an error naming the line.
fn decode(record: &::csv::ByteRecord, line: u64) -> Result<Vec<&str>> {
    record
        .iter()
        .enumerate()
        .map(|(i, bytes)| {
            // A UTF-8 byte order mark opens some spreadsheets' files.
            let bytes = if line <= 1 && i == 0 { bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes) } else { bytes };
            std::str::from_utf8(bytes).map_err(|_| {
                Error::invalid(
                    format!("line {line}"),
                    String::from_utf8_lossy(bytes),
                    "is not UTF-8 text (save the file as UTF-8)",
                )
            })
        })
        .collect()
}

struct Import<'a, 't> {
    tx: &'a Tx<'t>,
    /// The lookup of an existing user, with only the lists the file has.
    find_sql: String,
    options: &'a Options,
    header: Header,
    lookups: Lookups,
    report: Report,
    seats_taken: u64,
}

/// A row's wanted state, validated: what each present column asks for.
#[derive(Default)]
struct Wanted {
    patch: Vec<(Field, Option<String>)>,
    roles: Option<Vec<RoleRow>>,
    groups: Option<Vec<String>>,
    brands: Option<Vec<String>>,
    abilities: Option<Vec<String>>,
    status: Option<Status>,
    password_hash: Option<String>,
}

fn list(cell: &str) -> Vec<String> {
    let mut items: Vec<String> = cell.split(';').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect();
    items.sort();
    items.dedup();
    items
}

impl Import<'_, '_> {
    fn skip(&mut self, line: u64, invalid: Invalid) -> Result<()> {
        self.reject(line, invalid);
        Ok(())
    }

    fn reject(&mut self, line: u64, invalid: Invalid) {
        self.report.error(RowError { line, field: invalid.field, value: invalid.value, reason: invalid.reason });
        self.report.skipped += 1;
    }

    fn invalid(field: &str, value: &str, reason: impl Into<String>) -> Invalid {
        Invalid { field: field.into(), value: value.into(), reason: reason.into() }
    }

    fn row(&mut self, line: u64, cells: &[&str]) -> Result<()> {
        let email_cell = cells.get(self.header.email_at).copied().unwrap_or_default();
        let email = match fields::validate(Field::Email, email_cell) {
            Ok(Some(email)) => email,
            Ok(None) => return self.skip(line, Self::invalid("email", email_cell, "is required")),
            Err(invalid) => return self.skip(line, invalid),
        };
        let existing = store::import::by_email(&self.tx.db, &self.find_sql, &email)?;
        match (&existing, self.options.mode) {
            (Some(_), Mode::Create) => {
                return self.skip(line, Self::invalid("email", &email, "already exists (--mode create)"));
            }
            (None, Mode::Update) => {
                return self.skip(line, Self::invalid("email", &email, "is not a user (--mode update)"));
            }
            _ => {}
        }
        let wanted = match self.wanted(cells, existing.as_ref()) {
            Ok(wanted) => wanted,
            Err(errors) => {
                let count = errors.len();
                for e in errors {
                    self.report.error(RowError { line, field: e.field, value: e.value, reason: e.reason });
                }
                self.report.skipped += u64::from(count > 0);
                return Ok(());
            }
        };
        let outcome = match existing {
            None => self.create(&email, wanted),
            Some(user) => self.update(user, wanted),
        };
        match outcome {
            Ok((action, changes)) => {
                match action {
                    "create" => self.report.created += 1,
                    "update" => self.report.updated += 1,
                    _ => self.report.unchanged += 1,
                }
                if self.options.keep_plan {
                    self.report.rows.push(PlannedRow { line, email, action, changes });
                }
                Ok(())
            }
            Err(Error::Invalid(invalid)) => self.skip(line, invalid),
            Err(e @ (Error::Conflict(_) | Error::Denied(_) | Error::NotFound { .. })) => {
                self.skip(line, Self::invalid("row", "", e.to_string()))
            }
            Err(other) => Err(other),
        }
    }

    /// Validates every present column of a row; all problems are reported.
    fn wanted(&mut self, cells: &[&str], existing: Option<&CsvUser>) -> Result<Wanted, Vec<Invalid>> {
        let mut wanted = Wanted::default();
        let mut errors = Vec::new();
        let columns = self.header.columns.clone();
        for (i, column) in columns.into_iter().enumerate() {
            let Some(column) = column else { continue };
            let cell = cells.get(i).copied().unwrap_or_default();
            match column {
                Column::Field(Field::Email) => {}
                Column::Field(field) => match self.validate(field, cell) {
                    Ok(value) => wanted.patch.push((field, value)),
                    Err(e) => errors.push(e),
                },
                Column::Roles => match self.roles(cell) {
                    Ok(roles) => wanted.roles = Some(roles),
                    Err(e) => errors.push(e),
                },
                Column::Groups => {
                    match list(cell).into_iter().map(|g| types::name("groups", &g)).collect::<Result<Vec<_>>>() {
                        Ok(groups) => wanted.groups = Some(groups),
                        Err(Error::Invalid(e)) => errors.push(e),
                        Err(e) => errors.push(Self::invalid("groups", cell, e.to_string())),
                    }
                }
                Column::Brands => {
                    match list(cell).into_iter().map(|b| types::text("brands", &b)).collect::<Result<Vec<_>>>() {
                        Ok(brands) => wanted.brands = Some(brands),
                        Err(Error::Invalid(e)) => errors.push(e),
                        Err(e) => errors.push(Self::invalid("brands", cell, e.to_string())),
                    }
                }
                Column::Abilities => match self.abilities(cell) {
                    Ok(abilities) => wanted.abilities = Some(abilities),
                    Err(e) => errors.push(e),
                },
                Column::Status => match cell.trim() {
                    "" if existing.is_some() => errors.push(Self::invalid("status", cell, "cannot be cleared")),
                    "" => {}
                    raw => match raw.parse::<Status>() {
                        Ok(Status::Invited) => errors.push(Self::invalid(
                            "status",
                            cell,
                            "invited users come from `invite send`, not an import",
                        )),
                        Ok(status) => wanted.status = Some(status),
                        Err(_) => errors.push(Self::invalid("status", cell, "one of active, blocked, archived")),
                    },
                },
                Column::PasswordHash => match cell.trim() {
                    "" => {}
                    raw => match types::password_hash(raw) {
                        Ok(hash) => wanted.password_hash = Some(hash),
                        Err(Error::Invalid(e)) => errors.push(e),
                        Err(e) => errors.push(Self::invalid("password_hash", "(hidden)", e.to_string())),
                    },
                },
            }
        }
        if errors.is_empty() { Ok(wanted) } else { Err(errors) }
    }

    /// The one validator, remembered per distinct value for the fields whose
    /// values repeat (a million rows have a handful of languages).
    fn validate(&mut self, field: Field, cell: &str) -> Result<Option<String>, Invalid> {
        if !matches!(field, Field::Language | Field::Timezone | Field::Country) {
            return fields::validate(field, cell);
        }
        let seen = self.lookups.validated.entry(field).or_default();
        if let Some(known) = seen.get(cell) {
            return known.clone();
        }
        let checked = fields::validate(field, cell);
        seen.insert(cell.to_owned(), checked.clone());
        checked
    }

    /// The roles a cell names, each cell read once per import.
    fn roles(&mut self, cell: &str) -> Result<Vec<RoleRow>, Invalid> {
        if let Some(known) = self.lookups.role_cells.get(cell) {
            return known.clone();
        }
        let found = self.roles_uncached(cell);
        self.lookups.role_cells.insert(cell.to_owned(), found.clone());
        found
    }

    fn roles_uncached(&mut self, cell: &str) -> Result<Vec<RoleRow>, Invalid> {
        let names = list(cell);
        if names.is_empty() {
            return Err(Self::invalid("roles", cell, "a user holds at least one role"));
        }
        let mut roles = Vec::with_capacity(names.len());
        for name in names {
            let key = name.to_lowercase();
            if !self.lookups.roles.contains_key(&key) {
                let found = match store::roles::find(&self.tx.db, &name)
                    .map_err(|e| Self::invalid("roles", &name, e.to_string()))?
                {
                    Some(role) => {
                        let required = store::roles::required_fields(&self.tx.db, role.id)
                            .map_err(|e| Self::invalid("roles", &name, e.to_string()))?;
                        Some((role, required.iter().filter_map(|f| Field::parse(f).ok()).collect()))
                    }
                    None => None,
                };
                self.lookups.roles.insert(key.clone(), found);
            }
            match &self.lookups.roles[&key] {
                Some((role, _)) => roles.push(role.clone()),
                None => return Err(Self::invalid("roles", &name, "no such role")),
            }
        }
        Ok(roles)
    }

    fn abilities(&mut self, cell: &str) -> Result<Vec<String>, Invalid> {
        let mut out = Vec::new();
        for raw in list(cell) {
            let name = types::ability(&raw).map_err(|e| match e {
                Error::Invalid(invalid) => invalid,
                other => Self::invalid("abilities", &raw, other.to_string()),
            })?;
            if !self.lookups.abilities.contains_key(&name) {
                let known = store::roles::find_ability(&self.tx.db, &name)
                    .map_err(|e| Self::invalid("abilities", &name, e.to_string()))?
                    .is_some();
                self.lookups.abilities.insert(name.clone(), known);
            }
            if !self.lookups.abilities[&name] {
                return Err(Self::invalid(
                    "abilities",
                    &name,
                    "no such ability (register it with `roster ability add`)",
                ));
            }
            if self.tx.actor.user_id.is_some() && !self.tx.actor.has(&name) {
                return Err(Self::invalid("abilities", &name, "you cannot grant an ability you lack"));
            }
            out.push(name);
        }
        Ok(out)
    }

    fn check_roles(&mut self, roles: &[RoleRow], profile: &Profile) -> Result<()> {
        for role in roles {
            if let Some(Some((_, required))) = self.lookups.roles.get(&role.name.to_lowercase()) {
                if let Some(field) = required.iter().find(|f| profile.get(**f).is_none()) {
                    return Err(Error::invalid("roles", &role.name, format!("requires {field}, which is empty")));
                }
            }
            if self.tx.actor.user_id.is_some() {
                let ok = match self.lookups.grantable.get(&role.id) {
                    Some(ok) => *ok,
                    None => {
                        let ok = roles::ensure_grantable(self.tx, role).is_ok();
                        self.lookups.grantable.insert(role.id, ok);
                        ok
                    }
                };
                if !ok {
                    return Err(Error::invalid("roles", &role.name, "you cannot grant a role with abilities you lack"));
                }
            }
        }
        Ok(())
    }

    fn group_id(&mut self, name: &str) -> Result<i64> {
        let key = name.to_lowercase();
        if let Some(id) = self.lookups.groups.get(&key) {
            return Ok(*id);
        }
        let id = match store::groups::find(&self.tx.db, name)? {
            Some(group) => group.id,
            None => {
                // Groups named by an HR file are created on the way.
                let id = store::groups::create(&self.tx.db, name, "", self.tx.now)?;
                audit::record(
                    self.tx,
                    "group.create",
                    Target::Named(format!("group:{name}")),
                    json!({ "by": "import" }),
                )?;
                id
            }
        };
        self.lookups.groups.insert(key, id);
        Ok(id)
    }

    fn create(&mut self, email: &str, wanted: Wanted) -> Result<(&'static str, Value)> {
        let mut patch = crate::users::UserPatch { changes: wanted.patch };
        patch.changes.push((Field::Email, Some(email.to_owned())));
        let profile = fields::new_profile(&patch).map_err(|mut e| Error::Invalid(e.remove(0)))?;
        let roles = match wanted.roles {
            Some(roles) => roles,
            None => self.roles("member").map_err(Error::Invalid)?,
        };
        self.check_roles(&roles, &profile)?;
        let status = if self.options.send_invites { Status::Invited } else { wanted.status.unwrap_or(Status::Active) };
        let id = store::users::insert(&self.tx.db, &profile, status, self.tx.now)?;
        self.seats_taken += u64::from(status.takes_seat());
        let mut details = Map::new();
        for field in Field::ALL {
            if let Some(value) = profile.get(field) {
                details.insert(field.name().into(), json!(value));
            }
        }
        for role in &roles {
            store::users::add_role(&self.tx.db, id, role.id)?;
        }
        details.insert("roles".into(), json!(roles.iter().map(|r| r.name.as_str()).collect::<Vec<_>>()));
        details.insert("status".into(), json!(status));
        self.write_lists(id, &wanted.groups, &wanted.brands, &wanted.abilities, None, &mut details)?;
        if let Some(hash) = &wanted.password_hash {
            store::import::set_password_hash(&self.tx.db, id, hash, self.tx.now)?;
            details.insert("password_hash".into(), json!("(set)"));
        }
        let details = Value::Object(details);
        audit::record(self.tx, "user.add", Target::User(id, email), details.clone())?;
        if self.options.send_invites {
            let new = crate::users::NewUser { profile, roles: roles.iter().map(|r| r.name.clone()).collect(), status };
            crate::invites::issue(self.tx, id, &new, None)?;
        }
        Ok(("create", details))
    }

    fn update(&mut self, user: CsvUser, wanted: Wanted) -> Result<(&'static str, Value)> {
        let mut changes = Map::new();
        let mut profile = user.profile.clone();
        let mut field_changes = Vec::new();
        for (field, new) in wanted.patch {
            if profile.get(field) != new.as_deref() {
                changes.insert(field.name().into(), json!({ "old": profile.get(field), "new": new }));
                profile.set(field, new.clone());
                field_changes.push((field, new));
            }
        }
        let roles = match &wanted.roles {
            Some(roles) => roles.clone(),
            None => user
                .roles
                .iter()
                .map(|r| self.roles(r).map_err(Error::Invalid))
                .collect::<Result<Vec<Vec<_>>>>()?
                .concat(),
        };
        let role_names: Vec<String> = {
            let mut names: Vec<String> = roles.iter().map(|r| r.name.clone()).collect();
            names.sort();
            names
        };
        if wanted.roles.is_some() || !field_changes.is_empty() {
            self.check_roles(&roles, &profile)?;
        }
        if let Some(status) = wanted.status.filter(|s| *s != user.status) {
            if self.tx.actor.is(user.id) {
                return Err(Error::invalid("status", status.as_str(), "nobody may change their own status"));
            }
            if status.takes_seat() && !user.status.takes_seat() {
                self.seats_taken += 1;
            }
            store::import::set_status(&self.tx.db, user.id, status, self.tx.now)?;
            changes.insert("status".into(), json!({ "old": user.status, "new": status }));
        }
        if !field_changes.is_empty() {
            store::users::update(&self.tx.db, user.id, &field_changes, self.tx.now)?;
        }
        if wanted.roles.is_some() && role_names != user.roles {
            for role in &roles {
                store::users::add_role(&self.tx.db, user.id, role.id)?;
            }
            for old in user.roles.iter().filter(|r| !role_names.contains(r)) {
                if let Some(Some((role, _))) = self.lookups.roles.get(&old.to_lowercase()) {
                    store::users::remove_role(&self.tx.db, user.id, role.id)?;
                }
            }
            changes.insert("roles".into(), json!({ "old": user.roles, "new": role_names }));
        }
        self.write_lists(user.id, &wanted.groups, &wanted.brands, &wanted.abilities, Some(&user), &mut changes)?;
        if let Some(hash) = &wanted.password_hash {
            store::import::set_password_hash(&self.tx.db, user.id, hash, self.tx.now)?;
            changes
                .insert("password_hash".into(), json!({ "old": user.has_password.then_some("(set)"), "new": "(set)" }));
        }
        if changes.is_empty() {
            return Ok(("unchanged", Value::Object(changes)));
        }
        let details = Value::Object(changes);
        let email = profile.email().to_owned();
        audit::record(self.tx, "user.edit", Target::User(user.id, &email), details.clone())?;
        Ok(("update", details))
    }

    /// Brings groups, brands and direct abilities to what the row lists.
    fn write_lists(
        &mut self,
        id: i64,
        groups: &Option<Vec<String>>,
        brands: &Option<Vec<String>>,
        abilities: &Option<Vec<String>>,
        old: Option<&CsvUser>,
        changes: &mut Map<String, Value>,
    ) -> Result<()> {
        let empty = Vec::new();
        let old_groups: HashSet<String> = old.map_or(&empty, |u| &u.groups).iter().map(|g| g.to_lowercase()).collect();
        if let Some(groups) = groups {
            let new: HashSet<String> = groups.iter().map(|g| g.to_lowercase()).collect();
            if new != old_groups {
                for g in groups.iter().filter(|g| !old_groups.contains(&g.to_lowercase())) {
                    let gid = self.group_id(g)?;
                    store::import::set_group(&self.tx.db, id, gid, true)?;
                }
                for g in old.map_or(&empty, |u| &u.groups).iter().filter(|g| !new.contains(&g.to_lowercase())) {
                    let gid = self.group_id(g)?;
                    store::import::set_group(&self.tx.db, id, gid, false)?;
                }
                changes.insert("groups".into(), change(old.map(|u| &u.groups), groups));
            }
        }
        if let Some(brands) = brands {
            let before = old.map_or(&empty, |u| &u.brands);
            if brands != before {
                for b in brands.iter().filter(|b| !before.contains(b)) {
                    store::import::set_brand(&self.tx.db, id, b, true)?;
                }
                for b in before.iter().filter(|b| !brands.contains(b)) {
                    store::import::set_brand(&self.tx.db, id, b, false)?;
                }
                changes.insert("brands".into(), change(old.map(|u| &u.brands), brands));
            }
        }
        if let Some(abilities) = abilities {
            let before = old.map_or(&empty, |u| &u.abilities);
            if abilities != before {
                for a in abilities.iter().filter(|a| !before.contains(a)) {
                    store::roles::grant_user_ability(&self.tx.db, id, a)?;
                }
                for a in before.iter().filter(|a| !abilities.contains(a)) {
                    store::roles::revoke_user_ability(&self.tx.db, id, a)?;
                }
                changes.insert("abilities".into(), change(old.map(|u| &u.abilities), abilities));
            }
        }
        Ok(())
    }
}

fn change(old: Option<&Vec<String>>, new: &[String]) -> Value {
    match old {
        Some(old) => json!({ "old": old, "new": new }),
        None => json!(new),
    }
}

/// Writes every user matching `filter` in the CSV format, streaming.
pub fn export(tx: &Tx, filter: &UserFilter, columns: Vec<Column>, delimiter: u8, out: impl Write) -> Result<u64> {
    tx.actor.require("users.read")?;
    let lists = Lists {
        roles: columns.contains(&Column::Roles),
        groups: columns.contains(&Column::Groups),
        brands: columns.contains(&Column::Brands),
        abilities: columns.contains(&Column::Abilities),
    };
    let mut writer = csv::Writer::new(out, columns, delimiter)?;
    let filter = crate::users::resolve(tx, filter)?;
    let n = store::import::for_each(&tx.db, &filter, lists, |user| writer.write(&user))?;
    writer.finish()?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::Roster;
    use crate::users::{self, fields};

    /// Text a person could type into a name: commas, quotes, line breaks,
    /// other scripts.
    fn text() -> impl Strategy<Value = String> {
        "[a-zA-Z ,;\"'\n\u{e9}\u{4e00}-\u{4e0f}\u{0410}-\u{041f}\u{3b1}-\u{3b9}-]{1,24}"
            .prop_filter("not blank", |s| !s.trim().is_empty())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        #[test]
        fn export_then_import_changes_nothing(people in prop::collection::vec((text(), text(), prop::option::of(text())), 1..12)) {
            let dir = tempfile::tempdir().unwrap();
            let mut roster = Roster::open(&dir.path().join("r.db"), None, "test", chrono::Utc::now()).unwrap();
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

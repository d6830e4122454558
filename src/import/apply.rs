//! The applying half of an import: each validated row against the database —
//! its user looked up by email, its roles and abilities resolved, then
//! created, updated or left alone, with an audit entry per changed user.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use serde_json::{Map, Value, json};

use super::parse::{self, Parsed, Row, Wanted, invalid};
use super::{Mode, Options, PlannedRow, Report, RowError};
use crate::audit::{self, Target};
use crate::error::{Conflict, Error, Invalid, Result};
use crate::roles::Grant;
use crate::session::Tx;
use crate::store;
use crate::store::import::{CsvUser, Finder, Found, Lists, Stored};
use crate::store::roles::RoleRow;
use crate::users::{self, Field, Status, fields, lifecycle};

/// The roles one roles cell names, resolved once per distinct cell: a
/// million rows share a handful of cells, so a row costs one hash lookup.
struct RoleSet {
    roles: Vec<Rc<Grant>>,
    /// Sorted, to compare with a user's roles as read.
    names: Vec<String>,
    /// The same roles' ids, to compare with a stored user's in place.
    ids: Vec<String>,
}

/// Everything looked up more than once during one import.
#[derive(Default)]
struct Lookups {
    roles: HashMap<String, Option<Rc<Grant>>>,
    role_cells: HashMap<String, Result<Rc<RoleSet>, Invalid>>,
    groups: HashMap<String, i64>,
    abilities: HashMap<String, bool>,
}

pub(super) struct Import<'a, 't> {
    tx: &'a Tx<'t>,
    /// The lookup of an existing user, with only the lists the file has.
    finder: Finder<'a, 't>,
    /// Whether the finder reads users' brands (the file names brands or a restriction).
    brands_read: bool,
    options: &'a Options,
    lookups: Lookups,
    pub report: Report,
    pub seats_taken: u64,
    /// A lookup's database error (`lookup_failed`).
    failed: Option<Error>,
    /// What the load suspended and does itself (none for a dry run).
    pub load: Option<store::import::Load>,
}

impl<'a, 't> Import<'a, 't> {
    pub fn new(tx: &'a Tx<'t>, options: &'a Options, lists: Lists, load: Option<store::import::Load>) -> Result<Self> {
        Ok(Import {
            tx,
            brands_read: lists.brands,
            finder: Finder::new(&tx.db, lists)?,
            options,
            lookups: Lookups::default(),
            report: Report::default(),
            seats_taken: 0,
            failed: None,
            load,
        })
    }

    /// Reads ahead the users a batch of rows names.
    pub fn ahead(&mut self, rows: &[Parsed]) -> Result<()> {
        if self.load.as_ref().is_some_and(store::import::Load::empty_at_start) {
            return Ok(());
        }
        self.finder.ahead(rows.iter().filter_map(|row| match row {
            Parsed::Row(row) => Some(row.key.as_str()),
            _ => None,
        }))
    }

    pub fn row(&mut self, parsed: Parsed) -> Result<()> {
        self.failure()?;
        let Row { line, email, key, wanted, mut errors } = match parsed {
            Parsed::Row(row) => row,
            Parsed::Refused { line, invalid } => {
                self.reject(line, invalid);
                return Ok(());
            }
            Parsed::Broken { broken, fatal } => {
                if fatal {
                    // Always shown: it says why the rest of the file went unread.
                    self.report.stopped_at = Some(broken.line);
                    self.report.errors.push(RowError::broken(broken));
                } else {
                    self.report.skipped += 1;
                    self.report.error(RowError::broken(broken));
                }
                return Ok(());
            }
        };
        let roles = match wanted.roles.as_deref().map(|cell| self.role_set(cell)).transpose() {
            Ok(roles) => roles,
            Err(e) => {
                errors.push(e);
                None
            }
        };
        for ability in wanted.abilities.iter().flatten() {
            if let Err(e) = self.grantable_ability(ability) {
                errors.push(e);
            }
        }
        let valid = errors.is_empty();
        // Into an empty database every row is new: the reader refuses an
        // address seen on an earlier line (on SQLite the unique key is
        // built again after the load, and `db check` looks for it).
        let found = match &self.load {
            Some(load) if load.empty_at_start() => Found::Missing,
            _ => self.finder.find(&key, |stored| valid && unchanged(&wanted, roles.as_deref(), stored))?,
        };
        match (&found, self.options.mode) {
            (Found::Same | Found::User(_), Mode::Create) => {
                self.reject(line, invalid("email", &email, "already exists (--mode create)"));
                return Ok(());
            }
            (Found::Missing, Mode::Update) => {
                self.reject(line, invalid("email", &email, "is not a user (--mode update)"));
                return Ok(());
            }
            _ => {}
        }
        if wanted.status_cleared && !matches!(found, Found::Missing) {
            errors.push(invalid("status", "", "cannot be cleared"));
        }
        if !errors.is_empty() {
            for e in errors {
                self.report.error(RowError::invalid(line, e));
            }
            self.report.skipped += 1;
            return Ok(());
        }
        let outcome = match found {
            Found::Missing => self.create(&email, wanted, roles),
            Found::User(user) => self.update(*user, wanted, roles),
            Found::Same => Ok(("unchanged", Value::Object(Map::new()))),
        };
        self.tally(line, email, outcome)
    }

    /// Counts what a row did, or refuses it for what the database said.
    fn tally(&mut self, line: u64, email: String, outcome: Result<(&'static str, Value)>) -> Result<()> {
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
            Err(e @ (Error::Invalid(_) | Error::Conflict(_) | Error::Denied(_) | Error::NotFound { .. })) => {
                let field = match &e {
                    Error::Conflict(Conflict::RoleRequires { .. }) => "roles",
                    Error::Conflict(Conflict::WrongState { .. }) => "status",
                    Error::Conflict(Conflict::NoFreeSeat { .. }) => "seats",
                    _ => "row",
                };
                if let Error::Denied(denied) = &e {
                    self.tx.note_refusal(&format!("line {line}"), denied);
                }
                self.report.error(RowError::refused(line, field, &e));
                self.report.skipped += 1;
                Ok(())
            }
            Err(other) => Err(other),
        }
    }

    pub fn reject(&mut self, line: u64, invalid: Invalid) {
        self.report.error(RowError::invalid(line, invalid));
        self.report.skipped += 1;
    }

    /// The roles a cell names.
    fn role_set(&mut self, cell: &str) -> Result<Rc<RoleSet>, Invalid> {
        if let Some(known) = self.lookups.role_cells.get(cell) {
            return known.clone();
        }
        let found = self.role_set_uncached(cell);
        self.lookups.role_cells.insert(cell.to_owned(), found.clone());
        found
    }

    fn role_set_uncached(&mut self, cell: &str) -> Result<Rc<RoleSet>, Invalid> {
        let names = parse::list(cell);
        if names.is_empty() {
            return Err(invalid("roles", cell, "a user holds at least one role"));
        }
        let mut roles = Vec::with_capacity(names.len());
        for name in &names {
            match self.role(name)? {
                Some(role) => roles.push(role),
                None => return Err(invalid("roles", name, "no such role")),
            }
        }
        let mut names: Vec<String> = roles.iter().map(|r| r.row.name.clone()).collect();
        names.sort();
        let ids = roles.iter().map(|r| r.row.id.to_string()).collect();
        Ok(Rc::new(RoleSet { roles, names, ids }))
    }

    fn role(&mut self, name: &str) -> Result<Option<Rc<Grant>>, Invalid> {
        let key = name.to_lowercase();
        if let Some(known) = self.lookups.roles.get(&key) {
            return Ok(known.clone());
        }
        let tx = self.tx;
        let found = match store::roles::find(&tx.db, name)
            .and_then(|row| row.map(|row| Grant::of(tx, row).map(Rc::new)).transpose())
        {
            Ok(found) => found,
            Err(e) => return Err(self.lookup_failed("roles", name, e)),
        };
        self.lookups.roles.insert(key, found.clone());
        Ok(found)
    }

    /// A lookup's error, as the row's: a rule's refusal says why; the
    /// database failing is also kept to end the import with (`failure`),
    /// since a server's transaction cannot go on after it.
    fn lookup_failed(&mut self, field: &str, value: &str, e: Error) -> Invalid {
        let said = invalid(field, value, e.to_string());
        if !matches!(e, Error::Invalid(_) | Error::Conflict(_) | Error::Denied(_) | Error::NotFound { .. }) {
            self.failed.get_or_insert(e);
        }
        said
    }

    /// The database error a lookup met, if any: the import ends with it.
    pub fn failure(&mut self) -> Result<()> {
        self.failed.take().map_or(Ok(()), Err)
    }

    /// An ability a row grants directly: registered, and held by the actor.
    fn grantable_ability(&mut self, name: &str) -> Result<(), Invalid> {
        let known = match self.lookups.abilities.get(name) {
            Some(known) => *known,
            None => {
                let known = match store::roles::find_ability(&self.tx.db, name) {
                    Ok(found) => found.is_some(),
                    Err(e) => return Err(self.lookup_failed("abilities", name, e)),
                };
                self.lookups.abilities.insert(name.to_owned(), known);
                known
            }
        };
        if !known {
            return Err(invalid("abilities", name, "no such ability (register it with `roster ability add`)"));
        }
        if self.tx.actor.user_id.is_some() && !self.tx.actor.has(name) {
            return Err(invalid("abilities", name, "you cannot grant an ability you lack"));
        }
        Ok(())
    }

    fn group_id(&mut self, name: &str) -> Result<i64> {
        let key = name.to_lowercase();
        if let Some(id) = self.lookups.groups.get(&key) {
            return Ok(*id);
        }
        let id = crate::groups::find_or_create(self.tx, name)?;
        self.lookups.groups.insert(key, id);
        Ok(id)
    }

    fn create(&mut self, email: &str, wanted: Wanted, roles: Option<Rc<RoleSet>>) -> Result<(&'static str, Value)> {
        let tx = self.tx;
        let mut patch = crate::users::UserPatch { changes: wanted.patch };
        patch.changes.push((Field::Email, Some(email.to_owned())));
        let profile = fields::new_profile(&patch).map_err(|mut e| Error::Invalid(e.remove(0)))?;
        let roles = match roles {
            Some(roles) => roles,
            None => self.role_set("member").map_err(Error::Invalid)?,
        };
        check_roles(&roles, email, |f| profile.get(f).is_some())?;
        let brands = wanted.brands.as_deref().unwrap_or_default();
        fields::check_brand_restriction(profile.get(Field::RestrictToBrand), brands).map_err(Error::Invalid)?;
        let status = if self.options.send_invites { Status::Invited } else { wanted.status.unwrap_or(Status::Active) };
        if status == Status::Invited {
            // An invited user has an open invite: creating one sends it.
            tx.actor.require("invites.manage")?;
        }
        let grants: Vec<&Grant> = roles.roles.iter().map(Rc::as_ref).collect();
        let lists = [&wanted.groups, &wanted.brands, &wanted.abilities];
        let (id, details) = users::create_raw(tx, &profile, status, &grants, |id, details| {
            self.write_lists(id, lists, None, details)?;
            if let Some(hash) = &wanted.password_hash {
                users::write_password_hash(tx, id, hash)?;
                details.insert("password_hash".into(), json!("(set)"));
            }
            Ok(())
        })?;
        self.seats_taken += u64::from(status.takes_seat());
        if let Some(load) = &mut self.load {
            load.created(&tx.db, id, status, &profile)?;
        }
        if status == Status::Invited {
            let brands = wanted.brands.clone().unwrap_or_default();
            let new = crate::users::NewUser { profile, roles: roles.names.clone(), status, brands };
            crate::invites::issue(tx, id, &new, None)?;
        }
        Ok(("create", details))
    }

    fn update(
        &mut self,
        mut user: CsvUser,
        wanted: Wanted,
        roles: Option<Rc<RoleSet>>,
    ) -> Result<(&'static str, Value)> {
        // Rank, as at every other door: a row may change another user's
        // status, roles, abilities or password only from above them.
        let credentials = wanted.status.is_some_and(|s| s != user.status)
            || wanted.patch.iter().any(|(f, v)| f.is_credential() && user.profile.get(*f) != v.as_deref())
            || wanted.brands.as_ref().is_some_and(|b| *b != user.brands)
            || roles.as_ref().is_some_and(|r| r.names != user.roles)
            || wanted.abilities.as_ref().is_some_and(|a| *a != user.abilities)
            || wanted.password_hash.is_some();
        if credentials {
            crate::access::rank_over(&self.tx.db, &self.tx.actor, user.id)?;
        }
        let mut changes = Map::new();
        let mut profile = std::mem::take(&mut user.profile);
        let mut field_changes = Vec::new();
        for (field, new) in wanted.patch {
            if profile.get(field) != new.as_deref() {
                changes.insert(field.name().into(), json!({ "old": profile.get(field), "new": new }));
                profile.set(field, new.clone());
                field_changes.push((field, new));
            }
        }
        // The stored brands are read only when the file names brands or a
        // restriction, so only then is there something to check.
        if self.brands_read {
            let brands = wanted.brands.as_ref().unwrap_or(&user.brands);
            fields::check_brand_restriction(profile.get(Field::RestrictToBrand), brands).map_err(Error::Invalid)?;
        }
        if roles.is_some() || !field_changes.is_empty() {
            let held = match &roles {
                Some(roles) => Rc::clone(roles),
                None if user.roles.is_empty() => {
                    Rc::new(RoleSet { roles: Vec::new(), names: Vec::new(), ids: Vec::new() })
                }
                None => self.role_set(&user.roles.join(";")).map_err(Error::Invalid)?,
            };
            check_roles(&held, profile.email(), |f| profile.get(f).is_some())?;
        }
        if let Some(status) = wanted.status.filter(|s| *s != user.status) {
            // The move a command would make, refused as the command refuses it;
            // the seats are checked once for the whole file.
            let rule = lifecycle::rule_to(profile.email(), user.status, status)?;
            self.tx.actor.refuse_self(user.id, rule.verb)?;
            lifecycle::apply_one(self.tx, user.id, rule, None, None, true)?;
            if status.takes_seat() && !user.status.takes_seat() {
                self.seats_taken += 1;
            }
            changes.insert("status".into(), json!({ "old": user.status, "new": status }));
        }
        let status_now = wanted.status.unwrap_or(user.status);
        users::change::write_fields(self.tx, user.id, status_now, profile.email(), &field_changes)?;
        if let Some(roles) = roles.filter(|r| r.names != user.roles) {
            let mut gone = Vec::new();
            for old in user.roles.iter().filter(|r| !roles.names.contains(r)) {
                if let Some(role) = self.role(old).map_err(Error::Invalid)? {
                    gone.push(role);
                }
            }
            // Roles held already keep whom they reach: a file names roles, not scopes.
            let add: Vec<&Grant> =
                roles.roles.iter().filter(|r| !user.roles.contains(&r.row.name)).map(Rc::as_ref).collect();
            let remove: Vec<&RoleRow> = gone.iter().map(|r| &r.row).collect();
            users::write_roles(self.tx, user.id, &add, &remove)?;
            changes.insert("roles".into(), json!({ "old": user.roles, "new": roles.names }));
        }
        let lists = [&wanted.groups, &wanted.brands, &wanted.abilities];
        self.write_lists(user.id, lists, Some(&user), &mut changes)?;
        if let Some(hash) = &wanted.password_hash {
            users::write_password_hash(self.tx, user.id, hash)?;
            changes
                .insert("password_hash".into(), json!({ "old": user.has_password.then_some("(set)"), "new": "(set)" }));
        }
        if changes.is_empty() {
            return Ok(("unchanged", Value::Object(changes)));
        }
        let details = Value::Object(changes);
        audit::record(self.tx, "user.edit", Target::User(user.id, profile.email()), details.clone())?;
        Ok(("update", details))
    }

    /// Brings groups, brands and direct abilities to what the row lists.
    fn write_lists(
        &mut self,
        id: i64,
        [groups, brands, abilities]: [&Option<Vec<String>>; 3],
        old: Option<&CsvUser>,
        changes: &mut Map<String, Value>,
    ) -> Result<()> {
        let empty = Vec::new();
        if let Some(groups) = groups {
            let before = old.map_or(&empty, |u| &u.groups);
            // Group names are unique without case.
            let old_keys: HashSet<String> = before.iter().map(|g| g.to_lowercase()).collect();
            let new_keys: HashSet<String> = groups.iter().map(|g| g.to_lowercase()).collect();
            if new_keys != old_keys {
                for g in groups.iter().filter(|g| !old_keys.contains(&g.to_lowercase())) {
                    let gid = self.group_id(g)?;
                    users::write_group(self.tx, id, gid, true)?;
                }
                for g in before.iter().filter(|g| !new_keys.contains(&g.to_lowercase())) {
                    let gid = self.group_id(g)?;
                    users::write_group(self.tx, id, gid, false)?;
                }
                changes.insert("groups".into(), change(old.map(|u| &u.groups), groups));
            }
        }
        let tx = self.tx;
        sync("brands", brands, old.map(|u| &u.brands), changes, |b, held| users::write_brand(tx, id, b, held))?;
        sync("abilities", abilities, old.map(|u| &u.abilities), changes, |a, held| {
            users::write_ability(tx, id, a, held).map(drop)
        })?;
        Ok(())
    }
}

/// Each role passes the one role check (`roles::Grant::check`).
fn check_roles(roles: &RoleSet, user: &str, has: impl Fn(Field) -> bool) -> Result<()> {
    roles.roles.iter().try_for_each(|role| role.check(user, &has))
}

/// Whether a valid row asks for exactly what `stored` already is: the same
/// answer `update` would reach, without reading the user out. A role check
/// that fails is a difference too, so that `update` reports it.
fn unchanged(wanted: &Wanted, roles: Option<&RoleSet>, stored: &Stored) -> bool {
    // Equal sets: lists on both sides hold each item once.
    fn same<'s>(want: &[String], have: impl Iterator<Item = &'s str>, eq: fn(&str, &str) -> bool) -> bool {
        let mut n = 0;
        for item in have {
            n += 1;
            if !want.iter().any(|w| eq(w, item)) {
                return false;
            }
        }
        n == want.len()
    }
    let exact = |a: &str, b: &str| a == b;
    wanted.password_hash.is_none()
        && wanted.patch.iter().all(|(field, value)| stored.field(*field) == value.as_deref())
        && wanted.status.is_none_or(|s| stored.status() == Some(s.as_str()))
        && roles.is_none_or(|r| {
            same(&r.ids, stored.role_ids(), exact) && check_roles(r, "", |f| stored.field(f).is_some()).is_ok()
        })
        && wanted.groups.as_ref().is_none_or(|g| same(g, stored.groups(), |a, b| a.eq_ignore_ascii_case(b)))
        && wanted.brands.as_ref().is_none_or(|b| same(b, stored.brands(), exact))
        && wanted.abilities.as_ref().is_none_or(|a| same(a, stored.abilities(), exact))
}

/// Brings one list to what the row wants, a `set(item, held)` a difference,
/// and records the change.
fn sync(
    name: &str,
    wanted: &Option<Vec<String>>,
    old: Option<&Vec<String>>,
    changes: &mut Map<String, Value>,
    mut set: impl FnMut(&str, bool) -> Result<()>,
) -> Result<()> {
    let Some(wanted) = wanted else { return Ok(()) };
    let before = old.map_or(&[][..], |v| v.as_slice());
    if wanted == before {
        return Ok(());
    }
    for item in wanted.iter().filter(|i| !before.contains(i)) {
        set(item, true)?;
    }
    for item in before.iter().filter(|i| !wanted.contains(i)) {
        set(item, false)?;
    }
    changes.insert(name.into(), change(old, wanted));
    Ok(())
}

fn change(old: Option<&Vec<String>>, new: &[String]) -> Value {
    match old {
        Some(old) => json!({ "old": old, "new": new }),
        None => json!(new),
    }
}

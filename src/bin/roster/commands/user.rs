//! `roster user …`: add, edit, show, list, and what a user may do.

use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::{Args, Subcommand};
use roster::import::csv::Column;
use roster::users::{self, Field, NewUser, Permission, Sort, User, UserFilter, fields};
use serde::Serialize;

use crate::cli::{App, ok};
use crate::commands::{assignment, auth, invite, lifecycle, transfer};
use crate::output::{Record, cell, timestamp};
use crate::{Failure, Outcome};

#[derive(Debug, Subcommand)]
pub enum UserCmd {
    /// Add a user (active). Needs users.manage; a --as actor can only hand out
    /// roles whose abilities they hold.
    Add {
        email: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        surname: String,
        #[command(flatten)]
        profile: ProfileArgs,
        /// A role to hold (repeatable; default member).
        #[arg(long = "role", value_name = "ROLE")]
        roles: Vec<String>,
        /// Copy the roles and extra abilities of this user.
        #[arg(long, value_name = "USER", conflicts_with = "roles")]
        like: Option<String>,
        /// Invite instead: the user is `invited` and gets a mail with a token. Needs invites.manage.
        #[arg(long, conflicts_with = "like")]
        invite: bool,
        /// An ability to grant directly (repeatable), as `ability grant` does. Needs roles.manage.
        #[arg(long = "ability", value_name = "ABILITY")]
        abilities: Vec<String>,
        /// A group to join (repeatable), as `group add` does.
        #[arg(long = "group", value_name = "GROUP")]
        groups: Vec<String>,
    },
    /// Change profile fields; an empty value ("") clears an optional field. Needs users.manage.
    Edit {
        /// Email or id.
        user: String,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        surname: Option<String>,
        #[command(flatten)]
        profile: ProfileArgs,
        /// The last day the account is valid (YYYY-MM-DD; "" for no end).
        #[arg(long, value_name = "DATE")]
        expires_on: Option<String>,
    },
    /// Show one user, by email or id. Needs users.read.
    Show { user: String },
    /// Who `assignment add --group G --route` would give an item to: the
    /// group's active member not absent that day with the fewest open items
    /// (ties by email). Needs users.read.
    Pick {
        #[arg(long, value_name = "GROUP")]
        group: String,
        /// The day (YYYY-MM-DD) [default: today].
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
    },
    /// List users (archived ones only with --status archived or --all). Needs users.read.
    List(ListArgs),
    /// Every effective ability of a user and where it comes from. Needs users.read.
    Perms { user: String },
    /// Exit 0 and print "yes (via …)" if the user may use ABILITY now, else exit 1. Needs users.read.
    Can {
        user: String,
        ability: String,
        /// On this user: the ability's scope must reach them.
        #[arg(long, value_name = "OTHER_USER", conflicts_with = "within")]
        on: Option<String>,
        /// In this part of the organization (department=Sales, branch=…, brand=…).
        #[arg(long = "in", value_name = "FIELD=VALUE")]
        within: Option<String>,
    },
    /// Block active users (they keep seat and data). Needs users.manage.
    Block(lifecycle::BlockArgs),
    /// Unblock blocked users and reset their failed logins. Needs users.manage.
    Unblock(lifecycle::TargetArgs),
    /// Make invited users active without their token (their invites end as
    /// confirmed). Needs users.manage.
    Confirm(lifecycle::TargetArgs),
    /// Archive users: a soft delete that frees the seat. Needs users.manage.
    Archive(lifecycle::ArchiveArgs),
    /// Bring archived users back (each needs a free seat). Needs users.manage.
    Reactivate(lifecycle::TargetArgs),
    /// Delete users for good, after confirmation; the audit trail keeps them. Needs users.manage.
    Delete(lifecycle::DeleteArgs),
    /// Import users from CSV (upsert by email), atomically: any invalid row
    /// means nothing is written. Needs users.manage (and roles.manage to change
    /// the roles or abilities of existing users).
    Import(transfer::ImportArgs),
    /// Export users as CSV, the same format import reads. Needs users.read.
    Export(transfer::ExportArgs),
    /// Block (reason dormant) active users with no login for DAYS (default:
    /// the dormant_after_days policy); members of dormant_exempt_group are
    /// spared, and so is the last active admin. Needs users.manage.
    LockDormant {
        #[arg(long)]
        days: Option<u64>,
        /// Count them; change nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Block (reason expired) active users whose expires-on day has come. Needs users.manage.
    LockExpired {
        #[arg(long)]
        dry_run: bool,
    },
    /// Set a user's password (asked twice, or --password-stdin). Needs
    /// users.manage, or to be the user.
    Passwd {
        user: String,
        /// The next login must change it.
        #[arg(long)]
        must_change: bool,
        #[arg(long)]
        password_stdin: bool,
    },
    /// Two-step verification (TOTP).
    #[command(name = "2fa", subcommand)]
    TwoFactor(auth::TwoFactorCmd),
    /// Open a one-hour session as USER, marked as yours; refused for a user
    /// holding an ability you lack. Needs users.impersonate.
    Impersonate { user: String },
    /// Mail login instructions (and, to users without a password, a one-time
    /// set-password code). Needs invites.manage.
    Welcome {
        #[arg(required = true)]
        users: Vec<String>,
    },
    /// A user's absences.
    #[command(subcommand)]
    Absence(assignment::AbsenceCmd),
}

/// The optional profile fields, shared by `add` and `edit`.
#[derive(Debug, Args)]
pub struct ProfileArgs {
    #[arg(long)]
    phone: Option<String>,
    #[arg(long)]
    mobile: Option<String>,
    /// A BCP 47 tag such as en or pt-BR (default en).
    #[arg(long)]
    language: Option<String>,
    /// An IANA time zone such as Europe/Lisbon (default UTC).
    #[arg(long)]
    timezone: Option<String>,
    /// An ISO 3166 alpha-2 code such as PT.
    #[arg(long)]
    country: Option<String>,
    #[arg(long)]
    department: Option<String>,
    #[arg(long)]
    branch: Option<String>,
    #[arg(long)]
    salesman_id: Option<String>,
    #[arg(long)]
    quote_reply_to: Option<String>,
    /// employee (the default), external, or app-only (signs in only with `auth login --for`).
    #[arg(long)]
    kind: Option<String>,
    /// The one brand the user may sell (one of their --brand; "" clears).
    #[arg(long, value_name = "BRAND")]
    restrict_to_brand: Option<String>,
    /// Whether the apps filter the user's views by their brands (true or false; default false).
    #[arg(long, value_name = "BOOL")]
    auto_filter_brands: Option<String>,
    /// A brand the user works with (repeatable; on edit the whole list, "" clears it).
    #[arg(long = "brand", value_name = "BRAND")]
    brands: Vec<String>,
}

impl ProfileArgs {
    fn pairs(&self) -> Vec<(Field, &str)> {
        [
            (Field::Phone, &self.phone),
            (Field::Mobile, &self.mobile),
            (Field::Language, &self.language),
            (Field::Timezone, &self.timezone),
            (Field::Country, &self.country),
            (Field::Department, &self.department),
            (Field::Branch, &self.branch),
            (Field::SalesmanId, &self.salesman_id),
            (Field::QuoteReplyTo, &self.quote_reply_to),
            (Field::Kind, &self.kind),
            (Field::RestrictToBrand, &self.restrict_to_brand),
            (Field::AutoFilterBrands, &self.auto_filter_brands),
        ]
        .into_iter()
        .filter_map(|(field, value)| value.as_deref().map(|v| (field, v)))
        .collect()
    }
}

/// The filters of `user list`, shared by export and the bulk commands.
#[derive(Debug, Default, Args)]
pub struct FilterArgs {
    /// People with every word of TEXT in their name, surname or address before
    /// its @: a word of one or two characters at the start of a word there, a
    /// longer one anywhere; a word with an @ anywhere in the address. Any
    /// case, with or without accents (`ana sil`, `hen`, `ines`, `@acme.test`).
    #[arg(long, value_name = "TEXT")]
    search: Option<String>,
    /// Only holders of this role.
    #[arg(long, value_name = "ROLE")]
    role: Option<String>,
    /// Only members of this group.
    #[arg(long, value_name = "GROUP")]
    group: Option<String>,
    /// invited, active, blocked or archived.
    #[arg(long)]
    status: Option<String>,
    /// Only this department (any case).
    #[arg(long, value_name = "DEPARTMENT")]
    department: Option<String>,
    /// Only this branch (any case).
    #[arg(long, value_name = "BRANCH")]
    branch: Option<String>,
    /// Only accounts of this kind: employee, external or app-only.
    #[arg(long, value_name = "KIND")]
    kind: Option<String>,
    /// Only users who work with this brand.
    #[arg(long, value_name = "BRAND")]
    brand: Option<String>,
    /// Created on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    created_since: Option<String>,
    /// Leave out users absent on this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    available_on: Option<String>,
    /// Include archived users.
    #[arg(long)]
    all: bool,
    /// Only users whose password is older than password_max_age_days.
    #[arg(long)]
    password_expired: bool,
}

impl FilterArgs {
    pub fn is_empty(&self) -> bool {
        let FilterArgs {
            search,
            role,
            group,
            status,
            department,
            branch,
            kind,
            brand,
            created_since,
            available_on,
            all,
            password_expired,
        } = self;
        [search, role, group, status, department, branch, kind, brand, created_since, available_on]
            .iter()
            .all(|f| f.is_none())
            && !all
            && !password_expired
    }

    pub fn filter(&self) -> Result<UserFilter, roster::Error> {
        let date = |field, raw: &Option<String>| raw.as_deref().map(|d| roster::types::date(field, d)).transpose();
        Ok(UserFilter {
            search: self.search.clone(),
            kind: self.kind.as_deref().map(roster::types::kind).transpose()?,
            brand: self.brand.clone(),
            role: self.role.clone(),
            group: self.group.clone(),
            status: self.status.as_deref().map(str::parse).transpose()?,
            department: self.department.clone(),
            branch: self.branch.clone(),
            created_since: date("created-since", &self.created_since)?,
            available_on: date("available-on", &self.available_on)?,
            all: self.all,
            password_expired: self.password_expired,
            ..UserFilter::default()
        })
    }
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    filter: FilterArgs,
    /// email, name, surname, created, status or department.
    #[arg(long, default_value = "email")]
    sort: String,
    /// Sort in descending order.
    #[arg(long)]
    desc: bool,
    /// At most N users [default: all].
    #[arg(long, value_name = "N")]
    limit: Option<u64>,
    /// Skip the first N users (with --limit, to page).
    #[arg(long, default_value_t = 0, value_name = "N")]
    offset: u64,
    /// The columns of a table or CSV, by `user export`'s names (any profile
    /// field, roles, groups, status) and created_at, last_login_at.
    #[arg(long, value_name = "A,B,…", default_value = LIST_COLUMNS)]
    columns: String,
}

impl ListArgs {
    pub fn filter(&self) -> Result<UserFilter, roster::Error> {
        Ok(UserFilter {
            sort: self.sort.parse::<Sort>()?,
            descending: self.desc,
            limit: self.limit,
            offset: self.offset,
            ..self.filter.filter()?
        })
    }
}

fn short_time(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

fn status_cell(user: &User) -> String {
    match user.block_reason {
        Some(reason) => format!("{} ({})", user.status, reason.as_str()),
        None => user.status.to_string(),
    }
}

/// A column of `user list`: one of `user export`'s, by the same name, or
/// when the account was made or last signed in.
#[derive(Debug, Clone, Copy)]
enum ListColumn {
    Exported(Column),
    CreatedAt,
    LastLoginAt,
}

const LIST_COLUMNS: &str = "email,name,surname,phone,roles,status,created_at";

impl ListColumn {
    fn parse_all(raw: &str) -> Result<Vec<ListColumn>, roster::Error> {
        raw.split(',')
            .map(|name| match name.trim() {
                "created_at" => Ok(ListColumn::CreatedAt),
                "last_login_at" => Ok(ListColumn::LastLoginAt),
                other => match Column::parse(other) {
                    Some(c @ (Column::Field(_) | Column::Roles | Column::Groups | Column::Status)) => {
                        Ok(ListColumn::Exported(c))
                    }
                    _ => Err(roster::Error::invalid(
                        "columns",
                        name,
                        "one of the profile fields, roles, groups, status, created_at, last_login_at",
                    )),
                },
            })
            .collect()
    }

    fn name(self) -> &'static str {
        match self {
            ListColumn::Exported(c) => c.name(),
            ListColumn::CreatedAt => "created_at",
            ListColumn::LastLoginAt => "last_login_at",
        }
    }

    /// The cell, written as `user export` writes it (lists `;`-separated).
    fn cell(self, u: &User) -> String {
        match self {
            ListColumn::Exported(Column::Field(f)) => cell(u.profile.get(f)),
            ListColumn::Exported(Column::Roles) => u.roles.join(";"),
            ListColumn::Exported(Column::Groups) => u.groups.join(";"),
            ListColumn::Exported(Column::Status) => status_cell(u),
            ListColumn::Exported(_) => String::new(),
            ListColumn::CreatedAt => short_time(u.created_at),
            ListColumn::LastLoginAt => u.last_login_at.map(short_time).unwrap_or_default(),
        }
    }
}

/// A user as the card of `user show`.
#[derive(Serialize)]
#[serde(transparent)]
struct UserCard(User);

impl Record for UserCard {
    fn headers() -> Vec<&'static str> {
        let mut headers = vec!["id"];
        headers.extend(Field::ALL.iter().map(|f| f.name()));
        headers.extend([
            "status",
            "block_note",
            "roles",
            "groups",
            "brands",
            "expires_on",
            "password",
            "two_factor",
            "created_at",
            "updated_at",
            "last_login_at",
        ]);
        headers
    }

    fn cells(&self) -> Vec<String> {
        let u = &self.0;
        let mut cells = vec![u.id.to_string()];
        cells.extend(Field::ALL.iter().map(|f| cell(u.profile.get(*f))));
        cells.extend([
            status_cell(u),
            cell(u.block_note.as_deref()),
            u.roles.join(", "),
            u.groups.join(", "),
            u.brands.join(", "),
            u.expires_on.map(|d| d.to_string()).unwrap_or_default(),
            match (u.password_set, u.must_change_password) {
                (false, _) => "not set".into(),
                (true, true) => "set (must change)".into(),
                (true, false) => "set".into(),
            },
            if u.two_factor { "on".into() } else { "off".into() },
            timestamp(u.created_at),
            timestamp(u.updated_at),
            u.last_login_at.map(timestamp).unwrap_or_default(),
        ]);
        cells
    }
}

#[derive(Serialize)]
#[serde(transparent)]
struct PermissionLine(Permission);

impl Record for PermissionLine {
    fn headers() -> Vec<&'static str> {
        vec!["ability", "scope", "sources"]
    }

    fn cells(&self) -> Vec<String> {
        vec![self.0.ability.clone(), self.0.scope.clone(), self.0.sources.join(", ")]
    }
}

/// The user `user add` describes, through the one validator.
fn new_user(
    email: &str,
    name: &str,
    surname: &str,
    profile: &ProfileArgs,
    roles: Vec<String>,
) -> Result<NewUser, roster::Error> {
    let mut input = vec![(Field::Email, email), (Field::Name, name), (Field::Surname, surname)];
    input.extend(profile.pairs());
    Ok(NewUser { brands: profile.brands.clone(), ..fields::new_user(input, roles)? })
}

pub fn run(app: &App, cmd: UserCmd) -> Outcome {
    match cmd {
        UserCmd::Add { email, name, surname, profile, roles, like: _, invite: true, abilities, groups } => {
            let new = new_user(&email, &name, &surname, &profile, roles)?;
            let mut roster = app.open()?;
            let spec = roster::invites::Spec { abilities, groups, ..roster::invites::Spec::default() };
            let sent = roster.write(|tx| roster::invites::send_for(tx, new, &spec))?;
            app.out.message(&format!("invited {} (expires {})", sent.email, timestamp(sent.expires_at)));
            invite::deliver(app, &mut roster)?;
        }
        UserCmd::Add { email, name, surname, profile, roles, like, invite: false, abilities, groups } => {
            let new = new_user(&email, &name, &surname, &profile, roles)?;
            let mut roster = app.open()?;
            let (user, warning) = roster.write(|tx| {
                let mut user = users::add(tx, new, like.as_deref())?;
                let id = user.id.to_string();
                for group in &groups {
                    roster::groups::add(tx, group, std::slice::from_ref(&id))?;
                }
                if !abilities.is_empty() {
                    roster::roles::grant_abilities(tx, &id, &abilities)?;
                }
                if !groups.is_empty() || !abilities.is_empty() {
                    user = users::find(tx, &id)?;
                }
                Ok((user, roster::seats::warning(tx)?))
            })?;
            app.out.message(&format!("added {} ({})", user.email(), user.roles.join(", ")));
            if let Some(warning) = warning {
                app.out.warn(&warning);
            }
            app.out.one(&UserCard(user))?;
        }
        UserCmd::Edit { user, email, name, surname, profile, expires_on } => {
            let mut input: Vec<(Field, &str)> =
                [(Field::Email, &email), (Field::Name, &name), (Field::Surname, &surname)]
                    .into_iter()
                    .filter_map(|(f, v)| v.as_deref().map(|v| (f, v)))
                    .collect();
            input.extend(profile.pairs());
            let brands = (!profile.brands.is_empty()).then_some(profile.brands.as_slice());
            if input.is_empty() && expires_on.is_none() && brands.is_none() {
                return Err(Failure::Usage("user edit: nothing to change; give at least one --field".into()));
            }
            // Checked inside the transaction, after the user is found: editing
            // nobody is "not found" (exit 3), whatever the values.
            let fields: Vec<Field> = input.iter().map(|(f, _)| *f).collect();
            let patch = fields::patch(input).map_err(|mut errors| roster::Error::Invalid(errors.remove(0)));
            let expires_on = match expires_on.as_deref().map(str::trim) {
                None => Ok(None),
                Some("") => Ok(Some(None)),
                Some(day) => roster::types::date("expires-on", day).map(|d| Some(Some(d))),
            };
            let edited = app.open()?.write(|tx| {
                users::to_edit(tx, &user, &fields)?;
                let (patch, expires_on) = (patch?, expires_on?);
                let mut edited = users::edit(tx, &user, &patch, brands)?;
                if let Some(day) = expires_on {
                    let before = edited.user.expires_on;
                    edited.user = users::set_expiry(tx, &user, day)?;
                    edited.changed |= before != day;
                }
                Ok(edited)
            })?;
            let verb = if edited.changed { "updated" } else { "no changes to" };
            app.out.message(&format!("{verb} {}", edited.user.email()));
            app.out.one(&UserCard(edited.user))?;
        }
        UserCmd::Pick { group, on } => {
            let day = on.as_deref().map(|d| roster::types::date("on", d)).transpose()?;
            let picked = app
                .open()?
                .read(|tx| roster::assignments::pick(tx, &group, day.unwrap_or_else(|| tx.now.date_naive())))?;
            app.out.answer(&picked.user, &picked)?;
        }
        UserCmd::Show { user } => {
            let user = app.open()?.read(|tx| users::show(tx, &user))?;
            app.out.one(&UserCard(user))?;
        }
        UserCmd::List(args) => {
            let filter = args.filter()?;
            let columns = ListColumn::parse_all(&args.columns)?;
            let users = app.open()?.read(|tx| users::list(tx, &filter))?;
            let rows = users.iter().map(|u| columns.iter().map(|c| c.cell(u)).collect());
            app.out.columns(columns.iter().map(|c| c.name()).collect(), rows, &users)?;
        }
        UserCmd::Perms { user } => {
            let perms = app.open()?.read(|tx| users::perms(tx, &user))?;
            app.out.list(&perms.into_iter().map(PermissionLine).collect::<Vec<_>>())?;
        }
        UserCmd::Can { user, ability, on, within } => {
            let over = match (on, within) {
                (Some(other), _) => Some(users::Over::User(other)),
                (None, Some(part)) => Some(users::Over::Part(roster::model::scope::Scope::parse(&part)?)),
                (None, None) => None,
            };
            let answer = app.open()?.read(|tx| users::can(tx, &user, &ability, over.as_ref()))?;
            let text = match (&answer.reason, answer.allowed) {
                (_, true) => format!("yes ({})", answer.sources.join(", ")),
                (Some(reason), false) => format!("no ({reason})"),
                (None, false) => "no".to_owned(),
            };
            app.out.answer(&text, &answer)?;
            if !answer.allowed {
                return Ok(ExitCode::from(1));
            }
        }
        UserCmd::Block(args) => return lifecycle::block(app, args),
        UserCmd::Unblock(args) => return lifecycle::unblock(app, args),
        UserCmd::Confirm(args) => return lifecycle::confirm(app, args),
        UserCmd::Archive(args) => return lifecycle::archive(app, args),
        UserCmd::Reactivate(args) => return lifecycle::reactivate(app, args),
        UserCmd::Delete(args) => return lifecycle::delete(app, args),
        UserCmd::Absence(cmd) => return assignment::absence(app, cmd),
        UserCmd::Import(args) => return transfer::import(app, args),
        UserCmd::Passwd { user, must_change, password_stdin } => {
            return auth::passwd(app, &user, must_change, password_stdin);
        }
        UserCmd::TwoFactor(cmd) => return auth::two_factor(app, cmd),
        UserCmd::Welcome { users: keys } => {
            let mut roster = app.open()?;
            let n = roster.write(|tx| roster::invites::welcome(tx, &keys))?;
            app.out.message(&format!("welcome mail queued for {n} user(s)"));
            invite::deliver(app, &mut roster)?;
        }
        UserCmd::Impersonate { user } => return auth::impersonate(app, &user),
        UserCmd::LockExpired { dry_run } => {
            let done = app.open()?.write(|tx| users::lifecycle::lock_expired(tx, dry_run))?;
            let verb = if dry_run { "would block" } else { "blocked" };
            let said = format!("{verb} {} user(s) past their expiry date", done.changed);
            app.out.done(&said, &format!("expired={}", done.changed), &done)?;
        }
        UserCmd::LockDormant { days, dry_run } => {
            let found = app.open()?.write(|tx| users::lifecycle::lock_dormant(tx, days, dry_run))?;
            let verb = if dry_run { "would block" } else { "blocked" };
            let said = format!("{verb} {} dormant user(s): {}", found.dormant, found.users.join(", "));
            app.out.done(&said, &format!("dormant={} blocked={}", found.dormant, found.blocked), &found)?;
        }
        UserCmd::Export(args) => return transfer::export(app, args),
    }
    ok()
}

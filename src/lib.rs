//! roster: an organization's user accounts in one embedded SQLite file.
//!
//! The library holds every rule; the `roster` binary (`src/bin/roster/`) only
//! parses arguments, calls one operation here, and renders the result.
//!
//! - [`session`]: [`Roster`] opens the store, resolves the actor, fixes `now`;
//!   `read(|tx| …)` / `write(|tx| …)` run one command as one transaction.
//! - [`access`]: the [`access::Actor`], `require(ability)`, the guard rails.
//! - [`types`]: values people type, parsed once (emails, languages, …).
//! - [`users`]: user records; `users::fields` is the one validator for add,
//!   edit and import.
//! - [`org`], [`seats`], [`roles`], [`groups`], [`assignments`], [`absences`],
//!   [`audit`]: the other domains.
//! - [`import`]: the CSV format of users, import (plan, then apply) and export.
//! - [`store`]: the only place with SQL.

#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod absences;
pub mod access;
pub mod assignments;
pub mod audit;
pub mod auth;
pub mod backup;
pub mod error;
pub mod groups;
pub mod import;
pub mod invites;
pub mod mail;
pub mod maintain;
pub mod messages;
pub mod org;
pub mod passwords;
pub mod roles;
pub mod seats;
pub mod session;
pub mod store;
pub mod totp;
pub mod types;
pub mod users;

pub use error::{Error, ErrorKind, Result};
pub use session::{Roster, Tx};

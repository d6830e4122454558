//! roster: an organization's user accounts in one embedded SQLite file.
//!
//! The library holds every rule; the `roster` binary (`src/bin/roster/`) only
//! parses arguments, calls one operation here, and renders the result.
//!
//! Layers, each using only those below it:
//!
//! 1. [`model`] (with [`error`]): the types every layer shares, no I/O —
//!    user, status, fields, filters, invite, audit entry, the values people
//!    type ([`types`]).
//! 2. [`store`]: the only place with SQL; imports only `model` and `error`.
//!    It selects, stores and indexes; it decides nothing.
//! 3. The operations, where every rule lives once: [`session`] ([`Roster`]:
//!    open, the actor, `now`, one transaction a command), [`access`] (the
//!    actor, abilities, guard rails), [`users`] (`users::fields`, the one
//!    validator; `users::lifecycle`, the one transition table), [`org`]
//!    (plan and typed policies), [`seats`], [`roles`], [`groups`],
//!    [`invites`], [`assignments`], [`absences`], [`auth`], [`mail`],
//!    [`audit`], [`backup`], [`maintain`].
//! 4. [`import`]: the CSV format, import (plan, then apply) and export; it
//!    reads through cached store lookups and writes users only through the
//!    `users` and `users::lifecycle` operations.
//! 5. The `roster` binary (`src/bin/roster/`): parses, calls, renders.

#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod absences;
pub mod access;
pub mod assignments;
pub mod audit;
pub mod auth;
pub mod backup;
pub mod error;
pub mod files;
pub mod groups;
pub mod import;
pub mod invites;
pub mod keys;
pub mod mail;
pub mod maintain;
pub mod messages;
pub mod model;
pub mod org;
pub mod passwords;
pub mod roles;
pub mod seats;
pub mod session;
pub mod store;
pub mod totp;
pub use model::types;
pub mod users;

pub use error::{Error, ErrorKind, Result};
pub use session::{Roster, Tx};

//! The one integration test binary: every test drives the real `roster`
//! binary against a temporary database.

#![allow(clippy::unwrap_used)]

mod cli {
    mod audit;
    mod auth;
    mod completions;
    mod exit_codes;
    mod foreign;
    mod groups;
    mod hostile;
    mod import;
    mod invites;
    mod lifecycle;
    mod org;
    mod pipes;
    mod postgres;
    mod roles;
    mod rules;
    mod scopes;
    mod seal;
    mod seed;
    mod store;
    mod tour;
    mod trail;
    mod trust;
    mod users;
    pub mod util;
}

//! One file per command group: clap arguments and the handler together.

pub mod ability;
pub mod assignment;
pub mod audit;
pub mod auth;
pub mod completions;
pub mod db;
pub mod group;
pub mod init;
pub mod invite;
pub mod lifecycle;
pub mod org;
pub mod policy;
pub mod role;
pub mod seats;
pub mod transfer;
pub mod user;

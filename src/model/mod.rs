//! The types every layer shares, with no I/O: a user and its fields, status
//! and filters, an invite, an audit entry, and the values people type. The
//! store reads and writes these; the operations decide with them. This layer
//! imports nothing of roster's but the error type.

pub mod audit;
pub mod invite;
pub mod scope;
pub mod types;
pub mod user;

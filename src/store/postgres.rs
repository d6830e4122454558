//! roster on a PostgreSQL server (`--db postgres://user@host/dbname`):
//! connecting, the schema and its version, and transactions that serialize
//! writers as SQLite's `BEGIN IMMEDIATE` does.

use super::db::{Db, params};
use crate::error::{Error, Result};
use crate::model::types::masked;

mod embedded {
    refinery::embed_migrations!("migrations/postgres");
}

/// Every writer takes this transaction-level advisory lock first (roster's
/// "Rstr" mark), so that writers on any host run one at a time: the seat
/// count, the last admin, the audit chain's order and `maintain`'s run-once
/// hold as on SQLite. Released at commit or rollback.
const WRITE_LOCK: i64 = 0x5273_7472;

/// Whether `db` names a PostgreSQL database rather than a file.
pub fn is_url(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// Where this machine keeps what SQLite keeps beside its file (the key
/// file, the outbox): `$XDG_CONFIG_HOME/roster/` (or `~/.config/roster/`),
/// named after the server and database, in a folder only its owner reads.
pub fn local_state(url: &str) -> Result<std::path::PathBuf> {
    use std::os::unix::fs::DirBuilderExt;
    let config = config_of(url)?;
    let host = match config.get_hosts().first() {
        Some(postgres::config::Host::Tcp(name)) => name.clone(),
        Some(postgres::config::Host::Unix(path)) => path.display().to_string(),
        None => "localhost".to_owned(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let name = format!("{host}-{port}-{}", config.get_dbname().unwrap_or_default());
    let name: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() || "-_.".contains(c) { c } else { '_' }).collect();
    let base = match (std::env::var_os("XDG_CONFIG_HOME"), std::env::var_os("HOME")) {
        (Some(config), _) if !config.is_empty() => std::path::PathBuf::from(config),
        (_, Some(home)) => std::path::PathBuf::from(home).join(".config"),
        _ => return Err(Error::Internal("neither XDG_CONFIG_HOME nor HOME is set: set ROSTER_KEY_FILE".into())),
    };
    let folder = base.join("roster");
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(&folder)?;
    Ok(folder.join(name))
}

/// The connection settings `url` names. libpq's `verify-ca` and
/// `verify-full` are what `require` does here (the certificate and the
/// host's name are always checked); a URL must name its database, which
/// names the key file too.
fn config_of(url: &str) -> Result<postgres::Config> {
    let problem = |problem: String| Error::Database { path: masked(url), problem };
    let url = url.replace("sslmode=verify-full", "sslmode=require").replace("sslmode=verify-ca", "sslmode=require");
    let config: postgres::Config = url.parse().map_err(|e: postgres::Error| problem(e.to_string()))?;
    if config.get_dbname().is_none_or(str::is_empty) {
        return Err(problem("names no database: add /DBNAME after the host".into()));
    }
    Ok(config)
}

/// Connects to the server at `url` and brings the schema up to date; a
/// schema from a newer roster is refused before anything is written.
pub fn connect(url: &str, missing: super::Missing) -> Result<postgres::Client> {
    let problem = |problem: String| Error::Database { path: masked(url), problem };
    let mut config = config_of(url)?;
    // A password is best kept out of the URL (and so out of argv).
    if config.get_password().is_none() {
        if let Ok(password) = std::env::var("PGPASSWORD") {
            config.password(password);
        }
    }
    // A command's reads are short: a page of a list walked in its order
    // must not wait for parallel workers to start (a two-letter search at
    // 1M users: 19 ms with them, 5.9 ms without), nor for a JIT compile.
    // The URL's own `options` come after these, so they win.
    let options = match config.get_options() {
        Some(own) => format!("-c max_parallel_workers_per_gather=0 -c jit=off {own}"),
        None => "-c max_parallel_workers_per_gather=0 -c jit=off".to_owned(),
    };
    config.options(&options);
    // libpq's variable where the URL says nothing; its verify modes are
    // what `require` does here.
    if !url.contains("sslmode=") {
        if let Ok(mode) = std::env::var("PGSSLMODE") {
            let require = matches!(mode.as_str(), "require" | "verify-ca" | "verify-full");
            config.ssl_mode(if require {
                postgres::config::SslMode::Require
            } else {
                postgres::config::SslMode::Disable
            });
        }
    }
    let connected = match config.get_ssl_mode() {
        postgres::config::SslMode::Require => {
            let tls = tls_config().map_err(|e| problem(format!("TLS: {e}")))?;
            config.connect(tokio_postgres_rustls::MakeRustlsConnect::new(tls))
        }
        // `prefer` would take a certificate nobody checked; plain is what it
        // falls back to anyway, and says so.
        _ => config.ssl_mode(postgres::config::SslMode::Disable).connect(postgres::NoTls),
    };
    let mut client = connected.map_err(|e| problem(crate::error::server_says(&e)))?;
    migrate(&mut client, url, missing)?;
    Ok(client)
}

/// `sslmode=require`: TLS by rustls, the server's certificate checked
/// against the certificates in the PEM file `PGSSLROOTCERT` names (a
/// company's own CA, and only it, as libpq trusts it), or else the web's
/// roots, and its name against the host in the URL (libpq's `verify-full`).
fn tls_config() -> std::result::Result<rustls::ClientConfig, String> {
    use rustls::pki_types::{CertificateDer, pem::PemObject};
    let mut roots = rustls::RootCertStore::empty();
    if let Some(file) = std::env::var_os("PGSSLROOTCERT").filter(|f| !f.is_empty()) {
        let shown = std::path::Path::new(&file).display().to_string();
        for cert in CertificateDer::pem_file_iter(&file).map_err(|e| format!("PGSSLROOTCERT {shown}: {e}"))? {
            let cert = cert.map_err(|e| format!("PGSSLROOTCERT {shown}: {e}"))?;
            roots.add(cert).map_err(|e| format!("PGSSLROOTCERT {shown}: {e}"))?;
        }
    } else {
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    }
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_root_certificates(roots)
        .with_no_client_auth())
}

fn latest_known_version() -> i64 {
    embedded::migrations::runner().get_migrations().iter().map(|m| i64::from(m.version())).max().unwrap_or(0)
}

/// The schema version, and the checksum its first migration was recorded
/// with (roster's, or another application's that also uses refinery), in
/// one round trip (every command asks, first): a simple query, with no
/// table yet meaning a new database.
fn applied_version(client: &mut postgres::Client) -> Result<(i64, Option<String>)> {
    let messages = match client.simple_query(
        "SELECT COALESCE(MAX(version), 0), (SELECT checksum FROM refinery_schema_history WHERE version = 1)
         FROM refinery_schema_history",
    ) {
        Err(e) if e.code() == Some(&postgres::error::SqlState::UNDEFINED_TABLE) => return Ok((0, None)),
        answer => answer?,
    };
    let found = messages.iter().find_map(|m| match m {
        postgres::SimpleQueryMessage::Row(row) => {
            Some((row.get(0).and_then(|v| v.parse().ok())?, row.get(1).map(str::to_owned)))
        }
        _ => None,
    });
    found.ok_or_else(|| Error::Internal("no schema version read".into()))
}

/// The checksum roster's first migration is recorded with.
fn first_checksum() -> Option<String> {
    embedded::migrations::runner().get_migrations().iter().find(|m| m.version() == 1).map(|m| m.checksum().to_string())
}

/// Migrates under the write lock, so that two first commands on two hosts
/// do not both create the schema. A database without roster's schema is
/// made one only by a command that may (`Missing::Create`: `init`) and
/// only when it holds no tables of anyone else's; otherwise it is refused
/// untouched, as on SQLite.
fn migrate(client: &mut postgres::Client, url: &str, missing: super::Missing) -> Result<()> {
    let refused = |problem: String| Error::Database { path: masked(url), problem };
    let latest = latest_known_version();
    let (applied, first) = applied_version(client)?;
    if applied > 0 && first != first_checksum() {
        return Err(refused(
            "holds another application's migration history (refinery_schema_history), not roster's; left as it is"
                .into(),
        ));
    }
    if applied > latest {
        return Err(refused(format!(
            "made by a newer roster (schema version {applied}; this roster knows up to {latest}); upgrade roster to use it"
        )));
    }
    if applied == latest {
        return Ok(());
    }
    if applied == 0 {
        // A failed first `init` may have left refinery's empty history.
        let tables: Vec<String> = client
            .query(
                "SELECT tablename::text FROM pg_tables
                 WHERE schemaname = current_schema() AND tablename <> 'refinery_schema_history' ORDER BY 1",
                &[],
            )?
            .iter()
            .map(|r| r.get(0))
            .collect();
        match (tables.is_empty(), missing) {
            (true, super::Missing::Create) => {}
            (true, super::Missing::Refuse) => {
                return Err(refused("is an empty database, not a roster one; create one with `roster init`".into()));
            }
            (false, _) => {
                return Err(refused(format!(
                    "holds another application's tables ({}), not roster's; left as it is",
                    tables.iter().take(5).cloned().collect::<Vec<_>>().join(", ")
                )));
            }
        }
    }
    client.execute("SELECT pg_advisory_lock($1)", &[&WRITE_LOCK])?;
    let outcome = embedded::migrations::runner().set_grouped(true).run(client);
    client.execute("SELECT pg_advisory_unlock($1)", &[&WRITE_LOCK])?;
    outcome.map(|_| ()).map_err(|e| refused(format!("migration failed: {}", migration_problem(&e))))
}

/// What the server said to a failed migration (refinery's own text is only
/// "db error"): a missing privilege, say.
fn migration_problem(e: &refinery::Error) -> String {
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        if let Some(server) = cause.downcast_ref::<postgres::Error>() {
            return crate::error::server_says(server);
        }
        source = cause.source();
    }
    e.to_string()
}

/// A transaction: a writer's waits for the write lock, then reads what every
/// writer before it committed; a reader's is one snapshot.
pub fn begin(client: &mut postgres::Client, write: bool) -> Result<Db<'_>> {
    let tx = if write {
        let mut tx = client.transaction()?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])?;
        tx
    } else {
        client.build_transaction().isolation_level(postgres::IsolationLevel::RepeatableRead).start()?
    };
    Ok(Db::postgres_transaction(tx))
}

/// The server's version, as `db check` shows it.
pub fn server_version(db: &Db) -> Result<String> {
    db.query_row("SELECT 'PostgreSQL ' || current_setting('server_version')", params![], |r| r.get(0))
}

/// Constraints not known to hold for every row (added `NOT VALID`).
pub fn unvalidated_constraints(db: &Db) -> Result<Vec<String>> {
    db.query_vec(
        "SELECT conrelid::regclass::text || '.' || conname FROM pg_constraint
         WHERE NOT convalidated AND connamespace = current_schema()::regnamespace",
        params![],
        |r| r.get(0),
    )
}

/// Whether `table` has a unique index, not partial, on `column` alone.
pub fn has_unique_index(db: &Db, table: &str, column: &str) -> Result<bool> {
    db.query_row(
        "SELECT EXISTS (SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid
                        WHERE i.indrelid = CAST(CAST(?1 AS TEXT) AS regclass) AND i.indisunique AND i.indpred IS NULL
                          AND i.indnatts = 1 AND i.indexprs IS NULL AND a.attnum = i.indkey[0] AND CAST(a.attname AS TEXT) = ?2)",
        params![table, column],
        |r| r.get(0),
    )
}

/// The test server (`ROSTER_TEST_DB`), for tests that need one.
#[cfg(test)]
pub(crate) fn test_url() -> Result<String> {
    std::env::var("ROSTER_TEST_DB").map_err(|_| Error::Internal("ROSTER_TEST_DB is not set".into()))
}

/// A new, empty database on the test server, dropped (whoever is still
/// connected) when this goes.
#[cfg(test)]
pub(crate) struct Scratch {
    admin: postgres::Client,
    name: String,
    pub url: String,
}

/// A new, empty database named `name` and this process (two runs at once on
/// one server keep apart), made over `ROSTER_TEST_DB`.
#[cfg(test)]
pub(crate) fn scratch_database(name: &str) -> Result<Scratch> {
    let url = test_url()?;
    let name = format!("{name}_{}", std::process::id());
    let mut admin = postgres::Client::connect(&url, postgres::NoTls)?;
    admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))?;
    admin.batch_execute(&format!("CREATE DATABASE {name}"))?;
    let url = format!("{}/{name}", url.rsplit_once('/').map_or(url.as_str(), |(base, _)| base));
    Ok(Scratch { admin, name, url })
}

#[cfg(test)]
impl Drop for Scratch {
    // A test's cleanup: it may run while a failure unwinds, so it says what
    // went wrong rather than panic again.
    #[allow(clippy::print_stderr)]
    fn drop(&mut self) {
        if let Err(e) = self.admin.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name)) {
            eprintln!("could not drop the test database {}: {e}", self.name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[ignore = "needs a PostgreSQL server: ROSTER_TEST_DB=postgres://… (.ci/run starts one)"]
    fn the_schema_is_created_once_and_a_newer_one_refused() -> Result<()> {
        let scratch = scratch_database("roster_schema_test")?;
        let mut client = connect(&scratch.url, super::super::Missing::Create)?;
        assert_eq!(applied_version(&mut client)?, (latest_known_version(), first_checksum()));
        drop(connect(&scratch.url, super::super::Missing::Create)?);
        client.execute(
            "INSERT INTO refinery_schema_history (version, name, applied_on, checksum) VALUES (999, 'future', '', '0')",
            &[],
        )?;
        let tables = "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'";
        let before: i64 = client.query_one(tables, &[])?.get(0);
        let refused =
            connect(&scratch.url, super::super::Missing::Create).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(refused.contains("newer roster (schema version 999"), "{refused}");
        assert_eq!(client.query_one(tables, &[])?.get::<_, i64>(0), before, "refused untouched");
        Ok(())
    }
}

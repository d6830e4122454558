//! TestDb: a temp folder with a database, and a `roster` command bound to it
//! with a fixed clock and no inherited actor.

use std::path::PathBuf;

use assert_cmd::Command;
use serde::de::DeserializeOwned;
use tempfile::TempDir;

/// The clock every test command runs at unless it says otherwise.
pub const NOW: &str = "2026-01-15T09:00:00Z";

pub struct TestDb {
    pub dir: TempDir,
    pub path: PathBuf,
    /// On PostgreSQL (`TestDb::on_postgres`): the database's URL, which
    /// `--db` names instead of `path`, and its name, dropped at the end.
    server: Option<(String, String)>,
}

impl TestDb {
    /// A database for a test: a SQLite file, or with `ROSTER_TEST_SUITE=postgres`
    /// a database on the server `ROSTER_TEST_DB` names.
    pub fn new() -> TestDb {
        match std::env::var("ROSTER_TEST_SUITE").as_deref() {
            Ok("postgres") => TestDb::on_postgres(),
            _ => TestDb::sqlite(),
        }
    }

    /// A SQLite file in a temp folder, whatever the suite runs on.
    pub fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("roster.db");
        TestDb { dir, path, server: None }
    }

    /// The SQLite file at `path`, with a temp folder of its own.
    pub fn at(path: PathBuf) -> TestDb {
        TestDb { dir: tempfile::tempdir().expect("temp dir"), path, server: None }
    }

    /// A fresh, empty database on the server `ROSTER_TEST_DB` names (its own
    /// per test, dropped at the end); the key file and outbox go in `dir`.
    pub fn on_postgres() -> TestDb {
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let server = std::env::var("ROSTER_TEST_DB").expect("ROSTER_TEST_DB names a PostgreSQL server");
        let name =
            format!("roster_t{}_{}", std::process::id(), NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
        let mut admin = postgres::Client::connect(&server, postgres::NoTls).expect("connect to ROSTER_TEST_DB");
        admin.batch_execute(&format!("CREATE DATABASE {name}")).expect("create a test database");
        let url = format!("{}/{name}", server.rsplit_once('/').map_or(server.as_str(), |(base, _)| base));
        let mut db = TestDb::sqlite();
        db.server = Some((url, name));
        db
    }

    /// A database with an organization and one admin, ana@acme.test.
    pub fn with_admin() -> TestDb {
        TestDb::new().initialized()
    }

    /// `with_admin` on a SQLite file, for a test of what only SQLite has.
    pub fn sqlite_with_admin() -> TestDb {
        TestDb::sqlite().initialized()
    }

    fn initialized(self) -> TestDb {
        self.ok(&["init", "--org", "Acme"]);
        self.add("ana@acme.test", &["--role", "admin"]);
        self
    }

    pub fn cmd(&self) -> Command {
        Command::from_std(self.process())
    }

    /// The same command as a plain process, to run beside others.
    pub fn process(&self) -> std::process::Command {
        match &self.server {
            Some((url, _)) => self.process_at(url),
            None => self.process_at(self.path.to_str().expect("a UTF-8 temp path")),
        }
    }

    /// The command with `--db` naming this database as `db` spells it (a
    /// server's URL with options added, say).
    pub fn process_at(&self, db: &str) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("roster"));
        cmd.env_remove("ROSTER_AS")
            .env_remove("ROSTER_DB")
            .env_remove("ROSTER_SMTP_URL")
            .env_remove("ROSTER_KEY_FILE")
            .env("ROSTER_NOW", NOW)
            .env("USER", "tester")
            .env("XDG_CONFIG_HOME", self.dir.path())
            .args(["--db", db]);
        cmd
    }

    /// The server database's URL (`None` for a SQLite file).
    pub fn url(&self) -> Option<&str> {
        self.server.as_ref().map(|(url, _)| url.as_str())
    }

    /// Runs and asserts success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().expect("run roster");
        assert!(
            out.status.success(),
            "roster {args:?} failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 stdout")
    }

    /// Runs, asserts the exit code, and returns stderr.
    pub fn fails(&self, code: i32, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().expect("run roster");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(code), "roster {args:?}: {stderr}");
        stderr
    }

    /// Runs with `--format json` and deserialises stdout.
    pub fn json<T: DeserializeOwned>(&self, args: &[&str]) -> T {
        let mut all = vec!["--format", "json"];
        all.extend_from_slice(args);
        serde_json::from_str(&self.ok(&all)).expect("JSON output")
    }

    /// Adds a user named after the email's local part.
    pub fn add(&self, email: &str, extra: &[&str]) {
        let local = email.split('@').next().unwrap_or(email);
        let mut args = vec!["user", "add", email, "--name", local, "--surname", "Test"];
        args.extend_from_slice(extra);
        self.ok(&args);
    }

    /// Whether this database is on the server (`ROSTER_TEST_SUITE=postgres`).
    pub fn on_server(&self) -> bool {
        self.server.is_some()
    }

    /// Direct SQL on the server, for what the CLI cannot show.
    pub fn server_sql(&self) -> postgres::Client {
        let (url, _) = self.server.as_ref().expect("a PostgreSQL test database");
        postgres::Client::connect(url, postgres::NoTls).expect("connect")
    }

    /// Direct SQL, for what the CLI cannot show (or must not be able to change).
    pub fn sql(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(&self.path).expect("open database")
    }

    /// Every index, foreign key and trigger of the schema, as each backend
    /// defines it, in one order: what a bulk load that suspends some must
    /// leave as it found.
    pub fn schema(&self) -> Vec<String> {
        if self.server.is_some() {
            let rows = self
                .server_sql()
                .query(
                    "SELECT pg_get_indexdef(indexrelid) FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
                     WHERE t.relnamespace = 'public'::regnamespace
                     UNION ALL SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
                     FROM pg_constraint WHERE connamespace = 'public'::regnamespace
                     UNION ALL SELECT tgrelid::regclass::text || ' ' || tgname FROM pg_trigger WHERE NOT tgisinternal
                     ORDER BY 1",
                    &[],
                )
                .expect("schema");
            return rows.iter().map(|r| r.get(0)).collect();
        }
        let conn = self.sql();
        let mut stmt = conn
            .prepare("SELECT sql FROM sqlite_schema WHERE type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY 1")
            .expect("schema");
        stmt.query_map([], |r| r.get(0)).expect("schema").collect::<Result<_, _>>().expect("schema")
    }

    /// One number from SQL both backends read.
    pub fn count(&self, sql: &str) -> i64 {
        if self.server.is_some() {
            let row = self.server_sql().query_one(&format!("SELECT CAST(({sql}) AS BIGINT)"), &[]).expect("count");
            return row.get(0);
        }
        self.sql().query_row(sql, [], |r| r.get(0)).expect("count")
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let (Some((_, name)), Ok(server)) = (&self.server, std::env::var("ROSTER_TEST_DB")) {
            if let Ok(mut admin) = postgres::Client::connect(&server, postgres::NoTls) {
                let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            }
        }
    }
}

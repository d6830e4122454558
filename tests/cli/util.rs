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
}

impl TestDb {
    pub fn new() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("roster.db");
        TestDb { dir, path }
    }

    /// A database with an organization and one admin, ana@acme.test.
    pub fn with_admin() -> TestDb {
        let db = TestDb::new();
        db.ok(&["init", "--org", "Acme"]);
        db.add("ana@acme.test", &["--role", "admin"]);
        db
    }

    pub fn cmd(&self) -> Command {
        Command::from_std(self.process())
    }

    /// The same command as a plain process, to run beside others.
    pub fn process(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("roster"));
        cmd.env_remove("ROSTER_AS")
            .env_remove("ROSTER_DB")
            .env_remove("ROSTER_SMTP_URL")
            .env_remove("ROSTER_KEY_FILE")
            .env("ROSTER_NOW", NOW)
            .env("USER", "tester")
            .arg("--db")
            .arg(&self.path);
        cmd
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

    /// Direct SQL, for what the CLI cannot show (or must not be able to change).
    pub fn sql(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(&self.path).expect("open database")
    }

    pub fn count(&self, sql: &str) -> i64 {
        self.sql().query_row(sql, [], |r| r.get(0)).expect("count")
    }
}

//! Files that are not roster databases are refused and left byte for byte
//! as they were; only `init` (and `db restore`) create a database.

use super::util::TestDb;

/// `roster --db PATH user list`, without the test database's `--db`.
fn roster_on(path: &std::path::Path) -> std::process::Output {
    let mut cmd = assert_cmd::Command::cargo_bin("roster").unwrap();
    cmd.env_remove("ROSTER_DB").env_remove("ROSTER_AS").env_remove("ROSTER_KEY_FILE");
    cmd.arg("--db").arg(path).args(["user", "list"]).output().unwrap()
}

/// `roster --db PATH user list` on `path`: exit 10, the file unchanged, no
/// WAL left beside it; returns what it said.
fn refused(_db: &TestDb, path: &std::path::Path) -> String {
    let before = std::fs::read(path).ok();
    let out = roster_on(path);
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(10), "{said}");
    assert_eq!(std::fs::read(path).ok(), before, "{} was changed", path.display());
    assert!(!path.with_extension("db-wal").exists() && !path.with_extension("db-shm").exists());
    said
}

#[test]
fn another_applications_sqlite_file_is_left_alone() {
    let db = TestDb::new();
    for (name, schema) in [
        ("other.db", "CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO things VALUES (1, 'x');"),
        ("crm.db", "CREATE TABLE users (id INTEGER PRIMARY KEY, login TEXT);"),
        ("wal.db", "PRAGMA journal_mode = WAL; CREATE TABLE notes (body TEXT);"),
    ] {
        let path = db.dir.path().join(name);
        rusqlite::Connection::open(&path).unwrap().execute_batch(schema).unwrap();
        assert!(refused(&db, &path).contains("another application's SQLite database"));
    }
    let marked = db.dir.path().join("marked.db");
    rusqlite::Connection::open(&marked)
        .unwrap()
        .execute_batch("PRAGMA application_id = 42; CREATE TABLE t (x);")
        .unwrap();
    assert!(refused(&db, &marked).contains("application_id 42"));
}

#[test]
fn a_file_that_is_not_sqlite_a_device_and_a_folder_are_refused() {
    let db = TestDb::new();
    let text = db.dir.path().join("notes.db");
    std::fs::write(&text, "email,name\nnot a database at all, really, this is a text file\n").unwrap();
    assert!(refused(&db, &text).contains("not a SQLite database"));
    assert_eq!(roster_on(std::path::Path::new("/dev/null")).status.code(), Some(10));
    assert_eq!(roster_on(db.dir.path()).status.code(), Some(10));
}

#[test]
fn a_missing_database_is_created_only_by_init() {
    let db = TestDb::sqlite();
    let said = db.fails(10, &["user", "list"]);
    assert!(said.contains("roster init"), "{said}");
    assert!(!db.path.exists());
    db.ok(&["init", "--org", "Acme"]);
    let mark: i32 = db.sql().query_row("PRAGMA application_id", [], |r| r.get(0)).unwrap();
    assert_eq!(mark, roster::store::APPLICATION_ID);
    db.ok(&["user", "list"]);
}

#[test]
fn a_newer_roster_database_is_refused_before_anything_is_written() {
    let db = TestDb::sqlite_with_admin();
    db.sql()
        .execute_batch(
            "PRAGMA journal_mode = DELETE;
             INSERT INTO refinery_schema_history (version, name, applied_on, checksum) VALUES (99, 'future', 'x', '0');",
        )
        .unwrap();
    let said = refused(&db, &db.path);
    assert!(said.contains("newer roster"), "{said}");
    let mode: String = db.sql().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "delete");
}

#[test]
fn a_roster_database_from_before_the_mark_is_marked() {
    let db = TestDb::sqlite_with_admin();
    db.sql().execute_batch("PRAGMA application_id = 0").unwrap();
    db.ok(&["user", "list"]);
    let mark: i32 = db.sql().query_row("PRAGMA application_id", [], |r| r.get(0)).unwrap();
    assert_eq!(mark, roster::store::APPLICATION_ID);
}

/// A mistyped server URL is a path, refused; its password stays out of the error.
#[test]
fn a_mistyped_url_keeps_its_password_out_of_the_error() {
    for url in ["POSTGRES://ana:s3cret-pw@db.example/roster", "postgres:/ana:s3cret-pw@db.example/roster"] {
        let out = roster_on(std::path::Path::new(url));
        let said = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(10), "{said}");
        assert!(!said.contains("s3cret-pw"), "{said}");
    }
}

/// A server URL must name its database; libpq's verify modes are taken
/// (and do what `require` does: the certificate and the name checked).
#[test]
fn a_server_url_names_its_database_and_may_say_verify_full() {
    let said = |url: &str| {
        let out = roster_on(std::path::Path::new(url));
        assert_eq!(out.status.code(), Some(10));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    assert!(said("postgres://ana@127.0.0.1:1").contains("names no database"));
    for mode in ["verify-full", "verify-ca"] {
        let refused = said(&format!("postgres://ana@127.0.0.1:1/roster?sslmode={mode}"));
        assert!(!refused.contains("invalid connection string"), "{refused}");
    }
}

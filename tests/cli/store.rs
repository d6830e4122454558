//! The database file: created private, refused when from a newer roster.

use std::os::unix::fs::PermissionsExt;

use super::util::TestDb;

#[test]
fn init_creates_a_private_migrated_database() {
    let db = TestDb::new();
    db.ok(&["init", "--org", "Acme"]);
    let mode = std::fs::metadata(&db.path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let journal: String = db.sql().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(journal, "wal");
}

#[test]
fn a_missing_folder_is_a_database_error() {
    let db = TestDb::new();
    let path = db.dir.path().join("no/such/folder/r.db");
    let mut cmd = assert_cmd::Command::cargo_bin("roster").unwrap();
    let err = cmd.env("ROSTER_DB", &path).args(["init", "--org", "A"]).assert().code(10).get_output().stderr.clone();
    let err = String::from_utf8_lossy(&err);
    assert!(err.contains("does not exist"), "{err}");
}

#[test]
fn a_newer_schema_is_refused_untouched() {
    let db = TestDb::with_admin();
    db.sql()
        .execute(
            "INSERT INTO refinery_schema_history (version, name, applied_on, checksum)
             VALUES (999, 'future', '2030-01-01T00:00:00Z', '1')",
            [],
        )
        .unwrap();
    let before = db.count("SELECT count(*) FROM audit");
    let err = db.fails(10, &["user", "add", "bo@acme.test", "--name", "B", "--surname", "C"]);
    assert!(err.contains("newer roster"), "{err}");
    db.fails(10, &["user", "list"]);
    assert_eq!(db.count("SELECT count(*) FROM users"), 1);
    assert_eq!(db.count("SELECT count(*) FROM audit"), before);
}

#[test]
fn a_file_that_is_not_a_database_is_a_database_error() {
    let db = TestDb::new();
    std::fs::write(&db.path, "this is not sqlite, just text that is long enough to look like a header....").unwrap();
    db.fails(10, &["user", "list"]);
}

#[test]
fn the_default_path_is_roster_db_in_the_working_folder() {
    let db = TestDb::new();
    let mut cmd = assert_cmd::Command::cargo_bin("roster").unwrap();
    cmd.current_dir(db.dir.path()).env_remove("ROSTER_DB").env_remove("ROSTER_AS").args(["init", "--org", "Here"]);
    cmd.assert().success();
    assert!(db.dir.path().join("roster.db").exists());
}

//! The database file: created private, refused when from a newer roster.

use std::os::unix::fs::PermissionsExt;

use super::util::TestDb;

#[test]
fn init_creates_a_private_migrated_database() {
    let db = TestDb::sqlite();
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
    let db = TestDb::sqlite_with_admin();
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
    let db = TestDb::sqlite();
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

/// Another writer holds the database for three seconds.
fn held_for_3s(db: &TestDb) -> std::thread::JoinHandle<()> {
    let conn = db.sql();
    conn.execute_batch("BEGIN IMMEDIATE; UPDATE org SET name = name;").unwrap();
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(3));
        conn.execute_batch("COMMIT").unwrap();
    })
}

#[test]
fn a_writer_waits_for_another_and_says_so() {
    let db = TestDb::sqlite_with_admin();
    let holder = held_for_3s(&db);
    let out = db.cmd().args(["user", "add", "bo@acme.test", "--name", "Bo", "--surname", "Chen"]).output().unwrap();
    holder.join().unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("waiting for another command's write"), "{said}");
    // Bounded by --wait: refused, and nothing written.
    let holder = held_for_3s(&db);
    let out = db.cmd().args(["--wait", "1", "user", "add", "cy@acme.test", "--name", "Cy", "--surname", "D"]).output();
    holder.join().unwrap();
    assert_eq!(out.unwrap().status.code(), Some(10));
    assert_eq!(db.count("SELECT count(*) FROM users WHERE email = 'cy@acme.test'"), 0);
}

/// Whether some writer holds the database now (a write lock cannot be had).
fn write_locked(db: &TestDb) -> bool {
    let conn = db.sql();
    conn.busy_timeout(std::time::Duration::ZERO).unwrap();
    match conn.execute_batch("BEGIN IMMEDIATE") {
        Ok(()) => {
            conn.execute_batch("ROLLBACK").unwrap();
            false
        }
        Err(_) => true,
    }
}

#[test]
fn a_writer_waits_for_a_running_import_then_succeeds() {
    use std::io::{Read, Write};
    use std::process::Stdio;

    let db = TestDb::sqlite_with_admin();
    // The import reads its file from a pipe that stays open: it is running,
    // inside its write, until the pipe closes.
    let mut import =
        db.process().args(["user", "import", "-"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    let mut file = import.stdin.take().unwrap();
    file.write_all(b"email,name,surname\nim@acme.test,Im,Port\n").unwrap();
    file.flush().unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !write_locked(&db) {
        assert!(std::time::Instant::now() < deadline, "the import never started its write");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let mut add = db
        .process()
        .args(["user", "add", "bo@acme.test", "--name", "Bo", "--surname", "Chen"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Its notice comes while the import still runs: it waits, it does not fail.
    let mut stderr = add.stderr.take().unwrap();
    let mut said = Vec::new();
    let mut byte = [0u8; 1];
    while !String::from_utf8_lossy(&said).contains("waiting for another command's write") {
        assert_eq!(
            stderr.read(&mut byte).unwrap(),
            1,
            "user add ended before saying it waits: {}",
            String::from_utf8_lossy(&said)
        );
        said.push(byte[0]);
    }
    assert_eq!(db.count("SELECT count(*) FROM users WHERE email = 'bo@acme.test'"), 0);
    file.write_all(b"im2@acme.test,Im,Two\n").unwrap();
    drop(file);
    assert!(import.wait().unwrap().success());
    assert!(add.wait().unwrap().success());
    assert_eq!(
        db.count("SELECT count(*) FROM users WHERE email IN ('im@acme.test', 'im2@acme.test', 'bo@acme.test')"),
        3
    );
}

/// A first import runs under the rollback journal (README, "Importing and
/// exporting users"): killed at any point it leaves nobody or everyone, a
/// database that checks clean, and WAL again once a command opens it.
#[test]
fn a_first_import_killed_anywhere_leaves_nobody_or_everyone() {
    use std::process::Stdio;
    use std::time::Instant;

    const ROWS: usize = 3000;
    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("users.csv");
    let mut csv = String::from("email,name,surname,department\n");
    for i in 0..ROWS {
        csv.push_str(&format!("u{i}@acme.test,U{i},Test,Dept-{}\n", i % 7));
    }
    std::fs::write(&file, csv).unwrap();
    let import = |db: &TestDb| {
        db.process().args(["user", "import"]).arg(&file).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap()
    };

    // Uninterrupted: every row, back in WAL, no journal left behind.
    let whole = TestDb::sqlite();
    whole.ok(&["init", "--org", "Acme"]);
    let started = Instant::now();
    assert!(import(&whole).wait().unwrap().success());
    let took = started.elapsed();
    assert_eq!(whole.count("SELECT count(*) FROM users"), ROWS as i64);
    let mode: String = whole.sql().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    assert!(!whole.dir.path().join("roster.db-journal").exists());

    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let (mut nobody, mut everyone) = (0, 0);
    for round in 0..100 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let db = TestDb::sqlite();
        db.ok(&["init", "--org", "Acme"]);
        let mut child = import(&db);
        // Anywhere from its start to a little after it would have ended.
        std::thread::sleep(took.mul_f64((seed % 1000) as f64 / 800.0));
        child.kill().unwrap();
        child.wait().unwrap();
        let check = db.cmd().args(["db", "check"]).output().unwrap();
        assert!(check.status.success(), "round {round}: {}", String::from_utf8_lossy(&check.stderr));
        match db.count("SELECT count(*) FROM users") {
            0 => nobody += 1,
            n if n == ROWS as i64 => everyone += 1,
            n => panic!("round {round}: {n} of {ROWS} users after a kill"),
        }
        let mode: String = db.sql().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal", "round {round}");
    }
    // Both ends were reached, so some kills fell inside the write.
    assert!(nobody > 0 && everyone > 0, "nobody {nobody}, everyone {everyone}");
}

#[test]
fn a_first_import_beside_an_open_reader_stays_in_wal() {
    let db = TestDb::sqlite();
    db.ok(&["init", "--org", "Acme"]);
    let reader = db.sql();
    reader.execute_batch("BEGIN; SELECT count(*) FROM users;").unwrap();
    let out =
        db.cmd().args(["user", "import", "-"]).write_stdin("email,name,surname\na@acme.test,A,T\n").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let seen: i64 = reader.query_row("SELECT count(*) FROM users", [], |r| r.get(0)).unwrap();
    assert_eq!(seen, 0, "the reader kept its snapshot: the import did not wait for it, nor it for the import");
    reader.execute_batch("COMMIT").unwrap();
    assert_eq!(db.count("SELECT count(*) FROM users"), 1);
}

/// A rehearsal killed midway leaves its folder (and its copy of the key
/// file); the next one removes it once an hour passed, and leaves a live
/// one's alone.
#[test]
fn a_dry_run_removes_what_a_killed_one_left() {
    let db = TestDb::sqlite_with_admin();
    let folder = |name: &str| db.dir.path().join(format!(".roster.db.rehearsal.{name}"));
    // Above any pid Linux hands out, this test's own (alive), and a name
    // from before folders carried the pid.
    let (dead, dead_recent, alive, unnamed) = (
        folder("999999999.00ff"),
        folder("999999998.00ff"),
        folder(&format!("{}.00ff", std::process::id())),
        folder("00112233445566ff"),
    );
    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    for left in [&dead, &dead_recent, &alive, &unnamed] {
        std::fs::create_dir(left).unwrap();
        std::fs::write(left.join("roster.db.key"), "a copy").unwrap();
        if left != &dead_recent {
            for path in [left.join("roster.db.key"), left.to_path_buf()] {
                std::fs::File::open(&path).unwrap().set_modified(two_hours_ago).unwrap();
            }
        }
    }
    db.cmd()
        .args(["user", "import", "-", "--dry-run"])
        .write_stdin("email,name,surname\nx@acme.test,X,Y\n")
        .assert()
        .success();
    assert!(!dead.exists(), "a killed rehearsal's folder stays");
    assert!(!unnamed.exists(), "an old rehearsal's folder stays");
    // A process that looks gone may run where this one cannot see it.
    assert!(dead_recent.join("roster.db.key").exists(), "a recently written folder was removed");
    assert!(alive.join("roster.db.key").exists(), "a live rehearsal's folder was removed");
}

/// A dry run is the import itself on a private copy (README, "Importing and
/// exporting users"): while it runs no writer waits, the real key file is
/// not advanced, and nothing is left behind.
#[test]
fn a_dry_run_import_holds_no_lock_and_leaves_nothing() {
    use std::io::Write;
    use std::process::Stdio;

    let db = TestDb::sqlite_with_admin();
    let key = std::fs::read(db.dir.path().join("roster.db.key")).unwrap();
    let mut dry = db
        .process()
        .args(["user", "import", "-", "--dry-run"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut file = dry.stdin.take().unwrap();
    file.write_all(b"email,name,surname\nim@acme.test,Im,Port\n").unwrap();
    file.flush().unwrap();
    // Its copy is made before it reads the file, which it is reading now.
    let staged = || {
        std::fs::read_dir(db.dir.path())
            .unwrap()
            .any(|e| e.unwrap().file_name().to_string_lossy().starts_with(".roster.db.rehearsal."))
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !staged() {
        assert!(std::time::Instant::now() < deadline, "the dry run never staged its copy");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(!write_locked(&db), "a dry run holds no write lock");
    let during = std::fs::read(db.dir.path().join("roster.db.key")).unwrap();
    assert_eq!(during, key, "inside its write, the dry run advanced only its copy's key file");
    db.ok(&["--wait", "0", "user", "add", "bo@acme.test", "--name", "Bo", "--surname", "Chen"]);
    drop(file);
    let out = dry.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("would create 1"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(db.count("SELECT count(*) FROM users WHERE email = 'im@acme.test'"), 0);
    assert!(!staged(), "the copy is removed");
    db.ok(&["audit", "verify"]);
}

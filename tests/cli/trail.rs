//! The audit chain, `maintain`, backups and checks.

use std::path::PathBuf;
use std::process::{Command, Stdio};

use serde::Deserialize;

use super::util::TestDb;

#[derive(Debug, Deserialize)]
struct Verification {
    entries: u64,
    broken_at: Option<i64>,
}

/// A history with one of everything: adds, edits, roles, groups, bulk
/// archive, import, delete.
fn mixed_history() -> TestDb {
    let db = TestDb::sqlite_with_admin();
    for i in 0..20 {
        db.add(&format!("u{i}@acme.test"), &["--department", if i % 2 == 0 { "Sales" } else { "Ops" }]);
    }
    db.ok(&["user", "edit", "u1@acme.test", "--name", "Üna", "--phone", "+1 555 0100"]);
    db.ok(&["group", "create", "ops"]);
    db.ok(&["group", "add", "ops", "u3@acme.test", "u5@acme.test"]);
    db.ok(&["role", "create", "crm", "--ability", "users.read"]);
    db.ok(&["role", "grant", "u7@acme.test", "crm"]);
    db.ok(&["user", "block", "u9@acme.test", "--reason", "left, \"for now\""]);
    db.ok(&["user", "archive", "--department", "Sales", "--yes"]);
    db.cmd()
        .args(["user", "import", "-"])
        .write_stdin("email,name,surname\nnew@acme.test,Nü,Ωmega\n")
        .assert()
        .success();
    db.ok(&["user", "delete", "u2@acme.test", "--yes"]);
    db
}

fn verify(db: &TestDb) -> (i32, Verification) {
    let out = db.cmd().args(["--format", "json", "audit", "verify"]).output().unwrap();
    (out.status.code().unwrap_or(-1), serde_json::from_slice(&out.stdout).unwrap())
}

#[test]
fn a_long_mixed_history_verifies() {
    let db = mixed_history();
    let total = db.count("SELECT count(*) FROM audit");
    let (code, v) = verify(&db);
    assert_eq!((code, v.entries as i64, v.broken_at), (0, total, None));
}

#[test]
fn the_trail_is_append_only() {
    let db = mixed_history();
    let err = db.sql().execute("UPDATE audit SET actor = 'nobody' WHERE seq = 3", []).unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    let err = db.sql().execute("DELETE FROM audit WHERE seq = 3", []).unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
}

#[test]
fn an_edit_with_the_triggers_dropped_is_named() {
    let db = mixed_history();
    let conn = db.sql();
    conn.execute_batch("DROP TRIGGER audit_is_append_only_update").unwrap();
    conn.execute("UPDATE audit SET details = '{\"name\":\"forged\"}' WHERE seq = 7", []).unwrap();
    let (code, v) = verify(&db);
    assert_eq!((code, v.broken_at), (10, Some(7)));
    let stderr = db.fails(10, &["audit", "verify"]);
    assert!(stderr.contains("entry 7"), "{stderr}");
    let check = db.fails(10, &["db", "check"]);
    assert!(check.is_empty() || !check.contains("panicked"));
}

#[test]
fn a_deleted_middle_entry_is_caught() {
    let db = mixed_history();
    let conn = db.sql();
    conn.execute_batch("DROP TRIGGER audit_is_append_only_delete").unwrap();
    conn.execute("DELETE FROM audit WHERE seq = 10", []).unwrap();
    let (code, v) = verify(&db);
    assert_eq!((code, v.broken_at), (10, Some(11)));
}

#[test]
fn a_reorder_is_caught() {
    let db = mixed_history();
    let conn = db.sql();
    conn.execute_batch(
        "DROP TRIGGER audit_is_append_only_update;
         UPDATE audit SET seq = -1 WHERE seq = 4; UPDATE audit SET seq = 4 WHERE seq = 5; UPDATE audit SET seq = 5 WHERE seq = -1;",
    )
    .unwrap();
    assert_eq!(verify(&db).1.broken_at, Some(4));
}

#[test]
fn an_exported_range_verifies_offline() {
    let db = mixed_history();
    let path = db.dir.path().join("trail.csv");
    db.ok(&["audit", "export", path.to_str().unwrap(), "--since", "2026-01-01"]);
    let out = Command::new(assert_cmd::cargo::cargo_bin("roster"))
        .args(["--db", "/nonexistent/never-opened.db", "audit", "verify", "--file", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // Filtered ranges verify entry by entry.
    let users = db.dir.path().join("users.csv");
    db.ok(&["audit", "export", users.to_str().unwrap(), "--action", "user"]);
    db.ok(&["audit", "verify", "--file", users.to_str().unwrap()]);
    // An edited export does not.
    let text = std::fs::read_to_string(&path).unwrap().replacen("u1@acme.test", "u1@evil.test", 1);
    std::fs::write(&path, text).unwrap();
    db.fails(10, &["audit", "verify", "--file", path.to_str().unwrap()]);
    let json = db.ok(&["--format", "json", "audit", "export"]);
    assert!(json.lines().all(|l| l.contains("\"hash\"")), "{json}");
}

#[test]
fn no_secret_reaches_the_trail() {
    let db = mixed_history();
    let hash = "$2b$04$EGdrhbKUv8Oc9vGiXX0HQOxSg445d458Muh7DAHskb6QbtCvdxcie";
    db.cmd()
        .args(["user", "import", "-"])
        .write_stdin(format!("email,password_hash\nu4@acme.test,{hash}\n"))
        .assert()
        .success();
    let trail = db.ok(&["--format", "json", "audit", "export"]);
    assert!(!trail.contains("$2b$") && !trail.contains("EGdrhbKU"), "{trail}");
}

#[test]
fn maintain_locks_dormant_users_once_and_dry_run_changes_nothing() {
    let db = TestDb::sqlite_with_admin();
    db.add("old@acme.test", &[]);
    db.add("robot@acme.test", &[]);
    db.ok(&["group", "create", "robots"]);
    db.ok(&["group", "add", "robots", "robot@acme.test"]);
    db.ok(&["policy", "set", "dormant_exempt_group", "robots"]);
    let later = |args: &[&str]| {
        let out = db.cmd().env("ROSTER_NOW", "2026-06-01T00:00:00Z").args(args).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let before = db.count("SELECT count(*) FROM audit");
    let dry = later(&["maintain", "--dry-run"]);
    assert!(dry.contains("lock-dormant: would block 1 dormant user(s)"), "{dry}");
    assert_eq!(db.count("SELECT count(*) FROM audit"), before);
    assert_eq!(db.count("SELECT count(*) FROM users WHERE status = 'blocked'"), 0);

    // Two copies at once: the job is done once.
    let spawn = || {
        Command::new(assert_cmd::cargo::cargo_bin("roster"))
            .env("ROSTER_NOW", "2026-06-01T00:00:00Z")
            .args(["--db", db.path.to_str().unwrap(), "--format", "json", "maintain"])
            .stdout(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    #[derive(Deserialize)]
    struct Job {
        job: String,
        ok: bool,
        count: u64,
    }
    let mut counts = Vec::new();
    for child in [a, b] {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        let jobs: Vec<Job> = serde_json::from_slice(&out.stdout).unwrap();
        assert!(jobs.iter().all(|j| j.ok));
        counts.push(jobs.iter().find(|j| j.job == "lock-dormant").map_or(99, |j| j.count));
    }
    counts.sort();
    assert_eq!(counts, [0, 1]);
    // The last admin and the exempt robot stay active; old is blocked as dormant.
    assert_eq!(db.count("SELECT count(*) FROM users WHERE status = 'blocked' AND block_reason = 'dormant'"), 1);
    assert_eq!(db.count("SELECT count(*) FROM users WHERE email = 'old@acme.test' AND status = 'blocked'"), 1);
    assert_eq!(db.count("SELECT count(*) FROM audit WHERE action = 'user.lock-dormant'"), 1);
    let (code, _) = verify(&db);
    assert_eq!(code, 0);
}

#[test]
fn lock_dormant_alone_with_days_and_dry_run() {
    let db = TestDb::with_admin();
    db.add("bo@acme.test", &[]);
    let at = |now: &str, args: &[&str]| -> String {
        let out = db.cmd().env("ROSTER_NOW", now).args(args).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(
        at("2026-03-01T00:00:00Z", &["user", "lock-dormant", "--days", "30", "--dry-run"]).trim(),
        "dormant=1 blocked=0"
    );
    assert_eq!(at("2026-03-01T00:00:00Z", &["user", "lock-dormant", "--days", "30"]).trim(), "dormant=1 blocked=1");
    assert_eq!(at("2026-03-01T00:00:00Z", &["user", "lock-dormant", "--days", "30"]).trim(), "dormant=0 blocked=0");
    db.ok(&["user", "unblock", "bo@acme.test"]);
    assert_eq!(at("2026-03-01T00:00:00Z", &["user", "lock-dormant"]).trim(), "dormant=0 blocked=0");
}

#[test]
fn a_backup_taken_during_writes_holds_every_committed_user() {
    let db = TestDb::sqlite_with_admin();
    // Another process adds users, one command each, while the backup runs.
    let writer = {
        let path = db.path.clone();
        std::thread::spawn(move || {
            for i in 0..40 {
                let status = Command::new(assert_cmd::cargo::cargo_bin("roster"))
                    .args(["--db", path.to_str().unwrap(), "-q", "--format", "json", "user", "add"])
                    .arg(format!("w{i}@acme.test"))
                    .args(["--name", "W", "--surname", "Riter"])
                    .stdout(Stdio::null())
                    .status()
                    .unwrap();
                assert!(status.success());
            }
        })
    };
    std::thread::sleep(std::time::Duration::from_millis(150));
    let copy = db.dir.path().join("copy.db");
    db.ok(&["db", "backup", copy.to_str().unwrap()]);
    let committed_before_backup_finished = db.count("SELECT count(*) FROM users");
    writer.join().unwrap();

    use std::os::unix::fs::PermissionsExt;
    assert_eq!(std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777, 0o600);
    // One file: its check (read-only) left nothing beside it.
    for beside in ["db-wal", "db-shm"] {
        assert!(!copy.with_extension(beside).exists(), "{beside} left beside the backup");
    }
    let backup = TestDb::at(copy.clone());
    backup.ok(&["db", "check"]);
    let in_copy = backup.count("SELECT count(*) FROM users");
    assert!(
        in_copy >= 1 && in_copy <= committed_before_backup_finished,
        "{in_copy} vs {committed_before_backup_finished}"
    );
    // Every user in the copy is whole: its add is in the copy's trail.
    assert_eq!(backup.count("SELECT count(*) FROM audit WHERE action = 'user.add'"), in_copy);
    // An existing file is never overwritten.
    db.fails(4, &["db", "backup", copy.to_str().unwrap()]);
}

#[test]
fn restore_asks_and_checks_the_backup_first() {
    let db = TestDb::sqlite_with_admin();
    let copy = db.dir.path().join("copy.db");
    db.ok(&["db", "backup", copy.to_str().unwrap()]);
    db.add("after@acme.test", &[]);
    let err = db.fails(2, &["db", "restore", copy.to_str().unwrap()]);
    assert!(err.contains("--yes"), "{err}");
    assert_eq!(db.count("SELECT count(*) FROM users"), 2);
    db.ok(&["db", "restore", copy.to_str().unwrap(), "--yes"]);
    assert_eq!(db.count("SELECT count(*) FROM users"), 1);
    assert_eq!(db.count("SELECT count(*) FROM audit WHERE action = 'db.restore'"), 1);
    db.ok(&["audit", "verify"]);
    // A broken backup is refused and nothing changes.
    let bad = TestDb::at(copy.clone());
    let conn = bad.sql();
    conn.execute_batch("DROP TRIGGER audit_is_append_only_update; UPDATE audit SET actor = 'x' WHERE seq = 1;")
        .unwrap();
    drop(conn);
    db.add("kept@acme.test", &[]);
    db.fails(10, &["db", "restore", copy.to_str().unwrap(), "--yes"]);
    assert_eq!(db.count("SELECT count(*) FROM users"), 2);
}

#[test]
fn a_backup_with_other_pages_is_restored() {
    let db = TestDb::sqlite_with_admin();
    assert_eq!(db.count("PRAGMA page_size"), 16384, "a new database has 16 KiB pages");
    let copy = db.dir.path().join("copy.db");
    db.ok(&["db", "backup", copy.to_str().unwrap()]);
    // As a backup from before 16 KiB pages would be.
    let old = rusqlite::Connection::open(&copy).unwrap();
    old.execute_batch("PRAGMA journal_mode = DELETE; PRAGMA page_size = 4096; VACUUM;").unwrap();
    assert_eq!(old.query_row("PRAGMA page_size", [], |r| r.get::<_, i64>(0)).unwrap(), 4096);
    drop(old);
    db.add("after@acme.test", &[]);
    db.ok(&["db", "restore", copy.to_str().unwrap(), "--yes"]);
    assert_eq!(db.count("SELECT count(*) FROM users"), 1);
    assert_eq!(db.count("PRAGMA page_size"), 4096);
    let mode: String = db.sql().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    db.add("later@acme.test", &[]);
    db.ok(&["audit", "verify"]);
    db.ok(&["db", "check"]);
}

#[test]
fn a_refused_restore_into_a_new_file_makes_no_key_file() {
    let db = TestDb::sqlite_with_admin();
    let copy = db.dir.path().join("copy.db");
    db.ok(&["db", "backup", copy.to_str().unwrap()]);
    let target = TestDb::at(PathBuf::new());
    let fresh = target.dir.path().join("new.db");
    let out = Command::new(assert_cmd::cargo::cargo_bin("roster"))
        .args(["--db", fresh.to_str().unwrap(), "--as", "ghost@acme.test", "db", "restore"])
        .args([copy.to_str().unwrap(), "--yes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!target.dir.path().join("new.db.key").exists(), "a refusal made a key file");
}

#[test]
fn man_pages_are_written_for_every_command() {
    let db = TestDb::new();
    let dir = db.dir.path().join("man");
    db.ok(&["man", dir.to_str().unwrap()]);
    for page in ["roster.1", "roster-user-import.1", "roster-audit-verify.1", "roster-db-backup.1"] {
        let text = std::fs::read_to_string(dir.join(page)).unwrap_or_default();
        assert!(text.contains(".TH"), "{page}");
    }
}

/// 2,500 imported users (two full runs of lines and part of a third), then
/// 1,200 of them archived by filter; with the verification key `init` showed.
/// On SQLite, which stores bulk work as lines (a server stores every hash).
fn bulk_history() -> (TestDb, String) {
    let db = TestDb::sqlite();
    let shown = db.ok(&["init", "--org", "Acme"]);
    let key = shown.lines().find(|l| l.starts_with("rvk1-")).expect("init shows the verification key");
    let key_file = db.dir.path().join("verify.key");
    std::fs::write(&key_file, key).unwrap();
    let mut csv = String::from("email,name,surname,department\n");
    for i in 0..2500 {
        csv.push_str(&format!("b{i:04}@acme.test,Bo,Bulk,{}\n", if i < 1200 { "Old" } else { "New" }));
    }
    db.cmd().args(["user", "import", "-"]).write_stdin(csv).assert().success();
    db.ok(&["user", "archive", "--department", "Old", "--yes"]);
    (db, key_file.to_str().unwrap().to_owned())
}

/// The seq of the first line (an entry stored without its hash) and of the
/// entry after it that is stored with one.
fn a_run(db: &TestDb) -> (i64, i64) {
    let line = db.count("SELECT min(seq) FROM audit WHERE hash = ''");
    (line, db.count(&format!("SELECT min(seq) FROM audit WHERE seq > {line} AND hash <> ''")))
}

#[test]
fn bulk_work_is_stored_as_lines_and_verifies() {
    let (db, key) = bulk_history();
    let total = db.count("SELECT count(*) FROM audit");
    // One stored hash in a thousand lines, and the last of each command.
    let stored = db.count("SELECT count(*) FROM audit WHERE action IN ('user.add', 'user.archive') AND hash <> ''");
    assert!(stored <= 8, "{stored} of {total} lines stored with a hash");
    // The append-only guard an import suspends for its load is back.
    let guard = "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name = 'audit_is_never_replaced'";
    assert_eq!(db.count(guard), 1);
    // Every line is sealed all the same, and every seal checks.
    assert_eq!(db.count("SELECT count(*) FROM audit WHERE seal IS NULL OR epoch IS NULL"), 0);
    let (code, v) = verify(&db);
    assert_eq!((code, v.entries as i64, v.broken_at), (0, total, None));
    let checked = db.ok(&["audit", "verify", "--verify-key", &key]);
    assert!(checked.contains(&format!("{total} of {total} seals checked")), "{checked}");
    db.ok(&["db", "check"]);
    // A line is shown with its hash, recomputed: the one its export carries.
    let (line, _) = a_run(&db);
    let shown: Vec<serde_json::Value> = db.json(&["audit", "list", "--user", "b0000@acme.test"]);
    let added = shown.iter().find(|e| e["action"] == "user.add").unwrap();
    assert_eq!(added["seq"], line);
    let hash = added["hash"].as_str().unwrap();
    assert_eq!(hash.len(), 64, "{added}");
    let export = db.ok(&["audit", "export", "--user", "b0000@acme.test"]);
    assert!(export.contains(hash), "{export}");
}

#[test]
fn an_edited_line_is_caught() {
    let (db, _) = bulk_history();
    let (line, _) = a_run(&db);
    let conn = db.sql();
    conn.execute_batch("DROP TRIGGER audit_is_append_only_update").unwrap();
    conn.execute(
        &format!("UPDATE audit SET details = replace(details, 'Bulk', 'Forged') WHERE seq = {}", line + 5),
        [],
    )
    .unwrap();
    let (code, v) = verify(&db);
    assert_eq!((code, v.broken_at), (10, Some(line + 5)));
    let stderr = db.fails(10, &["audit", "verify"]);
    assert!(stderr.contains("seal does not match"), "{stderr}");
    // An export of the edited line alone, without the stored hash that
    // covers it, is refused: its recomputed hash would link.
    let edited = db.count(&format!("SELECT target_id FROM audit WHERE seq = {}", line + 5));
    let email: String = conn.query_row("SELECT email FROM users WHERE id = ?1", [edited], |r| r.get(0)).unwrap();
    let stderr = db.fails(10, &["audit", "export", "-", "--user", &email, "--action", "user.add"]);
    assert!(stderr.contains("does not link up"), "{stderr}");
}

#[test]
fn a_stored_hash_taken_out_of_a_run_is_caught() {
    let (db, _) = bulk_history();
    let (_, covering) = a_run(&db);
    let conn = db.sql();
    conn.execute_batch("DROP TRIGGER audit_is_append_only_update").unwrap();
    // Two runs made one, too long for a run.
    conn.execute(&format!("UPDATE audit SET hash = '' WHERE seq = {covering}"), []).unwrap();
    let stderr = db.fails(10, &["audit", "verify"]);
    assert!(stderr.contains("in a row without a hash"), "{stderr}");
}

#[test]
fn a_trail_cut_inside_a_run_is_caught() {
    let (db, _) = bulk_history();
    let conn = db.sql();
    conn.execute_batch("DROP TRIGGER audit_is_append_only_delete").unwrap();
    let last_line = db.count("SELECT max(seq) FROM audit WHERE hash = ''");
    conn.execute(&format!("DELETE FROM audit WHERE seq > {last_line}"), []).unwrap();
    let stderr = db.fails(10, &["audit", "verify"]);
    assert!(stderr.contains(&format!("ends at entry {last_line}, which has no hash")), "{stderr}");
}

/// The hash of an exported row's content after `prev`, as roster links it.
fn link(prev: &str, row: &csv::StringRecord) -> String {
    use sha2::Digest;
    let id: Option<i64> = row[4].parse().ok();
    let content = (&row[1], &row[2], &row[3], id, Some(&row[5]), &row[6]);
    let mut hasher = sha2::Sha256::new();
    hasher.update(prev.as_bytes());
    hasher.update(b"\n");
    hasher.update(serde_json::to_vec(&content).unwrap());
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn an_export_of_lines_verifies_seal_by_seal() {
    let (db, key) = bulk_history();
    let path = db.dir.path().join("trail.csv");
    let file = path.to_str().unwrap();
    db.ok(&["audit", "export", file]);
    let whole = db.ok(&["audit", "verify", "--file", file, "--verify-key", &key]);
    assert!(whole.starts_with("ok") && whole.contains("seals checked"), "{whole}");
    // One user's lines, out of their runs, are sealed each.
    let one = db.dir.path().join("one.csv");
    let one_file = one.to_str().unwrap();
    db.ok(&["audit", "export", one_file, "--user", "b0007@acme.test"]);
    let alone = db.ok(&["audit", "verify", "--file", one_file, "--verify-key", &key]);
    assert!(alone.contains("2 of 2 seals checked"), "{alone}");
    // A line edited with its hash recomputed does not verify: its seal is
    // wrong, and without a seal it stands out among sealed rows.
    for (forged_row, strip_seal) in [(1, false), (1, true)] {
        let mut reader = csv::Reader::from_path(&one).unwrap();
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(reader.headers().unwrap()).unwrap();
        for (i, row) in reader.records().enumerate() {
            let mut row: Vec<String> = row.unwrap().iter().map(str::to_owned).collect();
            if i == forged_row {
                row[6] = row[6].replace("archived", "active").replace("Bulk", "Forged");
                row[8] = link(&row[7], &csv::StringRecord::from(row.clone()));
                if strip_seal {
                    (row[9], row[10]) = (String::new(), String::new());
                }
            }
            writer.write_record(&row).unwrap();
        }
        let forged = db.dir.path().join("forged.csv");
        std::fs::write(&forged, writer.into_inner().unwrap()).unwrap();
        let forged = forged.to_str().unwrap();
        if strip_seal {
            db.fails(10, &["audit", "verify", "--file", forged]);
        } else {
            assert!(db.ok(&["audit", "verify", "--file", forged]).starts_with("ok"), "the forgery links");
        }
        let stderr = db.fails(10, &["audit", "verify", "--file", forged, "--verify-key", &key]);
        assert!(stderr.contains("seal"), "{stderr}");
    }
}

#[test]
fn a_change_of_one_user_stores_its_hash() {
    let (db, _) = bulk_history();
    db.ok(&["user", "archive", "b2000@acme.test", "--yes"]);
    assert_eq!(db.count("SELECT hash <> '' AND seal IS NOT NULL FROM audit ORDER BY seq DESC LIMIT 1"), 1);
    assert_eq!(verify(&db).0, 0);
}

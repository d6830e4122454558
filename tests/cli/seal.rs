//! The sealed audit trail: each tamper is named, by the trail on this
//! machine, by the verification key, by a head kept elsewhere, and in an
//! export.

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

use roster::store::audit::{Content, GENESIS};
use serde::Deserialize;

use super::util::TestDb;

#[derive(Debug, Deserialize)]
struct Verification {
    entries: u64,
    seals_checked: u64,
    problem: Option<String>,
}

/// A database whose first entries were sealed a day before the rest (two
/// epochs apart), and the verification key `init` showed, in a file.
struct Sealed {
    db: TestDb,
    verify_key: PathBuf,
}

impl Sealed {
    fn new() -> Sealed {
        let db = TestDb::sqlite();
        let out = db.cmd().env("ROSTER_NOW", "2026-01-14T09:00:00Z").args(["init", "--org", "Acme"]).output().unwrap();
        assert!(out.status.success());
        let shown = String::from_utf8(out.stdout).unwrap();
        let key = shown.lines().find(|l| l.starts_with("rvk1-")).expect("init shows the verification key").to_owned();
        let verify_key = db.dir.path().join("verify.key");
        std::fs::write(&verify_key, &key).unwrap();
        for i in 0..6 {
            db.add(&format!("u{i}@acme.test"), &[]);
        }
        db.ok(&["user", "block", "u1@acme.test"]);
        Sealed { db, verify_key }
    }

    fn verify(&self, extra: &[&str]) -> (i32, Verification) {
        let mut args = vec!["--format", "json", "audit", "verify"];
        args.extend_from_slice(extra);
        let out = self.db.cmd().args(&args).output().unwrap();
        (out.status.code().unwrap(), serde_json::from_slice(&out.stdout).unwrap())
    }

    fn with_key(&self) -> (i32, Verification) {
        self.verify(&["--verify-key", self.verify_key.to_str().unwrap()])
    }

    /// The problem `audit verify` names (exit 10), with the key and without.
    fn problem(&self, extra: &[&str]) -> String {
        let (code, found) = self.verify(extra);
        assert_eq!(code, 10, "{found:?}");
        found.problem.expect("a problem named")
    }

    fn key_file(&self) -> PathBuf {
        self.db.dir.path().join("roster.db.key")
    }

    fn total(&self) -> i64 {
        self.db.count("SELECT count(*) FROM audit")
    }
}

#[test]
fn an_untouched_trail_verifies_with_every_seal() {
    let s = Sealed::new();
    let (code, found) = s.verify(&[]);
    assert_eq!((code, found.entries as i64, found.problem), (0, s.total(), None));
    let (code, found) = s.with_key();
    assert_eq!((code, found.seals_checked as i64, found.problem), (0, s.total(), None));
    let head = s.db.ok(&["audit", "head"]);
    s.db.ok(&["audit", "verify", "--expect-head", head.trim()]);
}

#[test]
fn the_key_file_and_the_head_are_private_and_the_verification_key_is_shown_once() {
    let s = Sealed::new();
    for file in [s.key_file(), s.db.dir.path().join("roster.db.key.head")] {
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{}", file.display());
    }
    let shown = std::fs::read_to_string(&s.verify_key).unwrap();
    let hex = shown.trim().rsplit('-').next().unwrap().to_owned();
    // The first key has evolved away: the file holds a later one only.
    assert!(!std::fs::read_to_string(s.key_file()).unwrap().contains(&hex));
    assert!(s.db.fails(4, &["audit", "verify-key"]).contains("shown already"));
    let backup = s.db.dir.path().join("backup.db");
    s.db.ok(&["db", "backup", backup.to_str().unwrap()]);
    assert!(!s.db.dir.path().join("backup.db.key").exists());
    let dump = std::fs::read(&backup).unwrap();
    assert!(!dump.windows(hex.len()).any(|w| w == hex.as_bytes()));
}

#[test]
fn a_cut_tail_and_an_emptied_trail_are_named() {
    let s = Sealed::new();
    let conn = s.db.sql();
    conn.execute_batch("DROP TRIGGER audit_is_append_only_delete").unwrap();
    conn.execute("DELETE FROM audit WHERE seq > ?1", [s.total() - 2]).unwrap();
    assert!(s.problem(&[]).contains("cut from the end"));
    conn.execute("DELETE FROM audit", []).unwrap();
    assert!(s.problem(&[]).contains("emptied"));
    // Also where the head file went with the trail.
    std::fs::remove_file(s.db.dir.path().join("roster.db.key.head")).unwrap();
    let (code, found) = s.with_key();
    assert_eq!(code, 10);
    assert!(found.problem.unwrap().contains("emptied"));
}

#[test]
fn a_head_kept_elsewhere_sees_a_cut_when_the_head_file_is_gone() {
    let s = Sealed::new();
    let head = s.db.ok(&["audit", "head"]);
    std::fs::remove_file(s.db.dir.path().join("roster.db.key.head")).unwrap();
    let conn = s.db.sql();
    conn.execute_batch("DROP TRIGGER audit_is_append_only_delete").unwrap();
    conn.execute("DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)", []).unwrap();
    s.db.ok(&["audit", "verify"]);
    assert!(s.problem(&["--expect-head", head.trim()]).contains("you expected"));
}

/// seq, at, actor, action, target_id, target, details.
type StoredEntry = (i64, String, String, String, Option<i64>, Option<String>, String);

/// Edits entry 3 and recomputes every hash after it, resealing with the key
/// file's key as a thief of the machine could; the head file is rewritten too.
#[test]
fn a_recomputed_and_resealed_chain_is_named() {
    let s = Sealed::new();
    let conn = s.db.sql();
    conn.execute_batch("DROP TRIGGER audit_is_append_only_update").unwrap();
    conn.execute("UPDATE audit SET details = '{\"forged\":true}' WHERE seq = 3", []).unwrap();
    let rows: Vec<StoredEntry> = {
        let mut stmt =
            conn.prepare("SELECT seq, at, actor, action, target_id, target, details FROM audit ORDER BY seq").unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let mut prev = GENESIS.to_owned();
    for (seq, at, actor, action, target_id, target, details) in &rows {
        let content = Content { at, actor, action, target_id: *target_id, target: target.as_deref(), details };
        prev = content.link(&prev).unwrap();
        conn.execute("UPDATE audit SET hash = ?2 WHERE seq = ?1", rusqlite::params![seq, prev]).unwrap();
    }
    let found = s.problem(&[]);
    assert!(found.contains("not the one this machine recorded") || found.contains("seal does not match"), "{found}");
    // The thief rewrites the head file and reseals with today's key: the
    // verification key still sees yesterday's seals broken.
    let last = rows.last().unwrap().0;
    std::fs::write(s.db.dir.path().join("roster.db.key.head"), format!("{last}:{prev}\n")).unwrap();
    let text = std::fs::read_to_string(s.key_file()).unwrap();
    let today = text.lines().find_map(|l| l.strip_prefix("seal ")).unwrap();
    let epoch: i64 = text.lines().find_map(|l| l.strip_prefix("epoch ")).unwrap().parse().unwrap();
    let key: [u8; 32] = (0..32)
        .map(|i| u8::from_str_radix(&today[2 * i..2 * i + 2], 16).unwrap())
        .collect::<Vec<_>>()
        .try_into()
        .unwrap();
    let mut stmt = conn.prepare("SELECT seq, hash FROM audit ORDER BY seq").unwrap();
    let hashes: Vec<(i64, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<Result<_, _>>().unwrap();
    for (seq, hash) in hashes {
        let seal = roster::store::audit::seal(&key, epoch, &hash);
        conn.execute(
            "UPDATE audit SET epoch = ?2, seal = ?3 WHERE seq = ?1",
            rusqlite::params![seq, epoch, seal.to_vec()],
        )
        .unwrap();
    }
    s.db.ok(&["audit", "verify"]);
    let (code, found) = s.with_key();
    assert_eq!(code, 10);
    assert!(found.problem.unwrap().contains("was resealed after its key was gone"));
}

#[test]
fn a_renumbered_trail_and_a_replaced_row_are_named() {
    let s = Sealed::new();
    let conn = s.db.sql();
    let replace = conn.execute(
        "INSERT OR REPLACE INTO audit (seq, at, actor, action, details, hash) VALUES (2, 't', 'x', 'y', '{}', 'h')",
        [],
    );
    assert!(replace.unwrap_err().to_string().contains("append-only"));
    conn.execute_batch("DROP TRIGGER audit_is_append_only_update").unwrap();
    conn.execute("UPDATE audit SET seq = seq + 100 WHERE seq >= 5", []).unwrap();
    assert!(s.problem(&[]).contains("entry 5 is missing"));
}

#[test]
fn an_unsealed_entry_after_sealed_ones_is_named() {
    let s = Sealed::new();
    let conn = s.db.sql();
    conn.execute_batch("DROP TRIGGER audit_is_append_only_update").unwrap();
    conn.execute("UPDATE audit SET epoch = NULL, seal = NULL WHERE seq = 4", []).unwrap();
    assert!(s.problem(&[]).contains("entry 4 has no seal"));
}

#[test]
fn a_write_without_the_key_file_is_refused_and_reads_go_on() {
    let s = Sealed::new();
    let moved = s.db.dir.path().join("elsewhere.key");
    std::fs::rename(s.key_file(), &moved).unwrap();
    let before = s.total();
    let stderr = s.db.fails(10, &["user", "block", "u2@acme.test"]);
    assert!(stderr.contains("key file is missing"), "{stderr}");
    assert_eq!(s.total(), before);
    s.db.ok(&["user", "list"]);
    s.db.cmd().env("ROSTER_KEY_FILE", &moved).args(["user", "block", "u2@acme.test"]).assert().success();
    assert!(moved.with_file_name("elsewhere.key.head").exists());
}

/// An export, and what its rows become after `edit`.
fn export_edited(s: &Sealed, edit: impl Fn(&mut Vec<String>)) -> String {
    let path = s.db.dir.path().join("trail.csv");
    s.db.ok(&["audit", "export", path.to_str().unwrap()]);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    edit(&mut lines);
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let out =
        s.db.cmd().args(["--format", "json", "audit", "verify", "--file", path.to_str().unwrap()]).output().unwrap();
    let found: Verification = serde_json::from_slice(&out.stdout).unwrap();
    match out.status.code() {
        Some(0) => String::new(),
        Some(10) => found.problem.unwrap(),
        other => panic!("exit {other:?}"),
    }
}

#[test]
fn an_export_shows_a_deleted_swapped_or_cut_row() {
    let s = Sealed::new();
    assert_eq!(export_edited(&s, |_| {}), "");
    assert!(export_edited(&s, |rows| drop(rows.remove(4))).contains("missing or moved"));
    assert!(export_edited(&s, |rows| rows.swap(3, 4)).contains("missing or moved"));
    assert!(export_edited(&s, |rows| rows.truncate(rows.len() - 2)).contains("cut from the end"));
    assert!(export_edited(&s, |rows| drop(rows.remove(1))).contains("missing or moved"));
}

/// Everything of the database on disk: the file and its WAL.
fn on_disk(db: &TestDb) -> Vec<u8> {
    let mut bytes = std::fs::read(&db.path).unwrap();
    bytes.extend(std::fs::read(db.path.with_extension("db-wal")).unwrap_or_default());
    bytes
}

#[test]
fn the_database_alone_holds_no_totp_secret_and_no_queued_token() {
    let db = TestDb::sqlite_with_admin();
    let enrolled: serde_json::Value = db.json(&["user", "2fa", "enroll", "ana@acme.test"]);
    let secret = enrolled["secret"].as_str().unwrap().to_owned();
    let out = db.cmd().env("ROSTER_SMTP_URL", "smtp://127.0.0.1:1").args(["invite", "send", "kim@acme.test"]).output();
    assert!(out.unwrap().status.success());
    assert_eq!(db.count("SELECT count(*) FROM mail WHERE status = 'queued' AND body_text LIKE 'enc1:%'"), 1);
    let disk = on_disk(&db);
    let holds = |text: &str| disk.windows(text.len()).any(|w| w == text.as_bytes());
    assert!(!holds(&secret), "the TOTP secret is readable in the database");
    assert!(!holds("invite accept"), "a queued mail body is readable in the database");
    // Delivered later, the mail is whole: its body opened with the key file.
    let outbox = std::path::PathBuf::from(format!("{}.outbox", db.path.display()));
    db.cmd().env("ROSTER_NOW", "2026-01-15T10:00:00Z").args(["mail", "flush"]).assert().success();
    let eml = std::fs::read_dir(&outbox).unwrap().flatten().next().unwrap().path();
    let mail = std::fs::read_to_string(eml).unwrap().replace("=\r\n", "").replace("=\n", "");
    assert!(mail.contains("invite accept"));
    let token = mail
        .lines()
        .map(str::trim)
        .find(|l| l.len() == 64 && l.chars().all(|c| c.is_ascii_hexdigit()))
        .expect("the token in the delivered mail");
    assert!(!holds(token), "the queued token was readable in the database");
}

/// A roster database as it was before V9: no key file, no seals, and a
/// TOTP secret stored as it was typed.
fn from_before_the_key_file() -> TestDb {
    let db = TestDb::sqlite();
    let elsewhere = db.dir.path().join("gone.key");
    db.cmd().env("ROSTER_KEY_FILE", &elsewhere).args(["init", "--org", "Acme"]).assert().success();
    std::fs::remove_file(&elsewhere).unwrap();
    let sql = db.sql();
    // The search index's trigger calls roster's folding; this test never searches.
    let flags = rusqlite::functions::FunctionFlags::SQLITE_UTF8;
    sql.create_scalar_function("user_search_text", 3, flags, |_| Ok(String::new())).unwrap();
    sql.execute_batch(
        "DROP TRIGGER audit_is_append_only_update;
             UPDATE audit SET epoch = NULL, seal = NULL;
             PRAGMA user_version = 0;
             INSERT INTO users (email, email_key, name, surname, created_at, updated_at, last_seen_at, totp_secret)
             VALUES ('old@acme.test', 'old@acme.test', 'Old', 'Timer', '2026-01-01T00:00:00Z',
                     '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'JBSWY3DPEHPK3PXP');",
    )
    .unwrap();
    db
}

#[test]
fn secrets_stored_before_the_key_file_are_encrypted_at_its_first_write() {
    let db = from_before_the_key_file();
    db.ok(&["user", "list"]);
    assert!(!db.dir.path().join("roster.db.key").exists(), "a read makes no key file");
    db.add("new@acme.test", &[]);
    assert_eq!(db.count("SELECT count(*) FROM users WHERE totp_secret LIKE 'enc1:%'"), 1);
    db.ok(&["audit", "verify"]);
}

#[test]
fn a_restored_backup_from_before_the_key_file_has_its_secrets_encrypted() {
    let old = from_before_the_key_file();
    let db = TestDb::sqlite_with_admin();
    db.ok(&["db", "restore", old.path.to_str().unwrap(), "--yes"]);
    assert_eq!(db.count("SELECT count(*) FROM users WHERE totp_secret LIKE 'enc1:%'"), 1);
    db.ok(&["audit", "verify"]);
}

#[test]
fn an_entry_forged_after_the_head_is_named_without_the_key() {
    let s = Sealed::new();
    let text = std::fs::read_to_string(s.key_file()).unwrap();
    let epoch: i64 = text.lines().find_map(|l| l.strip_prefix("epoch ")).unwrap().parse().unwrap();
    let conn = s.db.sql();
    let (seq, prev): (i64, String) = conn
        .query_row("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    let content = Content {
        at: "2026-01-15T09:30:00Z",
        actor: "os:root",
        action: "user.delete",
        target_id: None,
        target: Some("boss@acme.test"),
        details: "{}",
    };
    let hash = content.link(&prev).unwrap();
    conn.execute(
        "INSERT INTO audit (seq, at, actor, action, target, details, hash, epoch, seal)
         VALUES (?1, '2026-01-15T09:30:00Z', 'os:root', 'user.delete', 'boss@acme.test', '{}', ?2, ?3, zeroblob(32))",
        rusqlite::params![seq + 1, hash, epoch + 1],
    )
    .unwrap();
    assert!(s.problem(&[]).contains("not sealed here"));
}

#[test]
fn a_backup_is_restored_only_where_its_key_file_is() {
    let s = Sealed::new();
    s.db.json::<serde_json::Value>(&["user", "2fa", "enroll", "u0@acme.test"]);
    let backup = s.db.dir.path().join("b.db");
    s.db.ok(&["db", "backup", backup.to_str().unwrap()]);
    let other = TestDb::sqlite_with_admin();
    let said = other.fails(10, &["db", "restore", backup.to_str().unwrap(), "--yes"]);
    assert!(said.contains("another key file"), "{said}");
    assert_eq!(other.count("SELECT count(*) FROM users WHERE email = 'u0@acme.test'"), 0, "nothing replaced");
    let out = other
        .cmd()
        .env("ROSTER_KEY_FILE", s.key_file())
        .args(["db", "restore", backup.to_str().unwrap(), "--yes"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_mail_this_key_file_cannot_open_fails_alone() {
    let db = TestDb::sqlite_with_admin();
    for to in ["a@acme.test", "b@acme.test"] {
        let out = db.cmd().env("ROSTER_SMTP_URL", "smtp://127.0.0.1:1").args(["invite", "send", to]).output();
        assert!(out.unwrap().status.success());
    }
    db.sql().execute("UPDATE mail SET body_text = 'enc1:00' WHERE to_addr = 'a@acme.test'", []).unwrap();
    db.cmd().env("ROSTER_NOW", "2026-01-15T10:00:00Z").args(["mail", "flush"]).assert().success();
    let status = |to: &str| -> String {
        db.sql().query_row("SELECT status FROM mail WHERE to_addr = ?1", [to], |r| r.get(0)).unwrap()
    };
    assert_eq!((status("a@acme.test"), status("b@acme.test")), ("failed".into(), "sent".into()));
}

/// Another database's key file is refused by a writer before it seals
/// anything (its seals would break the trail for good), and `db check`
/// holds the trail against this machine's key as `audit verify` does.
#[test]
fn another_database_s_key_file_seals_nothing() {
    let s = Sealed::new();
    // A write with `other`'s key file: refused for `why`, nothing written.
    let refused = |other: &TestDb, why: &str| {
        let before = s.total();
        let out =
            s.db.cmd()
                .env("ROSTER_KEY_FILE", other.dir.path().join("roster.db.key"))
                .args(["user", "block", "u2@acme.test"])
                .output()
                .unwrap();
        let said = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(10), "{said}");
        assert!(said.contains(why), "{said}");
        assert_eq!(s.total(), before, "nothing written");
    };
    refused(&TestDb::sqlite_with_admin(), "another database's");
    assert_eq!(s.verify(&[]).0, 0);
    s.db.ok(&["db", "check"]);
    // A key file moved on past this trail's last entry cannot be checked by
    // that seal; a secret this database holds still tells it apart.
    s.db.ok(&["org", "set", "--smtp-url", "smtp://127.0.0.1:1"]);
    let later = TestDb::sqlite();
    later.cmd().env("ROSTER_NOW", "2027-06-01T00:00:00Z").args(["init", "--org", "Later"]).assert().success();
    refused(&later, "none of the stored secrets");
    // A seal rewritten: `db check` names it, as `audit verify` does.
    let conn = s.db.sql();
    conn.execute_batch("DROP TRIGGER audit_is_append_only_update").unwrap();
    conn.execute("UPDATE audit SET seal = zeroblob(32) WHERE seq = (SELECT max(seq) FROM audit)", []).unwrap();
    let out = s.db.cmd().args(["db", "check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(10));
    assert!(String::from_utf8_lossy(&out.stdout).contains("seal does not match"), "{out:?}");
}

/// The SMTP URL may hold the mail server's password: it is kept encrypted
/// (a backup alone does not tell it), an older plain one is encrypted by
/// the next write, and mail still goes to the server it names.
#[test]
fn the_smtp_password_is_not_readable_from_the_database() {
    let db = TestDb::sqlite_with_admin();
    let url = "smtp://mailer:pw-Secret9@127.0.0.1:1";
    let stored = || -> String { db.sql().query_row("SELECT smtp_url FROM org", [], |r| r.get(0)).unwrap() };
    db.ok(&["org", "set", "--smtp-url", url]);
    assert!(stored().starts_with("enc1:") && !stored().contains("pw-Secret9"), "{}", stored());
    db.sql().execute("UPDATE org SET smtp_url = ?1", [url]).unwrap();
    db.add("bo@acme.test", &[]);
    assert!(stored().starts_with("enc1:"), "the next write encrypts it: {}", stored());
    let out = db.cmd().env_remove("ROSTER_SMTP_URL").args(["invite", "send", "cy@acme.test"]).output().unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("Connection refused"), "mail went to 127.0.0.1:1: {said}");
    let backup = db.dir.path().join("b.db");
    db.ok(&["db", "backup", backup.to_str().unwrap()]);
    assert!(!String::from_utf8_lossy(&std::fs::read(&backup).unwrap()).contains("pw-Secret9"));
}

/// A key file others may read is not used (as ssh refuses such a key),
/// for a write or a check, until it is private again.
#[test]
fn a_key_file_others_may_read_is_not_used() {
    let s = Sealed::new();
    let before = s.total();
    std::fs::set_permissions(s.key_file(), std::fs::Permissions::from_mode(0o644)).unwrap();
    let said = s.db.fails(10, &["user", "block", "u2@acme.test"]);
    assert!(said.contains("chmod 600"), "{said}");
    assert!(s.db.fails(10, &["audit", "verify"]).contains("may be read by others"));
    assert_eq!(s.total(), before, "nothing written");
    std::fs::set_permissions(s.key_file(), std::fs::Permissions::from_mode(0o600)).unwrap();
    s.db.ok(&["user", "block", "u2@acme.test"]);
}

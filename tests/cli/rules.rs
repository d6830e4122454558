//! One rule engine: the same change refused or done the same way whatever
//! the door (a command, an import row, an invite, cron).

use std::process::Output;

use serde::Deserialize;

use super::util::TestDb;

const EIGHT_DAYS_LATER: &str = "2026-01-23T09:00:01Z";

fn import(db: &TestDb, csv: &str, now: Option<&str>) -> Output {
    let mut cmd = db.cmd();
    if let Some(now) = now {
        cmd.env("ROSTER_NOW", now);
    }
    cmd.args(["user", "import", "-"]).write_stdin(csv.to_owned()).output().unwrap()
}

fn status(db: &TestDb, email: &str) -> String {
    db.sql()
        .query_row("SELECT status FROM users WHERE email = ?1", [email], |r| r.get(0))
        .unwrap_or_else(|_| "gone".to_owned())
}

fn invite_status(db: &TestDb, email: &str) -> Vec<String> {
    let conn = db.sql();
    let mut stmt = conn.prepare("SELECT status FROM invites WHERE email = ?1 ORDER BY id").unwrap();
    stmt.query_map([email], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

#[test]
fn an_invitee_made_active_by_import_is_not_deleted_when_the_invite_would_expire() {
    let db = TestDb::sqlite_with_admin();
    db.ok(&["invite", "send", "kim@acme.test"]);
    let out = import(&db, "email,name,surname,status\nkim@acme.test,Kim,Lee,active\n", None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    db.ok(&["assignment", "add", "kim@acme.test", "--kind", "task", "--ref", "T-1"]);
    // The import confirmed kim: the invite ended, audited as a status change.
    assert_eq!(invite_status(&db, "kim@acme.test"), ["confirmed"]);
    assert_eq!(db.count("SELECT count(*) FROM audit WHERE action = 'user.confirm' AND target = 'kim@acme.test'"), 1);
    let out = db.cmd().env("ROSTER_NOW", EIGHT_DAYS_LATER).args(["maintain"]).output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("expired 0 overdue invite(s)"), "{said}");
    assert_eq!(status(&db, "kim@acme.test"), "active");
    assert_eq!(db.count("SELECT count(*) FROM assignments"), 1);
}

#[test]
fn import_status_cells_are_refused_from_the_states_the_commands_refuse() {
    let db = TestDb::sqlite_with_admin();
    db.ok(&["invite", "send", "iva@acme.test"]);
    db.add("arc@acme.test", &[]);
    db.ok(&["user", "archive", "arc@acme.test"]);
    db.add("busy@acme.test", &[]);
    db.ok(&["assignment", "add", "busy@acme.test", "--kind", "task", "--ref", "T-9"]);

    // The command and the import row give the same refusal and exit code.
    let by_command = db.fails(4, &["user", "block", "iva@acme.test"]);
    assert!(by_command.contains("cannot block iva@acme.test: the user is invited"), "{by_command}");
    let out = import(&db, "email,status\niva@acme.test,blocked\n", None);
    assert_eq!(out.status.code(), Some(4));
    let by_import = String::from_utf8_lossy(&out.stderr);
    assert!(by_import.contains("line 2: cannot block iva@acme.test: the user is invited"), "{by_import}");

    let out = import(&db, "email,status\narc@acme.test,blocked\n", None);
    assert_eq!(out.status.code(), Some(4), "{}", String::from_utf8_lossy(&out.stderr));
    db.fails(4, &["user", "block", "arc@acme.test"]);

    let out = import(&db, "email,status\nbusy@acme.test,archived\n", None);
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stderr).contains("open assignment"));
    db.fails(4, &["user", "archive", "busy@acme.test"]);

    // Nothing changed, and a refused file leaves no entry but its own.
    assert_eq!(
        (status(&db, "iva@acme.test"), status(&db, "arc@acme.test"), status(&db, "busy@acme.test")),
        ("invited".into(), "archived".into(), "active".into())
    );

    // Allowed moves are audited as the command would audit them.
    let out = import(&db, "email,status\nbusy@acme.test,blocked\n", None);
    assert!(out.status.success());
    assert_eq!(db.count("SELECT count(*) FROM audit WHERE action = 'user.block' AND target = 'busy@acme.test'"), 1);
    let out = import(&db, "email,status\nbusy@acme.test,active\n", None);
    assert!(out.status.success());
    assert_eq!(db.count("SELECT count(*) FROM audit WHERE action = 'user.unblock' AND target = 'busy@acme.test'"), 1);
}

#[test]
fn import_refusals_keep_their_exit_codes() {
    let db = TestDb::new();
    db.ok(&["init", "--org", "Acme", "--seats", "3"]);
    db.add("ana@acme.test", &["--role", "admin"]);
    db.add("ua@acme.test", &["--role", "user-admin"]);
    // A role the actor cannot grant: exit 6 from `role grant` and from import.
    db.add("bo@acme.test", &[]);
    db.fails(6, &["--as", "ua@acme.test", "role", "grant", "bo@acme.test", "admin"]);
    let out = db
        .cmd()
        .args(["--as", "ua@acme.test", "user", "import", "-"])
        .write_stdin("email,name,surname,roles\nbo@acme.test,Bo,Test,admin\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6), "{}", String::from_utf8_lossy(&out.stderr));
    // The refused rows are recorded, whether the file is refused whole or
    // its other rows are committed.
    // Newest first.
    let refusals = || -> Vec<serde_json::Value> { db.json(&["audit", "list", "--action", "access.denied"]) };
    let refused = refusals();
    let last = refused.first().expect("the refused import recorded");
    assert!(last["details"]["refused"].as_str().unwrap().contains("roles.manage"), "{last:?}");
    assert_eq!(refused.len(), 2, "the refused grant and the refused import: {refused:?}");
    let out = db
        .cmd()
        .args(["--as", "ua@acme.test", "user", "import", "-", "--skip-invalid"])
        .write_stdin("email,name,surname\nana@acme.test,Evil,Test\nbo@acme.test,Boo,Test\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(db.count("SELECT count(*) FROM users WHERE name = 'Evil' OR name = 'Boo'"), 1);
    let now = refusals();
    assert_eq!(now.len(), refused.len() + 1);
    let last = now.first().expect("the refused row recorded");
    assert_eq!((&last["actor"], &last["details"]["count"]), (&"ua@acme.test".into(), &1.into()), "{last:?}");
    assert!(last["details"]["refused"].as_str().unwrap().starts_with("line 2: "), "{last:?}");
    db.ok(&["audit", "verify"]);
    // No free seat: exit 4 from `user add` and from import.
    db.fails(4, &["user", "add", "cy@acme.test", "--name", "Cy", "--surname", "Test"]);
    let out = import(&db, "email,name,surname\ncy@acme.test,Cy,Test\n", None);
    assert_eq!(out.status.code(), Some(4));
    // Editing nobody is "not found", whatever the values.
    db.fails(3, &["user", "edit", "nobody@acme.test", "--phone", "1"]);
}

#[test]
fn a_hundred_bad_rows_do_not_hide_the_whole_file_s_seats() {
    let db = TestDb::new();
    db.ok(&["init", "--org", "Acme", "--seats", "3"]);
    db.add("ana@acme.test", &["--role", "admin"]);
    let mut csv = String::from("email,name,surname\n");
    for _ in 0..101 {
        csv.push_str("not-an-address,A,B\n");
    }
    for i in 0..3 {
        csv.push_str(&format!("new{i}@acme.test,N,N\n"));
    }
    let out = db.cmd().args(["user", "import", "-", "--skip-invalid"]).write_stdin(csv).output().unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(5), "{said}");
    assert!(said.contains("seats: for the whole file: no free seat"), "{said}");
    assert_eq!(db.count("SELECT count(*) FROM users"), 1, "nothing was written");
}

#[test]
fn an_invitee_with_open_work_is_neither_revoked_nor_expired() {
    let db = TestDb::sqlite_with_admin();
    db.ok(&["invite", "send", "x@acme.test"]);
    db.ok(&["assignment", "add", "x@acme.test", "--kind", "task", "--ref", "T-1"]);
    let err = db.fails(4, &["invite", "revoke", "x@acme.test"]);
    assert!(err.contains("open assignment"), "{err}");
    // The dry run counts what the job would do: nothing.
    let dry = db.cmd().env("ROSTER_NOW", EIGHT_DAYS_LATER).args(["invite", "expire", "--dry-run"]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&dry.stdout).trim(), "expired=0");
    db.cmd().env("ROSTER_NOW", EIGHT_DAYS_LATER).args(["maintain"]).assert().success();
    assert_eq!(status(&db, "x@acme.test"), "invited");
    assert_eq!(db.count("SELECT count(*) FROM assignments"), 1);
}

#[test]
fn an_unblocked_dormant_user_survives_the_next_maintain() {
    let db = TestDb::sqlite_with_admin();
    db.add("old@acme.test", &[]);
    let at = |now: &str, args: &[&str]| {
        let out = db.cmd().env("ROSTER_NOW", now).args(args).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    at("2026-06-01T00:00:00Z", &["maintain"]);
    assert_eq!(status(&db, "old@acme.test"), "blocked");
    at("2026-06-01T00:00:30Z", &["user", "unblock", "old@acme.test"]);
    at("2026-06-01T00:01:00Z", &["maintain"]);
    assert_eq!(status(&db, "old@acme.test"), "active");
    // And the clock runs again from the unblock: 90 days later it locks.
    at("2026-09-01T00:00:00Z", &["maintain"]);
    assert_eq!(status(&db, "old@acme.test"), "blocked");
}

#[test]
fn when_every_admin_is_dormant_all_but_the_latest_seen_are_locked() {
    let db = TestDb::sqlite_with_admin();
    db.add("zed@acme.test", &["--role", "admin"]);
    db.cmd()
        .args(["user", "passwd", "zed@acme.test", "--password-stdin"])
        .write_stdin("Correct-Horse-9-Battery\n")
        .assert()
        .success();
    let out = db
        .cmd()
        .env("ROSTER_NOW", "2026-02-01T00:00:00Z")
        .args(["auth", "login", "zed@acme.test", "--password-stdin"])
        .write_stdin("Correct-Horse-9-Battery\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    db.cmd().env("ROSTER_NOW", "2026-12-01T00:00:00Z").args(["maintain"]).assert().success();
    assert_eq!(status(&db, "ana@acme.test"), "blocked");
    assert_eq!(status(&db, "zed@acme.test"), "active");
}

#[test]
fn an_invite_follows_its_user_s_email_change() {
    let db = TestDb::sqlite_with_admin();
    db.ok(&["invite", "send", "kmi@acme.test"]);
    db.ok(&["user", "edit", "kmi@acme.test", "--email", "kim@acme.test"]);
    assert_eq!(db.count("SELECT count(*) FROM invites WHERE email = 'kim@acme.test' AND status = 'resent'"), 1);
    db.fails(3, &["invite", "resend", "kmi@acme.test"]);
    db.ok(&["invite", "resend", "kim@acme.test"]);
    // No mail to the typo is still waiting, and the newest goes to kim.
    let last_to: String =
        db.sql().query_row("SELECT to_addr FROM mail ORDER BY id DESC LIMIT 1", [], |r| r.get(0)).unwrap();
    assert_eq!(last_to, "kim@acme.test");
    assert_eq!(db.count("SELECT count(*) FROM mail WHERE to_addr = 'kmi@acme.test' AND status = 'queued'"), 0);
}

#[test]
fn an_admin_confirms_an_invitee_and_the_token_stops_working() {
    let db = TestDb::sqlite_with_admin();
    db.ok(&["invite", "send", "cy@acme.test"]);
    let said = db.ok(&["user", "confirm", "cy@acme.test"]);
    assert!(said.contains("confirmed=1") || status(&db, "cy@acme.test") == "active", "{said}");
    assert_eq!(status(&db, "cy@acme.test"), "active");
    assert_eq!(invite_status(&db, "cy@acme.test"), ["confirmed"]);
    assert_eq!(db.count("SELECT count(*) FROM invites WHERE token_hash IS NOT NULL"), 0);
    let err = db.fails(4, &["user", "confirm", "cy@acme.test"]);
    assert!(err.contains("cannot confirm cy@acme.test: the user is active"), "{err}");
}

#[test]
fn deleting_an_invitee_closes_the_invite() {
    let db = TestDb::sqlite_with_admin();
    db.ok(&["invite", "send", "gone@acme.test"]);
    db.ok(&["user", "delete", "gone@acme.test", "--yes"]);
    assert_eq!(invite_status(&db, "gone@acme.test"), ["revoked"]);
    db.fails(3, &["invite", "resend", "gone@acme.test"]);
}

#[test]
fn a_new_user_never_gets_a_deleted_user_s_id_or_history() {
    #[derive(Deserialize)]
    struct Shown {
        id: i64,
    }
    #[derive(Deserialize)]
    struct Entry {
        action: String,
    }
    let db = TestDb::with_admin();
    db.add("bo@acme.test", &["--department", "Sales"]);
    let old: Shown = db.json(&["user", "show", "bo@acme.test"]);
    db.ok(&["user", "delete", "bo@acme.test", "--yes"]);
    db.add("bo@acme.test", &[]);
    let new: Shown = db.json(&["user", "show", "bo@acme.test"]);
    assert!(new.id > old.id, "{} after {}", new.id, old.id);
    db.fails(3, &["user", "show", &old.id.to_string()]);
    let history: Vec<Entry> = db.json(&["audit", "list", "--user", "bo@acme.test"]);
    let actions: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["user.add"], "the deleted bo's history is not the new bo's");
}

#[test]
fn one_mailbox_is_one_account() {
    let db = TestDb::with_admin();
    db.add("äna@acme.test", &[]);
    let err = db.fails(4, &["user", "add", "ÄNA@acme.test", "--name", "A", "--surname", "B"]);
    assert!(err.contains("already exists"), "{err}");
    db.add("a@пример.рф", &[]);
    db.fails(4, &["user", "add", "a@xn--e1afmkfd.xn--p1ai", "--name", "A", "--surname", "B"]);
    db.fails(4, &["invite", "send", "A@XN--E1AFMKFD.XN--P1AI"]);
    // Found by any spelling, shown as typed.
    let shown = db.ok(&["user", "show", "ÄNA@ACME.test"]);
    assert!(shown.contains("äna@acme.test"), "{shown}");
    let out = import(&db, "email,name,surname\nÄna@acme.test,A,B\näna@acme.test,A,B\n", None);
    assert_eq!(out.status.code(), Some(5), "one file naming one mailbox twice");
    let out = import(&db, "email,department\nÄNA@acme.test,Ops\n", None);
    assert!(out.status.success());
    assert_eq!(db.count("SELECT count(*) FROM users WHERE department = 'Ops'"), 1);
    db.ok(&["--as", "ÄNA@ACME.TEST", "user", "show", "äna@acme.test"]);
}

/// A backup made before schema V6 (the fixture: two users with roles, one in
/// a group, one invited): restoring it migrates it with foreign keys off, so
/// V6's and V8's table rebuilds keep every membership.
#[test]
fn restoring_a_pre_v6_backup_keeps_every_membership() {
    let db = TestDb::sqlite_with_admin();
    let copy = db.dir.path().join("pre-v6.db");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pre-v6.db"), &copy).unwrap();
    db.ok(&["db", "restore", copy.to_str().unwrap(), "--yes"]);
    assert_eq!(db.count("SELECT count(*) FROM user_roles"), 3);
    assert_eq!(db.count("SELECT count(*) FROM user_groups"), 1);
    assert_eq!(db.count("SELECT count(*) FROM invites WHERE user_id = 3 AND status = 'sent'"), 1);
    let shown = db.ok(&["user", "show", "bo@acme.test"]);
    assert!(shown.contains("ops"), "{shown}");
    db.ok(&["db", "check"]);
    // Ids go on from the restored ones.
    db.add("new@acme.test", &[]);
    assert_eq!(db.count("SELECT id FROM users WHERE email = 'new@acme.test'"), 4);
}

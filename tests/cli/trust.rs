//! Rank and credentials: a lower admin cannot reach a higher one by any
//! door, and what ends a credential ends its sessions; refusals leave traces.

use super::util::TestDb;

const PASSWORD: &str = "Correct-Horse-42";

fn passwd(db: &TestDb, actor: Option<&str>, user: &str, password: &str) -> std::process::Output {
    let mut cmd = db.cmd();
    if let Some(actor) = actor {
        cmd.args(["--as", actor]);
    }
    cmd.args(["user", "passwd", user, "--password-stdin"]).write_stdin(format!("{password}\n")).output().unwrap()
}

fn login_session(db: &TestDb, user: &str, password: &str) -> String {
    let out = db
        .cmd()
        .args(["--format", "json", "auth", "login", user, "--password-stdin", "--session"])
        .write_stdin(format!("{password}\n"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let login: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    login["session_token"].as_str().unwrap().to_owned()
}

fn session_ok(db: &TestDb, token: &str) -> bool {
    db.cmd().args(["auth", "session"]).write_stdin(token.to_owned()).output().unwrap().status.success()
}

/// ana is admin, boss another admin, ua a user-admin (users.manage without
/// roles.manage or org.manage), bo a member.
fn org() -> TestDb {
    let db = TestDb::sqlite_with_admin();
    db.add("boss@acme.test", &["--role", "admin"]);
    db.add("ua@acme.test", &["--role", "user-admin"]);
    db.add("bo@acme.test", &[]);
    assert!(passwd(&db, None, "boss@acme.test", PASSWORD).status.success());
    db
}

#[test]
fn a_user_admin_cannot_take_over_an_admin_by_any_door() {
    let db = org();
    let ua = "ua@acme.test";
    let before = |db: &TestDb| -> (String, String, String) {
        db.sql()
            .query_row("SELECT email, status, password_hash FROM users WHERE id = 2", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .unwrap()
    };
    let kept = before(&db);
    let out = passwd(&db, Some(ua), "boss@acme.test", "Taken-Over-Pass-1");
    assert_eq!(out.status.code(), Some(6));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("boss@acme.test holds") && said.contains("which ua@acme.test lacks"), "{said}");
    for args in [
        &["user", "edit", "boss@acme.test", "--email", "mine@evil.test"][..],
        &["user", "edit", "boss@acme.test", "--expires-on", "2026-01-16"],
        &["user", "2fa", "disable", "boss@acme.test"],
        &["user", "2fa", "enroll", "boss@acme.test"],
        &["user", "block", "boss@acme.test"],
        &["user", "archive", "boss@acme.test"],
        &["user", "delete", "boss@acme.test", "--yes"],
        &["user", "block", "--role", "admin", "--yes"],
        &["user", "impersonate", "boss@acme.test"],
    ] {
        let mut all = vec!["--as", ua];
        all.extend_from_slice(args);
        db.fails(6, &all);
    }
    for csv in [
        "email,status\nboss@acme.test,blocked\n",
        "email,password_hash\nboss@acme.test,$2b$04$EGdrhbKUv8Oc9vGiXX0HQOxSg445d458Muh7DAHskb6QbtCvdxcie\n",
    ] {
        let out = db.cmd().args(["--as", ua, "user", "import", "-"]).write_stdin(csv).output().unwrap();
        assert_eq!(out.status.code(), Some(6), "{csv}: {}", String::from_utf8_lossy(&out.stderr));
    }
    // Locking dormant accounts as ua would lock the admins: refused.
    db.cmd()
        .env("ROSTER_NOW", "2026-12-01T00:00:00Z")
        .args(["--as", ua, "user", "lock-dormant", "--days", "1"])
        .assert()
        .code(6);
    db.ok(&["invite", "send", "next-admin@acme.test", "--role", "admin"]);
    db.fails(6, &["--as", ua, "invite", "revoke", "next-admin@acme.test"]);
    db.fails(6, &["--as", ua, "invite", "resend", "next-admin@acme.test"]);
    assert_eq!(before(&db), kept, "nothing changed");
    assert_eq!(db.count("SELECT count(*) FROM users WHERE email = 'boss@acme.test' AND totp_pending IS NULL"), 1);
    // The same user-admin still manages those below it.
    assert!(passwd(&db, Some(ua), "bo@acme.test", "Reset-By-Ua-Pass-1").status.success());
    db.ok(&["--as", ua, "user", "block", "bo@acme.test"]);
    // And an admin, holding everything, manages another admin.
    db.ok(&["--as", "ana@acme.test", "user", "edit", "boss@acme.test", "--phone", "+351 21 000 0000"]);
    let token = login_session(&db, "boss@acme.test", PASSWORD);
    db.ok(&["--as", "ana@acme.test", "user", "2fa", "disable", "boss@acme.test"]);
    assert!(!session_ok(&db, &token), "a 2FA change ends the sessions");
}

#[test]
fn a_role_manager_cannot_change_an_admin_s_roles_or_abilities() {
    let db = org();
    db.ok(&["role", "create", "rm", "--ability", "roles.manage", "--ability", "users.read"]);
    db.add("rm@acme.test", &["--role", "rm"]);
    let rm = "rm@acme.test";
    for args in [
        &["ability", "grant", "boss@acme.test", "users.read"][..],
        &["ability", "revoke", "boss@acme.test", "users.read"],
        &["role", "grant", "boss@acme.test", "member"],
        &["role", "revoke", "boss@acme.test", "admin"],
    ] {
        let mut all = vec!["--as", rm];
        all.extend_from_slice(args);
        let err = db.fails(6, &all);
        assert!(err.contains("boss@acme.test holds"), "{args:?}: {err}");
    }
    // Below it, a member's abilities are its to change.
    db.ok(&["--as", rm, "ability", "grant", "bo@acme.test", "users.read"]);
}

#[test]
fn a_password_set_by_an_admin_ends_the_user_s_sessions() {
    let db = org();
    let token = login_session(&db, "boss@acme.test", PASSWORD);
    assert!(session_ok(&db, &token));
    assert!(passwd(&db, None, "boss@acme.test", "Another-Good-Pass-9").status.success());
    assert!(!session_ok(&db, &token));
    // Turning on require_2fa ends the sessions of those not enrolled.
    let token = login_session(&db, "boss@acme.test", "Another-Good-Pass-9");
    db.ok(&["policy", "set", "require_2fa", "true"]);
    assert!(!session_ok(&db, &token));
}

#[test]
fn wrong_old_passwords_are_counted_kept_and_block() {
    let db = org();
    for _ in 0..5 {
        db.cmd()
            .args(["auth", "change-password", "boss@acme.test", "--password-stdin"])
            .write_stdin("Not-The-Password-1\nBrand-New-Pass-77\n")
            .assert()
            .code(7);
    }
    assert_eq!(db.count("SELECT count(*) FROM users WHERE email = 'boss@acme.test' AND status = 'blocked'"), 1);
    assert_eq!(
        db.count("SELECT count(*) FROM audit WHERE action = 'auth.login_failed' AND target = 'boss@acme.test'"),
        5
    );
    assert_eq!(db.count("SELECT count(*) FROM audit WHERE action = 'user.block' AND target = 'boss@acme.test'"), 1);
}

#[test]
fn a_password_typed_as_a_user_name_is_not_audited() {
    let db = org();
    db.cmd().args(["auth", "login", "Secret-Typed-Here-9", "--password-stdin"]).write_stdin("x\n").assert().code(7);
    let trail = db.ok(&["--format", "json", "audit", "export"]);
    assert!(!trail.contains("Secret-Typed-Here-9"), "{trail}");
    assert_eq!(db.count("SELECT count(*) FROM audit WHERE target LIKE 'unknown:%'"), 1);
}

#[test]
fn the_outbox_is_private_and_holds_whole_files() {
    use std::os::unix::fs::PermissionsExt;
    let db = TestDb::sqlite_with_admin();
    db.ok(&["invite", "send", "new@acme.test"]);
    let outbox = std::path::PathBuf::from(format!("{}.outbox", db.path.display()));
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&outbox), 0o700);
    let files: Vec<_> = std::fs::read_dir(&outbox).unwrap().map(|f| f.unwrap().path()).collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].extension().is_some_and(|e| e == "eml"), "{files:?}");
    assert_eq!(mode(&files[0]), 0o600);
    let mail = std::fs::read_to_string(&files[0]).unwrap().replace("=\r\n", "").replace("=\n", "");
    assert!(mail.contains("new@acme.test"));
    // The token is to be pasted at a prompt, never shown as an argument.
    let token = mail.lines().map(str::trim).find(|l| l.len() == 64 && l.chars().all(|c| c.is_ascii_hexdigit()));
    let token = token.expect("the code on a line of its own");
    assert!(mail.contains("roster invite accept"), "{mail}");
    assert!(!mail.contains(&format!("accept {token}")), "{mail}");
    for file in [db.path.clone(), db.path.with_extension("db-wal")] {
        if file.exists() {
            assert_eq!(mode(&file), 0o600, "{}", file.display());
        }
    }
}

#[test]
fn an_export_over_an_existing_file_makes_it_private() {
    use std::os::unix::fs::PermissionsExt;
    let db = TestDb::with_admin();
    let out = db.dir.path().join("everyone.csv");
    std::fs::write(&out, "old").unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o644)).unwrap();
    let link = db.dir.path().join("link.csv");
    std::os::unix::fs::symlink(&out, &link).unwrap();
    db.ok(&["user", "export", link.to_str().unwrap()]);
    assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o600);
    assert!(std::fs::read_to_string(&out).unwrap().contains("ana@acme.test"));
}

#[test]
fn backup_restore_and_mail_flush_are_checked_and_audited() {
    let db = TestDb::sqlite_with_admin();
    db.add("bo@acme.test", &[]);
    db.fails(6, &["--as", "bo@acme.test", "mail", "flush"]);
    let copy = db.dir.path().join("copy.db");
    db.fails(6, &["--as", "bo@acme.test", "db", "backup", copy.to_str().unwrap()]);
    db.ok(&["db", "backup", copy.to_str().unwrap()]);
    assert_eq!(db.count("SELECT count(*) FROM audit WHERE action = 'db.backup'"), 1);
    db.add("later@acme.test", &[]);
    db.ok(&["db", "restore", copy.to_str().unwrap(), "--yes"]);
    let details: String =
        db.sql().query_row("SELECT details FROM audit WHERE action = 'db.restore'", [], |r| r.get(0)).unwrap();
    assert!(details.contains("\"users\":3"), "what it replaced: {details}");
    db.ok(&["invite", "send", "new@acme.test"]);
    assert!(db.count("SELECT count(*) FROM audit WHERE action = 'mail.flush'") >= 1);
}

/// A role manager (roles.manage, users.read) below the user-admin: taking an
/// ability away from a role, or from the catalog, is changing each holder's
/// abilities, and the rank rule holds for every one of them.
#[test]
fn a_role_manager_cannot_strip_a_higher_holder_through_the_role() {
    let db = org();
    db.ok(&["role", "create", "role-admin", "--ability", "roles.manage", "--ability", "users.read"]);
    db.add("rm@acme.test", &["--role", "role-admin"]);
    db.ok(&["role", "create", "crm", "--ability", "users.read"]);
    db.ok(&["ability", "add", "crm.view", "--description", "see the CRM"]);
    db.ok(&["role", "edit", "crm", "--add-ability", "crm.view"]);
    db.ok(&["role", "grant", "bo@acme.test", "crm"]);
    db.ok(&["role", "create", "desk", "--ability", "users.manage"]);
    db.ok(&["role", "grant", "ua@acme.test", "desk"]);
    let as_rm = |args: &[&str]| db.cmd().args(["--as", "rm@acme.test"]).args(args).output().unwrap();
    let before = db.count("SELECT count(*) FROM role_abilities") + db.count("SELECT count(*) FROM user_roles");
    for args in [
        &["role", "edit", "user-admin", "--remove-ability", "users.manage"][..],
        &["ability", "remove", "crm.view", "--force"],
        &["role", "delete", "desk", "--reassign-to", "role-admin"],
        &["role", "edit", "crm", "--remove-ability", "users.read"],
    ] {
        let out = as_rm(args);
        assert_eq!(out.status.code(), Some(6), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains("which rm@acme.test lacks"), "{args:?}: {said}");
    }
    assert_eq!(db.count("SELECT count(*) FROM role_abilities") + db.count("SELECT count(*) FROM user_roles"), before);
    // A role held only by those the manager outranks (here: the manager) is theirs to change.
    assert!(as_rm(&["role", "edit", "role-admin", "--remove-ability", "users.read"]).status.success());
}

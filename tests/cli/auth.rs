//! Passwords, sign-in checks, lockout, aging, expiry, 2FA, sessions, impersonation.

use serde::Deserialize;

use super::util::TestDb;

const PASSWORD: &str = "Correct-Horse-42";

/// `auth login --format json`: the table's field names (`result`, `reason`).
#[derive(Debug, Deserialize)]
struct Login {
    #[serde(rename = "result", deserialize_with = "result_is_ok")]
    ok: bool,
    #[serde(rename = "reason")]
    refusal: Option<String>,
    detail: Option<String>,
    session_token: Option<String>,
}

fn result_is_ok<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    match String::deserialize(d)?.as_str() {
        "ok" => Ok(true),
        "refused" => Ok(false),
        other => Err(serde::de::Error::custom(format!("result {other:?}"))),
    }
}

impl TestDb {
    /// Runs `auth login` at `now` with the password on stdin.
    fn login_at(&self, now: &str, user: &str, password: &str, extra: &[&str]) -> (i32, Login) {
        let mut args = vec!["--format", "json", "auth", "login", user, "--password-stdin"];
        args.extend_from_slice(extra);
        let out = self.cmd().env("ROSTER_NOW", now).args(&args).write_stdin(format!("{password}\n")).output().unwrap();
        let login = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
        (out.status.code().unwrap_or(-1), login)
    }

    fn login(&self, user: &str, password: &str) -> (i32, Login) {
        self.login_at(super::util::NOW, user, password, &[])
    }

    fn passwd(&self, user: &str, password: &str, extra: &[&str]) {
        let mut args = vec!["user", "passwd", user, "--password-stdin"];
        args.extend_from_slice(extra);
        self.cmd().args(&args).write_stdin(format!("{password}\n")).assert().success();
    }
}

fn refusal(result: (i32, Login)) -> (i32, String) {
    (result.0, result.1.refusal.unwrap_or_default())
}

#[test]
fn passwords_follow_the_policy_and_every_broken_rule_is_named() {
    let db = TestDb::with_admin();
    let out =
        db.cmd().args(["user", "passwd", "ana@acme.test", "--password-stdin"]).write_stdin("ana\n").output().unwrap();
    assert_eq!(out.status.code(), Some(5));
    let err = String::from_utf8_lossy(&out.stderr);
    for rule in ["shorter than 12", "upper and lower case", "not a letter or a digit", "the email's local part"] {
        assert!(err.contains(rule), "{rule}: {err}");
    }
    assert!(!err.contains("\"ana\""), "the password is never echoed: {err}");
    db.ok(&["policy", "set", "password_min_strength", "4"]);
    let out = db
        .cmd()
        .args(["user", "passwd", "ana@acme.test", "--password-stdin"])
        .write_stdin("Password123!\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    db.passwd("ana@acme.test", "vast-Orbit-tulip-39-Quarry", &[]);
    // Without a terminal and without --password-stdin, refuse: secrets never come from argv.
    db.fails(2, &["user", "passwd", "ana@acme.test"]);
}

#[test]
fn every_refusal_has_its_reason_and_exit_7() {
    let db = TestDb::with_admin();
    db.passwd("ana@acme.test", PASSWORD, &[]);
    assert_eq!(refusal(db.login("ghost@acme.test", PASSWORD)), (7, "unknown_user".into()));
    assert_eq!(refusal(db.login("ana@acme.test", "Wrong-Horse-42")), (7, "wrong_password".into()));
    let (code, ok) = db.login("ana@acme.test", PASSWORD);
    assert_eq!((code, ok.ok), (0, true));

    db.add("nopass@acme.test", &[]);
    assert_eq!(refusal(db.login("nopass@acme.test", PASSWORD)), (7, "not_activated".into()));

    db.add("bo@acme.test", &[]);
    db.passwd("bo@acme.test", PASSWORD, &[]);
    db.ok(&["user", "block", "bo@acme.test"]);
    let (code, login) = db.login("bo@acme.test", PASSWORD);
    assert_eq!((code, login.refusal.as_deref(), login.detail.as_deref()), (7, Some("blocked"), Some("manual")));
    db.ok(&["user", "unblock", "bo@acme.test"]);
    db.ok(&["user", "archive", "bo@acme.test"]);
    assert_eq!(refusal(db.login("bo@acme.test", PASSWORD)), (7, "archived".into()));

    db.add("temp@acme.test", &[]);
    db.passwd("temp@acme.test", PASSWORD, &["--must-change"]);
    assert_eq!(refusal(db.login("temp@acme.test", PASSWORD)), (7, "must_change_password".into()));
    db.cmd()
        .args(["auth", "change-password", "temp@acme.test", "--password-stdin"])
        .write_stdin(format!("{PASSWORD}\nBrand-New-Pass-77\n"))
        .assert()
        .success();
    assert!(db.login("temp@acme.test", "Brand-New-Pass-77").1.ok);
    // A wrong old password is an authentication failure.
    db.cmd()
        .args(["auth", "change-password", "temp@acme.test", "--password-stdin"])
        .write_stdin("nope\nOther-New-Pass-77\n")
        .assert()
        .code(7);

    db.ok(&["user", "edit", "temp@acme.test", "--expires-on", "2026-01-15"]);
    assert_eq!(refusal(db.login("temp@acme.test", "Brand-New-Pass-77")), (7, "account_expired".into()));
    db.ok(&["user", "edit", "temp@acme.test", "--expires-on", ""]);
    assert!(db.login("temp@acme.test", "Brand-New-Pass-77").1.ok);

    db.ok(&["policy", "set", "require_2fa", "true"]);
    assert_eq!(refusal(db.login("temp@acme.test", "Brand-New-Pass-77")), (7, "totp_enrollment_required".into()));
}

#[test]
fn the_fifth_wrong_password_blocks_and_unblock_restores() {
    let db = TestDb::with_admin();
    db.add("bo@acme.test", &[]);
    db.passwd("bo@acme.test", PASSWORD, &[]);
    for i in 1..=4 {
        let (_, login) = db.login("bo@acme.test", "nope");
        assert_eq!(login.detail.as_deref(), Some(format!("{i} of 5 failed logins").as_str()));
    }
    let (code, login) = db.login("bo@acme.test", "nope");
    assert_eq!(code, 7);
    assert!(login.detail.unwrap_or_default().contains("now blocked (failed_logins)"));
    let (_, login) = db.login("bo@acme.test", PASSWORD);
    assert_eq!((login.refusal.as_deref(), login.detail.as_deref()), (Some("blocked"), Some("failed_logins")));
    db.ok(&["user", "unblock", "bo@acme.test"]);
    assert!(db.login("bo@acme.test", PASSWORD).1.ok);
    // Success reset the count: four more failures do not block.
    for _ in 0..4 {
        db.login("bo@acme.test", "nope");
    }
    assert!(db.login("bo@acme.test", PASSWORD).1.ok);
}

#[test]
fn passwords_expire_after_the_policy_age() {
    let db = TestDb::with_admin();
    db.passwd("ana@acme.test", PASSWORD, &[]);
    // Set on 2026-01-15; the limit is 120 days.
    let day = |n: i64| {
        (chrono::DateTime::parse_from_rfc3339(super::util::NOW).unwrap() + chrono::Duration::days(n)).to_rfc3339()
    };
    assert!(db.login_at(&day(119), "ana@acme.test", PASSWORD, &[]).1.ok);
    let (code, login) = db.login_at(&day(121), "ana@acme.test", PASSWORD, &[]);
    assert_eq!((code, login.refusal.as_deref()), (7, Some("password_expired")));
    let expired = db
        .cmd()
        .env("ROSTER_NOW", day(121))
        .args(["--format", "csv", "user", "list", "--password-expired"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&expired.stdout).contains("ana@acme.test"));
    let fresh = db
        .cmd()
        .env("ROSTER_NOW", day(119))
        .args(["--format", "csv", "user", "list", "--password-expired"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&fresh.stdout).contains("ana@acme.test"));
    db.cmd()
        .env("ROSTER_NOW", day(121))
        .args(["auth", "change-password", "ana@acme.test", "--password-stdin"])
        .write_stdin(format!("{PASSWORD}\nAnother-Horse-43\n"))
        .assert()
        .success();
    assert!(db.login_at(&day(122), "ana@acme.test", "Another-Horse-43", &[]).1.ok);
}

#[test]
fn a_bcrypt_hash_logs_in_and_is_rehashed_to_argon2id() {
    let db = TestDb::sqlite_with_admin();
    db.add("legacy@acme.test", &[]);
    let hash = bcrypt::hash(PASSWORD, 4).unwrap();
    db.sql()
        .execute("UPDATE users SET password_hash = ?1, password_changed_at = '2026-01-10T00:00:00Z' WHERE email = 'legacy@acme.test'", [&hash])
        .unwrap();
    assert!(db.login("legacy@acme.test", PASSWORD).1.ok);
    let stored: String = db
        .sql()
        .query_row("SELECT password_hash FROM users WHERE email = 'legacy@acme.test'", [], |r| r.get(0))
        .unwrap();
    assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{stored}");
    assert!(db.login("legacy@acme.test", PASSWORD).1.ok);
    assert!(!db.login("legacy@acme.test", "Wrong-Horse-42").1.ok);
}

#[test]
fn totp_codes_work_once_within_a_step() {
    let db = TestDb::with_admin();
    db.passwd("ana@acme.test", PASSWORD, &[]);
    #[derive(Deserialize)]
    struct Enrollment {
        secret: String,
        uri: String,
    }
    let enrollment: Enrollment = db.json(&["user", "2fa", "enroll", "ana@acme.test"]);
    assert!(enrollment.uri.starts_with("otpauth://totp/"), "{}", enrollment.uri);
    let totp = totp_rs::Builder::new()
        .with_secret(totp_rs::Secret::try_from_base32(&enrollment.secret).unwrap())
        .build()
        .unwrap();
    let at = |now: &str| chrono::DateTime::parse_from_rfc3339(now).unwrap().timestamp() as u64;
    let t0 = "2026-01-15T09:00:00Z";
    db.fails(7, &["user", "2fa", "confirm", "ana@acme.test", "000000"]);
    db.ok(&["user", "2fa", "confirm", "ana@acme.test", &totp.generate(at(t0)).to_string()]);

    let t1 = "2026-01-15T09:01:00Z";
    assert_eq!(db.login_at(t1, "ana@acme.test", PASSWORD, &[]).1.refusal.as_deref(), Some("totp_required"));
    let code = totp.generate(at(t1)).to_string();
    assert!(db.login_at(t1, "ana@acme.test", PASSWORD, &["--totp", &code]).1.ok);
    // The same code again is refused, even inside its step.
    assert_eq!(
        db.login_at(t1, "ana@acme.test", PASSWORD, &["--totp", &code]).1.refusal.as_deref(),
        Some("totp_required")
    );
    // One step late is accepted; two steps are not.
    let t2 = "2026-01-15T09:02:00Z";
    let late = totp.generate(at(t2) - 30).to_string();
    assert!(db.login_at(t2, "ana@acme.test", PASSWORD, &["--totp", &late]).1.ok);
    let t3 = "2026-01-15T09:05:00Z";
    let stale = totp.generate(at(t3) - 90).to_string();
    assert!(!db.login_at(t3, "ana@acme.test", PASSWORD, &["--totp", &stale]).1.ok);
    // The secret is never shown again, nor in the audit trail.
    let shown = db.ok(&["--format", "json", "user", "show", "ana@acme.test"]);
    let trail = db.ok(&["--format", "json", "audit", "export"]);
    assert!(!shown.contains(&enrollment.secret) && !trail.contains(&enrollment.secret));
    db.ok(&["user", "2fa", "disable", "ana@acme.test"]);
    assert!(db.login_at(t3, "ana@acme.test", PASSWORD, &[]).1.ok);
}

#[test]
fn sessions_expire_end_and_show_impersonation() {
    let db = TestDb::with_admin();
    db.add("bo@acme.test", &[]);
    db.passwd("bo@acme.test", PASSWORD, &[]);
    let (_, login) = db.login_at(super::util::NOW, "bo@acme.test", PASSWORD, &["--session"]);
    let token = login.session_token.unwrap();
    #[derive(Deserialize)]
    struct Session {
        user: String,
        expires_at: String,
        impersonated_by: Option<String>,
    }
    let session = |now: &str| {
        db.cmd()
            .env("ROSTER_NOW", now)
            .args(["--format", "json", "auth", "session"])
            .write_stdin(token.clone())
            .output()
            .unwrap()
    };
    let out = session("2026-01-15T20:00:00Z");
    assert!(out.status.success());
    let info: Session = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((info.user.as_str(), info.expires_at.as_str()), ("bo@acme.test", "2026-01-15T21:00:00Z"));
    assert_eq!(session("2026-01-15T21:00:01Z").status.code(), Some(7), "expired after 12 hours");
    db.cmd().args(["auth", "session", "-"]).write_stdin("not-a-token").assert().code(7);

    // Impersonation: recorded in the session and in the audit trail.
    let out = db
        .cmd()
        .args(["--as", "ana@acme.test", "--format", "json", "user", "impersonate", "bo@acme.test"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let imp = v["session_token"].as_str().unwrap().to_owned();
    let out = db.cmd().args(["--format", "json", "auth", "session"]).write_stdin(imp.clone()).output().unwrap();
    let info: Session = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(info.impersonated_by.as_deref(), Some("ana@acme.test"));
    assert_eq!(info.expires_at, "2026-01-15T10:00:00Z");
    assert_eq!(db.count("SELECT count(*) FROM audit WHERE action = 'user.impersonate' AND actor = 'ana@acme.test'"), 1);
    // Nobody impersonates someone who holds an ability they lack.
    db.add("ua@acme.test", &["--role", "user-admin"]);
    db.ok(&["ability", "grant", "ua@acme.test", "users.impersonate"]);
    db.fails(6, &["--as", "ua@acme.test", "user", "impersonate", "ana@acme.test"]);
    db.fails(6, &["--as", "bo@acme.test", "user", "impersonate", "ana@acme.test"]);

    // Logging out ends one session; blocking ends them all.
    db.cmd().args(["auth", "logout"]).write_stdin(imp.clone()).assert().success();
    db.cmd().args(["auth", "session"]).write_stdin(imp).assert().code(7);
    db.cmd().args(["auth", "session"]).write_stdin(token.clone()).assert().success();
    db.ok(&["user", "block", "bo@acme.test"]);
    db.cmd().args(["auth", "session"]).write_stdin(token.clone()).assert().code(7);
    // Tokens are stored only as hashes, and never reach the trail.
    assert_eq!(db.count(&format!("SELECT count(*) FROM sessions WHERE token_hash = '{token}'")), 0);
    let trail = db.ok(&["--format", "json", "audit", "export"]);
    assert!(!trail.contains(&token) && !trail.contains(PASSWORD));
}

#[test]
fn lock_expired_and_policy_impact() {
    let db = TestDb::with_admin();
    db.add("contractor@acme.test", &[]);
    db.ok(&["user", "edit", "contractor@acme.test", "--expires-on", "2026-02-01"]);
    db.cmd()
        .env("ROSTER_NOW", "2026-01-31T12:00:00Z")
        .args(["user", "lock-expired"])
        .assert()
        .success()
        .stdout("expired=0\n");
    db.cmd()
        .env("ROSTER_NOW", "2026-02-01T00:00:00Z")
        .args(["user", "lock-expired", "--dry-run"])
        .assert()
        .success()
        .stdout("expired=1\n");
    assert_eq!(db.count("SELECT count(*) FROM users WHERE status = 'blocked'"), 0);
    let out =
        db.cmd().env("ROSTER_NOW", "2026-02-01T00:00:00Z").args(["--format", "json", "maintain"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("past their expiry date"));
    assert_eq!(db.count("SELECT count(*) FROM users WHERE block_reason = 'expired'"), 1);

    db.passwd("ana@acme.test", PASSWORD, &[]);
    let out = db
        .cmd()
        .env("ROSTER_NOW", "2026-03-01T00:00:00Z")
        .args(["policy", "set", "password_max_age_days", "30", "--dry-run"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "affected=1");
    assert!(String::from_utf8_lossy(&out.stderr).contains("ana@acme.test"));
    let policies = db.ok(&["--format", "csv", "policy", "show"]);
    assert!(policies.contains("password_max_age_days,120,"), "the dry run changed nothing: {policies}");
    let out = db.cmd().args(["policy", "set", "require_2fa", "true"]).output().unwrap();
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("1 user(s) affected"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

//! Every documented exit code, and errors that name the field and the value.

use super::util::TestDb;

#[test]
fn duplicate_email_in_another_case_is_a_conflict() {
    let db = TestDb::with_admin();
    let err = db.fails(4, &["user", "add", "ANA@Acme.Test", "--name", "A", "--surname", "B"]);
    assert!(err.contains("ana@acme.test already exists"), "{err}");
    assert_eq!(db.count("SELECT count(*) FROM users"), 1);
}

#[test]
fn each_invalid_field_names_field_and_value() {
    let db = TestDb::with_admin();
    let cases: &[(&[&str], &str, &str)] = &[
        (&["--phone", "12ab"], "phone", "12ab"),
        (&["--phone", "123"], "phone", "123"),
        (&["--mobile", "+1 (2)"], "mobile", "+1 (2)"),
        (&["--language", "klingon!"], "language", "klingon!"),
        (&["--timezone", "Europe/Lisbn"], "timezone", "Europe/Lisbn"),
        (&["--country", "XX"], "country", "XX"),
        (&["--quote-reply-to", "not-an-address"], "quote_reply_to", "not-an-address"),
        (&["--department", "a\tb"], "department", "a\\tb"),
    ];
    for (extra, field, value) in cases {
        let mut args = vec!["user", "add", "new@acme.test", "--name", "N", "--surname", "S"];
        args.extend_from_slice(extra);
        let err = db.fails(5, &args);
        assert!(err.contains(&format!("invalid {field} \"{value}\"")), "{extra:?}: {err}");
        assert_eq!(err.lines().count(), 1, "one line: {err}");
    }
    let err = db.fails(5, &["user", "add", "not-an-email", "--name", "N", "--surname", "S"]);
    assert!(err.contains("invalid email \"not-an-email\""), "{err}");
    let err = db.fails(5, &["user", "add", "n@acme.test", "--name", " ", "--surname", "S"]);
    assert!(err.contains("invalid name"), "{err}");
    assert_eq!(db.count("SELECT count(*) FROM users"), 1, "nothing was added");
}

#[test]
fn unknown_user_is_not_found() {
    let db = TestDb::with_admin();
    let err = db.fails(3, &["user", "show", "ghost@acme.test"]);
    assert!(err.contains("user not found: ghost@acme.test"), "{err}");
    db.fails(3, &["user", "edit", "999", "--name", "X"]);
    db.fails(3, &["user", "perms", "ghost@acme.test"]);
}

#[test]
fn a_member_acting_is_denied_what_it_lacks() {
    let db = TestDb::with_admin();
    db.add("bo@acme.test", &[]);
    let err = db.fails(6, &["--as", "bo@acme.test", "user", "add", "x@acme.test", "--name", "X", "--surname", "Y"]);
    assert!(err.contains("bo@acme.test lacks the ability users.manage"), "{err}");
    db.fails(6, &["--as", "bo@acme.test", "user", "edit", "ana@acme.test", "--name", "Eve"]);
    db.fails(6, &["--as", "bo@acme.test", "policy", "set", "invite_ttl_days", "3"]);
    db.fails(6, &["--as", "bo@acme.test", "audit", "list"]);
    // Reading the directory is a member's right, also through ROSTER_AS.
    db.cmd().env("ROSTER_AS", "bo@acme.test").args(["user", "list"]).assert().success();
    let err = db.fails(6, &["--as", "ghost@acme.test", "user", "list"]);
    assert!(err.contains("ghost@acme.test: no such user"), "{err}");
    db.fails(6, &["--as", "ghost@acme.test", "user", "add", "y@acme.test", "--name", "Y", "--surname", "Z"]);
    // A refused rehearsal or backup is kept too, though a rehearsal's copy is thrown away.
    let file = db.dir.path().join("new.csv");
    std::fs::write(&file, "email,name,surname\nz@acme.test,Z,Z\n").unwrap();
    db.fails(6, &["--as", "bo@acme.test", "user", "import", file.to_str().unwrap(), "--dry-run"]);
    db.fails(6, &["--as", "bo@acme.test", "db", "backup", db.dir.path().join("b.db").to_str().unwrap()]);
    assert_eq!(db.count("SELECT count(*) FROM users"), 2);
    // Each refused change is rolled back and leaves a trace; a refused read does not.
    let by_bo = db.count("SELECT count(*) FROM audit WHERE actor = 'bo@acme.test'");
    let denied = db.count("SELECT count(*) FROM audit WHERE actor = 'bo@acme.test' AND action = 'access.denied'");
    assert_eq!((by_bo, denied), (5, 5));
    let shown: Vec<serde_json::Value> = db.json(&["audit", "list", "--action", "access.denied"]);
    let ghost = shown.iter().find(|e| e["details"]["as"] == "ghost@acme.test").expect("the unknown --as recorded");
    assert!(ghost["actor"].as_str().unwrap().starts_with("os:"), "{ghost:?}");
    db.ok(&["audit", "verify"]);
}

#[test]
fn usage_errors_exit_2() {
    let db = TestDb::new();
    db.fails(2, &["user", "add", "x@acme.test"]);
    db.fails(2, &["no-such-command"]);
    db.fails(2, &["init", "--org", "A", "--seats", "3", "--enterprise"]);
}

#[test]
fn a_bad_clock_is_invalid_input() {
    let db = TestDb::new();
    db.cmd().env("ROSTER_NOW", "yesterday").args(["user", "list"]).assert().code(5);
}

#[test]
fn numbers_and_clocks_out_of_range_are_invalid_input_and_leave_nothing() {
    let db = TestDb::sqlite();
    let said = db.fails(5, &["init", "--org", "Acme", "--seats", "18446744073709551615"]);
    assert!(said.contains("seats"), "{said}");
    let left: Vec<_> = std::fs::read_dir(db.dir.path()).unwrap().flatten().map(|e| e.file_name()).collect();
    assert!(left.is_empty(), "a failed init left {left:?}");
    db.ok(&["init", "--org", "Acme"]);
    db.fails(5, &["seats", "set", "9223372036854775808"]);
    let out = db.cmd().env("ROSTER_NOW", "9999-12-31T23:59:59Z").args(["invite", "send", "x@acme.test"]).output();
    assert_eq!(out.unwrap().status.code(), Some(5));
}

#[test]
fn an_output_that_cannot_be_written_is_exit_74_everywhere() {
    let db = TestDb::with_admin();
    for args in [&["user", "export", "/dev/full"][..], &["audit", "export", "/dev/full"]] {
        let said = db.fails(74, args);
        assert!(said.contains("No space left"), "{said}");
    }
    let full = std::fs::metadata("/dev/full").unwrap();
    assert!(!full.is_file(), "a device stays a device");
}

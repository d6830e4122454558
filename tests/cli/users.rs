//! user add, edit, show, list.

use serde::Deserialize;

use super::util::TestDb;

/// The JSON of a user, as a script would read it.
#[derive(Debug, Deserialize)]
struct User {
    id: i64,
    email: String,
    name: String,
    surname: String,
    phone: Option<String>,
    mobile: Option<String>,
    language: String,
    timezone: String,
    country: Option<String>,
    department: Option<String>,
    branch: Option<String>,
    salesman_id: Option<String>,
    quote_reply_to: Option<String>,
    status: String,
    block_reason: Option<String>,
    roles: Vec<String>,
    groups: Vec<String>,
    created_at: String,
    updated_at: String,
    last_login_at: Option<String>,
}

#[test]
fn add_then_show_as_json_field_by_field() {
    let db = TestDb::with_admin();
    db.ok(&[
        "user",
        "add",
        "  Rui.Costa@Acme.test ",
        "--name",
        "Rui",
        "--surname",
        "Costa",
        "--phone",
        "+351 21 000 1111",
        "--mobile",
        "912 345 678",
        "--language",
        "pt-br",
        "--timezone",
        "Europe/Lisbon",
        "--country",
        "pt",
        "--department",
        "Sales",
        "--branch",
        "Porto",
        "--salesman-id",
        "S-17",
        "--quote-reply-to",
        "quotes@acme.test",
        "--role",
        "user-admin",
        "--role",
        "member",
    ]);
    let user: User = db.json(&["user", "show", "rui.costa@acme.test"]);
    assert_eq!(user.id, 2);
    assert_eq!(user.email, "Rui.Costa@Acme.test");
    assert_eq!(user.name, "Rui");
    assert_eq!(user.surname, "Costa");
    assert_eq!(user.phone.as_deref(), Some("+351 21 000 1111"));
    assert_eq!(user.mobile.as_deref(), Some("912 345 678"));
    assert_eq!(user.language, "pt-BR");
    assert_eq!(user.timezone, "Europe/Lisbon");
    assert_eq!(user.country.as_deref(), Some("PT"));
    assert_eq!(user.department.as_deref(), Some("Sales"));
    assert_eq!(user.branch.as_deref(), Some("Porto"));
    assert_eq!(user.salesman_id.as_deref(), Some("S-17"));
    assert_eq!(user.quote_reply_to.as_deref(), Some("quotes@acme.test"));
    assert_eq!(user.status, "active");
    assert_eq!(user.block_reason, None);
    assert_eq!(user.roles, ["member", "user-admin"]);
    assert!(user.groups.is_empty());
    assert_eq!(user.created_at, "2026-01-15T09:00:00Z");
    assert_eq!(user.updated_at, "2026-01-15T09:00:00Z");
    assert_eq!(user.last_login_at, None);
    // By id too.
    let same: User = db.json(&["user", "show", "2"]);
    assert_eq!(same.email, user.email);
}

#[test]
fn defaults_are_english_utc_and_member() {
    let db = TestDb::with_admin();
    db.add("bo@acme.test", &[]);
    let user: User = db.json(&["user", "show", "bo@acme.test"]);
    assert_eq!((user.language.as_str(), user.timezone.as_str()), ("en", "UTC"));
    assert_eq!(user.roles, ["member"]);
}

#[test]
fn edit_changes_clears_and_keeps_email_unique() {
    let db = TestDb::with_admin();
    db.add("bo@acme.test", &["--phone", "1234 5678", "--department", "Ops"]);
    db.add("cy@acme.test", &[]);
    db.ok(&["user", "edit", "bo@acme.test", "--phone", "", "--department", "Sales", "--email", "Bo.Chen@acme.test"]);
    let user: User = db.json(&["user", "show", "bo.chen@acme.test"]);
    assert_eq!(user.phone, None);
    assert_eq!(user.department.as_deref(), Some("Sales"));
    assert_eq!(user.email, "Bo.Chen@acme.test");

    let err = db.fails(4, &["user", "edit", "bo.chen@acme.test", "--email", "CY@ACME.TEST"]);
    assert!(err.contains("cy@acme.test already exists"), "{err}");
    // A change of case of one's own email is not a conflict.
    db.ok(&["user", "edit", "bo.chen@acme.test", "--email", "bo.chen@ACME.test"]);
    let err = db.fails(5, &["user", "edit", "cy@acme.test", "--surname", ""]);
    assert!(err.contains("surname"), "{err}");
    db.fails(2, &["user", "edit", "cy@acme.test"]);
}

#[test]
fn list_filters_sort_and_page() {
    let db = TestDb::with_admin();
    db.ok(&[
        "user",
        "add",
        "zoe@acme.test",
        "--name",
        "Zoë",
        "--surname",
        "Almeida",
        "--department",
        "Sales",
        "--branch",
        "Lisbon",
    ]);
    db.ok(&[
        "user",
        "add",
        "yuri@acme.test",
        "--name",
        "Yuri",
        "--surname",
        "Zhang",
        "--department",
        "Ops",
        "--role",
        "user-admin",
    ]);
    db.cmd()
        .env("ROSTER_NOW", "2026-03-01T10:00:00Z")
        .args(["user", "add", "xu@acme.test", "--name", "Xu", "--surname", "Li_x%", "--department", "sales"])
        .assert()
        .success();

    let emails = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["user", "list"];
        all.extend_from_slice(args);
        let users: Vec<User> = db.json(&all);
        users.into_iter().map(|u| u.email).collect()
    };
    assert_eq!(emails(&[]), ["ana@acme.test", "xu@acme.test", "yuri@acme.test", "zoe@acme.test"]);
    assert_eq!(emails(&["--search", "ZO"]), ["zoe@acme.test"]);
    assert_eq!(emails(&["--search", "alm"]), ["zoe@acme.test"]);
    assert_eq!(emails(&["--search", "zh"]), ["yuri@acme.test"]);
    // Wildcards in the text are literal.
    assert_eq!(emails(&["--search", "li_x%"]), ["xu@acme.test"]);
    assert!(emails(&["--search", "l_"]).is_empty());
    assert_eq!(emails(&["--role", "user-admin"]), ["yuri@acme.test"]);
    assert_eq!(emails(&["--department", "SALES"]), ["xu@acme.test", "zoe@acme.test"]);
    assert_eq!(emails(&["--branch", "lisbon"]), ["zoe@acme.test"]);
    assert_eq!(emails(&["--created-since", "2026-02-01"]), ["xu@acme.test"]);
    assert_eq!(emails(&["--status", "active", "--limit", "2"]), ["ana@acme.test", "xu@acme.test"]);
    assert_eq!(emails(&["--limit", "2", "--offset", "2"]), ["yuri@acme.test", "zoe@acme.test"]);
    assert_eq!(emails(&["--sort", "surname"]), ["zoe@acme.test", "xu@acme.test", "ana@acme.test", "yuri@acme.test"]);
    assert_eq!(emails(&["--sort", "created", "--desc", "--limit", "1"]), ["xu@acme.test"]);
    db.fails(5, &["user", "list", "--status", "gone"]);
    db.fails(5, &["user", "list", "--sort", "shoe-size"]);
}

#[test]
fn list_shows_the_export_s_columns_or_those_asked_for() {
    let db = TestDb::with_admin();
    db.ok(&["user", "edit", "ana@acme.test", "--phone", "+351 21 000 0000"]);
    let table = db.ok(&["user", "list"]);
    for column in ["email", "name", "surname", "phone", "roles", "status", "created_at"] {
        assert!(table.contains(column), "{table}");
    }
    let csv = db.ok(&["--format", "csv", "user", "list"]);
    assert_eq!(
        csv,
        "email,name,surname,phone,roles,status,created_at\nana@acme.test,ana,Test,'+351 21 000 0000,admin,active,2026-01-15 09:00\n"
    );
    // The same names as `user export`.
    let chosen = db.ok(&["--format", "csv", "user", "list", "--columns", "email,phone,department"]);
    let exported = db.ok(&["user", "export", "--columns", "email,phone,department"]);
    assert_eq!(chosen, exported);
    let err = db.fails(5, &["user", "list", "--columns", "email,password_hash"]);
    assert!(err.contains("columns") && err.contains("password_hash"), "{err}");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;

    let db = TestDb::sqlite_with_admin();
    // Enough rows to overflow a pipe buffer, added in one transaction.
    {
        let mut roster = roster::Roster::open(&db.path, None, "tester", chrono::Utc::now()).unwrap();
        roster
            .write(|tx| {
                for i in 0..3000 {
                    let email = format!("user{i:05}@acme.test");
                    let new = roster::users::fields::new_user(
                        [
                            (roster::users::Field::Email, email.as_str()),
                            (roster::users::Field::Name, "N"),
                            (roster::users::Field::Surname, "S"),
                        ],
                        vec![],
                    )?;
                    roster::users::add(tx, new, None)?;
                }
                Ok(())
            })
            .unwrap();
    }
    for command in ["list", "export"] {
        let mut child =
            db.process().args(["user", command]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
        // The reader is dropped here: the pipe closes with most rows unwritten.
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "user {command}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(out.stderr.is_empty(), "user {command}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn search_finds_people_by_any_word_fragment_case_or_accent() {
    let db = TestDb::with_admin();
    for (email, name, surname) in [
        ("ana.silva@acme.test", "Ana", "Silva"),
        ("bo@acme.test", "Bo", "Chen"),
        ("ines@acme.test", "Inês", "Sá"),
        ("dima@acme.test", "Дмитрий", "Иванов"),
        ("anabel@acme.test", "Anabel", "Costa"),
    ] {
        db.ok(&["user", "add", email, "--name", name, "--surname", surname]);
    }
    let found = |search: &str| -> Vec<String> {
        let users: Vec<User> = db.json(&["user", "list", "--search", search]);
        users.into_iter().map(|u| u.email).collect()
    };
    assert_eq!(found("ana sil"), ["ana.silva@acme.test"], "every word begins a word");
    assert_eq!(found("Silva Ana"), ["ana.silva@acme.test"], "in any order");
    assert_eq!(found("hen"), ["bo@acme.test"], "a fragment of three stands anywhere");
    assert!(found("he").is_empty(), "two characters begin a word");
    assert_eq!(found("INÊS"), ["ines@acme.test"], "case in every script");
    assert_eq!(found("ines sa"), ["ines@acme.test"], "accents");
    assert_eq!(found("дмитрий"), ["dima@acme.test"]);
    assert_eq!(found("ИВАН"), ["dima@acme.test"]);
    assert_eq!(found("ana"), ["ana.silva@acme.test", "ana@acme.test", "anabel@acme.test"]);
    assert_eq!(found("silva@acme"), ["ana.silva@acme.test"]);
    assert!(found("acme").is_empty(), "a fragment leaves the domain out");
    assert_eq!(found("@acme.test").len(), 6, "an address term does not");
    // The index follows a rename, and forgets a deleted user.
    db.ok(&["user", "edit", "bo@acme.test", "--surname", "Wong"]);
    assert!(found("chen").is_empty());
    assert_eq!(found("wong"), ["bo@acme.test"]);
}

/// A page of a search is the page of what the rule finds, whatever the
/// index narrows to first: 300 people whose surnames hold "ab" inside a word
/// come before the few whose names begin with it, and `--search ab` (two
/// letters: a word start) pages over only those few, on either backend.
#[test]
fn a_search_page_holds_what_the_rule_finds_past_what_the_index_narrows_to() {
    let db = TestDb::with_admin();
    let mut csv = String::from("email,name,surname\n");
    for i in 0..300 {
        csv.push_str(&format!("a{i:03}@acme.test,Kim,Grab{i}\n"));
    }
    for i in 0..5 {
        csv.push_str(&format!("z{i}@acme.test,Abel,Stone{i}\n"));
    }
    let file = db.dir.path().join("people.csv");
    std::fs::write(&file, csv).unwrap();
    db.ok(&["user", "import", file.to_str().unwrap()]);
    let page = |extra: &[&str]| -> Vec<String> {
        let mut args = vec!["user", "list", "--search", "ab"];
        args.extend_from_slice(extra);
        let users: Vec<User> = db.json(&args);
        users.into_iter().map(|u| u.email).collect()
    };
    assert_eq!(page(&["--limit", "2"]), ["z0@acme.test", "z1@acme.test"]);
    assert_eq!(page(&["--limit", "2", "--offset", "3"]), ["z3@acme.test", "z4@acme.test"]);
    assert_eq!(page(&[]).len(), 5);
    assert!(page(&["--limit", "0"]).is_empty());
    let grab: Vec<User> = db.json(&["user", "list", "--search", "rab", "--limit", "1000"]);
    assert_eq!(grab.len(), 300, "three letters stand anywhere");
}

/// Id order is creation order: a user added after the clock stepped back is
/// never dated before the newest user, so `--created-since` (a search over
/// ids) and `--sort created` still see it as the newer one.
#[test]
fn a_user_added_after_the_clock_stepped_back_is_still_the_newest() {
    let db = TestDb::with_admin();
    let add = |now: &str, email: &str| {
        db.cmd()
            .env("ROSTER_NOW", now)
            .args(["user", "add", email, "--name", "N", "--surname", "S"])
            .assert()
            .success();
    };
    add("2026-03-01T10:00:00Z", "early@acme.test");
    add("2026-02-10T08:00:00Z", "stepped-back@acme.test");
    add("2026-03-05T10:00:00Z", "late@acme.test");
    let list = |args: &[&str]| {
        let mut all = vec!["--format", "csv", "user", "list", "--columns", "email,created_at"];
        all.extend_from_slice(args);
        db.ok(&all)
    };
    assert_eq!(
        list(&["--created-since", "2026-03-01"]),
        "email,created_at\nearly@acme.test,2026-03-01 10:00\nlate@acme.test,2026-03-05 10:00\nstepped-back@acme.test,2026-03-01 10:00\n"
    );
    assert_eq!(list(&["--created-since", "2026-03-02"]), "email,created_at\nlate@acme.test,2026-03-05 10:00\n");
    assert_eq!(list(&["--created-since", "2026-03-06"]), "email,created_at\n");
    let newest = list(&["--sort", "created", "--desc", "--limit", "2"]);
    assert_eq!(newest, "email,created_at\nlate@acme.test,2026-03-05 10:00\nstepped-back@acme.test,2026-03-01 10:00\n");
    // A change by filter reads the same users.
    db.ok(&["user", "block", "--created-since", "2026-03-02", "--yes"]);
    let blocked = db.ok(&["--format", "csv", "user", "list", "--status", "blocked", "--columns", "email"]);
    assert_eq!(blocked, "email\nlate@acme.test\n");
}

/// A database made before ids followed creation: V21 gives a user dated
/// before an older one that one's time, so `--created-since` misses nobody.
#[test]
fn creation_times_out_of_id_order_are_put_in_order() {
    let db = TestDb::sqlite_with_admin();
    for (now, email) in [("2026-03-01T10:00:00Z", "one@acme.test"), ("2026-03-05T10:00:00Z", "two@acme.test")] {
        db.cmd()
            .env("ROSTER_NOW", now)
            .args(["user", "add", email, "--name", "N", "--surname", "S"])
            .assert()
            .success();
    }
    let conn = db.sql();
    conn.execute_batch(
        "UPDATE users SET created_at = '2026-02-10T08:00:00Z' WHERE email = 'two@acme.test';
         DELETE FROM refinery_schema_history WHERE version >= 21;",
    )
    .unwrap();
    let listed =
        db.ok(&["--format", "csv", "user", "list", "--created-since", "2026-03-01", "--columns", "email,created_at"]);
    assert_eq!(listed, "email,created_at\none@acme.test,2026-03-01 10:00\ntwo@acme.test,2026-03-01 10:00\n");
}

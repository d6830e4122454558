//! What the admin pages roster replaces let an admin do (issue 18): the
//! parts built so far.

use serde::Deserialize;

use super::util::TestDb;

#[derive(Deserialize)]
struct Shown {
    name: String,
    department: Option<String>,
    status: String,
    block_note: Option<String>,
    groups: Vec<String>,
}

#[test]
fn abilities_and_groups_are_given_at_creation_as_their_commands_give_them() {
    let db = TestDb::with_admin();
    db.ok(&["ability", "add", "crm.view", "--description", "See the CRM"]);
    db.ok(&["group", "create", "ops"]);
    db.ok(&[
        "user",
        "add",
        "bo@acme.test",
        "--name",
        "Bo",
        "--surname",
        "Chen",
        "--ability",
        "crm.view",
        "--group",
        "ops",
    ]);
    let bo: Shown = db.json(&["user", "show", "bo@acme.test"]);
    assert_eq!(bo.groups, ["ops"]);
    assert!(db.ok(&["user", "perms", "bo@acme.test"]).contains("crm.view"));
    // Checked as `ability grant` checks: an unknown ability refuses the whole add.
    db.fails(3, &["user", "add", "cy@acme.test", "--name", "Cy", "--surname", "D", "--ability", "no.such"]);
    assert_eq!(db.count("SELECT count(*) FROM users WHERE email = 'cy@acme.test'"), 0);
    db.ok(&["invite", "send", "di@acme.test", "--ability", "crm.view", "--group", "ops"]);
    assert!(db.ok(&["user", "perms", "di@acme.test"]).contains("crm.view"));
}

#[test]
fn a_user_edits_their_own_contact_fields_and_nothing_else() {
    let db = TestDb::with_admin();
    db.add("bo@acme.test", &["--department", "Ops"]);
    db.add("cy@acme.test", &[]);
    let bo = ["--as", "bo@acme.test", "user", "edit", "bo@acme.test"];
    fn own<'a>(bo: &[&'a str], extra: &[&'a str]) -> Vec<&'a str> {
        [bo, extra].concat()
    }
    db.ok(&own(&bo, &["--name", "Bob", "--phone", "+351 21 000 0001", "--language", "pt-PT"]));
    let shown: Shown = db.json(&["user", "show", "bo@acme.test"]);
    assert_eq!(shown.name, "Bob");
    // Where they belong and how they sign in stay the admins'.
    db.fails(6, &own(&bo, &["--department", "Sales"]));
    db.fails(6, &own(&bo, &["--email", "bob@acme.test"]));
    db.fails(6, &own(&bo, &["--expires-on", "2030-01-01"]));
    db.fails(6, &["--as", "bo@acme.test", "user", "edit", "cy@acme.test", "--phone", "+351 21 000 0002"]);
    // And a member learns nothing of addresses that are not theirs.
    db.fails(6, &["--as", "bo@acme.test", "user", "edit", "nobody@acme.test", "--name", "X"]);
    let shown: Shown = db.json(&["user", "show", "bo@acme.test"]);
    assert_eq!(shown.department.as_deref(), Some("Ops"));
}

#[test]
fn welcome_only_where_it_can_work_and_archive_keeps_why() {
    let db = TestDb::with_admin();
    db.ok(&["invite", "send", "new@acme.test"]);
    let err = db.fails(4, &["user", "welcome", "new@acme.test"]);
    assert!(err.contains("invite resend"), "{err}");
    db.add("bo@acme.test", &[]);
    db.ok(&["user", "block", "bo@acme.test"]);
    db.fails(4, &["user", "welcome", "bo@acme.test"]);
    db.ok(&["user", "unblock", "bo@acme.test"]);
    db.ok(&["user", "welcome", "bo@acme.test"]);
    db.ok(&["user", "archive", "bo@acme.test", "--reason", "left the company"]);
    let shown: Shown = db.json(&["user", "show", "bo@acme.test"]);
    assert_eq!((shown.status.as_str(), shown.block_note.as_deref()), ("archived", Some("left the company")));
    db.fails(4, &["user", "welcome", "bo@acme.test"]);
    assert!(db.ok(&["audit", "list", "--user", "bo@acme.test"]).contains("left the company"));
    db.ok(&["user", "reactivate", "bo@acme.test"]);
    let shown: Shown = db.json(&["user", "show", "bo@acme.test"]);
    assert_eq!(shown.block_note, None, "the reason goes with the status");
}

#[test]
fn account_kinds_are_listed_filtered_exported_and_gate_logins() {
    const PASSWORD: &str = "Correct-Horse-42";
    let db = TestDb::with_admin();
    db.ok(&["ability", "add", "sim.use", "--description", "The sales simulator"]);
    db.add("ext@acme.test", &["--kind", "external"]);
    db.add("sim@acme.test", &["--kind", "app-only"]);
    db.ok(&["ability", "grant", "sim@acme.test", "sim.use"]);
    db.add("emp@acme.test", &[]);
    let kind_of = |email: &str| -> String {
        #[derive(Deserialize)]
        struct K {
            kind: String,
        }
        db.json::<K>(&["user", "show", email]).kind
    };
    assert_eq!(kind_of("emp@acme.test"), "employee", "the default");
    let listed = db.ok(&["--format", "csv", "user", "list", "--kind", "external", "--columns", "email,kind"]);
    assert_eq!(listed, "email,kind\next@acme.test,external\n");
    db.fails(5, &["user", "add", "x@acme.test", "--name", "X", "--surname", "Y", "--kind", "robot"]);
    db.fails(5, &["user", "edit", "ext@acme.test", "--kind", ""]);
    // Both ways through CSV.
    let file = db.dir.path().join("kinds.csv");
    std::fs::write(&file, "email,name,surname,kind\nemp@acme.test,emp,Test,external\nnew@acme.test,New,One,Employee\n")
        .unwrap();
    db.ok(&["user", "import", file.to_str().unwrap()]);
    assert_eq!((kind_of("emp@acme.test"), kind_of("new@acme.test")), ("external".into(), "employee".into()));
    let exported = db.ok(&["user", "export", "--columns", "email,kind"]);
    assert!(exported.contains("sim@acme.test,app-only"), "{exported}");
    // auth login --for: the app asks for its ability.
    for user in ["sim@acme.test", "ext@acme.test"] {
        db.cmd().args(["user", "passwd", user, "--password-stdin"]).write_stdin(PASSWORD).assert().success();
    }
    let login = |user: &str, extra: &[&str]| -> (i32, String) {
        let mut args = vec!["--format", "json", "auth", "login", user, "--password-stdin"];
        args.extend_from_slice(extra);
        let out = db.cmd().args(&args).write_stdin(PASSWORD).output().unwrap();
        let shown: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        (out.status.code().unwrap(), shown["reason"].as_str().unwrap_or("").to_owned())
    };
    assert_eq!(login("sim@acme.test", &[]), (7, "app_only_account".into()));
    assert_eq!(login("sim@acme.test", &["--for", "sim.use"]), (0, String::new()));
    assert_eq!(login("ext@acme.test", &["--for", "sim.use"]), (7, "lacks_ability".into()));
    assert_eq!(login("ext@acme.test", &[]), (0, String::new()));
}

#[test]
fn confirming_an_invitee_needs_invites_manage_from_every_door() {
    let db = TestDb::with_admin();
    db.ok(&["role", "create", "desk", "--ability", "users.read", "--ability", "users.manage"]);
    db.add("desk@acme.test", &["--role", "desk"]);
    db.ok(&["invite", "send", "new@acme.test"]);
    db.fails(6, &["--as", "desk@acme.test", "user", "confirm", "new@acme.test"]);
    let file = db.dir.path().join("confirm.csv");
    std::fs::write(&file, "email,status\nnew@acme.test,active\n").unwrap();
    db.fails(6, &["--as", "desk@acme.test", "user", "import", file.to_str().unwrap()]);
    let shown: Shown = db.json(&["user", "show", "new@acme.test"]);
    assert_eq!(shown.status, "invited");
    db.ok(&["--as", "ana@acme.test", "user", "confirm", "new@acme.test"]);
    let shown: Shown = db.json(&["user", "show", "new@acme.test"]);
    assert_eq!(shown.status, "active");
    let invites = db.ok(&["--format", "json", "invite", "list", "--status", "confirmed"]);
    assert!(invites.contains("new@acme.test"), "the invite ends confirmed: {invites}");
    db.ok(&["user", "welcome", "new@acme.test"]);
}

#[test]
fn brands_are_set_shown_filtered_and_exported_and_a_restriction_stays_among_them() {
    let db = TestDb::with_admin();
    #[derive(Deserialize)]
    struct Branded {
        brands: Vec<String>,
        restrict_to_brand: Option<String>,
        auto_filter_brands: String,
    }
    let shown = |email: &str| -> Branded { db.json(&["user", "show", email]) };
    db.add("bo@acme.test", &["--brand", "Bosch", "--brand", "Valeo", "--restrict-to-brand", "Bosch"]);
    db.add("cy@acme.test", &["--brand", "Valeo", "--auto-filter-brands", "true"]);
    let bo = shown("bo@acme.test");
    assert_eq!(
        (bo.brands.clone(), bo.restrict_to_brand.as_deref()),
        (vec!["Bosch".into(), "Valeo".into()], Some("Bosch"))
    );
    assert_eq!(shown("cy@acme.test").auto_filter_brands, "true");
    assert!(db.ok(&["user", "show", "bo@acme.test"]).contains("Bosch, Valeo"), "the table shows brands");
    // A restriction outside the brands is refused, from add, edit and import alike.
    let err =
        db.fails(5, &["user", "add", "di@acme.test", "--name", "Di", "--surname", "D", "--restrict-to-brand", "Bosch"]);
    assert!(err.contains("restrict_to_brand") && err.contains("not one of the user's brands"), "{err}");
    db.fails(5, &["user", "edit", "cy@acme.test", "--restrict-to-brand", "Bosch"]);
    db.fails(5, &["user", "edit", "bo@acme.test", "--brand", "Valeo"]);
    let file = db.dir.path().join("brands.csv");
    std::fs::write(&file, "email,restrict_to_brand\ncy@acme.test,Bosch\n").unwrap();
    db.fails(5, &["user", "import", file.to_str().unwrap()]);
    // On edit --brand sets the whole list; "" clears it (with the restriction first).
    db.ok(&["user", "edit", "cy@acme.test", "--brand", "Valeo", "--brand", "Bosch", "--restrict-to-brand", "Bosch"]);
    assert_eq!(shown("cy@acme.test").restrict_to_brand.as_deref(), Some("Bosch"));
    db.ok(&["user", "edit", "bo@acme.test", "--restrict-to-brand", "", "--brand", ""]);
    assert!(shown("bo@acme.test").brands.is_empty());
    // Filtered, and both ways through CSV.
    let listed = db.ok(&["--format", "csv", "user", "list", "--brand", "Bosch", "--columns", "email"]);
    assert_eq!(listed, "email\ncy@acme.test\n");
    let exported = db.ok(&["user", "export", "--columns", "email,brands,restrict_to_brand,auto_filter_brands"]);
    assert!(exported.contains("cy@acme.test,Bosch;Valeo,Bosch,true"), "{exported}");
    std::fs::write(&file, "email,brands,restrict_to_brand,auto_filter_brands\nbo@acme.test,Valeo,Valeo,yes\n").unwrap();
    db.ok(&["user", "import", file.to_str().unwrap()]);
    let bo = shown("bo@acme.test");
    assert_eq!((bo.restrict_to_brand.as_deref(), bo.auto_filter_brands.as_str()), (Some("Valeo"), "true"));
}

#[test]
fn a_group_owns_work_and_routing_picks_the_available_least_loaded_member() {
    let db = TestDb::with_admin();
    db.ok(&["group", "create", "support"]);
    for who in ["amy", "ben", "cat", "dan"] {
        db.add(&format!("{who}@acme.test"), &[]);
        db.ok(&["group", "add", "support", &format!("{who}@acme.test")]);
    }
    // amy is absent today, ben blocked, cat already has an item: dan is picked.
    db.ok(&["user", "absence", "add", "amy@acme.test", "2026-01-15"]);
    db.ok(&["user", "block", "ben@acme.test"]);
    db.ok(&["assignment", "add", "cat@acme.test", "--kind", "ticket", "--ref", "T-1"]);
    assert_eq!(db.ok(&["user", "pick", "--group", "support"]).trim(), "dan@acme.test");
    db.ok(&["assignment", "add", "--group", "support", "--route", "--kind", "ticket", "--ref", "T-2"]);
    let dan = db.ok(&["--format", "csv", "assignment", "list", "dan@acme.test"]);
    assert!(dan.contains("dan@acme.test,ticket,T-2"), "{dan}");
    // Now cat and dan have one each: ties go by email; amy is back the day after.
    assert_eq!(db.ok(&["user", "pick", "--group", "support"]).trim(), "cat@acme.test");
    assert_eq!(db.ok(&["user", "pick", "--group", "support", "--on", "2026-01-16"]).trim(), "amy@acme.test");
    // The group itself owns an item; deleting it asks what becomes of it.
    db.ok(&["assignment", "add", "--group", "support", "--kind", "queue", "--ref", "Q-1"]);
    let owned = db.ok(&["--format", "csv", "assignment", "list", "--group", "support"]);
    assert!(owned.contains("group:support,queue,Q-1"), "{owned}");
    let err = db.fails(4, &["group", "delete", "support"]);
    assert!(err.contains("--reassign-to") && err.contains("--force"), "{err}");
    db.ok(&["group", "delete", "support", "--reassign-to", "cat@acme.test"]);
    let cat = db.ok(&["--format", "csv", "assignment", "list", "cat@acme.test"]);
    assert!(cat.contains("cat@acme.test,queue,Q-1"), "{cat}");
    db.fails(3, &["user", "pick", "--group", "support"]);
}

#[test]
fn an_app_only_account_reaches_only_its_app_and_kinds_change_from_above() {
    const PASSWORD: &str = "Correct-Horse-42";
    let db = TestDb::with_admin();
    db.ok(&["ability", "add", "sim.use", "--description", "The sales simulator"]);
    db.add("sim@acme.test", &["--kind", "app-only", "--role", "user-admin"]);
    db.ok(&["ability", "grant", "sim@acme.test", "sim.use"]);
    db.cmd().args(["user", "passwd", "sim@acme.test", "--password-stdin"]).write_stdin(PASSWORD).assert().success();
    // Not an actor in roster, whatever its roles.
    let err = db.fails(6, &["--as", "sim@acme.test", "user", "list"]);
    assert!(err.contains("app-only"), "{err}");
    // Its session is good for the app it was opened for, and says so.
    let out = db
        .cmd()
        .args([
            "--format",
            "json",
            "auth",
            "login",
            "sim@acme.test",
            "--password-stdin",
            "--for",
            "sim.use",
            "--session",
        ])
        .write_stdin(PASSWORD)
        .output()
        .unwrap();
    let login: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let token = login["session_token"].as_str().unwrap().to_owned();
    let session = db.cmd().args(["--format", "json", "auth", "session"]).write_stdin(token.clone()).output();
    let session = session.unwrap();
    assert!(session.status.success(), "{}", String::from_utf8_lossy(&session.stderr));
    assert!(String::from_utf8_lossy(&session.stdout).contains("\"for\": \"sim.use\""));
    // A kind changes only from above, and ends the sessions opened before.
    db.add("ua@acme.test", &["--role", "user-admin"]);
    db.fails(6, &["--as", "ua@acme.test", "user", "edit", "ana@acme.test", "--kind", "app-only"]);
    db.ok(&["user", "edit", "sim@acme.test", "--kind", "external"]);
    let after = db.cmd().args(["auth", "session"]).write_stdin(token).output().unwrap();
    assert_eq!(after.status.code(), Some(7), "the session ended with the kind change");
}

#[test]
fn a_search_with_no_words_is_refused_rather_than_matching_everyone() {
    let db = TestDb::with_admin();
    db.add("bo@acme.test", &[]);
    let err = db.fails(5, &["user", "archive", "--search", "  ", "--yes"]);
    assert!(err.contains("search"), "{err}");
    assert_eq!(db.count("SELECT count(*) FROM users WHERE status = 'archived'"), 0);
}

#[test]
fn a_brand_restricted_user_is_updated_by_a_file_without_brand_columns() {
    let db = TestDb::with_admin();
    db.add("bo@acme.test", &["--brand", "Bosch", "--restrict-to-brand", "Bosch"]);
    let file = db.dir.path().join("phones.csv");
    std::fs::write(&file, "email,phone\nbo@acme.test,+351 21 000 0009\n").unwrap();
    db.ok(&["user", "import", file.to_str().unwrap()]);
}

//! `user import` and `user export` through the binary.

use std::io::Write;

use serde::Deserialize;
use serde_json::Value;

use super::util::TestDb;

#[derive(Debug, Deserialize)]
struct Report {
    created: u64,
    updated: u64,
    unchanged: u64,
    skipped: u64,
    applied: bool,
    errors: Vec<RowError>,
    #[serde(default)]
    rows: Vec<Row>,
}

#[derive(Debug, Deserialize)]
struct RowError {
    line: u64,
    field: String,
}

#[derive(Debug, Deserialize)]
struct Row {
    email: String,
    action: String,
    changes: serde_json::Value,
}

#[derive(Debug, Deserialize)]
struct User {
    email: String,
    name: String,
    surname: String,
    phone: Option<String>,
    department: Option<String>,
    roles: Vec<String>,
    groups: Vec<String>,
    status: String,
}

impl TestDb {
    fn file(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.dir.path().join(name);
        std::fs::File::create(&path).unwrap().write_all(bytes).unwrap();
        path.display().to_string()
    }

    fn import(&self, file: &str, extra: &[&str]) -> std::process::Output {
        let mut args = vec!["--format", "json", "user", "import", file];
        args.extend_from_slice(extra);
        self.cmd().args(&args).output().unwrap()
    }

    fn users(&self) -> Vec<User> {
        self.json(&["user", "list", "--all"])
    }
}

fn report(out: &std::process::Output) -> Report {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)))
}

#[test]
fn bom_crlf_and_quoted_newlines() {
    let db = TestDb::with_admin();
    let file = db.file(
        "hr.csv",
        "\u{feff}EMAIL,Name,surname,Department,phone\r\n\
         zoe@acme.test,Zoë,\"Almeida, da Silva\",\"Sales\r\nNorth\",+351 21 000 0000\r\n\
         \"yu@acme.test\",\"Yu \"\"Jade\"\"\",李,Ops,\r\n"
            .as_bytes(),
    );
    let out = db.import(&file, &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let r = report(&out);
    assert_eq!((r.created, r.updated, r.unchanged, r.skipped), (2, 0, 0, 0));
    let users = db.users();
    let zoe = users.iter().find(|u| u.email == "zoe@acme.test").unwrap();
    assert_eq!((zoe.name.as_str(), zoe.surname.as_str()), ("Zoë", "Almeida, da Silva"));
    assert_eq!(zoe.department.as_deref(), Some("Sales\nNorth"));
    assert_eq!(zoe.roles, ["member"]);
    let yu = users.iter().find(|u| u.email == "yu@acme.test").unwrap();
    assert_eq!((yu.name.as_str(), yu.surname.as_str(), yu.phone.as_deref()), ("Yu \"Jade\"", "李", None));
}

#[test]
fn errors_on_several_lines_are_reported_together_and_nothing_is_written() {
    let db = TestDb::with_admin();
    let file = db.file(
        "bad.csv",
        b"email,name,surname,timezone,country\n\
          ok@acme.test,Ok,Fine,UTC,PT\n\
          not-an-email,A,B,UTC,PT\n\
          c@acme.test,C,D,Mars/Base,ZZ\n\
          d@acme.test,,D,UTC,PT\n",
    );
    let out = db.import(&file, &[]);
    assert_eq!(out.status.code(), Some(5));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 3: invalid email \"not-an-email\""), "{stderr}");
    assert!(stderr.contains("line 4: invalid timezone \"Mars/Base\""), "{stderr}");
    assert!(stderr.contains("line 4: invalid country \"ZZ\""), "{stderr}");
    assert!(stderr.contains("line 5: invalid name"), "{stderr}");
    let r = report(&out);
    assert!(!r.applied);
    let lines: Vec<(u64, &str)> = r.errors.iter().map(|e| (e.line, e.field.as_str())).collect();
    assert_eq!(lines, [(3, "email"), (4, "timezone"), (4, "country"), (5, "name")]);
    assert_eq!(db.count("SELECT count(*) FROM users"), 1, "the valid row was not written either");
    assert_eq!(db.count("SELECT count(*) FROM audit WHERE action = 'user.import'"), 0);

    // --skip-invalid applies the valid row and reports the rest.
    let out = db.import(&file, &["--skip-invalid"]);
    assert!(out.status.success());
    let r = report(&out);
    assert_eq!((r.created, r.skipped, r.errors.len()), (1, 3, 4));
    assert_eq!(db.count("SELECT count(*) FROM users"), 2);
}

#[test]
fn dry_run_plans_without_writing() {
    let db = TestDb::with_admin();
    db.add("bo@acme.test", &["--department", "Ops"]);
    let file =
        db.file("plan.csv", b"email,name,surname,department\nbo@acme.test,bo,Test,Sales\nnew@acme.test,New,One,Ops\n");
    let out = db.import(&file, &["--dry-run"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let r = report(&out);
    assert_eq!((r.created, r.updated, r.applied), (1, 1, false));
    let bo = r.rows.iter().find(|row| row.email == "bo@acme.test").unwrap();
    assert_eq!(bo.action, "update");
    assert_eq!(bo.changes, serde_json::json!({"department": {"old": "Ops", "new": "Sales"}}));
    assert_eq!(db.count("SELECT count(*) FROM users"), 2);
    assert_eq!(db.count("SELECT count(*) FROM users WHERE department = 'Ops'"), 1);
    let audit_before = db.count("SELECT count(*) FROM audit");
    let table = db.ok(&["user", "import", &file, "--dry-run"]);
    assert_eq!(table.trim(), "would create 1, update 1, leave 0 unchanged, skip 0; nothing was written (dry run)");
    assert_eq!(db.count("SELECT count(*) FROM audit"), audit_before);
}

#[test]
fn a_refused_import_says_on_stdout_that_nothing_was_written() {
    let db = TestDb::with_admin();
    let file = db.file(
        "bad.csv",
        b"email,name,surname
ok@acme.test,Ok,One
bad,B,C
",
    );
    let out = db.cmd().args(["user", "import", &file]).output().unwrap();
    assert_eq!(out.status.code(), Some(5));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.trim(), "would create 1, update 0, leave 0 unchanged, skip 1; nothing was written (1 error(s))");
    // Said once a stream: the error and the sentence on stderr, the result on stdout.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 3: invalid email") && stderr.contains("nothing was written"), "{stderr}");
    let good = db.file(
        "good.csv",
        b"email,name,surname
ok@acme.test,Ok,One
",
    );
    let out = db.cmd().args(["-q", "user", "import", &good]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "created=1 updated=0 unchanged=0 skipped=0");
    assert!(out.stderr.is_empty(), "-q: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn update_mode_absent_column_versus_empty_cell() {
    let db = TestDb::with_admin();
    db.add("bo@acme.test", &["--phone", "1234 5678", "--department", "Ops"]);
    // No phone column: the phone stays. Empty department cell: cleared.
    let file = db.file("upd.csv", b"email,department\nBO@acme.test,\n");
    let r = report(&db.import(&file, &["--mode", "update"]));
    assert_eq!(r.updated, 1);
    let bo: User = db.json(&["user", "show", "bo@acme.test"]);
    assert_eq!(bo.phone.as_deref(), Some("1234 5678"));
    assert_eq!(bo.department, None);
    // Clearing a required field is an error.
    let file = db.file("clear.csv", b"email,surname\nbo@acme.test,\n");
    let out = db.import(&file, &["--mode", "update"]);
    assert_eq!(out.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 2: invalid surname"));
    // Update mode refuses unknown emails; create mode refuses known ones.
    let file = db.file("new.csv", b"email,name,surname\nnew@acme.test,N,S\n");
    assert_eq!(db.import(&file, &["--mode", "update"]).status.code(), Some(5));
    let file = db.file("old.csv", b"email,name,surname\nbo@acme.test,N,S\n");
    assert_eq!(db.import(&file, &["--mode", "create"]).status.code(), Some(5));
}

#[test]
fn seats_are_counted_for_the_whole_file() {
    let db = TestDb::new();
    db.ok(&["init", "--org", "Acme", "--seats", "3"]);
    db.add("ana@acme.test", &["--role", "admin"]);
    let file = db.file("three.csv", b"email,name,surname\na@acme.test,A,A\nb@acme.test,B,B\nc@acme.test,C,C\n");
    let out = db.import(&file, &[]);
    assert_eq!(out.status.code(), Some(4));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("needs 3, 2 free"), "{stderr}");
    assert_eq!(db.count("SELECT count(*) FROM users"), 1);
    // Even --skip-invalid cannot take seats that are not there.
    assert_eq!(db.import(&file, &["--skip-invalid"]).status.code(), Some(4));
    assert_eq!(db.count("SELECT count(*) FROM users"), 1);
}

#[test]
fn duplicate_emails_in_any_case_name_both_lines() {
    let db = TestDb::with_admin();
    let file = db.file("dup.csv", b"email,name,surname\nbo@acme.test,B,C\ncy@acme.test,C,D\nBO@ACME.TEST,B,C\n");
    let out = db.import(&file, &[]);
    assert_eq!(out.status.code(), Some(5));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 4: invalid email \"BO@ACME.TEST\": appears again (first on line 2)"), "{stderr}");
    assert_eq!(db.count("SELECT count(*) FROM users"), 1);
}

#[test]
fn the_header_is_checked() {
    let db = TestDb::with_admin();
    let file = db.file("pw.csv", b"email,name,surname,password\na@acme.test,A,B,hunter2hunter2\n");
    let out = db.import(&file, &[]);
    assert_eq!(out.status.code(), Some(5));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("plaintext passwords are refused"), "{stderr}");
    assert!(!stderr.contains("hunter2"));

    let file = db.file("unknown.csv", b"email,name,surname,shoe_size,Hat\na@acme.test,A,B,44,no\n");
    let out = db.import(&file, &[]);
    assert_eq!(out.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&out.stderr).contains("\"shoe_size, Hat\""));
    assert!(db.import(&file, &["--ignore-unknown-columns"]).status.success());

    let file = db.file("noemail.csv", b"name,surname\nA,B\n");
    assert_eq!(db.import(&file, &[]).status.code(), Some(5));
    let file = db.file("empty.csv", b"");
    assert_eq!(db.import(&file, &[]).status.code(), Some(5));
}

#[test]
fn non_utf8_is_an_error_with_its_line() {
    let db = TestDb::with_admin();
    let file = db.file("latin1.csv", b"email,name,surname\na@acme.test,A,B\nb@acme.test,Jos\xe9,B\n");
    let out = db.import(&file, &[]);
    assert_eq!(out.status.code(), Some(5));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 3") && stderr.contains("not UTF-8"), "{stderr}");
    assert_eq!(db.count("SELECT count(*) FROM users"), 1);
}

#[test]
fn semicolons_stdin_lists_and_status() {
    let db = TestDb::with_admin();
    db.ok(&["role", "create", "sales", "--ability", "users.read", "--requires", "salesman_id"]);
    let csv = "email;name;surname;roles;groups;salesman_id;status\n\
               bo@acme.test;Bo;Chen;sales;\"north; south\";S-1;active\n\
               cy@acme.test;Cy;Dias;member;;;blocked\n";
    let out = db
        .cmd()
        .args(["--format", "json", "user", "import", "-", "--delimiter", ";"])
        .write_stdin(csv)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let users = db.users();
    let bo = users.iter().find(|u| u.email == "bo@acme.test").unwrap();
    assert_eq!(
        (bo.roles.clone(), bo.groups.clone()),
        (vec!["sales".to_owned()], vec!["north".to_owned(), "south".to_owned()])
    );
    let cy = users.iter().find(|u| u.email == "cy@acme.test").unwrap();
    assert_eq!(cy.status, "blocked");
    // A role's required field is checked on import too.
    let out =
        db.cmd().args(["user", "import", "-"]).write_stdin("email,salesman_id\nbo@acme.test,\n").output().unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stderr).contains("requires salesman_id"));
}

#[test]
fn imported_password_hashes_are_checked_and_never_shown() {
    let db = TestDb::with_admin();
    let bcrypt = "$2b$04$EGdrhbKUv8Oc9vGiXX0HQOxSg445d458Muh7DAHskb6QbtCvdxcie";
    let file =
        db.file("h.csv", format!("email,name,surname,password_hash\nbo@acme.test,Bo,Chen,{bcrypt}\n").as_bytes());
    assert!(db.import(&file, &[]).status.success());
    assert_eq!(db.count("SELECT count(*) FROM users WHERE password_hash IS NOT NULL"), 1);
    let export = db.ok(&["user", "export"]);
    assert!(!export.contains("$2b$"), "{export}");
    let audit = db.ok(&["--format", "json", "audit", "list"]);
    assert!(!audit.contains("$2b$"), "{audit}");
    let file = db.file("bad.csv", b"email,password_hash\nbo@acme.test,$argon2id$nonsense-secret\n");
    let out = db.import(&file, &[]);
    assert_eq!(out.status.code(), Some(5));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("nonsense-secret"));
}

#[test]
fn export_then_import_changes_nothing_and_audits_once() {
    let db = TestDb::with_admin();
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/users.csv");
    let r = report(&db.import(example, &[]));
    assert_eq!((r.created, r.errors.len()), (320, 0));
    assert_eq!(db.count("SELECT count(*) FROM audit WHERE action = 'user.add'"), 321);
    assert_eq!(db.count("SELECT count(*) FROM audit WHERE action = 'user.import'"), 1);
    let exported = db.dir.path().join("out.csv");
    db.ok(&["user", "export", exported.to_str().unwrap(), "--all"]);
    let r = report(&db.import(exported.to_str().unwrap(), &[]));
    assert_eq!((r.created, r.updated, r.unchanged), (0, 0, 321));
    assert_eq!(db.count("SELECT count(*) FROM audit WHERE action = 'user.edit'"), 0);
    let head = db.ok(&["user", "export", "--columns", "email,roles", "--search", "ana@"]);
    assert_eq!(head, "email,roles\nana@acme.test,admin\n");
    db.fails(5, &["user", "export", "--columns", "email,password_hash"]);
}

/// A first import into an empty database builds the mailbox key after its
/// load; two spellings of one address in the file still make one account.
#[test]
fn a_first_import_keeps_one_account_a_mailbox() {
    let db = TestDb::new();
    db.ok(&["init", "--org", "Acme"]);
    let file =
        db.file("twice.csv", b"email,name,surname\nzoe@acme.test,Zoe,A\nZOE@Acme.test,Zoe,B\nrui@acme.test,Rui,C\n");
    let r = report(&db.import(&file, &["--skip-invalid"]));
    assert_eq!((r.created, r.skipped), (2, 1));
    assert_eq!(r.errors.len(), 1);
    assert_eq!(db.count("SELECT count(*) FROM users WHERE email_key = 'zoe@acme.test'"), 1);
    let checks: Vec<Value> = db.json(&["db", "check"]);
    let unique = checks.iter().find(|c| c["check"] == "mailbox_key_unique").expect("the check runs");
    assert_eq!(unique["ok"], true, "{checks:?}");
}

/// `db check` names a missing unique index on the mailbox key (a first
/// import on SQLite drops it and builds it again), and the mailboxes that
/// more than one account then holds.
#[test]
fn a_missing_mailbox_key_index_is_named_by_db_check() {
    let db = TestDb::new();
    db.ok(&["init", "--org", "Acme"]);
    db.ok(&["user", "add", "zoe@acme.test", "--name", "Zoe", "--surname", "A"]);
    db.ok(&["user", "add", "rui@acme.test", "--name", "Rui", "--surname", "C"]);
    db.ok(&["db", "check"]);
    let sql = |sqlite: &str, server: &str| match db.on_server() {
        true => db.server_sql().batch_execute(server).unwrap(),
        false => db.sql().execute_batch(sqlite).unwrap(),
    };
    sql("DROP INDEX users_email_key", "ALTER TABLE users DROP CONSTRAINT users_email_key_key");
    let check = || String::from_utf8(db.cmd().args(["db", "check"]).output().unwrap().stdout).unwrap();
    db.fails(10, &["db", "check"]);
    assert!(check().contains("no unique index on email_key"), "{}", check());
    let twice = "UPDATE users SET email_key = 'zoe@acme.test' WHERE email = 'rui@acme.test'";
    sql(twice, twice);
    assert!(check().contains("2 accounts hold the mailbox zoe@acme.test"), "{}", check());
}

#[test]
fn a_bulk_load_into_an_empty_database_keeps_its_indexes_and_counts() {
    let db = TestDb::new();
    db.ok(&["init", "--org", "Acme"]);
    let before = db.schema();
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/users.csv");
    let r = report(&db.import(example, &[]));
    assert_eq!(r.created, 320);
    assert_eq!(db.schema(), before, "indexes, keys and triggers are back");
    #[derive(Deserialize)]
    struct Seats {
        active: u64,
        blocked: u64,
    }
    let seats: Seats = db.json(&["seats"]);
    assert_eq!(seats.active + seats.blocked, 320);
    assert_eq!(seats.blocked as i64, db.count("SELECT count(*) FROM users WHERE status = 'blocked'"));
    db.ok(&["db", "check"]);
    // The count triggers work again after the load.
    db.ok(&["user", "block", "pedro.ferreira@acme-parts.test"]);
    let after: Seats = db.json(&["seats"]);
    assert_eq!(after.blocked, seats.blocked + 1);
    // The load wrote each user's search entry as the triggers write it, so
    // a change takes the old entry out whole (a fragment is answered by the
    // index alone).
    let found = |search: &str| -> Vec<String> {
        let users: Vec<User> = db.json(&["user", "list", "--all", "--search", search]);
        users.into_iter().map(|u| u.email).collect()
    };
    assert_eq!(found("inês ferreira"), ["ines.ferreira@acme-parts.test"]);
    assert!(found("nês").contains(&"ines.ferreira@acme-parts.test".to_owned()));
    db.ok(&["user", "edit", "ines.ferreira@acme-parts.test", "--name", "Ilda", "--email", "ilda.f@acme-parts.test"]);
    assert!(!found("nês").contains(&"ilda.f@acme-parts.test".to_owned()), "the imported entry is gone");
    assert_eq!(found("ilda"), ["ilda.f@acme-parts.test"]);
    // A failed load into an empty database leaves no trace either.
    let empty = TestDb::new();
    empty.ok(&["init", "--org", "Empty"]);
    let bad = empty.file("bad.csv", b"email,name,surname\na@acme.test,A,B\nnope,C,D\n");
    assert_eq!(empty.import(&bad, &[]).status.code(), Some(5));
    assert_eq!(empty.schema(), before);
    assert_eq!(empty.count("SELECT count(*) FROM users"), 0);
}

#[test]
fn an_import_into_a_used_database_writes_its_new_users_search_entries() {
    let db = TestDb::with_admin();
    let before = db.schema();
    let found = |search: &str| -> Vec<String> {
        let users: Vec<User> = db.json(&["user", "list", "--search", search]);
        users.into_iter().map(|u| u.email).collect()
    };
    let file =
        db.file("new.csv", "email,name,surname\nines@acme.test,Inês,Quintanilha\nbo@acme.test,Bo,Chen\n".as_bytes());
    assert_eq!(report(&db.import(&file, &[])).created, 2);
    assert_eq!(db.schema(), before, "the insert trigger is back");
    assert_eq!(found("quintanil"), ["ines@acme.test"]);
    assert_eq!(found("hen"), ["bo@acme.test"]);
    db.ok(&["user", "add", "zoe@acme.test", "--name", "Zoë", "--surname", "Almeida"]);
    assert_eq!(found("almei"), ["zoe@acme.test"], "a user added after the import is indexed by the trigger");
    db.ok(&["user", "edit", "bo@acme.test", "--surname", "Wong"]);
    assert!(found("hen").is_empty(), "the imported entry is taken out whole");
    assert_eq!(found("wong"), ["bo@acme.test"]);
}

#[test]
fn send_invites_invites_the_created_users() {
    let db = TestDb::with_admin();
    db.add("old@acme.test", &[]);
    let file = db.file(
        "new.csv",
        b"email,name,surname\nold@acme.test,Old,Timer\nnew1@acme.test,New,One\nnew2@acme.test,New,Two\n",
    );
    let r = report(&db.import(&file, &["--send-invites"]));
    assert_eq!((r.created, r.updated), (2, 1));
    #[derive(Deserialize)]
    struct Invite {
        email: String,
        status: String,
    }
    let invites: Vec<Invite> = db.json(&["invite", "list"]);
    assert_eq!(
        invites.iter().map(|i| (i.email.as_str(), i.status.as_str())).collect::<Vec<_>>(),
        [("new1@acme.test", "open"), ("new2@acme.test", "open")]
    );
    assert_eq!(db.count("SELECT count(*) FROM users WHERE status = 'invited'"), 2);
    assert_eq!(db.count("SELECT count(*) FROM mail WHERE kind = 'invite' AND status = 'sent'"), 2);
    db.add("ua@acme.test", &["--role", "member"]);
    let out = db.cmd().args(["--as", "ua@acme.test", "user", "import", &file, "--send-invites"]).output().unwrap();
    assert_eq!(out.status.code(), Some(6));
}

#[test]
fn a_row_is_unchanged_only_when_nothing_would_change() {
    let db = TestDb::sqlite_with_admin();
    // Created in this order, the roles' ids run against their names' order.
    db.ok(&["role", "create", "zeta", "--ability", "users.read"]);
    db.ok(&["role", "create", "alpha", "--ability", "users.read"]);
    let file = db.file("a.csv", b"email,name,surname,roles,groups\nbo@acme.test,Bo,Chen,zeta;alpha,North\n");
    assert_eq!(report(&db.import(&file, &[])).created, 1);
    let r = report(&db.import(&file, &[]));
    assert_eq!((r.updated, r.unchanged), (0, 1));
    // Group names are matched without case.
    let file = db.file("b.csv", b"email,name,surname,roles,groups\nbo@acme.test,Bo,Chen,alpha;zeta,NORTH\n");
    assert_eq!(report(&db.import(&file, &[])).unchanged, 1);
    // One field changed: only that field is in the plan, not the roles.
    let file = db.file("c.csv", b"email,name,surname,roles,groups\nbo@acme.test,Bob,Chen,alpha;zeta,north\n");
    let r = report(&db.import(&file, &["--dry-run"]));
    assert_eq!(r.rows.len(), 1);
    assert_eq!(r.rows[0].changes, serde_json::json!({ "name": { "old": "Bo", "new": "Bob" } }));
    // A requirement added since (`role edit` would refuse it while Bo lacks
    // the field) makes the same row an error, not "unchanged".
    db.sql()
        .execute(
            "INSERT INTO role_required_fields (role_id, field) SELECT id, 'salesman_id' FROM roles WHERE name = 'zeta'",
            [],
        )
        .unwrap();
    let out = db.import(&file, &[]);
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stderr).contains("requires salesman_id"));
    let file = db.file("d.csv", b"email,name,surname,roles,groups\nbo@acme.test,Bo,Chen,alpha;zeta,north\n");
    let r = report(&db.import(&file, &[]));
    assert_eq!((r.unchanged, r.errors.len(), r.errors[0].field.as_str()), (0, 1, "roles"));
}

#[test]
fn brands_and_direct_abilities_follow_the_file() {
    let db = TestDb::with_admin();
    db.ok(&["ability", "add", "crm.view", "--description", "See the CRM"]);
    db.ok(&["ability", "add", "crm.edit", "--description", "Edit the CRM"]);
    let file = db.file("a.csv", b"email,name,surname,brands,abilities\nbo@acme.test,Bo,Chen,acme;zeta,crm.view\n");
    assert_eq!(report(&db.import(&file, &[])).created, 1);
    let held = |sql: &str| db.count(&format!("SELECT count(*) FROM {sql}"));
    assert_eq!(held("user_brands"), 2);
    let file = db.file("b.csv", b"email,brands,abilities\nbo@acme.test,zeta;beta,crm.edit;crm.view\n");
    let r = report(&db.import(&file, &["--dry-run"]));
    assert_eq!(
        r.rows[0].changes,
        serde_json::json!({
            "brands": { "old": ["acme", "zeta"], "new": ["beta", "zeta"] },
            "abilities": { "old": ["crm.view"], "new": ["crm.edit", "crm.view"] },
        })
    );
    assert_eq!(report(&db.import(&file, &[])).updated, 1);
    assert_eq!(held("user_brands WHERE brand IN ('beta', 'zeta')"), 2);
    assert_eq!(held("user_brands"), 2);
    assert_eq!(held("user_abilities WHERE ability LIKE 'crm.%'"), 2);
    assert_eq!(report(&db.import(&file, &[])).unchanged, 1);
    let file = db.file("c.csv", b"email,abilities\nbo@acme.test,crm.fly\n");
    let out = db.import(&file, &[]);
    assert_eq!(out.status.code(), Some(5));
    assert_eq!(report(&out).errors[0].field, "abilities");
}

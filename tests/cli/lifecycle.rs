//! Seats, block/unblock, archive/reactivate, delete, assignments, absences.

use serde::Deserialize;

use super::util::TestDb;

#[derive(Debug, Deserialize)]
struct Seats {
    plan: String,
    seats: Option<u64>,
    used: u64,
    free: Option<u64>,
    active: u64,
    blocked: u64,
    archived: u64,
}

#[derive(Debug, Deserialize)]
struct User {
    email: String,
    status: String,
    block_reason: Option<String>,
}

fn status(db: &TestDb, user: &str) -> (String, Option<String>) {
    let u: User = db.json(&["user", "show", user]);
    (u.status, u.block_reason)
}

fn emails(db: &TestDb, args: &[&str]) -> Vec<String> {
    let mut all = vec!["user", "list"];
    all.extend_from_slice(args);
    db.json::<Vec<User>>(&all).into_iter().map(|u| u.email).collect()
}

/// An org with 3 seats: ana (admin), bo and cy.
fn full() -> TestDb {
    let db = TestDb::sqlite();
    db.ok(&["init", "--org", "Acme", "--seats", "3"]);
    db.add("ana@acme.test", &["--role", "admin"]);
    db.add("bo@acme.test", &["--department", "Sales"]);
    db.add("cy@acme.test", &["--department", "Sales"]);
    db
}

#[test]
fn seats_count_block_archive_and_reactivate() {
    let db = full();
    let seats: Seats = db.json(&["seats"]);
    assert_eq!((seats.plan.as_str(), seats.seats, seats.used, seats.free), ("standard", Some(3), 3, Some(0)));
    let err = db.fails(4, &["user", "add", "dee@acme.test", "--name", "D", "--surname", "E"]);
    assert!(err.contains("needs 1, 0 free"), "{err}");

    // A blocked user keeps the seat.
    db.ok(&["user", "block", "bo@acme.test", "--reason", "on leave"]);
    assert_eq!(status(&db, "bo@acme.test"), ("blocked".into(), Some("manual".into())));
    let seats: Seats = db.json(&["seats"]);
    assert_eq!((seats.used, seats.active, seats.blocked), (3, 2, 1));
    db.fails(4, &["user", "add", "dee@acme.test", "--name", "D", "--surname", "E"]);

    // Archiving frees it; the archived user cannot come back while it is taken.
    db.ok(&["user", "archive", "bo@acme.test"]);
    db.add("dee@acme.test", &[]);
    let err = db.fails(4, &["user", "reactivate", "bo@acme.test"]);
    assert!(err.contains("no free seat"), "{err}");
    assert_eq!(status(&db, "bo@acme.test").0, "archived");
    db.ok(&["user", "archive", "dee@acme.test"]);
    db.ok(&["user", "reactivate", "bo@acme.test"]);
    assert_eq!(status(&db, "bo@acme.test"), ("active".into(), None));
    let seats: Seats = db.json(&["seats"]);
    assert_eq!((seats.used, seats.archived), (3, 1));
}

#[test]
fn seats_set_refuses_below_use_and_warns_near_the_limit() {
    let db = full();
    let err = db.fails(4, &["seats", "set", "2"]);
    assert!(err.contains("3 are in use"), "{err}");
    let out = db.cmd().args(["seats", "set", "10"]).assert().success().get_output().stderr.clone();
    assert!(!String::from_utf8_lossy(&out).contains("warning"));
    let out = db.cmd().args(["seats", "set", "3"]).assert().success().get_output().stderr.clone();
    assert!(String::from_utf8_lossy(&out).contains("warning: 3 of 3 seats in use; 0 left"));
    // -q: only errors reach stderr.
    let out = db.cmd().args(["-q", "seats", "set", "3"]).assert().success().get_output().stderr.clone();
    assert!(out.is_empty(), "{}", String::from_utf8_lossy(&out));
    db.ok(&["org", "set", "--plan", "enterprise"]);
    db.add("dee@acme.test", &[]);
    let seats: Seats = db.json(&["seats"]);
    assert_eq!((seats.plan.as_str(), seats.free), ("enterprise", None));
    db.fails(6, &["--as", "bo@acme.test", "seats", "set", "50"]);
}

#[test]
fn wrong_state_transitions_are_conflicts() {
    let db = full();
    let err = db.fails(4, &["user", "unblock", "bo@acme.test"]);
    assert!(err.contains("cannot unblock bo@acme.test: the user is active"), "{err}");
    db.fails(4, &["user", "reactivate", "bo@acme.test"]);
    db.ok(&["user", "block", "bo@acme.test"]);
    let err = db.fails(4, &["user", "block", "bo@acme.test"]);
    assert!(err.contains("the user is blocked (manual)"), "{err}");
    db.ok(&["user", "archive", "bo@acme.test"]);
    let err = db.fails(4, &["user", "archive", "bo@acme.test"]);
    assert!(err.contains("cannot archive bo@acme.test: the user is archived"), "{err}");
    db.fails(4, &["user", "block", "bo@acme.test"]);
    db.fails(4, &["user", "unblock", "bo@acme.test"]);
    // One wrong state among several users changes none of them.
    db.fails(4, &["user", "block", "cy@acme.test", "bo@acme.test"]);
    assert_eq!(status(&db, "cy@acme.test").0, "active");
    db.fails(3, &["user", "block", "ghost@acme.test"]);
    db.fails(2, &["user", "block"]);
    db.fails(2, &["user", "block", "bo@acme.test", "--department", "Sales"]);
}

#[test]
fn unblock_restores_and_resets_failed_logins() {
    let db = full();
    db.ok(&["user", "block", "bo@acme.test"]);
    db.sql().execute("UPDATE users SET failed_logins = 4 WHERE email = 'bo@acme.test'", []).unwrap();
    db.ok(&["user", "unblock", "bo@acme.test"]);
    assert_eq!(status(&db, "bo@acme.test"), ("active".into(), None));
    assert_eq!(db.count("SELECT failed_logins FROM users WHERE email = 'bo@acme.test'"), 0);
}

#[test]
fn archived_users_are_hidden_unless_asked_for() {
    let db = full();
    db.ok(&["user", "archive", "cy@acme.test"]);
    assert_eq!(emails(&db, &[]), ["ana@acme.test", "bo@acme.test"]);
    assert_eq!(emails(&db, &["--status", "archived"]), ["cy@acme.test"]);
    assert_eq!(emails(&db, &["--all"]), ["ana@acme.test", "bo@acme.test", "cy@acme.test"]);
    let table = db.ok(&["user", "list", "--all"]);
    assert!(table.contains("archived"), "{table}");
}

#[test]
fn bulk_archive_by_filter_confirms_and_audits() {
    let db = full();
    db.ok(&["user", "block", "cy@acme.test"]);
    // No terminal and no --yes: refused, nothing changed.
    let err = db.fails(2, &["user", "archive", "--department", "sales", "--status", "blocked"]);
    assert!(err.contains("--yes"), "{err}");
    assert_eq!(status(&db, "cy@acme.test").0, "blocked");
    let out = db.ok(&["user", "archive", "--department", "sales", "--status", "blocked", "--yes"]);
    assert_eq!(out.trim(), "archived=1");
    assert_eq!(status(&db, "cy@acme.test").0, "archived");
    assert_eq!(status(&db, "bo@acme.test").0, "active");
    db.ok(&["user", "archive", "--department", "sales", "--yes"]);
    assert_eq!(status(&db, "bo@acme.test").0, "archived");
    assert_eq!(db.count("SELECT count(*) FROM audit WHERE action = 'user.archive'"), 2);
    assert_eq!(db.count("SELECT count(*) FROM audit WHERE action = 'user.archive.bulk'"), 2);
    let detail: String = db
        .sql()
        .query_row("SELECT details FROM audit WHERE action = 'user.archive' AND target = 'cy@acme.test'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(detail, r#"{"status":{"old":"blocked","new":"archived"}}"#);
    // A filter that matches nobody changes nothing and succeeds.
    assert_eq!(db.ok(&["user", "block", "--department", "Nowhere", "--yes"]).trim(), "blocked=0");
}

#[test]
fn guard_rails_hold_for_transitions() {
    let db = full();
    let err = db.fails(6, &["--as", "ana@acme.test", "user", "block", "ana@acme.test"]);
    assert!(err.contains("nobody may block themselves"), "{err}");
    let err = db.fails(6, &["user", "archive", "ana@acme.test"]);
    assert!(err.contains("last active admin"), "{err}");
    db.fails(6, &["user", "delete", "ana@acme.test", "--yes"]);
    db.fails(6, &["user", "block", "--role", "admin", "--yes"]);
    assert_eq!(status(&db, "ana@acme.test").0, "active");
    db.fails(6, &["--as", "bo@acme.test", "user", "block", "cy@acme.test"]);
}

#[test]
fn delete_confirms_and_minds_assignments() {
    let db = full();
    db.ok(&["assignment", "add", "bo@acme.test", "--kind", "task", "--ref", "T-12"]);
    db.ok(&["assignment", "add", "bo@acme.test", "--kind", "client", "--ref", "C-7"]);
    db.fails(4, &["assignment", "add", "cy@acme.test", "--kind", "task", "--ref", "T-12"]);

    let err = db.fails(2, &["user", "delete", "bo@acme.test"]);
    assert!(err.contains("--yes"), "{err}");
    let err = db.fails(4, &["user", "delete", "bo@acme.test", "--yes"]);
    assert!(err.contains("2 open assignment(s)") && err.contains("task T-12"), "{err}");
    let err = db.fails(4, &["user", "archive", "bo@acme.test"]);
    assert!(err.contains("--force"), "{err}");
    assert_eq!(db.count("SELECT count(*) FROM users"), 3);

    db.ok(&["user", "delete", "bo@acme.test", "--yes", "--reassign-to", "cy@acme.test"]);
    assert_eq!(db.count("SELECT count(*) FROM users WHERE email = 'bo@acme.test'"), 0);
    #[derive(Deserialize)]
    struct Assignment {
        user: String,
        #[serde(rename = "ref")]
        reference: String,
    }
    let open: Vec<Assignment> = db.json(&["assignment", "list"]);
    assert_eq!(
        open.iter().map(|a| (a.user.as_str(), a.reference.as_str())).collect::<Vec<_>>(),
        [("cy@acme.test", "T-12"), ("cy@acme.test", "C-7")]
    );
    // The trail keeps who bo was.
    let deleted: String =
        db.sql().query_row("SELECT details FROM audit WHERE action = 'user.delete'", [], |r| r.get(0)).unwrap();
    assert!(deleted.contains("bo@acme.test"), "{deleted}");
    assert_eq!(db.count("SELECT count(*) FROM audit WHERE target = 'bo@acme.test'"), 4);

    db.ok(&["user", "archive", "cy@acme.test", "--force"]);
    db.ok(&["user", "delete", "cy@acme.test", "--force", "--yes"]);
    assert_eq!(db.count("SELECT count(*) FROM assignments"), 0);
    let out = db.ok(&["assignment", "list", "--all"]);
    assert!(!out.contains("T-12"), "{out}");
}

#[test]
fn assignments_close_and_warn_about_absent_owners() {
    let db = full();
    db.ok(&["user", "absence", "add", "bo@acme.test", "2026-01-10", "2026-01-20"]);
    let out = db.cmd().args(["assignment", "add", "bo@acme.test", "--kind", "task", "--ref", "T-1"]).assert().success();
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("bo@acme.test is absent today"));
    let out = db.cmd().args(["assignment", "add", "cy@acme.test", "--kind", "task", "--ref", "T-2"]).assert().success();
    assert!(!String::from_utf8_lossy(&out.get_output().stderr).contains("absent"));
    db.ok(&["assignment", "close", "1"]);
    db.fails(4, &["assignment", "close", "1"]);
    db.fails(3, &["assignment", "close", "99"]);
    // A closed assignment does not hold up an archive.
    db.ok(&["user", "archive", "bo@acme.test"]);
    db.fails(4, &["assignment", "add", "bo@acme.test", "--kind", "task", "--ref", "T-3"]);
}

#[test]
fn absences_filter_the_list() {
    let db = full();
    db.ok(&["user", "absence", "add", "bo@acme.test", "2026-02-01", "2026-02-10"]);
    db.ok(&["user", "absence", "add", "cy@acme.test", "2026-02-10"]);
    let err = db.fails(5, &["user", "absence", "add", "cy@acme.test", "2026-03-10", "2026-03-01"]);
    assert!(err.contains("invalid to"), "{err}");
    db.fails(5, &["user", "absence", "add", "cy@acme.test", "next monday"]);
    assert_eq!(emails(&db, &["--available-on", "2026-02-05"]), ["ana@acme.test", "cy@acme.test"]);
    assert_eq!(emails(&db, &["--available-on", "2026-02-10"]), ["ana@acme.test"]);
    assert_eq!(emails(&db, &["--available-on", "2026-02-11"]).len(), 3);

    #[derive(Deserialize)]
    struct Absence {
        id: i64,
        starts_on: String,
        ends_on: String,
    }
    let list: Vec<Absence> = db.json(&["user", "absence", "list", "cy@acme.test"]);
    assert_eq!(list.len(), 1);
    assert_eq!((list[0].starts_on.as_str(), list[0].ends_on.as_str()), ("2026-02-10", "2026-02-10"));
    db.fails(3, &["user", "absence", "remove", "bo@acme.test", &list[0].id.to_string()]);
    db.ok(&["user", "absence", "remove", "cy@acme.test", &list[0].id.to_string()]);
    assert_eq!(emails(&db, &["--available-on", "2026-02-10"]), ["ana@acme.test", "cy@acme.test"]);
}

#[test]
fn a_bulk_change_names_whom_it_changes_and_a_dry_run_changes_nothing() {
    let db = TestDb::with_admin();
    for (email, name) in [("cy@acme.test", "Cy"), ("di@acme.test", "Di")] {
        db.ok(&["user", "add", email, "--name", name, "--surname", "Sales", "--department", "Sales"]);
    }
    let audit = db.count("SELECT count(*) FROM audit");
    let out = db.cmd().args(["user", "archive", "--department", "Sales", "--dry-run"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "would_archive=2");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("2 user(s) to archive: Cy Sales <cy@acme.test>, Di Sales <di@acme.test>"), "{said}");
    assert_eq!(db.count("SELECT count(*) FROM users WHERE status = 'archived'"), 0);
    assert_eq!(db.count("SELECT count(*) FROM audit"), audit, "a dry run leaves no entry");
    // The confirmation names them too; without a terminal and --yes it changes nothing.
    let out = db.cmd().args(["user", "archive", "--department", "Sales"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Cy Sales <cy@acme.test>"));
    assert_eq!(db.count("SELECT count(*) FROM users WHERE status = 'archived'"), 0);
    db.ok(&["--yes", "user", "archive", "--department", "Sales"]);
    assert_eq!(db.count("SELECT count(*) FROM users WHERE status = 'archived'"), 2);
}

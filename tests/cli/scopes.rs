//! Scoped administration (README, "Scoped administration"): a role granted
//! for a part of the organization holds only for the users in it.

use serde_json::Value;

use super::util::TestDb;

const BOSS: [&str; 2] = ["--as", "boss@acme.test"];

/// boss holds user-admin for Sales only; ann (Sales) and sam (Support) were
/// added by the operating-system account, cy (Sales) by boss.
fn sales_admin() -> TestDb {
    let db = TestDb::with_admin();
    db.add("boss@acme.test", &["--department", "Sales"]);
    db.ok(&["role", "grant", "boss@acme.test", "user-admin", "--scope", "department=Sales"]);
    db.ok(&["role", "revoke", "boss@acme.test", "member"]);
    db.add("ann@acme.test", &["--department", "Sales"]);
    db.add("sam@acme.test", &["--department", "Support"]);
    as_boss(&db, &["user", "add", "cy@acme.test", "--name", "Cy", "--surname", "Test", "--department", "sales"]);
    db
}

fn as_boss(db: &TestDb, args: &[&str]) -> String {
    db.ok(&[&BOSS[..], args].concat())
}

fn boss_fails(db: &TestDb, code: i32, args: &[&str]) -> String {
    db.fails(code, &[&BOSS[..], args].concat())
}

fn field(db: &TestDb, user: &str, name: &str) -> Value {
    let shown: Value = db.json(&["user", "show", user]);
    shown[name].clone()
}

#[test]
fn a_sales_admin_reaches_sales_users_only() {
    let db = sales_admin();
    let audit_before = db.count("SELECT count(*) FROM audit");

    // Sees only Sales.
    let listed: Vec<Value> = db.json(&[&BOSS[..], &["user", "list", "--all"]].concat());
    let emails: Vec<&str> = listed.iter().filter_map(|u| u["email"].as_str()).collect();
    assert_eq!(emails, ["ann@acme.test", "boss@acme.test", "cy@acme.test"]);
    let err = boss_fails(&db, 6, &["user", "show", "sam@acme.test"]);
    assert!(err.contains("sam@acme.test is outside department=Sales"), "{err}");

    // Refused on a Support user, whatever the change, and nothing changes.
    boss_fails(&db, 6, &["user", "edit", "sam@acme.test", "--phone", "+351 21 000 0001"]);
    boss_fails(&db, 6, &["user", "block", "sam@acme.test"]);
    boss_fails(&db, 6, &["user", "archive", "sam@acme.test", "--force"]);
    let passwd = db
        .cmd()
        .args(BOSS)
        .args(["user", "passwd", "sam@acme.test", "--password-stdin"])
        .write_stdin("Correct-Horse-42\n")
        .output()
        .unwrap();
    assert_eq!(passwd.status.code(), Some(6), "{}", String::from_utf8_lossy(&passwd.stderr));
    // Adding one outside, or moving one out, is refused too.
    boss_fails(&db, 6, &["user", "add", "out@acme.test", "--name", "O", "--surname", "T", "--department", "Support"]);
    boss_fails(&db, 6, &["user", "edit", "cy@acme.test", "--department", "Support"]);
    // Refused before the change begins (the count a delete confirms, a dry run).
    boss_fails(&db, 6, &["user", "delete", "sam@acme.test", "--yes"]);
    boss_fails(&db, 6, &["user", "block", "sam@acme.test", "--dry-run"]);
    // A refusal changes nothing but the trail: one `access.denied` entry each.
    let refused = format!(
        "SELECT count(*) FROM audit WHERE seq > {audit_before} AND action = 'access.denied'
         AND actor = 'boss@acme.test' AND details LIKE '%permission denied%'"
    );
    assert_eq!(db.count(&refused), 8);
    assert_eq!(db.count("SELECT count(*) FROM audit"), audit_before + 8);
    assert_eq!(field(&db, "sam@acme.test", "status"), "active");
    assert_eq!(field(&db, "cy@acme.test", "department"), "sales");

    // Allowed on a Sales user boss added: edit, block, archive.
    as_boss(&db, &["user", "edit", "cy@acme.test", "--phone", "+351 21 000 0002"]);
    as_boss(&db, &["user", "block", "cy@acme.test"]);
    assert_eq!(field(&db, "cy@acme.test", "status"), "blocked");
    as_boss(&db, &["user", "archive", "cy@acme.test"]);
    assert_eq!(field(&db, "cy@acme.test", "status"), "archived");

    // A filter matches only inside the part: Support is out of reach.
    let out = as_boss(&db, &["user", "block", "--department", "Support", "--dry-run"]);
    assert_eq!(out.trim(), "would_block=0");
    // What needs the ability for everyone says so.
    let err = boss_fails(&db, 6, &["user", "export", "-"]);
    assert!(err.contains("holds users.read only for department=Sales"), "{err}");
}

#[test]
fn a_scoped_admin_gives_roles_only_as_far_as_they_reach_and_outranks_no_wider_grant() {
    let db = sales_admin();
    // cy's member role was given by boss: it holds for Sales, as boss's users.read does.
    let perms: Vec<Value> = db.json(&["user", "perms", "cy@acme.test"]);
    assert_eq!(perms[0]["ability"], "users.read");
    assert_eq!(perms[0]["scope"], "department=Sales");
    assert_eq!(perms[0]["sources"][0], "via role member (department=Sales)");
    // ann's member role holds for everyone: boss cannot take her over or block her.
    let err = boss_fails(&db, 6, &["user", "block", "ann@acme.test"]);
    assert!(err.contains("ann@acme.test holds users.read for everyone, which boss@acme.test lacks"), "{err}");
    // boss gives no role with an ability they lack anywhere.
    let err = boss_fails(
        &db,
        6,
        &["user", "add", "x@acme.test", "--name", "X", "--surname", "T", "--department", "Sales", "--role", "admin"],
    );
    assert!(err.contains("lacks the ability"), "{err}");
    // A scoped admin is not an admin who keeps the organization reachable.
    db.ok(&["role", "grant", "boss@acme.test", "admin", "--scope", "department=Sales"]);
    let err = db.fails(6, &["role", "revoke", "ana@acme.test", "admin"]);
    assert!(err.contains("last active admin"), "{err}");
}

#[test]
fn user_can_answers_on_a_user_and_in_a_part() {
    let db = sales_admin();
    let yes = db.ok(&["user", "can", "boss@acme.test", "users.manage", "--on", "ann@acme.test"]);
    assert!(yes.starts_with("yes (via role user-admin (department=Sales))"), "{yes}");
    let no = db.fails(1, &["user", "can", "boss@acme.test", "users.manage", "--on", "sam@acme.test"]);
    assert!(no.is_empty(), "an answer, not an error: {no}");
    let out = db
        .cmd()
        .args(["--format", "json", "user", "can", "boss@acme.test", "users.manage", "--on", "sam@acme.test"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let answer: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(answer["allowed"], false);
    assert_eq!(answer["reason"], "users.manage reaches only department=Sales");
    db.ok(&["user", "can", "boss@acme.test", "users.manage", "--in", "department=SALES"]);
    db.fails(1, &["user", "can", "boss@acme.test", "users.manage", "--in", "department=Support"]);
    // Without --on an ability held somewhere is held.
    db.ok(&["user", "can", "boss@acme.test", "users.manage"]);
    let err = db.fails(5, &["user", "can", "boss@acme.test", "users.manage", "--in", "team=Sales"]);
    assert!(err.contains("scope") && err.contains("team=Sales"), "{err}");
}

#[test]
fn scopes_are_granted_joined_and_revoked_by_part() {
    let db = sales_admin();
    db.ok(&["role", "grant", "boss@acme.test", "user-admin", "--scope", "brand=Acme", "--scope", "branch=Lyon"]);
    let perms: Vec<Value> = db.json(&["user", "perms", "boss@acme.test"]);
    let manage = perms.iter().find(|p| p["ability"] == "users.manage").unwrap();
    assert_eq!(manage["scope"], "department=Sales, branch=Lyon, brand=Acme");
    db.add("lea@acme.test", &["--branch", "lyon", "--department", "Ops"]);
    db.add("bea@acme.test", &["--brand", "Acme"]);
    db.ok(&["user", "can", "boss@acme.test", "users.manage", "--on", "lea@acme.test"]);
    db.ok(&["user", "can", "boss@acme.test", "users.manage", "--on", "bea@acme.test"]);
    db.ok(&["role", "revoke", "boss@acme.test", "user-admin", "--scope", "branch=Lyon"]);
    db.fails(1, &["user", "can", "boss@acme.test", "users.manage", "--on", "lea@acme.test"]);
    let out = db.ok(&["role", "revoke", "boss@acme.test", "user-admin", "--scope", "brand=Acme"]);
    assert!(out.is_empty() || out.contains("revoked"), "{out}");
    // A grant for everyone has no parts to take.
    let err = db.fails(4, &["role", "revoke", "ana@acme.test", "admin", "--scope", "department=Sales"]);
    assert!(err.contains("holds admin for everyone"), "{err}");
    // Granting it for everyone widens the scoped grant; the trail says which.
    db.ok(&["role", "grant", "boss@acme.test", "user-admin"]);
    let perms: Vec<Value> = db.json(&["user", "perms", "boss@acme.test"]);
    assert!(perms.iter().all(|p| p["scope"] == "everyone"), "{perms:?}");
    let trail = db.ok(&["--format", "csv", "audit", "list", "--user", "boss@acme.test"]);
    assert!(trail.contains("user-admin (department=Sales)"), "{trail}");
    // The last part taken ends the grant.
    db.ok(&["role", "grant", "cy@acme.test", "user-admin", "--scope", "department=Sales"]);
    db.ok(&["role", "revoke", "cy@acme.test", "user-admin", "--scope", "department=sales"]);
    let roles = field(&db, "cy@acme.test", "roles");
    assert_eq!(roles, serde_json::json!(["member"]));
}

#[test]
fn a_scoped_admin_learns_nothing_of_users_outside_and_reaches_them_by_no_side_door() {
    let db = sales_admin();
    // Outside and missing read the same, naming only what was typed.
    let outside = boss_fails(&db, 6, &["user", "show", "4"]);
    let missing = boss_fails(&db, 6, &["user", "show", "nobody@acme.test"]);
    assert!(outside.contains("4 is outside department=Sales") && !outside.contains("sam@"), "{outside}");
    assert!(missing.contains("nobody@acme.test is outside department=Sales"), "{missing}");
    // Work is not handed to a user outside.
    db.ok(&["assignment", "add", "cy@acme.test", "--kind", "laptop", "--ref", "L-1"]);
    boss_fails(&db, 6, &["user", "delete", "cy@acme.test", "--reassign-to", "sam@acme.test", "--yes"]);
    let owner: Vec<Value> = db.json(&["assignment", "list", "cy@acme.test"]);
    assert_eq!(owner.len(), 1, "the work stays with cy: {owner:?}");
    // Nor is the expiry of one set.
    boss_fails(&db, 6, &["user", "edit", "sam@acme.test", "--expires-on", "2026-12-31"]);
}

#[test]
fn scopes_survive_copies_and_role_moves() {
    let db = sales_admin();
    // A copy holds each role for whom the original holds it.
    db.ok(&["user", "add", "twin@acme.test", "--name", "T", "--surname", "W", "--like", "boss@acme.test"]);
    let perms: Vec<Value> = db.json(&["user", "perms", "twin@acme.test"]);
    assert!(perms.iter().all(|p| p["scope"] == "department=Sales"), "{perms:?}");
    // Moving holders to a role they hold already joins both grants.
    db.ok(&["role", "create", "helpdesk", "--ability", "users.read"]);
    db.ok(&["role", "grant", "boss@acme.test", "helpdesk", "--scope", "department=Support"]);
    db.ok(&["role", "delete", "helpdesk", "--reassign-to", "user-admin"]);
    let perms: Vec<Value> = db.json(&["user", "perms", "boss@acme.test"]);
    let manage = perms.iter().find(|p| p["ability"] == "users.manage").unwrap();
    assert_eq!(manage["scope"], "department=Sales, department=Support");
}

#[test]
fn a_scoped_admin_is_not_the_admin_cron_spares() {
    let db = TestDb::with_admin();
    db.add("bo@acme.test", &["--department", "Sales"]);
    db.ok(&["role", "grant", "bo@acme.test", "admin", "--scope", "department=Sales"]);
    let out = db
        .cmd()
        .env("ROSTER_NOW", "2026-03-01T00:00:00Z")
        .args(["user", "lock-dormant", "--days", "30"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(field(&db, "ana@acme.test", "status"), "active", "the one admin for everyone stays");
    assert_eq!(field(&db, "bo@acme.test", "status"), "blocked");
}

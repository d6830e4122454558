//! Roles, abilities, effective permissions, and the guard rails.

use serde::Deserialize;

use super::util::TestDb;

#[derive(Debug, Deserialize)]
struct Permission {
    ability: String,
    sources: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Role {
    name: String,
    abilities: Vec<String>,
    requires: Vec<String>,
    members: u64,
}

fn pack() -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/roles-wholesale.csv").display().to_string()
}

fn roles_of(db: &TestDb, user: &str) -> Vec<String> {
    #[derive(Deserialize)]
    struct U {
        roles: Vec<String>,
    }
    db.json::<U>(&["user", "show", user]).roles
}

#[test]
fn the_role_pack_imports_once_and_then_changes_nothing() {
    let db = TestDb::with_admin();
    let first = db.ok(&["role", "import", &pack()]);
    assert_eq!(first.trim(), "created=11 updated=0 unchanged=0");
    let audit_after_first = db.count("SELECT count(*) FROM audit");
    let second = db.ok(&["role", "import", &pack()]);
    assert_eq!(second.trim(), "created=0 updated=0 unchanged=11");
    assert_eq!(db.count("SELECT count(*) FROM audit"), audit_after_first);

    let roles: Vec<Role> = db.json(&["role", "list"]);
    let rep = roles.iter().find(|r| r.name == "sales-rep").unwrap();
    assert_eq!(rep.abilities, ["crm.view", "quotes.create", "users.read"]);
    assert_eq!(rep.requires, ["salesman_id"]);
    // admin holds the abilities the pack registered, too.
    let admin = roles.iter().find(|r| r.name == "admin").unwrap();
    assert!(admin.abilities.contains(&"crm.view".to_owned()));
    assert_eq!(admin.members, 1);
}

#[test]
fn perms_explain_overlapping_sources() {
    let db = TestDb::with_admin();
    db.ok(&["role", "import", &pack()]);
    db.add("rep@acme.test", &["--salesman-id", "S-1", "--role", "sales-rep", "--role", "member"]);
    db.ok(&["ability", "grant", "rep@acme.test", "crm.view", "reports.sales"]);
    let perms: Vec<Permission> = db.json(&["user", "perms", "rep@acme.test"]);
    let sources = |a: &str| perms.iter().find(|p| p.ability == a).map(|p| p.sources.clone()).unwrap_or_default();
    assert_eq!(sources("crm.view"), ["via role sales-rep", "direct"]);
    assert_eq!(sources("users.read"), ["via role member", "via role sales-rep"]);
    assert_eq!(sources("reports.sales"), ["direct"]);
    assert!(sources("users.manage").is_empty());
    let table = db.ok(&["user", "perms", "rep@acme.test"]);
    assert!(table.contains("via role sales-rep, direct"), "{table}");
    let csv = db.ok(&["--format", "csv", "user", "perms", "rep@acme.test"]);
    assert!(csv.starts_with("ability,scope,sources\ncrm.view,everyone,"), "{csv}");
}

#[test]
fn user_can_answers_with_exit_codes() {
    let db = TestDb::with_admin();
    db.add("bo@acme.test", &[]);
    let yes =
        db.cmd().args(["user", "can", "ana@acme.test", "users.manage"]).assert().code(0).get_output().stdout.clone();
    assert_eq!(String::from_utf8_lossy(&yes).trim(), "yes (via role admin)");
    let no =
        db.cmd().args(["user", "can", "bo@acme.test", "users.manage"]).assert().code(1).get_output().stdout.clone();
    assert_eq!(String::from_utf8_lossy(&no).trim(), "no");
    db.fails(3, &["user", "can", "ghost@acme.test", "users.read"]);
    db.fails(5, &["user", "can", "bo@acme.test", "NOT AN ABILITY"]);
}

#[test]
fn nobody_demotes_themselves() {
    let db = TestDb::with_admin();
    db.add("boss@acme.test", &["--role", "admin"]);
    let err = db.fails(6, &["--as", "ana@acme.test", "role", "revoke", "ana@acme.test", "admin"]);
    assert!(err.contains("nobody may"), "{err}");
    assert_eq!(roles_of(&db, "ana@acme.test"), ["admin"]);

    // A user-admin cannot take users.manage away from their own role.
    db.add("ua@acme.test", &["--role", "user-admin"]);
    db.ok(&["ability", "grant", "ua@acme.test", "roles.manage"]);
    db.fails(6, &["--as", "ua@acme.test", "role", "edit", "user-admin", "--remove-ability", "users.manage"]);
    db.fails(6, &["--as", "ua@acme.test", "ability", "revoke", "ua@acme.test", "roles.manage"]);
    let role: Role = db.json(&["role", "show", "user-admin"]);
    assert!(role.abilities.contains(&"users.manage".to_owned()));
    // Another admin may do it (once ana has another role to keep).
    db.ok(&["role", "grant", "ana@acme.test", "member"]);
    db.ok(&["--as", "boss@acme.test", "role", "revoke", "ana@acme.test", "admin"]);
    assert_eq!(roles_of(&db, "ana@acme.test"), ["member"]);
}

#[test]
fn the_last_admin_keeps_the_role() {
    let db = TestDb::with_admin();
    db.add("bo@acme.test", &[]);
    db.ok(&["role", "grant", "ana@acme.test", "member"]);
    let err = db.fails(6, &["role", "revoke", "ana@acme.test", "admin"]);
    assert!(err.contains("last active admin"), "{err}");
    assert_eq!(roles_of(&db, "ana@acme.test"), ["admin", "member"]);
    let err = db.fails(4, &["role", "revoke", "bo@acme.test", "member"]);
    assert!(err.contains("at least one role"), "{err}");
    assert_eq!(roles_of(&db, "bo@acme.test"), ["member"]);
}

#[test]
fn required_fields_are_enforced() {
    let db = TestDb::with_admin();
    db.ok(&["role", "create", "sales-rep", "--ability", "users.read", "--requires", "salesman_id"]);
    db.add("bo@acme.test", &[]);
    let err = db.fails(4, &["role", "grant", "bo@acme.test", "sales-rep"]);
    assert!(err.contains("requires salesman_id"), "{err}");
    db.fails(4, &["user", "add", "cy@acme.test", "--name", "C", "--surname", "D", "--role", "sales-rep"]);
    db.ok(&["user", "edit", "bo@acme.test", "--salesman-id", "S-9"]);
    db.ok(&["role", "grant", "bo@acme.test", "sales-rep"]);
    let err = db.fails(4, &["user", "edit", "bo@acme.test", "--salesman-id", ""]);
    assert!(err.contains("requires salesman_id"), "{err}");
    db.ok(&["role", "create", "buyer", "--ability", "users.read"]);
    db.ok(&["role", "grant", "ana@acme.test", "buyer"]);
    db.fails(4, &["role", "edit", "buyer", "--requires", "branch"]);
}

#[test]
fn only_roles_managers_manage_roles() {
    let db = TestDb::with_admin();
    db.add("ua@acme.test", &["--role", "user-admin"]);
    let err = db.fails(6, &["--as", "ua@acme.test", "role", "create", "x", "--ability", "users.read"]);
    assert!(err.contains("lacks the ability roles.manage"), "{err}");
    // Nor hand out more than they hold when adding users.
    let err = db.fails(
        6,
        &["--as", "ua@acme.test", "user", "add", "x@acme.test", "--name", "X", "--surname", "Y", "--role", "admin"],
    );
    assert!(err.contains("lacks the ability"), "{err}");
    db.ok(&["--as", "ua@acme.test", "user", "add", "x@acme.test", "--name", "X", "--surname", "Y"]);
}

#[test]
fn roles_are_created_edited_and_deleted_with_reassignment() {
    let db = TestDb::with_admin();
    db.ok(&["ability", "add", "crm.view", "--description", "See the CRM"]);
    db.ok(&["role", "create", "crm", "--ability", "crm.view", "--description", "CRM users"]);
    db.add("bo@acme.test", &["--role", "crm"]);
    db.fails(4, &["role", "create", "CRM"]);
    db.fails(3, &["role", "create", "x", "--ability", "nope.view"]);
    db.ok(&["role", "edit", "crm", "--rename", "crm-user", "--add-ability", "users.read"]);
    let role: Role = db.json(&["role", "show", "crm-user"]);
    assert_eq!(role.abilities, ["crm.view", "users.read"]);
    assert_eq!(role.members, 1);
    let err = db.fails(4, &["role", "delete", "crm-user"]);
    assert!(err.contains("--reassign-to"), "{err}");
    db.ok(&["role", "delete", "crm-user", "--reassign-to", "member"]);
    assert_eq!(roles_of(&db, "bo@acme.test"), ["member"]);
    db.fails(4, &["role", "delete", "admin"]);
    db.fails(4, &["role", "edit", "admin", "--remove-ability", "users.read"]);
}

#[test]
fn abilities_are_registered_and_removed() {
    let db = TestDb::with_admin();
    db.ok(&["ability", "add", "store.view", "--description", "See the store"]);
    db.fails(4, &["ability", "add", "store.view", "--description", "again"]);
    db.fails(5, &["ability", "add", "Store", "--description", "bad"]);
    db.add("bo@acme.test", &[]);
    db.ok(&["ability", "grant", "bo@acme.test", "store.view"]);
    db.cmd().args(["user", "can", "bo@acme.test", "store.view"]).assert().code(0);
    db.fails(4, &["ability", "remove", "store.view"]);
    db.ok(&["ability", "remove", "store.view", "--force"]);
    db.cmd().args(["user", "can", "bo@acme.test", "store.view"]).assert().code(1);
    db.fails(4, &["ability", "remove", "users.read", "--force"]);
    let list = db.ok(&["ability", "list"]);
    assert!(list.contains("users.impersonate") && list.contains("org.manage"), "{list}");
}

#[test]
fn add_like_copies_roles_and_extra_abilities() {
    let db = TestDb::with_admin();
    db.ok(&["ability", "add", "crm.view", "--description", "See the CRM"]);
    db.add("bo@acme.test", &["--role", "user-admin"]);
    db.ok(&["ability", "grant", "bo@acme.test", "crm.view"]);
    db.add("cy@acme.test", &["--like", "bo@acme.test"]);
    assert_eq!(roles_of(&db, "cy@acme.test"), ["user-admin"]);
    db.cmd().args(["user", "can", "cy@acme.test", "crm.view"]).assert().code(0);
}

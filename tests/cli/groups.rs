//! Groups (teams).

use serde::Deserialize;

use super::util::TestDb;

#[derive(Debug, Deserialize)]
struct Group {
    name: String,
    members: u64,
    member_emails: Vec<String>,
}

#[test]
fn groups_gather_users() {
    let db = TestDb::with_admin();
    db.add("bo@acme.test", &[]);
    db.add("cy@acme.test", &[]);
    db.ok(&["group", "create", "ops", "--description", "Operations"]);
    db.fails(4, &["group", "create", "OPS"]);
    db.ok(&["group", "add", "ops", "bo@acme.test", "CY@acme.test"]);
    db.fails(3, &["group", "add", "ops", "ghost@acme.test"]);
    let group: Group = db.json(&["group", "show", "ops"]);
    assert_eq!(group.name, "ops");
    assert_eq!(group.members, 2);
    assert_eq!(group.member_emails, ["bo@acme.test", "cy@acme.test"]);

    #[derive(Deserialize)]
    struct U {
        email: String,
        groups: Vec<String>,
    }
    let listed: Vec<U> = db.json(&["user", "list", "--group", "ops"]);
    assert_eq!(listed.iter().map(|u| u.email.as_str()).collect::<Vec<_>>(), ["bo@acme.test", "cy@acme.test"]);
    assert_eq!(listed[0].groups, ["ops"]);

    db.ok(&["group", "remove", "ops", "bo@acme.test"]);
    let group: Group = db.json(&["group", "show", "ops"]);
    assert_eq!(group.member_emails, ["cy@acme.test"]);
    db.fails(6, &["--as", "cy@acme.test", "group", "delete", "ops"]);
    db.ok(&["group", "delete", "ops"]);
    db.fails(3, &["group", "show", "ops"]);
    assert_eq!(db.count("SELECT count(*) FROM users"), 3);
    assert_eq!(db.count("SELECT count(*) FROM audit WHERE action LIKE 'group.%'"), 5);
}

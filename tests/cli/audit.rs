//! The audit entries of add and edit, and `audit list` filters.

use serde::Deserialize;
use serde_json::{Value, json};

use super::util::TestDb;

#[derive(Debug, Deserialize)]
struct Entry {
    seq: i64,
    at: String,
    actor: String,
    action: String,
    target_id: Option<i64>,
    target: Option<String>,
    details: Value,
}

#[test]
fn add_and_edit_are_audited_with_old_and_new() {
    let db = TestDb::with_admin();
    db.ok(&[
        "--as",
        "ana@acme.test",
        "user",
        "add",
        "bo@acme.test",
        "--name",
        "Bo",
        "--surname",
        "Chen",
        "--phone",
        "1234 5678",
    ]);
    db.ok(&[
        "--as",
        "ana@acme.test",
        "user",
        "edit",
        "bo@acme.test",
        "--name",
        "Bob",
        "--phone",
        "",
        "--country",
        "pt",
    ]);
    // An edit that changes nothing writes nothing.
    db.ok(&["user", "edit", "bo@acme.test", "--name", "Bob"]);

    let entries: Vec<Entry> = db.json(&["audit", "list", "--user", "bo@acme.test"]);
    assert_eq!(entries.len(), 2, "{entries:?}");
    let (edit, add) = (&entries[0], &entries[1]);
    assert!(edit.seq > add.seq);

    assert_eq!(add.action, "user.add");
    assert_eq!(add.actor, "ana@acme.test");
    assert_eq!(add.at, "2026-01-15T09:00:00Z");
    assert_eq!(add.target.as_deref(), Some("bo@acme.test"));
    assert_eq!(add.target_id, Some(2));
    assert_eq!(add.details["name"], "Bo");
    assert_eq!(add.details["phone"], "1234 5678");
    assert_eq!(add.details["roles"], json!(["member"]));
    // No repeated address, no default.
    assert_eq!((add.details.get("email"), add.details.get("kind"), add.details.get("language")), (None, None, None));

    assert_eq!(edit.action, "user.edit");
    assert_eq!(
        edit.details,
        json!({
            "name": {"old": "Bo", "new": "Bob"},
            "phone": {"old": "1234 5678", "new": null},
            "country": {"old": null, "new": "PT"},
        })
    );
}

#[test]
fn the_os_account_is_the_actor_without_as() {
    let db = TestDb::with_admin();
    let entries: Vec<Entry> = db.json(&["audit", "list", "--action", "user.add"]);
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].actor, "os:tester");
}

#[test]
fn list_filters_by_action_family_since_and_limit() {
    let db = TestDb::with_admin();
    db.cmd()
        .env("ROSTER_NOW", "2026-02-01T00:00:00Z")
        .args(["user", "edit", "ana@acme.test", "--name", "Ana"])
        .assert()
        .success();
    let all: Vec<Entry> = db.json(&["audit", "list"]);
    assert_eq!(
        all.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
        ["user.edit", "user.add", "audit.verify_key", "org.init"]
    );
    let users: Vec<Entry> = db.json(&["audit", "list", "--action", "user"]);
    assert_eq!(users.len(), 2);
    let recent: Vec<Entry> = db.json(&["audit", "list", "--since", "2026-01-20"]);
    assert_eq!(recent.len(), 1);
    let one: Vec<Entry> = db.json(&["audit", "list", "--limit", "1"]);
    assert_eq!(one[0].action, "user.edit");
    db.fails(5, &["audit", "list", "--since", "last week"]);
}

//! init, org show|set, policy show|set.

use serde::Deserialize;

use super::util::TestDb;

#[derive(Debug, Deserialize)]
struct Org {
    name: String,
    plan: String,
    seats: Option<u64>,
    mail_from: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Policy {
    key: String,
    value: String,
    default: String,
}

#[test]
fn init_names_the_org_once() {
    let db = TestDb::new();
    db.ok(&["init", "--org", "Acme Parts", "--seats", "25"]);
    let org: Org = db.json(&["org", "show"]);
    assert_eq!((org.name.as_str(), org.plan.as_str(), org.seats), ("Acme Parts", "standard", Some(25)));
    let err = db.fails(4, &["init", "--org", "Other"]);
    assert!(err.contains("already initialized"), "{err}");
}

#[test]
fn org_set_changes_name_plan_and_sender() {
    let db = TestDb::new();
    db.ok(&["init", "--org", "Acme", "--enterprise"]);
    db.ok(&["org", "set", "--name", "Acme Ltd", "--seats", "5", "--mail-from", "Acme Admin <admin@acme.test>"]);
    let org: Org = db.json(&["org", "show"]);
    assert_eq!(org.name, "Acme Ltd");
    assert_eq!((org.plan.as_str(), org.seats), ("standard", Some(5)));
    assert_eq!(org.mail_from.as_deref(), Some("Acme Admin <admin@acme.test>"));
    db.fails(5, &["org", "set", "--mail-from", "nobody"]);
    db.fails(5, &["org", "set", "--plan", "standard"]);
    db.ok(&["org", "set", "--plan", "enterprise"]);
    let org: Org = db.json(&["org", "show"]);
    assert_eq!((org.plan.as_str(), org.seats), ("enterprise", None));
}

#[test]
fn policies_have_defaults_and_validated_values() {
    let db = TestDb::new();
    db.ok(&["init", "--org", "Acme"]);
    let policies: Vec<Policy> = db.json(&["policy", "show"]);
    let value = |ps: &[Policy], key: &str| ps.iter().find(|p| p.key == key).map(|p| p.value.clone()).unwrap();
    let expected = [
        ("password_min_length", "12"),
        ("password_require_mixed_case", "true"),
        ("password_require_symbol", "true"),
        ("max_failed_logins", "5"),
        ("dormant_after_days", "90"),
        ("password_max_age_days", "120"),
        ("invite_ttl_days", "7"),
        ("require_2fa", "false"),
        ("password_min_strength", "0"),
        ("dormant_exempt_group", "none"),
        ("session_ttl_hours", "12"),
        ("mail_max_attempts", "5"),
    ];
    assert_eq!(policies.len(), expected.len());
    for (key, default) in expected {
        assert_eq!(value(&policies, key), default, "{key}");
        assert!(policies.iter().any(|p| p.key == key && p.default == default));
    }
    db.ok(&["policy", "set", "invite_ttl_days", "14"]);
    db.ok(&["policy", "set", "require-2fa", "yes"]);
    let policies: Vec<Policy> = db.json(&["policy", "show"]);
    assert_eq!(value(&policies, "invite_ttl_days"), "14");
    assert_eq!(value(&policies, "require_2fa"), "true");

    let err = db.fails(5, &["policy", "set", "invite_ttl_days", "-1"]);
    assert!(err.contains("invalid invite_ttl_days \"-1\""), "{err}");
    db.fails(5, &["policy", "set", "password_min_strength", "5"]);
    db.fails(5, &["policy", "set", "require_2fa", "maybe"]);
    let err = db.fails(5, &["policy", "set", "dormant_exempt_group", "robots"]);
    assert!(err.contains("no such group"), "{err}");
    db.ok(&["group", "create", "robots"]);
    db.ok(&["policy", "set", "dormant_exempt_group", "robots"]);
    let err = db.fails(5, &["policy", "set", "colour", "blue"]);
    assert!(err.contains("invalid policy \"colour\""), "{err}");
    assert_eq!(db.count("SELECT count(*) FROM audit WHERE action = 'policy.set'"), 3);
}

//! A model-based property test of the rule engine: random sequences of every
//! door that moves a user (add, invite, accept, confirm, import rows with and
//! without `status`, block, unblock, archive, reactivate, delete, revoke,
//! expire, failed logins, lock-dormant, the clock) run through the library
//! against a small model, and after every step the invariants must hold:
//! each user's status is the model's; seats used are the users in
//! seat-holding states; a user has an open invite iff it is `invited`; no
//! user leaves without a `user.delete`, or while invited an `invite.revoke`
//! or `invite.expire`, entry naming it; ids are never reused; the audit
//! trail verifies. `ROSTER_MODEL_CASES` sets how many sequences (default 48).
//! The same sequences run on a PostgreSQL database too (ignored without a
//! server; `.ci/run` starts one).

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use proptest::prelude::*;

use super::{Status, Targets, fields, lifecycle};
use crate::session::Roster;
use crate::{audit, auth, import, invites, org, seats, store, users};

const PEOPLE: u8 = 5;
const SEATS: u64 = 4;
const MAX_FAILED_LOGINS: u32 = 2;
const PASSWORD: &str = "Correct-Horse-9-Battery";

#[derive(Debug, Clone)]
enum Op {
    Add(u8),
    Invite(u8),
    Accept(u8),
    Confirm(u8),
    Import(u8, Option<Status>),
    Block(u8),
    Unblock(u8),
    Archive(u8),
    Reactivate(u8),
    Delete(u8),
    Revoke(u8),
    Expire,
    FailLogin(u8),
    LockDormant,
    Advance(u16),
}

fn op() -> impl Strategy<Value = Op> {
    let who = 0..PEOPLE;
    let status = prop::option::of(prop::sample::select(Status::ALL.to_vec()));
    prop_oneof![
        who.clone().prop_map(Op::Add),
        who.clone().prop_map(Op::Invite),
        who.clone().prop_map(Op::Accept),
        who.clone().prop_map(Op::Confirm),
        (who.clone(), status.clone()).prop_map(|(w, s)| Op::Import(w, s)),
        (who.clone(), status).prop_map(|(w, s)| Op::Import(w, s)),
        who.clone().prop_map(Op::Block),
        who.clone().prop_map(Op::Unblock),
        who.clone().prop_map(Op::Archive),
        who.clone().prop_map(Op::Reactivate),
        who.clone().prop_map(Op::Delete),
        who.clone().prop_map(Op::Revoke),
        Just(Op::Expire),
        who.prop_map(Op::FailLogin),
        Just(Op::LockDormant),
        (1u16..60).prop_map(Op::Advance),
    ]
}

fn email(who: u8) -> String {
    format!("p{who}@model.test")
}

#[derive(Debug, Clone)]
struct Person {
    status: Status,
    invite_expires: Option<DateTime<Utc>>,
    has_password: bool,
    failures: u32,
    last_seen: DateTime<Utc>,
}

/// What the model expects, and what it knows that the database does not
/// show (tokens, ids seen).
struct Model {
    now: DateTime<Utc>,
    people: HashMap<u8, Person>,
    /// The latest invite token mailed to each person, kept after it ends.
    tokens: HashMap<u8, String>,
    ids: HashMap<u8, i64>,
    highest_id: i64,
}

impl Model {
    /// Seats in use, the admin's included.
    fn used(&self) -> u64 {
        1 + self.people.values().filter(|p| p.status.takes_seat()).count() as u64
    }

    fn free(&self) -> bool {
        self.used() < SEATS
    }

    fn status(&self, who: u8) -> Option<Status> {
        self.people.get(&who).map(|p| p.status)
    }

    fn activate(&mut self, who: u8) {
        let now = self.now;
        if let Some(p) = self.people.get_mut(&who) {
            p.status = Status::Active;
            p.failures = 0;
            p.last_seen = now;
            p.invite_expires = None;
        }
    }

    fn set(&mut self, who: u8, status: Status) {
        if let Some(p) = self.people.get_mut(&who) {
            p.status = status;
            p.invite_expires = None;
        }
    }

    fn create(&mut self, who: u8, status: Status) {
        let invite_expires = (status == Status::Invited).then(|| self.now + Duration::days(7));
        let person = Person { status, invite_expires, has_password: false, failures: 0, last_seen: self.now };
        self.people.insert(who, person);
    }

    /// Whether a move between two existing states is in the table, and fits.
    fn may_move(&self, from: Status, to: Status) -> bool {
        use Status::*;
        match (from, to) {
            (Invited, Active) | (Blocked, Active) | (Active, Blocked) | (Active, Archived) | (Blocked, Archived) => {
                true
            }
            (Archived, Active) => self.free(),
            _ => false,
        }
    }
}

/// Runs one step through the library; `Ok(true)` if the model expects it to
/// have been done, checked against what the library did.
/// Where a sequence runs: a SQLite file, or a database on the test server,
/// with its key file.
pub(super) struct Place {
    db: std::path::PathBuf,
    key: std::path::PathBuf,
    _dir: tempfile::TempDir,
    /// On the server: its database, dropped when the sequence ends.
    _server: Option<store::postgres::Scratch>,
}

impl Place {
    pub(super) fn sqlite() -> Place {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let db = dir.path().join("model.db");
        Place { key: crate::keys::KeyFile::default_path(&db), db, _dir: dir, _server: None }
    }

    /// A new database on the test server.
    pub(super) fn server(name: &str) -> Place {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let scratch = store::postgres::scratch_database(name).expect("a database on the test server");
        Place { db: scratch.url.clone().into(), key: dir.path().join("model.key"), _dir: dir, _server: Some(scratch) }
    }

    pub(super) fn open(&self, acting_as: Option<&str>, now: DateTime<Utc>) -> Roster {
        Roster::create(&self.db, acting_as, "model", now).expect("open").with_key_file(&self.key)
    }
}

/// Whether a step was done (with its value): a refusal is an answer the
/// rules give; any other error (the database's, an internal one) fails the
/// sequence, so that a backend's fault is never taken for a refusal.
fn done<T>(result: crate::Result<T>) -> Result<Option<T>, TestCaseError> {
    use crate::error::Error;
    match result {
        Ok(value) => Ok(Some(value)),
        Err(
            Error::NotFound { .. } | Error::Conflict(_) | Error::Invalid(_) | Error::Denied(_) | Error::AuthFailed(_),
        ) => Ok(None),
        Err(e) => Err(TestCaseError::fail(format!("not a refusal: {e}"))),
    }
}

fn step(place: &Place, model: &mut Model, op: &Op) -> Result<(), TestCaseError> {
    let mut roster = place.open(None, model.now);
    let one = |who: u8| Targets::Users(vec![email(who)]);
    let (done, expected) = match *op {
        Op::Add(who) => {
            let expected = model.status(who).is_none() && model.free();
            let new = fields::new_user(
                [(super::Field::Email, email(who).as_str()), (super::Field::Name, "P"), (super::Field::Surname, "Q")],
                vec![],
            )
            .expect("valid");
            let done = done(roster.write(|tx| users::add(tx, new, None)))?.is_some();
            if done {
                model.create(who, Status::Active);
            }
            (done, expected)
        }
        Op::Invite(who) => {
            let expected = model.status(who).is_none() && model.free();
            let done = done(roster.write(|tx| invites::send(tx, &[email(who)], &invites::Spec::default())))?.is_some();
            if done {
                model.create(who, Status::Invited);
                model.tokens.insert(who, latest_token(&mut roster, who));
            }
            (done, expected)
        }
        Op::Accept(who) => {
            let Some(token) = model.tokens.get(&who).cloned() else { return Ok(()) };
            let person = model.people.get(&who);
            let expected = person
                .is_some_and(|p| p.status == Status::Invited && p.invite_expires.is_some_and(|at| model.now < at));
            let done = done(roster.write(|tx| invites::accept(tx, &token, PASSWORD, None, None)))?.is_some();
            if done {
                model.activate(who);
                if let Some(p) = model.people.get_mut(&who) {
                    p.has_password = true;
                }
            }
            (done, expected)
        }
        Op::Confirm(who) => {
            let expected = model.status(who) == Some(Status::Invited);
            let done = done(roster.write(|tx| lifecycle::confirm(tx, &one(who), None)))?.is_some();
            if done {
                model.activate(who);
            }
            (done, expected)
        }
        Op::Import(who, status) => {
            let (expected, after) = match (model.status(who), status) {
                (None, None) => (model.free(), Some(Status::Active)),
                (None, Some(s)) => (!s.takes_seat() || model.free(), Some(s)),
                (Some(_), None) => (true, None),
                (Some(from), Some(to)) if from == to => (true, None),
                (Some(from), Some(to)) => (model.may_move(from, to), Some(to)),
            };
            let mut csv = String::from("email,name,surname");
            csv.push_str(if status.is_some() { ",status\n" } else { "\n" });
            csv.push_str(&format!("{},P,Q", email(who)));
            if let Some(s) = status {
                csv.push_str(&format!(",{s}"));
            }
            csv.push('\n');
            let options = import::Options::default();
            let report = roster.write_or_roll_back(|tx| import::run(tx, csv.as_bytes(), &options, &mut |_| {}));
            let done = done(report.map(|r| r.applied))? == Some(true);
            if done {
                match (model.status(who), after) {
                    (None, Some(s)) => {
                        model.create(who, s);
                        if s == Status::Invited {
                            model.tokens.insert(who, latest_token(&mut roster, who));
                        }
                    }
                    (Some(_), Some(Status::Active)) => model.activate(who),
                    (Some(_), Some(s)) => model.set(who, s),
                    _ => {}
                }
            }
            (done, expected)
        }
        Op::Block(who) => {
            let expected = model.status(who) == Some(Status::Active);
            let done = done(roster.write(|tx| lifecycle::block(tx, &one(who), None, None)))?.is_some();
            if done {
                model.set(who, Status::Blocked);
            }
            (done, expected)
        }
        Op::Unblock(who) => {
            let expected = model.status(who) == Some(Status::Blocked);
            let done = done(roster.write(|tx| lifecycle::unblock(tx, &one(who), None)))?.is_some();
            if done {
                model.activate(who);
            }
            (done, expected)
        }
        Op::Archive(who) => {
            let expected = matches!(model.status(who), Some(Status::Active | Status::Blocked));
            let done = done(roster.write(|tx| lifecycle::archive(tx, &one(who), false, None, None)))?.is_some();
            if done {
                model.set(who, Status::Archived);
            }
            (done, expected)
        }
        Op::Reactivate(who) => {
            let expected = model.status(who) == Some(Status::Archived) && model.free();
            let done = done(roster.write(|tx| lifecycle::reactivate(tx, &one(who), None)))?.is_some();
            if done {
                model.activate(who);
            }
            (done, expected)
        }
        Op::Delete(who) => {
            let expected = model.status(who).is_some();
            let keep = lifecycle::Assignments::Refuse;
            let done = done(roster.write(|tx| lifecycle::delete(tx, &one(who), &keep, None)))?.is_some();
            if done {
                model.people.remove(&who);
            }
            (done, expected)
        }
        Op::Revoke(who) => {
            let expected = model.status(who) == Some(Status::Invited);
            let done = done(roster.write(|tx| invites::revoke(tx, &[email(who)])))?.is_some();
            if done {
                model.people.remove(&who);
            }
            (done, expected)
        }
        Op::Expire => {
            let now = model.now;
            let overdue: Vec<u8> = model
                .people
                .iter()
                .filter(|(_, p)| p.status == Status::Invited && p.invite_expires.is_some_and(|at| at <= now))
                .map(|(who, _)| *who)
                .collect();
            let n = invites::expire(&mut roster, false).expect("expire");
            prop_assert_eq!(n, overdue.len() as u64, "expired");
            for who in overdue {
                model.people.remove(&who);
            }
            (true, true)
        }
        Op::FailLogin(who) => {
            let login = roster.write(|tx| auth::login(tx, &email(who), "wrong-Password-1", None, false, None));
            prop_assert!(login.is_ok_and(|l| !l.ok), "a wrong password never signs in");
            if let Some(p) = model.people.get_mut(&who).filter(|p| p.status == Status::Active && p.has_password) {
                p.failures += 1;
                if p.failures >= MAX_FAILED_LOGINS {
                    p.status = Status::Blocked;
                }
            }
            (true, true)
        }
        Op::LockDormant => {
            let cutoff = model.now - Duration::days(90);
            let found = roster.write(|tx| lifecycle::lock_dormant(tx, None, false)).expect("lock-dormant");
            let mut expected = 0;
            for p in model.people.values_mut().filter(|p| p.status == Status::Active && p.last_seen < cutoff) {
                p.status = Status::Blocked;
                expected += 1;
            }
            prop_assert_eq!(found.blocked, expected, "locked as dormant");
            (true, true)
        }
        Op::Advance(days) => {
            model.now += Duration::days(i64::from(days));
            (true, true)
        }
    };
    prop_assert_eq!(done, expected, "{:?}: done {} but the model expected {}", op, done, expected);
    Ok(())
}

/// The token in the newest invite mail to a person.
fn latest_token(roster: &mut Roster, who: u8) -> String {
    roster
        .write(|tx| {
            let mail = store::invites::list_mail(&tx.db, Some("queued"))?;
            let newest = mail.into_iter().rev().find(|m| m.to_addr == email(who));
            newest.and_then(|m| m.body_text).map(|body| tx.decrypt(&body)).transpose()
        })
        .expect("mail")
        .and_then(|body| {
            body.lines()
                .map(str::trim)
                .find(|l| l.len() == 64 && l.chars().all(|c| c.is_ascii_hexdigit()))
                .map(str::to_owned)
        })
        .expect("an invite mail with its token")
}

fn check(place: &Place, model: &mut Model, before: &HashMap<u8, Person>) -> Result<(), TestCaseError> {
    let mut roster = place.open(None, model.now);
    roster
        .read(|tx| {
            for who in 0..PEOPLE {
                let found = users::find(tx, &email(who)).ok();
                let status = found.as_ref().map(|u| u.status);
                assert_eq!(status, model.status(who), "status of {}", email(who));
                if let Some(user) = &found {
                    // A person (re)created in this step has a fresh id.
                    if model.ids.get(&who) != Some(&user.id) {
                        assert!(user.id > model.highest_id, "id {} reused", user.id);
                        model.highest_id = user.id;
                        model.ids.insert(who, user.id);
                    }
                }
                if let (None, Some(gone)) = (&found, before.get(&who)) {
                    let id = model.ids.remove(&who).expect("an id seen");
                    let leaving = store::audit::list(
                        &tx.db,
                        &audit::AuditFilter { user_id: Some(id), ..audit::AuditFilter::default() },
                    )?;
                    // Newest first: the entry of the step that removed them.
                    let last = leaving.first().map(|e| e.action.as_str()).unwrap_or_default();
                    let allowed: &[&str] = if gone.status == Status::Invited {
                        &["user.delete", "invite.revoke", "invite.expire"]
                    } else {
                        &["user.delete"]
                    };
                    assert!(allowed.contains(&last), "{} left as {:?} with {last:?}", email(who), gone.status);
                }
            }
            let counted = tx.db.query_row(
                "SELECT count(*) FROM users WHERE status = 'invited' OR status = 'active' OR status = 'blocked'",
                crate::store::db::params![],
                |r| r.get::<u64>(0),
            )?;
            assert_eq!(seats::usage(tx)?.used, counted, "seat counter");
            assert_eq!(counted, model.used(), "seats of the model");
            let unmatched: u64 = tx.db.query_row(
                "SELECT (SELECT count(*) FROM users u WHERE u.status = 'invited' AND NOT EXISTS
                           (SELECT 1 FROM invites i WHERE i.user_id = u.id AND (i.status = 'sent' OR i.status = 'resent')))
                      + (SELECT count(*) FROM invites i WHERE (i.status = 'sent' OR i.status = 'resent')
                           AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = i.user_id AND u.status = 'invited'))",
                crate::store::db::params![],
                |r| r.get(0),
            )?;
            assert_eq!(unmatched, 0, "an open invite iff invited");
            assert_eq!(audit::verify(tx, &audit::Witnesses::default())?.problem, None, "the audit chain");
            Ok(())
        })
        .map_err(|e| TestCaseError::fail(e.to_string()))
}

pub(super) fn cases() -> u32 {
    std::env::var("ROSTER_MODEL_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(48)
}

/// Runs `ops` from a new organization at `place`.
fn run(place: &Place, ops: &[Op]) -> Result<(), TestCaseError> {
    let start: DateTime<Utc> = "2026-01-15T09:00:00Z".parse().expect("a time");
    let mut roster = place.open(None, start);
    roster
        .write(|tx| {
            org::init(tx, "Model", org::Plan::Standard { seats: SEATS })?;
            org::set_policy(tx, "max_failed_logins", &MAX_FAILED_LOGINS.to_string(), false)?;
            let boss = fields::new_user(
                [(super::Field::Email, "boss@model.test"), (super::Field::Name, "B"), (super::Field::Surname, "B")],
                vec!["admin".into()],
            )
            .expect("valid");
            users::add(tx, boss, None).map(drop)
        })
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    drop(roster);
    let mut model =
        Model { now: start, people: HashMap::new(), tokens: HashMap::new(), ids: HashMap::new(), highest_id: 1 };
    for op in ops {
        let before = model.people.clone();
        step(place, &mut model, op)?;
        check(place, &mut model, &before)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn every_door_keeps_the_invariants(ops in prop::collection::vec(op(), 1..40)) {
        run(&Place::sqlite(), &ops)?;
    }

    /// The same on the server: the rules are the library's, the storage
    /// another backend's.
    #[test]
    #[ignore = "needs a PostgreSQL server: ROSTER_TEST_DB=postgres://… (.ci/run starts one)"]
    fn every_door_keeps_the_invariants_on_the_server(ops in prop::collection::vec(op(), 1..40)) {
        run(&Place::server("roster_model_test"), &ops)?;
    }
}

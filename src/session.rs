//! `Roster`: an open database, the actor, and the one `now` of a command.
//! `read` and `write` each run a closure in one transaction.

use std::path::Path;

use chrono::{DateTime, Timelike, Utc};
use rusqlite::{Connection, TransactionBehavior};
use serde_json::json;

use crate::access::Actor;
use crate::error::{Denied, Result};
use crate::keys::KeyFile;
use crate::store;
use crate::users::Status;

pub struct Roster {
    conn: Backend,
    /// The SQLite file; for PostgreSQL, where this machine keeps what
    /// belongs beside a database (`store::postgres::local_state`).
    path: std::path::PathBuf,
    key_path: std::path::PathBuf,
    acting_as: Option<String>,
    os_login: String,
    now: DateTime<Utc>,
    /// What the last transaction refused on the way (`Tx::note_refusal`).
    refused: Refused,
}

/// The database a `Roster` has open.
enum Backend {
    Sqlite(Connection),
    Postgres(Box<postgres::Client>),
}

/// One transaction, the actor resolved inside it, and the command's clock.
pub struct Tx<'c> {
    pub(crate) db: store::db::Db<'c>,
    pub actor: Actor,
    pub now: DateTime<Utc>,
    policies: std::cell::RefCell<Option<crate::org::Policies>>,
    /// The key file's key for secrets at rest (writers only).
    secret_key: Option<[u8; 32]>,
    /// Inside `audit::lines`: entries are written as lines of bulk work.
    pub(crate) in_bulk: std::cell::Cell<bool>,
    /// When a user created in this transaction is created (`creation_time`).
    created_at: std::cell::Cell<Option<DateTime<Utc>>>,
    /// Inside `users::adding_many`: new users' search entries, written in runs.
    pub(crate) new_entries: std::cell::RefCell<Option<store::search::NewEntries>>,
    /// Parts of the work refused for permission while the rest went on (an
    /// import's rows): recorded after the transaction, however it ends.
    refused: std::cell::RefCell<Refused>,
}

/// What a transaction refused without failing: the first refusal, and how many.
#[derive(Default)]
struct Refused {
    first: Option<String>,
    count: u64,
}

impl Tx<'_> {
    /// When a user created now is created: the clock, or the newest user's
    /// time if the clock stepped back behind it, so that id order stays
    /// creation order. Read once a transaction: its users are the newest.
    pub(crate) fn creation_time(&self) -> Result<DateTime<Utc>> {
        if let Some(at) = self.created_at.get() {
            return Ok(at);
        }
        let at = store::users::newest_created_at(&self.db)?.map_or(self.now, |newest| newest.max(self.now));
        self.created_at.set(Some(at));
        Ok(at)
    }

    /// Notes a part of the work refused for permission (`what` says which,
    /// an import's line say) while the rest goes on; like a refused command,
    /// it is recorded in the audit trail whether or not the work commits.
    pub(crate) fn note_refusal(&self, what: &str, denied: &Denied) {
        let mut refused = self.refused.borrow_mut();
        refused.count += 1;
        refused.first.get_or_insert_with(|| format!("{what}: {denied}"));
    }

    /// The organization's policies, read once per transaction.
    pub fn policies(&self) -> Result<crate::org::Policies> {
        if let Some(known) = self.policies.borrow().as_ref() {
            return Ok(known.clone());
        }
        let read = crate::org::Policies::load(&self.db)?;
        *self.policies.borrow_mut() = Some(read.clone());
        Ok(read)
    }

    /// `plain` encrypted with the key file's secret key, for storage.
    pub(crate) fn encrypt(&self, plain: &str) -> Result<String> {
        crate::keys::encrypt(self.secret_key()?, plain)
    }

    /// A stored secret, decrypted.
    pub(crate) fn decrypt(&self, stored: &str) -> Result<String> {
        crate::keys::decrypt(self.secret_key()?, stored)
    }

    /// Encrypts the secrets stored before there was a key file, in the first
    /// write that commits (after an upgrade, or a restore of an older backup).
    fn encrypt_plain_secrets(&self) -> Result<()> {
        for (table, column, id, plain) in store::credentials::plain_secrets(&self.db)? {
            store::credentials::replace_secret(&self.db, (table, column, id), &self.encrypt(&plain)?)?;
        }
        store::credentials::mark_secrets_encrypted(&self.db)
    }

    fn secret_key(&self) -> Result<&[u8; 32]> {
        self.secret_key.as_ref().ok_or_else(|| crate::Error::Internal("secrets are opened by writers only".into()))
    }

    /// After `policy set`: the next read sees the new value.
    pub(crate) fn forget_policies(&self) {
        self.policies.borrow_mut().take();
    }
}

impl Roster {
    /// Opens (and migrates if needed) the roster database at `path`; a
    /// missing file is refused. `acting_as` is `--as EMAIL`; without it the
    /// OS account `os_login` acts.
    pub fn open(path: &Path, acting_as: Option<&str>, os_login: &str, now: DateTime<Utc>) -> Result<Roster> {
        Self::open_with(path, store::Missing::Refuse, acting_as, os_login, now)
    }

    /// Like `open`, but creates the database when there is none (`init`;
    /// `db restore` of a file: `open_to_restore`).
    pub fn create(path: &Path, acting_as: Option<&str>, os_login: &str, now: DateTime<Utc>) -> Result<Roster> {
        Self::open_with(path, store::Missing::Create, acting_as, os_login, now)
    }

    /// Like `create` for a SQLite file (`db restore` may make it); a server
    /// database is only opened, as a restore there is `pg_restore`'s.
    pub fn open_to_restore(path: &Path, acting_as: Option<&str>, os_login: &str, now: DateTime<Utc>) -> Result<Roster> {
        let missing = match path.to_str().is_some_and(store::postgres::is_url) {
            true => store::Missing::Refuse,
            false => store::Missing::Create,
        };
        Self::open_with(path, missing, acting_as, os_login, now)
    }

    fn open_with(
        path: &Path,
        missing: store::Missing,
        acting_as: Option<&str>,
        os_login: &str,
        now: DateTime<Utc>,
    ) -> Result<Roster> {
        let (conn, path) = match path.to_str().filter(|p| store::postgres::is_url(p)) {
            Some(url) => (
                Backend::Postgres(Box::new(store::postgres::connect(url, missing)?)),
                store::postgres::local_state(url)?,
            ),
            None => (Backend::Sqlite(store::open(path, missing)?), path.to_owned()),
        };
        Ok(Roster {
            conn,
            key_path: crate::keys::KeyFile::default_path(&path),
            path,
            acting_as: acting_as.map(str::to_owned),
            os_login: os_login.to_owned(),
            now: now.with_nanosecond(0).unwrap_or(now),
            refused: Refused::default(),
        })
    }

    /// Whether the database is on a server (several hosts may write to it).
    pub fn on_server(&self) -> bool {
        matches!(self.conn, Backend::Postgres(_))
    }

    /// Uses the key file at `path` instead of `<db>.key` (`ROSTER_KEY_FILE`).
    pub fn with_key_file(mut self, path: &Path) -> Roster {
        path.clone_into(&mut self.key_path);
        self
    }

    /// Where the key file is (or will be, at the first write).
    pub fn key_path(&self) -> &Path {
        &self.key_path
    }

    /// The key file for a write, moved on to this epoch; created when the
    /// trail has never been sealed (a new database, or one from before V9).
    /// Says whether the key file is new.
    fn keys_for_writing(path: &Path, now: DateTime<Utc>, db: &store::db::Db) -> Result<(KeyFile, bool)> {
        match KeyFile::load(path)? {
            Some(mut keys) => {
                if let Some(why) = crate::audit::another_database_s_key(db, &keys)? {
                    return Err(crate::Error::Database {
                        path: path.display().to_string(),
                        problem: format!(
                            "this key file is another database's ({why} says so): set ROSTER_KEY_FILE to this \
                             one's; nothing was changed"
                        ),
                    });
                }
                keys.advance(now)?;
                Ok((keys, false))
            }
            None if store::audit::any_sealed(db)? => Err(crate::Error::Database {
                path: path.display().to_string(),
                problem: "the key file is missing and the audit trail is sealed: put it back, or set \
                          ROSTER_KEY_FILE to where it is; nothing was changed"
                    .into(),
            }),
            None => Ok((KeyFile::create(path, now)?, true)),
        }
    }

    /// The SQLite connection itself, for what runs outside a transaction
    /// (backups); `what` is refused on PostgreSQL with `instead`.
    pub(crate) fn connection(&mut self, what: &str, instead: &str) -> Result<&mut Connection> {
        match &mut self.conn {
            Backend::Sqlite(conn) => Ok(conn),
            Backend::Postgres(_) => Err(crate::Error::Invalid(crate::error::Invalid {
                field: "--db".into(),
                value: "postgres://…".into(),
                reason: format!("{what} is for a SQLite file; on PostgreSQL {instead}"),
            })),
        }
    }

    /// Where mail goes when no SMTP server is set: `<db>.outbox/`.
    pub fn outbox(&self) -> std::path::PathBuf {
        let mut name = self.path.clone().into_os_string();
        name.push(".outbox");
        name.into()
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// Runs `f` on a consistent snapshot; nothing it does is kept.
    pub fn read<T>(&mut self, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        self.run(TransactionBehavior::Deferred, |tx| Ok((f(tx)?, false)))
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction: all of it is committed,
    /// or, if it returns an error, none of it.
    pub fn write<T>(&mut self, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        self.write_or_roll_back(|tx| Ok((f(tx)?, true)))
    }

    /// Like `write`, but a refused authentication (exit 7) is committed too:
    /// the failure it counted (and the lockout it may have caused) and its
    /// audit entry must stay, or the refusal could be retried without limit.
    pub fn write_keeping_refusals<T>(&mut self, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        self.write_or_roll_back(|tx| match f(tx) {
            Ok(value) => Ok((Ok(value), true)),
            Err(refused @ crate::Error::AuthFailed(_)) => Ok((Err(refused), true)),
            Err(other) => Err(other),
        })?
    }

    /// Like `write`, but `f` also says whether to commit: a dry run or a
    /// rejected import returns its report and `false`, and nothing is kept.
    pub fn write_or_roll_back<T>(&mut self, f: impl FnOnce(&Tx) -> Result<(T, bool)>) -> Result<T> {
        self.run(TransactionBehavior::Immediate, f)
    }

    /// Like `write_or_roll_back`, for a bulk load such as an import: into a
    /// database with no users yet and no other connection it runs under the
    /// rollback journal (`store::rollback_journal_if_empty`), then returns
    /// to WAL; readers that come meanwhile wait for it.
    pub fn write_bulk<T>(&mut self, f: impl FnOnce(&Tx) -> Result<(T, bool)>) -> Result<T> {
        let Backend::Sqlite(conn) = &mut self.conn else {
            return self.write_or_roll_back(f);
        };
        let switched = store::rollback_journal_if_empty(conn)?;
        let result = self.write_or_roll_back(f);
        if let (true, Backend::Sqlite(conn)) = (switched, &self.conn) {
            store::wal_again(conn, &self.path)?;
        }
        result
    }

    /// Runs `f` as a write on a private copy of the database and of its key
    /// file, then removes them: a rehearsal (`user import --dry-run`) meets
    /// every rule the change would, in the change's own code, and takes no
    /// write lock here, so no writer waits for it; the real key file is not
    /// advanced (unless a refusal is recorded here). The copy is read from one snapshot; nothing `f` does is kept.
    pub fn rehearse<T>(&mut self, f: impl FnOnce(&Tx) -> Result<(T, bool)>) -> Result<T> {
        let Backend::Sqlite(conn) = &self.conn else {
            // On a server: the change itself, rolled back (holding the write
            // lock while it runs).
            return self.write_or_roll_back(|tx| Ok((f(tx)?.0, false)));
        };
        let stage = Rehearsal::beside(&self.path)?;
        let db = stage.0.join("roster.db");
        store::copy_to(conn, &db)?;
        let key = stage.0.join("roster.db.key");
        for (from, to) in
            [(self.key_path.clone(), key.clone()), (KeyFile::head_path_of(&self.key_path), KeyFile::head_path_of(&key))]
        {
            if from.exists() {
                std::fs::read(&from).and_then(|bytes| crate::files::replace_private_unsynced(&to, &bytes))?;
            }
        }
        let mut copy = Roster::open(&db, self.acting_as.as_deref(), &self.os_login, self.now)?.with_key_file(&key);
        // The copy is thrown away: a refusal is kept here.
        let rehearsed = copy.attempt(TransactionBehavior::Immediate, |tx| Ok((f(tx)?.0, false)));
        self.refused = std::mem::take(&mut copy.refused);
        self.recording_refusals(rehearsed)
    }

    /// Like `read`, for a read on the way to a change (the count a
    /// confirmation shows, a dry run): refused, it is recorded as the
    /// change's refusal would be.
    pub fn preview<T>(&mut self, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        let previewed = self.read(f);
        self.recording_refusals(previewed)
    }

    /// Checks that the actor holds `ability`, for work outside a transaction
    /// (a backup, a restore); a refusal is recorded as a refused write is.
    pub fn require(&mut self, ability: &str) -> Result<()> {
        self.preview(|tx| tx.actor.require(ability))
    }

    /// Like `write`, for deleting many users at once: foreign keys are not
    /// enforced a row at a time, because `store::lifecycle::delete_targets`
    /// cascades set-based (a cascade a row per child table is five times
    /// slower). `f` must delete users only through it.
    pub(crate) fn write_deleting_many<T>(&mut self, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        let Backend::Sqlite(conn) = &self.conn else {
            return self.write(f);
        };
        store::deleting_many(conn, true)?;
        let result = self.write(f);
        if let Backend::Sqlite(conn) = &self.conn {
            store::deleting_many(conn, false)?;
        }
        result
    }

    /// `attempt`, and a write refused for permission leaves a trace: the
    /// change is rolled back and an `access.denied` entry committed in its
    /// own transaction. Best effort: the refusal is what the caller sees
    /// even if the trail cannot be written (a missing key file, a full disk).
    fn run<T>(&mut self, behavior: TransactionBehavior, f: impl FnOnce(&Tx) -> Result<(T, bool)>) -> Result<T> {
        let done = self.attempt(behavior, f);
        match behavior {
            TransactionBehavior::Immediate => self.recording_refusals(done),
            _ => done,
        }
    }

    /// `done`, after recording its refusal for permission, if it was one,
    /// and what its transaction refused on the way (`Tx::note_refusal`).
    fn recording_refusals<T>(&mut self, done: Result<T>) -> Result<T> {
        let refused = std::mem::take(&mut self.refused);
        if let Some(first) = refused.first {
            let _ = self.record_refusal(json!({ "refused": first, "count": refused.count }), false);
        }
        if let Err(crate::Error::Denied(denied)) = &done {
            // Someone who could not act as the user they named is recorded
            // as the login they ran under, with the name they gave.
            let unresolved = matches!(
                denied,
                Denied::UnknownActor { .. } | Denied::InactiveActor { .. } | Denied::AppOnlyActor { .. }
            );
            let _ = self.record_refusal(json!({ "refused": denied.to_string() }), unresolved);
        }
        done
    }

    fn record_refusal(&mut self, mut details: serde_json::Value, unresolved: bool) -> Result<()> {
        // A database never written to (a restore's target, a trail from
        // before sealing) gets no key file for a refusal.
        if !self.key_path.exists() {
            return Ok(());
        }
        // Bounded, whatever a refusal quotes.
        if let Some(refused) = details["refused"].as_str() {
            details["refused"] = json!(refused.chars().take(500).collect::<String>());
        }
        let acting_as = if unresolved { self.acting_as.take() } else { None };
        if let Some(email) = &acting_as {
            details["as"] = json!(crate::error::shown(email.clone()));
        }
        let recorded = self.attempt(TransactionBehavior::Immediate, |tx| {
            crate::audit::record(tx, "access.denied", crate::audit::Target::None, details)?;
            Ok(((), true))
        });
        if unresolved {
            self.acting_as = acting_as;
        }
        recorded
    }

    /// The one way into the database: a transaction, the chain primed for
    /// writers, the actor resolved inside it; committed only when `f` says so.
    /// A writer seals with the key file and, once committed, records the new
    /// head beside it.
    fn attempt<T>(&mut self, behavior: TransactionBehavior, f: impl FnOnce(&Tx) -> Result<(T, bool)>) -> Result<T> {
        let db = match &mut self.conn {
            Backend::Sqlite(conn) => store::db::Db::sqlite_transaction(conn.transaction_with_behavior(behavior)?),
            Backend::Postgres(client) => {
                store::postgres::begin(client, matches!(behavior, TransactionBehavior::Immediate))?
            }
        };
        let writer = match behavior {
            TransactionBehavior::Immediate => {
                let (keys, new) = Self::keys_for_writing(&self.key_path, self.now, &db)?;
                let start = store::audit::prime(&db, Some(&keys.sealing()))?;
                Some((keys, start, new))
            }
            _ => None,
        };
        let actor = resolve_actor(&db, self.acting_as.as_deref(), &self.os_login)?;
        let secret_key = writer.as_ref().map(|(keys, _, _)| *keys.secret());
        let tx = Tx {
            db,
            actor,
            now: self.now,
            policies: Default::default(),
            secret_key,
            in_bulk: Default::default(),
            created_at: Default::default(),
            new_entries: Default::default(),
            refused: Default::default(),
        };
        if writer.is_some() && !store::credentials::secrets_encrypted(&tx.db)? {
            tx.encrypt_plain_secrets()?;
        }
        let done = f(&tx);
        self.refused = tx.refused.take();
        let (value, commit) = done?;
        if !commit {
            return Ok(value);
        }
        if writer.is_some() && !store::audit::is_closed(&tx.db)? {
            return Err(crate::Error::Internal("bulk work ended without a hashed audit entry".into()));
        }
        // Read before the commit: while this writer holds the lock, the head is its own.
        let head = match &writer {
            Some(_) => store::audit::head(&tx.db)?,
            None => None,
        };
        tx.db.commit()?;
        if let (Some((keys, start, _)), Some((seq, hash))) = (writer, head) {
            if start.as_ref().is_none_or(|(s, _)| *s != seq) {
                // After the commit, and best effort: a head not recorded
                // leaves an older one, which still holds; the change stands.
                let _ = crate::keys::write_head(&keys.head_path(), (seq, &hash));
            }
        }
        Ok(value)
    }
}

fn resolve_actor(db: &store::db::Db, acting_as: Option<&str>, os_login: &str) -> Result<Actor> {
    let Some(email) = acting_as else {
        return Ok(Actor::os(os_login));
    };
    let Some(id) = store::users::id_by_email(db, email.trim())? else {
        return Err(Denied::UnknownActor { email: crate::error::shown(email.to_owned()) }.into());
    };
    let (stored_email, status) = store::users::email_and_status(db, id)?;
    if status != Status::Active {
        return Err(Denied::InactiveActor { email: stored_email, status: status.to_string() }.into());
    }
    if store::users::kind_of(db, id)? == crate::model::user::KIND_APP_ONLY {
        return Err(Denied::AppOnlyActor { email: stored_email }.into());
    }
    Ok(Actor::user(id, &stored_email, crate::access::reach_of(db, id)?))
}

/// A private folder beside the database for a rehearsal's copy (mode 0700),
/// removed with everything in it when the rehearsal ends, however it ends;
/// one left by a rehearsal that was killed is removed by the next.
struct Rehearsal(std::path::PathBuf);

impl Rehearsal {
    fn beside(db: &Path) -> Result<Rehearsal> {
        use std::os::unix::fs::DirBuilderExt;
        let name = db.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let prefix = format!(".{name}.rehearsal.");
        Self::remove_abandoned(db, &prefix);
        let mut unique = [0u8; 8];
        rand::fill(&mut unique);
        let dir = db.with_file_name(format!("{prefix}{}.{}", std::process::id(), crate::model::types::hex(&unique)));
        std::fs::DirBuilder::new().mode(0o700).create(&dir).map_err(|e| crate::Error::Database {
            path: dir.display().to_string(),
            problem: format!("cannot create a folder for the dry run's copy: {e}"),
        })?;
        Ok(Rehearsal(dir))
    }

    /// Removes the rehearsal folders (with their copy of the key file) beside
    /// `db` that were abandoned, where `/proc` says which processes live: the
    /// process they name (none, before names carried it) is not running
    /// and nothing in them changed for an hour. Both, because a process of
    /// another PID namespace or one hidden by `/proc`'s `hidepid` looks gone.
    fn remove_abandoned(db: &Path, prefix: &str) {
        const IDLE: std::time::Duration = std::time::Duration::from_secs(3600);
        let folder = db.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let (Ok(entries), true) = (std::fs::read_dir(folder), Path::new("/proc/self").exists()) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(rest) = name.strip_prefix(prefix) else { continue };
            let running = rest
                .split('.')
                .next()
                .and_then(|pid| pid.parse::<u32>().ok())
                .is_some_and(|pid| Path::new(&format!("/proc/{pid}")).exists());
            if !running && Self::idle_for(&entry.path(), IDLE) {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }

    /// Whether neither `dir` nor a file in it changed within `idle`.
    fn idle_for(dir: &Path, idle: std::time::Duration) -> bool {
        let changed = |path: &Path| std::fs::metadata(path).and_then(|m| m.modified()).ok();
        let Ok(files) = std::fs::read_dir(dir) else { return false };
        let newest = files.flatten().filter_map(|f| changed(&f.path())).chain(changed(dir)).max();
        newest.is_some_and(|at| at.elapsed().is_ok_and(|age| age >= idle))
    }
}

impl Drop for Rehearsal {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

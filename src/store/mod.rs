//! The only place with SQL: opening the database, pragmas, migrations, and
//! one module per table group. Functions here take a `db::Db` (SQLite or
//! PostgreSQL behind it) and know nothing of permissions or rules.

pub mod assignments;
pub mod audit;
pub mod credentials;
pub mod db;
mod deferred;
pub mod groups;
pub mod import;
pub mod invites;
pub mod lifecycle;
pub mod org;
pub mod postgres;
pub mod roles;
pub(crate) mod search;
pub mod users;

use std::fs::OpenOptions;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::Connection;

use crate::error::{Error, Result};

mod embedded {
    refinery::embed_migrations!("migrations/sqlite");
}

/// How long a writer waits for another before giving up (README: writers
/// wait): long enough for a million-row import. Set by `set_waiting`.
static WAIT_MS: AtomicU64 = AtomicU64::new(10 * 60 * 1000);

/// Called once when a command has waited `NOTICE_AFTER` for another writer.
static ON_WAITING: OnceLock<fn()> = OnceLock::new();

const NOTICE_AFTER: Duration = Duration::from_secs(2);
const RETRY_EVERY: Duration = Duration::from_millis(20);

/// How long connections opened from now on wait for another writer, and
/// what they call (once) when that has taken a while, to say so.
pub fn set_waiting(limit: Duration, on_waiting: fn()) {
    WAIT_MS.store(u64::try_from(limit.as_millis()).unwrap_or(u64::MAX), Ordering::Relaxed);
    let _ = ON_WAITING.set(on_waiting);
}

/// SQLite's busy handler: try again every 20 ms until the limit.
fn busy(attempt: i32) -> bool {
    let waited = RETRY_EVERY * u32::try_from(attempt).unwrap_or(u32::MAX);
    if waited.as_millis() >= u128::from(WAIT_MS.load(Ordering::Relaxed)) {
        return false;
    }
    if waited == NOTICE_AFTER {
        if let Some(notice) = ON_WAITING.get() {
            notice();
        }
    }
    std::thread::sleep(RETRY_EVERY);
    true
}

/// How many prepared statements a connection keeps (see `db::Db`).
const STATEMENTS: usize = 256;

/// The page cache, in KiB (see `open`).
const CACHE_KIB: u32 = 64 * 1024;

/// Before a bulk load (`Roster::write_bulk`): a database with no users yet
/// and no other connection switches to the rollback journal, which writes
/// the load once, where the WAL writes it twice (its new pages need no
/// journal). Durable as the WAL is: synchronous=FULL syncs the journal and
/// the file at commit, so a power cut after it cannot roll it back. Returns
/// whether it switched; another connection keeps it in WAL, untouched.
pub fn rollback_journal_if_empty(conn: &mut Connection) -> Result<bool> {
    let empty: bool = conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM users)", [], |r| r.get(0))?;
    if !empty {
        return Ok(false);
    }
    leave_wal_if_alone(conn)
}

/// Switches to the rollback journal (TRUNCATE) if no other connection has
/// the database open, without waiting for one to leave; whether it did.
fn leave_wal_if_alone(conn: &mut Connection) -> Result<bool> {
    conn.busy_handler(None::<fn(i32) -> bool>)?;
    let mode = conn.query_row("PRAGMA journal_mode = TRUNCATE", [], |r| r.get::<_, String>(0));
    conn.busy_handler(Some(busy))?;
    Ok(mode.is_ok_and(|m| m.eq_ignore_ascii_case("truncate")))
}

/// Back to WAL after a bulk load, waiting for readers that came meanwhile;
/// and the empty journal the load left is removed.
pub fn wal_again(conn: &Connection, path: &Path) -> Result<()> {
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::Internal(format!("cannot return to WAL journal mode (got {mode})")));
    }
    let journal = PathBuf::from(format!("{}-journal", path.display()));
    if std::fs::metadata(&journal).is_ok_and(|m| m.len() == 0) {
        let _ = std::fs::remove_file(journal);
    }
    Ok(())
}

/// While deleting many users (`Roster::write_deleting_many`): foreign keys
/// off, as `lifecycle::delete_targets` cascades set-based; and room in the
/// page cache for every page the delete changes (100,000 invited users are
/// some 70 MB), so that none is spilled to the WAL and written again at
/// commit. Outside a transaction only: SQLite ignores `foreign_keys` inside one.
pub fn deleting_many(conn: &Connection, on: bool) -> Result<()> {
    conn.execute_batch(&if on {
        format!("PRAGMA foreign_keys = OFF; PRAGMA cache_size = -{}", 4 * CACHE_KIB)
    } else {
        format!("PRAGMA foreign_keys = ON; PRAGMA cache_size = -{CACHE_KIB}")
    })?;
    Ok(())
}

/// roster's mark in the database header (`PRAGMA application_id`): "Rstr".
pub const APPLICATION_ID: i32 = 0x5273_7472;

/// Whether `open` may make a new database where there is none (`init`,
/// `db restore`): every other command refuses a missing file, so a mistyped
/// `--db` does not silently start an empty organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    Create,
    Refuse,
}

/// Opens the roster database at `path`, migrating it to the current schema
/// when needed; with `Missing::Create`, creates it (mode 0600) first.
/// Anything else (another application's SQLite file, a file that is not
/// SQLite, a device, a folder, a database from a newer roster) is refused
/// before anything is written to it.
pub fn open(path: &Path, missing: Missing) -> Result<Connection> {
    let problem = |problem: String| Error::Database { path: path.display().to_string(), problem };
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => return Err(problem("is not a regular file, so not a roster database".into())),
        Ok(_) => {}
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(problem(e.to_string())),
        Err(_) if missing == Missing::Refuse => {
            return Err(problem("no roster database here; create it with `roster init` (or check --db)".into()));
        }
        Err(_) => {
            let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            if !parent.is_dir() {
                return Err(problem(format!("cannot create it: folder {} does not exist", parent.display())));
            }
            // A racing process may create it first; that is fine, we open theirs.
            match OpenOptions::new().write(true).create_new(true).mode(0o600).open(path) {
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(problem(format!("cannot create it: {e}"))),
            }
        }
    }
    precheck(path, missing).map_err(problem)?;
    let mut conn = Connection::open(path).map_err(|e| problem(e.to_string()))?;
    register(&conn)?;
    // Every statement of `Db` is cached; an import runs a few dozen.
    conn.set_prepared_statement_cache_capacity(STATEMENTS);
    conn.busy_handler(Some(busy))?;
    recognize(&conn).map_err(problem)?;
    // synchronous=FULL: a committed change survives a power cut, not only a crash.
    // A 64 MiB page cache (allocated only as used) keeps a million-user
    // table's indexes in memory: bulk inserts run about twice as fast.
    // Statement journals in memory: on disk they cost a write per page touched.
    // secure_delete: a scrubbed mail body or a removed secret leaves no
    // readable trace in free pages.
    conn.execute_batch(&format!(
        "PRAGMA synchronous = FULL; PRAGMA cache_size = -{CACHE_KIB}; PRAGMA temp_store = MEMORY;
         PRAGMA secure_delete = ON;"
    ))
    .map_err(|e| problem(e.to_string()))?;
    // 16 KiB pages for a new database (an existing one keeps its own): a
    // million-row import 0.93×, `invite expire` of 100,000 0.81×, `user edit`
    // 1.01× the 4 KiB default (docs/PERFORMANCE.md).
    conn.execute_batch("PRAGMA page_size = 16384").map_err(|e| problem(e.to_string()))?;
    let mode: String =
        conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).map_err(|e| problem(e.to_string()))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(problem(format!("cannot switch to WAL journal mode (got {mode})")));
    }
    migrate(&mut conn).map_err(|e| match e {
        Error::Sqlite(e) => problem(e.to_string()),
        other => other,
    })?;
    let marked: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if marked != APPLICATION_ID {
        conn.execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID}"))?;
    }
    Ok(conn)
}

/// Tells a roster database from anything else before any connection that
/// could write is opened: the file's header (SQLite's magic, roster's mark),
/// and for an unmarked file, its tables, read through an immutable
/// read-only connection (no journal, WAL or lock files). Then, on the open
/// connection, the schema version.
fn precheck(path: &Path, missing: Missing) -> std::result::Result<(), String> {
    use std::io::Read;
    let mut header = Vec::with_capacity(100);
    std::fs::File::open(path).and_then(|f| f.take(100).read_to_end(&mut header)).map_err(|e| e.to_string())?;
    if header.is_empty() {
        return match missing {
            Missing::Create => Ok(()),
            Missing::Refuse => Err("is an empty file, not a roster database; create one with `roster init`".into()),
        };
    }
    if header.len() < 100 || !header.starts_with(b"SQLite format 3\0") {
        return Err("is not a SQLite database, so not a roster one; left as it is".into());
    }
    match i32::from_be_bytes([header[68], header[69], header[70], header[71]]) {
        APPLICATION_ID => return Ok(()),
        0 => {}
        other => {
            return Err(format!("is another application's SQLite database (application_id {other}); left as it is"));
        }
    }
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_URI;
    let uri = format!(
        "file:{}?immutable=1",
        path.display().to_string().replace('%', "%25").replace('?', "%3f").replace('#', "%23")
    );
    let look = Connection::open_with_flags(uri, flags).map_err(|e| e.to_string())?;
    let mut stmt = look.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").map_err(|e| e.to_string())?;
    let tables: Vec<String> =
        stmt.query_map([], |r| r.get(0)).and_then(|rows| rows.collect()).map_err(|e| e.to_string())?;
    let ours = ["refinery_schema_history", "org", "users", "audit"].iter().all(|t| tables.iter().any(|n| n == t));
    match (tables.is_empty(), ours) {
        (true, _) if missing == Missing::Create => Ok(()),
        (true, _) => Err("is an empty SQLite database, not a roster one; create one with `roster init`".into()),
        (false, true) => Ok(()),
        (false, false) => Err(format!(
            "is another application's SQLite database (tables: {}), not a roster one; left as it is",
            tables.iter().take(5).cloned().collect::<Vec<_>>().join(", ")
        )),
    }
}

/// The schema version of a roster database: a newer one is refused before
/// anything is written to it.
fn recognize(conn: &Connection) -> std::result::Result<(), String> {
    let applied = applied_version(conn).map_err(|e| e.to_string())?;
    let latest = latest_known_version();
    if applied > latest {
        return Err(format!(
            "made by a newer roster (schema version {applied}; this roster knows up to {latest}); upgrade roster to use it"
        ));
    }
    Ok(())
}

/// The SQL functions roster's statements, triggers and migrations call: the
/// audit chain, `email_key(email)`, the one comparison key of a mailbox, and
/// `user_search_text(name, surname, email)`, what `--search`'s index holds,
/// and `user_search_finds(name, surname, email, query)`, its rule.
fn register(conn: &Connection) -> Result<()> {
    audit::register(conn)?;
    let flags =
        rusqlite::functions::FunctionFlags::SQLITE_UTF8 | rusqlite::functions::FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("email_key", 1, flags, |ctx| {
        Ok(crate::model::types::mailbox_key(ctx.get_raw(0).as_str().unwrap_or_default()))
    })?;
    conn.create_scalar_function("user_search_text", 3, flags, |ctx| {
        let text = |i| ctx.get_raw(i).as_str().unwrap_or_default();
        Ok(search::indexed_text(text(0), text(1), text(2)))
    })?;
    conn.create_scalar_function("user_search_finds", 4, flags, |ctx| {
        let text = |i| ctx.get_raw(i).as_str().unwrap_or_default();
        Ok(crate::model::types::search_finds(text(3), text(0), text(1), text(2)))
    })?;
    Ok(())
}

fn latest_known_version() -> i64 {
    embedded::migrations::runner().get_migrations().iter().map(|m| i64::from(m.version())).max().unwrap_or(0)
}

fn applied_version(conn: &Connection) -> Result<i64> {
    let has_history: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'refinery_schema_history')",
        [],
        |r| r.get(0),
    )?;
    if !has_history {
        return Ok(0);
    }
    Ok(conn.query_row("SELECT COALESCE(MAX(version), 0) FROM refinery_schema_history", [], |r| r.get(0))?)
}

/// The one way a schema is brought up to date, by `open` and by `restore`:
/// with foreign keys off, because a migration that rebuilds a table drops
/// the old one, which with them on would cascade into every child table (V6
/// emptied every membership that way); `foreign_key_check` after. Foreign
/// keys are on when it returns, whatever happened. Statement journals go to
/// a temporary file meanwhile (unlinked as it opens, mode 0600): dropping a
/// rebuilt table journals every page it frees, which in memory was 456 MB
/// for a million users (V22). That file is in SQLite's temporary folder
/// (`SQLITE_TMPDIR`, `TMPDIR`, `/var/tmp`, …; the README says so), and with
/// `secure_delete` it holds the freed pages' old text.
fn migrate(conn: &mut Connection) -> Result<()> {
    conn.execute_batch("PRAGMA foreign_keys = OFF; PRAGMA temp_store = FILE;")?;
    let migrated = migrate_unchecked(conn);
    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;")?;
    migrated
}

/// Checking the version is one indexed read, so an up-to-date database opens
/// without running refinery at all.
fn migrate_unchecked(conn: &mut Connection) -> Result<()> {
    let latest = latest_known_version();
    let applied = applied_version(conn)?;
    if applied > latest {
        return Err(Error::Database {
            path: conn.path().unwrap_or_default().to_owned(),
            problem: format!(
                "made by a newer roster (schema version {applied}; this roster knows up to {latest}); upgrade roster to use it"
            ),
        });
    }
    if applied == latest {
        return Ok(());
    }
    let outcome = embedded::migrations::runner().set_grouped(true).run(conn);
    if let Err(e) = outcome {
        // Another process may have migrated it at the same moment.
        if applied_version(conn)? != latest {
            return Err(Error::Internal(format!("migration failed: {e}")));
        }
    }
    // The rebuilt tables must still hold together.
    let broken = foreign_key_problems(conn)?;
    if !broken.is_empty() {
        return Err(Error::Internal(format!("after migrating, rows point at nothing: {}", broken.join("; "))));
    }
    Ok(())
}

/// `PRAGMA integrity_check`: the problems found, none when the file is sound.
pub fn integrity_problems(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let rows: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(rows.into_iter().filter(|r| r != "ok").collect())
}

/// Whether `table` has a unique index, not partial, on `column` alone.
pub fn has_unique_index(conn: &Connection, table: &str, column: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM pragma_index_list(?1) l
                        WHERE l.\"unique\" AND NOT l.partial
                          AND (SELECT count(*) = 1 AND max(name) = ?2 FROM pragma_index_info(l.name)))",
        [table, column],
        |r| r.get(0),
    )?)
}

/// `PRAGMA foreign_key_check`: rows that point at nothing.
pub fn foreign_key_problems(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let rows = stmt.query_map([], |r| {
        Ok(format!(
            "{} row {} points at a missing {}",
            r.get::<_, String>(0)?,
            r.get::<_, Option<i64>>(1)?.unwrap_or(0),
            r.get::<_, String>(2)?
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Copies the live database to `dest` (a new file, mode 0600) with SQLite's
/// online backup API in one step: it reads one consistent snapshot while
/// writers carry on (WAL), never a raw copy of a file with a live WAL. The
/// copy is made under a temporary name and linked into place when whole, so
/// a failure (a full disk) leaves no file.
pub fn backup_to(conn: &Connection, dest: &Path) -> Result<()> {
    let exists =
        || Error::Conflict(crate::error::Conflict::Other(format!("{} exists; choose a new file", dest.display())));
    if dest.symlink_metadata().is_ok() {
        return Err(exists());
    }
    let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // A name of its own: not another backup's, not a file planted there.
    let mut unique = [0u8; 8];
    rand::fill(&mut unique);
    let partial = dest.with_file_name(format!(".{name}.{}.partial", crate::model::types::hex(&unique)));
    // One file: out of WAL, so that opening it read-only (its check, a
    // restore's) leaves no -wal or -shm beside it.
    let copied = copy_to(conn, &partial).and_then(|()| {
        let mode: String = Connection::open(&partial)?.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
        match mode.as_str() {
            "delete" => Ok(()),
            other => Err(Error::Internal(format!("the backup stayed in journal mode {other}"))),
        }
    });
    // Linked, not renamed: a file that appeared at `dest` meanwhile is kept.
    let placed = copied.and_then(|()| {
        std::fs::hard_link(&partial, dest).map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => exists(),
            _ => Error::Output(e),
        })
    });
    let _ = std::fs::remove_file(&partial);
    placed
}

/// Copies the live database into a new file `dest` (mode 0600), from one
/// read snapshot (`backup_to`), as it is: no link, no check.
pub fn copy_to(conn: &Connection, dest: &Path) -> Result<()> {
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(dest)
        .map_err(|e| Error::Database { path: dest.display().to_string(), problem: format!("cannot create it: {e}") })?;
    let mut copy = Connection::open(dest)?;
    copy_all(conn, &mut copy)
}

/// Every page in one step (`-1`), retried while the source is locked.
fn copy_all(from: &Connection, to: &mut Connection) -> Result<()> {
    use rusqlite::backup::StepResult;
    let backup = rusqlite::backup::Backup::new(from, to)?;
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            _ => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

/// Opens a backup read-only, to check it before it replaces anything.
pub fn open_backup(path: &Path) -> Result<Connection> {
    let problem = |problem: String| Error::Database { path: path.display().to_string(), problem };
    if !path.is_file() {
        return Err(problem("no such file".into()));
    }
    let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| problem(e.to_string()))?;
    register(&conn)?;
    let applied = applied_version(&conn).map_err(|e| problem(e.to_string()))?;
    if applied > latest_known_version() {
        return Err(problem(format!("made by a newer roster (schema version {applied})")));
    }
    Ok(conn)
}

/// Replaces the live database's content with the backup's, through SQLite
/// (so the WAL stays consistent), then brings its schema up to date.
pub fn restore_from(conn: &mut Connection, backup: &Connection) -> Result<()> {
    let page_size = |c: &Connection| c.query_row("PRAGMA page_size", [], |r| r.get::<_, i64>(0));
    if page_size(backup)? == page_size(conn)? {
        copy_all(backup, conn)?;
        return migrate(conn);
    }
    // A backup made before new databases had 16 KiB pages (or a database
    // made before, given a newer backup): SQLite copies a page size only into
    // a database out of WAL, which needs it alone. The live database then
    // has the backup's page size.
    let path = conn.path().unwrap_or_default().to_owned();
    if !leave_wal_if_alone(conn)? {
        return Err(Error::Database {
            path,
            problem: "not restored: the backup's page size differs from this database's; restore it while no other roster has the database open".into(),
        });
    }
    let copied = copy_all(backup, conn);
    // Best effort: the restore stands either way, and `open` returns to WAL.
    let _ = wal_again(conn, Path::new(&path));
    copied?;
    migrate(conn)
}

/// Times are stored as RFC 3339 UTC text with whole seconds, so they sort as text.
pub fn timestamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub(crate) fn parse_timestamp(s: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| Error::Internal(format!("stored time {s}: {e}")))
}

#[cfg(test)]
pub(crate) fn open_in_memory() -> Connection {
    let mut conn = Connection::open_in_memory().expect("in-memory database");
    register(&conn).expect("functions");
    migrate(&mut conn).expect("migrations");
    conn
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A new user's profile with every field `users::insert` needs.
    pub(super) fn new_profile(email: &str, name: &str, surname: &str) -> crate::model::user::Profile {
        let mut p = crate::model::user::Profile::default();
        for (f, v) in [
            ("email", email),
            ("name", name),
            ("surname", surname),
            ("language", "en"),
            ("timezone", "UTC"),
            ("kind", "employee"),
            ("auto_filter_brands", "false"),
        ] {
            p.set(crate::model::user::Field::parse(f).unwrap(), Some(v.to_owned()));
        }
        p
    }

    #[test]
    fn a_new_database_is_private_and_migrated() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.db");
        let conn = open(&path, Missing::Create).unwrap();
        assert_eq!(applied_version(&conn).unwrap(), latest_known_version());
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[test]
    fn rebuilding_a_table_keeps_what_refers_to_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.db");
        {
            // A database as roster left it before V6, foreign keys on.
            let mut conn = Connection::open(&path).unwrap();
            conn.execute_batch("PRAGMA foreign_keys = ON").unwrap();
            embedded::migrations::runner().set_target(refinery::Target::Version(5)).run(&mut conn).unwrap();
            conn.execute_batch(
                "INSERT INTO users (id, email, name, surname, status, created_at, updated_at)
                     VALUES (7, 'ana@x.test', 'Ana', 'Lima', 'invited', 't', 't');
                 INSERT INTO user_roles (user_id, role_id) VALUES (7, 3);
                 INSERT INTO invites (user_id, email, roles, status, created_by, created_at, last_sent_at, expires_at)
                     VALUES (7, 'ana@x.test', 'member', 'sent', 'root', 't', 't', 't');",
            )
            .unwrap();
        }
        let conn = open(&path, Missing::Create).unwrap();
        let kept: (i64, i64, i64) = conn
            .query_row(
                "SELECT (SELECT count(*) FROM user_roles WHERE user_id = 7),
                        (SELECT user_id FROM invites), (SELECT users FROM status_counts WHERE status = 'invited')",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!(kept, (1, 7, 1));
        let on: bool = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
        assert!(on);
        let bad = conn.execute("UPDATE users SET status = 'gone' WHERE id = 7", []);
        assert!(bad.is_err());
    }

    /// V8 keeps every id, starts ids past any the audit trail has seen, and
    /// keeps two accounts that only now share a mailbox apart, the first
    /// with the plain key.
    #[test]
    fn v8_keys_mailboxes_and_never_reuses_an_id() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.db");
        {
            let mut conn = Connection::open(&path).unwrap();
            register(&conn).unwrap();
            embedded::migrations::runner().set_target(refinery::Target::Version(7)).run(&mut conn).unwrap();
            conn.execute_batch(
                "INSERT INTO users (id, email, name, surname, status, created_at, updated_at) VALUES
                     (1, 'ÄNA@acme.test', 'A', 'A', 'active', 't', 't'),
                     (2, 'äna@acme.test', 'A', 'A', 'active', 't', 't'),
                     (3, 'lost@acme.test', 'L', 'L', 'invited', 't', 't');
                 INSERT INTO user_roles (user_id, role_id) VALUES (3, 3);
                 INSERT INTO audit (at, actor, action, target_id, target, details, hash)
                     VALUES ('t', 'x', 'user.delete', 9, 'gone@acme.test', '{}', 'h');",
            )
            .unwrap();
        }
        let conn = open(&path, Missing::Create).unwrap();
        let keys: Vec<String> = conn
            .prepare("SELECT email_key FROM users ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(keys, ["äna@acme.test", "äna@acme.test#2", "lost@acme.test"]);
        // An invited user left without an invite (imports before V8) gets one.
        let open: (i64, String) = conn
            .query_row("SELECT user_id, roles FROM invites WHERE status = 'sent'", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap();
        assert_eq!(open, (3, "member".to_owned()));
        assert_eq!(users::sharing_a_mailbox(&db::Db::of(&conn)).unwrap(), ["äna@acme.test"]);
        assert_eq!(users::id_by_email(&db::Db::of(&conn), "Äna@ACME.test").unwrap(), Some(1));
        let profile = new_profile("new@acme.test", "N", "N");
        let id =
            users::insert(&db::Db::of(&conn), &profile, crate::model::user::Status::Active, None, Utc::now()).unwrap();
        assert_eq!(id, 10);
    }

    /// V22 rebuilds `users` around a named unique index on the mailbox key:
    /// every row, id and membership kept, ids still never given twice, and
    /// the counts and search entries still kept by their triggers.
    #[test]
    fn v22_keeps_every_user_and_makes_the_mailbox_key_an_index() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.db");
        {
            let mut conn = Connection::open(&path).unwrap();
            register(&conn).unwrap();
            embedded::migrations::runner().set_target(refinery::Target::Version(21)).run(&mut conn).unwrap();
            conn.execute_batch(
                "INSERT INTO users (id, email, name, surname, status, created_at, updated_at, email_key, last_seen_at,
                                    kind, restrict_to_brand)
                     VALUES (4, 'Ana@acme.test', 'Ana', 'Lima', 'active', 't', 't', 'ana@acme.test', 't', 'external', 'B'),
                            (9, 'gone@acme.test', 'G', 'G', 'active', 't', 't', 'gone@acme.test', 't', 'employee', NULL);
                 INSERT INTO user_roles (user_id, role_id) VALUES (4, 3);
                 DELETE FROM users WHERE id = 9;",
            )
            .unwrap();
        }
        let conn = open(&path, Missing::Create).unwrap();
        let kept: (String, String, Option<String>, i64) = conn
            .query_row(
                "SELECT email, kind, restrict_to_brand, (SELECT count(*) FROM user_roles WHERE user_id = 4)
                 FROM users WHERE id = 4",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .unwrap();
        assert_eq!(kept, ("Ana@acme.test".to_owned(), "external".to_owned(), Some("B".to_owned()), 1));
        let index: String =
            conn.query_row("SELECT sql FROM sqlite_schema WHERE name = 'users_email_key'", [], |r| r.get(0)).unwrap();
        assert_eq!(index, "CREATE UNIQUE INDEX users_email_key ON users (email_key)");
        let twice = conn.execute(
            "INSERT INTO users (email, name, surname, created_at, updated_at, email_key, last_seen_at)
             VALUES ('ANA@acme.test', 'A', 'L', 't', 't', 'ana@acme.test', 't')",
            [],
        );
        let refused = twice.expect_err("one account a mailbox").to_string();
        assert!(refused.contains("UNIQUE constraint failed: users.email_key"), "{refused}");
        assert!(has_unique_index(&conn, "users", "email_key").unwrap());
        let profile = new_profile("new@acme.test", "Nuno", "Neves");
        let db = db::Db::of(&conn);
        let id = users::insert(&db, &profile, crate::model::user::Status::Active, None, Utc::now()).unwrap();
        assert_eq!(id, 10, "the deleted user's id is not given again");
        let (active, found): (i64, i64) = conn
            .query_row(
                "SELECT (SELECT users FROM status_counts WHERE status = 'active'),
                        (SELECT count(*) FROM user_search WHERE user_search MATCH 'neves')",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((active, found), (2, 1), "the triggers came back with the table");
    }

    /// A landed migration is never edited, only added to: an edited file
    /// would leave databases migrated by it different from new ones.
    #[test]
    fn landed_migrations_are_unchanged() {
        let landed: Vec<(i32, String, u64)> = embedded::migrations::runner()
            .get_migrations()
            .iter()
            .map(|m| (m.version(), m.name().to_owned(), m.checksum()))
            .collect();
        let pinned: &[(i32, &str, u64)] = &PINNED;
        for (version, name, checksum) in &landed {
            match pinned.iter().find(|(v, _, _)| v == version) {
                Some((_, pinned_name, pinned_sum)) => {
                    assert_eq!((name.as_str(), *checksum), (*pinned_name, *pinned_sum), "V{version} was edited")
                }
                None => panic!("V{version}__{name} is new: pin its checksum {checksum} in PINNED"),
            }
        }
        assert_eq!(landed.len(), pinned.len(), "a landed migration was removed");
    }

    const PINNED: [(i32, &str, u64); 23] = [
        (1, "init", 4184538767420687604),
        (2, "lifecycle", 9409014996990939482),
        (3, "brands_and_imported_hashes", 59384895355144435),
        (4, "credentials", 9124662819509755085),
        (5, "invites_and_mail", 14871089416987071361),
        (6, "checks_without_in_lists", 15188210406108273538),
        (7, "partial_indexes", 156526815626407326),
        (8, "identity_and_invites_that_follow", 1184115664829052319),
        (9, "sealed_audit", 12194400361012243942),
        (10, "search", 9955534083042845307),
        (11, "mail_delivery", 15900859100191127093),
        (12, "account_kinds", 16445143946117760768),
        (13, "brand_settings", 1903640023403471069),
        (14, "group_owned_work", 17318824273672605087),
        (15, "app_sessions", 4104304241985917060),
        (16, "scoped_grants", 11589209133304799866),
        (17, "search_without_sizes", 3423803547439231040),
        (18, "lists_in_key_order", 7599844568164271166),
        (19, "creation_order_by_id", 9783691329574252487),
        (20, "expiring_accounts", 12921250377385075133),
        (21, "creation_times_in_id_order", 6783336632540542574),
        (22, "mailbox_key_as_an_index", 11674263167429952417),
        (23, "smtp_url_encrypted", 7360994962254216244),
    ];

    /// The store sits below the operations: it may use the model and the
    /// error type, nothing else of roster's (see the crate doc's layers).
    #[test]
    fn the_store_imports_only_the_model_and_the_error() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/store");
        for file in std::fs::read_dir(dir).unwrap() {
            let path = file.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            // Spelled in two halves, so that this test does not find itself.
            let needle = ["crate", "::"].concat();
            for (at, _) in text.match_indices(&needle) {
                let rest = &text[at + needle.len()..];
                let ok =
                    ["model", "error", "Error", "Result", "store::db"].iter().any(|allowed| rest.starts_with(allowed));
                assert!(ok, "{} uses {}", path.display(), rest.lines().next().unwrap_or_default());
            }
        }
    }

    #[test]
    fn a_missing_folder_is_a_clear_error() {
        let err = open(Path::new("/nonexistent-folder/r.db"), Missing::Create).unwrap_err();
        assert!(err.to_string().contains("folder /nonexistent-folder does not exist"), "{err}");
    }

    #[test]
    fn a_search_uses_its_index() {
        let conn = open_in_memory();
        let filter = crate::model::user::UserFilter { search: Some("ana sil".into()), ..Default::default() };
        let (where_sql, values) = users::filter_sql(&db::Db::of(&conn), &filter).unwrap();
        let plan: Vec<String> = conn
            .prepare(&format!("EXPLAIN QUERY PLAN SELECT u.id FROM users u {where_sql}"))
            .unwrap()
            .query_map(rusqlite::params_from_iter(values), |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(plan.iter().any(|step| step.starts_with("SEARCH u USING INTEGER PRIMARY KEY")), "{plan:?}");
        assert!(plan.iter().any(|step| step.contains("user_search VIRTUAL TABLE INDEX")), "{plan:?}");
    }
}

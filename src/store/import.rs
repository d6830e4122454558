//! SQL for the CSV format: reading a user whole (profile and every list) by
//! email for import, writing lists, and streaming users for export.

use rusqlite::params_from_iter;

use std::collections::HashMap;

use super::db::{self, Db, Row};
use super::search::NewEntries;
use super::timestamp;
use crate::error::{Error, Result};
use crate::model::user::{Field, Profile, Status, UserFilter};
use chrono::{DateTime, Utc};

/// A user as the CSV format sees it.
#[derive(Debug, Clone)]
pub struct CsvUser {
    pub id: i64,
    pub profile: Profile,
    pub status: Status,
    pub roles: Vec<String>,
    pub groups: Vec<String>,
    pub brands: Vec<String>,
    pub abilities: Vec<String>,
    pub has_password: bool,
}

/// Which `;`-lists a query builds: each is a correlated subquery per row, so
/// an import or export asks only for the lists its file has.
#[derive(Debug, Clone, Copy)]
pub struct Lists {
    pub roles: bool,
    pub groups: bool,
    pub brands: bool,
    pub abilities: bool,
}

fn columns(lists: Lists) -> String {
    // No ORDER BY inside group_concat: a temp b-tree per row; lists are sorted in Rust.
    let pick = |wanted: bool, sql: &str| if wanted { sql.to_owned() } else { "NULL".to_owned() };
    let profile: Vec<String> = Field::ALL.iter().map(|f| format!("u.{}", f.name())).collect();
    format!(
        "u.id, {}, u.status, {}, {}, {}, {}, u.password_hash IS NOT NULL",
        profile.join(", "),
        // The roles' ids, named in Rust (`RoleNames`): the join to `roles`
        // was a quarter of a batch's read on the server.
        pick(
            lists.roles,
            "(SELECT group_concat(CAST(ur.role_id AS TEXT), ';') FROM user_roles ur WHERE ur.user_id = u.id)"
        ),
        pick(
            lists.groups,
            "(SELECT group_concat(g.name, ';') FROM user_groups ug JOIN groups g ON g.id = ug.group_id WHERE ug.user_id = u.id)"
        ),
        pick(lists.brands, "(SELECT group_concat(brand, ';') FROM user_brands WHERE user_id = u.id)"),
        pick(lists.abilities, "(SELECT group_concat(ability, ';') FROM user_abilities WHERE user_id = u.id)"),
    )
}

/// Every role's name by its id: a user's roles are read as ids.
#[derive(Default)]
pub struct RoleNames(HashMap<i64, String>);

impl RoleNames {
    pub fn read(db: &Db) -> Result<RoleNames> {
        Ok(RoleNames(
            db.query_vec("SELECT id, name FROM roles", db::params![], |r| Ok((r.get(0)?, r.get(1)?)))?
                .into_iter()
                .collect(),
        ))
    }

    fn name(&self, id: &str) -> Result<String> {
        id.parse().ok().and_then(|id| self.0.get(&id)).cloned().ok_or_else(|| Error::Internal(format!("no role {id}")))
    }
}

fn from_row(row: &Row, roles: &RoleNames) -> Result<CsvUser> {
    let mut profile = Profile::default();
    for (i, field) in Field::ALL.into_iter().enumerate() {
        profile.set(field, row.get(1 + i)?);
    }
    let at = 1 + Field::ALL.len();
    let status: String = row.get(at)?;
    // Sorted, as the file's lists are, so that equal lists compare equal.
    let list = |s: Option<String>| -> Vec<String> {
        let mut items: Vec<String> = s.map(|s| s.split(';').map(str::to_owned).collect()).unwrap_or_default();
        items.sort_unstable();
        items
    };
    let mut role_names = match row.text(at + 1)? {
        Some(ids) => ids.split(';').map(|id| roles.name(id)).collect::<Result<Vec<_>>>()?,
        None => Vec::new(),
    };
    role_names.sort_unstable();
    Ok(CsvUser {
        id: row.get(0)?,
        profile,
        status: status.parse()?,
        roles: role_names,
        groups: list(row.get(at + 2)?),
        brands: list(row.get(at + 3)?),
        abilities: list(row.get(at + 4)?),
        has_password: row.get(at + 5)?,
    })
}

/// Finds users by email (without case), the statement prepared once: an
/// import asks a million times.
pub struct Finder<'d, 'c> {
    by: By<'d, 'c>,
    roles: RoleNames,
}

enum By<'d, 'c> {
    Sqlite(rusqlite::Statement<'d>),
    /// On the server, a round trip a row would be most of the time: a
    /// batch's users are read in one query first (`ahead`), by mailbox key
    /// (`None`: not a user); a key not asked ahead is looked up alone.
    Server {
        db: &'d Db<'c>,
        one: String,
        many: String,
        ahead: HashMap<String, Option<db::KeptRow>>,
    },
}

/// What a lookup found.
pub enum Found {
    Missing,
    /// A user the caller's test found the same as wanted; not read out.
    Same,
    User(Box<CsvUser>),
}

/// Users (by the server's last estimate) from which an import's statements
/// keep the server's cached plans.
const LARGE: u32 = 100_000;

impl<'d, 'c> Finder<'d, 'c> {
    pub fn new(db: &'d Db<'c>, lists: Lists) -> Result<Self> {
        let sql = format!("SELECT {} FROM users u WHERE u.email_key = ?1", columns(lists));
        let by = match db.sqlite() {
            Some(conn) => By::Sqlite(conn.prepare(&sql)?),
            None => {
                // A plan made while `users` was empty or small scans the
                // table this very import fills (each custom plan sees the
                // table as it is now), so every statement is planned again
                // each time there; from `LARGE` users on, every plan of the
                // import is an index's already, and planning each batch's
                // read again was 8% of a 1M-row re-import.
                let plans = format!(
                    "SELECT CASE WHEN COALESCE((SELECT reltuples FROM pg_class WHERE oid = CAST('users' AS regclass)), 0) < {LARGE}
                                 THEN set_config('plan_cache_mode', 'force_custom_plan', true) END"
                );
                db.query_row(&plans, [0; 0], |_| Ok(()))?;
                By::Server {
                    db,
                    one: sql,
                    many: format!(
                        "SELECT {}, u.email_key FROM users u
                     WHERE u.email_key = ANY(ARRAY(SELECT json_array_elements_text(CAST(?1 AS json))))",
                        columns(lists)
                    ),
                    ahead: HashMap::new(),
                }
            }
        };
        Ok(Finder { by, roles: if lists.roles { RoleNames::read(db)? } else { RoleNames::default() } })
    }

    /// Reads the users of these mailbox keys ahead, where that saves round
    /// trips (on the server).
    pub fn ahead<'k>(&mut self, keys: impl Iterator<Item = &'k str>) -> Result<()> {
        let By::Server { db, many, ahead, .. } = &mut self.by else {
            return Ok(());
        };
        ahead.clear();
        ahead.extend(keys.map(|k| (k.to_owned(), None)));
        if ahead.is_empty() {
            return Ok(());
        }
        let keys = serde_json::to_string(&ahead.keys().collect::<Vec<_>>())
            .map_err(|e| crate::Error::Internal(format!("mailbox keys as JSON: {e}")))?;
        // The key follows the columns `from_row` reads.
        let key_at = 7 + Field::ALL.len();
        for kept in db.query_kept(many, [keys])? {
            let key = kept.row().text(key_at)?.unwrap_or_default().to_owned();
            ahead.insert(key, Some(kept));
        }
        Ok(())
    }

    /// The user whose mailbox key (`types::mailbox_key`) is `key`, unless `same` says the stored row is what the
    /// caller wants: most rows of a nightly file are, and comparing in place
    /// copies nothing out of SQLite.
    pub fn find(&mut self, key: &str, same: impl FnOnce(&Stored) -> bool) -> Result<Found> {
        let roles = &self.roles;
        let read =
            |row: &Row| Ok(if same(&Stored(row)) { Found::Same } else { Found::User(Box::new(from_row(row, roles)?)) });
        let found = match &mut self.by {
            By::Sqlite(statement) => {
                let mut rows = statement.query([key])?;
                rows.next()?.map(|row| read(&Row::of_sqlite(row))).transpose()?
            }
            By::Server { db, one, ahead, .. } => match ahead.remove(key) {
                Some(Some(kept)) => Some(read(&kept.row())?),
                Some(None) => None,
                None => db.query_opt(one, [key], read)?,
            },
        };
        Ok(found.unwrap_or(Found::Missing))
    }
}

/// A user's row as stored, read in place.
pub struct Stored<'r>(&'r Row<'r>);

impl Stored<'_> {
    /// The field's value; a value that cannot be read as text reads as unset,
    /// which compares as changed and so takes the careful path.
    pub fn field(&self, field: Field) -> Option<&str> {
        self.text(1 + field.index())
    }

    pub fn status(&self) -> Option<&str> {
        self.text(1 + Field::ALL.len())
    }

    /// Each list's items, unordered: the roles by their ids.
    pub fn role_ids(&self) -> impl Iterator<Item = &str> {
        self.list(0)
    }

    pub fn groups(&self) -> impl Iterator<Item = &str> {
        self.list(1)
    }

    pub fn brands(&self) -> impl Iterator<Item = &str> {
        self.list(2)
    }

    pub fn abilities(&self) -> impl Iterator<Item = &str> {
        self.list(3)
    }

    fn list(&self, which: usize) -> impl Iterator<Item = &str> {
        self.text(2 + Field::ALL.len() + which).into_iter().flat_map(|s| s.split(';'))
    }

    fn text(&self, at: usize) -> Option<&str> {
        self.0.text(at).ok().flatten()
    }
}

/// One list (roles, groups, …) of every user, in user id order.
const LIST_SCANS: [&str; 4] = [
    "SELECT ur.user_id, r.name FROM user_roles ur JOIN roles r ON r.id = ur.role_id ORDER BY ur.user_id",
    "SELECT ug.user_id, g.name FROM user_groups ug JOIN groups g ON g.id = ug.group_id ORDER BY ug.user_id",
    "SELECT user_id, brand FROM user_brands ORDER BY user_id",
    "SELECT user_id, ability FROM user_abilities ORDER BY user_id",
];

/// Streams every user matching `filter`, in id (creation) order, to `each`.
/// The lists are merged in from one ordered scan each, not a subquery per
/// user: a million users export in constant memory, three times faster.
pub fn for_each(
    db: &Db,
    filter: &UserFilter,
    lists: Lists,
    mut each: impl FnMut(CsvUser) -> Result<()>,
) -> Result<u64> {
    let (where_sql, values) = super::users::filter_sql(db, filter)?;
    let Some(conn) = db.sqlite() else {
        // The server streams one query, its lists gathered per user.
        let sql = format!("SELECT {} FROM users u {where_sql} ORDER BY u.id", columns(lists));
        let roles = RoleNames::read(db)?;
        let mut n = 0;
        db.query_each(&sql, db::bound(&values), |row| {
            n += 1;
            each(from_row(row, &roles)?)
        })?;
        return Ok(n);
    };
    let none = Lists { roles: false, groups: false, brands: false, abilities: false };
    let sql = format!("SELECT {} FROM users u {where_sql} ORDER BY u.id", columns(none));
    let mut stmt = conn.prepare(&sql)?;
    let wanted = [lists.roles, lists.groups, lists.brands, lists.abilities];
    let mut scans = Vec::new();
    for (sql, wanted) in LIST_SCANS.iter().zip(wanted) {
        scans.push(if wanted { Some(conn.prepare(sql)?) } else { None });
    }
    let mut cursors = Vec::new();
    for scan in &mut scans {
        cursors.push(match scan {
            Some(stmt) => Some(stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?.peekable()),
            None => None,
        });
    }
    let mut rows = stmt.query(params_from_iter(values))?;
    let mut n = 0;
    while let Some(row) = rows.next()? {
        let mut user = from_row(&Row::of_sqlite(row), &RoleNames::default())?;
        let mut found: [Vec<String>; 4] = Default::default();
        for (cursor, into) in cursors.iter_mut().zip(found.iter_mut()) {
            let Some(cursor) = cursor else { continue };
            loop {
                match cursor.peek() {
                    Some(Ok((id, _))) if *id < user.id => {
                        cursor.next();
                    }
                    Some(Ok((id, _))) if *id == user.id => {
                        if let Some(Ok((_, name))) = cursor.next() {
                            into.push(name);
                        }
                    }
                    Some(Err(_)) => {
                        cursor.next().transpose()?;
                    }
                    _ => break,
                }
            }
            into.sort_unstable();
        }
        let [roles, groups, brands, abilities] = found;
        user.roles = roles;
        user.groups = groups;
        user.brands = brands;
        user.abilities = abilities;
        each(user)?;
        n += 1;
    }
    Ok(n)
}

pub fn set_group(db: &Db, user_id: i64, group_id: i64, member: bool) -> Result<()> {
    let sql = if member {
        "INSERT OR IGNORE INTO user_groups (user_id, group_id) VALUES (?1, ?2)"
    } else {
        "DELETE FROM user_groups WHERE user_id = ?1 AND group_id = ?2"
    };
    db.execute(sql, [user_id, group_id])?;
    Ok(())
}

pub fn set_brand(db: &Db, user_id: i64, brand: &str, held: bool) -> Result<()> {
    let sql = if held {
        "INSERT OR IGNORE INTO user_brands (user_id, brand) VALUES (?1, ?2)"
    } else {
        "DELETE FROM user_brands WHERE user_id = ?1 AND brand = ?2"
    };
    db.execute(sql, db::params![user_id, brand])?;
    Ok(())
}

pub fn set_password_hash(db: &Db, user_id: i64, hash: &str, now: DateTime<Utc>) -> Result<()> {
    db.execute(
        "UPDATE users SET password_hash = ?2, password_changed_at = ?3 WHERE id = ?1",
        db::params![user_id, hash, timestamp(now)],
    )?;
    Ok(())
}

/// What an import suspends while it loads, and does itself once instead.
/// Always the trigger that writes a new user's search entry: the import
/// writes them in runs (`search::NewEntries`); and the trigger that keeps an
/// audit entry from being replaced, which the import's own appends never do
/// and no one else can meanwhile (it holds the write lock), while its check
/// made SQLite journal every audit page a statement touched (10% of a
/// first import). Into an empty database also
/// the secondary indexes, rebuilt after the load (building an index is one
/// sort, far cheaper than a million scattered inserts into it; on SQLite the
/// unique mailbox key's too, as the reader refuses an address seen twice,
/// so a file loads as fast in any order), and the
/// triggers that keep the status counts (counted from its own tally) and
/// the rest of the search index. Inside the import's transaction, so a
/// failed import brings everything back with the rest.
pub struct Load {
    suspended: Vec<String>,
    search: NewEntries,
    empty: bool,
    /// Into an empty database: the users created, by status, which are
    /// then its counts.
    counts: Option<HashMap<Status, u64>>,
}

/// The tables an import writes a row a user into.
const LOADED: [&str; 6] = ["users", "audit", "user_roles", "user_groups", "user_brands", "user_search"];

impl Load {
    pub fn begin(db: &Db) -> Result<Load> {
        let empty = !db.exists("SELECT 1 FROM users LIMIT 1", db::params![])?;
        let Some(conn) = db.sqlite() else {
            let suspended = if empty { suspend_on_server(db)? } else { Vec::new() };
            return Ok(Load { suspended, search: NewEntries::default(), empty, counts: empty.then(HashMap::new) });
        };
        let mut stmt = conn.prepare(
            "SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL
             AND (name = 'users_searched_on_insert' OR name = 'audit_is_never_replaced'
             OR (?1 AND ((type = 'index' AND tbl_name IN ('users', 'audit', 'user_roles', 'user_groups')
                          AND (sql NOT LIKE 'CREATE UNIQUE%' OR name = 'users_email_key'))
                         OR (type = 'trigger' AND (name LIKE 'users_counted_%' OR name LIKE 'users_searched_%')))))",
        )?;
        let suspended: Vec<(String, String, String)> =
            stmt.query_map([empty], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
        for (kind, name, _) in &suspended {
            conn.execute_batch(&format!("DROP {} \"{name}\"", kind.to_uppercase()))?;
        }
        Ok(Load {
            suspended: suspended.into_iter().map(|(_, _, sql)| sql).collect(),
            search: NewEntries::default(),
            empty,
            counts: empty.then(HashMap::new),
        })
    }

    /// Whether `users` was empty: every row is new.
    pub fn empty_at_start(&self) -> bool {
        self.empty
    }

    /// What the suspended triggers would do for a user just inserted.
    pub fn created(&mut self, db: &Db, id: i64, status: Status, profile: &Profile) -> Result<()> {
        if let Some(counts) = &mut self.counts {
            *counts.entry(status).or_default() += 1;
        }
        self.search.add(db, id, profile)
    }

    /// Brings back what was suspended; returns whether the status counts
    /// were set from the tally (into an empty database).
    pub fn finish(mut self, db: &Db) -> Result<bool> {
        self.search.write(db)?;
        if self.counts.is_some() {
            // Every status, whatever the counts said before.
            db.execute("UPDATE status_counts SET users = 0", db::params![])?;
        }
        let mut count = db.prepare_cached("UPDATE status_counts SET users = ?2 WHERE status = ?1")?;
        for (status, users) in self.counts.iter().flatten() {
            count.execute(db::params![status.as_str(), users])?;
        }
        drop(count);
        let counted = self.counts.is_some();
        let Some(conn) = db.sqlite() else {
            for sql in &self.suspended {
                db.execute_batch(sql)?;
            }
            if self.empty {
                // The planner knew these tables empty: without statistics it
                // guesses, and guessed a scan of the whole trail for
                // `audit list --user` (0.48 s at 1M users, 20 ms with them).
                db.execute_batch(&format!("ANALYZE {}", LOADED.join(", ")))?;
            }
            super::search::learn_common(db)?;
            return Ok(counted);
        };
        // Each index is one sort, which SQLite keeps in memory up to the page
        // cache's size (and spills to memory too, temp_store being MEMORY): a
        // smaller cache for the sorts keeps a million-row import under 200 MB.
        let cache: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        conn.execute_batch("PRAGMA cache_size = -16384")?;
        for sql in &self.suspended {
            conn.execute_batch(sql)?;
        }
        conn.execute_batch(&format!("PRAGMA cache_size = {cache}"))?;
        Ok(counted)
    }
}

/// On the server, into an empty database: drops the secondary indexes and
/// the foreign keys of the tables an import fills, and returns what brings
/// them back. Each index is then built by one sort and each key checked by
/// one join, instead of a million scattered inserts and single-row checks.
/// Dropping takes the tables' exclusive lock to the commit: other sessions
/// wait for the first import rather than read a half-loaded directory.
fn suspend_on_server(db: &Db) -> Result<Vec<String>> {
    let tables: Vec<db::Owned> = LOADED.iter().map(|t| db::Owned::Text((*t).to_owned())).collect();
    let list = (1..=tables.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
    // Only a table's owner may drop its indexes: a role granted less loads
    // with them in place, slower but the same.
    let owned: bool = db.query_row(
        &format!(
            "SELECT COALESCE(bool_and(pg_has_role(relowner, 'USAGE')), false) FROM pg_class
             WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r' AND relname IN ({list})"
        ),
        db::bound(&tables),
        |r| r.get(0),
    )?;
    if !owned {
        return Ok(Vec::new());
    }
    let keys: Vec<(String, String, String, String)> = db.query_vec(
        &format!(
            "SELECT c.conrelid::regclass::text, quote_ident(c.conname), pg_get_constraintdef(c.oid),
                    c.confrelid::regclass::text
             FROM pg_constraint c
             WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace
             AND c.conrelid::regclass::text IN ({list}) ORDER BY 1, 2"
        ),
        db::bound(&tables),
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let indexes: Vec<(String, String)> = db.query_vec(
        &format!(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
             JOIN pg_class t ON t.oid = i.indrelid
             WHERE NOT i.indisunique AND t.relnamespace = current_schema()::regnamespace
             AND t.relname IN ({list}) ORDER BY 1"
        ),
        db::bound(&tables),
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    // Every table the drops lock, taken at once and only if no one holds
    // one: a reader that has read `users` and goes on to `user_brands` would
    // deadlock with drops that lock them the other way round. Someone there
    // means a directory in use: it loads with its indexes in place.
    let mut locked: Vec<&str> = LOADED.to_vec();
    for (_, _, _, referenced) in &keys {
        if !locked.contains(&referenced.as_str()) {
            locked.push(referenced);
        }
    }
    db.execute_batch("SAVEPOINT first_load")?;
    match db.execute_batch(&format!("LOCK TABLE {} IN ACCESS EXCLUSIVE MODE NOWAIT", locked.join(", "))) {
        Err(Error::Postgres(e)) if e.code() == Some(&postgres::error::SqlState::LOCK_NOT_AVAILABLE) => {
            db.execute_batch("ROLLBACK TO SAVEPOINT first_load")?;
            return Ok(Vec::new());
        }
        locking => locking?,
    }
    db.execute_batch("RELEASE SAVEPOINT first_load")?;
    let mut back = Vec::new();
    for (table, key, definition, _) in keys {
        db.execute_batch(&format!("ALTER TABLE {table} DROP CONSTRAINT {key}"))?;
        back.push(format!("ALTER TABLE {table} ADD CONSTRAINT {key} {definition}"));
    }
    for (index, definition) in indexes {
        db.execute_batch(&format!("DROP INDEX {index}"))?;
        back.insert(0, definition);
    }
    Ok(back)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::user::Status;

    /// A user found by key, its roles named; a key not read ahead is looked
    /// up alone, by the same columns.
    fn finds(db: &Db) -> Result<()> {
        let profile = super::super::tests::new_profile("ana@acme.test", "Ana", "Lima");
        let id = super::super::users::insert(db, &profile, Status::Active, None, Utc::now())?;
        super::super::users::set_new_role(db, id, 3, None)?;
        let lists = Lists { roles: true, groups: false, brands: false, abilities: false };
        let mut finder = Finder::new(db, lists)?;
        finder.ahead(["bo@acme.test"].into_iter())?;
        match finder.find("ana@acme.test", |stored| stored.role_ids().eq(["3"]))? {
            Found::Same => {}
            _ => panic!("the stored role's id is compared in place"),
        }
        match finder.find("ana@acme.test", |_| false)? {
            Found::User(user) => assert_eq!((user.id, user.roles), (id, vec!["member".to_owned()])),
            _ => panic!("ana is found"),
        }
        assert!(matches!(finder.find("bo@acme.test", |_| false)?, Found::Missing));
        Ok(())
    }

    #[test]
    fn a_user_is_found_by_key_with_roles_by_name() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let mut conn = super::super::open(&dir.path().join("r.db"), super::super::Missing::Create)?;
        finds(&Db::sqlite_transaction(conn.transaction()?))
    }

    #[test]
    #[ignore = "needs a PostgreSQL server: ROSTER_TEST_DB=postgres://… (.ci/run starts one)"]
    fn on_the_server_a_user_is_found_by_key_with_roles_by_name() -> Result<()> {
        let scratch = super::super::postgres::scratch_database("roster_finder_test")?;
        let mut client = super::super::postgres::connect(&scratch.url, super::super::Missing::Create)?;
        finds(&Db::postgres_transaction(client.transaction()?))
    }
}

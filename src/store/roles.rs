//! SQL for roles, the ability catalog, and who holds what.

use std::collections::BTreeSet;

use rusqlite::{Connection, params};

use super::optional;
use crate::error::Result;
use crate::model::user::Field;

/// The id of the built-in `admin` role (V1 migration).
pub const ADMIN_ROLE_ID: i64 = 1;

#[derive(Debug, Clone)]
pub struct RoleRow {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub builtin: bool,
    pub all_abilities: bool,
}

const ROLE_COLUMNS: &str = "id, name, description, builtin, all_abilities";

fn role_from_row(r: &rusqlite::Row) -> rusqlite::Result<RoleRow> {
    Ok(RoleRow { id: r.get(0)?, name: r.get(1)?, description: r.get(2)?, builtin: r.get(3)?, all_abilities: r.get(4)? })
}

pub fn find(conn: &Connection, name: &str) -> Result<Option<RoleRow>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {ROLE_COLUMNS} FROM roles WHERE name = ?1"))?;
    optional(stmt.query_row([name.trim()], role_from_row))
}

/// Every role with its member count.
pub fn list(conn: &Connection) -> Result<Vec<(RoleRow, u64)>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {ROLE_COLUMNS}, (SELECT count(*) FROM user_roles ur WHERE ur.role_id = roles.id)
         FROM roles ORDER BY name"
    ))?;
    let rows = stmt.query_map([], |r| Ok((role_from_row(r)?, r.get(5)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn abilities_of(conn: &Connection, role: &RoleRow) -> Result<Vec<String>> {
    if role.all_abilities {
        return Ok(abilities(conn)?.into_iter().map(|a| a.name).collect());
    }
    let mut stmt = conn.prepare_cached("SELECT ability FROM role_abilities WHERE role_id = ?1 ORDER BY ability")?;
    let rows = stmt.query_map([role.id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn required_fields(conn: &Connection, role_id: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT field FROM role_required_fields WHERE role_id = ?1 ORDER BY field")?;
    let rows = stmt.query_map([role_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The roles a user holds that require one of their fields, as (role, field).
pub fn requirements_of_user(conn: &Connection, user_id: i64) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.name, rf.field FROM user_roles ur JOIN roles r ON r.id = ur.role_id
         JOIN role_required_fields rf ON rf.role_id = r.id WHERE ur.user_id = ?1 ORDER BY r.name, rf.field",
    )?;
    let rows = stmt.query_map([user_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn member_count(conn: &Connection, role_id: i64) -> Result<u64> {
    let mut stmt = conn.prepare_cached("SELECT count(*) FROM user_roles WHERE role_id = ?1")?;
    Ok(stmt.query_row([role_id], |r| r.get(0))?)
}

/// Holders of the role whose `field` is empty.
pub fn members_missing(conn: &Connection, role_id: i64, field: Field) -> Result<Vec<String>> {
    let sql = format!(
        "SELECT u.email FROM user_roles ur JOIN users u ON u.id = ur.user_id
         WHERE ur.role_id = ?1 AND u.{} IS NULL ORDER BY u.email LIMIT 20",
        field.name()
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([role_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn create(conn: &Connection, name: &str, description: &str) -> Result<i64> {
    conn.execute("INSERT INTO roles (name, description) VALUES (?1, ?2)", params![name, description])?;
    Ok(conn.last_insert_rowid())
}

pub fn update(conn: &Connection, role: &RoleRow) -> Result<()> {
    conn.execute(
        "UPDATE roles SET name = ?2, description = ?3 WHERE id = ?1",
        params![role.id, role.name, role.description],
    )?;
    Ok(())
}

pub fn delete(conn: &Connection, role_id: i64) -> Result<()> {
    conn.execute("DELETE FROM roles WHERE id = ?1", [role_id])?;
    Ok(())
}

/// A user holding two roles, with each grant's scope as stored.
pub type BothHeld = (i64, Option<String>, Option<String>);

/// The holders of both roles where either grant is scoped, with both
/// scopes as stored: a move must join them, not keep one.
pub fn scoped_holders_of_both(conn: &Connection, from: i64, to: i64) -> Result<Vec<BothHeld>> {
    let mut stmt = conn.prepare(
        "SELECT f.user_id, f.scope, t.scope FROM user_roles f
         JOIN user_roles t ON t.user_id = f.user_id AND t.role_id = ?2
         WHERE f.role_id = ?1 AND (f.scope IS NOT NULL OR t.scope IS NOT NULL)",
    )?;
    let rows = stmt.query_map(params![from, to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Moves every holder of `from` to `to`, with their grant's scope (a user
/// holding `to` already keeps that grant); returns how many users held `from`.
pub fn reassign(conn: &Connection, from: i64, to: i64) -> Result<u64> {
    conn.execute(
        "INSERT OR IGNORE INTO user_roles (user_id, role_id, scope)
         SELECT user_id, ?2, scope FROM user_roles WHERE role_id = ?1",
        params![from, to],
    )?;
    let moved = conn.execute("DELETE FROM user_roles WHERE role_id = ?1", [from])?;
    Ok(moved as u64)
}

pub fn add_ability(conn: &Connection, role_id: i64, ability: &str) -> Result<bool> {
    let mut stmt = conn.prepare_cached("INSERT OR IGNORE INTO role_abilities (role_id, ability) VALUES (?1, ?2)")?;
    Ok(stmt.execute(params![role_id, ability])? > 0)
}

pub fn remove_ability(conn: &Connection, role_id: i64, ability: &str) -> Result<bool> {
    let mut stmt = conn.prepare_cached("DELETE FROM role_abilities WHERE role_id = ?1 AND ability = ?2")?;
    Ok(stmt.execute(params![role_id, ability])? > 0)
}

pub fn add_required(conn: &Connection, role_id: i64, field: &str) -> Result<bool> {
    let mut stmt =
        conn.prepare_cached("INSERT OR IGNORE INTO role_required_fields (role_id, field) VALUES (?1, ?2)")?;
    Ok(stmt.execute(params![role_id, field])? > 0)
}

pub fn remove_required(conn: &Connection, role_id: i64, field: &str) -> Result<bool> {
    let mut stmt = conn.prepare_cached("DELETE FROM role_required_fields WHERE role_id = ?1 AND field = ?2")?;
    Ok(stmt.execute(params![role_id, field])? > 0)
}

/// One way a user holds an ability.
#[derive(Debug, Clone)]
pub struct Source {
    pub ability: String,
    /// `None` for a direct grant.
    pub role: Option<String>,
    /// The role grant's scope as stored (`model::scope::Reach::from_stored`).
    pub scope: Option<String>,
}

/// Each effective ability of a user with where it comes from. One query
/// over indexes, ordered by ability.
pub fn sources(conn: &Connection, user_id: i64) -> Result<Vec<Source>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.name, r.name, ur.scope FROM user_roles ur JOIN roles r ON r.id = ur.role_id
             JOIN abilities a ON r.all_abilities = 1
           WHERE ur.user_id = ?1
         UNION ALL
         SELECT ra.ability, r.name, ur.scope FROM user_roles ur JOIN roles r ON r.id = ur.role_id
             JOIN role_abilities ra ON ra.role_id = r.id
           WHERE ur.user_id = ?1 AND r.all_abilities = 0
         UNION ALL
         SELECT ability, NULL, NULL FROM user_abilities WHERE user_id = ?1
         ORDER BY 1, 2 NULLS LAST",
    )?;
    let rows = stmt.query_map([user_id], |r| Ok(Source { ability: r.get(0)?, role: r.get(1)?, scope: r.get(2)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn effective_abilities(conn: &Connection, user_id: i64) -> Result<BTreeSet<String>> {
    Ok(sources(conn, user_id)?.into_iter().map(|s| s.ability).collect())
}

/// The active holders of `admin` for everyone (a scoped admin keeps nobody
/// out), as a FROM clause and condition on `u`. Read from the admins' side:
/// unary `+` keeps the planner off the status index, which meant visiting
/// every active user (0.27 s at 1,000,000). Binds `ADMIN_ROLE_ID` as ?1.
pub(crate) const ACTIVE_ADMINS: &str = "user_roles ur JOIN users u ON u.id = ur.user_id
     WHERE ur.role_id = ?1 AND ur.scope IS NULL AND +u.status = 'active'";

pub fn active_admin_count(conn: &Connection) -> Result<u64> {
    let mut stmt = conn.prepare_cached(&format!("SELECT count(*) FROM {ACTIVE_ADMINS}"))?;
    Ok(stmt.query_row([ADMIN_ROLE_ID], |r| r.get(0))?)
}

#[derive(Debug, Clone)]
pub struct AbilityRow {
    pub name: String,
    pub description: String,
    pub builtin: bool,
}

pub fn abilities(conn: &Connection) -> Result<Vec<AbilityRow>> {
    let mut stmt = conn.prepare("SELECT name, description, builtin FROM abilities ORDER BY name")?;
    let rows =
        stmt.query_map([], |r| Ok(AbilityRow { name: r.get(0)?, description: r.get(1)?, builtin: r.get(2)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn find_ability(conn: &Connection, name: &str) -> Result<Option<AbilityRow>> {
    let mut stmt = conn.prepare_cached("SELECT name, description, builtin FROM abilities WHERE name = ?1")?;
    optional(stmt.query_row([name], |r| Ok(AbilityRow { name: r.get(0)?, description: r.get(1)?, builtin: r.get(2)? })))
}

pub fn insert_ability(conn: &Connection, name: &str, description: &str) -> Result<()> {
    conn.execute("INSERT INTO abilities (name, description) VALUES (?1, ?2)", params![name, description])?;
    Ok(())
}

pub fn set_ability_description(conn: &Connection, name: &str, description: &str) -> Result<()> {
    conn.execute("UPDATE abilities SET description = ?2 WHERE name = ?1", params![name, description])?;
    Ok(())
}

pub fn delete_ability(conn: &Connection, name: &str) -> Result<()> {
    conn.execute("DELETE FROM abilities WHERE name = ?1", [name])?;
    Ok(())
}

/// How many roles and how many users hold the ability explicitly.
pub fn ability_holders(conn: &Connection, name: &str) -> Result<(u64, u64)> {
    Ok(conn.query_row(
        "SELECT (SELECT count(*) FROM role_abilities WHERE ability = ?1),
                (SELECT count(*) FROM user_abilities WHERE ability = ?1)",
        [name],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// Adds the holders of the role to the targets (`lifecycle::clear_targets`).
pub fn add_member_targets(conn: &Connection, role_id: i64) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO temp.targets (id) SELECT user_id FROM user_roles WHERE role_id = ?1",
        [role_id],
    )?;
    Ok(())
}

/// Adds everyone who holds `ability` to the targets: by a role that has it,
/// by a role with every ability, or directly.
pub fn add_holder_targets(conn: &Connection, ability: &str) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO temp.targets (id)
         SELECT ur.user_id FROM user_roles ur JOIN roles r ON r.id = ur.role_id
         WHERE r.all_abilities = 1
            OR EXISTS (SELECT 1 FROM role_abilities ra WHERE ra.role_id = r.id AND ra.ability = ?1)
         UNION SELECT user_id FROM user_abilities WHERE ability = ?1",
        [ability],
    )?;
    Ok(())
}

pub fn grant_user_ability(conn: &Connection, user_id: i64, ability: &str) -> Result<bool> {
    let mut stmt = conn.prepare_cached("INSERT OR IGNORE INTO user_abilities (user_id, ability) VALUES (?1, ?2)")?;
    Ok(stmt.execute(params![user_id, ability])? > 0)
}

pub fn revoke_user_ability(conn: &Connection, user_id: i64, ability: &str) -> Result<bool> {
    let mut stmt = conn.prepare_cached("DELETE FROM user_abilities WHERE user_id = ?1 AND ability = ?2")?;
    Ok(stmt.execute(params![user_id, ability])? > 0)
}

/// A user's direct (extra) abilities.
pub fn user_abilities(conn: &Connection, user_id: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT ability FROM user_abilities WHERE user_id = ?1 ORDER BY ability")?;
    let rows = stmt.query_map([user_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

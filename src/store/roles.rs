//! SQL for roles, the ability catalog, and who holds what.

use std::collections::BTreeSet;

use super::db::{Db, Row, params};

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

fn role_from_row(r: &Row) -> Result<RoleRow> {
    Ok(RoleRow { id: r.get(0)?, name: r.get(1)?, description: r.get(2)?, builtin: r.get(3)?, all_abilities: r.get(4)? })
}

pub fn find(db: &Db, name: &str) -> Result<Option<RoleRow>> {
    let mut stmt = db.prepare_cached(&format!("SELECT {ROLE_COLUMNS} FROM roles WHERE name = ?1"))?;
    stmt.query_opt([name.trim()], role_from_row)
}

/// Every role with its member count.
pub fn list(db: &Db) -> Result<Vec<(RoleRow, u64)>> {
    let mut stmt = db.prepare(&format!(
        "SELECT {ROLE_COLUMNS}, (SELECT count(*) FROM user_roles ur WHERE ur.role_id = roles.id)
         FROM roles ORDER BY name"
    ))?;
    let rows = stmt.query_map(params![], |r| Ok((role_from_row(r)?, r.get(5)?)))?;
    rows.collect::<Result<_>>()
}

pub fn abilities_of(db: &Db, role: &RoleRow) -> Result<Vec<String>> {
    if role.all_abilities {
        return Ok(abilities(db)?.into_iter().map(|a| a.name).collect());
    }
    let mut stmt = db.prepare_cached("SELECT ability FROM role_abilities WHERE role_id = ?1 ORDER BY ability")?;
    let rows = stmt.query_map([role.id], |r| r.get(0))?;
    rows.collect::<Result<_>>()
}

pub fn required_fields(db: &Db, role_id: i64) -> Result<Vec<String>> {
    let mut stmt = db.prepare_cached("SELECT field FROM role_required_fields WHERE role_id = ?1 ORDER BY field")?;
    let rows = stmt.query_map([role_id], |r| r.get(0))?;
    rows.collect::<Result<_>>()
}

/// The roles a user holds that require one of their fields, as (role, field).
pub fn requirements_of_user(db: &Db, user_id: i64) -> Result<Vec<(String, String)>> {
    let mut stmt = db.prepare_cached(
        "SELECT r.name, rf.field FROM user_roles ur JOIN roles r ON r.id = ur.role_id
         JOIN role_required_fields rf ON rf.role_id = r.id WHERE ur.user_id = ?1 ORDER BY r.name, rf.field",
    )?;
    let rows = stmt.query_map([user_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect::<Result<_>>()
}

pub fn member_count(db: &Db, role_id: i64) -> Result<u64> {
    let mut stmt = db.prepare_cached("SELECT count(*) FROM user_roles WHERE role_id = ?1")?;
    stmt.query_row([role_id], |r| r.get(0))
}

/// Holders of the role whose `field` is empty.
pub fn members_missing(db: &Db, role_id: i64, field: Field) -> Result<Vec<String>> {
    let sql = format!(
        "SELECT u.email FROM user_roles ur JOIN users u ON u.id = ur.user_id
         WHERE ur.role_id = ?1 AND u.{} IS NULL ORDER BY u.email LIMIT 20",
        field.name()
    );
    let mut stmt = db.prepare(&sql)?;
    let rows = stmt.query_map([role_id], |r| r.get(0))?;
    rows.collect::<Result<_>>()
}

pub fn create(db: &Db, name: &str, description: &str) -> Result<i64> {
    db.insert("INSERT INTO roles (name, description) VALUES (?1, ?2) RETURNING id", params![name, description])
}

pub fn update(db: &Db, role: &RoleRow) -> Result<()> {
    db.execute(
        "UPDATE roles SET name = ?2, description = ?3 WHERE id = ?1",
        params![role.id, role.name, role.description],
    )?;
    Ok(())
}

pub fn delete(db: &Db, role_id: i64) -> Result<()> {
    db.execute("DELETE FROM roles WHERE id = ?1", [role_id])?;
    Ok(())
}

/// A user holding two roles, with each grant's scope as stored.
pub type BothHeld = (i64, Option<String>, Option<String>);

/// The holders of both roles where either grant is scoped, with both
/// scopes as stored: a move must join them, not keep one.
pub fn scoped_holders_of_both(db: &Db, from: i64, to: i64) -> Result<Vec<BothHeld>> {
    let mut stmt = db.prepare(
        "SELECT f.user_id, f.scope, t.scope FROM user_roles f
         JOIN user_roles t ON t.user_id = f.user_id AND t.role_id = ?2
         WHERE f.role_id = ?1 AND (f.scope IS NOT NULL OR t.scope IS NOT NULL)",
    )?;
    let rows = stmt.query_map(params![from, to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    rows.collect::<Result<_>>()
}

/// Moves every holder of `from` to `to`, with their grant's scope (a user
/// holding `to` already keeps that grant); returns how many users held `from`.
pub fn reassign(db: &Db, from: i64, to: i64) -> Result<u64> {
    db.execute(
        "INSERT OR IGNORE INTO user_roles (user_id, role_id, scope)
         SELECT user_id, ?2, scope FROM user_roles WHERE role_id = ?1",
        params![from, to],
    )?;
    let moved = db.execute("DELETE FROM user_roles WHERE role_id = ?1", [from])?;
    Ok(moved as u64)
}

pub fn add_ability(db: &Db, role_id: i64, ability: &str) -> Result<bool> {
    let mut stmt = db.prepare_cached("INSERT OR IGNORE INTO role_abilities (role_id, ability) VALUES (?1, ?2)")?;
    Ok(stmt.execute(params![role_id, ability])? > 0)
}

pub fn remove_ability(db: &Db, role_id: i64, ability: &str) -> Result<bool> {
    let mut stmt = db.prepare_cached("DELETE FROM role_abilities WHERE role_id = ?1 AND ability = ?2")?;
    Ok(stmt.execute(params![role_id, ability])? > 0)
}

pub fn add_required(db: &Db, role_id: i64, field: &str) -> Result<bool> {
    let mut stmt = db.prepare_cached("INSERT OR IGNORE INTO role_required_fields (role_id, field) VALUES (?1, ?2)")?;
    Ok(stmt.execute(params![role_id, field])? > 0)
}

pub fn remove_required(db: &Db, role_id: i64, field: &str) -> Result<bool> {
    let mut stmt = db.prepare_cached("DELETE FROM role_required_fields WHERE role_id = ?1 AND field = ?2")?;
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
pub fn sources(db: &Db, user_id: i64) -> Result<Vec<Source>> {
    let mut stmt = db.prepare_cached(
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
    rows.collect::<Result<_>>()
}

pub fn effective_abilities(db: &Db, user_id: i64) -> Result<BTreeSet<String>> {
    Ok(sources(db, user_id)?.into_iter().map(|s| s.ability).collect())
}

/// The active holders of `admin` for everyone (a scoped admin keeps nobody
/// out), as a FROM clause and condition on `u`. Read from the admins' side:
/// unary `+` keeps the planner off the status index, which meant visiting
/// every active user (0.27 s at 1,000,000). Binds `ADMIN_ROLE_ID` as ?1.
pub(crate) const ACTIVE_ADMINS: &str = "user_roles ur JOIN users u ON u.id = ur.user_id
     WHERE ur.role_id = ?1 AND ur.scope IS NULL AND +u.status = 'active'";

pub fn active_admin_count(db: &Db) -> Result<u64> {
    let mut stmt = db.prepare_cached(&format!("SELECT count(*) FROM {ACTIVE_ADMINS}"))?;
    stmt.query_row([ADMIN_ROLE_ID], |r| r.get(0))
}

#[derive(Debug, Clone)]
pub struct AbilityRow {
    pub name: String,
    pub description: String,
    pub builtin: bool,
}

pub fn abilities(db: &Db) -> Result<Vec<AbilityRow>> {
    let mut stmt = db.prepare("SELECT name, description, builtin FROM abilities ORDER BY name")?;
    let rows =
        stmt.query_map(params![], |r| Ok(AbilityRow { name: r.get(0)?, description: r.get(1)?, builtin: r.get(2)? }))?;
    rows.collect::<Result<_>>()
}

pub fn find_ability(db: &Db, name: &str) -> Result<Option<AbilityRow>> {
    let mut stmt = db.prepare_cached("SELECT name, description, builtin FROM abilities WHERE name = ?1")?;
    stmt.query_opt([name], |r| Ok(AbilityRow { name: r.get(0)?, description: r.get(1)?, builtin: r.get(2)? }))
}

pub fn insert_ability(db: &Db, name: &str, description: &str) -> Result<()> {
    db.execute("INSERT INTO abilities (name, description) VALUES (?1, ?2)", params![name, description])?;
    Ok(())
}

pub fn set_ability_description(db: &Db, name: &str, description: &str) -> Result<()> {
    db.execute("UPDATE abilities SET description = ?2 WHERE name = ?1", params![name, description])?;
    Ok(())
}

pub fn delete_ability(db: &Db, name: &str) -> Result<()> {
    db.execute("DELETE FROM abilities WHERE name = ?1", [name])?;
    Ok(())
}

/// How many roles and how many users hold the ability explicitly.
pub fn ability_holders(db: &Db, name: &str) -> Result<(u64, u64)> {
    db.query_row(
        "SELECT (SELECT count(*) FROM role_abilities WHERE ability = ?1),
                (SELECT count(*) FROM user_abilities WHERE ability = ?1)",
        [name],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Adds the holders of the role to the targets (`lifecycle::clear_targets`).
pub fn add_member_targets(db: &Db, role_id: i64) -> Result<()> {
    db.execute("INSERT OR IGNORE INTO targets (id) SELECT user_id FROM user_roles WHERE role_id = ?1", [role_id])?;
    Ok(())
}

/// Adds everyone who holds `ability` to the targets: by a role that has it,
/// by a role with every ability, or directly.
pub fn add_holder_targets(db: &Db, ability: &str) -> Result<()> {
    db.execute(
        "INSERT OR IGNORE INTO targets (id)
         SELECT ur.user_id FROM user_roles ur JOIN roles r ON r.id = ur.role_id
         WHERE r.all_abilities = 1
            OR EXISTS (SELECT 1 FROM role_abilities ra WHERE ra.role_id = r.id AND ra.ability = ?1)
         UNION SELECT user_id FROM user_abilities WHERE ability = ?1",
        [ability],
    )?;
    Ok(())
}

pub fn grant_user_ability(db: &Db, user_id: i64, ability: &str) -> Result<bool> {
    let mut stmt = db.prepare_cached("INSERT OR IGNORE INTO user_abilities (user_id, ability) VALUES (?1, ?2)")?;
    Ok(stmt.execute(params![user_id, ability])? > 0)
}

pub fn revoke_user_ability(db: &Db, user_id: i64, ability: &str) -> Result<bool> {
    let mut stmt = db.prepare_cached("DELETE FROM user_abilities WHERE user_id = ?1 AND ability = ?2")?;
    Ok(stmt.execute(params![user_id, ability])? > 0)
}

/// A user's direct (extra) abilities.
pub fn user_abilities(db: &Db, user_id: i64) -> Result<Vec<String>> {
    let mut stmt = db.prepare_cached("SELECT ability FROM user_abilities WHERE user_id = ?1 ORDER BY ability")?;
    let rows = stmt.query_map([user_id], |r| r.get(0))?;
    rows.collect::<Result<_>>()
}

//! Backups and checks of the database file: an online copy that writers do
//! not wait for, a check of what SQLite and the audit chain can prove, and a
//! restore that checks the backup before it replaces anything.

use std::path::Path;

use serde::Serialize;
use serde_json::json;

use crate::audit::{self, Target};
use crate::error::{Error, Result};
use crate::session::Roster;
use crate::store;

/// One check of `db check` and what it found.
#[derive(Debug, Clone, Serialize)]
pub struct Check {
    pub check: &'static str,
    pub ok: bool,
    pub detail: String,
}

fn checks(db: &store::db::Db, witnesses: &audit::Witnesses) -> Result<Vec<Check>> {
    let problems = |check, found: Vec<String>, fine: String| Check {
        check,
        ok: found.is_empty(),
        detail: if found.is_empty() { fine } else { found.into_iter().take(5).collect::<Vec<_>>().join("; ") },
    };
    let found = audit::verify_trail(db, witnesses)?;
    let chain = Check {
        check: "audit_verify",
        ok: found.problem.is_none(),
        detail: found.problem.unwrap_or_else(|| format!("{} entries, chain intact", found.entries)),
    };
    // The file's own soundness on SQLite; on PostgreSQL the server's, and
    // that every constraint holds for every row.
    let (file, keys) = match db.sqlite() {
        Some(conn) => (
            problems("integrity_check", store::integrity_problems(conn)?, "ok".into()),
            problems("foreign_key_check", store::foreign_key_problems(conn)?, "ok".into()),
        ),
        None => (
            problems("server", Vec::new(), store::postgres::server_version(db)?),
            problems("constraints", store::postgres::unvalidated_constraints(db)?, "ok".into()),
        ),
    };
    Ok(vec![
        file,
        keys,
        problems(
            "status_counts",
            store::users::miscounted_statuses(db)?
                .into_iter()
                .map(|(status, kept, counted)| format!("{status}: kept {kept}, counted {counted}"))
                .collect(),
            "ok".into(),
        ),
        problems("mailbox_key_unique", store::users::shared_mailbox_keys(db)?, "ok".into()),
        chain,
    ])
}

/// `db check`: integrity, foreign keys, the audit chain, and accounts that
/// share a mailbox (two spellings of one address that were two accounts
/// before schema V8: the later keeps a key of its own until merged or renamed).
pub fn check(roster: &mut Roster) -> Result<Vec<Check>> {
    // A file's trail is held against what this machine knows, as `audit
    // verify` holds it: the current key's seals and the head it recorded.
    // On a server other hosts write too, sealing in epochs this host's key
    // has not reached: `audit verify` there says what this host can vouch for.
    let witnesses = match roster.on_server() {
        true => audit::Witnesses::default(),
        false => audit::on_this_machine(roster, audit::Witnesses::default())?,
    };
    roster.read(|tx| {
        tx.actor.require("audit.read")?;
        let mut found = checks(&tx.db, &witnesses)?;
        let shared = store::users::sharing_a_mailbox(&tx.db)?;
        found.push(Check {
            check: "one_account_a_mailbox",
            ok: shared.is_empty(),
            detail: if shared.is_empty() {
                "ok".into()
            } else {
                format!("{} share a mailbox with an earlier account; rename or delete them", shared.join(", "))
            },
        });
        Ok(found)
    })
}

/// `db backup PATH`: copies the live database, then opens the copy and
/// checks it.
pub fn backup(roster: &mut Roster, dest: &Path) -> Result<Vec<Check>> {
    roster.require("org.manage")?;
    store::backup_to(roster.connection("db backup", "use pg_dump")?, dest)?;
    let copy = store::open_backup(dest)?;
    let copy = store::db::Db::of(&copy);
    // A copy is checked on its own: this machine's head may already be past it.
    let found = checks(&copy, &audit::Witnesses::default())?;
    if let Some(failed) = found.iter().find(|c| !c.ok) {
        return Err(Error::Database {
            path: dest.display().to_string(),
            problem: format!("the copy fails {}: {}", failed.check, failed.detail),
        });
    }
    let head = store::audit::head(&copy)?;
    // The copy runs outside a transaction (writers go on); the ability is
    // checked again in the one that records it.
    roster.write(|tx| {
        tx.actor.require("org.manage")?;
        audit::record(
            tx,
            "db.backup",
            Target::Named("db".into()),
            json!({ "to": dest.display().to_string(), "audit_head": head.map(|(seq, _)| seq) }),
        )
    })?;
    Ok(found)
}

/// What a restore replaced: the live database as it was just before.
#[derive(Debug, Clone, Serialize)]
pub struct Replaced {
    pub users: u64,
    /// The last audit entry's sequence number and hash.
    pub audit_seq: Option<i64>,
    pub audit_hash: Option<String>,
}

/// A backup sealed and encrypted under a key file needs that key file here:
/// refused before anything is replaced, if it is missing or another one.
fn fits_this_key_file(roster: &Roster, source: &Path, backup: &store::db::Db) -> Result<()> {
    let keys = crate::keys::KeyFile::load(roster.key_path())?;
    let refused = |problem: &str| Error::Database { path: source.display().to_string(), problem: problem.to_owned() };
    // A backup from before V9 has neither seals nor encrypted secrets: the
    // columns are missing, and so is what they would hold.
    match keys {
        None if store::audit::any_sealed(backup).unwrap_or(false) => Err(refused(
            "not restored: its audit trail is sealed and this machine has no key file; put the key file back \
             (or set ROSTER_KEY_FILE)",
        )),
        Some(keys) => match store::credentials::an_encrypted_secret(backup).unwrap_or(None) {
            Some(sample) if crate::keys::decrypt(keys.secret(), &sample).is_err() => Err(refused(
                "not restored: its secrets were encrypted with another key file; restore it with that one \
                 (ROSTER_KEY_FILE)",
            )),
            // Checked here, before anything is replaced, as the restore's
            // own write would check it after.
            _ => match audit::another_database_s_key(backup, &keys).unwrap_or(None) {
                Some(why) => Err(refused(&format!(
                    "not restored: it was sealed with another key file ({why} says so); restore it with that one \
                     (ROSTER_KEY_FILE)"
                ))),
                None => Ok(()),
            },
        },
        None => Ok(()),
    }
}

const RESTORE: (&str, &str) = ("db restore", "use pg_restore");

/// Whether this database can be restored by roster (a SQLite file; on a
/// server `pg_restore` does it): asked before anything else, so that no
/// one confirms a restore that cannot happen.
pub fn restorable(roster: &mut Roster) -> Result<()> {
    roster.connection(RESTORE.0, RESTORE.1).map(|_| ())
}

/// `db restore PATH`: checks the backup, then replaces the live database's
/// content with it and records that in the (restored) audit trail.
pub fn restore(roster: &mut Roster, source: &Path) -> Result<(Vec<Check>, Replaced)> {
    restorable(roster)?;
    roster.require("org.manage")?;
    let replaced = roster.read(|tx| {
        let users = store::users::status_counts(&tx.db)?.iter().map(|(_, n)| n).sum();
        let head = store::audit::head(&tx.db)?;
        Ok(Replaced { users, audit_seq: head.as_ref().map(|(s, _)| *s), audit_hash: head.map(|(_, h)| h) })
    })?;
    let backup = store::open_backup(source)?;
    let found = checks(&store::db::Db::of(&backup), &audit::Witnesses::default())?;
    if let Some(failed) = found.iter().find(|c| !c.ok) {
        return Err(Error::Database {
            path: source.display().to_string(),
            problem: format!("not restored: the backup fails {}: {}", failed.check, failed.detail),
        });
    }
    fits_this_key_file(roster, source, &store::db::Db::of(&backup))?;
    store::restore_from(roster.connection(RESTORE.0, RESTORE.1)?, &backup)?;
    roster.write(|tx| {
        audit::record(
            tx,
            "db.restore",
            Target::Named("db".into()),
            json!({ "from": source.display().to_string(), "replaced": replaced }),
        )
    })?;
    Ok((found, replaced))
}

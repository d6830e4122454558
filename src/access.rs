//! Who is acting, what they may do, and the guard rails that hold for everyone.

use std::collections::BTreeSet;

use crate::error::{Denied, Result};
use crate::store;

/// The user (or operating-system account) a command runs as.
#[derive(Debug, Clone)]
pub struct Actor {
    /// As written in the audit trail: the email, or `os:<login>`.
    pub label: String,
    /// `None` for the operating-system account.
    pub user_id: Option<i64>,
    abilities: Abilities,
}

#[derive(Debug, Clone)]
enum Abilities {
    All,
    Only(BTreeSet<String>),
}

impl Actor {
    /// The account that can open the database file: it can do everything (README, "Who is acting").
    pub fn os(login: &str) -> Actor {
        Actor { label: format!("os:{login}"), user_id: None, abilities: Abilities::All }
    }

    pub fn user(id: i64, email: &str, abilities: BTreeSet<String>) -> Actor {
        Actor { label: email.to_owned(), user_id: Some(id), abilities: Abilities::Only(abilities) }
    }

    pub fn has(&self, ability: &str) -> bool {
        match &self.abilities {
            Abilities::All => true,
            Abilities::Only(set) => set.contains(ability),
        }
    }

    /// The step every operation takes first.
    pub fn require(&self, ability: &str) -> Result<()> {
        if self.has(ability) {
            Ok(())
        } else {
            Err(Denied::MissingAbility { actor: self.label.clone(), ability: ability.to_owned() }.into())
        }
    }

    pub fn is(&self, user_id: i64) -> bool {
        self.user_id == Some(user_id)
    }

    /// Refuses an action an actor may not take on themselves.
    pub fn refuse_self(&self, user_id: i64, action: &'static str) -> Result<()> {
        if self.is(user_id) { Err(Denied::SelfAction { action }.into()) } else { Ok(()) }
    }
}

/// Rank (README, "Who is acting"): an actor may change another user's credentials, email,
/// roles, extra abilities, 2FA or status, impersonate or delete them, only
/// if the user's effective abilities are a subset of the actor's. The one
/// check of it, for one user; `rank_over_targets` for many.
pub(crate) fn rank_over(db: &rusqlite::Connection, actor: &Actor, user_id: i64) -> Result<()> {
    if actor.is(user_id) || matches!(actor.abilities, Abilities::All) {
        return Ok(());
    }
    let held = store::roles::effective_abilities(db, user_id)?;
    let Some(missing) = held.into_iter().find(|a| !actor.has(a)) else { return Ok(()) };
    let (user, _) = store::users::email_and_status(db, user_id)?;
    Err(Denied::Outranked { actor: actor.label.clone(), user, ability: missing }.into())
}

/// Rank over every gathered target (`temp.targets`) at once.
pub(crate) fn rank_over_targets(db: &rusqlite::Connection, actor: &Actor) -> Result<()> {
    if matches!(actor.abilities, Abilities::All) {
        return Ok(());
    }
    let held = store::lifecycle::target_abilities(db)?;
    let Some(missing) = held.iter().find(|a| !actor.has(a)) else { return Ok(()) };
    let user = store::lifecycle::first_target_holding(db, missing)?.unwrap_or_else(|| "a user".to_owned());
    Err(Denied::Outranked { actor: actor.label.clone(), user, ability: missing.clone() }.into())
}

/// Abilities nobody may take away from themselves: they would lock themselves out.
const SELF_KEPT: [&str; 2] = ["users.manage", "roles.manage"];

/// The state the guard rails compare against: taken before a change, checked
/// after it inside the same transaction, so that every path (one grant, a role
/// edit, a CSV import) is held to the same rules.
pub struct Rails {
    active_admins: u64,
    actor_kept: Vec<&'static str>,
}

impl Rails {
    pub fn before(db: &rusqlite::Connection, actor: &Actor) -> Result<Rails> {
        let actor_kept = match actor.user_id {
            Some(id) => {
                let held = store::roles::effective_abilities(db, id)?;
                SELF_KEPT.into_iter().filter(|a| held.contains(*a)).collect()
            }
            None => Vec::new(),
        };
        Ok(Rails { active_admins: store::roles::active_admin_count(db)?, actor_kept })
    }

    /// `target` names the user the change was about, for the message.
    pub fn check(&self, db: &rusqlite::Connection, actor: &Actor, target: &str, action: &'static str) -> Result<()> {
        if let Some(id) = actor.user_id {
            let held = store::roles::effective_abilities(db, id)?;
            if self.actor_kept.iter().any(|a| !held.contains(*a)) {
                return Err(Denied::SelfAction { action: "remove users.manage or roles.manage from" }.into());
            }
        }
        if self.active_admins > 0 && store::roles::active_admin_count(db)? == 0 {
            return Err(Denied::LastAdmin { user: target.to_owned(), action }.into());
        }
        Ok(())
    }
}

//! Who is acting, what they may do, and the guard rails that hold for everyone.

use std::collections::BTreeMap;

use crate::error::{Denied, Result};
use crate::model::scope::{Placement, Reach};
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
    /// Each held ability and whom it reaches.
    Only(BTreeMap<String, Reach>),
}

impl Actor {
    /// The account that can open the database file: it can do everything (README, "Who is acting").
    pub fn os(login: &str) -> Actor {
        Actor { label: format!("os:{login}"), user_id: None, abilities: Abilities::All }
    }

    pub fn user(id: i64, email: &str, abilities: BTreeMap<String, Reach>) -> Actor {
        Actor { label: email.to_owned(), user_id: Some(id), abilities: Abilities::Only(abilities) }
    }

    /// Whom the actor reaches with `ability`, if they hold it at all.
    pub fn reach(&self, ability: &str) -> Option<Reach> {
        match &self.abilities {
            Abilities::All => Some(Reach::Everyone),
            Abilities::Only(held) => held.get(ability).cloned(),
        }
    }

    /// Whether the actor holds `ability` for everyone.
    pub fn has(&self, ability: &str) -> bool {
        self.reach(ability) == Some(Reach::Everyone)
    }

    /// The step every operation takes first: the ability, for everyone. A
    /// command that can work within a scope asks `require_somewhere` and then
    /// `require_on` for each user it touches.
    pub fn require(&self, ability: &str) -> Result<()> {
        match self.require_somewhere(ability)? {
            Reach::Everyone => Ok(()),
            within => Err(Denied::OnlyWithin {
                actor: self.label.clone(),
                ability: ability.to_owned(),
                reach: within.to_string(),
            }
            .into()),
        }
    }

    /// The ability, for whomever the actor holds it.
    pub fn require_somewhere(&self, ability: &str) -> Result<Reach> {
        self.reach(ability)
            .ok_or_else(|| Denied::MissingAbility { actor: self.label.clone(), ability: ability.to_owned() }.into())
    }

    /// The ability over `user`, placed at `placement`: held for everyone or
    /// for a part of the organization the user is in.
    pub fn require_on(&self, ability: &str, user: &str, placement: &Placement) -> Result<()> {
        let reach = self.require_somewhere(ability)?;
        if reach.holds(placement) {
            return Ok(());
        }
        Err(Denied::OutOfScope {
            actor: self.label.clone(),
            ability: ability.to_owned(),
            user: user.to_owned(),
            reach: reach.to_string(),
        }
        .into())
    }

    /// Whom the actor reaches with every one of `abilities` (none: refused).
    pub fn reach_of_all(&self, abilities: &[&str]) -> Result<Reach> {
        let mut reach = Reach::Everyone;
        for ability in abilities {
            let held = self.require_somewhere(ability)?;
            reach = reach.meet(&held).ok_or_else(|| Denied::OnlyWithin {
                actor: self.label.clone(),
                ability: (*ability).to_owned(),
                reach: held.to_string(),
            })?;
        }
        Ok(reach)
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
/// if they hold each of the user's effective abilities, for at least
/// everyone the user reaches with it. The one check of it, for one user;
/// `rank_over_targets` for many.
pub(crate) fn rank_over(db: &crate::store::db::Db, actor: &Actor, user_id: i64) -> Result<()> {
    if actor.is(user_id) || matches!(actor.abilities, Abilities::All) {
        return Ok(());
    }
    let held = reach_of(db, user_id)?;
    let Some((_, shown)) = beyond(actor, held.iter()) else { return Ok(()) };
    let (user, _) = store::users::email_and_status(db, user_id)?;
    Err(Denied::Outranked { actor: actor.label.clone(), user, ability: shown }.into())
}

/// Rank over every gathered target (`targets`) at once.
pub(crate) fn rank_over_targets(db: &crate::store::db::Db, actor: &Actor) -> Result<()> {
    if matches!(actor.abilities, Abilities::All) {
        return Ok(());
    }
    let grants = store::lifecycle::target_grants(db)?;
    let held = grants
        .iter()
        .map(|(ability, stored)| Ok((ability, Reach::from_stored(stored.as_deref())?)))
        .collect::<Result<Vec<_>>>()?;
    let Some((ability, shown)) = beyond(actor, held.iter().map(|(a, r)| (*a, r))) else { return Ok(()) };
    let user = store::lifecycle::first_target_holding(db, &ability)?.unwrap_or_else(|| "a user".to_owned());
    Err(Denied::Outranked { actor: actor.label.clone(), user, ability: shown }.into())
}

/// The first held ability the actor does not hold as widely: the ability,
/// and how the refusal names it.
fn beyond<'a>(actor: &Actor, held: impl Iterator<Item = (&'a String, &'a Reach)>) -> Option<(String, String)> {
    held.into_iter().find_map(|(ability, reach)| match actor.reach(ability) {
        None => Some((ability.clone(), ability.clone())),
        Some(mine) if !mine.covers(reach) => Some((ability.clone(), format!("{ability} for {reach}"))),
        Some(_) => None,
    })
}

/// Each ability a user holds and whom it reaches: a role grant reaches its
/// scopes, a direct grant everyone; two grants of one ability reach both.
pub fn reach_of(db: &crate::store::db::Db, user_id: i64) -> Result<BTreeMap<String, Reach>> {
    let mut held: BTreeMap<String, Reach> = BTreeMap::new();
    for source in store::roles::sources(db, user_id)? {
        let reach = Reach::from_stored(source.scope.as_deref())?;
        let joined = match held.get(&source.ability) {
            Some(before) => before.join(&reach),
            None => reach,
        };
        held.insert(source.ability, joined);
    }
    Ok(held)
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
    pub fn before(db: &crate::store::db::Db, actor: &Actor) -> Result<Rails> {
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
    pub fn check(&self, db: &crate::store::db::Db, actor: &Actor, target: &str, action: &'static str) -> Result<()> {
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

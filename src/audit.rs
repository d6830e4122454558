//! The audit trail: every change writes one entry in its own transaction;
//! details say what changed, old → new, and never carry a secret.

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::error::Result;
use crate::keys::{KeyFile, VerifyKey};
use crate::session::Roster;
use crate::session::Tx;
use crate::store;

pub use crate::model::audit::{AuditFilter, Entry, NewEntry};

/// What an entry is about: a user (by id and email as it is now) or a named
/// thing such as `role:sales-rep`.
pub enum Target<'a> {
    User(i64, &'a str),
    Named(String),
    None,
}

fn resolve(tx: &Tx, filter: &AuditFilter) -> Result<AuditFilter> {
    let mut filter = filter.clone();
    if let Some(user) = &filter.user {
        filter.user_id = crate::users::find_id(tx, user).ok();
    }
    Ok(filter)
}

/// Field-level changes, old → new, in the order they were made.
#[derive(Debug, Clone, Default)]
pub struct Changes(Map<String, Value>);

impl Changes {
    pub fn push(&mut self, field: &str, old: Option<&str>, new: Option<&str>) {
        self.0.insert(field.to_owned(), json!({ "old": old, "new": new }));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_value(self) -> Value {
        Value::Object(self.0)
    }
}

pub fn record(tx: &Tx, action: &str, target: Target, details: Value) -> Result<()> {
    let (target_id, target) = match target {
        Target::User(id, email) => (Some(id), Some(email.to_owned())),
        Target::Named(name) => (None, Some(name)),
        Target::None => (None, None),
    };
    let entry =
        NewEntry { at: tx.now, actor: tx.actor.label.clone(), action: action.to_owned(), target_id, target, details };
    match tx.in_bulk.get() {
        true => store::audit::append_line(&tx.db, &entry)?,
        false => store::audit::append(&tx.db, &entry)?,
    };
    Ok(())
}

/// Runs bulk work whose entries are written as lines (see `store::audit`):
/// sealed, but stored without their hash, which the next stored one covers.
/// The caller writes a summary entry after, in the same transaction.
pub fn lines<T>(tx: &Tx, work: impl FnOnce() -> Result<T>) -> Result<T> {
    let outer = tx.in_bulk.replace(true);
    let done = work();
    tx.in_bulk.set(outer);
    done
}

pub fn list(tx: &Tx, filter: &AuditFilter) -> Result<Vec<Entry>> {
    tx.actor.require("audit.read")?;
    store::audit::list(&tx.db, &resolve(tx, filter)?)
}

/// Streams the matching entries, oldest first, with their hashes; `each`
/// also gets the entry's row number and the number of rows (1-based), which
/// an export carries so that a deleted, moved or cut row shows.
pub fn export(tx: &Tx, filter: &AuditFilter, mut each: impl FnMut(Entry, u64, u64) -> Result<()>) -> Result<u64> {
    tx.actor.require("audit.read")?;
    let filter = resolve(tx, filter)?;
    let rows = store::audit::count(&tx.db, &filter)?;
    let mut row = 0;
    store::audit::for_each(&tx.db, &filter, |entry| {
        row += 1;
        each(entry, row, rows)
    })
}

/// What a verification holds the trail against, besides its own chain.
#[derive(Debug, Default)]
pub struct Witnesses {
    /// The head this machine recorded beside the key file.
    pub recorded_head: Option<(i64, String)>,
    /// The key file's key of its epoch: the seals made since it began.
    pub current_key: Option<(i64, [u8; 32])>,
    /// `--verify-key`: every seal.
    pub verify_key: Option<VerifyKey>,
    /// `--expect-head SEQ:HASH`: a head seen earlier, by an outside monitor.
    pub expected_head: Option<(i64, String)>,
}

/// The outcome of walking the chain.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Verification {
    pub entries: u64,
    /// Entries that carry a seal, and how many of those were checked with a key.
    pub sealed: u64,
    pub seals_checked: u64,
    /// The first entry found wrong, if one is to blame.
    pub broken_at: Option<i64>,
    /// What was found, in words.
    pub problem: Option<String>,
}

/// One walk over a trail or an export, oldest first.
struct Walk<'w> {
    witnesses: &'w Witnesses,
    last: Option<(i64, String)>,
    last_epoch: Option<i64>,
    key: Option<(i64, [u8; 32])>,
    /// The epoch of the latest entry time so far.
    reached: Option<i64>,
    /// The whole trail, not an export of part of it.
    whole_trail: bool,
    /// Lines since the last entry stored with its hash.
    open: u64,
    found: Verification,
}

type Found = std::result::Result<(), (Option<i64>, String)>;

impl<'w> Walk<'w> {
    fn new(witnesses: &'w Witnesses) -> Walk<'w> {
        Walk {
            witnesses,
            last: None,
            last_epoch: None,
            key: None,
            reached: None,
            whole_trail: false,
            open: 0,
            found: Verification::default(),
        }
    }

    /// The heads this trail is held against, with who saw them.
    fn heads(&self) -> impl Iterator<Item = (&'static str, &'w (i64, String))> {
        let w = self.witnesses;
        [("this machine recorded", w.recorded_head.as_ref()), ("you expected", w.expected_head.as_ref())]
            .into_iter()
            .filter_map(|(who, head)| head.map(|h| (who, h)))
    }

    /// The sealing key of `epoch` to check with, if there is one.
    fn key_for(&mut self, epoch: i64) -> Option<[u8; 32]> {
        match (self.key, &self.witnesses.verify_key) {
            (Some((known, key)), _) if known == epoch => return Some(key),
            // Epochs only grow along the trail: evolve on from the last.
            (Some((known, key)), Some(_)) if known < epoch => {
                self.key = crate::keys::evolve_to(key, epoch - known).map(|k| (epoch, k))
            }
            (_, Some(verify)) => self.key = verify.key_at(epoch).map(|k| (epoch, k)),
            (_, None) => self.key = self.witnesses.current_key.filter(|(e, _)| *e == epoch),
        }
        self.key.map(|(_, key)| key)
    }

    /// Checks one entry that is already linked to the one before it.
    fn entry(&mut self, seq: i64, at: &str, hash: &str, epoch: Option<i64>, seal: Option<&[u8]>) -> Found {
        let at_time = at;
        let at = |text: String| Err((Some(seq), text));
        match (epoch, seal) {
            (Some(epoch), Some(seal)) => {
                if self.last_epoch.is_some_and(|last| epoch < last) {
                    return at(format!(
                        "entry {seq} is sealed in an earlier epoch than the entry before it: entries were moved"
                    ));
                }
                self.last_epoch = Some(epoch);
                self.found.sealed += 1;
                let verifying = self.witnesses.verify_key.is_some();
                match self.key_for(epoch) {
                    Some(key) if store::audit::seal(&key, epoch, hash).as_slice() == seal => {
                        self.found.seals_checked += 1
                    }
                    Some(_) => {
                        return at(format!(
                            "entry {seq}'s seal does not match: it was rewritten, or sealed with another key"
                        ));
                    }
                    None if verifying => {
                        return at(format!("entry {seq} is sealed before the verification key's first epoch"));
                    }
                    None => {
                        if let Some(found) = self.unvouched(seq, epoch) {
                            return at(found);
                        }
                    }
                }
                // A thief holds only today's key: resealing yesterday's entries
                // puts them in today's epoch. A clock set back seals late too,
                // but only after an entry of that later time: allowed, as is
                // one epoch of skew.
                if verifying && self.sealed_late(at_time, epoch) {
                    return at(format!(
                        "entry {seq} (at {at_time}) was sealed in a later epoch: it was resealed after its key was gone"
                    ));
                }
            }
            (None, None) if self.last_epoch.is_some() => {
                return at(format!(
                    "entry {seq} has no seal although the entries before it do: it was written without the key"
                ));
            }
            (None, None) => {}
            _ => return at(format!("entry {seq}'s seal is damaged")),
        }
        for (who, (head_seq, head_hash)) in self.heads() {
            if *head_seq == seq && head_hash != hash {
                return at(format!(
                    "entry {seq} is not the one {who}: the chain was recomputed, or the entry replaced"
                ));
            }
        }
        self.last = Some((seq, hash.to_owned()));
        self.found.entries += 1;
        Ok(())
    }

    /// Without the verification key, a seal this machine cannot check: one in
    /// an epoch its key has not reached (sealed elsewhere), or one after the
    /// last head it recorded in an epoch whose key is gone.
    fn unvouched(&self, seq: i64, epoch: i64) -> Option<String> {
        let (current, _) = self.witnesses.current_key?;
        if epoch > current {
            return Some(format!(
                "entry {seq} is sealed in an epoch this machine's key has not reached: not sealed here"
            ));
        }
        let after_head = self.witnesses.recorded_head.as_ref().is_some_and(|(head, _)| seq > *head);
        (after_head && epoch < current).then(|| {
            format!(
                "entry {seq} comes after the last head this machine recorded, sealed in an epoch whose key is gone: \
                 it cannot be vouched for here (check it with --verify-key)"
            )
        })
    }

    /// Whether an entry made at `at` was sealed more than one epoch after the
    /// latest time the trail has reached.
    fn sealed_late(&mut self, at: &str, epoch: i64) -> bool {
        if let Ok(t) = chrono::DateTime::parse_from_rfc3339(at) {
            let reached = crate::keys::epoch_of(t.to_utc());
            self.reached = Some(self.reached.map_or(reached, |r| r.max(reached)));
        }
        self.reached.is_some_and(|reached| epoch > reached + 1)
    }

    /// Checks what only the end shows: a cut tail, an emptied trail, seals removed.
    fn end(&self) -> Found {
        let last_seq = self.last.as_ref().map_or(0, |(seq, _)| *seq);
        if self.whole_trail && self.open > 0 {
            return Err((
                Some(last_seq),
                format!("the trail ends at entry {last_seq}, which has no hash: entries were cut from the end"),
            ));
        }
        for (who, (head_seq, _)) in self.heads() {
            if *head_seq > last_seq {
                return Err((
                    None,
                    match self.last {
                        None => format!("the audit trail is empty, but {who} entry {head_seq}: it was emptied"),
                        Some(_) => format!(
                            "the trail ends at entry {last_seq}, but {who} entry {head_seq}: entries were cut from the end"
                        ),
                    },
                ));
            }
        }
        if self.whole_trail && self.witnesses.verify_key.is_some() && self.found.entries == 0 {
            return Err((None, "the audit trail is empty, and a sealed one never is: it was emptied".into()));
        }
        if self.witnesses.verify_key.is_some() && self.found.entries > 0 && self.found.sealed == 0 {
            return Err((None, "no entry is sealed: the seals were removed, or this trail was never sealed".into()));
        }
        Ok(())
    }

    fn finish(mut self, outcome: Found) -> Verification {
        if let Err((seq, problem)) = outcome.and_then(|()| self.end()) {
            self.found.broken_at = seq;
            self.found.problem = Some(problem);
        }
        self.found
    }
}

/// `witnesses` plus what this machine keeps beside the key file: the last
/// head it recorded, and the key of the current epoch.
pub fn on_this_machine(roster: &Roster, witnesses: Witnesses) -> Result<Witnesses> {
    let Some(keys) = KeyFile::load(roster.key_path())? else {
        return Ok(witnesses);
    };
    Ok(Witnesses {
        recorded_head: crate::keys::read_head(&keys.head_path())?,
        current_key: Some(keys.current()),
        ..witnesses
    })
}

/// What says the key file `keys` is another database's, if anything does:
/// the last entry's seal, where the key can be derived to its epoch (a
/// last entry sealed before the file's own epoch cannot be checked with
/// it), or a secret it cannot open. A writer refuses such a file before its
/// seals break the trail for good.
pub fn another_database_s_key(db: &crate::store::db::Db, keys: &KeyFile) -> Result<Option<String>> {
    if let Some((seq, hash, Some(epoch), Some(seal))) = store::audit::last_seal(db)?
        && !hash.is_empty()
    {
        let (own, key) = keys.current();
        if let Some(key) = crate::keys::evolve_to(key, epoch - own)
            && store::audit::seal(&key, epoch, &hash).as_slice() != seal.as_slice()
        {
            return Ok(Some(format!("entry {seq}'s seal")));
        }
    }
    // One damaged secret says nothing of the key: only none opening does.
    let secrets = store::credentials::quickly_found_secrets(db)?;
    if !secrets.is_empty() && secrets.iter().all(|s| crate::keys::decrypt(keys.secret(), s).is_err()) {
        return Ok(Some("none of the stored secrets tried opens with it".into()));
    }
    Ok(None)
}

/// The last entry's number and hash.
pub fn head(tx: &Tx) -> Result<Option<(i64, String)>> {
    tx.actor.require("audit.read")?;
    store::audit::head(&tx.db)
}

/// The verification key, if the key file still holds it: removed from the
/// file as it is returned, and the showing audited. Needs org.manage.
pub fn take_verify_key(roster: &mut Roster) -> Result<Option<VerifyKey>> {
    let path = roster.key_path().to_owned();
    // Inside the write: every writer moves the key file on under the same
    // lock, so none can move it between this read and this save.
    roster.write(|tx| {
        tx.actor.require("org.manage")?;
        let Some(mut keys) = KeyFile::load(&path)? else {
            return Ok(None);
        };
        if !keys.holds_verify_key() {
            return Ok(None);
        }
        record(tx, "audit.verify_key", Target::None, json!({ "shown": true }))?;
        keys.take_verify_key()
    })
}

/// Walks the whole chain from the genesis hash: every link, every number in
/// turn from 1, the seals it has a key for, and the heads it is held against.
pub fn verify(tx: &Tx, witnesses: &Witnesses) -> Result<Verification> {
    tx.actor.require("audit.read")?;
    verify_trail(&tx.db, witnesses)
}

/// `verify` without an actor, for a backup's copy.
pub(crate) fn verify_trail(db: &crate::store::db::Db, witnesses: &Witnesses) -> Result<Verification> {
    let mut walk = Walk { whole_trail: true, ..Walk::new(witnesses) };
    let mut outcome: Found = Ok(());
    let mut prev = store::audit::GENESIS.to_owned();
    store::audit::for_each_link(db, |link| {
        let seq = link.seq;
        let expected = walk.last.as_ref().map_or(1, |(s, _)| s + 1);
        let hash = link.content.link(&prev)?;
        outcome = if seq != expected {
            Err((
                Some(seq),
                format!("entry {expected} is missing (the next is {seq}): entries were removed or renumbered"),
            ))
        } else if link.hash.is_empty() && walk.open + 1 >= u64::from(store::audit::RUN) {
            Err((
                Some(seq),
                format!("entry {seq} is the {}th in a row without a hash: hashes were removed", walk.open + 1),
            ))
        } else if link.hash.is_empty() {
            // A line of bulk work: its seal covers the hash just computed.
            walk.open += 1;
            walk.entry(seq, link.content.at, &hash, link.epoch, link.seal)
        } else if hash != link.hash && walk.open > 0 {
            let first = seq - i64::try_from(walk.open).unwrap_or(seq);
            Err((
                Some(seq),
                format!(
                    "entry {seq} does not match its hash: it, or a line of bulk work from entry {first} on, was edited"
                ),
            ))
        } else if hash != link.hash {
            Err((
                Some(seq),
                format!(
                    "entry {seq} does not match its hash: it was edited, or an entry before it was removed or moved"
                ),
            ))
        } else {
            walk.open = 0;
            walk.entry(seq, link.content.at, link.hash, link.epoch, link.seal)
        };
        prev = hash;
        Ok(outcome.is_ok())
    })?;
    Ok(walk.finish(outcome))
}

/// Checks an export written by `audit export` (CSV), without the database:
/// each row's hash links its prev_hash to its content, rows that follow
/// each other in the trail link to each other, the row numbers run 1 to
/// `rows` with none missing or moved, and the seals hold for the keys given.
pub fn verify_export(source: impl std::io::Read, witnesses: &Witnesses) -> Result<Verification> {
    let mut reader = csv::Reader::from_reader(source);
    let headers = reader.headers().map_err(|e| crate::Error::invalid("file", "", e.to_string()))?.clone();
    let column = |name: &str| headers.iter().position(|h| h == name);
    let at = |name: &str| column(name).ok_or_else(|| crate::Error::invalid("file", name, "is not an audit export"));
    let [seq_at, at_at, actor_at, action_at, id_at, target_at, details_at, prev_at, hash_at] =
        ["seq", "at", "actor", "action", "target_id", "target", "details", "prev_hash", "hash"].map(at);
    let (seq_at, at_at, actor_at, action_at, id_at, target_at, details_at, prev_at, hash_at) =
        (seq_at?, at_at?, actor_at?, action_at?, id_at?, target_at?, details_at?, prev_at?, hash_at?);
    let (epoch_at, seal_at, row_at, rows_at) = (column("epoch"), column("seal"), column("row"), column("rows"));
    let mut walk = Walk::new(witnesses);
    let mut outcome: Found = Ok(());
    let mut rows: Option<u64> = None;
    let mut row_number = 0u64;
    for record in reader.records() {
        let row = record.map_err(|e| crate::Error::invalid("file", "", e.to_string()))?;
        let field = |i: usize| crate::types::cell_as_read(row.get(i).unwrap_or_default());
        let number = |name: &str, i: usize| {
            field(i).parse::<i64>().map_err(|_| crate::Error::invalid(name, field(i), "not a number"))
        };
        let seq = number("seq", seq_at)?;
        row_number += 1;
        if let (Some(row_at), Some(rows_at)) = (row_at, rows_at) {
            let (here, total) = (number("row", row_at)?, number("rows", rows_at)?);
            rows = u64::try_from(total).ok();
            if u64::try_from(here).ok() != Some(row_number) {
                outcome = Err((
                    Some(seq),
                    format!(
                        "row {row_number} of the export is missing or moved (found row {here} there): rows were deleted or swapped"
                    ),
                ));
                break;
            }
        }
        let target_id = match field(id_at) {
            "" => None,
            _ => Some(number("target_id", id_at)?),
        };
        let content = |target| store::audit::Content {
            at: field(at_at),
            actor: field(actor_at),
            action: field(action_at),
            target_id,
            target,
            details: field(details_at),
        };
        let (prev, hash) = (field(prev_at), field(hash_at));
        // CSV writes no target and an empty one alike.
        let links = content(Some(field(target_at)).filter(|t| !t.is_empty())).link(prev)? == hash
            || (field(target_at).is_empty() && content(Some("")).link(prev)? == hash);
        let follows = walk.last.as_ref().map(|(last_seq, last_hash)| (*last_seq, last_hash.clone()));
        outcome = match follows {
            Some((last_seq, _)) if seq <= last_seq => {
                Err((Some(seq), format!("entry {seq} comes after entry {last_seq}: rows were swapped")))
            }
            Some((last_seq, last_hash)) if seq == last_seq + 1 && prev != last_hash => Err((
                Some(seq),
                format!("entry {seq} does not follow entry {last_seq}: an entry between them was removed"),
            )),
            _ if !links => Err((Some(seq), format!("entry {seq} does not match its hash: it was edited"))),
            _ => {
                let epoch = epoch_at.map(field).filter(|e| !e.is_empty());
                let epoch = epoch
                    .map(|e| e.parse::<i64>().map_err(|_| crate::Error::invalid("epoch", e, "not a number")))
                    .transpose()?;
                let seal = seal_at.map(field).filter(|s| !s.is_empty()).map(crate::keys::unhex);
                match seal {
                    Some(None) => Err((Some(seq), format!("entry {seq}'s seal is damaged"))),
                    Some(Some(seal)) => walk.entry(seq, field(at_at), hash, epoch, Some(&seal)),
                    None => walk.entry(seq, field(at_at), hash, epoch, None),
                }
            }
        };
        if outcome.is_err() {
            break;
        }
    }
    if outcome.is_ok() {
        if let Some(total) = rows.filter(|total| *total != row_number) {
            outcome =
                Err((None, format!("the export ends at row {row_number} of {total}: rows were cut from the end")));
        }
    }
    Ok(walk.finish(outcome))
}

/// Renders details for a table cell: `name: Ana → Anna; phone: ∅ → 123`.
pub fn describe(details: &Value) -> String {
    let Value::Object(map) = details else {
        return details.to_string();
    };
    let show = |v: Option<&Value>| match v {
        None | Some(Value::Null) => "∅".to_owned(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    map.iter()
        .map(|(key, value)| match value {
            Value::Object(change) if change.contains_key("old") || change.contains_key("new") => {
                format!("{key}: {} → {}", show(change.get("old")), show(change.get("new")))
            }
            other => format!("{key}: {}", show(Some(other))),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CSV writes an empty target and none alike; both must verify.
    #[test]
    fn an_entry_with_an_empty_target_verifies_in_its_export() {
        let mut csv = String::from("seq,at,actor,action,target_id,target,details,prev_hash,hash,epoch,seal,row,rows\n");
        let mut prev = store::audit::GENESIS.to_owned();
        for (seq, target) in [(1, Some("")), (2, None)] {
            let content = store::audit::Content {
                at: "2026-01-01T00:00:00Z",
                actor: "os:root",
                action: "org.init",
                target_id: None,
                target,
                details: "{}",
            };
            let hash = content.link(&prev).unwrap();
            csv.push_str(&format!("{seq},2026-01-01T00:00:00Z,os:root,org.init,,,{{}},{prev},{hash},,,{seq},2\n"));
            prev = hash;
        }
        let found = verify_export(csv.as_bytes(), &Witnesses::default()).unwrap();
        assert_eq!((found.entries, found.problem), (2, None));
        let cut = csv.lines().take(2).collect::<Vec<_>>().join("\n");
        assert!(verify_export(cut.as_bytes(), &Witnesses::default()).unwrap().problem.unwrap().contains("cut"));
    }

    #[test]
    fn describe_shows_old_and_new() {
        let mut changes = Changes::default();
        changes.push("name", Some("Ana"), Some("Anna"));
        changes.push("phone", None, Some("123 456"));
        assert_eq!(describe(&changes.into_value()), "name: Ana → Anna; phone: ∅ → 123 456");
        assert_eq!(describe(&json!({"count": 3})), "count: 3");
    }
}

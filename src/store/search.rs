//! `--search` in SQLite. The rule is `types::search_finds`; an FTS5 trigram
//! index over the texts it looks in (the folded name, surname and address
//! before its `@`, each after a space) narrows it down: a fragment is a
//! substring query, a two-character word start the same behind a space or a
//! word break (`" co" OR "-co" OR …`). What trigrams cannot see (one
//! character, a part of an address) the rule itself checks on what the
//! index left, or alone on every user. The domain, the same for most of an
//! organization, is left out of the index: it would be a third of its size
//! and of an import's time spent on it.

use std::collections::{HashMap, HashSet};

use super::db::{Db, params};

use crate::error::Result;
use crate::model::types::{SearchTerm, Searched, WORD_BREAKS};
use crate::model::user::{Field, Profile};

/// What the index holds for one user: each text after a space, and white
/// space as spaces (no term holds any, so no match changes).
pub fn indexed_text(name: &str, surname: &str, email: &str) -> String {
    let mut text = String::new();
    for part in Searched::new(name, surname, email).fragment_texts() {
        text.push(' ');
        text.extend(part.chars().map(|c| if c.is_whitespace() { ' ' } else { c }));
    }
    text
}

/// New users' entries, written by an import or another bulk add itself while
/// the insert trigger is suspended, in runs: FTS5 writes out the entries it holds in
/// memory at every statement that may need undoing (any `INSERT INTO
/// users`), so an entry written beside each user would make a segment of
/// one user to merge (2× the whole import, measured), where runs fill its
/// 16 MB buffer. The text is `indexed_text`'s, as the triggers write it.
#[derive(Default)]
pub struct NewEntries(Vec<(i64, String)>);

impl NewEntries {
    const RUN: usize = 65_536;

    /// The entry of a user just inserted.
    pub fn add(&mut self, db: &Db, id: i64, profile: &Profile) -> Result<()> {
        let text = |field| profile.get(field).unwrap_or_default();
        self.0.push((id, indexed_text(text(Field::Name), text(Field::Surname), profile.email())));
        if self.0.len() >= Self::RUN { self.write(db) } else { Ok(()) }
    }

    pub fn write(&mut self, db: &Db) -> Result<()> {
        if db.is_postgres() {
            // Each user's entry is written beside it (`write_entry`).
            self.0.clear();
            return Ok(());
        }
        let mut insert = db.prepare_cached("INSERT INTO user_search (rowid, text) VALUES (?1, ?2)")?;
        for (id, text) in self.0.drain(..) {
            insert.execute(params![id, text])?;
        }
        Ok(())
    }
}

/// Suspends the trigger that writes a new user's entry, for a caller that
/// writes the entries in runs; returns what brings it back (nothing if it
/// was suspended already).
pub fn suspend_new_user_entries(db: &Db) -> Result<Option<String>> {
    if db.is_postgres() {
        return Ok(None);
    }
    let trigger = db.query_opt(
        "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'users_searched_on_insert'",
        params![],
        |r| r.get::<String>(0),
    )?;
    if trigger.is_some() {
        db.execute_batch("DROP TRIGGER users_searched_on_insert")?;
    }
    Ok(trigger)
}

/// What narrows `terms` down: texts an entry holds (one of each inner list,
/// for every list), for the terms that trigrams can see.
fn narrowing(terms: &[SearchTerm]) -> Vec<Vec<String>> {
    terms
        .iter()
        .filter_map(|term| match term {
            SearchTerm::Fragment(text) => Some(vec![text.clone()]),
            // The part before the `@` ends the local part, so it is in it.
            SearchTerm::InAddress(part) => {
                part.split('@').next().filter(|local| local.chars().count() >= 3).map(|local| vec![local.to_owned()])
            }
            SearchTerm::WordStart(start) if start.chars().count() == 2 => {
                Some(std::iter::once(' ').chain(WORD_BREAKS).map(|c| format!("{c}{start}")).collect())
            }
            SearchTerm::WordStart(_) => None,
        })
        .collect()
}

/// The FTS5 query that narrows `terms` down, if any term can.
pub fn narrowing_query(terms: &[SearchTerm]) -> Option<String> {
    let phrase = |text: &String| format!("\"{}\"", text.replace('"', "\"\""));
    let parts: Vec<String> = narrowing(terms)
        .iter()
        .map(|any| match any.as_slice() {
            [one] => phrase(one),
            many => format!("({})", many.iter().map(phrase).collect::<Vec<_>>().join(" OR ")),
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(" AND "))
}

/// On PostgreSQL, where no trigger calls Rust: writes the user's entry,
/// after a change of name, surname or email.
pub fn write_entry(db: &Db, id: i64) -> Result<()> {
    let (name, surname, email): (String, String, String) =
        db.query_row("SELECT name, surname, email FROM users WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
    db.execute(
        "INSERT INTO user_search (user_id, text) VALUES (?1, ?2)
         ON CONFLICT (user_id) DO UPDATE SET text = excluded.text",
        params![id, indexed_text(&name, &surname, &email)],
    )?;
    Ok(())
}

/// The entry of a user just inserted with these texts (a plain insert, which
/// a bulk write on the server sends with others: `Db::defer_inserts`).
pub fn write_new_entry(db: &Db, id: i64, name: &str, surname: &str, email: &str) -> Result<()> {
    db.execute(
        "INSERT INTO user_search (user_id, text) VALUES (?1, ?2)",
        params![id, indexed_text(name, surname, email)],
    )?;
    Ok(())
}

/// On PostgreSQL: the trigrams that a quarter of the entries or more hold
/// (migration V3 says why a search wants to know).
#[derive(Default)]
pub struct Common(HashSet<String>);

/// Entries sampled to find the common trigrams, about; below `FEW` entries
/// none is called common.
const SAMPLE: f64 = 20_000.0;
const FEW: f64 = 1_000.0;
const COMMON_SHARE: f64 = 0.25;

/// The trigrams that the trigram index keeps as they are in a `LIKE`
/// pattern: three ASCII letters or digits (pg_trgm splits words at other
/// characters, and folds letters beyond ASCII by the server's locale).
fn plain_trigrams(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(2))
        .filter(move |&i| bytes[i..i + 3].iter().all(u8::is_ascii_alphanumeric))
        .map(move |i| &text[i..i + 3])
}

/// On PostgreSQL: samples the entries and keeps their common trigrams.
pub fn learn_common(db: &Db) -> Result<()> {
    if !may_use_common(db, "SELECT, INSERT, DELETE")? {
        return Ok(());
    }
    // Counted up to the sample's size; past it, estimated as the planner
    // does, from the rows a page at the last analysis and the pages now.
    let (few, estimate): (i64, f64) = db.query_row(
        &format!(
            "SELECT (SELECT count(*) FROM (SELECT 1 FROM user_search LIMIT {SAMPLE}) s),
                    CASE WHEN relpages > 0 THEN CAST(reltuples AS DOUBLE PRECISION) / relpages
                         * (pg_relation_size(oid) / CAST(current_setting('block_size') AS INTEGER)) ELSE 0 END
             FROM pg_class WHERE oid = CAST('user_search' AS regclass)"
        ),
        params![],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    db.execute("DELETE FROM search_common", params![])?;
    if (few as f64) < FEW {
        return Ok(());
    }
    let percent = (SAMPLE / estimate.max(few as f64) * 100.0).min(100.0);
    let (mut sampled, mut holding) = (0_u32, HashMap::<String, u32>::new());
    let sample = format!("SELECT text FROM user_search TABLESAMPLE SYSTEM ({percent:.6}) LIMIT {}", 2.0 * SAMPLE);
    db.query_each(&sample, params![], |r| {
        sampled += 1;
        let held: HashSet<&str> = plain_trigrams(r.text(0)?.unwrap_or_default()).collect();
        for trigram in held {
            *holding.entry(trigram.to_owned()).or_default() += 1;
        }
        Ok(())
    })?;
    for (trigram, n) in holding {
        if f64::from(n) >= f64::from(sampled) * COMMON_SHARE {
            db.execute("INSERT INTO search_common (trigram) VALUES (?1)", params![trigram])?;
        }
    }
    Ok(())
}

/// On PostgreSQL: the common trigrams as last learnt (none for a role not
/// granted the table, made after its other grants perhaps: only speed
/// depends on it).
pub fn common(db: &Db) -> Result<Common> {
    if !may_use_common(db, "SELECT")? {
        return Ok(Common::default());
    }
    Ok(Common(db.query_vec("SELECT trigram FROM search_common", params![], |r| r.get(0))?.into_iter().collect()))
}

fn may_use_common(db: &Db, privileges: &str) -> Result<bool> {
    db.query_row("SELECT has_table_privilege('search_common', ?1)", params![privileges], |r| r.get(0))
}

/// What to ask the trigram index for a text an entry must hold: the text
/// itself, or, when some of its trigrams are common and others are not, the
/// others alone (each is in the text, so whoever holds the text holds them).
fn asked<'t>(text: &'t str, common: &Common) -> Vec<&'t str> {
    let (rare, common): (Vec<&str>, Vec<&str>) = plain_trigrams(text).partition(|t| !common.0.contains(*t));
    if rare.is_empty() || common.is_empty() { vec![text] } else { rare }
}

/// On PostgreSQL: the clause that narrows a search to the users whose
/// trigram-indexed entries hold its terms (a superset of what the rule,
/// `types::search_finds`, finds: the caller checks that in Rust), its
/// values added to `values`; `None` when the terms narrow nothing.
pub fn narrowing_clause(db: &Db, query: &str, values: &mut Vec<super::db::Owned>) -> Result<Option<String>> {
    Ok(narrowing_clause_for(query, &common(db)?, values))
}

fn narrowing_clause_for(query: &str, common: &Common, values: &mut Vec<super::db::Owned>) -> Option<String> {
    let like = |text: &str| format!("%{}%", text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
    let mut all = Vec::new();
    let mut lists = Vec::new();
    for any in narrowing(&crate::model::types::search_terms(query)) {
        match any.as_slice() {
            [one] => lists.extend(asked(one, common).into_iter().map(|text| vec![text.to_owned()])),
            _ => lists.push(any),
        }
    }
    for any in lists {
        let one: Vec<String> = any
            .iter()
            .map(|text| {
                format!("text LIKE {} ESCAPE '\\'", super::db::bind(values, super::db::Owned::Text(like(text))))
            })
            .collect();
        all.push(format!("({})", one.join(" OR ")));
    }
    (!all.is_empty()).then(|| format!("u.id IN (SELECT user_id FROM user_search WHERE {})", all.join(" AND ")))
}

/// Whether the user these texts describe is found by `query`: the rule.
pub fn finds(query: &str, row: &super::db::Row) -> Result<bool> {
    let text = |i| row.text(i).map(Option::unwrap_or_default);
    Ok(crate::model::types::search_finds(query, text(1)?, text(2)?, text(3)?))
}

/// On PostgreSQL: gathers the users `query` finds into the temporary table
/// `found`, the rule checked in Rust on what the index leaves.
pub fn gather_found(db: &Db, query: &str) -> Result<()> {
    let mut values = Vec::new();
    let narrowed = narrowing_clause(db, query, &mut values)?;
    let narrowed = narrowed.map(|clause| format!("WHERE {clause}")).unwrap_or_default();
    let mut ids = Vec::new();
    db.query_each(
        &format!("SELECT u.id, u.name, u.surname, u.email FROM users u {narrowed}"),
        super::db::bound(&values),
        |r| {
            if finds(query, r)? {
                ids.push(r.get(0)?);
            }
            Ok(())
        },
    )?;
    keep_found(db, &ids)
}

/// Puts `ids` (and only them) in the temporary table `found`.
pub fn keep_found(db: &Db, ids: &[i64]) -> Result<()> {
    db.execute_batch("CREATE TEMP TABLE IF NOT EXISTS found (id BIGINT PRIMARY KEY); DELETE FROM found;")?;
    for chunk in ids.chunks(1000) {
        let rows: Vec<String> = chunk.iter().map(|id| format!("({id})")).collect();
        db.execute(&format!("INSERT INTO found (id) VALUES {}", rows.join(", ")), params![])?;
    }
    Ok(())
}

/// Whether the index may narrow to a great many users: each of its terms is
/// one trigram at most (three characters, or a two-letter word start), so
/// its matches are a whole list of the index; longer terms intersect two or
/// more, which leaves few. Only then is it worth counting them first.
pub fn narrowing_may_be_broad(terms: &[SearchTerm]) -> bool {
    terms.iter().all(|term| match term {
        SearchTerm::Fragment(text) | SearchTerm::WordStart(text) => text.chars().count() <= 3,
        SearchTerm::InAddress(part) => part.split('@').next().is_none_or(|local| local.chars().count() <= 3),
    })
}

/// Whether the index's answer is the rule's: every term a fragment.
pub fn index_is_exact(terms: &[SearchTerm]) -> bool {
    terms.iter().all(|term| matches!(term, SearchTerm::Fragment(_)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::types::{search_finds, search_terms};

    #[test]
    fn a_search_asks_the_index_for_its_rare_trigrams_only() {
        let common = Common(["use", "ser", "er0"].map(str::to_owned).into());
        assert_eq!(asked("user05000", &common), ["r05", "050", "500", "000"]);
        assert_eq!(asked("user", &common), ["user"], "all of them common: the text itself");
        assert_eq!(asked("zhaba", &common), ["zhaba"], "none common");
        assert_eq!(asked("zhaba", &Common::default()), ["zhaba"]);
        assert_eq!(asked("inês", &common), ["inês"], "no trigram of plain letters");
        assert_eq!(plain_trigrams("o'neil.ser").collect::<Vec<_>>(), ["nei", "eil", "ser"]);
        // Whatever it asks is in the text, so it leaves out no one who holds it.
        for text in ["user05000", "user", "a.user0", "userser", "xuse-r", "ñuser9"] {
            assert!(asked(text, &common).iter().all(|part| text.contains(part)), "{text}");
        }
    }

    #[test]
    fn the_server_is_asked_for_the_rare_trigrams_of_a_term_and_the_rest_whole() {
        let common = Common(["bat", "atc", "tch"].map(str::to_owned).into());
        let mut values = Vec::new();
        let clause = narrowing_clause_for("batch3 zé_a", &common, &mut values);
        let texts: Vec<String> = values
            .iter()
            .map(|v| match v {
                crate::store::db::Owned::Text(t) => t.clone(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(texts, ["%ch3%", "%ze\\_a%"]);
        assert_eq!(
            clause.as_deref(),
            Some(
                "u.id IN (SELECT user_id FROM user_search WHERE (text LIKE ?1 ESCAPE '\\') AND (text LIKE ?2 ESCAPE '\\'))"
            )
        );
    }

    #[test]
    fn only_one_trigram_terms_may_narrow_broadly() {
        for broad in ["zh", "zha", "ana zha", "li@"] {
            assert!(narrowing_may_be_broad(&search_terms(broad)), "{broad}");
        }
        for narrow in ["zhan", "ines coba", "user00500", "zh coba", "silva@acme"] {
            assert!(!narrowing_may_be_broad(&search_terms(narrow)), "{narrow}");
        }
    }

    /// What the index would answer: every part of the query (an AND of
    /// phrases or of parenthesized ORs of phrases) a substring of the text.
    fn index_finds(query: &str, text: &str) -> bool {
        query.split(" AND ").all(|part| {
            part.trim_matches(|c| c == '(' || c == ')')
                .split(" OR ")
                .any(|p| text.contains(&p[1..p.len() - 1].replace("\"\"", "\"")))
        })
    }

    /// `search_finds`; where the index narrows, it never leaves out someone the rule finds.
    fn finds(query: &str, name: &str, surname: &str, email: &str) -> bool {
        let terms = search_terms(query);
        let found = search_finds(query, name, surname, email);
        if let Some(narrowing) = narrowing_query(&terms) {
            let by_index = index_finds(&narrowing, &indexed_text(name, surname, email));
            assert!(by_index || !found, "the index leaves out what the rule finds for {query:?}");
            if index_is_exact(&terms) {
                assert_eq!(by_index, found, "the index and the rule disagree on {query:?}");
            }
        }
        found
    }

    /// A change or delete takes an entry out by recomputing its text (V17),
    /// so the folding must give the same bytes as when the entry was
    /// written: a crate update that changes them (case folding, normalization)
    /// fails here, and needs a migration that rebuilds the index.
    #[test]
    fn the_indexed_text_of_a_name_never_changes_unnoticed() {
        let samples = [
            (("Inês", "Sá", "ines.sa@acme.test"), " ines sa ines.sa"),
            (("Дмитрий", "Иванов", "dima@acme.test"), " дмитрии иванов dima"),
            (("STRAẞE", "Ǆemal", "x@y.test"), " strasse ǆemal x"),
            (("Zoë", "O'Brien\tLee", "ZOE@acme.test"), " zoe o'brien lee zoe"),
        ];
        for ((name, surname, email), text) in samples {
            assert_eq!(indexed_text(name, surname, email), text, "{name} {surname} {email}");
        }
    }

    #[test]
    fn words_begin_words_and_fragments_stand_anywhere() {
        assert!(finds("ana sil", "Ana", "Silva", "ana@acme.test"));
        assert!(finds("hen", "Bo", "Chen", "bo@acme.test"));
        assert!(!finds("he", "Bo", "Chen", "bo@acme.test"));
        assert!(finds("c", "Bo", "Chen", "bo@acme.test"));
        assert!(finds("INÊS", "Inês", "Sá", "ines@acme.test"));
        assert!(finds("ines sa", "Inês", "Sá", "x@acme.test"));
        assert!(finds("дмитрий", "Дмитрий", "Иванов", "d@acme.test"));
        assert!(finds("co", "Ana", "Silva-Costa", "ana@acme.test"), "after a word break");
        assert!(finds("ma", "Ana", "Silva", "ana.maria@acme.test"), "a word of the address");
        assert!(finds("ne", "Ana", "O'Neil", "a@acme.test"));
        assert!(finds("ja", "Ana  Ja", "X", "a@acme.test"), "white space of any kind");
        assert!(!finds("il", "Ana", "Silva", "ana@acme.test"), "not inside a word");
        assert!(!finds("ac", "Bo", "Chen", "bo@acme.test"), "the domain is not searched by words");
        assert!(!finds("acme", "Bo", "Chen", "bo@acme.test"), "nor by fragments");
        assert!(finds("@acme", "Bo", "Chen", "bo@acme.test"), "an address term does not");
        assert!(finds("bo.chen@acme", "Bo", "Chen", "bo.chen@acme.test"));
        assert!(!finds("o c", "Bo", "Chen", "x@acme.test"), "no term spans two fields");
        assert!(!finds("ana xu", "Ana", "Silva", "ana@acme.test"));
        assert_eq!(narrowing_query(&search_terms(" \u{1} ")), None);
        assert_eq!(narrowing_query(&search_terms("a")), None, "one character: the rule alone");
    }
}

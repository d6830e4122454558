//! `--search` in SQLite: an FTS5 trigram index over a text roster folds
//! (`search_fold`), so a fragment of three or more characters is a substring
//! query. Trigrams cannot see one or two characters, so the text also holds
//! the first two characters of each word behind two marker characters, which
//! no name or address can hold: `li` begins a word when `\u{1}li` is in the
//! text, `l` when `\u{1}\u{1}l` is.

use crate::model::types::{SearchTerm, search_fold, search_words};

const MARK: char = '\u{1}';

/// What the index holds for one user.
pub fn indexed_text(name: &str, surname: &str, email: &str) -> String {
    let folded = [name, surname, email].map(search_fold);
    let mut text = folded.join(" ");
    text.push(' ');
    for word in folded.iter().flat_map(|field| search_words(field)) {
        text.push(MARK);
        text.push(MARK);
        text.extend(word.chars().take(2));
    }
    text
}

/// The FTS5 query every term must match, or `None` when there is no term.
pub fn match_query(terms: &[SearchTerm]) -> Option<String> {
    let phrase = |text: String| format!("\"{}\"", text.replace('"', "\"\""));
    let parts: Vec<String> = terms
        .iter()
        .map(|term| match term {
            SearchTerm::Fragment(text) => phrase(text.clone()),
            SearchTerm::WordStart(start) => {
                let marks = if start.chars().count() == 1 { 2 } else { 1 };
                phrase(format!("{}{start}", MARK.to_string().repeat(marks)))
            }
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(" AND "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::types::search_terms;

    /// Whether `query` finds the person, as the index would: every phrase a substring.
    fn finds(query: &str, name: &str, surname: &str, email: &str) -> bool {
        let text = indexed_text(name, surname, email);
        let query = match_query(&search_terms(query)).unwrap();
        query.split(" AND ").all(|phrase| text.contains(&phrase[1..phrase.len() - 1].replace("\"\"", "\"")))
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
        assert!(finds("ac", "Bo", "Chen", "bo@acme.test"), "a word of the address");
        assert!(finds("bo@acme", "Bo", "Chen", "bo@acme.test"));
        assert!(!finds("ana xu", "Ana", "Silva", "ana@acme.test"));
        assert_eq!(match_query(&search_terms(" \u{1} ")), None);
    }
}

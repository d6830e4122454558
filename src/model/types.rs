//! Values people type (emails, languages, time zones, …): parsed once at the
//! edge with the field's own parser, trusted inside.

use std::fmt;

use chrono::NaiveDate;
use email_address::{EmailAddress, Options};
use serde::Serialize;

use crate::error::{Error, Result};

/// An email address, stored trimmed and as typed, compared by its
/// [`mailbox_key`]: one mailbox is one account.
#[derive(Debug, Clone, Serialize, Eq)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self> {
        let trimmed = raw.trim();
        // RFC 5321's limits: 64 octets before the `@`, 254 in all.
        let local = trimmed.rsplit_once('@').map_or(trimmed, |(local, _)| local);
        if trimmed.len() > 254 || local.len() > 64 {
            let shown: String = trimmed.chars().take(40).collect();
            return Err(Error::invalid(
                "email",
                format!("{shown}…"),
                format!("{} octets ({} before the @); an address has at most 254 (64)", trimmed.len(), local.len()),
            ));
        }
        if starts_a_formula(trimmed) {
            return Err(Error::invalid("email", raw, "must not start with =, +, - or @ (a spreadsheet would run it)"));
        }
        let options = Options::default().with_required_tld().without_display_text().without_domain_literal();
        match EmailAddress::parse_with_options(trimmed, options) {
            Ok(_) => Ok(Email(trimmed.to_owned())),
            Err(e) => Err(Error::invalid("email", raw, e.to_string().trim_end_matches('.').to_lowercase())),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part before the `@`, which a password must not contain.
    pub fn local_part(&self) -> &str {
        self.0.rsplit_once('@').map_or(&self.0, |(local, _)| local)
    }
}

impl PartialEq for Email {
    fn eq(&self, other: &Self) -> bool {
        mailbox_key(&self.0) == mailbox_key(&other.0)
    }
}

/// What two spellings of one mailbox have in common: the domain in IDNA ASCII
/// form (`пример.рф` is `xn--e1afmkfd.xn--p1ai`), the local part NFC-normalized
/// and case-folded (`ÄNA` is `äna`). Every lookup of a user by email compares
/// this key; the address is still shown as typed. Text that is not an address
/// keys as itself, folded, so a lookup of it simply finds nothing.
pub fn mailbox_key(raw: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let trimmed = raw.trim();
    // ASCII without punycode labels: folding is lowercasing, NFC changes
    // nothing and IDNA only lowercases. An import asks a million times.
    if trimmed.is_ascii() && !trimmed.as_bytes().windows(4).any(|w| w.eq_ignore_ascii_case(b"xn--")) {
        return trimmed.to_ascii_lowercase();
    }
    let fold = |s: &str| caseless::default_case_fold_str(&s.nfc().collect::<String>()).nfc().collect::<String>();
    match trimmed.rsplit_once('@') {
        Some((local, domain)) => {
            let domain = idna::domain_to_ascii(domain).unwrap_or_else(|_| fold(domain));
            format!("{}@{domain}", fold(local))
        }
        None => fold(trimmed),
    }
}

/// How `--search` compares text: case folded in every script (the folding of
/// [`mailbox_key`]) and without accents (`INÊS` and `ines` are `ines`), so
/// that a person is found however their name is typed.
pub fn search_fold(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let folded = caseless::default_case_fold_str(text);
    folded.nfd().filter(|c| !is_combining_mark(*c)).nfc().collect()
}

/// One word of a `--search`, folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchTerm {
    /// One or two characters: the start of a word of the name, the surname
    /// or the address before its `@` (`ana s` finds Ana Silva); a word starts
    /// a text or follows a space or one of [`WORD_BREAKS`].
    WordStart(String),
    /// Three or more: anywhere in the name, the surname or the address
    /// before its `@` (`hen` finds Chen).
    Fragment(String),
    /// A word with an `@`: anywhere in the address (`bo@acme`, `@acme.test`).
    InAddress(String),
}

/// What ends a word besides white space: `Silva-Costa`, `ana.maria`, `O'Neil`.
pub const WORD_BREAKS: [char; 4] = ['.', '-', '_', '\''];

/// The terms of a search; a person matches when every term does. Control
/// characters are dropped: no name holds them.
pub fn search_terms(query: &str) -> Vec<SearchTerm> {
    query
        .split_whitespace()
        .map(|word| search_fold(&word.chars().filter(|c| !c.is_control()).collect::<String>()))
        .filter(|word| !word.is_empty())
        .map(|word| match word.chars().count() {
            _ if word.contains('@') => SearchTerm::InAddress(word),
            1 | 2 => SearchTerm::WordStart(word),
            _ => SearchTerm::Fragment(word),
        })
        .collect()
}

/// A person's texts as a search reads them, folded.
pub struct Searched {
    name: String,
    surname: String,
    email: String,
}

impl Searched {
    pub fn new(name: &str, surname: &str, email: &str) -> Searched {
        Searched { name: search_fold(name), surname: search_fold(surname), email: search_fold(email) }
    }

    /// The address before its `@`.
    pub fn local_part(&self) -> &str {
        self.email.rsplit_once('@').map_or(&self.email, |(local, _)| local)
    }

    /// Where fragments are looked for.
    pub fn fragment_texts(&self) -> [&str; 3] {
        [&self.name, &self.surname, self.local_part()]
    }

    pub fn has(&self, term: &SearchTerm) -> bool {
        match term {
            SearchTerm::WordStart(start) => self.fragment_texts().iter().any(|text| {
                text.split(|c: char| c.is_whitespace() || WORD_BREAKS.contains(&c))
                    .any(|word| word.starts_with(start.as_str()))
            }),
            SearchTerm::Fragment(fragment) => self.fragment_texts().iter().any(|text| text.contains(fragment.as_str())),
            SearchTerm::InAddress(part) => self.email.contains(part.as_str()),
        }
    }
}

/// Whether a person with this name, surname and email is found by `query`:
/// the one rule; a store's index only narrows down whom it is asked of.
pub fn search_finds(query: &str, name: &str, surname: &str, email: &str) -> bool {
    let person = Searched::new(name, surname, email);
    search_terms(query).iter().all(|term| person.has(term))
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A mail sender such as `Acme Admin <admin@acme.test>` or a bare address.
pub fn mailbox(field: &'static str, raw: &str) -> Result<String> {
    let trimmed = raw.trim();
    let options = Options::default().with_required_tld().with_display_text().without_domain_literal();
    EmailAddress::parse_with_options(trimmed, options)
        .map(|_| trimmed.to_owned())
        .map_err(|e| Error::invalid(field, raw, e.to_string().trim_end_matches('.').to_lowercase()))
}

/// A password hash imported from another system: an argon2 PHC string or a
/// bcrypt hash (`$2a$`, `$2b$`, `$2y$`). Errors never show the value.
pub fn password_hash(raw: &str) -> Result<String> {
    let hash = raw.trim();
    let invalid = |reason: &str| Error::invalid("password_hash", "(hidden)", reason);
    if ["$2a$", "$2b$", "$2y$"].iter().any(|p| hash.starts_with(p)) {
        hash.parse::<bcrypt::HashParts>().map_err(|_| invalid("not a valid bcrypt hash"))?;
        return Ok(hash.to_owned());
    }
    let parsed = argon2::password_hash::phc::PasswordHash::new(hash).map_err(|_| invalid("not a PHC string"))?;
    if !["argon2id", "argon2i", "argon2d"].contains(&parsed.algorithm.as_str()) {
        return Err(invalid("not an argon2 or bcrypt hash"));
    }
    Ok(hash.to_owned())
}

/// A BCP 47 language tag in canonical form (`pt-br` becomes `pt-BR`).
pub fn language(raw: &str) -> Result<String> {
    let trimmed = raw.trim();
    let invalid = |reason: String| Error::invalid("language", raw, reason);
    let tag =
        language_tags::LanguageTag::parse(trimmed).map_err(|e| invalid(format!("not a BCP 47 language tag ({e})")))?;
    tag.validate().map_err(|e| invalid(format!("not a registered language tag ({e})")))?;
    let canonical = tag.canonicalize().map_err(|e| invalid(e.to_string()))?;
    Ok(canonical.to_string())
}

/// A yes-or-no setting, stored as `true` or `false`.
pub fn yes_no(field: &str, raw: &str) -> Result<String> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "1" | "on" => Ok("true".into()),
        "false" | "no" | "0" | "off" => Ok("false".into()),
        _ => Err(Error::invalid(field, raw, "true or false")),
    }
}

/// An account kind (`model::user::KINDS`), any case, `_` for `-`.
pub fn kind(raw: &str) -> Result<String> {
    let wanted = raw.trim().replace('_', "-");
    crate::model::user::KINDS
        .iter()
        .find(|k| k.eq_ignore_ascii_case(&wanted))
        .map(|k| (*k).to_owned())
        .ok_or_else(|| Error::invalid("kind", raw, format!("one of {}", crate::model::user::KINDS.join(", "))))
}

/// An IANA time zone name such as `Europe/Lisbon`.
pub fn timezone(raw: &str) -> Result<String> {
    let trimmed = raw.trim();
    trimmed
        .parse::<chrono_tz::Tz>()
        .map(|tz| tz.name().to_owned())
        .map_err(|_| Error::invalid("timezone", raw, "not an IANA time zone name (such as Europe/Lisbon)"))
}

/// An ISO 3166 alpha-2 country code, stored upper case.
pub fn country(raw: &str) -> Result<String> {
    isocountry::CountryCode::for_alpha2_caseless(raw.trim())
        .map(|c| c.alpha2().to_owned())
        .map_err(|_| Error::invalid("country", raw, "not an ISO 3166 alpha-2 country code (such as PT)"))
}

/// A phone number, leniently: digits with the usual separators, 4 to 20 digits.
pub fn phone(field: &'static str, raw: &str) -> Result<String> {
    let trimmed = raw.trim();
    if let Some(bad) = trimmed.chars().find(|c| !(c.is_ascii_digit() || " +-().".contains(*c))) {
        return Err(Error::invalid(
            field,
            raw,
            format!("unexpected character {bad:?}; use digits, spaces and + - ( ) ."),
        ));
    }
    let digits = trimmed.chars().filter(char::is_ascii_digit).count();
    if !(4..=20).contains(&digits) {
        return Err(Error::invalid(field, raw, format!("has {digits} digits; a phone number has 4 to 20")));
    }
    Ok(trimmed.to_owned())
}

/// Free text such as a name or a department: trimmed, not too long, no
/// control characters but line breaks (CSV files carry those in quotes;
/// `\r\n` is stored as `\n`).
pub fn text(field: &'static str, raw: &str) -> Result<String> {
    const MAX_CHARS: usize = 200;
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err(Error::invalid(field, raw, "must not be empty"));
    }
    if starts_a_formula(trimmed) {
        return Err(Error::invalid(field, raw, "must not start with =, +, - or @ (a spreadsheet would run it)"));
    }
    if trimmed.chars().any(hides_text) {
        return Err(Error::invalid(field, raw, "must not contain invisible or direction-changing characters"));
    }
    if trimmed.chars().any(|c| c.is_control() && c != '\n' && c != '\r') {
        return Err(Error::invalid(field, raw, "must not contain control characters such as tabs"));
    }
    let text = if trimmed.contains('\r') { trimmed.replace("\r\n", "\n") } else { trimmed.to_owned() };
    if text.chars().count() > MAX_CHARS {
        return Err(Error::invalid(field, raw, format!("longer than {MAX_CHARS} characters")));
    }
    Ok(text)
}

/// The characters that make a spreadsheet read a cell as a formula (OWASP
/// "CSV injection").
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

pub fn starts_a_formula(text: &str) -> bool {
    text.starts_with(FORMULA_START)
}

/// Bidirectional controls and zero-width characters: they make a name show
/// as something other than what it is.
fn hides_text(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}')
}

/// A cell as roster writes it in any CSV: one that a spreadsheet would run
/// gets a leading `'`, which `cell_as_read` takes off again on import.
/// (Quotes and then a formula get one more, so that the two stay inverses.)
pub fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    if starts_a_formula(cell.trim_start_matches('\'')) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// A cell as import reads it: the `'` that `spreadsheet_safe` added, off.
pub fn cell_as_read(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if starts_a_formula(rest.trim_start_matches('\'')) => rest,
        _ => cell,
    }
}

/// A calendar date, `YYYY-MM-DD`.
pub fn date(field: &'static str, raw: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| Error::invalid(field, raw, "not a date (YYYY-MM-DD)"))
}

/// A name for a role or a group: letters, digits, `-`, `_` and `.`, up to 64.
pub fn name(field: &'static str, raw: &str) -> Result<String> {
    let trimmed = raw.trim();
    let starts_well = trimmed.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
    let all_allowed = trimmed.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
    if !starts_well || !all_allowed || trimmed.len() > 64 {
        return Err(Error::invalid(
            field,
            raw,
            "use 1 to 64 letters, digits, '-', '_' or '.', starting with a letter or digit",
        ));
    }
    Ok(trimmed.to_owned())
}

/// An ability: dotted lowercase words such as `crm.view` or `users.manage`.
pub fn ability(raw: &str) -> Result<String> {
    let trimmed = raw.trim();
    let word_ok = |w: &str| {
        w.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && w.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
    };
    let words: Vec<&str> = trimmed.split('.').collect();
    if words.len() < 2 || !words.iter().all(|w| word_ok(w)) || trimmed.len() > 64 {
        return Err(Error::invalid(
            "ability",
            raw,
            "use dotted lowercase words such as crm.view (letters, digits, '_' or '-')",
        ));
    }
    Ok(trimmed.to_owned())
}

/// Lower-case hex, for hashes and tokens; without a `format!` a byte:
/// `audit verify` runs it a million times.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_is_shown_without_its_password() {
        assert_eq!(masked("postgres://ro:s3cret@db:5432/r"), "postgres://ro:***@db:5432/r");
        assert_eq!(masked("smtp://u:p:q@mail@host:587"), "smtp://u:***@host:587");
        assert_eq!(masked("postgres://ro@db/r"), "postgres://ro@db/r");
        assert_eq!(masked("postgres://db/r"), "postgres://db/r");
        // Mistyped URLs are taken for paths; their passwords stay hidden too.
        assert_eq!(masked("postgres:/ro:s3cret@db/r"), "postgres:/ro:***@db/r");
        assert_eq!(masked("POSTGRES://ro:pa/ss@db/r"), "POSTGRES://ro:***@db/r");
        assert_eq!(masked("postgres:ro:s3cret@db"), "postgres:***@db");
        assert_eq!(masked("/srv/roster.db"), "/srv/roster.db");
        assert_eq!(masked("/backups/2026-01-01T10:00:00-admin@host.db"), "/backups/2026-01-01T10:00:00-admin@host.db");
        assert_eq!(masked("postgres://ro@db/r?password=s3cret&x=1"), "postgres://ro@db/r?password=***&x=1");
    }

    #[test]
    fn email_is_trimmed_and_compared_without_case() {
        let a = Email::parse("  Ana@Example.COM ").unwrap();
        assert_eq!(a.as_str(), "Ana@Example.COM");
        assert_eq!(a, Email::parse("ana@example.com").unwrap());
        assert_eq!(a.local_part(), "Ana");
    }

    #[test]
    fn one_mailbox_has_one_key() {
        assert_eq!(mailbox_key("ÄNA@acme.test"), mailbox_key("äna@acme.test"));
        assert_eq!(mailbox_key("a@пример.рф"), mailbox_key("a@xn--e1afmkfd.xn--p1ai"));
        assert_eq!(mailbox_key("a@Bücher.Example"), "a@xn--bcher-kva.example");
        // The ASCII shortcut agrees with the full path.
        assert_eq!(mailbox_key(" Ana.Silva+x@Acme.TEST "), "ana.silva+x@acme.test");
        assert_eq!(mailbox_key("A@XN--E1AFMKFD.XN--P1AI"), mailbox_key("a@пример.рф"));
        // NFD and NFC spellings of one name, and full folding (ß is ss).
        assert_eq!(mailbox_key("Jose\u{301}@x.test"), mailbox_key("JOSÉ@x.test"));
        assert_eq!(mailbox_key("STRASSE@x.test"), mailbox_key("straße@x.test"));
        assert_ne!(mailbox_key("ana@acme.test"), mailbox_key("anna@acme.test"));
        assert_eq!(Email::parse("ÄNA@acme.test").unwrap(), Email::parse("äna@ACME.test").unwrap());
    }

    #[test]
    fn email_length_is_bounded() {
        let long_local = format!("{}@acme.test", "a".repeat(65));
        assert!(Email::parse(&long_local).is_err());
        let long = format!("a@{}.test", "b".repeat(250));
        let err = Email::parse(&long).unwrap_err().to_string();
        assert!(err.len() < 200 && err.contains("at most 254"), "{err}");
        assert!(Email::parse(&format!("{}@acme.test", "a".repeat(64))).is_ok());
    }

    #[test]
    fn email_rejects_what_is_not_an_address() {
        for bad in ["", "ana", "ana@", "@example.com", "ana@localhost", "Ana <ana@example.com>", "a b@example.com"] {
            let err = Email::parse(bad).unwrap_err();
            assert!(err.to_string().starts_with("invalid email"), "{bad}: {err}");
        }
    }

    #[test]
    fn language_is_canonical_bcp47() {
        assert_eq!(language("pt-br").unwrap(), "pt-BR");
        assert_eq!(language("en").unwrap(), "en");
        assert!(language("english").is_err());
        assert!(language("xx-YY-zz-12345678901").is_err());
    }

    #[test]
    fn timezone_country_and_phone() {
        assert_eq!(timezone("Europe/Lisbon").unwrap(), "Europe/Lisbon");
        assert!(timezone("Europe/Lisbn").is_err());
        assert_eq!(country("pt").unwrap(), "PT");
        assert!(country("XX").is_err());
        assert_eq!(phone("phone", " +351 (21) 123-45.67 ").unwrap(), "+351 (21) 123-45.67");
        assert!(phone("phone", "123").is_err());
        assert!(phone("phone", "12345x").is_err());
        assert!(phone("phone", "123456789012345678901").is_err());
    }

    #[test]
    fn text_names_and_abilities() {
        assert_eq!(text("name", "  Ana ").unwrap(), "Ana");
        assert!(text("name", "   ").is_err());
        assert_eq!(text("name", "a\r\nb").unwrap(), "a\nb");
        assert!(text("name", "a\tb").is_err());
        assert_eq!(name("role", "sales-rep").unwrap(), "sales-rep");
        assert!(name("role", "-x").is_err());
        assert_eq!(ability("crm.view").unwrap(), "crm.view");
        for bad in ["crm", "CRM.view", "crm..view", "crm.view.", "1crm.view"] {
            assert!(ability(bad).is_err(), "{bad}");
        }
    }
}

#[cfg(test)]
mod spreadsheet_tests {
    use super::*;

    #[test]
    fn a_neutralized_cell_reads_back_as_it_was() {
        for cell in ["=a", "'=a", "''=a", "a", "'a", "''", "+351 21", "@x", "-", "'", "a=b"] {
            let written = spreadsheet_safe(cell);
            assert!(!starts_a_formula(&written), "{cell:?} went out as {written:?}");
            assert_eq!(cell_as_read(&written), cell, "{cell:?} went out as {written:?}");
        }
    }
}

/// A URL (an SMTP server's, a database's) with its password hidden, for
/// output, errors and the audit trail.
pub fn masked(url: &str) -> String {
    let url = masked_credentials(url);
    // libpq's `?password=…` too.
    match url.find("password=") {
        Some(at) => {
            let value = at + "password=".len();
            let end = url[value..].find('&').map_or(url.len(), |e| value + e);
            format!("{}***{}", &url[..value], &url[end..])
        }
        None => url,
    }
}

/// `user:password@` with the password hidden.
fn masked_credentials(url: &str) -> String {
    let Some(at) = url.rfind('@') else {
        return url.to_owned();
    };
    // The credentials follow the scheme (however many slashes a typo left),
    // or else, in what is no path, begin the text.
    let start = match url[..at].find(":/") {
        Some(scheme) => scheme + 1 + url[scheme + 1..at].bytes().take_while(|b| *b == b'/').count(),
        None if url.starts_with(|c: char| c.is_ascii_alphabetic()) && !url[..at].contains('/') => 0,
        None => return url.to_owned(),
    };
    match url[start..at].split_once(':') {
        // Only a password is hidden: a user name alone says which account.
        Some((user, _)) => format!("{}{user}:***{}", &url[..start], &url[at..]),
        None => url.to_owned(),
    }
}

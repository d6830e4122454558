//! Passwords: the policy a new one must meet, argon2id hashing with the
//! crate's defaults, and verification of any hash roster may hold (argon2 in
//! any variant, or bcrypt imported from another system).

use argon2::password_hash::phc::PasswordHash;
use argon2::{Argon2, PasswordHasher, PasswordVerifier};

use crate::error::{Error, Result};
use crate::session::Tx;
use crate::users::{Field, Profile};

/// The password rules of the organization's policies.
#[derive(Debug, Clone)]
pub struct Policy {
    pub min_length: usize,
    pub mixed_case: bool,
    pub symbol: bool,
    pub min_strength: u8,
}

impl Policy {
    pub fn load(tx: &Tx) -> Result<Policy> {
        let policies = tx.policies()?;
        Ok(Policy {
            min_length: usize::try_from(policies.password_min_length).unwrap_or(usize::MAX),
            mixed_case: policies.password_require_mixed_case,
            symbol: policies.password_require_symbol,
            min_strength: u8::try_from(policies.password_min_strength).unwrap_or(4),
        })
    }

    /// Every rule `password` breaks, in words; empty when it is acceptable.
    pub fn broken_rules(&self, password: &str, profile: &Profile) -> Vec<String> {
        let mut broken = Vec::new();
        if password.chars().count() < self.min_length {
            broken.push(format!("shorter than {} characters", self.min_length));
        }
        if self.mixed_case && !(password.chars().any(char::is_lowercase) && password.chars().any(char::is_uppercase)) {
            broken.push("needs both upper and lower case letters".to_owned());
        }
        if self.symbol && password.chars().all(char::is_alphanumeric) {
            broken.push("needs a character that is not a letter or a digit".to_owned());
        }
        let lower = password.to_lowercase();
        let local = profile.email().split('@').next().unwrap_or_default().to_owned();
        let personal = [
            ("the email's local part", Some(local.as_str())),
            ("the name", profile.get(Field::Name)),
            ("the surname", profile.get(Field::Surname)),
        ];
        for (what, value) in personal {
            if let Some(value) = value.filter(|v| v.chars().count() >= 3) {
                if lower.contains(&value.to_lowercase()) {
                    broken.push(format!("contains {what}"));
                }
            }
        }
        if self.min_strength > 0 {
            let inputs: Vec<&str> = [Some(local.as_str()), profile.get(Field::Name), profile.get(Field::Surname)]
                .into_iter()
                .flatten()
                .collect();
            let score = u8::from(zxcvbn::zxcvbn(password, &inputs).score());
            if score < self.min_strength {
                broken.push(format!("too easy to guess (strength {score} of 4, needs {})", self.min_strength));
            }
        }
        broken
    }

    /// Refuses a password that breaks a rule, listing every one (exit 5).
    pub fn check(&self, password: &str, profile: &Profile) -> Result<()> {
        let broken = self.broken_rules(password, profile);
        if broken.is_empty() { Ok(()) } else { Err(Error::invalid("password", "(hidden)", broken.join("; "))) }
    }
}

/// A new argon2id hash (m=19456 KiB, t=2, p=1) as a PHC string.
pub fn hash(password: &str) -> Result<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| Error::Internal(format!("hashing a password: {e}")))
}

/// Whether `password` matches `stored`, and whether the hash should be
/// replaced by a current argon2id one.
pub struct Verified {
    pub matches: bool,
    pub outdated: bool,
}

pub fn verify(password: &str, stored: &str) -> Verified {
    if ["$2a$", "$2b$", "$2y$"].iter().any(|p| stored.starts_with(p)) {
        let matches = bcrypt::verify(password, stored).unwrap_or(false);
        return Verified { matches, outdated: true };
    }
    let Ok(parsed) = PasswordHash::new(stored) else {
        return Verified { matches: false, outdated: true };
    };
    let matches = Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok();
    let current = PasswordHash::new(CURRENT_SHAPE).ok();
    let outdated = current
        .is_none_or(|c| c.algorithm != parsed.algorithm || c.version != parsed.version || c.params != parsed.params);
    Verified { matches, outdated }
}

/// Spends the time of one verification, for a user who does not exist: no
/// timing tells a stranger which emails are accounts.
pub fn verify_nothing(password: &str) {
    let _ = verify(password, DUMMY);
}

/// The hash of a random password with the current parameters; it matches nothing anyone types.
const DUMMY: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRmb3Jyb3N0ZXI$Q4KmC9Jx9i3k8Wc9y8xvE1QhN8dG6N5i0dC1bLxQYg4";

/// The algorithm, version and parameters a current hash has.
const CURRENT_SHAPE: &str = DUMMY;

#[cfg(test)]
mod tests {
    use super::*;

    fn profile() -> Profile {
        let mut p = Profile::default();
        p.set(Field::Email, Some("ana.silva@example.test".into()));
        p.set(Field::Name, Some("Ana".into()));
        p.set(Field::Surname, Some("Silva".into()));
        p
    }

    #[test]
    fn every_broken_rule_is_listed() {
        let policy = Policy { min_length: 12, mixed_case: true, symbol: true, min_strength: 0 };
        let broken = policy.broken_rules("silva", &profile());
        assert_eq!(broken.len(), 4, "{broken:?}");
        assert!(policy.broken_rules("Correct-Horse-42", &profile()).is_empty());
        assert_eq!(policy.broken_rules("Ana.Silva-2026!", &profile()).len(), 3, "local part, name and surname");
        let strict = Policy { min_strength: 4, ..policy };
        assert!(!strict.broken_rules("Password123!", &profile()).is_empty());
    }

    #[test]
    fn hashes_verify_and_age() {
        let h = hash("Correct-Horse-42").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        let v = verify("Correct-Horse-42", &h);
        assert!(v.matches && !v.outdated);
        assert!(!verify("wrong", &h).matches);
        let bcrypt = bcrypt::hash("Correct-Horse-42", 4).unwrap();
        let v = verify("Correct-Horse-42", &bcrypt);
        assert!(v.matches && v.outdated);
        let old = Argon2::new(
            argon2::Algorithm::Argon2i,
            argon2::Version::V0x13,
            argon2::Params::new(8192, 3, 1, None).unwrap(),
        )
        .hash_password(b"Correct-Horse-42")
        .unwrap()
        .to_string();
        let v = verify("Correct-Horse-42", &old);
        assert!(v.matches && v.outdated);
        assert!(!verify("x", "not a hash").matches);
    }

    #[test]
    fn the_stand_in_hash_costs_a_real_verification() {
        // A hash that failed to parse would return at once: a timing oracle.
        let parsed = PasswordHash::new(DUMMY).unwrap();
        assert!(Argon2::default().verify_password(b"anything", &parsed).is_err());
        let v = verify("anything", DUMMY);
        assert!(!v.matches && !v.outdated, "current parameters, so the same cost as a real hash");
    }
}

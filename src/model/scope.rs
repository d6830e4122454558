//! Scopes: the part of the organization a role grant reaches (README,
//! "Scoped administration"). A grant without one reaches everyone.

use std::fmt;

use crate::error::{Error, Result};
use crate::model::types;

/// What a scope names a part of the organization by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ScopeField {
    Department,
    Branch,
    Brand,
}

impl ScopeField {
    pub fn name(self) -> &'static str {
        match self {
            ScopeField::Department => "department",
            ScopeField::Branch => "branch",
            ScopeField::Brand => "brand",
        }
    }
}

/// One part of the organization: `department=Sales`, `branch=Lyon`, `brand=Acme`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Scope {
    pub field: ScopeField,
    pub value: String,
}

impl Scope {
    pub fn parse(raw: &str) -> Result<Scope> {
        let refuse = |reason: &str| Error::invalid("scope", raw, reason);
        let Some((field, value)) = raw.split_once('=') else {
            return Err(refuse("is not FIELD=VALUE (department=Sales, branch=Lyon or brand=Acme)"));
        };
        let field = match field.trim().to_ascii_lowercase().as_str() {
            "department" => ScopeField::Department,
            "branch" => ScopeField::Branch,
            "brand" => ScopeField::Brand,
            _ => return Err(refuse("names a field other than department, branch or brand")),
        };
        let value = types::text("scope", value)?;
        if value.contains(['\n', '\r']) {
            // Stored one a line: a line break would store two parts.
            return Err(refuse("must be on one line"));
        }
        Ok(Scope { field, value })
    }

    /// Whether a user placed at `placement` is in this part. Departments and
    /// branches compare as their columns do (ASCII case ignored), brands exactly.
    pub fn holds(&self, placement: &Placement) -> bool {
        match self.field {
            ScopeField::Department => placement.department.is_some_and(|d| d.eq_ignore_ascii_case(&self.value)),
            ScopeField::Branch => placement.branch.is_some_and(|b| b.eq_ignore_ascii_case(&self.value)),
            ScopeField::Brand => placement.brands.contains(&self.value),
        }
    }

    /// The same part, whatever the case of a department or branch.
    fn same(&self, other: &Scope) -> bool {
        self.field == other.field && self.key() == other.key()
    }

    /// The value as parts compare: a department or branch without ASCII case.
    fn key(&self) -> String {
        match self.field {
            ScopeField::Brand => self.value.clone(),
            _ => self.value.to_ascii_lowercase(),
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={}", self.field.name(), self.value)
    }
}

/// Where a user belongs, as scopes see it.
#[derive(Debug, Clone, Copy)]
pub struct Placement<'a> {
    pub department: Option<&'a str>,
    pub branch: Option<&'a str>,
    pub brands: &'a [String],
}

/// Whom an ability reaches: everyone, or the users in any of some parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    Everyone,
    /// Never empty, sorted, each part once.
    Within(Vec<Scope>),
}

impl Reach {
    /// The reach of a grant to these parts (none: everyone).
    pub fn of(scopes: Vec<Scope>) -> Reach {
        let mut scopes = scopes;
        scopes.sort_by_cached_key(|s| (s.field, s.key()));
        scopes.dedup_by(|a, b| a.same(b));
        if scopes.is_empty() { Reach::Everyone } else { Reach::Within(scopes) }
    }

    pub fn holds(&self, placement: &Placement) -> bool {
        match self {
            Reach::Everyone => true,
            Reach::Within(scopes) => scopes.iter().any(|s| s.holds(placement)),
        }
    }

    /// Whether everyone `other` reaches is reached by this.
    pub fn covers(&self, other: &Reach) -> bool {
        match (self, other) {
            (Reach::Everyone, _) => true,
            (Reach::Within(_), Reach::Everyone) => false,
            (Reach::Within(mine), Reach::Within(theirs)) => theirs.iter().all(|t| mine.iter().any(|m| m.same(t))),
        }
    }

    /// Both reaches together: what holding two grants of one ability reaches.
    pub fn join(&self, other: &Reach) -> Reach {
        match (self, other) {
            (Reach::Within(a), Reach::Within(b)) => Reach::of(a.iter().chain(b).cloned().collect()),
            _ => Reach::Everyone,
        }
    }

    /// The parts both reach: what a change needing two abilities may touch.
    pub fn meet(&self, other: &Reach) -> Option<Reach> {
        match (self, other) {
            (Reach::Everyone, r) | (r, Reach::Everyone) => Some(r.clone()),
            (Reach::Within(a), Reach::Within(b)) => {
                let both: Vec<Scope> = a.iter().filter(|s| b.iter().any(|t| t.same(s))).cloned().collect();
                (!both.is_empty()).then(|| Reach::of(both))
            }
        }
    }

    /// Without the parts of `other`; `None` when nothing is left.
    pub fn without(&self, other: &[Scope]) -> Option<Reach> {
        match self {
            Reach::Everyone => Some(Reach::Everyone),
            Reach::Within(scopes) => {
                let left: Vec<Scope> = scopes.iter().filter(|s| !other.iter().any(|o| o.same(s))).cloned().collect();
                (!left.is_empty()).then(|| Reach::of(left))
            }
        }
    }

    pub fn scopes(&self) -> &[Scope] {
        match self {
            Reach::Everyone => &[],
            Reach::Within(scopes) => scopes,
        }
    }

    /// As stored: `None` for everyone, else the parts, one `field=value` a line.
    pub fn to_stored(&self) -> Option<String> {
        match self {
            Reach::Everyone => None,
            Reach::Within(scopes) => Some(scopes.iter().map(Scope::to_string).collect::<Vec<_>>().join("\n")),
        }
    }

    pub fn from_stored(stored: Option<&str>) -> Result<Reach> {
        match stored {
            None => Ok(Reach::Everyone),
            Some(text) => match Reach::of(text.lines().map(Scope::parse).collect::<Result<_>>()?) {
                // A stored scope with no parts is damage, never "everyone".
                Reach::Everyone => {
                    Err(crate::error::Error::Internal(format!("a role grant's scope {text:?} names no part")))
                }
                within => Ok(within),
            },
        }
    }
}

impl fmt::Display for Reach {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reach::Everyone => f.write_str("everyone"),
            Reach::Within(scopes) => {
                let parts: Vec<String> = scopes.iter().map(Scope::to_string).collect();
                f.write_str(&parts.join(", "))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reach(parts: &[&str]) -> Reach {
        Reach::of(parts.iter().map(|p| Scope::parse(p).unwrap()).collect())
    }

    #[test]
    fn a_scope_is_a_known_field_and_a_value() {
        assert_eq!(Scope::parse(" Department = Sales ").unwrap().to_string(), "department=Sales");
        assert!(Scope::parse("department").is_err());
        assert!(Scope::parse("team=Sales").is_err());
        assert!(Scope::parse("brand=").is_err());
        assert!(Scope::parse("brand==x").is_err(), "a value is text that no spreadsheet runs");
        assert!(Scope::parse("department=Sales\nbrand=Acme").is_err(), "one part is one line");
        assert!(Reach::from_stored(Some("")).is_err());
        let odd = Reach::of(
            ["department=Sales", "department=Support", "department=sales"].map(|p| Scope::parse(p).unwrap()).to_vec(),
        );
        assert_eq!(odd.scopes().len(), 2, "{odd}");
    }

    #[test]
    fn reaches_cover_join_and_meet() {
        let (sales, support, both) = (
            reach(&["department=Sales"]),
            reach(&["department=Support"]),
            reach(&["department=Sales", "department=Support"]),
        );
        assert!(both.covers(&reach(&["department=support"])), "a department is named in any case");
        assert!(Reach::Everyone.covers(&sales));
        assert!(!sales.covers(&Reach::Everyone));
        assert!(both.covers(&sales) && both.covers(&support) && !sales.covers(&both));
        assert_eq!(sales.join(&support), both);
        assert_eq!(sales.meet(&support), None);
        assert_eq!(both.meet(&sales), Some(sales.clone()));
        assert_eq!(both.without(sales.scopes()), Some(reach(&["department=Support"])));
        assert_eq!(sales.without(sales.scopes()), None);
        assert_eq!(Reach::from_stored(both.to_stored().as_deref()).unwrap(), both);
    }

    #[test]
    fn a_user_is_in_a_part_by_department_branch_or_brand() {
        let brands = vec!["Acme".to_owned()];
        let ann = Placement { department: Some("sales"), branch: None, brands: &brands };
        assert!(reach(&["department=Sales"]).holds(&ann));
        assert!(reach(&["branch=Lyon", "brand=Acme"]).holds(&ann));
        assert!(!reach(&["brand=acme"]).holds(&ann), "brands compare exactly");
        assert!(!reach(&["branch=Lyon"]).holds(&ann));
    }
}

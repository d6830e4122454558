//! THE validator for user fields: `user add`, `user edit` and every CSV row
//! come through here, so a rule is written once.

use crate::error::{Error, Invalid, Result};
use crate::model::user::{Field, NewUser, Profile, Status, UserPatch};
use crate::types;

/// Checks one field's raw text. An empty text clears an optional field
/// (`Ok(None)`) and is an error for a required one.
pub fn validate(field: Field, raw: &str) -> Result<Option<String>, Invalid> {
    if raw.trim().is_empty() {
        if field.is_required() {
            return Err(Invalid {
                field: field.name().into(),
                value: raw.into(),
                reason: "is required and cannot be empty".into(),
            });
        }
        return Ok(None);
    }
    let checked = match field {
        Field::Email => types::Email::parse(raw).map(|e| e.as_str().to_owned()),
        Field::QuoteReplyTo => {
            types::Email::parse(raw).map(|e| e.as_str().to_owned()).map_err(|e| rename_field(e, field))
        }
        Field::Name | Field::Surname | Field::Department | Field::Branch | Field::SalesmanId => {
            types::text(field.name(), raw)
        }
        Field::Phone | Field::Mobile => types::phone(field.name(), raw),
        Field::Language => types::language(raw),
        Field::Timezone => types::timezone(raw),
        Field::Country => types::country(raw),
        Field::Kind => types::kind(raw),
        Field::RestrictToBrand => types::text(field.name(), raw),
        Field::AutoFilterBrands => types::yes_no(field.name(), raw),
    };
    match checked {
        Ok(value) => Ok(Some(value)),
        Err(Error::Invalid(invalid)) => Err(invalid),
        Err(other) => Err(Invalid {
            field: field.name().into(),
            value: crate::error::shown(raw.into()),
            reason: other.to_string(),
        }),
    }
}

fn rename_field(e: Error, field: Field) -> Error {
    match e {
        Error::Invalid(mut invalid) => {
            invalid.field = field.name().into();
            Error::Invalid(invalid)
        }
        other => other,
    }
}

/// Validates every given field, reporting all problems, not only the first.
/// A field given twice keeps its last value.
pub fn patch<'a>(input: impl IntoIterator<Item = (Field, &'a str)>) -> Result<UserPatch, Vec<Invalid>> {
    let mut patch = UserPatch::default();
    let mut errors = Vec::new();
    for (field, raw) in input {
        match validate(field, raw) {
            Ok(value) => {
                patch.changes.retain(|(f, _)| *f != field);
                patch.changes.push((field, value));
            }
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() { Ok(patch) } else { Err(errors) }
}

/// A whole new profile from a patch: required fields present, defaults filled.
pub fn new_profile(patch: &UserPatch) -> Result<Profile, Vec<Invalid>> {
    let mut profile = Profile::default();
    let mut errors = Vec::new();
    for field in Field::ALL {
        match patch.get(field).flatten() {
            Some(value) => profile.set(field, Some(value.to_owned())),
            None => match field.default_value() {
                Some(default) => profile.set(field, Some(default.to_owned())),
                None if field.is_required() => errors.push(Invalid {
                    field: field.name().into(),
                    value: String::new(),
                    reason: "is required".into(),
                }),
                None => {}
            },
        }
    }
    if errors.is_empty() { Ok(profile) } else { Err(errors) }
}

/// The user that `user add` (and a created CSV row) describes; roles default to `member`.
pub fn new_user<'a>(input: impl IntoIterator<Item = (Field, &'a str)>, roles: Vec<String>) -> Result<NewUser> {
    let first = |mut errors: Vec<Invalid>| Error::Invalid(errors.remove(0));
    let patch = patch(input).map_err(first)?;
    let profile = new_profile(&patch).map_err(first)?;
    let roles = if roles.is_empty() { vec!["member".to_owned()] } else { roles };
    Ok(NewUser { profile, roles, status: Status::Active, brands: Vec::new() })
}

/// A brands list, from a flag or a CSV cell: each item checked as text,
/// blanks left out, sorted, once each.
pub fn brands<'a>(items: impl IntoIterator<Item = &'a str>) -> Result<Vec<String>, Invalid> {
    let mut checked = items
        .into_iter()
        .filter(|b| !b.trim().is_empty())
        .map(|b| {
            types::text("brands", b).map_err(|e| match e {
                Error::Invalid(invalid) => invalid,
                other => {
                    Invalid { field: "brands".into(), value: crate::error::shown(b.into()), reason: other.to_string() }
                }
            })
        })
        .collect::<Result<Vec<_>, Invalid>>()?;
    checked.sort();
    checked.dedup();
    Ok(checked)
}

/// A user restricted to one brand works with it: `restrict_to_brand` is
/// one of `brands` (checked wherever either changes: add, edit, import).
pub fn check_brand_restriction(restrict: Option<&str>, brands: &[String]) -> Result<(), Invalid> {
    match restrict {
        Some(brand) if !brands.iter().any(|b| b == brand) => Err(Invalid {
            field: Field::RestrictToBrand.name().into(),
            value: crate::error::shown(brand.into()),
            reason: if brands.is_empty() {
                "is not one of the user's brands (they have none: give --brand too)".into()
            } else {
                format!("is not one of the user's brands ({})", brands.join(", "))
            },
        }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_clears_optional_and_refuses_required() {
        assert_eq!(validate(Field::Phone, "  ").unwrap(), None);
        let err = validate(Field::Surname, "").unwrap_err();
        assert_eq!(err.field, "surname");
    }

    #[test]
    fn quote_reply_to_errors_name_their_own_field() {
        let err = validate(Field::QuoteReplyTo, "nope").unwrap_err();
        assert_eq!(err.field, "quote_reply_to");
        assert_eq!(err.value, "nope");
    }

    #[test]
    fn patch_reports_every_bad_field() {
        let errors = patch([(Field::Email, "x"), (Field::Country, "ZZ"), (Field::Name, "Ana")]).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["email", "country"]);
    }

    #[test]
    fn new_user_fills_defaults_and_needs_names() {
        let user = new_user([(Field::Email, "a@b.test"), (Field::Name, "A"), (Field::Surname, "B")], vec![]).unwrap();
        assert_eq!(user.profile.get(Field::Language), Some("en"));
        assert_eq!(user.profile.get(Field::Timezone), Some("UTC"));
        assert_eq!(user.roles, ["member"]);
        let err = new_user([(Field::Email, "a@b.test"), (Field::Name, "A")], vec![]).unwrap_err();
        assert!(err.to_string().contains("surname"), "{err}");
    }
}

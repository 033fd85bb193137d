//! Checks of free input, each returning the value as it is stored or `BAD_USER_INPUT` naming the field.
//! Text is stored in Unicode NFC; control characters and bidirectional overrides are refused because they let an
//! entry display differently from what it says.

use std::{collections::HashSet, hash::Hash, str::FromStr};

use unicode_normalization::UnicodeNormalization;
use validator::{ValidateEmail, ValidateUrl};

use super::LanguageCode;
use crate::error::AppError;

pub(crate) const MAX_NAME_CHARS: usize = 300;
pub(crate) const MAX_TEXT_CHARS: usize = 10_000;

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

fn text(field: &str, raw: &str, max: usize, multiline: bool) -> Result<String, AppError> {
    let value: String = raw.trim().nfc().collect();
    if let Some(c) = value.chars().find(|c| is_bidi_control(*c)) {
        return Err(AppError::invalid(
            field,
            format!("contains the bidirectional control character U+{:04X}", c as u32),
        ));
    }
    let allowed = |c: char| multiline && (c == '\n' || c == '\t' || c == '\r');
    if let Some(c) = value.chars().find(|c| c.is_control() && !allowed(*c)) {
        return Err(AppError::invalid(field, format!("contains the control character U+{:04X}", c as u32)));
    }
    let len = value.chars().count();
    if len > max {
        return Err(AppError::invalid(field, format!("is {len} characters long; at most {max} are allowed")));
    }
    Ok(value)
}

/// A required name or title: not blank, one line, at most 300 characters.
pub(crate) fn name(field: &str, raw: &str) -> Result<String, AppError> {
    let value = text(field, raw, MAX_NAME_CHARS, false)?;
    if value.is_empty() {
        return Err(AppError::invalid(field, "must not be blank"));
    }
    Ok(value)
}

/// An optional short line (acronym, city, position …): at most 300 characters; blank means none.
pub(crate) fn short(field: &str, raw: &str) -> Result<Option<String>, AppError> {
    Ok(Some(text(field, raw, MAX_NAME_CHARS, false)?).filter(|v| !v.is_empty()))
}

/// Optional free text (notes, requirements …): several lines, at most 10,000 characters; blank means none.
pub(crate) fn free_text(field: &str, raw: &str) -> Result<Option<String>, AppError> {
    Ok(Some(text(field, raw, MAX_TEXT_CHARS, true)?).filter(|v| !v.is_empty()))
}

pub(crate) fn email(field: &str, raw: &str) -> Result<Option<String>, AppError> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(None);
    }
    if value.chars().count() > MAX_NAME_CHARS || !value.validate_email() {
        return Err(AppError::invalid(field, format!("`{value}` is not an e-mail address")));
    }
    Ok(Some(value.to_owned()))
}

/// A phone or fax number in international form, parsed and stored as E.164 (`+33123456789`).
pub(crate) fn e164(field: &str, raw: &str) -> Result<Option<String>, AppError> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(None);
    }
    if !value.starts_with('+') {
        return Err(AppError::invalid(
            field,
            format!("`{value}` must be in international form, starting with + and the country code"),
        ));
    }
    match phonenumber::parse(None, value) {
        Ok(number) if phonenumber::is_valid(&number) => {
            Ok(Some(number.format().mode(phonenumber::Mode::E164).to_string()))
        }
        _ => Err(AppError::invalid(field, format!("`{value}` is not a valid international phone number"))),
    }
}

pub(crate) fn http_url(field: &str, raw: &str) -> Result<Option<String>, AppError> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let lower = value.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) || !value.validate_url() {
        return Err(AppError::invalid(field, format!("`{value}` is not an http(s) address")));
    }
    if value.chars().count() > MAX_NAME_CHARS * 2 {
        return Err(AppError::invalid(field, "is too long for an address"));
    }
    Ok(Some(value.to_owned()))
}

/// An IANA time zone name, e.g. `Europe/Paris`.
pub(crate) fn time_zone(field: &str, raw: &str) -> Result<Option<String>, AppError> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(None);
    }
    chrono_tz::Tz::from_str(value)
        .map(|tz| Some(tz.name().to_owned()))
        .map_err(|_| AppError::invalid(field, format!("`{value}` is not an IANA time zone such as Europe/Paris")))
}

/// A new code for a convention, legal basis or network: capital letters, digits and `_`, at most 40.
pub(crate) fn code(field: &str, raw: &str) -> Result<String, AppError> {
    let code = super::canonical_code(raw);
    let valid = !code.is_empty()
        && code.len() <= 40
        && code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
    match valid {
        true => Ok(code),
        false => Err(AppError::invalid(field, "use capital letters, digits and _, at most 40 (e.g. EJN)")),
    }
}

/// A list given once per value.
pub(crate) fn unique<T: Eq + Hash + Clone + std::fmt::Debug>(field: &str, values: Vec<T>) -> Result<Vec<T>, AppError> {
    let mut seen = HashSet::new();
    for v in &values {
        if !seen.insert(v.clone()) {
            return Err(AppError::invalid(field, format!("lists {v:?} more than once")));
        }
    }
    Ok(values)
}

/// ISO 639 codes, each existing and given once, in canonical form.
pub(crate) fn languages(field: &str, raw: &[String]) -> Result<Vec<String>, AppError> {
    let codes = raw
        .iter()
        .map(|r| LanguageCode::parse(field, r).map(|c| c.as_str().to_owned()))
        .collect::<Result<Vec<_>, _>>()?;
    unique(field, codes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_normalized_and_checked() {
        assert_eq!(name("n", "  Ministe\u{300}re ").unwrap(), "Ministère");
        assert!(name("n", "   ").is_err());
        assert!(name("n", "evil\u{202E}txt").is_err());
        assert!(name("n", "bell\u{7}").is_err());
        assert!(name("n", &"x".repeat(301)).is_err());
        assert_eq!(free_text("t", "line 1\nline 2").unwrap().unwrap(), "line 1\nline 2");
        assert!(name("n", "line 1\nline 2").is_err());
    }

    #[test]
    fn contact_details_are_checked() {
        assert_eq!(e164("p", "+33 1 42 75 80 00").unwrap().unwrap(), "+33142758000");
        assert!(e164("p", "01 42 75 80 00").is_err());
        assert!(e164("p", "+999 123").is_err());
        assert!(email("e", "someone@example.org").unwrap().is_some());
        assert!(email("e", "not-an-address").is_err());
        assert!(http_url("w", "https://example.org/x").unwrap().is_some());
        assert!(http_url("w", "javascript:alert(1)").is_err());
        assert!(http_url("w", "ftp://example.org").is_err());
        assert_eq!(time_zone("z", "Europe/Paris").unwrap().unwrap(), "Europe/Paris");
        assert!(time_zone("z", "Mars/Olympus").is_err());
        assert!(languages("l", &["fr".into(), "fra".into()]).is_err(), "the same language twice");
    }
}

use std::fmt;

use crate::error::{AppError, Problem};

/// The canonical form of a convention, legal-basis or network code: codes are matched in any case (`untoc` is
/// `UNTOC`).
pub fn canonical_code(raw: &str) -> String {
    raw.trim().to_ascii_uppercase()
}

/// An ISO 3166-1 alpha-3 code in canonical upper case (`XKX` and `EUU` included). Whether the code names a State the
/// directory knows is a question for the database, not for this type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Iso3(String);

impl Iso3 {
    /// Accepts any case and surrounding spaces, as portals pass codes typed by people.
    pub fn parse(field: &str, raw: &str) -> Result<Self, AppError> {
        let code = raw.trim().to_ascii_uppercase();
        if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(Self(code))
        } else {
            Err(AppError::problem(field, Problem::NotIso3 { value: shown(raw) }))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Iso3 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<Iso3> for String {
    fn from(code: Iso3) -> Self {
        code.0
    }
}

/// An ISO 639 language code that exists: ISO 639-1 (`fr`) or ISO 639-3 (`fra`, `quz`). Stored in the shortest form
/// ISO 639 has for the language, so `fra` and `fr` are the same language to filters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LanguageCode(String);

impl LanguageCode {
    pub fn parse(field: &str, raw: &str) -> Result<Self, AppError> {
        let code = raw.trim().to_ascii_lowercase();
        let language = match code.len() {
            2 => isolang::Language::from_639_1(&code),
            3 => isolang::Language::from_639_3(&code),
            _ => None,
        };
        match language {
            Some(l) => Ok(Self(l.to_639_1().map_or_else(|| l.to_639_3().to_owned(), str::to_owned))),
            None => Err(AppError::problem(field, Problem::NotLanguage { value: shown(raw) })),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Client input as quoted back in a message: trimmed and cut to 40 characters, so an answer never repeats a long
/// input at length.
pub fn shown(raw: &str) -> String {
    let raw = raw.trim();
    match raw.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &raw[..cut]),
        None => raw.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_codes_exist_and_are_canonical() {
        assert_eq!(LanguageCode::parse("l", "FR").unwrap().as_str(), "fr");
        assert_eq!(LanguageCode::parse("l", "fra").unwrap().as_str(), "fr");
        assert_eq!(LanguageCode::parse("l", "quz").unwrap().as_str(), "quz");
        assert!(LanguageCode::parse("l", "xx").is_err());
        assert!(LanguageCode::parse("l", "french").is_err());
    }

    #[test]
    fn iso3_codes_are_three_letters() {
        assert_eq!(Iso3::parse("s", " fra ").unwrap().as_str(), "FRA");
        assert!(Iso3::parse("s", "FR").is_err());
        assert!(Iso3::parse("s", "F1A").is_err());
    }
}

use std::fmt;

use crate::error::AppError;

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
            Err(AppError::invalid(
                field,
                format!("`{raw}` is not an ISO 3166-1 alpha-3 code (three letters, e.g. FRA)"),
            ))
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

use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

/// Folds text for searching: canonical decomposition, combining marks dropped, lower case, runs of whitespace made
/// one space. "Ministère de la Justice" and "MINISTERE  de la justice" fold to the same string. Applied both to the
/// stored `search_text` and to the query, so SQLite and PostgreSQL match alike whatever their collation.
pub fn fold(text: &str) -> String {
    let stripped: String = text.nfd().filter(|c| !is_combining_mark(*c)).collect();
    stripped.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_accents_case_and_spaces() {
        assert_eq!(fold("Ministère de la  Justice"), "ministere de la justice");
        assert_eq!(fold("CÔTE D'IVOIRE"), "cote d'ivoire");
        assert_eq!(fold("Türkiye"), "turkiye");
    }
}

use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

/// Folds text for searching: canonical decomposition, combining marks dropped, lower case, runs of whitespace made
/// one space. "Ministère de la Justice" and "MINISTERE  de la justice" fold to the same string. Applied both to the
/// stored `search_text` and to the query, so SQLite and PostgreSQL match alike whatever their collation.
pub fn fold(text: &str) -> String {
    let stripped: String = text.nfd().filter(|c| !is_combining_mark(*c)).collect();
    stripped.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The folded text with Cyrillic and Greek letters that look like Latin ones replaced by them: two names with the
/// same skeleton look the same on screen. "Ministry of Justice" with a Cyrillic М has the skeleton of the Latin one.
pub fn skeleton(text: &str) -> String {
    fold(text)
        .chars()
        .map(|c| match c {
            'а' | 'α' => 'a',
            'в' | 'β' => 'b',
            'с' | 'ϲ' => 'c',
            'е' | 'ё' | 'ε' => 'e',
            'һ' => 'h',
            'і' | 'ι' | 'ї' => 'i',
            'ј' => 'j',
            'к' | 'κ' => 'k',
            'м' | 'μ' => 'm',
            'н' | 'η' => 'h',
            'о' | 'ο' | 'σ' => 'o',
            'р' | 'ρ' => 'p',
            'ѕ' => 's',
            'т' | 'τ' => 't',
            'у' | 'γ' => 'y',
            'х' | 'χ' => 'x',
            'ԁ' => 'd',
            'ԛ' => 'q',
            'ԝ' => 'w',
            'ν' => 'v',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{fold, skeleton};

    #[test]
    fn look_alikes_share_a_skeleton() {
        assert_eq!(skeleton("\u{041C}inistry of Justice"), skeleton("Ministry of Justice"));
        assert_eq!(skeleton("Ministèrе"), "ministere", "a Cyrillic е");
        assert_ne!(skeleton("Министерство юстиции"), skeleton("Ministry of Justice"));
    }

    #[test]
    fn folds_accents_case_and_spaces() {
        assert_eq!(fold("Ministère de la  Justice"), "ministere de la justice");
        assert_eq!(fold("CÔTE D'IVOIRE"), "cote d'ivoire");
        assert_eq!(fold("Türkiye"), "turkiye");
    }
}

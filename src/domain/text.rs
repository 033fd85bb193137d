use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};
use unicode_security::confusable_detection as unicode_security;

/// Folds text for searching: canonical decomposition, combining marks dropped, lower case, runs of whitespace made
/// one space. "Ministère de la Justice" and "MINISTERE  de la justice" fold to the same string. Applied both to the
/// stored `search_text` and to the query, so SQLite and PostgreSQL match alike whatever their collation.
pub fn fold(text: &str) -> String {
    let stripped: String = text.nfd().filter(|c| !is_combining_mark(*c)).collect();
    stripped.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a name looks like, for telling look-alikes apart: two names with the same skeleton look the same on
/// screen. Compatibility forms are first made plain (NFKC: fullwidth `Ｍ`, mathematical bold `𝐌`), then the
/// confusables skeleton of Unicode's UTS #39 (which also drops default-ignorable characters such as variation
/// selectors) is taken before and after folding case and accents, so that a Cyrillic `М` and a Latin `m` meet.
/// The first pass leaves ASCII as it is: UTS #39 compares case as shown (`I` looks like `l`, `i` does not), and
/// names here compare regardless of case.
pub fn skeleton(text: &str) -> String {
    let mut buf = [0u8; 4];
    let latin: String = text
        .nfkc()
        .flat_map(|c| match c.is_ascii() {
            true => vec![c],
            false => unicode_security::skeleton(c.encode_utf8(&mut buf)).collect(),
        })
        .collect();
    unicode_security::skeleton(&fold(&latin)).collect()
}

#[cfg(test)]
mod tests {
    use super::{fold, skeleton};

    #[test]
    fn look_alikes_share_a_skeleton() {
        let plain = skeleton("Ministry of Justice");
        for look_alike in [
            "\u{041C}inistry of Justice",
            "\u{FF2D}inistry of Justice",
            "\u{1D40C}inistry of Justice",
            "Ministry\u{FE0F} of Justice",
            "MINISTRY OF JUSTICE",
            "Ministry of  Justice",
        ] {
            assert_eq!(skeleton(look_alike), plain, "{look_alike}");
        }
        assert_eq!(skeleton("Ministèrе"), skeleton("Ministère"), "a Cyrillic е");
        assert_ne!(skeleton("Министерство юстиции"), plain);
        assert_ne!(skeleton("Ministry of the Interior"), plain);
    }

    #[test]
    fn folds_accents_case_and_spaces() {
        assert_eq!(fold("Ministère de la  Justice"), "ministere de la justice");
        assert_eq!(fold("CÔTE D'IVOIRE"), "cote d'ivoire");
        assert_eq!(fold("Türkiye"), "turkiye");
    }
}

//! The six languages of the United Nations, and text in one of them.

use async_graphql::{Enum, SimpleObject};
use serde_json::Value;

/// A language of the United Nations.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Language {
    /// Arabic (`ar`).
    AR,
    /// Chinese (`zh`).
    ZH,
    /// English (`en`), the default.
    EN,
    /// French (`fr`).
    FR,
    /// Russian (`ru`).
    RU,
    /// Spanish (`es`).
    ES,
}

/// The language a request's `Accept-Language` prefers among the six, for fields whose `language` is left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Preferred(pub Language);

impl Language {
    pub(crate) const ALL: [Language; 6] = [Self::AR, Self::ZH, Self::EN, Self::FR, Self::RU, Self::ES];

    /// The language an `Accept-Language` header prefers among the six (by weight, then by order), if it names
    /// any: `fr-CH, fr;q=0.9, en;q=0.8` gives French; `de, en;q=0.5` gives English; `de` gives none.
    pub(crate) fn from_accept(header: &str) -> Option<Language> {
        let mut best: Option<(f32, Language)> = None;
        for range in header.split(',') {
            let mut parts = range.split(';');
            let tag = parts.next().unwrap_or("").trim();
            let primary = tag.split('-').next().unwrap_or("").to_ascii_lowercase();
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q=").and_then(|v| v.trim().parse::<f32>().ok()))
                .next()
                .unwrap_or(1.0);
            let Some(language) = Self::ALL.into_iter().find(|l| l.key() == primary) else { continue };
            if q > 0.0 && best.is_none_or(|(b, _)| q > b) {
                best = Some((q, language));
            }
        }
        best.map(|(_, l)| l)
    }

    /// The language a field uses: the one asked for, else the request's preference, else English.
    pub(crate) fn chosen(asked: Option<Language>, ctx: &async_graphql::Context<'_>) -> Language {
        asked.or_else(|| ctx.data_opt::<Preferred>().map(|p| p.0)).unwrap_or(Language::EN)
    }

    pub(crate) fn key(self) -> &'static str {
        match self {
            Self::AR => "ar",
            Self::ZH => "zh",
            Self::EN => "en",
            Self::FR => "fr",
            Self::RU => "ru",
            Self::ES => "es",
        }
    }
}

/// Text in a language: the one asked for where the directory has it, else English (`fallback` then says so).
#[derive(SimpleObject, Debug, Clone)]
pub(crate) struct LocalizedText {
    /// The text.
    pub text: String,
    /// The language the text is in: the one asked for, or English when `fallback` is `true`.
    pub language: Language,
    /// `true` when the text is in English because the directory lacks the language asked for.
    pub fallback: bool,
}

/// The text in `language` from a `{"fr": …}` map, else `english`. English is always the entry's own name or title,
/// which an administrator may correct; the map serves the other languages.
pub(crate) fn pick(texts: Option<&Value>, language: Language, english: &str) -> LocalizedText {
    let found = texts
        .filter(|_| language != Language::EN)
        .and_then(|t| t.get(language.key()))
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty());
    match found {
        Some(text) => LocalizedText { text: text.to_owned(), language, fallback: false },
        None => LocalizedText { text: english.to_owned(), language: Language::EN, fallback: language != Language::EN },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_a_un_language() {
        assert_eq!(Language::from_accept("fr-CH, fr;q=0.9, en;q=0.8"), Some(Language::FR));
        assert_eq!(Language::from_accept("de, en;q=0.5"), Some(Language::EN));
        assert_eq!(Language::from_accept("de-DE"), None);
        assert_eq!(Language::from_accept("en;q=0.2, es;q=0.7, ru;q=0"), Some(Language::ES));
        assert_eq!(Language::from_accept("zh-Hant-TW"), Some(Language::ZH));
        assert_eq!(Language::from_accept(""), None);
    }
}

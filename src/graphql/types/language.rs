//! The six languages of the United Nations, and text in one of them.

use async_graphql::{Enum, SimpleObject};
use serde_json::Value;

/// A language of the United Nations.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Language {
    AR,
    ZH,
    EN,
    FR,
    RU,
    ES,
}

impl Language {
    fn key(self) -> &'static str {
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
    pub text: String,
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

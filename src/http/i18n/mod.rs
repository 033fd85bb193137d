//! The reader's language on the pages: interface text from Fluent catalogues, one set per language of the United
//! Nations (`locales/<lang>/pages.ftl` for the public pages, `workspace.ftl` for the workspace, with each language's
//! plural rules), and dates, collation and language names from the Unicode CLDR through ICU4X (`locale.rs`).
//! Templates never hold interface text; they ask for a message.

mod locale;

use std::collections::HashMap;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

pub(crate) use crate::graphql::types::language::Language;
pub(crate) use locale::Locale;

/// The catalogues of each language, in the order of `Language::ALL`; part of the binary.
macro_rules! catalogues {
    ($($language:ident $code:literal),+) => {
        [$((Language::$language, [
            include_str!(concat!("../../../locales/", $code, "/pages.ftl")),
            include_str!(concat!("../../../locales/", $code, "/workspace.ftl")),
        ])),+]
    };
}
const CATALOGUES: [(Language, [&str; 2]); 6] = catalogues!(AR "ar", ZH "zh", EN "en", FR "fr", RU "ru", ES "es");

type Bundle = FluentBundle<FluentResource>;

static BUNDLES: LazyLock<HashMap<&'static str, Bundle>> = LazyLock::new(|| {
    CATALOGUES
        .into_iter()
        .map(|(language, texts)| {
            let id = language.key().parse().expect("a language of the United Nations is a language identifier");
            let mut bundle = Bundle::new_concurrent(vec![id]);
            // Arabic text holds Latin names and numbers: Fluent wraps each value in isolation marks (FSI … PDI)
            // so that a phone number or a Latin name keeps its own direction inside a right-to-left sentence.
            // Left-to-right languages need none, and tests can read their text plainly.
            bundle.set_use_isolating(language == Language::AR);
            for text in texts {
                // The catalogues ship in the binary and a unit test parses each: a failure here is a packaging bug.
                let resource = FluentResource::try_new(text.to_owned()).expect("a catalogue parses");
                bundle.add_resource(resource).expect("a catalogue defines each message once");
            }
            (language.key(), bundle)
        })
        .collect()
});

/// Arguments of a message, as `t!` builds them.
pub(crate) type Args<'a> = FluentArgs<'a>;

/// A value for a message argument: text or a number (numbers choose the plural form).
pub(crate) fn arg<'a>(value: impl Into<FluentValue<'a>>) -> FluentValue<'a> {
    value.into()
}

/// The reader's language: its catalogue, its CLDR data, its direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Lang(pub(crate) Language);

impl Default for Lang {
    fn default() -> Self {
        Self(Language::EN)
    }
}

impl Lang {
    /// `?lang=` when it names one of the six, else the browser's `Accept-Language` among them, else English.
    pub(crate) fn choose(asked: Option<&str>, accept: Option<&str>) -> Self {
        let asked = asked.map(str::trim).map(str::to_ascii_lowercase);
        let named = asked.and_then(|a| Language::ALL.into_iter().find(|l| l.key() == a));
        Self(named.or_else(|| accept.and_then(Language::from_accept)).unwrap_or(Language::EN))
    }

    pub(crate) fn code(self) -> &'static str {
        self.0.key()
    }

    pub(crate) fn rtl(self) -> bool {
        self.0 == Language::AR
    }

    pub(crate) fn dir(self) -> &'static str {
        if self.rtl() { "rtl" } else { "ltr" }
    }

    /// The message `id` with `args`; the English message where this catalogue lacks it (a unit test keeps every
    /// catalogue complete, so this only guards a release against a blank).
    pub(crate) fn message(self, id: &str, args: Option<&Args<'_>>) -> String {
        self.try_message(id, args).unwrap_or_else(|| id.to_owned())
    }

    /// The message `id` in this language, else in English, if either catalogue has it.
    pub(crate) fn try_message(self, id: &str, args: Option<&Args<'_>>) -> Option<String> {
        let text = |language: &str| {
            let bundle = BUNDLES.get(language)?;
            let pattern = bundle.get_message(id)?.value()?;
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, args, &mut errors).into_owned();
            if !errors.is_empty() {
                tracing::warn!(message = id, language, ?errors, "a message was formatted with errors");
            }
            Some(text)
        };
        text(self.code()).or_else(|| text("en"))
    }

    /// The reader's CLDR data: collation, dates, language names.
    pub(crate) fn locale(self) -> &'static Locale {
        Locale::of(self.0)
    }
}

/// Interface text: `t!(lang, "message-id")` or `t!(lang, "message-id", name = value, count = n)`.
macro_rules! t {
    ($lang:expr, $id:literal) => {
        $lang.message($id, None)
    };
    ($lang:expr, $id:literal, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = $crate::http::i18n::Args::new();
        $(args.set(stringify!($name), $crate::http::i18n::arg($value));)+
        $lang.message($id, Some(&args))
    }};
}
pub(crate) use t;

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use fluent_syntax::ast::Entry;

    use super::*;

    fn ids(text: &str) -> BTreeSet<String> {
        let resource = fluent_syntax::parser::parse(text).unwrap_or_else(|(_, errors)| panic!("{errors:?}"));
        resource
            .body
            .iter()
            .filter_map(|e| match e {
                Entry::Message(m) => Some(m.id.name.to_owned()),
                _ => None,
            })
            .collect()
    }

    /// Every catalogue parses and has every message English has, and none English lacks.
    #[test]
    fn every_catalogue_has_every_message_of_english() {
        let all = |texts: [&str; 2]| texts.iter().flat_map(|t| ids(t)).collect::<BTreeSet<String>>();
        let english = all(CATALOGUES[2].1);
        assert!(english.len() > 50, "the English catalogue is the reference");
        for (language, texts) in CATALOGUES {
            let found = all(texts);
            let missing: Vec<_> = english.difference(&found).collect();
            let extra: Vec<_> = found.difference(&english).collect();
            assert!(missing.is_empty(), "{} lacks {missing:?}", language.key());
            assert!(extra.is_empty(), "{} has messages English lacks: {extra:?}", language.key());
            for id in &english {
                let lang = Lang(language);
                assert!(!lang.message(id, None).trim().is_empty(), "{}: {id} is blank", language.key());
            }
        }
        assert_eq!(BUNDLES.len(), 6);
    }

    #[test]
    fn plurals_follow_each_language() {
        let count = |lang: Language, n: i64| t!(Lang(lang), "authorities-count", count = n);
        assert_eq!(count(Language::EN, 1), "1 authority");
        assert_eq!(count(Language::EN, 4), "4 authorities");
        assert_eq!(count(Language::FR, 1), "1 autorité");
        assert_eq!(count(Language::FR, 2), "2 autorités");
        assert_eq!(count(Language::RU, 1), "1 орган");
        assert_eq!(count(Language::RU, 3), "3 органа");
        assert_eq!(count(Language::RU, 5), "5 органов");
        assert_eq!(count(Language::RU, 21), "21 орган");
        assert!(count(Language::AR, 2).contains("سلطتان"), "{}", count(Language::AR, 2));
    }

    #[test]
    fn the_language_follows_the_query_then_the_browser() {
        assert_eq!(Lang::choose(Some("fr"), Some("es")).code(), "fr");
        assert_eq!(Lang::choose(Some("AR"), None).code(), "ar");
        assert_eq!(Lang::choose(Some("de"), Some("ru, en;q=0.5")).code(), "ru");
        assert_eq!(Lang::choose(None, Some("de")).code(), "en");
        assert_eq!(Lang::choose(None, None).code(), "en");
    }
}

//! Labels of enumeration values in the languages of the United Nations, for portals that show a function, a
//! channel or a status in the reader's language rather than as `MUTUAL_LEGAL_ASSISTANCE`.

use async_graphql::{Enum, SimpleObject};
use sea_orm::{ActiveEnum, Iterable};

use super::{Language, LocalizedText};
use crate::db::reference::labels::{Label, label};
use crate::domain::{AuthorityFunction, Channel, MembershipStatus, PartyStatus, StateStatus, enum_name};

/// An enumeration whose values have labels.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LabelledEnum {
    /// The values of `AuthorityFunction`.
    AuthorityFunction,
    /// The values of `Channel`.
    Channel,
    /// The values of `PartyStatus`.
    PartyStatus,
    /// The values of `StateStatus`.
    StateStatus,
    /// The values of `MembershipStatus`.
    MembershipStatus,
}

impl LabelledEnum {
    pub(crate) const ALL: [LabelledEnum; 5] =
        [Self::AuthorityFunction, Self::Channel, Self::PartyStatus, Self::StateStatus, Self::MembershipStatus];

    /// The enumeration's name in the API and in `data/labels.json`.
    fn key(self) -> &'static str {
        match self {
            Self::AuthorityFunction => "AuthorityFunction",
            Self::Channel => "Channel",
            Self::PartyStatus => "PartyStatus",
            Self::StateStatus => "StateStatus",
            Self::MembershipStatus => "MembershipStatus",
        }
    }

    /// Every value of the enumeration, in the order of the schema.
    pub(crate) fn values(self) -> Vec<String> {
        fn all<E: ActiveEnum<Value = String> + Iterable>() -> Vec<String> {
            E::iter().map(|v| enum_name(&v)).collect()
        }
        match self {
            Self::AuthorityFunction => all::<AuthorityFunction>(),
            Self::Channel => all::<Channel>(),
            Self::PartyStatus => all::<PartyStatus>(),
            Self::StateStatus => all::<StateStatus>(),
            Self::MembershipStatus => all::<MembershipStatus>(),
        }
    }
}

/// A value of an enumeration and its label: the term the conventions' texts or the UN's pages use for it, and where
/// it was read.
#[derive(SimpleObject, Debug, Clone)]
pub(crate) struct EnumLabel {
    /// The enumeration the value belongs to.
    #[graphql(name = "enum")]
    enumeration: LabelledEnum,
    /// The value as the schema names it, e.g. `MUTUAL_LEGAL_ASSISTANCE`.
    value: String,
    /// The label in the language asked for where a source gives it, else in English (`fallback` then says so);
    /// `null` where no source the directory has found gives the value a term, in that language or in English.
    label: Option<LocalizedText>,
    /// Where the label is written (a citation: the text, its edition, the article or heading).
    source: Option<String>,
    /// The source's address, where it has one.
    source_url: Option<String>,
}

impl EnumLabel {
    /// The label of one value in `language`, else in English.
    pub(crate) fn of(enumeration: LabelledEnum, value: String, language: Language) -> Self {
        let in_language = |l: Language| label(enumeration.key(), &value, l.key()).map(|found| (l, found));
        let found = in_language(language).or_else(|| in_language(Language::EN));
        let (label, source, source_url) = match found {
            Some((l, Label { label, source, source_url })) => (
                Some(LocalizedText { text: label.clone(), language: l, fallback: l != language }),
                Some(source.clone()),
                source_url.clone(),
            ),
            None => (None, None, None),
        };
        Self { enumeration, value, label, source, source_url }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::reference::labels::labels;

    /// A label for a value the schema does not have would never be served: the file and the enumerations agree.
    #[test]
    fn every_shipped_label_names_a_value_of_the_schema() {
        for (enumeration, values) in labels() {
            let Some(known) = LabelledEnum::ALL.into_iter().find(|e| e.key() == enumeration) else {
                panic!("data/labels.json names {enumeration}, which is not a labelled enumeration");
            };
            let known_values = known.values();
            for (value, languages) in values {
                assert!(known_values.contains(value), "{enumeration}.{value} is not a value of the schema");
                for language in languages.keys() {
                    assert!(
                        Language::ALL.iter().any(|l| l.key() == language),
                        "{enumeration}.{value}: {language} is not a language of the United Nations"
                    );
                }
            }
        }
    }

    #[test]
    fn a_missing_language_falls_back_to_english_and_says_so() {
        let found = EnumLabel::of(LabelledEnum::AuthorityFunction, "EXTRADITION".into(), Language::FR);
        assert_eq!(found.label.as_ref().map(|l| (l.language, l.fallback)), Some((Language::FR, false)));
        // UNTOC art. 31's heading is sourced in English only.
        let english = EnumLabel::of(LabelledEnum::AuthorityFunction, "CRIME_PREVENTION".into(), Language::FR);
        assert_eq!(english.label.as_ref().map(|l| (l.language, l.fallback)), Some((Language::EN, true)));
        assert!(english.source.is_some());
        let unknown = EnumLabel::of(LabelledEnum::AuthorityFunction, "NOT_A_VALUE".into(), Language::FR);
        assert!(unknown.label.is_none() && unknown.source.is_none());
    }
}

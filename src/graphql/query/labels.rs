use async_graphql::{Context, Object};

use crate::graphql::types::{EnumLabel, LabelledEnum, Language};

#[derive(Default)]
pub(super) struct LabelQuery;

#[Object]
impl LabelQuery {
    /// Every value of an enumeration (or of all the labelled ones) with its label in a language of the United
    /// Nations: the one asked for, else the request's `Accept-Language`, else English; in English where the
    /// directory has no sourced term in that language (`label.fallback` says so), and `null` where it has none at
    /// all. Each label answers the text it is taken from.
    #[graphql(
        complexity = "crate::graphql::schema::ROOT_COST + crate::graphql::schema::NETWORK_LIST * child_complexity"
    )]
    async fn enum_labels(
        &self,
        ctx: &Context<'_>,
        #[graphql(name = "enum", desc = "The enumeration wanted; left out, every labelled enumeration.")]
        enumeration: Option<LabelledEnum>,
        #[graphql(desc = "The language wanted; left out, the request's `Accept-Language`, else English.")]
        language: Option<Language>,
    ) -> Vec<EnumLabel> {
        let language = Language::chosen(language, ctx);
        let enumerations = match enumeration {
            Some(e) => vec![e],
            None => LabelledEnum::ALL.to_vec(),
        };
        enumerations
            .into_iter()
            .flat_map(|e| e.values().into_iter().map(move |value| EnumLabel::of(e, value, language)))
            .collect()
    }
}

use async_graphql::{ComplexObject, Context, Result, SimpleObject};

use super::{Date, Language, LocalizedText, NetworkMembership, StateParty};
use crate::db::entities::state;
use crate::domain::StateStatus;
use crate::graphql::loaders;
use crate::service::authorities::{AuthorityKey, key_of};
use crate::service::page::{Page, PageRequest};
use std::sync::Arc;

/// A State party or network member, or a territory or organization that takes part in its own right.
#[derive(SimpleObject, Debug, Clone)]
#[graphql(complex)]
pub(crate) struct State {
    /// ISO 3166-1 alpha-3 (`XKX` for Kosovo, `EUU` for the European Union).
    pub iso3: String,
    /// ISO 3166-1 alpha-2 (`FR`); `null` where ISO assigns none.
    pub iso2: Option<String>,
    /// UN M49 numeric code, three digits.
    pub m49: Option<String>,
    #[graphql(skip)]
    pub name: String,
    /// UN M49 region.
    pub region: Option<String>,
    /// UN M49 sub-region, or intermediate region where M49 has one.
    pub subregion: Option<String>,
    /// UN M49 intermediate region (e.g. "Channel Islands").
    pub intermediate_region: Option<String>,
    /// Whether the entry is a UN Member State, an observer State, another State, a territory or an organization.
    pub status: StateStatus,
    /// A note the name is shown with, e.g. Kosovo's "in the context of Security Council resolution 1244 (1999)".
    pub note: Option<String>,
    /// Where this fact comes from (a citation).
    pub source: Option<String>,
    /// The source's address, where it has one.
    pub source_url: Option<String>,
    /// The date the fact is true as of.
    pub as_of: Option<Date>,
    #[graphql(skip)]
    pub names: Option<serde_json::Value>,
    #[graphql(skip)]
    pub parent_iso3: Option<String>,
}

impl State {
    fn name_in(&self, language: Language) -> LocalizedText {
        super::language::pick(self.names.as_ref(), language, &self.name)
    }
}

impl From<state::Model> for State {
    fn from(m: state::Model) -> Self {
        Self {
            iso3: m.iso3,
            iso2: m.iso2,
            m49: m.m49,
            name: m.name,
            region: m.region,
            subregion: m.subregion,
            status: m.status,
            parent_iso3: m.parent_iso3,
            intermediate_region: m.intermediate_region,
            note: m.note,
            names: m.names,
            source: m.source,
            source_url: m.source_url,
            as_of: m.as_of.map(Date),
        }
    }
}

super::connection::connection!(
    StateConnection,
    StateEdge,
    State,
    total = "States matching the filter across all pages.",
    exact = "Always true: every matching State is counted."
);

#[ComplexObject]
impl State {
    /// The name in a language of the United Nations (UN M49 names): the one asked for, else the request's
    /// `Accept-Language`, else English; English too where the directory lacks the language (`nameIn` says which).
    async fn name(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The language wanted; left out, the request's `Accept-Language`, else English.")]
        language: Option<Language>,
    ) -> String {
        self.name_in(Language::chosen(language, ctx)).text
    }

    /// The name in a language of the United Nations, and which language it is in.
    #[graphql(name = "nameIn")]
    async fn localized_name(&self, #[graphql(desc = "The language wanted.")] language: Language) -> LocalizedText {
        self.name_in(language)
    }

    /// The State a territory belongs to, e.g. the United Kingdom for Gibraltar; `null` for entries that are not a
    /// territory of another State.
    async fn parent(&self, ctx: &Context<'_>) -> Result<Option<Arc<State>>> {
        match &self.parent_iso3 {
            Some(code) => loaders::state(ctx, code).await,
            None => Ok(None),
        }
    }

    /// The networks this State takes part in.
    #[graphql(complexity = "crate::graphql::schema::NETWORK_LIST * child_complexity")]
    async fn memberships(&self, ctx: &Context<'_>) -> Result<Vec<NetworkMembership>> {
        loaders::many(&crate::graphql::loaders(ctx).memberships_by_state, self.iso3.clone()).await
    }

    /// The State's authorities, by name.
    #[graphql(complexity = "crate::graphql::schema::paged(first, child_complexity)")]
    async fn authorities(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many authorities to return: 0 to 100, 20 when left out.")] first: Option<i32>,
        #[graphql(desc = "The `endCursor` of the previous page; left out, the list starts at the beginning.")]
        after: Option<String>,
    ) -> Result<super::AuthorityConnection> {
        let page = PageRequest::<AuthorityKey>::parse(first, after.as_deref())?;
        let all = crate::graphql::loaders(ctx).authorities_by_state.load_one(self.iso3.clone()).await?;
        let all = all.as_deref().unwrap_or_default();
        let total = all.len() as u64;
        // The loader fetched every authority of the State in cursor order: the page is a slice of it, the only rows
        // copied.
        let rows: Vec<_> = all
            .iter()
            .filter(|a| page.after.as_ref().is_none_or(|k| key_of(a) > *k))
            .take(page.limit() as usize)
            .cloned()
            .collect();
        Ok(super::AuthorityConnection::from_page(Page::from_rows(rows, &page), key_of, Some(total)))
    }

    /// For every legal basis, whether the State has designated an authority and how fresh the entry is: owed where
    /// the State is a party (or its participation is unknown: `participation: UNKNOWN`).
    #[graphql(
        complexity = "crate::graphql::schema::ROOT_COST + crate::graphql::schema::NETWORK_LIST * child_complexity"
    )]
    async fn coverage(&self, ctx: &Context<'_>) -> Result<Vec<super::CoverageItem>> {
        let review = *ctx.data_unchecked::<crate::domain::ReviewPolicy>();
        let db = crate::graphql::db(ctx);
        let reads = crate::graphql::reads::reads(ctx);
        reads.tables(&crate::graphql::reads::REFERENCE);
        reads.state(&self.iso3);
        let authorities = crate::service::authorities::of_states(db, std::slice::from_ref(&self.iso3)).await?;
        reads.reviews(review, authorities.iter().map(|a| a.last_confirmed_at));
        let items = crate::service::coverage::of_state(db, &self.iso3, &authorities, review).await?;
        Ok(items.into_iter().map(Into::into).collect())
    }

    /// The State's status under each convention.
    #[graphql(complexity = "crate::graphql::schema::AUTHORITY_LIST * child_complexity")]
    async fn parties(&self, ctx: &Context<'_>) -> Result<Vec<StateParty>> {
        loaders::many(&crate::graphql::loaders(ctx).parties_by_state, self.iso3.clone()).await
    }
}

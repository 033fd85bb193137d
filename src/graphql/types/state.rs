use async_graphql::{ComplexObject, Context, Result, SimpleObject};

use super::{NetworkMembership, StateParty};
use crate::db::entities::state;
use crate::domain::StateStatus;
use crate::graphql::loaders;
use crate::service::authorities::{AuthorityKey, key_of};
use crate::service::page::{Page, PageRequest};

/// A State party or network member, or a territory or organization that takes part in its own right.
#[derive(SimpleObject, Debug, Clone)]
#[graphql(complex)]
pub(crate) struct State {
    /// ISO 3166-1 alpha-3 (`XKX` for Kosovo, `EUU` for the European Union).
    pub iso3: String,
    pub iso2: Option<String>,
    /// UN M49 numeric code, three digits.
    pub m49: Option<String>,
    pub name: String,
    /// UN M49 region.
    pub region: Option<String>,
    /// UN M49 sub-region, or intermediate region where M49 has one.
    pub subregion: Option<String>,
    pub status: StateStatus,
    #[graphql(skip)]
    pub parent_iso3: Option<String>,
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
        }
    }
}

super::connection::connection!(StateConnection, StateEdge, State);

#[ComplexObject]
impl State {
    /// The State a territory belongs to.
    async fn parent(&self, ctx: &Context<'_>) -> Result<Option<State>> {
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
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<super::AuthorityConnection> {
        let page = PageRequest::<AuthorityKey>::parse(first, after.as_deref())?;
        let all =
            crate::graphql::loaders(ctx).authorities_by_state.load_one(self.iso3.clone()).await?.unwrap_or_default();
        let total = all.len() as u64;
        // The loader fetched every authority of the State in cursor order: the page is a slice of it.
        let rows: Vec<_> = all
            .into_iter()
            .filter(|a| page.after.as_ref().is_none_or(|k| key_of(a) > *k))
            .take(page.limit() as usize)
            .collect();
        Ok(super::AuthorityConnection::from_page(Page::from_rows(rows, &page), key_of, Some(total)))
    }

    /// The State's status under each convention.
    #[graphql(complexity = "crate::graphql::schema::AUTHORITY_LIST * child_complexity")]
    async fn parties(&self, ctx: &Context<'_>) -> Result<Vec<StateParty>> {
        loaders::many(&crate::graphql::loaders(ctx).parties_by_state, self.iso3.clone()).await
    }
}

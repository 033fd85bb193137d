use async_graphql::{Context, InputObject, Object, Result};

use crate::domain::NetworkKind;
use crate::graphql::types::Network;
use crate::graphql::{db, loaders};
use crate::service::networks;
use std::sync::Arc;

/// Narrows `networks`; every given condition must hold.
#[derive(InputObject, Default)]
#[graphql(name = "NetworkFilter")]
pub(super) struct NetworkFilterInput {
    /// Networks of this kind.
    pub kind: Option<NetworkKind>,
    /// A word of the network's region, e.g. `Africa`; any case.
    pub region: Option<String>,
}

#[derive(Default)]
pub(super) struct NetworkQuery;

#[Object]
impl NetworkQuery {
    /// Networks, ordered by code.
    #[graphql(
        complexity = "crate::graphql::schema::ROOT_COST + crate::graphql::schema::NETWORK_LIST * child_complexity"
    )]
    async fn networks(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Conditions to meet; left out, every network.")] filter: Option<NetworkFilterInput>,
    ) -> Result<Vec<Network>> {
        let filter = filter.unwrap_or_default();
        let filter = networks::NetworkFilter { kind: filter.kind, region: filter.region };
        crate::graphql::reads::reads(ctx).tables(&crate::graphql::reads::REFERENCE);
        Ok(networks::list(db(ctx), &filter).await?.into_iter().map(Into::into).collect())
    }

    /// One network by code (any case); `null` when unknown.
    #[graphql(complexity = "crate::graphql::schema::ROOT_COST + child_complexity")]
    async fn network(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The network's code, e.g. `EJN` or `CARIN`.")] code: String,
    ) -> Result<Option<Arc<Network>>> {
        loaders::network(ctx, &crate::domain::canonical_code(&code)).await
    }
}

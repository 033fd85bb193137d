use async_graphql::{Context, Object, Result};

use crate::domain::AuthorityFunction;
use crate::graphql::db;
use crate::graphql::types::Route;
use crate::service::route;

#[derive(Default)]
pub(super) struct RouteQuery;

#[Object]
impl RouteQuery {
    /// Where a request for `function` from State `from` to State `to` goes: codes are ISO 3166-1 alpha-3, in any
    /// case. Unknown codes give an answer with a warning, never an error.
    #[graphql(
        complexity = "crate::graphql::schema::ROOT_COST + crate::graphql::schema::NETWORK_LIST * child_complexity"
    )]
    async fn route(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The requesting State, ISO 3166-1 alpha-3 (any case), e.g. `FRA`.")] from: String,
        #[graphql(desc = "The requested State, ISO 3166-1 alpha-3 (any case), e.g. `BRA`.")] to: String,
        #[graphql(desc = "The kind of cooperation sought, e.g. `MUTUAL_LEGAL_ASSISTANCE`.")]
        function: AuthorityFunction,
        #[graphql(desc = "The convention the request is based on, by code (e.g. `UNTOC`); left out, any.")]
        convention: Option<String>,
    ) -> Result<Route> {
        let review = *ctx.data_unchecked::<crate::domain::ReviewPolicy>();
        let route = route::find(db(ctx), &from, &to, function, convention.as_deref(), review).await?;
        // The requesting State's row and memberships are reference data; everything else is the requested
        // State's authorities, and their warnings change when a confirmation runs out.
        let reads = crate::graphql::reads::reads(ctx);
        reads.tables(&crate::graphql::reads::REFERENCE);
        if let Some(requested) = &route.requested {
            reads.state(&requested.iso3);
        }
        reads.reviews(review, route.authorities.iter().map(|a| a.last_confirmed_at));
        crate::graphql::loaders::ahead::authorities(ctx, ctx.look_ahead().field("authorities"), &route.authorities)
            .await?;
        Ok(route.into())
    }
}

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
        from: String,
        to: String,
        function: AuthorityFunction,
        convention: Option<String>,
    ) -> Result<Route> {
        let review = *ctx.data_unchecked::<crate::domain::ReviewPolicy>();
        Ok(route::find(db(ctx), &from, &to, function, convention.as_deref(), review).await?.into())
    }
}

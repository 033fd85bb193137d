use async_graphql::{Context, Object, Result};

use crate::domain::AuthorityFunction;
use crate::graphql::types::{Convention, LegalBasis};
use crate::graphql::{db, loaders};
use crate::service::conventions;

#[derive(Default)]
pub(super) struct ConventionQuery;

#[Object]
impl ConventionQuery {
    /// The conventions, in order of adoption.
    #[graphql(
        complexity = "crate::graphql::schema::ROOT_COST + crate::graphql::schema::NETWORK_LIST * child_complexity"
    )]
    async fn conventions(&self, ctx: &Context<'_>) -> Result<Vec<Convention>> {
        Ok(conventions::list(db(ctx)).await?.into_iter().map(Into::into).collect())
    }

    /// One convention by code (any case); `null` when unknown.
    #[graphql(complexity = "crate::graphql::schema::ROOT_COST + child_complexity")]
    async fn convention(&self, ctx: &Context<'_>, code: String) -> Result<Option<Convention>> {
        loaders::convention(ctx, &crate::domain::canonical_code(&code)).await
    }

    /// Legal bases, optionally of one convention and for one function.
    #[graphql(
        complexity = "crate::graphql::schema::ROOT_COST + crate::graphql::schema::NETWORK_LIST * child_complexity"
    )]
    async fn legal_bases(
        &self,
        ctx: &Context<'_>,
        convention: Option<String>,
        function: Option<AuthorityFunction>,
    ) -> Result<Vec<LegalBasis>> {
        let rows = conventions::legal_bases(db(ctx), convention.as_deref(), function).await?;
        Ok(rows.into_iter().map(Into::into).collect())
    }
}

use async_graphql::{Context, Object, Result};

use crate::domain::AuthorityFunction;
use crate::graphql::types::{Convention, LegalBasis};
use crate::graphql::{db, loaders};
use crate::service::conventions;
use std::sync::Arc;

#[derive(Default)]
pub(super) struct ConventionQuery;

#[Object]
impl ConventionQuery {
    /// One legal basis across the directory: how many parties to its convention have designated an authority under
    /// it, and which have not (e.g. parties to UNTOC without a central authority under art. 18(13): legal basis
    /// `UNTOC_18_13`), narrowed to an M49 region or sub-region and to a network's members.
    #[graphql(complexity = "crate::graphql::schema::ROOT_COST * 5 + child_complexity")]
    async fn legal_basis_coverage(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The legal basis's code, e.g. `UNTOC_18_13` (any case).")] legal_basis: String,
        #[graphql(desc = "Only parties in this UN M49 region, sub-region or intermediate region, e.g. `Africa`.")]
        region: Option<String>,
        #[graphql(desc = "Only parties that take part in this network, by code (e.g. `EJN`).")] network: Option<String>,
    ) -> Result<crate::graphql::types::LegalBasisCoverage> {
        let db = db(ctx);
        let code = crate::service::conventions::require_legal_basis(db, "legalBasis", &legal_basis).await?;
        let network = match network {
            Some(n) => Some(crate::service::networks::require_code(db, "network", &n).await?),
            None => None,
        };
        let d = crate::service::coverage::directory(db, &code, region.as_deref(), network.as_deref()).await?;
        Ok(d.into())
    }

    /// The conventions, in order of adoption.
    #[graphql(
        complexity = "crate::graphql::schema::ROOT_COST + crate::graphql::schema::NETWORK_LIST * child_complexity"
    )]
    async fn conventions(&self, ctx: &Context<'_>) -> Result<Vec<Convention>> {
        crate::graphql::reads::reads(ctx).table(crate::graphql::reads::Scope::Conventions);
        Ok(conventions::list(db(ctx)).await?.into_iter().map(Into::into).collect())
    }

    /// One convention by code (any case); `null` when unknown.
    #[graphql(complexity = "crate::graphql::schema::ROOT_COST + child_complexity")]
    async fn convention(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The convention's code, e.g. `UNTOC` or `UNCAC`.")] code: String,
    ) -> Result<Option<Arc<Convention>>> {
        loaders::convention(ctx, &crate::domain::canonical_code(&code)).await
    }

    /// Legal bases, optionally of one convention and for one function.
    #[graphql(
        complexity = "crate::graphql::schema::ROOT_COST + crate::graphql::schema::NETWORK_LIST * child_complexity"
    )]
    async fn legal_bases(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only the legal bases of this convention, by code (e.g. `UNCAC`, any case).")]
        convention: Option<String>,
        #[graphql(desc = "Only the legal bases that designate for this function.")] function: Option<AuthorityFunction>,
    ) -> Result<Vec<LegalBasis>> {
        crate::graphql::reads::reads(ctx).tables(&crate::graphql::reads::REFERENCE);
        let rows = conventions::legal_bases(db(ctx), convention.as_deref(), function).await?;
        Ok(rows.into_iter().map(Into::into).collect())
    }
}

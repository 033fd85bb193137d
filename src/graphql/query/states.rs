use async_graphql::{Context, InputObject, Object, Result};

use crate::domain::{Iso3, StateStatus};
use crate::graphql::types::{State, StateConnection};
use crate::graphql::{db, loaders};
use crate::service::{filters, page::PageRequest, states};
use std::sync::Arc;

/// Narrows `states`; every given condition must hold.
#[derive(InputObject, Default)]
#[graphql(name = "StateFilter")]
pub(super) struct StateFilterInput {
    /// Entries of this kind (UN Member States, territories …).
    pub status: Option<StateStatus>,
    /// A UN M49 region or sub-region, e.g. `Africa` or `Western Europe`; any case.
    pub region: Option<String>,
    /// A network code: States that take part in it, in any status.
    pub network: Option<String>,
    /// Part of the name, ISO alpha-2 or alpha-3 code; case and accents are ignored.
    pub search: Option<String>,
}

#[derive(Default)]
pub(super) struct StateQuery;

#[Object]
impl StateQuery {
    /// States and other parties, ordered by alpha-3 code.
    #[graphql(
        complexity = "crate::graphql::schema::searched(first, filter.as_ref().is_some_and(|f| f.search.is_some()), child_complexity)"
    )]
    async fn states(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Conditions the States must meet; left out, every entry.")] filter: Option<StateFilterInput>,
        #[graphql(desc = "How many States to return: 0 to 100, 20 when left out.")] first: Option<i32>,
        #[graphql(desc = "The `endCursor` of the previous page; left out, the list starts at the beginning.")]
        after: Option<String>,
    ) -> Result<StateConnection> {
        let db = db(ctx);
        let page = PageRequest::<String>::parse(first, after.as_deref())?;
        let filter = filter.unwrap_or_default();
        let filter = states::StateFilter {
            status: filter.status,
            region: filter.region,
            network: filter.network,
            search: filter.search,
        };
        crate::graphql::reads::reads(ctx).tables(&crate::graphql::reads::REFERENCE);
        let filter = filters::check_state_filter(db, filter).await?;
        let rows = states::list(db, &filter, &page).await?;
        let total = match ctx.look_ahead().field("totalCount").exists() {
            true => Some(states::count(db, &filter).await?),
            false => None,
        };
        Ok(StateConnection::from_page(rows, |s| s.iso3.clone(), total))
    }

    /// One State by ISO 3166-1 alpha-3 code (any case); `null` when the directory has no such entry.
    #[graphql(complexity = "crate::graphql::schema::ROOT_COST + child_complexity")]
    async fn state(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "ISO 3166-1 alpha-3 code, e.g. `FRA` (any case); not three letters is `BAD_USER_INPUT`.")]
        iso3: String,
    ) -> Result<Option<Arc<State>>> {
        let code = Iso3::parse("iso3", &iso3)?;
        loaders::state(ctx, code.as_str()).await
    }
}

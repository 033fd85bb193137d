use crate::graphql::types::scalars::Timestamp;
use async_graphql::{Context, ID, InputObject, Object, Result};

use crate::domain::{AuthorityFunction, Channel};
use crate::error::AppError;
use crate::graphql::types::{Authority, AuthorityConnection};
use crate::graphql::{db, loaders, reads};
use crate::service::{
    authorities::{self, AuthorityFilter, AuthorityKey, key_of},
    filters,
    page::PageRequest,
};

/// Narrows `authorities`; every given condition must hold. Codes are matched in any case; an unknown code is
/// `BAD_USER_INPUT` rather than an empty answer, so that a typo is never mistaken for "no authority".
#[derive(InputObject, Default)]
#[graphql(name = "AuthorityFilter")]
pub(crate) struct AuthorityFilterInput {
    /// ISO 3166-1 alpha-3 code of the authority's State.
    pub state: Option<String>,
    /// Designated for this function.
    pub function: Option<AuthorityFunction>,
    /// Designated under this convention (e.g. `UNTOC`); with `function`, one designation must meet both.
    pub convention: Option<String>,
    /// Designated under this legal basis (e.g. `UNTOC_18_13`).
    pub legal_basis: Option<String>,
    /// Accepts requests in this ISO 639 language (`fr` or `fra`).
    pub language: Option<String>,
    /// Receives requests through this channel.
    pub channel: Option<Channel>,
    /// Authorities of the network's member States, and the network's contact points.
    pub network: Option<String>,
    /// Part of the name, local name, acronym or city; case and accents are ignored.
    pub search: Option<String>,
    /// Entries last confirmed before this time, or never confirmed.
    pub confirmed_before: Option<Timestamp>,
}

impl From<AuthorityFilterInput> for AuthorityFilter {
    fn from(f: AuthorityFilterInput) -> Self {
        Self {
            state: f.state,
            function: f.function,
            convention: f.convention,
            legal_basis: f.legal_basis,
            language: f.language,
            channel: f.channel,
            network: f.network,
            search: f.search,
            confirmed_before: f.confirmed_before.map(|t| t.0),
        }
    }
}

#[derive(Default)]
pub(super) struct AuthorityQuery;

#[Object]
impl AuthorityQuery {
    /// Authorities, ordered by State, then name.
    #[graphql(
        complexity = "crate::graphql::schema::searched(first, filter.as_ref().is_some_and(|f| f.search.is_some()), child_complexity)"
    )]
    async fn authorities(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Conditions to meet; left out, every authority.")] filter: Option<AuthorityFilterInput>,
        #[graphql(desc = "How many authorities to return: 0 to 100, 20 when left out.")] first: Option<i32>,
        #[graphql(desc = "The `endCursor` of the previous page; left out, the list starts at the beginning.")]
        after: Option<String>,
        #[graphql(
            desc = "Count every match of a search in `totalCount`. Left out (or false), a search term that matches more \
                    than 1,000 authorities counts 1,000 and says so in `totalCountIsExact`: counting every match of a \
                    broad term takes many times longer than the page. Without a search term, the count is always exact."
        )]
        exact_count: Option<bool>,
    ) -> Result<AuthorityConnection> {
        let db = db(ctx);
        let page = PageRequest::<AuthorityKey>::parse(first, after.as_deref())?;
        let reads = reads::reads(ctx);
        reads.tables(&reads::REFERENCE);
        let filter = filters::check_authority_filter(db, filter.unwrap_or_default().into()).await?;
        let rows = authorities::list(db, &filter, &page).await?;
        record(reads, &filter, &rows);
        let ahead = ctx.look_ahead();
        let searched = authorities::searches(&filter);
        let counted = ahead.field("totalCount").exists() || ahead.field("totalCountIsExact").exists();
        let total = async {
            match (counted, searched && exact_count != Some(true)) {
                (false, _) => Ok((None, true)),
                (true, true) => authorities::count_up_to(db, &filter, authorities::SEARCH_COUNT_BOUND)
                    .await
                    .map(|(n, exact)| (Some(n), exact)),
                (true, false) => Ok((Some(authorities::count(db, &filter).await?), true)),
            }
        };
        let children = loaders::ahead::authorities(ctx, loaders::ahead::nodes(&ahead), &rows.rows);
        let ((total, exact), ()) = futures_util::future::try_join(total, children).await?;
        Ok(AuthorityConnection::from_page(rows, key_of, total).counted_exactly(exact))
    }

    /// One authority by id; `null` when there is none (or it was deleted).
    #[graphql(complexity = "crate::graphql::schema::ROOT_COST + child_complexity")]
    async fn authority(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The authority's id (a UUID); anything else is `BAD_USER_INPUT`.")] id: ID,
    ) -> Result<Option<Authority>> {
        let id = uuid::Uuid::parse_str(id.trim())
            .map_err(|_| AppError::invalid("id", format!("`{}` is not an authority id (a UUID)", id.as_str())))?;
        loaders::authority(ctx, id).await
    }
}

/// What a list of authorities depends on: one State's authorities when it names one; for a search alone, what
/// searches match and the authorities listed; otherwise any authority.
fn record(
    reads: &reads::Reads,
    filter: &AuthorityFilter,
    rows: &crate::service::page::Page<crate::db::entities::authority::Model>,
) {
    if let Some(state) = &filter.state {
        reads.state(state);
        return;
    }
    let AuthorityFilter {
        state: _,
        function,
        convention,
        legal_basis,
        language,
        channel,
        network,
        search: _,
        confirmed_before,
    } = filter;
    let search_alone = function.is_none()
        && convention.is_none()
        && legal_basis.is_none()
        && language.is_none()
        && channel.is_none()
        && network.is_none()
        && confirmed_before.is_none();
    if search_alone {
        // Which authorities match, in what order, and how many: `names`. What is shown of them: their own
        // scopes, not their States' (an edit of another entry of the same State changes nothing here).
        reads.table(reads::Scope::Names);
        reads.authorities(rows.rows.iter().map(|a| a.id));
    } else {
        reads.table(reads::Scope::Authorities);
    }
}

use async_graphql::{ComplexObject, Context, Object, Result, SimpleObject};
use chrono::{Months, Utc};

use crate::domain::{CoverageStatus, ReviewPolicy};
use crate::graphql::types::{Authority, LegalBasis};

use crate::auth::Viewer as RequestViewer;

/// The signed-in viewer, as the token says.
#[derive(SimpleObject)]
#[graphql(complex)]
pub(super) struct Viewer {
    pub sub: Option<String>,
    pub role: Option<String>,
    pub state: Option<String>,
    pub network: Option<String>,
}

#[derive(Default)]
pub(super) struct MeQuery;

#[Object]
impl MeQuery {
    /// Who the bearer token says the viewer is; `null` for anonymous readers.
    async fn me(&self, ctx: &Context<'_>) -> Option<Viewer> {
        let viewer = ctx.data_opt::<RequestViewer>()?;
        viewer.actor.as_ref().map(|a| Viewer {
            sub: Some(a.sub.clone()),
            role: Some(a.role.as_str().to_owned()),
            state: a.state.clone(),
            network: a.network.clone(),
        })
    }
}

/// What a focal point should look at first: its State's entries that are stale or fall due within a month, and
/// the legal bases its State owes and has designated nobody under.
#[derive(SimpleObject)]
pub(super) struct Review {
    /// Never confirmed, or confirmed longer ago than the review period.
    pub stale: Vec<Authority>,
    /// Falling due within a month.
    pub due_soon: Vec<Authority>,
    /// Legal bases the State owes (a party, or participation unknown) with no authority designated.
    pub missing: Vec<LegalBasis>,
}

#[ComplexObject]
impl Viewer {
    /// The to-do list of a focal point's State; `null` for other roles.
    async fn review(&self, ctx: &Context<'_>) -> Result<Option<Review>> {
        let Some(state) = &self.state else { return Ok(None) };
        let db = crate::graphql::db(ctx);
        let policy = *ctx.data_unchecked::<ReviewPolicy>();
        let now = Utc::now();
        let month = now.checked_add_months(Months::new(1)).unwrap_or(now);
        let authorities = crate::service::authorities::of_states(db, std::slice::from_ref(state)).await?;
        let coverage = crate::service::coverage::of_state(db, state, &authorities, policy).await?;
        let (stale, rest): (Vec<_>, Vec<_>) =
            authorities.into_iter().partition(|a| policy.is_stale(a.last_confirmed_at, now));
        let due_soon = rest.into_iter().filter(|a| policy.due(a.last_confirmed_at).is_some_and(|d| d <= month));
        Ok(Some(Review {
            stale: stale.into_iter().map(Into::into).collect(),
            due_soon: due_soon.map(Into::into).collect(),
            missing: coverage
                .into_iter()
                .filter(|c| c.status == CoverageStatus::Missing)
                .map(|c| c.legal_basis.into())
                .collect(),
        }))
    }
}

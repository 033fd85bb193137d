use crate::graphql::types::scalars::Timestamp;
use async_graphql::{Context, InputObject, Object, Result};

use crate::graphql::types::ChangeConnection;
use crate::graphql::{db, viewer};
use crate::service::changes::{self, ChangeFilter, FeedCursor};
use crate::service::filters;
use crate::service::page::PageRequest;

/// Narrows the change feed; every given condition must hold.
#[derive(InputObject, Default)]
#[graphql(name = "ChangeFilter")]
pub(crate) struct ChangeFilterInput {
    /// Changes to entries of this State (ISO 3166-1 alpha-3).
    pub state: Option<String>,
    /// Changes to entries of this network.
    pub network: Option<String>,
    /// `authority`, `designation`, `contact`, `state_party`, `network`, `network_membership`, …
    pub entity: Option<String>,
    /// Changes made at or after this time.
    pub since: Option<Timestamp>,
}

impl From<ChangeFilterInput> for ChangeFilter {
    fn from(f: ChangeFilterInput) -> Self {
        ChangeFilter {
            state: f.state,
            network: f.network,
            entity: f.entity,
            since: f.since.map(|t| t.0),
            ..Default::default()
        }
    }
}

/// A page of the audit log after a cursor; needs a valid token.
pub(crate) async fn page(
    ctx: &Context<'_>,
    filter: ChangeFilter,
    first: Option<i32>,
    after: Option<String>,
) -> Result<ChangeConnection> {
    let actor = viewer(ctx).actor()?;
    let filter = ChangeFilter { with_revocations: actor.role == crate::auth::Role::Admin, ..filter };
    let db = db(ctx);
    let page = PageRequest::<FeedCursor>::parse(first, after.as_deref())?;
    let filter = filters::check_change_filter(db, filter).await?;
    let rows = changes::list(db, &filter, &page).await?;
    let total = match ctx.look_ahead().field("totalCount").exists() {
        true => Some(changes::count(db, &filter).await?),
        false => None,
    };
    Ok(ChangeConnection::from_page(rows, FeedCursor::of, total))
}

/// A reference fact a release would have corrected or removed, kept as it was changed through the API.
#[derive(async_graphql::SimpleObject)]
pub(crate) struct ReferenceConflict {
    /// The data version of the release.
    pub release: i32,
    /// `state`, `state_party`, `network_membership`, …
    pub entity: String,
    /// The fact's key, as in the change feed's `entityId`.
    pub key: String,
    /// Why the release's version was not applied, in plain words (e.g. "changed through the API; the release no
    /// longer lists it, it was kept").
    pub detail: String,
    /// When the conflict was found, as the release was applied at start.
    pub found_at: Timestamp,
}

#[derive(Default)]
pub(crate) struct ChangeQuery;

#[Object]
impl ChangeQuery {
    /// Facts of the reference data that a newer release would have corrected or removed but that an administrator
    /// or secretariat had changed through the API: their change was kept. Administrators only.
    async fn reference_conflicts(&self, ctx: &Context<'_>) -> Result<Vec<ReferenceConflict>> {
        viewer(ctx).require_admin()?;
        let rows = crate::db::reference::conflicts(db(ctx))
            .await
            .map_err(|e| crate::error::AppError::internal(e.to_string()))?;
        Ok(rows
            .into_iter()
            .map(|c| ReferenceConflict {
                release: c.release,
                entity: c.entity,
                key: c.key,
                detail: c.detail,
                found_at: c.found_at.into(),
            })
            .collect())
    }

    /// The audit log in the order changes were made: the feed a portal polls to stay in sync (keep the last
    /// `endCursor` and pass it as `after`). Needs a valid token.
    #[graphql(complexity = "crate::graphql::schema::paged(first, child_complexity)")]
    async fn changes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Conditions to meet; left out, every change.")] filter: Option<ChangeFilterInput>,
        #[graphql(desc = "How many changes to return: 0 to 100, 20 when left out.")] first: Option<i32>,
        #[graphql(desc = "The `endCursor` of the previous page; left out, the feed starts at the first change.")]
        after: Option<String>,
    ) -> Result<ChangeConnection> {
        page(ctx, filter.unwrap_or_default().into(), first, after).await
    }
}

//! The subscription root: the change feed as it grows, over WebSocket (`/graphql/ws`, the graphql-transport-ws
//! protocol), for signed-in viewers. Served by `http::subscriptions`, which checks the token the client sends in
//! its `connection_init` message.

use std::collections::VecDeque;
use std::time::Duration;

use async_graphql::{Context, Result, Subscription};
use futures_util::Stream;

use crate::graphql::query::changes::ChangeFilterInput;
use crate::graphql::types::change::Change;
use crate::graphql::{db, viewer};
use crate::service::changes;

/// How often a follower that has seen everything looks again.
const POLL: Duration = Duration::from_secs(1);

#[derive(Default)]
pub(crate) struct SubscriptionRoot;

/// Subscriptions, over WebSocket at `/graphql/ws` (the graphql-transport-ws protocol), for signed-in viewers: the
/// token goes in the `connection_init` message as `{"Authorization": "Bearer …"}`.
#[Subscription]
impl SubscriptionRoot {
    /// The change feed as it grows: every change after `after`, then each one as it is committed, in the order of
    /// `changes` and with the same rules (any valid token; token revocations for administrators only).
    async fn changes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Conditions to meet; left out, every change.")] filter: Option<ChangeFilterInput>,
        #[graphql(desc = "An `endCursor` of `changes` to start after; left out, only changes committed from now.")]
        after: Option<String>,
    ) -> Result<impl Stream<Item = Change> + use<>> {
        let db = db(ctx).clone();
        let filter = filter.unwrap_or_default().into();
        let following = changes::follow(&db, viewer(ctx), filter, after.as_deref()).await?;
        let state = (db, following, VecDeque::new());
        Ok(futures_util::stream::unfold(state, |(db, mut following, mut pending)| async move {
            loop {
                if let Some(c) = pending.pop_front() {
                    return Some((Change::from(c), (db, following, pending)));
                }
                match changes::next(&db, &mut following).await {
                    Ok(rows) if rows.is_empty() => tokio::time::sleep(POLL).await,
                    Ok(rows) => pending.extend(rows),
                    Err(e) => {
                        tracing::warn!(cause = %e.chain(), "a subscription could not read the change feed");
                        tokio::time::sleep(POLL * 5).await;
                    }
                }
            }
        }))
    }
}

use async_graphql::{Context, Object, Result};

use crate::graphql::types::webhook::WebhookSubscription;
use crate::graphql::{db, viewer};
use crate::service::webhooks;

#[derive(Default)]
pub(super) struct WebhookQuery;

#[Object]
impl WebhookQuery {
    /// The webhook subscriptions the viewer manages, oldest first: every one for an administrator, its network's
    /// for a secretariat; others are `FORBIDDEN`.
    async fn webhook_subscriptions(&self, ctx: &Context<'_>) -> Result<Vec<WebhookSubscription>> {
        Ok(webhooks::list(db(ctx), viewer(ctx)).await?.into_iter().map(Into::into).collect())
    }
}

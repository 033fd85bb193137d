use async_graphql::{Context, ID, InputObject, Object, Result};

use super::uuid;
use crate::graphql::types::webhook::{NewWebhookSubscription, WebhookSubscription};
use crate::graphql::{viewer, writer};
use crate::service::webhooks::{WebhookPolicy, write};

/// A webhook subscription to register. Each list narrows what is sent; left out, every public change is.
#[derive(InputObject)]
pub(super) struct WebhookSubscriptionInput {
    /// The `https` address the changes are posted to (a public host).
    pub url: String,
    /// Kinds of entry to send, by the feed's `entity` names (`authority`, `designation`, `contact`,
    /// `network_membership`, …); only public kinds.
    pub entities: Option<Vec<String>>,
    /// Only changes concerning these States (ISO 3166-1 alpha-3 codes).
    pub states: Option<Vec<String>>,
    /// Only changes concerning these networks (codes).
    pub networks: Option<Vec<String>>,
    /// Start after this feed position (`POSITION-ID`, the `after` of the snapshot the portal took); left out, with
    /// the next change.
    pub after: Option<String>,
}

#[derive(Default)]
pub(super) struct WebhookMutation;

#[Object]
impl WebhookMutation {
    /// Registers a webhook subscription (a network secretariat or an administrator). Answers its signing secret,
    /// shown only here.
    async fn create_webhook_subscription(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Where to post, and which changes.")] input: WebhookSubscriptionInput,
    ) -> Result<NewWebhookSubscription> {
        let policy = *ctx.data_unchecked::<WebhookPolicy>();
        let new = write::NewSubscription {
            url: input.url,
            entities: input.entities,
            states: input.states,
            networks: input.networks,
            after: input.after,
        };
        let created = write::create(writer(ctx), viewer(ctx), policy, new).await?;
        let secret = created.secret.clone();
        Ok(NewWebhookSubscription { subscription: created.into(), secret })
    }

    /// Resumes a paused subscription from where it stopped; its failures count starts again from 0.
    async fn resume_webhook_subscription(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The subscription's id.")] id: ID,
    ) -> Result<WebhookSubscription> {
        Ok(write::set_active(writer(ctx), viewer(ctx), uuid("id", &id)?, true).await?.into())
    }

    /// Pauses a subscription: nothing is posted until it is resumed; changes meanwhile are sent then.
    async fn pause_webhook_subscription(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The subscription's id.")] id: ID,
    ) -> Result<WebhookSubscription> {
        Ok(write::set_active(writer(ctx), viewer(ctx), uuid("id", &id)?, false).await?.into())
    }

    /// Removes a subscription; answers its id.
    async fn delete_webhook_subscription(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The subscription's id.")] id: ID,
    ) -> Result<ID> {
        Ok(ID(write::delete(writer(ctx), viewer(ctx), uuid("id", &id)?).await?.to_string()))
    }
}

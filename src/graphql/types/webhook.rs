use async_graphql::{Enum, ID, SimpleObject};

use crate::db::entities::webhook_subscription;
use crate::graphql::types::scalars::Timestamp;
use crate::service::changes::FeedCursor;
use crate::service::mirror::cursor_text;
use crate::service::webhooks::{PAUSED, list_of};

/// Whether a subscription is being delivered.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub(crate) enum WebhookStatus {
    /// Changes are posted as they come.
    Active,
    /// Nothing is posted until its owner resumes it (`pausedReason` says why).
    Paused,
}

/// Where a portal has the directory's public changes pushed, and how delivery goes. Each change is posted as
/// JSON, signed as the Standard Webhooks specification says (`webhook-id`, `webhook-timestamp`,
/// `webhook-signature`: HMAC-SHA256 with the subscription's secret), in feed order, at least once.
#[derive(SimpleObject)]
pub(crate) struct WebhookSubscription {
    /// The subscription's id (a UUID).
    pub id: ID,
    /// The address changes are posted to.
    pub url: String,
    /// Kinds of entry sent (the feed's `entity` names); `null` for every public kind.
    pub entities: Option<Vec<String>>,
    /// Only changes concerning these States (ISO 3166-1 alpha-3); `null` for all.
    pub states: Option<Vec<String>>,
    /// Only changes concerning these networks (codes); `null` for all.
    pub networks: Option<Vec<String>>,
    /// Whether changes are being delivered.
    pub status: WebhookStatus,
    /// Why it was paused: by its owner, `410 Gone`, or too many failures in a row with the last error.
    pub paused_reason: Option<String>,
    /// The feed position delivered up to (`POSITION-ID`, as the mirror writes it): the next change sent is after it.
    pub after: String,
    /// Changes delivered so far.
    pub delivered: i64,
    /// Failed attempts in a row (0 once one succeeds); at 20 the subscription is paused.
    pub failures: i32,
    /// The last failure, with its time; `null` if none has failed yet.
    pub last_error: Option<String>,
    /// When a delivery was last tried.
    pub last_attempt_at: Option<Timestamp>,
    /// When a change was last delivered.
    pub last_delivered_at: Option<Timestamp>,
    /// Who registered it (the token's subject).
    pub owner: String,
    /// The network whose secretariat registered it; `null` for an administrator's.
    pub owner_network: Option<String>,
    /// When it was registered.
    pub created_at: Timestamp,
}

impl From<webhook_subscription::Model> for WebhookSubscription {
    fn from(s: webhook_subscription::Model) -> Self {
        Self {
            id: ID(s.id.to_string()),
            entities: list_of(s.entities.as_deref()),
            states: list_of(s.states.as_deref()),
            networks: list_of(s.networks.as_deref()),
            status: if s.status == PAUSED { WebhookStatus::Paused } else { WebhookStatus::Active },
            paused_reason: s.paused_reason,
            after: cursor_text(FeedCursor::At(s.position, s.change_id)),
            delivered: s.delivered,
            failures: s.failures,
            last_error: s.last_error,
            last_attempt_at: s.last_attempt_at.map(Timestamp),
            last_delivered_at: s.last_delivered_at.map(Timestamp),
            owner: s.owner_sub,
            owner_network: s.owner_network,
            created_at: Timestamp(s.created_at),
            url: s.url,
        }
    }
}

/// A new subscription with its signing secret, which is shown only here.
#[derive(SimpleObject)]
pub(crate) struct NewWebhookSubscription {
    /// The subscription.
    pub subscription: WebhookSubscription,
    /// The signing secret (`whsec_` and base64), as the Standard Webhooks libraries take it; keep it, it is not
    /// shown again.
    pub secret: String,
}

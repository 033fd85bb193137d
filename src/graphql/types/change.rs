use crate::graphql::types::scalars::Timestamp;
use async_graphql::{ID, SimpleObject};

use crate::db::entities::change;
use crate::domain::ChangeAction;

/// One entry of the audit log: who changed what, when, and the entity before and after.
#[derive(SimpleObject, Debug, Clone)]
pub(crate) struct Change {
    /// Grows with every change; the feed is ordered by it.
    pub id: ID,
    /// When the change was made.
    pub at: Timestamp,
    /// Who made it: the `sub` claim of the token, or the subject of the person signed in.
    pub actor_sub: String,
    /// The role the actor acted in: `admin`, `focal_point`, `network_secretariat` or `reader`.
    pub actor_role: String,
    /// The State (ISO 3166-1 alpha-3) of a focal point actor; `null` for other roles.
    pub actor_state: Option<String>,
    /// The network code of a secretariat actor; `null` for other roles.
    pub actor_network: Option<String>,
    /// `authority`, `designation`, `contact`, `network_membership`, …
    pub entity: String,
    /// The changed entry's key: a UUID for authorities, designations, contacts and contact points; the ISO 3166-1
    /// alpha-3 code of a State; the code of a convention, legal basis or network; `NETWORK/STATE` for a membership,
    /// `STATE/CONVENTION` for participation, `NETWORK/NETWORK` for a link.
    pub entity_id: String,
    /// Whether the entry was created, changed or deleted.
    pub action: ChangeAction,
    /// The State the changed entry belongs to, if any.
    pub state: Option<String>,
    /// The network the changed entry belongs to, if any.
    pub network: Option<String>,
    /// The entry before the change, with the API's field names (camelCase) and RFC 3339 timestamps.
    pub before: Option<crate::graphql::types::scalars::JsonValue>,
    /// The entry after the change, in the same shape as `before`; `null` for a deletion.
    pub after: Option<crate::graphql::types::scalars::JsonValue>,
}

impl From<change::Model> for Change {
    fn from(m: change::Model) -> Self {
        Self {
            id: ID(m.id.to_string()),
            at: m.at.into(),
            actor_sub: m.actor_sub,
            actor_role: m.actor_role,
            actor_state: m.actor_state,
            actor_network: m.actor_network,
            entity: m.entity,
            entity_id: m.entity_id,
            action: m.action,
            state: m.state_iso3,
            network: m.network_code,
            before: m
                .before
                .as_ref()
                .map(|v| crate::graphql::types::scalars::JsonValue(crate::service::mirror::feed_shape(v))),
            after: m
                .after
                .as_ref()
                .map(|v| crate::graphql::types::scalars::JsonValue(crate::service::mirror::feed_shape(v))),
        }
    }
}

super::connection::connection!(
    ChangeConnection,
    ChangeEdge,
    Change,
    total = "Changes matching the filter across all pages.",
    exact = "Always true: every matching change is counted."
);

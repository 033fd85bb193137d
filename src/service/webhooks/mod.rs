//! Webhooks: a portal registers where the public changes should be pushed (`write`), and every instance delivers
//! what is due (`deliver`). What may be read: a directory administrator sees every subscription; a network's
//! secretariat sees its network's; nobody else any.

pub(crate) mod deliver;
pub(crate) mod write;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::auth::viewer::Actor;
use crate::auth::{Role, Viewer};
use crate::db::entities::webhook_subscription;
use crate::error::AppError;

/// What a deployment allows subscriptions to point at.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct WebhookPolicy {
    /// Addresses on loopback and private networks (for tests and closed deployments); refused otherwise, both when
    /// a subscription is made and when a host name resolves to one at delivery.
    pub(crate) allow_local: bool,
}

/// `ACTIVE`: delivered as changes come; `PAUSED`: nothing sent until its owner resumes it.
pub(crate) const ACTIVE: &str = "ACTIVE";
pub(crate) const PAUSED: &str = "PAUSED";

/// Who may see and manage subscriptions: administrators, and network secretariats for their network's.
fn manager(viewer: &Viewer) -> Result<&Actor, AppError> {
    let actor = viewer.actor()?;
    match actor.role {
        Role::Admin | Role::NetworkSecretariat => Ok(actor),
        _ => Err(AppError::Forbidden(
            "only a network secretariat or a directory administrator may manage webhook subscriptions".into(),
        )),
    }
}

fn manages(actor: &Actor, s: &webhook_subscription::Model) -> bool {
    actor.role == Role::Admin || (actor.role == Role::NetworkSecretariat && s.owner_network == actor.network)
}

/// The subscriptions the viewer manages, oldest first.
pub(crate) async fn list(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
) -> Result<Vec<webhook_subscription::Model>, AppError> {
    let actor = manager(viewer)?;
    let mut find = webhook_subscription::Entity::find().order_by_asc(webhook_subscription::Column::CreatedAt);
    if actor.role != Role::Admin {
        find = find.filter(webhook_subscription::Column::OwnerNetwork.eq(actor.network.clone()));
    }
    Ok(find.all(db).await?)
}

/// One subscription the viewer manages; `NOT_FOUND` for one it does not (whether or not it exists).
pub(crate) async fn get(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: Uuid,
) -> Result<webhook_subscription::Model, AppError> {
    let actor = manager(viewer)?;
    webhook_subscription::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|s| manages(actor, s))
        .ok_or_else(|| AppError::NotFound(format!("no webhook subscription {id} that you manage")))
}

/// A list kept as JSON text (`entities`, `states`, `networks`); `None` for all.
pub(crate) fn list_of(raw: Option<&str>) -> Option<Vec<String>> {
    raw.and_then(|r| serde_json::from_str(r).ok())
}

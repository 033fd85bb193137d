//! Registering, resuming and removing webhook subscriptions. A subscription starts at a position of the feed (the
//! `after` of a snapshot the portal took, or now) and carries a secret made here, shown once.

use base64::Engine;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, Set,
};
use uuid::Uuid;

use super::{ACTIVE, PAUSED, WebhookPolicy, get, manager};
use crate::auth::{Role, Viewer};
use crate::db::entities::webhook_subscription;
use crate::domain::{FeedEntity, checks};
use crate::error::{AppError, Invalid};
use crate::service::{mirror, networks, states};

/// Most subscriptions one owner (an administrator, or a network's secretariat) may hold.
pub(crate) const MAX_PER_OWNER: u64 = 20;

/// What a new subscription asks for; each list narrows what is sent, `None` sends every public change.
pub(crate) struct NewSubscription {
    pub(crate) url: String,
    /// Feed entity names (`authority`, `contact`, …).
    pub(crate) entities: Option<Vec<String>>,
    /// Changes concerning these States (ISO3).
    pub(crate) states: Option<Vec<String>>,
    /// Changes concerning these networks (codes).
    pub(crate) networks: Option<Vec<String>>,
    /// The feed position to start after (`POSITION-ID`, as a snapshot or a page of changes gives it); now when
    /// left out.
    pub(crate) after: Option<String>,
}

/// A new secret: 32 random bytes, `whsec_` and base64, as the Standard Webhooks libraries take it.
fn new_secret() -> Result<String, AppError> {
    let mut key = [0u8; 32];
    getrandom::fill(&mut key).map_err(|e| AppError::internal(format!("no randomness for a webhook secret: {e}")))?;
    Ok(format!("whsec_{}", base64::engine::general_purpose::STANDARD.encode(key)))
}

fn json_list(list: Option<&Vec<String>>) -> Option<String> {
    list.map(|l| serde_json::to_string(l).unwrap_or_default())
}

/// The codes of a `states` or `networks` list, each checked; `None` when no list was given.
async fn codes(
    db: &impl ConnectionTrait,
    invalid: &mut Invalid,
    field: &str,
    list: &Option<Vec<String>>,
) -> Result<Option<Vec<String>>, AppError> {
    let Some(list) = list else { return Ok(None) };
    let mut kept = Vec::new();
    for raw in list {
        let found = match field {
            "states" => states::require_code(db, field, raw).await,
            _ => networks::require_code(db, field, raw).await,
        };
        if let Some(code) = invalid.check(found)? {
            kept.push(code);
        }
    }
    invalid.check(checks::unique(field, kept))
}

/// Registers a subscription; answers it with its secret (shown only here).
pub(crate) async fn create(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    policy: WebhookPolicy,
    new: NewSubscription,
) -> Result<webhook_subscription::Model, AppError> {
    let actor = manager(viewer)?.clone();
    let mut invalid = Invalid::default();
    let url = invalid.check(checks::webhook_url("url", &new.url, policy.allow_local))?.flatten();
    if url.is_none() {
        invalid.check(Err::<(), _>(AppError::invalid("url", "give the address the changes are posted to")))?;
    }
    let entities = match &new.entities {
        None => None,
        Some(names) => {
            let mut kept = Vec::new();
            for name in names {
                match FeedEntity::parse(name).filter(|e| e.is_public()) {
                    Some(e) => kept.push(e.as_str().to_owned()),
                    None => {
                        let public: Vec<&str> =
                            FeedEntity::ALL.iter().filter(|e| e.is_public()).map(|e| e.as_str()).collect();
                        let message = format!(
                            "`{}` is not a public kind of entry: one of {}",
                            crate::domain::shown(name),
                            public.join(", ")
                        );
                        invalid.check(Err::<(), _>(AppError::invalid("entities", message)))?;
                    }
                }
            }
            invalid.check(checks::unique("entities", kept))?
        }
    };
    let state_codes = codes(db, &mut invalid, "states", &new.states).await?;
    let network_codes = codes(db, &mut invalid, "networks", &new.networks).await?;
    let after = match new.after.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        Some(raw) => invalid.check(mirror::parse_cursor(raw).ok_or_else(|| {
            AppError::invalid("after", "expected POSITION-ID, as a snapshot or a page of changes gives it")
        }))?,
        None => Some(mirror::position(db).await?),
    };
    let (url, after) = invalid.finish_with((url, after))?;
    let owner_network = if actor.role == Role::NetworkSecretariat { actor.network.clone() } else { None };
    let held = webhook_subscription::Entity::find()
        .filter(match &owner_network {
            Some(n) => webhook_subscription::Column::OwnerNetwork.eq(n.clone()),
            None => webhook_subscription::Column::OwnerSub.eq(actor.sub.clone()),
        })
        .count(db)
        .await?;
    if held >= MAX_PER_OWNER {
        return Err(AppError::invalid(
            "url",
            format!("at most {MAX_PER_OWNER} subscriptions per owner: remove one first"),
        ));
    }
    let (position, change_id) = after.key();
    let model = webhook_subscription::ActiveModel {
        id: Set(Uuid::new_v4()),
        owner_sub: Set(actor.sub.clone()),
        owner_role: Set(actor.role.as_str().to_owned()),
        owner_network: Set(owner_network),
        url: Set(url),
        secret: Set(new_secret()?),
        entities: Set(json_list(entities.as_ref())),
        states: Set(json_list(state_codes.as_ref())),
        networks: Set(json_list(network_codes.as_ref())),
        status: Set(ACTIVE.to_owned()),
        paused_reason: Set(None),
        position: Set(position),
        change_id: Set(change_id),
        failures: Set(0),
        last_error: Set(None),
        last_attempt_at: Set(None),
        last_delivered_at: Set(None),
        delivered: Set(0),
        due_ms: Set(0),
        lease_owner: Set(None),
        lease_until_ms: Set(0),
        created_at: Set(crate::domain::now()),
    };
    Ok(model.insert(db).await?)
}

/// Resumes a paused subscription (`true`): delivery starts again at once, from where it stopped, its failures
/// forgotten; or pauses one by its owner's choice (`false`).
pub(crate) async fn set_active(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: Uuid,
    active: bool,
) -> Result<webhook_subscription::Model, AppError> {
    let mut row = get(db, viewer, id).await?.into_active_model();
    if active {
        row.status = Set(ACTIVE.to_owned());
        row.paused_reason = Set(None);
        row.failures = Set(0);
        row.due_ms = Set(0);
    } else {
        row.status = Set(PAUSED.to_owned());
        row.paused_reason = Set(Some("paused by its owner".into()));
    }
    Ok(row.update(db).await?)
}

/// Removes a subscription; nothing more is sent to it.
pub(crate) async fn delete(db: &impl ConnectionTrait, viewer: &Viewer, id: Uuid) -> Result<Uuid, AppError> {
    let current = get(db, viewer, id).await?;
    webhook_subscription::Entity::delete_by_id(current.id).exec(db).await?;
    Ok(id)
}

//! The audit log: one `Change` per successful mutation, written in the mutation's own transaction so that a
//! rejected mutation leaves no trace and an accepted one always does. Read back as the change feed (`changes`).
//!
//! Each writer spells out its own transaction (begin, permission, validation, write, `record`, commit): the order of
//! permission checks, validation and reads differs per resource, and a helper taking a closure would hide where
//! each await happens. What is the same everywhere lives here (`save`, `record`) and in `Invalid::finish_with`.

use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, IntoActiveModel, NotSet, Set};
use serde::Serialize;
use serde_json::Value;

use crate::auth::viewer::Actor;
use crate::db::entities::change;
use crate::domain::ChangeAction;
use crate::error::AppError;

/// Inserts `next`, or replaces `current` with it, and records the change in the same transaction.
pub(crate) async fn save<A, M>(
    txn: &sea_orm::DatabaseTransaction,
    actor: &Actor,
    subject: Subject,
    current: Option<M>,
    next: M,
) -> Result<(), AppError>
where
    M: IntoActiveModel<A> + Serialize + Clone,
    A: ActiveModelTrait + sea_orm::ActiveModelBehavior + Send,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
{
    let after = snapshot(&next);
    let before = current.as_ref().map(snapshot);
    let action = match current {
        Some(_) => {
            next.into_active_model().reset_all().update(txn).await?;
            ChangeAction::Update
        }
        None => {
            next.into_active_model().insert(txn).await?;
            ChangeAction::Create
        }
    };
    record(txn, actor, subject, action, before, Some(after)).await
}

/// The source of a reference fact recorded through the API: who recorded it, and today's date as its `as_of`.
pub(crate) fn api_source(actor: &Actor) -> (Option<String>, Option<String>, Option<chrono::NaiveDate>) {
    let source = format!("recorded through the API by {} `{}`", actor.role.as_str().replace('_', " "), actor.sub);
    (Some(source), None, Some(crate::domain::now().date_naive()))
}

/// What a change touched, for the feed's filters.
pub(crate) struct Subject {
    pub entity: crate::domain::FeedEntity,
    pub id: String,
    pub state: Option<String>,
    pub network: Option<String>,
    /// The authority the entry belongs to (or is), for the authority's history.
    pub authority: Option<uuid::Uuid>,
}

pub(crate) fn snapshot<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

pub(crate) async fn record(
    db: &impl ConnectionTrait,
    actor: &Actor,
    subject: Subject,
    action: ChangeAction,
    before: Option<Value>,
    after: Option<Value>,
) -> Result<(), AppError> {
    change::ActiveModel {
        id: NotSet,
        at: Set(crate::domain::now()),
        actor_sub: Set(actor.sub.clone()),
        actor_role: Set(actor.role.as_str().to_owned()),
        actor_state: Set(actor.state.clone()),
        actor_network: Set(actor.network.clone()),
        entity: Set(subject.entity.as_str().to_owned()),
        entity_id: Set(subject.id),
        action: Set(action),
        state_iso3: Set(subject.state),
        network_code: Set(subject.network),
        before: Set(before),
        after: Set(after),
        position: NotSet,
        authority_id: Set(subject.authority.map(|a| a.to_string())),
    }
    .insert(db)
    .await?;
    Ok(())
}

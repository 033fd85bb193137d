//! The audit log: one `Change` per successful mutation, written in the mutation's own transaction so that a
//! rejected mutation leaves no trace and an accepted one always does. Read back as the change feed.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, IntoActiveModel, NotSet, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::Serialize;
use serde_json::Value;

use super::page::{Page, PageRequest};
use crate::auth::viewer::Actor;
use crate::db::entities::change;
use crate::domain::ChangeAction;
use crate::error::AppError;

/// Inserts `next`, or replaces `current` with it, and records the change in the same transaction.
pub async fn save<A, M>(
    txn: &sea_orm::DatabaseTransaction,
    actor: &Actor,
    subject: Subject<'_>,
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

/// What a change touched, for the feed's filters.
pub struct Subject<'a> {
    pub entity: &'a str,
    pub id: String,
    pub state: Option<String>,
    pub network: Option<String>,
}

pub fn snapshot<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

pub async fn record(
    db: &impl ConnectionTrait,
    actor: &Actor,
    subject: Subject<'_>,
    action: ChangeAction,
    before: Option<Value>,
    after: Option<Value>,
) -> Result<(), AppError> {
    change::ActiveModel {
        id: NotSet,
        at: Set(Utc::now()),
        actor_sub: Set(actor.sub.clone()),
        actor_role: Set(actor.role.as_str().to_owned()),
        actor_state: Set(actor.state.clone()),
        actor_network: Set(actor.network.clone()),
        entity: Set(subject.entity.to_owned()),
        entity_id: Set(subject.id),
        action: Set(action),
        state_iso3: Set(subject.state),
        network_code: Set(subject.network),
        before: Set(before),
        after: Set(after),
    }
    .insert(db)
    .await?;
    Ok(())
}

#[derive(Debug, Default, Clone)]
pub struct ChangeFilter {
    pub state: Option<String>,
    pub network: Option<String>,
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    pub since: Option<DateTime<Utc>>,
}

fn condition(f: &ChangeFilter) -> Condition {
    let mut cond = Condition::all();
    if let Some(s) = &f.state {
        cond = cond.add(change::Column::StateIso3.eq(s.as_str()));
    }
    if let Some(n) = &f.network {
        cond = cond.add(change::Column::NetworkCode.eq(n.as_str()));
    }
    if let Some(e) = &f.entity {
        cond = cond.add(change::Column::Entity.eq(e.as_str()));
    }
    if let Some(id) = &f.entity_id {
        cond = cond.add(change::Column::EntityId.eq(id.as_str()));
    }
    if let Some(since) = f.since {
        cond = cond.add(change::Column::At.gte(since));
    }
    cond
}

/// Changes in the order they were made; the id only grows, so a cursor never skips a later change.
pub async fn list(
    db: &impl ConnectionTrait,
    filter: &ChangeFilter,
    page: &PageRequest<i64>,
) -> Result<Page<change::Model>, AppError> {
    let mut query = change::Entity::find().filter(condition(filter));
    if let Some(after) = page.after {
        query = query.filter(change::Column::Id.gt(after));
    }
    let rows = query.order_by_asc(change::Column::Id).limit(page.limit()).all(db).await?;
    Ok(Page::from_rows(rows, page))
}

pub async fn count(db: &impl ConnectionTrait, filter: &ChangeFilter) -> Result<u64, AppError> {
    Ok(change::Entity::find().filter(condition(filter)).count(db).await?)
}

//! The change feed: the audit log read back in the order changes were made. Written by `audit`.

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::db::entities::change;
use crate::error::AppError;
use crate::service::page::{Page, PageRequest};

#[derive(Debug, Default, Clone)]
pub(crate) struct ChangeFilter {
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
pub(crate) async fn list(
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

pub(crate) async fn count(db: &impl ConnectionTrait, filter: &ChangeFilter) -> Result<u64, AppError> {
    Ok(change::Entity::find().filter(condition(filter)).count(db).await?)
}

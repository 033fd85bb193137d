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
    /// Changes of an authority and of its designations, contacts and network roles.
    pub authority: Option<String>,
    pub since: Option<DateTime<Utc>>,
    /// Token revocations are for administrators: others never see them in the feed.
    pub with_revocations: bool,
}

fn condition(f: &ChangeFilter) -> Condition {
    let mut cond = Condition::all();
    if !f.with_revocations {
        cond = cond.add(change::Column::Entity.is_not_in(crate::domain::FeedEntity::REVOCATIONS.map(|e| e.as_str())));
    }
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
    if let Some(a) = &f.authority {
        cond = cond.add(change::Column::AuthorityId.eq(a.as_str()));
    }
    if let Some(since) = f.since {
        cond = cond.add(change::Column::At.gte(since));
    }
    cond
}

/// Changes in the order they were made; the id only grows, so a cursor never skips a later change.
/// Where a follower of the feed stands: the position (commit order) and id of the last change it saw. Cursors
/// made before positions existed carry an id only; that change's position is its id.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
pub(crate) enum FeedCursor {
    At(i64, i64),
    Id(i64),
}

impl FeedCursor {
    pub(crate) fn of(change: &change::Model) -> Self {
        Self::At(change.position.unwrap_or(change.id), change.id)
    }

    pub(crate) fn key(self) -> (i64, i64) {
        match self {
            Self::At(position, id) => (position, id),
            Self::Id(id) => (id, id),
        }
    }
}

/// Changes in commit order: by position, then id. A cursor never skips a change committed after it was handed
/// out, since every later commit takes a higher position; changes still uncommitted have none and wait.
pub(crate) async fn list(
    db: &impl ConnectionTrait,
    filter: &ChangeFilter,
    page: &PageRequest<FeedCursor>,
) -> Result<Page<change::Model>, AppError> {
    let mut query = change::Entity::find().filter(condition(filter)).filter(change::Column::Position.is_not_null());
    if let Some(after) = page.after {
        let (position, id) = after.key();
        query = query.filter(
            Condition::any()
                .add(change::Column::Position.gt(position))
                .add(Condition::all().add(change::Column::Position.eq(position)).add(change::Column::Id.gt(id))),
        );
    }
    let rows = query
        .order_by_asc(change::Column::Position)
        .order_by_asc(change::Column::Id)
        .limit(page.limit())
        .all(db)
        .await?;
    Ok(Page::from_rows(rows, page))
}

/// A follower of the feed (a GraphQL subscription): its checked filter, and the last change it was given.
pub(crate) struct Following {
    filter: ChangeFilter,
    at: FeedCursor,
}

/// Starts following the feed, for any signed-in viewer as `changes` is: after `after` (an `endCursor` of
/// `changes`), or after the last change committed now. Token revocations only for administrators.
pub(crate) async fn follow(
    db: &impl ConnectionTrait,
    viewer: &crate::auth::Viewer,
    filter: ChangeFilter,
    after: Option<&str>,
) -> Result<Following, AppError> {
    let actor = viewer.actor()?;
    let filter = ChangeFilter { with_revocations: actor.role == crate::auth::Role::Admin, ..filter };
    let filter = crate::service::filters::check_change_filter(db, filter).await?;
    let at = match PageRequest::<FeedCursor>::parse(None, after)?.after {
        Some(at) => at,
        None => crate::service::mirror::position(db).await?,
    };
    Ok(Following { filter, at })
}

/// The changes committed after the follower's place (a page at most), moving it past them.
pub(crate) async fn next(db: &impl ConnectionTrait, following: &mut Following) -> Result<Vec<change::Model>, AppError> {
    let first = crate::service::page::MAX_FIRST as u64;
    let rows = list(db, &following.filter, &PageRequest { first, after: Some(following.at) }).await?.rows;
    if let Some(last) = rows.last() {
        following.at = FeedCursor::of(last);
    }
    Ok(rows)
}

pub(crate) async fn count(db: &impl ConnectionTrait, filter: &ChangeFilter) -> Result<u64, AppError> {
    let committed = condition(filter).add(change::Column::Position.is_not_null());
    Ok(change::Entity::find().filter(committed).count(db).await?)
}

/// The latest `limit` changes a filter selects, the most recent first: what a person's workspace shows.
pub(crate) async fn recent(
    db: &impl ConnectionTrait,
    filter: &ChangeFilter,
    limit: u64,
) -> Result<Vec<change::Model>, AppError> {
    Ok(change::Entity::find()
        .filter(condition(filter))
        .order_by_desc(change::Column::At)
        .order_by_desc(change::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

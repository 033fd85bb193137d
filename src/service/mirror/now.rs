//! Entries of the public feed shown as they are now, not as they were when the change was made.
//!
//! The change log keeps every version of an entry; a public reader of `/mirror/changes?after=0` would otherwise
//! read a contact's name and mobile after it was made restricted, removed or erased, or an authority after it was
//! deleted. A `PUT` of an entry that can hold a person's data or that can be withdrawn (an authority and what hangs
//! off it) therefore carries the entry's current public shape, and becomes a `REMOVE` when the entry is no longer
//! public. A copy that applies the changes in order still ends equal to a fresh snapshot: each `PUT` is the newest
//! public shape, and the change that withdrew an entry follows it.

use std::collections::{HashMap, HashSet};

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::Value;
use uuid::Uuid;

use super::{PublicChange, public_shape, shaped};
use crate::db::entities::{authority, change, contact, designation, network_contact_point};
use crate::domain::{FeedEntity, Visibility};
use crate::error::AppError;
use crate::service::authorities;

/// The entities whose `PUT`s are shown as they are now.
const AS_NOW: [FeedEntity; 4] =
    [FeedEntity::Authority, FeedEntity::Contact, FeedEntity::Designation, FeedEntity::NetworkContactPoint];

fn as_now(name: &str) -> Option<FeedEntity> {
    FeedEntity::parse(name).filter(|e| AS_NOW.contains(e))
}

/// Replaces each such `PUT` in `rows` by the entry's current public shape, or by `REMOVE`.
pub(super) async fn shown_as_now(
    db: &impl ConnectionTrait,
    rows: &mut [(change::Model, Option<PublicChange>)],
) -> Result<(), AppError> {
    let mut wanted: HashMap<FeedEntity, HashSet<Uuid>> = HashMap::new();
    for (c, public) in rows.iter() {
        if let (Some(PublicChange::Put(_)), Some(entity)) = (public, as_now(&c.entity))
            && let Ok(id) = Uuid::parse_str(&c.entity_id)
        {
            wanted.entry(entity).or_default().insert(id);
        }
    }
    if wanted.is_empty() {
        return Ok(());
    }
    let ids =
        |entity: FeedEntity| wanted.get(&entity).map(|s| s.iter().copied().collect::<Vec<_>>()).unwrap_or_default();
    let mut now: HashMap<(FeedEntity, Uuid), Value> = HashMap::new();
    let live = authorities::live_ids;
    let found = authority::Entity::find()
        .filter(authority::Column::Id.is_in(ids(FeedEntity::Authority)))
        .filter(authority::Column::DeletedAt.is_null())
        .all(db)
        .await?;
    let lists = authorities::lists_of(db, &found.iter().map(|a| a.id).collect::<Vec<_>>()).await?;
    for a in &found {
        let row = authorities::write::snapshot_with(a, lists.get(&a.id));
        now.insert((FeedEntity::Authority, a.id), public_shape(&row));
    }
    for c in contact::Entity::find()
        .filter(contact::Column::Id.is_in(ids(FeedEntity::Contact)))
        .filter(contact::Column::Visibility.eq(Visibility::Public))
        .filter(contact::Column::AuthorityId.in_subquery(live()))
        .all(db)
        .await?
    {
        now.insert((FeedEntity::Contact, c.id), shaped(&c));
    }
    for d in designation::Entity::find()
        .filter(designation::Column::Id.is_in(ids(FeedEntity::Designation)))
        .filter(designation::Column::AuthorityId.in_subquery(live()))
        .all(db)
        .await?
    {
        now.insert((FeedEntity::Designation, d.id), shaped(&d));
    }
    for p in network_contact_point::Entity::find()
        .filter(network_contact_point::Column::Id.is_in(ids(FeedEntity::NetworkContactPoint)))
        .filter(network_contact_point::Column::AuthorityId.in_subquery(live()))
        .all(db)
        .await?
    {
        now.insert((FeedEntity::NetworkContactPoint, p.id), shaped(&p));
    }
    for (c, public) in rows.iter_mut() {
        let Some(entity) = as_now(&c.entity) else { continue };
        if !matches!(public, Some(PublicChange::Put(_))) {
            continue;
        }
        let current = Uuid::parse_str(&c.entity_id).ok().and_then(|id| now.get(&(entity, id)));
        *public = Some(current.map_or(PublicChange::Remove, |shape| PublicChange::Put(shape.clone())));
    }
    Ok(())
}

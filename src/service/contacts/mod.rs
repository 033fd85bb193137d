//! Contacts of authorities. Changes are in `write`.

pub(crate) mod write;

use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::db::entities::contact;
use crate::domain::Visibility;
use crate::error::AppError;

/// Contacts of the given authorities; restricted ones only for viewers allowed to see them.
pub(crate) async fn contacts_of(
    db: &impl ConnectionTrait,
    ids: &[Uuid],
    include_restricted: bool,
) -> Result<Vec<contact::Model>, AppError> {
    let mut cond = Condition::all().add(contact::Column::AuthorityId.is_in(ids.iter().copied()));
    if !include_restricted {
        cond = cond.add(contact::Column::Visibility.eq(Visibility::Public));
    }
    Ok(contact::Entity::find()
        .filter(cond)
        .order_by_asc(contact::Column::Name)
        .order_by_asc(contact::Column::Id)
        .all(db)
        .await?)
}

/// One contact of a live authority; a restricted one only for viewers allowed to see it.
pub(crate) async fn get(
    db: &impl ConnectionTrait,
    id: Uuid,
    include_restricted: bool,
) -> Result<Option<contact::Model>, AppError> {
    let mut cond = Condition::all()
        .add(contact::Column::Id.eq(id))
        .add(contact::Column::AuthorityId.in_subquery(super::authorities::live_ids()));
    if !include_restricted {
        cond = cond.add(contact::Column::Visibility.eq(Visibility::Public));
    }
    Ok(contact::Entity::find().filter(cond).one(db).await?)
}

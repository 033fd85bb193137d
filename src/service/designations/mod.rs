//! Designations of authorities under legal bases. Changes are in `write`.

pub(crate) mod write;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::db::entities::designation;
use crate::error::AppError;

pub(crate) async fn designations_of(
    db: &impl ConnectionTrait,
    ids: &[Uuid],
) -> Result<Vec<designation::Model>, AppError> {
    Ok(designation::Entity::find()
        .filter(designation::Column::AuthorityId.is_in(ids.iter().copied()))
        .order_by_asc(designation::Column::LegalBasisCode)
        .all(db)
        .await?)
}

/// One designation of a live authority.
pub(crate) async fn get(db: &impl ConnectionTrait, id: uuid::Uuid) -> Result<Option<designation::Model>, AppError> {
    Ok(designation::Entity::find()
        .filter(designation::Column::Id.eq(id))
        .filter(designation::Column::AuthorityId.in_subquery(super::authorities::live_ids()))
        .one(db)
        .await?)
}

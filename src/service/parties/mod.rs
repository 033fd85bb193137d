//! States' participation in conventions (the depositary's record). Changes are in `write`.

pub(crate) mod write;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::db::entities::state_party;
use crate::error::AppError;

pub(crate) async fn parties_of(
    db: &impl ConnectionTrait,
    states: &[String],
) -> Result<Vec<state_party::Model>, AppError> {
    Ok(state_party::Entity::find()
        .filter(state_party::Column::StateIso3.is_in(states.iter().cloned()))
        .order_by_asc(state_party::Column::ConventionCode)
        .all(db)
        .await?)
}

use crate::domain::ChangeAction;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "changes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub at: DateTimeUtc,
    pub actor_sub: String,
    pub actor_role: String,
    pub actor_state: Option<String>,
    pub actor_network: Option<String>,
    pub entity: String,
    pub entity_id: String,
    pub action: ChangeAction,
    pub state_iso3: Option<String>,
    pub network_code: Option<String>,
    pub before: Option<Json>,
    pub after: Option<Json>,
    /// Where the change stands in commit order (see migration 4); set at commit, so `None` only inside the
    /// transaction that makes it.
    pub position: Option<i64>,
    /// The authority the change concerns (its own, or its designation's, contact's or network role's), for its
    /// history.
    pub authority_id: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

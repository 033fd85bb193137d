use crate::domain::ContactPointRole;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "network_contact_points")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub network_code: String,
    pub authority_id: Uuid,
    pub role: ContactPointRole,
    pub label: Option<String>,
    pub created_at: DateTimeUtc,
    pub version: i32,
    /// When the network's secretariat last said the contact point is current; `None`: never.
    pub last_confirmed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

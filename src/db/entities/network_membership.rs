use crate::domain::MembershipStatus;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "network_memberships")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub network_code: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub state_iso3: String,
    pub status: MembershipStatus,
    pub since: Option<Date>,
    pub note: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

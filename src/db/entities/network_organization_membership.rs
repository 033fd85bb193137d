use crate::domain::MembershipStatus;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "network_organization_memberships")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub network_code: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub organization_code: String,
    pub status: MembershipStatus,
    pub source: Option<String>,
    pub source_url: Option<String>,
    pub as_of: Option<Date>,
    pub unconfirmed: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

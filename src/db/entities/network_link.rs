use crate::domain::NetworkLinkKind;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "network_links")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub network_code: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub linked_code: String,
    pub kind: NetworkLinkKind,
    pub since: Option<Date>,
    /// Where the fact comes from (a citation), its address where there is one, and the date it is true as of.
    pub source: Option<String>,
    pub source_url: Option<String>,
    pub as_of: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

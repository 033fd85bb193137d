use crate::domain::NetworkKind;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "networks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
    pub name: String,
    pub kind: NetworkKind,
    pub region: Option<String>,
    pub website: Option<String>,
    pub secretariat: Option<String>,
    pub founded_on: Option<Date>,
    pub founded_year: Option<i32>,
    pub description: Option<String>,
    /// Where the fact comes from (a citation), its address where there is one, and the date it is true as of.
    pub source: Option<String>,
    pub source_url: Option<String>,
    pub as_of: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

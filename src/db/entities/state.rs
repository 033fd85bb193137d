use crate::domain::StateStatus;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "states")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub iso3: String,
    pub iso2: Option<String>,
    pub m49: Option<String>,
    pub name: String,
    pub region: Option<String>,
    pub subregion: Option<String>,
    pub status: StateStatus,
    pub parent_iso3: Option<String>,
    pub search_text: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

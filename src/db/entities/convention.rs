use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "conventions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
    pub title: String,
    pub short_title: String,
    pub adopted_on: Option<Date>,
    pub entry_into_force_on: Option<Date>,
    /// Where the fact comes from (a citation), its address where there is one, and the date it is true as of.
    pub source: Option<String>,
    pub source_url: Option<String>,
    pub as_of: Option<Date>,
    /// The official title in the UN languages that sources gave, `{"en","fr",…}`.
    pub titles: Option<Json>,
    pub opened_for_signature_on: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

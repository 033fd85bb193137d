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
    /// Where the fact comes from (a citation), its address where there is one, and the date it is true as of.
    pub source: Option<String>,
    pub source_url: Option<String>,
    pub as_of: Option<Date>,
    /// M49 intermediate region (e.g. "Channel Islands").
    pub intermediate_region: Option<String>,
    /// The name in the UN languages, `{"ar","zh","en","fr","ru","es"}`.
    pub names: Option<Json>,
    /// A note the name is always shown with (e.g. Kosovo's).
    pub note: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// The text State searches match: name and both ISO codes, folded. The reference loader and the API's writer both
/// store it, so it lives beside the row.
pub fn search_text(name: &str, iso3: &str, iso2: Option<&str>) -> String {
    crate::domain::fold(&format!("{name} {iso3} {}", iso2.unwrap_or("")))
}

use crate::domain::PartyStatus;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "state_parties")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub state_iso3: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub convention_code: String,
    pub status: PartyStatus,
    pub since: Option<Date>,
    pub declarations: Option<String>,
    /// Where the fact comes from (a citation), its address where there is one, and the date it is true as of.
    pub source: Option<String>,
    pub source_url: Option<String>,
    pub as_of: Option<Date>,
    /// The depositary's kind of action: RATIFICATION, ACCESSION, ACCEPTANCE, APPROVAL, SUCCESSION, …
    pub action: Option<String>,
    pub signed_on: Option<Date>,
    /// What the State declared to the depositary (`domain::Declaration`, a list), as reference data records it.
    pub depositary_declarations: Option<Json>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

/// A fact a reference release would have corrected, kept as an administrator or secretariat had changed it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "reference_conflicts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub release: i32,
    pub entity: String,
    pub key: String,
    pub detail: String,
    pub found_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

/// One value of one of an authority's lists; `list` names the list (see `ListKind`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "authority_list_items")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub authority_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub list: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub value: String,
    pub position: i32,
}

/// The names stored in `list`.
pub mod list {
    pub const LANGUAGE: &str = "language";
    pub const CHANNEL: &str = "channel";
    pub const TRANSMISSION_MEANS: &str = "transmission_means";
    pub const URGENT_CHANNEL: &str = "urgent_channel";
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

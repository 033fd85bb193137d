use sea_orm::entity::prelude::*;

/// A spreadsheet uploaded in the workspace: its rows, its preview, and once applied its result.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sheet_uploads")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub sub: String,
    pub file_name: String,
    pub row_count: i32,
    /// The tables read from the file, as JSON.
    pub tables: String,
    /// The dry run's report, as JSON.
    pub preview: String,
    /// `previewed`, `applying`, `applied` or `refused`.
    pub status: String,
    /// The import's report once it ran, as JSON.
    pub result: Option<String>,
    pub created_at: DateTimeUtc,
    /// When the status last changed.
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

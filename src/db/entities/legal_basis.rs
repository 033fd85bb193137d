use crate::domain::AuthorityFunction;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "legal_bases")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
    pub convention_code: String,
    pub article: String,
    pub function: AuthorityFunction,
    pub title: String,
    /// The article's words that create the authority, or stand for it where practice lists one.
    pub text: Option<String>,
    /// Where the words are read, its address, and the date it is true as of.
    pub source: Option<String>,
    pub source_url: Option<String>,
    pub as_of: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

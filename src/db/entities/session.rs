use sea_orm::entity::prelude::*;

/// A signed-in browser: only a hash of its cookie's secret is stored.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sessions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub secret_hash: String,
    pub sub: String,
    pub role: String,
    pub state_iso3: Option<String>,
    pub network_code: Option<String>,
    /// The session's form token: every form of the workspace carries it, every post must.
    pub csrf: String,
    /// The language the person signed in with.
    pub language: String,
    pub created_at: DateTimeUtc,
    pub last_seen_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use crate::domain::MembershipStatus;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "network_memberships")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub network_code: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub state_iso3: String,
    pub status: MembershipStatus,
    pub since: Option<Date>,
    pub note: Option<String>,
    /// Where the fact comes from (a citation), its address where there is one, and the date it is true as of.
    pub source: Option<String>,
    pub source_url: Option<String>,
    pub as_of: Option<Date>,
    /// No source states the membership plainly.
    pub unconfirmed: bool,
    /// Bumped by every change, so that a change made from an out-of-date copy is refused.
    pub version: i32,
    /// When the network's secretariat last said the membership is current; `None`: never.
    pub last_confirmed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

/// Where a portal wants the public changes pushed, and how far delivery has gone (migration 13).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "webhook_subscriptions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Who registered it: the token's subject, role and network.
    pub owner_sub: String,
    pub owner_role: String,
    pub owner_network: Option<String>,
    pub url: String,
    /// The signing secret, `whsec_` and base64 (Standard Webhooks).
    pub secret: String,
    /// JSON arrays narrowing what is sent: feed entity names, ISO3 codes, network codes; `None` for all.
    pub entities: Option<String>,
    pub states: Option<String>,
    pub networks: Option<String>,
    /// `ACTIVE` or `PAUSED`.
    pub status: String,
    pub paused_reason: Option<String>,
    /// The last change of the feed delivered or passed over.
    pub position: i64,
    pub change_id: i64,
    /// Failed attempts in a row.
    pub failures: i32,
    pub last_error: Option<String>,
    pub last_attempt_at: Option<DateTimeUtc>,
    pub last_delivered_at: Option<DateTimeUtc>,
    /// Changes delivered so far.
    pub delivered: i64,
    /// When the next attempt may start, in milliseconds since the epoch.
    pub due_ms: i64,
    /// The instance delivering, until when (milliseconds since the epoch; 0 when none).
    pub lease_owner: Option<String>,
    pub lease_until_ms: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

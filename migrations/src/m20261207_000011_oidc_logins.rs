//! Sign-ins through the organisation's OpenID Connect provider, between leaving for the provider and coming back:
//! the `state` sent (hashed), the nonce the ID token must carry, the PKCE verifier, the browser it started in (a
//! hash of a cookie's secret) and the reader's language. A row is used once and lives a few minutes.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("oidc_logins")
                    .col(string_len("state_hash", 64).primary_key())
                    .col(string_len("browser_hash", 64))
                    .col(text("nonce"))
                    .col(text("pkce_verifier"))
                    .col(string_len("language", 8))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("oidc_logins").to_owned()).await
    }
}

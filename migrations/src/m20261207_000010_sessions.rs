//! Signing in to the workspace in a browser.
//!
//! - `sign_in_links`: single-use links an administrator issues (`cna-directory invite`) where no identity provider
//!   is configured. Only a hash of the link's secret is kept; `used_at` is set once, by the one request that wins.
//! - `sessions`: one row per signed-in browser. Only a hash of the cookie's secret is kept, with the person's role
//!   and scope as they signed in, the form token (CSRF) of the session, and when it began and was last used: the
//!   idle and absolute lifetimes are counted from these, and a revocation of the subject after `created_at` ends it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("sign_in_links")
                    .col(string_len("secret_hash", 64).primary_key())
                    .col(string_len("sub", 200))
                    .col(string_len("role", 40))
                    .col(string_len_null("state_iso3", 3))
                    .col(string_len_null("network_code", 40))
                    .col(text("issued_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("sessions")
                    .col(string_len("secret_hash", 64).primary_key())
                    .col(string_len("sub", 200))
                    .col(string_len("role", 40))
                    .col(string_len_null("state_iso3", 3))
                    .col(string_len_null("network_code", 40))
                    .col(string_len("csrf", 64))
                    .col(string_len("language", 8))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("last_seen_at"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(Index::create().name("sessions_by_sub").table("sessions").col("sub").to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("sessions").to_owned()).await?;
        manager.drop_table(Table::drop().table("sign_in_links").to_owned()).await
    }
}

//! Webhook subscriptions: where a portal wants the public changes pushed, which of them, the secret they are signed
//! with, and how far delivery has gone. The change log is the outbox: each subscription keeps its own position in
//! it (`position`, `change_id`), advanced only once a change was delivered (or did not concern it), so nothing is
//! lost across restarts. A delivering instance holds a lease (`lease_owner`, `lease_until_ms`), taken with one
//! UPDATE (on PostgreSQL over rows locked with `SKIP LOCKED`), so that of several instances exactly one delivers.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("webhook_subscriptions")
                    .col(uuid("id").primary_key())
                    .col(string_len("owner_sub", 200))
                    .col(string_len("owner_role", 32))
                    .col(string_len_null("owner_network", 40))
                    .col(text("url"))
                    .col(string_len("secret", 100))
                    .col(text_null("entities"))
                    .col(text_null("states"))
                    .col(text_null("networks"))
                    .col(string_len("status", 16))
                    .col(text_null("paused_reason"))
                    .col(big_integer("position"))
                    .col(big_integer("change_id"))
                    .col(integer("failures"))
                    .col(text_null("last_error"))
                    .col(timestamp_with_time_zone_null("last_attempt_at"))
                    .col(timestamp_with_time_zone_null("last_delivered_at"))
                    .col(big_integer("delivered"))
                    .col(big_integer("due_ms"))
                    .col(string_len_null("lease_owner", 64))
                    .col(big_integer("lease_until_ms"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("webhook_subscriptions_due")
                    .table("webhook_subscriptions")
                    .col("status")
                    .col("due_ms")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("webhook_subscriptions").to_owned()).await
    }
}

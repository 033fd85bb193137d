//! Token revocation, checked on every authenticated request by every instance sharing the database.
//!
//! - `revoked_tokens`: one row per revoked `jti`; the primary key makes a repeated revocation a no-op.
//! - `subject_revocations`: one row per subject; a token of that subject issued before `issued_before` is refused.
//!   Revoking again moves the time forward, so one row per subject suffices.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("revoked_tokens")
                    .col(string_len("jti", 200).primary_key())
                    .col(text("revoked_by"))
                    .col(timestamp_with_time_zone("revoked_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("subject_revocations")
                    .col(string_len("sub", 200).primary_key())
                    .col(timestamp_with_time_zone("issued_before"))
                    .col(text("revoked_by"))
                    .col(timestamp_with_time_zone("revoked_at"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("subject_revocations").to_owned()).await?;
        manager.drop_table(Table::drop().table("revoked_tokens").to_owned()).await
    }
}

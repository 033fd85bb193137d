//! Spreadsheets uploaded in the workspace, between the preview and applying them: the rows read from the file (as
//! JSON), who uploaded it, what the preview found, and once applied (or refused) what the import did. Kept in the
//! database so that a preview can be applied from any server instance and a result outlives a restart.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("sheet_uploads")
                    .col(uuid("id").primary_key())
                    .col(string_len("sub", 200))
                    .col(string_len("file_name", 300))
                    .col(integer("row_count"))
                    .col(text("tables"))
                    .col(text("preview"))
                    .col(string_len("status", 16))
                    .col(text_null("result"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("sheet_uploads_by_sub")
                    .table("sheet_uploads")
                    .col("sub")
                    .col("created_at")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("sheet_uploads").to_owned()).await
    }
}

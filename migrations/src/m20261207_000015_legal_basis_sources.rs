//! Each legal basis carries the words of its article that create (or, by practice, stand for) the authority, and
//! where those words are read: a source, its address and the date it is true as of, like every other reference fact.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const COLUMNS: [&str; 4] = ["text", "source", "source_url", "as_of"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in COLUMNS {
            let definition = if column == "as_of" { date_null(column) } else { text_null(column) };
            manager.alter_table(Table::alter().table("legal_bases").add_column(definition).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in COLUMNS {
            manager.alter_table(Table::alter().table("legal_bases").drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

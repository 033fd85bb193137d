//! The declarations, reservations and notifications a State made to the depositary of a convention (the languages
//! it accepts requests in, whether the convention is its legal basis for extradition, its central authority, the
//! provisions it does not apply), as a list on its participation. A column of `state_parties`, so the triggers that
//! advance the data version and its scopes (migrations 3 and 9) cover it as they cover the rest of the row.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let add =
            Table::alter().table("state_parties").add_column(json_binary_null("depositary_declarations")).to_owned();
        manager.alter_table(add).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let drop = Table::alter().table("state_parties").drop_column("depositary_declarations").to_owned();
        manager.alter_table(drop).await
    }
}

//! A review cycle for every entry a State or a network keeps current, not only authorities.
//!
//! - `contacts.last_confirmed_at`: when the authority's State last said the contact is current (`NULL`: never).
//! - `network_memberships` and `network_contact_points`: `version` (optimistic concurrency, as authorities and
//!   contacts have, so that a spreadsheet row edited since its export is a conflict and never overwrites) and
//!   `last_confirmed_at` (when the network's secretariat last said the entry is current).
//!
//! Existing rows start at version 1 and never confirmed: nobody has said they are current yet.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const COLUMNS: [(&str, &str); 5] = [
    ("contacts", "last_confirmed_at"),
    ("network_memberships", "version"),
    ("network_memberships", "last_confirmed_at"),
    ("network_contact_points", "version"),
    ("network_contact_points", "last_confirmed_at"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, column) in COLUMNS {
            let def = match column {
                "version" => integer(column).default(1).to_owned(),
                _ => timestamp_with_time_zone_null(column),
            };
            manager.alter_table(Table::alter().table(table).add_column(def).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, column) in COLUMNS.into_iter().rev() {
            manager.alter_table(Table::alter().table(table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

//! Search that scales: an index for "authorities whose folded names contain this text", the query behind
//! `authorities(filter: {search: …})`, which read every row (a `LIKE '%term%'` scan) and took seconds at 200,000
//! authorities.
//!
//! - PostgreSQL: the `pg_trgm` extension (trusted: the database's owner may create it) and a GIN trigram index on
//!   `authorities.search_text`; the same `LIKE '%term%'` then reads the index.
//! - SQLite: an FTS5 table with the trigram tokenizer over `authorities.search_text` (external content: it keeps
//!   only the index), kept current by triggers; searches ask it with the same `LIKE` pattern.
//!
//! Terms of fewer than three characters have no trigram and are matched as before; answers are the same either way.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

const SQLITE_UP: [&str; 5] = [
    "CREATE VIRTUAL TABLE authorities_fts USING fts5(search_text, content='authorities', content_rowid='rowid', \
     tokenize='trigram')",
    "CREATE TRIGGER authorities_fts_insert AFTER INSERT ON authorities BEGIN \
     INSERT INTO authorities_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END",
    "CREATE TRIGGER authorities_fts_delete AFTER DELETE ON authorities BEGIN \
     INSERT INTO authorities_fts(authorities_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text); END",
    "CREATE TRIGGER authorities_fts_update AFTER UPDATE OF search_text ON authorities BEGIN \
     INSERT INTO authorities_fts(authorities_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text); \
     INSERT INTO authorities_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END",
    "INSERT INTO authorities_fts(authorities_fts) VALUES ('rebuild')",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Postgres => {
                db.execute_unprepared("CREATE EXTENSION IF NOT EXISTS pg_trgm").await?;
                db.execute_unprepared(
                    "CREATE INDEX authorities_search_trgm ON authorities USING gin (search_text gin_trgm_ops)",
                )
                .await?;
            }
            _ => {
                for statement in SQLITE_UP {
                    db.execute_unprepared(statement).await?;
                }
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Postgres => {
                db.execute_unprepared("DROP INDEX IF EXISTS authorities_search_trgm").await?;
            }
            _ => {
                for trigger in ["authorities_fts_insert", "authorities_fts_delete", "authorities_fts_update"] {
                    db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS {trigger}")).await?;
                }
                db.execute_unprepared("DROP TABLE IF EXISTS authorities_fts").await?;
            }
        }
        Ok(())
    }
}

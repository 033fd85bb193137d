//! A commit-ordered position for every change, so that a follower of the feed never skips one.
//!
//! `changes.id` comes from a sequence: numbers are handed out when rows are inserted, and transactions commit in
//! another order. A follower that read up to id 10 while the transaction holding id 9 was still open never sees 9.
//! Positions are taken at commit instead:
//!
//! - PostgreSQL: the deferred trigger that advances `data_version` at commit also gives the transaction's changes
//!   that new version as their position. The update of the single `data_version` row is held until commit, so a
//!   transaction's position is taken only after every transaction with a lower one has committed: any snapshot
//!   that sees a position sees every lower one. A transaction's changes share a position and keep their id order.
//! - SQLite: one writer at a time, so ids already follow commit order; the position is the id.
//!
//! Existing changes keep their id as position; `data_version` is raised above every existing id first, so new
//! positions sort after the history and a cursor kept from before this migration stays valid.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

const PG_FUNCTION: &str = "
CREATE OR REPLACE FUNCTION advance_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    advanced bigint;
BEGIN
    IF current_setting('cna.data_version_advanced', true) IS DISTINCT FROM 'on' THEN
        UPDATE data_version SET version = version + 1 WHERE id = 1;
        PERFORM set_config('cna.data_version_advanced', 'on', true);
    END IF;
    -- Outside the test above, so that changes written after a first firing (constraints set IMMEDIATE) get a
    -- position too: the transaction's version, which its lock on the row keeps its own until commit.
    SELECT version INTO advanced FROM data_version WHERE id = 1;
    UPDATE changes SET position = advanced WHERE position IS NULL;
    RETURN NULL;
END
$$";

const PG_FUNCTION_BEFORE: &str = "
CREATE OR REPLACE FUNCTION advance_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('cna.data_version_advanced', true) IS DISTINCT FROM 'on' THEN
        UPDATE data_version SET version = version + 1 WHERE id = 1;
        PERFORM set_config('cna.data_version_advanced', 'on', true);
    END IF;
    RETURN NULL;
END
$$";

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        // Schema first: PostgreSQL refuses to change a table with trigger events pending, which the updates below
        // queue.
        db.execute_unprepared("ALTER TABLE changes ADD COLUMN position bigint").await?;
        db.execute_unprepared("CREATE INDEX idx_changes_position ON changes (position, id)").await?;
        match manager.get_database_backend() {
            DatabaseBackend::Postgres => {
                db.execute_unprepared("CREATE INDEX idx_changes_unpositioned ON changes (id) WHERE position IS NULL")
                    .await?;
                db.execute_unprepared(PG_FUNCTION).await?;
            }
            _ => {
                db.execute_unprepared(
                    "CREATE TRIGGER changes_position AFTER INSERT ON changes \
                     BEGIN UPDATE changes SET position = NEW.id WHERE id = NEW.id; END",
                )
                .await?;
            }
        }
        db.execute_unprepared(
            "UPDATE data_version SET version = \
             (SELECT CASE WHEN max(id) IS NULL OR max(id) < data_version.version THEN data_version.version \
              ELSE max(id) END FROM changes) + 1 WHERE id = 1",
        )
        .await?;
        db.execute_unprepared("UPDATE changes SET position = id").await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Postgres => {
                db.execute_unprepared(PG_FUNCTION_BEFORE).await?;
                db.execute_unprepared("DROP INDEX idx_changes_unpositioned").await?;
            }
            _ => db.execute_unprepared("DROP TRIGGER changes_position").await.map(|_| ())?,
        }
        db.execute_unprepared("DROP INDEX idx_changes_position").await?;
        db.execute_unprepared("ALTER TABLE changes DROP COLUMN position").await?;
        Ok(())
    }
}

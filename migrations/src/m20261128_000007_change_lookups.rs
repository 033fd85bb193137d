//! Two lookups on the change log.
//!
//! The authority a change concerns, so that an authority's history holds its designations', contacts' and
//! network roles' changes beside its own:
//! - `changes.authority_id`: the authority's id (as text, like `entity_id`) for changes to an authority, a
//!   designation, a contact or a network contact point; `NULL` otherwise. Indexed: `history` reads by it.
//! - Existing changes take it from their snapshots (`authority_id` of the row after, or before, the change). An
//!   erased contact's snapshots were redacted: its changes keep no authority and stay out of the history.
//!
//! On PostgreSQL, a change's position (migration 4) is given by the change's own commit trigger, to that row only
//! (`position_change()`), instead of by every table's trigger to every unpositioned change. The deferred trigger
//! fires once per written row; each firing searched the unpositioned changes, and the rows it had just positioned
//! stayed in that index as dead entries until a vacuum, so a transaction writing thousands of rows (an import)
//! spent quadratic time at commit (6,000 new authorities: 8.5 s in COMMIT). Now each firing is a primary-key
//! update. Positions still follow commit order: the transaction's first firing advances `data_version` and holds
//! its row until commit, and every change of the transaction takes that version.

use sea_orm_migration::sea_orm::DatabaseBackend;
use sea_orm_migration::{prelude::*, schema::*};

/// Every watched table's commit trigger: advance the data version once per transaction.
const PG_ADVANCE: &str = "
CREATE OR REPLACE FUNCTION advance_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('cna.data_version_advanced', true) IS DISTINCT FROM 'on' THEN
        UPDATE data_version SET version = version + 1 WHERE id = 1;
        PERFORM set_config('cna.data_version_advanced', 'on', true);
    END IF;
    RETURN NULL;
END
$$";

/// The change log's commit trigger: advance as above, then give the new change the transaction's version.
const PG_POSITION: &str = "
CREATE FUNCTION position_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('cna.data_version_advanced', true) IS DISTINCT FROM 'on' THEN
        UPDATE data_version SET version = version + 1 WHERE id = 1;
        PERFORM set_config('cna.data_version_advanced', 'on', true);
    END IF;
    IF TG_OP = 'INSERT' THEN
        UPDATE changes SET position = (SELECT version FROM data_version WHERE id = 1)
        WHERE id = NEW.id AND position IS NULL;
    END IF;
    RETURN NULL;
END
$$";

/// Migration 4's function, for `down`.
const PG_ADVANCE_BEFORE: &str = "
CREATE OR REPLACE FUNCTION advance_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    advanced bigint;
BEGIN
    IF current_setting('cna.data_version_advanced', true) IS DISTINCT FROM 'on' THEN
        UPDATE data_version SET version = version + 1 WHERE id = 1;
        PERFORM set_config('cna.data_version_advanced', 'on', true);
    END IF;
    SELECT version INTO advanced FROM data_version WHERE id = 1;
    UPDATE changes SET position = advanced WHERE position IS NULL;
    RETURN NULL;
END
$$";

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Schema first: PostgreSQL refuses to change a table with trigger events pending, which the updates at the
        // end queue.
        let add = Table::alter().table("changes").add_column(string_len_null("authority_id", 64)).to_owned();
        manager.alter_table(add).await?;
        manager
            .create_index(
                Index::create().name("changes_authority_id").table("changes").col("authority_id").col("id").to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            db.execute_unprepared(PG_ADVANCE).await?;
            db.execute_unprepared(PG_POSITION).await?;
            db.execute_unprepared("DROP TRIGGER changes_advance_data_version ON changes").await?;
            db.execute_unprepared(
                "CREATE CONSTRAINT TRIGGER changes_advance_data_version \
                 AFTER INSERT OR UPDATE OR DELETE ON changes DEFERRABLE INITIALLY DEFERRED \
                 FOR EACH ROW EXECUTE FUNCTION position_change()",
            )
            .await?;
        }
        db.execute_unprepared("UPDATE changes SET authority_id = entity_id WHERE entity = 'authority'").await?;
        let from_snapshot = match manager.get_database_backend() {
            DatabaseBackend::Postgres => "COALESCE(after ->> 'authority_id', before ->> 'authority_id')",
            _ => "COALESCE(json_extract(after, '$.authority_id'), json_extract(before, '$.authority_id'))",
        };
        db.execute_unprepared(&format!(
            "UPDATE changes SET authority_id = {from_snapshot} \
             WHERE entity IN ('designation', 'contact', 'network_contact_point')"
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            let db = manager.get_connection();
            db.execute_unprepared("DROP TRIGGER changes_advance_data_version ON changes").await?;
            db.execute_unprepared(
                "CREATE CONSTRAINT TRIGGER changes_advance_data_version \
                 AFTER INSERT OR UPDATE OR DELETE ON changes DEFERRABLE INITIALLY DEFERRED \
                 FOR EACH ROW EXECUTE FUNCTION advance_data_version()",
            )
            .await?;
            db.execute_unprepared("DROP FUNCTION position_change()").await?;
            db.execute_unprepared(PG_ADVANCE_BEFORE).await?;
        }
        manager.drop_index(Index::drop().name("changes_authority_id").table("changes").to_owned()).await?;
        manager.alter_table(Table::alter().table("changes").drop_column("authority_id").to_owned()).await
    }
}

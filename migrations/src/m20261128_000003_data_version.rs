//! A data version that every committed change to the directory advances, so that every instance sharing the
//! database can tell with one primary-key read whether an answer it cached is still current.
//!
//! - `data_version`: a single row (`id = 1`). Its `version` only grows.
//! - Triggers advance it on every insert, update and delete of a table that answers read from, whoever writes:
//!   the server, the `demo` command, the reference loader or an operator with `psql`. Token revocations are not
//!   covered: they are checked on every request before any cached answer is served.
//! - On PostgreSQL the triggers are deferred constraint triggers: they fire at commit, after the transaction has
//!   taken every other lock it needs, so the single row never joins a lock cycle; a transaction-local setting
//!   makes one advance per transaction, however many rows it writes. Updates of the row serialize, so versions
//!   follow commit order (a sequence would not: its numbers are handed out before commit).
//! - SQLite has one writer at a time and no deferred triggers; a plain row trigger is enough there.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

/// The tables whose rows reach an answer of the API.
const WATCHED: [&str; 13] = [
    "states",
    "conventions",
    "legal_bases",
    "state_parties",
    "networks",
    "network_memberships",
    "network_links",
    "authorities",
    "authority_list_items",
    "designations",
    "contacts",
    "network_contact_points",
    "changes",
];

const PG_FUNCTION: &str = "
CREATE FUNCTION advance_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
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
        db.execute_unprepared("CREATE TABLE data_version (id integer PRIMARY KEY, version bigint NOT NULL)").await?;
        db.execute_unprepared("INSERT INTO data_version (id, version) VALUES (1, 1)").await?;
        match manager.get_database_backend() {
            DatabaseBackend::Postgres => {
                db.execute_unprepared(PG_FUNCTION).await?;
                for table in WATCHED {
                    db.execute_unprepared(&format!(
                        "CREATE CONSTRAINT TRIGGER {table}_advance_data_version \
                         AFTER INSERT OR UPDATE OR DELETE ON {table} DEFERRABLE INITIALLY DEFERRED \
                         FOR EACH ROW EXECUTE FUNCTION advance_data_version()"
                    ))
                    .await?;
                }
            }
            _ => {
                for table in WATCHED {
                    for event in ["INSERT", "UPDATE", "DELETE"] {
                        db.execute_unprepared(&format!(
                            "CREATE TRIGGER {table}_{event}_advance_data_version AFTER {event} ON {table} \
                             BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END",
                        ))
                        .await?;
                    }
                }
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Postgres => {
                for table in WATCHED {
                    db.execute_unprepared(&format!("DROP TRIGGER {table}_advance_data_version ON {table}")).await?;
                }
                db.execute_unprepared("DROP FUNCTION advance_data_version()").await?;
            }
            _ => {
                for table in WATCHED {
                    for event in ["INSERT", "UPDATE", "DELETE"] {
                        db.execute_unprepared(&format!("DROP TRIGGER {table}_{event}_advance_data_version")).await?;
                    }
                }
            }
        }
        db.execute_unprepared("DROP TABLE data_version").await?;
        Ok(())
    }
}

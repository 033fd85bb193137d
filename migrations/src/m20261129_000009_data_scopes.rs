//! Versions finer than the one data version: what each committed change touched, so that a cached answer is
//! dropped only by a change to something it read (a focal point's edit of one State's entry leaves the answers
//! about every other State standing).
//!
//! - `data_scopes`: one row per scope, holding the data version (migration 3) of the last change that touched it.
//!   A scope is one of
//!   - `t:<table>` for a table outside the authorities' family (`t:states`, `t:network_memberships`, …, and
//!     `t:network_contact_points`, which is also in the family: networks list their contact points);
//!   - `s:<ISO3>` for every row of the authorities' family (`authorities`, `authority_list_items`,
//!     `designations`, `contacts`, `network_contact_points`) of an authority of that State;
//!   - `authorities` for any row of that family (read by answers not narrowed to States);
//!   - `names` for what a search of authorities matches and orders by: an authority added or removed, or its
//!     name, search text, State or deletion changed.
//! - Triggers write it, beside the data version, whoever changes the data. On PostgreSQL they are deferred
//!   constraint triggers like migration 3's: a transaction advances the data version once (taking its row lock
//!   first, so the scope rows never join a lock cycle) and writes each scope it touched once, with that version.
//!   On SQLite, where triggers of one event fire newest first, each table's trigger is replaced by one that
//!   advances the version and then writes the scopes, in that order.
//!
//! A reader that has seen data version `v` has seen every scope row of every change up to `v`: they commit
//! together.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

/// Tables outside the authorities' family, each its own scope `t:<table>`.
const TABLES: [&str; 11] = [
    "states",
    "conventions",
    "legal_bases",
    "state_parties",
    "networks",
    "network_memberships",
    "network_links",
    "changes",
    "organizations",
    "network_organization_memberships",
    "network_contact_points",
];

/// The authorities' family: rows scoped to their authority's State.
const PARTS: [&str; 4] = ["authority_list_items", "designations", "contacts", "network_contact_points"];

const PG_FUNCTIONS: [&str; 4] = [
    "
CREATE FUNCTION touch_scopes(scopes text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    touched text := coalesce(nullif(current_setting('cna.scopes_touched', true), ''), ',');
    before text := touched;
    item text;
    at bigint;
BEGIN
    IF current_setting('cna.data_version_advanced', true) IS DISTINCT FROM 'on' THEN
        UPDATE data_version SET version = version + 1 WHERE id = 1;
        PERFORM set_config('cna.data_version_advanced', 'on', true);
    END IF;
    FOREACH item IN ARRAY scopes LOOP
        IF item IS NOT NULL AND position(',' || item || ',' IN touched) = 0 THEN
            IF at IS NULL THEN
                SELECT version INTO at FROM data_version WHERE id = 1;
            END IF;
            INSERT INTO data_scopes (scope, version) VALUES (item, at)
                ON CONFLICT (scope) DO UPDATE SET version = EXCLUDED.version;
            touched := touched || item || ',';
        END IF;
    END LOOP;
    IF touched <> before THEN
        PERFORM set_config('cna.scopes_touched', touched, true);
    END IF;
END
$$",
    "
CREATE FUNCTION scope_table() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM touch_scopes(ARRAY['t:' || TG_TABLE_NAME]);
    RETURN NULL;
END
$$",
    "
CREATE FUNCTION scope_authority() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM touch_scopes(ARRAY['s:' || NEW.state_iso3, 'authorities', 'names']);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM touch_scopes(ARRAY['s:' || OLD.state_iso3, 'authorities', 'names']);
    ELSE
        PERFORM touch_scopes(ARRAY['s:' || OLD.state_iso3, 's:' || NEW.state_iso3, 'authorities',
            CASE WHEN NEW.name IS DISTINCT FROM OLD.name OR NEW.search_text IS DISTINCT FROM OLD.search_text
                   OR NEW.state_iso3 IS DISTINCT FROM OLD.state_iso3 OR NEW.deleted_at IS DISTINCT FROM OLD.deleted_at
                 THEN 'names' END]);
    END IF;
    RETURN NULL;
END
$$",
    "
CREATE FUNCTION scope_authority_part() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    before_state text;
    after_state text;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        SELECT state_iso3 INTO before_state FROM authorities WHERE id = OLD.authority_id;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        SELECT state_iso3 INTO after_state FROM authorities WHERE id = NEW.authority_id;
    END IF;
    PERFORM touch_scopes(ARRAY['s:' || before_state, 's:' || after_state, 'authorities']);
    RETURN NULL;
END
$$",
];

/// What a row of a part names its State by, in an SQLite trigger (`row` is `NEW` or `OLD`).
fn sqlite_part_scope(row: &str) -> String {
    format!(
        "INSERT OR REPLACE INTO data_scopes (scope, version) SELECT 's:' || a.state_iso3, d.version \
         FROM authorities a, data_version d WHERE d.id = 1 AND a.id = {row}.authority_id;"
    )
}

fn sqlite_scope(scope: &str) -> String {
    format!(
        "INSERT OR REPLACE INTO data_scopes (scope, version) SELECT {scope}, version FROM data_version WHERE id = 1;"
    )
}

const ADVANCE: &str = "UPDATE data_version SET version = version + 1 WHERE id = 1;";

/// The body of each SQLite trigger: advance the version, then write the scopes the row touched.
fn sqlite_body(table: &str, event: &str) -> String {
    let rows: &[&str] = match event {
        "INSERT" => &["NEW"],
        "DELETE" => &["OLD"],
        _ => &["OLD", "NEW"],
    };
    let mut body = vec![ADVANCE.to_owned()];
    if table == "authorities" {
        for row in rows {
            body.push(sqlite_scope(&format!("'s:' || {row}.state_iso3")));
        }
        body.push(sqlite_scope("'authorities'"));
        if event == "UPDATE" {
            body.push(
                "INSERT OR REPLACE INTO data_scopes (scope, version) SELECT 'names', version FROM data_version \
                 WHERE id = 1 AND (NEW.name IS NOT OLD.name OR NEW.search_text IS NOT OLD.search_text \
                 OR NEW.state_iso3 IS NOT OLD.state_iso3 OR NEW.deleted_at IS NOT OLD.deleted_at);"
                    .to_owned(),
            );
        } else {
            body.push(sqlite_scope("'names'"));
        }
    }
    if PARTS.contains(&table) {
        for row in rows {
            body.push(sqlite_part_scope(row));
        }
        body.push(sqlite_scope("'authorities'"));
    }
    if TABLES.contains(&table) {
        body.push(sqlite_scope(&format!("'t:{table}'")));
    }
    body.join(" ")
}

fn watched() -> impl Iterator<Item = &'static str> {
    TABLES.into_iter().chain(["authorities", "authority_list_items", "designations", "contacts"])
}

const EVENTS: [&str; 3] = ["INSERT", "UPDATE", "DELETE"];

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("CREATE TABLE data_scopes (scope varchar(64) PRIMARY KEY, version bigint NOT NULL)")
            .await?;
        // The version index answers "which scopes changed since the version I knew", asked after every change.
        db.execute_unprepared("CREATE INDEX data_scopes_version ON data_scopes (version)").await?;
        match manager.get_database_backend() {
            DatabaseBackend::Postgres => {
                for function in PG_FUNCTIONS {
                    db.execute_unprepared(function).await?;
                }
                for table in watched() {
                    let function = match table {
                        "authorities" => "scope_authority",
                        t if PARTS.contains(&t) && !TABLES.contains(&t) => "scope_authority_part",
                        _ => "scope_table",
                    };
                    db.execute_unprepared(&format!(
                        "CREATE CONSTRAINT TRIGGER {table}_scope AFTER INSERT OR UPDATE OR DELETE ON {table} \
                         DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {function}()"
                    ))
                    .await?;
                }
                // Contact points are both a table of their own and part of their authority's State.
                db.execute_unprepared(
                    "CREATE CONSTRAINT TRIGGER network_contact_points_scope_part \
                     AFTER INSERT OR UPDATE OR DELETE ON network_contact_points \
                     DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION scope_authority_part()",
                )
                .await?;
            }
            _ => {
                for table in watched() {
                    for event in EVENTS {
                        db.execute_unprepared(&format!("DROP TRIGGER {table}_{event}_advance_data_version")).await?;
                        db.execute_unprepared(&format!(
                            "CREATE TRIGGER {table}_{event}_data_scopes AFTER {event} ON {table} BEGIN {} END",
                            sqlite_body(table, event)
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
                for table in watched() {
                    db.execute_unprepared(&format!("DROP TRIGGER {table}_scope ON {table}")).await?;
                }
                db.execute_unprepared("DROP TRIGGER network_contact_points_scope_part ON network_contact_points")
                    .await?;
                for function in ["scope_authority_part()", "scope_authority()", "scope_table()", "touch_scopes(text[])"]
                {
                    db.execute_unprepared(&format!("DROP FUNCTION {function}")).await?;
                }
            }
            _ => {
                for table in watched() {
                    for event in EVENTS {
                        db.execute_unprepared(&format!("DROP TRIGGER {table}_{event}_data_scopes")).await?;
                        db.execute_unprepared(&format!(
                            "CREATE TRIGGER {table}_{event}_advance_data_version AFTER {event} ON {table} \
                             BEGIN {ADVANCE} END"
                        ))
                        .await?;
                    }
                }
            }
        }
        db.execute_unprepared("DROP TABLE data_scopes").await?;
        Ok(())
    }
}

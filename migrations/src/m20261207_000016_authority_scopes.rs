//! One more scope (migration 9): `a:<id>` (the id's 32 hexadecimal digits) for every row of one authority's family (the authority itself, its
//! lists, designations, contacts and network contact points). An answer that shows authorities found by a search,
//! across States, depends on the authorities it shows (and on `names`, what searches match) rather than on every
//! authority of their States: a focal point's edit of one entry's phone number no longer drops every search answer
//! that shows another entry of the same State.
//!
//! The triggers are those of migration 9 with the new scope beside `s:<ISO3>`: on PostgreSQL the two functions are
//! replaced; on SQLite each trigger of the family is dropped and created again, so that it still advances the
//! version before it writes the scopes.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

/// The authorities' family (migration 9's `PARTS`, and the authorities themselves).
const PARTS: [&str; 4] = ["authority_list_items", "designations", "contacts", "network_contact_points"];

const EVENTS: [&str; 3] = ["INSERT", "UPDATE", "DELETE"];

/// The PostgreSQL functions, with (`true`) or without the authority's own scope.
pub(crate) fn pg_functions(with_authority: bool) -> [String; 2] {
    let scope = |id: &str| format!("'a:' || replace(CAST({id} AS text), '-', '')");
    let (new, old, both, part) = if with_authority {
        (
            format!(", {}", scope("NEW.id")),
            format!(", {}", scope("OLD.id")),
            format!(", {}, {}", scope("OLD.id"), scope("NEW.id")),
            // A part's `OLD` is null on INSERT and `NEW` on DELETE: `'a:' || NULL` is NULL, which touch_scopes skips.
            format!(
                ", {}, {}",
                scope("CASE WHEN TG_OP <> 'INSERT' THEN OLD.authority_id END"),
                scope("CASE WHEN TG_OP <> 'DELETE' THEN NEW.authority_id END")
            ),
        )
    } else {
        Default::default()
    };
    [
        format!(
            "
CREATE OR REPLACE FUNCTION scope_authority() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM touch_scopes(ARRAY['s:' || NEW.state_iso3, 'authorities', 'names'{new}]);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM touch_scopes(ARRAY['s:' || OLD.state_iso3, 'authorities', 'names'{old}]);
    ELSE
        PERFORM touch_scopes(ARRAY['s:' || OLD.state_iso3, 's:' || NEW.state_iso3, 'authorities',
            CASE WHEN NEW.name IS DISTINCT FROM OLD.name OR NEW.search_text IS DISTINCT FROM OLD.search_text
                   OR NEW.state_iso3 IS DISTINCT FROM OLD.state_iso3 OR NEW.deleted_at IS DISTINCT FROM OLD.deleted_at
                 THEN 'names' END{both}]);
    END IF;
    RETURN NULL;
END
$$"
        ),
        format!(
            "
CREATE OR REPLACE FUNCTION scope_authority_part() RETURNS trigger LANGUAGE plpgsql AS $$
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
    PERFORM touch_scopes(ARRAY['s:' || before_state, 's:' || after_state, 'authorities'{part}]);
    RETURN NULL;
END
$$"
        ),
    ]
}

/// The authority's scope in an SQLite trigger: its id as 32 lowercase hexadecimal digits, as PostgreSQL's function
/// and the server write it (ids are stored as 16-byte blobs; a text id is read the same way).
fn sqlite_authority_scope(id: &str) -> String {
    sqlite_scope(&format!(
        "'a:' || CASE typeof({id}) WHEN 'blob' THEN lower(hex({id})) ELSE lower(replace({id}, '-', '')) END"
    ))
}

fn sqlite_scope(scope: &str) -> String {
    format!(
        "INSERT OR REPLACE INTO data_scopes (scope, version) SELECT {scope}, version FROM data_version WHERE id = 1;"
    )
}

/// What a row of a part names its State by, in an SQLite trigger (`row` is `NEW` or `OLD`).
fn sqlite_part_scope(row: &str) -> String {
    format!(
        "INSERT OR REPLACE INTO data_scopes (scope, version) SELECT 's:' || a.state_iso3, d.version \
         FROM authorities a, data_version d WHERE d.id = 1 AND a.id = {row}.authority_id;"
    )
}

/// The body of an SQLite trigger of the authorities' family: advance the version, then write the scopes the row
/// touched (migration 9's, and with `with_authority` the authority's own).
fn sqlite_body(table: &str, event: &str, with_authority: bool) -> String {
    let rows: &[&str] = match event {
        "INSERT" => &["NEW"],
        "DELETE" => &["OLD"],
        _ => &["OLD", "NEW"],
    };
    let mut body = vec!["UPDATE data_version SET version = version + 1 WHERE id = 1;".to_owned()];
    if table == "authorities" {
        for row in rows {
            body.push(sqlite_scope(&format!("'s:' || {row}.state_iso3")));
            if with_authority {
                body.push(sqlite_authority_scope(&format!("{row}.id")));
            }
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
    } else {
        for row in rows {
            body.push(sqlite_part_scope(row));
            if with_authority {
                body.push(sqlite_authority_scope(&format!("{row}.authority_id")));
            }
        }
        body.push(sqlite_scope("'authorities'"));
        if table == "network_contact_points" {
            body.push(sqlite_scope("'t:network_contact_points'"));
        }
    }
    body.join(" ")
}

async fn install(manager: &SchemaManager<'_>, with_authority: bool) -> Result<(), DbErr> {
    let db = manager.get_connection();
    match manager.get_database_backend() {
        DatabaseBackend::Postgres => {
            for function in pg_functions(with_authority) {
                db.execute_unprepared(&function).await?;
            }
        }
        _ => {
            for table in std::iter::once("authorities").chain(PARTS) {
                for event in EVENTS {
                    db.execute_unprepared(&format!("DROP TRIGGER {table}_{event}_data_scopes")).await?;
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER {table}_{event}_data_scopes AFTER {event} ON {table} BEGIN {} END",
                        sqlite_body(table, event, with_authority)
                    ))
                    .await?;
                }
            }
        }
    }
    Ok(())
}

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// In one transaction on every backend: on SQLite each trigger is dropped and created again under the same
    /// name, and outside a transaction the two statements may run on two pooled connections, the second of which
    /// still sees the trigger in its copy of the schema; it also leaves no table without its trigger meanwhile.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        install(manager, true).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        install(manager, false).await?;
        manager.get_connection().execute_unprepared("DELETE FROM data_scopes WHERE scope LIKE 'a:%'").await.map(|_| ())
    }
}

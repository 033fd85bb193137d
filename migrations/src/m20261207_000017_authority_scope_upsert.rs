//! Authority scopes (migration 16) without a quadratic cost on PostgreSQL. Migration 16 passed each `a:<id>` scope
//! to `touch_scopes`, which keeps the scopes a transaction touched in one string it searches and rewrites for each
//! new scope: with one scope per authority, an operator's `UPDATE` of every authority was quadratic in the number of
//! rows. The trigger functions now upsert the authority's scope row themselves, through `touch_authority_scope`.
//! SQLite's triggers write each scope row directly already and are left as they are.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

use crate::m20261207_000016_authority_scopes as authority_scopes;

/// Writes one authority's scope with the transaction's data version, which `touch_scopes` (called first, in the
/// same trigger) has advanced. An upsert per row costs one index probe, and writing the same row twice in a
/// transaction changes nothing; every transaction takes the data version's row lock first, so the scope rows still
/// join no lock cycle.
const TOUCH_AUTHORITY: &str = "
CREATE FUNCTION touch_authority_scope(authority uuid) RETURNS void LANGUAGE sql AS $$
    INSERT INTO data_scopes (scope, version)
        SELECT 'a:' || replace(CAST(authority AS text), '-', ''), version FROM data_version
        WHERE data_version.id = 1 AND authority IS NOT NULL
        ON CONFLICT (scope) DO UPDATE SET version = EXCLUDED.version
$$";

/// Migration 16's two functions with the authority's scope written by `touch_authority_scope`.
fn functions() -> [String; 2] {
    let touch = |ids: &[&str]| -> String {
        ids.iter().map(|id| format!("\n    PERFORM touch_authority_scope({id});")).collect()
    };
    let (new, old, both) = (touch(&["NEW.id"]), touch(&["OLD.id"]), touch(&["OLD.id", "NEW.id"]));
    // A part's `OLD` is null on INSERT and `NEW` on DELETE; touch_authority_scope skips a null id.
    let part = touch(&[
        "CASE WHEN TG_OP <> 'INSERT' THEN OLD.authority_id END",
        "CASE WHEN TG_OP <> 'DELETE' THEN NEW.authority_id END",
    ]);
    [
        format!(
            "
CREATE OR REPLACE FUNCTION scope_authority() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM touch_scopes(ARRAY['s:' || NEW.state_iso3, 'authorities', 'names']);{new}
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM touch_scopes(ARRAY['s:' || OLD.state_iso3, 'authorities', 'names']);{old}
    ELSE
        PERFORM touch_scopes(ARRAY['s:' || OLD.state_iso3, 's:' || NEW.state_iso3, 'authorities',
            CASE WHEN NEW.name IS DISTINCT FROM OLD.name OR NEW.search_text IS DISTINCT FROM OLD.search_text
                   OR NEW.state_iso3 IS DISTINCT FROM OLD.state_iso3 OR NEW.deleted_at IS DISTINCT FROM OLD.deleted_at
                 THEN 'names' END]);{both}
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
    PERFORM touch_scopes(ARRAY['s:' || before_state, 's:' || after_state, 'authorities']);{part}
    RETURN NULL;
END
$$"
        ),
    ]
}

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// In one transaction: no trigger runs between the new helper and the functions that call it.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(());
        }
        let db = manager.get_connection();
        db.execute_unprepared(TOUCH_AUTHORITY).await?;
        for function in functions() {
            db.execute_unprepared(&function).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(());
        }
        let db = manager.get_connection();
        for function in authority_scopes::pg_functions(true) {
            db.execute_unprepared(&function).await?;
        }
        db.execute_unprepared("DROP FUNCTION touch_authority_scope(uuid)").await.map(|_| ())
    }
}

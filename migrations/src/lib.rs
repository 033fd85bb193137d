//! Schema migrations of the directory, shared by SQLite and PostgreSQL.
//!
//! Migrations are append-only once landed: a change to the schema is a new file, never an edit of an old one.

pub use sea_orm_migration::prelude::*;

mod m20261128_000001_directory;
mod m20261128_000002_revocations;
mod m20261128_000003_data_version;
mod m20261128_000004_feed_positions;
mod m20261128_000005_reference_sources;
mod m20261128_000006_review_cycle;
mod m20261128_000007_change_lookups;
mod m20261128_000008_search_index;
mod m20261129_000009_data_scopes;
mod m20261207_000010_sessions;
mod m20261207_000011_oidc_logins;
mod m20261207_000012_sheet_uploads;
mod m20261207_000013_webhooks;
mod m20261207_000014_depositary_declarations;
mod m20261207_000015_legal_basis_sources;
mod m20261207_000016_authority_scopes;
mod m20261207_000017_authority_scope_upsert;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261128_000001_directory::Migration),
            Box::new(m20261128_000002_revocations::Migration),
            Box::new(m20261128_000003_data_version::Migration),
            Box::new(m20261128_000004_feed_positions::Migration),
            Box::new(m20261128_000005_reference_sources::Migration),
            Box::new(m20261128_000006_review_cycle::Migration),
            Box::new(m20261128_000007_change_lookups::Migration),
            Box::new(m20261128_000008_search_index::Migration),
            Box::new(m20261129_000009_data_scopes::Migration),
            Box::new(m20261207_000010_sessions::Migration),
            Box::new(m20261207_000011_oidc_logins::Migration),
            Box::new(m20261207_000012_sheet_uploads::Migration),
            Box::new(m20261207_000013_webhooks::Migration),
            Box::new(m20261207_000014_depositary_declarations::Migration),
            Box::new(m20261207_000015_legal_basis_sources::Migration),
            Box::new(m20261207_000016_authority_scopes::Migration),
            Box::new(m20261207_000017_authority_scope_upsert::Migration),
        ]
    }
}

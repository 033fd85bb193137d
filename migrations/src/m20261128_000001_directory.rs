//! The whole directory model in one step: reference tables (States, conventions, legal bases, networks), the
//! authorities that States maintain, and the audit log.
//!
//! Choices:
//! - Natural keys for reference data (`iso3`, convention and network codes) so that exports, URLs and audit rows
//!   stay readable; UUIDs for what users create, so ids can be minted before insert and never reveal volume.
//! - Join tables (memberships, treaty status, network links, authority lists) use composite primary keys: a duplicate
//!   is a constraint violation, reported as CONFLICT, never a second row.
//! - The authority's lists (languages, channels, means, urgent channels) live in `authority_list_items`, one row per
//!   value, so that filters are indexed `EXISTS` lookups that behave the same on SQLite and PostgreSQL.
//! - `search_text` columns hold the accent-folded, lower-cased text that searches match against; folding happens in
//!   the application so that both databases give the same answers whatever their collation.
//! - Enumerations are stored as their GraphQL names in short strings: readable, and portable across both databases.
//! - Authority names compare byte by byte on both databases (`COLLATE "C"` on PostgreSQL, SQLite's default), so
//!   that keyset cursors, in-memory paging and the order of results agree whatever the server's locale.
//! - `reference_seeds` records which reference rows were ever loaded, so a row that an administrator later changed or
//!   removed is never brought back by the loader.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const CODE: u32 = 40;

fn fk(from: (&'static str, &'static str), to: (&'static str, &'static str)) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(from.0, from.1).to(to.0, to.1).on_delete(ForeignKeyAction::Restrict).to_owned()
}

fn fk_cascade(from: (&'static str, &'static str), to: (&'static str, &'static str)) -> ForeignKeyCreateStatement {
    fk(from, to).on_delete(ForeignKeyAction::Cascade).to_owned()
}

fn index(table: &'static str, name: &'static str, cols: &[&'static str]) -> IndexCreateStatement {
    let mut idx = Index::create();
    idx.name(name).table(table);
    for c in cols {
        idx.col(*c);
    }
    idx.to_owned()
}

fn tables(backend: sea_orm::DatabaseBackend) -> Vec<TableCreateStatement> {
    let mut authority_name = text("name");
    if backend == sea_orm::DatabaseBackend::Postgres {
        authority_name.extra("COLLATE \"C\"");
    }
    vec![
        Table::create()
            .table("states")
            .col(string_len("iso3", 3).primary_key())
            .col(string_len_null("iso2", 2))
            .col(string_len_null("m49", 3))
            .col(text("name"))
            .col(text_null("region"))
            .col(text_null("subregion"))
            .col(string_len("status", CODE))
            .col(string_len_null("parent_iso3", 3))
            .col(text("search_text"))
            .foreign_key(&mut fk(("states", "parent_iso3"), ("states", "iso3")))
            .to_owned(),
        Table::create()
            .table("conventions")
            .col(string_len("code", CODE).primary_key())
            .col(text("title"))
            .col(text("short_title"))
            .col(date_null("adopted_on"))
            .col(date_null("entry_into_force_on"))
            .to_owned(),
        Table::create()
            .table("legal_bases")
            .col(string_len("code", CODE).primary_key())
            .col(string_len("convention_code", CODE))
            .col(string_len("article", CODE))
            .col(string_len("function", CODE))
            .col(text("title"))
            .foreign_key(&mut fk(("legal_bases", "convention_code"), ("conventions", "code")))
            .to_owned(),
        Table::create()
            .table("state_parties")
            .col(string_len("state_iso3", 3))
            .col(string_len("convention_code", CODE))
            .col(string_len("status", CODE))
            .col(date_null("since"))
            .col(text_null("declarations"))
            .primary_key(Index::create().col("state_iso3").col("convention_code"))
            .foreign_key(&mut fk(("state_parties", "state_iso3"), ("states", "iso3")))
            .foreign_key(&mut fk(("state_parties", "convention_code"), ("conventions", "code")))
            .to_owned(),
        Table::create()
            .table("networks")
            .col(string_len("code", CODE).primary_key())
            .col(text("name"))
            .col(string_len("kind", CODE))
            .col(text_null("region"))
            .col(text_null("website"))
            .col(text_null("secretariat"))
            .col(date_null("founded_on"))
            .col(integer_null("founded_year"))
            .col(text_null("description"))
            .to_owned(),
        Table::create()
            .table("network_memberships")
            .col(string_len("network_code", CODE))
            .col(string_len("state_iso3", 3))
            .col(string_len("status", CODE))
            .col(date_null("since"))
            .col(text_null("note"))
            .primary_key(Index::create().col("network_code").col("state_iso3"))
            .foreign_key(&mut fk_cascade(("network_memberships", "network_code"), ("networks", "code")))
            .foreign_key(&mut fk(("network_memberships", "state_iso3"), ("states", "iso3")))
            .to_owned(),
        Table::create()
            .table("network_links")
            .col(string_len("network_code", CODE))
            .col(string_len("linked_code", CODE))
            .col(string_len("kind", CODE))
            .col(date_null("since"))
            .primary_key(Index::create().col("network_code").col("linked_code"))
            .foreign_key(&mut fk_cascade(("network_links", "network_code"), ("networks", "code")))
            .foreign_key(&mut fk_cascade(("network_links", "linked_code"), ("networks", "code")))
            .to_owned(),
        Table::create()
            .table("authorities")
            .col(uuid("id").primary_key())
            .col(string_len("state_iso3", 3))
            .col(authority_name)
            .col(text_null("local_name"))
            .col(text_null("acronym"))
            .col(text_null("postal_address"))
            .col(text_null("city"))
            .col(text_null("email"))
            .col(string_len_null("phone", 20))
            .col(string_len_null("fax", 20))
            .col(text_null("website"))
            .col(string_len_null("time_zone", 64))
            .col(text_null("office_hours"))
            .col(text_null("urgent_notes"))
            .col(text_null("requirements"))
            .col(text_null("notes"))
            .col(text("search_text"))
            .col(integer("version").default(1))
            .col(timestamp_with_time_zone_null("last_confirmed_at"))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone("updated_at"))
            .col(timestamp_with_time_zone_null("deleted_at"))
            .foreign_key(&mut fk(("authorities", "state_iso3"), ("states", "iso3")))
            .to_owned(),
        Table::create()
            .table("authority_list_items")
            .col(uuid("authority_id"))
            .col(string_len("list", CODE))
            .col(string_len("value", CODE))
            .col(integer("position"))
            .primary_key(Index::create().col("authority_id").col("list").col("value"))
            .foreign_key(&mut fk_cascade(("authority_list_items", "authority_id"), ("authorities", "id")))
            .to_owned(),
        Table::create()
            .table("designations")
            .col(uuid("id").primary_key())
            .col(uuid("authority_id"))
            .col(string_len("legal_basis_code", CODE))
            .col(text_null("scope"))
            .col(date_null("notified_on"))
            .col(boolean_null("convention_accepted_as_legal_basis"))
            .col(timestamp_with_time_zone("created_at"))
            .foreign_key(&mut fk_cascade(("designations", "authority_id"), ("authorities", "id")))
            .foreign_key(&mut fk(("designations", "legal_basis_code"), ("legal_bases", "code")))
            .to_owned(),
        Table::create()
            .table("contacts")
            .col(uuid("id").primary_key())
            .col(uuid("authority_id"))
            .col(text("name"))
            .col(text_null("position"))
            .col(text_null("email"))
            .col(string_len_null("phone", 20))
            .col(json_binary("languages"))
            .col(string_len("visibility", CODE))
            .col(integer("version").default(1))
            .col(timestamp_with_time_zone("created_at"))
            .col(timestamp_with_time_zone("updated_at"))
            .foreign_key(&mut fk_cascade(("contacts", "authority_id"), ("authorities", "id")))
            .to_owned(),
        Table::create()
            .table("network_contact_points")
            .col(uuid("id").primary_key())
            .col(string_len("network_code", CODE))
            .col(uuid("authority_id"))
            .col(string_len("role", CODE))
            .col(text_null("label"))
            .col(timestamp_with_time_zone("created_at"))
            .foreign_key(&mut fk_cascade(("network_contact_points", "network_code"), ("networks", "code")))
            .foreign_key(&mut fk_cascade(("network_contact_points", "authority_id"), ("authorities", "id")))
            .to_owned(),
        Table::create()
            .table("changes")
            .col(big_pk_auto("id"))
            .col(timestamp_with_time_zone("at"))
            .col(text("actor_sub"))
            .col(string_len("actor_role", CODE))
            .col(string_len_null("actor_state", 3))
            .col(string_len_null("actor_network", CODE))
            .col(string_len("entity", CODE))
            .col(string_len("entity_id", 120))
            .col(string_len("action", CODE))
            .col(string_len_null("state_iso3", 3))
            .col(string_len_null("network_code", CODE))
            .col(json_binary_null("before"))
            .col(json_binary_null("after"))
            .to_owned(),
        Table::create()
            .table("reference_seeds")
            .col(string_len("entity", CODE))
            .col(string_len("key", 120))
            .primary_key(Index::create().col("entity").col("key"))
            .to_owned(),
    ]
}

fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        index("states", "idx_states_status", &["status"]),
        index("states", "idx_states_region", &["region"]),
        index("legal_bases", "idx_legal_bases_convention", &["convention_code"]),
        index("legal_bases", "idx_legal_bases_function", &["function"]),
        index("state_parties", "idx_state_parties_convention", &["convention_code"]),
        index("network_memberships", "idx_network_memberships_state", &["state_iso3"]),
        index("network_links", "idx_network_links_linked", &["linked_code"]),
        index("authorities", "idx_authorities_state_name", &["state_iso3", "name", "id"]),
        index("authorities", "idx_authorities_confirmed", &["last_confirmed_at"]),
        index("authority_list_items", "idx_authority_list_items_value", &["list", "value"]),
        index("designations", "idx_designations_legal_basis", &["legal_basis_code"]),
        index("designations", "idx_designations_authority", &["authority_id"])
            .unique()
            .col("legal_basis_code")
            .to_owned(),
        index("contacts", "idx_contacts_authority", &["authority_id"]),
        index("network_contact_points", "idx_ncp_network", &["network_code"]),
        index("network_contact_points", "idx_ncp_unique", &["authority_id", "network_code", "role"])
            .unique()
            .to_owned(),
        index("changes", "idx_changes_entity", &["entity", "entity_id"]),
        index("changes", "idx_changes_state", &["state_iso3"]),
        index("changes", "idx_changes_network", &["network_code"]),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in tables(manager.get_database_backend()) {
            manager.create_table(table).await?;
        }
        for idx in indexes() {
            manager.create_index(idx).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Dropping a table drops its indexes; reverse order keeps foreign keys satisfied. SQLite empties a table
        // before dropping it, so the States' reference to their parent State is cleared first.
        manager.get_connection().execute_unprepared("UPDATE states SET parent_iso3 = NULL").await?;
        for table in tables(manager.get_database_backend()).into_iter().rev() {
            let name = table.get_table_name().cloned().ok_or_else(|| DbErr::Custom("unnamed table".into()))?;
            manager.drop_table(Table::drop().table(name).to_owned()).await?;
        }
        Ok(())
    }
}

//! Reference data that says where each fact comes from, in six languages, and can be corrected by a release.
//!
//! - `source`, `source_url`, `as_of` on every reference fact: States, conventions, treaty participation, networks,
//!   memberships and links.
//! - States: `intermediate_region` (M49), `names` (the six UN languages, JSON) and `note` (e.g. Kosovo's).
//! - Conventions: `titles` in the UN languages (JSON) and `opened_for_signature_on`.
//! - Treaty participation: the depositary's kind of `action` and the `signed_on` date.
//! - Memberships: `unconfirmed`, for a membership no source states plainly.
//! - `organizations` and `network_organization_memberships`: members of a network that are not States (IOM,
//!   UNHCR, UNODC, ILO in the Bali Process).
//! - Authorities: `names` in languages beyond the name and the local name (`{"fr": …, "es": …}`).
//! - `reference_release`: the version of the reference data last applied; a newer release is applied as a diff.
//! - `reference_conflicts`: facts a release would have corrected but an administrator or secretariat had changed
//!   through the API; their change was kept.
//!
//! The new tables advance `data_version` like the others, so cached answers stay fresh.

use sea_orm_migration::sea_orm::DatabaseBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const SOURCED: [&str; 6] =
    ["states", "conventions", "state_parties", "networks", "network_memberships", "network_links"];
const NEW_WATCHED: [&str; 2] = ["organizations", "network_organization_memberships"];

fn add(table: &'static str, column: ColumnDef) -> TableAlterStatement {
    Table::alter().table(table).add_column(column).to_owned()
}

fn additions() -> Vec<TableAlterStatement> {
    let mut out = Vec::new();
    for table in SOURCED {
        out.push(add(table, text_null("source")));
        out.push(add(table, text_null("source_url")));
        out.push(add(table, date_null("as_of")));
    }
    out.push(add("states", text_null("intermediate_region")));
    out.push(add("states", json_binary_null("names")));
    out.push(add("states", text_null("note")));
    out.push(add("conventions", json_binary_null("titles")));
    out.push(add("conventions", date_null("opened_for_signature_on")));
    out.push(add("state_parties", string_len_null("action", 40)));
    out.push(add("state_parties", date_null("signed_on")));
    out.push(add("network_memberships", boolean("unconfirmed").default(false).to_owned()));
    out.push(add("authorities", json_binary_null("names")));
    out
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for alter in additions() {
            manager.alter_table(alter).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table("organizations")
                    .col(string_len("code", 40).primary_key())
                    .col(text("name"))
                    .col(text_null("website"))
                    .col(text_null("source"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("network_organization_memberships")
                    .col(string_len("network_code", 40))
                    .col(string_len("organization_code", 40))
                    .col(string_len("status", 40))
                    .col(text_null("source"))
                    .col(text_null("source_url"))
                    .col(date_null("as_of"))
                    .col(boolean("unconfirmed").default(false))
                    .primary_key(Index::create().col("network_code").col("organization_code"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("network_organization_memberships", "network_code")
                            .to("networks", "code"),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from("network_organization_memberships", "organization_code")
                            .to("organizations", "code"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("reference_release")
                    .col(integer("id").primary_key())
                    .col(integer("version"))
                    .col(timestamp_with_time_zone("applied_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("reference_conflicts")
                    .col(big_integer("id").primary_key().auto_increment())
                    .col(integer("release"))
                    .col(string_len("entity", 40))
                    .col(string_len("key", 120))
                    .col(text("detail"))
                    .col(timestamp_with_time_zone("found_at"))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        for table in NEW_WATCHED {
            match manager.get_database_backend() {
                DatabaseBackend::Postgres => {
                    db.execute_unprepared(&format!(
                        "CREATE CONSTRAINT TRIGGER {table}_advance_data_version \
                         AFTER INSERT OR UPDATE OR DELETE ON {table} DEFERRABLE INITIALLY DEFERRED \
                         FOR EACH ROW EXECUTE FUNCTION advance_data_version()"
                    ))
                    .await?;
                }
                _ => {
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
        for table in ["reference_conflicts", "reference_release", "network_organization_memberships", "organizations"] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        let columns: Vec<(&str, &str)> = SOURCED
            .iter()
            .flat_map(|t| [(*t, "source"), (*t, "source_url"), (*t, "as_of")])
            .chain([
                ("states", "intermediate_region"),
                ("states", "names"),
                ("states", "note"),
                ("conventions", "titles"),
                ("conventions", "opened_for_signature_on"),
                ("state_parties", "action"),
                ("state_parties", "signed_on"),
                ("network_memberships", "unconfirmed"),
                ("authorities", "names"),
            ])
            .collect();
        for (table, column) in columns {
            manager.alter_table(Table::alter().table(table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

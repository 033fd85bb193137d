use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Statement};

use crate::helpers::spawn_app;

async fn has_states_table(db: &sea_orm::DatabaseConnection) -> bool {
    let backend = db.get_database_backend();
    db.query_one_raw(Statement::from_string(backend, "SELECT COUNT(*) FROM states")).await.is_ok()
}

#[tokio::test]
async fn migrations_go_down_and_up_again() {
    let app = spawn_app().await;
    assert!(has_states_table(&app.db).await);
    assert!(Migrator::get_pending_migrations(&app.db).await.unwrap().is_empty());

    Migrator::down(&app.db, None).await.expect("down");
    assert!(!has_states_table(&app.db).await, "down removes the tables");
    assert_eq!(Migrator::get_pending_migrations(&app.db).await.unwrap().len(), Migrator::migrations().len());

    cna_directory::db::prepare(&app.db).await.expect("up again, with reference data");
    let data = app.data("{ states { totalCount } }", serde_json::json!({})).await;
    assert_eq!(data["states"]["totalCount"], 218);
}

/// A database from before authorities' histories held their designations and contacts: the changes already
/// recorded are given their authority from their snapshots.
#[tokio::test]
async fn earlier_changes_join_their_authority_s_history() {
    let (url, _database) = crate::helpers::fresh_database().await;
    let dir = std::env::temp_dir().join(format!("cna-mig-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = if url.starts_with("sqlite") { format!("sqlite://{}/d.db?mode=rwc", dir.display()) } else { url };
    let db = cna_directory::db::connect(&url).await.unwrap();
    Migrator::up(&db, Some(6)).await.unwrap();
    let backend = db.get_database_backend();
    let insert = |entity: &str, id: &str, after: &str| {
        format!(
            "INSERT INTO changes (at, actor_sub, actor_role, entity, entity_id, action, after) \
             VALUES ('2026-01-01T00:00:00Z', 'x', 'admin', '{entity}', '{id}', 'CREATE', '{after}')"
        )
    };
    let authority = "7d1c5e3a-0000-4000-8000-000000000001";
    for sql in [
        insert("authority", authority, "{}"),
        insert("contact", "c1", &format!("{{\"authority_id\": \"{authority}\", \"name\": \"Desk\"}}")),
        insert("designation", "d1", &format!("{{\"authority_id\": \"{authority}\"}}")),
        insert("state", "FRA", "{}"),
    ] {
        db.execute_raw(Statement::from_string(backend, sql)).await.unwrap();
    }
    Migrator::up(&db, None).await.unwrap();
    let rows = db
        .query_all_raw(Statement::from_string(backend, "SELECT entity, authority_id FROM changes ORDER BY id"))
        .await
        .unwrap();
    let got: Vec<(String, Option<String>)> = rows
        .iter()
        .map(|r| (r.try_get::<String>("", "entity").unwrap(), r.try_get::<Option<String>>("", "authority_id").unwrap()))
        .collect();
    let a = Some(authority.to_owned());
    assert_eq!(
        got,
        [
            ("authority".into(), a.clone()),
            ("contact".into(), a.clone()),
            ("designation".into(), a),
            ("state".into(), None)
        ]
    );
    let _ = std::fs::remove_dir_all(dir);
}

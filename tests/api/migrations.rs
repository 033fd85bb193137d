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

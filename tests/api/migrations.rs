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

/// Migration 17 moves PostgreSQL's `a:<id>` scopes (migration 16) out of `touch_scopes` into an upsert of their
/// own: a database migrated to 16 gets the new functions, its triggers still write every authority's scope at the
/// transaction's version, and going back down restores migration 16's functions, which write the same rows.
#[tokio::test]
#[ignore = "needs PostgreSQL: the PostgreSQL pass runs it (TEST_DATABASE_URL=postgres://… cargo test -- --include-ignored)"]
async fn authority_scopes_are_upserted_after_migration_17_and_before_it() {
    if !crate::helpers::postgres_run("whose functions migration 17 changes") {
        return;
    }
    let (url, _database) = crate::helpers::fresh_database().await;
    let db = cna_directory::db::connect(&url).await.unwrap();
    let pg = |sql: &str| Statement::from_string(sea_orm::DatabaseBackend::Postgres, sql.to_owned());
    let one = |sql: &'static str| {
        let db = &db;
        async move { db.query_one_raw(pg(sql)).await.unwrap().expect("a row").try_get_by_index::<String>(0).unwrap() }
    };
    let source = "SELECT prosrc || ' | ' || (SELECT count(*) FROM pg_proc WHERE proname = 'touch_authority_scope') \
                  FROM pg_proc WHERE proname = 'scope_authority'";
    let as_in_16 = |source: &str| source.contains("'a:' || replace") && source.ends_with(" | 0");
    Migrator::up(&db, Some(16)).await.unwrap();
    assert!(as_in_16(&one(source).await), "migration 16's functions: {}", one(source).await);

    cna_directory::db::prepare(&db).await.expect("migration 17 and the reference data");
    let upserted = one(source).await;
    assert!(upserted.contains("PERFORM touch_authority_scope(NEW.id)") && upserted.ends_with(" | 1"), "{upserted}");

    // Two authorities written in one transaction, then both renamed by one statement: each has its scope row at
    // the version of the transaction that last wrote it.
    let scopes_at_the_last_version = || async {
        db.execute_unprepared(
            "UPDATE authorities SET name = name || '.', search_text = search_text || '.' WHERE state_iso3 = 'FRA'",
        )
        .await
        .unwrap();
        one("SELECT string_agg(s.scope, ' ' ORDER BY s.scope) FROM data_scopes s, data_version d \
             WHERE d.id = 1 AND s.scope LIKE 'a:%' AND s.version = d.version")
        .await
    };
    let ids = ["7d1c5e3a000040008000000000000001", "7d1c5e3a000040008000000000000002"];
    let insert = ids
        .iter()
        .map(|id| {
            format!(
                "INSERT INTO authorities (id, state_iso3, name, search_text, created_at, updated_at) \
                 VALUES ('{id}', 'FRA', 'Authority {id}', 'authority {id}', now(), now());"
            )
        })
        .collect::<String>();
    db.execute_unprepared(&format!("BEGIN; {insert} COMMIT;")).await.unwrap();
    let expected = format!("a:{} a:{}", ids[0], ids[1]);
    assert_eq!(scopes_at_the_last_version().await, expected);

    Migrator::down(&db, Some(1)).await.unwrap();
    assert!(as_in_16(&one(source).await), "back to migration 16's functions: {}", one(source).await);
    assert_eq!(scopes_at_the_last_version().await, expected);
}

/// Instances starting together on a new PostgreSQL database take turns migrating it and loading the reference
/// data: every one starts, and the schema is whole once.
#[tokio::test]
#[ignore = "needs PostgreSQL: the PostgreSQL pass runs it (TEST_DATABASE_URL=postgres://… cargo test -- --include-ignored)"]
async fn instances_starting_together_take_turns_migrating() {
    if !crate::helpers::postgres_run("where instances share one database") {
        return;
    }
    let (url, _database) = crate::helpers::fresh_database().await;
    let starts: Vec<_> = (0..4)
        .map(|_| {
            let url = url.clone();
            tokio::spawn(async move {
                let db = cna_directory::db::connect(&url).await?;
                cna_directory::db::prepare(&db).await
            })
        })
        .collect();
    for (n, start) in starts.into_iter().enumerate() {
        start.await.expect("joined").unwrap_or_else(|e| panic!("instance {n} did not start: {e:#}"));
    }
    let db = cna_directory::db::connect(&url).await.unwrap();
    assert!(has_states_table(&db).await);
    assert!(Migrator::get_pending_migrations(&db).await.unwrap().is_empty());
    let applied = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), "SELECT COUNT(*) FROM seaql_migrations"))
        .await
        .unwrap()
        .expect("a row")
        .try_get_by_index::<i64>(0)
        .unwrap();
    assert_eq!(applied, Migrator::migrations().len() as i64);
}

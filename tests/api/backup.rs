//! Backups of the embedded SQLite database: taken while the server writes, whole and checked, restored to the same
//! directory; a restore never silently replaces a database and keeps the one it replaces.

use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use sea_orm::{ConnectionTrait, Database, DatabaseBackend, Statement};
use serde_json::json;

use crate::helpers::{spawn_app_on_sqlite_file, token};
use crate::writes::{CREATE, another_authority_input};

fn binary(database_url: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cna-directory"));
    cmd.env("DATABASE_URL", database_url).env("RUST_LOG", "error");
    cmd
}

/// The authorities of a database file, by id (hexadecimal, as SQLite keeps UUIDs: 16 bytes) with their version.
async fn authorities(path: &std::path::Path) -> Vec<(String, i64)> {
    let db = Database::connect(format!("sqlite://{}?mode=ro", path.display())).await.unwrap();
    let sql = "SELECT hex(id), version FROM authorities ORDER BY 1";
    let rows = db.query_all_raw(Statement::from_string(DatabaseBackend::Sqlite, sql)).await.unwrap();
    let out = rows.iter().map(|r| (r.try_get_by_index(0).unwrap(), r.try_get_by_index(1).unwrap())).collect();
    db.close().await.unwrap();
    out
}

#[tokio::test]
async fn a_backup_taken_while_the_directory_changes_restores_to_the_same_directory() {
    let (app, _file) = spawn_app_on_sqlite_file().await;
    let app = Arc::new(app);
    let fra = token("focal_point", Some("FRA"), None);
    for _ in 0..5 {
        app.data_as(&fra, CREATE, json!({ "input": another_authority_input() })).await;
    }
    // Writers keep writing while the copy is taken.
    let stop = Arc::new(AtomicBool::new(false));
    let acknowledged = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let writer = {
        let (app, stop, fra, acknowledged) = (app.clone(), stop.clone(), fra.clone(), acknowledged.clone());
        tokio::spawn(async move {
            let mut written = 0;
            while !stop.load(Ordering::SeqCst) {
                let made = app.data_as(&fra, CREATE, json!({ "input": another_authority_input() })).await;
                let id = made["createAuthority"]["id"].as_str().unwrap().replace('-', "").to_uppercase();
                acknowledged.lock().unwrap().push(id);
                written += 1;
            }
            written
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let before_backup = acknowledged.lock().unwrap().clone();
    let dir = std::env::temp_dir().join(format!("cna-backup-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let copy = dir.join("directory.backup.db");
    let summary = cna_directory::db::backup::backup(&app.db, &copy).await.unwrap();
    stop.store(true, Ordering::SeqCst);
    let written = writer.await.unwrap();
    assert!(written > 0, "the writers wrote meanwhile");
    assert!(summary.authorities >= 5, "{summary}");
    let kept: Vec<String> = authorities(&copy).await.into_iter().map(|(id, _)| id).collect();
    assert!(!before_backup.is_empty(), "writes were acknowledged before the backup began");
    let lost: Vec<_> = before_backup.iter().filter(|id| !kept.contains(id)).collect();
    assert!(lost.is_empty(), "every change acknowledged before the backup is in it: {lost:?} missing");
    assert_eq!(cna_directory::db::backup::check(&copy).await.unwrap(), summary, "whole, and checked again");
    let again = cna_directory::db::backup::backup(&app.db, &copy).await.unwrap_err();
    assert!(again.to_string().contains("never replaces"), "{again}");
    let leftovers = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(leftovers, 1, "no partial file is left behind");

    // Restored into a new file: the same authorities, each at the same version; the server starts on it.
    let restored = dir.join("restored.db");
    let url = format!("sqlite://{}", restored.display());
    let out = binary(&url).args(["restore"]).arg(&copy).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains(&format!("{} authorities", summary.authorities)));
    assert_eq!(authorities(&restored).await, authorities(&copy).await);
    assert_eq!(authorities(&restored).await.len() as i64, summary.authorities);

    // A database already there is replaced only when asked, and kept.
    let out = binary(&url).args(["restore"]).arg(&copy).output().unwrap();
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("--replace"));
    let out = binary(&url).args(["restore", "--replace"]).arg(&copy).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let kept =
        std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned());
    assert!(kept.into_iter().any(|name| name.starts_with("restored.db.before-restore-")), "the replaced one is kept");

    // What is not a backup, or not a SQLite target, is refused with one clear line; nothing is replaced.
    let garbage = dir.join("garbage.db");
    std::fs::write(&garbage, b"this is not a database").unwrap();
    let before = authorities(&restored).await;
    for (url, from, expected) in [
        (url.as_str(), &garbage, "not a usable backup"),
        (url.as_str(), &dir.join("missing.db"), "cannot read"),
        ("postgres://cna@127.0.0.1:1/cna", &copy, "pg_restore"),
        ("sqlite::memory:", &copy, "names no file"),
    ] {
        let out = binary(url).args(["restore", "--replace"]).arg(from).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success() && stderr.contains(expected), "{url} {}: {stderr}", from.display());
    }
    assert_eq!(authorities(&restored).await, before, "a refused restore changes nothing");
    let memory = Database::connect("sqlite::memory:").await.unwrap();
    let refused = cna_directory::db::backup::backup(&memory, &dir.join("m.db")).await.unwrap_err();
    assert!(refused.to_string().contains("in memory"), "{refused}");
    std::fs::remove_dir_all(&dir).unwrap();
}

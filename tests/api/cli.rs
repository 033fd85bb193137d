//! The binary itself: the schema it prints, and how it fails.

use std::process::Command;

fn binary() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cna-directory"));
    cmd.env_remove("DATABASE_URL").env_remove("CNA_LISTEN").env("RUST_LOG", "error");
    cmd
}

#[test]
fn committed_schema_is_the_printed_schema() {
    let out = binary().arg("schema").output().expect("run");
    assert!(out.status.success());
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/schema.graphql")).expect("schema.graphql");
    assert!(
        String::from_utf8_lossy(&out.stdout) == committed,
        "schema.graphql is out of date: run `cargo run -- schema > schema.graphql`"
    );
}

/// One line on standard error and a non-zero exit, no backtrace.
fn fails_with(cmd: &mut Command, expected: &str) {
    let out = cmd.output().expect("run");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one line: {stderr}");
    assert!(lines[0].starts_with("error: ") && lines[0].contains(expected), "{stderr}");
}

#[test]
fn bad_database_urls_end_with_one_clear_line() {
    fails_with(binary().env("DATABASE_URL", "mysql://localhost/x"), "must start with sqlite: or postgres://");
    fails_with(binary().env("DATABASE_URL", "postgres://nobody:secret@127.0.0.1:1/x"), "cannot reach PostgreSQL");
    let out = binary().env("DATABASE_URL", "postgres://nobody:secret@127.0.0.1:1/x").output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("secret"), "passwords never reach the output");
    // A PostgreSQL server that is up but lacks the database: say so, and how to create it.
    if let Ok(admin) = std::env::var("TEST_DATABASE_URL")
        && admin.starts_with("postgres")
    {
        let base = admin.rsplit_once('/').map_or(admin.as_str(), |(base, _)| base);
        let missing = format!("{base}/cna_missing_{}", uuid::Uuid::new_v4().simple());
        fails_with(binary().arg("migrate").arg("status").env("DATABASE_URL", &missing), "createdb cna_missing_");
    }
}

#[test]
fn a_port_in_use_is_named() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    fails_with(binary().env("DATABASE_URL", "sqlite::memory:").env("CNA_LISTEN", &addr), "already in use");
    // Said before any database is created, with the setting that changes it.
    let file = std::env::temp_dir().join(format!("cna-port-{}.db", uuid::Uuid::new_v4().simple()));
    let url = format!("sqlite://{}", file.display());
    fails_with(binary().env("DATABASE_URL", &url).env("CNA_LISTEN", &addr), "CNA_LISTEN");
    assert!(!file.exists(), "no database file was made");
}

#[test]
fn a_short_secret_refuses_to_start() {
    let mut cmd = binary();
    cmd.env("DATABASE_URL", "sqlite::memory:").env("CNA_LISTEN", "127.0.0.1:0").env("CNA_JWT_SECRET", "too-short");
    fails_with(&mut cmd, "at least 32 bytes");
}

#[tokio::test]
async fn minted_tokens_are_accepted() {
    let out = binary()
        .args(["token", "--role", "focal_point", "--state", "fra", "--sub", "paris-desk", "--ttl", "30m"])
        .env("CNA_JWT_SECRET", crate::helpers::SECRET)
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let token = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    let app = crate::helpers::spawn_app().await;
    let me = app.data_as(&token, "{ me { sub role state } }", serde_json::json!({})).await;
    assert_eq!(me["me"], serde_json::json!({ "sub": "paris-desk", "role": "focal_point", "state": "FRA" }));
    fails_with(
        binary().args(["token", "--role", "focal_point"]).env("CNA_JWT_SECRET", crate::helpers::SECRET),
        "--state",
    );
    // What the server would refuse is not minted.
    let mint = |args: &[&str]| {
        let mut cmd = binary();
        cmd.arg("token").args(args).env("CNA_JWT_SECRET", crate::helpers::SECRET);
        cmd
    };
    fails_with(&mut mint(&["--role", "reader", "--ttl", "30d"]), "CNA_JWT_MAX_TTL");
    fails_with(&mut mint(&["--role", "focal_point", "--state", "ZZZ"]), "--state ZZZ");
    fails_with(&mut mint(&["--role", "network_secretariat", "--network", "NOPE"]), "--network NOPE");
    fails_with(
        binary().arg("token").args(["--role", "reader"]).env("CNA_JWT_SECRET", " ".repeat(40)),
        "must be random",
    );
}

#[test]
fn migrate_says_what_it_did() {
    let dir = std::env::temp_dir().join(format!("cna-migrate-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}/d.db", dir.display());
    let run = |args: &[&str]| {
        let out = binary().arg("migrate").args(args).env("DATABASE_URL", &url).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let count = <migration::Migrator as migration::MigratorTrait>::migrations().len();
    assert!(run(&["up"]).starts_with(&format!("applied {count} migration(s)")));
    assert!(run(&["up"]).starts_with("database schema is up to date"));
    assert!(run(&["down", "--steps", "99"]).starts_with(&format!("reverted {count} migration(s)")));
    let _ = std::fs::remove_dir_all(dir);
}

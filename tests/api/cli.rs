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
}

#[test]
fn a_port_in_use_is_named() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    fails_with(binary().env("DATABASE_URL", "sqlite::memory:").env("CNA_LISTEN", &addr), "already in use");
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
}

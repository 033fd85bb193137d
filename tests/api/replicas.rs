//! Read replicas (`DATABASE_READ_URL`): a real streaming replica of a private primary, made with `pg_basebackup`,
//! applying every change seconds after the primary committed it. No answer may be older than a write
//! acknowledged before the request; once the replica has caught up, it answers the reads.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::faults::{PrivatePostgres, Server};
use crate::helpers::{postgres_run, token};

const CREATE: &str = "mutation($input: AuthorityInput!) { createAuthority(input: $input) { id version } }";
const READ: &str = "query($id: ID!) { authority(id: $id) { id name } }";
const RENAME: &str = "mutation($id: ID!, $v: Int!, $name: String!) { \
    updateAuthority(id: $id, expectedVersion: $v, input: { name: $name }) { id version } }";

/// How far behind the primary the replica applies changes.
const DELAY: Duration = Duration::from_secs(3);

/// Reads counted by `on` ("replica" or "primary") on the server's `/metrics`.
async fn reads_on(server: &Server, on: &str) -> u64 {
    let text = server.client.get(format!("{}/metrics", server.base)).send().await.unwrap().text().await.unwrap();
    let series = format!("cna_database_reads_total{{on=\"{on}\"}}");
    text.lines()
        .find_map(|line| line.strip_prefix(&series).map(|n| n.trim().parse::<f64>().unwrap_or(0.0) as u64))
        .unwrap_or(0)
}

async fn name_of(server: &Server, id: &str, bearer: &str) -> Value {
    let (status, body) = server.gql(READ, json!({ "id": id }), bearer).await.unwrap();
    assert_eq!(status, 200, "{body}");
    assert!(body.get("errors").is_none(), "{body}");
    body["data"]["authority"]["name"].clone()
}

/// Asks new questions (none in the response cache) until one is read on the replica; each must see
/// `authority`'s name when one is given.
async fn replica_answers(server: &Server, bearer: &str, authority: Option<(&str, &str)>) {
    let on_replica = reads_on(server, "replica").await;
    let started = Instant::now();
    for i in 0.. {
        let asked =
            format!("query($id: ID!) {{ authority(id: $id) {{ name }} n{i}: states(first: 1) {{ totalCount }} }}");
        let id = authority.map_or("00000000-0000-0000-0000-000000000000", |a| a.0);
        let (status, body) = server.gql(&asked, json!({ "id": id }), bearer).await.unwrap();
        assert_eq!(status, 200, "{body}");
        assert!(body.get("errors").is_none(), "{body}");
        if let Some((_, name)) = authority {
            assert_eq!(body["data"]["authority"]["name"], name, "{body}");
        }
        if reads_on(server, "replica").await > on_replica {
            return;
        }
        assert!(started.elapsed() < DELAY * 10, "the replica never answered, though it had time to catch up");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// A private primary, a streaming replica of it applying changes `delay` late, and the server reading from both with
/// a response cache of `cache_mb` MiB; dropped in that order (the server first).
async fn replicated(delay: Duration, cache_mb: &str) -> (Server, PrivatePostgres, PrivatePostgres) {
    let primary = PrivatePostgres::start_new();
    let replica = PrivatePostgres::replica_of(&primary, &format!("{}s", delay.as_secs()));
    let server = Server::start_with(
        &primary.url(),
        &[("DATABASE_READ_URL", replica.url().as_str()), ("CNA_RESPONSE_CACHE_MB", cache_mb)],
    )
    .await;
    (server, replica, primary)
}

async fn reads_through_a_delayed_replica(cache_mb: &str) {
    let (server, _replica, _primary) = replicated(DELAY, cache_mb).await;
    let fra = token("focal_point", Some("FRA"), None);
    let reader = token("reader", None, None);
    // The replica first replays the schema and reference data the server loaded at start.
    replica_answers(&server, &reader, None).await;

    // Each write is read back at once, by the same and by another viewer: the replica is seconds behind, so
    // every one of these answers must come from the primary, and none may miss the write.
    let (_, body) = server
        .gql(CREATE, json!({ "input": { "state": "FRA", "name": "Replicated authority 0" } }), &fra)
        .await
        .unwrap();
    let id = body["data"]["createAuthority"]["id"].as_str().unwrap_or_else(|| panic!("created: {body}")).to_owned();
    let mut version = body["data"]["createAuthority"]["version"].clone();
    assert_eq!(name_of(&server, &id, &reader).await, "Replicated authority 0");
    for i in 1..=5 {
        let name = format!("Replicated authority {i}");
        let (_, body) = server.gql(RENAME, json!({ "id": id, "v": version, "name": name }), &fra).await.unwrap();
        assert_eq!(body["data"]["updateAuthority"]["id"], id.as_str(), "{body}");
        version = body["data"]["updateAuthority"]["version"].clone();
        assert_eq!(name_of(&server, &id, &reader).await, name.as_str(), "a read missed an acknowledged write");
        assert_eq!(name_of(&server, &id, &fra).await, name.as_str(), "a read missed an acknowledged write");
    }
    assert!(reads_on(&server, "primary").await >= 11, "the reads behind the replica went to the primary");

    // Once the replica has applied the last write, it answers, and sees the write.
    let started = Instant::now();
    replica_answers(&server, &reader, Some((&id, "Replicated authority 5"))).await;
    eprintln!("replica answered {:?} after the last write (apply delay {DELAY:?})", started.elapsed());
}

#[tokio::test]
#[ignore = "needs PostgreSQL: the PostgreSQL pass runs it (TEST_DATABASE_URL=postgres://… cargo test -- --include-ignored)"]
async fn a_delayed_replica_never_serves_an_answer_older_than_an_acknowledged_write() {
    if !postgres_run("which brings initdb and pg_basebackup") {
        return;
    }
    // With the response cache (misses learn the version they must see from its version read), and without it
    // (the replicas' router reads the version itself).
    reads_through_a_delayed_replica("32").await;
    reads_through_a_delayed_replica("0").await;
}

/// Runs `sql` on the database at `url`, as an operator would with psql.
async fn run_sql(url: &str, sql: &str) {
    use sea_orm::ConnectionTrait;
    let db = sea_orm::Database::connect(url).await.unwrap();
    db.execute_unprepared(sql).await.unwrap();
    db.close().await.unwrap();
}

/// Creates an authority named `name` and waits until the replica answers a read of it (so that the server knows
/// the replica has replayed it).
async fn created_and_replicated(server: &Server, name: &str) -> String {
    let fra = token("focal_point", Some("FRA"), None);
    let reader = token("reader", None, None);
    replica_answers(server, &reader, None).await;
    let (_, body) = server.gql(CREATE, json!({ "input": { "state": "FRA", "name": name } }), &fra).await.unwrap();
    let id = body["data"]["createAuthority"]["id"].as_str().unwrap_or_else(|| panic!("created: {body}")).to_owned();
    replica_answers(server, &reader, Some((&id, name))).await;
    id
}

/// A restore puts the primary's data version back below what the replica, seconds behind, still shows: a
/// version says nothing of which history it belongs to. The answer must be the restored one.
async fn a_restore_the_replica_has_not_replayed(cache_mb: &str) {
    let (server, _replica, primary) = replicated(DELAY, cache_mb).await;
    let id = created_and_replicated(&server, "Before the restore").await;
    // What a restore of an earlier copy does to the rows: another name, and a data version lower than now.
    run_sql(
        &primary.url(),
        &format!(
            "BEGIN; UPDATE authorities SET name = 'As restored' WHERE id = '{id}'; \
             UPDATE data_version SET version = version - 5 WHERE id = 1; COMMIT;"
        ),
    )
    .await;
    let reader = token("reader", None, None);
    let asked = "query($id: ID!) { authority(id: $id) { name } restored: states(first: 2) { totalCount } }";
    let (_, body) = server.gql(asked, json!({ "id": id }), &reader).await.unwrap();
    assert_eq!(body["data"]["authority"]["name"], "As restored", "a replica served the history before the restore");
}

#[tokio::test]
#[ignore = "needs PostgreSQL: the PostgreSQL pass runs it (TEST_DATABASE_URL=postgres://… cargo test -- --include-ignored)"]
async fn a_replica_that_has_not_replayed_a_restore_does_not_answer() {
    if !postgres_run("which brings initdb and pg_basebackup") {
        return;
    }
    a_restore_the_replica_has_not_replayed("32").await;
    a_restore_the_replica_has_not_replayed("0").await;
}

/// The replica's address comes back serving an older copy (a replica restarted from an older backup, or far
/// behind after a restart): the server had seen it current, and must not believe that of new connections.
#[tokio::test]
#[ignore = "needs PostgreSQL: the PostgreSQL pass runs it (TEST_DATABASE_URL=postgres://… cargo test -- --include-ignored)"]
async fn a_replica_back_with_older_data_is_not_read_until_it_catches_up() {
    if !postgres_run("which brings initdb and pg_basebackup") {
        return;
    }
    let (server, replica, primary) = replicated(Duration::ZERO, "32").await;
    let reader = token("reader", None, None);
    replica_answers(&server, &reader, None).await;
    // An older copy: it holds the schema, and applies nothing committed after it was taken for an hour.
    let mut older = PrivatePostgres::replica_of(&primary, "1h");
    let id = created_and_replicated(&server, "Written after the older copy").await;
    older.take_the_place_of(&replica);
    // The pool pings a connection idle for ten seconds and replaces a dead one without telling: the new one
    // reaches the older copy.
    tokio::time::sleep(Duration::from_secs(11)).await;
    // A page first: its new connection meets the connection check and fails over. The GraphQL reads after it find
    // the replica resting and read from the primary; they show that the answers stay right meanwhile.
    let page = server.client.get(format!("{}/directory/FRA", server.base)).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let page = page.text().await.unwrap();
    assert!(page.contains("Written after the older copy"), "an older copy answered the State's page");
    for i in 0..3 {
        let asked =
            format!("query($id: ID!) {{ authority(id: $id) {{ name }} again{i}: states(first: 3) {{ totalCount }} }}");
        let (_, body) = server.gql(&asked, json!({ "id": id }), &reader).await.unwrap();
        assert_eq!(
            body["data"]["authority"]["name"], "Written after the older copy",
            "an older copy at the replica's address answered: {body}"
        );
    }
}

#[tokio::test]
#[ignore = "needs PostgreSQL: the PostgreSQL pass runs it (TEST_DATABASE_URL=postgres://… cargo test -- --include-ignored)"]
async fn a_primary_named_as_a_replica_is_refused_at_start() {
    if !postgres_run("which brings initdb") {
        return;
    }
    let primary = PrivatePostgres::start_new();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cna-directory"))
        .env("DATABASE_URL", primary.url())
        .env("DATABASE_READ_URL", primary.url())
        .env("CNA_LISTEN", "127.0.0.1:0")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && stderr.contains("is not a replica"), "{stderr}");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cna-directory"))
        .env("DATABASE_URL", primary.url())
        .env("DATABASE_READ_URL", "sqlite://replica.db")
        .env("CNA_LISTEN", "127.0.0.1:0")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && stderr.contains("must name PostgreSQL replicas"), "{stderr}");
}

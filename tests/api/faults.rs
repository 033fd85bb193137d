//! Faults: the database going away and coming back, a kill -9 in the middle of a burst of mutations, SIGTERM.
//! These tests run the real binary. The database that is stopped is a private PostgreSQL cluster made here
//! (`initdb`/`pg_ctl` in a temporary directory on a free port), never the shared server.

use std::{
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use serde_json::{Value, json};

use crate::helpers::{SECRET, token};

const PG_BIN: &str = "/usr/lib/postgresql/15/bin";

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cna-{tag}-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs a PostgreSQL tool as the `postgres` user when the tests run as root (initdb refuses root).
fn pg_tool(tool: &str) -> Command {
    let path = format!("{PG_BIN}/{tool}");
    assert!(Path::new(&path).exists(), "{path} is needed for the fault tests");
    let is_root = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0"));
    if is_root {
        let mut cmd = Command::new("runuser");
        cmd.args(["-u", "postgres", "--", &path]);
        cmd
    } else {
        Command::new(path)
    }
}

/// A PostgreSQL cluster of the test's own.
struct PrivatePostgres {
    dir: PathBuf,
    port: u16,
}

impl PrivatePostgres {
    fn start_new() -> Self {
        let dir = temp_dir("pg");
        let _ = Command::new("chown").args(["postgres:postgres", dir.to_str().unwrap()]).status();
        let ok = pg_tool("initdb")
            .args(["-D", dir.to_str().unwrap(), "-A", "trust", "-U", "postgres", "--no-sync"])
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(ok.success(), "initdb");
        let cluster = Self { dir, port: free_port() };
        cluster.start();
        cluster
    }

    fn ctl(&self, args: &[&str]) {
        let options = format!("-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off", self.port, self.dir.display());
        let log = self.dir.join("log");
        let ok = pg_tool("pg_ctl")
            .args(["-D", self.dir.to_str().unwrap(), "-l", log.to_str().unwrap(), "-o", &options, "-w"])
            .args(args)
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(ok.success(), "pg_ctl {args:?}");
    }

    fn start(&self) {
        self.ctl(&["start"]);
    }

    fn stop(&self) {
        self.ctl(&["-m", "immediate", "stop"]);
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for PrivatePostgres {
    fn drop(&mut self) {
        let _ = pg_tool("pg_ctl").args(["-D", self.dir.to_str().unwrap(), "-m", "immediate", "stop"]).output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The real server, as a child process.
struct Server {
    child: Child,
    base: String,
    client: reqwest::Client,
}

impl Server {
    async fn start(database_url: &str) -> Self {
        let port = free_port();
        let child = Command::new(env!("CARGO_BIN_EXE_cna-directory"))
            .env("DATABASE_URL", database_url)
            .env("CNA_LISTEN", format!("127.0.0.1:{port}"))
            .env("CNA_JWT_SECRET", SECRET)
            .env("CNA_RATE_LIMIT", "0")
            .env("RUST_LOG", "error")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let server = Self { child, base: format!("http://127.0.0.1:{port}"), client: reqwest::Client::new() };
        let started = Instant::now();
        while server.client.get(format!("{}/healthz", server.base)).send().await.is_err() {
            assert!(started.elapsed() < Duration::from_secs(30), "the server did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        server
    }

    async fn gql(&self, query: &str, variables: Value, bearer: &str) -> Result<(u16, Value), reqwest::Error> {
        let response = self
            .client
            .post(format!("{}/graphql", self.base))
            .bearer_auth(bearer)
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await?;
        let status = response.status().as_u16();
        Ok((status, response.json().await?))
    }

    async fn ready(&self) -> u16 {
        self.client.get(format!("{}/readyz", self.base)).send().await.map(|r| r.status().as_u16()).unwrap_or(0)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn postgres_run() -> bool {
    std::env::var("TEST_DATABASE_URL").is_ok_and(|u| u.starts_with("postgres"))
}

const COUNT: &str = "{ conventions { code } }";

#[tokio::test]
async fn the_server_rides_out_a_database_outage() {
    if !postgres_run() {
        return; // runs in the PostgreSQL pass of the suite, which has initdb
    }
    let pg = PrivatePostgres::start_new();
    let server = Server::start(&pg.url()).await;
    let reader = token("reader", None, None);
    assert_eq!(server.gql(COUNT, json!({}), &reader).await.unwrap().0, 200);
    assert_eq!(server.ready().await, 200);

    pg.stop();
    let started = Instant::now();
    let (status, body) = server.gql(COUNT, json!({}), &reader).await.unwrap();
    let took = started.elapsed();
    assert!(status == 200 || status == 500, "{status} {body}");
    let code = body["errors"][0]["extensions"]["code"].as_str().unwrap_or_default();
    assert_eq!(code, "INTERNAL_SERVER_ERROR", "{body}");
    assert!(!body.to_string().contains("127.0.0.1"), "masked: {body}");
    assert!(took < Duration::from_secs(10), "failed fast enough: {took:?}");
    assert_eq!(server.ready().await, 503, "not ready while the database is down");

    pg.start();
    let started = Instant::now();
    loop {
        if server.gql(COUNT, json!({}), &reader).await.is_ok_and(|(s, b)| s == 200 && b.get("errors").is_none()) {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "the server did not recover by itself");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(server.ready().await, 200);
}

const CREATE: &str = "mutation($input: AuthorityInput!) { createAuthority(input: $input) { id } }";

async fn acknowledged_survive_kill_9(database_url: &str) {
    use futures_util::StreamExt;

    let fra = token("focal_point", Some("FRA"), None);
    let mut server = Server::start(database_url).await;
    let burst = (0..40).map(|i| {
        let (client, url, fra) = (server.client.clone(), format!("{}/graphql", server.base), fra.clone());
        async move {
            let input = json!({ "state": "FRA", "name": format!("Burst authority {i}") });
            let response = client
                .post(url)
                .bearer_auth(fra)
                .json(&json!({ "query": CREATE, "variables": { "input": input } }))
                .send()
                .await?;
            let status = response.status().as_u16();
            Ok::<_, reqwest::Error>((status, response.json::<Value>().await?))
        }
    });
    let mut pending = futures_util::stream::iter(burst).buffer_unordered(8);
    let mut acknowledged: Vec<String> = Vec::new();
    while let Some(result) = pending.next().await {
        if let Ok((200, body)) = result
            && let Some(id) = body["data"]["createAuthority"]["id"].as_str()
        {
            acknowledged.push(id.to_owned());
            if acknowledged.len() == 15 {
                // kill -9 while the rest of the burst is in flight.
                server.child.kill().unwrap();
                server.child.wait().unwrap();
            }
        }
    }
    drop(pending);
    drop(server);
    assert!(acknowledged.len() >= 15, "{} acknowledged", acknowledged.len());
    let restarted = Server::start(database_url).await;
    let admin = token("admin", None, None);
    for id in &acknowledged {
        let (_, body) = restarted
            .gql(
                "query($id: ID!) { authority(id: $id) { id history { nodes { action } } } }",
                json!({ "id": id }),
                &admin,
            )
            .await
            .unwrap();
        assert_eq!(body["data"]["authority"]["id"], id.as_str(), "acknowledged write {id} lost: {body}");
        assert_eq!(body["data"]["authority"]["history"]["nodes"][0]["action"], "CREATE", "audit row of {id}");
    }
}

#[tokio::test]
async fn acknowledged_writes_survive_kill_9_on_sqlite() {
    let dir = temp_dir("sqlite");
    acknowledged_survive_kill_9(&format!("sqlite://{}/directory.db", dir.display())).await;
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn acknowledged_writes_survive_kill_9_on_postgres() {
    if !postgres_run() {
        return; // runs in the PostgreSQL pass of the suite
    }
    let pg = PrivatePostgres::start_new();
    acknowledged_survive_kill_9(&pg.url()).await;
}

#[tokio::test]
async fn sigterm_finishes_what_is_in_flight_and_exits_cleanly() {
    let dir = temp_dir("term");
    let url = format!("sqlite://{}/directory.db", dir.display());
    let mut server = Server::start(&url).await;
    let reader = token("reader", None, None);
    let in_flight = {
        let client = server.client.clone();
        let url = format!("{}/graphql", server.base);
        let reader = reader.clone();
        tokio::spawn(async move {
            client.post(url).bearer_auth(reader).json(&json!({ "query": "{ states(first: 100) { totalCount nodes { name memberships { network { name } } } } }" })).send().await
        })
    };
    tokio::time::sleep(Duration::from_millis(5)).await;
    let pid = server.child.id().to_string();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let response = in_flight.await.unwrap().expect("the request in flight is answered");
    assert_eq!(response.status(), 200);
    let started = Instant::now();
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "the server did not stop");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(status.success(), "exit status {status}");
    let _ = std::fs::remove_dir_all(dir);
}

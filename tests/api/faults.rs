//! Faults: the database going away and coming back, a kill -9 in the middle of a burst of mutations, SIGTERM.
//! These tests run the real binary. The database that is stopped is a private PostgreSQL cluster made here
//! (`initdb`/`pg_ctl` in a temporary directory on a free port), never the shared server.

use std::{
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use serde_json::{Value, json};

use crate::helpers::{SECRET, postgres_run, token};

/// Where PostgreSQL's server tools are: `pg_config --bindir`, else Debian's folder for the installed version.
fn pg_bin() -> String {
    let from_config = Command::new("pg_config")
        .arg("--bindir")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .filter(|dir| Path::new(dir).join("initdb").exists());
    from_config.unwrap_or_else(|| {
        let mut versions: Vec<String> = std::fs::read_dir("/usr/lib/postgresql")
            .map(|d| d.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
            .unwrap_or_default();
        versions.sort_by_key(|v| v.parse::<u32>().unwrap_or(0));
        format!("/usr/lib/postgresql/{}/bin", versions.last().map_or("15", String::as_str))
    })
}

pub(crate) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

pub(crate) fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cna-{tag}-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs a PostgreSQL tool as the `postgres` user when the tests run as root (initdb refuses root).
fn pg_tool(tool: &str) -> Command {
    let path = format!("{}/{tool}", pg_bin());
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
pub(crate) struct PrivatePostgres {
    dir: PathBuf,
    port: u16,
}

impl PrivatePostgres {
    pub(crate) fn start_new() -> Self {
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

    /// A streaming replica of `primary` (`pg_basebackup -R`), which applies each change `apply_delay` after the
    /// primary committed it.
    pub(crate) fn replica_of(primary: &Self, apply_delay: &str) -> Self {
        let dir = temp_dir("pg-replica");
        let _ = Command::new("chown").args(["postgres:postgres", dir.to_str().unwrap()]).status();
        let _ = Command::new("chmod").args(["700", dir.to_str().unwrap()]).status();
        let ok = pg_tool("pg_basebackup")
            .args(["-D", dir.to_str().unwrap(), "-h", "127.0.0.1", "-p", &primary.port.to_string()])
            .args(["-U", "postgres", "-R", "-X", "stream", "--no-sync"])
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(ok.success(), "pg_basebackup");
        let settings = dir.join("postgresql.auto.conf");
        let mut conf = std::fs::read_to_string(&settings).unwrap();
        conf.push_str(&format!("recovery_min_apply_delay = '{apply_delay}'\n"));
        std::fs::write(&settings, conf).unwrap();
        let replica = Self { dir, port: free_port() };
        replica.start();
        replica
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

    pub(crate) fn start(&self) {
        self.ctl(&["start"]);
    }

    pub(crate) fn stop(&self) {
        self.ctl(&["-m", "immediate", "stop"]);
    }

    /// Sends `signal` (`STOP`, `CONT`) to the cluster's postmaster and every backend: a frozen database that
    /// accepts connections and answers nothing.
    pub(crate) fn signal_all(&self, signal: &str) {
        let pid_file = std::fs::read_to_string(self.dir.join("postmaster.pid")).unwrap();
        let pid = pid_file.lines().next().unwrap().trim().to_owned();
        let _ = Command::new("pkill").args([&format!("-{signal}"), "-P", &pid]).status();
        let _ = Command::new("kill").args([&format!("-{signal}"), &pid]).status();
    }

    pub(crate) fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    /// Stops this cluster and starts it again where `other` listened (stopped first): to a client of `other`'s
    /// address, the server came back with this cluster's data.
    pub(crate) fn take_the_place_of(&mut self, other: &Self) {
        other.stop();
        self.stop();
        self.port = other.port;
        self.start();
    }
}

impl Drop for PrivatePostgres {
    fn drop(&mut self) {
        let _ = pg_tool("pg_ctl").args(["-D", self.dir.to_str().unwrap(), "-m", "immediate", "stop"]).output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The real server, as a child process.
pub(crate) struct Server {
    pub(crate) child: Child,
    pub(crate) base: String,
    pub(crate) client: reqwest::Client,
}

impl Server {
    pub(crate) async fn start(database_url: &str) -> Self {
        Self::start_with(database_url, &[]).await
    }

    /// The server with extra environment settings.
    pub(crate) async fn start_with(database_url: &str, env: &[(&str, &str)]) -> Self {
        let port = free_port();
        let child = Command::new(env!("CARGO_BIN_EXE_cna-directory"))
            .env("DATABASE_URL", database_url)
            .env("CNA_LISTEN", format!("127.0.0.1:{port}"))
            .env("CNA_JWT_SECRET", SECRET)
            .env("CNA_RATE_LIMIT", "0")
            .env("RUST_LOG", "error")
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // A fresh connection per request: a test that waits (for a replica, an outage) must not reuse one the
        // server has closed as idle meanwhile.
        let client = reqwest::Client::builder().pool_max_idle_per_host(0).build().unwrap();
        let server = Self { child, base: format!("http://127.0.0.1:{port}"), client };
        let started = Instant::now();
        while server.client.get(format!("{}/healthz", server.base)).send().await.is_err() {
            assert!(started.elapsed() < Duration::from_secs(30), "the server did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        server
    }

    pub(crate) async fn gql(
        &self,
        query: &str,
        variables: Value,
        bearer: &str,
    ) -> Result<(u16, Value), reqwest::Error> {
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

const COUNT: &str = "{ conventions { code } }";

#[tokio::test]
#[ignore = "needs PostgreSQL: the PostgreSQL pass runs it (TEST_DATABASE_URL=postgres://… cargo test -- --include-ignored)"]
async fn the_server_rides_out_a_database_outage() {
    if !postgres_run("which brings initdb") {
        return;
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
    assert!(status == 200 || status == 500 || status == 503, "{status} {body}");
    let code = body["errors"][0]["extensions"]["code"].as_str().unwrap_or_default();
    assert_eq!(code, "INTERNAL_SERVER_ERROR", "{body}");
    assert!(!body.to_string().contains("127.0.0.1"), "masked: {body}");
    eprintln!("anonymous read with the database down: answered in {took:?}");
    // The figure docs/security.md gives ("Faults"): about a second (the wait for a pooled connection, 1 s, and the answer).
    assert!(took < Duration::from_millis(1_500), "failed as fast as documented: {took:?}");
    // A focal point's valid token is not "bad credentials" because the database is down.
    let focal = token("focal_point", Some("FRA"), None);
    let started = Instant::now();
    let (status, body) = server.gql(COUNT, json!({}), &focal).await.unwrap();
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["errors"][0]["extensions"]["code"], "INTERNAL_SERVER_ERROR", "{body}");
    eprintln!("token check with the database down: answered in {:?}", started.elapsed());
    assert!(started.elapsed() < Duration::from_millis(1_500), "as documented: {:?}", started.elapsed());
    // Once the pool's connections are gone, each request waits for a new one that cannot be made.
    for i in 0..4 {
        let started = Instant::now();
        let (status, body) = server.gql(COUNT, json!({ "i": i }), &reader).await.unwrap();
        assert!(status == 200 || status == 503, "{status} {body}");
        eprintln!("request {i} with the database down: answered in {:?}", started.elapsed());
        assert!(started.elapsed() < Duration::from_millis(1_500), "as documented: {:?}", started.elapsed());
    }
    let anonymous = server.client.post(format!("{}/graphql", server.base)).json(&json!({ "query": COUNT })).send();
    let anonymous: Value = anonymous.await.unwrap().json().await.unwrap();
    assert_eq!(anonymous["errors"][0]["extensions"]["code"], "INTERNAL_SERVER_ERROR", "{anonymous}");
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
#[ignore = "needs PostgreSQL: the PostgreSQL pass runs it (TEST_DATABASE_URL=postgres://… cargo test -- --include-ignored)"]
async fn acknowledged_writes_survive_kill_9_on_postgres() {
    if !postgres_run("which brings initdb") {
        return;
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

/// With PostgreSQL frozen (SIGSTOP), every request still ends within the request time limit: token checks and
/// the cache's version read run inside it, and the version read gives up on its own after a second.
#[tokio::test]
#[ignore = "needs PostgreSQL: the PostgreSQL pass runs it (TEST_DATABASE_URL=postgres://… cargo test -- --include-ignored)"]
async fn a_frozen_database_never_holds_a_request_past_the_time_limit() {
    if !postgres_run("which brings initdb") {
        return;
    }
    let pg = PrivatePostgres::start_new();
    let server = Server::start_with(&pg.url(), &[("CNA_REQUEST_TIMEOUT", "2s")]).await;
    let reader = token("reader", None, None);
    let focal = token("focal_point", Some("FRA"), None);
    assert_eq!(server.gql(COUNT, json!({}), &reader).await.unwrap().0, 200);
    pg.signal_all("STOP");
    let input = json!({ "input": { "state": "FRA", "name": "Bureau" } });
    let requests = [
        (COUNT, json!({}), None),
        (COUNT, json!({}), Some(reader.as_str())),
        ("{ authorities(first: 5) { totalCount } }", json!({}), None),
        (CREATE, input, Some(focal.as_str())),
    ];
    let started = Instant::now();
    let answers = futures_util::future::join_all(requests.iter().map(|(query, variables, bearer)| {
        let mut request = server
            .client
            .post(format!("{}/graphql", server.base))
            .json(&json!({ "query": query, "variables": variables }));
        if let Some(bearer) = bearer {
            request = request.bearer_auth(bearer);
        }
        tokio::time::timeout(Duration::from_secs(20), request.send())
    }))
    .await;
    let took = started.elapsed();
    pg.signal_all("CONT");
    for answer in answers {
        let response = answer.expect("answered, not held").expect("a response");
        // Cut off at the time limit (503), or failed sooner when a new connection could not be had within the
        // pool's one second (a masked internal error in a GraphQL answer): never held.
        let status = response.status().as_u16();
        let body: Value = response.json().await.unwrap_or_default();
        let code = body["errors"][0]["extensions"]["code"].as_str().unwrap_or_default().to_owned();
        assert!(
            status == 503 || (status == 200 && code == "INTERNAL_SERVER_ERROR"),
            "cut off or failed, not answered: {status} {body}"
        );
    }
    assert!(took < Duration::from_secs(10), "all ended near the 2 s limit: {took:?}");
}

/// Half-sent requests are dropped after the header timeout, one address cannot hold more than its share of
/// connections, and SIGTERM exits even with such connections open.
#[tokio::test]
async fn slow_clients_cannot_hold_the_server() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let dir = temp_dir("slow");
    let url = format!("sqlite://{}/directory.db", dir.display());
    let env = [("CNA_HEADER_TIMEOUT", "1s"), ("CNA_MAX_CONNECTIONS_PER_PEER", "4"), ("CNA_SHUTDOWN_TIMEOUT", "2s")];
    let mut server = Server::start_with(&url, &env).await;
    let address = server.base.trim_start_matches("http://").to_owned();
    let half_open = || async {
        let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
        stream.write_all(b"POST /graphql HTTP/1.1\r\nHost: x\r\n").await.unwrap();
        stream
    };
    let mut held = Vec::new();
    for _ in 0..4 {
        held.push(half_open().await);
    }
    // A fifth connection from the same address is closed at once.
    let mut fifth = half_open().await;
    let mut buf = [0u8; 64];
    let read = tokio::time::timeout(Duration::from_secs(5), fifth.read(&mut buf)).await;
    assert!(matches!(read, Ok(Ok(0)) | Ok(Err(_))), "the fifth connection is closed: {read:?}");
    // The four are dropped once the header timeout passes.
    for stream in &mut held {
        let read = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut buf)).await;
        assert!(read.is_ok(), "a half-sent request is not held forever");
    }
    // Room again: the server frees a dropped connection's slot as it closes it, so a client that reconnects on
    // seeing the close may still be a moment early; it gets in within a second.
    let reader = token("reader", None, None);
    let mut status = None;
    for _ in 0..20 {
        if let Ok((s, _)) = server.gql(COUNT, json!({}), &reader).await {
            status = Some(s);
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(status, Some(200), "room again");

    // SIGTERM with half-open connections: the process still exits, with status 0.
    let mut open = Vec::new();
    for _ in 0..3 {
        open.push(half_open().await);
    }
    let pid = server.child.id().to_string();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(started.elapsed() < Duration::from_secs(15), "the server did not stop");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(status.success(), "exit status {status}");
    drop(open);
    let _ = std::fs::remove_dir_all(dir);
}

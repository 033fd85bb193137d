use std::sync::{
    Arc,
    atomic::{AtomicUsize, Ordering},
};

use cna_directory::config::{DatabaseSettings, ServeSettings};
use cna_directory::{db, http::Application};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde_json::{Value, json};

/// The HS256 secret every test server verifies tokens with.
pub const SECRET: &str = "test-secret-of-at-least-thirty-two-bytes!";

pub struct TestApp {
    pub address: String,
    pub db: DatabaseConnection,
    pub client: reqwest::Client,
    /// Statements sent to the database through the server's pool since the app started (on PostgreSQL, the
    /// response cache's version reads go through a connection of their own and are not among them).
    pub statements: Arc<AtomicUsize>,
    _database: Option<Arc<TestDatabase>>,
}

/// A database made for one test, removed with the last server using it.
pub enum TestDatabase {
    Postgres { admin_url: String, name: String },
    SqliteFile(std::path::PathBuf),
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let (url, name) = match self {
            TestDatabase::Postgres { admin_url, name } => (admin_url.clone(), name.clone()),
            TestDatabase::SqliteFile(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
                return;
            }
        };
        // Drop runs outside any runtime the test may still hold; give the statement its own.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().ok()?;
            rt.block_on(async {
                let admin = sea_orm::Database::connect(url.as_str()).await.ok()?;
                admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).await.ok()?;
                admin.close().await.ok()
            })
        })
        .join();
    }
}

/// Whether this run has PostgreSQL (`TEST_DATABASE_URL=postgres://…`); when not, says that the test is skipped and
/// what it needs (`brings`: what a PostgreSQL installation brings that the test uses).
pub fn postgres_run(brings: &str) -> bool {
    let run = std::env::var("TEST_DATABASE_URL").is_ok_and(|u| u.starts_with("postgres"));
    if !run {
        eprintln!("SKIPPED: needs TEST_DATABASE_URL=postgres://…, {brings}");
    }
    run
}

/// A database URL for one test: in-memory SQLite, or a new database on `TEST_DATABASE_URL`.
pub async fn fresh_database() -> (String, Option<Arc<TestDatabase>>) {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(admin_url) if admin_url.starts_with("postgres") => {
            let name = format!("cna_test_{}", uuid::Uuid::new_v4().simple());
            let admin = sea_orm::Database::connect(admin_url.as_str()).await.expect("TEST_DATABASE_URL reachable");
            admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await.expect("create test database");
            admin.close().await.expect("close admin connection");
            let base = admin_url.rsplit_once('/').map_or(admin_url.as_str(), |(base, _)| base);
            (format!("{base}/{name}"), Some(Arc::new(TestDatabase::Postgres { admin_url: admin_url.clone(), name })))
        }
        _ => ("sqlite::memory:".to_owned(), None),
    }
}

/// Starts the real server on 127.0.0.1:0 over a fresh, migrated database with the reference data.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// `spawn_app` with settings changed by `configure` (keys, public read …).
pub async fn spawn_app_with(configure: impl FnOnce(&mut ServeSettings)) -> TestApp {
    let (url, database) = fresh_database().await;
    spawn_on(url, database, configure).await
}

/// Two servers over one fresh database, like two instances of one deployment: a new PostgreSQL database, or a
/// SQLite file (an in-memory SQLite database cannot be shared).
pub async fn spawn_pair() -> (TestApp, TestApp) {
    spawn_pair_with(|_| {}).await
}

/// `spawn_pair` with the second server's settings changed by `configure` (its cache off, say).
pub async fn spawn_pair_with(configure: impl FnOnce(&mut ServeSettings)) -> (TestApp, TestApp) {
    spawn_pair_each(|_| {}, configure).await
}

/// A server on a SQLite file of its own, whatever `TEST_DATABASE_URL` says (for what only SQLite has: backups);
/// answers the file too.
pub async fn spawn_app_on_sqlite_file() -> (TestApp, std::path::PathBuf) {
    let path = std::env::temp_dir().join(format!("cna-test-{}.db", uuid::Uuid::new_v4().simple()));
    let database = Some(Arc::new(TestDatabase::SqliteFile(path.clone())));
    (spawn_on(format!("sqlite://{}", path.display()), database, |_| {}).await, path)
}

/// Two servers on one database, each with its settings changed.
pub async fn spawn_pair_each(
    first: impl FnOnce(&mut ServeSettings),
    second: impl FnOnce(&mut ServeSettings),
) -> (TestApp, TestApp) {
    let (url, database) = match fresh_database().await {
        (_, None) => {
            let path = std::env::temp_dir().join(format!("cna-test-{}.db", uuid::Uuid::new_v4().simple()));
            (format!("sqlite://{}", path.display()), Some(Arc::new(TestDatabase::SqliteFile(path))))
        }
        fresh => fresh,
    };
    (spawn_on(url.clone(), database.clone(), first).await, spawn_on(url, database, second).await)
}

/// The server over a fresh database migrated and loaded with `release` instead of the shipped reference data,
/// as a database loaded by an older release would be.
pub async fn spawn_app_on_release(release: db::reference::ReferenceData) -> TestApp {
    let (url, database) = fresh_database().await;
    let db = db::connect(&url).await.expect("connect to the test database");
    <migration::Migrator as migration::MigratorTrait>::up(&db, None).await.expect("migrate");
    db::reference::load_release(&db, release).await.expect("load the older release");
    start(url, db, database, |_| {}).await
}

async fn spawn_on(
    url: String,
    database: Option<Arc<TestDatabase>>,
    configure: impl FnOnce(&mut ServeSettings),
) -> TestApp {
    let db = db::connect(&url).await.expect("connect to the test database");
    db::prepare(&db).await.expect("migrate and load reference data");
    start(url, db, database, configure).await
}

async fn start(
    url: String,
    mut db: DatabaseConnection,
    database: Option<Arc<TestDatabase>>,
    configure: impl FnOnce(&mut ServeSettings),
) -> TestApp {
    let statements = Arc::new(AtomicUsize::new(0));
    let counter = statements.clone();
    db.set_metric_callback(move |info| {
        if std::env::var("TEST_LOG_SQL").is_ok() {
            eprintln!("SQL {}", info.statement.sql.chars().take(140).collect::<String>());
        }
        counter.fetch_add(1, Ordering::SeqCst);
    });
    let mut settings = ServeSettings {
        database: DatabaseSettings::new(url),
        auth: cna_directory::config::AuthSettings { jwt_secret: Some(SECRET.into()), ..Default::default() },
        // Tests send bursts far beyond a client's allowance; the rate limit has a test of its own.
        limits: cna_directory::config::LimitSettings { rate_limit: 0, ..Default::default() },
        workspace: Default::default(),
        listen: "127.0.0.1:0".parse().expect("address"),
        public_read: true,
        cors_origins: vec!["https://portal.example.org".to_owned()],
        // Delivery runs only where a test subscribes (it polls the database, which statement counts would see).
        webhooks: cna_directory::config::WebhookSettings { webhook_workers: 0, webhook_allow_local: true },
        demo: false,
    };
    configure(&mut settings);
    let app = Application::build(&settings, db.clone()).await.expect("bind");
    let address = format!("http://{}", app.local_addr());
    tokio::spawn(app.run(std::future::pending()));
    TestApp { address, db, client: reqwest::Client::new(), statements, _database: database }
}

/// `spawn_app` with the sample authorities loaded.
pub async fn spawn_app_with_demo() -> TestApp {
    let app = spawn_app().await;
    db::demo::load(&app.db).await.expect("load samples");
    app
}

impl TestApp {
    /// Sends one GraphQL operation and returns the whole response body.
    pub async fn gql(&self, query: &str, variables: Value, token: Option<&str>) -> Value {
        let mut request = self.client.post(format!("{}/graphql", self.address)).json(&json!({
            "query": query,
            "variables": variables,
        }));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("request sent");
        assert_eq!(response.status(), 200, "GraphQL answers 200 for GraphQL-level outcomes");
        response.json().await.expect("JSON body")
    }

    /// Sends an operation that must succeed and returns its `data`.
    pub async fn data(&self, query: &str, variables: Value) -> Value {
        let body = self.gql(query, variables, None).await;
        assert!(body.get("errors").is_none(), "unexpected errors: {body:#}");
        body["data"].clone()
    }

    /// Every node of a connection query, following `endCursor` page by page; `path` names the connection in `data`.
    pub async fn all_nodes(&self, query: &str, mut variables: Value, path: &str) -> Vec<Value> {
        let mut nodes = Vec::new();
        loop {
            let data = self.data(query, variables.clone()).await;
            let conn = &data[path];
            nodes.extend(conn["nodes"].as_array().expect("nodes").iter().cloned());
            if !conn["pageInfo"]["hasNextPage"].as_bool().expect("hasNextPage") {
                return nodes;
            }
            variables["after"] = conn["pageInfo"]["endCursor"].clone();
        }
    }

    pub fn statements(&self) -> usize {
        self.statements.load(Ordering::SeqCst)
    }
}

/// The `extensions.code` of the first error, with the response for the failure message.
pub fn error_code(body: &Value) -> String {
    body["errors"][0]["extensions"]["code"].as_str().unwrap_or_else(|| panic!("no error code in {body:#}")).to_owned()
}

/// Strings of a JSON list, sorted.
pub fn sorted_strings(list: &Value, key: impl Fn(&Value) -> &Value) -> Vec<String> {
    let mut out: Vec<String> = list
        .as_array()
        .unwrap_or_else(|| panic!("not a list: {list:#}"))
        .iter()
        .map(|v| key(v).as_str().expect("string").to_owned())
        .collect();
    out.sort();
    out
}

pub const EU27: [&str; 27] = [
    "AUT", "BEL", "BGR", "CYP", "CZE", "DEU", "DNK", "ESP", "EST", "FIN", "FRA", "GRC", "HRV", "HUN", "IRL", "ITA",
    "LTU", "LUX", "LVA", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "SWE",
];

/// The EJN secretariat adds `state` as an observer: one public change to the feed.
pub async fn ejn_observer(app: &TestApp, state: &str) {
    let ejn = token("network_secretariat", None, Some("EJN"));
    let add = format!(
        "mutation {{ setNetworkMembership(network: \"EJN\", state: \"{state}\", status: OBSERVER) {{ status }} }}"
    );
    app.data_as(&ejn, &add, serde_json::json!({})).await;
}

/// A token signed with the test secret, living one hour.
pub fn token(role: &str, state: Option<&str>, network: Option<&str>) -> String {
    cna_directory::auth::token::mint(&cna_directory::auth::token::TokenRequest {
        secret: SECRET,
        issuer: "cna-directory",
        audience: "cna-directory",
        sub: &format!("{role}-{}", state.or(network).unwrap_or("test")),
        role,
        state,
        network,
        ttl: std::time::Duration::from_secs(3600),
    })
    .expect("mint")
}

impl TestApp {
    /// Posts an operation and returns the status and body, whatever they are.
    pub async fn post(&self, query: &str, variables: Value, authorization: Option<&str>) -> (u16, Value) {
        let mut request = self.client.post(format!("{}/graphql", self.address)).json(&json!({
            "query": query,
            "variables": variables,
        }));
        if let Some(value) = authorization {
            request = request.header("authorization", value);
        }
        let response = request.send().await.expect("request sent");
        (response.status().as_u16(), response.json().await.expect("JSON body"))
    }

    /// Sends an operation with a token that must succeed and returns its `data`.
    pub async fn data_as(&self, token: &str, query: &str, variables: Value) -> Value {
        let body = self.gql(query, variables, Some(token)).await;
        assert!(body.get("errors").is_none(), "unexpected errors: {body:#}");
        body["data"].clone()
    }
}

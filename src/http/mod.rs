//! HTTP: the axum router, the GraphQL endpoint, health and readiness, and the server's life cycle.

mod admission;
mod cache;
mod export;
mod graphiql;
mod graphql;
mod health;
mod i18n;
mod media;
mod metrics;
mod mirror;
mod pages;
mod persisted;
mod rate_limit;
mod readers;
mod server;
mod subscriptions;
mod workspace;

use std::{future::Future, net::SocketAddr, sync::Arc, time::Duration};

use anyhow::Context;
use axum::{
    Router,
    extract::DefaultBodyLimit,
    http::{HeaderName, HeaderValue, Method, header},
    routing::get,
};
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;
use tower_http::{
    CompressionLevel,
    compression::CompressionLayer,
    cors::{AllowOrigin, CorsLayer},
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    timeout::RequestBodyDeadlineLayer,
    trace::TraceLayer,
};

use crate::auth::Authenticator;
use crate::config::ServeSettings;
use crate::graphql::schema::{self, AppSchema};

/// Requests larger than this are refused with 413 before they are parsed.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// What every handler shares, behind one `Arc`: the router clones the state for every request (and every layer
/// that reads it), and a clone of the whole struct, field by field, was a tenth of a cached answer's time.
#[derive(Clone)]
pub(crate) struct AppState(Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

pub(crate) struct Shared {
    pub(crate) schema: AppSchema,
    pub(crate) db: DatabaseConnection,
    /// Where read queries read: the primary (`db`), or replicas that show what a request must see.
    pub(crate) readers: crate::db::replicas::Readers,
    /// The connection long writes go through (see `db::writer`): one writer on SQLite, the pool on PostgreSQL.
    pub(crate) writer: DatabaseConnection,
    pub(crate) auth: Arc<Authenticator>,
    /// Whether anonymous readers may query.
    pub(crate) public_read: bool,
    pub(crate) rate_limit: Option<Arc<rate_limit::RateLimit>>,
    pub(crate) request_timeout: Duration,
    pub(crate) cache: Option<Arc<cache::ResponseCache>>,
    /// Most selections a document may expand to, and root fields an operation may have (`graphql::expansion`).
    pub(crate) document_limits: DocumentLimits,
    /// Operation names used as metric labels, bounded.
    pub(crate) operations: Arc<metrics::OperationLabels>,
    /// The public snapshot, built once per feed position and shared by its readers (`/mirror/snapshot`).
    pub(crate) snapshots: Arc<mirror::Snapshots>,
    /// Operations the engine may run at once (`CNA_MAX_EXECUTIONS`).
    pub(crate) executions: Arc<tokio::sync::Semaphore>,
    /// How long a confirmation holds, for the route page's warnings.
    pub(crate) review: crate::domain::ReviewPolicy,
    /// Sessions of the workspace: how long they last, whether their cookie is `Secure`.
    pub(crate) workspace: workspace::Settings,
    /// The organisation's identity provider, when one is configured (`CNA_OIDC_ISSUER`).
    pub(crate) oidc: Option<Arc<crate::auth::oidc::Provider>>,
    /// Subscription sockets open per address (`/graphql/ws`).
    pub(crate) sockets: Arc<mirror::Slots>,
    /// Documents clients sent with their hash, for requests that send the hash alone (`persisted`).
    pub(crate) persisted: Arc<persisted::PersistedQueries>,
    /// Streams of public changes open per address (`/mirror/stream`).
    pub(crate) streams: Arc<mirror::Slots>,
    /// Spreadsheets this instance is applying, and how far each has gone.
    pub(crate) uploads: Arc<workspace::Applying>,
}

#[derive(Clone, Copy)]
pub(crate) struct DocumentLimits {
    pub(crate) selections: usize,
    pub(crate) root_fields: usize,
    /// Deepest bracket nesting of the raw document and of the request's JSON (`graphql::nesting`).
    pub(crate) nesting: usize,
}

/// A bound, not yet running server.
pub struct Application {
    listener: TcpListener,
    router: Router,
    connections: server::ConnectionLimits,
}

impl Application {
    /// Binds the listening socket; a port already in use is reported as such.
    pub async fn build(settings: &ServeSettings, db: DatabaseConnection) -> anyhow::Result<Self> {
        Self::on(bind(settings).await?, settings, db).await
    }

    /// The server on a socket already bound (see [`bind`]), so that a port in use is reported before the database
    /// is touched.
    pub async fn on(listener: TcpListener, settings: &ServeSettings, db: DatabaseConnection) -> anyhow::Result<Self> {
        metrics::handle();
        let auth = Arc::new(Authenticator::from_settings(&settings.auth)?);
        if !auth.accepts_tokens() {
            tracing::warn!(
                "no token key configured (CNA_JWT_SECRET, CNA_JWT_PUBLIC_KEY_FILE, CNA_JWKS_FILE): read-only"
            );
        }
        let limits = schema::Limits {
            depth: settings.limits.max_depth,
            complexity: settings.limits.max_complexity,
            recursive_depth: settings.limits.max_recursive_depth,
            directives: settings.limits.max_directives,
        };
        let rate_limit =
            rate_limit::RateLimit::new(settings.limits.rate_limit, settings.limits.rate_burst).map(Arc::new);
        if let Some(limiter) = rate_limit.clone() {
            tokio::spawn(async move {
                let mut tick = tokio::time::interval(Duration::from_secs(60));
                loop {
                    tick.tick().await;
                    limiter.forget_idle();
                }
            });
        }
        let writer = crate::db::writer(&settings.database.url()?, &db).await?;
        let readers = crate::db::replicas::Readers::connect(
            db.clone(),
            &settings.database.read_urls()?,
            Some(settings.limits.statement_timeout),
        )
        .await?;
        if readers.has_replicas() {
            tracing::info!(
                replicas = readers.replica_count(),
                "read queries go to replicas that show what each must see"
            );
        }
        let webhooks = crate::service::webhooks::WebhookPolicy { allow_local: settings.webhooks.webhook_allow_local };
        crate::service::webhooks::deliver::spawn(
            db.clone(),
            writer.clone(),
            webhooks,
            settings.webhooks.webhook_workers,
        )?;
        let state = AppState(Arc::new(Shared {
            schema: schema::build(
                db.clone(),
                writer.clone(),
                limits,
                crate::domain::ReviewPolicy { months: settings.limits.review_months },
                webhooks,
            ),
            db,
            readers,
            writer,
            auth,
            public_read: settings.public_read,
            rate_limit,
            request_timeout: settings.limits.request_timeout,
            cache: cache::ResponseCache::new(settings.limits.response_cache_mb).map(Arc::new),
            document_limits: DocumentLimits {
                selections: settings.limits.max_selections,
                root_fields: settings.limits.max_root_fields,
                nesting: usize::from(settings.limits.max_nesting),
            },
            operations: Arc::default(),
            snapshots: Arc::default(),
            executions: Arc::new(tokio::sync::Semaphore::new(settings.limits.max_executions as usize)),
            review: crate::domain::ReviewPolicy { months: settings.limits.review_months },
            workspace: workspace::Settings {
                lifetimes: crate::service::sessions::Lifetimes {
                    idle: settings.workspace.session_idle,
                    absolute: settings.workspace.session_max,
                },
                secure: settings.workspace.secure(),
            },
            oidc: crate::auth::oidc::Provider::from_settings(&settings.workspace)?.map(Arc::new),
            uploads: Arc::default(),
            streams: mirror::stream_slots(),
            persisted: Arc::default(),
            sockets: subscriptions::slots(),
        }));
        let router = router(state, &settings.cors_origins, settings.limits.body_timeout)?;
        let connections = server::ConnectionLimits {
            header_timeout: settings.limits.header_timeout,
            write_timeout: settings.limits.write_timeout,
            max_connections: settings.limits.max_connections,
            max_per_peer: settings.limits.max_connections_per_peer,
            shutdown_timeout: settings.limits.shutdown_timeout,
            proxies: settings.limits.trusted_proxies.clone(),
        };
        Ok(Self { listener, router, connections })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 0)))
    }

    /// Serves until `shutdown` resolves, then lets the requests in flight finish for `CNA_SHUTDOWN_TIMEOUT` at
    /// most.
    pub async fn run(self, shutdown: impl Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
        server::serve(self.listener, self.router, self.connections, shutdown).await;
        Ok(())
    }
}

/// Binds the listening socket; a port already in use is reported as such, with the setting that changes it.
pub async fn bind(settings: &ServeSettings) -> anyhow::Result<TcpListener> {
    TcpListener::bind(settings.listen).await.map_err(|e| match e.kind() {
        std::io::ErrorKind::AddrInUse => anyhow::anyhow!(
            "cannot listen on {}: the address is already in use (choose another with --listen or CNA_LISTEN)",
            settings.listen
        ),
        _ => anyhow::anyhow!("cannot listen on {}: {e}", settings.listen),
    })
}

fn router(state: AppState, cors_origins: &[String], body_timeout: Duration) -> anyhow::Result<Router> {
    let request_id = HeaderName::from_static("x-request-id");
    let mut router = Router::new()
        // A browser sent to the server's root lands on GraphiQL.
        .route("/", get(|| async { axum::response::Redirect::temporary("/graphql") }))
        .route(
            "/graphql",
            get(graphql::get)
                .post(graphql::post)
                .layer(axum::middleware::map_response(|r| vary(r, "accept, accept-language, authorization"))),
        )
        .route(
            "/graphql/ws",
            // Counted by address, like a person's pages: the token comes in the socket's first message.
            get(subscriptions::upgrade)
                .route_layer(axum::middleware::from_fn_with_state(state.clone(), admission::admit_people)),
        )
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route(&format!("{}/{{name}}", graphiql::ASSETS), get(graphiql::asset))
        .merge(
            Router::new()
                .merge(
                    Router::new()
                        .route("/directory", get(pages::index))
                        .route("/directory/{iso3}", get(pages::state_page))
                        .route("/route", get(pages::route))
                        .layer(axum::middleware::map_response(|r| vary(r, "accept-language, authorization"))),
                )
                .route("/mirror/snapshot", get(mirror::snapshot))
                .route("/mirror/changes", get(mirror::changes))
                .route("/mirror/stream", get(mirror::stream))
                .route("/schema.graphql", get(graphql::sdl))
                .route("/export", get(export::export))
                .route("/metrics", get(metrics::render))
                .route_layer(axum::middleware::from_fn_with_state(state.clone(), admission::admit_reads)),
        )
        .merge(
            workspace::routes()
                .route_layer(axum::middleware::from_fn_with_state(state.clone(), admission::admit_people)),
        )
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(RequestBodyDeadlineLayer::new(body_timeout))
        .layer(axum::middleware::from_fn_with_state(state.clone(), admission::rate_limit_fields))
        .with_state(state);
    if let Some(cors) = cors(cors_origins)? {
        router = router.layer(cors);
    }
    Ok(router
        .layer(compression())
        .layer(axum::middleware::map_response(weaken_etag))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(TraceLayer::new_for_http())
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
        .layer(axum::middleware::map_request(drop_unsafe_request_id)))
}

/// Compression as the reader's `Accept-Encoding` asks: gzip, brotli or zstd, at a level that costs little CPU per
/// answer (answers are made per request; the response cache keeps them uncompressed). Left as they are: answers
/// already encoded (the snapshot, kept gzipped), event streams (each event must leave at once), spreadsheets (ZIP
/// files already) and small answers.
fn compression() -> CompressionLayer<impl tower_http::compression::Predicate> {
    use tower_http::compression::predicate::{NotForContentType, Predicate, SizeAbove};
    let xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    let predicate = SizeAbove::new(256)
        .and(NotForContentType::const_new("text/event-stream"))
        .and(NotForContentType::const_new("image/"))
        .and(NotForContentType::const_new(xlsx))
        .and(NotForContentType::const_new("application/vnd.oasis.opendocument"));
    CompressionLayer::new().quality(CompressionLevel::Precise(4)).compress_when(predicate)
}

/// A compressed answer's entity tag is weak: its bytes are not those the tag was made from, and another encoding
/// of the same answer carries the same tag. Revalidation (`If-None-Match`) compares tags weakly, so it still works.
async fn weaken_etag(mut response: axum::response::Response) -> axum::response::Response {
    let headers = response.headers_mut();
    if headers.contains_key(header::CONTENT_ENCODING)
        && let Some(tag) = headers.get(header::ETAG).filter(|t| !t.as_bytes().starts_with(b"W/"))
        && let Ok(weak) = HeaderValue::from_bytes(&[b"W/", tag.as_bytes()].concat())
    {
        headers.insert(header::ETAG, weak);
    }
    response
}

/// Names the request headers an answer depends on, so that no shared cache gives one reader's answer (another
/// language, another token, another media type) to another.
async fn vary(mut response: axum::response::Response, on: &'static str) -> axum::response::Response {
    response.headers_mut().append(header::VARY, HeaderValue::from_static(on));
    response
}

/// Longest client-chosen request id kept; longer ones, or ones with other characters than letters, digits, `-`,
/// `_` and `.`, are replaced by a fresh id, so logs and echoed headers carry nothing a client smuggled in.
const MAX_REQUEST_ID: usize = 64;

async fn drop_unsafe_request_id(mut request: axum::extract::Request) -> axum::extract::Request {
    let safe = request.headers().get("x-request-id").is_none_or(|v| {
        let v = v.as_bytes();
        !v.is_empty() && v.len() <= MAX_REQUEST_ID && v.iter().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(b))
    });
    if !safe {
        request.headers_mut().remove("x-request-id");
    }
    request
}

/// The request's id: the client's when it was safe, else the one made for it. Borrowed from the headers: every
/// request, a cached answer too, asks for it.
pub(crate) fn request_id(headers: &axum::http::HeaderMap) -> &str {
    headers.get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-")
}

fn cors(origins: &[String]) -> anyhow::Result<Option<CorsLayer>> {
    let origins: Vec<&str> = origins.iter().map(|o| o.trim()).filter(|o| !o.is_empty()).collect();
    if origins.is_empty() {
        return Ok(None);
    }
    let allow = if origins.contains(&"*") {
        AllowOrigin::any()
    } else {
        let values = origins
            .iter()
            .map(|o| HeaderValue::from_str(o).with_context(|| format!("CNA_CORS_ORIGINS: `{o}` is not a valid origin")))
            .collect::<anyhow::Result<Vec<_>>>()?;
        AllowOrigin::list(values)
    };
    Ok(Some(
        CorsLayer::new()
            .allow_origin(allow)
            .allow_methods([Method::GET, Method::POST])
            .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION])
            // A portal's script may read what it needs to revalidate, to quote a request id and to back off.
            .expose_headers([
                header::ETAG,
                HeaderName::from_static("x-request-id"),
                header::RETRY_AFTER,
                HeaderName::from_static("ratelimit"),
                HeaderName::from_static("ratelimit-policy"),
            ])
            .max_age(Duration::from_secs(3600)),
    ))
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down: finishing requests in flight");
}

//! HTTP: the axum router, the GraphQL endpoint, health and readiness, and the server's life cycle.

mod cache;
mod graphql;
mod health;
mod metrics;
mod rate_limit;

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
    cors::{AllowOrigin, CorsLayer},
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    trace::TraceLayer,
};

use crate::auth::Authenticator;
use crate::config::ServeSettings;
use crate::graphql::schema::{self, AppSchema};

/// Requests larger than this are refused with 413 before they are parsed.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

#[derive(Clone)]
pub struct AppState {
    pub schema: AppSchema,
    pub db: DatabaseConnection,
    pub auth: Arc<Authenticator>,
    /// Whether anonymous readers may query.
    pub public_read: bool,
    pub rate_limit: Option<Arc<rate_limit::RateLimit>>,
    pub request_timeout: Duration,
    pub cache: Option<Arc<cache::ResponseCache>>,
}

/// A bound, not yet running server.
pub struct Application {
    listener: TcpListener,
    router: Router,
}

impl Application {
    /// Binds the listening socket; a port already in use is reported as such.
    pub async fn build(settings: &ServeSettings, db: DatabaseConnection) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(settings.listen).await.map_err(|e| match e.kind() {
            std::io::ErrorKind::AddrInUse => {
                anyhow::anyhow!("cannot listen on {}: the address is already in use", settings.listen)
            }
            _ => anyhow::anyhow!("cannot listen on {}: {e}", settings.listen),
        })?;
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
        let state = AppState {
            schema: schema::build(db.clone(), limits),
            db,
            auth,
            public_read: settings.public_read,
            rate_limit,
            request_timeout: settings.limits.request_timeout,
            cache: cache::ResponseCache::new(settings.limits.response_cache_mb).map(Arc::new),
        };
        let router = router(state, &settings.cors_origins)?;
        Ok(Self { listener, router })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 0)))
    }

    /// Serves until `shutdown` resolves, then lets the requests in flight finish.
    pub async fn run(self, shutdown: impl Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
        axum::serve(self.listener, self.router.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(shutdown)
            .await
            .context("server error")
    }
}

fn router(state: AppState, cors_origins: &[String]) -> anyhow::Result<Router> {
    let request_id = HeaderName::from_static("x-request-id");
    let mut router = Router::new()
        .route("/graphql", get(graphql::get).post(graphql::post))
        .route("/schema.graphql", get(graphql::sdl))
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(metrics::render))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state);
    if let Some(cors) = cors(cors_origins)? {
        router = router.layer(cors);
    }
    Ok(router
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(TraceLayer::new_for_http())
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid)))
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

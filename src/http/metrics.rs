//! Prometheus metrics at `/metrics`: requests and latency per operation name, errors per code, and the database
//! pool's connections. The recorder is process-wide, installed once, shared by every server in the process.

use std::sync::OnceLock;

use axum::{extract::State, http::header, response::IntoResponse};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use super::AppState;

pub(super) const REQUESTS: &str = "cna_graphql_requests_total";
pub(super) const LATENCY: &str = "cna_graphql_request_duration_seconds";
pub(super) const ERRORS: &str = "cna_errors_total";
/// Read queries answered from the response cache (`hit`) or run and then cached (`miss`).
pub(super) const CACHE: &str = "cna_response_cache_total";

const BUCKETS: &[f64] = &[0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();

pub(super) fn handle() -> &'static PrometheusHandle {
    HANDLE.get_or_init(|| {
        let builder = || {
            PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Full(LATENCY.into()), BUCKETS)
                .unwrap_or_else(|_| PrometheusBuilder::new())
        };
        // Another recorder may already be installed (an embedding program's): then ours renders what it sees.
        builder().install_recorder().unwrap_or_else(|_| builder().build_recorder().handle())
    })
}

/// Counts a refusal or an error by its code.
pub(super) fn error(code: &str) {
    metrics::counter!(ERRORS, "code" => code.to_owned()).increment(1);
}

pub(super) async fn render(State(state): State<AppState>) -> impl IntoResponse {
    let handle = handle();
    if let Some(pool) = pool_sizes(&state.db) {
        metrics::gauge!("cna_db_pool_connections", "state" => "open").set(pool.0 as f64);
        metrics::gauge!("cna_db_pool_connections", "state" => "idle").set(pool.1 as f64);
    }
    handle.run_upkeep();
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], handle.render())
}

/// Open and idle connections of the pool.
fn pool_sizes(db: &sea_orm::DatabaseConnection) -> Option<(u32, usize)> {
    use sea_orm::DatabaseBackend::*;
    match db.get_database_backend() {
        Postgres => {
            let pool = db.get_postgres_connection_pool();
            Some((pool.size(), pool.num_idle()))
        }
        Sqlite => {
            let pool = db.get_sqlite_connection_pool();
            Some((pool.size(), pool.num_idle()))
        }
        _ => None,
    }
}

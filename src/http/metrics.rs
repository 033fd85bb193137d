//! Prometheus metrics at `/metrics`: requests and latency per operation name, errors per code, and the database
//! pool's connections. The recorder is process-wide, installed once, shared by every server in the process.

use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};

use axum::{extract::State, http::header, response::IntoResponse};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use super::AppState;

pub(super) const REQUESTS: &str = "cna_graphql_requests_total";
pub(super) const LATENCY: &str = "cna_graphql_request_duration_seconds";
pub(super) const ERRORS: &str = "cna_errors_total";
/// Read queries answered from the response cache (`hit`) or run and then cached (`miss`).
pub(super) const CACHE: &str = "cna_response_cache_total";

/// Read queries run on a replica (`replica`) or on the primary (`primary`) when replicas are configured.
pub(super) const READS: &str = "cna_database_reads_total";

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

/// Operation names kept as labels at most; later new names are counted as `other`, so the number of series stays
/// bounded whatever clients send.
const MAX_OPERATION_LABELS: usize = 100;
const MAX_OPERATION_NAME: usize = 64;

/// The operation names this server has used as labels.
#[derive(Default)]
pub(crate) struct OperationLabels(Mutex<HashSet<String>>);

impl OperationLabels {
    /// The label for an executed operation: its name as the document defines it (never a name the client sent
    /// that the document lacks), `anonymous` without one, `other` when the name is long, or once
    /// `MAX_OPERATION_LABELS` names are known.
    pub(super) fn label(&self, name: Option<&str>) -> String {
        let Some(name) = name else { return "anonymous".into() };
        if name.len() > MAX_OPERATION_NAME {
            return "other".into();
        }
        let mut known = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        label_in(&mut known, name)
    }
}

fn label_in(known: &mut HashSet<String>, name: &str) -> String {
    if known.contains(name) {
        return name.to_owned();
    }
    if known.len() >= MAX_OPERATION_LABELS {
        return "other".into();
    }
    known.insert(name.to_owned());
    name.to_owned()
}

/// Counts a refusal or an error by its code.
pub(super) fn error(code: &str) {
    metrics::counter!(ERRORS, "code" => code.to_owned()).increment(1);
}

/// Counts a read query by where it ran, when replicas are configured (`db::replicas`).
pub(super) fn read_on(replica: bool) {
    metrics::counter!(READS, "on" => if replica { "replica" } else { "primary" }).increment(1);
}

/// Admitted by `admission::admit_reads`, like every read.
pub(super) async fn render(State(state): State<AppState>) -> axum::response::Response {
    let handle = handle();
    if let Some(pool) = pool_sizes(&state.db) {
        metrics::gauge!("cna_db_pool_connections", "state" => "open").set(pool.0 as f64);
        metrics::gauge!("cna_db_pool_connections", "state" => "idle").set(pool.1 as f64);
    }
    handle.run_upkeep();
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], handle.render()).into_response()
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

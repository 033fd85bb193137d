use axum::{extract::State, http::StatusCode};

use super::AppState;

/// Longest wait for the database's answer to the readiness check.
const READY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(3);

/// The process is up.
pub(super) async fn healthz() -> &'static str {
    "ok"
}

/// The database answers; 503 otherwise, so a load balancer takes the instance out.
pub(super) async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    // Bounded: a frozen database must not hold the check (nor, at shutdown, its connection). A fixed bound, not the
    // request time limit, so that a deployment with very short requests is still reported ready.
    match tokio::time::timeout(READY_TIMEOUT, state.db.ping()).await {
        Ok(Ok(())) => (StatusCode::OK, "ready"),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "readiness check failed: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
        }
        Err(_) => {
            tracing::warn!("readiness check failed: the database did not answer in time");
            (StatusCode::SERVICE_UNAVAILABLE, "database not answering")
        }
    }
}

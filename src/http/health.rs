use axum::{extract::State, http::StatusCode};

use super::AppState;

/// The process is up.
pub(super) async fn healthz() -> &'static str {
    "ok"
}

/// The database answers; 503 otherwise, so a load balancer takes the instance out.
pub(super) async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    // Bounded like every request: a frozen database must not hold the check (nor, at shutdown, its connection).
    match tokio::time::timeout(state.request_timeout, state.db.ping()).await {
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

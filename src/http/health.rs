use axum::{extract::State, http::StatusCode};

use super::AppState;

/// The process is up.
pub(super) async fn healthz() -> &'static str {
    "ok"
}

/// The database answers; 503 otherwise, so a load balancer takes the instance out.
pub(super) async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check failed: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
        }
    }
}

//! One admission path for every request that reads the directory or says something about the server: GraphQL,
//! the pages, the mirror, `/metrics` and `/schema.graphql`. In order: the token's claims (no database), the rate
//! limit (by token, else by address: a garbage token counts too), a bad token refused, the read rule
//! (`CNA_PUBLIC_READ`). Refusals are built here, from the contract's error codes.

use std::net::SocketAddr;

use axum::{
    Json,
    extract::{ConnectInfo, Request, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

use super::AppState;
use super::rate_limit::Left;
use crate::auth::{Claims, Viewer};
use crate::error::AppError;

/// A refusal, boxed to keep the `Result`s carrying it small.
pub(super) type Refused = Box<Response>;

/// A request let in: its token's claims (verified, not yet checked against revocations) and whom the rate limit
/// counts it against. `admit_reads` leaves it in the request's extensions for a handler that needs the viewer or
/// charges more (`/export`).
#[derive(Clone)]
pub(super) struct Admission {
    pub(super) claims: Option<Claims>,
    pub(super) client: String,
}

/// The cheap part of admission, before anything is read or parsed.
pub(super) async fn admit(state: &AppState, peer: SocketAddr, headers: &HeaderMap) -> Result<Admission, Refused> {
    let claims = state.auth.fresh_claims(headers.get(header::AUTHORIZATION).map(|v| v.as_bytes())).await;
    let client = match claims.as_ref().ok().and_then(Option::as_ref) {
        // Per token, not per subject: a leaked token that was revoked cannot use up its subject's allowance.
        Some(c) => format!("sub:{}:{}:{}", c.sub, c.jti.as_deref().unwrap_or(""), c.iat.unwrap_or(0)),
        None => format!("ip:{}", peer.ip()),
    };
    charge(state, &client, 1)?;
    let claims = claims.map_err(|e| Box::new(refusal(&e)))?;
    if !state.public_read && claims.is_none() {
        let message = "this directory requires a bearer token for every request";
        return Err(Box::new(refusal(&AppError::Unauthenticated(message.into()))));
    }
    Ok(Admission { claims, client })
}

/// An operation that exports or imports a whole file (`expansion::ONCE_PER_OPERATION`, `/export`) draws on the
/// client's allowance as this many requests, the one it was counted as when it arrived included.
pub(super) const EXPORT_COST: u32 = 20;

tokio::task_local! {
    /// What the rate limit left the request's client, for `rate_limit_fields` to state on the answer.
    static LEFT: std::cell::Cell<Option<Left>>;
}

/// Draws `cost` requests' worth of `client`'s allowance; `429` with `Retry-After` when it cannot.
pub(super) fn charge(state: &AppState, client: &str, cost: u32) -> Result<(), Refused> {
    let Some(limiter) = state.rate_limit.as_ref() else { return Ok(()) };
    let checked = limiter.check_n(client, cost);
    let left = checked.unwrap_or_else(|wait| Left { remaining: 0, reset: wait });
    let _ = LEFT.try_with(|l| l.set(Some(left)));
    let Err(wait) = checked else { return Ok(()) };
    let mut response = refusal(&AppError::RateLimited);
    let secs = super::rate_limit::seconds(wait);
    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs.max(1)));
    Err(Box::new(response))
}

/// States the rate limit on every answer a client was counted for: `RateLimit-Policy` and `RateLimit` (IETF
/// draft). Wraps the whole router, so that whichever admission counted the request (`admit`, `admit_people`, an
/// export's extra charge), its last word is the one stated.
pub(super) async fn rate_limit_fields(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(limiter) = state.rate_limit.clone() else { return next.run(request).await };
    let (mut response, left) = LEFT
        .scope(std::cell::Cell::new(None), async {
            let response = next.run(request).await;
            (response, LEFT.with(std::cell::Cell::get))
        })
        .await;
    if let Some(left) = left {
        let headers = response.headers_mut();
        headers.insert("ratelimit-policy", limiter.policy_field());
        headers.insert("ratelimit", limiter.field(left));
    }
    response
}

/// A refusal as every endpoint answers it: the status the code calls for, and a GraphQL-shaped body.
pub(super) fn refusal(error: &AppError) -> Response {
    let status = match error {
        AppError::Unauthenticated(_) => StatusCode::UNAUTHORIZED,
        AppError::Forbidden(_) => StatusCode::FORBIDDEN,
        AppError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        AppError::Internal(_) => StatusCode::SERVICE_UNAVAILABLE,
        AppError::NotFound(_) => StatusCode::NOT_FOUND,
        AppError::Conflict { .. } => StatusCode::CONFLICT,
        AppError::BadUserInput { .. } => StatusCode::BAD_REQUEST,
    };
    super::metrics::error(error.code());
    let body =
        serde_json::json!({ "errors": [{ "message": error.to_string(), "extensions": { "code": error.code() } }] });
    let mut response = (status, Json(body)).into_response();
    if status == StatusCode::UNAUTHORIZED {
        response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    response
}

/// The whole admission for the endpoints other than GraphQL (whose token check runs with its execution, within
/// the request's time limit): when reading needs a token, the token is also checked against revocations.
pub(super) async fn admit_reads(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| SocketAddr::from(([0, 0, 0, 0], 0)), |c| c.0);
    let admission = match admit(&state, peer, request.headers()).await {
        Ok(admission) => admission,
        Err(refused) => return *refused,
    };
    if !state.public_read
        && let Err(e) = viewer(&state, admission.claims.clone()).await
    {
        if let AppError::Internal(_) = &e {
            tracing::error!(cause = %e.chain(), "a token could not be checked");
        }
        return refusal(&e);
    }
    request.extensions_mut().insert(admission);
    next.run(request).await
}

/// The viewer of a token's claims, checked against revocations: a database read, bounded by the request's time
/// limit.
pub(super) async fn viewer(state: &AppState, claims: Option<Claims>) -> Result<Viewer, AppError> {
    tokio::time::timeout(state.request_timeout, state.auth.viewer(&state.db, claims))
        .await
        .map_err(|_| AppError::internal("the token check took too long"))?
}

/// Admission to the workspace: the same rate limit as every other request, counted by address (a person signs in
/// with a cookie, not a bearer token, and the read rule does not apply: signing in is how a person gets access).
pub(super) async fn admit_people(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| SocketAddr::from(([0, 0, 0, 0], 0)), |c| c.0);
    if let Err(refused) = charge(&state, &format!("ip:{}", peer.ip()), 1) {
        return *refused;
    }
    next.run(request).await
}

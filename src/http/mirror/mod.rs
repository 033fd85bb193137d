//! Mirroring without a token: `GET /mirror/snapshot` streams every public entry as NDJSON, consistent as of one
//! position of the change feed; `GET /mirror/changes?after=…` continues from that position with the public
//! changes. Lines carry a `kind`:
//!
//! - snapshot: `{"kind":"snapshot","after":"P-ID","generatedAt":…}`, then one `{"kind":"entry","entity","key",
//!   "data"}` per entry, then `{"kind":"end","entries":N,"after":"P-ID"}` (no `end` line: the copy is incomplete);
//! - changes: `{"kind":"change","cursor","at","action":"PUT"|"REMOVE","entity","key","data"}` per public change,
//!   then `{"kind":"next","after":"P-ID","more":bool}`: ask again from `after` (while `more`, at once).
//!
//! `GET /mirror/stream` sends the same change lines as Server-Sent Events, as they come (see `stream`).
//!
//! Removing an authority removes its designations, contacts and contact points (`data.authorityId`) with it.

mod shared;
mod stream;

use std::{net::SocketAddr, time::Duration};

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::AppState;
use crate::service::mirror::{self, cursor_text, parse_cursor};

pub(super) use shared::{Slots, Snapshots};
pub(super) use stream::{slots as stream_slots, stream};

/// Longest a snapshot may take to be read from the database and compressed.
const SNAPSHOT_DEADLINE: Duration = Duration::from_secs(600);
const MAX_CHANGES: u64 = 1_000;

fn line(value: &Value) -> Bytes {
    let mut bytes = serde_json::to_vec(value).unwrap_or_default();
    bytes.push(b'\n');
    Bytes::from(bytes)
}

pub(super) fn problem(status: StatusCode, code: &str, message: &str) -> Response {
    let body = json!({ "errors": [{ "message": message, "extensions": { "code": code } }] });
    (status, axum::Json(body)).into_response()
}

fn ndjson(body: Body) -> Response {
    ([(header::CONTENT_TYPE, "application/x-ndjson"), (header::CACHE_CONTROL, "no-store")], body).into_response()
}

/// The snapshot, from the one kept for the feed's current position (built once for every reader), gzip-compressed
/// for readers that accept it, with an entity tag of its position.
pub(super) async fn snapshot(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    let Some(download) = state.snapshots.download(peer.ip()) else {
        let message = format!("at most {} snapshots download at once from one address", shared::PER_ADDRESS);
        let mut response = problem(StatusCode::TOO_MANY_REQUESTS, "RATE_LIMITED", &message);
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
        return response;
    };
    let built = match state.snapshots.current(&state.db, SNAPSHOT_DEADLINE).await {
        Ok(built) => built,
        Err(why) => return problem(StatusCode::SERVICE_UNAVAILABLE, "INTERNAL_SERVER_ERROR", &why),
    };
    let tagged = |mut response: Response| {
        let h = response.headers_mut();
        h.insert(header::ETAG, built.etag.clone());
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        response
    };
    // Compared weakly: a compressed answer carries the tag weakened (`W/"…"`).
    let fresh = headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|tag| tag.trim().trim_start_matches("W/").as_bytes() == built.etag.as_bytes());
    if fresh {
        return tagged(StatusCode::NOT_MODIFIED.into_response());
    }
    let gzip = headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.split(',').any(|e| e.split(';').next().is_some_and(|e| e.trim().eq_ignore_ascii_case("gzip"))));
    // The slot goes with the body, when the last byte is sent or the reader goes away.
    let body = if gzip { built.compressed(download) } else { built.plain(download) };
    let mut response = tagged(ndjson(body));
    if gzip {
        response.headers_mut().insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    }
    response
}

#[derive(serde::Deserialize)]
pub(super) struct ChangesQuery {
    pub(super) after: Option<String>,
    limit: Option<u64>,
}

pub(super) async fn changes(
    State(state): State<AppState>,
    query: Result<Query<ChangesQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let Ok(Query(query)) = query else {
        let message = "after: POSITION-ID, as a page gave it; limit: a number from 1 to 1000";
        return problem(StatusCode::BAD_REQUEST, "BAD_USER_INPUT", message);
    };
    let Some(after) = query.after.as_deref().map(str::trim).filter(|a| !a.is_empty()) else {
        return problem(StatusCode::BAD_REQUEST, "BAD_USER_INPUT", "after: give the `after` of a snapshot or page");
    };
    let Some(cursor) = parse_cursor(after) else {
        return problem(StatusCode::BAD_REQUEST, "BAD_USER_INPUT", "after: expected POSITION-ID, as a page gave it");
    };
    let limit = query.limit.unwrap_or(500).clamp(1, MAX_CHANGES);
    let read = tokio::time::timeout(state.request_timeout, mirror::changes_after(&state.db, cursor, limit)).await;
    let (rows, next) = match read {
        Ok(Ok(found)) => found,
        Ok(Err(e)) => {
            tracing::error!(cause = %e.chain(), "public changes could not be read");
            return problem(StatusCode::SERVICE_UNAVAILABLE, "INTERNAL_SERVER_ERROR", "the changes could not be read");
        }
        Err(_) => return problem(StatusCode::SERVICE_UNAVAILABLE, "TIMEOUT", "the changes took too long to read"),
    };
    let more = rows.len() as u64 == limit;
    let mut body = Vec::new();
    for (change, public) in rows {
        let Some(public) = public else { continue };
        body.extend_from_slice(&line(&mirror::change_line(&change, public)));
    }
    let next = cursor_text(next.unwrap_or(cursor));
    body.extend_from_slice(&line(&json!({ "kind": "next", "after": next, "more": more })));
    ndjson(Body::from(body))
}

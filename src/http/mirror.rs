//! Mirroring without a token: `GET /mirror/snapshot` streams every public entry as NDJSON, consistent as of one
//! position of the change feed; `GET /mirror/changes?after=…` continues from that position with the public
//! changes. Lines carry a `kind`:
//!
//! - snapshot: `{"kind":"snapshot","after":"P-ID","generatedAt":…}`, then one `{"kind":"entry","entity","key",
//!   "data"}` per entry, then `{"kind":"end","entries":N,"after":"P-ID"}` (no `end` line: the copy is incomplete);
//! - changes: `{"kind":"change","cursor","at","action":"PUT"|"REMOVE","entity","key","data"}` per public change,
//!   then `{"kind":"next","after":"P-ID","more":bool}`: ask again from `after` (while `more`, at once).
//!
//! Removing an authority removes its designations, contacts and contact points (`data.authorityId`) with it.

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::AppState;
use crate::service::changes::FeedCursor;
use crate::service::mirror::{self, Line, PublicChange, cursor_text};

/// Snapshots written at once; each holds a database connection while its reader reads.
pub(super) const MAX_SNAPSHOTS: usize = 2;
/// Longest a snapshot may take to be read: a reader that stalls longer loses it and starts again.
const SNAPSHOT_DEADLINE: Duration = Duration::from_secs(600);
const MAX_CHANGES: u64 = 1_000;

fn parse_cursor(raw: &str) -> Option<FeedCursor> {
    match raw.split_once('-') {
        Some((p, id)) => Some(FeedCursor::At(p.parse().ok()?, id.parse().ok()?)),
        None => raw.parse().ok().map(|p| FeedCursor::At(p, i64::MAX)),
    }
}

fn line(value: &Value) -> Bytes {
    let mut bytes = serde_json::to_vec(value).unwrap_or_default();
    bytes.push(b'\n');
    Bytes::from(bytes)
}

fn problem(status: StatusCode, code: &str, message: &str) -> Response {
    let body = json!({ "errors": [{ "message": message, "extensions": { "code": code } }] });
    (status, axum::Json(body)).into_response()
}

fn ndjson(body: Body) -> Response {
    ([(header::CONTENT_TYPE, "application/x-ndjson"), (header::CACHE_CONTROL, "no-store")], body).into_response()
}

pub(super) async fn snapshot(State(state): State<AppState>) -> Response {
    let Ok(permit) = state.snapshots.clone().try_acquire_owned() else {
        let mut response = problem(
            StatusCode::SERVICE_UNAVAILABLE,
            "BUSY",
            "other snapshots are being written; retry in a minute (or follow /mirror/changes from your copy)",
        );
        response.headers_mut().insert(header::RETRY_AFTER, header::HeaderValue::from_static("60"));
        return response;
    };
    let (tx, rx) = tokio::sync::mpsc::channel::<Line>(64);
    let (failed_tx, failed_rx) = tokio::sync::oneshot::channel::<&'static str>();
    let db = state.db.clone();
    tokio::spawn(async move {
        let _permit = permit;
        let failure = match tokio::time::timeout(SNAPSHOT_DEADLINE, mirror::write_snapshot(&db, &tx)).await {
            Ok(Ok(())) => return,
            Ok(Err(e)) => {
                tracing::error!(error = %e, "snapshot cut short");
                "the snapshot could not be completed; take it again"
            }
            Err(_) => "the snapshot took longer than 10 minutes to read; take it again",
        };
        let _ = failed_tx.send(failure);
    });
    // Entries as lines; without its `end` line a reader knows the copy is incomplete, and an `error` line says why.
    let lines = futures_util::stream::unfold((rx, Some(failed_rx)), |(mut rx, failed)| async move {
        match rx.recv().await {
            Some(l) => Some((Ok::<_, std::io::Error>(line(&l.to_json())), (rx, failed))),
            None => {
                let why = failed?.await.ok()?;
                Some((Ok(line(&json!({ "kind": "error", "message": why }))), (rx, None)))
            }
        }
    });
    ndjson(Body::from_stream(lines))
}

#[derive(serde::Deserialize)]
pub(super) struct ChangesQuery {
    after: Option<String>,
    limit: Option<u64>,
}

pub(super) async fn changes(State(state): State<AppState>, Query(query): Query<ChangesQuery>) -> Response {
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
            tracing::error!(error = %e, "public changes could not be read");
            return problem(StatusCode::SERVICE_UNAVAILABLE, "INTERNAL_SERVER_ERROR", "the changes could not be read");
        }
        Err(_) => return problem(StatusCode::SERVICE_UNAVAILABLE, "TIMEOUT", "the changes took too long to read"),
    };
    let more = rows.len() as u64 == limit;
    let mut body = Vec::new();
    for (change, public) in rows {
        let Some(public) = public else { continue };
        let (action, data) = match public {
            PublicChange::Put(data) => ("PUT", data),
            PublicChange::Remove => ("REMOVE", Value::Null),
        };
        let at = crate::domain::rfc3339(change.at);
        let l = json!({ "kind": "change", "cursor": cursor_text(FeedCursor::of(&change)), "at": at,
            "action": action, "entity": change.entity, "key": change.entity_id, "data": data });
        body.extend_from_slice(&line(&l));
    }
    let next = cursor_text(next.unwrap_or(cursor));
    body.extend_from_slice(&line(&json!({ "kind": "next", "after": next, "more": more })));
    ndjson(Body::from(body))
}

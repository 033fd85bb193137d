//! `GET /mirror/stream`: the public changes as Server-Sent Events, from a position of the feed and then as they
//! come. Each event is one line of `/mirror/changes` (`event: change`, `data:` the JSON line) with the change's
//! position as its `id`, so a client that reconnects sends `Last-Event-ID` and continues where it stopped, nothing
//! missed. The start is `Last-Event-ID` when sent, else `?after=` (a snapshot's `after`). Each address may hold
//! [`PER_ADDRESS`] streams at once.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use sea_orm::DatabaseConnection;

use super::shared::{Slot, Slots};
use super::{ChangesQuery, problem};
use crate::service::changes::FeedCursor;
use crate::service::mirror::{self, cursor_text, parse_cursor};

/// Streams one address may follow at once.
pub(crate) const PER_ADDRESS: usize = 4;
/// How often a follower that has seen everything looks again.
const POLL: Duration = Duration::from_secs(1);
/// Changes read at a time.
const CHUNK: u64 = 500;

pub(crate) fn slots() -> Arc<Slots> {
    Slots::new(PER_ADDRESS)
}

pub(in crate::http) async fn stream(
    State(state): State<crate::http::AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    query: Result<Query<ChangesQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let resumed = headers.get("last-event-id").and_then(|v| v.to_str().ok()).map(str::trim).filter(|v| !v.is_empty());
    let asked = query.ok().and_then(|Query(q)| q.after);
    let Some(raw) = resumed.map(str::to_owned).or(asked.filter(|a| !a.trim().is_empty())) else {
        let message = "after: give the `after` of a snapshot, or reconnect with Last-Event-ID";
        return problem(StatusCode::BAD_REQUEST, "BAD_USER_INPUT", message);
    };
    let Some(from) = parse_cursor(raw.trim()) else {
        return problem(StatusCode::BAD_REQUEST, "BAD_USER_INPUT", "after: expected POSITION-ID, as a page gave it");
    };
    let Some(slot) = state.streams.take(peer.ip()) else {
        let message = format!("at most {PER_ADDRESS} streams at once from one address");
        let mut response = problem(StatusCode::TOO_MANY_REQUESTS, "RATE_LIMITED", &message);
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
        return response;
    };
    let follower = Follower { db: state.db.clone(), at: from, pending: VecDeque::new(), started: false, _slot: slot };
    let events = futures_util::stream::unfold(follower, |mut f| async move {
        let event = f.next().await;
        Some((Ok::<_, Infallible>(event), f))
    });
    let mut response =
        Sse::new(events.fuse()).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))).into_response();
    // Proxies that buffer (nginx) would hold events back.
    response.headers_mut().insert("x-accel-buffering", HeaderValue::from_static("no"));
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// One follower's place in the feed.
struct Follower {
    db: DatabaseConnection,
    at: FeedCursor,
    pending: VecDeque<Event>,
    started: bool,
    /// Held while the stream lives.
    _slot: Slot,
}

impl Follower {
    /// The next event: first one telling the client how soon to reconnect, then the changes in feed order,
    /// waiting for new ones when all are sent.
    async fn next(&mut self) -> Event {
        if !self.started {
            self.started = true;
            return Event::default().retry(Duration::from_secs(2)).comment("following the public changes");
        }
        loop {
            if let Some(event) = self.pending.pop_front() {
                return event;
            }
            match mirror::changes_after(&self.db, self.at, CHUNK).await {
                Ok((rows, next)) => {
                    let read = rows.len() as u64;
                    for (change, public) in rows {
                        if let Some(public) = public {
                            let line = mirror::change_line(&change, public);
                            let id = cursor_text(FeedCursor::of(&change));
                            self.pending.push_back(Event::default().event("change").id(id).data(line.to_string()));
                        }
                    }
                    if let Some(next) = next {
                        self.at = next;
                    }
                    if self.pending.is_empty() && read < CHUNK {
                        tokio::time::sleep(POLL).await;
                    }
                }
                Err(e) => {
                    tracing::warn!(cause = %e.chain(), "a stream of changes could not read the feed");
                    tokio::time::sleep(POLL * 5).await;
                }
            }
        }
    }
}

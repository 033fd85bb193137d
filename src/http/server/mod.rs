//! The accept loop: HTTP/1.1 connections with a header-read timeout, a write timeout, a cap on open connections
//! (global, and a per-address share that shrinks as the server fills), room made for a new client when the server
//! is full (`registry`), and a shutdown that lets requests in flight finish for a bounded time, then drops what is
//! left.
//!
//! `axum::serve` has none of these knobs; a client that opens connections and sends nothing (or a byte a minute),
//! or never reads its answers, would otherwise hold a file descriptor forever and, on SIGTERM, keep the process
//! from exiting.

mod forwarded;
mod io;
mod registry;

use std::{
    future::Future,
    net::SocketAddr,
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::Duration,
};

use axum::{Router, extract::ConnectInfo};
use hyper::{body::Incoming, server::conn::http1};
use hyper_util::{
    rt::{TokioIo, TokioTimer},
    service::TowerToHyperService,
};
use tokio::{
    net::{TcpListener, TcpStream},
    sync::{OwnedSemaphorePermit, Semaphore, watch},
};
use tower::ServiceExt;

use registry::{Registered, Registry};

/// Limits on connections, from `LimitSettings`.
#[derive(Debug, Clone)]
pub(super) struct ConnectionLimits {
    pub header_timeout: Duration,
    pub write_timeout: Duration,
    pub max_connections: usize,
    pub max_per_peer: usize,
    pub shutdown_timeout: Duration,
    /// Proxies whose connections have no per-address share, and whose requests count against the client they
    /// forward for.
    pub proxies: crate::config::TrustedProxies,
}

/// How long a connection accepted on a full server waits for the slot freed for it.
const SLOT_WAIT: Duration = Duration::from_secs(2);

/// What every connection task shares.
struct Shared {
    router: Router,
    http: http1::Builder,
    limits: ConnectionLimits,
    slots: Arc<Semaphore>,
    /// Connections accepted on a full server and waiting for a slot; bounded, as each holds a descriptor.
    waiting: AtomicUsize,
    shutdown: watch::Receiver<bool>,
    registry: Arc<Registry>,
}

/// Serves `router` on `listener` until `shutdown` resolves; then waits up to `shutdown_timeout` for open
/// connections to finish their requests, and returns, dropping any still open.
pub(super) async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) {
    let max = limits.max_connections.max(1);
    let shutdown_timeout = limits.shutdown_timeout;
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(limits.header_timeout);
    let (stop, stopped) = watch::channel(false);
    let shared = Arc::new(Shared {
        router,
        http,
        limits,
        slots: Arc::new(Semaphore::new(max)),
        waiting: AtomicUsize::new(0),
        shutdown: stopped,
        registry: Arc::new(Registry::default()),
    });
    let registry = Arc::clone(&shared.registry);
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors and the like: pause instead of spinning.
                    tracing::warn!(error = %e, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // Behind a trusted proxy, each request is the client's it was forwarded for, and the proxy's connections
        // have no per-address share.
        let proxied = shared.limits.proxies.trusts(peer.ip());
        let per_peer = if proxied { 0 } else { shared.limits.max_per_peer };
        let Some(registered) = registry.admit(peer.ip(), max, per_peer) else {
            tracing::debug!(%peer, "connection refused: this address holds its share of the connections");
            continue;
        };
        let slot = match Arc::clone(&shared.slots).try_acquire_owned() {
            Ok(slot) => Some(slot),
            // Full: this one waits while room is made for it (`wait_for_room`), unless too many already wait.
            Err(_) if shared.waiting.load(Ordering::SeqCst) < max / 8 + 16 => None,
            Err(_) => {
                tracing::debug!(%peer, "connection refused: the server is full and clients wait for room");
                continue;
            }
        };
        tokio::spawn(connection(Arc::clone(&shared), stream, peer, proxied, registered, slot));
    }
    drop(listener);
    let _ = stop.send(true);
    tracing::info!("shutting down: finishing requests in flight (at most {shutdown_timeout:?})");
    // Every connection holds a slot until it ends: all of them back means all have ended.
    let all = u32::try_from(max).unwrap_or(u32::MAX);
    if tokio::time::timeout(shutdown_timeout, shared.slots.acquire_many(all)).await.is_err() {
        tracing::warn!("connections still open after {shutdown_timeout:?}: dropping them");
    }
}

/// A slot for a connection accepted on a full server: the connection idle longest, else the one stalled longest,
/// is closed for it, tried again while every connection is busy answering, for [`SLOT_WAIT`] at most.
async fn wait_for_room(shared: &Shared, _busy: registry::Busy) -> Option<OwnedSemaphorePermit> {
    shared.waiting.fetch_add(1, Ordering::SeqCst);
    let waited = tokio::time::timeout(SLOT_WAIT, async {
        loop {
            // One connection closed per waiting newcomer: not another while those chosen are still closing.
            if shared.registry.closing() < shared.waiting.load(Ordering::SeqCst) {
                shared.registry.evict_one();
            }
            let retry = tokio::time::sleep(Duration::from_millis(100));
            tokio::select! {
                slot = Arc::clone(&shared.slots).acquire_owned() => break slot.ok(),
                () = retry => {}
            }
        }
    })
    .await;
    shared.waiting.fetch_sub(1, Ordering::SeqCst);
    waited.ok().flatten()
}

/// Resolves when the server begins to shut down (or its accept loop is gone).
async fn stopping(shutdown: &mut watch::Receiver<bool>) {
    let _ = shutdown.wait_for(|stop| *stop).await.map(drop);
}

/// Serves one connection until it ends, is chosen to make room for a new client, or the server shuts down.
async fn connection(
    shared: Arc<Shared>,
    stream: TcpStream,
    peer: SocketAddr,
    proxied: bool,
    registered: Registered,
    slot: Option<OwnedSemaphorePermit>,
) {
    let slot = match slot {
        Some(slot) => slot,
        // Counted busy while it waits, so that no other newcomer has it closed.
        None => match wait_for_room(&shared, registered.activity.request()).await {
            Some(slot) => slot,
            None => {
                tracing::debug!(%peer, "connection refused: no room was made for it in time");
                return;
            }
        },
    };
    let _ = stream.set_nodelay(true);
    let activity = Arc::clone(&registered.activity);
    let io = io::Watched::new(stream, shared.limits.write_timeout, Arc::clone(&activity));
    let tracked = Arc::clone(&activity);
    let proxies = proxied.then(|| Arc::clone(&shared));
    let service = shared
        .router
        .clone()
        .map_request(move |mut request: axum::http::Request<Incoming>| {
            let from = match &proxies {
                Some(shared) => {
                    SocketAddr::new(forwarded::client(peer.ip(), request.headers(), &shared.limits.proxies), 0)
                }
                None => peer,
            };
            request.extensions_mut().insert(ConnectInfo::<SocketAddr>(from));
            request
        })
        .map_future(move |answer| {
            // Busy from the request's arrival until its answer's head is ready; a body the client does not read
            // is then the write timeout's to end.
            let busy = tracked.request();
            async move {
                let answer = answer.await;
                drop(busy);
                answer
            }
        });
    // With upgrades: `/graphql/ws` hands the connection over to a WebSocket (then counted by its own slots).
    let connection = shared.http.serve_connection(TokioIo::new(io), TowerToHyperService::new(service)).with_upgrades();
    let mut connection = std::pin::pin!(connection);
    let mut shutdown = shared.shutdown.clone();
    let ended = tokio::select! {
        ended = connection.as_mut() => Some(ended),
        () = activity.evicted() => {
            tracing::debug!(%peer, "connection closed to make room for a new client");
            None
        }
        () = stopping(&mut shutdown) => {
            connection.as_mut().graceful_shutdown();
            tokio::select! {
                ended = connection.as_mut() => Some(ended),
                () = activity.evicted() => None,
            }
        }
    };
    if let Some(Err(e)) = ended {
        tracing::debug!(%peer, error = %e, "connection ended with an error");
    }
    // The slots go before the socket (dropped with the connection at the end of this function), so that a client
    // that sees its connection close and connects again finds room.
    drop(registered);
    drop(slot);
}

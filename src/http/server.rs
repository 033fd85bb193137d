//! The accept loop: HTTP/1.1 connections with a header-read timeout, a cap on open connections (global and per
//! peer address), and a shutdown that lets requests in flight finish for a bounded time, then drops what is left.
//!
//! `axum::serve` has none of these knobs; a client that opens connections and sends nothing (or a byte a minute)
//! would otherwise hold a file descriptor forever and, on SIGTERM, keep the process from exiting.

use std::{
    collections::HashMap,
    future::Future,
    net::{IpAddr, SocketAddr},
    sync::{Arc, Mutex},
    time::Duration,
};

use axum::{Router, extract::ConnectInfo};
use hyper::{body::Incoming, server::conn::http1};
use hyper_util::{
    rt::{TokioIo, TokioTimer},
    server::graceful::GracefulShutdown,
    service::TowerToHyperService,
};
use tokio::{net::TcpListener, sync::Semaphore};
use tower::ServiceExt;

/// Limits on connections, from `LimitSettings`.
#[derive(Debug, Clone, Copy)]
pub(super) struct ConnectionLimits {
    pub header_timeout: Duration,
    pub max_connections: usize,
    pub max_per_peer: usize,
    pub shutdown_timeout: Duration,
}

/// Open connections per peer address; an entry goes when its last connection closes.
#[derive(Default)]
struct Peers(Mutex<HashMap<IpAddr, usize>>);

/// One open connection of a peer, counted until dropped.
struct PeerSlot {
    peers: Arc<Peers>,
    ip: IpAddr,
}

impl Peers {
    fn take(self: &Arc<Self>, ip: IpAddr, max: usize) -> Option<PeerSlot> {
        let mut open = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let count = open.entry(ip).or_insert(0);
        if *count >= max {
            return None;
        }
        *count += 1;
        Some(PeerSlot { peers: Arc::clone(self), ip })
    }
}

impl Drop for PeerSlot {
    fn drop(&mut self) {
        let mut open = self.peers.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(count) = open.get_mut(&self.ip) {
            *count -= 1;
            if *count == 0 {
                open.remove(&self.ip);
            }
        }
    }
}

/// Serves `router` on `listener` until `shutdown` resolves; then waits up to `shutdown_timeout` for open
/// connections to finish their requests, and returns, dropping any still open.
pub(super) async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) {
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let peers = Arc::new(Peers::default());
    let graceful = GracefulShutdown::new();
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(limits.header_timeout);
    tokio::pin!(shutdown);
    loop {
        // Over the global cap, new connections wait in the kernel's backlog rather than being accepted.
        let slot = tokio::select! {
            slot = Arc::clone(&slots).acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
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
        // 0 turns the per-address cap off: behind a load balancer every connection comes from its address.
        let peer_slot = match limits.max_per_peer {
            0 => None,
            max => match peers.take(peer.ip(), max) {
                Some(slot) => Some(slot),
                None => {
                    tracing::debug!(%peer, "connection refused: too many open from this address");
                    continue;
                }
            },
        };
        let _ = stream.set_nodelay(true);
        let service = router.clone().map_request(move |mut request: axum::http::Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo::<SocketAddr>(peer));
            request
        });
        let connection = http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let mut connection = std::pin::pin!(connection);
            if let Err(e) = connection.as_mut().await {
                tracing::debug!(%peer, error = %e, "connection ended with an error");
            }
            // The slots go before the socket (dropped with the connection at the end of this block), so that a
            // client that sees its connection close and connects again finds room.
            drop(peer_slot);
            drop(slot);
        });
    }
    drop(listener);
    tracing::info!("shutting down: finishing requests in flight (at most {:?})", limits.shutdown_timeout);
    if tokio::time::timeout(limits.shutdown_timeout, graceful.shutdown()).await.is_err() {
        tracing::warn!("connections still open after {:?}: dropping them", limits.shutdown_timeout);
    }
}

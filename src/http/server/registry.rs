//! The open connections: how many each peer address holds, which are idle or stalled, and which to close when a
//! new client finds the server full.
//!
//! Holding a connection is cheap for a client (an idle keep-alive connection refreshed now and then, or answers it
//! never reads), so a fixed cap alone lets a few addresses take every slot. Two rules keep room for new clients:
//! the share one address may hold shrinks as the server fills, and a client that finds no free slot has the
//! connection idle longest (else the one whose writes have stalled longest) closed for it.

use std::{
    collections::HashMap,
    net::IpAddr,
    sync::{
        Arc, LazyLock, Mutex,
        atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use tokio::sync::Notify;

/// Fewest connections an address may open however full the server is.
const MIN_SHARE: usize = 2;

/// A connection idle for less than this is not closed for a new client: its client is likely about to send its next
/// request on it (the newcomer itself, between its first answer and its second request).
const IDLE_BEFORE_EVICTION: Duration = Duration::from_millis(500);

/// A connection whose writes have made no progress for this long may be closed for a new client.
const STALL_BEFORE_EVICTION: Duration = Duration::from_millis(500);

/// A connection whose request has been in flight this long (a body sent a byte at a time, or a slow answer) may
/// be closed for a new client when nothing idle or stalled is left: on a full server the longest request gives way.
const BUSY_BEFORE_EVICTION: Duration = Duration::from_secs(3);

static EPOCH: LazyLock<Instant> = LazyLock::new(Instant::now);

/// Milliseconds since the first call, plus one: 0 stands for "not now".
fn now_ms() -> u64 {
    u64::try_from(EPOCH.elapsed().as_millis()).unwrap_or(u64::MAX - 1) + 1
}

/// What one connection is doing, updated by its service and its socket without taking the registry's lock.
pub(super) struct Activity {
    in_flight: AtomicUsize,
    /// When the connection last became idle (no request being answered), or 0 while busy.
    idle_since: AtomicU64,
    /// When the request in flight arrived (the first, when several are), or 0 while idle.
    busy_since: AtomicU64,
    /// When a write last went without progress, or 0.
    stalled_since: AtomicU64,
    evicted: AtomicBool,
    wake: Notify,
}

impl Activity {
    fn new() -> Self {
        Self {
            in_flight: AtomicUsize::new(0),
            idle_since: AtomicU64::new(now_ms()),
            busy_since: AtomicU64::new(0),
            stalled_since: AtomicU64::new(0),
            evicted: AtomicBool::new(false),
            wake: Notify::new(),
        }
    }

    /// A request is being answered until the returned guard drops.
    pub(super) fn request(self: &Arc<Self>) -> Busy {
        if self.in_flight.fetch_add(1, Ordering::SeqCst) == 0 {
            self.busy_since.store(now_ms(), Ordering::SeqCst);
        }
        self.idle_since.store(0, Ordering::SeqCst);
        Busy(Arc::clone(self))
    }

    pub(super) fn write_stalled(&self) {
        self.stalled_since.store(now_ms(), Ordering::SeqCst);
    }

    pub(super) fn write_resumed(&self) {
        self.stalled_since.store(0, Ordering::SeqCst);
    }

    /// Resolves once the registry chose this connection to close for a new client.
    pub(super) async fn evicted(&self) {
        loop {
            let notified = self.wake.notified();
            if self.evicted.load(Ordering::SeqCst) {
                return;
            }
            notified.await;
        }
    }
}

/// A request in flight on a connection.
pub(super) struct Busy(Arc<Activity>);

impl Drop for Busy {
    fn drop(&mut self) {
        if self.0.in_flight.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.0.busy_since.store(0, Ordering::SeqCst);
            self.0.idle_since.store(now_ms(), Ordering::SeqCst);
        }
    }
}

struct Open {
    peer: IpAddr,
    activity: Arc<Activity>,
}

#[derive(Default)]
struct Inner {
    next: u64,
    open: HashMap<u64, Open>,
    per_peer: HashMap<IpAddr, usize>,
}

#[derive(Default)]
pub(super) struct Registry(Mutex<Inner>);

/// A registered connection, removed when dropped.
pub(super) struct Registered {
    registry: Arc<Registry>,
    id: u64,
    pub(super) activity: Arc<Activity>,
}

impl Drop for Registered {
    fn drop(&mut self) {
        let mut inner = self.registry.lock();
        if let Some(open) = inner.open.remove(&self.id)
            && let Some(count) = inner.per_peer.get_mut(&open.peer)
        {
            *count -= 1;
            if *count == 0 {
                inner.per_peer.remove(&open.peer);
            }
        }
    }
}

/// How many connections one address may hold when `open` of `max` are taken: `per_peer` while at most half the
/// slots are taken, then shrinking in step with the free slots, down to [`MIN_SHARE`]. 0 turns the cap off.
pub(super) fn share(open: usize, max: usize, per_peer: usize) -> usize {
    if per_peer == 0 {
        return usize::MAX;
    }
    let half = (max / 2).max(1);
    if open <= half {
        return per_peer;
    }
    (per_peer * max.saturating_sub(open) / half).clamp(MIN_SHARE.min(per_peer), per_peer)
}

impl Registry {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Registers a new connection from `peer`, unless the address already holds its share.
    pub(super) fn admit(self: &Arc<Self>, peer: IpAddr, max: usize, per_peer: usize) -> Option<Registered> {
        let mut inner = self.lock();
        let held = inner.per_peer.get(&peer).copied().unwrap_or(0);
        if held >= share(inner.open.len(), max, per_peer) {
            return None;
        }
        *inner.per_peer.entry(peer).or_insert(0) += 1;
        inner.next += 1;
        let id = inner.next;
        let activity = Arc::new(Activity::new());
        inner.open.insert(id, Open { peer, activity: Arc::clone(&activity) });
        Some(Registered { registry: Arc::clone(self), id, activity })
    }

    /// Connections chosen to be closed that have not closed yet.
    pub(super) fn closing(&self) -> usize {
        self.lock().open.values().filter(|o| o.activity.evicted.load(Ordering::SeqCst)).count()
    }

    /// Closes one connection to make room: the one idle longest, else the one whose writes stalled longest (for
    /// at least [`STALL_BEFORE_EVICTION`]), else the one whose request has been in flight longest (for at least
    /// [`BUSY_BEFORE_EVICTION`]). False when every connection is busy with a request that arrived just now.
    pub(super) fn evict_one(&self) -> bool {
        let inner = self.lock();
        let now = now_ms();
        let stall_limit = u64::try_from(STALL_BEFORE_EVICTION.as_millis()).unwrap_or(u64::MAX);
        let busy_limit = u64::try_from(BUSY_BEFORE_EVICTION.as_millis()).unwrap_or(u64::MAX);
        let idle_limit = u64::try_from(IDLE_BEFORE_EVICTION.as_millis()).unwrap_or(u64::MAX);
        let mut busy: Option<(u64, &Arc<Activity>)> = None;
        let candidates = inner.open.values().filter(|o| !o.activity.evicted.load(Ordering::SeqCst));
        let mut idle: Option<(u64, &Arc<Activity>)> = None;
        let mut stalled: Option<(u64, &Arc<Activity>)> = None;
        for open in candidates {
            let a = &open.activity;
            let since = a.idle_since.load(Ordering::SeqCst);
            if since != 0 && now.saturating_sub(since) >= idle_limit && idle.is_none_or(|(t, _)| since < t) {
                idle = Some((since, a));
            }
            let since = a.stalled_since.load(Ordering::SeqCst);
            if since != 0 && now.saturating_sub(since) >= stall_limit && stalled.is_none_or(|(t, _)| since < t) {
                stalled = Some((since, a));
            }
            let since = a.busy_since.load(Ordering::SeqCst);
            if since != 0 && now.saturating_sub(since) >= busy_limit && busy.is_none_or(|(t, _)| since < t) {
                busy = Some((since, a));
            }
        }
        match idle.or(stalled).or(busy) {
            Some((_, activity)) => {
                activity.evicted.store(true, Ordering::SeqCst);
                activity.wake.notify_one();
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_share_shrinks_as_the_server_fills() {
        assert_eq!(share(0, 1024, 64), 64);
        assert_eq!(share(512, 1024, 64), 64);
        assert_eq!(share(768, 1024, 64), 32);
        assert_eq!(share(1000, 1024, 64), 3);
        assert_eq!(share(1024, 1024, 64), 2);
        assert_eq!(share(5000, 1024, 64), 2);
        assert_eq!(share(1024, 1024, 1), 1);
        assert_eq!(share(1024, 1024, 0), usize::MAX);
    }

    #[test]
    fn the_longest_idle_connection_goes_first_then_the_longest_stalled() {
        let registry = Arc::new(Registry::default());
        let peer: IpAddr = [127, 0, 0, 2].into();
        let first = registry.admit(peer, 10, 0).expect("room");
        let second = registry.admit(peer, 10, 0).expect("room");
        let _busy_first = first.activity.request();
        assert!(!registry.evict_one(), "a connection idle for a moment is kept");
        std::thread::sleep(IDLE_BEFORE_EVICTION);
        assert!(registry.evict_one());
        assert_eq!(registry.closing(), 1);
        assert!(second.activity.evicted.load(Ordering::SeqCst), "the idle one goes");
        assert!(!registry.evict_one(), "a busy connection that writes is kept");
        first.activity.write_stalled();
        assert!(!registry.evict_one(), "a write stalled for a moment is not yet a reason");
        std::thread::sleep(STALL_BEFORE_EVICTION);
        assert!(registry.evict_one(), "a stalled one goes");
        assert!(first.activity.evicted.load(Ordering::SeqCst));
        // A request in flight for long (a body sent a byte at a time) goes when nothing else is left.
        let third = registry.admit(peer, 10, 0).expect("room");
        let _busy_third = third.activity.request();
        assert!(!registry.evict_one(), "a request that just arrived is kept");
        std::thread::sleep(BUSY_BEFORE_EVICTION);
        assert!(registry.evict_one(), "one in flight for seconds goes");
        assert!(third.activity.evicted.load(Ordering::SeqCst));
        drop(second);
        assert_eq!(registry.lock().per_peer.get(&peer), Some(&2), "first and third are still open");
    }
}

//! The response cache: answers to read queries, kept as the bytes sent, keyed by the request exactly as received
//! (body or query string) and by who asked (the `Authorization` header, so a cached answer never crosses viewers).
//!
//! Freshness: every answer is tagged with a data version all of whose changes it saw, and with what it read (its
//! scopes, see `graphql::reads`), and served again only while no scope it read has changed after that version, as
//! of a version read *after* the new request arrived (`versions`). Triggers advance the version and write the
//! scopes of every committed change whoever makes it (migrations 3 and 9), so no instance sharing the database can
//! serve an answer older than a change to what it read acknowledged before the request came in, and a change
//! elsewhere (another State's authorities) leaves it standing.
//!
//! A request the cache holds an answer for waits for that shared version read; one it holds none for starts at
//! once, and its answer is tagged with the newest version already read (every change up to it was committed before
//! the answer began), kept only if nothing it read is known to have changed since. Which answers stay when the
//! budget is spent is `store`'s choice: how often each is asked for, what it costs to recompute, its size.

mod store;
mod versions;

use std::{
    hash::{DefaultHasher, Hash, Hasher},
    sync::Arc,
    time::Instant,
};

use axum::{body::Bytes, http::HeaderValue};
use sea_orm::DatabaseConnection;

use crate::graphql::reads::Dependencies;

/// What a cached answer is found by.
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct Key {
    get: bool,
    viewer: Option<HeaderValue>,
    /// The UN language the request's `Accept-Language` prefers: names and titles follow it.
    language: Option<&'static str>,
    request: Bytes,
}

impl Key {
    pub(crate) fn new(get: bool, viewer: Option<&HeaderValue>, request: Bytes) -> Self {
        Self { get, viewer: viewer.cloned(), language: None, request }
    }

    pub(crate) fn in_language(mut self, language: Option<&'static str>) -> Self {
        self.language = language;
        self
    }

    pub(crate) fn is_get(&self) -> bool {
        self.get
    }

    /// Whether the answer was for a signed-in viewer, whom shared caches must not serve it to.
    pub(crate) fn is_private(&self) -> bool {
        self.viewer.is_some()
    }

    fn size(&self) -> usize {
        self.request.len() + self.viewer.as_ref().map_or(0, HeaderValue::len) + 64
    }

    /// The key with its request and its viewer in allocations of their own: both are slices of the connection's
    /// read buffer, which a kept key would otherwise keep alive whole, unweighed.
    fn compact(mut self) -> Self {
        self.request = Bytes::copy_from_slice(&self.request);
        self.viewer = self.viewer.map(|v| {
            let sensitive = v.is_sensitive();
            let mut copied = HeaderValue::from_maybe_shared(Bytes::copy_from_slice(v.as_bytes())).unwrap_or(v);
            copied.set_sensitive(sensitive);
            copied
        });
        self
    }
}

/// A cached answer and its entity tag.
#[derive(Clone)]
pub(crate) struct Answer {
    pub body: Bytes,
    pub etag: HeaderValue,
}

impl Answer {
    /// The bytes of an answer to keep, in an allocation exactly as long as the answer. A serializer's buffer grows
    /// by doubling, and shrinking it in place (`into_boxed_slice`) lets the allocator keep the whole block when the
    /// answer fills more than half of it: kept answers then held up to twice their weight (route answers: 57 MB of
    /// memory for a 32 MB cache).
    pub(crate) fn kept(serialized: Vec<u8>) -> Bytes {
        Bytes::copy_from_slice(&serialized)
    }

    pub(crate) fn new(body: Bytes) -> Self {
        let mut hasher = DefaultHasher::new();
        body.hash(&mut hasher);
        let etag = HeaderValue::from_str(&format!("\"{:016x}\"", hasher.finish()))
            .unwrap_or_else(|_| HeaderValue::from_static("\"0\""));
        Self { body, etag }
    }
}

pub(crate) struct ResponseCache {
    /// Counters of `cna_response_cache_total`, registered once: labelling a metric on every request costs more
    /// than serving a cached answer.
    hits: metrics::Counter,
    misses: metrics::Counter,
    /// Answers, the version each was computed at and what each read, weighed by the bytes they hold.
    entries: store::Store<Key, Stored>,
    checks: versions::VersionChecks,
}

#[derive(Clone)]
struct Stored {
    version: i64,
    generation: u64,
    answer: Answer,
    /// Shared: entries are cloned on every read of the store.
    reads: Arc<Dependencies>,
}

/// An answer the cache holds for a request, not yet known to be fresh.
pub(crate) struct Held(Stored);

/// What the cache says of a request.
pub(crate) enum Lookup {
    /// A fresh answer.
    Hit(Answer),
    /// None to serve: compute it, then `keep` it with the ticket if there is one (there is none when the database
    /// cannot say its version).
    Miss(Option<Ticket>),
}

/// How the cache took part in an answer, told in its `Cache-Status` header (RFC 9211), so that a client or a
/// load test can see which answers came from it.
#[derive(Clone, Copy)]
pub(crate) enum Status {
    Hit,
    /// Computed, and offered to the cache.
    Miss,
}

impl Status {
    pub(crate) fn on(self, mut response: axum::response::Response) -> axum::response::Response {
        let value = match self {
            Self::Hit => "cna-directory; hit",
            Self::Miss => "cna-directory; fwd=miss",
        };
        response.headers_mut().insert("cache-status", HeaderValue::from_static(value));
        response
    }
}

/// What a miss's answer may be kept with: a version all of whose changes it sees, and when its work began.
pub(crate) struct Ticket {
    version: i64,
    /// The primary's WAL position read with `version`, on PostgreSQL.
    position: Option<i64>,
    /// Which history of the database the version belongs to (`versions::VersionChecks::generation`).
    generation: u64,
    /// Microseconds the answer's own work took, as `compute` measured it: what keeping it saves.
    cost: std::sync::atomic::AtomicU64,
    /// Whether `version` is one read before this request, to be checked beside its work.
    beside: bool,
}

impl Ticket {
    /// The primary's WAL position when it was read after the request arrived: what a replica must have replayed
    /// to answer it.
    pub(crate) fn position_after_arrival(&self) -> Option<i64> {
        if self.beside { None } else { self.position }
    }

    /// A version read after the request arrived.
    fn read(seen: versions::Seen) -> Self {
        let versions::Seen { version, generation, position } = seen;
        Self { version, generation, position, cost: Default::default(), beside: false }
    }

    /// The newest version read before the request, to be checked beside its work.
    fn beside((version, generation): (i64, u64)) -> Self {
        Self { version, generation, position: None, cost: Default::default(), beside: true }
    }
}

/// What an entry costs beyond its request, body and dependencies, counted generously: the hash map's bucket for the
/// key and the stored answer at its load factor (~300 bytes), the order map's node share with its second copy of the
/// key (~170), the shared headers of the `Bytes` and the `Arc` of the dependencies, the entity tag (~60).
const ENTRY_OVERHEAD: usize = 560;

fn weight(key: &Key, stored: &Stored) -> u32 {
    let size = key.size() + stored.answer.body.len() + stored.reads.size() + ENTRY_OVERHEAD;
    u32::try_from(size).unwrap_or(u32::MAX)
}

impl ResponseCache {
    /// A cache holding up to `megabytes` MiB of answers, or none for 0.
    pub(crate) fn new(megabytes: usize) -> Option<Self> {
        (megabytes > 0).then(|| {
            let budget = megabytes.saturating_mul(1024 * 1024) as u64;
            // The store's frequency sketch is paid for out of the budget too.
            let answers = budget.saturating_sub(store::Store::<Key, Stored>::sketch_bytes(budget));
            Self {
                hits: metrics::counter!(super::metrics::CACHE, "outcome" => "hit"),
                misses: metrics::counter!(super::metrics::CACHE, "outcome" => "miss"),
                entries: store::Store::new(answers),
                checks: versions::VersionChecks::default(),
            }
        })
    }

    /// The answer held for `key`, if any; cheap, says nothing of its freshness, and counts the request (how often
    /// an answer is asked for decides what stays).
    pub(crate) fn held(&self, key: &Key) -> Option<Held> {
        self.entries.get(key).map(Held)
    }

    /// A fresh answer for `key`, or a ticket to keep the answer about to be computed. With an answer held, waits
    /// for a version read started after this call. With none, waits only for a process's very first version read:
    /// the answer is tagged with the newest version already read, and `compute` checks the version beside it;
    /// unless `must_know`: a miss that will read from a replica needs the version as of its arrival, and waits
    /// for it too.
    pub(crate) async fn lookup(
        &self,
        db: &DatabaseConnection,
        key: &Key,
        held: Option<Held>,
        must_know: bool,
    ) -> Lookup {
        let Some(Held(stored)) = held else {
            let ticket = match self.checks.known().filter(|_| !must_know) {
                Some(known) => Some(Ticket::beside(known)),
                None => self.checks.current(db).await.map(Ticket::read),
            };
            return Lookup::Miss(ticket);
        };
        let Some(seen) = self.checks.current(db).await else {
            return Lookup::Miss(None);
        };
        match self.fresh(key, stored, (seen.version, seen.generation)) {
            Some(answer) => {
                self.hits.increment(1);
                Lookup::Hit(answer)
            }
            None => Lookup::Miss(Some(Ticket::read(seen))),
        }
    }

    /// Runs `work`, computing a miss's answer, and measures it; beside it, a version read when the ticket's version
    /// was not read for this request, so that `keep` knows whether anything the answer read changed meanwhile. The
    /// work does not wait for the read to start; the answer is sent when both are done (the read, one primary-key
    /// row, normally first).
    pub(crate) async fn compute<T>(
        &self,
        db: &DatabaseConnection,
        ticket: &Ticket,
        work: impl Future<Output = T>,
    ) -> T {
        let measured = async {
            let started = Instant::now();
            let done = work.await;
            let micros = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX);
            ticket.cost.store(micros, std::sync::atomic::Ordering::Relaxed);
            done
        };
        if ticket.beside { tokio::join!(measured, self.checks.current(db)).0 } else { measured.await }
    }

    /// Keeps an answer computed under `ticket` that read `reads`, weighing what it took to compute.
    pub(crate) fn keep(&self, key: Key, ticket: Ticket, reads: Dependencies, answer: Answer) {
        self.misses.increment(1);
        let cost = ticket.cost.load(std::sync::atomic::Ordering::Relaxed) as f64;
        if ticket.generation == self.checks.generation() {
            self.put(key, ticket.version, ticket.generation, reads, answer, cost);
        }
    }

    /// The stored answer if nothing it read has changed between the version it was computed at and `version` (the
    /// version the request saw), and the clock has not reached the instant it would change by itself; else drops it.
    fn fresh(&self, key: &Key, stored: Stored, (version, generation): (i64, u64)) -> Option<Answer> {
        let expired = stored.reads.until.is_some_and(|until| until <= chrono::Utc::now());
        let current = stored.generation == generation
            && (stored.version == version || self.checks.unchanged(&stored.reads, stored.version));
        if !expired && current {
            return Some(stored.answer);
        }
        // Only this answer: another kept meanwhile under the same key may be fresh.
        self.entries.remove_if(key, |kept| kept.version == stored.version && kept.generation == stored.generation);
        None
    }

    /// Keeps an answer computed at `version` that read `reads`, unless what it read has changed since (it would
    /// never be served).
    fn put(&self, key: Key, version: i64, generation: u64, reads: Dependencies, answer: Answer, cost: f64) {
        let stored = Stored { version, generation, answer, reads: Arc::new(reads) };
        if !self.checks.unchanged(&stored.reads, version) {
            return;
        }
        let weight = weight(&key, &stored);
        self.entries.insert(key.compact(), stored, weight, cost);
    }
}

#[cfg(test)]
mod tests;

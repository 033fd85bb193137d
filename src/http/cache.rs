//! The response cache: answers to read queries, kept as the bytes sent, keyed by the request exactly as received
//! (body or query string) and by who asked (the `Authorization` header, so a cached answer never crosses viewers).
//!
//! Freshness: every answer is tagged with the database's data version read *before* it was computed, and served
//! again only while a version read *after* the new request arrived still shows that tag. Triggers advance the
//! version with every committed change whoever makes it, so no instance sharing the database can serve an answer
//! older than a change acknowledged before the request came in. Concurrent requests share one version read: a
//! request takes the result of a read that started after it arrived, or starts one.

use std::{
    collections::HashMap,
    hash::{DefaultHasher, Hash, Hasher},
    sync::{
        Mutex,
        atomic::{AtomicU64, Ordering},
    },
};

use axum::{body::Bytes, http::HeaderValue};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, Statement};

/// What a cached answer is found by.
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct Key {
    get: bool,
    viewer: Option<HeaderValue>,
    request: Bytes,
}

impl Key {
    pub(crate) fn new(get: bool, viewer: Option<&HeaderValue>, request: Bytes) -> Self {
        Self { get, viewer: viewer.cloned(), request }
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
}

/// A cached answer and its entity tag.
#[derive(Clone)]
pub(crate) struct Answer {
    pub body: Bytes,
    pub etag: HeaderValue,
}

impl Answer {
    pub(crate) fn new(body: Bytes) -> Self {
        let mut hasher = DefaultHasher::new();
        body.hash(&mut hasher);
        let etag = HeaderValue::from_str(&format!("\"{:016x}\"", hasher.finish()))
            .unwrap_or_else(|_| HeaderValue::from_static("\"0\""));
        Self { body, etag }
    }
}

/// Longest wait for the data version (a primary-key read that normally takes well under a millisecond).
const VERSION_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(1);

pub(crate) struct ResponseCache {
    /// Counters of `cna_response_cache_total`, registered once: labelling a metric on every request costs more
    /// than serving a cached answer.
    pub hits: metrics::Counter,
    pub misses: metrics::Counter,
    capacity: usize,
    entries: Mutex<Entries>,
    checks: VersionChecks,
}

#[derive(Default)]
struct Entries {
    version: i64,
    bytes: usize,
    map: HashMap<Key, Answer>,
}

impl ResponseCache {
    /// A cache holding up to `megabytes` MiB of answers, or none for 0.
    pub(crate) fn new(megabytes: usize) -> Option<Self> {
        (megabytes > 0).then(|| Self {
            hits: metrics::counter!(super::metrics::CACHE, "outcome" => "hit"),
            misses: metrics::counter!(super::metrics::CACHE, "outcome" => "miss"),
            capacity: megabytes.saturating_mul(1024 * 1024),
            entries: Mutex::default(),
            checks: VersionChecks::default(),
        })
    }

    /// The data version as of a read started after this call; `None` when the database cannot say, and the
    /// request then goes uncached.
    ///
    /// The read has its own short time limit: a database that hangs must not hold every request behind one
    /// stuck version read; each gives up after `VERSION_TIMEOUT` and answers without the cache.
    pub(crate) async fn version(&self, db: &DatabaseConnection) -> Option<i64> {
        match tokio::time::timeout(VERSION_TIMEOUT, self.checks.current(db)).await {
            Ok(Ok(version)) => Some(version),
            Ok(Err(e)) => {
                tracing::warn!(cause = %e, "cannot read the data version; answering without the cache");
                None
            }
            Err(_) => {
                tracing::warn!("the data version read took over {VERSION_TIMEOUT:?}; answering without the cache");
                None
            }
        }
    }

    /// Whether an answer for `key` is held at all; cheap, and says nothing about its freshness.
    pub(crate) fn holds(&self, key: &Key) -> bool {
        self.lock().map.contains_key(key)
    }

    /// The answer for `key` if it was computed at `version`.
    pub(crate) fn get(&self, key: &Key, version: i64) -> Option<Answer> {
        let entries = self.lock();
        if entries.version != version {
            return None;
        }
        entries.map.get(key).cloned()
    }

    /// Keeps an answer computed at `version`. A newer version empties the cache first; answers from an older one
    /// are dropped. When full, the cache starts over rather than track which entry to evict.
    pub(crate) fn put(&self, key: Key, version: i64, answer: Answer) {
        let size = key.size() + answer.body.len();
        if size > self.capacity {
            return;
        }
        let mut entries = self.lock();
        if version < entries.version {
            return;
        }
        if version > entries.version || entries.bytes + size > self.capacity {
            *entries = Entries { version, ..Entries::default() };
        }
        entries.bytes += size;
        if let Some(old) = entries.map.insert(key, answer) {
            entries.bytes -= old.body.len();
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        // A panic while holding the lock cannot leave the map half-updated in a way that matters: it is a cache.
        self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Coalesced reads of the data version. `started` counts reads begun; `last` holds the newest read's number and
/// result. A request that arrived when `started` was `n` may use any read numbered above `n`.
#[derive(Default)]
struct VersionChecks {
    started: AtomicU64,
    last: tokio::sync::Mutex<(u64, i64)>,
}

impl VersionChecks {
    async fn current(&self, db: &DatabaseConnection) -> Result<i64, DbErr> {
        let arrived = self.started.load(Ordering::SeqCst);
        let mut last = self.last.lock().await;
        if last.0 > arrived {
            return Ok(last.1);
        }
        let number = self.started.fetch_add(1, Ordering::SeqCst) + 1;
        let version = read_version(db).await?;
        *last = (number, version);
        Ok(version)
    }
}

async fn read_version(db: &DatabaseConnection) -> Result<i64, DbErr> {
    let statement = Statement::from_string(db.get_database_backend(), "SELECT version FROM data_version WHERE id = 1");
    let row = db.query_one_raw(statement).await?.ok_or_else(|| DbErr::RecordNotFound("data_version".into()))?;
    row.try_get_by_index::<i64>(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(body: &'static str) -> Key {
        Key::new(false, None, Bytes::from_static(body.as_bytes()))
    }

    fn answer(body: &'static str) -> Answer {
        Answer::new(Bytes::from_static(body.as_bytes()))
    }

    #[test]
    fn an_answer_is_served_only_at_its_version() {
        let cache = ResponseCache::new(1).expect("a cache");
        cache.put(key("a"), 5, answer("A"));
        assert_eq!(cache.get(&key("a"), 5).map(|a| a.body), Some(Bytes::from_static(b"A")));
        assert!(cache.get(&key("a"), 6).is_none(), "a newer version makes it stale");
        cache.put(key("b"), 6, answer("B"));
        assert!(!cache.holds(&key("a")), "a newer version empties the cache");
        cache.put(key("a"), 5, answer("A"));
        assert!(!cache.holds(&key("a")), "an answer computed at an older version is dropped");
    }

    #[test]
    fn viewers_and_methods_are_kept_apart() {
        let cache = ResponseCache::new(1).expect("a cache");
        let token = HeaderValue::from_static("Bearer x");
        cache.put(Key::new(false, Some(&token), Bytes::from_static(b"q")), 1, answer("signed in"));
        assert!(!cache.holds(&key("q")));
        assert!(!cache.holds(&Key::new(true, Some(&token), Bytes::from_static(b"q"))));
    }

    #[test]
    fn a_full_cache_starts_over() {
        let cache = ResponseCache::new(1).expect("a cache");
        let big = Bytes::from(vec![b'x'; 600 * 1024]);
        cache.put(key("one"), 1, Answer::new(big.clone()));
        cache.put(key("two"), 1, Answer::new(big));
        assert!(!cache.holds(&key("one")) && cache.holds(&key("two")));
        cache.put(key("huge"), 1, Answer::new(Bytes::from(vec![b'x'; 2 * 1024 * 1024])));
        assert!(!cache.holds(&key("huge")) && cache.holds(&key("two")), "an answer larger than the cache is not kept");
        assert!(ResponseCache::new(0).is_none(), "0 MiB turns the cache off");
    }

    #[test]
    fn equal_answers_have_equal_tags() {
        assert_eq!(answer("A").etag, answer("A").etag);
        assert_ne!(answer("A").etag, answer("B").etag);
    }
}

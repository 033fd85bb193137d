//! The response cache: answers to read queries, kept as the bytes sent, keyed by the request exactly as received
//! (body or query string) and by who asked (the `Authorization` header, so a cached answer never crosses viewers).
//!
//! Freshness: every answer is tagged with the database's data version read *before* it was computed, and served
//! again only while a version read *after* the new request arrived still shows that tag. Triggers advance the
//! version with every committed change whoever makes it, so no instance sharing the database can serve an answer
//! older than a change acknowledged before the request came in. Concurrent requests share one version read: a
//! request takes the result of a read that started after it arrived, or starts one.

use std::{
    hash::{DefaultHasher, Hash, Hasher},
    sync::atomic::{AtomicI64, AtomicU64, Ordering},
};

use axum::{body::Bytes, http::HeaderValue};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, Statement};

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
    /// Answers and the version each was computed at, weighed by the bytes they hold; when the budget is spent the
    /// store evicts what is least likely to be asked again (TinyLFU), instead of starting over.
    entries: moka::sync::Cache<Key, Stored>,
    /// The newest version an answer was kept at: answers of older versions are not kept.
    newest: AtomicI64,
    checks: VersionChecks,
}

#[derive(Clone)]
struct Stored {
    version: i64,
    answer: Answer,
}

/// What an entry costs beyond its key and body: the store's own bookkeeping, the entity tag, the version.
const ENTRY_OVERHEAD: usize = 160;

fn weight(key: &Key, stored: &Stored) -> u32 {
    u32::try_from(key.size() + stored.answer.body.len() + ENTRY_OVERHEAD).unwrap_or(u32::MAX)
}

impl ResponseCache {
    /// A cache holding up to `megabytes` MiB of answers, or none for 0.
    pub(crate) fn new(megabytes: usize) -> Option<Self> {
        (megabytes > 0).then(|| {
            let capacity = megabytes.saturating_mul(1024 * 1024);
            Self {
                hits: metrics::counter!(super::metrics::CACHE, "outcome" => "hit"),
                misses: metrics::counter!(super::metrics::CACHE, "outcome" => "miss"),
                capacity,
                entries: moka::sync::Cache::builder().max_capacity(capacity as u64).weigher(weight).build(),
                newest: AtomicI64::new(i64::MIN),
                checks: VersionChecks::default(),
            }
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
        self.entries.contains_key(key)
    }

    /// The answer for `key` if it was computed at `version`.
    pub(crate) fn get(&self, key: &Key, version: i64) -> Option<Answer> {
        self.entries.get(key).filter(|s| s.version == version).map(|s| s.answer)
    }

    /// Keeps an answer computed at `version`. A newer version drops every answer kept before it; an answer from
    /// an older one is not kept. An answer larger than the whole budget is not kept either.
    pub(crate) fn put(&self, key: Key, version: i64, answer: Answer) {
        let stored = Stored { version, answer };
        if weight(&key, &stored) as usize > self.capacity {
            return;
        }
        let before = self.newest.fetch_max(version, Ordering::SeqCst);
        if version < before {
            return;
        }
        if version > before {
            self.entries.invalidate_all();
        }
        self.entries.insert(key, stored);
    }

    /// Bytes the kept answers weigh, as the store counts them (after its pending evictions).
    #[cfg(test)]
    fn weighed(&self) -> u64 {
        self.entries.run_pending_tasks();
        self.entries.weighted_size()
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
    fn a_full_cache_evicts_within_its_budget_and_keeps_what_is_asked_for() {
        let cache = ResponseCache::new(1).expect("a cache");
        let body = Bytes::from(vec![b'x'; 10 * 1024]);
        // A hot answer, asked for again and again while 500 others (5 MiB, five times the budget) pass through.
        cache.put(key("hot"), 1, Answer::new(body.clone()));
        for i in 0..500 {
            let k = Key::new(false, None, Bytes::from(format!("cold {i}")));
            cache.put(k, 1, Answer::new(body.clone()));
            assert!(cache.get(&key("hot"), 1).is_some() || i < 50, "the hot answer stays ({i})");
        }
        assert!(cache.weighed() <= 1024 * 1024, "never over its budget: {}", cache.weighed());
        assert!(cache.get(&key("hot"), 1).is_some(), "what is asked for often is kept");
        cache.put(key("huge"), 1, Answer::new(Bytes::from(vec![b'x'; 2 * 1024 * 1024])));
        assert!(!cache.holds(&key("huge")), "an answer larger than the cache is not kept");
        assert!(ResponseCache::new(0).is_none(), "0 MiB turns the cache off");
    }

    #[test]
    fn equal_answers_have_equal_tags() {
        assert_eq!(answer("A").etag, answer("A").etag);
        assert_ne!(answer("A").etag, answer("B").etag);
    }
}

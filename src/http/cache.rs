//! The response cache: answers to read queries, kept as the bytes sent, keyed by the request exactly as received
//! (body or query string) and by who asked (the `Authorization` header, so a cached answer never crosses viewers).
//!
//! Freshness: every answer is tagged with the database's data version read *before* it was computed and with what
//! it read (its scopes, see `graphql::reads`), and served again only while no scope it read has changed after
//! that version, as of a version read *after* the new request arrived. Triggers advance the version and write the
//! scopes of every committed change whoever makes it (migrations 3 and 9), so no instance sharing the database
//! can serve an answer older than a change to what it read acknowledged before the request came in, and a change
//! elsewhere (another State's authorities) leaves it standing. Concurrent requests share one version read: a
//! request takes the result of a read that started after it arrived, or starts one; when the version has moved,
//! that read also fetches the scopes changed since.

use std::{
    collections::HashMap,
    hash::{DefaultHasher, Hash, Hasher},
    sync::{
        RwLock,
        atomic::{AtomicU64, Ordering},
    },
};

use axum::{body::Bytes, http::HeaderValue};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, Statement};

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

    /// The key with its request in an allocation of its own: the request's bytes are a slice of the connection's
    /// read buffer, which a kept key would otherwise keep alive whole, unweighed.
    fn compact(mut self) -> Self {
        self.request = Bytes::copy_from_slice(&self.request);
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

/// Longest wait for the data version (a primary-key read that normally takes well under a millisecond).
const VERSION_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(1);

pub(crate) struct ResponseCache {
    /// Counters of `cna_response_cache_total`, registered once: labelling a metric on every request costs more
    /// than serving a cached answer.
    pub hits: metrics::Counter,
    pub misses: metrics::Counter,
    capacity: usize,
    /// Answers, the version each was computed at and what each read, weighed by the bytes they hold; when the
    /// budget is spent the store evicts what is least likely to be asked again (TinyLFU), instead of starting over.
    entries: moka::sync::Cache<Key, Stored>,
    checks: VersionChecks,
}

#[derive(Clone)]
struct Stored {
    version: i64,
    answer: Answer,
    /// Shared: entries are cloned on every read of the store.
    reads: std::sync::Arc<Dependencies>,
}

/// What an entry costs beyond its key, body and dependencies: the store's own bookkeeping, the entity tag, the
/// version.
const ENTRY_OVERHEAD: usize = 160;

fn weight(key: &Key, stored: &Stored) -> u32 {
    let size = key.size() + stored.answer.body.len() + stored.reads.size() + ENTRY_OVERHEAD;
    u32::try_from(size).unwrap_or(u32::MAX)
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

    /// The answer for `key` if nothing it read has changed between the version it was computed at and `version`
    /// (the version the request saw), and the clock has not reached the instant it would change by itself.
    pub(crate) fn get(&self, key: &Key, version: i64) -> Option<Answer> {
        let stored = self.entries.get(key)?;
        if stored.reads.until.is_some_and(|until| until <= chrono::Utc::now()) {
            self.entries.invalidate(key);
            return None;
        }
        if stored.version == version || self.checks.unchanged(&stored.reads, stored.version) {
            return Some(stored.answer);
        }
        self.entries.invalidate(key);
        None
    }

    /// Keeps an answer computed at `version` that read `reads`, unless what it read has changed since (it would
    /// never be served) or it is larger than the whole budget.
    pub(crate) fn put(&self, key: Key, version: i64, reads: Dependencies, answer: Answer) {
        let stored = Stored { version, answer, reads: std::sync::Arc::new(reads) };
        if weight(&key, &stored) as usize > self.capacity || !self.checks.unchanged(&stored.reads, version) {
            return;
        }
        self.entries.insert(key.compact(), stored);
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
    scopes: RwLock<Scopes>,
}

/// The version of the last change to each scope, as known up to data version `known`; a scope absent has not
/// changed since migration 9 created the table.
#[derive(Default)]
struct Scopes {
    known: i64,
    changed: HashMap<Box<str>, i64>,
}

impl VersionChecks {
    async fn current(&self, db: &DatabaseConnection) -> Result<i64, DbErr> {
        let arrived = self.started.load(Ordering::SeqCst);
        let mut last = self.last.lock().await;
        if last.0 > arrived {
            return Ok(last.1);
        }
        let number = self.started.fetch_add(1, Ordering::SeqCst) + 1;
        let known = self.scopes.read().unwrap_or_else(|p| p.into_inner()).known;
        let (version, changed) = read_version(db, known).await?;
        if !changed.is_empty() || version != known {
            let mut scopes = self.scopes.write().unwrap_or_else(|p| p.into_inner());
            for (scope, at) in changed {
                let entry = scopes.changed.entry(scope).or_insert(at);
                *entry = (*entry).max(at);
            }
            scopes.known = scopes.known.max(version);
        }
        *last = (number, version);
        Ok(version)
    }

    /// Whether no scope of `reads` has changed after `version`, as far as the last version read knows.
    fn unchanged(&self, reads: &Dependencies, version: i64) -> bool {
        let scopes = self.scopes.read().unwrap_or_else(|p| p.into_inner());
        if reads.everything {
            return scopes.known <= version;
        }
        reads.scopes.iter().all(|scope| scopes.changed.get(scope).is_none_or(|at| *at <= version))
    }
}

/// The data version, and the scopes changed after `known` (with the version of their last change), in one
/// statement: one snapshot on PostgreSQL, and one round trip per check however often the data changes.
async fn read_version(db: &DatabaseConnection, known: i64) -> Result<(i64, Vec<(Box<str>, i64)>), DbErr> {
    let backend = db.get_database_backend();
    let sql = match backend {
        sea_orm::DatabaseBackend::Postgres => READ_VERSION_PG,
        _ => READ_VERSION,
    };
    let rows = db.query_all_raw(Statement::from_sql_and_values(backend, sql, [known.into()])).await?;
    let mut version = None;
    let mut changed = Vec::new();
    for row in rows {
        let at = row.try_get_by_index::<i64>(1)?;
        match row.try_get_by_index::<Option<String>>(0)? {
            Some(scope) => changed.push((scope.into_boxed_str(), at)),
            None => version = Some(at),
        }
    }
    Ok((version.ok_or_else(|| DbErr::RecordNotFound("data_version".into()))?, changed))
}

/// The version check's statement with a backend's placeholder, written out at compile time rather than rewritten on
/// every check.
macro_rules! read_version {
    ($placeholder:literal) => {
        concat!(
            "SELECT CAST(NULL AS varchar(64)) AS scope, version FROM data_version WHERE id = 1 ",
            "UNION ALL SELECT scope, version FROM data_scopes WHERE version > ",
            $placeholder
        )
    };
}
const READ_VERSION: &str = read_version!("?");
const READ_VERSION_PG: &str = read_version!("$1");

#[cfg(test)]
mod tests {
    use super::*;

    fn key(body: &'static str) -> Key {
        Key::new(false, None, Bytes::from_static(body.as_bytes()))
    }

    fn answer(body: &'static str) -> Answer {
        Answer::new(Bytes::from_static(body.as_bytes()))
    }

    fn everything() -> Dependencies {
        Dependencies::everything()
    }

    #[test]
    fn a_kept_answer_holds_no_more_memory_than_its_bytes() {
        // As a serializer leaves a 9 KB answer: in a buffer grown by doubling to 16 KiB.
        let mut serialized = Vec::with_capacity(16 * 1024);
        serialized.resize(9_200, b'x');
        let kept = Answer::kept(serialized);
        // SAFETY: the pointer is the start of a live allocation made by the global allocator (mimalloc under test).
        let held = unsafe { mimalloc::MiMalloc.usable_size(kept.as_ptr()) };
        assert!(held < 9_200 * 5 / 4, "a 9,200-byte answer holds {held} bytes");
    }

    fn reading(scopes: &[&str]) -> Dependencies {
        Dependencies { everything: false, scopes: scopes.iter().map(|s| Box::from(*s)).collect(), until: None }
    }

    /// What a version read after changes to `scopes` at `version` tells the cache.
    fn changed(cache: &ResponseCache, version: i64, scopes: &[&str]) {
        let mut known = cache.checks.scopes.write().unwrap();
        for scope in scopes {
            known.changed.insert(Box::from(*scope), version);
        }
        known.known = version;
    }

    #[test]
    fn an_answer_that_reads_everything_is_served_only_at_its_version() {
        let cache = ResponseCache::new(1).expect("a cache");
        cache.put(key("a"), 5, everything(), answer("A"));
        assert_eq!(cache.get(&key("a"), 5).map(|a| a.body), Some(Bytes::from_static(b"A")));
        changed(&cache, 6, &["s:FRA"]);
        assert!(cache.get(&key("a"), 6).is_none(), "any change makes it stale");
        assert!(!cache.holds(&key("a")), "and it is dropped");
    }

    #[test]
    fn an_answer_is_dropped_by_a_change_to_what_it_read_and_no_other() {
        let cache = ResponseCache::new(1).expect("a cache");
        cache.put(key("fra"), 5, reading(&["t:states", "s:FRA"]), answer("FRA"));
        cache.put(key("deu"), 5, reading(&["t:states", "s:DEU"]), answer("DEU"));
        changed(&cache, 6, &["s:FRA", "authorities"]);
        assert!(cache.get(&key("fra"), 6).is_none(), "a change to France's authorities drops France's answer");
        assert!(cache.get(&key("deu"), 6).is_some(), "and leaves Germany's");
        cache.put(key("fra"), 5, reading(&["s:FRA"]), answer("FRA"));
        assert!(!cache.holds(&key("fra")), "an answer computed before a change to what it read is not kept");
        cache.put(key("fra"), 6, reading(&["s:FRA"]), answer("FRA 2"));
        assert_eq!(cache.get(&key("fra"), 7).map(|a| a.body), Some(Bytes::from_static(b"FRA 2")));
    }

    #[test]
    fn an_answer_that_changes_with_the_clock_is_dropped_when_it_would() {
        let cache = ResponseCache::new(1).expect("a cache");
        let soon = chrono::Utc::now() + chrono::Duration::milliseconds(50);
        cache.put(key("a"), 5, Dependencies { until: Some(soon), ..reading(&[]) }, answer("A"));
        assert!(cache.get(&key("a"), 5).is_some());
        std::thread::sleep(std::time::Duration::from_millis(60));
        assert!(cache.get(&key("a"), 5).is_none(), "its review fell due");
    }

    #[test]
    fn viewers_and_methods_are_kept_apart() {
        let cache = ResponseCache::new(1).expect("a cache");
        let token = HeaderValue::from_static("Bearer x");
        cache.put(Key::new(false, Some(&token), Bytes::from_static(b"q")), 1, everything(), answer("signed in"));
        assert!(!cache.holds(&key("q")));
        assert!(!cache.holds(&Key::new(true, Some(&token), Bytes::from_static(b"q"))));
    }

    #[test]
    fn a_full_cache_evicts_within_its_budget_and_keeps_what_is_asked_for() {
        let cache = ResponseCache::new(1).expect("a cache");
        let body = Bytes::from(vec![b'x'; 10 * 1024]);
        // A hot answer, asked for again and again while 500 others (5 MiB, five times the budget) pass through.
        cache.put(key("hot"), 1, everything(), Answer::new(body.clone()));
        for i in 0..500 {
            let k = Key::new(false, None, Bytes::from(format!("cold {i}")));
            cache.put(k, 1, everything(), Answer::new(body.clone()));
            assert!(cache.get(&key("hot"), 1).is_some() || i < 50, "the hot answer stays ({i})");
        }
        assert!(cache.weighed() <= 1024 * 1024, "never over its budget: {}", cache.weighed());
        assert!(cache.get(&key("hot"), 1).is_some(), "what is asked for often is kept");
        cache.put(key("huge"), 1, everything(), Answer::new(Bytes::from(vec![b'x'; 2 * 1024 * 1024])));
        assert!(!cache.holds(&key("huge")), "an answer larger than the cache is not kept");
        assert!(ResponseCache::new(0).is_none(), "0 MiB turns the cache off");
    }

    #[test]
    fn equal_answers_have_equal_tags() {
        assert_eq!(answer("A").etag, answer("A").etag);
        assert_ne!(answer("A").etag, answer("B").etag);
    }
}

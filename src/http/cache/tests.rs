//! The cache's rules, on its own: freshness by scope, viewers apart, the budget, and what stays when traffic
//! shifts.

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
    cache.checks.learn(version, scopes);
}

/// Microseconds an answer took to compute, as the tests say.
const COST: f64 = 1_000.0;

impl ResponseCache {
    fn get(&self, key: &Key, version: i64) -> Option<Answer> {
        let Held(stored) = self.held(key)?;
        self.fresh(key, stored, (version, 0))
    }

    fn put_at(&self, key: Key, version: i64, reads: Dependencies, answer: Answer, cost: f64) {
        self.put(key, version, 0, reads, answer, cost);
    }

    fn holds(&self, key: &Key) -> bool {
        self.entries.contains(key)
    }

    fn weighed(&self) -> u64 {
        self.entries.weight()
    }
}

#[test]
fn an_answer_that_reads_everything_is_served_only_at_its_version() {
    let cache = ResponseCache::new(1).expect("a cache");
    cache.put_at(key("a"), 5, everything(), answer("A"), COST);
    assert_eq!(cache.get(&key("a"), 5).map(|a| a.body), Some(Bytes::from_static(b"A")));
    changed(&cache, 6, &["s:FRA"]);
    assert!(cache.get(&key("a"), 6).is_none(), "any change makes it stale");
    assert!(!cache.holds(&key("a")), "and it is dropped");
}

#[test]
fn an_answer_is_dropped_by_a_change_to_what_it_read_and_no_other() {
    let cache = ResponseCache::new(1).expect("a cache");
    cache.put_at(key("fra"), 5, reading(&["t:states", "s:FRA"]), answer("FRA"), COST);
    cache.put_at(key("deu"), 5, reading(&["t:states", "s:DEU"]), answer("DEU"), COST);
    changed(&cache, 6, &["s:FRA", "authorities"]);
    assert!(cache.get(&key("fra"), 6).is_none(), "a change to France's authorities drops France's answer");
    assert!(cache.get(&key("deu"), 6).is_some(), "and leaves Germany's");
    cache.put_at(key("fra"), 5, reading(&["s:FRA"]), answer("FRA"), COST);
    assert!(!cache.holds(&key("fra")), "an answer computed before a change to what it read is not kept");
    cache.put_at(key("fra"), 6, reading(&["s:FRA"]), answer("FRA 2"), COST);
    assert_eq!(cache.get(&key("fra"), 7).map(|a| a.body), Some(Bytes::from_static(b"FRA 2")));
}

#[test]
fn an_answer_that_changes_with_the_clock_is_dropped_when_it_would() {
    let cache = ResponseCache::new(1).expect("a cache");
    let soon = chrono::Utc::now() + chrono::Duration::milliseconds(50);
    cache.put_at(key("a"), 5, Dependencies { until: Some(soon), ..reading(&[]) }, answer("A"), COST);
    assert!(cache.get(&key("a"), 5).is_some());
    std::thread::sleep(std::time::Duration::from_millis(60));
    assert!(cache.get(&key("a"), 5).is_none(), "its review fell due");
}

#[test]
fn viewers_and_methods_are_kept_apart() {
    let cache = ResponseCache::new(1).expect("a cache");
    let token = HeaderValue::from_static("Bearer x");
    cache.put_at(Key::new(false, Some(&token), Bytes::from_static(b"q")), 1, everything(), answer("signed in"), COST);
    assert!(!cache.holds(&key("q")));
    assert!(!cache.holds(&Key::new(true, Some(&token), Bytes::from_static(b"q"))));
}

#[test]
fn a_full_cache_evicts_within_its_budget_and_keeps_what_is_asked_for() {
    let cache = ResponseCache::new(1).expect("a cache");
    let body = Bytes::from(vec![b'x'; 10 * 1024]);
    // A hot answer, asked for again and again while 500 others (5 MiB, five times the budget) pass through.
    cache.put_at(key("hot"), 1, everything(), Answer::new(body.clone()), COST);
    for i in 0..500 {
        let k = Key::new(false, None, Bytes::from(format!("cold {i}")));
        cache.put_at(k, 1, everything(), Answer::new(body.clone()), COST);
        assert!(cache.get(&key("hot"), 1).is_some() || i < 50, "the hot answer stays ({i})");
    }
    assert!(cache.weighed() <= 1024 * 1024, "never over its budget: {}", cache.weighed());
    assert!(cache.get(&key("hot"), 1).is_some(), "what is asked for often is kept");
    cache.put_at(key("huge"), 1, everything(), Answer::new(Bytes::from(vec![b'x'; 2 * 1024 * 1024])), COST);
    assert!(!cache.holds(&key("huge")), "an answer larger than the cache is not kept");
    assert!(ResponseCache::new(0).is_none(), "0 MiB turns the cache off");
}

#[test]
fn equal_answers_have_equal_tags() {
    assert_eq!(answer("A").etag, answer("A").etag);
    assert_ne!(answer("A").etag, answer("B").etag);
}

/// A portal's three kinds of answer taking turns on the default 32 MiB, as the harness's traffic asks for them:
/// list pages (9 KB, 190 States), search answers (2.5 KB, 2,215 terms) and routes (7 KB, 5,000 pairs: more than
/// the budget), each with what it takes to compute on one core.
#[test]
fn a_shift_in_traffic_does_not_lock_out_the_most_asked_answers() {
    let cache = ResponseCache::new(32).expect("a cache");
    let mut rng = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move |n: u64| {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng % n
    };
    let kinds = [("list", 190, 9_000, 3_500.0), ("search", 2_215, 2_500, 800.0), ("route", 5_000, 7_000, 1_400.0)];
    // A focal point edits one State's entries now and then (one write per 500 requests): what read that
    // State is dropped and must be admitted again.
    let version = std::cell::Cell::new(1);
    let ask = |kind: usize, i: u64| -> bool {
        let (name, _, size, cost) = kinds[kind];
        let k = Key::new(false, None, Bytes::from(format!("{name} {i}")));
        if cache.holds(&k) && cache.get(&k, version.get()).is_some() {
            return true;
        }
        let state = format!("s:{}", i % 190);
        cache.put_at(k, version.get(), reading(&[&state]), Answer::new(Bytes::from(vec![b'x'; size])), cost);
        false
    };
    for _ in 0..20 {
        for i in 0..190 {
            ask(0, i);
        }
    }
    // Then the workloads take turns, as a portal's traffic shifts: 100,000 requests of each, three times over.
    let (mut asked, mut hits) = (0, 0);
    for step in 0..900_000 {
        if step % 500 == 0 {
            version.set(version.get() + 1);
            changed(&cache, version.get(), &[&format!("s:{}", next(190))]);
        }
        let kind = (step / 100_000) % 3;
        let hit = ask(kind, next(kinds[kind].1));
        if kind == 0 && step > 300_000 {
            asked += 1;
            hits += usize::from(hit);
        }
    }
    let rate = hits as f64 / asked as f64;
    assert!(rate >= 0.95, "list pages answered from the cache {:.0} % of the time", rate * 100.0);
}

/// A list page evicted while other answers were asked for, then asked for again and again: each ask is a
/// miss, and must count, or it is never admitted over answers that were hit while it was away.
#[test]
fn an_answer_asked_for_while_absent_is_admitted_again() {
    let cache = ResponseCache::new(1).expect("a cache");
    let small = Bytes::from(vec![b'x'; 1_000]);
    // The budget full of small answers, each asked for three times.
    for i in 0..1_000 {
        let k = Key::new(false, None, Bytes::from(format!("small {i}")));
        cache.put_at(k.clone(), 1, reading(&[]), Answer::new(small.clone()), COST);
        for _ in 0..3 {
            let _ = cache.holds(&k) && cache.get(&k, 1).is_some();
        }
    }
    let page = Key::new(false, None, Bytes::from_static(b"page"));
    let mut admitted = false;
    for _ in 0..20 {
        if cache.holds(&page) && cache.get(&page, 1).is_some() {
            admitted = true;
            break;
        }
        cache.put_at(page.clone(), 1, reading(&[]), Answer::new(Bytes::from(vec![b'x'; 9_000])), COST);
    }
    assert!(admitted, "a page asked for 20 times in a row is never kept");
}

/// A miss starts without reading the version: its answer is tagged with the newest version read before it, and a
/// change committed while it is computed, to what it read, keeps it from ever being served; a change elsewhere
/// does not.
#[tokio::test]
async fn an_answer_computed_while_what_it_read_changed_is_never_served() {
    use sea_orm::{ConnectionTrait, TransactionTrait};
    let db = versioned_database(1).await;
    let cache = ResponseCache::new(1).expect("a cache");
    let Lookup::Miss(Some(first)) = cache.lookup(&db, &key("first"), None, false).await else { panic!("a miss") };
    assert!(!first.beside, "a process's first request reads the version");
    for (changed, served) in [("s:FRA", false), ("s:DEU", true)] {
        let k = Key::new(false, None, Bytes::from(format!("France, while {changed} changes")));
        let Lookup::Miss(Some(ticket)) = cache.lookup(&db, &k, cache.held(&k), false).await else { panic!("a miss") };
        assert!(ticket.beside, "later misses do not wait for a read");
        // As the triggers write it: the version and the scope in the transaction of the change.
        let change = async {
            let txn = db.begin().await.expect("a transaction");
            txn.execute_unprepared("UPDATE data_version SET version = version + 1").await.expect("a change");
            let scope = format!("INSERT OR REPLACE INTO data_scopes SELECT '{changed}', version FROM data_version");
            txn.execute_unprepared(&scope).await.expect("its scope");
            txn.commit().await.expect("committed");
        };
        cache.compute(&db, &ticket, change).await;
        cache.keep(k.clone(), ticket, reading(&["s:FRA"]), answer("France as it was"));
        let later = cache.lookup(&db, &k, cache.held(&k), false).await;
        assert_eq!(matches!(later, Lookup::Hit(_)), served, "after a change to {changed}");
    }
}

/// A database whose version went back (restored from a backup) is another history: nothing kept from the first is
/// served, whatever its version.
#[tokio::test]
async fn answers_of_a_replaced_history_are_not_served() {
    use sea_orm::ConnectionTrait;
    let db = versioned_database(50).await;
    let cache = ResponseCache::new(1).expect("a cache");
    let k = key("France");
    let Lookup::Miss(Some(ticket)) = cache.lookup(&db, &k, None, false).await else { panic!("a miss") };
    cache.keep(k.clone(), ticket, reading(&["s:FRA"]), answer("France before the restore"));
    assert!(matches!(cache.lookup(&db, &k, cache.held(&k), false).await, Lookup::Hit(_)));
    db.execute_unprepared("UPDATE data_version SET version = 20").await.expect("a restore");
    assert!(!matches!(cache.lookup(&db, &k, cache.held(&k), false).await, Lookup::Hit(_)), "the version went back");
}

/// A database with only what the cache reads: the data version (at `version`) and the scopes' versions.
async fn versioned_database(version: i64) -> sea_orm::DatabaseConnection {
    use sea_orm::ConnectionTrait;
    let db = sea_orm::Database::connect("sqlite::memory:").await.expect("an in-memory database");
    for sql in [
        "CREATE TABLE data_version (id INTEGER PRIMARY KEY, version BIGINT NOT NULL)".to_owned(),
        format!("INSERT INTO data_version VALUES (1, {version})"),
        "CREATE TABLE data_scopes (scope TEXT PRIMARY KEY, version BIGINT NOT NULL)".to_owned(),
    ] {
        db.execute_unprepared(&sql).await.expect("the version tables");
    }
    db
}

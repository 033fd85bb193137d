//! Where kept answers live, and which leave when the budget is spent: Greedy-Dual-Size-Frequency. Each answer's
//! priority is `clock + frequency × cost ÷ size` — how often it is asked for, what recomputing it costs (its
//! measured time to answer) and the bytes it holds — and the lowest goes first, raising `clock` to its priority,
//! so answers not asked for lately age out behind those that are. Frequencies are counted for every request,
//! kept or not, in a small count-min sketch that halves as it fills: an answer dropped by a write or evicted while
//! other traffic passed comes back with the frequency its requests earned meanwhile, and a burst of answers asked
//! for once cannot displace the few asked for all the time, whatever their size.
//!
//! A general-purpose cache (TinyLFU, as in `moka`) weighs frequency and size but not cost, and admits a candidate
//! only when its frequency beats the summed frequency of every victim it would displace: a 9 KB list page then
//! loses to the dozen 1 KB search answers it would evict, however often it is asked for.

use std::{
    collections::{BTreeMap, HashMap},
    hash::{BuildHasher, Hash, RandomState},
    sync::Mutex,
};

/// A store of values weighed in bytes, within a budget.
pub(super) struct Store<K, V> {
    inner: Mutex<Inner<K, V>>,
    hasher: RandomState,
    capacity: u64,
}

struct Inner<K, V> {
    slots: HashMap<K, Slot<V>>,
    /// Keys by priority, lowest first: (priority as ordered bits, tie-breaker).
    order: BTreeMap<(u64, u64), K>,
    next: u64,
    weight: u64,
    /// The priority of the last answer evicted: new and recently asked-for answers start from it.
    clock: f64,
    sketch: Sketch,
}

struct Slot<V> {
    value: V,
    weight: u32,
    /// Microseconds the answer took to compute.
    cost: f64,
    rank: (u64, u64),
}

impl<K: Hash + Eq + Clone, V: Clone> Store<K, V> {
    pub(super) fn new(capacity: u64) -> Self {
        let width = sketch_width(capacity);
        let inner = Inner {
            slots: HashMap::new(),
            order: BTreeMap::new(),
            next: 0,
            weight: 0,
            clock: 0.0,
            sketch: Sketch::new(width),
        };
        Self { inner: Mutex::new(inner), hasher: RandomState::new(), capacity }
    }

    /// Bytes the frequency sketch of a store of `capacity` holds (four rows of one byte per counter), which a caller
    /// with a memory budget pays for out of it.
    pub(super) fn sketch_bytes(capacity: u64) -> u64 {
        4 * sketch_width(capacity) as u64
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner<K, V>> {
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The value for `key`, counting the request whether it is kept or not.
    pub(super) fn get(&self, key: &K) -> Option<V> {
        let hash = self.hasher.hash_one(key);
        let mut inner = self.lock();
        let frequency = inner.sketch.increment(hash);
        let inner = &mut *inner;
        let slot = inner.slots.get_mut(key)?;
        let rank = (priority(inner.clock, frequency, slot.cost, slot.weight), slot.rank.1);
        if let Some(owner) = inner.order.remove(&slot.rank) {
            inner.order.insert(rank, owner);
        }
        slot.rank = rank;
        Some(slot.value.clone())
    }

    /// Keeps `value`, weighing `weight` bytes and `cost` microseconds to compute, then evicts the lowest priorities
    /// until within the budget, the new value among them if it ranks lowest.
    pub(super) fn insert(&self, key: K, value: V, weight: u32, cost: f64) {
        if u64::from(weight) > self.capacity {
            return;
        }
        let hash = self.hasher.hash_one(&key);
        let mut inner = self.lock();
        let inner = &mut *inner;
        inner.remove(&key);
        let frequency = inner.sketch.estimate(hash).max(1.0);
        let cost = cost.max(1.0);
        let tie = inner.next;
        inner.next += 1;
        let rank = (priority(inner.clock, frequency, cost, weight), tie);
        inner.order.insert(rank, key.clone());
        inner.slots.insert(key, Slot { value, weight, cost, rank });
        inner.weight += u64::from(weight);
        while inner.weight > self.capacity {
            let Some((lowest, owner)) = inner.order.pop_first() else { break };
            inner.clock = inner.clock.max(f64::from_bits(lowest.0));
            if let Some(slot) = inner.slots.remove(&owner) {
                inner.weight -= u64::from(slot.weight);
            }
        }
    }

    /// Removes the value for `key` if `stale` says so of it: a request that found an answer stale must not drop a
    /// newer one kept meanwhile under the same key.
    pub(super) fn remove_if(&self, key: &K, stale: impl FnOnce(&V) -> bool) {
        let mut inner = self.lock();
        if inner.slots.get(key).is_some_and(|slot| stale(&slot.value)) {
            inner.remove(key);
        }
    }

    #[cfg(test)]
    pub(super) fn contains(&self, key: &K) -> bool {
        self.lock().slots.contains_key(key)
    }

    /// Bytes held, as weighed.
    #[cfg(test)]
    pub(super) fn weight(&self) -> u64 {
        self.lock().weight
    }
}

impl<K: Hash + Eq, V> Inner<K, V> {
    fn remove(&mut self, key: &K) {
        if let Some(slot) = self.slots.remove(key) {
            self.order.remove(&slot.rank);
            self.weight -= u64::from(slot.weight);
        }
    }
}

/// One counter per ~256 bytes of budget, within [4 Ki, 1 Mi]: a few counters per answer kept.
fn sketch_width(capacity: u64) -> usize {
    usize::try_from(capacity / 256).unwrap_or(usize::MAX).clamp(4096, 1 << 20).next_power_of_two()
}

/// An answer's worth, `clock + frequency × cost ÷ size`, as bits that order as the numbers do (non-negative, finite
/// floats do): clamped to `[0, f64::MAX]`, so that no input can make a valuable answer look worthless.
fn priority(clock: f64, frequency: f64, cost: f64, weight: u32) -> u64 {
    let worth = clock + frequency * cost / f64::from(weight.max(1));
    if worth.is_nan() { 0.0_f64.to_bits() } else { worth.clamp(0.0, f64::MAX).to_bits() }
}

/// Four rows of counters indexed by parts of one hash; an estimate is the least of its four. Counts stop at
/// `MOST` (as TinyLFU's 4-bit counters do), so that an answer asked for in a burst long ago is not worth so much more
/// than one asked for steadily that shifting traffic takes minutes to age it out; every `10 × width` increments all
/// counters halve, so what was asked for long ago fades.
const MOST: u8 = 15;

struct Sketch {
    rows: [Box<[u8]>; 4],
    mask: usize,
    added: usize,
    period: usize,
}

impl Sketch {
    fn new(width: usize) -> Self {
        let row = || vec![0_u8; width].into_boxed_slice();
        Self { rows: [row(), row(), row(), row()], mask: width - 1, added: 0, period: width * 10 }
    }

    fn index(&self, hash: u64, row: usize) -> usize {
        // Four independent indexes from one 64-bit hash: each row multiplies it by its own odd constant and keeps
        // the high bits, which depend on every bit of the hash.
        const SEEDS: [u64; 4] =
            [0x9E37_79B9_7F4A_7C15, 0xC2B2_AE3D_27D4_EB4F, 0x1656_67B1_9E37_79F9, 0xD6E8_FEB8_6659_FD93];
        let mixed = (hash ^ (hash >> 29)).wrapping_mul(SEEDS[row]);
        (mixed >> 32) as usize & self.mask
    }

    fn least(&self, hash: u64) -> u8 {
        (0..4).map(|row| self.rows[row][self.index(hash, row)]).min().unwrap_or(0)
    }

    fn estimate(&self, hash: u64) -> f64 {
        f64::from(self.least(hash))
    }

    /// Counts one request for `hash` and returns its new estimate.
    fn increment(&mut self, hash: u64) -> f64 {
        let least = self.least(hash);
        for row in 0..4 {
            let i = self.index(hash, row);
            // Conservative update: raise only the counters at the least, so collisions inflate less.
            if self.rows[row][i] == least {
                self.rows[row][i] = least.saturating_add(1).min(MOST);
            }
        }
        self.added += 1;
        if self.added >= self.period {
            self.added /= 2;
            for row in &mut self.rows {
                row.iter_mut().for_each(|c| *c /= 2);
            }
        }
        f64::from(least.saturating_add(1).min(MOST))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lowest_priority_leaves_first_and_the_budget_holds() {
        let store = Store::new(10_000);
        store.insert("cheap", 1, 4_000, 10.0);
        store.insert("dear", 2, 4_000, 1_000.0);
        store.insert("new", 3, 4_000, 100.0);
        assert!(!store.contains(&"cheap"), "the cheapest to recompute per byte goes");
        assert!(store.contains(&"dear") && store.contains(&"new"));
        assert!(store.weight() <= 10_000);
        assert!(!{
            store.insert("huge", 4, 20_000, 1e9);
            store.contains(&"huge")
        });
    }

    #[test]
    fn frequency_outweighs_size() {
        let store = Store::new(100_000);
        // A large answer asked for often, then a flood of small ones asked for once each.
        for _ in 0..10 {
            store.get(&"page".to_string());
        }
        store.insert("page".to_string(), 0, 9_000, 3_000.0);
        for i in 0..1_000 {
            let key = format!("small {i}");
            store.get(&key);
            store.insert(key, i, 1_000, 800.0);
            assert!(store.get(&"page".to_string()).is_some(), "the page stays ({i})");
        }
    }

    #[test]
    fn a_request_counts_while_its_answer_is_away() {
        let store = Store::new(10_000);
        for i in 0..10 {
            let key = format!("small {i}");
            store.insert(key.clone(), i, 1_000, 100.0);
            for _ in 0..3 {
                store.get(&key);
            }
        }
        // One asked for eight times while not kept (dropped by a write, say) comes back ahead of them, and stays
        // while answers asked for once pass through.
        for _ in 0..8 {
            assert!(store.get(&"page".to_string()).is_none());
        }
        store.insert("page".to_string(), 99, 1_000, 100.0);
        assert!(store.contains(&"page".to_string()));
        for i in 0..20 {
            store.insert(format!("once {i}"), i, 1_000, 100.0);
        }
        assert!(store.contains(&"page".to_string()));
    }

    #[test]
    fn removal_frees_its_weight() {
        let store = Store::new(10_000);
        store.insert("a", 1, 6_000, 1.0);
        store.remove_if(&"a", |v| *v == 2);
        assert_eq!(store.weight(), 6_000, "only what is found stale is removed");
        store.remove_if(&"a", |v| *v == 1);
        assert_eq!(store.weight(), 0);
        store.insert("b", 2, 6_000, 1.0);
        store.insert("b", 3, 6_000, 1.0);
        assert_eq!(store.weight(), 6_000, "a key kept twice weighs once");
        assert_eq!(store.get(&"b"), Some(3));
    }
}

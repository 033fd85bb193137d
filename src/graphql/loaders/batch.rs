//! A per-request batching loader. Keys asked for while the request is busy resolving one level of the query are
//! fetched together once the request has nothing else to do: the batch task yields until a pass goes by without a
//! new key. Unlike a timer, this neither adds latency nor splits a level in two when resolving it takes long.

use std::{
    collections::HashMap,
    future::Future,
    hash::Hash,
    sync::{Arc, Mutex, MutexGuard},
};

use tokio::sync::oneshot;

use crate::error::AppError;

/// Fetches the values of many keys in one statement.
pub(crate) trait Fetch: Send + Sync + 'static {
    type Key: Clone + Eq + Hash + Send + Sync + 'static;
    type Value: Clone + Send + Sync + 'static;

    fn fetch(
        &self,
        keys: &[Self::Key],
    ) -> impl Future<Output = Result<HashMap<Self::Key, Self::Value>, AppError>> + Send;
}

type Reply<V> = oneshot::Sender<Result<Option<V>, AppError>>;

struct State<K, V> {
    /// Values (or their absence) already fetched during this request.
    cache: HashMap<K, Option<V>>,
    waiting: HashMap<K, Vec<Reply<V>>>,
    /// Counts every registration, so the batch task can tell whether the request is still adding keys.
    registrations: u64,
    scheduled: bool,
}

struct Inner<F: Fetch> {
    fetch: F,
    state: Mutex<State<F::Key, F::Value>>,
}

impl<F: Fetch> Inner<F> {
    fn state(&self) -> MutexGuard<'_, State<F::Key, F::Value>> {
        // No code panics while holding the lock, so a poisoned lock still holds consistent data.
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    async fn flush(self: Arc<Self>) {
        let mut seen = u64::MAX;
        loop {
            let now = self.state().registrations;
            if now == seen {
                break;
            }
            seen = now;
            tokio::task::yield_now().await;
        }
        let batch = {
            let mut state = self.state();
            state.scheduled = false;
            std::mem::take(&mut state.waiting)
        };
        let keys: Vec<F::Key> = batch.keys().cloned().collect();
        let result = self.fetch.fetch(&keys).await;
        let mut state = self.state();
        for (key, replies) in batch {
            let value = result.as_ref().map(|found| found.get(&key).cloned()).map_err(Clone::clone);
            if let Ok(v) = &value {
                state.cache.insert(key, v.clone());
            }
            for reply in replies {
                let _ = reply.send(value.clone());
            }
        }
    }
}

pub(crate) struct BatchLoader<F: Fetch> {
    inner: Arc<Inner<F>>,
}

impl<F: Fetch> BatchLoader<F> {
    pub(crate) fn new(fetch: F) -> Self {
        Self {
            inner: Arc::new(Inner {
                fetch,
                state: Mutex::new(State {
                    cache: HashMap::new(),
                    waiting: HashMap::new(),
                    registrations: 0,
                    scheduled: false,
                }),
            }),
        }
    }

    /// Fetches, in one statement and at once, the keys not known yet, so that the fields asking for them later find
    /// them without waiting for a batch; returns the values found for those keys.
    pub(crate) async fn prime(&self, keys: impl IntoIterator<Item = F::Key>) -> Result<Vec<F::Value>, AppError> {
        let missing: Vec<F::Key> = {
            let state = self.inner.state();
            let mut seen = std::collections::HashSet::new();
            keys.into_iter().filter(|k| !state.cache.contains_key(k) && seen.insert(k.clone())).collect()
        };
        if missing.is_empty() {
            return Ok(Vec::new());
        }
        let mut found = self.inner.fetch.fetch(&missing).await?;
        let mut state = self.inner.state();
        let mut values = Vec::with_capacity(found.len());
        for key in missing {
            let value = found.remove(&key);
            if let Some(v) = &value {
                values.push(v.clone());
            }
            state.cache.insert(key, value);
        }
        Ok(values)
    }

    pub(crate) async fn load_one(&self, key: F::Key) -> Result<Option<F::Value>, AppError> {
        let rx = {
            let mut state = self.inner.state();
            if let Some(value) = state.cache.get(&key) {
                return Ok(value.clone());
            }
            let (tx, rx) = oneshot::channel();
            state.waiting.entry(key).or_default().push(tx);
            state.registrations += 1;
            if !state.scheduled {
                state.scheduled = true;
                tokio::spawn(self.inner.clone().flush());
            }
            rx
        };
        rx.await.map_err(|_| AppError::internal("a batch load was abandoned"))?
    }
}

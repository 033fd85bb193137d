//! One read shared by every caller that needs a result newer than its own call: the first starts it, the others
//! that arrived before it started wait for it, and those that arrived later start the next.

use std::{
    future::Future,
    sync::atomic::{AtomicU64, Ordering},
};

/// Reads numbered as they start; `last` holds the newest finished read's number and result.
pub(crate) struct Coalesced<T> {
    started: AtomicU64,
    last: tokio::sync::Mutex<(u64, Option<T>)>,
}

impl<T> Default for Coalesced<T> {
    fn default() -> Self {
        Self { started: AtomicU64::new(0), last: tokio::sync::Mutex::new((0, None)) }
    }
}

impl<T: Copy> Coalesced<T> {
    /// The result of a read that started after this call: one already finished, or the one `read` starts now.
    pub(crate) async fn after_now<F, Fut, E>(&self, read: F) -> Result<T, E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<T, E>>,
    {
        let arrived = self.started.load(Ordering::SeqCst);
        let mut last = self.last.lock().await;
        if last.0 > arrived
            && let Some(result) = last.1
        {
            return Ok(result);
        }
        let number = self.started.fetch_add(1, Ordering::SeqCst) + 1;
        let result = read().await?;
        *last = (number, Some(result));
        Ok(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, atomic::AtomicU32};

    #[tokio::test]
    async fn callers_waiting_together_share_one_read_and_later_ones_start_another() {
        let shared = Arc::new(Coalesced::<u32>::default());
        let reads = Arc::new(AtomicU32::new(0));
        let gate = Arc::new(tokio::sync::Notify::new());
        let read = |reads: Arc<AtomicU32>, gate: Arc<tokio::sync::Notify>| async move {
            gate.notified().await;
            Ok::<_, ()>(reads.fetch_add(1, Ordering::SeqCst) + 1)
        };
        let first = tokio::spawn({
            let (shared, reads, gate) = (shared.clone(), reads.clone(), gate.clone());
            async move { shared.after_now(|| read(reads, gate)).await }
        });
        tokio::task::yield_now().await;
        let waiting: Vec<_> = (0..3)
            .map(|_| {
                let (shared, reads, gate) = (shared.clone(), reads.clone(), gate.clone());
                tokio::spawn(async move { shared.after_now(|| read(reads, gate)).await })
            })
            .collect();
        tokio::task::yield_now().await;
        gate.notify_one();
        assert_eq!(first.await.unwrap(), Ok(1));
        // Those that arrived while the first read ran need a read started after them: one, shared.
        gate.notify_one();
        for w in waiting {
            assert_eq!(w.await.unwrap(), Ok(2));
        }
        assert_eq!(reads.load(Ordering::SeqCst), 2);
    }
}

//! Reads from PostgreSQL streaming replicas (`DATABASE_READ_URL`), never older than what a request must see.
//!
//! A read query must see every change acknowledged before it arrived. Every committed change to a table an answer
//! reads from advances `data_version` (migration 3), and those updates serialize on one row, so versions follow
//! commit order, and a replica's own `data_version` row says how far it has replayed, in the unit that matters:
//! a replica showing version `v` has replayed every change of versions up to `v`. A request that must see version
//! `v` (read on the primary after it arrived) goes to a replica known to show at least `v`; otherwise to the
//! primary. A replica's version is kept between reads and read again only when it is behind what a request
//! needs, or after a failed read; one such read serves every request waiting at the time.
//!
//! Writes, version reads, token checks and everything outside the cached read queries stay on the primary.

use std::{
    sync::atomic::{AtomicI64, AtomicUsize, Ordering},
    time::Duration,
};

use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, Statement};

use super::coalesced::Coalesced;

/// Longest wait for a replica's or the primary's version: a primary-key read that normally takes well under a
/// millisecond. A slower one sends the request to the primary.
const VERSION_TIMEOUT: Duration = Duration::from_millis(500);

/// Where a read goes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Reader {
    /// The replica of that index in `DATABASE_READ_URL`.
    Replica(usize),
    /// No replica shows what the request must see (or none could say), or there is none.
    Primary,
}

/// The primary and its replicas.
pub struct Readers {
    primary: DatabaseConnection,
    replicas: Vec<Replica>,
    /// The primary's version, as of a read started after a request arrived (when no cache read gave it).
    primary_version: Coalesced<i64>,
    /// Where the next request starts looking, so that reads spread over the replicas.
    next: AtomicUsize,
    /// The history of the primary the replicas' versions belong to, as the generation callers pass tells it...
    generation: AtomicI64,
    /// ...and as this router's own version reads tell it: the highest version read (a lower one means the
    /// history was replaced).
    highest: AtomicI64,
}

struct Replica {
    db: DatabaseConnection,
    /// The newest version this replica was seen to show; -1 when unknown (never read, or its last read failed).
    shows: AtomicI64,
    reads: Coalesced<i64>,
}

impl Readers {
    pub fn new(primary: DatabaseConnection, replicas: Vec<DatabaseConnection>) -> Self {
        let replicas = replicas
            .into_iter()
            .map(|db| Replica { db, shows: AtomicI64::new(-1), reads: Coalesced::default() })
            .collect();
        Self {
            primary,
            replicas,
            primary_version: Coalesced::default(),
            next: AtomicUsize::new(0),
            generation: AtomicI64::new(0),
            highest: AtomicI64::new(-1),
        }
    }

    pub(crate) fn has_replicas(&self) -> bool {
        !self.replicas.is_empty()
    }

    /// Where a read query that must see data version `needed` goes. `needed` is a version read on the primary
    /// after the request arrived, with the generation of the primary's history it belongs to (see the response
    /// cache's version checks); with `None`, the version is read here first (a read started after this call).
    pub(crate) async fn for_version(&self, needed: Option<(i64, u64)>) -> Reader {
        if self.replicas.is_empty() {
            return Reader::Primary;
        }
        let needed = match needed {
            Some((version, generation)) => {
                let generation = i64::try_from(generation).unwrap_or(i64::MAX);
                if self.generation.swap(generation, Ordering::SeqCst) != generation {
                    self.forget();
                }
                version
            }
            None => {
                let read = self.primary_version.after_now(|| async {
                    let version = version_of(&self.primary).await?;
                    // Reads here run one after another, so their versions only grow, unless the history was
                    // replaced.
                    if self.highest.fetch_max(version, Ordering::SeqCst) > version {
                        self.highest.store(version, Ordering::SeqCst);
                        self.forget();
                    }
                    Ok::<_, DbErr>(version)
                });
                match tokio::time::timeout(VERSION_TIMEOUT, read).await {
                    Ok(Ok(version)) => version,
                    _ => return Reader::Primary,
                }
            }
        };
        let first = self.next.fetch_add(1, Ordering::Relaxed);
        let order = (0..self.replicas.len()).map(|i| (first + i) % self.replicas.len());
        // A replica already known to be current first; then one read of each that is behind.
        if let Some(current) = order.clone().find(|&i| self.replicas[i].shows.load(Ordering::SeqCst) >= needed) {
            return Reader::Replica(current);
        }
        for i in order {
            if self.replicas[i].refresh().await >= needed {
                return Reader::Replica(i);
            }
        }
        Reader::Primary
    }

    /// Where a read goes, given what the response cache knows: `None` without a cache (the version is read here),
    /// `Some(None)` when the cache could not read the version (nothing tells how recent a replica must be: the
    /// primary), `Some(Some(seen))` with the version it read after the request arrived.
    pub(crate) async fn for_cached(&self, seen: Option<Option<(i64, u64)>>) -> Reader {
        match seen {
            None => self.for_version(None).await,
            Some(Some(seen)) => self.for_version(Some(seen)).await,
            Some(None) => Reader::Primary,
        }
    }

    pub(crate) fn connection(&self, reader: Reader) -> &DatabaseConnection {
        match reader {
            Reader::Replica(i) => self.replicas.get(i).map_or(&self.primary, |r| &r.db),
            Reader::Primary => &self.primary,
        }
    }

    /// A read on `reader` failed: a replica is not used again before a read of its version succeeds (it may have
    /// gone away, or restarted and be replaying from further back than it was seen to show).
    pub(crate) fn failed(&self, reader: Reader) {
        if let Reader::Replica(i) = reader
            && let Some(replica) = self.replicas.get(i)
        {
            replica.shows.store(-1, Ordering::SeqCst);
        }
    }

    /// Forgets what each replica was seen to show: after the primary's history was replaced (a restore), a
    /// version a replica showed before says nothing of the new history.
    fn forget(&self) {
        for replica in &self.replicas {
            replica.shows.store(-1, Ordering::SeqCst);
        }
    }
}

impl Replica {
    /// The replica's version, read now (or by a read already under way); -1 when it cannot say in time.
    async fn refresh(&self) -> i64 {
        let read = self.reads.after_now(|| version_of(&self.db));
        match tokio::time::timeout(VERSION_TIMEOUT, read).await {
            Ok(Ok(version)) => {
                self.shows.fetch_max(version, Ordering::SeqCst);
                version
            }
            Ok(Err(e)) => {
                tracing::warn!(cause = %e, "cannot read a replica's data version; reading from the primary");
                self.shows.store(-1, Ordering::SeqCst);
                -1
            }
            Err(_) => {
                tracing::warn!("a replica's data version read took over {VERSION_TIMEOUT:?}; reading from the primary");
                -1
            }
        }
    }
}

async fn version_of(db: &DatabaseConnection) -> Result<i64, DbErr> {
    let backend = db.get_database_backend();
    let sql = "SELECT version FROM data_version WHERE id = 1";
    let row = db.query_one_raw(Statement::from_string(backend, sql)).await?;
    row.ok_or_else(|| DbErr::RecordNotFound("data_version".into()))?.try_get_by_index::<i64>(0)
}

/// Opens the replicas `urls` names: PostgreSQL only, each checked to be a server in recovery (a primary named
/// by mistake would be read with no check of how recent it is).
pub async fn connect_replicas(
    urls: &[String],
    statement_timeout: Option<Duration>,
) -> anyhow::Result<Vec<DatabaseConnection>> {
    let mut replicas = Vec::with_capacity(urls.len());
    for url in urls {
        let shown = super::redact(url);
        if !url.starts_with("postgres://") && !url.starts_with("postgresql://") {
            anyhow::bail!("DATABASE_READ_URL must name PostgreSQL replicas (postgres://…); got `{shown}`");
        }
        let db = super::connect_with(url, statement_timeout).await?;
        let backend = db.get_database_backend();
        let row = db
            .query_one_raw(Statement::from_string(backend, "SELECT pg_is_in_recovery()"))
            .await
            .map_err(|e| anyhow::anyhow!("cannot ask the replica at {shown} whether it is one: {e}"))?;
        let in_recovery = row.map(|r| r.try_get_by_index::<bool>(0)).transpose()?.unwrap_or(false);
        if !in_recovery {
            // A primary named as a replica would be read without any check of how far it is: refuse it.
            anyhow::bail!("the database at {shown} (DATABASE_READ_URL) is not a replica: it is not in recovery");
        }
        // A replica of a primary migrated a moment ago may not have replayed the tables yet: it is used once it
        // shows the version a request needs.
        if let Err(e) = version_of(&db).await {
            tracing::warn!(replica = %shown, cause = %e, "the replica has no data version yet; reading from the primary");
        }
        replicas.push(db);
    }
    Ok(replicas)
}

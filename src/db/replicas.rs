//! Reads from PostgreSQL streaming replicas (`DATABASE_READ_URL`), never older than what a request must see.
//!
//! A read query must see every change acknowledged before it arrived. Such a change's commit record ends at or
//! before the primary's WAL insert position read after the request arrived (`PRIMARY_POSITION`), and a replica
//! that has replayed up to that position (`pg_last_wal_replay_lsn`) shows it to every statement started after.
//! WAL positions only grow through a logical restore into the running cluster (the restore is written to the WAL),
//! so a replica that has not replayed such a restore is never taken for current, as a data version of the old
//! history would be. A new timeline (a failover, a point-in-time recovery) is not detected: docs/deployment.md
//! says to rebuild the replicas then. A request goes to a replica known to have replayed at least its position;
//! otherwise to the primary.
//!
//! What a replica has replayed is kept between reads and read again only when it is behind what a request needs,
//! or after a failure; one such read serves every request waiting at the time. A kept figure could outlive a
//! restart of the replica (which replays from an earlier point again), so each new connection to a replica checks
//! its own replay position against it, and is refused when behind: every statement on a connection then sees at
//! least what the router believed. A replica whose read failed or hung is left alone for a few seconds.
//!
//! Writes, version reads, token checks and everything outside the cached read queries stay on the primary.

use std::{
    sync::{
        Arc, Mutex,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, Statement};

use super::coalesced::Coalesced;

/// Longest wait for a replica's or the primary's position: a function call that normally takes well under a
/// millisecond. A slower one sends the request to the primary.
const POSITION_TIMEOUT: Duration = Duration::from_millis(500);

/// How long a replica whose read failed or hung is not asked again: a request should not pay a timeout for it.
const BACK_OFF: Duration = Duration::from_secs(5);

/// The primary's WAL insert position, in bytes, as the end of the last record inserted. Where that record ended
/// exactly at a page boundary, `pg_current_wal_insert_lsn` points past the next page's header (24 bytes, or 40 at
/// the start of a segment), where the next record will begin; a replica's replay position is the end of the last
/// record it replayed and would never reach that point on an idle primary. `NULL` on a server in recovery.
pub(crate) const PRIMARY_POSITION: &str = "(SELECT CASE WHEN pg_is_in_recovery() THEN NULL ELSE \
     (l - CASE WHEN l % s = 40 THEN 40 WHEN l % b = 24 THEN 24 ELSE 0 END)::bigint END \
     FROM (SELECT pg_current_wal_insert_lsn() - '0/0'::pg_lsn AS l, \
     pg_size_bytes(current_setting('wal_segment_size')) AS s, \
     current_setting('wal_block_size')::bigint AS b) AS w)";

/// A replica's replay position in bytes; `NULL` on a server started without recovery (a primary). A replica
/// promoted meanwhile still reports its last replayed position, which stops growing.
const REPLAYED: &str = "SELECT (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::bigint";

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
    /// The primary's position, as of a read started after a request arrived (when no cache read gave it).
    primary_position: Coalesced<Option<i64>>,
    /// Where the next request starts looking, so that reads spread over the replicas.
    next: AtomicUsize,
}

struct Replica {
    db: DatabaseConnection,
    shown: Arc<Shown>,
    reads: Coalesced<Option<i64>>,
}

/// What a replica was seen to have replayed, shared with its pool's check of each new connection.
#[derive(Default)]
struct Shown(Mutex<Seen>);

#[derive(Default)]
struct Seen {
    /// Counts what was forgotten: a read started before a failure does not put back what it saw.
    epoch: u64,
    /// The highest position seen replayed since; `None` when unknown.
    replayed: Option<i64>,
    /// Not asked again before this instant.
    resting_until: Option<Instant>,
}

impl Seen {
    fn resting(&self) -> bool {
        self.resting_until.is_some_and(|until| Instant::now() < until)
    }
}

impl Shown {
    fn lock(&self) -> std::sync::MutexGuard<'_, Seen> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The position known replayed, if the replica may be used now.
    fn replayed(&self) -> Option<i64> {
        let seen = self.lock();
        if seen.resting() { None } else { seen.replayed }
    }

    fn resting(&self) -> bool {
        self.lock().resting()
    }

    fn epoch(&self) -> u64 {
        self.lock().epoch
    }

    /// What a read started in `epoch` saw, unless something was forgotten since it started.
    fn record(&self, epoch: u64, position: i64) {
        let mut seen = self.lock();
        if seen.epoch == epoch {
            seen.replayed = Some(seen.replayed.map_or(position, |p| p.max(position)));
            seen.resting_until = None;
        }
    }

    /// Forgets what the replica was seen to replay (and leaves it alone for a while, with `rest`).
    fn forget(&self, rest: bool) {
        let mut seen = self.lock();
        seen.epoch += 1;
        seen.replayed = None;
        if rest {
            seen.resting_until = Some(Instant::now() + BACK_OFF);
        }
    }

    /// Whether a new connection that replayed up to `position` may be used: not when it shows less than what
    /// requests were already sent to this replica for (it restarted and replays from further back), nor while the
    /// replica rests (the pool retries a refused connection until its deadline: each retry is refused too, and
    /// the statement fails over to the primary).
    fn admits(&self, position: i64) -> bool {
        let seen = self.lock();
        !seen.resting() && seen.replayed.is_none_or(|known| position >= known)
    }
}

impl Readers {
    /// The primary and the replicas `urls` names: PostgreSQL only, each checked to be a server in recovery (a
    /// primary named by mistake would be read with no check of how recent it is) replicating the same cluster.
    pub async fn connect(
        primary: DatabaseConnection,
        urls: &[String],
        statement_timeout: Option<Duration>,
    ) -> anyhow::Result<Self> {
        let mut replicas = Vec::with_capacity(urls.len());
        for url in urls {
            replicas.push(Replica::connect(&primary, url, statement_timeout).await?);
        }
        Ok(Self { primary, replicas, primary_position: Coalesced::default(), next: AtomicUsize::new(0) })
    }

    pub(crate) fn has_replicas(&self) -> bool {
        !self.replicas.is_empty()
    }

    pub(crate) fn replica_count(&self) -> usize {
        self.replicas.len()
    }

    /// Where a read query that must see the primary's WAL up to `needed` goes. `needed` is a position read on the
    /// primary after the request arrived (the response cache reads it with the data version); with `None` it is
    /// read here first (a read started after this call).
    pub(crate) async fn for_position(&self, needed: Option<i64>) -> Reader {
        if self.replicas.is_empty() {
            return Reader::Primary;
        }
        let needed = match needed {
            Some(position) => position,
            None => {
                let read = self.primary_position.after_now(|| primary_position(&self.primary));
                match tokio::time::timeout(POSITION_TIMEOUT, read).await {
                    Ok(Ok(Some(position))) => position,
                    _ => return Reader::Primary,
                }
            }
        };
        let first = self.next.fetch_add(1, Ordering::Relaxed);
        let order = (0..self.replicas.len()).map(|i| (first + i) % self.replicas.len());
        // A replica already known to be current first; then one read of each that is behind.
        if let Some(current) = order.clone().find(|&i| self.replicas[i].shown.replayed().is_some_and(|p| p >= needed)) {
            return Reader::Replica(current);
        }
        for i in order {
            if self.replicas[i].refresh().await.is_some_and(|p| p >= needed) {
                return Reader::Replica(i);
            }
        }
        Reader::Primary
    }

    /// Where a read goes, given what the response cache knows: `None` without a cache (the position is read
    /// here), `Some(None)` when the cache could not read it after the request arrived (nothing tells how recent a
    /// replica must be: the primary), `Some(Some(position))` with the position it read.
    pub(crate) async fn for_cached(&self, seen: Option<Option<i64>>) -> Reader {
        match seen {
            None => self.for_position(None).await,
            Some(Some(position)) => self.for_position(Some(position)).await,
            Some(None) => Reader::Primary,
        }
    }

    pub(crate) fn connection(&self, reader: Reader) -> &DatabaseConnection {
        match reader {
            Reader::Replica(i) => self.replicas.get(i).map_or(&self.primary, |r| &r.db),
            Reader::Primary => &self.primary,
        }
    }

    /// A read on `reader` failed: a replica is not used again before a read of its position succeeds, and not
    /// asked for a few seconds (it may have gone away, or restarted and be replaying from further back).
    pub(crate) fn failed(&self, reader: Reader) {
        if let Reader::Replica(i) = reader
            && let Some(replica) = self.replicas.get(i)
        {
            replica.shown.forget(true);
        }
    }
}

impl Replica {
    async fn connect(
        primary: &DatabaseConnection,
        url: &str,
        statement_timeout: Option<Duration>,
    ) -> anyhow::Result<Self> {
        let shown_url = super::redact(url);
        if !url.starts_with("postgres://") && !url.starts_with("postgresql://") {
            anyhow::bail!("DATABASE_READ_URL must name PostgreSQL replicas (postgres://…); got `{shown_url}`");
        }
        let shown = Arc::new(Shown::default());
        let checked = shown.clone();
        let db = super::connect_adjusted(url, statement_timeout, move |options| {
            options.map_sqlx_postgres_pool_opts(move |pool| {
                let checked = checked.clone();
                pool.after_connect(move |conn, _| {
                    let checked = checked.clone();
                    Box::pin(async move {
                        let replayed: Option<i64> = sea_orm::sqlx::query_scalar(REPLAYED).fetch_one(&mut *conn).await?;
                        // A server that never replayed (a primary) is let through only while nothing was learnt of
                        // this replica: the check at start then names the mistake.
                        if checked.admits(replayed.unwrap_or(i64::MIN)) {
                            return Ok(());
                        }
                        checked.forget(true);
                        Err(sea_orm::sqlx::Error::Protocol(
                            "the replica shows less than it did before (it restarted, or is not a replica)".into(),
                        ))
                    })
                })
            });
        })
        .await?;
        let backend = db.get_database_backend();
        let one = |sql: &'static str| Statement::from_string(backend, sql);
        let row = db
            .query_one_raw(one("SELECT pg_is_in_recovery()"))
            .await
            .map_err(|e| anyhow::anyhow!("cannot ask the replica at {shown_url} whether it is one: {e}"))?;
        let in_recovery = row.map(|r| r.try_get_by_index::<bool>(0)).transpose()?.unwrap_or(false);
        if !in_recovery {
            // A primary named as a replica would be read without any check of how far it is: refuse it.
            anyhow::bail!("the database at {shown_url} (DATABASE_READ_URL) is not a replica: it is not in recovery");
        }
        // A replica of another cluster has positions of another WAL: comparing them would mean nothing.
        let system = "SELECT system_identifier::text FROM pg_control_system()";
        let identifier = |db: &DatabaseConnection| {
            let statement = one(system);
            let db = db.clone();
            async move {
                let row = db.query_one_raw(statement).await?;
                row.ok_or_else(|| DbErr::RecordNotFound("pg_control_system".into()))?.try_get_by_index::<String>(0)
            }
        };
        let (theirs, ours) = (identifier(&db).await, identifier(primary).await);
        match (theirs, ours) {
            (Ok(theirs), Ok(ours)) if theirs == ours => {}
            (Ok(_), Ok(_)) => {
                anyhow::bail!(
                    "the database at {shown_url} (DATABASE_READ_URL) is not a replica of DATABASE_URL's cluster"
                )
            }
            (Err(e), _) | (_, Err(e)) => {
                anyhow::bail!("cannot compare the replica at {shown_url} with the primary: {e}")
            }
        }
        Ok(Self { db, shown, reads: Coalesced::default() })
    }

    /// The replica's replay position, read now (or by a read already under way); `None` when it cannot say in
    /// time, or is resting after a failure.
    async fn refresh(&self) -> Option<i64> {
        if self.shown.resting() {
            return None;
        }
        let epoch = self.shown.epoch();
        let read = self.reads.after_now(|| replayed_on(&self.db));
        match tokio::time::timeout(POSITION_TIMEOUT, read).await {
            Ok(Ok(Some(position))) => {
                self.shown.record(epoch, position);
                Some(position)
            }
            Ok(Ok(None)) => {
                tracing::warn!("a replica reports no replay position (not a replica); reading from the primary");
                self.shown.forget(true);
                None
            }
            Ok(Err(e)) => {
                tracing::warn!(cause = %e, "cannot read a replica's replay position; reading from the primary");
                self.shown.forget(true);
                None
            }
            Err(_) => {
                tracing::warn!("a replica's replay position took over {POSITION_TIMEOUT:?}; reading from the primary");
                self.shown.forget(true);
                None
            }
        }
    }
}

async fn replayed_on(db: &DatabaseConnection) -> Result<Option<i64>, DbErr> {
    let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), REPLAYED)).await?;
    row.ok_or_else(|| DbErr::RecordNotFound("replay position".into()))?.try_get_by_index::<Option<i64>>(0)
}

async fn primary_position(db: &DatabaseConnection) -> Result<Option<i64>, DbErr> {
    let sql = format!("SELECT {PRIMARY_POSITION}");
    let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), sql)).await?;
    row.ok_or_else(|| DbErr::RecordNotFound("WAL position".into()))?.try_get_by_index::<Option<i64>>(0)
}

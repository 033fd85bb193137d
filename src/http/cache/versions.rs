//! Reads of the data version, shared: a request that must see the data as of its arrival takes the result of a
//! read that started after it arrived, or starts one; when the version has moved, that read also fetches the scopes
//! changed since, in the same statement.

use std::{
    collections::HashMap,
    sync::{
        RwLock,
        atomic::{AtomicI64, AtomicU64, Ordering},
    },
    time::Duration,
};

use sea_orm::sqlx::{self, Row, postgres::PgConnection};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, Statement};

use crate::db::coalesced::Coalesced;
use crate::graphql::reads::Dependencies;

/// Longest wait for the data version (a primary-key read that normally takes well under a millisecond).
const VERSION_TIMEOUT: Duration = Duration::from_secs(1);

/// Coalesced reads of the data version: a request may use any read started after it arrived.
pub(super) struct VersionChecks {
    reads: Coalesced<Seen>,
    /// On PostgreSQL, the connection the reads go through.
    connection: Dedicated,
    scopes: RwLock<Scopes>,
    /// The version of the newest completed read; -1 before the first.
    known: AtomicI64,
    /// Counts the times the database's version went back (a restore, a new database at the same address): versions
    /// of different histories are not compared, and answers of an earlier one are not served.
    generation: AtomicU64,
}

impl Default for VersionChecks {
    fn default() -> Self {
        Self {
            reads: Coalesced::default(),
            connection: Dedicated::default(),
            scopes: RwLock::default(),
            known: AtomicI64::new(-1),
            generation: AtomicU64::new(0),
        }
    }
}

/// What a version read saw: the data version, the history it belongs to, and on PostgreSQL the primary's WAL
/// position at the same instant (what a replica must have replayed to show it, `db::replicas`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Seen {
    pub(crate) version: i64,
    pub(crate) generation: u64,
    pub(crate) position: Option<i64>,
}

/// The version of the last change to each scope, as known up to data version `known`; a scope absent has not
/// changed since this process's first version read (`known` starts there: every answer the cache keeps was
/// computed after it, so earlier changes never make one stale), or since `forgotten`.
#[derive(Default)]
pub(super) struct Scopes {
    pub(super) known: i64,
    pub(super) changed: HashMap<Box<str>, i64>,
    /// Whether a first read has set `known`.
    started: bool,
    /// Changes at or below this version were forgotten to bound the map (one scope per authority ever edited):
    /// an answer computed before it is taken as changed.
    forgotten: i64,
}

/// Scopes remembered before the oldest half is forgotten: about 5 MB.
const SCOPES_KEPT: usize = 50_000;

impl VersionChecks {
    /// The data version as of a read started after this call; `None` when the database cannot say, and the
    /// request then goes uncached.
    ///
    /// The read has its own short time limit: a database that hangs must not hold every request behind one
    /// stuck version read; each gives up after `VERSION_TIMEOUT` and answers without the cache.
    pub(super) async fn current(&self, db: &DatabaseConnection) -> Option<Seen> {
        match tokio::time::timeout(VERSION_TIMEOUT, self.read(db)).await {
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

    /// The version of the newest completed read, without waiting: every change up to it was committed before this
    /// call, so an answer computed after it is at least that recent.
    pub(super) fn known(&self) -> Option<(i64, u64)> {
        let generation = self.generation();
        let known = self.known.load(Ordering::SeqCst);
        (known >= 0).then_some((known, generation))
    }

    pub(super) fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    async fn read(&self, db: &DatabaseConnection) -> Result<Seen, DbErr> {
        // Boxed: only the request that starts a read holds it, and inline it would swell every cached answer's
        // future by the size of a database query's.
        self.reads.after_now(|| Box::pin(self.read_now(db))).await
    }

    async fn read_now(&self, db: &DatabaseConnection) -> Result<Seen, DbErr> {
        let (known, started) = {
            let scopes = self.scopes.read().unwrap_or_else(|p| p.into_inner());
            (scopes.known, scopes.started)
        };
        // The first read asks for no scope at all: what changed before it cannot make a kept answer stale.
        let known = if started { known } else { i64::MAX };
        let (version, changed, position) = match db.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => self.connection.read(db, known).await?,
            _ => read_version(db, known).await?,
        };
        if !started {
            let mut scopes = self.scopes.write().unwrap_or_else(|p| p.into_inner());
            if !scopes.started {
                scopes.started = true;
                scopes.known = scopes.known.max(version);
            }
        } else if version < known {
            // The database's history was replaced: forget what was known of the old one.
            let mut scopes = self.scopes.write().unwrap_or_else(|p| p.into_inner());
            scopes.changed.clear();
            scopes.forgotten = 0;
            scopes.known = version;
            self.generation.fetch_add(1, Ordering::SeqCst);
            self.known.store(version, Ordering::SeqCst);
            tracing::warn!(version, was = known, "the data version went back; the response cache starts over");
        } else if !changed.is_empty() || version != known {
            let mut scopes = self.scopes.write().unwrap_or_else(|p| p.into_inner());
            for (scope, at) in changed {
                let entry = scopes.changed.entry(scope).or_insert(at);
                *entry = (*entry).max(at);
            }
            scopes.known = scopes.known.max(version);
            if scopes.changed.len() > SCOPES_KEPT {
                scopes.forget_oldest_half();
            }
        }
        self.known.fetch_max(version, Ordering::SeqCst);
        Ok(Seen { version, generation: self.generation(), position })
    }

    /// Whether no scope of `reads` has changed after `version`, as far as the last version read knows.
    pub(super) fn unchanged(&self, reads: &Dependencies, version: i64) -> bool {
        let scopes = self.scopes.read().unwrap_or_else(|p| p.into_inner());
        if version < scopes.forgotten {
            return false;
        }
        if reads.everything {
            return scopes.known <= version;
        }
        reads.scopes.iter().all(|scope| scopes.changed.get(scope).is_none_or(|at| *at <= version))
    }

    /// The number of scopes remembered.
    #[cfg(test)]
    pub(super) fn remembered(&self) -> usize {
        self.scopes.read().unwrap_or_else(|p| p.into_inner()).changed.len()
    }

    /// What a version read after changes to `scopes` at `version` would tell.
    #[cfg(test)]
    pub(super) fn learn(&self, version: i64, scopes: &[&str]) {
        let mut known = self.scopes.write().unwrap_or_else(|p| p.into_inner());
        for scope in scopes {
            known.changed.insert(Box::from(*scope), version);
        }
        known.known = version;
        known.started = true;
        self.known.fetch_max(version, Ordering::SeqCst);
    }
}

impl Scopes {
    /// Forgets the older half of the scopes remembered; answers computed before the newest forgotten change are
    /// then taken as changed (`unchanged`), since what they read can no longer be told.
    fn forget_oldest_half(&mut self) {
        let mut versions: Vec<i64> = self.changed.values().copied().collect();
        let middle = versions.len() / 2;
        let (_, &mut bound, _) = versions.select_nth_unstable(middle);
        self.changed.retain(|_, at| *at > bound);
        self.forgotten = self.forgotten.max(bound);
    }
}

/// What a version read returns: the version, the scopes changed after the version known before (with the version
/// of their last change) and the primary's WAL position.
type Read = (i64, Vec<(Box<str>, i64)>, Option<i64>);

/// The data version and the scopes changed after `known`, through the pool (SQLite: the reads are in process).
async fn read_version(db: &DatabaseConnection, known: i64) -> Result<Read, DbErr> {
    let statement = Statement::from_sql_and_values(db.get_database_backend(), READ_VERSION, [known.into()]);
    let rows = db.query_all_raw(statement).await?;
    let rows =
        rows.iter().map(|row| Ok((row.try_get_by_index(0)?, row.try_get_by_index(1)?, row.try_get_by_index(2)?)));
    gathered(rows.collect::<Result<_, DbErr>>()?)
}

/// On PostgreSQL, the connection version reads go through: one of their own, outside the pool. Reads run one at a
/// time (`Coalesced` holds its lock across each), and a pooled connection is returned to the pool by a task
/// spawned for it, with a timer for its acquisition: work that every read, shared by some fifteen cached answers,
/// paid. The connection is taken out while a read runs, so that a read cut off by its time limit closes it rather
/// than leave it in the middle of a statement; the next read opens another.
#[derive(Default)]
struct Dedicated(std::sync::Mutex<Option<PgConnection>>);

impl Dedicated {
    async fn read(&self, db: &DatabaseConnection, known: i64) -> Result<Read, DbErr> {
        let kept = self.0.lock().unwrap_or_else(|p| p.into_inner()).take();
        let mut connection = match kept {
            Some(connection) => connection,
            None => crate::db::connection_of_its_own(db).await.map_err(database)?,
        };
        let rows =
            sqlx::query(READ_VERSION_PG.as_str()).bind(known).fetch_all(&mut connection).await.map_err(database)?;
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(connection);
        let rows = rows.iter().map(|row| Ok((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?)));
        gathered(rows.collect::<Result<_, sqlx::Error>>().map_err(database)?)
    }
}

fn database(e: sqlx::Error) -> DbErr {
    DbErr::Custom(format!("version read: {e}"))
}

/// A version read's rows, each (scope, version, position): the one without a scope carries the data version and
/// the WAL position, the others a scope changed and the version of its last change.
fn gathered(rows: Vec<(Option<String>, i64, Option<i64>)>) -> Result<Read, DbErr> {
    let mut version = None;
    let mut position = None;
    let mut changed = Vec::new();
    for (scope, at, at_position) in rows {
        match scope {
            Some(scope) => changed.push((scope.into_boxed_str(), at)),
            None => (version, position) = (Some(at), at_position),
        }
    }
    Ok((version.ok_or_else(|| DbErr::RecordNotFound("data_version".into()))?, changed, position))
}

/// The version check's statement, written out once rather than on every check: the version, and the scopes
/// changed after the one known, in one statement (one snapshot on PostgreSQL, one round trip however often the data
/// changes). PostgreSQL's also reads the WAL position, in the same snapshot as the version.
const READ_VERSION: &str = "SELECT CAST(NULL AS varchar(64)) AS scope, version, CAST(NULL AS bigint) AS position \
     FROM data_version WHERE id = 1 UNION ALL SELECT scope, version, NULL FROM data_scopes WHERE version > ?";
static READ_VERSION_PG: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "SELECT CAST(NULL AS varchar(64)) AS scope, version, {} AS position FROM data_version WHERE id = 1 \
         UNION ALL SELECT scope, version, NULL FROM data_scopes WHERE version > $1",
        crate::db::replicas::PRIMARY_POSITION
    )
});

#[cfg(test)]
mod tests {
    use super::*;

    fn reading(scope: &str) -> Dependencies {
        Dependencies { everything: false, scopes: vec![Box::from(scope)].into_boxed_slice(), until: None }
    }

    /// The scopes remembered stay bounded (one per authority ever edited would grow without end); an answer older
    /// than what was forgotten is dropped rather than served on a guess.
    #[test]
    fn forgetting_old_scopes_takes_answers_computed_before_them_as_changed() {
        let checks = VersionChecks::default();
        for version in 1..=10 {
            checks.learn(version, &[format!("a:{version}").as_str()]);
        }
        checks.scopes.write().unwrap_or_else(|p| p.into_inner()).forget_oldest_half();
        assert!(checks.remembered() <= 5, "{} remembered", checks.remembered());
        assert!(!checks.unchanged(&reading("a:99"), 3), "an answer from before the forgotten changes is dropped");
        assert!(checks.unchanged(&reading("a:99"), 10), "a recent answer on an unchanged scope stays");
        assert!(!checks.unchanged(&reading("a:9"), 8), "a change still remembered drops what it touched");
    }
}

//! The database: connecting (SQLite or PostgreSQL), migrating, and the reference data loaded at start.

pub mod backup;
pub(crate) mod coalesced;
pub mod demo;
pub mod entities;
pub mod reference;
pub mod replicas;
pub mod synthetic;

use std::time::Duration;

use anyhow::Context;
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection};

/// Opens a pool on `url` (see `connect_with`), with no limit on statement time.
pub async fn connect(url: &str) -> anyhow::Result<DatabaseConnection> {
    connect_with(url, None).await
}

/// Opens a pool on `url`. SQLite files are created when missing; an in-memory SQLite database is kept alive by a
/// single, never-recycled connection, since each new connection would see an empty database. On PostgreSQL,
/// `statement_timeout` cuts off a statement that runs longer, so a slow query returns its connection.
pub async fn connect_with(url: &str, statement_timeout: Option<Duration>) -> anyhow::Result<DatabaseConnection> {
    connect_adjusted(url, statement_timeout, |_| {}).await
}

/// `connect_with`, with `adjust` applied to the options last (a replica's pool checks each new connection).
pub(crate) async fn connect_adjusted(
    url: &str,
    statement_timeout: Option<Duration>,
    adjust: impl FnOnce(&mut ConnectOptions),
) -> anyhow::Result<DatabaseConnection> {
    let url = normalize_url(url)?;
    probe_postgres(&url).await?;
    let mut options = ConnectOptions::new(url.clone());
    // An unreachable database must be reported within about a second, not after retries for the whole request:
    // a connection attempt gets one second, a wait for a pooled connection three (one on PostgreSQL, below).
    options.connect_timeout(Duration::from_secs(1)).acquire_timeout(Duration::from_secs(3)).sqlx_logging(false);
    // A ping before every checkout doubles the round trips of every statement; a connection in steady use is
    // known to be alive, so only one idle long enough to have been dropped by the server or a firewall is pinged.
    // A connection that broke meanwhile fails its statement and is discarded by the pool.
    options.test_before_acquire_if_idle_for(Duration::from_secs(10));
    if url.contains(":memory:") || url.contains("mode=memory") {
        options.min_connections(1).max_connections(1).idle_timeout(None).max_lifetime(None);
    } else if url.starts_with("sqlite:") {
        // Readers in parallel: WAL lets any number read while one writes. Writes go through `writer`, one
        // connection, since a transaction that reads before it writes fails with SQLITE_BUSY rather than wait
        // when another writer got in first. Pragmas are per connection, so they are set on each as it opens.
        options.max_connections(SQLITE_READERS);
        options.map_sqlx_sqlite_opts(sqlite_options);
    } else {
        // With the server down, a request waits this long for a connection that cannot be made (the pool retries
        // refused connections until then): the "about a second" of an outage answer in docs/security.md ("Faults").
        options.max_connections(16).acquire_timeout(Duration::from_secs(1));
        if let Some(limit) = statement_timeout {
            let ms = limit.as_millis().to_string();
            options.map_sqlx_postgres_opts(move |o| o.options([("statement_timeout", ms.as_str())]));
        }
    }
    adjust(&mut options);
    Database::connect(options).await.map_err(|e| {
        let shown = redact(&url);
        // PostgreSQL says "database … does not exist" among driver details: say what to do instead.
        if e.to_string().contains("does not exist") {
            let name = url.rsplit('/').next().unwrap_or_default().split('?').next().unwrap_or_default().to_owned();
            anyhow::anyhow!(
                "the database `{name}` does not exist on the server at {shown}: create it first, e.g. `createdb {name}` \
                 or `psql -c 'CREATE DATABASE \"{name}\"'`"
            )
        } else {
            anyhow::Error::new(e).context(format!("cannot connect to the database at {shown}"))
        }
    })
}

/// Reader connections of a SQLite file database.
const SQLITE_READERS: u32 = 4;

fn sqlite_options(o: sea_orm::sqlx::sqlite::SqliteConnectOptions) -> sea_orm::sqlx::sqlite::SqliteConnectOptions {
    o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal).busy_timeout(Duration::from_secs(5))
}

/// The connection mutations write through: for a SQLite file, a pool of one connection of its own (one writer,
/// many readers); otherwise `reader` itself (PostgreSQL handles concurrent writers; an in-memory SQLite database
/// is a single connection).
pub async fn writer(url: &str, reader: &DatabaseConnection) -> anyhow::Result<DatabaseConnection> {
    let url = normalize_url(url)?;
    if !url.starts_with("sqlite:") || url.contains(":memory:") || url.contains("mode=memory") {
        return Ok(reader.clone());
    }
    let mut options = ConnectOptions::new(url.clone());
    options
        .connect_timeout(Duration::from_secs(1))
        .acquire_timeout(Duration::from_secs(5))
        .sqlx_logging(false)
        .max_connections(1)
        .map_sqlx_sqlite_opts(sqlite_options);
    Database::connect(options)
        .await
        .with_context(|| format!("cannot open the database at {} for writing", redact(&url)))
}

/// Whether `db` is a SQLite database in a file (not PostgreSQL, not in memory).
pub(crate) async fn is_sqlite_file(db: &DatabaseConnection) -> Result<bool, sea_orm::DbErr> {
    use sea_orm::ConnectionTrait;
    if db.get_database_backend() != sea_orm::DatabaseBackend::Sqlite {
        return Ok(false);
    }
    let sql = "SELECT file FROM pragma_database_list WHERE name = 'main'";
    let row = db.query_one_raw(sea_orm::Statement::from_string(sea_orm::DatabaseBackend::Sqlite, sql)).await?;
    let file = row.map(|r| r.try_get_by_index::<String>(0)).transpose()?;
    Ok(file.is_some_and(|f| !f.is_empty()))
}

/// A private copy of a SQLite database in a temporary file, for work that writes but must not hold the
/// directory's write lock (a dry run). Taken with `VACUUM INTO`, which only reads the source.
pub(crate) struct Scratch {
    db: DatabaseConnection,
    path: std::path::PathBuf,
    _slot: tokio::sync::OwnedSemaphorePermit,
}

/// Copies that may exist at once: each is the size of the database.
static SCRATCH_SLOTS: std::sync::LazyLock<std::sync::Arc<tokio::sync::Semaphore>> =
    std::sync::LazyLock::new(|| std::sync::Arc::new(tokio::sync::Semaphore::new(2)));

impl Scratch {
    /// A copy of `source`, once one of the two copies allowed at a time is free (waiting for it at most
    /// `wait`).
    pub(crate) async fn copy_of(source: &DatabaseConnection, wait: Duration) -> Result<Self, sea_orm::DbErr> {
        use sea_orm::ConnectionTrait;
        let slot = tokio::time::timeout(wait, std::sync::Arc::clone(&SCRATCH_SLOTS).acquire_owned())
            .await
            .ok()
            .and_then(Result::ok)
            .ok_or_else(|| sea_orm::DbErr::Custom("other dry runs are running; retry in a moment".into()))?;
        let path = std::env::temp_dir().join(format!("cna-directory-scratch-{}.db", uuid::Uuid::new_v4().simple()));
        let quoted = path.display().to_string().replace('\'', "''");
        source.execute_unprepared(&format!("VACUUM INTO '{quoted}'")).await?;
        let mut options = ConnectOptions::new(format!("sqlite://{}", path.display()));
        options.max_connections(1).sqlx_logging(false);
        match Database::connect(options).await {
            Ok(db) => Ok(Self { db, path, _slot: slot }),
            Err(e) => {
                let _ = std::fs::remove_file(&path);
                Err(e)
            }
        }
    }

    pub(crate) fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    /// Closes the copy; its files go when it drops.
    pub(crate) async fn remove(self) {
        let _ = self.db.clone().close().await;
    }
}

/// The files go however the work ends: finished, failed, or dropped with a request cut off or abandoned.
impl Drop for Scratch {
    fn drop(&mut self) {
        for suffix in ["", "-journal", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.path.display()));
        }
    }
}

/// A transaction that will write. On SQLite it takes the write lock at `BEGIN` (IMMEDIATE): a transaction that
/// reads first and writes later would otherwise fail at once with SQLITE_BUSY when another writer (another
/// instance on the same file) committed in between, instead of waiting its turn. PostgreSQL ignores the option.
pub async fn begin_write(db: &DatabaseConnection) -> Result<sea_orm::DatabaseTransaction, sea_orm::DbErr> {
    use sea_orm::{SqliteTransactionMode, TransactionOptions, TransactionTrait};
    let options =
        TransactionOptions { sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate), ..Default::default() };
    db.begin_with_options(options).await
}

/// Brings the schema up to date and loads the reference data. On PostgreSQL, instances starting together take
/// turns: two migrating one database at once would both create the same tables, and one would fail.
pub async fn prepare(db: &DatabaseConnection) -> anyhow::Result<()> {
    let turn = migration_turn(db).await?;
    Migrator::up(db, None).await.context("cannot migrate the database")?;
    reference::load(db).await.context("cannot load the reference data")?;
    if let Some(connection) = turn {
        // Closing the session ends its lock; on an error above, dropping the connection does.
        let _ = sea_orm::sqlx::Connection::close(connection).await;
    }
    Ok(())
}

/// A PostgreSQL connection outside `db`'s pool, with the pool's options (its statement time limit included), for
/// work that holds one connection for itself.
pub(crate) async fn connection_of_its_own(
    db: &DatabaseConnection,
) -> Result<sea_orm::sqlx::PgConnection, sea_orm::sqlx::Error> {
    use sea_orm::sqlx::ConnectOptions as _;
    db.get_postgres_connection_pool().connect_options().connect().await
}

/// The key of the PostgreSQL advisory lock instances migrate under ("cna_migr").
const MIGRATION_LOCK: i64 = 0x636e_615f_6d69_6772;

/// On PostgreSQL, a connection of its own holding the migration lock (a session lock, waited for as long as
/// another instance migrates: no statement time limit on it); nothing on SQLite, which one instance serves.
async fn migration_turn(db: &DatabaseConnection) -> anyhow::Result<Option<sea_orm::sqlx::PgConnection>> {
    use sea_orm::sqlx;
    if db.get_database_backend() != sea_orm::DatabaseBackend::Postgres {
        return Ok(None);
    }
    let mut connection = connection_of_its_own(db).await.context("cannot connect to the database to migrate it")?;
    sqlx::query("SET statement_timeout = 0").execute(&mut connection).await.context("cannot migrate the database")?;
    sqlx::query("SELECT pg_advisory_lock($1)")
        .bind(MIGRATION_LOCK)
        .execute(&mut connection)
        .await
        .context("cannot take the migration lock")?;
    Ok(Some(connection))
}

/// Reaches for a PostgreSQL server's port first: the pool reports a refused connection only as a time-out.
async fn probe_postgres(url: &str) -> anyhow::Result<()> {
    let Some(rest) = url.split_once("://").map(|(_, r)| r).filter(|_| url.starts_with("postgres")) else {
        return Ok(());
    };
    let authority = rest.split(['/', '?']).next().unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if host_port.is_empty() {
        return Ok(()); // a Unix socket given in the query string
    }
    let target = if host_port.ends_with(']') || !host_port.contains(':') {
        format!("{host_port}:5432")
    } else {
        host_port.to_owned()
    };
    match tokio::time::timeout(Duration::from_secs(5), tokio::net::TcpStream::connect(&target)).await {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(e)) => anyhow::bail!("cannot reach PostgreSQL at {target}: {e}"),
        Err(_) => anyhow::bail!("cannot reach PostgreSQL at {target}: no answer within 5 s"),
    }
}

/// Checks the scheme, and asks SQLite to create a missing file so that a first start needs no set-up.
fn normalize_url(url: &str) -> anyhow::Result<String> {
    let url = url.trim();
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Ok(url.to_owned());
    }
    if let Some(rest) = url.strip_prefix("sqlite:") {
        if rest.contains(":memory:") || rest.contains("mode=") {
            return Ok(url.to_owned());
        }
        let sep = if rest.contains('?') { '&' } else { '?' };
        return Ok(format!("{url}{sep}mode=rwc"));
    }
    anyhow::bail!("DATABASE_URL must start with sqlite: or postgres:// (got `{}`)", redact(url))
}

/// Hides a password in a URL before it reaches a log or an error message.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            match userinfo.find(':') {
                Some(colon) => format!("{}{}:***{}", &url[..scheme + 3], &userinfo[..colon], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords() {
        assert_eq!(redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(redact("sqlite://x.db"), "sqlite://x.db");
    }

    #[test]
    fn sqlite_files_are_created() {
        assert_eq!(normalize_url("sqlite://a.db").unwrap(), "sqlite://a.db?mode=rwc");
        assert_eq!(normalize_url("sqlite::memory:").unwrap(), "sqlite::memory:");
        assert!(normalize_url("mysql://x").is_err());
    }
}

#[cfg(test)]
mod scratch_tests {
    use super::*;

    #[tokio::test]
    async fn a_scratch_copy_is_removed_however_its_work_ends() {
        use sea_orm::ConnectionTrait;
        let file = std::env::temp_dir().join(format!("cna-scratch-source-{}.db", uuid::Uuid::new_v4().simple()));
        let source = Database::connect(format!("sqlite://{}?mode=rwc", file.display())).await.expect("a file");
        source.execute_unprepared("CREATE TABLE t (x INTEGER)").await.expect("a table to copy");
        assert!(is_sqlite_file(&source).await.expect("asked"));
        let copy = Scratch::copy_of(&source, Duration::from_secs(1)).await.expect("copied");
        let path = copy.path.clone();
        assert!(path.exists());
        // Dropped without `remove`, as with a request cut off by its time limit or abandoned by its client.
        drop(copy);
        assert!(!path.exists(), "{} left behind", path.display());
        let copy = Scratch::copy_of(&source, Duration::from_secs(1)).await.expect("copied");
        let path = copy.path.clone();
        copy.remove().await;
        assert!(!path.exists());
        let _ = std::fs::remove_file(file);
        let memory = Database::connect("sqlite::memory:").await.expect("in memory");
        assert!(!is_sqlite_file(&memory).await.expect("asked"), "in memory is not a file");
    }
}

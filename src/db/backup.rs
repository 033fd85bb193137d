//! Backing up and restoring the embedded SQLite database. A backup is a consistent copy taken while the server runs
//! (`VACUUM INTO` reads one snapshot of the database and does not block writers), written beside its destination
//! and renamed into place only once `PRAGMA integrity_check` passed, so a backup file is whole or absent. A restore
//! checks a backup the same way, and that this version of the server knows every migration it carries, then puts
//! it in place of the database file; the file it replaces is kept beside it, with its write-ahead log. PostgreSQL
//! has its own tools (`pg_dump`, `pg_restore`): docs/deployment.md.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseBackend, DatabaseConnection, Statement};

/// What a checked backup holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub bytes: u64,
    /// The data version (every change raises it).
    pub data_version: i64,
    /// Authorities not deleted.
    pub authorities: i64,
    /// The last migration applied.
    pub migration: String,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} bytes, {} authorities, data version {}, schema at {}",
            self.bytes, self.authorities, self.data_version, self.migration
        )
    }
}

/// Writes a consistent copy of the database `db` to `to`, a new file; answers what it holds.
pub async fn backup(db: &DatabaseConnection, to: &Path) -> anyhow::Result<Summary> {
    if db.get_database_backend() != DatabaseBackend::Sqlite {
        bail!("backup copies a SQLite database; for PostgreSQL use pg_dump --format=custom (docs/deployment.md)");
    }
    if !super::is_sqlite_file(db).await? {
        bail!("the database is in memory: there is no file to back up");
    }
    if to.exists() {
        bail!("{} exists: name a new file (a backup never replaces one)", to.display());
    }
    let partial = beside(to, "partial")?;
    let quoted = partial.display().to_string().replace('\'', "''");
    let copied = async {
        db.execute_unprepared(&format!("VACUUM INTO '{quoted}'"))
            .await
            .with_context(|| format!("cannot write the backup to {}", partial.display()))?;
        let summary = check(&partial).await?;
        std::fs::rename(&partial, to).with_context(|| format!("cannot move the backup to {}", to.display()))?;
        Ok(summary)
    }
    .await;
    if copied.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    copied
}

/// A file beside `path` (same folder, so a rename into place is atomic).
fn beside(path: &Path, what: &str) -> anyhow::Result<PathBuf> {
    let name = path.file_name().with_context(|| format!("{} names no file", path.display()))?;
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !folder.is_dir() {
        bail!("the folder {} does not exist", folder.display());
    }
    Ok(folder.join(format!(".{}.{what}-{}", name.to_string_lossy(), uuid::Uuid::new_v4().simple())))
}

/// Checks that `path` is a whole directory database this version of the server can open: SQLite's integrity
/// check, the directory's tables, and no migration this version does not know.
pub async fn check(path: &Path) -> anyhow::Result<Summary> {
    let bytes = std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?.len();
    let mut options = ConnectOptions::new(format!("sqlite://{}?mode=ro", path.display()));
    options.max_connections(1).sqlx_logging(false);
    let db = Database::connect(options).await.with_context(|| format!("{} is not a usable backup", path.display()))?;
    let checked = summary(&db, bytes).await.with_context(|| format!("{} is not a usable backup", path.display()));
    let _ = db.close().await;
    checked
}

async fn summary(db: &DatabaseConnection, bytes: u64) -> anyhow::Result<Summary> {
    let text = |sql: &str| Statement::from_string(DatabaseBackend::Sqlite, sql.to_owned());
    let rows = db.query_all_raw(text("PRAGMA integrity_check")).await.context("not a SQLite database")?;
    let found: Vec<String> = rows.iter().filter_map(|r| r.try_get_by_index::<String>(0).ok()).collect();
    if found != ["ok"] {
        bail!("SQLite's integrity check failed: {}", found.into_iter().take(3).collect::<Vec<_>>().join("; "));
    }
    let one = async |sql: &str| -> anyhow::Result<sea_orm::QueryResult> {
        db.query_one_raw(text(sql)).await?.with_context(|| format!("no answer to {sql}"))
    };
    let data_version = one("SELECT version FROM data_version WHERE id = 1")
        .await
        .context("it holds no directory (no data version)")?
        .try_get_by_index::<i64>(0)?;
    let authorities =
        one("SELECT count(*) FROM authorities WHERE deleted_at IS NULL").await?.try_get_by_index::<i64>(0)?;
    let applied = db.query_all_raw(text("SELECT version FROM seaql_migrations ORDER BY version")).await?;
    let applied: Vec<String> = applied.iter().filter_map(|r| r.try_get_by_index::<String>(0).ok()).collect();
    let known: Vec<String> =
        <migration::Migrator as migration::MigratorTrait>::migrations().iter().map(|m| m.name().to_owned()).collect();
    if let Some(newer) = applied.iter().find(|a| !known.contains(a)) {
        bail!("it was made by a newer version of the server (migration {newer}): restore it with that version");
    }
    let migration = applied.last().cloned().context("no migration was applied to it")?;
    Ok(Summary { bytes, data_version, authorities, migration })
}

/// The file of a `sqlite://FILE` address.
fn file_of(database_url: &str) -> anyhow::Result<PathBuf> {
    let rest = database_url.trim().strip_prefix("sqlite:").context(
        "restore puts a backup in place of a SQLite file; for PostgreSQL use pg_restore (docs/deployment.md)",
    )?;
    let path = rest.trim_start_matches("//").split('?').next().unwrap_or_default();
    if path.is_empty() || path.contains(":memory:") {
        bail!("DATABASE_URL names no file to restore to");
    }
    Ok(PathBuf::from(path))
}

/// Puts the backup `from` in place of the SQLite database `database_url` names. A database already there is
/// replaced only with `replace` (the server must be stopped), and kept beside it as `FILE.before-restore-…`.
/// Answers what the restored database holds and where the replaced one went.
pub async fn restore(from: &Path, database_url: &str, replace: bool) -> anyhow::Result<(Summary, Option<PathBuf>)> {
    let target = file_of(database_url)?;
    let summary = check(from).await?;
    if target.exists() && !replace {
        bail!(
            "{} exists: stop the server, then restore with --replace (the database it replaces is kept beside it)",
            target.display()
        );
    }
    let incoming = beside(&target, "restoring")?;
    let copied = std::fs::copy(from, &incoming)
        .and_then(|_| std::fs::File::open(&incoming)?.sync_all())
        .with_context(|| format!("cannot copy the backup beside {}", target.display()));
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&incoming);
        return Err(e);
    }
    let kept = if target.exists() {
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
        let kept = PathBuf::from(format!("{}.before-restore-{stamp}", target.display()));
        // With its write-ahead log and index: changes not yet written into the file itself live there.
        for suffix in ["-wal", "-shm"] {
            let side = PathBuf::from(format!("{}{suffix}", target.display()));
            if side.exists() {
                std::fs::rename(&side, format!("{}{suffix}", kept.display()))
                    .with_context(|| format!("cannot move {} aside", side.display()))?;
            }
        }
        std::fs::rename(&target, &kept).with_context(|| format!("cannot move {} aside", target.display()))?;
        Some(kept)
    } else {
        None
    };
    std::fs::rename(&incoming, &target).with_context(|| format!("cannot put the backup at {}", target.display()))?;
    Ok((summary, kept))
}

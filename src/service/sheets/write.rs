//! Importing tables back: new rows are created, changed rows updated only if their `version` is still current,
//! unchanged rows left alone. A row someone else changed since the export is a conflict, reported and never
//! overwritten. Every bad cell is reported with its row and column and the API's message. Nothing is applied
//! unless every row is valid and free of conflicts; a dry run reports what would happen and applies nothing.
//!
//! The whole import runs in one write transaction: rows are written as they are read (so a later row sees an
//! earlier one, e.g. a duplicate name), and the transaction is rolled back at the end unless everything was clean
//! and this is not a dry run. Once a row fails, later rows are still checked but no longer written.

use sea_orm::{DatabaseConnection, DatabaseTransaction};

use super::rows::Rows;
use super::{CellError, Kind, Table};
use crate::auth::Viewer;
use crate::error::AppError;

/// A row whose entry changed since the export.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Conflict {
    pub(crate) source: String,
    pub(crate) row: usize,
    pub(crate) kind: Kind,
    /// The entry's id (a membership's `NETWORK/STATE`).
    pub(crate) id: String,
    /// The version the row carries, and the entry's now (`None`: deleted or removed since).
    pub(crate) row_version: Option<i32>,
    pub(crate) current_version: Option<i32>,
    pub(crate) message: String,
}

/// A row that creates or changes an entry, for a person to see before applying: where it is and what it names.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Changed {
    pub(crate) source: String,
    pub(crate) row: usize,
    pub(crate) kind: Kind,
    pub(crate) created: bool,
    /// The row's name (an authority's, a contact's), or its network and State, or its label.
    pub(crate) label: String,
}

/// What an import did, or would do.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct Report {
    pub(crate) created: usize,
    pub(crate) updated: usize,
    pub(crate) unchanged: usize,
    /// The rows created and updated, in the order read.
    #[serde(default)]
    pub(crate) changed: Vec<Changed>,
    pub(crate) conflicts: Vec<Conflict>,
    pub(crate) errors: Vec<CellError>,
    /// Whether the changes were written: not in a dry run, and not when any row failed.
    pub(crate) applied: bool,
    pub(crate) dry_run: bool,
}

impl Report {
    pub(crate) fn clean(&self) -> bool {
        self.errors.is_empty() && self.conflicts.is_empty()
    }
}

/// The order tables are read in: authorities before their contacts, memberships before contact points.
const ORDER: [Kind; 4] = [Kind::Authorities, Kind::Memberships, Kind::Contacts, Kind::ContactPoints];

/// Most rows one import through the API takes: on SQLite an import holds the one write lock while it runs, and
/// every other State's writes wait for it (at the release build's measured rates, about 0.8 s to create and 1.4 s to
/// update this many). The command line takes up to [`MAX_ROWS`].
pub(crate) const MAX_API_ROWS: usize = 2_500;

/// Most rows one import takes.
pub(crate) const MAX_ROWS: usize = 100_000;

/// Imports `tables` as `viewer`: each row scoped like the API's writes (a focal point's State, a secretariat's
/// network). `progress` is called after each row. `reader` is only read (a dry run's copy is taken through it);
/// `writer` is the connection writes go through.
///
/// On a SQLite file a write transaction holds the one write lock of the file, so a dry run does not run on the
/// directory at all (an in-memory database has one connection and no other process to hold up): it runs on a copy taken with `VACUUM INTO` (a read), and the writers of every other State
/// never wait for it.
pub(crate) async fn import(
    reader: &DatabaseConnection,
    writer: &DatabaseConnection,
    viewer: &Viewer,
    tables: Vec<Table>,
    dry_run: bool,
    progress: &(dyn Fn() + Send + Sync),
) -> Result<Report, AppError> {
    let total: usize = tables.iter().map(|t| t.rows.len()).sum();
    if total > MAX_ROWS {
        return Err(AppError::invalid("rows", format!("{total} rows; one import takes at most {MAX_ROWS}")));
    }
    if dry_run && crate::db::is_sqlite_file(reader).await? {
        let copy =
            crate::db::Scratch::copy_of(reader, std::time::Duration::from_secs(5)).await.map_err(|e| match e {
                sea_orm::DbErr::Custom(busy) => {
                    AppError::Conflict { message: busy, current_version: None, field: None, problem: None }
                }
                other => other.into(),
            })?;
        let report = run(copy.db(), viewer, tables, dry_run, progress).await;
        copy.remove().await;
        return report;
    }
    run(writer, viewer, tables, dry_run, progress).await
}

async fn run(
    db: &DatabaseConnection,
    viewer: &Viewer,
    tables: Vec<Table>,
    dry_run: bool,
    progress: &(dyn Fn() + Send + Sync),
) -> Result<Report, AppError> {
    let actor = viewer.actor()?.clone();
    let txn: DatabaseTransaction = crate::db::begin_write(db).await?;
    let mut rows = Rows::new(&txn, viewer, &actor);
    for kind in ORDER {
        for table in tables.iter().filter(|t| t.kind == kind) {
            rows.table(table, progress).await?;
        }
    }
    let mut report = rows.finish();
    report.dry_run = dry_run;
    if report.clean() && !dry_run {
        txn.commit().await?;
        report.applied = true;
    } else {
        txn.rollback().await?;
    }
    Ok(report)
}

//! Spreadsheet files as the API carries them: a name and the text, in one of the formats `export` writes.

use async_graphql::{Enum, SimpleObject};

use crate::service::sheets::format::Format;
use crate::service::sheets::write::{Conflict, Report};

#[derive(Enum, Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum SheetFormat {
    /// One file per kind of entry, named after it (`authorities.csv`, `contacts.csv`, `memberships.csv`,
    /// `contact_points.csv`).
    Csv,
    /// One object with a list per kind of entry.
    Json,
    /// One row per line, its kind in `entity`.
    Ndjson,
}

impl From<SheetFormat> for Format {
    fn from(f: SheetFormat) -> Self {
        match f {
            SheetFormat::Csv => Format::Csv,
            SheetFormat::Json => Format::Json,
            SheetFormat::Ndjson => Format::Ndjson,
        }
    }
}

/// A file of an export.
#[derive(SimpleObject)]
pub(crate) struct SheetFile {
    pub name: String,
    pub content: String,
}

/// A cell (or a whole row or file, when `column` is null) an import could not take.
#[derive(SimpleObject)]
pub(crate) struct ImportError {
    pub file: String,
    /// The row as a spreadsheet numbers it (the header is row 1); a JSON list's position; an NDJSON line.
    pub row: i32,
    pub column: Option<String>,
    /// The message the API gives for the same value.
    pub message: String,
}

/// A row whose entry changed since the export: it was not applied.
#[derive(SimpleObject)]
pub(crate) struct ImportConflict {
    pub file: String,
    pub row: i32,
    /// `authorities`, `contacts`, `memberships` or `contact_points`.
    pub entity: String,
    /// The entry's id (a membership's `NETWORK/STATE`).
    pub id: String,
    pub row_version: Option<i32>,
    /// The entry's version now; `null` when it was deleted or removed since the export.
    pub current_version: Option<i32>,
    pub message: String,
}

/// What an import did, or would do.
#[derive(SimpleObject)]
pub(crate) struct ImportReport {
    /// Whether the changes were written: never in a dry run, nor when any row has an error or a conflict.
    pub applied: bool,
    pub dry_run: bool,
    pub created: i32,
    pub updated: i32,
    pub unchanged: i32,
    pub conflicts: Vec<ImportConflict>,
    pub errors: Vec<ImportError>,
}

fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

impl From<Report> for ImportReport {
    fn from(r: Report) -> Self {
        Self {
            applied: r.applied,
            dry_run: r.dry_run,
            created: count(r.created),
            updated: count(r.updated),
            unchanged: count(r.unchanged),
            conflicts: r
                .conflicts
                .into_iter()
                .map(|c: Conflict| ImportConflict {
                    file: c.source,
                    row: count(c.row),
                    entity: c.kind.name().to_owned(),
                    id: c.id,
                    row_version: c.row_version,
                    current_version: c.current_version,
                    message: c.message,
                })
                .collect(),
            errors: r
                .errors
                .into_iter()
                .map(|e| ImportError { file: e.source, row: count(e.row), column: e.column, message: e.message })
                .collect(),
        }
    }
}

//! Spreadsheet files as the API carries them: a name and the text, in one of the formats `export` writes.

use async_graphql::{Enum, SimpleObject};

use crate::service::sheets::format::Format;
use crate::service::sheets::write::{Conflict, Report};

/// The file format of an export or import (UTF-8 text).
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
    /// The file's name, which says what it holds (e.g. `authorities.csv`, `entries.json`); keep it for the import.
    pub name: String,
    /// The file's whole text, UTF-8.
    pub content: String,
}

/// A cell (or a whole row or file, when `column` is null) an import could not take.
#[derive(SimpleObject)]
pub(crate) struct ImportError {
    /// The name of the file the error is in, as given.
    pub file: String,
    /// The row as a spreadsheet numbers it (the header is row 1); a JSON list's position; an NDJSON line.
    pub row: i32,
    /// The column's header as in the file, e.g. `email`; `null` when the whole row or file is at fault.
    pub column: Option<String>,
    /// The message the API gives for the same value.
    pub message: String,
}

/// A row whose entry changed since the export: it was not applied.
#[derive(SimpleObject)]
pub(crate) struct ImportConflict {
    /// The name of the file the row is in, as given.
    pub file: String,
    /// The row as a spreadsheet numbers it (the header is row 1); a JSON list's position; an NDJSON line.
    pub row: i32,
    /// `authorities`, `contacts`, `memberships` or `contact_points`.
    pub entity: String,
    /// The entry's id (a membership's `NETWORK/STATE`).
    pub id: String,
    /// The `version` the row carries (the entry's version when it was exported); `null` when the row has none.
    pub row_version: Option<i32>,
    /// The entry's version now; `null` when it was deleted or removed since the export.
    pub current_version: Option<i32>,
    /// What happened, in plain words.
    pub message: String,
}

/// What an import did, or would do.
#[derive(SimpleObject)]
pub(crate) struct ImportReport {
    /// Whether the changes were written: never in a dry run, nor when any row has an error or a conflict.
    pub applied: bool,
    /// Whether this was a dry run (`dryRun: true`): the counts say what would have happened.
    pub dry_run: bool,
    /// Rows that create (or would create) an entry.
    pub created: i32,
    /// Rows that change (or would change) an entry.
    pub updated: i32,
    /// Rows identical to the entry as it stands: nothing to write.
    pub unchanged: i32,
    /// Rows whose entry changed since the export; nothing is applied while there is one.
    pub conflicts: Vec<ImportConflict>,
    /// Values the import could not take; nothing is applied while there is one.
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

//! Importing spreadsheets through the API: the same files `export` writes, scoped by the token.

use async_graphql::{Context, InputObject, Object, Result};

use crate::auth::Role;
use crate::error::AppError;
use crate::graphql::types::sheets::{ImportReport, SheetFormat};
use crate::graphql::{db, viewer, writer};
use crate::service::sheets::format::{self, Format};
use crate::service::sheets::{CellError, write};

/// A file to import: its name (a CSV file's name says which entries it holds) and its text.
#[derive(InputObject)]
pub(crate) struct ImportFileInput {
    /// The file's name, as `exportEntries` gave it (e.g. `authorities.csv`): a CSV file's name says which entries it
    /// holds, and the extension gives the format when `format` is left out.
    pub name: String,
    /// Taken from the name's extension when left out.
    pub format: Option<SheetFormat>,
    /// The file's text (UTF-8; a byte-order mark and Windows line endings are fine). Requests are limited to 1 MiB:
    /// larger files go through `cna-directory import --token`.
    pub content: String,
}

#[derive(Default)]
pub(crate) struct SheetMutation;

#[Object]
impl SheetMutation {
    /// Imports spreadsheets: new rows (no id) are created, changed rows updated only if their `version` is still
    /// current, unchanged rows left alone. A focal point's rows must be its State's; a secretariat's, its network's.
    /// Nothing is applied unless every row is valid and free of conflicts; with `dryRun` nothing is applied at all.
    async fn import_entries(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The files to import, all applied together or not at all.")] files: Vec<ImportFileInput>,
        #[graphql(desc = "Report what would happen; change nothing (default false).")] dry_run: Option<bool>,
    ) -> Result<ImportReport> {
        let viewer = viewer(ctx);
        let dry_run = dry_run.unwrap_or(false);
        if viewer.actor()?.role == Role::Reader {
            return Err(AppError::Forbidden("readers may not change entries".into()).into());
        }
        let mut tables = Vec::new();
        let mut errors = Vec::new();
        for (i, file) in files.into_iter().enumerate() {
            let format = match file.format.map(Format::from).or_else(|| Format::of_file(&file.name)) {
                Some(f) => f,
                None => {
                    let message = "name the format, or give the file a .csv, .json or .ndjson name";
                    return Err(AppError::invalid(&format!("files[{i}].format"), message).into());
                }
            };
            if file.content.contains('\0') {
                return Err(
                    AppError::invalid(&format!("files[{i}].content"), "must not contain a NUL character").into()
                );
            }
            match format::decode(format, &file.name, &file.content) {
                Ok(found) => tables.extend(found),
                Err(e) => errors.push(e),
            }
        }
        if !errors.is_empty() {
            return Ok(unreadable(errors, dry_run));
        }
        let rows: usize = tables.iter().map(|t| t.rows.len()).sum();
        if rows > write::MAX_API_ROWS {
            let message = format!(
                "{rows} rows; an import through the API takes at most {} (an import holds the directory's writer \
                 while it runs): split the file, or import it with `cna-directory import --token`",
                write::MAX_API_ROWS
            );
            return Err(AppError::invalid("files", message).into());
        }
        let report = write::import(db(ctx), writer(ctx), viewer, tables, dry_run, &|| {}).await?;
        Ok(report.into())
    }
}

/// Files that could not be read at all: nothing was looked at, nothing applied.
fn unreadable(errors: Vec<CellError>, dry_run: bool) -> ImportReport {
    write::Report { errors, dry_run, ..write::Report::default() }.into()
}

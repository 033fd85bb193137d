//! Exporting spreadsheets through the API, for those who keep entries current without access to the database.

use async_graphql::{Context, Object, Result};

use crate::error::AppError;
use crate::graphql::types::sheets::{SheetFile, SheetFormat};
use crate::service::sheets::format;
use crate::service::sheets::{Scope, export};

#[derive(Default)]
pub(super) struct SheetQuery;

#[Object]
impl SheetQuery {
    /// The entries a person keeps current, as files to edit in a spreadsheet and give back to `importEntries`: a
    /// State's authorities and contacts, a network's memberships and contact points, or (neither named) the
    /// viewer's own — its State or its network (others name one). The whole directory, and any large export, is
    /// `GET /export`, which streams the same files. Signed-in viewers only: the files hold restricted contacts.
    async fn export_entries(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The State to export, ISO 3166-1 alpha-3.")] state: Option<String>,
        #[graphql(desc = "The network to export, by code.")] network: Option<String>,
        #[graphql(desc = "CSV (the default), JSON or NDJSON.")] format: Option<SheetFormat>,
    ) -> Result<Vec<SheetFile>> {
        let actor = crate::graphql::viewer(ctx).actor()?;
        let scope = crate::service::sheets::scope_for(actor, state, network)?;
        if let Scope::Directory = scope {
            // Tens of thousands of rows as one escaped string in memory: the whole directory is streamed instead.
            let message = "the whole directory is exported with GET /export (streamed as a file); name a State or \
                           a network here";
            return Err(AppError::invalid("state", message).into());
        }
        let tables = export(crate::graphql::db(ctx), &scope).await?;
        let encode = |write: &dyn Fn(&mut Vec<u8>) -> std::io::Result<()>| -> Result<String, AppError> {
            let mut out = Vec::new();
            write(&mut out).map_err(|e| AppError::internal(format!("cannot write the export: {e}")))?;
            String::from_utf8(out).map_err(|e| AppError::internal(format!("the export is not UTF-8: {e}")))
        };
        Ok(match format.unwrap_or(SheetFormat::Csv) {
            SheetFormat::Csv => tables
                .iter()
                .map(|t| {
                    let content = encode(&|out| format::write_csv(t, out, || {}))?;
                    Ok(SheetFile { name: format!("{}.csv", t.kind.name()), content })
                })
                .collect::<Result<_, AppError>>()?,
            SheetFormat::Json => {
                vec![SheetFile {
                    name: "entries.json".into(),
                    content: encode(&|out| format::write_json(&tables, out, || {}))?,
                }]
            }
            SheetFormat::Ndjson => vec![SheetFile {
                name: "entries.ndjson".into(),
                content: encode(&|out| format::write_ndjson(&tables, out, || {}))?,
            }],
        })
    }
}

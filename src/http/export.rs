//! `GET /export`: the files `exportEntries` gives, streamed as the file itself rather than built inside a GraphQL
//! answer (where a whole directory is one escaped JSON string held in memory, and aliases multiplied it). Signed-in
//! viewers only, scoped like `exportEntries`; each costs the rate allowance of an export.
//!
//! `?state=FRA` or `?network=EJN` (else the viewer's own; an administrator's whole directory), `format=csv` (the
//! default; CSV is one file per kind: `kind=authorities|contacts|memberships|contact_points` when there are
//! several), `json` or `ndjson`.

use std::io::Write;

use axum::{
    Extension,
    body::{Body, Bytes},
    extract::{Query, State},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use futures_util::StreamExt;

use super::AppState;
use super::admission::{self, Admission};
use crate::error::AppError;
use crate::service::sheets::{self, Kind, Table, format::Format};

#[derive(serde::Deserialize)]
pub(super) struct ExportQuery {
    state: Option<String>,
    network: Option<String>,
    format: Option<String>,
    kind: Option<String>,
}

pub(super) async fn export(
    State(state): State<AppState>,
    Extension(admitted): Extension<Admission>,
    Query(query): Query<ExportQuery>,
) -> Response {
    match file(&state, admitted, query).await {
        Ok(response) => response,
        Err(e) => {
            if let AppError::Internal(_) = &e {
                tracing::error!(cause = %e.chain(), "an export could not be written");
            }
            admission::refusal(&e)
        }
    }
}

async fn file(state: &AppState, admitted: Admission, query: ExportQuery) -> Result<Response, AppError> {
    let viewer = admission::viewer(state, admitted.claims).await?;
    let actor = viewer.actor()?;
    if let Err(refused) = admission::charge(state, &admitted.client, admission::EXPORT_COST - 1) {
        return Ok(*refused);
    }
    let format = match query.format.as_deref() {
        None => Format::Csv,
        Some(name) => Format::from_name(name).ok_or_else(|| AppError::invalid("format", "csv, json or ndjson"))?,
    };
    let scope = sheets::scope_for(actor, query.state, query.network)?;
    let tables = tokio::time::timeout(state.request_timeout, sheets::export(&state.db, &scope))
        .await
        .map_err(|_| AppError::internal("the export took too long to read"))??;
    let (name, content_type, tables) = match format {
        Format::Csv => {
            let table = one_table(tables, query.kind.as_deref())?;
            (format!("{}.csv", table.kind.name()), "text/csv; charset=utf-8", vec![table])
        }
        Format::Json => ("entries.json".to_owned(), "application/json", tables),
        Format::Ndjson => ("entries.ndjson".to_owned(), "application/x-ndjson", tables),
    };
    let (tx, rx) = tokio::sync::mpsc::channel::<Bytes>(8);
    tokio::task::spawn_blocking(move || {
        let mut out = Chunks { tx, buf: Vec::with_capacity(CHUNK) };
        let written = match format {
            Format::Csv => tables.first().map_or(Ok(()), |t| sheets::format::write_csv(t, &mut out, || {})),
            Format::Json => sheets::format::write_json(&tables, &mut out, || {}),
            Format::Ndjson => sheets::format::write_ndjson(&tables, &mut out, || {}),
        };
        // A reader that went away ends the writing; the body then ends short.
        if written.and_then(|()| out.flush()).is_err() {
            tracing::debug!("an export's reader went away");
        }
    });
    let body = Body::from_stream(
        futures_util::stream::unfold(rx, |mut rx| async move {
            rx.recv().await.map(|chunk| (Ok::<_, std::io::Error>(chunk), rx))
        })
        // Fused: a body may be polled again after its end (the compression layer does), which `unfold` forbids.
        .fuse(),
    );
    let disposition = attachment(&name);
    let headers = [
        (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
        (header::CONTENT_DISPOSITION, disposition),
        // The files hold restricted contacts.
        (header::CACHE_CONTROL, HeaderValue::from_static("private, no-store")),
    ];
    Ok((StatusCode::OK, headers, body).into_response())
}

/// `Content-Disposition` for a download saved as `name` (one of the names the exports make up).
pub(super) fn attachment(name: &str) -> HeaderValue {
    HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"))
}

/// The table of `kind`, or the only one.
fn one_table(tables: Vec<Table>, kind: Option<&str>) -> Result<Table, AppError> {
    let names = || tables.iter().map(|t| t.kind.name()).collect::<Vec<_>>().join(", ");
    match kind {
        Some(raw) => {
            let wanted = Kind::from_name(raw).filter(|k| tables.iter().any(|t| t.kind == *k));
            let Some(wanted) = wanted else {
                return Err(AppError::invalid("kind", format!("one of {}", names())));
            };
            tables.into_iter().find(|t| t.kind == wanted).ok_or_else(|| AppError::invalid("kind", "not exported"))
        }
        None if tables.len() == 1 => tables.into_iter().next().ok_or_else(|| AppError::invalid("kind", "none")),
        None => Err(AppError::invalid("kind", format!("CSV is one file per kind: name one of {}", names()))),
    }
}

/// Bytes sent to the body in chunks of this size.
const CHUNK: usize = 64 * 1024;

/// A writer whose bytes go to the response body a chunk at a time, waiting while the reader is behind.
struct Chunks {
    tx: tokio::sync::mpsc::Sender<Bytes>,
    buf: Vec<u8>,
}

impl Write for Chunks {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.flush()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK)));
        self.tx.blocking_send(chunk).map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "reader gone"))
    }
}

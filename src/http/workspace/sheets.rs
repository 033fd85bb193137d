//! Spreadsheets in the workspace: the person's entries downloaded as an XLSX workbook (or CSV), uploaded back,
//! shown as a preview (what would be created, updated, left alone; conflicts and bad cells by sheet, row and
//! column) before anything is applied, then applied all or nothing, with its progress, by the same import as
//! `importEntries`.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::body::{Body, Bytes};
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use uuid::Uuid;

use super::{AppState, Posted, SignedIn, check_csrf, failed, hidden, page_with, private, refused, see_other};
use crate::error::AppError;
use crate::http::i18n::{Lang, t};
use crate::http::pages::entry::ltr;
use crate::http::pages::{link, query_pairs};
use crate::service::sessions::Session;
use crate::service::sheets::write::{MAX_API_ROWS, Report};
use crate::service::sheets::{self, CellError, Kind, Table, format, xlsx};
use crate::service::uploads::{self, Status, Upload};

/// Largest file the upload takes: a State's whole workbook is far smaller.
pub(super) const MAX_UPLOAD_BYTES: usize = 8 * 1024 * 1024;

/// Most rows of a preview's lists shown on the page (all are counted).
const SHOWN: usize = 500;

/// Spreadsheets this instance is applying: rows done, of rows in all.
#[derive(Default)]
pub(crate) struct Applying(Mutex<HashMap<Uuid, Arc<(AtomicUsize, usize)>>>);

impl Applying {
    fn progress(&self, id: Uuid) -> Option<(usize, usize)> {
        let jobs = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        jobs.get(&id).map(|p| (p.0.load(Ordering::Relaxed), p.1))
    }

    fn start(&self, id: Uuid, total: usize) -> Arc<(AtomicUsize, usize)> {
        let progress = Arc::new((AtomicUsize::new(0), total));
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(id, progress.clone());
        progress
    }

    fn end(&self, id: Uuid) {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).remove(&id);
    }
}

const PATH: &str = "/workspace/sheets";

/// The entries the person keeps: a focal point's State's, a secretariat's network's, an administrator's whole
/// directory.
fn scope(session: &Session) -> Result<sheets::Scope, AppError> {
    sheets::scope_for(session.viewer.actor()?, None, None)
}

fn scope_name(scope: &sheets::Scope) -> &str {
    match scope {
        sheets::Scope::Directory => "directory",
        sheets::Scope::State(code) | sheets::Scope::Network(code) => code,
    }
}

fn kinds_of(scope: &sheets::Scope) -> &'static [Kind] {
    match scope {
        sheets::Scope::Directory => &Kind::ALL,
        sheets::Scope::State(_) => &[Kind::Authorities, Kind::Contacts],
        sheets::Scope::Network(_) => &[Kind::Memberships, Kind::ContactPoints],
    }
}

/// The page to download and upload, with what could not be read of a file that was refused.
fn start_page(
    session: &Session,
    lang: Lang,
    scope: &sheets::Scope,
    errors: &[CellError],
    status: StatusCode,
) -> Response {
    let title = t!(lang, "ws-sheets-title");
    let body = html! {
        p { a href=(link(lang, "/workspace", &[])) { (t!(lang, "ws-home-link")) } }
        h1 { (title) }
        @if !errors.is_empty() {
            div.warnings role="alert" #errors {
                p { (t!(lang, "ws-sheets-unreadable")) }
                (cell_errors(lang, errors))
            }
        }
        section.authority {
            h2 { (t!(lang, "ws-sheets-download")) }
            p { (t!(lang, "ws-sheets-download-explain")) }
            ul {
                li { a href=(link(lang, &format!("{PATH}/download"), &[("format", "xlsx")])) download { (t!(lang, "ws-sheets-xlsx")) } }
                @for kind in kinds_of(scope) {
                    li { a href=(link(lang, &format!("{PATH}/download"), &[("format", "csv"), ("kind", kind.name())])) download {
                        (t!(lang, "ws-sheets-csv")) " " (ltr(&format!("{}-{}.csv", scope_name(scope), kind.name())))
                    } }
                }
            }
        }
        section.authority {
            h2 { (t!(lang, "ws-sheets-upload")) }
            p { (t!(lang, "ws-sheets-upload-explain", rows = MAX_API_ROWS)) }
            form.entry method="post" action=(PATH) enctype="multipart/form-data" {
                (hidden(session, lang))
                div.field {
                    label for="sheet-file" { (t!(lang, "ws-sheets-file")) }
                    input #sheet-file name="file" type="file" required accept=".xlsx,.ods,.csv,.txt,.tsv,.json,.ndjson";
                }
                button type="submit" { (t!(lang, "ws-sheets-preview-button")) }
            }
        }
    };
    page_with(status, lang, PATH, &title, body)
}

/// `GET /workspace/sheets`.
pub(super) async fn start(State(_state): State<AppState>, SignedIn { session, lang }: SignedIn) -> Response {
    match scope(&session) {
        Ok(scope) => start_page(&session, lang, &scope, &[], StatusCode::OK),
        Err(e) => refused(lang, &e),
    }
}

/// `GET /workspace/sheets/download?format=xlsx` (or `format=csv&kind=contacts`): the person's entries as they
/// stand now, each row with its id and version.
pub(super) async fn download(
    State(state): State<AppState>,
    uri: Uri,
    SignedIn { session, lang }: SignedIn,
) -> Response {
    let query: HashMap<String, String> = query_pairs(&uri).into_iter().collect();
    let file = async {
        let scope = scope(&session)?;
        let tables = sheets::export(&state.db, &scope).await?;
        let stem = scope_name(&scope).to_owned();
        match query.get("format").map(String::as_str) {
            Some("csv") => {
                let kind = query.get("kind").and_then(|k| Kind::from_name(k));
                let table = tables
                    .into_iter()
                    .find(|t| Some(t.kind) == kind)
                    .ok_or_else(|| AppError::invalid("kind", "name a kind of entry this workspace keeps"))?;
                // A byte-order mark: Excel reads a CSV file as UTF-8 only with one.
                let mut out = "\u{feff}".as_bytes().to_vec();
                format::write_csv(&table, &mut out, || {}).map_err(AppError::internal)?;
                Ok((format!("{stem}-{}.csv", table.kind.name()), "text/csv; charset=utf-8", out))
            }
            _ => Ok((
                format!("{stem}-entries.xlsx"),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                xlsx::write(&tables)?,
            )),
        }
    };
    match file.await {
        Ok((name, content_type, bytes)) => {
            let disposition = crate::http::export::attachment(&name);
            let headers = [
                (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
                (header::CONTENT_DISPOSITION, disposition),
            ];
            private((StatusCode::OK, headers, Body::from(bytes)).into_response())
        }
        Err(e) => refused(lang, &e),
    }
}

/// A multipart form's text fields and its one file (name and bytes), read within [`MAX_UPLOAD_BYTES`].
async fn multipart(mut form: Multipart) -> Result<(Vec<(String, String)>, Option<(String, Bytes)>), String> {
    let mut fields = Vec::new();
    let mut file = None;
    while let Some(part) = form.next_field().await.map_err(|e| e.body_text())? {
        let name = part.name().unwrap_or_default().to_owned();
        if name == "file" {
            let file_name = part.file_name().unwrap_or("upload").to_owned();
            file = Some((file_name, part.bytes().await.map_err(|e| e.body_text())?));
        } else {
            fields.push((name, part.text().await.map_err(|e| e.body_text())?));
        }
    }
    Ok((fields, file))
}

/// `POST /workspace/sheets`: reads the file, runs it as a dry run and keeps it for the preview.
pub(super) async fn upload(
    State(state): State<AppState>,
    SignedIn { session, lang }: SignedIn,
    form: Multipart,
) -> Response {
    let scope = match scope(&session) {
        Ok(scope) => scope,
        Err(e) => return refused(lang, &e),
    };
    let (fields, file) = match multipart(form).await {
        Ok(read) => read,
        Err(why) => {
            let error = CellError { source: String::new(), row: 0, column: None, message: why, problem: None };
            return start_page(&session, lang, &scope, &[error], StatusCode::BAD_REQUEST);
        }
    };
    let lang = super::field(&fields, "lang").map_or(lang, |l| Lang::choose(Some(l), None));
    if let Err(refused) = check_csrf(&session, lang, &fields) {
        return *refused;
    }
    let Some((name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        let error =
            CellError { source: String::new(), row: 0, column: None, message: "choose a file".into(), problem: None };
        return start_page(&session, lang, &scope, &[error], StatusCode::UNPROCESSABLE_ENTITY);
    };
    let tables =
        match tokio::task::spawn_blocking(move || format::decode_upload(&name, &bytes).map(|t| (name, t))).await {
            Ok(Ok(read)) => read,
            Ok(Err(error)) => return start_page(&session, lang, &scope, &[error], StatusCode::UNPROCESSABLE_ENTITY),
            Err(e) => return failed(&AppError::internal(e)),
        };
    let (name, tables) = tables;
    let rows: usize = tables.iter().map(|t| t.rows.len()).sum();
    if rows > MAX_API_ROWS {
        let message = format!("{rows} rows; one upload takes at most {MAX_API_ROWS}: split the file");
        let error = CellError { source: name, row: 0, column: None, message, problem: None };
        return start_page(&session, lang, &scope, &[error], StatusCode::UNPROCESSABLE_ENTITY);
    }
    let stored = async {
        let preview =
            sheets::write::import(&state.db, &state.writer, &session.viewer, tables.clone(), true, &|| {}).await?;
        uploads::write::store(&state.db, &session.viewer.actor()?.sub, &name, &tables, &preview).await
    };
    match stored.await {
        Ok(id) => see_other(lang, &format!("{PATH}/{id}"), &[]),
        Err(e) => refused(lang, &e),
    }
}

/// `GET /workspace/sheets/{id}`: the preview, the progress of applying it, or what applying it did.
pub(super) async fn show(
    State(state): State<AppState>,
    Path(id): Path<String>,
    SignedIn { session, lang }: SignedIn,
) -> Response {
    let found = async {
        let id = Uuid::parse_str(&id).map_err(|_| AppError::NotFound("no upload has this id".into()))?;
        uploads::find(&state.db, &session.viewer.actor()?.sub, id).await
    };
    let upload = match found.await {
        Ok(upload) => upload,
        Err(e) => return refused(lang, &e),
    };
    let title = t!(lang, "ws-sheets-preview-title", file = upload.file_name.as_str());
    let progress = state.uploads.progress(upload.id);
    let running = upload.status == Status::Applying;
    let body = html! {
        p { a href=(link(lang, PATH, &[])) { (t!(lang, "ws-sheets-title")) } " · " a href=(link(lang, "/workspace", &[])) { (t!(lang, "ws-home-link")) } }
        h1 { (title) }
        p.meta { (t!(lang, "ws-sheets-uploaded", date = lang.locale().date(upload.created_at.date_naive()), rows = upload.rows)) }
        @match (upload.status, &upload.result) {
            (Status::Applying, _) => {
                div role="status" #progress {
                    @let (done, total) = progress.unwrap_or((0, upload.rows));
                    p { (t!(lang, "ws-sheets-applying", done = done, total = total)) }
                    progress max=(total.max(1)) value=(done) { (done) " / " (total) }
                    p { a href=(link(lang, &format!("{PATH}/{}", upload.id), &[])) { (t!(lang, "ws-sheets-refresh")) } }
                }
            }
            (Status::Applied, Some(result)) => {
                div.notice role="status" #outcome { p { (t!(lang, "ws-sheets-applied", created = result.created, updated = result.updated, unchanged = result.unchanged)) } }
                (report(lang, result))
            }
            (Status::Refused, result) => {
                div.warnings role="alert" #outcome {
                    p { (t!(lang, "ws-sheets-refused")) }
                }
                @if let Some(result) = result { (report(lang, result)) }
            }
            (Status::Previewed, _) | (Status::Applied, None) => {
                (preview(&session, lang, &upload))
            }
        }
    };
    let mut response = page_with(StatusCode::OK, lang, PATH, &title, body);
    if running {
        // Refreshes the page until the import ends: progress without script.
        response.headers_mut().insert("refresh", HeaderValue::from_static("1"));
    }
    response
}

/// The preview and, when everything is clean and something changes, the button that applies it.
fn preview(session: &Session, lang: Lang, upload: &Upload) -> Markup {
    let p = &upload.preview;
    let clean = p.conflicts.is_empty() && p.errors.is_empty();
    html! {
        @if clean && p.created + p.updated > 0 {
            div.notice role="status" #outcome { p { (t!(lang, "ws-sheets-ready", created = p.created, updated = p.updated, unchanged = p.unchanged)) } }
            (counts(lang, p))
            form method="post" action={ (PATH) "/" (upload.id) "/apply" } {
                (hidden(session, lang))
                button type="submit" #apply { (t!(lang, "ws-sheets-apply", count = p.created + p.updated)) }
            }
            (lists(lang, p))
        } @else if clean {
            div.notice role="status" #outcome { p { (t!(lang, "ws-sheets-nothing", unchanged = p.unchanged)) } }
        } @else {
            div.warnings role="alert" #outcome { p { (t!(lang, "ws-sheets-not-clean", conflicts = p.conflicts.len(), errors = p.errors.len())) } }
        }
        @if !(clean && p.created + p.updated > 0) { (report(lang, p)) }
    }
}

/// Counts, then the rows that change, the conflicts and the bad cells, each with its sheet, row and column.
fn report(lang: Lang, r: &Report) -> Markup {
    html! { (counts(lang, r)) (lists(lang, r)) }
}

fn counts(lang: Lang, r: &Report) -> Markup {
    html! {
        dl.counts #counts {
            dt { (t!(lang, "ws-sheets-created")) } dd data-count="created" { (r.created) }
            dt { (t!(lang, "ws-sheets-updated")) } dd data-count="updated" { (r.updated) }
            dt { (t!(lang, "ws-sheets-unchanged")) } dd data-count="unchanged" { (r.unchanged) }
            dt { (t!(lang, "ws-sheets-conflicts")) } dd data-count="conflicts" { (r.conflicts.len()) }
            dt { (t!(lang, "ws-sheets-bad-cells")) } dd data-count="errors" { (r.errors.len()) }
        }
    }
}

fn lists(lang: Lang, r: &Report) -> Markup {
    html! {
        @if !r.errors.is_empty() {
            h2 { (t!(lang, "ws-sheets-bad-cells")) }
            (cell_errors(lang, &r.errors))
        }
        @if !r.conflicts.is_empty() {
            h2 { (t!(lang, "ws-sheets-conflicts")) }
            table #conflicts {
                thead { tr {
                    th scope="col" { (t!(lang, "ws-sheets-sheet")) } th scope="col" { (t!(lang, "ws-sheets-row")) }
                    th scope="col" { (t!(lang, "ws-sheets-id")) } th scope="col" { (t!(lang, "ws-sheets-message")) }
                } }
                tbody { @for c in r.conflicts.iter().take(SHOWN) { tr {
                    td { (ltr(&c.source)) } td { (c.row) } td { (ltr(&c.id)) } td lang="en" dir="ltr" { (c.message) }
                } } }
            }
        }
        @if !r.changed.is_empty() {
            h2 { (t!(lang, "ws-sheets-changes")) }
            table #changes {
                thead { tr {
                    th scope="col" { (t!(lang, "ws-sheets-sheet")) } th scope="col" { (t!(lang, "ws-sheets-row")) }
                    th scope="col" { (t!(lang, "ws-sheets-entry")) } th scope="col" { (t!(lang, "ws-column-action")) }
                } }
                tbody { @for c in r.changed.iter().take(SHOWN) { tr {
                    td { (ltr(&c.source)) } td { (c.row) } td { bdi { (c.label) } }
                    td { @if c.created { (t!(lang, "ws-sheets-created")) } @else { (t!(lang, "ws-sheets-updated")) } }
                } } }
            }
            @if r.changed.len() > SHOWN { p { (t!(lang, "ws-sheets-more", count = r.changed.len() - SHOWN)) } }
        }
    }
}

/// Cells that cannot be taken: where (file or sheet, row, column) and why.
fn cell_errors(lang: Lang, errors: &[CellError]) -> Markup {
    html! {
        table #bad-cells {
            thead { tr {
                th scope="col" { (t!(lang, "ws-sheets-sheet")) } th scope="col" { (t!(lang, "ws-sheets-row")) }
                th scope="col" { (t!(lang, "ws-column-field")) } th scope="col" { (t!(lang, "ws-sheets-message")) }
            } }
            tbody { @for e in errors.iter().take(SHOWN) { tr {
                td { (ltr(&e.source)) }
                td { @if e.row > 0 { (e.row) } }
                td { @if let Some(c) = &e.column { (ltr(c)) } }
                td { (super::worded(lang, e.problem.as_deref(), &e.message)) }
            } } }
        }
        @if errors.len() > SHOWN { p { (t!(lang, "ws-sheets-more", count = errors.len() - SHOWN)) } }
    }
}

/// `POST /workspace/sheets/{id}/apply`: applies a previewed upload once, in the background, all or nothing.
pub(super) async fn apply(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Posted { session, lang, .. }: Posted,
) -> Response {
    let started = async {
        let id = Uuid::parse_str(&id).map_err(|_| AppError::NotFound("no upload has this id".into()))?;
        let sub = session.viewer.actor()?.sub.clone();
        let tables: Vec<Table> = uploads::tables_of(&state.db, &sub, id).await?;
        // One request wins, on whichever instance: a second click, or another tab, finds it claimed.
        if uploads::write::claim(&state.db, &sub, id).await? {
            let total = tables.iter().map(|t| t.rows.len()).sum();
            let progress = state.uploads.start(id, total);
            let state = state.clone();
            let viewer = session.viewer.clone();
            tokio::spawn(async move {
                let step = progress.clone();
                let ran = sheets::write::import(&state.db, &state.writer, &viewer, tables, false, &move || {
                    step.0.fetch_add(1, Ordering::Relaxed);
                })
                .await;
                let report = ran.unwrap_or_else(|e| {
                    tracing::error!(cause = %e.chain(), upload = %id, "an upload could not be applied");
                    Report::default()
                });
                if let Err(e) = uploads::write::finish(&state.db, id, &report).await {
                    tracing::error!(cause = %e.chain(), upload = %id, "an upload's result could not be kept");
                }
                state.uploads.end(id);
            });
        }
        Ok::<_, AppError>(id)
    };
    match started.await {
        Ok(id) => see_other(lang, &format!("{PATH}/{id}"), &[]),
        Err(e) => refused(lang, &e),
    }
}

//! Running an admitted, prepared operation: on which database it reads, and the engine's run itself.

use std::sync::Arc;

use sea_orm::DatabaseConnection;

use super::Prepared;
use crate::auth::Viewer;
use crate::db::replicas::Reader;
use crate::graphql::reads::{self, Dependencies, Reads};
use crate::graphql::serial::Committed;
use crate::graphql::types::language::Preferred;
use crate::graphql::{errors, expansion, loaders::Loaders};
use crate::http::AppState;

/// Where a read query that the cache may keep goes (`db::replicas`): with replicas, to one that has replayed
/// `seen`, the primary's position read with the version after the request arrived, or when there is no cache, a
/// position read here. Anything else reads from the primary.
pub(super) async fn reader(state: &AppState, prepared: &Prepared, seen: Option<Option<i64>>) -> Reader {
    let query = prepared.kind == Some(async_graphql::parser::types::OperationType::Query) && prepared.kept;
    if !query || !state.readers.has_replicas() {
        return Reader::Primary;
    }
    state.readers.for_cached(seen).await
}

/// Runs the operation on `reader`, and once more on the primary when a replica fails it (gone, restarted, or not
/// yet replayed the tables).
pub(super) async fn run_on(
    state: &AppState,
    request_id: &str,
    run: Run,
    prepared: Prepared,
    again: impl FnOnce() -> Option<Prepared>,
    reader: Reader,
) -> (async_graphql::Response, Dependencies) {
    let retry = run.clone();
    crate::http::readers::with_fallback(
        state,
        request_id,
        reader,
        |db| async move { execute(state, request_id, run, prepared, &db).await },
        |db| again().map(|prepared| async move { execute(state, request_id, retry, prepared, &db).await }),
        |(response, _)| failed_inside(response),
    )
    .await
}

/// Whether an error of the server's own (a database that failed) is among the response's.
fn failed_inside(response: &async_graphql::Response) -> bool {
    response.errors.iter().any(|e| {
        matches!(
            e.extensions.as_ref().and_then(|x| x.get("code")),
            Some(async_graphql::Value::String(code)) if code == "INTERNAL_SERVER_ERROR"
        )
    })
}

/// What an execution runs with besides the document.
#[derive(Clone)]
pub(super) struct Run {
    pub(super) viewer: Viewer,
    pub(super) language: Option<Preferred>,
    /// Whether the cache may keep the answer (then it records what it read).
    pub(super) cached: bool,
    pub(super) committed: Arc<Committed>,
}

/// Runs a prepared operation reading through `db` and counts it. Labels come from a bounded set: the operation's
/// name when the document defines it (see `metrics::operation_label`), never raw client text.
pub(super) async fn execute(
    state: &AppState,
    request_id: &str,
    run: Run,
    prepared: Prepared,
    db: &DatabaseConnection,
) -> (async_graphql::Response, Dependencies) {
    let Run { viewer, language, cached, committed } = run;
    let mut request = prepared.request;
    let document = request.parsed_query().ok().cloned();
    let name = request.operation_name.clone();
    // Only an answer the cache may keep records what it read.
    let reads = Arc::new(if cached { Reads::recording() } else { Reads::inactive() });
    let loaders = Loaders::new(db, viewer.sees_restricted(), reads.clone());
    // Resolvers that read without a loader find the same connection (request data comes before the schema's).
    let mut request = request.data(loaders).data(viewer).data(reads.clone()).data(committed).data(db.clone());
    if let Some(language) = language {
        request = request.data(language);
    }
    let operation = state.operations.label(prepared.operation.as_deref());
    let started = std::time::Instant::now();
    // The semaphore is never closed; were it, the operation would run without waiting.
    let permit = state.executions.acquire().await.ok();
    let mut response = state.schema.execute(request).await;
    drop(permit);
    if let Some(document) = &document {
        crate::graphql::order::in_document_order(document, name.as_deref(), &mut response.data);
    }
    errors::finish(&mut response, request_id);
    null_failed_roots(&mut response);
    metrics::histogram!(crate::http::metrics::LATENCY, "operation" => operation.clone())
        .record(started.elapsed().as_secs_f64());
    let outcome = if response.errors.is_empty() { "ok" } else { "error" };
    metrics::counter!(crate::http::metrics::REQUESTS, "operation" => operation, "outcome" => outcome).increment(1);
    for e in &response.errors {
        if let Some(async_graphql::Value::String(code)) = e.extensions.as_ref().and_then(|x| x.get("code")) {
            crate::http::metrics::error(code);
        }
    }
    let recorded = document.as_ref().is_some_and(|d| expansion::roots_within(d, &reads::RECORDING_ROOTS));
    (response, reads.finish(recorded))
}

/// A root field that failed and is missing from `data` was non-null (a nullable one would be there as `null`): by
/// the GraphQL spec the error then propagates to the root and `data` is `null`. The engine leaves the field out
/// when it resolves mutations one after another.
fn null_failed_roots(response: &mut async_graphql::Response) {
    let async_graphql::Value::Object(data) = &response.data else { return };
    let missing = response.errors.iter().any(|e| match e.path.first() {
        Some(async_graphql::PathSegment::Field(name)) => !data.contains_key(name.as_str()),
        _ => false,
    });
    if missing {
        response.data = async_graphql::Value::Null;
    }
}

//! `/graphql`: POST with `application/json` for everything, GET with `?query=` for queries only, GraphiQL for
//! browsers. Transport errors answer with a status and a GraphQL-shaped body whose `extensions.code` says why.

use std::{collections::HashMap, net::SocketAddr, sync::Arc};

use async_graphql::parser::types::{DocumentOperations, ExecutableDocument, OperationType};
use axum::{
    Json,
    body::Bytes,
    extract::{ConnectInfo, Query, RawQuery, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde_json::json;

mod execute;

use execute::Run;

use super::persisted::PersistedQueries;
use super::{
    AppState,
    admission::{Admission, Refused},
    cache::{Answer, Key, Lookup, Status},
};
use crate::error::AppError;
use crate::graphql::serial::Committed;
use crate::graphql::types::language::{Language, Preferred};
use crate::graphql::{errors, schema};

pub(super) async fn post(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Response {
    // A body over the limit, or one that did not arrive in time, answers like every other error: GraphQL-shaped,
    // with a code.
    let body = match body {
        Ok(body) => body,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            let message = format!("the body is larger than {} bytes", super::MAX_BODY_BYTES);
            return refuse(StatusCode::PAYLOAD_TOO_LARGE, "PAYLOAD_TOO_LARGE", &message);
        }
        Err(_) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                "BAD_REQUEST",
                "the body could not be read (incomplete or too slow)",
            );
        }
    };
    if !is_json(&headers) {
        return refuse(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "UNSUPPORTED_MEDIA_TYPE",
            "send the request as application/json",
        );
    }
    let language = preferred(&headers).map(|p| p.0.key());
    let key = state
        .cache
        .as_ref()
        .map(|_| Key::new(false, headers.get(header::AUTHORIZATION), body.clone()).in_language(language));
    let nesting = state.document_limits.nesting;
    respond(&state, peer, &headers, false, key, || parse_body(&body, nesting, &state.persisted)).await
}

fn parse_body(body: &[u8], nesting: usize, persisted: &PersistedQueries) -> Result<async_graphql::Request, Refused> {
    // Before serde_json reads it: its own limit (128) is past what the engine's walks of variables should see.
    shallow_json("the body", body, nesting)?;
    let mut value: serde_json::Value = serde_json::from_slice(body)
        .map_err(|e| refused(StatusCode::BAD_REQUEST, "BAD_REQUEST", &format!("the body is not valid JSON: {e}")))?;
    if let Some(fields) = value.as_object_mut() {
        let query = fields.get("query").and_then(|q| q.as_str());
        if let Some(document) = persisted.resolve(query, fields.get("extensions"))? {
            fields.insert("query".into(), serde_json::Value::String(document));
        }
    }
    if value.is_array() {
        return Err(refused(
            StatusCode::BAD_REQUEST,
            "BAD_REQUEST",
            "batched requests are not supported: send one operation per request",
        ));
    }
    let has_query = value.get("query").and_then(|q| q.as_str()).is_some_and(|q| !q.trim().is_empty());
    if !has_query {
        return Err(refused(
            StatusCode::BAD_REQUEST,
            "BAD_REQUEST",
            "the body must carry the operation as a non-empty `query` string",
        ));
    }
    serde_json::from_value::<async_graphql::Request>(value)
        .map_err(|e| refused(StatusCode::BAD_REQUEST, "BAD_REQUEST", &format!("not a GraphQL request: {e}")))
}

pub(super) async fn get(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    if !params.contains_key("query") && !params.contains_key("extensions") {
        if accepts_html(&headers) {
            return super::graphiql::page();
        }
        return refuse(StatusCode::BAD_REQUEST, "BAD_REQUEST", "pass the query as ?query=…, or POST it as JSON");
    }
    let key = state
        .cache
        .as_ref()
        .map(|_| Key::new(true, headers.get(header::AUTHORIZATION), Bytes::from(raw.unwrap_or_default().into_bytes())))
        .map(|k| k.in_language(preferred(&headers).map(|p| p.0.key())));
    let nesting = state.document_limits.nesting;
    respond(&state, peer, &headers, true, key, || parse_params(&params, nesting, &state.persisted)).await
}

fn parse_params(
    params: &HashMap<String, String>,
    nesting: usize,
    persisted: &PersistedQueries,
) -> Result<async_graphql::Request, Refused> {
    for name in ["variables", "extensions"] {
        if let Some(json) = params.get(name) {
            shallow_json(&format!("`{name}`"), json.as_bytes(), nesting)?;
        }
    }
    let extensions = match params.get("extensions").map(|e| serde_json::from_str::<serde_json::Value>(e)).transpose() {
        Ok(extensions) => extensions,
        Err(e) => {
            return Err(refused(
                StatusCode::BAD_REQUEST,
                "BAD_REQUEST",
                &format!("`extensions` is not valid JSON: {e}"),
            ));
        }
    };
    let query = match persisted.resolve(params.get("query").map(String::as_str), extensions.as_ref())? {
        Some(document) => document,
        None => params.get("query").cloned().unwrap_or_default(),
    };
    let operation_name = params.get("operationName").cloned();
    let variables = match params.get("variables").map(|v| serde_json::from_str(v)).transpose() {
        Ok(v) => v.map(async_graphql::Variables::from_json).unwrap_or_default(),
        Err(e) => {
            return Err(refused(
                StatusCode::BAD_REQUEST,
                "BAD_REQUEST",
                &format!("`variables` is not valid JSON: {e}"),
            ));
        }
    };
    let mut request = async_graphql::Request::new(query).variables(variables);
    if let Some(name) = operation_name {
        request = request.operation_name(name);
    }
    Ok(request)
}

/// `400` for JSON whose brackets nest past the limit (`graphql::nesting`).
fn shallow_json(what: &str, json: &[u8], nesting: usize) -> Result<(), Refused> {
    crate::graphql::nesting::json(json, nesting)
        .map_err(|too_deep| refused(StatusCode::BAD_REQUEST, "BAD_REQUEST", &format!("{what}: {too_deep}")))
}

/// The SDL of the served schema, for clients that generate code from it; admitted like every read
/// (`admission::admit_reads`).
pub(super) async fn sdl() -> Response {
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], schema::sdl()).into_response()
}

/// Answers one request. First its admission (`admission::admit`: the token's claims, the rate limit, a bad token,
/// the read rule); then, all within the request time limit, the cache, the parse and size check of the document,
/// the token's database checks and the execution. A request the cache holds an answer for is not parsed: its bytes
/// were valid when stored.
async fn respond(
    state: &AppState,
    peer: SocketAddr,
    headers: &HeaderMap,
    get: bool,
    key: Option<Key>,
    parse: impl Fn() -> Result<async_graphql::Request, Refused>,
) -> Response {
    let request_id = super::request_id(headers);
    let Admission { claims, client } = match super::admission::admit(state, peer, headers).await {
        Ok(admission) => admission,
        Err(refused) => return *refused,
    };
    let media = super::media::Media::of(headers);
    let committed = Arc::new(Committed::default());
    let admitted = Admitted { state, headers, get, request_id, claims, media, client, committed: committed.clone() };
    match tokio::time::timeout(state.request_timeout, admitted.answer(key, parse)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!(request_id, "request cut off after {:?}", state.request_timeout);
            super::metrics::error("TIMEOUT");
            let message = "the request took too long and was cut off";
            let mut body = json!({ "errors": [{ "message": message, "extensions": { "code": "TIMEOUT" } }] });
            // Mutations that ran before the cut were committed: say which, as when one fails.
            if let async_graphql::Value::Object(done) = committed.take()
                && !done.is_empty()
            {
                body["extensions"] = json!({ "committed": done });
            }
            (StatusCode::SERVICE_UNAVAILABLE, Json(body)).into_response()
        }
    }
}

/// A request past the rate limit with a well-formed token or none.
struct Admitted<'a> {
    state: &'a AppState,
    headers: &'a HeaderMap,
    get: bool,
    request_id: &'a str,
    claims: Option<crate::auth::Claims>,
    media: super::media::Media,
    /// Whom the rate limit counts the request against.
    client: String,
    /// The results of mutations committed so far (`graphql::serial`).
    committed: Arc<Committed>,
}

impl Admitted<'_> {
    /// What a cache hit does not run (the parse, the execution) and the token's database checks are boxed where
    /// they are awaited: left inline, this future would be as large as the engine's, and every request, a cache
    /// hit too, would copy all of it each time the router moves it (a tenth of a hit's time).
    async fn answer(
        mut self,
        mut key: Option<Key>,
        parse: impl Fn() -> Result<async_graphql::Request, Refused>,
    ) -> Response {
        let state = self.state;
        let held = match (&state.cache, &key) {
            (Some(cache), Some(key)) => cache.held(key),
            _ => None,
        };
        let mut request = None;
        if held.is_none() {
            let prepared = match Box::pin(self.prepare(parse())).await {
                Ok(prepared) => prepared,
                Err(response) => return *response,
            };
            if prepared.kind != Some(OperationType::Query) || !prepared.kept {
                key = None;
            }
            request = Some(prepared);
        }
        let viewer = match Box::pin(state.auth.viewer(&state.db, self.claims.take())).await {
            Ok(viewer) => viewer,
            Err(e @ AppError::Internal(_)) => {
                tracing::error!(request_id = self.request_id, cause = %e.chain(), "internal error while checking a token");
                return unavailable(self.request_id);
            }
            Err(e) => return super::admission::refusal(&e),
        };
        // A held answer waits for the shared version read; a request with none held starts at once (unless it is
        // to read from a replica, which must know how recent to be).
        let replicated = state.readers.has_replicas();
        let ticket = match (&state.cache, key) {
            (Some(cache), Some(key)) => match cache.lookup(&state.db, &key, held, replicated).await {
                Lookup::Hit(answer) => return Status::Hit.on(answered(self.headers, &key, answer, self.media)),
                Lookup::Miss(ticket) => ticket.map(|ticket| (cache, key, ticket)),
            },
            _ => None,
        };
        let prepared = match request {
            Some(prepared) => prepared,
            None => match Box::pin(self.prepare(parse())).await {
                Ok(prepared) => prepared,
                Err(response) => return *response,
            },
        };
        let language = preferred(self.headers);
        let run = Run { viewer, language, cached: ticket.is_some(), committed: self.committed.clone() };
        let seen = state.cache.as_ref().map(|_| ticket.as_ref().and_then(|(_, _, t)| t.position_after_arrival()));
        let reader = Box::pin(execute::reader(state, &prepared, seen)).await;
        let again = || parse().ok().and_then(|request| check_document(request, state.document_limits).ok());
        let work = execute::run_on(state, self.request_id, run, prepared, again, reader);
        let (response, reads) = match &ticket {
            Some((cache, _, ticket)) => Box::pin(cache.compute(&state.db, ticket, work)).await,
            None => Box::pin(work).await,
        };
        match ticket {
            Some((cache, key, ticket)) if response.is_ok() => {
                let body = match serde_json::to_vec(&response) {
                    Ok(body) => Answer::kept(body),
                    Err(_) => return internal(self.request_id),
                };
                let answer = Answer::new(body);
                cache.keep(key.clone(), ticket, reads, answer.clone());
                Status::Miss.on(answered(self.headers, &key, answer, self.media))
            }
            _ => plain(self.headers, self.get, self.request_id, self.media, response),
        }
    }

    /// Parses the document once (off the runtime's worker threads when it is large), refuses one that expands
    /// past the selection budget before the engine validates it, refuses a mutation over GET, and tells the
    /// operation's type and name. The engine then runs the parsed document without parsing it again.
    async fn prepare(&self, parsed: Result<async_graphql::Request, Refused>) -> Result<Prepared, Refused> {
        let request = parsed?;
        let budget = self.state.document_limits;
        let checked = if request.query.len() > PARSE_INLINE_BYTES {
            tokio::task::spawn_blocking(move || check_document(request, budget))
                .await
                .map_err(|_| Box::new(internal(self.request_id)))?
        } else {
            check_document(request, budget)
        };
        let prepared = match checked {
            Ok(prepared) => prepared,
            Err(error) => {
                let mut response = async_graphql::Response::from_errors(vec![error]);
                errors::finish(&mut response, self.request_id);
                super::metrics::error("GRAPHQL_VALIDATION_FAILED");
                return Err(Box::new(self.media.answer(response)));
            }
        };
        if prepared.exports
            && let Err(refused) = super::admission::charge(self.state, &self.client, super::admission::EXPORT_COST - 1)
        {
            return Err(refused);
        }
        if self.get && prepared.kind == Some(OperationType::Mutation) {
            let mut response =
                refuse(StatusCode::METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED", "mutations must be sent with POST");
            response.headers_mut().insert(header::ALLOW, header::HeaderValue::from_static("POST"));
            return Err(Box::new(response));
        }
        Ok(prepared)
    }
}

/// Documents longer than this are parsed on a blocking thread, so one large body never stalls other requests.
const PARSE_INLINE_BYTES: usize = 16 * 1024;

/// A request whose document is parsed and checked.
pub(super) struct Prepared {
    pub(super) request: async_graphql::Request,
    pub(super) kind: Option<OperationType>,
    /// The operation that will run, when the document names it: the only client text that becomes a label.
    operation: Option<String>,
    /// Whether it exports or imports a whole file (`expansion::ONCE_PER_OPERATION`), and so costs more of the rate
    /// limit.
    exports: bool,
    /// Whether the response cache may keep its answer (`reads::UNCACHED_ROOTS`).
    kept: bool,
}

pub(super) fn check_document(
    mut request: async_graphql::Request,
    budget: super::DocumentLimits,
) -> Result<Prepared, async_graphql::ServerError> {
    // Counted before the parser, which recurses once per level, sees the document.
    if let Err(too_deep) = crate::graphql::nesting::document(&request.query, budget.nesting) {
        return Err(async_graphql::ServerError::new(format!("the document: {too_deep}"), None));
    }
    let name = request.operation_name.clone();
    let variables = std::mem::take(&mut request.variables);
    let doc = request.parsed_query()?;
    if let Err(too_large) = crate::graphql::expansion::check(doc, budget.selections, budget.root_fields) {
        return Err(async_graphql::ServerError::new(too_large.to_string(), None));
    }
    if let Err(bad) = crate::graphql::inputs::check(doc, &variables) {
        let mut error = async_graphql::ServerError::new(bad.to_string(), None);
        error.source = Some(std::sync::Arc::new(bad));
        return Err(error);
    }
    let (kind, operation) = operation_of(doc, name.as_deref());
    let exports = !crate::graphql::expansion::roots_outside(doc, &crate::graphql::expansion::ONCE_PER_OPERATION);
    let kept = crate::graphql::expansion::roots_outside(doc, &crate::graphql::reads::UNCACHED_ROOTS);
    request.variables = variables;
    Ok(Prepared { request, kind, operation, exports, kept })
}

/// The type and name of the operation a request would run: with several operations and no name, a mutation
/// among them counts. A name the document does not define runs nothing (the engine reports it).
fn operation_of(doc: &ExecutableDocument, name: Option<&str>) -> (Option<OperationType>, Option<String>) {
    match &doc.operations {
        DocumentOperations::Single(op) => (Some(op.node.ty), None),
        DocumentOperations::Multiple(ops) => match name {
            Some(name) => match ops.get_key_value(name) {
                Some((n, op)) => (Some(op.node.ty), Some(n.to_string())),
                None => (None, None),
            },
            None if ops.len() == 1 => {
                let (n, op) = ops.iter().next().map(|(n, op)| (n.to_string(), op.node.ty)).unzip();
                (op, n)
            }
            None if ops.values().any(|op| op.node.ty == OperationType::Mutation) => {
                (Some(OperationType::Mutation), None)
            }
            None => (None, None),
        },
    }
}

/// An answer that is not cached. Answers to GET still carry their entity tag and cache policy, with or without
/// the response cache.
fn plain(
    headers: &HeaderMap,
    get: bool,
    request_id: &str,
    media: super::media::Media,
    response: async_graphql::Response,
) -> Response {
    if !get || (media == super::media::Media::GraphqlResponse && super::media::failed_before_running(&response)) {
        return media.answer(response);
    }
    let Ok(body) = serde_json::to_vec(&response) else { return internal(request_id) };
    let key = Key::new(true, headers.get(header::AUTHORIZATION), Bytes::new());
    answered(headers, &key, Answer::new(Bytes::from(body)), media)
}

/// A stored answer as an HTTP response. Answers to GET carry an entity tag, so a polling portal may send
/// `If-None-Match` and get 304 while nothing changed.
fn answered(headers: &HeaderMap, key: &Key, answer: Answer, media: super::media::Media) -> Response {
    let mut response = if key.is_get() && if_none_match(headers, &answer.etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        ([(header::CONTENT_TYPE, media.content_type())], answer.body).into_response()
    };
    if key.is_get() {
        let response_headers = response.headers_mut();
        response_headers.insert(header::ETAG, answer.etag);
        let policy = if key.is_private() { "private, no-cache" } else { "no-cache" };
        response_headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}

fn if_none_match(headers: &HeaderMap, etag: &HeaderValue) -> bool {
    headers.get_all(header::IF_NONE_MATCH).iter().filter_map(|v| v.to_str().ok()).any(|v| {
        v.split(',').map(str::trim).any(|tag| tag == "*" || tag.trim_start_matches("W/").as_bytes() == etag.as_bytes())
    })
}

/// The UN language a request's `Accept-Language` prefers, if it names one.
fn preferred(headers: &HeaderMap) -> Option<Preferred> {
    let header = headers.get(header::ACCEPT_LANGUAGE)?.to_str().ok()?;
    Language::from_accept(header).map(Preferred)
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("application/json"))
}

fn accepts_html(headers: &HeaderMap) -> bool {
    headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"))
}

/// The database could not be reached to check a token: 503, masked, with the request id.
fn unavailable(request_id: &str) -> Response {
    let message = format!("the directory's database is unavailable; retry later (request id {request_id})");
    refuse(StatusCode::SERVICE_UNAVAILABLE, "INTERNAL_SERVER_ERROR", &message)
}

fn internal(request_id: &str) -> Response {
    let message = format!("internal server error (request id {request_id})");
    refuse(StatusCode::INTERNAL_SERVER_ERROR, "INTERNAL_SERVER_ERROR", &message)
}

pub(super) fn refused(status: StatusCode, code: &str, message: &str) -> Refused {
    Box::new(refuse(status, code, message))
}

fn refuse(status: StatusCode, code: &str, message: &str) -> Response {
    super::metrics::error(code);
    (status, Json(json!({ "errors": [{ "message": message, "extensions": { "code": code } }] }))).into_response()
}

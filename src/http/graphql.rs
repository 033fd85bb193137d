//! `/graphql`: POST with `application/json` for everything, GET with `?query=` for queries only, GraphiQL for
//! browsers. Transport errors answer with a status and a GraphQL-shaped body whose `extensions.code` says why.

use std::{collections::HashMap, net::SocketAddr};

use async_graphql::{
    http::GraphiQLSource,
    parser::{
        parse_query,
        types::{DocumentOperations, OperationType},
    },
};
use axum::{
    Json,
    body::Bytes,
    extract::{ConnectInfo, Query, RawQuery, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{Html, IntoResponse, Response},
};
use serde_json::json;

use super::{
    AppState,
    cache::{Answer, Key},
};
use crate::auth::Viewer;
use crate::error::AppError;
use crate::graphql::{errors, loaders::Loaders, schema};

pub(super) async fn post(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if !is_json(&headers) {
        return refuse(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "UNSUPPORTED_MEDIA_TYPE",
            "send the request as application/json",
        );
    }
    let key = state.cache.as_ref().map(|_| Key::new(false, headers.get(header::AUTHORIZATION), body.clone()));
    respond(&state, peer, &headers, false, key, || parse_body(&body)).await
}

fn parse_body(body: &[u8]) -> Result<async_graphql::Request, Refused> {
    let value: serde_json::Value = serde_json::from_slice(body)
        .map_err(|e| refused(StatusCode::BAD_REQUEST, "BAD_REQUEST", &format!("the body is not valid JSON: {e}")))?;
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
    if !params.contains_key("query") {
        if accepts_html(&headers) {
            return Html(GraphiQLSource::build().endpoint("/graphql").title("cna-directory").finish()).into_response();
        }
        return refuse(StatusCode::BAD_REQUEST, "BAD_REQUEST", "pass the query as ?query=…, or POST it as JSON");
    }
    let key = state
        .cache
        .as_ref()
        .map(|_| Key::new(true, headers.get(header::AUTHORIZATION), Bytes::from(raw.unwrap_or_default().into_bytes())));
    respond(&state, peer, &headers, true, key, || parse_params(&params)).await
}

fn parse_params(params: &HashMap<String, String>) -> Result<async_graphql::Request, Refused> {
    let query = params.get("query").cloned().unwrap_or_default();
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

/// The SDL of the served schema, for clients that generate code from it.
pub(super) async fn sdl() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], schema::sdl())
}

/// Answers one request: from the cache when it holds a current answer, by running the operation otherwise.
/// A request the cache holds an answer for is not parsed before it is admitted: its bytes were valid when stored.
async fn respond(
    state: &AppState,
    peer: SocketAddr,
    headers: &HeaderMap,
    get: bool,
    mut key: Option<Key>,
    parse: impl Fn() -> Result<async_graphql::Request, Refused>,
) -> Response {
    let held = match (&state.cache, &key) {
        (Some(cache), Some(key)) => cache.holds(key),
        _ => false,
    };
    let mut request = None;
    if !held {
        let parsed = match parse() {
            Ok(parsed) => parsed,
            Err(response) => return *response,
        };
        // One look at the operation answers both questions: a mutation over GET is refused, only queries are cached.
        if get || key.is_some() {
            let kind = operation_type(&parsed.query, parsed.operation_name.as_deref());
            if get && kind == Some(OperationType::Mutation) {
                let mut response =
                    refuse(StatusCode::METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED", "mutations must be sent with POST");
                response.headers_mut().insert(header::ALLOW, header::HeaderValue::from_static("POST"));
                return response;
            }
            if kind != Some(OperationType::Query) {
                key = None;
            }
        }
        request = Some(parsed);
    }
    let (viewer, request_id) = match admit(state, peer, headers).await {
        Ok(admitted) => admitted,
        Err(response) => return response,
    };
    let cached = match (&state.cache, key) {
        (Some(cache), Some(key)) => cache.version(&state.db).await.map(|version| (cache, key, version)),
        _ => None,
    };
    if let Some((cache, key, version)) = &cached
        && let Some(answer) = cache.get(key, *version)
    {
        cache.hits.increment(1);
        return answered(headers, key, answer);
    }
    let request = match request.map_or_else(parse, Ok) {
        Ok(request) => request,
        Err(response) => return *response,
    };
    let response = match execute(state, viewer, &request_id, request).await {
        Ok(response) => response,
        Err(refusal) => return refusal,
    };
    match cached {
        Some((cache, key, version)) if response.is_ok() => {
            cache.misses.increment(1);
            let body = match serde_json::to_vec(&response) {
                Ok(body) => Bytes::from(body),
                Err(_) => return internal(&request_id),
            };
            let answer = Answer::new(body);
            cache.put(key.clone(), version, answer.clone());
            answered(headers, &key, answer)
        }
        _ => Json(response).into_response(),
    }
}

/// A stored answer as an HTTP response. Answers to GET carry an entity tag, so a polling portal may send
/// `If-None-Match` and get 304 while nothing changed.
fn answered(headers: &HeaderMap, key: &Key, answer: Answer) -> Response {
    let mut response = if key.is_get() && if_none_match(headers, &answer.etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        ([(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], answer.body).into_response()
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

/// Checks who is asking and whether they may ask now: the token, public read, the rate limit.
async fn admit(state: &AppState, peer: SocketAddr, headers: &HeaderMap) -> Result<(Viewer, String), Response> {
    let request_id = headers.get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-").to_owned();
    let authorization = headers.get(header::AUTHORIZATION).map(|v| v.as_bytes());
    let viewer = match state.auth.viewer(&state.db, authorization).await {
        Ok(viewer) => viewer,
        Err(e @ AppError::Internal(_)) => {
            tracing::error!(request_id, cause = %e.chain(), "internal error while checking a token");
            return Err(internal(&request_id));
        }
        Err(e) => return Err(unauthenticated(&e.to_string())),
    };
    if !state.public_read && viewer.actor.is_none() {
        return Err(unauthenticated("this directory requires a bearer token for every request"));
    }
    if let Some(limiter) = &state.rate_limit {
        let client = match &viewer.actor {
            Some(actor) => format!("sub:{}", actor.sub),
            None => format!("ip:{}", peer.ip()),
        };
        if let Err(wait) = limiter.check(&client) {
            let mut response = refuse(StatusCode::TOO_MANY_REQUESTS, "RATE_LIMITED", "too many requests; retry later");
            let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            response.headers_mut().insert(header::RETRY_AFTER, header::HeaderValue::from(secs.max(1)));
            return Err(response);
        }
    }
    Ok((viewer, request_id))
}

/// Runs an admitted operation within the request time limit, and counts it.
async fn execute(
    state: &AppState,
    viewer: Viewer,
    request_id: &str,
    request: async_graphql::Request,
) -> Result<async_graphql::Response, Response> {
    let request = request.data(Loaders::new(&state.db, viewer.sees_restricted())).data(viewer);
    let operation = request
        .operation_name
        .clone()
        .or_else(|| operation_name(&request.query))
        .unwrap_or_else(|| "anonymous".to_owned());
    let started = std::time::Instant::now();
    // Dropping a request that runs too long releases its database connection with it.
    let Ok(mut response) = tokio::time::timeout(state.request_timeout, state.schema.execute(request)).await else {
        tracing::warn!(request_id, "request cut off after {:?}", state.request_timeout);
        return Err(refuse(StatusCode::SERVICE_UNAVAILABLE, "TIMEOUT", "the request took too long and was cut off"));
    };
    errors::finish(&mut response, request_id);
    metrics::histogram!(super::metrics::LATENCY, "operation" => operation.clone())
        .record(started.elapsed().as_secs_f64());
    let outcome = if response.errors.is_empty() { "ok" } else { "error" };
    metrics::counter!(super::metrics::REQUESTS, "operation" => operation, "outcome" => outcome).increment(1);
    for e in &response.errors {
        if let Some(async_graphql::Value::String(code)) = e.extensions.as_ref().and_then(|x| x.get("code")) {
            super::metrics::error(code);
        }
    }
    Ok(response)
}

/// The name of a document's first operation (`query Name …`), for metrics; no full parse.
fn operation_name(query: &str) -> Option<String> {
    let mut words =
        query.trim_start().split(|c: char| c.is_whitespace() || "({@".contains(c)).filter(|w| !w.is_empty());
    match words.next()? {
        "query" | "mutation" | "subscription" => {
            let name = words.next()?;
            let valid = name.len() <= 64 && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            valid.then(|| name.to_owned())
        }
        _ => None,
    }
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

/// The type of the operation a request would run: with several operations and no name, a mutation among them
/// counts. Unparsable documents are left to the executor, which reports them as GraphQL errors.
fn operation_type(query: &str, operation_name: Option<&str>) -> Option<OperationType> {
    let doc = parse_query(query).ok()?;
    match doc.operations {
        DocumentOperations::Single(op) => Some(op.node.ty),
        DocumentOperations::Multiple(ops) => match operation_name {
            Some(name) => ops.get(name).map(|op| op.node.ty),
            None if ops.values().any(|op| op.node.ty == OperationType::Mutation) => Some(OperationType::Mutation),
            None => None,
        },
    }
}

fn internal(request_id: &str) -> Response {
    let message = format!("internal server error (request id {request_id})");
    refuse(StatusCode::INTERNAL_SERVER_ERROR, "INTERNAL_SERVER_ERROR", &message)
}

fn unauthenticated(message: &str) -> Response {
    let mut response = refuse(StatusCode::UNAUTHORIZED, "UNAUTHENTICATED", message);
    response.headers_mut().insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
    response
}

/// A refusal decided before the request is admitted, boxed to keep the `Result`s carrying it small.
type Refused = Box<Response>;

fn refused(status: StatusCode, code: &str, message: &str) -> Refused {
    Box::new(refuse(status, code, message))
}

fn refuse(status: StatusCode, code: &str, message: &str) -> Response {
    super::metrics::error(code);
    (status, Json(json!({ "errors": [{ "message": message, "extensions": { "code": code } }] }))).into_response()
}

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
    extract::{ConnectInfo, Query, State},
    http::{HeaderMap, StatusCode, header},
    response::{Html, IntoResponse, Response},
};
use serde_json::json;

use super::AppState;
use crate::error::AppError;
use crate::graphql::{errors, loaders::Loaders, schema};

pub async fn post(
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
    let value: serde_json::Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => return refuse(StatusCode::BAD_REQUEST, "BAD_REQUEST", &format!("the body is not valid JSON: {e}")),
    };
    if value.is_array() {
        return refuse(
            StatusCode::BAD_REQUEST,
            "BAD_REQUEST",
            "batched requests are not supported: send one operation per request",
        );
    }
    let has_query = value.get("query").and_then(|q| q.as_str()).is_some_and(|q| !q.trim().is_empty());
    if !has_query {
        return refuse(
            StatusCode::BAD_REQUEST,
            "BAD_REQUEST",
            "the body must carry the operation as a non-empty `query` string",
        );
    }
    match serde_json::from_value::<async_graphql::Request>(value) {
        Ok(request) => execute(&state, peer, &headers, request).await,
        Err(e) => refuse(StatusCode::BAD_REQUEST, "BAD_REQUEST", &format!("not a GraphQL request: {e}")),
    }
}

pub async fn get(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let Some(query) = params.get("query") else {
        if accepts_html(&headers) {
            return Html(GraphiQLSource::build().endpoint("/graphql").title("cna-directory").finish()).into_response();
        }
        return refuse(StatusCode::BAD_REQUEST, "BAD_REQUEST", "pass the query as ?query=…, or POST it as JSON");
    };
    let operation_name = params.get("operationName").cloned();
    if is_mutation(query, operation_name.as_deref()) {
        let mut response =
            refuse(StatusCode::METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED", "mutations must be sent with POST");
        response.headers_mut().insert(header::ALLOW, header::HeaderValue::from_static("POST"));
        return response;
    }
    let variables = match params.get("variables").map(|v| serde_json::from_str(v)).transpose() {
        Ok(v) => v.map(async_graphql::Variables::from_json).unwrap_or_default(),
        Err(e) => {
            return refuse(StatusCode::BAD_REQUEST, "BAD_REQUEST", &format!("`variables` is not valid JSON: {e}"));
        }
    };
    let mut request = async_graphql::Request::new(query.clone()).variables(variables);
    if let Some(name) = operation_name {
        request = request.operation_name(name);
    }
    execute(&state, peer, &headers, request).await
}

/// The SDL of the served schema, for clients that generate code from it.
pub async fn sdl() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], schema::sdl())
}

async fn execute(state: &AppState, peer: SocketAddr, headers: &HeaderMap, request: async_graphql::Request) -> Response {
    let request_id = headers.get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-").to_owned();
    let authorization = headers.get(header::AUTHORIZATION).map(|v| v.as_bytes());
    let viewer = match state.auth.viewer(&state.db, authorization).await {
        Ok(viewer) => viewer,
        Err(AppError::Internal(cause)) => {
            tracing::error!(request_id, cause = %cause, "internal error while checking a token");
            let message = format!("internal server error (request id {request_id})");
            return refuse(StatusCode::INTERNAL_SERVER_ERROR, "INTERNAL_SERVER_ERROR", &message);
        }
        Err(e) => return unauthenticated(&e.to_string()),
    };
    if !state.public_read && viewer.actor.is_none() {
        return unauthenticated("this directory requires a bearer token for every request");
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
            return response;
        }
    }
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
        return refuse(StatusCode::SERVICE_UNAVAILABLE, "TIMEOUT", "the request took too long and was cut off");
    };
    errors::finish(&mut response, &request_id);
    metrics::histogram!(super::metrics::LATENCY, "operation" => operation.clone())
        .record(started.elapsed().as_secs_f64());
    let outcome = if response.errors.is_empty() { "ok" } else { "error" };
    metrics::counter!(super::metrics::REQUESTS, "operation" => operation, "outcome" => outcome).increment(1);
    for e in &response.errors {
        if let Some(async_graphql::Value::String(code)) = e.extensions.as_ref().and_then(|x| x.get("code")) {
            super::metrics::error(code);
        }
    }
    Json(response).into_response()
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

/// Whether the operation a GET would run is a mutation. Unparsable documents are left to the executor, which
/// reports them as GraphQL errors.
fn is_mutation(query: &str, operation_name: Option<&str>) -> bool {
    let Ok(doc) = parse_query(query) else { return false };
    match doc.operations {
        DocumentOperations::Single(op) => op.node.ty == OperationType::Mutation,
        DocumentOperations::Multiple(ops) => match operation_name {
            Some(name) => ops.get(name).is_some_and(|op| op.node.ty == OperationType::Mutation),
            None => ops.values().any(|op| op.node.ty == OperationType::Mutation),
        },
    }
}

fn unauthenticated(message: &str) -> Response {
    let mut response = refuse(StatusCode::UNAUTHORIZED, "UNAUTHENTICATED", message);
    response.headers_mut().insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
    response
}

fn refuse(status: StatusCode, code: &str, message: &str) -> Response {
    super::metrics::error(code);
    (status, Json(json!({ "errors": [{ "message": message, "extensions": { "code": code } }] }))).into_response()
}

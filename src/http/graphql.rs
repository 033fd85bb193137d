//! `/graphql`: POST with `application/json` for everything, GET with `?query=` for queries only, GraphiQL for
//! browsers. Transport errors answer with a status and a GraphQL-shaped body whose `extensions.code` says why.

use std::collections::HashMap;

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
    extract::{Query, State},
    http::{HeaderMap, StatusCode, header},
    response::{Html, IntoResponse, Response},
};
use serde_json::json;

use super::AppState;
use crate::error::AppError;
use crate::graphql::{errors, loaders::Loaders, schema};

pub async fn post(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
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
        Ok(request) => execute(&state, &headers, request).await,
        Err(e) => refuse(StatusCode::BAD_REQUEST, "BAD_REQUEST", &format!("not a GraphQL request: {e}")),
    }
}

pub async fn get(
    State(state): State<AppState>,
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
    execute(&state, &headers, request).await
}

/// The SDL of the served schema, for clients that generate code from it.
pub async fn sdl() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], schema::sdl())
}

async fn execute(state: &AppState, headers: &HeaderMap, request: async_graphql::Request) -> Response {
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
    let request = request.data(Loaders::new(&state.db, viewer.sees_restricted())).data(viewer);
    let mut response = state.schema.execute(request).await;
    errors::finish(&mut response, &request_id);
    Json(response).into_response()
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
    (status, Json(json!({ "errors": [{ "message": message, "extensions": { "code": code } }] }))).into_response()
}

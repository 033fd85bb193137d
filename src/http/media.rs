//! The media type of a GraphQL answer (GraphQL over HTTP). A client that accepts
//! `application/graphql-response+json` gets it, and with it the status codes that media type defines: a request
//! that fails before it runs (its document does not parse or validate, its variables do not coerce) is answered
//! 400 without `data`. Others get `application/json`, where such failures are answered 200 as before.

use axum::{
    Json,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Media {
    Json,
    GraphqlResponse,
}

const GRAPHQL_RESPONSE: &str = "application/graphql-response+json";

impl Media {
    /// `application/graphql-response+json` when the `Accept` header names it, else `application/json`.
    pub(super) fn of(headers: &HeaderMap) -> Self {
        let named = headers.get_all(header::ACCEPT).iter().filter_map(|v| v.to_str().ok()).any(|v| {
            v.split(',')
                .any(|range| range.split(';').next().is_some_and(|t| t.trim().eq_ignore_ascii_case(GRAPHQL_RESPONSE)))
        });
        if named { Self::GraphqlResponse } else { Self::Json }
    }

    pub(super) fn content_type(self) -> HeaderValue {
        match self {
            Self::Json => HeaderValue::from_static("application/json"),
            Self::GraphqlResponse => HeaderValue::from_static("application/graphql-response+json; charset=utf-8"),
        }
    }

    /// An answer the engine produced, with this media type's status.
    pub(super) fn answer(self, response: async_graphql::Response) -> Response {
        if self == Self::GraphqlResponse && failed_before_running(&response) {
            let mut body = serde_json::to_value(&response).unwrap_or_default();
            if let Some(fields) = body.as_object_mut() {
                fields.remove("data");
            }
            return (StatusCode::BAD_REQUEST, [(header::CONTENT_TYPE, self.content_type())], Json(body))
                .into_response();
        }
        let mut answer = Json(response).into_response();
        answer.headers_mut().insert(header::CONTENT_TYPE, self.content_type());
        answer
    }
}

/// No data and only errors without a path: the request failed before any field ran. (A field's error has a path,
/// even when it left `data` null.)
pub(super) fn failed_before_running(response: &async_graphql::Response) -> bool {
    response.data == async_graphql::Value::Null
        && !response.errors.is_empty()
        && response.errors.iter().all(|e| e.path.is_empty())
}

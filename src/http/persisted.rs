//! Automatic persisted queries (Apollo's protocol): a client sends a document's SHA-256 instead of the document
//! (`extensions.persistedQuery {version: 1, sha256Hash}`), by POST or by GET, so that a portal can GET through a
//! CDN with a short, cacheable address. An unknown hash answers `PersistedQueryNotFound`; the client then sends the
//! document with its hash once, which this instance keeps (the most used ones, within a bound). The document is
//! then checked and run exactly as if it had been sent in full.

use axum::http::StatusCode;
use serde_json::Value;

use super::admission::Refused;

/// Documents kept, at most (each at most the body limit; most are a few hundred bytes).
const KEPT: u64 = 10_000;

pub(crate) struct PersistedQueries {
    documents: moka::sync::Cache<String, std::sync::Arc<str>>,
}

impl Default for PersistedQueries {
    fn default() -> Self {
        Self { documents: moka::sync::Cache::new(KEPT) }
    }
}

/// The answer Apollo's clients expect for a hash they must send the document for. Never stored by a cache on the
/// way: the same address will soon have an answer.
fn not_found() -> Refused {
    let body = serde_json::json!({ "errors": [{ "message": "PersistedQueryNotFound",
        "extensions": { "code": "PERSISTED_QUERY_NOT_FOUND" } }] });
    let mut response = axum::response::IntoResponse::into_response((StatusCode::OK, axum::Json(body)));
    response.headers_mut().insert(axum::http::header::CACHE_CONTROL, axum::http::HeaderValue::from_static("no-store"));
    Box::new(response)
}

impl PersistedQueries {
    /// The document a request runs: its own `query`, or the one its hash names. `Ok(None)` when the request does
    /// not use persisted queries.
    pub(crate) fn resolve(&self, query: Option<&str>, extensions: Option<&Value>) -> Result<Option<String>, Refused> {
        let Some(persisted) = extensions.and_then(|e| e.get("persistedQuery")) else { return Ok(None) };
        let bad = |message: &str| super::graphql::refused(StatusCode::BAD_REQUEST, "BAD_REQUEST", message);
        if persisted.get("version").and_then(Value::as_i64) != Some(1) {
            return Err(bad("persistedQuery: only version 1 (SHA-256) is supported"));
        }
        let hash = persisted.get("sha256Hash").and_then(Value::as_str).unwrap_or_default();
        if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad("persistedQuery.sha256Hash: the document's SHA-256, 64 hexadecimal digits"));
        }
        let hash = hash.to_ascii_lowercase();
        match query.filter(|q| !q.trim().is_empty()) {
            Some(query) => {
                if crate::domain::sha256_hex(query) != hash {
                    return Err(bad("persistedQuery.sha256Hash is not the SHA-256 of the query sent"));
                }
                self.documents.insert(hash, query.into());
                Ok(Some(query.to_owned()))
            }
            None => self.documents.get(&hash).map(|q| Some(q.to_string())).ok_or_else(not_found),
        }
    }
}

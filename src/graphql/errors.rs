//! Maps `AppError` onto GraphQL errors: `extensions.code` always; `fields` for bad input; `currentVersion` for
//! conflicts; internal errors logged once here, with the request id, and masked for the client.

use async_graphql::{Response, ServerError, Value};

use crate::error::{AppError, FieldError};

/// Errors raised by the GraphQL engine itself (parse, validation, variable coercion) carry no `AppError`.
const VALIDATION_FAILED: &str = "GRAPHQL_VALIDATION_FAILED";

/// Most errors one answer lists, and the longest message of the engine's own it quotes: the parser's messages
/// quote the offending line whole, and a document can be one line of a megabyte; validation reports each bad
/// field of a document that may have thousands. Either would make a small request cost a large answer.
const MAX_ERRORS: usize = 50;
const MAX_ENGINE_MESSAGE_CHARS: usize = 500;

pub(crate) fn finish(response: &mut Response, request_id: &str) {
    let total = response.errors.len();
    if total > MAX_ERRORS {
        response.errors.truncate(MAX_ERRORS - 1);
        let more = format!("{} more errors not listed", total - response.errors.len());
        response.errors.push(ServerError::new(more, None));
    }
    for error in &mut response.errors {
        let app = error.source::<AppError>().cloned();
        match app {
            Some(app) => apply(error, &app, request_id),
            None => {
                if let Some((cut, _)) = error.message.char_indices().nth(MAX_ENGINE_MESSAGE_CHARS) {
                    error.message.truncate(cut);
                    error.message.push('…');
                }
                error.extensions.get_or_insert_with(Default::default).set("code", VALIDATION_FAILED)
            }
        }
    }
}

fn apply(error: &mut ServerError, app: &AppError, request_id: &str) {
    let ext = error.extensions.get_or_insert_with(Default::default);
    ext.set("code", app.code());
    match app {
        AppError::BadUserInput { fields, .. } => ext.set("fields", field_list(fields)),
        AppError::Conflict { current_version, field, message, .. } => {
            if let Some(v) = current_version {
                ext.set("currentVersion", *v);
            }
            if let Some(field) = field {
                ext.set(
                    "fields",
                    field_list(&[FieldError { field: field.clone(), message: message.clone(), problem: None }]),
                );
            }
        }
        AppError::Internal(_) => {
            tracing::error!(request_id, path = ?error.path, cause = %app.chain(), "internal error");
            ext.set("requestId", request_id);
            error.message = format!("internal server error (request id {request_id})");
        }
        _ => {}
    }
}

fn field_list(fields: &[FieldError]) -> Value {
    Value::List(
        fields
            .iter()
            .map(|f| {
                let mut obj = async_graphql::indexmap::IndexMap::new();
                obj.insert(async_graphql::Name::new("field"), Value::from(f.field.clone()));
                obj.insert(async_graphql::Name::new("message"), Value::from(f.message.clone()));
                Value::Object(obj)
            })
            .collect(),
    )
}

//! Maps `AppError` onto GraphQL errors: `extensions.code` always; `fields` for bad input; `currentVersion` for
//! conflicts; internal errors logged once here, with the request id, and masked for the client.

use async_graphql::{Response, ServerError, Value};

use crate::error::{AppError, FieldError};

/// Errors raised by the GraphQL engine itself (parse, validation, variable coercion) carry no `AppError`.
const VALIDATION_FAILED: &str = "GRAPHQL_VALIDATION_FAILED";

pub(crate) fn finish(response: &mut Response, request_id: &str) {
    for error in &mut response.errors {
        let app = error.source::<AppError>().cloned();
        match app {
            Some(app) => apply(error, &app, request_id),
            None => error.extensions.get_or_insert_with(Default::default).set("code", VALIDATION_FAILED),
        }
    }
}

fn apply(error: &mut ServerError, app: &AppError, request_id: &str) {
    let ext = error.extensions.get_or_insert_with(Default::default);
    ext.set("code", app.code());
    match app {
        AppError::BadUserInput { fields, .. } => ext.set("fields", field_list(fields)),
        AppError::Conflict { current_version, field, message } => {
            if let Some(v) = current_version {
                ext.set("currentVersion", *v);
            }
            if let Some(field) = field {
                ext.set("fields", field_list(&[FieldError { field: field.clone(), message: message.clone() }]));
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

//! One error type for the whole server, `AppError`, carrying the contract's codes.
//!
//! Policy: services return `AppError`; resolvers pass it up with `?`. The GraphQL layer (`graphql::errors`) turns it
//! into `extensions.code` (and `fields` / `currentVersion`). Client errors are reported as they are. Internal errors
//! keep their whole cause only for the log: they are logged once, with the request id, and reach the client as
//! "internal server error" with that id and nothing else (no SQL, host or stack text).

use serde::Serialize;

/// One invalid input field, as reported in `extensions.fields`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    Unauthenticated(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{message}")]
    BadUserInput { message: String, fields: Vec<FieldError> },
    #[error("{0}")]
    NotFound(String),
    #[error("{message}")]
    Conflict { message: String, current_version: Option<i32> },
    #[error("too many requests; retry later")]
    RateLimited,
    /// The cause is for the log only.
    #[error("internal server error")]
    Internal(String),
}

impl AppError {
    /// A single invalid field.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        Self::BadUserInput {
            message: format!("{field}: {message}"),
            fields: vec![FieldError { field: field.to_owned(), message }],
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Self::Unauthenticated(_) => "UNAUTHENTICATED",
            Self::Forbidden(_) => "FORBIDDEN",
            Self::BadUserInput { .. } => "BAD_USER_INPUT",
            Self::NotFound(_) => "NOT_FOUND",
            Self::Conflict { .. } => "CONFLICT",
            Self::RateLimited => "RATE_LIMITED",
            Self::Internal(_) => "INTERNAL_SERVER_ERROR",
        }
    }
}

impl From<sea_orm::DbErr> for AppError {
    /// A unique constraint that a concurrent request won is a conflict, not a fault.
    fn from(err: sea_orm::DbErr) -> Self {
        match err.sql_err() {
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
                Self::Conflict { message: "this entry already exists".into(), current_version: None }
            }
            _ => Self::Internal(format!("database: {err}")),
        }
    }
}

impl From<sea_orm::TransactionError<AppError>> for AppError {
    fn from(err: sea_orm::TransactionError<AppError>) -> Self {
        match err {
            sea_orm::TransactionError::Connection(db) => db.into(),
            sea_orm::TransactionError::Transaction(app) => app,
        }
    }
}

/// Collects invalid fields so that one answer reports all of them.
#[derive(Debug, Default)]
pub struct Invalid(Vec<FieldError>);

impl Invalid {
    /// Keeps the value of a successful check; records a `BAD_USER_INPUT` and passes any other error on.
    pub fn check<T>(&mut self, result: Result<T, AppError>) -> Result<Option<T>, AppError> {
        match result {
            Ok(v) => Ok(Some(v)),
            Err(AppError::BadUserInput { fields, .. }) => {
                self.0.extend(fields);
                Ok(None)
            }
            Err(other) => Err(other),
        }
    }

    /// Checks a field that a change may set (`Some(Some(raw))`), clear (`Some(None)`) or leave alone (`None`); an
    /// invalid value is recorded and leaves the field alone.
    pub fn patch(
        &mut self,
        field: &str,
        value: Option<Option<String>>,
        check: fn(&str, &str) -> Result<Option<String>, AppError>,
    ) -> Result<Option<Option<String>>, AppError> {
        match value {
            Some(Some(raw)) => self.check(check(field, &raw)),
            other => Ok(other),
        }
    }

    /// `BAD_USER_INPUT` listing every recorded field, if any.
    pub fn finish(self) -> Result<(), AppError> {
        if self.0.is_empty() {
            return Ok(());
        }
        let message = self.0.iter().map(|f| format!("{}: {}", f.field, f.message)).collect::<Vec<_>>().join("; ");
        Err(AppError::BadUserInput { message, fields: self.0 })
    }
}

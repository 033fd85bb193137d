//! One error type for the whole server, `AppError`, carrying the contract's codes.
//!
//! Policy: services return `AppError`; resolvers pass it up with `?`. The GraphQL layer (`graphql::errors`) turns it
//! into `extensions.code` (and `fields` / `currentVersion`). Client errors are reported as they are. Internal errors
//! keep their whole cause only for the log: they are logged once, with the request id, and reach the client as
//! "internal server error" with that id and nothing else (no SQL, host or stack text).

use std::sync::Arc;

use serde::Serialize;

/// The cause of an internal error, shared so that `AppError` stays `Clone` (GraphQL errors are cloned) while the
/// whole chain (`source()` after `source()`) is still there for the log.
pub type Cause = Arc<dyn std::error::Error + Send + Sync + 'static>;

/// One invalid input field, as reported in `extensions.fields`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: String,
    /// What is wrong, as a fact a page words in its reader's language; `message` is its English wording.
    #[serde(skip)]
    pub problem: Option<Box<Problem>>,
}

impl FieldError {
    pub fn new(field: &str, problem: Problem) -> Self {
        Self { field: field.to_owned(), message: problem.english(), problem: Some(Box::new(problem)) }
    }
}

/// What is wrong with a value a person gave: the API words it in English (`english`), the pages in the reader's
/// language (the catalogues' `problem-*` messages, with the same arguments).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum Problem {
    Blank,
    TooLong {
        length: usize,
        max: usize,
    },
    /// A character shown by its code point (`U+200B`).
    Invisible {
        character: String,
    },
    BidiControl {
        character: String,
    },
    ControlCharacter {
        character: String,
    },
    NotEmail {
        value: String,
    },
    NotPublicDomain {
        value: String,
    },
    NotInternational {
        value: String,
    },
    NotPhone {
        value: String,
    },
    NotWebAddress {
        value: String,
    },
    AddressTooLong,
    NotInAddress {
        value: String,
        character: String,
    },
    Credentials,
    LocalHost {
        value: String,
    },
    NotTimeZone {
        value: String,
    },
    NotLanguage {
        value: String,
    },
    NotIso3 {
        value: String,
    },
    NotDate,
    Repeated {
        value: String,
    },
    NotAChoice {
        value: String,
    },
    /// Another authority of the State has the same name, or one that looks the same.
    NameTaken {
        state: String,
        name: String,
        id: String,
        lookalike: bool,
    },
    AlreadyDesignated {
        basis: String,
    },
    AlreadyMember {
        state: String,
        network: String,
    },
    RoleTaken {
        network: String,
    },
    NotAMember {
        state: String,
        network: String,
    },
    /// Someone else changed the entry after the page was drawn.
    ChangedMeanwhile,
}

impl Problem {
    pub fn english(&self) -> String {
        match self {
            Problem::Blank => "must not be blank".into(),
            Problem::TooLong { length, max } => format!("is {length} characters long; at most {max} are allowed"),
            Problem::Invisible { character } => format!("contains the invisible character {character}"),
            Problem::BidiControl { character } => format!("contains the bidirectional control character {character}"),
            Problem::ControlCharacter { character } => format!("contains the control character {character}"),
            Problem::NotEmail { value } => format!("`{value}` is not an e-mail address"),
            Problem::NotPublicDomain { value } => format!("`{value}` must be at a public domain name"),
            Problem::NotInternational { value } => {
                format!("`{value}` must be in international form, starting with + and the country code")
            }
            Problem::NotPhone { value } => format!("`{value}` is not a valid international phone number"),
            Problem::NotWebAddress { value } => format!("`{value}` is not an http(s) address"),
            Problem::AddressTooLong => "is too long for an address".into(),
            Problem::NotInAddress { value, character } => {
                format!("`{value}` contains `{character}`, which an address cannot")
            }
            Problem::Credentials => "must not carry a user name or password".into(),
            Problem::LocalHost { value } => format!("`{value}` must point at a public host, not a local one"),
            Problem::NotTimeZone { value } => format!("`{value}` is not an IANA time zone such as Europe/Paris"),
            Problem::NotLanguage { value } => format!("`{value}` is not an ISO 639-1 or ISO 639-3 language code"),
            Problem::NotIso3 { value } => {
                format!("`{value}` is not an ISO 3166-1 alpha-3 code (three letters, e.g. FRA)")
            }
            Problem::NotDate => "is not a date (YYYY-MM-DD)".into(),
            Problem::Repeated { value } => format!("lists {value} more than once"),
            Problem::NotAChoice { value } => format!("`{value}` is not one of the choices"),
            Problem::NameTaken { state, name, id, lookalike } => {
                let how = match lookalike {
                    true => "whose name looks the same (other scripts or forms of the same letters):",
                    false => "named",
                };
                format!("{state} already has an authority {how} \"{name}\" (id {id})")
            }
            Problem::AlreadyDesignated { basis } => format!("the authority is already designated under {basis}"),
            Problem::AlreadyMember { state, network } => format!("{state} is already in {network} with this status"),
            Problem::RoleTaken { network } => format!("the authority already has this role in {network}"),
            Problem::NotAMember { state, network } => {
                format!("the authority's State, {state}, is not in {network}: add the membership first")
            }
            Problem::ChangedMeanwhile => "was changed by someone else after the page was drawn".into(),
        }
    }

    /// The catalogue message that words the problem, and its arguments by name.
    pub fn message(&self) -> (&'static str, Vec<(&'static str, String)>) {
        let v = |value: &String| vec![("value", value.clone())];
        match self {
            Problem::Blank => ("problem-blank", vec![]),
            Problem::TooLong { length, max } => {
                ("problem-too-long", vec![("length", length.to_string()), ("max", max.to_string())])
            }
            Problem::Invisible { character } => ("problem-invisible", vec![("character", character.clone())]),
            Problem::BidiControl { character } => ("problem-bidi-control", vec![("character", character.clone())]),
            Problem::ControlCharacter { character } => ("problem-control", vec![("character", character.clone())]),
            Problem::NotEmail { value } => ("problem-not-email", v(value)),
            Problem::NotPublicDomain { value } => ("problem-not-public-domain", v(value)),
            Problem::NotInternational { value } => ("problem-not-international", v(value)),
            Problem::NotPhone { value } => ("problem-not-phone", v(value)),
            Problem::NotWebAddress { value } => ("problem-not-web-address", v(value)),
            Problem::AddressTooLong => ("problem-address-too-long", vec![]),
            Problem::NotInAddress { value, character } => {
                ("problem-not-in-address", vec![("value", value.clone()), ("character", character.clone())])
            }
            Problem::Credentials => ("problem-credentials", vec![]),
            Problem::LocalHost { value } => ("problem-local-host", v(value)),
            Problem::NotTimeZone { value } => ("problem-not-time-zone", v(value)),
            Problem::NotLanguage { value } => ("problem-not-language", v(value)),
            Problem::NotIso3 { value } => ("problem-not-iso3", v(value)),
            Problem::NotDate => ("problem-not-date", vec![]),
            Problem::Repeated { value } => ("problem-repeated", v(value)),
            Problem::NotAChoice { value } => ("problem-not-a-choice", v(value)),
            Problem::NameTaken { state, name, lookalike, .. } => (
                if *lookalike { "problem-name-looks-taken" } else { "problem-name-taken" },
                vec![("state", state.clone()), ("name", name.clone())],
            ),
            Problem::AlreadyDesignated { basis } => ("problem-already-designated", vec![("basis", basis.clone())]),
            Problem::AlreadyMember { state, network } => {
                ("problem-already-member", vec![("state", state.clone()), ("network", network.clone())])
            }
            Problem::RoleTaken { network } => ("problem-role-taken", vec![("network", network.clone())]),
            Problem::NotAMember { state, network } => {
                ("problem-not-a-member", vec![("state", state.clone()), ("network", network.clone())])
            }
            Problem::ChangedMeanwhile => ("problem-changed-meanwhile", vec![]),
        }
    }
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
    /// `field` names the input a unique rule concerns, when the conflict is a duplicate.
    #[error("{message}")]
    Conflict { message: String, current_version: Option<i32>, field: Option<String>, problem: Option<Box<Problem>> },
    #[error("too many requests; retry later")]
    RateLimited,
    /// The cause is for the log only.
    #[error("internal server error")]
    Internal(#[source] Cause),
}

impl AppError {
    /// A single invalid field.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        Self::BadUserInput {
            message: format!("{field}: {message}"),
            fields: vec![FieldError { field: field.to_owned(), message, problem: None }],
        }
    }

    /// A single invalid field, with what is wrong as a fact.
    pub fn problem(field: &str, problem: Problem) -> Self {
        let error = FieldError::new(field, problem);
        Self::BadUserInput { message: format!("{field}: {}", error.message), fields: vec![error] }
    }

    /// An internal error with a cause of our own words.
    pub fn internal(cause: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Self::Internal(Arc::from(cause.into()))
    }

    /// A duplicate: `field` of the input names something that already exists.
    pub fn duplicate(field: &str, message: impl Into<String>) -> Self {
        Self::Conflict { message: message.into(), current_version: None, field: Some(field.to_owned()), problem: None }
    }

    /// A duplicate as a fact: `field` of the input names something that already exists.
    pub fn taken(field: &str, problem: Problem) -> Self {
        let message = problem.english();
        Self::Conflict {
            message,
            current_version: None,
            field: Some(field.to_owned()),
            problem: Some(Box::new(problem)),
        }
    }

    /// A duplicate as the refusal of its field (`None` for any other error).
    pub fn duplicate_field(&self) -> Option<FieldError> {
        match self {
            Self::Conflict { field: Some(field), message, problem, .. } => {
                Some(FieldError { field: field.clone(), message: message.clone(), problem: problem.clone() })
            }
            _ => None,
        }
    }

    /// The entry changed since the client read it: `CONFLICT` with the version it is at now.
    pub fn stale(what: &str, current: i32) -> Self {
        Self::Conflict {
            message: format!("the {what} has changed since you read it: it is now at version {current}; read it again"),
            current_version: Some(current),
            field: None,
            problem: None,
        }
    }

    /// The whole cause chain of an internal error, for the log: `outer: inner: innermost`.
    pub fn chain(&self) -> String {
        let mut out = String::new();
        let mut next: Option<&(dyn std::error::Error + 'static)> = match self {
            Self::Internal(cause) => Some(cause.as_ref()),
            other => Some(other),
        };
        while let Some(err) = next {
            if !out.is_empty() {
                out.push_str(": ");
            }
            out.push_str(&err.to_string());
            next = err.source();
        }
        out
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
    /// A unique rule that a concurrent request won is a conflict, not a fault; writers that know which input the
    /// rule concerns name it with [`OnUnique::on_unique`].
    fn from(err: sea_orm::DbErr) -> Self {
        match err.sql_err() {
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => Self::Conflict {
                message: "this entry already exists".into(),
                current_version: None,
                field: None,
                problem: None,
            },
            _ => Self::Internal(Arc::new(err)),
        }
    }
}

/// Names the input field a unique rule concerns, as realworld-axum-sqlx's `on_constraint` does: a duplicate
/// becomes `CONFLICT` with that field instead of a generic "already exists".
pub trait OnUnique<T> {
    fn on_unique(self, field: &str, message: impl FnOnce() -> String) -> Result<T, AppError>;
}

impl<T> OnUnique<T> for Result<T, sea_orm::DbErr> {
    fn on_unique(self, field: &str, message: impl FnOnce() -> String) -> Result<T, AppError> {
        self.map_err(|err| match err.sql_err() {
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => AppError::duplicate(field, message()),
            _ => err.into(),
        })
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

    /// `BAD_USER_INPUT` listing every recorded field, if any; otherwise the values every check produced (each
    /// `Some`, since a check that failed was recorded).
    pub fn finish_with<T: AllChecked>(self, values: T) -> Result<T::Values, AppError> {
        self.finish()?;
        values.all().ok_or_else(|| AppError::internal("a checked value is missing although no field was invalid"))
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

/// The results of several [`Invalid::check`]s, all present or not.
pub trait AllChecked {
    type Values;
    fn all(self) -> Option<Self::Values>;
}

impl<A> AllChecked for Option<A> {
    type Values = A;
    fn all(self) -> Option<A> {
        self
    }
}

macro_rules! all_checked {
    ($($t:ident $v:ident),+) => {
        impl<$($t),+> AllChecked for ($(Option<$t>,)+) {
            type Values = ($($t,)+);
            fn all(self) -> Option<Self::Values> {
                let ($($v,)+) = self;
                Some(($($v?,)+))
            }
        }
    };
}
all_checked!(A a, B b);
all_checked!(A a, B b, C c);
all_checked!(A a, B b, C c, D d);

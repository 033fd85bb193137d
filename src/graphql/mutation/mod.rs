//! Mutation roots, one file per resource, merged into `MutationRoot`. Resolvers translate inputs and call the
//! services, which check permission, validate, write and audit in one transaction.

mod authorities;
mod contacts;
mod networks;
mod reference;
mod review;
mod sheets;
mod webhooks;

use async_graphql::{ID, MaybeUndefined, MergedObject};
use uuid::Uuid;

use crate::error::AppError;

/// Changes to the directory; every one needs a bearer token and is scoped by its role: a focal point changes its own
/// State's entries, a secretariat its own network's, an administrator anything. Each writes its change-log entry in
/// the same transaction; a refused change writes nothing.
#[derive(MergedObject, Default)]
pub(crate) struct MutationRoot(
    authorities::AuthorityMutation,
    contacts::ContactMutation,
    networks::NetworkMutation,
    reference::ReferenceMutation,
    review::ReviewMutation,
    sheets::SheetMutation,
    webhooks::WebhookMutation,
);

/// An id argument as a UUID, or `BAD_USER_INPUT` naming the argument.
pub(crate) fn uuid(field: &str, id: &ID) -> Result<Uuid, AppError> {
    Uuid::parse_str(id.trim())
        .map_err(|_| AppError::invalid(field, format!("`{}` is not an id of this directory", id.as_str())))
}

/// Absent leaves a field unchanged; `null` clears it.
pub(crate) fn patch<T>(value: MaybeUndefined<T>) -> Option<Option<T>> {
    match value {
        MaybeUndefined::Undefined => None,
        MaybeUndefined::Null => Some(None),
        MaybeUndefined::Value(v) => Some(Some(v)),
    }
}

/// A required field of a patch: absent leaves it; `null` is not a value it can take, and is passed on as blank so
/// that its check refuses it with `BAD_USER_INPUT` naming the field, instead of being ignored.
pub(crate) fn required(value: MaybeUndefined<String>) -> Option<String> {
    match value {
        MaybeUndefined::Undefined => None,
        MaybeUndefined::Null => Some(String::new()),
        MaybeUndefined::Value(v) => Some(v),
    }
}

/// A list field of a patch: absent leaves it, `null` empties it.
pub(crate) fn patch_list<T>(value: MaybeUndefined<Vec<T>>) -> Option<Vec<T>> {
    patch(value).map(Option::unwrap_or_default)
}

//! The GraphQL API: schema assembly, query roots (one file per resource, merged), output types kept apart from the
//! database models, batched loaders, and the mapping of `AppError` onto GraphQL errors.

pub(crate) mod errors;
pub(crate) mod expansion;
pub(crate) mod inputs;
pub(crate) mod loaders;
pub(crate) mod mutation;
pub(crate) mod nesting;
pub(crate) mod order;
pub(crate) mod query;
pub(crate) mod reads;
pub(crate) mod schema;
pub(crate) mod serial;
pub(crate) mod subscription;
pub(crate) mod types;

use async_graphql::Context;
use sea_orm::DatabaseConnection;

/// The pool, registered once when the schema is built.
pub(crate) fn db<'a>(ctx: &Context<'a>) -> &'a DatabaseConnection {
    ctx.data_unchecked::<DatabaseConnection>()
}

/// The connection mutations write through (see `db::writer`): one writer on SQLite, the pool on PostgreSQL.
pub(crate) struct Writer(pub(crate) DatabaseConnection);

pub(crate) fn writer<'a>(ctx: &Context<'a>) -> &'a DatabaseConnection {
    &ctx.data_unchecked::<Writer>().0
}

/// The request's loaders, registered by the HTTP layer for every request.
pub(crate) fn loaders<'a>(ctx: &Context<'a>) -> &'a loaders::Loaders {
    ctx.data_unchecked::<loaders::Loaders>()
}

static ANONYMOUS: std::sync::LazyLock<crate::auth::Viewer> = std::sync::LazyLock::new(crate::auth::Viewer::anonymous);

/// Who is asking; the HTTP layer registers the viewer for every request.
pub(crate) fn viewer<'a>(ctx: &Context<'a>) -> &'a crate::auth::Viewer {
    ctx.data_opt::<crate::auth::Viewer>().unwrap_or(&ANONYMOUS)
}

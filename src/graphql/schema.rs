use std::sync::Arc;

use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextResolve, ResolveInfo};
use async_graphql::{Schema, ServerResult, Value};
use sea_orm::DatabaseConnection;

use super::mutation::MutationRoot;
use super::query::QueryRoot;
use super::subscription::SubscriptionRoot;

pub(crate) type AppSchema = Schema<QueryRoot, MutationRoot, SubscriptionRoot>;

/// Limits on a query's shape, checked before anything runs: a refused query costs a parse and a walk.
/// (Defaults and their settings: `config::LimitSettings`.)
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    pub depth: usize,
    pub complexity: usize,
    pub recursive_depth: usize,
    pub directives: usize,
}

/// The schema served by `/graphql`, holding the pool for resolvers.
pub(crate) fn build(
    db: DatabaseConnection,
    writer: DatabaseConnection,
    limits: Limits,
    review: crate::domain::ReviewPolicy,
    webhooks: crate::service::webhooks::WebhookPolicy,
) -> AppSchema {
    Schema::build(QueryRoot::default(), MutationRoot::default(), SubscriptionRoot)
        .data(db)
        .data(review)
        .data(webhooks)
        .data(super::Writer(writer))
        .extension(super::serial::StopAtFirstFailure)
        .extension(Described)
        // The engine's own `ID` scalar comes without a description.
        .override_output_type_description::<async_graphql::ID>(ID_DESCRIPTION)
        .override_input_type_description::<async_graphql::ID>(ID_DESCRIPTION)
        .limit_depth(limits.depth)
        .limit_complexity(limits.complexity)
        .limit_recursive_depth(limits.recursive_depth)
        .limit_directives(limits.directives)
        .finish()
}

/// What `__schema { description }` says: the directory, not the engine's stock paragraph.
pub(crate) const DESCRIPTION: &str = "The directory of competent national authorities for international cooperation in \
criminal matters: whom to send a request for mutual legal assistance, extradition or asset recovery to, how, and in \
which language; the States and their parties to the UN conventions, the networks of practitioners and their contact \
points. Public entries are readable without a token; focal points and network secretariats keep their own entries \
current with one.";

const ID_DESCRIPTION: &str = "An entry's id: a UUID for authorities, designations, contacts and network contact \
points (also their `Node` id), a growing number for changes. Pass it back as given.";

/// Answers `__Schema.description`, which the engine hard-codes, with [`DESCRIPTION`].
struct Described;

impl ExtensionFactory for Described {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(Described)
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for Described {
    async fn resolve(
        &self,
        ctx: &ExtensionContext<'_>,
        info: ResolveInfo<'_>,
        next: NextResolve<'_>,
    ) -> ServerResult<Option<Value>> {
        if info.parent_type == "__Schema" && info.name == "description" {
            return Ok(Some(Value::String(DESCRIPTION.to_owned())));
        }
        next.run(ctx, info).await
    }
}

/// The SDL of the served schema, as committed in `schema.graphql`.
pub(crate) fn sdl() -> String {
    let options = async_graphql::SDLExportOptions::new().include_specified_by();
    Schema::build(QueryRoot::default(), MutationRoot::default(), SubscriptionRoot)
        .override_output_type_description::<async_graphql::ID>(ID_DESCRIPTION)
        .override_input_type_description::<async_graphql::ID>(ID_DESCRIPTION)
        .finish()
        .sdl_with_options(options)
}

/// Cost of a root field: each is at least one database round trip, so aliasing one a thousand times is expensive.
pub(crate) const ROOT_COST: usize = 100;
/// Extra cost of a list filtered by search text: the pattern is matched against every row, for the page and again
/// for `totalCount`. (`totalCount` itself cannot be priced inside the connection: a page's items multiply what is
/// inside it.)
pub(crate) const SEARCH_COST: usize = 1_000;

/// Multiplier for an authority's short lists (designations, contacts, roles).
pub(crate) const AUTHORITY_LIST: usize = 5;
/// Multiplier for lists that grow with a network or the directory (members, contact points, conventions).
pub(crate) const NETWORK_LIST: usize = 20;

/// A paged list filtered by search text costs the scan as well.
pub(crate) fn searched(first: Option<i32>, search: bool, child_complexity: usize) -> usize {
    paged(first, child_complexity) + if search { SEARCH_COST } else { 0 }
}

/// A paged list costs its page size times its items.
pub(crate) fn paged(first: Option<i32>, child_complexity: usize) -> usize {
    let first = first.unwrap_or(crate::service::page::DEFAULT_FIRST).clamp(1, crate::service::page::MAX_FIRST) as usize;
    ROOT_COST + first * child_complexity
}

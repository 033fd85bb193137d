//! Query roots, one file per resource, merged into `QueryRoot`.

mod authorities;
pub(crate) mod changes;
mod conventions;
mod labels;
mod me;
mod networks;
pub(crate) mod node;
mod route;
mod sheets;
mod states;
mod webhooks;

use async_graphql::MergedObject;

/// Reads of the directory. Public unless said otherwise (a deployment may require a token for every read);
/// restricted contacts appear only with a valid token.
#[derive(MergedObject, Default)]
pub(crate) struct QueryRoot(
    states::StateQuery,
    conventions::ConventionQuery,
    labels::LabelQuery,
    networks::NetworkQuery,
    authorities::AuthorityQuery,
    route::RouteQuery,
    me::MeQuery,
    changes::ChangeQuery,
    sheets::SheetQuery,
    node::NodeQuery,
    webhooks::WebhookQuery,
);

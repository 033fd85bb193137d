//! Query roots, one file per resource, merged into `QueryRoot`.

mod conventions;
mod networks;
mod states;

use async_graphql::MergedObject;

#[derive(MergedObject, Default)]
pub struct QueryRoot(states::StateQuery, conventions::ConventionQuery, networks::NetworkQuery);

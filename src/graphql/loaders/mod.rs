//! Batched loaders: every field that follows a key asks its loader, which collects the keys of one level of the
//! query and fetches them in one statement (see `batch`). A request therefore sends a number of statements bounded by the shape
//! of the query, not by the number of rows. Loaders are made per request, so their caches never outlive it.

use std::collections::HashMap;

mod batch;

use async_graphql::Context;
use batch::{BatchLoader, Fetch};
use sea_orm::DatabaseConnection;

use super::types::{Convention, Network, State};
use crate::db::entities::{convention, legal_basis, network, network_link, network_membership, state, state_party};
use crate::error::AppError;
use crate::service;

/// A loader that finds one row per key.
macro_rules! one_per_key {
    ($name:ident, $model:ty, $fetch:path, $key:ident) => {
        pub struct $name(DatabaseConnection);

        impl Fetch for $name {
            type Value = $model;

            async fn fetch(&self, keys: &[String]) -> Result<HashMap<String, $model>, AppError> {
                Ok($fetch(&self.0, keys).await?.into_iter().map(|m| (m.$key.clone(), m)).collect())
            }
        }
    };
}

/// A loader that finds the rows grouped under each key, in the order the service returns them.
macro_rules! many_per_key {
    ($name:ident, $model:ty, $fetch:path, |$m:ident| $keys:expr) => {
        pub struct $name(DatabaseConnection);

        impl Fetch for $name {
            type Value = Vec<$model>;

            async fn fetch(&self, keys: &[String]) -> Result<HashMap<String, Vec<$model>>, AppError> {
                let mut groups: HashMap<String, Vec<$model>> = HashMap::new();
                for $m in $fetch(&self.0, keys).await? {
                    for key in $keys {
                        groups.entry(key).or_default().push($m.clone());
                    }
                }
                Ok(groups)
            }
        }
    };
}

one_per_key!(StateByCode, state::Model, service::states::get_many, iso3);
one_per_key!(ConventionByCode, convention::Model, service::conventions::get_many, code);
one_per_key!(NetworkByCode, network::Model, service::networks::get_many, code);
many_per_key!(MembershipsByState, network_membership::Model, service::networks::memberships_of, |m| [m
    .state_iso3
    .clone()]);
many_per_key!(MembersByNetwork, network_membership::Model, service::networks::members_of, |m| [m.network_code.clone()]);
many_per_key!(PartiesByState, state_party::Model, service::conventions::parties_of, |m| [m.state_iso3.clone()]);
many_per_key!(LegalBasesByConvention, legal_basis::Model, service::conventions::legal_bases_of, |m| [m
    .convention_code
    .clone()]);
// A link belongs to both of its networks.
many_per_key!(LinksByNetwork, network_link::Model, service::networks::links_of, |m| [
    m.network_code.clone(),
    m.linked_code.clone()
]);

type Cached<F> = BatchLoader<F>;

pub struct Loaders {
    pub states: Cached<StateByCode>,
    pub conventions: Cached<ConventionByCode>,
    pub networks: Cached<NetworkByCode>,
    pub memberships_by_state: Cached<MembershipsByState>,
    pub members_by_network: Cached<MembersByNetwork>,
    pub parties_by_state: Cached<PartiesByState>,
    pub legal_bases_by_convention: Cached<LegalBasesByConvention>,
    pub links_by_network: Cached<LinksByNetwork>,
}

fn cached<F: Fetch>(fetch: F) -> Cached<F> {
    BatchLoader::new(fetch)
}

impl Loaders {
    pub fn new(db: &DatabaseConnection) -> Self {
        Self {
            states: cached(StateByCode(db.clone())),
            conventions: cached(ConventionByCode(db.clone())),
            networks: cached(NetworkByCode(db.clone())),
            memberships_by_state: cached(MembershipsByState(db.clone())),
            members_by_network: cached(MembersByNetwork(db.clone())),
            parties_by_state: cached(PartiesByState(db.clone())),
            legal_bases_by_convention: cached(LegalBasesByConvention(db.clone())),
            links_by_network: cached(LinksByNetwork(db.clone())),
        }
    }
}

pub async fn state(ctx: &Context<'_>, code: &str) -> async_graphql::Result<Option<State>> {
    Ok(super::loaders(ctx).states.load_one(code.to_owned()).await?.map(Into::into))
}

pub async fn convention(ctx: &Context<'_>, code: &str) -> async_graphql::Result<Option<Convention>> {
    Ok(super::loaders(ctx).conventions.load_one(code.to_owned()).await?.map(Into::into))
}

pub async fn network(ctx: &Context<'_>, code: &str) -> async_graphql::Result<Option<Network>> {
    Ok(super::loaders(ctx).networks.load_one(code.to_owned()).await?.map(Into::into))
}

/// A row that a foreign key guarantees; its absence is a broken invariant, reported as an internal error.
pub fn required<T>(row: Option<T>, what: &str, key: &str) -> async_graphql::Result<T> {
    row.ok_or_else(|| AppError::Internal(format!("{what} `{key}` referenced but not found")).into())
}

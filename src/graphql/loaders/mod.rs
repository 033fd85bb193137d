//! Batched loaders: every field that follows a key asks its loader, which collects the keys of one level of the
//! query and fetches them in one statement (see `batch`). A request therefore sends a number of statements bounded
//! by the shape of the query, not by the number of rows. Loaders are made per request, for one viewer, so their
//! caches never outlive the request nor cross from one viewer to another.

pub(crate) mod ahead;
mod batch;

use std::{collections::HashMap, sync::Arc};

use async_graphql::Context;
use batch::{BatchLoader, Fetch};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use super::reads::{self, Reads};
use super::types::{Authority, Convention, LegalBasis, Network, State};
use crate::db::entities::{
    authority, authority_list_item, contact, convention, designation, legal_basis, network, network_contact_point,
    network_link, network_membership, state, state_party,
};
use crate::error::AppError;
use crate::service;

/// What every loader of a request shares: the pool, what the viewer may see, and the record of what the request
/// read (each loader records the scopes of the rows it fetched; see `graphql::reads`).
pub(crate) struct Source {
    db: DatabaseConnection,
    sees_restricted: bool,
    reads: Arc<Reads>,
}

impl Source {
    /// Records `scope`, then fetches.
    fn reading(&self, scope: reads::Scope) -> &DatabaseConnection {
        self.reads.table(scope);
        &self.db
    }

    fn reading_all(&self, scopes: &[reads::Scope]) -> &DatabaseConnection {
        self.reads.tables(scopes);
        &self.db
    }

    /// Authorities by id, recording each one's State; an id not found may yet be added anywhere.
    async fn authorities(&self, ids: &[Uuid]) -> Result<Vec<authority::Model>, AppError> {
        let rows = auth::get_many(&self.db, ids).await?;
        self.reads.states(rows.iter().map(|a| a.state_iso3.as_str()));
        if rows.len() < ids.len() {
            self.reads.table(reads::Scope::Authorities);
        }
        Ok(rows)
    }

    /// Every authority of the States, recording them.
    async fn authorities_of(&self, codes: &[String]) -> Result<Vec<authority::Model>, AppError> {
        self.reads.states(codes.iter().map(String::as_str));
        auth::of_states(&self.db, codes).await
    }
}

/// Declares a loader: `|source, keys| fetch` returns rows, `|row| keys` files each row under one or more keys.
/// `many` loaders keep each key's rows behind an `Arc`: handing them to a field, or back to the look-ahead that
/// primed them, copies no row; a field copies only the rows it answers with.
/// `shared` loaders keep each row converted once to its GraphQL type behind an `Arc`: the States, conventions,
/// legal bases and networks that every node of a page points to carry long texts (names and titles in six
/// languages, sources), which a field resolving each of them would otherwise copy.
macro_rules! loader {
    (one $name:ident, $key:ty, $model:ty, |$src:ident, $keys:ident| $fetch:expr, |$m:ident| $row_key:expr) => {
        pub(crate) struct $name(Arc<Source>);

        impl Fetch for $name {
            type Key = $key;
            type Value = $model;

            async fn fetch(&self, $keys: &[$key]) -> Result<HashMap<$key, $model>, AppError> {
                let $src = &*self.0;
                Ok($fetch.await?.into_iter().map(|$m| ($row_key, $m)).collect())
            }
        }
    };
    (shared $name:ident, $key:ty, $model:ty => $out:ty, |$src:ident, $keys:ident| $fetch:expr, |$m:ident| $row_key:expr) => {
        pub(crate) struct $name(Arc<Source>);

        impl Fetch for $name {
            type Key = $key;
            type Value = Arc<$out>;

            async fn fetch(&self, $keys: &[$key]) -> Result<HashMap<$key, Arc<$out>>, AppError> {
                let $src = &*self.0;
                Ok($fetch.await?.into_iter().map(|$m: $model| ($row_key, Arc::new(<$out>::from($m)))).collect())
            }
        }
    };
    (many $name:ident, $key:ty, $model:ty, |$src:ident, $keys:ident| $fetch:expr, |$m:ident| $row_keys:expr) => {
        pub(crate) struct $name(Arc<Source>);

        impl Fetch for $name {
            type Key = $key;
            type Value = Arc<[$model]>;

            async fn fetch(&self, $keys: &[$key]) -> Result<HashMap<$key, Arc<[$model]>>, AppError> {
                let $src = &*self.0;
                let mut groups: HashMap<$key, Vec<$model>> = HashMap::new();
                for $m in $fetch.await? {
                    // A row filed under one key (all but links) moves there instead of being copied.
                    let mut keys = $row_keys.into_iter().peekable();
                    while let Some(key) = keys.next() {
                        if keys.peek().is_some() {
                            groups.entry(key).or_default().push($m.clone());
                        } else {
                            groups.entry(key).or_default().push($m);
                            break;
                        }
                    }
                }
                Ok(groups.into_iter().map(|(key, rows)| (key, Arc::from(rows))).collect())
            }
        }
    };
}

use service::{authorities as auth, contacts, conventions as conv, designations, networks as net, parties, states};

loader!(shared StateByCode, String, state::Model => State, |s, k| states::get_many(s.reading(reads::Scope::States), k), |m| m.iso3.clone());
loader!(shared ConventionByCode, String, convention::Model => Convention, |s, k| conv::get_many(s.reading(reads::Scope::Conventions), k), |m| m.code.clone());
loader!(shared LegalBasisByCode, String, legal_basis::Model => LegalBasis, |s, k| conv::legal_bases_by_code(s.reading(reads::Scope::LegalBases), k), |m| m
    .code
    .clone());
loader!(shared NetworkByCode, String, network::Model => Network, |s, k| net::get_many(s.reading(reads::Scope::Networks), k), |m| m.code.clone());
loader!(one AuthorityById, Uuid, authority::Model, |s, k| s.authorities(k), |m| m.id);
loader!(many MembershipsByState, String, network_membership::Model, |s, k| net::memberships_of(s.reading(reads::Scope::NetworkMemberships), k), |m| [m
    .state_iso3
    .clone()]);
loader!(many MembersByNetwork, String, network_membership::Model, |s, k| net::members_of(s.reading(reads::Scope::NetworkMemberships), k), |m| [m
    .network_code
    .clone()]);
loader!(many PartiesByState, String, state_party::Model, |s, k| parties::parties_of(s.reading(reads::Scope::StateParties), k), |m| [m
    .state_iso3
    .clone()]);
loader!(many LegalBasesByConvention, String, legal_basis::Model, |s, k| conv::legal_bases_of(s.reading(reads::Scope::LegalBases), k), |m| [m
    .convention_code
    .clone()]);
// A link belongs to both of its networks.
loader!(many LinksByNetwork, String, network_link::Model, |s, k| net::links_of(s.reading(reads::Scope::NetworkLinks), k), |m| [
    m.network_code.clone(),
    m.linked_code.clone()
]);
loader!(many AuthoritiesByState, String, authority::Model, |s, k| s.authorities_of(k), |m| [m
    .state_iso3
    .clone()]);
loader!(many ListItemsByAuthority, Uuid, authority_list_item::Model, |s, k| auth::list_items_of(&s.db, k), |m| [
    m.authority_id
]);
loader!(many DesignationsByAuthority, Uuid, designation::Model, |s, k| designations::designations_of(&s.db, k), |m| [
    m.authority_id
]);
loader!(many ContactsByAuthority, Uuid, contact::Model, |s, k| contacts::contacts_of(&s.db, k, s.sees_restricted), |m| [
    m.authority_id
]);
loader!(many PointsByAuthority, Uuid, network_contact_point::Model, |s, k| net::contact_points_of_authorities(
    &s.db, k
), |m| [m.authority_id]);
loader!(many PointsByNetwork, String, network_contact_point::Model, |s, k| net::contact_points_of_networks(
    s.reading(reads::Scope::NetworkContactPoints), k
), |m| [m.network_code.clone()]);

loader!(many OrganizationsByNetwork, String, net::OrganizationMember, |s, k| net::organization_members_of(s.reading_all(&[reads::Scope::Organizations, reads::Scope::NetworkOrganizationMemberships]), k), |m| [
    m.membership.network_code.clone()
]);

pub(crate) struct Loaders {
    pub states: BatchLoader<StateByCode>,
    pub conventions: BatchLoader<ConventionByCode>,
    pub legal_bases: BatchLoader<LegalBasisByCode>,
    pub networks: BatchLoader<NetworkByCode>,
    pub authorities: BatchLoader<AuthorityById>,
    pub memberships_by_state: BatchLoader<MembershipsByState>,
    pub members_by_network: BatchLoader<MembersByNetwork>,
    pub parties_by_state: BatchLoader<PartiesByState>,
    pub legal_bases_by_convention: BatchLoader<LegalBasesByConvention>,
    pub links_by_network: BatchLoader<LinksByNetwork>,
    pub authorities_by_state: BatchLoader<AuthoritiesByState>,
    pub list_items: BatchLoader<ListItemsByAuthority>,
    pub designations: BatchLoader<DesignationsByAuthority>,
    pub contacts: BatchLoader<ContactsByAuthority>,
    pub points_by_authority: BatchLoader<PointsByAuthority>,
    pub points_by_network: BatchLoader<PointsByNetwork>,
    pub organizations_by_network: BatchLoader<OrganizationsByNetwork>,
}

impl Loaders {
    /// Loaders for one request; `sees_restricted` says whether the viewer may see restricted contacts.
    pub(crate) fn new(db: &DatabaseConnection, sees_restricted: bool, reads: Arc<Reads>) -> Self {
        let s = Arc::new(Source { db: db.clone(), sees_restricted, reads });
        Self {
            states: BatchLoader::new(StateByCode(s.clone())),
            conventions: BatchLoader::new(ConventionByCode(s.clone())),
            legal_bases: BatchLoader::new(LegalBasisByCode(s.clone())),
            networks: BatchLoader::new(NetworkByCode(s.clone())),
            authorities: BatchLoader::new(AuthorityById(s.clone())),
            memberships_by_state: BatchLoader::new(MembershipsByState(s.clone())),
            members_by_network: BatchLoader::new(MembersByNetwork(s.clone())),
            parties_by_state: BatchLoader::new(PartiesByState(s.clone())),
            legal_bases_by_convention: BatchLoader::new(LegalBasesByConvention(s.clone())),
            links_by_network: BatchLoader::new(LinksByNetwork(s.clone())),
            authorities_by_state: BatchLoader::new(AuthoritiesByState(s.clone())),
            list_items: BatchLoader::new(ListItemsByAuthority(s.clone())),
            designations: BatchLoader::new(DesignationsByAuthority(s.clone())),
            contacts: BatchLoader::new(ContactsByAuthority(s.clone())),
            points_by_authority: BatchLoader::new(PointsByAuthority(s.clone())),
            points_by_network: BatchLoader::new(PointsByNetwork(s.clone())),
            organizations_by_network: BatchLoader::new(OrganizationsByNetwork(s)),
        }
    }
}

/// Rows grouped under a key, converted to their GraphQL type; none when the key has none.
pub(crate) async fn many<F, M, T>(loader: &BatchLoader<F>, key: F::Key) -> async_graphql::Result<Vec<T>>
where
    F: Fetch<Value = Arc<[M]>>,
    M: Clone,
    T: From<M>,
{
    Ok(loader.load_one(key).await?.as_deref().unwrap_or_default().iter().cloned().map(T::from).collect())
}

pub(crate) async fn state(ctx: &Context<'_>, code: &str) -> async_graphql::Result<Option<Arc<State>>> {
    Ok(super::loaders(ctx).states.load_one(code.to_owned()).await?)
}

pub(crate) async fn convention(ctx: &Context<'_>, code: &str) -> async_graphql::Result<Option<Arc<Convention>>> {
    Ok(super::loaders(ctx).conventions.load_one(code.to_owned()).await?)
}

pub(crate) async fn legal_basis(ctx: &Context<'_>, code: &str) -> async_graphql::Result<Option<Arc<LegalBasis>>> {
    Ok(super::loaders(ctx).legal_bases.load_one(code.to_owned()).await?)
}

pub(crate) async fn network(ctx: &Context<'_>, code: &str) -> async_graphql::Result<Option<Arc<Network>>> {
    Ok(super::loaders(ctx).networks.load_one(code.to_owned()).await?)
}

pub(crate) async fn authority(ctx: &Context<'_>, id: Uuid) -> async_graphql::Result<Option<Authority>> {
    Ok(super::loaders(ctx).authorities.load_one(id).await?.map(Into::into))
}

/// A row that a foreign key guarantees; its absence is a broken invariant, reported as an internal error.
pub(crate) fn required<T>(row: Option<T>, what: &str, key: &str) -> async_graphql::Result<T> {
    row.ok_or_else(|| AppError::internal(format!("{what} `{key}` referenced but not found")).into())
}

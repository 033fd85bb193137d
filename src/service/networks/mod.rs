//! Networks, their member States, their contact points and the links between networks. Changes are in `write`.

pub(crate) mod write;

use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::db::entities::{
    network, network_contact_point, network_link, network_membership, network_organization_membership, organization,
};
use crate::domain::NetworkKind;
use crate::error::AppError;
use uuid::Uuid;

#[derive(Debug, Default, Clone)]
pub(crate) struct NetworkFilter {
    pub kind: Option<NetworkKind>,
    pub region: Option<String>,
}

pub(crate) async fn list(db: &impl ConnectionTrait, filter: &NetworkFilter) -> Result<Vec<network::Model>, AppError> {
    let mut cond = Condition::all();
    if let Some(kind) = filter.kind {
        cond = cond.add(network::Column::Kind.eq(kind));
    }
    let rows = network::Entity::find().filter(cond).order_by_asc(network::Column::Code).all(db).await?;
    // Regions are free text ("Europe", "Asia-Pacific", "Global (Europe-based)"): match a word of it, any case.
    Ok(match filter.region.as_deref().map(crate::domain::fold).filter(|r| !r.is_empty()) {
        Some(region) => rows
            .into_iter()
            .filter(|n| n.region.as_deref().is_some_and(|r| crate::domain::fold(r).contains(&region)))
            .collect(),
        None => rows,
    })
}

pub(crate) async fn get(db: &impl ConnectionTrait, code: &str) -> Result<Option<network::Model>, AppError> {
    Ok(network::Entity::find_by_id(crate::domain::canonical_code(code)).one(db).await?)
}

pub(crate) async fn get_many(db: &impl ConnectionTrait, codes: &[String]) -> Result<Vec<network::Model>, AppError> {
    Ok(network::Entity::find().filter(network::Column::Code.is_in(codes.iter().cloned())).all(db).await?)
}

/// The canonical code of a known network, or `BAD_USER_INPUT` naming `field`.
pub(crate) async fn require_code(db: &impl ConnectionTrait, field: &str, raw: &str) -> Result<String, AppError> {
    match get(db, raw).await? {
        Some(n) => Ok(n.code),
        None => Err(AppError::invalid(field, format!("no network has the code `{}`", crate::domain::shown(raw)))),
    }
}

pub(crate) async fn members_of(
    db: &impl ConnectionTrait,
    networks: &[String],
) -> Result<Vec<network_membership::Model>, AppError> {
    Ok(network_membership::Entity::find()
        .filter(network_membership::Column::NetworkCode.is_in(networks.iter().cloned()))
        .order_by_asc(network_membership::Column::StateIso3)
        .all(db)
        .await?)
}

pub(crate) async fn memberships_of(
    db: &impl ConnectionTrait,
    states: &[String],
) -> Result<Vec<network_membership::Model>, AppError> {
    Ok(network_membership::Entity::find()
        .filter(network_membership::Column::StateIso3.is_in(states.iter().cloned()))
        .order_by_asc(network_membership::Column::NetworkCode)
        .all(db)
        .await?)
}

/// Links in either direction: a link is stored once and belongs to both networks.
pub(crate) async fn links_of(
    db: &impl ConnectionTrait,
    networks: &[String],
) -> Result<Vec<network_link::Model>, AppError> {
    Ok(network_link::Entity::find()
        .filter(
            Condition::any()
                .add(network_link::Column::NetworkCode.is_in(networks.iter().cloned()))
                .add(network_link::Column::LinkedCode.is_in(networks.iter().cloned())),
        )
        .order_by_asc(network_link::Column::NetworkCode)
        .order_by_asc(network_link::Column::LinkedCode)
        .all(db)
        .await?)
}

pub(crate) async fn contact_points_of_authorities(
    db: &impl ConnectionTrait,
    ids: &[Uuid],
) -> Result<Vec<network_contact_point::Model>, AppError> {
    // Callers hold live authorities (every read filters deleted ones), so no liveness sub-select is needed here.
    Ok(network_contact_point::Entity::find()
        .filter(network_contact_point::Column::AuthorityId.is_in(ids.iter().copied()))
        .order_by_asc(network_contact_point::Column::NetworkCode)
        .order_by_asc(network_contact_point::Column::Role)
        .all(db)
        .await?)
}

pub(crate) async fn contact_points_of_networks(
    db: &impl ConnectionTrait,
    networks: &[String],
) -> Result<Vec<network_contact_point::Model>, AppError> {
    Ok(network_contact_point::Entity::find()
        .filter(network_contact_point::Column::NetworkCode.is_in(networks.iter().cloned()))
        .filter(network_contact_point::Column::AuthorityId.in_subquery(super::authorities::live_ids()))
        .order_by_asc(network_contact_point::Column::NetworkCode)
        .order_by_asc(network_contact_point::Column::AuthorityId)
        .order_by_asc(network_contact_point::Column::Role)
        .all(db)
        .await?)
}

/// One contact point of a live authority.
pub(crate) async fn contact_point(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<Option<network_contact_point::Model>, AppError> {
    Ok(network_contact_point::Entity::find()
        .filter(network_contact_point::Column::Id.eq(id))
        .filter(network_contact_point::Column::AuthorityId.in_subquery(super::authorities::live_ids()))
        .one(db)
        .await?)
}

/// An organisation's part in a network, with the organisation.
#[derive(Debug, Clone)]
pub(crate) struct OrganizationMember {
    pub(crate) membership: network_organization_membership::Model,
    pub(crate) organization: organization::Model,
}

/// Member organisations of the given networks, by organisation code.
pub(crate) async fn organization_members_of(
    db: &impl ConnectionTrait,
    networks: &[String],
) -> Result<Vec<OrganizationMember>, AppError> {
    let rows = network_organization_membership::Entity::find()
        .filter(network_organization_membership::Column::NetworkCode.is_in(networks.iter().cloned()))
        .order_by_asc(network_organization_membership::Column::OrganizationCode)
        .all(db)
        .await?;
    let codes: Vec<String> = rows.iter().map(|m| m.organization_code.clone()).collect();
    let organizations: std::collections::HashMap<String, organization::Model> = organization::Entity::find()
        .filter(organization::Column::Code.is_in(codes))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.code.clone(), o))
        .collect();
    Ok(rows
        .into_iter()
        .filter_map(|membership| {
            let organization = organizations.get(&membership.organization_code)?.clone();
            Some(OrganizationMember { membership, organization })
        })
        .collect())
}

use async_graphql::{Context, ID, InputObject, Object, Result};

use super::uuid;
use crate::domain::{ContactPointRole, MembershipStatus, NetworkKind, NetworkLinkKind};
use crate::graphql::types::{Date, Network, NetworkContactPoint, NetworkLink, NetworkMembership};
use crate::graphql::{viewer, writer};
use crate::service::networks::write::{self, NetworkChanges};

/// A network entry: administrators create and change networks; a secretariat may change its own network's
/// description only. Absent fields stay as they are.
#[derive(InputObject)]
pub(super) struct NetworkInput {
    pub code: String,
    pub name: Option<String>,
    pub kind: Option<NetworkKind>,
    pub region: Option<String>,
    pub website: Option<String>,
    pub secretariat: Option<String>,
    pub founded_on: Option<Date>,
    pub founded_year: Option<i32>,
    pub description: Option<String>,
}

#[derive(Default)]
pub(super) struct NetworkMutation;

#[Object]
impl NetworkMutation {
    /// Adds a State to a network or changes its status (the network's secretariat or an administrator).
    async fn set_network_membership(
        &self,
        ctx: &Context<'_>,
        network: String,
        state: String,
        status: MembershipStatus,
        since: Option<Date>,
    ) -> Result<NetworkMembership> {
        let since = since.map(|d| d.0);
        Ok(write::set_membership(writer(ctx), viewer(ctx), &network, &state, status, since).await?.into())
    }

    /// Removes a State from a network; `false` when it was not a member.
    async fn remove_network_membership(&self, ctx: &Context<'_>, network: String, state: String) -> Result<bool> {
        Ok(write::remove_membership(writer(ctx), viewer(ctx), &network, &state).await?)
    }

    /// Makes an authority a contact point of a network in a role.
    async fn add_network_contact_point(
        &self,
        ctx: &Context<'_>,
        network: String,
        authority_id: ID,
        role: ContactPointRole,
        label: Option<String>,
    ) -> Result<NetworkContactPoint> {
        let id = uuid("authorityId", &authority_id)?;
        let row = write::add_contact_point(writer(ctx), viewer(ctx), &network, id, role, label.as_deref()).await?;
        Ok(row.into())
    }

    async fn remove_network_contact_point(&self, ctx: &Context<'_>, id: ID) -> Result<ID> {
        let id = uuid("id", &id)?;
        Ok(ID(write::remove_contact_point(writer(ctx), viewer(ctx), id).await?.to_string()))
    }

    /// Creates or changes a network.
    async fn upsert_network(&self, ctx: &Context<'_>, input: NetworkInput) -> Result<Network> {
        let changes = NetworkChanges {
            name: input.name,
            kind: input.kind,
            region: input.region,
            website: input.website,
            secretariat: input.secretariat,
            founded_on: input.founded_on.map(|d| d.0),
            founded_year: input.founded_year,
            description: input.description,
        };
        Ok(write::upsert(writer(ctx), viewer(ctx), &input.code, changes).await?.into())
    }

    /// Records a memorandum or agreement between two networks (administrators).
    async fn link_networks(
        &self,
        ctx: &Context<'_>,
        network: String,
        linked: String,
        kind: NetworkLinkKind,
        since: Option<Date>,
    ) -> Result<NetworkLink> {
        let row = write::link(writer(ctx), viewer(ctx), &network, &linked, kind, since.map(|d| d.0)).await?;
        let code = row.network_code.clone();
        Ok(NetworkLink::seen_from(&code, row))
    }
}

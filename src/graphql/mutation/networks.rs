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
    /// The network's code: capital letters, digits and `_`, at most 40 (e.g. `EJN`); names the network to change,
    /// or the new one.
    pub code: String,
    /// The full name, one line of at most 300 characters; required for a new network.
    pub name: Option<String>,
    /// What the network is; required for a new network.
    pub kind: Option<NetworkKind>,
    /// The region the network covers, in words; at most 300 characters. An empty string clears it.
    pub region: Option<String>,
    /// The web site, an `http` or `https` address on a public host. An empty string clears it.
    pub website: Option<String>,
    /// Who runs the secretariat, and where; at most 300 characters. An empty string clears it.
    pub secretariat: Option<String>,
    /// The date of the founding act.
    pub founded_on: Option<Date>,
    /// The year the network was founded.
    pub founded_year: Option<i32>,
    /// What the network does; free text, at most 10,000 characters. The only field a secretariat may change. An empty
    /// string clears it.
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
        #[graphql(desc = "The network's code, e.g. `EJN` (any case).")] network: String,
        #[graphql(desc = "The State's ISO 3166-1 alpha-3 code (any case).")] state: String,
        #[graphql(desc = "How the State takes part.")] status: MembershipStatus,
        #[graphql(desc = "The date the State joined, or took up this status, where known.")] since: Option<Date>,
    ) -> Result<NetworkMembership> {
        let since = since.map(|d| d.0);
        Ok(write::set_membership(writer(ctx), viewer(ctx), &network, &state, status, since).await?.into())
    }

    /// Removes a State from a network; `false` when it was not a member.
    async fn remove_network_membership(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The network's code, e.g. `EJN` (any case).")] network: String,
        #[graphql(desc = "The State's ISO 3166-1 alpha-3 code (any case).")] state: String,
    ) -> Result<bool> {
        Ok(write::remove_membership(writer(ctx), viewer(ctx), &network, &state).await?)
    }

    /// Makes an authority a contact point of a network in a role (the network's secretariat or an administrator).
    /// The authority's State must take part in the network (in any status); the same role twice is `CONFLICT`.
    async fn add_network_contact_point(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The network's code, e.g. `EJN` (any case).")] network: String,
        #[graphql(desc = "The id (a UUID) of the authority that becomes a contact point.")] authority_id: ID,
        #[graphql(desc = "The part the authority plays in the network.")] role: ContactPointRole,
        #[graphql(desc = "How the network names the role, at most 300 characters, e.g. EJN contact point (judicial).")]
        label: Option<String>,
    ) -> Result<NetworkContactPoint> {
        let id = uuid("authorityId", &authority_id)?;
        let row = write::add_contact_point(writer(ctx), viewer(ctx), &network, id, role, label.as_deref()).await?;
        Ok(row.into())
    }

    /// Ends an authority's role in a network (the network's secretariat, an administrator, or the focal point of the
    /// authority's State); answers its id.
    async fn remove_network_contact_point(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The contact point's id (a UUID).")] id: ID,
    ) -> Result<ID> {
        let id = uuid("id", &id)?;
        Ok(ID(write::remove_contact_point(writer(ctx), viewer(ctx), id).await?.to_string()))
    }

    /// Creates or changes a network (administrators; a secretariat may change its own network's description only).
    async fn upsert_network(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The network, by code; fields left out stay as they are.")] input: NetworkInput,
    ) -> Result<Network> {
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
        #[graphql(desc = "One network's code.")] network: String,
        #[graphql(desc = "The other network's code; not the same network.")] linked: String,
        #[graphql(desc = "A memorandum of understanding or an agreement.")] kind: NetworkLinkKind,
        #[graphql(desc = "The date it was signed or took effect, where known.")] since: Option<Date>,
    ) -> Result<NetworkLink> {
        let row = write::link(writer(ctx), viewer(ctx), &network, &linked, kind, since.map(|d| d.0)).await?;
        let code = row.network_code.clone();
        Ok(NetworkLink::seen_from(&code, row))
    }
}

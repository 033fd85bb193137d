//! Confirming entries: one at a time, a list at once, or everything of a State or network that was reviewed.

use crate::graphql::types::scalars::Timestamp;
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};

use super::uuid;
use crate::domain::ReviewPolicy;
use crate::error::AppError;
use crate::graphql::types::{Authority, Contact, NetworkContactPoint, NetworkMembership};
use crate::graphql::{viewer, writer};
use crate::service::review::write::{self, Confirmed, Entries, Scope};

/// A membership, by network and State.
#[derive(InputObject)]
pub(crate) struct MembershipKeyInput {
    /// The network's code, e.g. `EJN`.
    pub network: String,
    /// The member State's ISO 3166-1 alpha-3 code.
    pub state: String,
}

/// Entries to confirm, by kind (at most 2,000 in all).
#[derive(InputObject, Default)]
pub(crate) struct ConfirmEntriesInput {
    /// Ids (UUIDs) of authorities to confirm; none when left out.
    #[graphql(default)]
    pub authorities: Vec<ID>,
    /// Ids (UUIDs) of contacts to confirm; none when left out.
    #[graphql(default)]
    pub contacts: Vec<ID>,
    /// Network memberships to confirm, by network and State; none when left out.
    #[graphql(default)]
    pub memberships: Vec<MembershipKeyInput>,
    /// Ids (UUIDs) of network contact points to confirm; none when left out.
    #[graphql(default)]
    pub contact_points: Vec<ID>,
}

/// An entry by kind and id, as the change feed names them (`authority`, `contact`, `network_membership` with id
/// `NETWORK/STATE`, `network_contact_point`).
#[derive(SimpleObject)]
pub(crate) struct EntryRef {
    /// The kind of entry: `authority`, `contact`, `network_membership` or `network_contact_point`.
    pub entity: String,
    /// The entry's id: a UUID, or `NETWORK/STATE` for a membership.
    pub id: String,
}

/// The entries confirmed, as they now stand.
#[derive(SimpleObject)]
pub(crate) struct ConfirmedEntries {
    /// The authorities confirmed.
    pub authorities: Vec<Authority>,
    /// The contacts confirmed.
    pub contacts: Vec<Contact>,
    /// The network memberships confirmed.
    pub memberships: Vec<NetworkMembership>,
    /// The network contact points confirmed.
    pub contact_points: Vec<NetworkContactPoint>,
    /// Entries left unconfirmed because they changed after the review; look at them again.
    pub changed_since: Vec<EntryRef>,
}

impl From<Confirmed> for ConfirmedEntries {
    fn from(c: Confirmed) -> Self {
        Self {
            authorities: c.authorities.into_iter().map(Into::into).collect(),
            contacts: c.contacts.into_iter().map(Into::into).collect(),
            memberships: c.memberships.into_iter().map(Into::into).collect(),
            contact_points: c.contact_points.into_iter().map(Into::into).collect(),
            changed_since: c.changed_since.into_iter().map(|(entity, id)| EntryRef { entity, id }).collect(),
        }
    }
}

fn ids(field: &str, raw: &[ID]) -> Result<Vec<uuid::Uuid>, AppError> {
    raw.iter().enumerate().map(|(i, id)| uuid(&format!("{field}[{i}]"), id)).collect()
}

#[derive(Default)]
pub(crate) struct ReviewMutation;

#[Object]
impl ReviewMutation {
    /// Records that the contact was checked and is current (the authority's State or an administrator).
    async fn confirm_contact(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The contact's id (a UUID).")] id: ID,
    ) -> Result<Contact> {
        let entries = Entries { contacts: vec![uuid("id", &id)?], ..Entries::default() };
        let confirmed = write::confirm(writer(ctx), viewer(ctx), entries).await?;
        Ok(confirmed.contacts.into_iter().next().ok_or_else(|| AppError::internal("no contact confirmed"))?.into())
    }

    /// Records that the State's membership was checked and is current (the network's secretariat or an
    /// administrator).
    async fn confirm_membership(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The network's code, e.g. `EJN`.")] network: String,
        #[graphql(desc = "The member State's ISO 3166-1 alpha-3 code.")] state: String,
    ) -> Result<NetworkMembership> {
        let entries = Entries { memberships: vec![(network, state)], ..Entries::default() };
        let confirmed = write::confirm(writer(ctx), viewer(ctx), entries).await?;
        let first = confirmed.memberships.into_iter().next();
        Ok(first.ok_or_else(|| AppError::internal("no membership confirmed"))?.into())
    }

    /// Records that the contact point was checked and is current (the network's secretariat or an administrator).
    async fn confirm_contact_point(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The contact point's id (a UUID).")] id: ID,
    ) -> Result<NetworkContactPoint> {
        let entries = Entries { contact_points: vec![uuid("id", &id)?], ..Entries::default() };
        let confirmed = write::confirm(writer(ctx), viewer(ctx), entries).await?;
        let first = confirmed.contact_points.into_iter().next();
        Ok(first.ok_or_else(|| AppError::internal("no contact point confirmed"))?.into())
    }

    /// Confirms every entry named, each scoped like its other changes; all or nothing, one audit row each.
    async fn confirm_entries(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The entries to confirm, by kind.")] input: ConfirmEntriesInput,
    ) -> Result<ConfirmedEntries> {
        let entries = Entries {
            authorities: ids("input.authorities", &input.authorities)?,
            contacts: ids("input.contacts", &input.contacts)?,
            memberships: input.memberships.into_iter().map(|m| (m.network, m.state)).collect(),
            contact_points: ids("input.contactPoints", &input.contact_points)?,
        };
        Ok(write::confirm(writer(ctx), viewer(ctx), entries).await?.into())
    }

    /// Confirms everything of a State (its authorities and contacts) or of a network (its memberships and contact
    /// points) that has not changed since `reviewedAt`, the `asOf` of the to-do list the viewer went through
    /// (`me { review { asOf } }`). Entries changed after it are left unconfirmed and listed in `changedSince`.
    /// Name exactly one of `state` and `network`.
    async fn confirm_reviewed(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The State reviewed, ISO 3166-1 alpha-3 (a focal point's own, or any for an administrator).")]
        state: Option<String>,
        #[graphql(desc = "The network reviewed, by code (a secretariat's own, or any for an administrator).")]
        network: Option<String>,
        #[graphql(desc = "The `asOf` of the to-do list that was reviewed (`me { review { asOf } }`).")]
        reviewed_at: Timestamp,
    ) -> Result<ConfirmedEntries> {
        let scope = match (state, network) {
            (Some(s), None) => Scope::State(s),
            (None, Some(n)) => Scope::Network(n),
            _ => return Err(AppError::invalid("state", "name exactly one of `state` and `network`").into()),
        };
        let policy = *ctx.data_unchecked::<ReviewPolicy>();
        Ok(write::confirm_reviewed(writer(ctx), viewer(ctx), scope, reviewed_at.0, policy).await?.into())
    }
}

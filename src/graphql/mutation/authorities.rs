use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result};

use super::{patch, patch_list, required, uuid};
use crate::domain::{Channel, TransmissionMeans, UrgentChannel};
use crate::graphql::types::{Authority, Date, Designation};
use crate::graphql::{viewer, writer};
use crate::service::authorities::write::{self, AuthorityChanges};
use crate::service::designations::write::{self as designations, DesignationInput as CheckedDesignation};

/// A new authority. Text is stored in Unicode NFC; phones in E.164; languages as ISO 639 codes.
#[derive(InputObject)]
pub(crate) struct AuthorityInput {
    /// ISO 3166-1 alpha-3 of the authority's State; a focal point may name only its own.
    pub state: String,
    pub name: String,
    pub local_name: Option<String>,
    /// The name in more languages than `name` and `localName`, e.g. the UN languages a portal shows.
    pub names: Option<Vec<NameInLanguageInput>>,
    pub acronym: Option<String>,
    pub postal_address: Option<String>,
    pub city: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub fax: Option<String>,
    pub website: Option<String>,
    pub time_zone: Option<String>,
    pub office_hours: Option<String>,
    pub languages: Option<Vec<String>>,
    pub channels: Option<Vec<Channel>>,
    pub transmission_means: Option<Vec<TransmissionMeans>>,
    pub urgent_channels: Option<Vec<UrgentChannel>>,
    pub urgent_notes: Option<String>,
    pub requirements: Option<String>,
    pub notes: Option<String>,
}

/// Changes to an authority: absent fields stay as they are, `null` clears a field. An authority never moves to
/// another State.
#[derive(InputObject)]
pub(crate) struct AuthorityPatch {
    /// Cannot be `null`.
    pub name: MaybeUndefined<String>,
    pub local_name: MaybeUndefined<String>,
    /// Replaces the names in more languages; `[]` or `null` removes them.
    pub names: MaybeUndefined<Vec<NameInLanguageInput>>,
    pub acronym: MaybeUndefined<String>,
    pub postal_address: MaybeUndefined<String>,
    pub city: MaybeUndefined<String>,
    pub email: MaybeUndefined<String>,
    pub phone: MaybeUndefined<String>,
    pub fax: MaybeUndefined<String>,
    pub website: MaybeUndefined<String>,
    pub time_zone: MaybeUndefined<String>,
    pub office_hours: MaybeUndefined<String>,
    pub languages: MaybeUndefined<Vec<String>>,
    pub channels: MaybeUndefined<Vec<Channel>>,
    pub transmission_means: MaybeUndefined<Vec<TransmissionMeans>>,
    pub urgent_channels: MaybeUndefined<Vec<UrgentChannel>>,
    pub urgent_notes: MaybeUndefined<String>,
    pub requirements: MaybeUndefined<String>,
    pub notes: MaybeUndefined<String>,
}

/// An authority's name in one language.
#[derive(InputObject)]
pub(crate) struct NameInLanguageInput {
    /// ISO 639-1 or 639-3 code, e.g. `fr`, `es`, `ar`.
    pub language: String,
    pub name: String,
}

fn names(list: Vec<NameInLanguageInput>) -> Vec<(String, String)> {
    list.into_iter().map(|n| (n.language, n.name)).collect()
}

/// A designation of an authority under a legal basis.
#[derive(InputObject)]
pub(super) struct DesignationInput {
    /// E.g. `UNTOC_18_13` (see `legalBases`).
    pub legal_basis: String,
    pub scope: Option<String>,
    pub notified_on: Option<Date>,
    pub convention_accepted_as_legal_basis: Option<bool>,
}

impl From<AuthorityInput> for AuthorityChanges {
    fn from(i: AuthorityInput) -> Self {
        Self {
            name: Some(i.name),
            local_name: i.local_name.map(Some),
            acronym: i.acronym.map(Some),
            postal_address: i.postal_address.map(Some),
            city: i.city.map(Some),
            email: i.email.map(Some),
            phone: i.phone.map(Some),
            fax: i.fax.map(Some),
            website: i.website.map(Some),
            time_zone: i.time_zone.map(Some),
            office_hours: i.office_hours.map(Some),
            urgent_notes: i.urgent_notes.map(Some),
            requirements: i.requirements.map(Some),
            notes: i.notes.map(Some),
            languages: i.languages,
            names: i.names.map(names),
            channels: i.channels,
            transmission_means: i.transmission_means,
            urgent_channels: i.urgent_channels,
        }
    }
}

impl From<AuthorityPatch> for AuthorityChanges {
    fn from(p: AuthorityPatch) -> Self {
        Self {
            name: required(p.name),
            local_name: patch(p.local_name),
            acronym: patch(p.acronym),
            postal_address: patch(p.postal_address),
            city: patch(p.city),
            email: patch(p.email),
            phone: patch(p.phone),
            fax: patch(p.fax),
            website: patch(p.website),
            time_zone: patch(p.time_zone),
            office_hours: patch(p.office_hours),
            urgent_notes: patch(p.urgent_notes),
            requirements: patch(p.requirements),
            notes: patch(p.notes),
            languages: patch_list(p.languages),
            names: match p.names {
                MaybeUndefined::Undefined => None,
                MaybeUndefined::Null => Some(Vec::new()),
                MaybeUndefined::Value(list) => Some(names(list)),
            },
            channels: patch_list(p.channels),
            transmission_means: patch_list(p.transmission_means),
            urgent_channels: patch_list(p.urgent_channels),
        }
    }
}

#[derive(Default)]
pub(super) struct AuthorityMutation;

#[Object]
impl AuthorityMutation {
    /// Creates an authority of a State (its focal point or an administrator); it starts at version 1, confirmed now.
    async fn create_authority(&self, ctx: &Context<'_>, input: AuthorityInput) -> Result<Authority> {
        let state = input.state.clone();
        Ok(write::create(writer(ctx), viewer(ctx), &state, input.into()).await?.into())
    }

    /// Changes an authority if it is still at `expectedVersion`; otherwise `CONFLICT` with `currentVersion`.
    async fn update_authority(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
        input: AuthorityPatch,
    ) -> Result<Authority> {
        let id = uuid("id", &id)?;
        Ok(write::update(writer(ctx), viewer(ctx), id, expected_version, input.into()).await?.into())
    }

    /// Removes an authority from every read; its history stays.
    async fn delete_authority(&self, ctx: &Context<'_>, id: ID, expected_version: i32) -> Result<ID> {
        let id = uuid("id", &id)?;
        Ok(ID(write::delete(writer(ctx), viewer(ctx), id, expected_version).await?.to_string()))
    }

    /// Records that the entry was checked and is current.
    async fn confirm_authority(&self, ctx: &Context<'_>, id: ID) -> Result<Authority> {
        let id = uuid("id", &id)?;
        Ok(write::confirm(writer(ctx), viewer(ctx), id).await?.into())
    }

    /// Confirms every authority named (at most 500), all or nothing, one audit row each.
    async fn confirm_authorities(&self, ctx: &Context<'_>, ids: Vec<ID>) -> Result<Vec<Authority>> {
        let ids =
            ids.iter().enumerate().map(|(i, id)| uuid(&format!("ids[{i}]"), id)).collect::<Result<Vec<_>, _>>()?;
        Ok(write::confirm_many(writer(ctx), viewer(ctx), &ids).await?.into_iter().map(Into::into).collect())
    }

    /// Designates an authority under a legal basis; a second designation under the same basis is `CONFLICT`.
    async fn add_designation(
        &self,
        ctx: &Context<'_>,
        authority_id: ID,
        input: DesignationInput,
    ) -> Result<Designation> {
        let id = uuid("authorityId", &authority_id)?;
        let input = CheckedDesignation {
            legal_basis: input.legal_basis,
            scope: input.scope,
            notified_on: input.notified_on.map(|d| d.0),
            convention_accepted_as_legal_basis: input.convention_accepted_as_legal_basis,
        };
        Ok(designations::add(writer(ctx), viewer(ctx), id, input).await?.into())
    }

    async fn remove_designation(&self, ctx: &Context<'_>, id: ID) -> Result<ID> {
        let id = uuid("id", &id)?;
        Ok(ID(designations::remove(writer(ctx), viewer(ctx), id).await?.to_string()))
    }
}

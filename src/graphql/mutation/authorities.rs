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
    /// The authority's official name, one line of at most 300 characters. A second authority of the same State whose
    /// name looks the same (case, accents and look-alike letters aside) is `CONFLICT`.
    pub name: String,
    /// The name in the State's own language, where it differs from `name`; at most 300 characters.
    pub local_name: Option<String>,
    /// The name in more languages than `name` and `localName`, e.g. the UN languages a portal shows.
    pub names: Option<Vec<NameInLanguageInput>>,
    /// The acronym or short name the authority is known by; at most 300 characters.
    pub acronym: Option<String>,
    /// The full postal address for requests sent by post; several lines allowed, at most 10,000 characters.
    pub postal_address: Option<String>,
    /// The city the authority sits in; at most 300 characters.
    pub city: Option<String>,
    /// The e-mail address that receives requests; must be an address on a public domain (no IP address, no local name).
    pub email: Option<String>,
    /// The office telephone in international form, starting with `+` (spaces allowed); stored in E.164.
    pub phone: Option<String>,
    /// The fax number in international form, starting with `+` (spaces allowed); stored in E.164.
    pub fax: Option<String>,
    /// The authority's web page: an `http` or `https` address on a public host, without user name or password.
    pub website: Option<String>,
    /// The office's IANA time zone, e.g. `Europe/Paris`.
    pub time_zone: Option<String>,
    /// The opening hours, local time, one line of at most 300 characters, e.g. `Monday to Friday, 09:00–17:00`.
    pub office_hours: Option<String>,
    /// ISO 639-1 or 639-3 codes (`fr` or `fra`) of the languages in which requests are accepted, each once.
    pub languages: Option<Vec<String>>,
    /// The channels through which requests reach the authority, each once.
    pub channels: Option<Vec<Channel>>,
    /// How requests may be transmitted, each means once.
    pub transmission_means: Option<Vec<TransmissionMeans>>,
    /// How urgent requests reach the authority ahead of the formal one, each once.
    pub urgent_channels: Option<Vec<UrgentChannel>>,
    /// How to proceed in urgent cases; free text, at most 10,000 characters.
    pub urgent_notes: Option<String>,
    /// Legal and procedural requirements for requests; free text, at most 10,000 characters.
    pub requirements: Option<String>,
    /// Anything else a requesting authority should know; free text, at most 10,000 characters.
    pub notes: Option<String>,
}

/// Changes to an authority: absent fields stay as they are, `null` clears a field. An authority never moves to
/// another State.
#[derive(InputObject)]
pub(crate) struct AuthorityPatch {
    /// The authority's official name, one line of at most 300 characters; cannot be `null`. A name that looks like
    /// another authority's of the same State is `CONFLICT`.
    pub name: MaybeUndefined<String>,
    /// The name in the State's own language, where it differs from `name`; at most 300 characters.
    pub local_name: MaybeUndefined<String>,
    /// Replaces the names in more languages; `[]` or `null` removes them.
    pub names: MaybeUndefined<Vec<NameInLanguageInput>>,
    /// The acronym or short name the authority is known by; at most 300 characters.
    pub acronym: MaybeUndefined<String>,
    /// The full postal address for requests sent by post; several lines allowed, at most 10,000 characters.
    pub postal_address: MaybeUndefined<String>,
    /// The city the authority sits in; at most 300 characters.
    pub city: MaybeUndefined<String>,
    /// The e-mail address that receives requests; must be an address on a public domain (no IP address, no local name).
    pub email: MaybeUndefined<String>,
    /// The office telephone in international form, starting with `+` (spaces allowed); stored in E.164.
    pub phone: MaybeUndefined<String>,
    /// The fax number in international form, starting with `+` (spaces allowed); stored in E.164.
    pub fax: MaybeUndefined<String>,
    /// The authority's web page: an `http` or `https` address on a public host, without user name or password.
    pub website: MaybeUndefined<String>,
    /// The office's IANA time zone, e.g. `Europe/Paris`.
    pub time_zone: MaybeUndefined<String>,
    /// The opening hours, local time, one line of at most 300 characters, e.g. `Monday to Friday, 09:00–17:00`.
    pub office_hours: MaybeUndefined<String>,
    /// ISO 639-1 or 639-3 codes (`fr` or `fra`) of the languages in which requests are accepted, each once. `null` or
    /// `[]` empties the list.
    pub languages: MaybeUndefined<Vec<String>>,
    /// The channels through which requests reach the authority, each once. `null` or `[]` empties the list.
    pub channels: MaybeUndefined<Vec<Channel>>,
    /// How requests may be transmitted, each means once. `null` or `[]` empties the list.
    pub transmission_means: MaybeUndefined<Vec<TransmissionMeans>>,
    /// How urgent requests reach the authority ahead of the formal one, each once. `null` or `[]` empties the list.
    pub urgent_channels: MaybeUndefined<Vec<UrgentChannel>>,
    /// How to proceed in urgent cases; free text, at most 10,000 characters.
    pub urgent_notes: MaybeUndefined<String>,
    /// Legal and procedural requirements for requests; free text, at most 10,000 characters.
    pub requirements: MaybeUndefined<String>,
    /// Anything else a requesting authority should know; free text, at most 10,000 characters.
    pub notes: MaybeUndefined<String>,
}

/// An authority's name in one language.
#[derive(InputObject)]
pub(crate) struct NameInLanguageInput {
    /// ISO 639-1 or 639-3 code, e.g. `fr`, `es`, `ar`.
    pub language: String,
    /// The name in that language, one line of at most 300 characters.
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
    /// Territorial or subject limits of the designation; free text, at most 10,000 characters.
    pub scope: Option<String>,
    /// The date the State notified the designation to the depositary, where known.
    pub notified_on: Option<Date>,
    /// Whether the State accepts the convention itself as the legal basis for cooperation; `null` when not stated.
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
    async fn create_authority(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new authority; its `state` says whose it is.")] input: AuthorityInput,
    ) -> Result<Authority> {
        let state = input.state.clone();
        Ok(write::create(writer(ctx), viewer(ctx), &state, input.into()).await?.into())
    }

    /// Changes an authority if it is still at `expectedVersion`; otherwise `CONFLICT` with `currentVersion`.
    async fn update_authority(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The authority's id (a UUID).")] id: ID,
        #[graphql(desc = "The `version` the change was based on, as last read.")] expected_version: i32,
        #[graphql(desc = "The fields to change; fields left out stay as they are.")] input: AuthorityPatch,
    ) -> Result<Authority> {
        let id = uuid("id", &id)?;
        Ok(write::update(writer(ctx), viewer(ctx), id, expected_version, input.into()).await?.into())
    }

    /// Removes an authority from every read; its history stays.
    async fn delete_authority(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The authority's id (a UUID).")] id: ID,
        #[graphql(desc = "The `version` last read; `CONFLICT` with `currentVersion` if it changed since.")]
        expected_version: i32,
    ) -> Result<ID> {
        let id = uuid("id", &id)?;
        Ok(ID(write::delete(writer(ctx), viewer(ctx), id, expected_version).await?.to_string()))
    }

    /// Records that the entry was checked and is current (the State's focal point or an administrator): sets
    /// `lastConfirmedAt` to now and raises `version` by one.
    async fn confirm_authority(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The authority's id (a UUID).")] id: ID,
    ) -> Result<Authority> {
        let id = uuid("id", &id)?;
        Ok(write::confirm(writer(ctx), viewer(ctx), id).await?.into())
    }

    /// Confirms every authority named (at most 500), all or nothing, one audit row each.
    async fn confirm_authorities(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The authorities' ids (UUIDs), 1 to 500; one named twice is confirmed once.")] ids: Vec<ID>,
    ) -> Result<Vec<Authority>> {
        let ids =
            ids.iter().enumerate().map(|(i, id)| uuid(&format!("ids[{i}]"), id)).collect::<Result<Vec<_>, _>>()?;
        Ok(write::confirm_many(writer(ctx), viewer(ctx), &ids).await?.into_iter().map(Into::into).collect())
    }

    /// Designates an authority under a legal basis; a second designation under the same basis is `CONFLICT`.
    async fn add_designation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The id (a UUID) of the authority to designate.")] authority_id: ID,
        #[graphql(desc = "The legal basis and the designation's details.")] input: DesignationInput,
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

    /// Withdraws a designation (the focal point of the authority's State or an administrator); answers its id. The
    /// change log keeps it.
    async fn remove_designation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The designation's id (a UUID).")] id: ID,
    ) -> Result<ID> {
        let id = uuid("id", &id)?;
        Ok(ID(designations::remove(writer(ctx), viewer(ctx), id).await?.to_string()))
    }
}

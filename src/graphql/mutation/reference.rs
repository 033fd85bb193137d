use crate::graphql::types::scalars::Timestamp;
use async_graphql::{Context, InputObject, Object, Result};

use crate::domain::{AuthorityFunction, PartyStatus, StateStatus};
use crate::graphql::types::{Convention, Date, LegalBasis, State, StateParty};
use crate::graphql::{viewer, writer};
use crate::service::{conventions, parties, states, tokens};

/// A State entry as a whole (administrators): the entry with this `iso3` is created or replaced; its names in other
/// languages, intermediate region and note are kept.
#[derive(InputObject)]
pub(super) struct StateInput {
    /// ISO 3166-1 alpha-3 code (any case), e.g. `FRA`; the entry's key.
    pub iso3: String,
    /// ISO 3166-1 alpha-2 code, two letters (any case).
    pub iso2: Option<String>,
    /// UN M49 numeric code, three digits (e.g. `250`).
    pub m49: Option<String>,
    /// The name in English, one line of at most 300 characters.
    pub name: String,
    /// UN M49 region, e.g. `Europe`; at most 300 characters.
    pub region: Option<String>,
    /// UN M49 sub-region, e.g. `Western Europe`; at most 300 characters.
    pub subregion: Option<String>,
    /// What kind of entry it is.
    pub status: StateStatus,
    /// The State a territory belongs to, ISO 3166-1 alpha-3 of an entry of the directory.
    pub parent: Option<String>,
}

/// A convention entry as a whole (administrators): the entry with this `code` is created or replaced; its titles in
/// other languages are kept.
#[derive(InputObject)]
pub(super) struct ConventionInput {
    /// The code: capital letters, digits and `_`, at most 40 (e.g. `UNTOC`); the entry's key.
    pub code: String,
    /// The official title in English, at most 300 characters.
    pub title: String,
    /// The short title in English, at most 300 characters.
    pub short_title: String,
    /// The date the text was adopted.
    pub adopted_on: Option<Date>,
    /// The date the convention entered into force.
    pub entry_into_force_on: Option<Date>,
}

/// A legal basis as a whole (administrators): the entry with this `code` is created or replaced.
#[derive(InputObject)]
pub(super) struct LegalBasisInput {
    /// The code: capital letters, digits and `_`, at most 40 (e.g. `UNTOC_18_13`); the entry's key.
    pub code: String,
    /// The code of the convention the article belongs to, e.g. `UNTOC`.
    pub convention: String,
    /// The article as cited, e.g. `18(13)`; at most 300 characters.
    pub article: String,
    /// The kind of cooperation an authority designated under it handles.
    pub function: AuthorityFunction,
    /// What is designated under the article, in English; at most 300 characters.
    pub title: String,
}

#[derive(Default)]
pub(super) struct ReferenceMutation;

#[Object]
impl ReferenceMutation {
    /// Records a State's participation in a convention (administrators: it is the depositary's record).
    async fn set_state_party(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The State's ISO 3166-1 alpha-3 code (any case).")] state: String,
        #[graphql(desc = "The convention's code, e.g. `UNTOC` (any case).")] convention: String,
        #[graphql(desc = "The State's status under the convention.")] status: PartyStatus,
        #[graphql(desc = "The date the instrument of ratification, accession or the like was deposited.")]
        since: Option<Date>,
        #[graphql(desc = "The State's declarations and notifications, as free text.")] declarations: Option<String>,
    ) -> Result<StateParty> {
        let since = since.map(|d| d.0);
        let row =
            parties::write::set(writer(ctx), viewer(ctx), &state, &convention, status, since, declarations.as_deref())
                .await?;
        Ok(row.into())
    }

    /// Creates or replaces a State entry (administrators).
    async fn upsert_state(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The State entry, keyed by `iso3`.")] input: StateInput,
    ) -> Result<State> {
        let input = states::write::StateInput {
            iso3: input.iso3,
            iso2: input.iso2,
            m49: input.m49,
            name: input.name,
            region: input.region,
            subregion: input.subregion,
            status: input.status,
            parent: input.parent,
        };
        Ok(states::write::upsert(writer(ctx), viewer(ctx), input).await?.into())
    }

    /// Creates or replaces a convention (administrators).
    async fn upsert_convention(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The convention, keyed by `code`.")] input: ConventionInput,
    ) -> Result<Convention> {
        let input = conventions::write::ConventionInput {
            code: input.code,
            title: input.title,
            short_title: input.short_title,
            adopted_on: input.adopted_on.map(|d| d.0),
            entry_into_force_on: input.entry_into_force_on.map(|d| d.0),
        };
        Ok(conventions::write::upsert(writer(ctx), viewer(ctx), input).await?.into())
    }

    /// Creates or replaces a legal basis (administrators).
    async fn upsert_legal_basis(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The legal basis, keyed by `code`.")] input: LegalBasisInput,
    ) -> Result<LegalBasis> {
        let input = conventions::write::LegalBasisInput {
            code: input.code,
            convention: input.convention,
            article: input.article,
            function: input.function,
            title: input.title,
        };
        Ok(conventions::write::upsert_legal_basis(writer(ctx), viewer(ctx), input).await?.into())
    }

    /// Revokes one token by its `jti`, at once and on every instance (administrators); `false` if it already was.
    async fn revoke_token(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The token's `jti` claim, at most 200 characters.")] jti: String,
    ) -> Result<bool> {
        Ok(tokens::write::revoke(writer(ctx), viewer(ctx), &jti).await?)
    }

    /// Revokes every token of a subject issued before `issuedBefore` (default: now); answers the time in force.
    async fn revoke_tokens_of(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The tokens' `sub` claim, at most 200 characters.")] sub: String,
        #[graphql(desc = "Refuse tokens issued before this time; left out, now.")] issued_before: Option<Timestamp>,
    ) -> Result<Timestamp> {
        let issued_before = issued_before.map(|t| t.0);
        Ok(tokens::write::revoke_subject(writer(ctx), viewer(ctx), &sub, issued_before).await?.into())
    }
}

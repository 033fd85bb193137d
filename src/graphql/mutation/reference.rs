use crate::graphql::types::scalars::Timestamp;
use async_graphql::{Context, InputObject, Object, Result};

use crate::domain::{AuthorityFunction, PartyStatus, StateStatus};
use crate::graphql::types::{Convention, Date, LegalBasis, State, StateParty};
use crate::graphql::{viewer, writer};
use crate::service::{conventions, parties, states, tokens};

#[derive(InputObject)]
pub(super) struct StateInput {
    pub iso3: String,
    pub iso2: Option<String>,
    pub m49: Option<String>,
    pub name: String,
    pub region: Option<String>,
    pub subregion: Option<String>,
    pub status: StateStatus,
    /// The State a territory belongs to.
    pub parent: Option<String>,
}

#[derive(InputObject)]
pub(super) struct ConventionInput {
    pub code: String,
    pub title: String,
    pub short_title: String,
    pub adopted_on: Option<Date>,
    pub entry_into_force_on: Option<Date>,
}

#[derive(InputObject)]
pub(super) struct LegalBasisInput {
    pub code: String,
    pub convention: String,
    pub article: String,
    pub function: AuthorityFunction,
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
        state: String,
        convention: String,
        status: PartyStatus,
        since: Option<Date>,
        declarations: Option<String>,
    ) -> Result<StateParty> {
        let since = since.map(|d| d.0);
        let row =
            parties::write::set(writer(ctx), viewer(ctx), &state, &convention, status, since, declarations.as_deref())
                .await?;
        Ok(row.into())
    }

    /// Creates or replaces a State entry (administrators).
    async fn upsert_state(&self, ctx: &Context<'_>, input: StateInput) -> Result<State> {
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
    async fn upsert_convention(&self, ctx: &Context<'_>, input: ConventionInput) -> Result<Convention> {
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
    async fn upsert_legal_basis(&self, ctx: &Context<'_>, input: LegalBasisInput) -> Result<LegalBasis> {
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
    async fn revoke_token(&self, ctx: &Context<'_>, jti: String) -> Result<bool> {
        Ok(tokens::write::revoke(writer(ctx), viewer(ctx), &jti).await?)
    }

    /// Revokes every token of a subject issued before `issuedBefore` (default: now); answers the time in force.
    async fn revoke_tokens_of(
        &self,
        ctx: &Context<'_>,
        sub: String,
        issued_before: Option<Timestamp>,
    ) -> Result<Timestamp> {
        let issued_before = issued_before.map(|t| t.0);
        Ok(tokens::write::revoke_subject(writer(ctx), viewer(ctx), &sub, issued_before).await?.into())
    }
}

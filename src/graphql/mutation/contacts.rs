use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result};

use super::{patch, patch_list, uuid};
use crate::domain::Visibility;
use crate::graphql::types::Contact;
use crate::graphql::{viewer, writer};
use crate::service::contacts::write::{self as contacts, ContactChanges};

/// A person or desk of an authority. Contacts are `RESTRICTED` unless said otherwise.
#[derive(InputObject)]
pub(super) struct ContactInput {
    /// The person's or desk's name, one line of at most 300 characters.
    pub name: String,
    /// The person's title or function; at most 300 characters.
    pub position: Option<String>,
    /// A direct e-mail address, on a public domain.
    pub email: Option<String>,
    /// A direct telephone in international form, starting with `+`; stored in E.164.
    pub phone: Option<String>,
    /// ISO 639-1 or 639-3 codes (`fr` or `fra`) of the languages the contact works in, each once.
    pub languages: Option<Vec<String>>,
    /// Who may see the contact; `RESTRICTED` when left out.
    pub visibility: Option<Visibility>,
}

/// Changes to a contact: absent fields stay as they are, `null` clears a field.
#[derive(InputObject)]
pub(super) struct ContactPatch {
    /// The person's or desk's name, one line of at most 300 characters; cannot be `null`.
    pub name: MaybeUndefined<String>,
    /// The person's title or function; at most 300 characters.
    pub position: MaybeUndefined<String>,
    /// A direct e-mail address, on a public domain.
    pub email: MaybeUndefined<String>,
    /// A direct telephone in international form, starting with `+`; stored in E.164.
    pub phone: MaybeUndefined<String>,
    /// ISO 639-1 or 639-3 codes of the languages the contact works in, each once; `null` or `[]` empties the list.
    pub languages: MaybeUndefined<Vec<String>>,
    /// Who may see the contact; left out or `null`, it stays as it is.
    pub visibility: Option<Visibility>,
}

#[derive(Default)]
pub(super) struct ContactMutation;

#[Object]
impl ContactMutation {
    /// Adds a person or desk to an authority (the focal point of its State or an administrator); it starts at
    /// version 1.
    async fn add_contact(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The id (a UUID) of the authority the contact belongs to.")] authority_id: ID,
        #[graphql(desc = "The contact.")] input: ContactInput,
    ) -> Result<Contact> {
        let id = uuid("authorityId", &authority_id)?;
        let changes = ContactChanges {
            name: Some(input.name),
            position: input.position.map(Some),
            email: input.email.map(Some),
            phone: input.phone.map(Some),
            languages: input.languages,
            visibility: input.visibility,
        };
        Ok(contacts::add(writer(ctx), viewer(ctx), id, changes).await?.into())
    }

    /// Changes a contact if it is still at `expectedVersion`; otherwise `CONFLICT` with `currentVersion`.
    async fn update_contact(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The contact's id (a UUID).")] id: ID,
        #[graphql(desc = "The `version` the change was based on, as last read.")] expected_version: i32,
        #[graphql(desc = "The fields to change; fields left out stay as they are.")] input: ContactPatch,
    ) -> Result<Contact> {
        let id = uuid("id", &id)?;
        let changes = ContactChanges {
            name: super::required(input.name),
            position: patch(input.position),
            email: patch(input.email),
            phone: patch(input.phone),
            languages: patch_list(input.languages),
            visibility: input.visibility,
        };
        Ok(contacts::update(writer(ctx), viewer(ctx), id, expected_version, changes).await?.into())
    }

    /// Removes a contact (the focal point of its authority's State or an administrator); answers its id. The change
    /// log keeps what it held; `eraseContact` removes that too.
    async fn remove_contact(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The contact's id (a UUID).")] id: ID,
    ) -> Result<ID> {
        let id = uuid("id", &id)?;
        Ok(ID(contacts::remove(writer(ctx), viewer(ctx), id).await?.to_string()))
    }

    /// The right to erasure (administrators): removes the contact and redacts its data from the history.
    async fn erase_contact(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The contact's id (a UUID), also after its authority was deleted.")] id: ID,
    ) -> Result<ID> {
        let id = uuid("id", &id)?;
        Ok(ID(contacts::erase(writer(ctx), viewer(ctx), id).await?.to_string()))
    }
}

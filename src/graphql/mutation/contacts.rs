use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result};

use super::{patch, patch_list, uuid};
use crate::domain::Visibility;
use crate::graphql::types::Contact;
use crate::graphql::{viewer, writer};
use crate::service::contacts::write::{self as contacts, ContactChanges};

/// A person or desk of an authority. Contacts are `RESTRICTED` unless said otherwise.
#[derive(InputObject)]
pub(super) struct ContactInput {
    pub name: String,
    pub position: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub languages: Option<Vec<String>>,
    pub visibility: Option<Visibility>,
}

/// Changes to a contact: absent fields stay as they are, `null` clears a field.
#[derive(InputObject)]
pub(super) struct ContactPatch {
    /// Cannot be `null`.
    pub name: MaybeUndefined<String>,
    pub position: MaybeUndefined<String>,
    pub email: MaybeUndefined<String>,
    pub phone: MaybeUndefined<String>,
    pub languages: MaybeUndefined<Vec<String>>,
    pub visibility: Option<Visibility>,
}

#[derive(Default)]
pub(super) struct ContactMutation;

#[Object]
impl ContactMutation {
    async fn add_contact(&self, ctx: &Context<'_>, authority_id: ID, input: ContactInput) -> Result<Contact> {
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
        id: ID,
        expected_version: i32,
        input: ContactPatch,
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

    async fn remove_contact(&self, ctx: &Context<'_>, id: ID) -> Result<ID> {
        let id = uuid("id", &id)?;
        Ok(ID(contacts::remove(writer(ctx), viewer(ctx), id).await?.to_string()))
    }

    /// The right to erasure (administrators): removes the contact and redacts its data from the history.
    async fn erase_contact(&self, ctx: &Context<'_>, id: ID) -> Result<ID> {
        let id = uuid("id", &id)?;
        Ok(ID(contacts::erase(writer(ctx), viewer(ctx), id).await?.to_string()))
    }
}

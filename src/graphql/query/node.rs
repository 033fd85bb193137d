//! Relay's object identification: every entry with an `id` of its own (a UUID, unique across the directory)
//! implements `Node`, and `node(id:)` fetches it again by that id alone.

use async_graphql::{Context, ID, Interface, Object, Result};
use uuid::Uuid;

use crate::graphql::types::{Authority, Contact, Designation, NetworkContactPoint};
use crate::graphql::{db, loaders};

/// An entry that can be fetched again by its id alone.
// One value per `node` answer, never stored or moved in bulk: boxing the large variant would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Interface)]
#[graphql(field(name = "id", ty = "&ID", desc = "Unique across the directory (a UUID)."))]
pub(crate) enum Node {
    Authority(Authority),
    Contact(Contact),
    Designation(Designation),
    NetworkContactPoint(NetworkContactPoint),
}

#[derive(Default)]
pub(super) struct NodeQuery;

#[Object]
impl NodeQuery {
    /// The entry with this id, whatever its type; `null` when there is none, when it was deleted, or (a restricted
    /// contact) when the viewer may not see it.
    #[graphql(complexity = "crate::graphql::schema::ROOT_COST + child_complexity")]
    async fn node(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The entry's id (a UUID); anything else gives `null`.")] id: ID,
    ) -> Result<Option<Node>> {
        let Ok(id) = Uuid::parse_str(id.trim()) else { return Ok(None) };
        if let Some(a) = loaders::authority(ctx, id).await? {
            return Ok(Some(Node::Authority(a)));
        }
        let db = db(ctx);
        let sees_restricted = ctx.data_opt::<crate::auth::Viewer>().is_some_and(|v| v.sees_restricted());
        if let Some(c) = crate::service::contacts::get(db, id, sees_restricted).await? {
            return Ok(Some(Node::Contact(c.into())));
        }
        if let Some(d) = crate::service::designations::get(db, id).await? {
            return Ok(Some(Node::Designation(d.into())));
        }
        Ok(crate::service::networks::contact_point(db, id).await?.map(|p| Node::NetworkContactPoint(p.into())))
    }
}

use crate::graphql::types::scalars::Timestamp;
use async_graphql::{ComplexObject, Context, Object, Result, SimpleObject};

use crate::domain::ReviewPolicy;
use crate::graphql::types::{Authority, Contact, LegalBasis, NetworkContactPoint, NetworkMembership};
use crate::service::review;

use crate::auth::Viewer as RequestViewer;

/// The signed-in viewer, as the token says.
#[derive(SimpleObject)]
#[graphql(complex)]
pub(super) struct Viewer {
    /// The token's subject (`sub` claim): who the viewer is to the identity provider.
    pub sub: Option<String>,
    /// `admin`, `focal_point`, `network_secretariat` or `reader`.
    pub role: Option<String>,
    /// The State a focal point keeps current (ISO 3166-1 alpha-3); `null` for other roles.
    pub state: Option<String>,
    /// The network a secretariat keeps current (its code); `null` for other roles.
    pub network: Option<String>,
}

#[derive(Default)]
pub(super) struct MeQuery;

#[Object]
impl MeQuery {
    /// Who the bearer token says the viewer is; `null` for anonymous readers.
    async fn me(&self, ctx: &Context<'_>) -> Option<Viewer> {
        let viewer = ctx.data_opt::<RequestViewer>()?;
        viewer.actor.as_ref().map(|a| Viewer {
            sub: Some(a.sub.clone()),
            role: Some(a.role.as_str().to_owned()),
            state: a.state.clone(),
            network: a.network.clone(),
        })
    }
}

/// What to look at first. A focal point: its State's authorities and contacts that are stale or fall due within a
/// month, and the legal bases its State owes and has designated nobody under. A network's secretariat: its
/// memberships and contact points that are stale or fall due, and the members it has no contact point for. Parts
/// that do not concern the viewer's role are empty.
#[derive(SimpleObject)]
pub(super) struct Review {
    /// When this list was computed: pass it to `confirmReviewed` once everything on it has been checked.
    pub as_of: Timestamp,
    /// Authorities never confirmed, or confirmed longer ago than the review period.
    pub stale: Vec<Authority>,
    /// Authorities falling due within a month.
    pub due_soon: Vec<Authority>,
    /// Legal bases the State owes (a party, or participation unknown) with no authority designated.
    pub missing: Vec<LegalBasis>,
    /// Contacts of the State's authorities never confirmed, or confirmed longer ago than the review period.
    pub stale_contacts: Vec<Contact>,
    /// Contacts of the State's authorities falling due within a month.
    pub due_soon_contacts: Vec<Contact>,
    /// The network's memberships never confirmed, or confirmed longer ago than the review period.
    pub stale_memberships: Vec<NetworkMembership>,
    /// The network's memberships falling due within a month.
    pub due_soon_memberships: Vec<NetworkMembership>,
    /// The network's contact points never confirmed, or confirmed longer ago than the review period.
    pub stale_contact_points: Vec<NetworkContactPoint>,
    /// The network's contact points falling due within a month.
    pub due_soon_contact_points: Vec<NetworkContactPoint>,
    /// Member States (ISO 3166-1 alpha-3) the network has no contact point for.
    pub members_without_contact_point: Vec<String>,
}

fn all<T, U: From<T>>(items: Vec<T>) -> Vec<U> {
    items.into_iter().map(Into::into).collect()
}

#[ComplexObject]
impl Viewer {
    /// The to-do list of a focal point's State or a secretariat's network; `null` for other roles.
    async fn review(&self, ctx: &Context<'_>) -> Result<Option<Review>> {
        let db = crate::graphql::db(ctx);
        let policy = *ctx.data_unchecked::<ReviewPolicy>();
        let r = match (&self.state, &self.network) {
            (Some(state), _) => review::of_state(db, state, policy).await?,
            (None, Some(network)) => review::of_network(db, network, policy).await?,
            (None, None) => return Ok(None),
        };
        // A kept answer goes when an entry moves between the lists by the clock, with nobody writing.
        if let Some(at) = r.changes_at() {
            crate::graphql::reads::reads(ctx).until(at);
        }
        Ok(Some(Review {
            as_of: r.as_of.into(),
            stale: all(r.authorities.stale),
            due_soon: all(r.authorities.due_soon),
            missing: all(r.missing),
            stale_contacts: all(r.contacts.stale),
            due_soon_contacts: all(r.contacts.due_soon),
            stale_memberships: all(r.memberships.stale),
            due_soon_memberships: all(r.memberships.due_soon),
            stale_contact_points: all(r.contact_points.stale),
            due_soon_contact_points: all(r.contact_points.due_soon),
            members_without_contact_point: r.members_without_contact_point,
        }))
    }
}

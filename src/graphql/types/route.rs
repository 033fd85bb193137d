use async_graphql::SimpleObject;

use super::{Authority, Declaration, Network, NetworkContactPoint, State};
use crate::service::route;

/// Where a request from one State to another goes, how, and what to watch out for.
#[derive(SimpleObject)]
pub(crate) struct Route {
    /// The State the request comes from (`from`); `null` when the code names no State of the directory.
    pub requesting_state: Option<State>,
    /// The State the request goes to (`to`); `null` when the code names no State of the directory.
    pub requested_state: Option<State>,
    /// The requested State's authorities designated for the function (and convention, when given), with their
    /// languages, channels, means of transmission and urgent procedures.
    pub authorities: Vec<Authority>,
    /// Networks both States take part in.
    pub shared_networks: Vec<Network>,
    /// The requested State's contact points in the shared networks.
    pub contact_points: Vec<NetworkContactPoint>,
    /// Whether both States are recorded as parties to the convention; `null` when no known convention was given.
    pub both_parties: Option<bool>,
    /// What the requested State declared to the convention's depositary that bears on this request: for mutual
    /// legal assistance the languages it accepts and its central authority, for extradition whether it takes the
    /// convention as the legal basis, and reservations to the articles the request relies on. Empty without a
    /// convention, or where no declaration was read.
    pub declarations: Vec<Declaration>,
    /// Plain-language cautions: nothing designated, entries not confirmed for over a year, not a party, unknown codes.
    pub warnings: Vec<String>,
}

impl From<route::Route> for Route {
    fn from(r: route::Route) -> Self {
        Self {
            requesting_state: r.requesting.map(Into::into),
            requested_state: r.requested.map(Into::into),
            authorities: r.authorities.into_iter().map(Into::into).collect(),
            shared_networks: r.shared_networks.into_iter().map(Into::into).collect(),
            contact_points: r.contact_points.into_iter().map(|(p, _)| p.into()).collect(),
            both_parties: r.both_parties,
            declarations: r.declarations.into_iter().map(Into::into).collect(),
            warnings: r.warnings.iter().map(route::Warning::english).collect(),
        }
    }
}

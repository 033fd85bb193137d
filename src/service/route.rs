//! The route finder: where a request from one State to another goes, how, and what to watch out for.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::authorities::{self, AuthorityFilter};
use crate::db::entities::{
    authority, convention, network, network_contact_point, network_membership, state, state_party,
};
use crate::domain::{AuthorityFunction, Declaration, Iso3, PartyStatus, ReviewPolicy, enum_name};
use crate::error::AppError;

#[derive(Default)]
pub(crate) struct Route {
    pub requesting: Option<state::Model>,
    pub requested: Option<state::Model>,
    /// The convention asked about, when its code is known.
    pub convention: Option<convention::Model>,
    pub authorities: Vec<authority::Model>,
    pub shared_networks: Vec<network::Model>,
    /// The requested State's contact points in the shared networks, each with its authority.
    pub contact_points: Vec<(network_contact_point::Model, Option<authority::Model>)>,
    /// Each State's recorded participation in the convention (requesting first), where recorded.
    pub participation: Vec<state_party::Model>,
    pub both_parties: Option<bool>,
    /// What the requested State declared to the convention's depositary that bears on the request (its languages,
    /// central authority, legal basis for extradition, reservations to the articles relied on).
    pub declarations: Vec<Declaration>,
    pub warnings: Vec<Warning>,
}

/// Which end of the route a State is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    Requesting,
    Requested,
}

impl Side {
    fn english(self) -> &'static str {
        match self {
            Self::Requesting => "requesting",
            Self::Requested => "requested",
        }
    }
}

/// A caution the route carries. Kept as facts rather than sentences, so that the API words it in English and the
/// pages in the reader's language.
// A route has a handful of warnings: whole rows are simpler to word than boxes, and cost nothing that matters.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub(crate) enum Warning {
    NotACode { side: Side, given: String },
    NoSuchState { side: Side, code: String },
    NoSuchConvention { given: String },
    SameState { state: state::Model },
    NothingDesignated { state: state::Model, function: AuthorityFunction, convention: Option<convention::Model> },
    NeverConfirmed { authority: authority::Model, state: state::Model },
    Stale { authority: authority::Model, confirmed: DateTime<Utc>, months: u32 },
    NotParty { state: state::Model, convention: convention::Model, signatory: bool, as_of: Option<NaiveDate> },
    NotRecorded { state: state::Model, convention: convention::Model },
}

impl Warning {
    /// The warning as the API states it.
    pub(crate) fn english(&self) -> String {
        match self {
            Self::NotACode { side, given } => format!(
                "The {} State `{}` is not an ISO 3166-1 alpha-3 code (e.g. FRA).",
                side.english(),
                crate::domain::shown(given)
            ),
            Self::NoSuchState { side, code } => {
                format!("No State with the code {code} is in the directory (given as the {} State).", side.english())
            }
            Self::NoSuchConvention { given } => format!(
                "No convention has the code `{}`; authorities are listed for any convention.",
                crate::domain::shown(given)
            ),
            Self::SameState { state } => {
                format!("The requesting and the requested State are the same ({}).", state.name)
            }
            Self::NothingDesignated { state, function, convention } => {
                let under = convention.as_ref().map(|c| format!(" under the {}", c.short_title)).unwrap_or_default();
                format!(
                    "{} has no authority designated for {}{under} in the directory.",
                    state.name,
                    enum_name(function).to_lowercase().replace("_24_7", " 24/7").replace('_', " ")
                )
            }
            Self::NeverConfirmed { authority, state } => {
                format!("The entry for {} has never been confirmed by {}.", authority.name, state.name)
            }
            Self::Stale { authority, confirmed, months } => format!(
                "The entry for {} was last confirmed on {}, more than {months} months ago (the review period).",
                authority.name,
                confirmed.format("%Y-%m-%d")
            ),
            Self::NotParty { state, convention, signatory, as_of } => {
                let how = if *signatory { " (signatory only)" } else { "" };
                let as_of = as_of.map(|d| format!(" as of {d}")).unwrap_or_default();
                format!("{} is not a party to the {}{how}{as_of}.", state.name, convention.short_title)
            }
            Self::NotRecorded { state, convention } => format!(
                "{}'s participation in the {} is not recorded in the directory.",
                state.name, convention.short_title
            ),
        }
    }
}

async fn find_state(
    db: &impl ConnectionTrait,
    raw: &str,
    side: Side,
    warnings: &mut Vec<Warning>,
) -> Result<Option<state::Model>, AppError> {
    let Ok(code) = Iso3::parse(side.english(), raw) else {
        warnings.push(Warning::NotACode { side, given: raw.to_owned() });
        return Ok(None);
    };
    let found = super::states::get(db, &code).await?;
    if found.is_none() {
        warnings.push(Warning::NoSuchState { side, code: code.to_string() });
    }
    Ok(found)
}

pub(crate) async fn find(
    db: &impl ConnectionTrait,
    from: &str,
    to: &str,
    function: AuthorityFunction,
    convention_code: Option<&str>,
    review: ReviewPolicy,
) -> Result<Route, AppError> {
    let mut route = Route::default();
    let w = &mut route.warnings;
    route.requesting = find_state(db, from, Side::Requesting, w).await?;
    route.requested = find_state(db, to, Side::Requested, w).await?;
    let convention = match convention_code {
        Some(raw) => {
            let found = convention::Entity::find_by_id(crate::domain::canonical_code(raw)).one(db).await?;
            if found.is_none() {
                w.push(Warning::NoSuchConvention { given: raw.to_owned() });
            }
            found
        }
        None => None,
    };
    if let (Some(a), Some(b)) = (&route.requesting, &route.requested)
        && a.iso3 == b.iso3
    {
        w.push(Warning::SameState { state: a.clone() });
    }
    if let Some(requested) = route.requested.clone() {
        designated(db, &mut route, requested, function, convention.as_ref(), review).await?;
    }
    if let (Some(a), Some(b)) = (route.requesting.clone(), route.requested.clone()) {
        shared(db, &mut route, &a, &b).await?;
        if let Some(c) = &convention {
            parties(db, &mut route, &[&a, &b], c).await?;
            route.declarations = route
                .participation
                .iter()
                .filter(|p| p.state_iso3 == b.iso3)
                .flat_map(|p| Declaration::list(p.depositary_declarations.as_ref()))
                .filter(|d| d.bears_on(&c.code, function))
                .collect();
        }
    }
    route.convention = convention;
    Ok(route)
}

/// The requested State's authorities designated for the function, and how fresh their entries are.
async fn designated(
    db: &impl ConnectionTrait,
    route: &mut Route,
    requested: state::Model,
    function: AuthorityFunction,
    convention: Option<&convention::Model>,
    review: ReviewPolicy,
) -> Result<(), AppError> {
    let filter = AuthorityFilter {
        state: Some(requested.iso3.clone()),
        function: Some(function),
        convention: convention.map(|c| c.code.clone()),
        ..Default::default()
    };
    route.authorities = authorities::all(db, &filter).await?;
    if route.authorities.is_empty() {
        route.warnings.push(Warning::NothingDesignated {
            state: requested.clone(),
            function,
            convention: convention.cloned(),
        });
    }
    let now = Utc::now();
    for a in &route.authorities {
        match a.last_confirmed_at {
            None => route.warnings.push(Warning::NeverConfirmed { authority: a.clone(), state: requested.clone() }),
            Some(at) if review.is_stale(Some(at), now) => {
                route.warnings.push(Warning::Stale { authority: a.clone(), confirmed: at, months: review.months })
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// Networks both States take part in, and the requested State's contact points in them.
async fn shared(
    db: &impl ConnectionTrait,
    route: &mut Route,
    a: &state::Model,
    b: &state::Model,
) -> Result<(), AppError> {
    let memberships = super::networks::memberships_of(db, &[a.iso3.clone(), b.iso3.clone()]).await?;
    let of = |iso3: &str| -> BTreeSet<String> {
        memberships
            .iter()
            .filter(|m: &&network_membership::Model| m.state_iso3 == iso3)
            .map(|m| m.network_code.clone())
            .collect()
    };
    let codes: Vec<String> = of(&a.iso3).intersection(&of(&b.iso3)).cloned().collect();
    if codes.is_empty() {
        return Ok(());
    }
    route.shared_networks = network::Entity::find()
        .filter(network::Column::Code.is_in(codes.clone()))
        .order_by_asc(network::Column::Code)
        .all(db)
        .await?;
    let of_requested =
        authorities::all(db, &AuthorityFilter { state: Some(b.iso3.clone()), ..Default::default() }).await?;
    let requested: Vec<_> = of_requested.iter().map(|x| x.id).collect();
    // The requested State's contact points, not every contact point of the shared networks (thousands in a large
    // network) filtered afterwards. By network, then authority; roles stay in the order read.
    let mut points: Vec<_> = super::networks::contact_points_of_authorities(db, &requested)
        .await?
        .into_iter()
        .filter(|p| codes.contains(&p.network_code))
        .collect();
    points.sort_by(|x, y| x.network_code.cmp(&y.network_code).then(x.authority_id.cmp(&y.authority_id)));
    route.contact_points = points
        .into_iter()
        .map(|p| {
            let authority = of_requested.iter().find(|a| a.id == p.authority_id).cloned();
            (p, authority)
        })
        .collect();
    Ok(())
}

/// Whether both States are parties to the convention, from the treaty participation data: `true` when both are,
/// `false` when one is known not to be (signatory only, or no action as of the record's date), `null` when one's
/// participation is not recorded. A warning only for a side that is not a party or whose status is unknown.
async fn parties(
    db: &impl ConnectionTrait,
    route: &mut Route,
    states: &[&state::Model],
    c: &convention::Model,
) -> Result<(), AppError> {
    let codes: Vec<String> = states.iter().map(|s| s.iso3.clone()).collect();
    let records = state_party::Entity::find()
        .filter(state_party::Column::ConventionCode.eq(c.code.as_str()))
        .filter(state_party::Column::StateIso3.is_in(codes))
        .all(db)
        .await?;
    let mut both = Some(true);
    for s in states {
        match records.iter().find(|p| p.state_iso3 == s.iso3) {
            Some(p) if p.status == PartyStatus::Party => route.participation.push(p.clone()),
            Some(p) => {
                both = Some(false);
                route.warnings.push(Warning::NotParty {
                    state: (*s).clone(),
                    convention: c.clone(),
                    signatory: p.status == PartyStatus::Signatory,
                    as_of: p.as_of,
                });
                route.participation.push(p.clone());
            }
            None => {
                if both == Some(true) {
                    both = None;
                }
                route.warnings.push(Warning::NotRecorded { state: (*s).clone(), convention: c.clone() });
            }
        }
    }
    route.both_parties = both;
    Ok(())
}

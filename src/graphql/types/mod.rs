//! Output and input types of the API, each built from its database model with `From`.

use async_graphql::Context;

pub(crate) mod authority;
pub(crate) mod change;
pub(crate) mod connection;
pub(crate) mod convention;
pub(crate) mod coverage;
pub(crate) mod labels;
pub(crate) mod language;
pub(crate) mod network;
pub(crate) mod route;
pub(crate) mod scalars;
pub(crate) mod sheets;
pub(crate) mod state;
pub(crate) mod webhook;

pub(crate) use authority::{Authority, AuthorityConnection, Contact, Designation, NetworkContactPoint};
pub(crate) use change::ChangeConnection;
pub(crate) use convention::{Convention, Declaration, LegalBasis, StateParty};
pub(crate) use coverage::{CoverageItem, LegalBasisCoverage};
pub(crate) use labels::{EnumLabel, LabelledEnum};
pub(crate) use language::{Language, LocalizedText};
pub(crate) use network::{Network, NetworkLink, NetworkMembership};
pub(crate) use route::Route;
pub(crate) use scalars::Date;
pub(crate) use state::{State, StateConnection};

/// How long a confirmation holds (`CNA_REVIEW_MONTHS`), for every entry's `stale` and `reviewDueAt`.
fn review_policy<'a>(ctx: &Context<'a>) -> &'a crate::domain::ReviewPolicy {
    ctx.data_unchecked::<crate::domain::ReviewPolicy>()
}

/// Whether an entry confirmed at `confirmed` is stale now; an answer that says it is not changes when its review
/// falls due, which the request records.
fn is_stale(ctx: &Context<'_>, confirmed: Option<scalars::Timestamp>) -> bool {
    let policy = review_policy(ctx);
    let confirmed = confirmed.map(|t| t.0);
    crate::graphql::reads::reads(ctx).reviews(*policy, [confirmed]);
    policy.is_stale(confirmed, chrono::Utc::now())
}

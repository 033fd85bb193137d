use crate::graphql::types::scalars::Timestamp;
use async_graphql::{ComplexObject, Context, Result, SimpleObject};
use std::sync::Arc;

use super::{Date, State};
use crate::db::entities::{network, network_link, network_membership};
use crate::domain::{MembershipStatus, NetworkKind};
use crate::graphql::loaders;

/// A judicial or asset-recovery network, agency or forum that connects States.
#[derive(SimpleObject, Debug, Clone)]
#[graphql(complex)]
pub(crate) struct Network {
    /// E.g. `EJN`, `IBERRED`, `CARIN`.
    pub code: String,
    /// The network's full name in English, e.g. "European Judicial Network in criminal matters".
    pub name: String,
    /// What the network is: a judicial or asset-recovery network, an agency, a forum.
    pub kind: NetworkKind,
    /// The region the network covers, in words (e.g. `Europe`, `Ibero-America`, `Southern Africa`).
    pub region: Option<String>,
    /// The network's web site, an `http` or `https` address.
    pub website: Option<String>,
    /// Who runs the network's secretariat, and where (free text, e.g. "EJN Secretariat, hosted at Eurojust, The
    /// Hague").
    pub secretariat: Option<String>,
    /// Set only where the founding act's date is known.
    pub founded_on: Option<Date>,
    /// The year the network was founded, where known (also when `foundedOn` is not).
    pub founded_year: Option<i32>,
    /// What the network does, in plain words (free text, kept by the reference data, the network's secretariat or an
    /// administrator); `null` when none was written.
    pub description: Option<String>,
    /// Where this fact comes from (a citation).
    pub source: Option<String>,
    /// The source's address, where it has one.
    pub source_url: Option<String>,
    /// The date the fact is true as of.
    pub as_of: Option<Date>,
}

impl From<network::Model> for Network {
    fn from(m: network::Model) -> Self {
        Self {
            code: m.code,
            name: m.name,
            kind: m.kind,
            region: m.region,
            website: m.website,
            secretariat: m.secretariat,
            founded_on: m.founded_on.map(Date),
            founded_year: m.founded_year,
            description: m.description,
            source: m.source,
            source_url: m.source_url,
            as_of: m.as_of.map(Date),
        }
    }
}

#[ComplexObject]
impl Network {
    /// Members that are organisations, not States (IOM, UNHCR, UNODC and ILO in the Bali Process).
    #[graphql(complexity = "crate::graphql::schema::NETWORK_LIST * child_complexity")]
    async fn organization_members(&self, ctx: &Context<'_>) -> Result<Vec<OrganizationMembership>> {
        loaders::many(&crate::graphql::loaders(ctx).organizations_by_network, self.code.clone()).await
    }

    /// Member States, ordered by code; `status` keeps one kind of membership.
    #[graphql(complexity = "crate::graphql::schema::NETWORK_LIST * child_complexity")]
    async fn members(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only members in this status; left out, every member.")] status: Option<MembershipStatus>,
    ) -> Result<Vec<NetworkMembership>> {
        let rows = crate::graphql::loaders(ctx).members_by_network.load_one(self.code.clone()).await?;
        Ok(rows
            .as_deref()
            .unwrap_or_default()
            .iter()
            .filter(|m| status.is_none_or(|s| m.status == s))
            .cloned()
            .map(Into::into)
            .collect())
    }

    /// The authorities that are the network's contact points, with their roles.
    #[graphql(complexity = "crate::graphql::schema::NETWORK_LIST * child_complexity")]
    async fn contact_points(&self, ctx: &Context<'_>) -> Result<Vec<super::NetworkContactPoint>> {
        loaders::many(&crate::graphql::loaders(ctx).points_by_network, self.code.clone()).await
    }

    /// The networks this one has a memorandum or agreement with.
    #[graphql(complexity = "crate::graphql::schema::AUTHORITY_LIST * child_complexity")]
    async fn links(&self, ctx: &Context<'_>) -> Result<Vec<NetworkLink>> {
        let rows = crate::graphql::loaders(ctx).links_by_network.load_one(self.code.clone()).await?;
        let rows = rows.as_deref().unwrap_or_default();
        Ok(rows.iter().map(|l| NetworkLink::seen_from(&self.code, l.clone())).collect())
    }
}

/// A State's part in a network.
#[derive(SimpleObject, Debug, Clone)]
#[graphql(complex)]
pub(crate) struct NetworkMembership {
    /// How the State takes part.
    pub status: MembershipStatus,
    /// The date the State joined, or took up this status, where known.
    pub since: Option<Date>,
    /// How the State takes part where the status alone does not say it.
    pub note: Option<String>,
    /// No source states the membership plainly (e.g. a participant in meetings, not listed as a member).
    pub unconfirmed: bool,
    /// Where this fact comes from (a citation).
    pub source: Option<String>,
    /// The source's address, where it has one.
    pub source_url: Option<String>,
    /// The date the fact is true as of.
    pub as_of: Option<Date>,
    /// Starts at 1 and grows by one with every change.
    pub version: i32,
    /// When the network's secretariat last said the membership is current; `null`: never.
    pub last_confirmed_at: Option<Timestamp>,

    #[graphql(skip)]
    pub network_code: String,
    #[graphql(skip)]
    pub state_iso3: String,
}

impl From<network_membership::Model> for NetworkMembership {
    fn from(m: network_membership::Model) -> Self {
        Self {
            status: m.status,
            since: m.since.map(Date),
            note: m.note,
            unconfirmed: m.unconfirmed,
            source: m.source,
            source_url: m.source_url,
            as_of: m.as_of.map(Date),
            version: m.version,
            last_confirmed_at: m.last_confirmed_at.map(Into::into),
            network_code: m.network_code,
            state_iso3: m.state_iso3,
        }
    }
}

#[ComplexObject]
impl NetworkMembership {
    /// Whether the membership is due for review: never confirmed, or confirmed longer ago than the review period.
    async fn stale(&self, ctx: &Context<'_>) -> bool {
        super::is_stale(ctx, self.last_confirmed_at)
    }

    /// When the membership is due for review; `null` when it was never confirmed (due now).
    async fn review_due_at(&self, ctx: &Context<'_>) -> Option<Timestamp> {
        super::review_policy(ctx).due(self.last_confirmed_at.map(|t| t.0)).map(super::scalars::Timestamp)
    }

    /// The network.
    async fn network(&self, ctx: &Context<'_>) -> Result<Arc<Network>> {
        loaders::required(loaders::network(ctx, &self.network_code).await?, "network", &self.network_code)
    }

    /// The member State (or territory, or organization).
    async fn state(&self, ctx: &Context<'_>) -> Result<Arc<State>> {
        loaders::required(loaders::state(ctx, &self.state_iso3).await?, "state", &self.state_iso3)
    }
}

/// A link from one network to another.
#[derive(SimpleObject, Debug, Clone)]
#[graphql(complex)]
pub(crate) struct NetworkLink {
    /// `MOU` or `AGREEMENT`.
    pub kind: String,
    /// The date the memorandum or agreement was signed or took effect, where known.
    pub since: Option<Date>,
    /// Where this fact comes from (a citation).
    pub source: Option<String>,
    /// The source's address, where it has one.
    pub source_url: Option<String>,
    /// The date the fact is true as of.
    pub as_of: Option<Date>,
    #[graphql(skip)]
    pub other_code: String,
}

impl NetworkLink {
    /// A link is stored once; seen from either end, `network` is the other one.
    pub(crate) fn seen_from(code: &str, l: network_link::Model) -> Self {
        let other_code = if l.network_code == code { l.linked_code } else { l.network_code };
        let kind = crate::domain::enum_name(&l.kind);
        Self {
            kind,
            since: l.since.map(Date),
            source: l.source,
            source_url: l.source_url,
            as_of: l.as_of.map(Date),
            other_code,
        }
    }
}

#[ComplexObject]
impl NetworkLink {
    /// The linked network.
    async fn network(&self, ctx: &Context<'_>) -> Result<Arc<Network>> {
        loaders::required(loaders::network(ctx, &self.other_code).await?, "network", &self.other_code)
    }
}

/// An organisation that takes part in a network.
#[derive(SimpleObject, Debug, Clone)]
pub(crate) struct Organization {
    /// E.g. `IOM`, `UNHCR`, `UNODC`, `ILO`.
    pub code: String,
    /// The organisation's full name in English.
    pub name: String,
    /// The organisation's web site, where recorded.
    pub website: Option<String>,
    /// Where this fact comes from (a citation).
    pub source: Option<String>,
}

/// An organisation's part in a network.
#[derive(SimpleObject, Debug, Clone)]
pub(crate) struct OrganizationMembership {
    /// The organisation.
    pub organization: Organization,
    /// How the organisation takes part.
    pub status: MembershipStatus,
    /// No source states the membership plainly (e.g. a participant in meetings, not listed as a member).
    pub unconfirmed: bool,
    /// Where this fact comes from (a citation).
    pub source: Option<String>,
    /// The source's address, where it has one.
    pub source_url: Option<String>,
    /// The date the fact is true as of.
    pub as_of: Option<Date>,
}

impl From<crate::service::networks::OrganizationMember> for OrganizationMembership {
    fn from(m: crate::service::networks::OrganizationMember) -> Self {
        let (o, m) = (m.organization, m.membership);
        Self {
            organization: Organization { code: o.code, name: o.name, website: o.website, source: o.source },
            status: m.status,
            unconfirmed: m.unconfirmed,
            source: m.source,
            source_url: m.source_url,
            as_of: m.as_of.map(Date),
        }
    }
}

use crate::graphql::types::scalars::Timestamp;
use async_graphql::{ComplexObject, Context, ID, Result, SimpleObject};
use sea_orm::ActiveEnum;
use std::sync::Arc;
use uuid::Uuid;

use super::{LegalBasis, Network, State};
use crate::db::entities::{authority, authority_list_item::list, contact, designation, network_contact_point};
use crate::domain::{Channel, ContactPointRole, TransmissionMeans, UrgentChannel, Visibility};
use crate::graphql::loaders;

/// An authority competent to receive or send requests for international cooperation, with how to reach it.
#[derive(SimpleObject, Debug, Clone)]
#[graphql(complex)]
pub(crate) struct Authority {
    /// The authority's id, a UUID unique across the directory (also its `Node` id); stable for the entry's life.
    pub id: ID,
    #[graphql(skip)]
    pub name: String,
    /// The name in the State's own language.
    pub local_name: Option<String>,
    /// The acronym or short name the authority is known by, e.g. `DACG`; `null` when it has none.
    pub acronym: Option<String>,
    /// The full postal address for requests sent by post, as several lines of free text.
    pub postal_address: Option<String>,
    /// The city the authority sits in, as written in its postal address.
    pub city: Option<String>,
    /// The e-mail address that receives requests (an address on a public domain); `null` when none was given.
    pub email: Option<String>,
    /// The office telephone, in E.164 form (`+33142758000`); `null` when none was given.
    pub phone: Option<String>,
    /// The fax number, in E.164 form (`+33142758000`); `null` when none was given.
    pub fax: Option<String>,
    /// The authority's web page, an `http` or `https` address on a public host.
    pub website: Option<String>,
    /// IANA time zone of the office, e.g. `Europe/Paris`.
    pub time_zone: Option<String>,
    /// The opening hours as the authority gives them (e.g. `Monday to Friday, 09:00–17:00`), local time in
    /// `timeZone`; free text of one line.
    pub office_hours: Option<String>,
    /// How to proceed in urgent cases (free text, up to 10,000 characters), alongside `urgentChannels`.
    pub urgent_notes: Option<String>,
    /// Legal and procedural requirements for requests: form, content, languages, certification, dual criminality
    /// (free text, up to 10,000 characters).
    pub requirements: Option<String>,
    /// Anything else a requesting authority should know (free text, up to 10,000 characters).
    pub notes: Option<String>,
    /// Starts at 1 and grows by one with every change; pass it back as `expectedVersion` when updating.
    pub version: i32,
    /// When the authority's State (or an administrator) last confirmed the entry is current; `null`: never.
    pub last_confirmed_at: Option<Timestamp>,
    /// When the entry was created in the directory.
    pub created_at: Timestamp,
    /// When the entry last changed (a confirmation included).
    pub updated_at: Timestamp,
    #[graphql(skip)]
    pub uuid: Uuid,
    #[graphql(skip)]
    pub state_iso3: String,
    #[graphql(skip)]
    pub names: Option<serde_json::Value>,
}

/// An authority's name in one language.
#[derive(SimpleObject, Debug, Clone)]
pub(crate) struct NameInLanguage {
    /// ISO 639 code.
    pub language: String,
    /// The authority's name in that language.
    pub name: String,
}

impl From<authority::Model> for Authority {
    fn from(m: authority::Model) -> Self {
        Self {
            id: ID(m.id.to_string()),
            name: m.name,
            local_name: m.local_name,
            acronym: m.acronym,
            postal_address: m.postal_address,
            city: m.city,
            email: m.email,
            phone: m.phone,
            fax: m.fax,
            website: m.website,
            time_zone: m.time_zone,
            office_hours: m.office_hours,
            urgent_notes: m.urgent_notes,
            requirements: m.requirements,
            notes: m.notes,
            version: m.version,
            last_confirmed_at: m.last_confirmed_at.map(Into::into),
            created_at: m.created_at.into(),
            updated_at: m.updated_at.into(),
            uuid: m.id,
            state_iso3: m.state_iso3,
            names: m.names,
        }
    }
}

super::connection::connection!(
    AuthorityConnection,
    AuthorityEdge,
    Authority,
    total = "Authorities in the list across all pages. When a search term matches more than 1,000 and the list was \
             not asked with `exactCount: true`, counting stops at 1,000 (`totalCountIsExact` is false).",
    exact = "Whether `totalCount` counts every matching authority: false only when a search term matches more than \
             1,000 and the list was not asked with `exactCount: true`."
);

impl AuthorityConnection {
    /// The connection with a count that stopped at its bound (`exact` false) or did not.
    pub(crate) fn counted_exactly(mut self, exact: bool) -> Self {
        self.total_count_is_exact = exact;
        self
    }
}

impl Authority {
    /// The values of one of the authority's lists, in the order they were given.
    async fn list(&self, ctx: &Context<'_>, name: &str) -> Result<Vec<String>> {
        let items = crate::graphql::loaders(ctx).list_items.load_one(self.uuid).await?;
        let items = items.as_deref().unwrap_or_default();
        Ok(items.iter().filter(|i| i.list == name).map(|i| i.value.clone()).collect())
    }

    async fn enum_list<E: ActiveEnum<Value = String>>(&self, ctx: &Context<'_>, name: &str) -> Result<Vec<E>> {
        // Values are written only through the enumeration, so an unknown one is skipped rather than failing a read.
        Ok(self.list(ctx, name).await?.iter().filter_map(|v| E::try_from_value(v).ok()).collect())
    }
}

#[ComplexObject]
impl Authority {
    /// Whether the entry is due for review: never confirmed, or confirmed longer ago than the review period
    /// (`CNA_REVIEW_MONTHS`).
    async fn stale(&self, ctx: &Context<'_>) -> bool {
        super::is_stale(ctx, self.last_confirmed_at)
    }

    /// When the entry is due for review; `null` when it was never confirmed (due now).
    async fn review_due_at(&self, ctx: &Context<'_>) -> Option<Timestamp> {
        super::review_policy(ctx).due(self.last_confirmed_at.map(|t| t.0)).map(super::scalars::Timestamp)
    }

    /// The name; with `language` (an ISO 639 code such as `fr`), the name in that language where the authority
    /// gave one, else the name. Without it, the language of the request's `Accept-Language` (a UN language).
    async fn name(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "ISO 639-1 or 639-3 code of the language wanted, e.g. `fr`; an unknown code gives the name.")]
        language: Option<String>,
    ) -> String {
        let code = match language {
            Some(l) => crate::domain::LanguageCode::parse("language", &l).ok().map(|c| c.as_str().to_owned()),
            // Left out: the request's Accept-Language, among the UN languages.
            None => ctx.data_opt::<super::language::Preferred>().map(|p| p.0.key().to_owned()),
        };
        code.and_then(|c| self.names.as_ref()?.get(c.as_str())?.as_str().map(str::to_owned))
            .unwrap_or_else(|| self.name.clone())
    }

    /// The name in the languages the authority gave beyond `name` and `localName`.
    async fn names(&self) -> Vec<NameInLanguage> {
        match &self.names {
            Some(serde_json::Value::Object(map)) => map
                .iter()
                .filter_map(|(language, name)| {
                    Some(NameInLanguage { language: language.clone(), name: name.as_str()?.to_owned() })
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The State (or territory, or organization) the authority belongs to; it never changes.
    async fn state(&self, ctx: &Context<'_>) -> Result<Arc<State>> {
        loaders::required(loaders::state(ctx, &self.state_iso3).await?, "state", &self.state_iso3)
    }

    /// ISO 639 codes of the languages in which the authority accepts requests.
    async fn languages(&self, ctx: &Context<'_>) -> Result<Vec<String>> {
        self.list(ctx, list::LANGUAGE).await
    }

    /// Channels through which requests reach the authority.
    async fn channels(&self, ctx: &Context<'_>) -> Result<Vec<Channel>> {
        self.enum_list(ctx, list::CHANNEL).await
    }

    /// How requests may be transmitted.
    async fn transmission_means(&self, ctx: &Context<'_>) -> Result<Vec<TransmissionMeans>> {
        self.enum_list(ctx, list::TRANSMISSION_MEANS).await
    }

    /// How urgent requests reach the authority ahead of the formal request.
    async fn urgent_channels(&self, ctx: &Context<'_>) -> Result<Vec<UrgentChannel>> {
        self.enum_list(ctx, list::URGENT_CHANNEL).await
    }

    /// The legal bases under which the authority is designated.
    #[graphql(complexity = "crate::graphql::schema::AUTHORITY_LIST * child_complexity")]
    async fn designations(&self, ctx: &Context<'_>) -> Result<Vec<Designation>> {
        loaders::many(&crate::graphql::loaders(ctx).designations, self.uuid).await
    }

    /// People and desks to contact; restricted ones only for signed-in viewers.
    #[graphql(complexity = "crate::graphql::schema::AUTHORITY_LIST * child_complexity")]
    async fn contacts(&self, ctx: &Context<'_>) -> Result<Vec<Contact>> {
        loaders::many(&crate::graphql::loaders(ctx).contacts, self.uuid).await
    }

    /// Every change to the authority and to its designations, contacts and network roles, oldest first; needs a
    /// valid token.
    #[graphql(complexity = "crate::graphql::schema::paged(first, child_complexity)")]
    async fn history(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many changes to return: 0 to 100, 20 when left out.")] first: Option<i32>,
        #[graphql(desc = "The `endCursor` of the previous page; left out, the list starts at the oldest change.")]
        after: Option<String>,
    ) -> Result<super::ChangeConnection> {
        let filter =
            crate::service::changes::ChangeFilter { authority: Some(self.uuid.to_string()), ..Default::default() };
        crate::graphql::reads::reads(ctx).table(crate::graphql::reads::Scope::Changes);
        crate::graphql::query::changes::page(ctx, filter, first, after).await
    }

    /// The authority's roles in networks.
    #[graphql(complexity = "crate::graphql::schema::AUTHORITY_LIST * child_complexity")]
    async fn networks(&self, ctx: &Context<'_>) -> Result<Vec<NetworkContactPoint>> {
        loaders::many(&crate::graphql::loaders(ctx).points_by_authority, self.uuid).await
    }
}

/// An authority's designation under a legal basis.
#[derive(SimpleObject, Debug, Clone)]
#[graphql(complex)]
pub(crate) struct Designation {
    /// The designation's id, a UUID unique across the directory (also its `Node` id).
    pub id: ID,
    /// Territorial or subject limits of the designation.
    pub scope: Option<String>,
    /// The date the State notified the designation to the depositary (the UN Secretary-General); `null` when not
    /// known.
    pub notified_on: Option<super::Date>,
    /// Whether the State accepts the convention itself as the legal basis for cooperation.
    pub convention_accepted_as_legal_basis: Option<bool>,
    #[graphql(skip)]
    pub authority_id: Uuid,
    #[graphql(skip)]
    pub legal_basis_code: String,
}

impl From<designation::Model> for Designation {
    fn from(m: designation::Model) -> Self {
        Self {
            id: ID(m.id.to_string()),
            scope: m.scope,
            notified_on: m.notified_on.map(super::Date),
            convention_accepted_as_legal_basis: m.convention_accepted_as_legal_basis,
            authority_id: m.authority_id,
            legal_basis_code: m.legal_basis_code,
        }
    }
}

#[ComplexObject]
impl Designation {
    /// The authority designated.
    async fn authority(&self, ctx: &Context<'_>) -> Result<Authority> {
        let id = self.authority_id;
        loaders::required(loaders::authority(ctx, id).await?, "authority", &id.to_string())
    }

    /// The article designated under; its `convention` and `function` say what for.
    async fn legal_basis(&self, ctx: &Context<'_>) -> Result<Arc<LegalBasis>> {
        loaders::required(
            loaders::legal_basis(ctx, &self.legal_basis_code).await?,
            "legal basis",
            &self.legal_basis_code,
        )
    }
}

/// A named person or desk of an authority.
#[derive(SimpleObject, Debug, Clone)]
#[graphql(complex)]
pub(crate) struct Contact {
    /// The contact's id, a UUID unique across the directory (also its `Node` id).
    pub id: ID,
    /// The person's name, or the desk's (e.g. "Duty prosecutor").
    pub name: String,
    /// The person's title or function in the authority.
    pub position: Option<String>,
    /// A direct e-mail address; `null` when none was given.
    pub email: Option<String>,
    /// E.164.
    pub phone: Option<String>,
    /// ISO 639 codes.
    pub languages: Vec<String>,
    /// `RESTRICTED` contacts are shown to signed-in viewers only.
    pub visibility: Visibility,
    /// Starts at 1 and grows by one with every change; pass it back as `expectedVersion` when updating.
    pub version: i32,
    /// When the authority's State last said the contact is current; `null`: never.
    pub last_confirmed_at: Option<Timestamp>,
}

impl From<contact::Model> for Contact {
    fn from(m: contact::Model) -> Self {
        Self {
            id: ID(m.id.to_string()),
            name: m.name,
            position: m.position,
            email: m.email,
            phone: m.phone,
            languages: serde_json::from_value(m.languages).unwrap_or_default(),
            visibility: m.visibility,
            version: m.version,
            last_confirmed_at: m.last_confirmed_at.map(Into::into),
        }
    }
}

#[ComplexObject]
impl Contact {
    /// Whether the contact is due for review: never confirmed, or confirmed longer ago than the review period.
    async fn stale(&self, ctx: &Context<'_>) -> bool {
        super::is_stale(ctx, self.last_confirmed_at)
    }

    /// When the contact is due for review; `null` when it was never confirmed (due now).
    async fn review_due_at(&self, ctx: &Context<'_>) -> Option<Timestamp> {
        super::review_policy(ctx).due(self.last_confirmed_at.map(|t| t.0)).map(super::scalars::Timestamp)
    }
}

/// An authority's role in a network.
#[derive(SimpleObject, Debug, Clone)]
#[graphql(complex)]
pub(crate) struct NetworkContactPoint {
    /// The contact point's id, a UUID unique across the directory (also its `Node` id).
    pub id: ID,
    /// The role the authority plays in the network.
    pub role: ContactPointRole,
    /// How the network itself names the role, e.g. "EJN contact point (judicial)".
    pub label: Option<String>,
    /// Starts at 1 and grows by one with every change.
    pub version: i32,
    /// When the network's secretariat last said the contact point is current; `null`: never.
    pub last_confirmed_at: Option<Timestamp>,
    #[graphql(skip)]
    pub network_code: String,
    #[graphql(skip)]
    pub authority_id: Uuid,
}

impl From<network_contact_point::Model> for NetworkContactPoint {
    fn from(m: network_contact_point::Model) -> Self {
        Self {
            id: ID(m.id.to_string()),
            role: m.role,
            label: m.label,
            version: m.version,
            last_confirmed_at: m.last_confirmed_at.map(Into::into),
            network_code: m.network_code,
            authority_id: m.authority_id,
        }
    }
}

#[ComplexObject]
impl NetworkContactPoint {
    /// Whether the contact point is due for review: never confirmed, or confirmed longer ago than the review
    /// period.
    async fn stale(&self, ctx: &Context<'_>) -> bool {
        super::is_stale(ctx, self.last_confirmed_at)
    }

    /// When the contact point is due for review; `null` when it was never confirmed (due now).
    async fn review_due_at(&self, ctx: &Context<'_>) -> Option<Timestamp> {
        super::review_policy(ctx).due(self.last_confirmed_at.map(|t| t.0)).map(super::scalars::Timestamp)
    }

    /// The network the authority is a contact point of.
    async fn network(&self, ctx: &Context<'_>) -> Result<Arc<Network>> {
        loaders::required(loaders::network(ctx, &self.network_code).await?, "network", &self.network_code)
    }

    /// The authority that is the contact point.
    async fn authority(&self, ctx: &Context<'_>) -> Result<Authority> {
        let id = self.authority_id;
        loaders::required(loaders::authority(ctx, id).await?, "authority", &id.to_string())
    }
}

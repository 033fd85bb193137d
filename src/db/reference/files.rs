//! The shipped files (`data/*.json`) as entity models. The rows of data_version 1 (no sources, parties inside
//! `conventions.json`) still parse, so a test can load the previous release.

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::Value;

use crate::db::entities::{
    convention, legal_basis, network, network_link, network_membership, network_organization_membership, organization,
    state, state_party,
};
use crate::domain::{AuthorityFunction, MembershipStatus, NetworkKind, NetworkLinkKind, PartyStatus, StateStatus};

#[derive(Deserialize)]
pub(super) struct StatesFile {
    #[serde(default = "first_version")]
    pub(super) data_version: i32,
    source: Option<String>,
    source_url: Option<String>,
    as_of: Option<NaiveDate>,
    states: Vec<StateRow>,
}

fn first_version() -> i32 {
    1
}

#[derive(Deserialize)]
struct StateRow {
    iso3: String,
    iso2: Option<String>,
    m49: Option<String>,
    name: String,
    region: Option<String>,
    subregion: Option<String>,
    #[serde(default)]
    intermediate_region: Option<String>,
    status: StateStatus,
    parent: Option<String>,
    #[serde(default)]
    names: Option<Value>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    source_url: Option<String>,
    #[serde(default)]
    as_of: Option<NaiveDate>,
}

#[derive(Deserialize)]
pub(super) struct ConventionsFile {
    conventions: Vec<ConventionRow>,
    legal_bases: Vec<LegalBasisRow>,
    /// data_version 1 only: the European Union's participation.
    #[serde(default)]
    parties: Vec<PartyRow>,
    #[serde(default)]
    parties_source: Option<String>,
}

#[derive(Deserialize)]
struct ConventionRow {
    code: String,
    title: String,
    short_title: String,
    adopted_on: Option<NaiveDate>,
    entry_into_force_on: Option<NaiveDate>,
    #[serde(default)]
    opened_for_signature_on: Option<NaiveDate>,
    #[serde(default)]
    titles: Option<Value>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    source_url: Option<String>,
    #[serde(default)]
    as_of: Option<NaiveDate>,
}

#[derive(Deserialize)]
struct LegalBasisRow {
    code: String,
    convention: String,
    article: String,
    function: AuthorityFunction,
    title: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    source_url: Option<String>,
    #[serde(default)]
    as_of: Option<NaiveDate>,
}

#[derive(Deserialize)]
struct PartyRow {
    state: String,
    convention: String,
    status: PartyStatus,
}

#[derive(Deserialize, Default)]
pub(super) struct TreatiesFile {
    instruments: Vec<Instrument>,
}

#[derive(Deserialize)]
struct Instrument {
    convention: String,
    participants: Vec<Participant>,
    /// Territories a party applied the instrument to (or is recorded as not having done so), as rows of their own.
    #[serde(default)]
    territories: Vec<Participant>,
}

#[derive(Deserialize)]
struct Participant {
    state: String,
    status: PartyStatus,
    action: Option<String>,
    since: Option<NaiveDate>,
    signed_on: Option<NaiveDate>,
    source: Option<String>,
    source_url: Option<String>,
    as_of: Option<NaiveDate>,
    #[serde(default)]
    declarations: Vec<crate::domain::Declaration>,
    /// For a territory's row: what its State notified about applying the instrument there.
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    extended_by: Option<String>,
}

#[derive(Deserialize)]
pub(super) struct NetworksFile {
    networks: Vec<NetworkRow>,
    links: Vec<LinkRow>,
    #[serde(default)]
    organizations: Vec<OrganizationRow>,
}

#[derive(Deserialize)]
struct NetworkRow {
    code: String,
    name: String,
    kind: NetworkKind,
    region: Option<String>,
    website: Option<String>,
    secretariat: Option<String>,
    founded_on: Option<NaiveDate>,
    founded_year: Option<i32>,
    description: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    source_url: Option<String>,
    #[serde(default)]
    as_of: Option<NaiveDate>,
    #[serde(default)]
    members: Vec<MemberRow>,
    #[serde(default)]
    organization_members: Vec<OrganizationMemberRow>,
}

#[derive(Deserialize)]
struct MemberRow {
    state: String,
    status: MembershipStatus,
    /// The day the State joined or took up its status, where a source gives the day.
    #[serde(default)]
    since: Option<NaiveDate>,
    note: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    source_url: Option<String>,
    #[serde(default)]
    as_of: Option<NaiveDate>,
    #[serde(default)]
    unconfirmed: bool,
}

#[derive(Deserialize)]
struct OrganizationMemberRow {
    organization: String,
    status: MembershipStatus,
    source: Option<String>,
    source_url: Option<String>,
    as_of: Option<NaiveDate>,
    #[serde(default)]
    unconfirmed: bool,
}

#[derive(Deserialize)]
struct OrganizationRow {
    code: String,
    name: String,
    website: Option<String>,
    source: Option<String>,
}

#[derive(Deserialize)]
struct LinkRow {
    network: String,
    linked: String,
    kind: NetworkLinkKind,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    source_url: Option<String>,
    #[serde(default)]
    as_of: Option<NaiveDate>,
}

/// One release of the reference data as entity models.
pub struct ReferenceData {
    pub(super) version: i32,
    pub(super) states: Vec<state::Model>,
    pub(super) conventions: Vec<convention::Model>,
    pub(super) legal_bases: Vec<legal_basis::Model>,
    pub(super) parties: Vec<state_party::Model>,
    pub(super) networks: Vec<network::Model>,
    pub(super) organizations: Vec<organization::Model>,
    pub(super) memberships: Vec<network_membership::Model>,
    pub(super) organization_memberships: Vec<network_organization_membership::Model>,
    pub(super) links: Vec<network_link::Model>,
}

impl ReferenceData {
    /// A release from the texts of its files; `treaties` is absent in data_version 1.
    pub fn parse(states: &str, conventions: &str, networks: &str, treaties: Option<&str>) -> anyhow::Result<Self> {
        let states: StatesFile = serde_json::from_str(states)?;
        let conventions: ConventionsFile = serde_json::from_str(conventions)?;
        let networks: NetworksFile = serde_json::from_str(networks)?;
        let treaties: TreatiesFile = treaties.map(serde_json::from_str).transpose()?.unwrap_or_default();
        let file_source = (states.source.clone(), states.source_url.clone(), states.as_of);
        let mut state_rows: Vec<state::Model> =
            states.states.into_iter().map(|s| state_model(s, &file_source)).collect();
        // Parents first, so that the foreign key on `parent_iso3` holds row by row.
        state_rows.sort_by_key(|s| (s.parent_iso3.is_some(), s.iso3.clone()));
        let mut parties: Vec<state_party::Model> = conventions
            .parties
            .into_iter()
            .map(|p| state_party::Model {
                state_iso3: p.state,
                convention_code: p.convention,
                status: p.status,
                since: None,
                declarations: None,
                source: conventions.parties_source.clone(),
                source_url: None,
                as_of: None,
                action: None,
                signed_on: None,
                depositary_declarations: None,
            })
            .collect();
        for instrument in treaties.instruments {
            let rows = instrument.participants.into_iter().chain(instrument.territories);
            parties.extend(rows.map(|p| state_party::Model {
                state_iso3: p.state,
                convention_code: instrument.convention.clone(),
                status: p.status,
                since: p.since,
                // A territory's row keeps what its State notified about applying the instrument there.
                declarations: p.extended_by.and(p.note),
                source: p.source,
                source_url: p.source_url,
                as_of: p.as_of,
                action: p.action,
                signed_on: p.signed_on,
                depositary_declarations:
                    (!p.declarations.is_empty()).then(|| serde_json::to_value(&p.declarations).unwrap_or_default()),
            }));
        }
        let mut memberships = Vec::new();
        let mut organization_memberships = Vec::new();
        for n in &networks.networks {
            memberships.extend(n.members.iter().map(|m| network_membership::Model {
                network_code: n.code.clone(),
                state_iso3: m.state.clone(),
                status: m.status,
                since: m.since,
                note: m.note.clone(),
                source: m.source.clone(),
                source_url: m.source_url.clone(),
                as_of: m.as_of,
                unconfirmed: m.unconfirmed,
                version: 1,
                last_confirmed_at: None,
            }));
            organization_memberships.extend(n.organization_members.iter().map(|m| {
                network_organization_membership::Model {
                    network_code: n.code.clone(),
                    organization_code: m.organization.clone(),
                    status: m.status,
                    source: m.source.clone(),
                    source_url: m.source_url.clone(),
                    as_of: m.as_of,
                    unconfirmed: m.unconfirmed,
                }
            }));
        }
        Ok(Self {
            version: states.data_version,
            states: state_rows,
            conventions: conventions.conventions.into_iter().map(convention_model).collect(),
            legal_bases: conventions.legal_bases.into_iter().map(legal_basis_model).collect(),
            parties,
            networks: networks.networks.into_iter().map(network_model).collect(),
            organizations: networks
                .organizations
                .into_iter()
                .map(|o| organization::Model { code: o.code, name: o.name, website: o.website, source: o.source })
                .collect(),
            memberships,
            organization_memberships,
            links: networks
                .links
                .into_iter()
                .map(|l| network_link::Model {
                    network_code: l.network,
                    linked_code: l.linked,
                    kind: l.kind,
                    since: None,
                    source: l.source,
                    source_url: l.source_url,
                    as_of: l.as_of,
                })
                .collect(),
        })
    }

    /// The data version these files carry.
    pub fn version(&self) -> i32 {
        self.version
    }

    pub fn states(&self) -> &[state::Model] {
        &self.states
    }

    pub fn memberships(&self) -> &[network_membership::Model] {
        &self.memberships
    }

    pub fn networks(&self) -> &[network::Model] {
        &self.networks
    }

    pub fn parties(&self) -> &[state_party::Model] {
        &self.parties
    }
}

type Source = (Option<String>, Option<String>, Option<NaiveDate>);

fn state_model(s: StateRow, file: &Source) -> state::Model {
    let search_text = state::search_text(&s.name, &s.iso3, s.iso2.as_deref());
    // A row names its source only where it differs from the file's.
    let (source, source_url, as_of) = match s.source {
        Some(source) => (Some(source), s.source_url, s.as_of),
        None => file.clone(),
    };
    state::Model {
        iso3: s.iso3,
        iso2: s.iso2,
        m49: s.m49,
        name: s.name,
        region: s.region,
        subregion: s.subregion,
        status: s.status,
        parent_iso3: s.parent,
        search_text,
        source,
        source_url,
        as_of,
        intermediate_region: s.intermediate_region,
        names: s.names,
        note: s.note,
    }
}

fn convention_model(c: ConventionRow) -> convention::Model {
    convention::Model {
        code: c.code,
        title: c.title,
        short_title: c.short_title,
        adopted_on: c.adopted_on,
        entry_into_force_on: c.entry_into_force_on,
        source: c.source,
        source_url: c.source_url,
        as_of: c.as_of,
        titles: c.titles,
        opened_for_signature_on: c.opened_for_signature_on,
    }
}

fn legal_basis_model(l: LegalBasisRow) -> legal_basis::Model {
    legal_basis::Model {
        code: l.code,
        convention_code: l.convention,
        article: l.article,
        function: l.function,
        title: l.title,
        text: l.text,
        source: l.source,
        source_url: l.source_url,
        as_of: l.as_of,
    }
}

fn network_model(n: NetworkRow) -> network::Model {
    network::Model {
        code: n.code,
        name: n.name,
        kind: n.kind,
        region: n.region,
        website: n.website,
        secretariat: n.secretariat,
        founded_on: n.founded_on,
        founded_year: n.founded_year,
        description: n.description,
        source: n.source,
        source_url: n.source_url,
        as_of: n.as_of,
    }
}

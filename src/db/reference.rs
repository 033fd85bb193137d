//! Reference data shipped with the server (`data/*.json`, each naming its sources): States, conventions, legal bases,
//! networks, their memberships and links, and the treaty status the sources state.
//!
//! Loading runs at every start, in one transaction. A row is loaded only if the `reference_seeds` ledger has never
//! seen it: what an administrator later changed or removed through the API stays as they left it, and a second load
//! changes nothing. Inserts also skip rows that already exist, so an entry created through the API before the data
//! file listed it is kept.

use std::collections::HashSet;

use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, IntoActiveModel, TransactionTrait, TryInsertResult};
use serde::Deserialize;

use super::entities::{
    convention, legal_basis, network, network_link, network_membership, reference_seed, state, state_party,
};
use crate::domain::{AuthorityFunction, MembershipStatus, NetworkKind, NetworkLinkKind, PartyStatus, StateStatus};

const STATES: &str = include_str!("../../data/states.json");
const CONVENTIONS: &str = include_str!("../../data/conventions.json");
const NETWORKS: &str = include_str!("../../data/networks.json");

#[derive(Deserialize)]
struct StatesFile {
    states: Vec<StateRow>,
}

#[derive(Deserialize)]
struct StateRow {
    iso3: String,
    iso2: Option<String>,
    m49: Option<String>,
    name: String,
    region: Option<String>,
    subregion: Option<String>,
    status: StateStatus,
    parent: Option<String>,
}

#[derive(Deserialize)]
struct ConventionsFile {
    conventions: Vec<ConventionRow>,
    legal_bases: Vec<LegalBasisRow>,
    parties: Vec<PartyRow>,
}

#[derive(Deserialize)]
struct ConventionRow {
    code: String,
    title: String,
    short_title: String,
    adopted_on: Option<NaiveDate>,
    entry_into_force_on: Option<NaiveDate>,
}

#[derive(Deserialize)]
struct LegalBasisRow {
    code: String,
    convention: String,
    article: String,
    function: AuthorityFunction,
    title: String,
}

#[derive(Deserialize)]
struct PartyRow {
    state: String,
    convention: String,
    status: PartyStatus,
}

#[derive(Deserialize)]
struct NetworksFile {
    networks: Vec<NetworkRow>,
    links: Vec<LinkRow>,
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
    members: Vec<MemberRow>,
}

#[derive(Deserialize)]
struct MemberRow {
    state: String,
    status: MembershipStatus,
    note: Option<String>,
}

#[derive(Deserialize)]
struct LinkRow {
    network: String,
    linked: String,
    kind: NetworkLinkKind,
}

/// The reference data as entity models, each with its ledger key.
pub struct ReferenceData {
    states: Vec<state::Model>,
    conventions: Vec<convention::Model>,
    legal_bases: Vec<legal_basis::Model>,
    parties: Vec<state_party::Model>,
    networks: Vec<network::Model>,
    memberships: Vec<network_membership::Model>,
    links: Vec<network_link::Model>,
}

impl ReferenceData {
    /// Parses the shipped files. They are part of the binary, so a failure here is a packaging bug.
    pub fn shipped() -> anyhow::Result<Self> {
        let states: StatesFile = serde_json::from_str(STATES)?;
        let conventions: ConventionsFile = serde_json::from_str(CONVENTIONS)?;
        let networks: NetworksFile = serde_json::from_str(NETWORKS)?;
        let mut memberships = Vec::new();
        for n in &networks.networks {
            memberships.extend(n.members.iter().map(|m| network_membership::Model {
                network_code: n.code.clone(),
                state_iso3: m.state.clone(),
                status: m.status,
                since: None,
                note: m.note.clone(),
            }));
        }
        Ok(Self {
            // Parents first, so that the foreign key on `parent_iso3` holds row by row.
            states: {
                let mut rows: Vec<_> = states.states.into_iter().map(state_model).collect();
                rows.sort_by_key(|s| (s.parent_iso3.is_some(), s.iso3.clone()));
                rows
            },
            conventions: conventions.conventions.into_iter().map(convention_model).collect(),
            legal_bases: conventions.legal_bases.into_iter().map(legal_basis_model).collect(),
            parties: conventions
                .parties
                .into_iter()
                .map(|p| state_party::Model {
                    state_iso3: p.state,
                    convention_code: p.convention,
                    status: p.status,
                    since: None,
                    declarations: None,
                })
                .collect(),
            networks: networks.networks.into_iter().map(network_model).collect(),
            memberships,
            links: networks
                .links
                .into_iter()
                .map(|l| network_link::Model {
                    network_code: l.network,
                    linked_code: l.linked,
                    kind: l.kind,
                    since: None,
                })
                .collect(),
        })
    }

    pub fn states(&self) -> &[state::Model] {
        &self.states
    }

    pub fn memberships(&self) -> &[network_membership::Model] {
        &self.memberships
    }
}

fn state_model(s: StateRow) -> state::Model {
    let search_text = state::search_text(&s.name, &s.iso3, s.iso2.as_deref());
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
    }
}

fn convention_model(c: ConventionRow) -> convention::Model {
    convention::Model {
        code: c.code,
        title: c.title,
        short_title: c.short_title,
        adopted_on: c.adopted_on,
        entry_into_force_on: c.entry_into_force_on,
    }
}

fn legal_basis_model(l: LegalBasisRow) -> legal_basis::Model {
    legal_basis::Model {
        code: l.code,
        convention_code: l.convention,
        article: l.article,
        function: l.function,
        title: l.title,
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
    }
}

/// Loads what the ledger has not seen yet, in one transaction. Returns the number of rows inserted.
pub async fn load(db: &DatabaseConnection) -> anyhow::Result<usize> {
    let data = ReferenceData::shipped()?;
    let txn = db.begin().await?;
    let seen: HashSet<(String, String)> =
        reference_seed::Entity::find().all(&txn).await?.into_iter().map(|s| (s.entity, s.key)).collect();
    let mut loader = Loader { txn: &txn, seen, inserted: 0 };
    loader.rows("state", data.states, |s| s.iso3.clone()).await?;
    loader.rows("convention", data.conventions, |c| c.code.clone()).await?;
    loader.rows("legal_basis", data.legal_bases, |l| l.code.clone()).await?;
    loader.rows("state_party", data.parties, |p| format!("{}/{}", p.state_iso3, p.convention_code)).await?;
    loader.rows("network", data.networks, |n| n.code.clone()).await?;
    loader.rows("network_membership", data.memberships, |m| format!("{}/{}", m.network_code, m.state_iso3)).await?;
    loader.rows("network_link", data.links, |l| format!("{}/{}", l.network_code, l.linked_code)).await?;
    let inserted = loader.inserted;
    txn.commit().await?;
    if inserted > 0 {
        tracing::info!(rows = inserted, "reference data loaded");
    }
    Ok(inserted)
}

struct Loader<'a> {
    txn: &'a sea_orm::DatabaseTransaction,
    seen: HashSet<(String, String)>,
    inserted: usize,
}

impl Loader<'_> {
    async fn rows<M, A>(&mut self, entity: &str, rows: Vec<M>, key: impl Fn(&M) -> String) -> anyhow::Result<()>
    where
        M: IntoActiveModel<A>,
        A: ActiveModelTrait + Send,
        <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
    {
        for row in rows {
            let key = key(&row);
            if self.seen.contains(&(entity.to_owned(), key.clone())) {
                continue;
            }
            let result = <A::Entity as EntityTrait>::insert(row.into_active_model())
                .on_conflict_do_nothing()
                .exec_without_returning(self.txn)
                .await?;
            if let TryInsertResult::Inserted(n) = result {
                self.inserted += n as usize;
            }
            reference_seed::Entity::insert(reference_seed::ActiveModel {
                entity: sea_orm::Set(entity.to_owned()),
                key: sea_orm::Set(key),
            })
            .exec_without_returning(self.txn)
            .await?;
        }
        Ok(())
    }
}

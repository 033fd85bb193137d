//! Coverage: for each legal basis a State owes a designation under, whether it has designated an authority, and
//! how fresh the entry is. Reads only: designations are written in `designations`.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::db::entities::{authority, legal_basis, network_membership, state, state_party};
use crate::domain::{CoverageStatus, Participation, PartyStatus, ReviewPolicy};
use crate::error::AppError;

/// One legal basis as a State covers it.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub(crate) legal_basis: legal_basis::Model,
    pub(crate) participation: Participation,
    pub(crate) status: CoverageStatus,
    pub(crate) authorities: Vec<authority::Model>,
    pub(crate) last_confirmed_at: Option<DateTime<Utc>>,
}

fn participation(status: Option<PartyStatus>) -> Participation {
    match status {
        Some(PartyStatus::Party) => Participation::Party,
        Some(_) => Participation::NotParty,
        None => Participation::Unknown,
    }
}

/// Every legal basis for one State: owed where the State is a party (or its participation is unknown, marked so),
/// not required where it is not a party and has designated nobody.
/// `authorities` are the State's live authorities (`authorities::of_states`), which callers often hold already.
pub(crate) async fn of_state(
    db: &impl ConnectionTrait,
    iso3: &str,
    authorities: &[authority::Model],
    review: ReviewPolicy,
) -> Result<Vec<Item>, AppError> {
    let bases = legal_basis::Entity::find().order_by_asc(legal_basis::Column::Code).all(db).await?;
    let parties: HashMap<String, PartyStatus> = state_party::Entity::find()
        .filter(state_party::Column::StateIso3.eq(iso3))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.convention_code, p.status))
        .collect();
    let ids: Vec<uuid::Uuid> = authorities.iter().map(|a| a.id).collect();
    let designations = super::designations::designations_of(db, &ids).await?;
    let now = Utc::now();
    Ok(bases
        .into_iter()
        .map(|lb| {
            let holders: BTreeSet<uuid::Uuid> =
                designations.iter().filter(|d| d.legal_basis_code == lb.code).map(|d| d.authority_id).collect();
            let designated: Vec<authority::Model> =
                authorities.iter().filter(|a| holders.contains(&a.id)).cloned().collect();
            let participation = participation(parties.get(&lb.convention_code).copied());
            let last_confirmed_at = designated.iter().filter_map(|a| a.last_confirmed_at).max();
            let status = match (designated.is_empty(), participation) {
                (true, Participation::NotParty) => CoverageStatus::NotRequired,
                (true, _) => CoverageStatus::Missing,
                (false, _) if designated.iter().any(|a| !review.is_stale(a.last_confirmed_at, now)) => {
                    CoverageStatus::Current
                }
                (false, _) => CoverageStatus::Stale,
            };
            Item { legal_basis: lb, participation, status, authorities: designated, last_confirmed_at }
        })
        .collect())
}

/// One legal basis across the directory: the parties to its convention (narrowed to a region or a network's
/// members), how many of them have designated an authority under it, and which have not, by code.
pub(crate) struct Directory {
    pub(crate) legal_basis: legal_basis::Model,
    pub(crate) parties: usize,
    pub(crate) designated: usize,
    pub(crate) missing: Vec<state::Model>,
}

pub(crate) async fn directory(
    db: &impl ConnectionTrait,
    legal_basis_code: &str,
    region: Option<&str>,
    network: Option<&str>,
) -> Result<Directory, AppError> {
    let lb = legal_basis::Entity::find_by_id(legal_basis_code)
        .one(db)
        .await?
        .ok_or_else(|| AppError::invalid("legalBasis", "no legal basis has this code"))?;
    let party_codes: BTreeSet<String> = state_party::Entity::find()
        .filter(state_party::Column::ConventionCode.eq(lb.convention_code.as_str()))
        .filter(state_party::Column::Status.eq(PartyStatus::Party))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.state_iso3)
        .collect();
    let members: Option<BTreeSet<String>> = match network {
        Some(code) => Some(
            network_membership::Entity::find()
                .filter(network_membership::Column::NetworkCode.eq(code))
                .all(db)
                .await?
                .into_iter()
                .map(|m| m.state_iso3)
                .collect(),
        ),
        None => None,
    };
    let region = region.map(crate::domain::fold);
    let states: Vec<state::Model> = state::Entity::find()
        .order_by_asc(state::Column::Iso3)
        .all(db)
        .await?
        .into_iter()
        .filter(|s| party_codes.contains(&s.iso3))
        .filter(|s| members.as_ref().is_none_or(|m| m.contains(&s.iso3)))
        .filter(|s| {
            region.as_ref().is_none_or(|r| {
                [&s.region, &s.subregion, &s.intermediate_region]
                    .into_iter()
                    .flatten()
                    .any(|x| crate::domain::fold(x) == *r)
            })
        })
        .collect();
    let designated_states: BTreeSet<String> = {
        let holders: Vec<uuid::Uuid> = crate::db::entities::designation::Entity::find()
            .filter(crate::db::entities::designation::Column::LegalBasisCode.eq(lb.code.as_str()))
            .all(db)
            .await?
            .into_iter()
            .map(|d| d.authority_id)
            .collect();
        super::authorities::get_many(db, &holders).await?.into_iter().map(|a| a.state_iso3).collect()
    };
    let parties = states.len();
    let (done, missing): (Vec<_>, Vec<_>) = states.into_iter().partition(|s| designated_states.contains(&s.iso3));
    Ok(Directory { legal_basis: lb, parties, designated: done.len(), missing })
}

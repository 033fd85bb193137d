//! The printable directory: every State with how many authorities it has, and one State's page with everything a
//! reader may see of its authorities, gathered in a handful of statements.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use crate::db::entities::{
    authority, contact, convention, designation, legal_basis, network, network_contact_point, state, state_party,
};
use crate::domain::Iso3;
use crate::error::AppError;
use crate::service::{authorities, contacts, conventions, designations, networks, parties};

/// Every State and territory with its number of authorities, by code.
pub(crate) async fn states(db: &impl ConnectionTrait) -> Result<Vec<(state::Model, i64)>, AppError> {
    let states = state::Entity::find().order_by_asc(state::Column::Iso3).all(db).await?;
    let counts: Vec<(String, i64)> = authority::Entity::find()
        .select_only()
        .column(authority::Column::StateIso3)
        .column_as(authority::Column::Id.count(), "n")
        .filter(authority::Column::DeletedAt.is_null())
        .group_by(authority::Column::StateIso3)
        .into_tuple()
        .all(db)
        .await?;
    let counts: HashMap<String, i64> = counts.into_iter().collect();
    Ok(states
        .into_iter()
        .map(|s| {
            let n = counts.get(&s.iso3).copied().unwrap_or(0);
            (s, n)
        })
        .collect())
}

/// An authority as its State's page shows it.
pub(crate) struct AuthorityEntry {
    pub(crate) authority: authority::Model,
    /// List name → values (`authority_list_item::list`).
    pub(crate) lists: HashMap<String, Vec<String>>,
    pub(crate) designations: Vec<(designation::Model, Option<legal_basis::Model>)>,
    pub(crate) contacts: Vec<contact::Model>,
    pub(crate) networks: Vec<(network_contact_point::Model, Option<network::Model>)>,
}

/// Authorities one page of a State shows: a State with thousands is read and printed a part at a time.
pub(crate) const PAGE_SIZE: usize = 100;

pub(crate) struct StatePage {
    pub(crate) state: state::Model,
    /// The authorities of the page asked for, in order of their folded names.
    pub(crate) authorities: Vec<AuthorityEntry>,
    /// All the State's authorities, and the pages they take.
    pub(crate) total: usize,
    pub(crate) pages: usize,
    /// The page shown, from 1.
    pub(crate) page: usize,
    /// The most recent confirmation among the State's authorities.
    pub(crate) last_confirmed: Option<DateTime<Utc>>,
    /// The State's recorded participation in each convention, with the convention: the legal bases it may invoke.
    pub(crate) participation: Vec<(state_party::Model, Option<convention::Model>)>,
}

/// Page `page` (from 1; past the last, the last) of a State's authorities, as an anonymous reader sees them
/// (public contacts only); `None` for an unknown code. Only the page's authorities are read beyond their rows.
pub(crate) async fn state_page(
    db: &impl ConnectionTrait,
    raw: &str,
    page: usize,
) -> Result<Option<StatePage>, AppError> {
    let Ok(code) = Iso3::parse("iso3", raw) else { return Ok(None) };
    let Some(state) = crate::service::states::get(db, &code).await? else { return Ok(None) };
    let mut all = authorities::of_states(db, std::slice::from_ref(&state.iso3)).await?;
    let total = all.len();
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = page.clamp(1, pages);
    let last_confirmed = all.iter().filter_map(|a| a.last_confirmed_at).max();
    all.sort_by_cached_key(|a| crate::domain::fold(&a.name));
    let list: Vec<authority::Model> = all.into_iter().skip((page - 1) * PAGE_SIZE).take(PAGE_SIZE).collect();
    let authorities = entries(db, list).await?;
    let recorded = parties::parties_of(db, std::slice::from_ref(&state.iso3)).await?;
    let codes: Vec<String> = recorded.iter().map(|p| p.convention_code.clone()).collect();
    let conventions = conventions::get_many(db, &codes).await?;
    let participation = recorded
        .into_iter()
        .map(|p| {
            let c = conventions.iter().find(|c| c.code == p.convention_code).cloned();
            (p, c)
        })
        .collect();
    Ok(Some(StatePage { state, authorities, total, pages, page, last_confirmed, participation }))
}

/// The authorities with all a reader may see of them (public contacts only), in the order given.
pub(crate) async fn entries(
    db: &impl ConnectionTrait,
    list: Vec<authority::Model>,
) -> Result<Vec<AuthorityEntry>, AppError> {
    let ids: Vec<Uuid> = list.iter().map(|a| a.id).collect();
    let mut lists = authorities::lists_of(db, &ids).await?;
    let designated = designations::designations_of(db, &ids).await?;
    let codes: Vec<String> = designated.iter().map(|d| d.legal_basis_code.clone()).collect();
    let bases: HashMap<String, legal_basis::Model> =
        conventions::legal_bases_by_code(db, &codes).await?.into_iter().map(|b| (b.code.clone(), b)).collect();
    let public = contacts::contacts_of(db, &ids, false).await?;
    let points = networks::contact_points_of_authorities(db, &ids).await?;
    let network_codes: Vec<String> = points.iter().map(|p| p.network_code.clone()).collect();
    let nets: HashMap<String, network::Model> =
        networks::get_many(db, &network_codes).await?.into_iter().map(|n| (n.code.clone(), n)).collect();
    Ok(list
        .into_iter()
        .map(|a| AuthorityEntry {
            lists: lists.remove(&a.id).unwrap_or_default(),
            designations: designated
                .iter()
                .filter(|d| d.authority_id == a.id)
                .map(|d| (d.clone(), bases.get(&d.legal_basis_code).cloned()))
                .collect(),
            contacts: public.iter().filter(|c| c.authority_id == a.id).cloned().collect(),
            networks: points
                .iter()
                .filter(|p| p.authority_id == a.id)
                .map(|p| (p.clone(), nets.get(&p.network_code).cloned()))
                .collect(),
            authority: a,
        })
        .collect())
}

/// The time zone most of a State's authorities give: where a reader in that State most likely is.
pub(crate) async fn usual_time_zone(db: &impl ConnectionTrait, iso3: &str) -> Result<Option<String>, AppError> {
    let zones: Vec<Option<String>> = authority::Entity::find()
        .select_only()
        .column(authority::Column::TimeZone)
        .filter(authority::Column::StateIso3.eq(iso3))
        .filter(authority::Column::DeletedAt.is_null())
        .into_tuple()
        .all(db)
        .await?;
    let mut counts: HashMap<String, usize> = HashMap::new();
    for z in zones.into_iter().flatten() {
        *counts.entry(z).or_default() += 1;
    }
    Ok(counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).map(|(z, _)| z))
}

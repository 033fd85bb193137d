//! Coverage of the legal bases: a State's own, and one legal basis across the directory.

use crate::graphql::types::scalars::Timestamp;
use async_graphql::{ComplexObject, Result, SimpleObject};

use super::{Authority, LegalBasis, StateConnection};
use crate::domain::{CoverageStatus, Participation};
use crate::service::coverage;
use crate::service::page::{Page, PageRequest};

/// How a State covers one legal basis.
#[derive(SimpleObject, Debug, Clone)]
pub(crate) struct CoverageItem {
    /// The legal basis (article) concerned.
    pub legal_basis: LegalBasis,
    /// The State's participation in the legal basis's convention, as recorded.
    pub participation: Participation,
    /// Whether an authority is designated and its entry current: `MISSING`, `STALE`, `CURRENT` or `NOT_REQUIRED`.
    pub status: CoverageStatus,
    /// The State's authorities designated under it.
    pub authorities: Vec<Authority>,
    /// The most recent confirmation among them.
    pub last_confirmed_at: Option<Timestamp>,
}

impl From<coverage::Item> for CoverageItem {
    fn from(i: coverage::Item) -> Self {
        Self {
            legal_basis: i.legal_basis.into(),
            participation: i.participation,
            status: i.status,
            authorities: i.authorities.into_iter().map(Into::into).collect(),
            last_confirmed_at: i.last_confirmed_at.map(Into::into),
        }
    }
}

/// One legal basis across the directory: its convention's parties, how many designated an authority, which not.
#[derive(SimpleObject)]
#[graphql(complex)]
pub(crate) struct LegalBasisCoverage {
    /// The legal basis (article) counted.
    pub legal_basis: LegalBasis,
    /// Parties to the convention (within the region or network asked for).
    pub parties: i32,
    /// Of them, those with at least one authority designated under the legal basis.
    pub designated: i32,
    #[graphql(skip)]
    pub missing_states: Vec<crate::db::entities::state::Model>,
}

impl From<coverage::Directory> for LegalBasisCoverage {
    fn from(d: coverage::Directory) -> Self {
        Self {
            legal_basis: d.legal_basis.into(),
            parties: i32::try_from(d.parties).unwrap_or(i32::MAX),
            designated: i32::try_from(d.designated).unwrap_or(i32::MAX),
            missing_states: d.missing,
        }
    }
}

#[ComplexObject]
impl LegalBasisCoverage {
    /// Parties without an authority designated under the legal basis, by code.
    #[graphql(complexity = "crate::graphql::schema::paged(first, child_complexity)")]
    async fn missing(
        &self,
        #[graphql(desc = "How many States to return: 0 to 100, 20 when left out.")] first: Option<i32>,
        #[graphql(desc = "The `endCursor` of the previous page; left out, the list starts at the beginning.")]
        after: Option<String>,
    ) -> Result<StateConnection> {
        let page = PageRequest::<String>::parse(first, after.as_deref())?;
        let total = self.missing_states.len() as u64;
        let rows: Vec<_> = self
            .missing_states
            .iter()
            .filter(|s| page.after.as_ref().is_none_or(|a| s.iso3 > *a))
            .take(page.limit() as usize)
            .cloned()
            .collect();
        Ok(StateConnection::from_page(Page::from_rows(rows, &page), |s| s.iso3.clone(), Some(total)))
    }
}

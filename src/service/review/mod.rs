//! Keeping entries current: what a focal point (its State's authorities and contacts) or a network's secretariat
//! (its memberships and contact points) should look at first. Confirmations are written in `write`.

pub(crate) mod write;

use chrono::{DateTime, Months, Utc};
use sea_orm::ConnectionTrait;

use crate::db::entities::{authority, contact, legal_basis, network_contact_point, network_membership};
use crate::domain::{CoverageStatus, ReviewPolicy};
use crate::error::AppError;
use crate::service::{authorities, contacts, coverage, networks};

/// Entries never confirmed or confirmed longer ago than the review period, and those falling due within a month.
#[derive(Debug)]
pub(crate) struct Due<T> {
    pub(crate) stale: Vec<T>,
    pub(crate) due_soon: Vec<T>,
    /// The first instant still to come at which an entry moves from one list to the next by the clock alone (into
    /// `due_soon` a month before it falls due, into `stale` when it does).
    pub(crate) changes_at: Option<DateTime<Utc>>,
}

impl<T> Default for Due<T> {
    fn default() -> Self {
        Self { stale: Vec::new(), due_soon: Vec::new(), changes_at: None }
    }
}

impl<T> Due<T> {
    fn of(
        items: Vec<T>,
        confirmed: impl Fn(&T) -> Option<DateTime<Utc>>,
        policy: ReviewPolicy,
        now: DateTime<Utc>,
    ) -> Self {
        let month = now.checked_add_months(Months::new(1)).unwrap_or(now);
        let mut out = Self::default();
        for item in items {
            let at = confirmed(&item);
            if let Some(due) = policy.due(at) {
                let soon = due.checked_sub_months(Months::new(1));
                for instant in [soon, Some(due)].into_iter().flatten().filter(|i| *i > now) {
                    out.changes_at = Some(out.changes_at.map_or(instant, |c| c.min(instant)));
                }
            }
            if policy.is_stale(at, now) {
                out.stale.push(item);
            } else if policy.due(at).is_some_and(|d| d <= month) {
                out.due_soon.push(item);
            }
        }
        out
    }
}

impl Review {
    /// The first instant still to come at which the lists change by the clock alone.
    pub(crate) fn changes_at(&self) -> Option<DateTime<Utc>> {
        [&self.authorities.changes_at, &self.contacts.changes_at, &self.memberships.changes_at]
            .into_iter()
            .chain([&self.contact_points.changes_at])
            .flatten()
            .min()
            .copied()
    }
}

/// A to-do list, computed at `as_of`; the parts that do not concern the viewer's role are empty.
#[derive(Debug, Default)]
pub(crate) struct Review {
    pub(crate) as_of: DateTime<Utc>,
    pub(crate) authorities: Due<authority::Model>,
    pub(crate) contacts: Due<contact::Model>,
    /// Legal bases the State owes (a party, or participation unknown) with no authority designated.
    pub(crate) missing: Vec<legal_basis::Model>,
    pub(crate) memberships: Due<network_membership::Model>,
    pub(crate) contact_points: Due<network_contact_point::Model>,
    /// Member States with no contact point in the network.
    pub(crate) members_without_contact_point: Vec<String>,
}

/// A State's to-do list: its authorities and contacts due for review and the legal bases nobody is designated
/// under.
pub(crate) async fn of_state(db: &impl ConnectionTrait, iso3: &str, policy: ReviewPolicy) -> Result<Review, AppError> {
    let list = authorities::of_states(db, &[iso3.to_owned()]).await?;
    let coverage = coverage::of_state(db, iso3, &list, policy).await?;
    of_state_from(db, list, &coverage, policy).await
}

/// A State's to-do list from its authorities and coverage already read (the workspace shows both as well).
pub(crate) async fn of_state_from(
    db: &impl ConnectionTrait,
    list: Vec<authority::Model>,
    coverage: &[coverage::Item],
    policy: ReviewPolicy,
) -> Result<Review, AppError> {
    let now = Utc::now();
    let ids: Vec<_> = list.iter().map(|a| a.id).collect();
    let contact_rows = contacts::contacts_of(db, &ids, true).await?;
    let missing = coverage.iter().filter(|c| c.status == CoverageStatus::Missing);
    Ok(Review {
        as_of: now,
        authorities: Due::of(list, |a| a.last_confirmed_at, policy, now),
        contacts: Due::of(contact_rows, |c| c.last_confirmed_at, policy, now),
        missing: missing.map(|c| c.legal_basis.clone()).collect(),
        ..Review::default()
    })
}

/// A network's to-do list: its memberships and contact points due for review and the members it has no contact
/// point for.
pub(crate) async fn of_network(
    db: &impl ConnectionTrait,
    code: &str,
    policy: ReviewPolicy,
) -> Result<Review, AppError> {
    let now = Utc::now();
    let code = [code.to_owned()];
    let members = networks::members_of(db, &code).await?;
    let points = networks::contact_points_of_networks(db, &code).await?;
    let ids: Vec<_> = points.iter().map(|p| p.authority_id).collect();
    let with_point: std::collections::HashSet<String> =
        authorities::get_many(db, &ids).await?.into_iter().map(|a| a.state_iso3).collect();
    let members_without_contact_point =
        members.iter().map(|m| m.state_iso3.clone()).filter(|s| !with_point.contains(s)).collect();
    Ok(Review {
        as_of: now,
        memberships: Due::of(members, |m| m.last_confirmed_at, policy, now),
        contact_points: Due::of(points, |p| p.last_confirmed_at, policy, now),
        members_without_contact_point,
        ..Review::default()
    })
}

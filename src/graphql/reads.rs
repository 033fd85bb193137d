//! What an answer read, so that the response cache keeps it until a change touches that, and no longer.
//!
//! Every request gets a [`Reads`]; the root fields listed in [`RECORDING_ROOTS`] and the loaders record in it the
//! scopes of what they read, named as the triggers of migration 9 name what a change touched: a table
//! (`t:states`), the authorities of one State (`s:FRA`: the authority rows and their lists, designations, contacts
//! and contact points), any authority (`authorities`), or what searches match (`names`). One rule makes the
//! authorities' scopes complete: whoever hands out an authority (a list, a loader, the route) records its State,
//! so the authority's own fields, read through its loaders, need record nothing more. An answer whose operation
//! has any other root field depends on everything, as every answer did before.
//!
//! Answers that depend on the clock (`stale`, the route's warnings, coverage) also record the first instant
//! their answer would change by itself.

use std::collections::{BTreeSet, HashSet};
use std::sync::{Arc, Mutex, MutexGuard};

use async_graphql::Context;
use chrono::{DateTime, Utc};

/// Root fields whose resolvers (and the fields below them) record what they read. Introspection is static.
pub(crate) const RECORDING_ROOTS: [&str; 14] = [
    "authorities",
    "authority",
    "states",
    "state",
    "networks",
    "network",
    "conventions",
    "convention",
    "legalBases",
    "route",
    // Labels are part of the binary: an answer of labels depends on nothing a change touches.
    "enumLabels",
    "__typename",
    "__schema",
    "__type",
];

/// Table scopes, as migration 9's triggers write them.
pub(crate) const STATES: &str = "t:states";
pub(crate) const CONVENTIONS: &str = "t:conventions";
pub(crate) const LEGAL_BASES: &str = "t:legal_bases";
pub(crate) const PARTIES: &str = "t:state_parties";
pub(crate) const NETWORKS: &str = "t:networks";
pub(crate) const MEMBERSHIPS: &str = "t:network_memberships";
pub(crate) const LINKS: &str = "t:network_links";
pub(crate) const CONTACT_POINTS: &str = "t:network_contact_points";
pub(crate) const CHANGES: &str = "t:changes";
pub(crate) const ORGANIZATIONS: &str = "t:organizations";
pub(crate) const ORGANIZATION_MEMBERSHIPS: &str = "t:network_organization_memberships";
/// Any row of the authorities' family, in any State.
pub(crate) const AUTHORITIES: &str = "authorities";
/// What a search of authorities matches and orders by.
pub(crate) const NAMES: &str = "names";

/// The reference tables the route finder and the filters' code checks read.
pub(crate) const REFERENCE: [&str; 6] = [STATES, CONVENTIONS, LEGAL_BASES, PARTIES, NETWORKS, MEMBERSHIPS];

/// What one request has read so far; inactive (recording nothing) for a request whose answer will not be kept.
pub(crate) struct Reads {
    active: bool,
    set: Mutex<ReadSet>,
}

#[derive(Default)]
struct ReadSet {
    tables: BTreeSet<&'static str>,
    states: HashSet<String>,
    until: Option<DateTime<Utc>>,
}

/// What an answer depends on, as the response cache keeps it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Dependencies {
    /// Any change drops the answer.
    pub(crate) everything: bool,
    /// The scopes whose change drops it.
    pub(crate) scopes: Box<[Box<str>]>,
    /// When the answer would change by the clock alone.
    pub(crate) until: Option<DateTime<Utc>>,
}

impl Dependencies {
    /// Depends on every change.
    pub(crate) fn everything() -> Self {
        Self { everything: true, ..Self::default() }
    }

    /// Bytes held beyond the struct itself, for the cache's weight.
    pub(crate) fn size(&self) -> usize {
        self.scopes.iter().map(|s| s.len() + 16).sum::<usize>() + 40
    }
}

impl Reads {
    /// A record for an answer the cache may keep.
    pub(crate) fn recording() -> Self {
        Self { active: true, set: Mutex::default() }
    }

    /// A record that records nothing: the cache is off, or the operation is not a query.
    pub(crate) fn inactive() -> Self {
        Self { active: false, set: Mutex::default() }
    }

    /// The set, when recording.
    fn set(&self) -> Option<MutexGuard<'_, ReadSet>> {
        // Nothing panics while holding the lock; a poisoned set is still a set.
        self.active.then(|| self.set.lock().unwrap_or_else(|poisoned| poisoned.into_inner()))
    }

    pub(crate) fn table(&self, scope: &'static str) {
        self.tables(&[scope]);
    }

    pub(crate) fn tables(&self, scopes: &[&'static str]) {
        if let Some(mut set) = self.set() {
            set.tables.extend(scopes);
        }
    }

    /// The authorities of one State, with everything that belongs to them.
    pub(crate) fn state(&self, iso3: &str) {
        self.states([iso3]);
    }

    pub(crate) fn states<'a>(&self, codes: impl IntoIterator<Item = &'a str>) {
        if let Some(mut set) = self.set() {
            for iso3 in codes {
                if !set.states.contains(iso3) {
                    set.states.insert(iso3.to_owned());
                }
            }
        }
    }

    /// An answer that could change by the clock at `at` (when it is still to come).
    pub(crate) fn until(&self, at: DateTime<Utc>) {
        if let Some(mut set) = self.set()
            && at > Utc::now()
        {
            set.until = Some(set.until.map_or(at, |u| u.min(at)));
        }
    }

    /// An answer that shows whether entries confirmed at `confirmed` are due for review, which changes by the clock
    /// when the first of them falls due under `policy`.
    pub(crate) fn reviews(
        &self,
        policy: crate::domain::ReviewPolicy,
        confirmed: impl IntoIterator<Item = Option<DateTime<Utc>>>,
    ) {
        for due in confirmed.into_iter().filter_map(|c| policy.due(c)) {
            self.until(due);
        }
    }

    /// The dependencies of the answer; `roots_recorded` says whether every root field of the operation records.
    pub(crate) fn finish(&self, roots_recorded: bool) -> Dependencies {
        let Some(set) = self.set() else { return Dependencies::everything() };
        if !roots_recorded {
            // Any change drops it; the clock still does too, at the instant a field that records it said.
            return Dependencies { until: set.until, ..Dependencies::everything() };
        }
        let scopes = set
            .tables
            .iter()
            .map(|t| Box::from(*t))
            .chain(set.states.iter().map(|s| format!("s:{s}").into_boxed_str()))
            .collect();
        Dependencies { everything: false, scopes, until: set.until }
    }
}

/// The request's record of reads; a schema run without one (a test, a tool) records nowhere.
pub(crate) fn reads<'a>(ctx: &Context<'a>) -> &'a Reads {
    static NOWHERE: std::sync::LazyLock<Reads> = std::sync::LazyLock::new(Reads::inactive);
    ctx.data_opt::<Arc<Reads>>().map_or(&*NOWHERE, |r| &**r)
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, Months, Utc};

    use super::*;
    use crate::domain::ReviewPolicy;

    #[test]
    fn an_answer_about_reviews_changes_when_the_first_still_to_come_falls_due() {
        let now = Utc::now();
        let reads = Reads::recording();
        let confirmed = |months_ago: u32| now.checked_sub_months(Months::new(months_ago));
        // Due in 5, 3 and -1 months (already past: no change to come from it), and never confirmed.
        reads.reviews(ReviewPolicy { months: 6 }, [confirmed(1), confirmed(3), confirmed(7), None]);
        let until = reads.finish(true).until.expect("a review still to come");
        let first = confirmed(3).and_then(|c| c.checked_add_months(Months::new(6))).unwrap();
        assert!((until - first).abs() < Duration::seconds(1), "{until} is not {first}");
    }
}

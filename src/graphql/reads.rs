//! What an answer read, so that the response cache keeps it until a change touches that, and no longer.
//!
//! Every request gets a [`Reads`]; the root fields listed in [`RECORDING_ROOTS`] and the loaders record in it the
//! scopes of what they read, named as the triggers of migration 9 name what a change touched: a table
//! (`t:states`), the authorities of one State (`s:FRA`: the authority rows and their lists, designations, contacts
//! and contact points), one authority with the same (`a:<id>`), any authority (`authorities`), or what searches
//! match (`names`). One rule makes the
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

/// Root fields whose answers the response cache never keeps: they read what no change to the directory's data
/// marks (a webhook subscription's delivery goes on without one).
pub(crate) const UNCACHED_ROOTS: [&str; 1] = ["webhookSubscriptions"];

/// A scope a change touches, named as migration 9's triggers name it: those names are a contract with the
/// database, written here once (a test reads the triggers and fails when one is missing). The authorities of one
/// State (`s:FRA`) are the one scope with a value in it; see [`Reads::state`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Scope {
    States,
    Conventions,
    LegalBases,
    StateParties,
    Networks,
    NetworkMemberships,
    NetworkLinks,
    NetworkContactPoints,
    Changes,
    Organizations,
    NetworkOrganizationMemberships,
    /// Any row of the authorities' family, in any State.
    Authorities,
    /// What a search of authorities matches and orders by.
    Names,
}

impl Scope {
    #[cfg(test)]
    pub(crate) const ALL: [Scope; 13] = [
        Self::States,
        Self::Conventions,
        Self::LegalBases,
        Self::StateParties,
        Self::Networks,
        Self::NetworkMemberships,
        Self::NetworkLinks,
        Self::NetworkContactPoints,
        Self::Changes,
        Self::Organizations,
        Self::NetworkOrganizationMemberships,
        Self::Authorities,
        Self::Names,
    ];

    /// The scope's name in `data_scopes`.
    pub(crate) const fn name(self) -> &'static str {
        match self {
            Self::States => "t:states",
            Self::Conventions => "t:conventions",
            Self::LegalBases => "t:legal_bases",
            Self::StateParties => "t:state_parties",
            Self::Networks => "t:networks",
            Self::NetworkMemberships => "t:network_memberships",
            Self::NetworkLinks => "t:network_links",
            Self::NetworkContactPoints => "t:network_contact_points",
            Self::Changes => "t:changes",
            Self::Organizations => "t:organizations",
            Self::NetworkOrganizationMemberships => "t:network_organization_memberships",
            Self::Authorities => "authorities",
            Self::Names => "names",
        }
    }
}

/// The reference tables the route finder and the filters' code checks read.
pub(crate) const REFERENCE: [Scope; 6] = [
    Scope::States,
    Scope::Conventions,
    Scope::LegalBases,
    Scope::StateParties,
    Scope::Networks,
    Scope::NetworkMemberships,
];

/// What one request has read so far; inactive (recording nothing) for a request whose answer will not be kept.
pub(crate) struct Reads {
    active: bool,
    set: Mutex<ReadSet>,
}

#[derive(Default)]
struct ReadSet {
    tables: BTreeSet<Scope>,
    states: HashSet<String>,
    authorities: HashSet<uuid::Uuid>,
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

    pub(crate) fn table(&self, scope: Scope) {
        self.tables(&[scope]);
    }

    pub(crate) fn tables(&self, scopes: &[Scope]) {
        if let Some(mut set) = self.set() {
            set.tables.extend(scopes);
        }
    }

    /// Authorities handed out one by one, with everything that belongs to them (`a:<id>`, migration 16): in place
    /// of their States where the answer shows a few authorities of many States (a search across the directory).
    pub(crate) fn authorities(&self, ids: impl IntoIterator<Item = uuid::Uuid>) {
        if let Some(mut set) = self.set() {
            set.authorities.extend(ids);
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
            .map(|t| Box::from(t.name()))
            .chain(set.states.iter().map(|s| format!("s:{s}").into_boxed_str()))
            .chain(set.authorities.iter().map(|id| authority_scope(*id)))
            .collect();
        Dependencies { everything: false, scopes, until: set.until }
    }
}

/// The scope of one authority and everything that belongs to it, as migration 16's triggers name it: `a:` and the
/// id's 32 lowercase hexadecimal digits.
pub(crate) fn authority_scope(id: uuid::Uuid) -> Box<str> {
    format!("a:{}", id.simple()).into_boxed_str()
}

/// The request's record of reads; a schema run without one (a test, a tool) records nowhere.
pub(crate) fn reads<'a>(ctx: &Context<'a>) -> &'a Reads {
    static NOWHERE: std::sync::LazyLock<Reads> = std::sync::LazyLock::new(Reads::inactive);
    ctx.data_opt::<Arc<Reads>>().map_or(&*NOWHERE, |r| &**r)
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, Months, Utc};
    use sea_orm::{ConnectionTrait, Database, DatabaseBackend, Statement};

    use super::*;

    /// Every scope an answer may depend on is one the database's triggers write; a name spelled differently here
    /// and there would keep answers past the changes that should drop them. SQLite in memory, and the PostgreSQL
    /// of `TEST_DATABASE_URL` when it is set.
    #[tokio::test]
    async fn every_scope_is_written_by_the_database_triggers() {
        let db = Database::connect("sqlite::memory:").await.expect("in memory");
        <migration::Migrator as migration::MigratorTrait>::up(&db, None).await.expect("migrate");
        let sql = "SELECT group_concat(sql, ' ') FROM sqlite_master WHERE type = 'trigger'";
        let row = db.query_one_raw(Statement::from_string(DatabaseBackend::Sqlite, sql)).await.expect("read");
        let triggers: String = row.expect("a row").try_get_by_index(0).expect("text");
        for scope in Scope::ALL {
            assert!(triggers.contains(&format!("'{}'", scope.name())), "no SQLite trigger writes {}", scope.name());
        }
        // The scopes with a value: a State's authorities and one authority (its id as `authority_scope` writes it).
        for prefix in ["'s:' ||", "'a:' ||"] {
            assert!(triggers.contains(prefix), "no SQLite trigger writes {prefix} scopes");
        }
        let Ok(admin) = std::env::var("TEST_DATABASE_URL") else { return };
        if !admin.starts_with("postgres") {
            return;
        }
        let name = format!("cna_scopes_{}", uuid::Uuid::new_v4().simple());
        let server = Database::connect(admin.as_str()).await.expect("PostgreSQL");
        server.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await.expect("create");
        let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
        let db = Database::connect(format!("{base}/{name}")).await.expect("connect");
        <migration::Migrator as migration::MigratorTrait>::up(&db, None).await.expect("migrate");
        let pg = |sql: &str| Statement::from_string(DatabaseBackend::Postgres, sql.to_owned());
        // Table scopes: `'t:' || TG_TABLE_NAME` in the function the table's trigger calls.
        let tables = "SELECT string_agg(event_object_table, ' ') FROM information_schema.triggers \
                      WHERE action_statement LIKE '%scope_table%'";
        let row = db.query_one_raw(pg(tables)).await.expect("read").expect("a row");
        let tables: String = row.try_get_by_index(0).expect("text");
        let functions =
            "SELECT string_agg(prosrc, ' ') FROM pg_proc WHERE proname LIKE 'scope_%' OR proname LIKE 'touch_%'";
        let row = db.query_one_raw(pg(functions)).await.expect("read").expect("a row");
        let functions: String = row.try_get_by_index(0).expect("text");
        for scope in Scope::ALL {
            let written = match scope.name().strip_prefix("t:") {
                Some(table) => tables.split(' ').any(|t| t == table),
                None => functions.contains(&format!("'{}'", scope.name())),
            };
            assert!(written, "no PostgreSQL trigger writes {}", scope.name());
        }
        for prefix in ["'s:' ||", "'a:' ||"] {
            assert!(functions.contains(prefix), "no PostgreSQL trigger writes {prefix} scopes");
        }
        db.close().await.expect("close");
        server.execute_unprepared(&format!("DROP DATABASE \"{name}\" WITH (FORCE)")).await.expect("drop");
    }
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

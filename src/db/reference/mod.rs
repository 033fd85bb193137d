//! Reference data shipped with the server (`data/*.json`): States, conventions, legal bases, treaty participation,
//! networks, their members and links, every fact with its source and the date it is true as of.
//!
//! Loading runs at every start, in one transaction, and depends on the release last applied (`reference_release`):
//! - a fresh database gets every row, each key written to the `reference_seeds` ledger;
//! - the same release again adds only rows the ledger has never seen (so an entry an administrator removed is not
//!   brought back, and loading twice changes nothing);
//! - a newer release is applied as a diff: rows it adds are inserted, rows it corrects are updated, rows it no
//!   longer lists are deleted, each recorded in the change feed as a change by the reference release — except a
//!   fact that someone changed through the API (any change in the feed not made by a release): their change wins,
//!   and the fact is listed in `reference_conflicts` (`migrate status`, the `referenceConflicts` query).

mod files;
pub(crate) mod labels;

use std::collections::{HashMap, HashSet};

use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, IntoActiveModel, NotSet, PaginatorTrait, QueryFilter, Set, TransactionTrait, TryInsertResult,
};
use serde::Serialize;

pub use files::ReferenceData;

use super::entities::{
    change, convention, legal_basis, network, network_link, network_membership, network_organization_membership,
    organization, reference_conflict, reference_release, reference_seed, state, state_party,
};
use crate::domain::ChangeAction;

const STATES: &str = include_str!("../../../data/states.json");
const CONVENTIONS: &str = include_str!("../../../data/conventions.json");
const NETWORKS: &str = include_str!("../../../data/networks.json");
const TREATIES: &str = include_str!("../../../data/treaties.json");

/// The actor role of changes made by a reference release in the feed.
pub const RELEASE_ROLE: &str = "reference";

impl ReferenceData {
    /// Parses the shipped files. They are part of the binary, so a failure here is a packaging bug.
    pub fn shipped() -> anyhow::Result<Self> {
        Self::parse(STATES, CONVENTIONS, NETWORKS, Some(TREATIES))
    }
}

/// Applies the shipped release. Returns the number of rows inserted, updated or deleted.
pub async fn load(db: &DatabaseConnection) -> anyhow::Result<usize> {
    load_release(db, ReferenceData::shipped()?).await
}

/// Applies `data` as described in the module's documentation.
pub async fn load_release(db: &DatabaseConnection, data: ReferenceData) -> anyhow::Result<usize> {
    let txn = db.begin().await?;
    // Instances starting together on one PostgreSQL database apply a release one after the other (SQLite has one
    // writer anyway); the lock ends with the transaction.
    if db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        txn.execute_unprepared("SELECT pg_advisory_xact_lock(7253114)").await?;
    }
    let seen: HashSet<(String, String)> =
        reference_seed::Entity::find().all(&txn).await?.into_iter().map(|s| (s.entity, s.key)).collect();
    // A database loaded before releases were numbered has a ledger but no release row: it holds release 1.
    let applied = match reference_release::Entity::find_by_id(1).one(&txn).await? {
        Some(r) => r.version,
        None if seen.is_empty() => 0,
        None => 1,
    };
    let mode = match applied {
        0 => Mode::Fresh,
        v if data.version > v => Mode::Upgrade,
        _ => Mode::Same,
    };
    let mut apply =
        Apply { txn: &txn, seen, listed: HashMap::new(), mode, release: data.version, changed: 0, conflicts: 0 };
    let state_scope = |s: &state::Model| (Some(s.iso3.clone()), None);
    apply.rows::<state::ActiveModel>("state", data.states, |s| s.iso3.clone(), state_scope).await?;
    apply.rows::<convention::ActiveModel>("convention", data.conventions, |c| c.code.clone(), |_| (None, None)).await?;
    apply
        .rows::<legal_basis::ActiveModel>("legal_basis", data.legal_bases, |l| l.code.clone(), |_| (None, None))
        .await?;
    let party_key = |p: &state_party::Model| format!("{}/{}", p.state_iso3, p.convention_code);
    let party_scope = |p: &state_party::Model| (Some(p.state_iso3.clone()), None);
    apply.rows::<state_party::ActiveModel>("state_party", data.parties, party_key, party_scope).await?;
    let network_scope = |n: &network::Model| (None, Some(n.code.clone()));
    apply.rows::<network::ActiveModel>("network", data.networks, |n| n.code.clone(), network_scope).await?;
    apply
        .rows::<organization::ActiveModel>("organization", data.organizations, |o| o.code.clone(), |_| (None, None))
        .await?;
    let member_key = |m: &network_membership::Model| format!("{}/{}", m.network_code, m.state_iso3);
    let member_scope = |m: &network_membership::Model| (Some(m.state_iso3.clone()), Some(m.network_code.clone()));
    apply
        .rows::<network_membership::ActiveModel>("network_membership", data.memberships, member_key, member_scope)
        .await?;
    let org_key = |m: &network_organization_membership::Model| format!("{}/{}", m.network_code, m.organization_code);
    let org_scope = |m: &network_organization_membership::Model| (None, Some(m.network_code.clone()));
    let org_rows = data.organization_memberships;
    apply
        .rows::<network_organization_membership::ActiveModel>(
            "network_organization_membership",
            org_rows,
            org_key,
            org_scope,
        )
        .await?;
    let link_key = |l: &network_link::Model| format!("{}/{}", l.network_code, l.linked_code);
    let link_scope = |l: &network_link::Model| (None, Some(l.network_code.clone()));
    apply.rows::<network_link::ActiveModel>("network_link", data.links, link_key, link_scope).await?;
    if apply.mode == Mode::Upgrade {
        // What the release no longer lists, children before parents. States, conventions and networks are never
        // removed by a release: authorities and designations hang off them.
        apply.removed::<network_link::ActiveModel>("network_link", link_key, link_scope).await?;
        let entity = "network_organization_membership";
        apply.removed::<network_organization_membership::ActiveModel>(entity, org_key, org_scope).await?;
        apply.removed::<network_membership::ActiveModel>("network_membership", member_key, member_scope).await?;
        apply.removed::<state_party::ActiveModel>("state_party", party_key, party_scope).await?;
    }
    let (changed, conflicts) = (apply.changed, apply.conflicts);
    if applied < data.version {
        let row = reference_release::ActiveModel {
            id: Set(1),
            version: Set(data.version),
            applied_at: Set(crate::domain::now()),
        };
        match applied {
            0 | 1 if reference_release::Entity::find_by_id(1).one(&txn).await?.is_none() => {
                row.insert(&txn).await?;
            }
            _ => {
                row.update(&txn).await?;
            }
        }
    }
    txn.commit().await?;
    if changed > 0 {
        tracing::info!(rows = changed, release = data.version, from = applied, "reference data applied");
    }
    if conflicts > 0 {
        tracing::warn!(conflicts, "reference facts changed through the API were kept; see `migrate status`");
    }
    Ok(changed)
}

/// Facts a release would have corrected but that were kept as changed through the API, newest first.
pub async fn conflicts(db: &impl sea_orm::ConnectionTrait) -> anyhow::Result<Vec<reference_conflict::Model>> {
    use sea_orm::QueryOrder;
    Ok(reference_conflict::Entity::find().order_by_desc(reference_conflict::Column::Id).all(db).await?)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Fresh,
    Same,
    Upgrade,
}

struct Apply<'a> {
    txn: &'a DatabaseTransaction,
    seen: HashSet<(String, String)>,
    /// Keys the release lists, per entity, for finding what it no longer lists.
    listed: HashMap<String, HashSet<String>>,
    mode: Mode,
    release: i32,
    changed: usize,
    conflicts: usize,
}

/// The State and the network a fact concerns, for the feed's filters.
type Scope = (Option<String>, Option<String>);

type ModelOf<A> = <<A as ActiveModelTrait>::Entity as EntityTrait>::Model;

/// Columns of a reference row that the directory keeps, not the release: a release compares and corrects the
/// facts, and leaves (or advances) the row's version and its last confirmation.
trait Bookkeeping {
    /// `self` (the release's row) takes the bookkeeping of `current` (the database's).
    fn settle(&mut self, _current: &Self) {}
    /// The row as a correction writes it: a new version, so that copies taken before it are out of date.
    fn advance(&mut self) {}
}

impl Bookkeeping for state::Model {}
impl Bookkeeping for convention::Model {}
impl Bookkeeping for legal_basis::Model {}
impl Bookkeeping for state_party::Model {}
impl Bookkeeping for network::Model {}
impl Bookkeeping for organization::Model {}
impl Bookkeeping for network_organization_membership::Model {}
impl Bookkeeping for network_link::Model {}
impl Bookkeeping for network_membership::Model {
    fn settle(&mut self, current: &Self) {
        self.version = current.version;
        self.last_confirmed_at = current.last_confirmed_at;
    }
    fn advance(&mut self) {
        self.version += 1;
    }
}

impl Apply<'_> {
    async fn rows<A>(
        &mut self,
        entity: &str,
        rows: Vec<ModelOf<A>>,
        key: impl Fn(&ModelOf<A>) -> String,
        scope: impl Fn(&ModelOf<A>) -> Scope,
    ) -> anyhow::Result<()>
    where
        A: ActiveModelTrait + ActiveModelBehavior + Send,
        ModelOf<A>: IntoActiveModel<A> + Clone + PartialEq + Serialize + Bookkeeping,
    {
        let current: HashMap<String, ModelOf<A>> = match self.mode {
            Mode::Upgrade => {
                <A::Entity as EntityTrait>::find().all(self.txn).await?.into_iter().map(|m| (key(&m), m)).collect()
            }
            _ => HashMap::new(),
        };
        for mut row in rows {
            let k = key(&row);
            self.listed.entry(entity.to_owned()).or_default().insert(k.clone());
            let seen = self.seen.contains(&(entity.to_owned(), k.clone()));
            if self.mode != Mode::Upgrade {
                if !seen {
                    self.insert::<A>(entity, &k, row).await?;
                }
                continue;
            }
            if let Some(now) = current.get(&k) {
                row.settle(now);
            }
            match current.get(&k) {
                None if seen => {
                    self.conflict(entity, &k, "removed through the API; the release still lists it").await?
                }
                None => {
                    self.record(entity, &k, scope(&row), ChangeAction::Create, None, Some(&row)).await?;
                    self.insert::<A>(entity, &k, row).await?;
                }
                Some(now) if *now == row => self.remember(entity, &k, seen).await?,
                Some(_) if self.edited(entity, &k).await? => {
                    let why = "changed through the API; the release's correction was not applied";
                    self.conflict(entity, &k, why).await?;
                    self.remember(entity, &k, seen).await?;
                }
                Some(now) => {
                    row.advance();
                    self.record(entity, &k, scope(&row), ChangeAction::Update, Some(now), Some(&row)).await?;
                    row.into_active_model().reset_all().update(self.txn).await?;
                    self.changed += 1;
                    self.remember(entity, &k, seen).await?;
                }
            }
        }
        Ok(())
    }

    /// Rows of `entity` a previous release loaded that this one no longer lists.
    async fn removed<A>(
        &mut self,
        entity: &str,
        key: impl Fn(&ModelOf<A>) -> String,
        scope: impl Fn(&ModelOf<A>) -> Scope,
    ) -> anyhow::Result<()>
    where
        A: ActiveModelTrait + ActiveModelBehavior + Send,
        ModelOf<A>: IntoActiveModel<A> + Clone + Serialize,
    {
        let listed: HashSet<String> = self.listed.remove(entity).unwrap_or_default();
        for row in <A::Entity as EntityTrait>::find().all(self.txn).await? {
            let k = key(&row);
            if listed.contains(&k) || !self.seen.contains(&(entity.to_owned(), k.clone())) {
                continue;
            }
            if self.edited(entity, &k).await? {
                self.conflict(entity, &k, "changed through the API; the release no longer lists it, it was kept")
                    .await?;
            } else {
                self.record(entity, &k, scope(&row), ChangeAction::Delete, Some(&row), None).await?;
                row.into_active_model().delete(self.txn).await?;
                self.changed += 1;
            }
            reference_seed::Entity::delete_by_id((entity.to_owned(), k)).exec(self.txn).await?;
        }
        Ok(())
    }

    /// Inserts a row unless one with its key exists (an entry created through the API before the data listed it
    /// is kept), and remembers the key.
    async fn insert<A>(&mut self, entity: &str, key: &str, row: ModelOf<A>) -> anyhow::Result<()>
    where
        A: ActiveModelTrait + ActiveModelBehavior + Send,
        ModelOf<A>: IntoActiveModel<A>,
    {
        let result = <A::Entity as EntityTrait>::insert(row.into_active_model())
            .on_conflict_do_nothing()
            .exec_without_returning(self.txn)
            .await?;
        if let TryInsertResult::Inserted(n) = result {
            self.changed += n as usize;
        }
        self.remember(entity, key, false).await
    }

    async fn remember(&mut self, entity: &str, key: &str, seen: bool) -> anyhow::Result<()> {
        if seen || !self.seen.insert((entity.to_owned(), key.to_owned())) {
            return Ok(());
        }
        reference_seed::Entity::insert(reference_seed::ActiveModel {
            entity: Set(entity.to_owned()),
            key: Set(key.to_owned()),
        })
        .on_conflict_do_nothing()
        .exec_without_returning(self.txn)
        .await?;
        Ok(())
    }

    /// Whether anyone but a release changed this fact: the change feed has a change of it by another actor.
    async fn edited(&self, entity: &str, key: &str) -> anyhow::Result<bool> {
        let changes = change::Entity::find()
            .filter(change::Column::Entity.eq(entity))
            .filter(change::Column::EntityId.eq(key))
            .filter(change::Column::ActorRole.ne(RELEASE_ROLE))
            .count(self.txn)
            .await?;
        Ok(changes > 0)
    }

    async fn conflict(&mut self, entity: &str, key: &str, detail: &str) -> anyhow::Result<()> {
        tracing::warn!(entity, key, detail, "reference fact kept as changed through the API");
        reference_conflict::ActiveModel {
            id: NotSet,
            release: Set(self.release),
            entity: Set(entity.to_owned()),
            key: Set(key.to_owned()),
            detail: Set(detail.to_owned()),
            found_at: Set(crate::domain::now()),
        }
        .insert(self.txn)
        .await?;
        self.conflicts += 1;
        Ok(())
    }

    /// A change by the release in the feed, as the API's writers record theirs.
    async fn record<M: Serialize>(
        &self,
        entity: &str,
        key: &str,
        (state, network): Scope,
        action: ChangeAction,
        before: Option<&M>,
        after: Option<&M>,
    ) -> anyhow::Result<()> {
        let snapshot = |m: &M| serde_json::to_value(m).ok();
        change::ActiveModel {
            id: NotSet,
            at: Set(crate::domain::now()),
            actor_sub: Set(format!("reference-release-{}", self.release)),
            actor_role: Set(RELEASE_ROLE.to_owned()),
            actor_state: Set(None),
            actor_network: Set(None),
            entity: Set(entity.to_owned()),
            entity_id: Set(key.to_owned()),
            action: Set(action),
            state_iso3: Set(state),
            network_code: Set(network),
            before: Set(before.and_then(snapshot)),
            after: Set(after.and_then(snapshot)),
            authority_id: Set(None),
            position: NotSet,
        }
        .insert(self.txn)
        .await?;
        Ok(())
    }
}

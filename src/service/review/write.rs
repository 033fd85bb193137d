//! Confirming in bulk: a list of entries, or everything of a State (or a network) the viewer has reviewed. All or
//! nothing, one audit row per entry.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, TransactionTrait};
use uuid::Uuid;

use crate::auth::Viewer;
use crate::db::entities::{authority, change, contact, network_contact_point, network_membership};
use crate::domain::ReviewPolicy;
use crate::error::AppError;
use crate::service::{authorities, contacts, networks};

/// Most entries one bulk confirmation may name.
pub(crate) const MAX_ENTRIES: usize = 2_000;

/// Entries to confirm, by kind; memberships by (network code, State code).
#[derive(Debug, Default)]
pub(crate) struct Entries {
    pub(crate) authorities: Vec<Uuid>,
    pub(crate) contacts: Vec<Uuid>,
    pub(crate) memberships: Vec<(String, String)>,
    pub(crate) contact_points: Vec<Uuid>,
}

impl Entries {
    fn len(&self) -> usize {
        self.authorities.len() + self.contacts.len() + self.memberships.len() + self.contact_points.len()
    }
}

/// What was confirmed, as it now stands.
#[derive(Debug, Default)]
pub(crate) struct Confirmed {
    pub(crate) authorities: Vec<authority::Model>,
    pub(crate) contacts: Vec<contact::Model>,
    pub(crate) memberships: Vec<network_membership::Model>,
    pub(crate) contact_points: Vec<network_contact_point::Model>,
    /// Entries left unconfirmed because they changed after the review (entity, id as the feed names them).
    pub(crate) changed_since: Vec<(String, String)>,
}

/// Confirms every entry named, each scoped like its other changes (authorities and contacts: the State's focal
/// point; memberships and contact points: the network's secretariat; an administrator any); one refusal or unknown
/// entry and nothing is confirmed.
pub(crate) async fn confirm(db: &DatabaseConnection, viewer: &Viewer, entries: Entries) -> Result<Confirmed, AppError> {
    viewer.actor()?;
    let n = entries.len();
    if n == 0 || n > MAX_ENTRIES {
        return Err(AppError::invalid("entries", format!("name between 1 and {MAX_ENTRIES} entries, not {n}")));
    }
    confirm_all(db, viewer, entries).await
}

/// Whose entries a "confirm everything I reviewed" covers.
pub(crate) enum Scope {
    /// A State's authorities and their contacts.
    State(String),
    /// A network's memberships and contact points.
    Network(String),
}

/// Confirms everything of a State (or a network) that has not changed since `reviewed_at` — the time the viewer's
/// to-do list was computed (`me { review { asOf } }`). What changed after it (someone else's edit, a release) is
/// left for the next review and reported, never confirmed unseen.
pub(crate) async fn confirm_reviewed(
    db: &DatabaseConnection,
    viewer: &Viewer,
    scope: Scope,
    reviewed_at: DateTime<Utc>,
    policy: ReviewPolicy,
) -> Result<Confirmed, AppError> {
    let now = crate::domain::now();
    if reviewed_at > now {
        return Err(AppError::invalid("reviewedAt", "is in the future"));
    }
    if policy.is_stale(Some(reviewed_at), now) {
        return Err(AppError::invalid("reviewedAt", "is older than the review period: review the entries again"));
    }
    let (entries, kinds, cond) = match &scope {
        Scope::State(raw) => {
            let iso3 = crate::service::states::require_code(db, "state", raw).await?;
            viewer.require_state(&iso3)?;
            let list = authorities::of_states(db, std::slice::from_ref(&iso3)).await?;
            let ids: Vec<Uuid> = list.iter().map(|a| a.id).collect();
            let contact_ids = contacts::contacts_of(db, &ids, true).await?.into_iter().map(|c| c.id).collect();
            let entries = Entries { authorities: ids, contacts: contact_ids, ..Entries::default() };
            (entries, ["authority", "contact"], change::Column::StateIso3.eq(iso3))
        }
        Scope::Network(raw) => {
            let code = networks::require_code(db, "network", raw).await?;
            viewer.require_network(&code)?;
            let codes = [code.clone()];
            let memberships = networks::members_of(db, &codes).await?;
            let points = networks::contact_points_of_networks(db, &codes).await?;
            let entries = Entries {
                memberships: memberships.into_iter().map(|m| (m.network_code, m.state_iso3)).collect(),
                contact_points: points.into_iter().map(|p| p.id).collect(),
                ..Entries::default()
            };
            (entries, ["network_membership", "network_contact_point"], change::Column::NetworkCode.eq(code))
        }
    };
    let txn = db.begin().await?;
    // The audit log says what changed after the review, whoever changed it.
    let changed: HashSet<(String, String)> = change::Entity::find()
        .filter(cond)
        .filter(change::Column::Entity.is_in(kinds))
        .filter(change::Column::At.gt(reviewed_at))
        .all(&txn)
        .await?
        .into_iter()
        .map(|c| (c.entity, c.entity_id))
        .collect();
    txn.commit().await?;
    let mut changed_since = Vec::new();
    let mut keep = |entity: &str, id: String| {
        let key = (entity.to_owned(), id);
        let unchanged = !changed.contains(&key);
        if !unchanged {
            changed_since.push(key);
        }
        unchanged
    };
    let entries = Entries {
        authorities: entries.authorities.into_iter().filter(|id| keep("authority", id.to_string())).collect(),
        contacts: entries.contacts.into_iter().filter(|id| keep("contact", id.to_string())).collect(),
        memberships: entries
            .memberships
            .into_iter()
            .filter(|(n, s)| keep("network_membership", format!("{n}/{s}")))
            .collect(),
        contact_points: entries
            .contact_points
            .into_iter()
            .filter(|id| keep("network_contact_point", id.to_string()))
            .collect(),
    };
    let mut confirmed =
        if entries.len() == 0 { Confirmed::default() } else { confirm_all(db, viewer, entries).await? };
    confirmed.changed_since = changed_since;
    Ok(confirmed)
}

/// As [`confirm`], without the bound on how many: the entries were chosen by the server, not named by a client.
async fn confirm_all(db: &DatabaseConnection, viewer: &Viewer, entries: Entries) -> Result<Confirmed, AppError> {
    let txn = crate::db::begin_write(db).await?;
    let now = crate::domain::now();
    let confirmed = Confirmed {
        authorities: authorities::write::confirm_in(&txn, viewer, &entries.authorities, now).await?,
        contacts: contacts::write::confirm_in(&txn, viewer, &entries.contacts, now).await?,
        memberships: networks::write::confirm_memberships_in(&txn, viewer, &entries.memberships, now).await?,
        contact_points: networks::write::confirm_contact_points_in(&txn, viewer, &entries.contact_points, now).await?,
        changed_since: Vec::new(),
    };
    txn.commit().await?;
    Ok(confirmed)
}

//! Mirroring the public directory without a token: a snapshot of everything an anonymous reader may see, as of one
//! position of the change feed, and the public changes after it. A portal takes the snapshot once, then follows.
//!
//! Every entry has one public shape, the same in the snapshot and in the changes: the row as the change log records
//! it (an authority with its lists), keys in camelCase, timestamps in RFC 3339 UTC to the microsecond, internal
//! columns left out. A portal that applies the changes to its copy of the snapshot holds what a fresh snapshot
//! holds. Left out: restricted contacts, deleted authorities and what hangs off them, token revocations.

use chrono::{DateTime, Utc};
use sea_orm::{
    AccessMode, ColumnTrait, Condition, ConnectionTrait, DatabaseBackend, DatabaseConnection, EntityTrait,
    IsolationLevel, QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};
use serde::Serialize;
use serde_json::{Map, Value};
use tokio::sync::mpsc::Sender;

use crate::db::entities::{
    authority, change, contact, convention, designation, legal_basis, network, network_contact_point, network_link,
    network_membership, network_organization_membership, organization, state, state_party,
};
use crate::domain::{FeedEntity, Visibility};
use crate::error::AppError;
use crate::service::authorities;
use crate::service::changes::FeedCursor;

mod now;

/// Rows read per statement while a snapshot is written.
const CHUNK: u64 = 1_000;

/// `snake_case` → `camelCase`.
fn camel(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut upper = false;
    for c in key.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// A timestamp as every public payload writes it, whatever precision the database kept.
fn instant(raw: &str) -> Option<String> {
    let at = DateTime::parse_from_rfc3339(raw).ok()?.with_timezone(&Utc);
    Some(crate::domain::rfc3339(at))
}

/// Columns no reader sees.
const INTERNAL: [&str; 3] = ["search_text", "deleted_at", "erased"];

/// The public shape of a row as the change log records it.
pub(crate) fn public_shape(row: &Value) -> Value {
    shape(row, &INTERNAL)
}

/// A row of the change log as the feed shows it (`changes { before after }`): the contract's names and one
/// timestamp format, with everything the log keeps (a deletion's `deletedAt`, an erasure's `erased`) but the
/// search text.
pub(crate) fn feed_shape(row: &Value) -> Value {
    shape(row, &["search_text"])
}

fn shape(row: &Value, left_out: &[&str]) -> Value {
    let Value::Object(fields) = row else { return row.clone() };
    let mut out = Map::new();
    for (key, value) in fields {
        if left_out.contains(&key.as_str()) {
            continue;
        }
        let value = match value {
            Value::String(s) if key.ends_with("_at") => instant(s).map_or_else(|| value.clone(), Value::String),
            other => other.clone(),
        };
        out.insert(camel(key), value);
    }
    Value::Object(out)
}

fn shaped<T: Serialize>(row: &T) -> Value {
    public_shape(&serde_json::to_value(row).unwrap_or(Value::Null))
}

/// What a change means to a public copy.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum PublicChange {
    /// The entry as a reader now sees it (new, or changed).
    Put(Value),
    /// The entry is gone from public view; an authority's designations, contacts and contact points go with it.
    Remove,
}

fn public_contact(row: Option<&Value>) -> bool {
    row.and_then(|r| r.get("visibility")).and_then(Value::as_str) == Some("PUBLIC")
}

/// A change of the log as a public copy sees it; `None` when nothing public changed.
pub(crate) fn public_change(c: &change::Model) -> Option<PublicChange> {
    use crate::domain::ChangeAction::Delete;
    let entity = FeedEntity::parse(&c.entity).filter(|e| e.is_public())?;
    match entity {
        FeedEntity::Contact => {
            let (was, is) = (public_contact(c.before.as_ref()), public_contact(c.after.as_ref()));
            match (c.action, was, is) {
                // An erased contact's rows were redacted: whether it was public is no longer known.
                (Delete, ..) => Some(PublicChange::Remove),
                (_, _, true) => c.after.as_ref().map(|a| PublicChange::Put(public_shape(a))),
                (_, true, false) => Some(PublicChange::Remove),
                (_, false, false) => None,
            }
        }
        FeedEntity::Authority if c.after.as_ref().and_then(|a| a.get("deleted_at")).is_some_and(|d| !d.is_null()) => {
            Some(PublicChange::Remove)
        }
        _ => match (c.action, &c.after) {
            (Delete, _) | (_, None) => Some(PublicChange::Remove),
            (_, Some(after)) => Some(PublicChange::Put(public_shape(after))),
        },
    }
}

/// The directory's data version: every change to a table the snapshot reads raises it (migration 9's triggers),
/// whether made through the API, a release, or SQL run on the database directly.
pub(crate) async fn data_version(db: &impl ConnectionTrait) -> Result<i64, AppError> {
    let sql = "SELECT version FROM data_version WHERE id = 1";
    let row = db.query_one_raw(sea_orm::Statement::from_string(db.get_database_backend(), sql)).await?;
    let version = row.map(|r| r.try_get_by_index::<i64>(0)).transpose()?;
    version
        .ok_or_else(|| AppError::Internal(std::sync::Arc::new(sea_orm::DbErr::RecordNotFound("data_version".into()))))
}

/// The position a snapshot read in `db`'s current transaction stands at: the last committed change it sees.
pub(crate) async fn position(db: &impl ConnectionTrait) -> Result<FeedCursor, AppError> {
    let last = change::Entity::find()
        .filter(change::Column::Position.is_not_null())
        .order_by_desc(change::Column::Position)
        .order_by_desc(change::Column::Id)
        .one(db)
        .await?;
    Ok(last.as_ref().map_or(FeedCursor::At(0, 0), FeedCursor::of))
}

/// One entry of a snapshot: its kind (the change log's entity name), its key, its public shape.
pub(crate) struct Entry {
    pub(crate) entity: &'static str,
    pub(crate) key: String,
    pub(crate) data: Value,
}

/// What a snapshot is made of, in order: where it stands, its entries, and how many there were.
pub(crate) enum Line {
    Start { after: FeedCursor },
    Entry(Entry),
    End { entries: usize, after: FeedCursor },
}

/// A feed position as the mirror's pages write it: `POSITION-ID`.
pub(crate) fn cursor_text(c: FeedCursor) -> String {
    let (position, id) = c.key();
    format!("{position}-{id}")
}

/// A public change as every follower of the mirror receives it (`/mirror/changes`, `/mirror/stream`, webhooks):
/// `{"kind":"change","cursor","at","action":"PUT"|"REMOVE","entity","key","data"}`.
pub(crate) fn change_line(change: &change::Model, public: PublicChange) -> Value {
    let (action, data) = match public {
        PublicChange::Put(data) => ("PUT", data),
        PublicChange::Remove => ("REMOVE", Value::Null),
    };
    let at = crate::domain::rfc3339(change.at);
    serde_json::json!({ "kind": "change", "cursor": cursor_text(FeedCursor::of(change)), "at": at,
        "action": action, "entity": change.entity, "key": change.entity_id, "data": data })
}

/// A position as the mirror's pages write it (`POSITION-ID`), or a bare position (every change at it seen).
pub(crate) fn parse_cursor(raw: &str) -> Option<FeedCursor> {
    match raw.split_once('-') {
        Some((p, id)) => Some(FeedCursor::At(p.parse().ok()?, id.parse().ok()?)),
        None => raw.parse().ok().map(|p| FeedCursor::At(p, i64::MAX)),
    }
}

impl Line {
    /// The line as the snapshot's NDJSON writes it.
    pub(crate) fn to_json(&self) -> Value {
        match self {
            Line::Start { after } => {
                let generated = crate::domain::rfc3339(crate::domain::now());
                serde_json::json!({ "kind": "snapshot", "after": cursor_text(*after), "generatedAt": generated })
            }
            Line::Entry(e) => serde_json::json!({ "kind": "entry", "entity": e.entity, "key": e.key, "data": e.data }),
            Line::End { entries, after } => {
                serde_json::json!({ "kind": "end", "entries": entries, "after": cursor_text(*after) })
            }
        }
    }
}

/// Writes a snapshot to `out`: one transaction, so one view of the directory (on PostgreSQL a repeatable-read
/// snapshot; on SQLite in WAL mode a read transaction's view is fixed by its first read). Entries come in a fixed
/// order: reference data first, then authorities and what hangs off them. Stops quietly when `out` is closed (the
/// reader went away).
pub(crate) async fn write_snapshot(db: &DatabaseConnection, out: &Sender<Line>) -> Result<(), AppError> {
    let txn = match db.get_database_backend() {
        DatabaseBackend::Postgres => {
            db.begin_with_config(Some(IsolationLevel::RepeatableRead), Some(AccessMode::ReadOnly)).await?
        }
        _ => db.begin().await?,
    };
    let after = position(&txn).await?;
    if out.send(Line::Start { after }).await.is_err() {
        return Ok(());
    }
    let mut entries = 0;
    if entries_of(&txn, out, &mut entries).await? {
        let _ = out.send(Line::End { entries, after }).await;
    }
    txn.rollback().await?;
    Ok(())
}

/// Sends every public entry; `false` when `out` closed before the last.
async fn entries_of(db: &impl ConnectionTrait, out: &Sender<Line>, sent: &mut usize) -> Result<bool, AppError> {
    let mut emit = async |chunk: Vec<Entry>| -> bool {
        for e in chunk {
            if out.send(Line::Entry(e)).await.is_err() {
                return false;
            }
            *sent += 1;
        }
        true
    };
    macro_rules! table {
        ($entity:expr, $module:ident, $key:expr, [$($order:expr),+], $filter:expr) => {{
            let mut page = 0;
            loop {
                let rows = $module::Entity::find()
                    .filter($filter)
                    $(.order_by_asc($order))+
                    .offset(page * CHUNK)
                    .limit(CHUNK)
                    .all(db)
                    .await?;
                let done = (rows.len() as u64) < CHUNK;
                let key = $key;
                let entries = rows.iter().map(|r| Entry { entity: $entity.as_str(), key: key(r), data: shaped(r) }).collect();
                if !emit(entries).await {
                    return Ok(false);
                }
                if done {
                    break;
                }
                page += 1;
            }
        }};
    }
    let all = Condition::all();
    table!(FeedEntity::State, state, |r: &state::Model| r.iso3.clone(), [state::Column::Iso3], all.clone());
    table!(
        FeedEntity::Convention,
        convention,
        |r: &convention::Model| r.code.clone(),
        [convention::Column::Code],
        all.clone()
    );
    table!(
        FeedEntity::LegalBasis,
        legal_basis,
        |r: &legal_basis::Model| r.code.clone(),
        [legal_basis::Column::Code],
        all.clone()
    );
    table!(
        FeedEntity::StateParty,
        state_party,
        |r: &state_party::Model| format!("{}/{}", r.state_iso3, r.convention_code),
        [state_party::Column::StateIso3, state_party::Column::ConventionCode],
        all.clone()
    );
    table!(FeedEntity::Network, network, |r: &network::Model| r.code.clone(), [network::Column::Code], all.clone());
    table!(
        FeedEntity::Organization,
        organization,
        |r: &organization::Model| r.code.clone(),
        [organization::Column::Code],
        all.clone()
    );
    table!(
        FeedEntity::NetworkMembership,
        network_membership,
        |r: &network_membership::Model| format!("{}/{}", r.network_code, r.state_iso3),
        [network_membership::Column::NetworkCode, network_membership::Column::StateIso3],
        all.clone()
    );
    table!(
        FeedEntity::NetworkOrganizationMembership,
        network_organization_membership,
        |r: &network_organization_membership::Model| format!("{}/{}", r.network_code, r.organization_code),
        [
            network_organization_membership::Column::NetworkCode,
            network_organization_membership::Column::OrganizationCode
        ],
        all.clone()
    );
    table!(
        FeedEntity::NetworkLink,
        network_link,
        |r: &network_link::Model| format!("{}/{}", r.network_code, r.linked_code),
        [network_link::Column::NetworkCode, network_link::Column::LinkedCode],
        all.clone()
    );
    // Authorities with their lists, as the change log records them.
    let mut page = 0;
    loop {
        let rows = authority::Entity::find()
            .filter(authority::Column::DeletedAt.is_null())
            .order_by_asc(authority::Column::Id)
            .offset(page * CHUNK)
            .limit(CHUNK)
            .all(db)
            .await?;
        let done = (rows.len() as u64) < CHUNK;
        let ids: Vec<_> = rows.iter().map(|a| a.id).collect();
        let lists = authorities::lists_of(db, &ids).await?;
        let entries = rows
            .iter()
            .map(|a| {
                let row = authorities::write::snapshot_with(a, lists.get(&a.id));
                Entry { entity: FeedEntity::Authority.as_str(), key: a.id.to_string(), data: public_shape(&row) }
            })
            .collect();
        if !emit(entries).await {
            return Ok(false);
        }
        if done {
            break;
        }
        page += 1;
    }
    let live = || authorities::live_ids();
    table!(
        FeedEntity::Designation,
        designation,
        |r: &designation::Model| r.id.to_string(),
        [designation::Column::Id],
        designation::Column::AuthorityId.in_subquery(live())
    );
    table!(
        FeedEntity::Contact,
        contact,
        |r: &contact::Model| r.id.to_string(),
        [contact::Column::Id],
        Condition::all()
            .add(contact::Column::Visibility.eq(Visibility::Public))
            .add(contact::Column::AuthorityId.in_subquery(live()))
    );
    table!(
        FeedEntity::NetworkContactPoint,
        network_contact_point,
        |r: &network_contact_point::Model| r.id.to_string(),
        [network_contact_point::Column::Id],
        network_contact_point::Column::AuthorityId.in_subquery(live())
    );
    Ok(true)
}

/// Up to `limit` changes after `after`, in commit order, with the cursor of the last one read (public or not).
/// Entries that can be withdrawn are shown as they are now (`now`), never as they were.
pub(crate) async fn changes_after(
    db: &impl ConnectionTrait,
    after: FeedCursor,
    limit: u64,
) -> Result<(Vec<(change::Model, Option<PublicChange>)>, Option<FeedCursor>), AppError> {
    let (position, id) = after.key();
    let rows = change::Entity::find()
        .filter(change::Column::Position.is_not_null())
        .filter(
            Condition::any()
                .add(change::Column::Position.gt(position))
                .add(Condition::all().add(change::Column::Position.eq(position)).add(change::Column::Id.gt(id))),
        )
        .order_by_asc(change::Column::Position)
        .order_by_asc(change::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    let next = rows.last().map(FeedCursor::of);
    let mut changes: Vec<_> = rows
        .into_iter()
        .map(|c| {
            let p = public_change(&c);
            (c, p)
        })
        .collect();
    now::shown_as_now(db, &mut changes).await?;
    Ok((changes, next))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_camel_case_and_times_one_format() {
        let row = serde_json::json!({ "state_iso3": "FRA", "last_confirmed_at": "2026-11-28T20:00:00.123456789Z",
            "search_text": "x", "deleted_at": null, "names": { "fr": "x" } });
        assert_eq!(
            public_shape(&row),
            serde_json::json!({ "stateIso3": "FRA", "lastConfirmedAt": "2026-11-28T20:00:00.123456Z", "names": { "fr": "x" } })
        );
    }
}

//! Changes to authorities: create, update, soft-delete and confirm. Each runs in one transaction that also writes
//! its audit row; updates and deletes carry the version the client last saw, and a stale one changes nothing.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter,
};
use serde_json::Value;
use uuid::Uuid;

use super::find_live;
use crate::auth::Viewer;
use crate::auth::viewer::Actor;
use crate::db::entities::{authority, authority_list_item, authority_list_item::list};
use crate::domain::{ChangeAction, Channel, TransmissionMeans, UrgentChannel, checks, enum_name};
use crate::error::{AppError, Invalid};
use crate::service::audit::{self, Subject};

/// Changes as the client sent them: `None` leaves a field as it is, `Some(None)` clears it.
#[derive(Debug, Default, Clone)]
pub(crate) struct AuthorityChanges {
    pub name: Option<String>,
    pub local_name: Option<Option<String>>,
    pub acronym: Option<Option<String>>,
    pub postal_address: Option<Option<String>>,
    pub city: Option<Option<String>>,
    pub email: Option<Option<String>>,
    pub phone: Option<Option<String>>,
    pub fax: Option<Option<String>>,
    pub website: Option<Option<String>>,
    pub time_zone: Option<Option<String>>,
    pub office_hours: Option<Option<String>>,
    pub urgent_notes: Option<Option<String>>,
    pub requirements: Option<Option<String>>,
    pub notes: Option<Option<String>>,
    pub languages: Option<Vec<String>>,
    /// The name in more languages: (ISO 639 code, name); an empty list clears them.
    pub names: Option<Vec<(String, String)>>,
    pub channels: Option<Vec<Channel>>,
    pub transmission_means: Option<Vec<TransmissionMeans>>,
    pub urgent_channels: Option<Vec<UrgentChannel>>,
}

fn enums<E: Clone + Eq + std::hash::Hash + std::fmt::Debug>(
    invalid: &mut Invalid,
    field: &str,
    values: Option<Vec<E>>,
) -> Result<Option<Vec<E>>, AppError> {
    match values {
        Some(v) => Ok(invalid.check(checks::unique(field, v))?),
        None => Ok(None),
    }
}

impl AuthorityChanges {
    /// Every field checked and normalized; `BAD_USER_INPUT` lists every invalid one (named `input.<field>`).
    pub(crate) fn check(self, invalid: &mut Invalid) -> Result<Self, AppError> {
        let i = invalid;
        Ok(Self {
            name: match self.name {
                Some(raw) => i.check(checks::name("input.name", &raw))?,
                None => None,
            },
            local_name: i.patch("input.localName", self.local_name, checks::short)?,
            acronym: i.patch("input.acronym", self.acronym, checks::short)?,
            postal_address: i.patch("input.postalAddress", self.postal_address, checks::free_text)?,
            city: i.patch("input.city", self.city, checks::short)?,
            email: i.patch("input.email", self.email, checks::email)?,
            phone: i.patch("input.phone", self.phone, checks::e164)?,
            fax: i.patch("input.fax", self.fax, checks::e164)?,
            website: i.patch("input.website", self.website, checks::http_url)?,
            time_zone: i.patch("input.timeZone", self.time_zone, checks::time_zone)?,
            office_hours: i.patch("input.officeHours", self.office_hours, checks::short)?,
            urgent_notes: i.patch("input.urgentNotes", self.urgent_notes, checks::free_text)?,
            requirements: i.patch("input.requirements", self.requirements, checks::free_text)?,
            notes: i.patch("input.notes", self.notes, checks::free_text)?,
            languages: match self.languages {
                Some(raw) => i.check(checks::languages("input.languages", &raw))?,
                None => None,
            },
            names: match self.names {
                Some(raw) => i.check(names("input.names", raw))?,
                None => None,
            },
            channels: enums(i, "input.channels", self.channels)?,
            transmission_means: enums(i, "input.transmissionMeans", self.transmission_means)?,
            urgent_channels: enums(i, "input.urgentChannels", self.urgent_channels)?,
        })
    }

    pub(crate) fn apply(&self, m: &mut authority::Model) {
        if let Some(name) = &self.name {
            m.name = name.clone();
        }
        let fields: [(&Option<Option<String>>, &mut Option<String>); 13] = [
            (&self.local_name, &mut m.local_name),
            (&self.acronym, &mut m.acronym),
            (&self.postal_address, &mut m.postal_address),
            (&self.city, &mut m.city),
            (&self.email, &mut m.email),
            (&self.phone, &mut m.phone),
            (&self.fax, &mut m.fax),
            (&self.website, &mut m.website),
            (&self.time_zone, &mut m.time_zone),
            (&self.office_hours, &mut m.office_hours),
            (&self.urgent_notes, &mut m.urgent_notes),
            (&self.requirements, &mut m.requirements),
            (&self.notes, &mut m.notes),
        ];
        for (change, field) in fields {
            if let Some(value) = change {
                *field = value.clone();
            }
        }
        if let Some(names) = &self.names {
            let map: serde_json::Map<String, Value> =
                names.iter().map(|(code, name)| (code.clone(), Value::String(name.clone()))).collect();
            m.names = (!map.is_empty()).then_some(Value::Object(map));
        }
        m.search_text = m.search_text();
    }

    /// The lists this change replaces, by list name.
    fn lists(&self) -> Vec<(&'static str, Vec<String>)> {
        let mut out = Vec::new();
        if let Some(v) = &self.languages {
            out.push((list::LANGUAGE, v.clone()));
        }
        if let Some(v) = &self.channels {
            out.push((list::CHANNEL, v.iter().map(enum_name).collect()));
        }
        if let Some(v) = &self.transmission_means {
            out.push((list::TRANSMISSION_MEANS, v.iter().map(enum_name).collect()));
        }
        if let Some(v) = &self.urgent_channels {
            out.push((list::URGENT_CHANNEL, v.iter().map(enum_name).collect()));
        }
        out
    }
}

/// Names in more languages: each language an ISO 639 code, once; each name checked like the name.
fn names(field: &str, raw: Vec<(String, String)>) -> Result<Vec<(String, String)>, AppError> {
    let mut invalid = Invalid::default();
    let mut out: Vec<(String, String)> = Vec::new();
    for (i, (language, name)) in raw.into_iter().enumerate() {
        let code = invalid.check(crate::domain::LanguageCode::parse(&format!("{field}[{i}].language"), &language))?;
        let name = invalid.check(checks::name(&format!("{field}[{i}].name"), &name))?;
        if let (Some(code), Some(name)) = (code, name) {
            let code = code.as_str().to_owned();
            if out.iter().any(|(c, _)| *c == code) {
                invalid.check::<()>(Err(AppError::invalid(
                    &format!("{field}[{i}].language"),
                    "is given more than once",
                )))?;
            }
            out.push((code, name));
        }
    }
    invalid.finish()?;
    Ok(out)
}

/// Writes the items of `lists` for authority `id`, in one statement.
async fn insert_lists(
    db: &impl ConnectionTrait,
    id: Uuid,
    lists: &[(&'static str, Vec<String>)],
) -> Result<(), AppError> {
    let rows: Vec<_> = lists
        .iter()
        .flat_map(|(name, values)| {
            values.iter().enumerate().map(|(i, value)| {
                let position = i32::try_from(i).unwrap_or(i32::MAX);
                authority_list_item::Model {
                    authority_id: id,
                    list: (*name).to_owned(),
                    value: value.clone(),
                    position,
                }
                .into_active_model()
            })
        })
        .collect();
    if !rows.is_empty() {
        authority_list_item::Entity::insert_many(rows).exec_without_returning(db).await?;
    }
    Ok(())
}

async fn replace_lists(
    db: &impl ConnectionTrait,
    id: Uuid,
    lists: Vec<(&'static str, Vec<String>)>,
) -> Result<(), AppError> {
    for (name, _) in &lists {
        authority_list_item::Entity::delete_many()
            .filter(authority_list_item::Column::AuthorityId.eq(id))
            .filter(authority_list_item::Column::List.eq(*name))
            .exec(db)
            .await?;
    }
    insert_lists(db, id, &lists).await
}

/// Each list of an authority and its key in the authority's snapshot (the change log's and the mirror's).
pub(crate) const LIST_KEYS: [(&str, &str); 4] = [
    (list::LANGUAGE, "languages"),
    (list::CHANNEL, "channels"),
    (list::TRANSMISSION_MEANS, "transmission_means"),
    (list::URGENT_CHANNEL, "urgent_channels"),
];

/// The key of a list in an authority's snapshot.
fn list_key(name: &str) -> &'static str {
    LIST_KEYS.iter().find(|(list, _)| *list == name).map_or("urgent_channels", |(_, key)| key)
}

/// An authority as the change log records it: its row (without the search text) and its lists, every list
/// present (empty when the authority has none). The mirror shows authorities in this shape too.
pub(crate) fn snapshot_with(m: &authority::Model, lists: Option<&HashMap<String, Vec<String>>>) -> Value {
    let mut value = audit::snapshot(m);
    if let Value::Object(obj) = &mut value {
        obj.remove("search_text");
        for (name, key) in LIST_KEYS {
            let values = lists.and_then(|l| l.get(name)).cloned().unwrap_or_default();
            obj.insert(key.to_owned(), serde_json::json!(values));
        }
    }
    value
}

/// The audit snapshot of an authority as the database holds it.
async fn snapshot(db: &impl ConnectionTrait, m: &authority::Model) -> Result<Value, AppError> {
    let mut lists = super::lists_of(db, &[m.id]).await?;
    Ok(snapshot_with(m, lists.remove(&m.id).as_ref()))
}

fn subject(m: &authority::Model) -> Subject {
    let (id, state) = (m.id.to_string(), Some(m.state_iso3.clone()));
    Subject { entity: crate::domain::FeedEntity::Authority, id, state, network: None, authority: Some(m.id) }
}

pub(crate) async fn create(
    db: &DatabaseConnection,
    viewer: &Viewer,
    state: &str,
    changes: AuthorityChanges,
) -> Result<authority::Model, AppError> {
    let actor = viewer.actor()?.clone();
    let mut invalid = Invalid::default();
    let state = invalid.check(crate::service::states::require_code(db, "input.state", state).await)?;
    if let Some(state) = &state {
        viewer.require_state(state)?;
    }
    let changes = changes.check(&mut invalid)?;
    let state = invalid.finish_with(state)?;
    let mut model = authority::Model::new(Uuid::new_v4(), &state, String::new(), crate::domain::now());
    changes.apply(&mut model);
    let txn = crate::db::begin_write(db).await?;
    let existing = super::of_states(&txn, std::slice::from_ref(&model.state_iso3)).await?;
    if let Some(refused) = duplicate_of(&model, &existing) {
        return Err(refused);
    }
    let model = insert_in(&txn, &actor, model, &changes).await?;
    txn.commit().await?;
    Ok(model)
}

/// Creating the same entry twice (a form sent again, a script run twice) is a conflict: one State, one name,
/// compared as searches compare them (case, accents and spacing aside), and as a reader would see them (a
/// Cyrillic М in "Ministry of Justice" makes a second entry that looks like the first). `existing` are the
/// State's live authorities.
pub(crate) fn duplicate_of(model: &authority::Model, existing: &[authority::Model]) -> Option<AppError> {
    let looks = crate::domain::skeleton(&model.name);
    let existing = existing.iter().find(|a| a.id != model.id && crate::domain::skeleton(&a.name) == looks)?;
    Some(duplicate(model, existing))
}

/// The refusal of `model` as a second `existing` (same State, a name that looks the same).
pub(crate) fn duplicate(model: &authority::Model, existing: &authority::Model) -> AppError {
    let lookalike = crate::domain::fold(&existing.name) != crate::domain::fold(&model.name);
    let (state, name, id) = (model.state_iso3.clone(), existing.name.clone(), existing.id.to_string());
    AppError::taken("input.name", crate::error::Problem::NameTaken { state, name, id, lookalike })
}

/// Inserts a new authority (built with `changes` applied) and its lists, and records it, in the caller's
/// transaction.
pub(crate) async fn insert_in(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    model: authority::Model,
    changes: &AuthorityChanges,
) -> Result<authority::Model, AppError> {
    let model = model.into_active_model().insert(txn).await?;
    // A new entry has no lists yet: nothing to delete, and its snapshot from what was written (an import creates
    // thousands of entries in one go).
    let lists = changes.lists();
    insert_lists(txn, model.id, &lists).await?;
    let written: HashMap<String, Vec<String>> = lists.into_iter().map(|(n, v)| (n.to_owned(), v)).collect();
    let after = snapshot_with(&model, Some(&written));
    audit::record(txn, actor, subject(&model), ChangeAction::Create, None, Some(after)).await?;
    Ok(model)
}

/// Writes `next` if the row still has `expected` as its version; otherwise `CONFLICT` with the current version.
async fn write_versioned(db: &impl ConnectionTrait, next: &authority::Model, expected: i32) -> Result<(), AppError> {
    let mut active = next.clone().into_active_model().reset_all();
    active.id = sea_orm::Unchanged(next.id);
    let result = authority::Entity::update_many()
        .set(active)
        .filter(authority::Column::Id.eq(next.id))
        .filter(authority::Column::Version.eq(expected))
        .exec(db)
        .await?;
    if result.rows_affected == 1 {
        return Ok(());
    }
    let current = find_live(db, next.id).await?;
    Err(AppError::stale("entry", current.version))
}

/// Loads the authority for a change by `viewer`, checking permission and (when given) the expected version.
async fn load_for_change(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: Uuid,
    expected: Option<i32>,
) -> Result<authority::Model, AppError> {
    viewer.actor()?;
    let current = find_live(db, id).await?;
    viewer.require_state(&current.state_iso3)?;
    match expected {
        Some(v) if v != current.version => Err(AppError::stale("entry", current.version)),
        _ => Ok(current),
    }
}

pub(crate) async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    expected: i32,
    changes: AuthorityChanges,
) -> Result<authority::Model, AppError> {
    let actor = viewer.actor()?.clone();
    let mut invalid = Invalid::default();
    let changes = changes.check(&mut invalid)?;
    let txn = crate::db::begin_write(db).await?;
    let current = load_for_change(&txn, viewer, id, None).await?;
    invalid.finish()?;
    if expected != current.version {
        return Err(AppError::stale("entry", current.version));
    }
    let changed_nothing = current.clone();
    let next = update_in(&txn, &actor, current, &changes).await?;
    txn.commit().await?;
    Ok(next.unwrap_or(changed_nothing))
}

/// Whether checked `changes` would change `current` at all (its row or one of its lists).
pub(crate) async fn would_change(
    db: &impl ConnectionTrait,
    current: &authority::Model,
    changes: &AuthorityChanges,
) -> Result<bool, AppError> {
    let mut next = current.clone();
    changes.apply(&mut next);
    if next != *current {
        return Ok(true);
    }
    let before = snapshot(db, current).await?;
    Ok(!changes.lists().iter().all(|(name, values)| before.get(list_key(name)) == Some(&serde_json::json!(values))))
}

/// Applies checked `changes` to `current` (whose version the caller has checked) in the caller's transaction;
/// `None` when they change nothing: then the version stays and no feed entry is written.
pub(crate) async fn update_in(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    current: authority::Model,
    changes: &AuthorityChanges,
) -> Result<Option<authority::Model>, AppError> {
    let before = snapshot(txn, &current).await?;
    let mut next = current.clone();
    changes.apply(&mut next);
    let lists_unchanged =
        changes.lists().iter().all(|(name, values)| before.get(list_key(name)) == Some(&serde_json::json!(values)));
    if next == current && lists_unchanged {
        return Ok(None);
    }
    next.version = current.version + 1;
    next.updated_at = crate::domain::now();
    write_versioned(txn, &next, current.version).await?;
    replace_lists(txn, next.id, changes.lists()).await?;
    let after = snapshot(txn, &next).await?;
    audit::record(txn, actor, subject(&next), ChangeAction::Update, Some(before), Some(after)).await?;
    Ok(Some(next))
}

/// Soft delete: gone from every read, kept in the history.
pub(crate) async fn delete(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    expected: i32,
) -> Result<Uuid, AppError> {
    let actor = viewer.actor()?.clone();
    let txn = crate::db::begin_write(db).await?;
    let current = load_for_change(&txn, viewer, id, Some(expected)).await?;
    let before = snapshot(&txn, &current).await?;
    let mut next = current.clone();
    next.version += 1;
    next.updated_at = crate::domain::now();
    next.deleted_at = Some(next.updated_at);
    write_versioned(&txn, &next, expected).await?;
    audit::record(&txn, &actor, subject(&next), ChangeAction::Delete, Some(before), None).await?;
    txn.commit().await?;
    Ok(id)
}

/// Records that the State has checked the entry and found it current.
pub(crate) async fn confirm(db: &DatabaseConnection, viewer: &Viewer, id: Uuid) -> Result<authority::Model, AppError> {
    let mut confirmed = confirm_many(db, viewer, &[id]).await?;
    confirmed.pop().ok_or_else(|| AppError::internal("a confirmation returned no entry"))
}

/// Most entries one bulk confirmation may name.
pub(crate) const MAX_BULK: usize = 500;

/// Confirms every entry named, all or nothing, with one audit row each: a focal point's session ends with
/// "everything I reviewed is current".
pub(crate) async fn confirm_many(
    db: &DatabaseConnection,
    viewer: &Viewer,
    ids: &[Uuid],
) -> Result<Vec<authority::Model>, AppError> {
    if ids.is_empty() || ids.len() > MAX_BULK {
        return Err(AppError::invalid("ids", format!("name between 1 and {MAX_BULK} entries")));
    }
    let txn = crate::db::begin_write(db).await?;
    let out = confirm_in(&txn, viewer, ids, crate::domain::now()).await?;
    txn.commit().await?;
    Ok(out)
}

/// Confirms the authorities named, at `now`, inside the caller's transaction; an entry named twice is confirmed
/// once.
pub(crate) async fn confirm_in(
    txn: &impl ConnectionTrait,
    viewer: &Viewer,
    ids: &[Uuid],
    now: chrono::DateTime<Utc>,
) -> Result<Vec<authority::Model>, AppError> {
    let actor = viewer.actor()?.clone();
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if out.iter().any(|m: &authority::Model| m.id == *id) {
            continue;
        }
        let current = load_for_change(txn, viewer, *id, None).await?;
        let before = snapshot(txn, &current).await?;
        let mut next = current.clone();
        next.version += 1;
        next.updated_at = now;
        next.last_confirmed_at = Some(now);
        write_versioned(txn, &next, current.version).await?;
        let after = snapshot(txn, &next).await?;
        audit::record(txn, &actor, subject(&next), ChangeAction::Update, Some(before), Some(after)).await?;
        out.push(next);
    }
    Ok(out)
}

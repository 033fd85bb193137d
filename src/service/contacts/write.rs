//! Contacts of an authority, changed by the authority's State or an administrator; erased only by an
//! administrator, who also redacts them from the history.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter, Set, sea_query::Expr,
};
use serde_json::json;
use uuid::Uuid;

use crate::auth::Viewer;
use crate::auth::viewer::Actor;
use crate::db::entities::{authority, change, contact};
use crate::domain::{ChangeAction, Visibility, checks};
use crate::error::{AppError, Invalid};
use crate::service::audit::{self, Subject};
use crate::service::authorities::find_live;

/// As the client sent it: `None` leaves a field as it is, `Some(None)` clears it.
#[derive(Default, Clone)]
pub(crate) struct ContactChanges {
    pub name: Option<String>,
    pub position: Option<Option<String>>,
    pub email: Option<Option<String>>,
    pub phone: Option<Option<String>>,
    pub languages: Option<Vec<String>>,
    pub visibility: Option<Visibility>,
}

impl ContactChanges {
    pub(crate) fn check(self, invalid: &mut Invalid) -> Result<Self, AppError> {
        Ok(Self {
            name: match self.name {
                Some(raw) => invalid.check(checks::name("input.name", &raw))?,
                None => None,
            },
            position: invalid.patch("input.position", self.position, checks::short)?,
            email: invalid.patch("input.email", self.email, checks::email)?,
            phone: invalid.patch("input.phone", self.phone, checks::e164)?,
            languages: match self.languages {
                Some(raw) => invalid.check(checks::languages("input.languages", &raw))?,
                None => None,
            },
            visibility: self.visibility,
        })
    }

    pub(crate) fn apply(self, m: &mut contact::Model) {
        if let Some(v) = self.name {
            m.name = v;
        }
        if let Some(v) = self.position {
            m.position = v;
        }
        if let Some(v) = self.email {
            m.email = v;
        }
        if let Some(v) = self.phone {
            m.phone = v;
        }
        if let Some(v) = self.languages {
            m.languages = json!(v);
        }
        if let Some(v) = self.visibility {
            m.visibility = v;
        }
    }
}

fn subject(c: &contact::Model, state: &str) -> Subject {
    let (id, state) = (c.id.to_string(), Some(state.to_owned()));
    Subject { entity: crate::domain::FeedEntity::Contact, id, state, network: None, authority: Some(c.authority_id) }
}

pub(crate) async fn add(
    db: &DatabaseConnection,
    viewer: &Viewer,
    authority_id: Uuid,
    changes: ContactChanges,
) -> Result<contact::Model, AppError> {
    let actor = viewer.actor()?.clone();
    let txn = crate::db::begin_write(db).await?;
    let authority = find_live(&txn, authority_id).await?;
    viewer.require_state(&authority.state_iso3)?;
    let mut invalid = Invalid::default();
    let changes = changes.check(&mut invalid)?;
    invalid.finish()?;
    let row = insert_in(&txn, &actor, authority_id, &authority.state_iso3, changes).await?;
    txn.commit().await?;
    Ok(row)
}

/// Adds a contact (with checked `changes`) to an authority of `state`, in the caller's transaction; it starts
/// restricted unless `changes` say otherwise, at version 1, confirmed now.
pub(crate) async fn insert_in(
    txn: &impl sea_orm::ConnectionTrait,
    actor: &Actor,
    authority_id: Uuid,
    state: &str,
    changes: ContactChanges,
) -> Result<contact::Model, AppError> {
    let now = crate::domain::now();
    let mut row = contact::Model {
        id: Uuid::new_v4(),
        authority_id,
        name: String::new(),
        position: None,
        email: None,
        phone: None,
        languages: json!([]),
        visibility: Visibility::Restricted,
        version: 1,
        last_confirmed_at: Some(now),
        created_at: now,
        updated_at: now,
    };
    changes.apply(&mut row);
    let row = row.into_active_model().insert(txn).await?;
    let after = audit::snapshot(&row);
    audit::record(txn, actor, subject(&row, state), ChangeAction::Create, None, Some(after)).await?;
    Ok(row)
}

/// Which contacts a change may reach: updates only those of live authorities; removal and erasure every contact
/// that exists, so a person's data can be taken out after their authority was deleted.
#[derive(Clone, Copy, PartialEq)]
enum Reach {
    Live,
    Any,
}

/// The contact and its authority's State, after checking that `viewer` may change it.
async fn load(
    txn: &impl sea_orm::ConnectionTrait,
    viewer: &Viewer,
    id: Uuid,
    reach: Reach,
) -> Result<(contact::Model, String), AppError> {
    let row = contact::Entity::find_by_id(id)
        .one(txn)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no contact has the id {id}")))?;
    let authority = match reach {
        Reach::Live => find_live(txn, row.authority_id).await?,
        Reach::Any => authority::Entity::find_by_id(row.authority_id)
            .one(txn)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("no contact has the id {id}")))?,
    };
    viewer.require_state(&authority.state_iso3)?;
    Ok((row, authority.state_iso3))
}

pub(crate) async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    expected: i32,
    changes: ContactChanges,
) -> Result<contact::Model, AppError> {
    let actor = viewer.actor()?.clone();
    let mut invalid = Invalid::default();
    let changes = changes.check(&mut invalid)?;
    let txn = crate::db::begin_write(db).await?;
    let (current, state) = load(&txn, viewer, id, Reach::Live).await?;
    invalid.finish()?;
    if current.version != expected {
        return Err(AppError::stale("contact", current.version));
    }
    let changed_nothing = current.clone();
    let next = update_in(&txn, &actor, current, &state, changes).await?;
    txn.commit().await?;
    Ok(next.unwrap_or(changed_nothing))
}

/// Applies checked `changes` to `current` (whose version the caller has checked) in the caller's transaction;
/// `None` when they change nothing: then the version stays and no feed entry is written.
pub(crate) async fn update_in(
    txn: &impl sea_orm::ConnectionTrait,
    actor: &Actor,
    current: contact::Model,
    state: &str,
    changes: ContactChanges,
) -> Result<Option<contact::Model>, AppError> {
    let (id, expected) = (current.id, current.version);
    let mut next = current.clone();
    changes.apply(&mut next);
    if next == current {
        return Ok(None);
    }
    next.version += 1;
    next.updated_at = crate::domain::now();
    let result = contact::Entity::update_many()
        .set(contact::ActiveModel {
            name: Set(next.name.clone()),
            position: Set(next.position.clone()),
            email: Set(next.email.clone()),
            phone: Set(next.phone.clone()),
            languages: Set(next.languages.clone()),
            visibility: Set(next.visibility),
            version: Set(next.version),
            updated_at: Set(next.updated_at),
            ..Default::default()
        })
        .filter(contact::Column::Id.eq(id))
        .filter(contact::Column::Version.eq(expected))
        .exec(txn)
        .await?;
    if result.rows_affected != 1 {
        let now = contact::Entity::find_by_id(id).one(txn).await?.map_or(expected, |c| c.version);
        return Err(AppError::stale("contact", now));
    }
    let (before, after) = (audit::snapshot(&current), audit::snapshot(&next));
    audit::record(txn, actor, subject(&next, state), ChangeAction::Update, Some(before), Some(after)).await?;
    Ok(Some(next))
}

pub(crate) async fn remove(db: &DatabaseConnection, viewer: &Viewer, id: Uuid) -> Result<Uuid, AppError> {
    let actor = viewer.actor()?.clone();
    let txn = crate::db::begin_write(db).await?;
    let (row, state) = load(&txn, viewer, id, Reach::Any).await?;
    contact::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(&txn, &actor, subject(&row, &state), ChangeAction::Delete, Some(audit::snapshot(&row)), None).await?;
    txn.commit().await?;
    Ok(id)
}

/// The right to erasure: the contact goes, and every trace of its personal data in the history with it. The
/// history keeps that a contact existed and was erased, and by whom.
pub(crate) async fn erase(db: &DatabaseConnection, viewer: &Viewer, id: Uuid) -> Result<Uuid, AppError> {
    let actor = viewer.require_admin()?.clone();
    let txn = crate::db::begin_write(db).await?;
    let (row, state) = load(&txn, viewer, id, Reach::Any).await?;
    contact::Entity::delete_by_id(id).exec(&txn).await?;
    let redacted = json!({ "erased": true });
    change::Entity::update_many()
        .col_expr(change::Column::Before, Expr::value(Some(redacted.clone())))
        .filter(change::Column::Entity.eq("contact"))
        .filter(change::Column::EntityId.eq(id.to_string()))
        .filter(change::Column::Before.is_not_null())
        .exec(&txn)
        .await?;
    change::Entity::update_many()
        .col_expr(change::Column::After, Expr::value(Some(redacted.clone())))
        .filter(change::Column::Entity.eq("contact"))
        .filter(change::Column::EntityId.eq(id.to_string()))
        .filter(change::Column::After.is_not_null())
        .exec(&txn)
        .await?;
    audit::record(&txn, &actor, subject(&row, &state), ChangeAction::Delete, Some(redacted), None).await?;
    txn.commit().await?;
    Ok(id)
}

/// Records, at `now` and inside the caller's transaction, that the authority's State has checked each contact
/// named and found it current: one audit row each; a contact named twice is confirmed once.
pub(crate) async fn confirm_in(
    txn: &impl sea_orm::ConnectionTrait,
    viewer: &Viewer,
    ids: &[Uuid],
    now: chrono::DateTime<Utc>,
) -> Result<Vec<contact::Model>, AppError> {
    let actor = viewer.actor()?.clone();
    let mut out: Vec<contact::Model> = Vec::with_capacity(ids.len());
    for id in ids {
        if out.iter().any(|c| c.id == *id) {
            continue;
        }
        let (current, state) = load(txn, viewer, *id, Reach::Live).await?;
        let mut next = current.clone();
        next.version += 1;
        next.updated_at = now;
        next.last_confirmed_at = Some(now);
        let result = contact::Entity::update_many()
            .set(contact::ActiveModel {
                version: Set(next.version),
                updated_at: Set(now),
                last_confirmed_at: Set(Some(now)),
                ..Default::default()
            })
            .filter(contact::Column::Id.eq(*id))
            .filter(contact::Column::Version.eq(current.version))
            .exec(txn)
            .await?;
        if result.rows_affected != 1 {
            return Err(AppError::stale("contact", current.version));
        }
        let (before, after) = (audit::snapshot(&current), audit::snapshot(&next));
        audit::record(txn, &actor, subject(&next, &state), ChangeAction::Update, Some(before), Some(after)).await?;
        out.push(next);
    }
    Ok(out)
}

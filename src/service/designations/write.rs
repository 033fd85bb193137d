//! Designations of an authority under a legal basis, changed by the authority's State or an administrator.

use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter};
use uuid::Uuid;

use crate::auth::Viewer;
use crate::db::entities::designation;
use crate::domain::{ChangeAction, checks};
use crate::error::{AppError, Invalid, OnUnique, Problem};
use crate::service::audit::{self, Subject};
use crate::service::authorities::find_live;

pub(crate) struct DesignationInput {
    pub legal_basis: String,
    pub scope: Option<String>,
    pub notified_on: Option<NaiveDate>,
    pub convention_accepted_as_legal_basis: Option<bool>,
}

fn subject(d: &designation::Model, state: &str) -> Subject {
    let (id, state) = (d.id.to_string(), Some(state.to_owned()));
    Subject {
        entity: crate::domain::FeedEntity::Designation,
        id,
        state,
        network: None,
        authority: Some(d.authority_id),
    }
}

pub(crate) async fn add(
    db: &DatabaseConnection,
    viewer: &Viewer,
    authority_id: Uuid,
    input: DesignationInput,
) -> Result<designation::Model, AppError> {
    let actor = viewer.actor()?.clone();
    let txn = crate::db::begin_write(db).await?;
    let authority = find_live(&txn, authority_id).await?;
    viewer.require_state(&authority.state_iso3)?;
    let mut invalid = Invalid::default();
    let code = invalid
        .check(crate::service::conventions::require_legal_basis(&txn, "input.legalBasis", &input.legal_basis).await)?;
    let scope = match &input.scope {
        Some(raw) => invalid.check(checks::free_text("input.scope", raw))?.flatten(),
        None => None,
    };
    let code = invalid.finish_with(code)?;
    let exists = designation::Entity::find()
        .filter(designation::Column::AuthorityId.eq(authority_id))
        .filter(designation::Column::LegalBasisCode.eq(code.as_str()))
        .one(&txn)
        .await?;
    if exists.is_some() {
        return Err(AppError::taken("input.legalBasis", Problem::AlreadyDesignated { basis: code }));
    }
    let row = designation::Model {
        id: Uuid::new_v4(),
        authority_id,
        legal_basis_code: code,
        scope,
        notified_on: input.notified_on,
        convention_accepted_as_legal_basis: input.convention_accepted_as_legal_basis,
        created_at: crate::domain::now(),
    }
    .into_active_model()
    .insert(&txn)
    .await
    .on_unique("input.legalBasis", || "the authority is already designated under this legal basis".into())?;
    let after = audit::snapshot(&row);
    audit::record(&txn, &actor, subject(&row, &authority.state_iso3), ChangeAction::Create, None, Some(after)).await?;
    txn.commit().await?;
    Ok(row)
}

/// Designation `id` and its live authority, if the viewer may change that authority's State.
async fn scoped(
    txn: &sea_orm::DatabaseTransaction,
    viewer: &Viewer,
    id: Uuid,
) -> Result<(designation::Model, crate::db::entities::authority::Model), AppError> {
    let row = designation::Entity::find_by_id(id)
        .one(txn)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no designation has the id {id}")))?;
    let authority = find_live(txn, row.authority_id).await?;
    viewer.require_state(&authority.state_iso3)?;
    Ok((row, authority))
}

pub(crate) async fn remove(db: &DatabaseConnection, viewer: &Viewer, id: Uuid) -> Result<Uuid, AppError> {
    let actor = viewer.actor()?.clone();
    let txn = crate::db::begin_write(db).await?;
    let (row, authority) = scoped(&txn, viewer, id).await?;
    designation::Entity::delete_by_id(id).exec(&txn).await?;
    let before = audit::snapshot(&row);
    audit::record(&txn, &actor, subject(&row, &authority.state_iso3), ChangeAction::Delete, Some(before), None).await?;
    txn.commit().await?;
    Ok(id)
}

/// Changes a designation's scope and notification date, if they are still `drawn` (what the person saw): the
/// designation has no version of its own, so what it held when the form was drawn stands for one. `CONFLICT` when
/// someone changed it since.
pub(crate) async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    drawn: (Option<String>, Option<NaiveDate>),
    scope: Option<&str>,
    notified_on: Option<NaiveDate>,
) -> Result<designation::Model, AppError> {
    let actor = viewer.actor()?.clone();
    let scope = match scope {
        Some(raw) => checks::free_text("input.scope", raw)?,
        None => None,
    };
    let txn = crate::db::begin_write(db).await?;
    let (row, authority) = scoped(&txn, viewer, id).await?;
    if (row.scope.clone(), row.notified_on) != drawn {
        return Err(AppError::Conflict {
            message: "the designation has changed since you read it; read it again".into(),
            current_version: None,
            field: None,
            problem: None,
        });
    }
    if row.scope == scope && row.notified_on == notified_on {
        return Ok(row);
    }
    let next = designation::Model { scope, notified_on, ..row.clone() };
    designation::Entity::update(next.clone().into_active_model().reset_all()).exec(&txn).await?;
    let (before, after) = (audit::snapshot(&row), audit::snapshot(&next));
    audit::record(&txn, &actor, subject(&row, &authority.state_iso3), ChangeAction::Update, Some(before), Some(after))
        .await?;
    txn.commit().await?;
    Ok(next)
}

//! Token revocation by administrators. Every instance checks the same tables, so a revocation holds at once
//! everywhere.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, IntoActiveModel};

use crate::auth::Viewer;
use crate::db::entities::{revoked_token, subject_revocation};
use crate::domain::ChangeAction;
use crate::error::AppError;
use crate::service::audit::{self, Subject};

pub(crate) async fn revoke(db: &DatabaseConnection, viewer: &Viewer, jti: &str) -> Result<bool, AppError> {
    let actor = viewer.require_admin()?.clone();
    // Compared exactly with the token's `jti`: trimming here would record a different value than the token's.
    if jti.is_empty() || jti.chars().count() > 200 {
        return Err(AppError::invalid("jti", "must be the token's `jti`, at most 200 characters"));
    }
    let txn = crate::db::begin_write(db).await?;
    if revoked_token::Entity::find_by_id(jti).one(&txn).await?.is_some() {
        return Ok(false);
    }
    let row =
        revoked_token::Model { jti: jti.to_owned(), revoked_by: actor.sub.clone(), revoked_at: crate::domain::now() };
    row.clone().into_active_model().insert(&txn).await?;
    let subject = Subject {
        entity: crate::domain::FeedEntity::RevokedToken,
        id: jti.to_owned(),
        state: None,
        network: None,
        authority: None,
    };
    audit::record(&txn, &actor, subject, ChangeAction::Create, None, Some(audit::snapshot(&row))).await?;
    txn.commit().await?;
    Ok(true)
}

/// Refuses every token of `sub` issued before `issued_before` (default: now).
pub(crate) async fn revoke_subject(
    db: &DatabaseConnection,
    viewer: &Viewer,
    sub: &str,
    issued_before: Option<DateTime<Utc>>,
) -> Result<DateTime<Utc>, AppError> {
    let actor = viewer.require_admin()?.clone();
    // Compared exactly with the token's `sub`, as above.
    if sub.is_empty() || sub.chars().count() > 200 {
        return Err(AppError::invalid("sub", "must be a token subject, at most 200 characters"));
    }
    let now = crate::domain::now();
    // A token's `iat` has whole seconds: one issued in the same second as the revocation counts as before it.
    let issued_before = issued_before.unwrap_or(now + chrono::Duration::seconds(1));
    let txn = crate::db::begin_write(db).await?;
    let current = subject_revocation::Entity::find_by_id(sub).one(&txn).await?;
    let next = subject_revocation::Model {
        sub: sub.to_owned(),
        issued_before: current.as_ref().map_or(issued_before, |c| c.issued_before.max(issued_before)),
        revoked_by: actor.sub.clone(),
        revoked_at: now,
    };
    match &current {
        Some(_) => next.clone().into_active_model().reset_all().update(&txn).await?,
        None => next.clone().into_active_model().insert(&txn).await?,
    };
    let subject = Subject {
        entity: crate::domain::FeedEntity::SubjectRevocation,
        id: sub.to_owned(),
        state: None,
        network: None,
        authority: None,
    };
    let before = current.as_ref().map(audit::snapshot);
    audit::record(&txn, &actor, subject, ChangeAction::Update, before, Some(audit::snapshot(&next))).await?;
    txn.commit().await?;
    Ok(next.issued_before)
}

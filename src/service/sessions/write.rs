//! Signing in and out: single-use links an administrator issues, sessions they open, sessions ended.

use std::time::Duration;

use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use super::{hash, secret};
use crate::auth::viewer::Actor;
use crate::db::entities::{session, sign_in_link, subject_revocation};
use crate::error::AppError;

/// Longest a sign-in link may stay usable.
pub(crate) const MAX_LINK_TTL: Duration = Duration::from_secs(7 * 86_400);

/// Issues a single-use sign-in link's secret for `actor` (checked like a token's claims), usable for `ttl`.
pub(crate) async fn issue_link(
    db: &impl ConnectionTrait,
    issued_by: &str,
    actor: &Actor,
    ttl: Duration,
) -> Result<String, AppError> {
    if ttl > MAX_LINK_TTL {
        return Err(AppError::invalid("ttl", "a sign-in link lives at most 7 days"));
    }
    let actor = crate::auth::claims::actor(
        db,
        &actor.sub,
        actor.role.as_str(),
        actor.state.as_deref(),
        actor.network.as_deref(),
    )
    .await?;
    let now = crate::domain::now();
    let secret = secret()?;
    sign_in_link::ActiveModel {
        secret_hash: Set(hash(&secret)),
        sub: Set(actor.sub),
        role: Set(actor.role.as_str().to_owned()),
        state_iso3: Set(actor.state),
        network_code: Set(actor.network),
        issued_by: Set(issued_by.to_owned()),
        created_at: Set(now),
        expires_at: Set(now + chrono::TimeDelta::from_std(ttl).unwrap_or(chrono::TimeDelta::zero())),
        used_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(secret)
}

/// Uses a sign-in link once and opens a session in `language`: the new session's cookie secret. A link used
/// before, expired or unknown opens nothing, and says so without saying which.
pub(crate) async fn redeem(db: &impl ConnectionTrait, link: &str, language: &str) -> Result<String, AppError> {
    let now = crate::domain::now();
    let refused = || AppError::Unauthenticated("this sign-in link has been used, has expired or is not known".into());
    let key = hash(link);
    // One request wins: the row is claimed by the update, not by a read before it.
    let claimed = sign_in_link::Entity::update_many()
        .col_expr(sign_in_link::Column::UsedAt, Expr::value(now))
        .filter(sign_in_link::Column::SecretHash.eq(key.as_str()))
        .filter(sign_in_link::Column::UsedAt.is_null())
        .filter(sign_in_link::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(refused());
    }
    let link = sign_in_link::Entity::find_by_id(key).one(db).await?.ok_or_else(refused)?;
    // A link issued before its person's tokens were revoked is revoked with them.
    if let Some(r) = subject_revocation::Entity::find_by_id(link.sub.as_str()).one(db).await?
        && r.issued_before > link.created_at
    {
        return Err(refused());
    }
    // The person's State or network may have left the directory since the link was issued.
    let actor =
        crate::auth::claims::actor(db, &link.sub, &link.role, link.state_iso3.as_deref(), link.network_code.as_deref())
            .await?;
    open_session(db, &actor, language).await
}

/// Opens a session for a person already authenticated: the cookie's secret.
pub(crate) async fn open_session(db: &impl ConnectionTrait, actor: &Actor, language: &str) -> Result<String, AppError> {
    let now = crate::domain::now();
    let cookie = secret()?;
    session::ActiveModel {
        secret_hash: Set(hash(&cookie)),
        sub: Set(actor.sub.clone()),
        role: Set(actor.role.as_str().to_owned()),
        state_iso3: Set(actor.state.clone()),
        network_code: Set(actor.network.clone()),
        csrf: Set(secret()?),
        language: Set(language.to_owned()),
        created_at: Set(now),
        last_seen_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(cookie)
}

/// Signs one browser out.
pub(crate) async fn close(db: &impl ConnectionTrait, cookie: &str) -> Result<(), AppError> {
    session::Entity::delete_by_id(hash(cookie)).exec(db).await?;
    Ok(())
}

//! Signing in and out: single-use links an administrator issues, sessions they open, sessions ended.

use std::time::Duration;

use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use super::{hash, secret};
use crate::auth::viewer::Actor;
use crate::db::entities::{oidc_login, session, sign_in_link};
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
    if crate::auth::claims::subject_revoked(db, &link.sub, Some(link.created_at)).await? {
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

/// How long a sign-in through the identity provider may take, from leaving for it to coming back.
const LOGIN_TTL: chrono::TimeDelta = chrono::TimeDelta::minutes(10);

/// Keeps what a sign-in through the identity provider needs when the browser comes back: the nonce and PKCE
/// verifier, under the `state` sent (hashed), tied to the browser that left (the hash of its cookie's secret).
pub(crate) async fn begin_login(
    db: &impl ConnectionTrait,
    state: &str,
    browser: &str,
    nonce: &str,
    verifier: &str,
    language: &str,
) -> Result<(), AppError> {
    let now = crate::domain::now();
    // Sign-ins abandoned at the provider are cleared as new ones begin.
    oidc_login::Entity::delete_many().filter(oidc_login::Column::CreatedAt.lt(now - LOGIN_TTL)).exec(db).await?;
    oidc_login::ActiveModel {
        state_hash: Set(hash(state)),
        browser_hash: Set(hash(browser)),
        nonce: Set(nonce.to_owned()),
        pkce_verifier: Set(verifier.to_owned()),
        language: Set(language.to_owned()),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Takes back (once) what `begin_login` kept for `state`, if the same browser comes back in time.
pub(crate) async fn finish_login(
    db: &impl ConnectionTrait,
    state: &str,
    browser: &str,
) -> Result<oidc_login::Model, AppError> {
    let refused = || AppError::Unauthenticated("this sign-in was not begun here, was used or took too long".into());
    let found = oidc_login::Entity::find_by_id(hash(state)).one(db).await?.ok_or_else(refused)?;
    let deleted = oidc_login::Entity::delete_by_id(found.state_hash.clone()).exec(db).await?;
    if deleted.rows_affected != 1 || found.browser_hash != hash(browser) {
        return Err(refused());
    }
    if crate::domain::now().signed_duration_since(found.created_at) > LOGIN_TTL {
        return Err(refused());
    }
    Ok(found)
}

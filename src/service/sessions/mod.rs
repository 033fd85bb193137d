//! Browser sessions of the workspace: who is signed in, for how long, and with which form token. A session is read
//! on every workspace request and ends when it has been idle too long, has lived too long, or its person's tokens
//! were revoked after it began (`revokeTokensOf` signs the person out everywhere at once). Sign-in and sign-out are
//! in `write`.

pub(crate) mod write;

use std::time::Duration;

use base64::Engine;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, IntoActiveModel, Set};

use crate::auth::Viewer;
use crate::auth::viewer::{Actor, Role};
use crate::db::entities::session;
use crate::error::AppError;

/// How long a session lasts: since its last use, and at most since it began.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Lifetimes {
    pub(crate) idle: Duration,
    pub(crate) absolute: Duration,
}

/// A signed-in person.
#[derive(Debug, Clone)]
pub(crate) struct Session {
    pub(crate) viewer: Viewer,
    /// The token every form of this session carries.
    pub(crate) csrf: String,
    pub(crate) language: String,
}

/// What a session cookie leads to.
#[derive(Debug)]
pub(crate) enum Found {
    Active(Box<Session>),
    /// It ended by time (idle or absolute): the person signs in again.
    Expired,
    /// Its person's tokens and sessions were revoked.
    Revoked,
    /// No such session (signed out, or never was).
    Unknown,
}

/// A fresh secret: 32 random bytes, base64url. What a cookie or a link carries; only its hash is stored.
pub(crate) fn secret() -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| AppError::internal(format!("no randomness: {e}")))?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

/// The stored form of a secret: its SHA-256, hex. Secrets are 256 random bits, so no salt or slow hash is needed.
pub(crate) fn hash(secret: &str) -> String {
    crate::domain::sha256_hex(secret)
}

/// Whether two secrets are the same, compared through their hashes so that timing tells nothing of either.
pub(crate) fn same(a: &str, b: &str) -> bool {
    hash(a) == hash(b)
}

/// Used sessions are written back at most this often, not on every request.
const TOUCH_EVERY: chrono::TimeDelta = chrono::TimeDelta::seconds(30);

/// The session a cookie's `secret` opens, ending it when it is over.
pub(crate) async fn open(db: &impl ConnectionTrait, secret: &str, lifetimes: Lifetimes) -> Result<Found, AppError> {
    let Some(row) = session::Entity::find_by_id(hash(secret)).one(db).await? else { return Ok(Found::Unknown) };
    let now = crate::domain::now();
    let over = |since: DateTime<Utc>, limit: Duration| {
        chrono::TimeDelta::from_std(limit).is_ok_and(|limit| now.signed_duration_since(since) > limit)
    };
    if over(row.created_at, lifetimes.absolute) || over(row.last_seen_at, lifetimes.idle) {
        session::Entity::delete_by_id(row.secret_hash).exec(db).await?;
        return Ok(Found::Expired);
    }
    if crate::auth::claims::subject_revoked(db, &row.sub, Some(row.created_at)).await? {
        session::Entity::delete_by_id(row.secret_hash).exec(db).await?;
        return Ok(Found::Revoked);
    }
    let Some(role) = Role::parse(&row.role) else {
        session::Entity::delete_by_id(row.secret_hash).exec(db).await?;
        return Ok(Found::Unknown);
    };
    let actor = Actor { sub: row.sub.clone(), role, state: row.state_iso3.clone(), network: row.network_code.clone() };
    let found =
        Session { viewer: Viewer { actor: Some(actor) }, csrf: row.csrf.clone(), language: row.language.clone() };
    if now.signed_duration_since(row.last_seen_at) > TOUCH_EVERY {
        let mut active = row.into_active_model();
        active.last_seen_at = Set(now);
        active.update(db).await?;
    }
    Ok(Found::Active(Box::new(found)))
}

/// Whom an unused, unexpired sign-in link would sign in, without using it.
pub(crate) async fn peek(
    db: &impl ConnectionTrait,
    link: &str,
) -> Result<Option<crate::db::entities::sign_in_link::Model>, AppError> {
    let found = crate::db::entities::sign_in_link::Entity::find_by_id(hash(link)).one(db).await?;
    Ok(found.filter(|l| l.used_at.is_none() && l.expires_at > crate::domain::now()))
}

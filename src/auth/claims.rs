//! The rules a bearer token must pass, in order: a header under 8 KiB, a known key and that key's algorithm, a
//! valid signature, `iss` and `aud` as configured, `exp` not passed and `nbf` reached (30 s leeway), `iat`
//! not in the future, a lifetime within `CNA_JWT_MAX_TTL`, a role with the claims it needs, and no revocation.

use std::time::Duration;

use chrono::{DateTime, Utc};
use jsonwebtoken::{Validation, decode, decode_header, errors::ErrorKind};
use sea_orm::{ConnectionTrait, EntityTrait};
use serde::Deserialize;

use super::keys::{self, VerifyingKey};
use super::viewer::{Actor, Role, Viewer};
use crate::config::AuthSettings;
use crate::db::entities::{network, revoked_token, state, subject_revocation};
use crate::domain::{Iso3, canonical_code};
use crate::error::AppError;

/// Authorization headers longer than this are refused unread.
pub(crate) const MAX_HEADER_BYTES: usize = 8 * 1024;
/// Clock skew tolerated on `exp`, `nbf` and `iat`.
pub(crate) const LEEWAY_SECS: u64 = 30;

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Claims {
    pub sub: String,
    pub role: String,
    pub state: Option<String>,
    pub network: Option<String>,
    pub exp: i64,
    pub iat: Option<i64>,
    pub jti: Option<String>,
}

pub struct Authenticator {
    keys: Vec<VerifyingKey>,
    /// The issuer's published keys, when `CNA_JWKS_FROM_ISSUER` asks for them.
    published: Option<Published>,
    issuer: String,
    audience: String,
    max_ttl: Duration,
}

/// The keys an identity provider publishes: its discovery document's `jwks_uri`, read when a token names a key not
/// among them (the first token, or one signed after the provider rotated its keys), at most once per
/// `REFRESH_EVERY` whatever tokens arrive.
struct Published {
    discovery: String,
    http: openidconnect::reqwest::Client,
    keys: std::sync::RwLock<std::sync::Arc<Vec<VerifyingKey>>>,
    fetched: tokio::sync::Mutex<Option<std::time::Instant>>,
}

/// Least time between two readings of the published keys.
const REFRESH_EVERY: Duration = Duration::from_secs(2);

impl Published {
    fn new(issuer: &str) -> anyhow::Result<Self> {
        let http = super::oidc::http_client()?;
        Ok(Self {
            discovery: format!("{}/.well-known/openid-configuration", issuer.trim_end_matches('/')),
            http,
            keys: std::sync::RwLock::new(std::sync::Arc::new(Vec::new())),
            fetched: tokio::sync::Mutex::new(None),
        })
    }

    fn current(&self) -> std::sync::Arc<Vec<VerifyingKey>> {
        self.keys.read().map(|k| k.clone()).unwrap_or_default()
    }

    /// Reads the published keys again, unless they were read less than `REFRESH_EVERY` ago.
    async fn refresh(&self) -> Result<(), AppError> {
        // One reading at a time; a request arriving meanwhile does not wait for it.
        let Ok(mut fetched) = self.fetched.try_lock() else { return Ok(()) };
        if fetched.is_some_and(|at| at.elapsed() < REFRESH_EVERY) {
            return Ok(());
        }
        *fetched = Some(std::time::Instant::now());
        let get = |url: String| async move {
            let response = self.http.get(&url).send().await.and_then(|r| r.error_for_status());
            response.map_err(|e| AppError::internal(format!("{url}: {e}")))?.text().await.map_err(AppError::internal)
        };
        let document: serde_json::Value = serde_json::from_str(&get(self.discovery.clone()).await?)
            .map_err(|e| AppError::internal(format!("{}: {e}", self.discovery)))?;
        let jwks_uri = document
            .get("jwks_uri")
            .and_then(serde_json::Value::as_str)
            .ok_or_else(|| AppError::internal(format!("{} names no jwks_uri", self.discovery)))?;
        let keys = keys::parse_jwks(&get(jwks_uri.to_owned()).await?)
            .map_err(|e| AppError::internal(format!("{jwks_uri}: {e:#}")))?;
        if let Ok(mut current) = self.keys.write() {
            *current = std::sync::Arc::new(keys);
        }
        Ok(())
    }
}

fn unauthenticated(message: impl Into<String>) -> AppError {
    AppError::Unauthenticated(message.into())
}

impl Authenticator {
    pub fn from_settings(settings: &AuthSettings) -> anyhow::Result<Self> {
        let published = settings.jwks_from_issuer.then(|| Published::new(&settings.jwt_issuer)).transpose()?;
        Ok(Self {
            keys: keys::load(settings)?,
            published,
            issuer: settings.jwt_issuer.clone(),
            audience: settings.jwt_audience.clone(),
            max_ttl: settings.jwt_max_ttl,
        })
    }

    /// Whether any key is configured; without one the server is read-only.
    pub fn accepts_tokens(&self) -> bool {
        !self.keys.is_empty() || self.published.is_some()
    }

    /// As [`Self::claims`], reading the issuer's published keys again first when the token names a key not among
    /// them: a provider that rotated its keys is followed at once.
    pub(crate) async fn fresh_claims(&self, header: Option<&[u8]>) -> Result<Option<Claims>, AppError> {
        let found = self.claims(header);
        let Some(published) = &self.published else { return found };
        if found.is_ok() {
            return found;
        }
        let kid = header
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| h.strip_prefix("Bearer ").or_else(|| h.strip_prefix("bearer ")))
            .and_then(|t| decode_header(t.trim()).ok())
            .and_then(|h| h.kid);
        let known =
            |kid: &str| self.keys.iter().chain(published.current().iter()).any(|k| k.kid.as_deref() == Some(kid));
        match kid {
            Some(kid) if !known(&kid) => {
                if let Err(e) = published.refresh().await {
                    tracing::warn!(cause = %e.chain(), "the issuer's published keys could not be read");
                }
                self.claims(header)
            }
            _ => found,
        }
    }

    /// The claims of an `Authorization` header, checked without the database (signature, times, shape): `None`
    /// when absent, `UNAUTHENTICATED` when present but not a valid bearer token — never silently anonymous. Cheap
    /// enough to run before the rate limiter, which counts a verified token by its subject.
    pub(crate) fn claims(&self, header: Option<&[u8]>) -> Result<Option<Claims>, AppError> {
        let Some(header) = header else { return Ok(None) };
        if header.len() > MAX_HEADER_BYTES {
            return Err(unauthenticated(format!("the Authorization header is longer than {MAX_HEADER_BYTES} bytes")));
        }
        let header =
            std::str::from_utf8(header).map_err(|_| unauthenticated("the Authorization header is not text"))?;
        let token = header
            .strip_prefix("Bearer ")
            .or_else(|| header.strip_prefix("bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| unauthenticated("the Authorization header must be `Bearer <token>`"))?;
        self.verify(token).map(Some)
    }

    /// The viewer verified claims make, after the checks that need the database: the role's State or network
    /// exists, and the token is not revoked. A database fault is an internal error, never "unauthenticated".
    pub(crate) async fn viewer(&self, db: &impl ConnectionTrait, claims: Option<Claims>) -> Result<Viewer, AppError> {
        let Some(claims) = claims else { return Ok(Viewer::anonymous()) };
        let actor = check_role(db, &claims).await?;
        check_revocation(db, &claims).await?;
        Ok(Viewer { actor: Some(actor) })
    }

    fn verify(&self, token: &str) -> Result<Claims, AppError> {
        if !self.accepts_tokens() {
            return Err(unauthenticated("this server accepts no tokens (no key is configured)"));
        }
        let header = decode_header(token)
            .map_err(|_| unauthenticated("malformed token: expected three base64url parts separated by dots"))?;
        let published = self.published.as_ref().map(Published::current).unwrap_or_default();
        let candidates: Vec<&VerifyingKey> = self
            .keys
            .iter()
            .chain(published.iter())
            .filter(|k| k.kid.is_none() || k.kid.as_deref() == header.kid.as_deref())
            .collect();
        let mut failure = unauthenticated("no configured key matches the token's `kid`");
        for key in candidates {
            // The key's own algorithm: a header naming another one fails here.
            let mut validation = Validation::new(key.algorithm);
            validation.leeway = LEEWAY_SECS;
            validation.validate_nbf = true;
            validation.set_issuer(&[&self.issuer]);
            validation.set_audience(&[&self.audience]);
            validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
            match decode::<Claims>(token, &key.key, &validation) {
                Ok(data) => return self.check_times(check_names(data.claims)?),
                Err(e) => failure = unauthenticated(describe(e.kind())),
            }
        }
        Err(failure)
    }

    fn check_times(&self, claims: Claims) -> Result<Claims, AppError> {
        let now = Utc::now().timestamp();
        let leeway = LEEWAY_SECS as i64;
        if let Some(iat) = claims.iat {
            if iat < 0 {
                return Err(unauthenticated("the token's `iat` is before 1970"));
            }
            if iat > now.saturating_add(leeway) {
                return Err(unauthenticated("the token's `iat` is in the future"));
            }
        }
        // Checked: `exp` near i64::MAX minus a negative `iat` must not wrap into a short lifetime.
        let lifetime = claims
            .exp
            .checked_sub(claims.iat.unwrap_or(now))
            .ok_or_else(|| unauthenticated("the token's `exp` is out of range"))?;
        let max = i64::try_from(self.max_ttl.as_secs()).unwrap_or(i64::MAX).saturating_add(leeway);
        if lifetime > max {
            return Err(unauthenticated(format!(
                "the token lives {lifetime} s, longer than the {} s this server accepts",
                self.max_ttl.as_secs()
            )));
        }
        Ok(claims)
    }
}

/// Longest `sub` or `jti` accepted, as for revocations.
const MAX_NAME_CHARS: usize = 200;

/// `sub` and `jti` are compared exactly with revocations, so a value that trimming would change, an empty one or
/// one with control characters is refused rather than silently unrevocable.
fn check_names(claims: Claims) -> Result<Claims, AppError> {
    let tidy = |v: &str| {
        !v.is_empty() && v.trim() == v && v.chars().count() <= MAX_NAME_CHARS && !v.chars().any(char::is_control)
    };
    if !tidy(&claims.sub) {
        return Err(unauthenticated(
            "the token's `sub` must be 1 to 200 characters with no surrounding spaces or control characters",
        ));
    }
    if claims.jti.as_deref().is_some_and(|j| !tidy(j)) {
        return Err(unauthenticated(
            "the token's `jti` must be 1 to 200 characters with no surrounding spaces or control characters",
        ));
    }
    Ok(claims)
}

fn describe(kind: &ErrorKind) -> String {
    match kind {
        ErrorKind::ExpiredSignature => "the token has expired".into(),
        ErrorKind::ImmatureSignature => "the token is not valid yet (`nbf`)".into(),
        ErrorKind::InvalidIssuer => "the token's issuer (`iss`) is not accepted".into(),
        ErrorKind::InvalidAudience => "the token's audience (`aud`) is not accepted".into(),
        ErrorKind::InvalidSignature => "the token's signature does not verify".into(),
        ErrorKind::InvalidAlgorithm => "the token's algorithm is not the key's".into(),
        ErrorKind::MissingRequiredClaim(c) => format!("the token lacks the `{c}` claim"),
        ErrorKind::Json(_) => "the token's claims are malformed: each claim must have the type the contract gives it \
                               (`sub`, `role`, `state`, `network`, `jti` strings; `exp`, `iat`, `nbf` whole seconds)"
            .into(),
        ErrorKind::Base64(_) | ErrorKind::Utf8(_) | ErrorKind::InvalidToken => {
            "malformed token: expected three base64url parts separated by dots".into()
        }
        _ => "the token is not valid".into(),
    }
}

/// The actor a role and its scope make, checked as a token's claims are: a known role, with the State or network it
/// needs and no other, naming one the directory knows. For sign-in links and sessions, which carry the same facts.
pub(crate) async fn actor(
    db: &impl ConnectionTrait,
    sub: &str,
    role: &str,
    state: Option<&str>,
    network: Option<&str>,
) -> Result<Actor, AppError> {
    let claims = Claims {
        sub: sub.to_owned(),
        role: role.to_owned(),
        state: state.map(str::to_owned),
        network: network.map(str::to_owned),
        exp: 0,
        iat: None,
        jti: None,
    };
    check_role(db, &check_names(claims)?).await
}

/// A role with the claims it needs, naming a State or network the directory knows.
async fn check_role(db: &impl ConnectionTrait, claims: &Claims) -> Result<Actor, AppError> {
    let role = Role::parse(&claims.role)
        .ok_or_else(|| unauthenticated(format!("unknown role `{}` in the token", claims.role)))?;
    let (state, network) = match role {
        Role::FocalPoint => {
            let raw = claims
                .state
                .as_deref()
                .ok_or_else(|| unauthenticated("a focal point's token must name its `state`"))?;
            let known = match Iso3::parse("state", raw) {
                Ok(code) => state::Entity::find_by_id(code.as_str()).one(db).await?,
                Err(_) => None,
            };
            let code = known
                .map(|s| s.iso3)
                .ok_or_else(|| unauthenticated(format!("the token's state `{raw}` is not in the directory")))?;
            (Some(code), None)
        }
        Role::NetworkSecretariat => {
            let raw = claims
                .network
                .as_deref()
                .ok_or_else(|| unauthenticated("a secretariat's token must name its `network`"))?;
            let code = network::Entity::find_by_id(canonical_code(raw))
                .one(db)
                .await?
                .map(|n| n.code)
                .ok_or_else(|| unauthenticated(format!("the token's network `{raw}` is not in the directory")))?;
            (None, Some(code))
        }
        Role::Admin | Role::Reader => (None, None),
    };
    if (role != Role::FocalPoint && claims.state.is_some())
        || (role != Role::NetworkSecretariat && claims.network.is_some())
    {
        return Err(unauthenticated(format!(
            "a `{}` token carries no state or network other than its own role's",
            role.as_str()
        )));
    }
    Ok(Actor { sub: claims.sub.clone(), role, state, network })
}

/// Revoked by `jti`, or issued before a revocation of its subject.
async fn check_revocation(db: &impl ConnectionTrait, claims: &Claims) -> Result<(), AppError> {
    if let Some(jti) = &claims.jti
        && revoked_token::Entity::find_by_id(jti.as_str()).one(db).await?.is_some()
    {
        return Err(unauthenticated("the token has been revoked"));
    }
    let issued: Option<DateTime<Utc>> = claims.iat.and_then(|t| DateTime::from_timestamp(t, 0));
    if subject_revoked(db, &claims.sub, issued).await? {
        return Err(unauthenticated("the token was issued before its subject's tokens were revoked"));
    }
    Ok(())
}

/// Whether what `sub` was given at `issued` (a token, a sign-in link, a session; `None`: at an unknown time) falls
/// under a revocation of the subject: `revokeTokensOf` ends all of them alike.
pub(crate) async fn subject_revoked(
    db: &impl ConnectionTrait,
    sub: &str,
    issued: Option<DateTime<Utc>>,
) -> Result<bool, AppError> {
    let found = subject_revocation::Entity::find_by_id(sub).one(db).await?;
    Ok(found.is_some_and(|rev| issued.is_none_or(|at| at < rev.issued_before)))
}

//! Minting HS256 tokens with the configured secret (`cna-directory token`).

use std::time::Duration;

use anyhow::{Context, bail};
use jsonwebtoken::{EncodingKey, Header, encode};
use serde::Serialize;

use super::keys::weak_secret;
use super::viewer::Role;

#[derive(Serialize)]
struct Minted<'a> {
    sub: &'a str,
    role: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    state: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    network: Option<&'a str>,
    iss: &'a str,
    aud: &'a str,
    iat: i64,
    exp: i64,
    jti: String,
}

pub struct TokenRequest<'a> {
    pub secret: &'a str,
    pub issuer: &'a str,
    pub audience: &'a str,
    pub sub: &'a str,
    pub role: &'a str,
    pub state: Option<&'a str>,
    pub network: Option<&'a str>,
    pub ttl: Duration,
}

pub fn mint(r: &TokenRequest<'_>) -> anyhow::Result<String> {
    if let Some(why) = weak_secret(r.secret) {
        bail!("{why}; minting needs it");
    }
    let role = Role::parse(r.role)
        .with_context(|| format!("unknown role `{}` (admin, focal_point, network_secretariat, reader)", r.role))?;
    match role {
        Role::FocalPoint if r.state.is_none() => bail!("a focal point's token needs --state"),
        Role::NetworkSecretariat if r.network.is_none() => bail!("a secretariat's token needs --network"),
        _ => {}
    }
    let now = chrono::Utc::now().timestamp();
    let claims = Minted {
        sub: r.sub,
        role: r.role,
        state: r.state,
        network: r.network,
        iss: r.issuer,
        aud: r.audience,
        iat: now,
        exp: now + r.ttl.as_secs() as i64,
        jti: uuid::Uuid::new_v4().to_string(),
    };
    Ok(encode(&Header::default(), &claims, &EncodingKey::from_secret(r.secret.as_bytes()))?)
}

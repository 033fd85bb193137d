//! Verification keys. The algorithm belongs to the key, never to the token: a token whose header names another
//! algorithm fails verification.

use std::path::Path;

use anyhow::{Context, bail};
use jsonwebtoken::{
    Algorithm, DecodingKey,
    jwk::{AlgorithmParameters, EllipticCurve, JwkSet, KeyAlgorithm},
};

use crate::config::AuthSettings;

/// HS256 secrets shorter than this are refused at start.
pub(crate) const MIN_SECRET_BYTES: usize = 32;
/// A secret must use at least this many different bytes: 32 spaces or `aaaa…` are not secrets.
const MIN_DISTINCT_BYTES: usize = 8;

/// Why an HS256 secret is refused, if it is: too short, or too uniform to be secret.
pub(crate) fn weak_secret(secret: &str) -> Option<String> {
    if secret.len() < MIN_SECRET_BYTES {
        return Some(format!(
            "CNA_JWT_SECRET must be at least {MIN_SECRET_BYTES} bytes long (it has {})",
            secret.len()
        ));
    }
    let distinct = secret.bytes().collect::<std::collections::HashSet<u8>>().len();
    if secret.trim().is_empty() || distinct < MIN_DISTINCT_BYTES {
        return Some(format!(
            "CNA_JWT_SECRET must be random: it uses {distinct} different bytes, at least {MIN_DISTINCT_BYTES} are needed \
             (generate one with `openssl rand -base64 48`)"
        ));
    }
    None
}

pub(crate) struct VerifyingKey {
    /// Set for keys of a JWK set: a token must name it in its header.
    pub kid: Option<String>,
    pub algorithm: Algorithm,
    pub key: DecodingKey,
}

/// Every key the settings name; empty when the server accepts no tokens.
pub(crate) fn load(settings: &AuthSettings) -> anyhow::Result<Vec<VerifyingKey>> {
    let mut keys = Vec::new();
    if let Some(secret) = settings.secret().filter(|s| !s.is_empty()) {
        if let Some(why) = weak_secret(secret) {
            bail!(why);
        }
        keys.push(VerifyingKey {
            kid: None,
            algorithm: Algorithm::HS256,
            key: DecodingKey::from_secret(secret.as_bytes()),
        });
    }
    if let Some(path) = &settings.jwt_public_key_file {
        keys.push(pem_key(path)?);
    }
    if let Some(path) = &settings.jwks_file {
        keys.extend(jwks(path)?);
    }
    Ok(keys)
}

/// A PEM public key: RSA (RS256), EC P-256 (ES256) or Ed25519 (EdDSA), told apart by its content.
fn pem_key(path: &Path) -> anyhow::Result<VerifyingKey> {
    let pem =
        std::fs::read(path).with_context(|| format!("CNA_JWT_PUBLIC_KEY_FILE: cannot read {}", path.display()))?;
    let (algorithm, key) = if let Ok(k) = DecodingKey::from_rsa_pem(&pem) {
        (Algorithm::RS256, k)
    } else if let Ok(k) = DecodingKey::from_ec_pem(&pem) {
        (Algorithm::ES256, k)
    } else if let Ok(k) = DecodingKey::from_ed_pem(&pem) {
        (Algorithm::EdDSA, k)
    } else {
        bail!("CNA_JWT_PUBLIC_KEY_FILE: {} is not an RSA, EC P-256 or Ed25519 public key in PEM form", path.display())
    };
    Ok(VerifyingKey { kid: None, algorithm, key })
}

/// The public keys of a JWK set file; each must have a `kid`. Symmetric keys are refused: a key file is public.
fn jwks(path: &Path) -> anyhow::Result<Vec<VerifyingKey>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("CNA_JWKS_FILE: cannot read {}", path.display()))?;
    parse_jwks(&text).with_context(|| format!("CNA_JWKS_FILE: {}", path.display()))
}

/// The public keys of a JWK set's text (a file, or what an identity provider publishes).
pub(crate) fn parse_jwks(text: &str) -> anyhow::Result<Vec<VerifyingKey>> {
    let set: JwkSet = serde_json::from_str(text).with_context(|| "not a JWK set")?;
    let mut keys = Vec::new();
    for jwk in &set.keys {
        let kid = jwk.common.key_id.clone().with_context(|| "every key needs a `kid`")?;
        let algorithm = match (&jwk.common.key_algorithm, &jwk.algorithm) {
            (Some(KeyAlgorithm::RS256), AlgorithmParameters::RSA(_)) | (None, AlgorithmParameters::RSA(_)) => {
                Algorithm::RS256
            }
            (Some(KeyAlgorithm::ES256), AlgorithmParameters::EllipticCurve(p))
            | (None, AlgorithmParameters::EllipticCurve(p))
                if p.curve == EllipticCurve::P256 =>
            {
                Algorithm::ES256
            }
            (Some(KeyAlgorithm::EdDSA), AlgorithmParameters::OctetKeyPair(p))
            | (None, AlgorithmParameters::OctetKeyPair(p))
                if p.curve == EllipticCurve::Ed25519 =>
            {
                Algorithm::EdDSA
            }
            _ => bail!("key `{kid}` is not an RS256, ES256 (P-256) or EdDSA (Ed25519) public key"),
        };
        let key = DecodingKey::from_jwk(jwk).with_context(|| format!("key `{kid}` is malformed"))?;
        keys.push(VerifyingKey { kid: Some(kid), algorithm, key });
    }
    Ok(keys)
}

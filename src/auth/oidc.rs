//! Sign-in through the organisation's OpenID Connect provider (`CNA_OIDC_ISSUER`): the authorization code flow
//! with PKCE and a nonce, through the `openidconnect` crate. The provider's discovery document (and so its keys) is
//! read once and kept for an hour, and read again at once when an ID token names a key it does not have (the
//! provider rotated its keys). The person's role, State and network come from claims named in the settings, in the
//! UserInfo answer or the verified ID token, and are checked as a token's claims are.

use std::time::{Duration, Instant};

use base64::Engine;
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreGenderClaim, CoreProviderMetadata};
use openidconnect::{
    AdditionalClaims, AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce, OAuth2TokenResponse,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse, UserInfoClaims,
};
use serde_json::{Map, Value};

use crate::config::WorkspaceSettings;
use crate::error::AppError;

/// Claims of the provider beyond the standard ones, read by name.
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize)]
#[serde(transparent)]
struct Extra(Map<String, Value>);
impl AdditionalClaims for Extra {}

/// How long the discovery document is kept before it is read again.
const METADATA_TTL: Duration = Duration::from_secs(3600);

pub(crate) struct Provider {
    issuer: IssuerUrl,
    client_id: ClientId,
    client_secret: Option<ClientSecret>,
    redirect: RedirectUrl,
    scopes: Vec<String>,
    role_claim: String,
    state_claim: String,
    network_claim: String,
    http: openidconnect::reqwest::Client,
    metadata: tokio::sync::RwLock<Option<(Instant, CoreProviderMetadata)>>,
}

/// A sign-in begun: where to send the browser, and what to keep until it comes back.
pub(crate) struct Started {
    pub(crate) url: String,
    pub(crate) state: String,
    pub(crate) nonce: String,
    pub(crate) verifier: String,
}

/// Whom the provider vouched for, as its claims say; checked by the caller like a token's claims.
#[derive(Debug)]
pub(crate) struct Identity {
    pub(crate) sub: String,
    pub(crate) role: String,
    pub(crate) state: Option<String>,
    pub(crate) network: Option<String>,
}

fn unauthenticated(message: impl Into<String>) -> AppError {
    AppError::Unauthenticated(message.into())
}

impl Provider {
    /// The provider the settings name, if any; a half-configured one is an error at start.
    pub(crate) fn from_settings(settings: &WorkspaceSettings) -> anyhow::Result<Option<Self>> {
        let Some(issuer) = settings.oidc_issuer.as_deref().filter(|i| !i.trim().is_empty()) else { return Ok(None) };
        let client_id = settings
            .oidc_client_id
            .clone()
            .ok_or_else(|| anyhow::anyhow!("CNA_OIDC_ISSUER is set: CNA_OIDC_CLIENT_ID is needed too"))?;
        let redirect = format!("{}/workspace/sign-in/callback", settings.public_url.trim_end_matches('/'));
        let http = http_client()?;
        Ok(Some(Self {
            issuer: IssuerUrl::new(issuer.trim().to_owned())?,
            client_id: ClientId::new(client_id),
            client_secret: settings.oidc_client_secret.clone().map(ClientSecret::new),
            redirect: RedirectUrl::new(redirect)?,
            scopes: settings.oidc_scopes.iter().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect(),
            role_claim: settings.oidc_role_claim.clone(),
            state_claim: settings.oidc_state_claim.clone(),
            network_claim: settings.oidc_network_claim.clone(),
            http,
            metadata: tokio::sync::RwLock::new(None),
        }))
    }

    /// The provider's discovery document: kept, or read again when `fresh` or when kept too long.
    async fn metadata(&self, fresh: bool) -> Result<CoreProviderMetadata, AppError> {
        if !fresh
            && let Some((at, kept)) = self.metadata.read().await.as_ref()
            && at.elapsed() < METADATA_TTL
        {
            return Ok(kept.clone());
        }
        let found = CoreProviderMetadata::discover_async(self.issuer.clone(), &self.http)
            .await
            .map_err(|e| AppError::internal(format!("the identity provider's discovery document: {e}")))?;
        *self.metadata.write().await = Some((Instant::now(), found.clone()));
        Ok(found)
    }

    fn client(
        &self,
        metadata: CoreProviderMetadata,
    ) -> openidconnect::core::CoreClient<
        openidconnect::EndpointSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointMaybeSet,
        openidconnect::EndpointMaybeSet,
    > {
        CoreClient::from_provider_metadata(metadata, self.client_id.clone(), self.client_secret.clone())
            .set_redirect_uri(self.redirect.clone())
    }

    /// Begins a sign-in: the provider's authorization address with a fresh state, nonce and PKCE challenge.
    pub(crate) async fn start(&self) -> Result<Started, AppError> {
        let client = self.client(self.metadata(false).await?);
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client
            .authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random)
            .set_pkce_challenge(challenge);
        for scope in &self.scopes {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        let (url, state, nonce) = request.url();
        Ok(Started {
            url: url.to_string(),
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            verifier: verifier.secret().clone(),
        })
    }

    /// Ends a sign-in: exchanges the code (with the PKCE verifier), verifies the ID token (signature, issuer,
    /// audience, expiry, nonce) and reads the person's claims.
    pub(crate) async fn finish(&self, code: &str, nonce: &str, verifier: &str) -> Result<Identity, AppError> {
        let client = self.client(self.metadata(false).await?);
        let token = client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .map_err(|e| AppError::internal(format!("the identity provider has no token endpoint: {e}")))?
            .set_pkce_verifier(PkceCodeVerifier::new(verifier.to_owned()))
            .request_async(&self.http)
            .await
            .map_err(|e| unauthenticated(format!("the identity provider refused the sign-in: {e}")))?;
        let id_token = token.id_token().ok_or_else(|| unauthenticated("the identity provider sent no ID token"))?;
        let nonce = Nonce::new(nonce.to_owned());
        let claims = match id_token.claims(&client.id_token_verifier(), &nonce) {
            Ok(claims) => claims.clone(),
            // Perhaps signed with a key published since the document was read: read it again, once.
            Err(_) => {
                let fresh = self.client(self.metadata(true).await?);
                id_token
                    .claims(&fresh.id_token_verifier(), &nonce)
                    .map_err(|e| unauthenticated(format!("the ID token does not verify: {e}")))?
                    .clone()
            }
        };
        let sub = claims.subject().clone();
        // The ID token's own claims (verified above), then the UserInfo answer's, which providers often reserve
        // for claims of additional scopes.
        let mut found = payload(&id_token.to_string());
        if let Ok(request) = client.user_info(token.access_token().clone(), Some(sub.clone())) {
            let info: Result<UserInfoClaims<Extra, CoreGenderClaim>, _> = request.request_async(&self.http).await;
            match info {
                Ok(info) => found.extend(info.additional_claims().0.clone()),
                Err(e) => tracing::warn!(error = %e, "the identity provider's UserInfo answer was not usable"),
            }
        }
        let text = |name: &str| found.get(name).and_then(Value::as_str).map(str::to_owned);
        Ok(Identity {
            sub: sub.as_str().to_owned(),
            role: text(&self.role_claim)
                .ok_or_else(|| unauthenticated(format!("the identity provider gave no `{}` claim", self.role_claim)))?,
            state: text(&self.state_claim),
            network: text(&self.network_claim),
        })
    }
}

/// The HTTP client for an identity provider's documents, keys and endpoints (sign-in and API tokens alike).
pub(crate) fn http_client() -> anyhow::Result<openidconnect::reqwest::Client> {
    Ok(openidconnect::reqwest::ClientBuilder::new()
        // Following redirects would let a provider's answer point the server elsewhere.
        .redirect(openidconnect::reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(10))
        .build()?)
}

/// The claims of a JWT whose signature has been verified, as JSON.
fn payload(jwt: &str) -> Map<String, Value> {
    jwt.split('.')
        .nth(1)
        .and_then(|p| base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(p.trim_end_matches('=')).ok())
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_provider_is_configured_whole_or_not_at_all() {
        let mut settings = WorkspaceSettings::default();
        assert!(Provider::from_settings(&settings).unwrap().is_none(), "no issuer: links only");
        settings.oidc_issuer = Some("https://login.example.org".into());
        let half = Provider::from_settings(&settings).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(half.contains("CNA_OIDC_CLIENT_ID"), "{half}");
        settings.oidc_client_id = Some("cna-directory".into());
        let whole = Provider::from_settings(&settings).unwrap().unwrap();
        assert_eq!(whole.redirect.as_str(), "http://127.0.0.1:8080/workspace/sign-in/callback");
        settings.oidc_issuer = Some("not a url".into());
        assert!(Provider::from_settings(&settings).is_err());
    }

    #[test]
    fn the_claims_of_a_verified_token_are_read_by_name() {
        let body = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(br#"{"sub":"a","role":"focal_point"}"#);
        let claims = payload(&format!("h.{body}.s"));
        assert_eq!(claims.get("role").and_then(Value::as_str), Some("focal_point"));
        assert!(payload("not a jwt").is_empty());
    }
}

//! The token rules, one by one.

use std::path::PathBuf;

use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use serde_json::{Value, json};

use crate::helpers::{SECRET, TestApp, error_code, spawn_app, spawn_app_with, token};

const ME: &str = "{ me { sub role state network } }";

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures")).join(name)
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// Standard claims of a valid admin token, to be spoiled one at a time.
fn claims() -> Value {
    json!({ "sub": "alice", "role": "admin", "iss": "cna-directory", "aud": "cna-directory",
            "iat": now(), "exp": now() + 600, "jti": uuid::Uuid::new_v4().to_string() })
}

fn hs256(claims: &Value, secret: &[u8]) -> String {
    encode(&Header::new(Algorithm::HS256), claims, &EncodingKey::from_secret(secret)).unwrap()
}

fn with(mut claims: Value, key: &str, value: Value) -> Value {
    if value.is_null() {
        claims.as_object_mut().unwrap().remove(key);
    } else {
        claims[key] = value;
    }
    claims
}

async fn refused(app: &TestApp, token: &str, why: &str) {
    let (status, body) = app.post(ME, json!({}), Some(&format!("Bearer {token}"))).await;
    assert_eq!(status, 401, "{why}: {body}");
    assert_eq!(error_code(&body), "UNAUTHENTICATED", "{why}");
}

async fn accepted(app: &TestApp, token: &str) -> Value {
    let (status, body) = app.post(ME, json!({}), Some(&format!("Bearer {token}"))).await;
    assert_eq!(status, 200, "{body}");
    body["data"]["me"].clone()
}

#[tokio::test]
async fn hs256_rules_one_by_one() {
    let app = spawn_app().await;
    let secret = SECRET.as_bytes();
    assert_eq!(accepted(&app, &hs256(&claims(), secret)).await["sub"], "alice");

    let (status, body) = app.post(ME, json!({}), None).await;
    assert_eq!((status, &body["data"]["me"]), (200, &Value::Null), "no header: anonymous");

    let none_header = base64_url(br#"{"alg":"none","typ":"JWT"}"#);
    let payload = base64_url(claims().to_string().as_bytes());
    let cases: Vec<(&str, String)> = vec![
        ("bad signature", hs256(&claims(), b"another-secret-that-is-32-bytes-long!!")),
        ("alg none", format!("{none_header}.{payload}.")),
        ("garbage", "not.a.token".to_owned()),
        ("expired", hs256(&with(claims(), "exp", json!(now() - 120)), secret)),
        ("nbf in the future", hs256(&with(claims(), "nbf", json!(now() + 300)), secret)),
        (
            "iat in the future",
            hs256(&with(with(claims(), "iat", json!(now() + 300)), "exp", json!(now() + 900)), secret),
        ),
        ("wrong iss", hs256(&with(claims(), "iss", json!("someone-else")), secret)),
        ("missing iss", hs256(&with(claims(), "iss", Value::Null), secret)),
        ("wrong aud", hs256(&with(claims(), "aud", json!("another-api")), secret)),
        ("missing aud", hs256(&with(claims(), "aud", Value::Null), secret)),
        ("missing sub", hs256(&with(claims(), "sub", Value::Null), secret)),
        ("missing exp", hs256(&with(claims(), "exp", Value::Null), secret)),
        ("missing role", hs256(&with(claims(), "role", Value::Null), secret)),
        ("unknown role", hs256(&with(claims(), "role", json!("superuser")), secret)),
        ("lives too long", hs256(&with(claims(), "exp", json!(now() + 25 * 3600)), secret)),
        ("focal point without state", hs256(&with(claims(), "role", json!("focal_point")), secret)),
        (
            "focal point of an unknown State",
            hs256(&with(with(claims(), "role", json!("focal_point")), "state", json!("ZZZ")), secret),
        ),
        (
            "secretariat of an unknown network",
            hs256(&with(with(claims(), "role", json!("network_secretariat")), "network", json!("NOPE")), secret),
        ),
        ("reader claiming a State", hs256(&with(claims(), "state", json!("FRA")), secret)),
    ];
    for (why, token) in &cases {
        refused(&app, token, why).await;
    }

    let (status, _) = app.post(ME, json!({}), Some("Basic YWxpY2U6c2VjcmV0")).await;
    assert_eq!(status, 401, "not a bearer token");
    let huge = format!("Bearer {}", "a".repeat(9 * 1024));
    let (status, body) = app.post(ME, json!({}), Some(&huge)).await;
    assert_eq!(status, 401);
    assert!(body["errors"][0]["message"].as_str().unwrap().contains("8192"));
}

#[tokio::test]
async fn revoked_tokens_stop_at_once() {
    let app = spawn_app().await;
    let admin = token("admin", None, None);
    let victim_claims = claims();
    let victim = hs256(&victim_claims, SECRET.as_bytes());
    accepted(&app, &victim).await;
    let revoked = app
        .data_as(&admin, "mutation($j: String!) { revokeToken(jti: $j) }", json!({ "j": victim_claims["jti"] }))
        .await;
    assert_eq!(revoked["revokeToken"], true);
    refused(&app, &victim, "revoked by jti").await;

    let bob = hs256(&with(with(claims(), "sub", json!("bob")), "role", json!("reader")), SECRET.as_bytes());
    accepted(&app, &bob).await;
    app.data_as(&admin, "mutation { revokeTokensOf(sub: \"bob\") }", json!({})).await;
    refused(&app, &bob, "issued before its subject's revocation").await;
    let later = hs256(
        &with(with(with(claims(), "sub", json!("bob")), "role", json!("reader")), "iat", json!(now() + 2)),
        SECRET.as_bytes(),
    );
    accepted(&app, &later).await;
}

#[tokio::test]
async fn public_keys_fix_the_algorithm() {
    let app = spawn_app_with(|s| {
        s.auth.jwt_secret = None;
        s.auth.jwt_public_key_file = Some(fixture("rsa-public.pem"));
        s.auth.jwks_file = Some(fixture("jwks.json"));
    })
    .await;
    let rsa_private = std::fs::read(fixture("rsa-private.pem")).unwrap();
    let rs256 =
        encode(&Header::new(Algorithm::RS256), &claims(), &EncodingKey::from_rsa_pem(&rsa_private).unwrap()).unwrap();
    assert_eq!(accepted(&app, &rs256).await["role"], "admin");

    // Algorithm confusion: HS256 signed with the public key as the secret.
    let public = std::fs::read(fixture("rsa-public.pem")).unwrap();
    refused(&app, &hs256(&claims(), &public), "HS256 with the public key as secret").await;

    let ed_private = std::fs::read(fixture("ed25519-private.pem")).unwrap();
    let ed_key = EncodingKey::from_ed_pem(&ed_private).unwrap();
    let mut header = Header::new(Algorithm::EdDSA);
    header.kid = Some("idp-ed-1".into());
    assert_eq!(accepted(&app, &encode(&header, &claims(), &ed_key).unwrap()).await["sub"], "alice");
    header.kid = Some("unknown-kid".into());
    refused(&app, &encode(&header, &claims(), &ed_key).unwrap(), "unknown kid").await;
    refused(&app, &token("admin", None, None), "HS256 when no secret is configured").await;
}

#[tokio::test]
async fn without_a_key_the_server_is_read_only() {
    let app = spawn_app_with(|s| s.auth.jwt_secret = None).await;
    let data = app.data("{ conventions { code } }", json!({})).await;
    assert_eq!(data["conventions"].as_array().unwrap().len(), 8);
    let body = app
        .gql("mutation { confirmAuthority(id: \"6b1f4c2e-9d3a-4e57-8a90-c0ffee00d3a0\") { id } }", json!({}), None)
        .await;
    assert_eq!(error_code(&body), "UNAUTHENTICATED");
    refused(&app, &token("admin", None, None), "no key to check it with").await;
}

#[tokio::test]
async fn private_directories_require_a_token_for_every_read() {
    let app = spawn_app_with(|s| s.public_read = false).await;
    let (status, body) = app.post("{ conventions { code } }", json!({}), None).await;
    assert_eq!(status, 401);
    assert_eq!(error_code(&body), "UNAUTHENTICATED");
    let reader = token("reader", None, None);
    let data = app.data_as(&reader, "{ conventions { code } }", json!({})).await;
    assert_eq!(data["conventions"].as_array().unwrap().len(), 8);
}

fn base64_url(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Tokens of an identity provider verified with the keys it publishes: read from its discovery document when a
/// token names a key not seen yet, so a rotation is followed without a restart or a key file.
#[tokio::test]
async fn keys_published_by_the_issuer_are_followed_through_a_rotation() {
    use std::sync::{Arc, Mutex};
    let published = Arc::new(Mutex::new(String::from("{\"keys\": []}")));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let issuer = format!("http://{}", listener.local_addr().unwrap());
    let document = json!({ "issuer": issuer, "jwks_uri": format!("{issuer}/jwks") }).to_string();
    let keys = published.clone();
    let provider = axum::Router::new()
        .route("/.well-known/openid-configuration", axum::routing::get(move || async move { document }))
        .route("/jwks", axum::routing::get(move || async move { keys.lock().unwrap().clone() }));
    tokio::spawn(async move { axum::serve(listener, provider).await });
    let app = spawn_app_with(|s| {
        s.auth.jwt_secret = None;
        s.auth.jwks_from_issuer = true;
        s.auth.jwt_issuer = issuer.clone();
    })
    .await;
    let ed_private = std::fs::read(fixture("ed25519-private.pem")).unwrap();
    let mut header = Header::new(Algorithm::EdDSA);
    header.kid = Some("idp-ed-1".into());
    let signed =
        encode(&header, &with(claims(), "iss", json!(issuer)), &EncodingKey::from_ed_pem(&ed_private).unwrap())
            .unwrap();
    refused(&app, &signed, "a key the provider does not publish yet").await;
    // The provider rotates to a new key: the next token signed with it is accepted once the server may read again.
    *published.lock().unwrap() = std::fs::read_to_string(fixture("jwks.json")).unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    assert_eq!(accepted(&app, &signed).await["sub"], "alice");
    refused(&app, &token("admin", None, None), "HS256: no secret configured").await;
}

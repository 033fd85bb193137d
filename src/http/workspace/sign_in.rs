//! Signing in with a link an administrator issued, and signing out.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use maud::html;

use super::{
    AppState, Posted, SESSION_COOKIE, SIGN_IN_COOKIE, cookie, failed, field, fields, language, page_with, private,
    see_other, set_cookie,
};
use crate::error::AppError;
use crate::http::i18n::{Lang, t};
use crate::http::pages::link;
use crate::service::sessions;

/// The page for a person who is not signed in; `why` names the message saying how the last session ended. With
/// an identity provider configured, its button comes first.
pub(super) fn needed(state: &AppState, lang: Lang, why: Option<&'static str>) -> Response {
    let title = t!(lang, "ws-sign-in-title");
    let body = html! {
        h1 { (title) }
        @if let Some(why) = why { p.warnings role="status" { (lang.message(why, None)) } }
        @if state.oidc.is_some() {
            // A link, not a form: the pages' policy lets forms post to this server only, redirects included.
            p { a.button #oidc href=(link(lang, "/workspace/sign-in/oidc", &[])) { (t!(lang, "ws-sign-in-oidc")) } }
        }
        p { (t!(lang, "ws-sign-in-how")) }
    };
    page_with(StatusCode::UNAUTHORIZED, lang, "/workspace", &title, body)
}

/// `GET /workspace/sign-in?link=…`: whom the link signs in, and a button to do it. Opening the link changes
/// nothing (a mail scanner following it does not use it up); the button's post does.
pub(super) async fn form(State(state): State<AppState>, uri: Uri, headers: HeaderMap) -> Response {
    let lang = language(&uri, &headers, None);
    let secret = super::query_pairs(&uri).into_iter().find(|(k, _)| k == "link").map(|(_, v)| v);
    let found = match &secret {
        Some(s) => match sessions::peek(&state.db, s).await {
            Ok(found) => found,
            Err(e) => return failed(&e),
        },
        None => None,
    };
    let (Some(secret), Some(link)) = (secret, found) else { return needed(&state, lang, Some("ws-link-unusable")) };
    let token = match sessions::secret() {
        Ok(t) => t,
        Err(e) => return failed(&e),
    };
    let scope = link.state_iso3.clone().or(link.network_code.clone()).unwrap_or_default();
    let title = t!(lang, "ws-sign-in-title");
    let body = html! {
        h1 { (title) }
        p { (t!(lang, "ws-sign-in-as", sub = link.sub.as_str(), role = link.role.as_str(), scope = scope)) }
        form method="post" action="/workspace/sign-in" {
            input type="hidden" name="link" value=(secret);
            input type="hidden" name="token" value=(token);
            input type="hidden" name="lang" value=(lang.code());
            button type="submit" { (t!(lang, "ws-sign-in-button")) }
        }
    };
    let mut response = page_with(StatusCode::OK, lang, "/workspace/sign-in", &title, body);
    response.headers_mut().append(header::SET_COOKIE, set_cookie(&state, SIGN_IN_COOKIE, Some(&token)));
    response
}

/// `POST /workspace/sign-in`: uses the link once, opens a session, goes home.
pub(super) async fn redeem(State(state): State<AppState>, uri: Uri, headers: HeaderMap, body: Bytes) -> Response {
    let form = fields(&body);
    let lang = Lang::choose(field(&form, "lang"), None);
    let lang = if field(&form, "lang").is_some() { lang } else { language(&uri, &headers, None) };
    // The form's token must be the one this browser was given with the form: another site cannot sign a person in
    // to an account of its choosing.
    let same_browser = match (field(&form, "token"), cookie(&headers, SIGN_IN_COOKIE)) {
        (Some(form_token), Some(cookie_token)) => sessions::same(form_token, &cookie_token),
        _ => false,
    };
    if !same_browser {
        return needed(&state, lang, Some("ws-link-other-browser"));
    }
    let Some(link) = field(&form, "link") else { return needed(&state, lang, Some("ws-link-unusable")) };
    let secret = match sessions::write::redeem(&state.db, link, lang.code()).await {
        Ok(secret) => secret,
        Err(AppError::Unauthenticated(_)) => return needed(&state, lang, Some("ws-link-unusable")),
        Err(e) => return super::refused(lang, &e),
    };
    let mut response = see_other(lang, "/workspace", &[]);
    response.headers_mut().append(header::SET_COOKIE, set_cookie(&state, SESSION_COOKIE, Some(&secret)));
    response.headers_mut().append(header::SET_COOKIE, set_cookie(&state, SIGN_IN_COOKIE, None));
    response
}

/// `POST /workspace/sign-out`: ends this browser's session.
pub(super) async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
    Posted { lang, .. }: Posted,
) -> Response {
    if let Some(secret) = cookie(&headers, SESSION_COOKIE)
        && let Err(e) = sessions::write::close(&state.db, &secret).await
    {
        return failed(&e);
    }
    let mut response = private(needed(&state, lang, Some("ws-signed-out")));
    response.headers_mut().append(header::SET_COOKIE, set_cookie(&state, SESSION_COOKIE, None));
    response
}

/// The browser's tie to a sign-in through the identity provider, from leaving to coming back.
const OIDC_COOKIE: &str = "cna_oidc";

/// `GET /workspace/sign-in/oidc`: leaves for the identity provider.
pub(super) async fn oidc_start(State(state): State<AppState>, uri: Uri, headers: HeaderMap) -> Response {
    let lang = language(&uri, &headers, None);
    let Some(provider) = state.oidc.clone() else { return needed(&state, lang, None) };
    let begun = async {
        let started = provider.start().await?;
        let browser = sessions::secret()?;
        sessions::write::begin_login(
            &state.db,
            &started.state,
            &browser,
            &started.nonce,
            &started.verifier,
            lang.code(),
        )
        .await?;
        Ok::<_, AppError>((started.url, browser))
    };
    match begun.await {
        Ok((url, browser)) => {
            let mut response = private(axum::response::Redirect::to(&url).into_response());
            response.headers_mut().append(header::SET_COOKIE, set_cookie(&state, OIDC_COOKIE, Some(&browser)));
            response
        }
        Err(e) => unavailable(&state, lang, &e),
    }
}

/// `GET /workspace/sign-in/callback`: back from the identity provider with a code, or with its refusal.
pub(super) async fn oidc_callback(State(state): State<AppState>, uri: Uri, headers: HeaderMap) -> Response {
    let query: Vec<(String, String)> = super::query_pairs(&uri);
    let get = |name: &str| query.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let lang = language(&uri, &headers, None);
    let Some(provider) = state.oidc.clone() else { return needed(&state, lang, None) };
    let (Some(code), Some(sent), Some(browser)) = (get("code"), get("state"), cookie(&headers, OIDC_COOKIE)) else {
        return needed(&state, lang, Some("ws-oidc-refused"));
    };
    let login = match sessions::write::finish_login(&state.db, &sent, &browser).await {
        Ok(login) => login,
        Err(AppError::Unauthenticated(_)) => return needed(&state, lang, Some("ws-oidc-refused")),
        Err(e) => return unavailable(&state, lang, &e),
    };
    // From here on, the language the person left in.
    let lang = Lang::choose(Some(&login.language), None);
    let signed = async {
        let who = provider.finish(&code, &login.nonce, &login.pkce_verifier).await?;
        let actor =
            crate::auth::claims::actor(&state.db, &who.sub, &who.role, who.state.as_deref(), who.network.as_deref())
                .await?;
        sessions::write::open_session(&state.db, &actor, lang.code()).await
    };
    match signed.await {
        Ok(secret) => {
            let mut response = see_other(lang, "/workspace", &[]);
            response.headers_mut().append(header::SET_COOKIE, set_cookie(&state, SESSION_COOKIE, Some(&secret)));
            response.headers_mut().append(header::SET_COOKIE, set_cookie(&state, OIDC_COOKIE, None));
            response
        }
        Err(AppError::Unauthenticated(reason)) => {
            tracing::warn!(%reason, "a sign-in through the identity provider was refused");
            needed(&state, lang, Some("ws-oidc-refused"))
        }
        Err(e) => unavailable(&state, lang, &e),
    }
}

/// The identity provider could not be reached: said so, with the other way to sign in.
fn unavailable(state: &AppState, lang: Lang, e: &AppError) -> Response {
    tracing::error!(cause = %e.chain(), "the identity provider could not be used");
    let mut response = needed(state, lang, Some("ws-oidc-unavailable"));
    *response.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
    response
}

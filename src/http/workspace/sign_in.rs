//! Signing in with a link an administrator issued, and signing out.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::Response;
use maud::html;

use super::{
    AppState, SESSION_COOKIE, SIGN_IN_COOKIE, cookie, failed, field, fields, language, page_with, posted, private,
    see_other, set_cookie,
};
use crate::error::AppError;
use crate::http::i18n::{Lang, t};
use crate::service::sessions;

/// The page for a person who is not signed in; `why` names the message saying how the last session ended.
pub(super) fn needed(lang: Lang, why: Option<&'static str>) -> Response {
    let title = t!(lang, "ws-sign-in-title");
    let body = html! {
        h1 { (title) }
        @if let Some(why) = why { p.warnings role="status" { (lang.message(why, None)) } }
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
    let (Some(secret), Some(link)) = (secret, found) else { return needed(lang, Some("ws-link-unusable")) };
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
        return needed(lang, Some("ws-link-other-browser"));
    }
    let Some(link) = field(&form, "link") else { return needed(lang, Some("ws-link-unusable")) };
    let secret = match sessions::write::redeem(&state.db, link, lang.code()).await {
        Ok(secret) => secret,
        Err(AppError::Unauthenticated(_)) => return needed(lang, Some("ws-link-unusable")),
        Err(e) => return super::refused(lang, &e),
    };
    let mut response = see_other(lang, "/workspace", &[]);
    response.headers_mut().append(header::SET_COOKIE, set_cookie(&state, SESSION_COOKIE, Some(&secret)));
    response.headers_mut().append(header::SET_COOKIE, set_cookie(&state, SIGN_IN_COOKIE, None));
    response
}

/// `POST /workspace/sign-out`: ends this browser's session.
pub(super) async fn sign_out(State(state): State<AppState>, uri: Uri, headers: HeaderMap, body: Bytes) -> Response {
    let (_, lang, _) = match posted(&state, &uri, &headers, &body).await {
        Ok(p) => p,
        Err(response) => return response,
    };
    if let Some(secret) = cookie(&headers, SESSION_COOKIE)
        && let Err(e) = sessions::write::close(&state.db, &secret).await
    {
        return failed(&e);
    }
    let mut response = private(needed(lang, Some("ws-signed-out")));
    response.headers_mut().append(header::SET_COOKIE, set_cookie(&state, SESSION_COOKIE, None));
    response
}

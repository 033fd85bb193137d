//! The workspace: where a focal point or a network's secretariat signs in, sees what is due, fixes it and confirms
//! it, in a browser. Pages rendered on the server like the public ones (no script, the same catalogues), every
//! change through the same service functions as the mutations (scope checks, audit, feed, versions), every form
//! carrying the session's token (CSRF), every answer private (`no-store`).

mod authority;
mod contacts;
mod designations;
mod home;
mod network;
mod sheets;
mod sign_in;

pub(crate) use sheets::Applying;

use std::collections::HashMap;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::{Markup, html};

use super::AppState;
use super::i18n::{Lang, t};
use super::pages::{document, html_response, link, query_pairs};
pub(super) use crate::db::entities::authority::Model as Entry;
use crate::error::AppError;
use crate::service::sessions::{self, Found, Lifetimes, Session};

/// The session cookie: only the workspace's paths receive it, never a script.
const SESSION_COOKIE: &str = "cna_session";
/// The sign-in form's own token (double submit), before there is a session to hold one.
const SIGN_IN_COOKIE: &str = "cna_sign_in";

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/workspace", get(home::home))
        .route("/workspace/sign-in", get(sign_in::form).post(sign_in::redeem))
        .route("/workspace/sign-in/oidc", get(sign_in::oidc_start))
        .route("/workspace/sign-in/callback", get(sign_in::oidc_callback))
        .route("/workspace/sign-out", post(sign_in::sign_out))
        .route("/workspace/confirm-reviewed", post(home::confirm_reviewed))
        .route("/workspace/authorities/{id}", get(authority::form).post(authority::save))
        .route("/workspace/authorities/{id}/confirm", post(authority::confirm))
        .route("/workspace/authorities/{id}/history", get(authority::history))
        .route("/workspace/authorities/{id}/contacts", get(contacts::list).post(contacts::add))
        .route("/workspace/authorities/{id}/designations", get(designations::list).post(designations::add))
        .route("/workspace/authorities/{id}/designations/{designation}", post(designations::save))
        .route("/workspace/authorities/{id}/designations/{designation}/remove", post(designations::remove))
        .route("/workspace/contacts/{id}", post(contacts::save))
        .route("/workspace/contacts/{id}/remove", post(contacts::remove))
        .route(
            "/workspace/sheets",
            get(sheets::start)
                .post(sheets::upload)
                .layer(axum::extract::DefaultBodyLimit::max(sheets::MAX_UPLOAD_BYTES)),
        )
        .route("/workspace/sheets/download", get(sheets::download))
        .route("/workspace/network", get(network::show))
        .route("/workspace/network/members", post(network::add_member))
        .route("/workspace/network/members/{state}", post(network::save_member))
        .route("/workspace/network/members/{state}/remove", post(network::remove_member))
        .route("/workspace/network/contact-points", post(network::add_point))
        .route("/workspace/network/contact-points/{id}", post(network::save_point))
        .route("/workspace/network/contact-points/{id}/remove", post(network::remove_point))
        .route("/workspace/sheets/{id}", get(sheets::show))
        .route("/workspace/sheets/{id}/apply", post(sheets::apply))
}

/// The value of cookie `name` in a request.
fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_owned())
}

/// A `Set-Cookie` for the workspace: `HttpOnly`, `SameSite=Lax`, on the workspace's paths, `Secure` behind TLS;
/// `None` as the value removes it.
fn set_cookie(state: &AppState, name: &str, value: Option<&str>) -> HeaderValue {
    let mut c = cookie::Cookie::build((name.to_owned(), value.unwrap_or("").to_owned()))
        .path("/workspace")
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .secure(state.workspace.secure);
    if value.is_none() {
        c = c.max_age(cookie::time::Duration::ZERO);
    }
    // A cookie built from a fixed name and a base64url secret is always a valid header value.
    HeaderValue::from_str(&c.build().to_string()).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Workspace answers are one person's: never stored by a browser or a proxy.
fn private(mut response: Response) -> Response {
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A workspace page.
fn page(lang: Lang, path: &str, title: &str, body: Markup) -> Response {
    private(html_response(axum::body::Bytes::from(document(lang, path, &[], title, body))))
}

/// A page with a status other than 200.
fn page_with(status: StatusCode, lang: Lang, path: &str, title: &str, body: Markup) -> Response {
    let mut response = page(lang, path, title, body);
    *response.status_mut() = status;
    response
}

/// The reader's language in the workspace: `?lang=`, else the session's, else the browser's.
fn language(uri: &Uri, headers: &HeaderMap, session: Option<&Session>) -> Lang {
    let asked = query_pairs(uri).into_iter().find(|(k, _)| k == "lang").map(|(_, v)| v);
    let accept = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    Lang::choose(asked.as_deref().or(session.map(|s| s.language.as_str())), accept)
}

/// A request's session, or the page that sends the person to sign in (saying why).
async fn signed_in(state: &AppState, uri: &Uri, headers: &HeaderMap) -> Result<(Session, Lang), Response> {
    let found = match cookie(headers, SESSION_COOKIE) {
        Some(secret) => match sessions::open(&state.db, &secret, state.workspace.lifetimes).await {
            Ok(found) => found,
            Err(e) => return Err(failed(&e)),
        },
        None => Found::Unknown,
    };
    let why = match found {
        Found::Active(session) => {
            let lang = language(uri, headers, Some(&session));
            return Ok((*session, lang));
        }
        Found::Expired => Some("ws-signed-out-expired"),
        Found::Revoked => Some("ws-signed-out-revoked"),
        Found::Unknown => None,
    };
    let lang = language(uri, headers, None);
    let mut response = sign_in::needed(state, lang, why);
    if why.is_some() {
        response.headers_mut().append(header::SET_COOKIE, set_cookie(state, SESSION_COOKIE, None));
    }
    Err(response)
}

/// A post of the workspace: its session, its language (the form's own first), its fields, the form's token checked.
async fn posted(
    state: &AppState,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(Session, Lang, Vec<(String, String)>), Response> {
    let (session, lang) = signed_in(state, uri, headers).await?;
    let form = fields(body);
    let lang = field(&form, "lang").map_or(lang, |l| Lang::choose(Some(l), None));
    check_csrf(&session, lang, &form).map_err(|refused| *refused)?;
    Ok((session, lang, form))
}

/// An entry the person may change: another State's is refused here as in the API.
async fn entry_of(state: &AppState, session: &Session, id: &str) -> Result<Entry, AppError> {
    let id = uuid::Uuid::parse_str(id)
        .map_err(|_| AppError::NotFound(format!("no authority has the id {}", crate::domain::shown(id))))?;
    let a = crate::service::authorities::find_live(&state.db, id).await?;
    session.viewer.require_state(&a.state_iso3)?;
    Ok(a)
}

/// A signed-in person's request: the session and the reader's language; else the page that sends the person to
/// sign in. An extractor, so that every workspace handler is admitted the same way.
pub(super) struct SignedIn {
    pub(super) session: Session,
    pub(super) lang: Lang,
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let (session, lang) = signed_in(state, &parts.uri, &parts.headers).await?;
        Ok(Self { session, lang })
    }
}

/// A post of the workspace (`posted`): the session, the language, the form's fields, its token checked.
pub(super) struct Posted {
    pub(super) session: Session,
    pub(super) lang: Lang,
    pub(super) form: Vec<(String, String)>,
}

impl FromRequest<AppState> for Posted {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Response> {
        let (uri, headers) = (request.uri().clone(), request.headers().clone());
        // Read within the body limit of the route, as any other body.
        let body = Bytes::from_request(request, state).await.map_err(IntoResponse::into_response)?;
        let (session, lang, form) = posted(state, &uri, &headers, &body).await?;
        Ok(Self { session, lang, form })
    }
}

/// The `{id}` of a request's path: an entry's.
async fn path_id(parts: &mut Parts, state: &AppState) -> String {
    let found = Path::<HashMap<String, String>>::from_request_parts(parts, state).await;
    found.ok().and_then(|mut p| p.0.remove("id")).unwrap_or_default()
}

/// A page about an entry (`{id}` in the path): the session, the language and the entry, or the page that refuses
/// it (another State's entry, an unknown one).
pub(super) struct Opened {
    pub(super) session: Session,
    pub(super) lang: Lang,
    pub(super) entry: Entry,
}

impl FromRequestParts<AppState> for Opened {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let SignedIn { session, lang } = SignedIn::from_request_parts(parts, state).await?;
        let id = path_id(parts, state).await;
        let entry = entry_of(state, &session, &id).await.map_err(|e| refused(lang, &e))?;
        Ok(Self { session, lang, entry })
    }
}

/// A post about an entry (`{id}` in the path): the session, language and form of [`Posted`], and the entry if the
/// person may change it.
pub(super) struct PostedTo {
    pub(super) session: Session,
    pub(super) lang: Lang,
    pub(super) form: Vec<(String, String)>,
    pub(super) entry: Entry,
}

impl FromRequest<AppState> for PostedTo {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = request.into_parts();
        let id = path_id(&mut parts, state).await;
        let Posted { session, lang, form } = Posted::from_request(Request::from_parts(parts, body), state).await?;
        let entry = entry_of(state, &session, &id).await.map_err(|e| refused(lang, &e))?;
        Ok(Self { session, lang, form, entry })
    }
}

/// Language codes as a person types them in one field: `fr, en`, `fr;en` or `fr en`.
fn language_codes(text: &str) -> Vec<String> {
    text.split([',', ';', ' ']).filter(|c| !c.is_empty()).map(str::to_owned).collect()
}

/// A form's fields, in order (a list field repeats its name).
fn fields(body: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// A field with something in it, trimmed; a blank one is none.
fn filled<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    field(fields, name).map(str::trim).filter(|v| !v.is_empty())
}

/// A date field: blank is none, anything else must be `YYYY-MM-DD` (refused as `field_name`).
fn date_field(
    fields: &[(String, String)],
    name: &str,
    field_name: &str,
) -> Result<Option<chrono::NaiveDate>, crate::error::FieldError> {
    filled(fields, name)
        .map(|raw| chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d"))
        .transpose()
        .map_err(|_| crate::error::FieldError::new(field_name, crate::error::Problem::NotDate))
}

/// The refusals of a form above it: how many, and each in the reader's language.
fn errors_banner(lang: Lang, errors: &[crate::error::FieldError]) -> Markup {
    html! {
        @if !errors.is_empty() {
            div.warnings role="alert" #errors {
                p { (t!(lang, "ws-errors", count = errors.len())) }
                ul { @for e in errors { li { (refusal(lang, e)) } } }
            }
        }
    }
}

/// Refuses a post whose form does not carry the session's token: another site's form cannot act for the person.
fn check_csrf(session: &Session, lang: Lang, form: &[(String, String)]) -> Result<(), Box<Response>> {
    match field(form, "csrf") {
        Some(token) if sessions::same(token, &session.csrf) => Ok(()),
        _ => Err(Box::new(page_with(
            StatusCode::FORBIDDEN,
            lang,
            "/workspace",
            &t!(lang, "ws-csrf-title"),
            html! { h1 { (t!(lang, "ws-csrf-title")) } p { (t!(lang, "ws-csrf-body")) }
            p { a href=(link(lang, "/workspace", &[])) { (t!(lang, "ws-home-link")) } } },
        ))),
    }
}

/// The hidden fields every workspace form carries.
fn hidden(session: &Session, lang: Lang) -> Markup {
    html! {
        input type="hidden" name="csrf" value=(session.csrf);
        input type="hidden" name="lang" value=(lang.code());
    }
}

/// Why a field was not accepted, in the reader's language where the catalogue words the problem, else in the
/// API's English (marked as English).
fn refusal(lang: Lang, e: &crate::error::FieldError) -> Markup {
    worded(lang, e.problem.as_deref(), &e.message)
}

/// `problem` in the reader's language, else `english` marked as English.
fn worded(lang: Lang, problem: Option<&crate::error::Problem>, english: &str) -> Markup {
    let worded = problem.and_then(|p| {
        let (id, values) = p.message();
        let mut args = super::i18n::Args::new();
        for (name, value) in values {
            args.set(name, super::i18n::arg(value));
        }
        lang.try_message(id, Some(&args))
    });
    match worded {
        Some(text) => html! { span { (text) } },
        None => html! { span lang="en" dir="ltr" { (english) } },
    }
}

/// Where to after a post: a GET of `path` in the reader's language (post, redirect, get).
fn see_other(lang: Lang, path: &str, params: &[(&str, &str)]) -> Response {
    private(Redirect::to(&link(lang, path, params)).into_response())
}

/// A refusal as a page: another State's entry, an unknown one.
fn refused(lang: Lang, e: &AppError) -> Response {
    let (status, title) = match e {
        AppError::Forbidden(_) => (StatusCode::FORBIDDEN, t!(lang, "ws-forbidden-title")),
        AppError::NotFound(_) => (StatusCode::NOT_FOUND, t!(lang, "not-found-title")),
        AppError::Internal(_) => return failed(e),
        _ => (StatusCode::BAD_REQUEST, t!(lang, "ws-refused-title")),
    };
    let body = html! {
        h1 { (title) }
        p lang="en" { (e.to_string()) }
        p { a href=(link(lang, "/workspace", &[])) { (t!(lang, "ws-home-link")) } }
    };
    page_with(status, lang, "/workspace", &title, body)
}

fn failed(e: &AppError) -> Response {
    tracing::error!(cause = %e.chain(), "a workspace page could not be rendered");
    private((StatusCode::SERVICE_UNAVAILABLE, "the directory's database is unavailable; retry later").into_response())
}

/// The workspace's settings the pages need.
#[derive(Clone, Copy)]
pub(crate) struct Settings {
    pub(crate) lifetimes: Lifetimes,
    pub(crate) secure: bool,
}

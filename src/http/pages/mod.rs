//! The directory's pages for people: `GET /directory` (every State, by name in the reader's order),
//! `GET /directory/{iso3}` (a State's authorities, for reading and filing on paper) and `GET /route` (where a request
//! goes, as a practitioner's answer card). HTML rendered on the server: no script, every value escaped by
//! construction (maud), interface text from the reader's catalogue (`super::i18n`), right to left for Arabic with
//! every value that is not Arabic isolated.

pub(super) mod entry;
mod index;
mod route;
mod state;

use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use chrono::{DateTime, Utc};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use serde_json::Value;

use super::AppState;
use super::cache::{Answer, Key, Lookup, Status};
use super::i18n::{Lang, Language, t};
use crate::db::replicas::Reader;
use crate::graphql::reads::{self, Dependencies};

pub(super) use index::index;
pub(super) use route::route;
pub(super) use state::state_page;

const STYLE: &str = include_str!("style.css");

/// The reader's language for a request: `?lang=`, then `Accept-Language`, then English.
pub(super) fn language(uri: &Uri, headers: &HeaderMap) -> Lang {
    let asked = query_pairs(uri).into_iter().find(|(k, _)| k == "lang").map(|(_, v)| v);
    let accept = headers.get(axum::http::header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    Lang::choose(asked.as_deref(), accept)
}

pub(super) fn query_pairs(uri: &Uri) -> Vec<(String, String)> {
    url::form_urlencoded::parse(uri.query().unwrap_or("").as_bytes()).into_owned().collect()
}

/// A link to `path` in the reader's language, with `params` after it. Every link carries the language, so that a
/// reader who chose one keeps it whatever the browser prefers.
pub(super) fn link(lang: Lang, path: &str, params: &[(&str, &str)]) -> String {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    query.append_pair("lang", lang.code());
    for (k, v) in params {
        query.append_pair(k, v);
    }
    format!("{path}?{}", query.finish())
}

/// `names` (`{"fr": …}`) in the reader's language, else `fallback` (the entry's own name).
pub(super) fn pick<'a>(lang: Lang, names: Option<&'a Value>, fallback: &'a str) -> &'a str {
    names.and_then(|n| n.get(lang.code())).and_then(Value::as_str).filter(|s| !s.is_empty()).unwrap_or(fallback)
}

/// The six languages, each named in itself, as links to this same page (`path` with the page's own `params`) in
/// that language.
fn switcher(lang: Lang, path: &str, params: &[(&str, &str)]) -> Markup {
    html! {
        nav aria-label=(t!(lang, "nav-languages")) {
            ul {
                @for l in Language::ALL {
                    @let own = Lang(l);
                    @let name = own.locale().language_name(l.key()).map(capitalised).unwrap_or_else(|| l.key().to_owned());
                    li lang=(l.key()) dir=(own.dir()) {
                        @if l == lang.0 {
                            a href=(link(own, path, params)) aria-current="page" hreflang=(l.key()) { (name) }
                        } @else {
                            a href=(link(own, path, params)) hreflang=(l.key()) { (name) }
                        }
                    }
                }
            }
        }
    }
}

/// "français" → "Français" for a menu; scripts without case are unchanged.
fn capitalised(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A whole page as HTML text: the reader's language and direction, a skip link, the site's and the language's
/// navigation, the page's `body` as the main landmark. `path` and `params` are the page's own address, for the
/// language links.
pub(super) fn document(lang: Lang, path: &str, params: &[(&str, &str)], title: &str, body: Markup) -> String {
    let markup = html! {
        (DOCTYPE)
        html lang=(lang.code()) dir=(lang.dir()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — " (t!(lang, "site-name")) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                a.skip href="#main" { (t!(lang, "skip-to-content")) }
                header.site {
                    nav aria-label=(t!(lang, "nav-site")) {
                        ul {
                            li { a href=(link(lang, "/directory", &[])) { (t!(lang, "nav-all-states")) } }
                            li { a href=(link(lang, "/route", &[])) { (t!(lang, "nav-route")) } }
                            li { a href=(link(lang, "/workspace", &[])) { (t!(lang, "nav-workspace")) } }
                            li { a href="/graphql" lang="en" { "GraphQL API" } }
                        }
                    }
                    (switcher(lang, path, params))
                }
                main #main { (body) }
                footer.meta {
                    p { (t!(lang, "footer-source")) }
                    @if lang.0 != Language::EN { p { (t!(lang, "footer-fallback")) } }
                }
            }
        }
    };
    markup.into_string()
}

fn page(lang: Lang, path: &str, params: &[(&str, &str)], title: &str, body: Markup) -> Response {
    html_response(axum::body::Bytes::from(document(lang, path, params, title, body)))
}

/// HTML as an answer, with the policy every page carries.
pub(super) fn html_response(html: axum::body::Bytes) -> Response {
    let mut response = Html(html).into_response();
    // No script runs on these pages, none may: the header says so to the browser.
    let csp =
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    response.headers_mut().insert("content-security-policy", axum::http::HeaderValue::from_static(csp));
    // Revalidate every time: a page may show an entry that is withdrawn later.
    response.headers_mut().insert(axum::http::header::CACHE_CONTROL, axum::http::HeaderValue::from_static("no-cache"));
    response
}

/// A page from the response cache while nothing it shows has changed, else rendered (by `render`, which says what
/// it read) and kept. Pages show what an anonymous reader sees, so one kept page serves every reader of a language.
/// `render` reads through the connection it is given: a replica that shows what the request must see, or the
/// primary (`db::replicas`); once more on the primary when the replica fails it.
async fn cached_page<F, Fut>(state: &AppState, request_id: &str, key: String, lang: Lang, render: F) -> Response
where
    F: Fn(sea_orm::DatabaseConnection) -> Fut,
    Fut: Future<Output = Result<(String, Dependencies), Response>>,
{
    let key = Key::new(true, None, axum::body::Bytes::from(key)).in_language(Some(lang.code()));
    let cache = state.cache.as_deref();
    let ticket = match cache {
        Some(cache) => match cache.lookup(&state.db, &key, cache.held(&key), state.readers.has_replicas()).await {
            Lookup::Hit(answer) => return Status::Hit.on(html_response(answer.body)),
            Lookup::Miss(ticket) => ticket.map(|ticket| (cache, ticket)),
        },
        None => None,
    };
    let seen = cache.map(|_| ticket.as_ref().and_then(|(_, t)| t.position_after_arrival()));
    let reader = state.readers.for_cached(seen).await;
    let render = on_reader(state, request_id, reader, render);
    let rendered = match &ticket {
        Some((cache, ticket)) => cache.compute(&state.db, ticket, render).await,
        None => render.await,
    };
    let (html, reads) = match rendered {
        Ok(rendered) => rendered,
        Err(response) => return response,
    };
    let body = axum::body::Bytes::from(html);
    if let Some((cache, ticket)) = ticket {
        cache.keep(key, ticket, reads, Answer::new(body.clone()));
        return Status::Miss.on(html_response(body));
    }
    html_response(body)
}

/// Runs a page's reads on `reader`, and once more on the primary when a replica fails them (a database failure is
/// the one way a page's reads end in 503, see `failed`).
async fn on_reader<T, F, Fut>(state: &AppState, request_id: &str, reader: Reader, read: F) -> Result<T, Response>
where
    F: Fn(sea_orm::DatabaseConnection) -> Fut,
    Fut: Future<Output = Result<T, Response>>,
{
    let unavailable = |result: &Result<T, Response>| matches!(result, Err(response) if response.status() == StatusCode::SERVICE_UNAVAILABLE);
    super::readers::with_fallback(state, request_id, reader, &read, |db| Some(read(db)), unavailable).await
}

/// What a page read: these tables, and the authorities of these States, recorded as GraphQL answers record them.
/// `until` is the first instant at which the page would read differently with the same data (a date it shows).
fn read(tables: &[reads::Scope], states: &[&str], until: Option<DateTime<Utc>>) -> Dependencies {
    let reads = reads::Reads::recording();
    reads.tables(tables);
    reads.states(states.iter().copied());
    if let Some(at) = until {
        reads.until(at);
    }
    reads.finish(true)
}

fn not_found(lang: Lang, what: String) -> Response {
    let title = t!(lang, "not-found-title");
    let body = html! { h1 { (title) } p { (what) } p { a href=(link(lang, "/directory", &[])) { (t!(lang, "nav-all-states")) } } };
    let mut response = page(lang, "/directory", &[], &title, body);
    *response.status_mut() = StatusCode::NOT_FOUND;
    response
}

fn failed(e: &crate::error::AppError) -> Response {
    tracing::error!(cause = %e.chain(), "page could not be rendered");
    (StatusCode::SERVICE_UNAVAILABLE, "the directory's database is unavailable; retry later").into_response()
}

/// Tomorrow at midnight UTC: pages that print today's date are kept no longer.
fn end_of_day() -> DateTime<Utc> {
    let tomorrow = Utc::now().date_naive().succ_opt().unwrap_or_else(|| Utc::now().date_naive());
    tomorrow.and_hms_opt(0, 0, 0).map(|t| t.and_utc()).unwrap_or_else(Utc::now)
}

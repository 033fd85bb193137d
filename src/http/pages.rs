//! The printable directory: `GET /directory` (every State with how many authorities it has), `GET /directory/{iso3}`
//! (a State's authorities as a reader sees them, one clean A4 page per printout) and `GET /route` (the route
//! finder as a form and its answer). Plain HTML rendered on the server: no JavaScript, every value escaped by
//! construction (maud), names in the language asked for (`?lang=fr`) where the data has them.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use chrono::{DateTime, Offset, SecondsFormat, Utc};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use serde_json::Value;

use std::future::Future;

use super::AppState;
use super::cache::{Answer, Key};
use crate::db::entities::authority_list_item::list;
use crate::domain::{AuthorityFunction, enum_name};
use crate::graphql::reads::{self, Dependencies};
use crate::service::directory::{self, AuthorityEntry};

const STYLE: &str = "
body { font: 11pt/1.4 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #111; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.15rem; margin: 1.4rem 0 .3rem; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; vertical-align: top; padding: .2rem .5rem; }
th { width: 12rem; font-weight: 600; color: #333; } tr + tr td, tr + tr th { border-top: 1px solid #ddd; }
.meta, .note { color: #555; font-size: .9rem; } .authority { border-top: 2px solid #222; margin-top: 1rem; }
nav { margin-bottom: 1rem; } .count { text-align: right; width: 6rem; } .warning { color: #8a1c00; }
@page { size: A4; margin: 15mm; }
@media print { nav, form, .screen { display: none; } body { margin: 0; max-width: none; font-size: 10pt; }
  .authority { break-inside: avoid; } a { color: inherit; text-decoration: none; } }
";

/// `?lang=` on every page: one of the six UN languages, English when absent or unknown.
#[derive(serde::Deserialize, Default)]
pub(super) struct Lang {
    lang: Option<String>,
}

impl Lang {
    /// `?lang=` when given, else the browser's `Accept-Language` among the six.
    fn or_accept(mut self, headers: &HeaderMap) -> Self {
        if self.lang.is_none() {
            let accepted = headers.get(axum::http::header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
            let language = accepted.and_then(crate::graphql::types::language::Language::from_accept);
            self.lang = language.map(|l| l.key().to_owned());
        }
        self
    }

    fn code(&self) -> &'static str {
        match self.lang.as_deref().map(str::to_lowercase).as_deref() {
            Some("ar") => "ar",
            Some("zh") => "zh",
            Some("fr") => "fr",
            Some("ru") => "ru",
            Some("es") => "es",
            _ => "en",
        }
    }

    /// `names` (`{"fr": …}`) in this language, else `fallback`.
    fn pick<'a>(&self, names: Option<&'a Value>, fallback: &'a str) -> &'a str {
        names.and_then(|n| n.get(self.code())).and_then(Value::as_str).filter(|s| !s.is_empty()).unwrap_or(fallback)
    }

    fn query(&self) -> String {
        match self.code() {
            "en" => String::new(),
            code => format!("?lang={code}"),
        }
    }
}

fn page(lang: &Lang, title: &str, body: Markup) -> Response {
    html_response(axum::body::Bytes::from(document(lang, title, body)))
}

/// A whole page as HTML text.
fn document(lang: &Lang, title: &str, body: Markup) -> String {
    let dir = if lang.code() == "ar" { "rtl" } else { "ltr" };
    let markup = html! {
        (DOCTYPE)
        html lang=(lang.code()) dir=(dir) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — CNA Directory" }
                style { (PreEscaped(STYLE)) }
            }
            body {
                nav { a href={ "/directory" (lang.query()) } { "All States" } " · " a href="/route" { "Route finder" } " · " a href="/graphql" { "API" } }
                (body)
            }
        }
    };
    markup.into_string()
}

/// HTML as an answer, with the policy every page carries.
fn html_response(html: axum::body::Bytes) -> Response {
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
async fn cached_page<F>(state: &AppState, key: String, lang: &Lang, render: F) -> Response
where
    F: Future<Output = Result<(String, Dependencies), Response>>,
{
    let key = Key::new(true, None, axum::body::Bytes::from(key)).in_language(Some(lang.code()));
    let cache = state.cache.as_deref();
    let version = match cache {
        Some(cache) => cache.version(&state.db).await,
        None => None,
    };
    if let (Some(cache), Some(version)) = (cache, version)
        && let Some(answer) = cache.get(&key, version)
    {
        cache.hits.increment(1);
        return html_response(answer.body);
    }
    let (html, reads) = match render.await {
        Ok(rendered) => rendered,
        Err(response) => return response,
    };
    let body = axum::body::Bytes::from(html);
    if let (Some(cache), Some(version)) = (cache, version) {
        cache.misses.increment(1);
        cache.put(key, version, reads, Answer::new(body.clone()));
    }
    html_response(body)
}

/// What a page read: these tables, and the authorities of these States, recorded as GraphQL answers record them.
fn read(tables: &[reads::Scope], states: &[&str]) -> Dependencies {
    let reads = reads::Reads::recording();
    reads.tables(tables);
    reads.states(states.iter().copied());
    reads.finish(true)
}

fn not_found(lang: &Lang, what: &str) -> Response {
    let mut response = page(lang, "Not found", html! { h1 { "Not found" } p { (what) } });
    *response.status_mut() = StatusCode::NOT_FOUND;
    response
}

fn failed(e: &crate::error::AppError) -> Response {
    tracing::error!(cause = %e.chain(), "page could not be rendered");
    (StatusCode::SERVICE_UNAVAILABLE, "the directory's database is unavailable; retry later").into_response()
}

fn day(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d").to_string()
}

pub(super) async fn index(State(state): State<AppState>, headers: HeaderMap, Query(lang): Query<Lang>) -> Response {
    let lang = lang.or_accept(&headers);
    let render = async {
        let states = match directory::states(&state.db).await {
            Ok(s) => s,
            Err(e) => return Err(failed(&e)),
        };
        let total: i64 = states.iter().map(|(_, n)| n).sum();
        let mut regions: Vec<(String, Vec<&(crate::db::entities::state::Model, i64)>)> = Vec::new();
        for entry in &states {
            let region = entry.0.region.clone().unwrap_or_else(|| "Other".to_owned());
            match regions.iter_mut().find(|(r, _)| *r == region) {
                Some((_, list)) => list.push(entry),
                None => regions.push((region, vec![entry])),
            }
        }
        regions.sort_by(|a, b| a.0.cmp(&b.0));
        let body = html! {
            h1 { "Directory of competent national authorities" }
            p.meta { (states.len()) " States and other entities, " span #total { (total) } " authorities. Generated "
                (day(Utc::now())) "." }
            @for (region, list) in &regions {
                h2 { (region) }
                table {
                    @for (s, n) in list {
                        tr #{ "state-" (s.iso3) } {
                            td { a href={ "/directory/" (s.iso3) (lang.query()) } { (lang.pick(s.names.as_ref(), &s.name)) } }
                            td { (s.iso3) }
                            td.count data-count=(n) { (n) }
                        }
                    }
                }
            }
        };
        Ok((document(&lang, "All States", body), read(&[reads::Scope::States, reads::Scope::Authorities], &[])))
    };
    cached_page(&state, "page:/directory".to_owned(), &lang, render).await
}

fn list_of(entry: &AuthorityEntry, name: &str) -> String {
    entry.lists.get(name).map(|v| v.join(", ")).unwrap_or_default()
}

/// "Europe/Paris (UTC+01:00 now)", or the zone as given when it is not a known one.
fn zone(tz: &str) -> String {
    match tz.parse::<chrono_tz::Tz>() {
        Ok(z) => format!("{tz} (UTC{} now)", Utc::now().with_timezone(&z).offset().fix()),
        Err(_) => tz.to_owned(),
    }
}

fn authority(lang: &Lang, e: &AuthorityEntry) -> Markup {
    let a = &e.authority;
    let row = |label: &str, value: Option<String>| -> Markup {
        html! { @if let Some(v) = value.filter(|v| !v.is_empty()) { tr { th { (label) } td { (v) } } } }
    };
    html! {
        section.authority id={ "authority-" (a.id) } {
            h2 { (lang.pick(a.names.as_ref(), &a.name)) @if let Some(acronym) = &a.acronym { " (" (acronym) ")" } }
            @if let Some(local) = &a.local_name { p.note lang="" { (local) } }
            table {
                @if !e.designations.is_empty() {
                    tr { th { "Designated for" } td {
                        @for (d, basis) in &e.designations {
                            div {
                                @match basis {
                                    Some(b) => { (enum_name(&b.function).to_lowercase().replace('_', " ")) " — " (b.title) " (" (b.code) ")" }
                                    None => { (d.legal_basis_code) }
                                }
                                @if let Some(scope) = &d.scope { span.note { " · " (scope) } }
                            }
                        }
                    } }
                }
                (row("Languages", Some(list_of(e, list::LANGUAGE))))
                (row("Channels", Some(list_of(e, list::CHANNEL))))
                (row("Transmission", Some(list_of(e, list::TRANSMISSION_MEANS))))
                (row("Urgent requests", Some(list_of(e, list::URGENT_CHANNEL))))
                (row("Urgent procedure", a.urgent_notes.clone()))
                (row("Requirements", a.requirements.clone()))
                (row("Office hours", a.office_hours.clone().map(|h| match &a.time_zone {
                    Some(tz) => format!("{h} — {}", zone(tz)),
                    None => h,
                })))
                (row("Time zone", a.time_zone.as_deref().filter(|_| a.office_hours.is_none()).map(zone)))
                (row("Address", a.postal_address.clone()))
                (row("City", a.city.clone()))
                (row("E-mail", a.email.clone()))
                (row("Telephone", a.phone.clone()))
                (row("Fax", a.fax.clone()))
                @if let Some(site) = &a.website { tr { th { "Website" } td { a href=(site) rel="noopener noreferrer" { (site) } } } }
                @for c in &e.contacts {
                    tr { th { "Contact" } td {
                        (c.name) @if let Some(p) = &c.position { ", " (p) }
                        @if let Some(m) = &c.email { " · " (m) } @if let Some(t) = &c.phone { " · " (t) }
                    } }
                }
                @for (p, n) in &e.networks {
                    tr { th { "Network" } td {
                        (n.as_ref().map_or(p.network_code.as_str(), |n| n.name.as_str())) " — "
                        (p.label.clone().unwrap_or_else(|| enum_name(&p.role).to_lowercase().replace('_', " ")))
                    } }
                }
                (row("Last confirmed", a.last_confirmed_at.map(day)))
            }
        }
    }
}

/// `?page=` of a State's page (from 1), beside `?lang=`.
#[derive(serde::Deserialize, Default)]
pub(super) struct PageNumber {
    page: Option<usize>,
}

pub(super) async fn state_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(iso3): Path<String>,
    Query(lang): Query<Lang>,
    Query(number): Query<PageNumber>,
) -> Response {
    let lang = lang.or_accept(&headers);
    let asked = number.page.unwrap_or(1);
    let key = format!("page:/directory/{iso3}?page={asked}");
    let render = async {
        let found = match directory::state_page(&state.db, &iso3, asked).await {
            Ok(found) => found,
            Err(e) => return Err(failed(&e)),
        };
        let Some(p) = found else {
            return Err(not_found(&lang, &format!("No State has the code {}.", crate::domain::shown(&iso3))));
        };
        let name = lang.pick(p.state.names.as_ref(), &p.state.name).to_owned();
        let link = |n: usize| {
            let mut query = lang.query();
            query.push_str(if query.is_empty() { "?" } else { "&" });
            format!("/directory/{}{query}page={n}", p.state.iso3)
        };
        let pager = html! {
            @if p.pages > 1 {
                nav.pages {
                    @if p.page > 1 { a rel="prev" href=(link(p.page - 1)) { "Previous" } " · " }
                    "Page " (p.page) " of " (p.pages)
                    @if p.page < p.pages { " · " a rel="next" href=(link(p.page + 1)) { "Next" } }
                }
            }
        };
        let body = html! {
            h1 { (name) }
            @if let Some(note) = &p.state.note { p.note { (note) } }
            p.meta {
                span #count data-count=(p.total) { (p.total) } " authorities. Generated "
                (Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true))
                @if let Some(at) = p.last_confirmed { "; data last confirmed " (day(at)) } "."
            }
            (pager)
            @if p.authorities.is_empty() { p { "No authority of " (name) " is in the directory yet." } }
            @for e in &p.authorities { (authority(&lang, e)) }
            (pager)
        };
        let read = read(&[reads::Scope::States, reads::Scope::LegalBases, reads::Scope::Networks], &[&p.state.iso3]);
        Ok((document(&lang, &name, body), read))
    };
    cached_page(&state, key, &lang, render).await
}

#[derive(serde::Deserialize, Default)]
pub(super) struct RouteForm {
    from: Option<String>,
    to: Option<String>,
    function: Option<String>,
    convention: Option<String>,
    lang: Option<String>,
}

fn functions() -> impl Iterator<Item = AuthorityFunction> {
    <AuthorityFunction as sea_orm::Iterable>::iter()
}

pub(super) async fn route(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(form): Query<RouteForm>,
) -> Response {
    let lang = Lang { lang: form.lang.clone() }.or_accept(&headers);
    let function = form.function.as_deref().and_then(|f| functions().find(|x| enum_name(x) == f));
    let convention = form.convention.as_deref().map(str::trim).filter(|c| !c.is_empty());
    let answer = match (form.from.as_deref(), form.to.as_deref(), function) {
        (Some(from), Some(to), Some(function)) => {
            match crate::service::route::find(&state.db, from, to, function, convention, state.review).await {
                Ok(r) => Some(r),
                Err(e) => return failed(&e),
            }
        }
        _ => None,
    };
    let value = |v: &Option<String>| v.clone().unwrap_or_default();
    let body = html! {
        h1 { "Where does a request go?" }
        form method="get" action="/route" {
            label { "From " input name="from" value=(value(&form.from)) size="4" placeholder="FRA"; } " "
            label { "to " input name="to" value=(value(&form.to)) size="4" placeholder="ESP"; } " "
            label { "for " select name="function" {
                @for f in functions() {
                    option value=(enum_name(&f)) selected[Some(f) == function] { (enum_name(&f).to_lowercase().replace('_', " ")) }
                }
            } } " "
            label { "under " input name="convention" value=(value(&form.convention)) size="8" placeholder="UNTOC"; } " "
            button type="submit" { "Find" }
        }
        @if let Some(r) = &answer {
            @if let (Some(from), Some(to)) = (&r.requesting, &r.requested) {
                h2 { "From " (lang.pick(from.names.as_ref(), &from.name)) " to " (lang.pick(to.names.as_ref(), &to.name)) }
            }
            @if let Some(both) = r.both_parties { p { "Both States are parties to the convention: " (if both { "yes" } else { "no" }) "." } }
            @for w in &r.warnings { p.warning { (w) } }
            p.meta { span #route-count data-count=(r.authorities.len()) { (r.authorities.len()) } " authorities." }
            @for a in &r.authorities {
                section.authority {
                    h2 { a href={ "/directory/" (a.state_iso3) (lang.query()) "#authority-" (a.id) } { (lang.pick(a.names.as_ref(), &a.name)) } }
                    table {
                        @if let Some(m) = &a.email { tr { th { "E-mail" } td { (m) } } }
                        @if let Some(t) = &a.phone { tr { th { "Telephone" } td { (t) } } }
                        @if let Some(n) = &a.urgent_notes { tr { th { "Urgent procedure" } td { (n) } } }
                    }
                }
            }
            @if !r.shared_networks.is_empty() {
                p { "Networks both States are in: " @for (i, n) in r.shared_networks.iter().enumerate() { @if i > 0 { ", " } (n.name) } "." }
            }
        }
    };
    page(&lang, "Route finder", body)
}

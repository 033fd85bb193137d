//! `GET /directory/{iso3}`: a State's authorities as a legal officer reads and files them, headed with the State,
//! when the page was generated, when its data was last confirmed and the conventions it may invoke.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use chrono::Utc;
use maud::html;

use super::entry::{card, date, ltr, own, participation};
use super::{AppState, cached_page, document, end_of_day, failed, language, link, not_found, pick, query_pairs, read};
use crate::graphql::reads::Scope;
use crate::http::i18n::t;
use crate::service::directory;

pub(in crate::http) async fn state_page(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    Path(iso3): Path<String>,
) -> Response {
    let lang = language(&uri, &headers);
    let asked = query_pairs(&uri)
        .into_iter()
        .find(|(k, _)| k == "page")
        .and_then(|(_, v)| v.trim().parse::<usize>().ok())
        .unwrap_or(1);
    let key = format!("page:/directory/{iso3}?page={asked}");
    let iso3 = &iso3;
    let render = move |db: sea_orm::DatabaseConnection| async move {
        let db = &db;
        let found = match directory::state_page(db, iso3, asked).await {
            Ok(found) => found,
            Err(e) => return Err(failed(&e)),
        };
        let Some(p) = found else {
            return Err(not_found(lang, t!(lang, "not-found-state", code = crate::domain::shown(iso3))));
        };
        let locale = lang.locale();
        let name = pick(lang, p.state.names.as_ref(), &p.state.name).to_owned();
        let path = format!("/directory/{}", p.state.iso3);
        let number = p.page.to_string();
        let page_of = t!(lang, "page-of", page = p.page, pages = p.pages);
        let pager = html! {
            @if p.pages > 1 {
                nav.pages aria-label=(t!(lang, "nav-pages")) {
                    @if p.page > 1 {
                        a rel="prev" href=(link(lang, &path, &[("page", &(p.page - 1).to_string())])) { (t!(lang, "page-previous")) } " · "
                    }
                    (page_of)
                    @if p.page < p.pages {
                        " · " a rel="next" href=(link(lang, &path, &[("page", &(p.page + 1).to_string())])) { (t!(lang, "page-next")) }
                    }
                }
            }
        };
        let now = Utc::now();
        let body = html! {
            h1 { (own(&name)) " " span.meta { "(" (ltr(&p.state.iso3)) ")" } }
            @if let Some(note) = &p.state.note { p.note { (own(note)) } }
            p.meta #count data-count=(p.total) {
                (t!(lang, "authorities-count", count = p.total)) " · "
                (t!(lang, "generated-at", date = locale.date(now.date_naive())))
                " (" (ltr(&now.format("%Y-%m-%d %H:%M UTC").to_string())) ")"
                @if let Some(at) = p.last_confirmed { " · " (t!(lang, "last-confirmed-on", date = date(lang, at))) }
            }
            @if p.pages > 1 { p.print-only { (page_of) } }
            section.legal aria-labelledby="legal" {
                h2 #legal { (t!(lang, "legal-bases")) }
                @if p.participation.is_empty() {
                    p { (t!(lang, "legal-bases-none")) }
                } @else {
                    table {
                        thead { tr {
                            th scope="col" { (t!(lang, "column-convention")) }
                            th scope="col" { (t!(lang, "column-status")) }
                            th scope="col" { (t!(lang, "column-since")) }
                            th scope="col" { (t!(lang, "column-source")) }
                        } }
                        tbody {
                            @for (party, convention) in &p.participation {
                                tr {
                                    td { @match convention {
                                        Some(c) => { (own(pick(lang, c.titles.as_ref(), &c.short_title))) }
                                        None => { (ltr(&party.convention_code)) }
                                    } }
                                    (participation(lang, party))
                                }
                            }
                        }
                    }
                }
            }
            h2 { (t!(lang, "authorities-heading")) }
            (pager)
            @if p.authorities.is_empty() { p { (t!(lang, "state-empty", state = name.as_str())) } }
            div.authorities { @for e in &p.authorities { (card(lang, e, None, None)) } }
            (pager)
        };
        let scopes = [
            Scope::States,
            Scope::Conventions,
            Scope::LegalBases,
            Scope::StateParties,
            Scope::Networks,
            Scope::NetworkContactPoints,
        ];
        let read = read(&scopes, &[&p.state.iso3], Some(end_of_day()));
        Ok((document(lang, &path, &[("page", &number)], &name, body), read))
    };
    cached_page(&state, super::super::request_id(&headers), key, lang, render).await
}

//! `GET /directory`: every State and territory, grouped by region, by name in the reader's order.

use axum::extract::State;
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use chrono::Utc;
use maud::html;

use super::{AppState, cached_page, document, end_of_day, failed, language, link, pick, read};
use crate::graphql::reads::Scope;
use crate::http::i18n::{Lang, t};
use crate::service::directory;

/// A region's name in the reader's language: the UN's geographic regions (M49) are interface text; a region the
/// catalogue does not know is shown as the data writes it.
fn region(lang: Lang, name: Option<&str>) -> String {
    let id = match name {
        Some("Africa") => "region-africa",
        Some("Americas") => "region-americas",
        Some("Asia") => "region-asia",
        Some("Europe") => "region-europe",
        Some("Oceania") => "region-oceania",
        Some(other) => return other.to_owned(),
        None => "region-other",
    };
    lang.message(id, None)
}

/// A State in the list: its name in the reader's language, the State, its number of authorities.
type Row<'a> = (&'a str, &'a crate::db::entities::state::Model, i64);

pub(in crate::http) async fn index(State(state): State<AppState>, uri: Uri, headers: HeaderMap) -> Response {
    let lang = language(&uri, &headers);
    let uri = &uri;
    let render = move |db: sea_orm::DatabaseConnection| async move {
        let db = &db;
        let states = match directory::states(db).await {
            Ok(s) => s,
            Err(e) => return Err(failed(&e)),
        };
        let locale = lang.locale();
        let total: i64 = states.iter().map(|(_, n)| n).sum();
        let mut regions: Vec<(String, Vec<Row<'_>>)> = Vec::new();
        for (s, n) in &states {
            let name = region(lang, s.region.as_deref());
            let entry = (pick(lang, s.names.as_ref(), &s.name), s, *n);
            match regions.iter_mut().find(|(r, _)| *r == name) {
                Some((_, list)) => list.push(entry),
                None => regions.push((name, vec![entry])),
            }
        }
        regions.sort_by(|a, b| locale.compare(&a.0, &b.0));
        for (_, list) in &mut regions {
            list.sort_by(|a, b| locale.compare(a.0, b.0).then(a.1.iso3.cmp(&b.1.iso3)));
        }
        let title = t!(lang, "index-title");
        let body = html! {
            h1 { (title) }
            p.meta #total data-count=(total) {
                (t!(lang, "index-summary", states = states.len(), authorities = total)) " "
                (t!(lang, "generated-on", date = locale.date(Utc::now().date_naive())))
            }
            @for (name, list) in &regions {
                h2 id={ "region-" (list.first().map_or("", |e| e.1.iso3.as_str())) } { (name) }
                table {
                    thead { tr {
                        th scope="col" { (t!(lang, "column-state")) }
                        th scope="col" { (t!(lang, "column-code")) }
                        th.count scope="col" { (t!(lang, "column-authorities")) }
                    } }
                    tbody {
                        @for (name, s, n) in list {
                            tr #{ "state-" (s.iso3) } {
                                td { a href=(link(lang, &format!("/directory/{}", s.iso3), &[])) { (super::entry::own(name)) } }
                                td { (super::entry::ltr(&s.iso3)) }
                                td.count data-count=(n) { (n) }
                            }
                        }
                    }
                }
            }
        };
        let read = read(&[Scope::States, Scope::Authorities], &[], Some(end_of_day()));
        Ok((document(lang, uri.path(), &[], &title, body), read))
    };
    cached_page(&state, super::super::request_id(&headers), "page:/directory".to_owned(), lang, render).await
}

//! An authority's designations in the workspace: under which legal basis it is designated, added and removed
//! through the same service functions as `addDesignation` and `removeDesignation`.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;
use uuid::Uuid;

use super::{AppState, Entry, Opened, PostedTo, date_field, failed, filled, hidden, page_with, refused, see_other};
use crate::error::{AppError, FieldError, Problem};
use crate::http::i18n::{Lang, t};
use crate::http::pages::entry::{ltr, own, term};
use crate::http::pages::link;
use crate::service::conventions;
use crate::service::designations::{self, write::DesignationInput};
use crate::service::sessions::Session;

async fn page(
    state: &AppState,
    session: &Session,
    lang: Lang,
    a: &Entry,
    errors: &[FieldError],
    status: StatusCode,
) -> Response {
    let (list, bases) = match (
        designations::designations_of(&state.db, &[a.id]).await,
        conventions::legal_bases(&state.db, None, None).await,
    ) {
        (Ok(list), Ok(bases)) => (list, bases),
        (Err(e), _) | (_, Err(e)) => return failed(&e),
    };
    let path = format!("/workspace/authorities/{}/designations", a.id);
    let title = t!(lang, "ws-designations-title", name = a.name.as_str());
    let body = html! {
        p { a href=(link(lang, &format!("/workspace/authorities/{}", a.id), &[])) { (t!(lang, "ws-back-to-entry")) } }
        h1 { (title) }
        (super::errors_banner(lang, errors))
        table #designations {
            thead { tr {
                th scope="col" { (t!(lang, "ws-column-legal-basis")) }
                th scope="col" { (t!(lang, "ws-field-scope")) }
                th scope="col" { (t!(lang, "ws-field-notified-on")) }
                th scope="col" { (t!(lang, "ws-column-action")) }
            } }
            tbody { @for d in &list {
                tr data-designation=(d.id) {
                    td {
                        @match bases.iter().find(|b| b.code == d.legal_basis_code) {
                            Some(b) => { (own(&b.title)) " (" (ltr(&b.code)) ")" }
                            None => { (ltr(&d.legal_basis_code)) }
                        }
                    }
                    // The row's fields belong to its edit form (the `form` attribute): a form cannot span cells.
                    td {
                        label.visually-hidden for={ "scope-" (d.id) } { (t!(lang, "ws-field-scope")) }
                        input id={ "scope-" (d.id) } form={ "edit-" (d.id) } name="scope" type="text" dir="auto" value=[d.scope.as_deref()];
                    }
                    td {
                        label.visually-hidden for={ "notified-" (d.id) } { (t!(lang, "ws-field-notified-on")) }
                        input id={ "notified-" (d.id) } form={ "edit-" (d.id) } name="notified_on" type="date" dir="ltr" value=[d.notified_on.map(|on| on.to_string())];
                        @if let Some(on) = d.notified_on { span.meta { " " (lang.locale().date(on)) } }
                    }
                    td {
                        form.inline #{ "edit-" (d.id) } method="post" action={ (path) "/" (d.id) } {
                            (hidden(session, lang))
                            input type="hidden" name="drawn_scope" value=(d.scope.as_deref().unwrap_or(""));
                            input type="hidden" name="drawn_notified_on" value=(d.notified_on.map(|on| on.to_string()).unwrap_or_default());
                            button type="submit" aria-describedby={ "basis-" (d.id) } { (t!(lang, "ws-save")) }
                        }
                        " "
                        form.inline method="post" action={ (path) "/" (d.id) "/remove" } {
                            (hidden(session, lang))
                            button type="submit" aria-describedby={ "basis-" (d.id) } { (t!(lang, "ws-designation-remove")) }
                        }
                        span hidden id={ "basis-" (d.id) } { (d.legal_basis_code) }
                    }
                }
            } }
        }
        section.authority {
            h2 { (t!(lang, "ws-designation-add")) }
            form.entry method="post" action=(path) {
                (hidden(session, lang))
                div.field {
                    label for="d-basis" { (t!(lang, "ws-column-legal-basis")) }
                    select #d-basis name="legal_basis" required {
                        @for b in &bases {
                            option value=(b.code) {
                                (term(lang, "AuthorityFunction", &crate::domain::enum_name(&b.function)).0) " — " (b.title) " (" (b.code) ")"
                            }
                        }
                    }
                }
                div.field {
                    label for="d-scope" { (t!(lang, "ws-field-scope")) }
                    input #d-scope name="scope" type="text" dir="auto";
                }
                div.field {
                    label for="d-notified" { (t!(lang, "ws-field-notified-on")) }
                    input #d-notified name="notified_on" type="date" dir="ltr";
                }
                button type="submit" { (t!(lang, "ws-designation-add")) }
            }
        }
    };
    page_with(status, lang, &path, &title, body)
}

/// `GET /workspace/authorities/{id}/designations`.
pub(super) async fn list(State(state): State<AppState>, Opened { session, lang, entry: a }: Opened) -> Response {
    page(&state, &session, lang, &a, &[], StatusCode::OK).await
}

/// `POST /workspace/authorities/{id}/designations`: designates the authority under a legal basis.
pub(super) async fn add(
    State(state): State<AppState>,
    PostedTo { session, lang, form, entry: a }: PostedTo,
) -> Response {
    let text = |k: &str| filled(&form, k).map(str::to_owned);
    let notified_on = match date_field(&form, "notified_on", "input.notifiedOn") {
        Ok(on) => on,
        Err(bad) => return page(&state, &session, lang, &a, &[bad], StatusCode::UNPROCESSABLE_ENTITY).await,
    };
    let input = DesignationInput {
        legal_basis: text("legal_basis").unwrap_or_default(),
        scope: text("scope"),
        notified_on,
        convention_accepted_as_legal_basis: None,
    };
    match designations::write::add(&state.db, &session.viewer, a.id, input).await {
        Ok(_) => see_other(lang, &format!("/workspace/authorities/{}/designations", a.id), &[]),
        Err(AppError::BadUserInput { fields, .. }) => {
            page(&state, &session, lang, &a, &fields, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e @ AppError::Conflict { field: Some(_), .. }) => {
            page(&state, &session, lang, &a, &Vec::from_iter(e.duplicate_field()), StatusCode::CONFLICT).await
        }
        Err(e) => refused(lang, &e),
    }
}

/// `POST /workspace/authorities/{id}/designations/{designation}/remove`.
pub(super) async fn remove(
    State(state): State<AppState>,
    Path((_, designation)): Path<(String, String)>,
    PostedTo { session, lang, entry: a, .. }: PostedTo,
) -> Response {
    let designation = match of_entry(&state, lang, &a, &designation).await {
        Ok(id) => id,
        Err(response) => return response,
    };
    match designations::write::remove(&state.db, &session.viewer, designation).await {
        Ok(_) => see_other(lang, &format!("/workspace/authorities/{}/designations", a.id), &[]),
        Err(e) => refused(lang, &e),
    }
}

/// Designation `raw` if it is one of entry `a`'s: the entry's scope was checked, the service checks the
/// designation's.
async fn of_entry(state: &AppState, lang: Lang, a: &Entry, raw: &str) -> Result<Uuid, Response> {
    let not_found = |why: &str| refused(lang, &AppError::NotFound(why.into()));
    let id = Uuid::parse_str(raw).map_err(|_| not_found("no designation has this id"))?;
    match designations::designations_of(&state.db, &[a.id]).await {
        Ok(list) if list.iter().any(|d| d.id == id) => Ok(id),
        Ok(_) => Err(not_found("no designation of this entry has this id")),
        Err(e) => Err(failed(&e)),
    }
}

/// `POST /workspace/authorities/{id}/designations/{designation}`: changes a designation's scope and date, if
/// nobody changed them since the page was drawn.
pub(super) async fn save(
    State(state): State<AppState>,
    Path((_, designation)): Path<(String, String)>,
    PostedTo { session, lang, form, entry: a }: PostedTo,
) -> Response {
    let designation = match of_entry(&state, lang, &a, &designation).await {
        Ok(id) => id,
        Err(response) => return response,
    };
    let dates = (date_field(&form, "notified_on", "input.notifiedOn"), date_field(&form, "drawn_notified_on", "drawn"));
    let (notified_on, drawn_on) = match dates {
        (Ok(n), Ok(d)) => (n, d),
        (Err(e), _) | (_, Err(e)) => {
            return page(&state, &session, lang, &a, &[e], StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let drawn_scope = filled(&form, "drawn_scope").map(str::to_owned);
    let scope = filled(&form, "scope");
    let saved = designations::write::update(
        &state.db,
        &session.viewer,
        designation,
        (drawn_scope, drawn_on),
        scope,
        notified_on,
    )
    .await;
    match saved {
        Ok(_) => see_other(lang, &format!("/workspace/authorities/{}/designations", a.id), &[]),
        Err(AppError::BadUserInput { fields, .. }) => {
            page(&state, &session, lang, &a, &fields, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(AppError::Conflict { .. }) => {
            let changed = [FieldError::new("designation", Problem::ChangedMeanwhile)];
            page(&state, &session, lang, &a, &changed, StatusCode::CONFLICT).await
        }
        Err(e) => refused(lang, &e),
    }
}

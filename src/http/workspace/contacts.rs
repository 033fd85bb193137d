//! An authority's contacts in the workspace: each with its visibility (restricted contacts are never shown to
//! anonymous readers), added, changed and removed through the same service functions as `addContact`,
//! `updateContact` and `removeContact`.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::{Markup, html};
use uuid::Uuid;

use super::{AppState, Opened, Posted, PostedTo, failed, field, hidden, page_with, refused, see_other};
use crate::db::entities::{authority, contact};
use crate::domain::{Visibility, enum_name};
use crate::error::{AppError, FieldError, Problem};
use crate::http::i18n::{Lang, t};
use crate::http::pages::link;
use crate::service::contacts::{self, write::ContactChanges};
use crate::service::sessions::Session;

/// The changes a contact form asks for: every field set, an empty one cleared.
fn changes(form: &[(String, String)]) -> ContactChanges {
    let get = |k: &str| field(form, k).map(str::trim).unwrap_or("").to_owned();
    let opt = |k: &str| Some(Some(get(k)).filter(|v| !v.is_empty()));
    ContactChanges {
        name: Some(get("name")),
        position: opt("position"),
        email: opt("email"),
        phone: opt("phone"),
        languages: Some(super::language_codes(&get("languages"))),
        visibility: Some(if get("visibility") == "PUBLIC" { Visibility::Public } else { Visibility::Restricted }),
    }
}

/// A contact's language codes (stored as a JSON list) as the form shows them: `fr, en`.
fn codes(languages: &serde_json::Value) -> String {
    let list = languages.as_array().map(Vec::as_slice).unwrap_or_default();
    list.iter().filter_map(serde_json::Value::as_str).collect::<Vec<_>>().join(", ")
}

fn contact_form(
    session: &Session,
    lang: Lang,
    action: &str,
    c: Option<&contact::Model>,
    errors: &[FieldError],
) -> Markup {
    let key = c.map_or_else(|| "new".to_owned(), |c| c.id.to_string());
    let value = |v: Option<&String>| v.cloned().unwrap_or_default();
    let error = |name: &str| errors.iter().find(|e| e.field.ends_with(name));
    let input = |name: &'static str, label: String, kind: &'static str, v: String| {
        let id = format!("c-{key}-{name}");
        html! {
            div.field {
                label for=(id) { (label) }
                // Names and positions take their own direction; addresses, numbers and codes read left to right.
                input id=(id) name=(name) type=(kind) value=(v) dir=(if matches!(name, "name" | "position") { "auto" } else { "ltr" }) required[name == "name"] aria-invalid=[error(name).map(|_| "true")];
                @if let Some(e) = error(name) { p.field-error { (t!(lang, "ws-field-refused")) " " (super::refusal(lang, e)) } }
            }
        }
    };
    let visibility = c.map_or(Visibility::Restricted, |c| c.visibility);
    html! {
        form.entry.contact method="post" action=(action) data-contact=(key) {
            (hidden(session, lang))
            @if let Some(c) = c { input type="hidden" name="version" value=(c.version); }
            (input("name", t!(lang, "ws-field-name"), "text", value(c.map(|c| &c.name))))
            (input("position", t!(lang, "ws-field-position"), "text", value(c.and_then(|c| c.position.as_ref()))))
            (input("email", t!(lang, "field-email"), "email", value(c.and_then(|c| c.email.as_ref()))))
            (input("phone", t!(lang, "field-phone"), "tel", value(c.and_then(|c| c.phone.as_ref()))))
            (input("languages", t!(lang, "field-languages"), "text", c.map(|c| codes(&c.languages)).unwrap_or_default()))
            div.field {
                label for={ "c-" (key) "-visibility" } { (t!(lang, "ws-field-visibility")) }
                select id={ "c-" (key) "-visibility" } name="visibility" {
                    option value="RESTRICTED" selected[visibility == Visibility::Restricted] { (t!(lang, "ws-visibility-restricted")) }
                    option value="PUBLIC" selected[visibility == Visibility::Public] { (t!(lang, "ws-visibility-public")) }
                }
            }
            button type="submit" { @if c.is_some() { (t!(lang, "ws-save")) } @else { (t!(lang, "ws-contact-add")) } }
        }
    }
}

async fn page(
    state: &AppState,
    session: &Session,
    lang: Lang,
    a: &authority::Model,
    errors: &[FieldError],
    status: StatusCode,
) -> Response {
    let list = match contacts::contacts_of(&state.db, &[a.id], true).await {
        Ok(list) => list,
        Err(e) => return failed(&e),
    };
    let path = format!("/workspace/authorities/{}/contacts", a.id);
    let title = t!(lang, "ws-contacts-title", name = a.name.as_str());
    let body = html! {
        p { a href=(link(lang, &format!("/workspace/authorities/{}", a.id), &[])) { (t!(lang, "ws-back-to-entry")) } }
        h1 { (title) }
        (super::errors_banner(lang, errors))
        @if list.is_empty() { p { (t!(lang, "ws-contacts-none")) } }
        @for c in &list {
            section.authority aria-label=(c.name) {
                h2 { bdi { (c.name) } " " span.meta { "(" (enum_name(&c.visibility)) ")" } }
                (contact_form(session, lang, &format!("/workspace/contacts/{}", c.id), Some(c), &[]))
                form method="post" action={ "/workspace/contacts/" (c.id) "/remove" } {
                    (hidden(session, lang))
                    button type="submit" { (t!(lang, "ws-contact-remove")) }
                }
            }
        }
        section.authority {
            h2 { (t!(lang, "ws-contact-add")) }
            (contact_form(session, lang, &path, None, errors))
        }
    };
    page_with(status, lang, &path, &title, body)
}

/// `GET /workspace/authorities/{id}/contacts`.
pub(super) async fn list(State(state): State<AppState>, Opened { session, lang, entry: a }: Opened) -> Response {
    page(&state, &session, lang, &a, &[], StatusCode::OK).await
}

/// `POST /workspace/authorities/{id}/contacts`: adds a contact.
pub(super) async fn add(
    State(state): State<AppState>,
    PostedTo { session, lang, form, entry: a }: PostedTo,
) -> Response {
    match contacts::write::add(&state.db, &session.viewer, a.id, changes(&form)).await {
        Ok(_) => see_other(lang, &format!("/workspace/authorities/{}/contacts", a.id), &[]),
        Err(AppError::BadUserInput { fields, .. }) => {
            page(&state, &session, lang, &a, &fields, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => refused(lang, &e),
    }
}

/// The contact a post names, with its authority, if the person may change it.
async fn contact_of(
    state: &AppState,
    session: &Session,
    id: &str,
) -> Result<(contact::Model, authority::Model), AppError> {
    let id = Uuid::parse_str(id)
        .map_err(|_| AppError::NotFound(format!("no contact has the id {}", crate::domain::shown(id))))?;
    let found = contacts::get(&state.db, id, true)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no contact has the id {id}")))?;
    let a = super::entry_of(state, session, &found.authority_id.to_string()).await?;
    Ok((found, a))
}

/// `POST /workspace/contacts/{id}`: changes a contact against the version the form was drawn at.
pub(super) async fn save(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Posted { session, lang, form }: Posted,
) -> Response {
    let (c, a) = match contact_of(&state, &session, &id).await {
        Ok(found) => found,
        Err(e) => return refused(lang, &e),
    };
    let version = field(&form, "version").and_then(|v| v.parse::<i32>().ok()).unwrap_or(-1);
    match contacts::write::update(&state.db, &session.viewer, c.id, version, changes(&form)).await {
        Ok(_) => see_other(lang, &format!("/workspace/authorities/{}/contacts", a.id), &[]),
        Err(AppError::BadUserInput { fields, .. }) => {
            page(&state, &session, lang, &a, &fields, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        // Changed meanwhile: shown again as it now stands, with the news.
        Err(AppError::Conflict { .. }) => {
            let conflict = [FieldError::new("version", Problem::ChangedMeanwhile)];
            page(&state, &session, lang, &a, &conflict, StatusCode::CONFLICT).await
        }
        Err(e) => refused(lang, &e),
    }
}

/// `POST /workspace/contacts/{id}/remove`.
pub(super) async fn remove(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Posted { session, lang, .. }: Posted,
) -> Response {
    let (c, a) = match contact_of(&state, &session, &id).await {
        Ok(found) => found,
        Err(e) => return refused(lang, &e),
    };
    match contacts::write::remove(&state.db, &session.viewer, c.id).await {
        Ok(_) => see_other(lang, &format!("/workspace/authorities/{}/contacts", a.id), &[]),
        Err(e) => refused(lang, &e),
    }
}

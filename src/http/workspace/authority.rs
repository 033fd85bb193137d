//! An authority's entry in the workspace: the form to fix it, saved through the same service function as
//! `updateAuthority` (its checks, scope, audit and version), field errors beside their fields, a concurrent edit
//! shown as a conflict with both versions side by side, and confirming an entry as current.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use maud::{Markup, html};
use sea_orm::Iterable;

use super::{AppState, Opened, PostedTo, failed, field, hidden, page_with, refused, see_other};
use crate::db::entities::authority;
use crate::db::entities::authority_list_item::list;
use crate::domain::{Channel, TransmissionMeans, UrgentChannel, enum_name};
use crate::error::{AppError, FieldError};
use crate::http::i18n::{Lang, t};
use crate::http::pages::entry::term;
use crate::http::pages::link;
use crate::service::authorities::{self, write::AuthorityChanges};
use crate::service::sessions::Session;

/// How a field is typed in.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Text,
    Area,
    Email,
    Tel,
    Url,
}

/// A field of the form: its form name (also the API's input field), its label's message and how it is typed.
struct Field(&'static str, &'static str, Kind);

const FIELDS: [Field; 15] = [
    Field("name", "ws-field-name", Kind::Text),
    Field("localName", "field-local-name", Kind::Text),
    Field("acronym", "ws-field-acronym", Kind::Text),
    Field("postalAddress", "field-address", Kind::Area),
    Field("city", "field-city", Kind::Text),
    Field("email", "field-email", Kind::Email),
    Field("phone", "field-phone", Kind::Tel),
    Field("fax", "field-fax", Kind::Tel),
    Field("website", "field-website", Kind::Url),
    Field("timeZone", "field-time-zone", Kind::Text),
    Field("officeHours", "field-office-hours", Kind::Text),
    Field("languages", "field-languages", Kind::Text),
    Field("urgentNotes", "field-urgent-procedure", Kind::Area),
    Field("requirements", "field-requirements", Kind::Area),
    Field("notes", "field-notes", Kind::Area),
];

/// The list fields chosen from fixed values: form name, label, enumeration, stored list, values.
fn choices() -> [(&'static str, &'static str, &'static str, &'static str, Vec<String>); 3] {
    [
        ("channels", "field-channels", "Channel", list::CHANNEL, Channel::iter().map(|v| enum_name(&v)).collect()),
        (
            "transmissionMeans",
            "field-transmission",
            "TransmissionMeans",
            list::TRANSMISSION_MEANS,
            TransmissionMeans::iter().map(|v| enum_name(&v)).collect(),
        ),
        (
            "urgentChannels",
            "field-urgent-channels",
            "UrgentChannel",
            list::URGENT_CHANNEL,
            UrgentChannel::iter().map(|v| enum_name(&v)).collect(),
        ),
    ]
}

/// What a form shows: each field's text, and the chosen values of each list.
#[derive(Clone, Default, PartialEq)]
struct Values {
    text: BTreeMap<&'static str, String>,
    chosen: BTreeMap<&'static str, Vec<String>>,
}

impl Values {
    fn of(a: &authority::Model, lists: &std::collections::HashMap<String, Vec<String>>) -> Self {
        let o = |v: &Option<String>| v.clone().unwrap_or_default();
        let text = BTreeMap::from([
            ("name", a.name.clone()),
            ("localName", o(&a.local_name)),
            ("acronym", o(&a.acronym)),
            ("postalAddress", o(&a.postal_address)),
            ("city", o(&a.city)),
            ("email", o(&a.email)),
            ("phone", o(&a.phone)),
            ("fax", o(&a.fax)),
            ("website", o(&a.website)),
            ("timeZone", o(&a.time_zone)),
            ("officeHours", o(&a.office_hours)),
            ("languages", lists.get(list::LANGUAGE).map(|l| l.join(", ")).unwrap_or_default()),
            ("urgentNotes", o(&a.urgent_notes)),
            ("requirements", o(&a.requirements)),
            ("notes", o(&a.notes)),
        ]);
        let chosen = choices()
            .into_iter()
            .map(|(name, _, _, stored, _)| (name, lists.get(stored).cloned().unwrap_or_default()))
            .collect();
        Self { text, chosen }
    }

    fn from_form(form: &[(String, String)]) -> Self {
        let text = FIELDS.iter().map(|f| (f.0, field(form, f.0).unwrap_or("").to_owned())).collect();
        let chosen = choices()
            .into_iter()
            .map(|(name, ..)| (name, form.iter().filter(|(k, _)| k == name).map(|(_, v)| v.clone()).collect()))
            .collect();
        Self { text, chosen }
    }

    /// The changes the form asks for: every field set, an empty one cleared.
    fn changes(&self) -> AuthorityChanges {
        let get = |k: &str| self.text.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
        let opt = |k: &str| Some(Some(get(k)).filter(|v| !v.is_empty()));
        let parse_all = |k: &str| -> Vec<String> { self.chosen.get(k).cloned().unwrap_or_default() };
        AuthorityChanges {
            name: Some(get("name")),
            local_name: opt("localName"),
            acronym: opt("acronym"),
            postal_address: opt("postalAddress"),
            city: opt("city"),
            email: opt("email"),
            phone: opt("phone"),
            fax: opt("fax"),
            website: opt("website"),
            time_zone: opt("timeZone"),
            office_hours: opt("officeHours"),
            urgent_notes: opt("urgentNotes"),
            requirements: opt("requirements"),
            notes: opt("notes"),
            languages: Some(super::language_codes(&get("languages"))),
            names: None,
            channels: Some(
                parse_all("channels").iter().filter_map(|v| Channel::iter().find(|c| enum_name(c) == *v)).collect(),
            ),
            transmission_means: Some(
                parse_all("transmissionMeans")
                    .iter()
                    .filter_map(|v| TransmissionMeans::iter().find(|c| enum_name(c) == *v))
                    .collect(),
            ),
            urgent_channels: Some(
                parse_all("urgentChannels")
                    .iter()
                    .filter_map(|v| UrgentChannel::iter().find(|c| enum_name(c) == *v))
                    .collect(),
            ),
        }
    }
}

/// The error of a form field, if the service named it (`input.phone` → `phone`).
fn error_of<'a>(errors: &'a [FieldError], name: &str) -> Option<&'a FieldError> {
    errors
        .iter()
        .find(|e| e.field.strip_prefix("input.").is_some_and(|f| f == name || f.starts_with(&format!("{name}["))))
}

fn inputs(lang: Lang, values: &Values, errors: &[FieldError]) -> Markup {
    html! {
        @for Field(name, label, kind) in &FIELDS {
            @let value = values.text.get(name).map(String::as_str).unwrap_or("");
            @let error = error_of(errors, name);
            @let id = format!("f-{name}");
            @let described = format!("{id}-error");
            div.field {
                label for=(id) { (lang.message(label, None)) }
                @if *name == "languages" { span.note id={ (id) "-hint" } { " " (t!(lang, "ws-languages-hint")) } }
                @match kind {
                    Kind::Area => {
                        textarea id=(id) name=(name) rows="3" dir="auto" aria-invalid=[error.map(|_| "true")] aria-describedby=[error.map(|_| described.as_str())] { (value) }
                    }
                    _ => {
                        @let t = match kind { Kind::Email => "email", Kind::Tel => "tel", Kind::Url => "url", _ => "text" };
                        input id=(id) name=(name) type=(t) value=(value) dir=(if matches!(kind, Kind::Email | Kind::Tel | Kind::Url) { "ltr" } else { "auto" })
                            required[*name == "name"] aria-invalid=[error.map(|_| "true")] aria-describedby=[error.map(|_| described.as_str())];
                    }
                }
                @if let Some(e) = error {
                    p.field-error id=(described) { (t!(lang, "ws-field-refused")) " " (super::refusal(lang, e)) }
                }
            }
        }
        @for (name, label, enumeration, _, all) in choices() {
            @let chosen = values.chosen.get(name).cloned().unwrap_or_default();
            fieldset {
                legend { (lang.message(label, None)) }
                @for v in &all {
                    @let id = format!("f-{name}-{v}");
                    label.choice for=(id) {
                        input type="checkbox" id=(id) name=(name) value=(v) checked[chosen.contains(v)];
                        " " (term(lang, enumeration, v).0)
                    }
                }
                @if let Some(e) = error_of(errors, name) {
                    p.field-error { (t!(lang, "ws-field-refused")) " " (super::refusal(lang, e)) }
                }
            }
        }
    }
}

fn form_page(
    session: &Session,
    lang: Lang,
    a: &authority::Model,
    version: i32,
    values: &Values,
    errors: &[FieldError],
    notice: Option<Markup>,
) -> Response {
    let path = format!("/workspace/authorities/{}", a.id);
    let title = t!(lang, "ws-edit-title", name = a.name.as_str());
    let body = html! {
        p {
            a href=(link(lang, "/workspace", &[])) { (t!(lang, "ws-home-link")) } " · "
            a #history-link href=(link(lang, &format!("{path}/history"), &[])) { (t!(lang, "ws-history-link")) } " · "
            a #contacts-link href=(link(lang, &format!("{path}/contacts"), &[])) { (t!(lang, "ws-contacts-link")) } " · "
            a #designations-link href=(link(lang, &format!("{path}/designations"), &[])) { (t!(lang, "ws-designations-link")) }
        }
        h1 { (title) }
        @if let Some(n) = notice { (n) }
        @if !errors.is_empty() {
            div.warnings role="alert" #errors { p { (t!(lang, "ws-errors", count = errors.len())) } }
        }
        form.entry method="post" action=(path) {
            (super::hidden(session, lang))
            input type="hidden" name="version" value=(version);
            (inputs(lang, values, errors))
            button type="submit" { (t!(lang, "ws-save")) }
        }
        form method="post" action={ (path) "/confirm" } {
            (hidden(session, lang))
            input type="hidden" name="version" value=(a.version);
            p { (t!(lang, "ws-confirm-explain")) }
            button type="submit" { (t!(lang, "ws-confirm-one")) }
        }
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    page_with(status, lang, &path, &title, body)
}

async fn values_of(state: &AppState, a: &authority::Model) -> Result<Values, AppError> {
    let mut lists = authorities::lists_of(&state.db, &[a.id]).await?;
    Ok(Values::of(a, &lists.remove(&a.id).unwrap_or_default()))
}

/// `GET /workspace/authorities/{id}`.
pub(super) async fn form(
    State(state): State<AppState>,
    uri: Uri,
    Opened { session, lang, entry: a }: Opened,
) -> Response {
    let values = match values_of(&state, &a).await {
        Ok(v) => v,
        Err(e) => return failed(&e),
    };
    let saved = super::query_pairs(&uri).iter().any(|(k, _)| k == "saved");
    let notice = saved.then(|| html! { p.open role="status" #saved { (t!(lang, "ws-saved")) } });
    form_page(&session, lang, &a, a.version, &values, &[], notice)
}

/// `POST /workspace/authorities/{id}`: saves the form against the version it was opened at.
pub(super) async fn save(
    State(state): State<AppState>,
    PostedTo { session, lang, form, entry: a }: PostedTo,
) -> Response {
    let mine = Values::from_form(&form);
    let Some(version) = field(&form, "version").and_then(|v| v.trim().parse::<i32>().ok()) else {
        return refused(lang, &AppError::invalid("version", "the form lacks the version it was opened at"));
    };
    match authorities::write::update(&state.db, &session.viewer, a.id, version, mine.changes()).await {
        Ok(saved) => see_other(lang, &format!("/workspace/authorities/{}", saved.id), &[("saved", "1")]),
        Err(AppError::BadUserInput { fields, .. }) => form_page(&session, lang, &a, version, &mine, &fields, None),
        Err(AppError::Conflict { .. }) => match values_of(&state, &a).await {
            Ok(theirs) => conflict(&session, lang, &a, &mine, &theirs),
            Err(e) => failed(&e),
        },
        Err(e) => refused(lang, &e),
    }
}

/// Someone changed the entry since the form was opened: both versions side by side, and a choice.
fn conflict(session: &Session, lang: Lang, current: &authority::Model, mine: &Values, theirs: &Values) -> Response {
    let path = format!("/workspace/authorities/{}", current.id);
    let title = t!(lang, "ws-conflict-title");
    let differs: Vec<&Field> = FIELDS
        .iter()
        .filter(|f| mine.text.get(f.0).map(|v| v.trim()) != theirs.text.get(f.0).map(|v| v.trim()))
        .collect();
    let lists_differ: Vec<_> = choices()
        .into_iter()
        .filter(|c| {
            let mut a = mine.chosen.get(c.0).cloned().unwrap_or_default();
            let mut b = theirs.chosen.get(c.0).cloned().unwrap_or_default();
            a.sort();
            b.sort();
            a != b
        })
        .collect();
    let body = html! {
        h1 { (title) }
        p.warnings role="alert" { (t!(lang, "ws-conflict-explain")) }
        table #conflict {
            thead { tr {
                th scope="col" { (t!(lang, "ws-column-field")) }
                th scope="col" { (t!(lang, "ws-conflict-yours")) }
                th scope="col" { (t!(lang, "ws-conflict-theirs")) }
            } }
            tbody {
                @for Field(name, label, _) in &differs {
                    tr data-field=(name) {
                        th scope="row" { (lang.message(label, None)) }
                        td.mine { bdi { (mine.text.get(name).cloned().unwrap_or_default()) } }
                        td.theirs { bdi { (theirs.text.get(name).cloned().unwrap_or_default()) } }
                    }
                }
                @for (name, label, enumeration, ..) in &lists_differ {
                    @let show = |v: &Values| v.chosen.get(name).cloned().unwrap_or_default().iter().map(|x| term(lang, enumeration, x).0).collect::<Vec<_>>().join(", ");
                    tr data-field=(name) {
                        th scope="row" { (lang.message(label, None)) }
                        td.mine { (show(mine)) }
                        td.theirs { (show(theirs)) }
                    }
                }
            }
        }
        form method="post" action=(path) {
            (hidden(session, lang))
            input type="hidden" name="version" value=(current.version);
            @for (name, value) in &mine.text { input type="hidden" name=(name) value=(value); }
            @for (name, values) in &mine.chosen { @for v in values { input type="hidden" name=(name) value=(v); } }
            button type="submit" name="keep" value="mine" { (t!(lang, "ws-keep-mine")) }
        }
        p { a #keep-theirs href=(link(lang, &path, &[])) { (t!(lang, "ws-keep-theirs")) } }
    };
    page_with(StatusCode::CONFLICT, lang, &path, &title, body)
}

/// `POST /workspace/authorities/{id}/confirm`: the entry is current as it stands.
pub(super) async fn confirm(
    State(state): State<AppState>,
    PostedTo { session, lang, form, entry: a }: PostedTo,
) -> Response {
    // Confirming what the person saw: an entry changed since the page was drawn is shown again, not confirmed.
    if field(&form, "version").and_then(|v| v.parse::<i32>().ok()) != Some(a.version) {
        return see_other(lang, &format!("/workspace/authorities/{}", a.id), &[]);
    }
    match authorities::write::confirm(&state.db, &session.viewer, a.id).await {
        Ok(_) => see_other(lang, "/workspace", &[("confirmed", &a.id.to_string())]),
        Err(e) => refused(lang, &e),
    }
}

/// Most changes the history page lists, the most recent first.
const HISTORY: u64 = 200;

/// The fields a change touched: those whose values differ between before and after.
fn touched(before: Option<&serde_json::Value>, after: Option<&serde_json::Value>) -> Vec<String> {
    let empty = serde_json::Map::new();
    let b = before.and_then(serde_json::Value::as_object).unwrap_or(&empty);
    let a = after.and_then(serde_json::Value::as_object).unwrap_or(&empty);
    let mut keys: Vec<String> = b.keys().chain(a.keys()).filter(|k| b.get(*k) != a.get(*k)).cloned().collect();
    keys.sort();
    keys.dedup();
    keys.retain(|k| !matches!(k.as_str(), "version" | "updated_at" | "updatedAt"));
    keys
}

/// `GET /workspace/authorities/{id}/history`: every change to the entry, its designations, contacts and network
/// roles, with who made it and what it touched.
pub(super) async fn history(State(state): State<AppState>, Opened { lang, entry: a, .. }: Opened) -> Response {
    let filter = crate::service::changes::ChangeFilter { authority: Some(a.id.to_string()), ..Default::default() };
    let changes = match crate::service::changes::recent(&state.db, &filter, HISTORY).await {
        Ok(c) => c,
        Err(e) => return failed(&e),
    };
    let path = format!("/workspace/authorities/{}/history", a.id);
    let title = t!(lang, "ws-history-title", name = a.name.as_str());
    let body = html! {
        p { a href=(link(lang, &format!("/workspace/authorities/{}", a.id), &[])) { (t!(lang, "ws-back-to-entry")) } }
        h1 { (title) }
        table #history {
            thead { tr {
                th scope="col" { (t!(lang, "ws-column-when")) }
                th scope="col" { (t!(lang, "ws-column-who")) }
                th scope="col" { (t!(lang, "ws-column-what")) }
                th scope="col" { (t!(lang, "ws-column-fields")) }
            } }
            tbody { @for c in &changes {
                tr {
                    td { (lang.locale().date(c.at.date_naive())) " " bdi dir="ltr" { (c.at.format("%H:%M UTC")) } }
                    td { bdi { (c.actor_sub) } }
                    td { bdi dir="ltr" { (enum_name(&c.action)) " " (c.entity) } }
                    td { bdi dir="ltr" { (touched(c.before.as_ref(), c.after.as_ref()).join(", ")) } }
                }
            } }
        }
    };
    page_with(StatusCode::OK, lang, &path, &title, body)
}

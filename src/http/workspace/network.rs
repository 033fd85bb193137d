//! A network's secretariat keeps its members and contact points: how each State takes part and since when, which
//! authority plays which part; added, changed (at the version the page was drawn from) and removed through the
//! same service functions as the mutations.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use maud::{Markup, html};
use sea_orm::Iterable;
use uuid::Uuid;

use super::{AppState, Posted, SignedIn, date_field, failed, filled, hidden, page_with, refused, see_other};
use crate::db::entities::{authority, network_contact_point as point, network_membership as membership, state};
use crate::domain::{ContactPointRole, MembershipStatus, enum_name};
use crate::error::{AppError, FieldError, Problem};
use crate::http::i18n::{Lang, t};
use crate::http::pages::entry::{ltr, term};
use crate::http::pages::{link, pick};
use crate::service::sessions::Session;
use crate::service::{authorities, networks, states};

const PATH: &str = "/workspace/network";

/// A row someone else changed after the page was drawn: what the person sent, and where to send it again.
struct Conflict {
    action: String,
    /// (field label, yours, theirs)
    rows: Vec<(String, String, String)>,
    /// The person's fields with the version as it is now: sent again, they keep the person's version.
    again: Vec<(String, String)>,
}

/// The network the person keeps: a secretariat's own.
fn network_of(session: &Session) -> Result<String, AppError> {
    session
        .viewer
        .actor()?
        .network
        .clone()
        .ok_or_else(|| AppError::Forbidden("only a network's secretariat keeps its members and contact points".into()))
}

fn status_label(lang: Lang, s: MembershipStatus) -> String {
    term(lang, "MembershipStatus", &enum_name(&s)).0
}

fn role_label(lang: Lang, r: ContactPointRole) -> String {
    term(lang, "ContactPointRole", &enum_name(&r)).0
}

async fn page(
    state: &AppState,
    session: &Session,
    lang: Lang,
    errors: &[FieldError],
    conflict: Option<Conflict>,
    status: StatusCode,
) -> Response {
    let code = match network_of(session) {
        Ok(code) => code,
        Err(e) => return refused(lang, &e),
    };
    let read = async {
        let members = networks::members_of(&state.db, std::slice::from_ref(&code)).await?;
        let points = networks::contact_points_of_networks(&state.db, std::slice::from_ref(&code)).await?;
        let all = states::all(&state.db).await?;
        let member_codes: Vec<String> = members.iter().map(|m| m.state_iso3.clone()).collect();
        let authorities = authorities::of_states(&state.db, &member_codes).await?;
        Ok::<_, AppError>((members, points, all, authorities))
    };
    let (members, points, all, list) = match read.await {
        Ok(read) => read,
        Err(e) => return failed(&e),
    };
    let locale = lang.locale();
    let names: HashMap<&str, String> =
        all.iter().map(|s| (s.iso3.as_str(), pick(lang, s.names.as_ref(), &s.name).to_owned())).collect();
    let name = |iso3: &str| names.get(iso3).cloned().unwrap_or_else(|| iso3.to_owned());
    let mut members = members;
    members.sort_by(|a, b| locale.compare(&name(&a.state_iso3), &name(&b.state_iso3)));
    let mut outside: Vec<&state::Model> =
        all.iter().filter(|s| !members.iter().any(|m| m.state_iso3 == s.iso3)).collect();
    outside.sort_by(|a, b| locale.compare(&name(&a.iso3), &name(&b.iso3)));
    let by_id: HashMap<Uuid, &authority::Model> = list.iter().map(|a| (a.id, a)).collect();
    let title = t!(lang, "ws-network-title", network = code.as_str());
    let body = html! {
        p { a href=(link(lang, "/workspace", &[])) { (t!(lang, "ws-home-link")) } }
        h1 { (title) }
        (super::errors_banner(lang, errors))
        @if let Some(c) = &conflict { (conflict_box(session, lang, c)) }
        section.authority aria-labelledby="members" {
            h2 #members { (t!(lang, "ws-members-heading", count = members.len())) }
            table #member-list {
                thead { tr {
                    th scope="col" { (t!(lang, "ws-column-state")) }
                    th scope="col" { (t!(lang, "ws-column-status")) }
                    th scope="col" { (t!(lang, "ws-field-since")) }
                    th scope="col" { (t!(lang, "ws-column-action")) }
                } }
                tbody { @for m in &members { (member_row(session, lang, m, &name(&m.state_iso3))) } }
            }
            h3 { (t!(lang, "ws-member-add")) }
            form.entry method="post" action={ (PATH) "/members" } {
                (hidden(session, lang))
                div.field {
                    label for="m-state" { (t!(lang, "ws-column-state")) }
                    select #m-state name="state" required {
                        @for s in &outside { option value=(s.iso3) { (name(&s.iso3)) } }
                    }
                }
                (status_select(lang, "m-status", None, MembershipStatus::Member))
                div.field {
                    label for="m-since" { (t!(lang, "ws-field-since")) }
                    input #m-since name="since" type="date" dir="ltr";
                }
                button type="submit" { (t!(lang, "ws-member-add")) }
            }
        }
        section.authority aria-labelledby="points" {
            h2 #points { (t!(lang, "ws-points-heading", count = points.len())) }
            table #point-list {
                thead { tr {
                    th scope="col" { (t!(lang, "ws-column-authority")) }
                    th scope="col" { (t!(lang, "ws-column-role")) }
                    th scope="col" { (t!(lang, "ws-field-label")) }
                    th scope="col" { (t!(lang, "ws-column-action")) }
                } }
                tbody { @for p in &points {
                    @let who = by_id.get(&p.authority_id).map(|a| (a.name.clone(), name(&a.state_iso3))).unwrap_or_default();
                    (point_row(session, lang, p, &who.0, &who.1))
                } }
            }
            h3 { (t!(lang, "ws-point-add")) }
            form.entry method="post" action={ (PATH) "/contact-points" } {
                (hidden(session, lang))
                div.field {
                    label for="p-authority" { (t!(lang, "ws-column-authority")) }
                    select #p-authority name="authority" required {
                        @for m in &members {
                            optgroup label=(name(&m.state_iso3)) {
                                @for a in list.iter().filter(|a| a.state_iso3 == m.state_iso3) { option value=(a.id) { (a.name) } }
                            }
                        }
                    }
                }
                (role_select(lang, "p-role", None, ContactPointRole::ContactPoint))
                div.field {
                    label for="p-label" { (t!(lang, "ws-field-label")) }
                    input #p-label name="label" type="text" dir="auto";
                }
                button type="submit" { (t!(lang, "ws-point-add")) }
            }
        }
    };
    page_with(status, lang, PATH, &title, body)
}

fn status_select(lang: Lang, id: &str, form: Option<&str>, chosen: MembershipStatus) -> Markup {
    html! {
        div.field {
            // In a table row the column's heading says it; the label is kept for screen readers.
            label.visually-hidden[form.is_some()] for=(id) { (t!(lang, "ws-column-status")) }
            select id=(id) name="status" form=[form] {
                @for s in MembershipStatus::iter() { option value=(enum_name(&s)) selected[s == chosen] { (status_label(lang, s)) } }
            }
        }
    }
}

fn role_select(lang: Lang, id: &str, form: Option<&str>, chosen: ContactPointRole) -> Markup {
    html! {
        div.field {
            // In a table row the column's heading says it; the label is kept for screen readers.
            label.visually-hidden[form.is_some()] for=(id) { (t!(lang, "ws-column-role")) }
            select id=(id) name="role" form=[form] {
                @for r in ContactPointRole::iter() { option value=(enum_name(&r)) selected[r == chosen] { (role_label(lang, r)) } }
            }
        }
    }
}

/// A member's row: its fields belong to the row's edit form (the `form` attribute), since a form cannot span cells.
fn member_row(session: &Session, lang: Lang, m: &membership::Model, name: &str) -> Markup {
    let form = format!("m-{}", m.state_iso3);
    html! {
        tr data-state=(m.state_iso3) {
            th scope="row" { bdi { (name) } " " (ltr(&m.state_iso3)) }
            td { (status_select(lang, &format!("{form}-status"), Some(&form), m.status)) }
            td {
                label.visually-hidden for={ (form) "-since" } { (t!(lang, "ws-field-since")) }
                input id={ (form) "-since" } form=(form) name="since" type="date" dir="ltr" value=[m.since.map(|d| d.to_string())];
            }
            td {
                form.inline #(form) method="post" action={ (PATH) "/members/" (m.state_iso3) } {
                    (hidden(session, lang))
                    input type="hidden" name="version" value=(m.version);
                    button type="submit" { (t!(lang, "ws-save")) }
                }
                " "
                form.inline method="post" action={ (PATH) "/members/" (m.state_iso3) "/remove" } {
                    (hidden(session, lang))
                    button type="submit" { (t!(lang, "ws-member-remove")) }
                }
            }
        }
    }
}

fn point_row(session: &Session, lang: Lang, p: &point::Model, authority: &str, state: &str) -> Markup {
    let form = format!("p-{}", p.id);
    html! {
        tr data-point=(p.id) {
            th scope="row" { bdi { (authority) } " (" bdi { (state) } ")" }
            td { (role_select(lang, &format!("{form}-role"), Some(&form), p.role)) }
            td {
                label.visually-hidden for={ (form) "-label" } { (t!(lang, "ws-field-label")) }
                input id={ (form) "-label" } form=(form) name="label" type="text" dir="auto" value=[p.label.as_deref()];
            }
            td {
                form.inline #(form) method="post" action={ (PATH) "/contact-points/" (p.id) } {
                    (hidden(session, lang))
                    input type="hidden" name="version" value=(p.version);
                    button type="submit" { (t!(lang, "ws-save")) }
                }
                " "
                form.inline method="post" action={ (PATH) "/contact-points/" (p.id) "/remove" } {
                    (hidden(session, lang))
                    button type="submit" { (t!(lang, "ws-point-remove")) }
                }
            }
        }
    }
}

/// Both versions side by side, and the two ways out: keep mine (sent again at the version now), keep theirs.
fn conflict_box(session: &Session, lang: Lang, c: &Conflict) -> Markup {
    html! {
        section.warnings #conflict role="alert" {
            h2 { (t!(lang, "ws-conflict-title")) }
            p { (t!(lang, "ws-conflict-explain")) }
            table {
                thead { tr {
                    th scope="col" { (t!(lang, "ws-column-field")) }
                    th scope="col" { (t!(lang, "ws-conflict-yours")) }
                    th scope="col" { (t!(lang, "ws-conflict-theirs")) }
                } }
                tbody { @for (label, yours, theirs) in &c.rows { tr {
                    th scope="row" { (label) } td.yours { bdi { (yours) } } td.theirs { bdi { (theirs) } }
                } } }
            }
            form.inline method="post" action=(c.action) {
                (hidden(session, lang))
                @for (k, v) in &c.again { input type="hidden" name=(k) value=(v); }
                button type="submit" name="keep" value="mine" { (t!(lang, "ws-keep-mine")) }
            }
            " "
            a href=(link(lang, PATH, &[])) { (t!(lang, "ws-keep-theirs")) }
        }
    }
}

/// `GET /workspace/network`.
pub(super) async fn show(State(state): State<AppState>, SignedIn { session, lang }: SignedIn) -> Response {
    page(&state, &session, lang, &[], None, StatusCode::OK).await
}

fn one_of<E: Iterable + Copy + sea_orm::ActiveEnum<Value = String>>(
    form: &[(String, String)],
    name: &str,
) -> Result<E, FieldError> {
    let raw = filled(form, name).unwrap_or_default();
    E::iter()
        .find(|v| enum_name(v) == raw)
        .ok_or_else(|| FieldError::new(name, Problem::NotAChoice { value: crate::domain::shown(raw) }))
}

/// After a write: back to the page, or the page again with the refusal (field errors 422, a conflict 409).
async fn after<T>(
    state: &AppState,
    session: &Session,
    lang: Lang,
    result: Result<T, AppError>,
    conflict: impl AsyncFnOnce() -> Option<Conflict>,
) -> Response {
    match result {
        Ok(_) => see_other(lang, PATH, &[]),
        Err(AppError::BadUserInput { fields, .. }) => {
            page(state, session, lang, &fields, None, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(AppError::Conflict { current_version: Some(_), .. }) => {
            page(state, session, lang, &[], conflict().await, StatusCode::CONFLICT).await
        }
        Err(e @ AppError::Conflict { field: Some(_), .. }) => {
            page(state, session, lang, &Vec::from_iter(e.duplicate_field()), None, StatusCode::CONFLICT).await
        }
        Err(e) => refused(lang, &e),
    }
}

/// `POST /workspace/network/members`: adds a member.
pub(super) async fn add_member(State(state): State<AppState>, posted: Posted) -> Response {
    member(state, None, posted).await
}

/// `POST /workspace/network/members/{state}`: changes how a member takes part, at the version the page was drawn
/// from.
pub(super) async fn save_member(State(state): State<AppState>, Path(iso3): Path<String>, posted: Posted) -> Response {
    member(state, Some(iso3), posted).await
}

async fn member(state: AppState, existing: Option<String>, Posted { session, lang, form }: Posted) -> Response {
    let code = match network_of(&session) {
        Ok(code) => code,
        Err(e) => return refused(lang, &e),
    };
    let (status, since) = match (one_of::<MembershipStatus>(&form, "status"), date_field(&form, "since", "since")) {
        (Ok(s), Ok(d)) => (s, d),
        (Err(e), _) | (_, Err(e)) => {
            return page(&state, &session, lang, &[e], None, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let iso3 = existing.clone().unwrap_or_else(|| filled(&form, "state").unwrap_or_default().to_owned());
    let version = filled(&form, "version").and_then(|v| v.parse::<i32>().ok());
    let result = match (&existing, version) {
        (None, _) => networks::write::set_membership(&state.db, &session.viewer, &code, &iso3, status, since).await,
        (Some(_), Some(v)) => {
            let change = networks::write::MembershipChange { status, since, note: None };
            networks::write::update_membership(&state.db, &session.viewer, &code, &iso3, v, change).await
        }
        (Some(_), None) => Err(AppError::invalid("version", "is needed to change a membership")),
    };
    // The version in the directory now is read only when there is a conflict to show.
    after(&state, &session, lang, result, async || {
        let all = networks::members_of(&state.db, std::slice::from_ref(&code)).await.ok()?;
        let now = all.into_iter().find(|m| m.state_iso3 == iso3)?;
        let day = |d: Option<NaiveDate>| d.map(|d| lang.locale().date(d)).unwrap_or_default();
        let mut again = form
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "csrf" | "lang" | "version"))
            .cloned()
            .collect::<Vec<_>>();
        again.push(("version".into(), now.version.to_string()));
        Some(Conflict {
            action: format!("{PATH}/members/{iso3}"),
            rows: vec![
                (t!(lang, "ws-column-status"), status_label(lang, status), status_label(lang, now.status)),
                (t!(lang, "ws-field-since"), day(since), day(now.since)),
            ],
            again,
        })
    })
    .await
}

/// `POST /workspace/network/members/{state}/remove`.
pub(super) async fn remove_member(
    State(state): State<AppState>,
    Path(iso3): Path<String>,
    Posted { session, lang, .. }: Posted,
) -> Response {
    let result = match network_of(&session) {
        Ok(code) => networks::write::remove_membership(&state.db, &session.viewer, &code, &iso3).await,
        Err(e) => Err(e),
    };
    after(&state, &session, lang, result, async || None).await
}

/// `POST /workspace/network/contact-points`: an authority of a member State takes a part in the network.
pub(super) async fn add_point(State(state): State<AppState>, Posted { session, lang, form }: Posted) -> Response {
    let code = match network_of(&session) {
        Ok(code) => code,
        Err(e) => return refused(lang, &e),
    };
    let role = match one_of::<ContactPointRole>(&form, "role") {
        Ok(role) => role,
        Err(e) => return page(&state, &session, lang, &[e], None, StatusCode::UNPROCESSABLE_ENTITY).await,
    };
    let Some(authority) = filled(&form, "authority").and_then(|id| Uuid::parse_str(id).ok()) else {
        let e = FieldError::new("authority", Problem::Blank);
        return page(&state, &session, lang, &[e], None, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let label = filled(&form, "label");
    let result = networks::write::add_contact_point(&state.db, &session.viewer, &code, authority, role, label).await;
    after(&state, &session, lang, result, async || None).await
}

/// `POST /workspace/network/contact-points/{id}`: another role or label, at the version the page was drawn from.
pub(super) async fn save_point(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Posted { session, lang, form }: Posted,
) -> Response {
    let Ok(id) = Uuid::parse_str(&id) else {
        return refused(lang, &AppError::NotFound("no contact point has this id".into()));
    };
    let (role, version) =
        match (one_of::<ContactPointRole>(&form, "role"), filled(&form, "version").and_then(|v| v.parse().ok())) {
            (Ok(role), Some(v)) => (role, v),
            (Err(e), _) => return page(&state, &session, lang, &[e], None, StatusCode::UNPROCESSABLE_ENTITY).await,
            (_, None) => return refused(lang, &AppError::invalid("version", "is needed to change a contact point")),
        };
    let label = filled(&form, "label");
    let result = networks::write::update_contact_point(&state.db, &session.viewer, id, version, role, label).await;
    after(&state, &session, lang, result, async || {
        let network = network_of(&session).ok()?;
        let all = networks::contact_points_of_networks(&state.db, &[network]).await.ok()?;
        let now = all.into_iter().find(|p| p.id == id)?;
        let mut again =
            vec![("role".to_owned(), enum_name(&role)), ("label".to_owned(), label.unwrap_or("").to_owned())];
        again.push(("version".into(), now.version.to_string()));
        Some(Conflict {
            action: format!("{PATH}/contact-points/{id}"),
            rows: vec![
                (t!(lang, "ws-column-role"), role_label(lang, role), role_label(lang, now.role)),
                (t!(lang, "ws-field-label"), label.unwrap_or("").to_owned(), now.label.unwrap_or_default()),
            ],
            again,
        })
    })
    .await
}

/// `POST /workspace/network/contact-points/{id}/remove`.
pub(super) async fn remove_point(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Posted { session, lang, .. }: Posted,
) -> Response {
    let result = match Uuid::parse_str(&id) {
        Ok(id) => networks::write::remove_contact_point(&state.db, &session.viewer, id).await,
        Err(_) => Err(AppError::NotFound("no contact point has this id".into())),
    };
    after(&state, &session, lang, result, async || None).await
}

//! `GET /workspace`: what is due. A focal point sees its State's coverage of the legal bases it owes, the entries
//! due for review with their due dates, every entry to edit, one button to confirm everything unchanged since the
//! list was drawn, and the last changes to its entries with who made them. A secretariat sees its members and
//! contact points due for review and the members it has no contact point for.

use axum::extract::State;
use axum::response::Response;
use chrono::{DateTime, Utc};
use maud::{Markup, html};

use super::{AppState, Posted, SignedIn, failed, field, hidden, page, refused};
use crate::auth::Role;
use crate::db::entities::{authority, change};
use crate::domain::{CoverageStatus, ReviewPolicy};
use crate::http::i18n::{Lang, t};
use crate::http::pages::entry::{ltr, own};
use crate::http::pages::{link, pick};
use crate::service::changes::{self, ChangeFilter};
use crate::service::review::write::Scope;
use crate::service::sessions::Session;
use crate::service::{authorities, coverage, review};

/// How many of the last changes the home page lists.
const RECENT: u64 = 15;

fn day(lang: Lang, at: Option<DateTime<Utc>>) -> String {
    at.map_or_else(|| t!(lang, "never-confirmed"), |at| lang.locale().date(at.date_naive()))
}

fn header(session: &Session, lang: Lang) -> Markup {
    let actor = session.viewer.actor.as_ref();
    let sub = actor.map_or("", |a| a.sub.as_str());
    let scope = actor.and_then(|a| a.state.clone().or(a.network.clone())).unwrap_or_default();
    html! {
        div.meta {
            (t!(lang, "ws-signed-in-as", sub = sub, scope = scope))
            form.inline method="post" action="/workspace/sign-out" {
                (hidden(session, lang))
                " " button type="submit" { (t!(lang, "ws-sign-out")) }
            }
        }
        p { a #sheets-link href=(link(lang, "/workspace/sheets", &[])) { (t!(lang, "ws-sheets-link")) } }
    }
}

pub(super) async fn home(State(state): State<AppState>, SignedIn { session, lang }: SignedIn) -> Response {
    let Some(actor) = session.viewer.actor.clone() else { return super::sign_in::needed(&state, lang, None) };
    let body = match (actor.role, &actor.state, &actor.network) {
        (Role::FocalPoint, Some(iso3), _) => state_home(&state, &session, lang, iso3).await,
        (Role::NetworkSecretariat, _, Some(code)) => network_home(&state, &session, lang, code).await,
        _ => Ok(html! { (header(&session, lang)) p { (t!(lang, "ws-no-home")) } }),
    };
    match body {
        Ok(body) => page(lang, "/workspace", &t!(lang, "ws-home-title"), body),
        Err(e) => failed(&e),
    }
}

async fn state_home(
    state: &AppState,
    session: &Session,
    lang: Lang,
    iso3: &str,
) -> Result<Markup, crate::error::AppError> {
    let db = &state.db;
    let policy: ReviewPolicy = state.review;
    let list = authorities::of_states(db, &[iso3.to_owned()]).await?;
    let cover = coverage::of_state(db, iso3, &list, policy).await?;
    let due = review::of_state_from(db, list.clone(), &cover, policy).await?;
    let filter = ChangeFilter { state: Some(iso3.to_owned()), ..Default::default() };
    let recent = changes::recent(db, &filter, RECENT).await?;
    let state_row = crate::service::states::get_many(db, &[iso3.to_owned()]).await?;
    let name = state_row.first().map_or(iso3, |s| pick(lang, s.names.as_ref(), &s.name));
    let mut all = list.clone();
    all.sort_by(|a, b| lang.locale().compare(&a.name, &b.name));
    let owed: Vec<_> = cover.iter().filter(|c| c.status != CoverageStatus::NotRequired).collect();
    let stale_or_soon: Vec<(&authority::Model, bool)> = due
        .authorities
        .stale
        .iter()
        .map(|a| (a, true))
        .chain(due.authorities.due_soon.iter().map(|a| (a, false)))
        .collect();
    Ok(html! {
        h1 { (t!(lang, "ws-home-state", state = name)) }
        (header(session, lang))
        section aria-labelledby="due" {
            h2 #due { (t!(lang, "ws-due-heading", count = stale_or_soon.len())) }
            @if stale_or_soon.is_empty() {
                p { (t!(lang, "ws-nothing-due")) }
            } @else {
                table #due-list {
                    thead { tr {
                        th scope="col" { (t!(lang, "column-authority")) }
                        th scope="col" { (t!(lang, "field-last-confirmed")) }
                        th scope="col" { (t!(lang, "ws-column-due")) }
                        th scope="col" { (t!(lang, "ws-column-action")) }
                    } }
                    tbody { @for (a, stale) in &stale_or_soon {
                        tr data-id=(a.id) {
                            td id={ "due-" (a.id) } { a href=(link(lang, &format!("/workspace/authorities/{}", a.id), &[])) { (own(&a.name)) } }
                            td { (day(lang, a.last_confirmed_at)) }
                            td { @if *stale { strong.closed { (t!(lang, "ws-overdue")) } } @else { (day(lang, policy.due(a.last_confirmed_at))) } }
                            td {
                                form.inline method="post" action={ "/workspace/authorities/" (a.id) "/confirm" } {
                                    (hidden(session, lang))
                                    input type="hidden" name="version" value=(a.version);
                                    button type="submit" aria-describedby={ "due-" (a.id) } { (t!(lang, "ws-confirm-one")) }
                                }
                            }
                        }
                    } }
                }
                form method="post" action="/workspace/confirm-reviewed" {
                    (hidden(session, lang))
                    input type="hidden" name="reviewed_at" value=(due.as_of.to_rfc3339());
                    p { (t!(lang, "ws-confirm-all-explain", date = lang.locale().clock(due.as_of.naive_utc()))) }
                    button type="submit" { (t!(lang, "ws-confirm-all")) }
                }
            }
        }
        section aria-labelledby="coverage" {
            h2 #coverage { (t!(lang, "ws-coverage-heading")) }
            table {
                thead { tr {
                    th scope="col" { (t!(lang, "ws-column-legal-basis")) }
                    th scope="col" { (t!(lang, "column-status")) }
                    th scope="col" { (t!(lang, "field-last-confirmed")) }
                } }
                tbody { @for c in &owed {
                    tr {
                        td { (own(&c.legal_basis.title)) " (" (ltr(&c.legal_basis.code)) ")" }
                        td { @match c.status {
                            CoverageStatus::Missing => { strong.closed { (t!(lang, "ws-coverage-missing")) } }
                            CoverageStatus::Stale => { strong.closed { (t!(lang, "ws-coverage-stale")) } }
                            _ => { (t!(lang, "ws-coverage-current")) }
                        } }
                        td { (day(lang, c.last_confirmed_at)) }
                    }
                } }
            }
        }
        section aria-labelledby="entries" {
            h2 #entries { (t!(lang, "ws-entries-heading", count = all.len())) }
            ul { @for a in &all {
                li { a href=(link(lang, &format!("/workspace/authorities/{}", a.id), &[])) { (own(&a.name)) } }
            } }
        }
        (recent_changes(lang, &recent))
    })
}

async fn network_home(
    state: &AppState,
    session: &Session,
    lang: Lang,
    code: &str,
) -> Result<Markup, crate::error::AppError> {
    let db = &state.db;
    let due = review::of_network(db, code, state.review).await?;
    let filter = ChangeFilter { network: Some(code.to_owned()), ..Default::default() };
    let recent = changes::recent(db, &filter, RECENT).await?;
    let memberships: Vec<_> = due.memberships.stale.iter().chain(due.memberships.due_soon.iter()).collect();
    let points = due.contact_points.stale.len() + due.contact_points.due_soon.len();
    Ok(html! {
        h1 { (t!(lang, "ws-home-network", network = code)) }
        (header(session, lang))
        p { a #network-link href=(link(lang, "/workspace/network", &[])) { (t!(lang, "ws-network-link")) } }
        section aria-labelledby="due" {
            h2 #due { (t!(lang, "ws-due-heading", count = memberships.len() + points)) }
            ul {
                @for m in &memberships { li { (ltr(&m.state_iso3)) " — " (day(lang, m.last_confirmed_at)) } }
                @if points > 0 { li { (t!(lang, "ws-contact-points-due", count = points)) } }
            }
            @if !due.members_without_contact_point.is_empty() {
                p { (t!(lang, "ws-members-without-point", count = due.members_without_contact_point.len())) " "
                    @for (i, s) in due.members_without_contact_point.iter().enumerate() { @if i > 0 { " " } (ltr(s)) } }
            }
            form method="post" action="/workspace/confirm-reviewed" {
                (hidden(session, lang))
                input type="hidden" name="reviewed_at" value=(due.as_of.to_rfc3339());
                button type="submit" { (t!(lang, "ws-confirm-all")) }
            }
        }
        (recent_changes(lang, &recent))
    })
}

fn recent_changes(lang: Lang, recent: &[change::Model]) -> Markup {
    html! {
        section aria-labelledby="recent" {
            h2 #recent { (t!(lang, "ws-recent-heading")) }
            @if recent.is_empty() { p { (t!(lang, "ws-recent-none")) } } @else {
                table {
                    thead { tr {
                        th scope="col" { (t!(lang, "ws-column-when")) }
                        th scope="col" { (t!(lang, "ws-column-who")) }
                        th scope="col" { (t!(lang, "ws-column-what")) }
                    } }
                    tbody { @for c in recent {
                        tr {
                            td { (lang.locale().date(c.at.date_naive())) }
                            td { (own(&c.actor_sub)) }
                            td { (ltr(&format!("{} {}", crate::domain::enum_name(&c.action), c.entity))) }
                        }
                    } }
                }
            }
        }
    }
}

/// `POST /workspace/confirm-reviewed`: confirms everything of the person's State (or network) unchanged since the
/// list was drawn; what changed meanwhile is listed, not confirmed.
pub(super) async fn confirm_reviewed(
    State(state): State<AppState>,
    Posted { session, lang, form }: Posted,
) -> Response {
    let Some(actor) = session.viewer.actor.clone() else { return super::sign_in::needed(&state, lang, None) };
    let scope = match (&actor.state, &actor.network) {
        (Some(s), _) => Scope::State(s.clone()),
        (_, Some(n)) => Scope::Network(n.clone()),
        _ => return refused(lang, &crate::error::AppError::Forbidden("only a focal point or a secretariat".into())),
    };
    let Some(at) = field(&form, "reviewed_at").and_then(|v| DateTime::parse_from_rfc3339(v).ok()) else {
        return refused(lang, &crate::error::AppError::invalid("reviewed_at", "the form lacks the time it was drawn"));
    };
    let done = match review::write::confirm_reviewed(&state.db, &session.viewer, scope, at.to_utc(), state.review).await
    {
        Ok(done) => done,
        Err(e) => return refused(lang, &e),
    };
    let confirmed = done.authorities.len() + done.contacts.len() + done.memberships.len() + done.contact_points.len();
    let title = t!(lang, "ws-confirmed-title");
    let body = html! {
        h1 { (title) }
        p #confirmed data-count=(confirmed) { (t!(lang, "ws-confirmed-count", count = confirmed)) }
        @if !done.changed_since.is_empty() {
            section.warnings {
                h2 { (t!(lang, "ws-changed-since", count = done.changed_since.len())) }
                ul #changed-since { @for (entity, id) in &done.changed_since { li { (ltr(&format!("{entity} {id}"))) } } }
            }
        }
        p { a href=(link(lang, "/workspace", &[])) { (t!(lang, "ws-home-link")) } }
    };
    page(lang, "/workspace", &title, body)
}

//! `GET /route`: where a request from one State to another goes, as a practitioner's answer card: who, how, what
//! is required, when, through whom, on what legal basis, and every warning. The form names States and conventions
//! in the reader's language and works without script.

use axum::extract::State;
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use chrono::Utc;
use maud::{Markup, html};

use super::entry::{card, ltr, own, participation, term, term_markup};
use super::{AppState, failed, language, link, page, pick, query_pairs};
use crate::db::entities::{convention, state};
use crate::domain::{AuthorityFunction, Declaration, DeclarationKind, Weekly, enum_name};
use crate::http::i18n::{Lang, t};
use crate::service::route::{Route, Side, Warning};
use crate::service::{conventions, directory, route, states};

fn functions() -> impl Iterator<Item = AuthorityFunction> {
    <AuthorityFunction as sea_orm::Iterable>::iter()
}

/// What the form holds: codes as given, so that a reader's mistake comes back to be corrected.
#[derive(Default)]
struct Form {
    from: String,
    to: String,
    function: String,
    convention: String,
}

impl Form {
    fn read(uri: &Uri) -> Self {
        let mut form = Form::default();
        for (k, v) in query_pairs(uri) {
            match k.as_str() {
                "from" => form.from = v,
                "to" => form.to = v,
                "function" => form.function = v,
                "convention" => form.convention = v,
                _ => {}
            }
        }
        form
    }
}

pub(in crate::http) async fn route(State(state): State<AppState>, uri: Uri, headers: HeaderMap) -> Response {
    let lang = language(&uri, &headers);
    let form = Form::read(&uri);
    let function = functions().find(|x| enum_name(x) == form.function);
    let convention = Some(form.convention.trim()).filter(|c| !c.is_empty());
    // Read where the request may: a replica that shows every change acknowledged before it arrived.
    let reader = state.readers.for_position(None).await;
    let (form, state_ref, convention) = (&form, &state, convention);
    let load = move |db: sea_orm::DatabaseConnection| async move {
        let db = &db;
        let (all_states, all_conventions) = match (states::all(db).await, conventions::list(db).await) {
            (Ok(s), Ok(c)) => (s, c),
            (Err(e), _) | (_, Err(e)) => return Err(failed(&e)),
        };
        let answer = match (form.from.trim(), form.to.trim(), function) {
            (from, to, Some(function)) if !from.is_empty() && !to.is_empty() => {
                match answer(db, state_ref.review, lang, from, to, function, convention).await {
                    Ok(markup) => Some(markup),
                    Err(e) => return Err(failed(&e)),
                }
            }
            _ => None,
        };
        Ok((all_states, all_conventions, answer))
    };
    let (all_states, all_conventions, answer) =
        match super::on_reader(&state, super::super::request_id(&headers), reader, load).await {
            Ok(loaded) => loaded,
            Err(response) => return response,
        };
    let title = t!(lang, "route-title");
    let body = html! {
        h1 { (title) }
        p.screen { (t!(lang, "route-intro")) }
        (form_markup(lang, form, function, &all_states, &all_conventions))
        @if let Some(answer) = answer { (answer) }
    };
    let params = [
        ("from", form.from.as_str()),
        ("to", form.to.as_str()),
        ("function", form.function.as_str()),
        ("convention", form.convention.as_str()),
    ];
    let params: Vec<(&str, &str)> = params.into_iter().filter(|(_, v)| !v.is_empty()).collect();
    page(lang, "/route", &params, &title, body)
}

/// States by name in the reader's language and order.
fn state_options(lang: Lang, all: &[state::Model], chosen: &str) -> Markup {
    let mut named: Vec<(&str, &state::Model)> =
        all.iter().map(|s| (pick(lang, s.names.as_ref(), &s.name), s)).collect();
    named.sort_by(|a, b| lang.locale().compare(a.0, b.0));
    let chosen = chosen.trim().to_ascii_uppercase();
    html! {
        option value="" { (t!(lang, "route-choose-state")) }
        @for (name, s) in named {
            option value=(s.iso3) selected[s.iso3 == chosen] { (name) }
        }
    }
}

fn form_markup(
    lang: Lang,
    form: &Form,
    function: Option<AuthorityFunction>,
    all_states: &[state::Model],
    all_conventions: &[convention::Model],
) -> Markup {
    let chosen_convention = crate::domain::canonical_code(form.convention.trim());
    html! {
        form.route method="get" action="/route" {
            input type="hidden" name="lang" value=(lang.code());
            div {
                label for="from" { (t!(lang, "route-from")) }
                select #from name="from" required { (state_options(lang, all_states, &form.from)) }
            }
            div {
                label for="to" { (t!(lang, "route-to")) }
                select #to name="to" required { (state_options(lang, all_states, &form.to)) }
            }
            div {
                label for="function" { (t!(lang, "route-function")) }
                select #function name="function" {
                    @for f in functions() {
                        option value=(enum_name(&f)) selected[Some(f) == function] {
                            @let (text, fallback) = term(lang, "AuthorityFunction", &enum_name(&f));
                            (text) @if fallback { "*" }
                        }
                    }
                }
            }
            div.wide {
                label for="convention" { (t!(lang, "route-convention")) }
                select #convention name="convention" {
                    option value="" { (t!(lang, "route-any-convention")) }
                    @for c in all_conventions {
                        option value=(c.code) selected[c.code == chosen_convention] {
                            (pick(lang, c.titles.as_ref(), &c.short_title))
                        }
                    }
                }
            }
            div { button type="submit" { (t!(lang, "route-submit")) } }
        }
    }
}

fn state_name(lang: Lang, s: &state::Model) -> String {
    pick(lang, s.names.as_ref(), &s.name).to_owned()
}

fn convention_name(lang: Lang, c: &convention::Model) -> String {
    pick(lang, c.titles.as_ref(), &c.short_title).to_owned()
}

/// A warning in the reader's language.
fn warning(lang: Lang, w: &Warning) -> String {
    // The side selects the whole sentence in the catalogue, where words agree with it.
    let side = |s: &Side| match s {
        Side::Requesting => "requesting",
        Side::Requested => "requested",
    };
    match w {
        Warning::NotACode { side: s, given } => {
            t!(lang, "warning-not-a-code", side = side(s), given = crate::domain::shown(given))
        }
        Warning::NoSuchState { side: s, code } => {
            t!(lang, "warning-no-such-state", side = side(s), code = code.as_str())
        }
        Warning::NoSuchConvention { given } => {
            t!(lang, "warning-no-such-convention", given = crate::domain::shown(given))
        }
        Warning::SameState { state } => t!(lang, "warning-same-state", state = state_name(lang, state)),
        Warning::NothingDesignated { state, function, convention } => {
            let (function, _) = term(lang, "AuthorityFunction", &enum_name(function));
            match convention {
                Some(c) => t!(
                    lang,
                    "warning-nothing-designated-under",
                    state = state_name(lang, state),
                    function = function,
                    convention = convention_name(lang, c)
                ),
                None => t!(lang, "warning-nothing-designated", state = state_name(lang, state), function = function),
            }
        }
        Warning::NeverConfirmed { authority, state } => t!(
            lang,
            "warning-never-confirmed",
            authority = pick(lang, authority.names.as_ref(), &authority.name).to_owned(),
            state = state_name(lang, state)
        ),
        Warning::Stale { authority, confirmed, months } => t!(
            lang,
            "warning-stale",
            authority = pick(lang, authority.names.as_ref(), &authority.name).to_owned(),
            date = lang.locale().date(confirmed.date_naive()),
            months = *months
        ),
        Warning::NotParty { state, convention, signatory, as_of } => {
            let date = as_of.map(|d| lang.locale().date(d)).unwrap_or_default();
            let state = state_name(lang, state);
            let convention = convention_name(lang, convention);
            match (signatory, as_of.is_some()) {
                (true, true) => {
                    t!(lang, "warning-signatory-only-as-of", state = state, convention = convention, date = date)
                }
                (true, false) => t!(lang, "warning-signatory-only", state = state, convention = convention),
                (false, true) => {
                    t!(lang, "warning-not-party-as-of", state = state, convention = convention, date = date)
                }
                (false, false) => t!(lang, "warning-not-party", state = state, convention = convention),
            }
        }
        Warning::NotRecorded { state, convention } => t!(
            lang,
            "warning-not-recorded",
            state = state_name(lang, state),
            convention = convention_name(lang, convention)
        ),
    }
}

/// Office hours read against the clock: the time at the authority, open or not, and the reader's time.
fn when(lang: Lang, a: &crate::db::entities::authority::Model, reader_zone: Option<&str>) -> Markup {
    let now = Utc::now();
    let zone = a.time_zone.as_deref().and_then(|z| z.parse::<chrono_tz::Tz>().ok());
    let local = zone.map(|z| now.with_timezone(&z).naive_local());
    let open = match (local, a.office_hours.as_deref().and_then(Weekly::parse)) {
        (Some(local), Some(week)) => Some(week.open_at(local)),
        _ => None,
    };
    let reader = reader_zone.and_then(|z| z.parse::<chrono_tz::Tz>().ok().map(|tz| (z, tz)));
    html! {
        @if let Some(local) = local {
            dt { (t!(lang, "field-time-there")) }
            dd {
                (lang.locale().clock(local)) " — "
                @match open {
                    Some(true) => { strong.open { (t!(lang, "open-now")) } }
                    Some(false) => { strong.closed { (t!(lang, "closed-now")) } }
                    None => { (t!(lang, "open-unknown")) }
                }
            }
        }
        @if let Some((name, tz)) = reader {
            dt { (t!(lang, "field-time-reader")) }
            dd { (lang.locale().clock(now.with_timezone(&tz).naive_local())) " (" (ltr(name)) ")" }
        }
    }
}

fn both_parties(lang: Lang, both: Option<bool>) -> String {
    match both {
        Some(true) => t!(lang, "both-parties-yes"),
        Some(false) => t!(lang, "both-parties-no"),
        None => t!(lang, "both-parties-unknown"),
    }
}

async fn answer(
    db: &sea_orm::DatabaseConnection,
    review: crate::domain::ReviewPolicy,
    lang: Lang,
    from: &str,
    to: &str,
    function: AuthorityFunction,
    convention: Option<&str>,
) -> Result<Markup, crate::error::AppError> {
    let r: Route = route::find(db, from, to, function, convention, review).await?;
    let entries = directory::entries(db, r.authorities.clone()).await?;
    let reader_zone = match &r.requesting {
        Some(s) => directory::usual_time_zone(db, &s.iso3).await?,
        None => None,
    };
    let locale = lang.locale();
    let states: Vec<&state::Model> = r.requesting.iter().chain(r.requested.iter()).collect();
    Ok(html! {
        section #answer aria-labelledby="answer-heading" {
            h2 #answer-heading {
                @match (&r.requesting, &r.requested) {
                    (Some(a), Some(b)) => { (t!(lang, "route-heading", from = state_name(lang, a), to = state_name(lang, b))) }
                    _ => { (t!(lang, "route-heading-incomplete")) }
                }
                " — " (term_markup(lang, "AuthorityFunction", &enum_name(&function)))
            }
            @if !r.warnings.is_empty() {
                section.warnings aria-labelledby="warnings" {
                    h3 #warnings { (t!(lang, "warnings-heading", count = r.warnings.len())) }
                    ul { @for w in &r.warnings { li { (warning(lang, w)) } } }
                }
            }
            @if let Some(c) = &r.convention {
                section.legal aria-labelledby="legal" {
                    h3 #legal { (t!(lang, "legal-basis-heading", convention = convention_name(lang, c))) }
                    p #both-parties data-both=(r.both_parties.map_or("unknown", |b| if b { "true" } else { "false" })) {
                        (both_parties(lang, r.both_parties))
                    }
                    table {
                        thead { tr {
                            th scope="col" { (t!(lang, "column-state")) }
                            th scope="col" { (t!(lang, "column-status")) }
                            th scope="col" { (t!(lang, "column-since")) }
                            th scope="col" { (t!(lang, "column-source")) }
                        } }
                        tbody { @for s in &states {
                            tr {
                                th scope="row" { (own(&state_name(lang, s))) }
                                @match r.participation.iter().find(|p| p.state_iso3 == s.iso3) {
                                    Some(p) => { (participation(lang, p)) }
                                    None => { td colspan="3" { (t!(lang, "participation-not-recorded")) } }
                                }
                            }
                        } }
                    }
                    @if let (Some(b), false) = (&r.requested, r.declarations.is_empty()) {
                        (declarations(lang, b, &r.declarations))
                    }
                }
            }
            h3 #route-count data-count=(r.authorities.len()) { (t!(lang, "route-authorities", count = r.authorities.len())) }
            @for e in &entries {
                @let href = format!("{}#authority-{}", link(lang, &format!("/directory/{}", e.authority.state_iso3), &[]), e.authority.id);
                (card(lang, e, Some(href), Some(when(lang, &e.authority, reader_zone.as_deref()))))
            }
            @if !r.contact_points.is_empty() {
                section aria-labelledby="points" {
                    h3 #points { (t!(lang, "contact-points-heading")) }
                    table {
                        thead { tr {
                            th scope="col" { (t!(lang, "column-network")) }
                            th scope="col" { (t!(lang, "column-authority")) }
                            th scope="col" { (t!(lang, "column-role")) }
                        } }
                        tbody { @for (p, a) in &r.contact_points {
                            tr {
                                td { (own(r.shared_networks.iter().find(|n| n.code == p.network_code).map_or(p.network_code.as_str(), |n| n.name.as_str()))) }
                                td { @if let Some(a) = a {
                                    (own(pick(lang, a.names.as_ref(), &a.name)))
                                    @if let Some(m) = &a.email { " · " (ltr(m)) }
                                    @if let Some(p) = &a.phone { " · " (ltr(p)) }
                                } }
                                td { @match &p.label { Some(l) => { (own(l)) } None => { (term_markup(lang, "ContactPointRole", &enum_name(&p.role))) } } }
                            }
                        } }
                    }
                }
            }
            @if !r.shared_networks.is_empty() {
                p #shared-networks {
                    (t!(lang, "shared-networks", count = r.shared_networks.len())) " "
                    (locale.list(&r.shared_networks.iter().map(|n| n.name.clone()).collect::<Vec<_>>(), lang.rtl()))
                }
            }
        }
    })
}

/// What the requested State declared to the depositary that bears on the request, each with its article and source.
fn declarations(lang: Lang, requested: &state::Model, list: &[Declaration]) -> Markup {
    html! {
        h4 #declarations { (t!(lang, "declarations-heading", state = state_name(lang, requested))) }
        ul.declarations {
            @for d in list {
                li data-kind=(kind_name(d.kind)) {
                    strong { (kind_label(lang, d.kind)) }
                    // The article and the source isolated (LRI/FSI … PDI), so that "18(14)" and a Latin title keep
                    // their order on right-to-left pages.
                    @if let Some(article) = &d.article {
                        " (" (t!(lang, "declaration-article", article = format!("\u{2066}{article}\u{2069}"))) ")"
                    }
                    ": " (own(&d.summary))
                    details {
                        summary { (t!(lang, "declaration-words")) }
                        blockquote { (own(&d.text)) }
                    }
                    small {
                        @let source = t!(lang, "declaration-source", source = format!("\u{2068}{}\u{2069}", d.source));
                        @match &d.source_url { Some(url) => { a href=(url) { (source) } } None => { (source) } }
                    }
                }
            }
        }
    }
}

fn kind_label(lang: Lang, kind: DeclarationKind) -> String {
    match kind {
        DeclarationKind::Languages => t!(lang, "declaration-kind-languages"),
        DeclarationKind::ExtraditionLegalBasis => t!(lang, "declaration-kind-extradition-legal-basis"),
        DeclarationKind::CentralAuthority => t!(lang, "declaration-kind-central-authority"),
        DeclarationKind::DesignatedAuthority => t!(lang, "declaration-kind-designated-authority"),
        DeclarationKind::Reservation => t!(lang, "declaration-kind-reservation"),
        DeclarationKind::Other => t!(lang, "declaration-kind-other"),
    }
}

/// The kind as the API names it (`LANGUAGES`), for the page's tests and styles.
fn kind_name(kind: DeclarationKind) -> String {
    serde_json::to_value(kind).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

//! An authority as the pages show it: every field a reader may see, labelled in the reader's language, values
//! that are not text in that language isolated so that right-to-left pages keep them whole.

use chrono::{DateTime, Utc};
use maud::{Markup, html};

use super::{Lang, pick};
use crate::db::entities::authority_list_item::list;
use crate::db::reference::labels::label;
use crate::http::i18n::t;
use crate::service::directory::AuthorityEntry;

/// A value always read left to right, whatever the page's direction: a phone number, an address on the web, a code.
pub(in crate::http) fn ltr(value: &str) -> Markup {
    html! { bdi dir="ltr" { (value) } }
}

/// Text whose direction is its own (a name, an address): isolated, direction from its first strong letter.
pub(in crate::http) fn own(value: &str) -> Markup {
    html! { bdi { (value) } }
}

/// An enumeration value in the reader's language: the sourced label (`data/labels.json`) where one is given in it;
/// for operational values no convention names (means of transmission, urgent channels, network roles), the
/// catalogue's word; else the English label or the value's name, marked as English.
pub(in crate::http) fn term(lang: Lang, enumeration: &str, value: &str) -> (String, bool) {
    if let Some(found) = label(enumeration, value, lang.code()) {
        return (found.label.clone(), false);
    }
    if label(enumeration, value, "en").is_none()
        && let Some(word) = lang.try_message(&format!("enum-{enumeration}-{value}"), None)
    {
        return (word, false);
    }
    let english = label(enumeration, value, "en").map(|l| l.label.clone()).unwrap_or_else(|| humanised(value));
    (english, lang.code() != "en")
}

/// `SECURE_PLATFORM` → `Secure platform`.
fn humanised(value: &str) -> String {
    super::capitalised(&value.to_lowercase().replace('_', " "))
}

/// A term as markup: a fallback is marked (`*`, explained in the footer) and said to be English.
pub(super) fn term_markup(lang: Lang, enumeration: &str, value: &str) -> Markup {
    let (text, fallback) = term(lang, enumeration, value);
    html! {
        @if fallback { span lang="en" { (own(&text)) } span.fallback { "*" } } @else { (text) }
    }
}

/// Terms as the reader lists them ("French and English", "français et anglais").
fn terms(lang: Lang, enumeration: &str, values: &[String]) -> Markup {
    let items: Vec<String> = values
        .iter()
        .map(|v| {
            let (text, fallback) = term(lang, enumeration, v);
            if fallback { format!("{text}*") } else { text }
        })
        .collect();
    html! { (lang.locale().list(&items, lang.rtl())) }
}

/// Languages by name in the reader's language (CLDR), the code where CLDR has no name.
pub(super) fn languages(lang: Lang, codes: &[String]) -> String {
    let names: Vec<String> =
        codes.iter().map(|c| lang.locale().language_name(c).map_or_else(|| c.clone(), str::to_owned)).collect();
    lang.locale().list(&names, lang.rtl())
}

/// The depositary action of a territory's row: its State applied the instrument there.
const TERRITORIAL_APPLICATION: &str = "TERRITORIAL_APPLICATION";

/// A State's participation in a convention as three cells: status, since, and the source with the date it is true
/// as of.
pub(super) fn participation(lang: Lang, p: &crate::db::entities::state_party::Model) -> Markup {
    let locale = lang.locale();
    html! {
        td {
            (term_markup(lang, "PartyStatus", &crate::domain::enum_name(&p.status)))
            // A territory's row: bound through its State's application, which the notification says.
            @if p.action.as_deref() == Some(TERRITORIAL_APPLICATION) {
                br; small { (t!(lang, "participation-territorial")) }
            }
        }
        td.date { @if let Some(since) = p.since { (locale.date(since)) } }
        td.note {
            @if let Some(source) = &p.source {
                @match &p.source_url {
                    Some(url) => { a href=(url) rel="noopener noreferrer" { (own(source)) } }
                    None => { (own(source)) }
                }
            }
            @if let Some(as_of) = p.as_of { " — " (t!(lang, "as-of", date = locale.date(as_of))) }
        }
    }
}

pub(super) fn date(lang: Lang, at: DateTime<Utc>) -> String {
    lang.locale().date(at.date_naive())
}

/// One field of a card, when it has a value.
fn field(name: String, value: Option<Markup>) -> Markup {
    html! { @if let Some(v) = value { dt { (name) } dd { (v) } } }
}

fn text_field(name: String, value: &Option<String>) -> Markup {
    field(name, value.as_deref().filter(|v| !v.trim().is_empty()).map(own))
}

fn list_field(lang: Lang, name: String, enumeration: &str, e: &AuthorityEntry, list: &str) -> Markup {
    let values = e.lists.get(list).filter(|v| !v.is_empty());
    field(name, values.map(|v| terms(lang, enumeration, v)))
}

/// An authority's card. `heading` links the name (the route page links to the State's page); `when` adds the
/// route page's reading of the office hours.
pub(super) fn card(lang: Lang, e: &AuthorityEntry, heading: Option<String>, when: Option<Markup>) -> Markup {
    let a = &e.authority;
    let name = pick(lang, a.names.as_ref(), &a.name);
    let sample = a.notes.as_deref().is_some_and(|n| n.starts_with(crate::db::demo::SAMPLE_MARK));
    html! {
        section.authority id={ "authority-" (a.id) } aria-labelledby={ "name-" (a.id) } {
            h3 id={ "name-" (a.id) } {
                @match &heading { Some(href) => { a href=(href) { (own(name)) } }, None => { (own(name)) } }
                @if let Some(acronym) = &a.acronym { " (" (own(acronym)) ")" }
            }
            @if sample { p.sample { (t!(lang, "sample-entry")) } }
            dl.fields {
                (field(t!(lang, "field-local-name"), a.local_name.as_deref().filter(|l| *l != name).map(own)))
                @if !e.designations.is_empty() {
                    dt { (t!(lang, "field-designated-for")) }
                    dd { ul {
                        @for (d, basis) in &e.designations {
                            li {
                                @match basis {
                                    Some(b) => {
                                        (term_markup(lang, "AuthorityFunction", &crate::domain::enum_name(&b.function)))
                                        " — " (own(&b.title)) " (" (ltr(&b.code)) ")"
                                    }
                                    None => { (ltr(&d.legal_basis_code)) }
                                }
                                @if let Some(scope) = &d.scope { " · " (own(scope)) }
                            }
                        }
                    } }
                }
                (field(t!(lang, "field-languages"), e.lists.get(list::LANGUAGE).filter(|v| !v.is_empty()).map(|v| html! { (languages(lang, v)) })))
                (list_field(lang, t!(lang, "field-channels"), "Channel", e, list::CHANNEL))
                (list_field(lang, t!(lang, "field-transmission"), "TransmissionMeans", e, list::TRANSMISSION_MEANS))
                (list_field(lang, t!(lang, "field-urgent-channels"), "UrgentChannel", e, list::URGENT_CHANNEL))
                (text_field(t!(lang, "field-urgent-procedure"), &a.urgent_notes))
                (text_field(t!(lang, "field-requirements"), &a.requirements))
                (text_field(t!(lang, "field-office-hours"), &a.office_hours))
                (field(t!(lang, "field-time-zone"), a.time_zone.as_deref().map(ltr)))
                @if let Some(when) = when { (when) }
                (text_field(t!(lang, "field-address"), &a.postal_address))
                (text_field(t!(lang, "field-city"), &a.city))
                (field(t!(lang, "field-email"), a.email.as_deref().map(|m| html! { a href={ "mailto:" (m) } { (ltr(m)) } })))
                (field(t!(lang, "field-phone"), a.phone.as_deref().map(ltr)))
                (field(t!(lang, "field-fax"), a.fax.as_deref().map(ltr)))
                (field(t!(lang, "field-website"), a.website.as_deref().map(|w| html! { a href=(w) rel="noopener noreferrer" { (ltr(w)) } })))
                @if !e.contacts.is_empty() {
                    dt { (t!(lang, "field-contacts")) }
                    dd { ul { @for c in &e.contacts { li {
                        (own(&c.name)) @if let Some(p) = &c.position { (t!(lang, "separator-comma")) (own(p)) }
                        @if let Some(m) = &c.email { " · " (ltr(m)) } @if let Some(p) = &c.phone { " · " (ltr(p)) }
                    } } } }
                }
                @if !e.networks.is_empty() {
                    dt { (t!(lang, "field-networks")) }
                    dd { ul { @for (p, n) in &e.networks { li {
                        (own(n.as_ref().map_or(p.network_code.as_str(), |n| n.name.as_str()))) " — "
                        @match &p.label {
                            Some(l) => { (own(l)) }
                            None => { (term_markup(lang, "ContactPointRole", &crate::domain::enum_name(&p.role))) }
                        }
                    } } } }
                }
                (field(t!(lang, "field-last-confirmed"), Some(html! {
                    @match a.last_confirmed_at { Some(at) => { (date(lang, at)) }, None => { (t!(lang, "never-confirmed")) } }
                })))
                (text_field(t!(lang, "field-notes"), &a.notes))
            }
        }
    }
}

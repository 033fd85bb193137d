//! Keeping every entry current: contacts, memberships and contact points carry their last confirmation and fall
//! due like authorities; focal points and secretariats get their own to-do lists; everything reviewed is confirmed
//! in one mutation, and what changed since the review is left for the next one.

use chrono::{Duration, Utc};
use cna_directory::db::entities::{authority, contact};
use sea_orm::{EntityTrait, sea_query::Expr};
use serde_json::{Value, json};

use crate::helpers::{TestApp, error_code, spawn_app, token};
use crate::writes::{CREATE, another_authority_input, changes};

const ADD_CONTACT: &str = "mutation($id: ID!) { addContact(authorityId: $id, input: {name: \"Élodie Müller\"}) { id lastConfirmedAt stale } }";
const REVIEW: &str = "{ me { review { asOf stale { id } staleContacts { id } dueSoonContacts { id }
  staleMemberships { state { iso3 } version } staleContactPoints { id } membersWithoutContactPoint } } }";

/// Sets back every confirmation of the table's rows, as if the review period had passed.
async fn age(app: &TestApp) {
    let old = Utc::now() - Duration::days(400);
    authority::Entity::update_many()
        .col_expr(authority::Column::LastConfirmedAt, Expr::value(old))
        .exec(&app.db)
        .await
        .unwrap();
    contact::Entity::update_many()
        .col_expr(contact::Column::LastConfirmedAt, Expr::value(old))
        .exec(&app.db)
        .await
        .unwrap();
}

async fn authority_with_contact(app: &TestApp, fra: &str) -> (String, String) {
    let a = app.data_as(fra, CREATE, json!({ "input": another_authority_input() })).await;
    let id = a["createAuthority"]["id"].as_str().unwrap().to_owned();
    let c = app.data_as(fra, ADD_CONTACT, json!({ "id": id })).await;
    assert_eq!(c["addContact"]["stale"], false, "a new contact starts confirmed: {c}");
    (id, c["addContact"]["id"].as_str().unwrap().to_owned())
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array().unwrap().iter().map(|v| v["id"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn contacts_fall_due_and_are_confirmed_by_their_state() {
    let app = spawn_app().await;
    let fra = token("focal_point", Some("FRA"), None);
    let (_, contact) = authority_with_contact(&app, &fra).await;
    age(&app).await;
    let todo = app.data_as(&fra, REVIEW, json!({})).await;
    assert_eq!(ids(&todo["me"]["review"]["staleContacts"]), vec![contact.clone()], "{todo}");

    let confirm = "mutation($id: ID!) { confirmContact(id: $id) { id version stale lastConfirmedAt reviewDueAt } }";
    let deu = token("focal_point", Some("DEU"), None);
    let before = changes(&app).await;
    let refused = app.gql(confirm, json!({ "id": contact }), Some(&deu)).await;
    assert_eq!(error_code(&refused), "FORBIDDEN", "{refused}");
    let done = app.data_as(&fra, confirm, json!({ "id": contact })).await;
    assert_eq!(done["confirmContact"]["stale"], false, "{done}");
    assert_eq!(done["confirmContact"]["version"], 2, "a confirmation is a new version: {done}");
    assert!(done["confirmContact"]["reviewDueAt"].is_string());
    assert_eq!(changes(&app).await, before + 1, "one audit row");
    let todo = app.data_as(&fra, REVIEW, json!({})).await;
    assert!(todo["me"]["review"]["staleContacts"].as_array().unwrap().is_empty(), "{todo}");
}

#[tokio::test]
async fn a_secretariat_reviews_and_confirms_its_network() {
    let app = spawn_app().await;
    let ejn = token("network_secretariat", None, Some("EJN"));
    // Memberships loaded from the reference data have never been confirmed by the secretariat.
    let todo = app.data_as(&ejn, REVIEW, json!({})).await;
    let review = &todo["me"]["review"];
    let stale: Vec<&str> =
        review["staleMemberships"].as_array().unwrap().iter().map(|m| m["state"]["iso3"].as_str().unwrap()).collect();
    assert!(stale.contains(&"FRA") && stale.len() >= 27, "{todo}");
    assert!(review["stale"].as_array().unwrap().is_empty(), "no authorities on a secretariat's list");
    assert!(review["membersWithoutContactPoint"].as_array().unwrap().iter().any(|s| s == "FRA"), "{todo}");

    // A contact point for France takes it off the list of members without one.
    let fra = token("focal_point", Some("FRA"), None);
    let (authority, _) = authority_with_contact(&app, &fra).await;
    let add = "mutation($id: ID!) { addNetworkContactPoint(network: \"EJN\", authorityId: $id, role: CONTACT_POINT) {
      id version stale } }";
    let point = app.data_as(&ejn, add, json!({ "id": authority })).await["addNetworkContactPoint"].clone();
    assert_eq!(point["stale"], false, "{point}");
    let todo = app.data_as(&ejn, REVIEW, json!({})).await;
    assert!(!todo["me"]["review"]["membersWithoutContactPoint"].as_array().unwrap().iter().any(|s| s == "FRA"));

    let confirm = "mutation($n: String!, $s: String!) { confirmMembership(network: $n, state: $s) {
      version stale lastConfirmedAt } }";
    for (who, code) in [(&fra, "FORBIDDEN"), (&token("network_secretariat", None, Some("CARIN")), "FORBIDDEN")] {
        let body = app.gql(confirm, json!({ "n": "EJN", "s": "FRA" }), Some(who)).await;
        assert_eq!(error_code(&body), code, "{body}");
    }
    let unknown = app.gql(confirm, json!({ "n": "EJN", "s": "USA" }), Some(&ejn)).await;
    assert_eq!(error_code(&unknown), "NOT_FOUND", "the United States is not in the EJN: {unknown}");
    let done = app.data_as(&ejn, confirm, json!({ "n": "ejn", "s": "fra" })).await;
    assert_eq!(done["confirmMembership"]["stale"], false, "{done}");
    assert_eq!(done["confirmMembership"]["version"], 2, "{done}");
    let todo = app.data_as(&ejn, REVIEW, json!({})).await;
    assert!(!todo["me"]["review"]["staleMemberships"].to_string().contains("\"FRA\""), "{todo}");

    // Confirming a contact point: its network's secretariat only.
    let id = point["id"].clone();
    let confirm = "mutation($id: ID!) { confirmContactPoint(id: $id) { version stale } }";
    let body = app.gql(confirm, json!({ "id": id }), Some(&fra)).await;
    assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
    let done = app.data_as(&ejn, confirm, json!({ "id": id })).await;
    assert_eq!(done["confirmContactPoint"]["version"], 2, "{done}");
}

#[tokio::test]
async fn confirming_in_bulk_is_all_or_nothing() {
    let app = spawn_app().await;
    let fra = token("focal_point", Some("FRA"), None);
    let (a, c) = authority_with_contact(&app, &fra).await;
    age(&app).await;
    let q = "mutation($input: ConfirmEntriesInput!) { confirmEntries(input: $input) {
      authorities { id stale } contacts { id stale } memberships { version } } }";
    let before = changes(&app).await;
    // A membership is the secretariat's to confirm: the whole confirmation is refused.
    let mixed = json!({ "authorities": [a], "contacts": [c], "memberships": [{ "network": "EJN", "state": "FRA" }] });
    let body = app.gql(q, json!({ "input": mixed }), Some(&fra)).await;
    assert_eq!(error_code(&body), "FORBIDDEN", "{body}");
    assert_eq!(changes(&app).await, before, "nothing confirmed");
    let bad = app.gql(q, json!({ "input": { "contacts": ["not-an-id"] } }), Some(&fra)).await;
    assert_eq!(error_code(&bad), "BAD_USER_INPUT", "{bad}");
    let empty = app.gql(q, json!({ "input": {} }), Some(&fra)).await;
    assert_eq!(error_code(&empty), "BAD_USER_INPUT", "{empty}");
    let done = app.data_as(&fra, q, json!({ "input": { "authorities": [a], "contacts": [c, c] } })).await;
    assert_eq!(done["confirmEntries"]["contacts"].as_array().unwrap().len(), 1, "named twice, confirmed once");
    assert_eq!(changes(&app).await, before + 2, "one audit row each");
}

/// "Everything I reviewed is current": what someone changed after the review is not confirmed unseen.
#[tokio::test]
async fn confirming_what_was_reviewed_leaves_what_changed_since() {
    let app = spawn_app().await;
    let fra = token("focal_point", Some("FRA"), None);
    let (a1, c1) = authority_with_contact(&app, &fra).await;
    let (a2, _) = authority_with_contact(&app, &fra).await;
    age(&app).await;
    let todo = app.data_as(&fra, REVIEW, json!({})).await;
    let as_of = todo["me"]["review"]["asOf"].clone();
    assert_eq!(todo["me"]["review"]["stale"].as_array().unwrap().len(), 2, "{todo}");

    // While the focal point reviews, an administrator edits one authority.
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    let admin = token("admin", None, None);
    let update = "mutation($id: ID!) { updateAuthority(id: $id, expectedVersion: 1, input: {city: \"Lyon\"}) { id } }";
    let v = app.data(&format!("{{ authority(id: \"{a2}\") {{ version }} }}"), json!({})).await;
    let update = update.replace("expectedVersion: 1", &format!("expectedVersion: {}", v["authority"]["version"]));
    app.data_as(&admin, &update, json!({ "id": a2 })).await;

    let q =
        "mutation($s: String, $n: String, $at: DateTime!) { confirmReviewed(state: $s, network: $n, reviewedAt: $at) {
      authorities { id } contacts { id } changedSince { entity id } } }";
    let deu = token("focal_point", Some("DEU"), None);
    let refused = app.gql(q, json!({ "s": "FRA", "at": as_of }), Some(&deu)).await;
    assert_eq!(error_code(&refused), "FORBIDDEN", "{refused}");
    let future = (Utc::now() + Duration::hours(1)).to_rfc3339();
    let old = (Utc::now() - Duration::days(400)).to_rfc3339();
    for (vars, why) in [
        (json!({ "s": "FRA", "at": future }), "a review in the future"),
        (json!({ "s": "FRA", "at": old }), "a review older than the period"),
        (json!({ "s": "FRA", "n": "EJN", "at": as_of }), "both a State and a network"),
        (json!({ "at": as_of }), "neither"),
        (json!({ "s": "XXX", "at": as_of }), "an unknown State"),
    ] {
        let body = app.gql(q, vars, Some(&fra)).await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{why}: {body}");
    }
    let before = changes(&app).await;
    let done = app.data_as(&fra, q, json!({ "s": "FRA", "at": as_of })).await["confirmReviewed"].clone();
    assert_eq!(ids(&done["authorities"]), vec![a1.clone()], "{done}");
    assert_eq!(ids(&done["contacts"]).len(), 2, "both contacts: {done}");
    assert!(ids(&done["contacts"]).contains(&c1));
    assert_eq!(done["changedSince"], json!([{ "entity": "authority", "id": a2 }]), "{done}");
    assert_eq!(changes(&app).await, before + 3, "one audit row per confirmed entry");
    let todo = app.data_as(&fra, REVIEW, json!({})).await;
    assert_eq!(ids(&todo["me"]["review"]["stale"]), [a2], "what changed is still to review: {todo}");
}

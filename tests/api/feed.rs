//! The change feed a portal polls, and the right to erasure.

use serde_json::json;

use crate::helpers::{error_code, spawn_app, token};
use crate::writes::{CREATE, authority_input};

const FEED: &str = "query($after: String, $filter: ChangeFilter) { changes(first: 2, after: $after, filter: $filter) {
  totalCount pageInfo { hasNextPage endCursor } nodes { id action entity entityId state network actorSub } } }";

#[tokio::test]
async fn the_feed_pages_in_order_and_filters() {
    let app = spawn_app().await;
    let fra = token("focal_point", Some("FRA"), None);
    let ejn = token("network_secretariat", None, Some("EJN"));
    let reader = token("reader", None, None);
    for _ in 0..3 {
        app.data_as(&fra, CREATE, json!({ "input": authority_input() })).await;
    }
    app.data_as(
        &ejn,
        "mutation { setNetworkMembership(network: \"EJN\", state: \"NOR\", status: OBSERVER) { status } }",
        json!({}),
    )
    .await;

    let anonymous = app.gql(FEED, json!({}), None).await;
    assert_eq!(error_code(&anonymous), "UNAUTHENTICATED", "the feed needs a token");

    let mut ids: Vec<i64> = Vec::new();
    let mut after = serde_json::Value::Null;
    loop {
        let page = app.data_as(&reader, FEED, json!({ "after": after })).await;
        let conn = &page["changes"];
        assert_eq!(conn["totalCount"], 4);
        ids.extend(conn["nodes"].as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap().parse::<i64>().unwrap()));
        if conn["pageInfo"]["hasNextPage"] == false {
            break;
        }
        after = conn["pageInfo"]["endCursor"].clone();
    }
    assert_eq!(ids.len(), 4);
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "ordered by id, each once: {ids:?}");

    // A portal that kept its cursor sees only what came after it.
    let first = app.data_as(&fra, FEED, json!({})).await;
    let cursor = first["changes"]["pageInfo"]["endCursor"].clone();
    app.data_as(&fra, CREATE, json!({ "input": authority_input() })).await;
    let rest = app.data_as(&fra, FEED.replace("first: 2", "first: 100").as_str(), json!({ "after": cursor })).await;
    assert_eq!(rest["changes"]["nodes"].as_array().unwrap().len(), 3);

    let by_state = app.data_as(&fra, FEED, json!({ "filter": { "state": "fra", "entity": "authority" } })).await;
    assert_eq!(by_state["changes"]["totalCount"], 4);
    let by_network = app.data_as(&fra, FEED, json!({ "filter": { "network": "EJN" } })).await;
    assert_eq!(by_network["changes"]["totalCount"], 1);
    assert_eq!(by_network["changes"]["nodes"][0]["entity"], "network_membership");
    let future = (chrono::Utc::now() + chrono::Duration::hours(1)).to_rfc3339();
    let since = app.data_as(&fra, FEED, json!({ "filter": { "since": future } })).await;
    assert_eq!(since["changes"]["totalCount"], 0);

    // An unknown code is an error naming the field, as in every other filter, not an empty feed.
    let unknown = app.gql(FEED, json!({ "filter": { "state": "XYZ", "network": "NOPE" } }), Some(&fra)).await;
    assert_eq!(error_code(&unknown), "BAD_USER_INPUT");
    let fields: Vec<&str> = unknown["errors"][0]["extensions"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["filter.state", "filter.network"]);
}

#[tokio::test]
async fn erasing_a_contact_redacts_it_from_the_history() {
    let app = spawn_app().await;
    let fra = token("focal_point", Some("FRA"), None);
    let admin = token("admin", None, None);
    let a = app.data_as(&fra, CREATE, json!({ "input": authority_input() })).await;
    let id = a["createAuthority"]["id"].clone();
    let c = app
        .data_as(
            &fra,
            "mutation($id: ID!) { addContact(authorityId: $id, input: {name: \"Jeanne Exemple\", email: \"jeanne@justice.example\"}) { id } }",
            json!({ "id": id }),
        )
        .await;
    let contact = c["addContact"]["id"].clone();
    app.data_as(
        &fra,
        "mutation($id: ID!) { updateContact(id: $id, expectedVersion: 1, input: {position: \"Judge\"}) { id } }",
        json!({ "id": contact }),
    )
    .await;
    let forbidden = app.gql("mutation($id: ID!) { eraseContact(id: $id) }", json!({ "id": contact }), Some(&fra)).await;
    assert_eq!(error_code(&forbidden), "FORBIDDEN", "only an administrator erases");
    app.data_as(&admin, "mutation($id: ID!) { eraseContact(id: $id) }", json!({ "id": contact })).await;

    let feed = app
        .data_as(
            &admin,
            "{ changes(first: 100, filter: {entity: \"contact\"}) { nodes { action before after } } }",
            json!({}),
        )
        .await;
    let text = feed.to_string();
    assert!(!text.contains("Jeanne") && !text.contains("jeanne@"), "no trace of the person: {text}");
    assert_eq!(feed["changes"]["nodes"].as_array().unwrap().len(), 3, "the history keeps that changes happened");
    let gone =
        app.data_as(&admin, "query($id: ID!) { authority(id: $id) { contacts { id } } }", json!({ "id": id })).await;
    assert_eq!(gone["authority"]["contacts"], json!([]));
}

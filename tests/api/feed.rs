//! The change feed a portal polls, and the right to erasure.

use serde_json::{Value, json};

use crate::helpers::{error_code, spawn_app, token};
use crate::writes::{CREATE, another_authority_input, authority_input};

const FEED: &str = "query($after: String, $filter: ChangeFilter) { changes(first: 2, after: $after, filter: $filter) {
  totalCount pageInfo { hasNextPage endCursor } nodes { id action entity entityId state network actorSub } } }";

#[tokio::test]
async fn the_feed_pages_in_order_and_filters() {
    let app = spawn_app().await;
    let fra = token("focal_point", Some("FRA"), None);
    let ejn = token("network_secretariat", None, Some("EJN"));
    let reader = token("reader", None, None);
    for _ in 0..3 {
        app.data_as(&fra, CREATE, json!({ "input": another_authority_input() })).await;
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
    app.data_as(&fra, CREATE, json!({ "input": another_authority_input() })).await;
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

const FOLLOW: &str = "query($after: String) { changes(first: 100, after: $after) {
  pageInfo { hasNextPage endCursor } nodes { id } } }";

/// Reads the feed from `after` to its end; the last cursor and the ids seen.
async fn follow(app: &crate::helpers::TestApp, reader: &str, mut after: Value) -> (Value, Vec<i64>) {
    let mut ids = Vec::new();
    loop {
        let page = app.data_as(reader, FOLLOW, json!({ "after": after })).await;
        let conn = &page["changes"];
        ids.extend(conn["nodes"].as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap().parse::<i64>().unwrap()));
        if !conn["pageInfo"]["endCursor"].is_null() {
            after = conn["pageInfo"]["endCursor"].clone();
        }
        if conn["pageInfo"]["hasNextPage"] == false {
            return (after, ids);
        }
    }
}

/// Writers commit out of id order on PostgreSQL; a follower polling as fast as it can, keeping its cursor as
/// docs/tokens.md says (`changes`), must still see every change exactly once.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_follower_sees_every_change_while_many_write() {
    let app = std::sync::Arc::new(spawn_app().await);
    let reader = token("reader", None, None);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut writers = Vec::new();
    for (i, state) in ["FRA", "DEU", "ESP", "ITA", "NLD", "BEL", "PRT", "AUT"].into_iter().enumerate() {
        let (app, stop) = (app.clone(), stop.clone());
        writers.push(tokio::spawn(async move {
            let focal = token("focal_point", Some(state), None);
            let mut input = authority_input();
            input["state"] = json!(state);
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                input["name"] = json!(format!("Authority {i}-{n}"));
                app.data_as(&focal, CREATE, json!({ "input": input })).await;
                n += 1;
            }
            n
        }));
    }
    let mut seen = Vec::new();
    let mut cursor = Value::Null;
    let started = std::time::Instant::now();
    while started.elapsed() < std::time::Duration::from_secs(4) {
        let (next, ids) = follow(&app, &reader, cursor).await;
        cursor = next;
        seen.extend(ids);
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let mut written = 0;
    for w in writers {
        written += w.await.unwrap();
    }
    let (_, rest) = follow(&app, &reader, cursor).await;
    seen.extend(rest);
    let (_, all) = follow(&app, &reader, Value::Null).await;
    assert!(all.len() >= written, "{} changes for {written} writes", all.len());
    let mut sorted_seen = seen.clone();
    sorted_seen.sort_unstable();
    sorted_seen.dedup();
    assert_eq!(sorted_seen.len(), seen.len(), "no change twice");
    let mut sorted_all = all.clone();
    sorted_all.sort_unstable();
    let missed: Vec<i64> = sorted_all.iter().filter(|id| sorted_seen.binary_search(id).is_err()).copied().collect();
    assert!(missed.is_empty(), "the follower never saw {} of {} changes: {missed:?}", missed.len(), all.len());
}

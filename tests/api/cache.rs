//! The response cache never serves an answer older than the last acknowledged change: not on the instance that
//! made the change, not on another instance sharing the database, not after an operator's direct SQL. It never
//! hands one viewer's answer to another, and polling portals can revalidate with `If-None-Match`.

use reqwest::{StatusCode, header};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app, spawn_app_with, spawn_app_with_demo, spawn_pair, token};
use crate::writes::{CREATE, UPDATE, authority_input};

const NAMES: &str = "query($s: String!) { authorities(first: 50, filter: {state: $s}) { totalCount nodes { name } } }";

async fn names(app: &TestApp) -> Value {
    app.data(NAMES, json!({ "s": "FRA" })).await["authorities"].clone()
}

async fn create_and_rename(writer: &TestApp, readers: &[&TestApp]) {
    let fra = token("focal_point", Some("FRA"), None);
    for reader in readers {
        assert_eq!(names(reader).await["totalCount"], 0);
        assert_eq!(names(reader).await["totalCount"], 0, "a repeated read is answered alike");
    }
    let created = writer.data_as(&fra, CREATE, json!({ "input": authority_input() })).await;
    let id = created["createAuthority"]["id"].clone();
    for reader in readers {
        assert_eq!(names(reader).await["totalCount"], 1, "the creation is seen at once");
    }
    let input = json!({ "name": "Bureau renamed" });
    writer.data_as(&fra, UPDATE, json!({ "id": id, "v": 1, "input": input })).await;
    for reader in readers {
        assert_eq!(names(reader).await["nodes"][0]["name"], "Bureau renamed", "the rename is seen at once");
    }
}

#[tokio::test]
async fn a_change_is_seen_by_the_next_read_on_the_same_instance() {
    let app = spawn_app().await;
    create_and_rename(&app, &[&app]).await;
}

#[tokio::test]
async fn a_change_is_seen_by_the_next_read_on_every_instance() {
    let (first, second) = spawn_pair().await;
    create_and_rename(&first, &[&first, &second]).await;
    create_and_rename_elsewhere(&second, &first).await;
}

/// The same in the other direction, in another State, so nothing cached before can answer.
async fn create_and_rename_elsewhere(writer: &TestApp, reader: &TestApp) {
    let query = "query($s: String!) { authorities(first: 5, filter: {state: $s}) { totalCount } }";
    let count = || async { reader.data(query, json!({ "s": "DEU" })).await["authorities"]["totalCount"].clone() };
    assert_eq!(count().await, 0);
    let deu = token("focal_point", Some("DEU"), None);
    let mut input = authority_input();
    input["state"] = json!("DEU");
    writer.data_as(&deu, CREATE, json!({ "input": input })).await;
    assert_eq!(count().await, 1);
}

#[tokio::test]
async fn a_direct_change_in_the_database_is_seen_too() {
    let app = spawn_app_with_demo().await;
    let query = "{ state(iso3: \"FRA\") { name } }";
    assert_eq!(app.data(query, json!({})).await["state"]["name"], "France");
    app.db.execute_unprepared("UPDATE states SET name = 'République française' WHERE iso3 = 'FRA'").await.unwrap();
    assert_eq!(app.data(query, json!({})).await["state"]["name"], "République française");
}

#[tokio::test]
async fn a_repeated_read_costs_one_version_check() {
    let app = spawn_app_with_demo().await;
    names(&app).await;
    let before = app.statements();
    let again = names(&app).await;
    assert_eq!(app.statements() - before, 1, "one read of the data version, nothing else");
    assert!(again["totalCount"].as_u64().unwrap() > 0);

    let off = spawn_app_with(|s| s.limits.response_cache_mb = 0).await;
    off.db.execute_unprepared("SELECT 1").await.unwrap();
    let before = off.statements();
    names(&off).await;
    names(&off).await;
    assert!(off.statements() - before >= 2, "with the cache off, every read runs its statements");
}

#[tokio::test]
async fn a_viewer_never_gets_another_viewers_answer() {
    let app = spawn_app_with_demo().await;
    let query = "{ authorities(first: 100) { nodes { contacts { name visibility } } } }";
    let reader = token("reader", None, None);
    let signed_in = app.gql(query, json!({}), Some(&reader)).await.to_string();
    assert!(signed_in.contains("RESTRICTED"), "a signed-in reader sees restricted contacts");
    for _ in 0..2 {
        let anonymous = app.gql(query, json!({}), None).await.to_string();
        assert!(!anonymous.contains("RESTRICTED"), "the signed-in answer is not served to anonymous readers");
    }
    let signed_in = app.gql(query, json!({}), Some(&reader)).await.to_string();
    assert!(signed_in.contains("RESTRICTED"), "nor the anonymous answer to a signed-in reader");

    let (status, body) = app.post(query, json!({}), Some("Bearer not-a-token")).await;
    assert_eq!((status, body["errors"][0]["extensions"]["code"].as_str()), (401, Some("UNAUTHENTICATED")));
}

/// A failed answer is not kept: the failure may be passing, while the data, and so its version, stay the same.
#[tokio::test]
async fn errors_are_not_cached() {
    let app = spawn_app().await;
    let query = "{ conventions { code } }";
    app.db.execute_unprepared("ALTER TABLE conventions RENAME TO conventions_away").await.unwrap();
    let failed = app.gql(query, json!({}), None).await;
    assert_eq!(failed["errors"][0]["extensions"]["code"], "INTERNAL_SERVER_ERROR", "{failed:#}");
    app.db.execute_unprepared("ALTER TABLE conventions_away RENAME TO conventions").await.unwrap();
    let answered = app.gql(query, json!({}), None).await;
    assert!(answered.get("errors").is_none(), "{answered:#}");
    assert!(!answered["data"]["conventions"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn polling_portals_revalidate_with_etags() {
    let app = spawn_app_with_demo().await;
    let url = format!("{}/graphql", app.address);
    let params = [("query", "query($s: String!) { state(iso3: $s) { name } }"), ("variables", r#"{"s":"FRA"}"#)];
    let first = app.client.get(&url).query(&params).send().await.unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    assert_eq!(first.headers()[header::CACHE_CONTROL], "no-cache");
    let etag = first.headers()[header::ETAG].clone();
    assert_eq!(first.json::<Value>().await.unwrap()["data"]["state"]["name"], "France");

    let unchanged = app.client.get(&url).query(&params).header(header::IF_NONE_MATCH, &etag).send().await.unwrap();
    assert_eq!(unchanged.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(unchanged.headers()[header::ETAG], etag);
    assert!(unchanged.bytes().await.unwrap().is_empty());

    let other = app.client.get(&url).query(&params).header(header::IF_NONE_MATCH, "\"other\"").send().await.unwrap();
    assert_eq!(other.status(), StatusCode::OK, "another tag gets the answer");

    let admin = token("admin", None, None);
    let rename = "mutation { upsertState(input: {iso3: \"FRA\", name: \"French Republic\", status: UN_MEMBER, \
                  iso2: \"FR\", m49: \"250\", region: \"Europe\"}) { name } }";
    app.data_as(&admin, rename, json!({})).await;
    let changed = app.client.get(&url).query(&params).header(header::IF_NONE_MATCH, &etag).send().await.unwrap();
    assert_eq!(changed.status(), StatusCode::OK, "a change ends the 304s");
    assert_ne!(changed.headers()[header::ETAG], etag);
    assert_eq!(changed.json::<Value>().await.unwrap()["data"]["state"]["name"], "French Republic");

    let signed_in = app.client.get(&url).query(&params).bearer_auth(&admin).send().await.unwrap();
    assert_eq!(signed_in.headers()[header::CACHE_CONTROL], "private, no-cache");
}

/// Readers hammer one instance while another renames an authority again and again: the first read after each
/// acknowledged rename shows it, however the concurrent reads share their version checks.
#[tokio::test]
async fn no_stale_answer_under_concurrent_reads() {
    let (writer, reader) = spawn_pair().await;
    let fra = token("focal_point", Some("FRA"), None);
    let created = writer.data_as(&fra, CREATE, json!({ "input": authority_input() })).await;
    let id = created["createAuthority"]["id"].clone();
    let reader = std::sync::Arc::new(reader);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut hammers = Vec::new();
    for _ in 0..8 {
        let (reader, stop) = (reader.clone(), stop.clone());
        hammers.push(tokio::spawn(async move {
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                names(&reader).await;
            }
        }));
    }
    for version in 1..=10 {
        let name = format!("Bureau {version}");
        let input = json!({ "name": name });
        writer.data_as(&fra, UPDATE, json!({ "id": id, "v": version, "input": input })).await;
        assert_eq!(names(&reader).await["nodes"][0]["name"], name.as_str(), "rename {version} seen at once");
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for hammer in hammers {
        hammer.await.unwrap();
    }
}

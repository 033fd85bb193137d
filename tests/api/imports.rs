//! Large imports beside other States' writers: a dry run writes nothing and never holds the writer; an import
//! through the API is bounded so that a real one holds it briefly, and larger files are sent to the command line.

use std::time::{Duration, Instant};

use serde_json::json;

use crate::helpers::{spawn_pair, token};
use crate::writes::{CREATE, UPDATE, another_authority_input};

const IMPORT: &str =
    "mutation($files: [ImportFileInput!]!, $dry: Boolean) { importEntries(files: $files, dryRun: $dry) {
  applied dryRun created errors { row column message } } }";

fn new_authorities(rows: usize) -> serde_json::Value {
    let mut csv = String::from("state,name,email\n");
    for i in 0..rows {
        csv.push_str(&format!("FRA,Bureau d'essai {i},essai{i}@justice.example\n"));
    }
    json!([{ "name": "authorities.csv", "content": csv }])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dry_run_never_holds_other_states_writers() {
    // A SQLite file (one write lock for the whole directory), or a PostgreSQL database.
    let (app, _) = spawn_pair().await;
    let fra = token("focal_point", Some("FRA"), None);
    let esp = token("focal_point", Some("ESP"), None);
    let mut input = another_authority_input();
    input["state"] = json!("ESP");
    let id = app.data_as(&esp, CREATE, json!({ "input": input })).await["createAuthority"]["id"].clone();

    let files = new_authorities(2_400);
    let dry = {
        let (client, address, fra) = (app.client.clone(), app.address.clone(), fra.clone());
        tokio::spawn(async move {
            let started = Instant::now();
            let body: serde_json::Value = client
                .post(format!("{address}/graphql"))
                .bearer_auth(fra)
                .json(&json!({ "query": IMPORT, "variables": { "files": files, "dry": true } }))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            (body, started.elapsed())
        })
    };
    let mut during = 0;
    let mut slowest = Duration::ZERO;
    let mut version = 1;
    while !dry.is_finished() {
        let started = Instant::now();
        let city = format!("Madrid {version}");
        let body = app.gql(UPDATE, json!({ "id": id, "v": version, "input": { "city": city } }), Some(&esp)).await;
        assert!(body.get("errors").is_none(), "another State's write fails during a dry run: {body}");
        slowest = slowest.max(started.elapsed());
        version += 1;
        during += 1;
    }
    let (body, took) = dry.await.unwrap();
    let report = &body["data"]["importEntries"];
    assert_eq!((report["dryRun"].clone(), report["applied"].clone()), (json!(true), json!(false)), "{body}");
    assert_eq!(report["created"], 2_400, "{body}");
    eprintln!("dry run of 2,400 rows: {took:?}; {during} writes of another State meanwhile, slowest {slowest:?}");
    // Held writers would finish at most one write while the dry run lasts, and wait for its end: several writes,
    // none waiting as long as the dry run. Relative, not a fixed time: on 2 loaded cores one write may take long.
    assert!(during >= 3, "the writes ran while the dry run did ({during} in {took:?})");
    assert!(slowest < took, "a write waited {slowest:?}, as long as the dry run ({took:?})");
    let count = "{ authorities(filter: {state: \"FRA\"}) { totalCount } }";
    assert_eq!(app.data(count, json!({})).await["authorities"]["totalCount"], 0, "nothing applied");
}

#[tokio::test]
async fn an_import_through_the_api_is_bounded_and_names_the_command_for_more() {
    let (app, _) = spawn_pair().await;
    let fra = token("focal_point", Some("FRA"), None);
    for dry in [true, false] {
        let body = app.gql(IMPORT, json!({ "files": new_authorities(2_501), "dry": dry }), Some(&fra)).await;
        assert_eq!(crate::helpers::error_code(&body), "BAD_USER_INPUT", "{body}");
        let message = body["errors"][0]["message"].as_str().unwrap();
        assert!(message.contains("at most 2500") && message.contains("cna-directory import"), "{message}");
    }
    let body = app.gql(IMPORT, json!({ "files": new_authorities(2_500), "dry": false }), Some(&fra)).await;
    assert_eq!(body["data"]["importEntries"]["created"], 2_500, "{body}");
}

/// A document of mutations cut off by the request's time limit says which ones it committed before the cut; the
/// one cut off is rolled back.
#[tokio::test]
async fn mutations_cut_off_by_the_time_limit_say_what_they_committed() {
    let app = crate::helpers::spawn_app_with(|s| s.limits.request_timeout = Duration::from_millis(500)).await;
    let fra = token("focal_point", Some("FRA"), None);
    let document = "mutation($input: AuthorityInput!, $files: [ImportFileInput!]!) {
        first: createAuthority(input: $input) { id }
        slow: importEntries(files: $files) { created } }";
    let variables = json!({ "input": another_authority_input(), "files": new_authorities(2_500) });
    let response = app
        .client
        .post(format!("{}/graphql", app.address))
        .bearer_auth(&fra)
        .json(&json!({ "query": document, "variables": variables }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 503, "the import of 2,500 rows outlasts half a second");
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(crate::helpers::error_code(&body), "TIMEOUT", "{body}");
    let id = body["extensions"]["committed"]["first"]["id"].as_str().unwrap_or_else(|| panic!("{body}"));
    let count = "{ authorities(filter: {state: \"FRA\"}) { totalCount nodes { id } } }";
    let found = app.data(count, json!({})).await;
    assert_eq!(found["authorities"]["totalCount"], 1, "the import was rolled back: {found}");
    assert_eq!(found["authorities"]["nodes"][0]["id"], id);
}

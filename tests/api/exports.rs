//! Exports streamed over HTTP (`GET /export`): the same files as `exportEntries`, for signed-in viewers, scoped
//! alike; the whole directory only this way.

use serde_json::{Value, json};

use crate::helpers::{TestApp, error_code, spawn_app_with_demo, token};

async fn get(app: &TestApp, path: &str, who: Option<&str>) -> (u16, String, reqwest::header::HeaderMap) {
    let mut request = app.client.get(format!("{}{path}", app.address));
    if let Some(who) = who {
        request = request.bearer_auth(who);
    }
    let response = request.send().await.unwrap();
    let (status, headers) = (response.status().as_u16(), response.headers().clone());
    (status, response.text().await.unwrap(), headers)
}

const EXPORT: &str = "query($s: String, $f: SheetFormat) { exportEntries(state: $s, format: $f) { name content } }";

fn file(data: &Value, name: &str) -> String {
    let files = data["exportEntries"].as_array().unwrap();
    files.iter().find(|f| f["name"] == name).unwrap()["content"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn exports_stream_the_same_files_over_http() {
    let app = spawn_app_with_demo().await;
    let (status, body, _) = get(&app, "/export?state=FRA", None).await;
    assert_eq!(status, 401, "signed-in viewers only: {body}");
    let reader = token("reader", None, None);
    let (status, ndjson, headers) = get(&app, "/export?state=FRA&format=ndjson", Some(&reader)).await;
    assert_eq!(status, 200, "{ndjson}");
    assert_eq!(headers["content-type"], "application/x-ndjson");
    assert!(headers["content-disposition"].to_str().unwrap().contains("entries.ndjson"));
    assert_eq!(headers["cache-control"], "private, no-store");
    let graphql = app.data_as(&reader, EXPORT, json!({ "s": "FRA", "f": "NDJSON" })).await;
    assert_eq!(ndjson, file(&graphql, "entries.ndjson"), "the same file as exportEntries");
    assert!(ndjson.lines().count() >= 2 && ndjson.lines().all(|l| serde_json::from_str::<Value>(l).is_ok()));

    let (status, body, _) = get(&app, "/export?state=FRA", Some(&reader)).await;
    assert_eq!(status, 400, "CSV is one file per kind: {body}");
    assert!(body.contains("authorities"), "{body}");
    let (status, csv, headers) = get(&app, "/export?state=FRA&kind=authorities", Some(&reader)).await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
    let graphql = app.data_as(&reader, EXPORT, json!({ "s": "FRA" })).await;
    assert_eq!(csv, file(&graphql, "authorities.csv"));

    // The whole directory: an administrator's, and only streamed.
    let admin = token("admin", None, None);
    let (status, json_text, _) = get(&app, "/export?format=json", Some(&admin)).await;
    assert_eq!(status, 200);
    let all: Value = serde_json::from_str(&json_text).unwrap();
    assert!(all["authorities"].as_array().unwrap().len() >= 4, "every State's authorities");
    let body = app.gql(EXPORT, json!({}), Some(&admin)).await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body}");
    assert!(body["errors"][0]["message"].as_str().unwrap().contains("GET /export"), "{body}");
    let (status, _, _) = get(&app, "/export?format=xlsx", Some(&reader)).await;
    assert_eq!(status, 400);
}

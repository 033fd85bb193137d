//! Bad input: every invalid field named, all at once, and nothing written.

use serde_json::{Value, json};

use crate::helpers::{error_code, spawn_app, token};
use crate::writes::{CREATE, authority_input, changes};

fn with(field: &str, value: Value) -> Value {
    let mut input = authority_input();
    input[field] = value;
    json!({ "input": input })
}

#[tokio::test]
async fn each_bad_field_is_named_and_nothing_is_written() {
    let app = spawn_app().await;
    let fra = token("focal_point", Some("FRA"), None);
    let cases: Vec<(Value, &str, &str)> = vec![
        (with("name", json!("   ")), "input.name", "blank"),
        (with("name", json!("x".repeat(301))), "input.name", "at most 300"),
        (with("name", json!("Ministry\u{0007}")), "input.name", "control character"),
        (with("name", json!("Ministry \u{202E}lanimirc")), "input.name", "bidirectional"),
        (with("notes", json!("n".repeat(10_001))), "input.notes", "at most 10000"),
        (with("email", json!("not-an-address")), "input.email", "not an e-mail"),
        (with("phone", json!("01 42 75 80 00")), "input.phone", "international form"),
        (with("phone", json!("+33 12")), "input.phone", "not a valid"),
        (with("fax", json!("+1 000")), "input.fax", "not a valid"),
        (with("website", json!("ftp://justice.example")), "input.website", "http(s)"),
        (with("website", json!("javascript:alert(1)")), "input.website", "http(s)"),
        (with("timeZone", json!("Europe/Atlantis")), "input.timeZone", "IANA"),
        (with("languages", json!(["xx"])), "input.languages", "ISO 639"),
        (with("languages", json!(["fr", "fra"])), "input.languages", "more than once"),
        (with("channels", json!(["DIRECT", "DIRECT"])), "input.channels", "more than once"),
        (with("state", json!("ZZZ")), "input.state", "no State"),
        (with("name", json!("Ministry\u{200B} of Justice")), "input.name", "invisible"),
        (with("name", json!("\u{FEFF}Ministry of Justice")), "input.name", "invisible"),
        (with("name", json!("Ministry\u{2028}of Justice")), "input.name", "invisible"),
        (with("name", json!("Ministry of Justice\u{E0041}")), "input.name", "invisible"),
        (with("name", json!("Minis\u{00AD}try of Justice")), "input.name", "invisible"),
        (with("name", json!("Minis\u{200D}try of Justice")), "input.name", "invisible"),
        (with("website", json!("https://justice.example/\"><script>alert(1)</script>")), "input.website", "cannot"),
        (with("website", json!("https://user:pass@justice.example/")), "input.website", "user name"),
        (with("website", json!("http://localhost:8080/admin")), "input.website", "public host"),
        (with("website", json!("http://127.0.0.1/")), "input.website", "public host"),
        (with("email", json!("desk@localhost")), "input.email", "public domain"),
        (with("email", json!("desk@[127.0.0.1]")), "input.email", ""),
    ];
    let before = changes(&app).await;
    for (vars, field, message) in &cases {
        let body = app.gql(CREATE, vars.clone(), Some(&fra)).await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{field}: {body:#}");
        let fields = body["errors"][0]["extensions"]["fields"].as_array().unwrap();
        assert_eq!(fields.len(), 1, "{field}: {body:#}");
        assert_eq!(fields[0]["field"], *field);
        assert!(fields[0]["message"].as_str().unwrap().contains(message), "{field}: {body:#}");
    }

    let mut all = authority_input();
    all["email"] = json!("nope");
    all["website"] = json!("ftp://x.example");
    all["timeZone"] = json!("Nowhere");
    all["languages"] = json!(["zz"]);
    all["name"] = json!("");
    let body = app.gql(CREATE, json!({ "input": all }), Some(&fra)).await;
    let fields: Vec<&str> = body["errors"][0]["extensions"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["input.name", "input.email", "input.website", "input.timeZone", "input.languages"]);

    assert_eq!(changes(&app).await, before, "no rejected input wrote anything");
    let total = app.data(r#"{ authorities(filter: {state: "FRA"}) { totalCount } }"#, json!({})).await;
    assert_eq!(total["authorities"]["totalCount"], 0);
}

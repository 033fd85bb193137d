//! The schema documents itself: every type, field, argument, input field and enum value has a description, and the
//! schema says what the directory is.

use serde_json::{Value, json};

use crate::helpers::spawn_app;

const INTROSPECTION: &str = r#"{
  __schema {
    description
    types {
      name kind description
      fields(includeDeprecated: true) { name description args { name description } }
      inputFields { name description }
      enumValues(includeDeprecated: true) { name description }
    }
  }
}"#;

fn described(v: &Value) -> bool {
    v["description"].as_str().is_some_and(|d| !d.trim().is_empty())
}

/// Every member of the schema without a description, as `Type`, `Type.field`, `Type.field(arg)`.
fn undocumented(schema: &Value) -> Vec<String> {
    let mut missing = Vec::new();
    let types = schema["types"].as_array().cloned().unwrap_or_default();
    for t in types.iter().filter(|t| !t["name"].as_str().unwrap_or("").starts_with("__")) {
        let name = t["name"].as_str().unwrap_or("");
        if !described(t) {
            missing.push(name.to_owned());
        }
        for f in t["fields"].as_array().into_iter().flatten() {
            let field = f["name"].as_str().unwrap_or("");
            if !described(f) {
                missing.push(format!("{name}.{field}"));
            }
            for a in f["args"].as_array().into_iter().flatten().filter(|a| !described(a)) {
                missing.push(format!("{name}.{field}({})", a["name"].as_str().unwrap_or("")));
            }
        }
        for member in ["inputFields", "enumValues"] {
            for m in t[member].as_array().into_iter().flatten().filter(|m| !described(m)) {
                missing.push(format!("{name}.{}", m["name"].as_str().unwrap_or("")));
            }
        }
    }
    missing
}

#[tokio::test]
async fn every_member_of_the_schema_is_described() {
    let app = spawn_app().await;
    let data = app.data(INTROSPECTION, json!({})).await;
    let schema = &data["__schema"];
    let missing = undocumented(schema);
    assert!(missing.is_empty(), "{} members have no description: {missing:#?}", missing.len());
    let description = schema["description"].as_str().unwrap_or("");
    assert!(description.contains("competent national authorities"), "the schema says what it is: {description}");

    // The check itself finds what it should: a type, a field, an argument and an enum value left bare.
    let bare = json!({ "types": [{ "name": "T", "description": null,
        "fields": [{ "name": "f", "description": "", "args": [{ "name": "a", "description": null }] }],
        "inputFields": null, "enumValues": [{ "name": "V", "description": " " }] }] });
    assert_eq!(undocumented(&bare), ["T", "T.f", "T.f(a)", "T.V"]);
}

use serde_json::json;

use crate::helpers::{error_code, sorted_strings, spawn_app};

#[tokio::test]
async fn the_six_conventions_and_their_legal_bases() {
    let app = spawn_app().await;
    let data = app
        .data(
            r#"{
              conventions { code shortTitle adoptedOn entryIntoForceOn legalBases { code } }
              untoc: convention(code: "untoc") { title legalBases { code article function title convention { code } } }
              none: convention(code: "NOPE") { code }
              all: legalBases { code }
              mla: legalBases(function: MUTUAL_LEGAL_ASSISTANCE) { code }
              uncacExtradition: legalBases(convention: "UNCAC", function: EXTRADITION) { code article }
            }"#,
            json!({}),
        )
        .await;
    let codes: Vec<&str> =
        data["conventions"].as_array().unwrap().iter().map(|c| c["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["DRUGS_1988", "UNTOC", "TIP_PROTOCOL", "SOM_PROTOCOL", "FIREARMS_PROTOCOL", "UNCAC"]);
    assert_eq!(data["conventions"][1]["entryIntoForceOn"], "2003-09-29");
    assert_eq!(data["conventions"][2]["legalBases"], json!([]), "the TIP Protocol has no designation article");
    assert_eq!(data["untoc"]["title"], "United Nations Convention against Transnational Organized Crime");
    assert_eq!(
        sorted_strings(&data["untoc"]["legalBases"], |l| &l["code"]),
        ["UNTOC_16", "UNTOC_17", "UNTOC_18_13", "UNTOC_31_6"]
    );
    let mla = &data["untoc"]["legalBases"][2];
    assert_eq!(mla["article"], "18(13)");
    assert_eq!(mla["function"], "MUTUAL_LEGAL_ASSISTANCE");
    assert_eq!(mla["convention"]["code"], "UNTOC");
    assert!(data["none"].is_null());
    assert_eq!(data["all"].as_array().unwrap().len(), 14);
    assert_eq!(sorted_strings(&data["mla"], |l| &l["code"]), ["DRUGS_1988_7_8", "UNCAC_46_13", "UNTOC_18_13"]);
    assert_eq!(data["uncacExtradition"], json!([{ "code": "UNCAC_44", "article": "44" }]));
}

#[tokio::test]
async fn unknown_enum_values_and_wrong_types_are_validation_errors() {
    let app = spawn_app().await;
    let cases = [
        ("unknown enum literal", r#"{ legalBases(function: TELEPATHY) { code } }"#, json!({})),
        (
            "unknown enum in a variable",
            "query($f: AuthorityFunction) { legalBases(function: $f) { code } }",
            json!({ "f": "TELEPATHY" }),
        ),
        ("string for an Int", "query($n: Int) { states(first: $n) { totalCount } }", json!({ "n": "ten" })),
        ("unknown field", "{ states { nope } }", json!({})),
        ("syntax error", "{ states { ", json!({})),
    ];
    for (why, query, vars) in cases {
        let body = app.gql(query, vars, None).await;
        assert_eq!(error_code(&body), "GRAPHQL_VALIDATION_FAILED", "{why}: {body:#}");
    }
}

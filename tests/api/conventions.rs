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

/// What a State owes and has designated, and, across the directory, which parties have not designated.
#[tokio::test]
async fn coverage_of_a_state_and_of_a_legal_basis() {
    let app = crate::helpers::spawn_app_with_demo().await;
    let q = r#"{
      fra: state(iso3: "FRA") { coverage { legalBasis { code } participation status authorities { name } lastConfirmedAt } }
      jpn: state(iso3: "JPN") { coverage { legalBasis { code } participation status } }
      ggy: state(iso3: "GGY") { coverage { legalBasis { code } participation status } }
      all: legalBasisCoverage(legalBasis: "untoc_18_13") { parties designated missing(first: 5) { totalCount nodes { iso3 } } }
      ejn: legalBasisCoverage(legalBasis: "UNTOC_18_13", network: "EJN") { parties designated missing(first: 100) { totalCount } }
      africa: legalBasisCoverage(legalBasis: "UNTOC_18_13", region: "africa") { parties }
    }"#;
    let data = app.data(q, json!({})).await;
    let item = |state: &str, code: &str| {
        data[state]["coverage"].as_array().unwrap().iter().find(|i| i["legalBasis"]["code"] == code).unwrap().clone()
    };
    let fra_mla = item("fra", "UNTOC_18_13");
    assert_eq!(fra_mla["participation"], "PARTY");
    assert!(["CURRENT", "STALE"].contains(&fra_mla["status"].as_str().unwrap()), "{fra_mla}");
    assert!(!fra_mla["authorities"].as_array().unwrap().is_empty());
    let legal_bases = data["fra"]["coverage"].as_array().unwrap().len();
    assert!(legal_bases >= 10, "every legal basis: {legal_bases}");
    let jpn_firearms = item("jpn", "FIREARMS_13_2");
    assert_eq!(jpn_firearms["participation"], "NOT_PARTY", "Japan signed the Firearms Protocol only");
    let ggy = item("ggy", "UNTOC_18_13");
    assert_eq!((ggy["participation"].as_str(), ggy["status"].as_str()), (Some("UNKNOWN"), Some("MISSING")));

    let all = &data["all"];
    let (parties, designated) = (all["parties"].as_i64().unwrap(), all["designated"].as_i64().unwrap());
    assert!(parties >= 190, "{all}");
    assert!(designated > 0 && designated < parties, "{all}");
    assert_eq!(all["missing"]["totalCount"].as_i64().unwrap(), parties - designated);
    assert_eq!(all["missing"]["nodes"].as_array().unwrap().len(), 5);
    let ejn = &data["ejn"];
    assert!(ejn["parties"].as_i64().unwrap() <= 27, "a network's members only: {ejn}");
    assert!(data["africa"]["parties"].as_i64().unwrap() > 40);
}

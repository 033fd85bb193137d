use serde_json::json;

use crate::helpers::{error_code, sorted_strings, spawn_app};

#[tokio::test]
async fn the_conventions_and_their_legal_bases() {
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
    assert_eq!(
        codes,
        [
            "DRUGS_1988",
            "UNTOC",
            "TIP_PROTOCOL",
            "SOM_PROTOCOL",
            "FIREARMS_PROTOCOL",
            "BUDAPEST",
            "UNCAC",
            "UN_CYBERCRIME"
        ],
        "in order of adoption or opening for signature; the one not in force last"
    );
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
    assert_eq!(data["all"].as_array().unwrap().len(), 17);
    assert_eq!(
        sorted_strings(&data["mla"], |l| &l["code"]),
        ["BUDAPEST_27_2", "DRUGS_1988_7_8", "UNCAC_46_13", "UNTOC_18_13"]
    );
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

/// `enumLabels` serves `data/labels.json` as it is: every value of every labelled enumeration, in each of the six
/// languages, with the term and source the file gives, else the English one marked as a fallback, else `null`;
/// without `language`, the request's `Accept-Language` chooses.
#[tokio::test]
async fn enum_labels_answer_the_shipped_terms_with_their_sources() {
    let app = crate::helpers::spawn_app().await;
    let file: serde_json::Value = serde_json::from_str(include_str!("../../data/labels.json")).unwrap();
    let query = "query($l: Language) { enumLabels(language: $l) { enum value label { text language fallback } source sourceUrl } }";
    let to_enum = |name: &str| -> String {
        // AuthorityFunction -> AUTHORITY_FUNCTION
        let mut out = String::new();
        for (i, c) in name.chars().enumerate() {
            if c.is_uppercase() && i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_uppercase());
        }
        out
    };
    for language in ["AR", "ZH", "EN", "FR", "RU", "ES"] {
        let data = app.data(query, json!({ "l": language })).await;
        let answered = data["enumLabels"].as_array().unwrap();
        let mut seen = 0;
        for (enumeration, values) in file["enums"].as_object().unwrap() {
            for (value, languages) in values.as_object().unwrap() {
                let row = answered
                    .iter()
                    .find(|r| r["enum"] == to_enum(enumeration) && r["value"] == *value)
                    .unwrap_or_else(|| panic!("{enumeration}.{value} answered"));
                let lower = language.to_lowercase();
                let (term, used) = match languages.get(&lower) {
                    Some(t) => (t, language),
                    None => (&languages["en"], "EN"),
                };
                assert_eq!(
                    row["label"],
                    json!({ "text": term["label"], "language": used, "fallback": used != language }),
                    "{enumeration}.{value} in {language}"
                );
                assert_eq!(row["source"], term["source"]);
                assert_eq!(row["sourceUrl"], term["source_url"]);
                seen += 1;
            }
        }
        assert!(seen >= 10, "the file's labels were all checked");
        // Values no source names are listed too, with no label.
        let unlabelled = answered
            .iter()
            .find(|r| r["enum"] == "AUTHORITY_FUNCTION" && r["value"] == "CIVIL_ADMINISTRATIVE_COOPERATION");
        let unlabelled = unlabelled.expect("every value is listed");
        if file["enums"]["AuthorityFunction"].get("CIVIL_ADMINISTRATIVE_COOPERATION").is_none() {
            assert_eq!(unlabelled["label"], serde_json::Value::Null);
            assert_eq!(unlabelled["source"], serde_json::Value::Null);
        }
    }

    let spanish = app
        .data("{ enumLabels(enum: AUTHORITY_FUNCTION, language: ES) { value label { text fallback } } }", json!({}))
        .await;
    let values: Vec<_> = spanish["enumLabels"].as_array().unwrap().iter().map(|r| r["value"].clone()).collect();
    assert_eq!(values.len(), 11, "one enumeration, all its values: {values:?}");
    let mla =
        spanish["enumLabels"].as_array().unwrap().iter().find(|r| r["value"] == "MUTUAL_LEGAL_ASSISTANCE").unwrap();
    assert_eq!(mla["label"], json!({ "text": "Asistencia judicial recíproca", "fallback": false }));

    let by_header = app
        .client
        .post(format!("{}/graphql", app.address))
        .header("accept-language", "es-ES, en;q=0.5")
        .json(&json!({ "query": "{ enumLabels(enum: AUTHORITY_FUNCTION) { value label { text language } } }" }))
        .send()
        .await
        .unwrap()
        .json::<serde_json::Value>()
        .await
        .unwrap();
    let mla = by_header["data"]["enumLabels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["value"] == "MUTUAL_LEGAL_ASSISTANCE")
        .cloned();
    assert_eq!(mla.unwrap()["label"], json!({ "text": "Asistencia judicial recíproca", "language": "ES" }));
}

/// Each legal basis carries the words of its article and where they are read, as every reference fact does.
#[tokio::test]
async fn every_legal_basis_carries_its_article_and_its_source() {
    let app = spawn_app().await;
    let data = app.data("{ legalBases { code article text source sourceUrl asOf } }", json!({})).await;
    let bases = data["legalBases"].as_array().unwrap();
    assert_eq!(bases.len(), 17);
    for basis in bases {
        for field in ["text", "source", "sourceUrl", "asOf"] {
            assert!(basis[field].as_str().is_some_and(|v| !v.is_empty()), "{field} of {basis}");
        }
    }
    let central = bases.iter().find(|b| b["code"] == "UNTOC_18_13").unwrap();
    assert!(central["text"].as_str().unwrap().contains("designate a central authority"), "{central}");
}

use std::collections::HashSet;

use serde_json::{Value, json};

use crate::helpers::{error_code, spawn_app};

const PAGE: &str = "query($first: Int, $after: String, $filter: StateFilter) {
  states(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { iso3 } } nodes { iso3 }
  }
}";

async fn total(app: &crate::helpers::TestApp, filter: Value) -> i64 {
    let data = app.data("query($f: StateFilter) { states(filter: $f) { totalCount } }", json!({ "f": filter })).await;
    data["states"]["totalCount"].as_i64().expect("totalCount")
}

#[tokio::test]
async fn counts_by_status_match_the_reference() {
    let app = spawn_app().await;
    assert_eq!(total(&app, json!({ "status": "UN_MEMBER" })).await, 193);
    assert_eq!(total(&app, json!({ "status": "UN_OBSERVER" })).await, 2);
    assert_eq!(total(&app, json!({ "status": "NON_MEMBER_STATE" })).await, 2);
    assert_eq!(total(&app, json!({ "status": "OTHER_ENTITY" })).await, 1);
    assert_eq!(total(&app, json!({ "status": "TERRITORY" })).await, 19);
    assert_eq!(total(&app, json!({ "status": "ORGANIZATION" })).await, 1);
    assert_eq!(total(&app, json!({})).await, 218);
}

#[tokio::test]
async fn a_state_carries_codes_region_parent_memberships_and_parties() {
    let app = spawn_app().await;
    let data = app
        .data(
            r#"{
              fra: state(iso3: "fra") { iso3 iso2 m49 name region subregion status parent { iso3 }
                memberships { status network { code } state { iso3 } } }
              gib: state(iso3: "GIB") { status parent { iso3 name } }
              vat: state(iso3: "VAT") { name status }
              xkx: state(iso3: "XKX") { name status m49 note }
              nru: state(iso3: "NRU") { subregion source asOf }
              ggy: state(iso3: "GGY") { subregion intermediateRegion }
              deu: state(iso3: "DEU") { fr: name(language: FR) zh: name(language: ZH) en: name
                fallback: nameIn(language: FR) { text language fallback } }
              kosovo: state(iso3: "XKX") { nameIn(language: FR) { text language fallback } }
              eu: state(iso3: "EUU") { status parties { status source asOf state { iso3 } convention { code } } }
              unknown: state(iso3: "ZZZ") { iso3 }
            }"#,
            json!({}),
        )
        .await;
    let fra = &data["fra"];
    assert_eq!(fra["iso2"], "FR");
    assert_eq!(fra["m49"], "250");
    assert_eq!(fra["region"], "Europe");
    assert_eq!(fra["subregion"], "Western Europe");
    assert_eq!(fra["status"], "UN_MEMBER");
    assert!(fra["parent"].is_null());
    let networks: HashSet<&str> =
        fra["memberships"].as_array().unwrap().iter().map(|m| m["network"]["code"].as_str().unwrap()).collect();
    assert_eq!(networks, HashSet::from(["EJN", "EUROJUST", "CARIN", "BALI_PROCESS", "SEAJUST"]));
    assert_eq!(data["gib"]["status"], "TERRITORY");
    assert_eq!(data["gib"]["parent"]["iso3"], "GBR");
    assert_eq!(data["vat"], json!({ "name": "Holy See", "status": "UN_OBSERVER" }));
    assert_eq!(
        data["xkx"],
        json!({ "name": "Kosovo", "status": "OTHER_ENTITY", "m49": null,
                "note": "in the context of Security Council resolution 1244 (1999)" })
    );
    assert_eq!(data["nru"]["subregion"], "Micronesia");
    assert!(data["nru"]["source"].as_str().is_some_and(|s| s.contains("M49")), "{}", data["nru"]);
    assert!(data["nru"]["asOf"].is_string());
    assert_eq!(data["ggy"]["intermediateRegion"], "Channel Islands");
    assert_eq!(data["deu"]["fr"], "Allemagne");
    assert_eq!(data["deu"]["zh"], "德国");
    assert_eq!(data["deu"]["en"], "Germany");
    assert_eq!(data["deu"]["fallback"], json!({ "text": "Allemagne", "language": "FR", "fallback": false }));
    // M49 has no Kosovo: English, and the answer says so.
    assert_eq!(data["kosovo"]["nameIn"], json!({ "text": "Kosovo", "language": "EN", "fallback": true }));
    assert_eq!(data["eu"]["status"], "ORGANIZATION");
    let parties: Vec<&str> =
        data["eu"]["parties"].as_array().unwrap().iter().map(|p| p["convention"]["code"].as_str().unwrap()).collect();
    // The European Union is a party to more than the Convention and UNCAC (the depositary's record).
    for code in ["UNTOC", "UNCAC", "FIREARMS_PROTOCOL", "DRUGS_1988"] {
        assert!(parties.contains(&code), "EU party to {code}: {parties:?}");
    }
    for p in data["eu"]["parties"].as_array().unwrap() {
        assert!(p["source"].is_string() && p["asOf"].is_string(), "every participation has a source and a date: {p}");
    }
    assert!(data["unknown"].is_null());
}

#[tokio::test]
async fn filters_apply_alone_and_together() {
    let app = spawn_app().await;
    // Case- and accent-insensitive search over names and codes.
    for (search, expected) in [("cote d'ivoire", "CIV"), ("TURKIYE", "TUR"), ("holy", "VAT"), ("br", "BRA")] {
        let data = app
            .data("query($s: String) { states(filter: {search: $s}) { nodes { iso3 } } }", json!({ "s": search }))
            .await;
        let codes: Vec<&str> =
            data["states"]["nodes"].as_array().unwrap().iter().map(|n| n["iso3"].as_str().unwrap()).collect();
        assert!(codes.contains(&expected), "search {search:?} should find {expected}, got {codes:?}");
    }
    assert_eq!(total(&app, json!({ "search": "100%" })).await, 0, "LIKE wildcards are taken literally");
    assert_eq!(total(&app, json!({ "region": "europe", "status": "UN_MEMBER" })).await, 43);
    assert_eq!(total(&app, json!({ "region": "Western Africa" })).await, 16);
    assert_eq!(total(&app, json!({ "network": "ejn" })).await, 27);
    assert_eq!(total(&app, json!({ "network": "CARIN", "status": "TERRITORY" })).await, 4);
    assert_eq!(total(&app, json!({ "network": "IBERRED", "region": "Europe", "search": "spain" })).await, 1);
}

#[tokio::test]
async fn pages_cover_every_state_once() {
    let app = spawn_app().await;
    for (first, filter) in [(50, json!({})), (7, json!({ "network": "CARIN" })), (1, json!({ "status": "TERRITORY" }))]
    {
        let mut seen = Vec::new();
        let mut after: Option<String> = None;
        let expected_total = total(&app, filter.clone()).await;
        loop {
            let data = app.data(PAGE, json!({ "first": first, "after": after, "filter": filter })).await;
            let conn = &data["states"];
            assert_eq!(conn["totalCount"], expected_total);
            let edges = conn["edges"].as_array().unwrap();
            assert!(edges.len() <= first as usize);
            let nodes: Vec<&Value> = conn["nodes"].as_array().unwrap().iter().collect();
            assert_eq!(edges.iter().map(|e| &e["node"]).collect::<Vec<_>>(), nodes, "nodes mirror edges");
            seen.extend(nodes.iter().map(|n| n["iso3"].as_str().unwrap().to_owned()));
            if !conn["pageInfo"]["hasNextPage"].as_bool().unwrap() {
                break;
            }
            after = conn["pageInfo"]["endCursor"].as_str().map(str::to_owned);
            assert_eq!(after.as_deref(), edges.last().and_then(|e| e["cursor"].as_str()));
        }
        let unique: HashSet<&String> = seen.iter().collect();
        assert_eq!(unique.len(), seen.len(), "no repeats");
        assert_eq!(seen.len() as i64, expected_total, "no gaps");
        let mut sorted = seen.clone();
        sorted.sort();
        assert_eq!(seen, sorted, "ordered by code");
    }
}

#[tokio::test]
async fn cursors_are_stable_under_inserts() {
    use cna_directory::db::entities::state;
    use sea_orm::{ActiveModelTrait, IntoActiveModel};

    let app = spawn_app().await;
    let first = app.data(PAGE, json!({ "first": 3 })).await;
    assert_eq!(first["states"]["nodes"], json!([{ "iso3": "ABW" }, { "iso3": "AFG" }, { "iso3": "AGO" }]));
    let after = first["states"]["pageInfo"]["endCursor"].as_str().unwrap().to_owned();
    // Rows appear before and after the cursor meanwhile: the next page neither repeats nor skips.
    for code in ["AAB", "AGP"] {
        state::Model {
            iso3: code.into(),
            iso2: None,
            m49: None,
            name: format!("Test entry {code}"),
            region: None,
            subregion: None,
            status: cna_directory::domain::StateStatus::Territory,
            parent_iso3: None,
            search_text: "test entry".into(),
            source: None,
            source_url: None,
            as_of: None,
            intermediate_region: None,
            names: None,
            note: None,
        }
        .into_active_model()
        .insert(&app.db)
        .await
        .unwrap();
    }
    let next = app.data(PAGE, json!({ "first": 2, "after": after })).await;
    assert_eq!(next["states"]["nodes"], json!([{ "iso3": "AGP" }, { "iso3": "AIA" }]));
}

#[tokio::test]
async fn bad_paging_and_codes_are_user_errors() {
    let app = spawn_app().await;
    let cases: [(&str, Value, &str, &str); 5] = [
        ("first above 100", json!({ "first": 101 }), "first", "between 0 and 100"),
        ("negative first", json!({ "first": -5 }), "first", "between 0 and 100"),
        ("garbage cursor", json!({ "after": "not-a-cursor" }), "after", "not a cursor"),
        ("unknown network", json!({ "filter": { "network": "NOPE" } }), "filter.network", "no network"),
        ("cursor of another shape", json!({ "after": "e30" }), "after", "not a cursor"),
    ];
    for (why, vars, field, message) in cases {
        let body = app.gql(PAGE, vars, None).await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{why}: {body:#}");
        let fields = &body["errors"][0]["extensions"]["fields"];
        assert_eq!(fields[0]["field"], field, "{why}");
        assert!(fields[0]["message"].as_str().unwrap().contains(message), "{why}: {body:#}");
        assert!(body["data"].is_null(), "{why}: no partial data");
    }
    let body = app.gql(r#"{ state(iso3: "FRANCE") { iso3 } }"#, json!({}), None).await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    assert!(body["errors"][0]["message"].as_str().unwrap().contains("alpha-3"));
}

#[tokio::test]
async fn statements_per_request_are_bounded_by_the_query_shape() {
    let app = spawn_app().await;
    let query = "query($first: Int) { states(first: $first) { totalCount nodes { iso3 parent { iso3 }
      memberships { status network { code links { network { code } } } state { iso3 } }
      parties { status convention { code legalBases { code } } } } } }";
    // One statement for the page, one for the count, and at most one per field that follows a key:
    // parent, memberships, network, links, links.network, state, parties, convention, legalBases; States are loaded
    // at two depths (parents, and the members' states), which may take two rounds of one loader.
    let bound = 2 + 10;
    for first in [5, 100] {
        let before = app.statements();
        app.data(query, json!({ "first": first })).await;
        let sent = app.statements() - before;
        assert!(sent <= bound, "{sent} statements for {first} States, more than the {bound} the query's shape allows");
    }
}

/// Relay's conventions: `first: 0` counts without rows, and PageInfo has both ends.
#[tokio::test]
async fn pages_follow_relay_conventions() {
    let app = spawn_app().await;
    let q = "query($first: Int, $after: String) { states(first: $first, after: $after) { totalCount nodes { iso3 }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }";
    let none = app.data(q, json!({ "first": 0 })).await;
    assert_eq!(none["states"]["totalCount"], 218);
    assert!(none["states"]["nodes"].as_array().unwrap().is_empty());
    assert_eq!(none["states"]["pageInfo"]["hasNextPage"], true);
    let first = app.data(q, json!({ "first": 2 })).await["states"]["pageInfo"].clone();
    assert_eq!(first["hasPreviousPage"], false);
    assert!(first["startCursor"].is_string());
    let next = app.data(q, json!({ "first": 2, "after": first["endCursor"] })).await["states"]["pageInfo"].clone();
    assert_eq!(next["hasPreviousPage"], true);
}

/// Without a `language` argument, names follow the request's `Accept-Language` among the UN languages — and a
/// cached answer in one language never answers a request in another.
#[tokio::test]
async fn names_follow_accept_language() {
    let app = crate::helpers::spawn_app().await;
    let ask = |accept: &'static str, query: &'static str| {
        let app = &app;
        async move {
            let response = app
                .client
                .post(format!("{}/graphql", app.address))
                .header("accept-language", accept)
                .json(&serde_json::json!({ "query": query }))
                .send()
                .await
                .unwrap();
            response.json::<serde_json::Value>().await.unwrap()["data"].clone()
        }
    };
    let q = "{ state(iso3: \"DEU\") { name } }";
    assert_eq!(ask("fr-CH, fr;q=0.9, en;q=0.8", q).await["state"]["name"], "Allemagne");
    assert_eq!(ask("es", q).await["state"]["name"], "Alemania", "not the French answer from the cache");
    assert_eq!(ask("de-DE, de", q).await["state"]["name"], "Germany", "no UN language named: English");
    let explicit = "{ state(iso3: \"DEU\") { name(language: RU) } }";
    assert_eq!(ask("fr", explicit).await["state"]["name"], "Германия", "the argument wins");
    let (_, page) = {
        let r = app
            .client
            .get(format!("{}/directory/DEU", app.address))
            .header("accept-language", "es")
            .send()
            .await
            .unwrap();
        (r.status(), r.text().await.unwrap())
    };
    assert!(page.contains("<h1><bdi>Alemania</bdi>"), "pages too");
}

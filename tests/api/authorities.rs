use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::helpers::{TestApp, error_code, spawn_app_with_demo};

const EVERYTHING: &str = "query($first: Int, $after: String, $filter: AuthorityFilter) {
  authorities(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id name localName acronym city languages channels lastConfirmedAt state { iso3 }
      designations { legalBasis { code function convention { code } } } networks { role network { code } } }
  }
}";

async fn ids(app: &TestApp, filter: Value) -> BTreeSet<String> {
    let nodes = app.all_nodes(EVERYTHING, json!({ "first": 100, "filter": filter }), "authorities").await;
    nodes.iter().map(|n| n["id"].as_str().unwrap().to_owned()).collect()
}

fn has(list: &Value, value: &str) -> bool {
    list.as_array().unwrap().iter().any(|v| v == value)
}

fn designated(a: &Value, test: impl Fn(&Value) -> bool) -> bool {
    a["designations"].as_array().unwrap().iter().any(|d| test(&d["legalBasis"]))
}

fn folded(v: &Value) -> String {
    cna_directory::domain::fold(v.as_str().unwrap_or(""))
}

/// Every filter alone and combined, each answer compared with the same selection made here over all authorities.
#[tokio::test]
async fn filters_alone_and_combined_select_what_they_say() {
    let app = spawn_app_with_demo().await;
    let all = app.all_nodes(EVERYTHING, json!({ "first": 100 }), "authorities").await;
    assert_eq!(all.len(), 187);
    let members = app.data(r#"{ network(code: "CARIN") { members { state { iso3 } } } }"#, json!({})).await;
    let carin: BTreeSet<String> = members["network"]["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["state"]["iso3"].as_str().unwrap().to_owned())
        .collect();
    let cutoff = (chrono::Utc::now() - chrono::Duration::days(100)).to_rfc3339();
    type Pred = Box<dyn Fn(&Value) -> bool>;
    let cases: Vec<(Value, Pred)> = vec![
        (json!({ "state": "fra" }), Box::new(|a| a["state"]["iso3"] == "FRA")),
        (json!({ "function": "FIREARMS" }), Box::new(|a| designated(a, |l| l["function"] == "FIREARMS"))),
        (json!({ "convention": "UNCAC" }), Box::new(|a| designated(a, |l| l["convention"]["code"] == "UNCAC"))),
        (json!({ "legalBasis": "untoc_31_6" }), Box::new(|a| designated(a, |l| l["code"] == "UNTOC_31_6"))),
        (json!({ "language": "fra" }), Box::new(|a| has(&a["languages"], "fr"))),
        (json!({ "channel": "DIPLOMATIC" }), Box::new(|a| has(&a["channels"], "DIPLOMATIC"))),
        (
            json!({ "network": "CARIN" }),
            Box::new(move |a| {
                carin.contains(a["state"]["iso3"].as_str().unwrap())
                    || a["networks"].as_array().unwrap().iter().any(|n| n["network"]["code"] == "CARIN")
            }),
        ),
        (
            json!({ "search": "MINISTERE de la justice" }),
            Box::new(|a| folded(&a["localName"]).contains("ministere de la justice")),
        ),
        (json!({ "search": "bogota" }), Box::new(|a| folded(&a["city"]) == "bogota")),
        (json!({ "search": "opg" }), Box::new(|a| a["acronym"] == "OPG")),
        (
            json!({ "confirmedBefore": cutoff }),
            Box::new({
                let cutoff = cutoff.clone();
                move |a| a["lastConfirmedAt"].as_str().is_none_or(|at| at < cutoff.as_str())
            }),
        ),
        (
            json!({ "function": "MUTUAL_LEGAL_ASSISTANCE", "convention": "UNCAC" }),
            Box::new(|a| {
                designated(a, |l| l["function"] == "MUTUAL_LEGAL_ASSISTANCE" && l["convention"]["code"] == "UNCAC")
            }),
        ),
        (json!({ "function": "MUTUAL_LEGAL_ASSISTANCE", "convention": "SOM_PROTOCOL" }), Box::new(|_| false)),
        (
            json!({ "state": "ESP", "language": "en", "channel": "DIRECT", "function": "EXTRADITION" }),
            Box::new(|a| {
                a["state"]["iso3"] == "ESP"
                    && has(&a["languages"], "en")
                    && has(&a["channels"], "DIRECT")
                    && designated(a, |l| l["function"] == "EXTRADITION")
            }),
        ),
        (
            json!({ "network": "IBERRED", "search": "fiscalia", "convention": "DRUGS_1988" }),
            Box::new(|a| {
                folded(&a["localName"]).contains("fiscalia")
                    && designated(a, |l| l["convention"]["code"] == "DRUGS_1988")
            }),
        ),
    ];
    for (filter, keep) in cases {
        let expected: BTreeSet<String> =
            all.iter().filter(|a| keep(a)).map(|a| a["id"].as_str().unwrap().to_owned()).collect();
        let got = ids(&app, filter.clone()).await;
        assert_eq!(got, expected, "filter {filter}");
        let total = app.data(EVERYTHING, json!({ "first": 1, "filter": filter })).await;
        assert_eq!(total["authorities"]["totalCount"], expected.len(), "totalCount for {filter}");
    }
}

#[tokio::test]
async fn pages_are_ordered_by_state_then_name_without_gaps_or_repeats() {
    let app = spawn_app_with_demo().await;
    let nodes = app.all_nodes(EVERYTHING, json!({ "first": 7 }), "authorities").await;
    assert_eq!(nodes.len(), 187);
    let keys: Vec<(String, String, String)> = nodes
        .iter()
        .map(|n| {
            (
                n["state"]["iso3"].as_str().unwrap().into(),
                n["name"].as_str().unwrap().into(),
                n["id"].as_str().unwrap().into(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    sorted.dedup();
    assert_eq!(sorted.len(), 187);

    // A State's own list pages the same way.
    let query = "query($after: String) { state(iso3: \"FRA\") { authorities(first: 3, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } nodes { id state { iso3 } } } } }";
    let first = app.data(query, json!({})).await;
    let conn = &first["state"]["authorities"];
    assert_eq!(conn["totalCount"], 4);
    assert_eq!(conn["pageInfo"]["hasNextPage"], true);
    let next = app.data(query, json!({ "after": conn["pageInfo"]["endCursor"] })).await;
    let rest = &next["state"]["authorities"];
    assert_eq!(rest["nodes"].as_array().unwrap().len(), 1);
    assert_eq!(rest["pageInfo"]["hasNextPage"], false);
    let fra: Vec<&Value> = nodes.iter().filter(|n| n["state"]["iso3"] == "FRA").collect();
    assert_eq!(rest["nodes"][0]["id"], fra[3]["id"]);
}

#[tokio::test]
async fn one_authority_by_id() {
    let app = spawn_app_with_demo().await;
    let page = app.data(EVERYTHING, json!({ "first": 1, "filter": { "state": "GBR" } })).await;
    let id = page["authorities"]["nodes"][0]["id"].clone();
    let data = app
        .data(
            "query($id: ID!) { authority(id: $id) { id name email website phone timeZone officeHours version createdAt
               updatedAt notes transmissionMeans urgentChannels urgentNotes requirements postalAddress
               designations { id scope notifiedOn conventionAcceptedAsLegalBasis authority { id } } } }",
            json!({ "id": id }),
        )
        .await;
    let a = &data["authority"];
    assert_eq!(a["id"], id);
    assert_eq!(a["version"], 1);
    assert!(a["notes"].as_str().unwrap().starts_with("SAMPLE ENTRY"), "samples say so");
    assert!(a["email"].as_str().unwrap().ends_with(".example"), "reserved domain");
    assert!(a["phone"].as_str().unwrap().starts_with("+4420794600"), "the range reserved for fiction");
    assert_eq!(a["timeZone"], "Europe/London");
    assert!(a["designations"].as_array().unwrap().iter().all(|d| d["authority"]["id"] == id));

    let none = app.data("query($id: ID!) { authority(id: $id) { id } }", json!({ "id": uuid::Uuid::new_v4() })).await;
    assert!(none["authority"].is_null());
}

#[tokio::test]
async fn bad_filters_and_ids_are_user_errors_naming_each_field() {
    let app = spawn_app_with_demo().await;
    let cases: Vec<(&str, Value, Vec<&str>)> = vec![
        ("unknown State", json!({ "filter": { "state": "ZZZ" } }), vec!["filter.state"]),
        ("malformed State", json!({ "filter": { "state": "FRANCE" } }), vec!["filter.state"]),
        ("unknown convention", json!({ "filter": { "convention": "NOPE" } }), vec!["filter.convention"]),
        ("unknown legal basis", json!({ "filter": { "legalBasis": "UNTOC_99" } }), vec!["filter.legalBasis"]),
        ("unknown network", json!({ "filter": { "network": "NOPE" } }), vec!["filter.network"]),
        ("not a language", json!({ "filter": { "language": "xx" } }), vec!["filter.language"]),
        (
            "three at once",
            json!({ "filter": { "state": "ZZZ", "network": "NOPE", "language": "klingon" } }),
            vec!["filter.state", "filter.network", "filter.language"],
        ),
        ("page too large", json!({ "first": 500 }), vec!["first"]),
        ("foreign cursor", json!({ "after": "IkZSQSI" }), vec!["after"]),
    ];
    for (why, vars, fields) in cases {
        let body = app.gql(EVERYTHING, vars, None).await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{why}: {body:#}");
        let got: Vec<&str> = body["errors"][0]["extensions"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["field"].as_str().unwrap())
            .collect();
        assert_eq!(got, fields, "{why}");
    }
    for id in ["not-a-uuid", "", "1234"] {
        let body = app.gql("query($id: ID!) { authority(id: $id) { id } }", json!({ "id": id }), None).await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{id:?}");
    }
    let body = app.gql("{ authorities(filter: {channel: CARRIER_PIGEON}) { totalCount } }", json!({}), None).await;
    assert_eq!(error_code(&body), "GRAPHQL_VALIDATION_FAILED");
}

#[tokio::test]
async fn deleted_authorities_vanish_from_every_read() {
    use cna_directory::db::entities::authority;
    use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};

    let app = spawn_app_with_demo().await;
    let query = r#"query($id: ID!) {
      authority(id: $id) { id }
      authorities(filter: {state: "ESP"}) { totalCount }
      state(iso3: "ESP") { authorities { totalCount } }
      network(code: "EJN") { contactPoints { authority { id } } }
      route(from: "FRA", to: "ESP", function: MUTUAL_LEGAL_ASSISTANCE) { authorities { id } contactPoints { authority { id } } }
    }"#;
    let page = app
        .data(
            EVERYTHING,
            json!({ "filter": { "state": "ESP", "network": "EJN", "function": "MUTUAL_LEGAL_ASSISTANCE" } }),
        )
        .await;
    let id = page["authorities"]["nodes"][0]["id"].as_str().unwrap().to_owned();
    let before = app.data(query, json!({ "id": id })).await;
    assert_eq!(before["authority"]["id"], id.as_str());
    assert!(before.to_string().matches(&id).count() >= 4);

    let row = authority::Entity::find_by_id(uuid::Uuid::parse_str(&id).unwrap()).one(&app.db).await.unwrap().unwrap();
    let mut row = row.into_active_model();
    row.deleted_at = Set(Some(chrono::Utc::now()));
    row.update(&app.db).await.unwrap();

    let after = app.data(query, json!({ "id": id })).await;
    assert!(after["authority"].is_null());
    assert!(!after.to_string().contains(&id), "no path reaches a deleted authority: {after:#}");
    assert_eq!(
        after["authorities"]["totalCount"].as_i64().unwrap(),
        before["authorities"]["totalCount"].as_i64().unwrap() - 1
    );
    assert_eq!(after["state"]["authorities"]["totalCount"], after["authorities"]["totalCount"]);
}

#[tokio::test]
async fn sample_data_loads_once_and_is_marked() {
    let app = spawn_app_with_demo().await;
    assert_eq!(cna_directory::db::demo::load(&app.db).await.unwrap(), 0, "loading twice adds nothing");
    let nodes = app
        .all_nodes(
            "query($after: String) { authorities(first: 100, after: $after) {
               pageInfo { hasNextPage endCursor } nodes { notes email website state { region } networks { role network { code } } } } }",
            json!({}),
            "authorities",
        )
        .await;
    let regions: BTreeSet<&str> = nodes.iter().map(|n| n["state"]["region"].as_str().unwrap()).collect();
    assert_eq!(regions, BTreeSet::from(["Africa", "Americas", "Asia", "Europe", "Oceania"]));
    for n in &nodes {
        assert!(n["notes"].as_str().unwrap().contains("SAMPLE ENTRY"), "{n}");
        assert!(n["email"].as_str().unwrap().ends_with(".example"), "{n}");
        assert!(n["website"].as_str().unwrap().ends_with(".example"), "{n}");
    }
    let roles: BTreeSet<String> = nodes
        .iter()
        .flat_map(|n| n["networks"].as_array().unwrap().iter())
        .map(|r| format!("{} {}", r["network"]["code"].as_str().unwrap(), r["role"].as_str().unwrap()))
        .collect();
    for role in ["CARIN LAW_ENFORCEMENT", "CARIN JUDICIAL", "EJN CONTACT_POINT", "IBERRED CONTACT_POINT"] {
        assert!(roles.contains(role), "samples hold {role}: {roles:?}");
    }
}

#[tokio::test]
async fn statements_per_request_do_not_grow_with_the_page() {
    let app = spawn_app_with_demo().await;
    let query = "query($first: Int) { authorities(first: $first) { totalCount nodes { name languages channels
        state { name } designations { legalBasis { code convention { code } } } contacts { name }
        networks { role network { code } } } } }";
    let mut counts = Vec::new();
    for first in [5, 100] {
        let before = app.statements();
        let data = app.data(query, json!({ "first": first })).await;
        assert_eq!(data["authorities"]["nodes"].as_array().unwrap().len(), first);
        counts.push(app.statements() - before);
    }
    assert_eq!(counts[0], counts[1], "statements for 5 and for 100 authorities");
}

#[tokio::test]
async fn the_synthetic_directory_is_the_same_for_the_same_seed() {
    let query = "{ authorities(first: 5) { totalCount nodes { id name languages channels state { iso3 } contacts { name } } } }";
    let mut answers = Vec::new();
    for _ in 0..2 {
        let app = crate::helpers::spawn_app().await;
        assert_eq!(cna_directory::db::synthetic::load(&app.db, 300, 7).await.unwrap(), 300);
        assert_eq!(cna_directory::db::synthetic::load(&app.db, 300, 7).await.unwrap(), 0, "loading again adds nothing");
        answers.push(app.data(query, json!({})).await);
    }
    assert_eq!(answers[0], answers[1]);
    assert_eq!(answers[0]["authorities"]["totalCount"], 300);
}

/// Search reads an index (a trigram index on PostgreSQL, an FTS5 trigram table on SQLite) and answers exactly what
/// reading every row would: checked against the folded text of every sample, for words, parts of words, accented
/// and short terms and the characters a pattern escapes; and kept current when a name changes.
#[tokio::test]
async fn search_answers_what_a_scan_would() {
    use cna_directory::db::entities::authority;
    use cna_directory::domain::fold;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let app = crate::helpers::spawn_app_with_demo().await;
    let rows = authority::Entity::find().filter(authority::Column::DeletedAt.is_null()).all(&app.db).await.unwrap();
    let q = "query($s: String!) { authorities(filter: {search: $s}, first: 100) { totalCount nodes { id } } }";
    for term in ["justice", "Ministère", "minist", "cion", "é", "ab", "x", "police no", "%", "_", "100%", "ça"] {
        let folded = fold(term);
        let expected = rows.iter().filter(|a| a.search_text.contains(&folded)).count();
        let found = app.data(q, json!({ "s": term })).await;
        assert_eq!(found["authorities"]["totalCount"].as_u64().unwrap() as usize, expected, "{term}");
        assert_eq!(found["authorities"]["nodes"].as_array().unwrap().len(), expected.min(100), "{term}");
    }
    // A renamed entry is found by its new name and no longer by its old one.
    let fra = crate::helpers::token("focal_point", Some("FRA"), None);
    let mut input = crate::writes::another_authority_input();
    input["name"] = json!("Bureau Zéphyrin");
    let created = app.data_as(&fra, crate::writes::CREATE, json!({ "input": input })).await;
    let id = created["createAuthority"]["id"].clone();
    let rename =
        "mutation($id: ID!) { updateAuthority(id: $id, expectedVersion: 1, input: {name: \"Bureau Quillon\"}) { id } }";
    app.data_as(&fra, rename, json!({ "id": id })).await;
    let count = |s: &'static str| {
        let app = &app;
        async move { app.data(q, json!({ "s": s })).await["authorities"]["totalCount"].as_u64().unwrap() }
    };
    assert_eq!(count("zephyrin").await, 0, "the old name is gone from the index");
    assert_eq!(count("quillon").await, 1);
}

/// A search term that matches more than 1,000 authorities counts 1,000 and says so, unless the list is asked to
/// count every match; a narrower term, and a list without a term, count exactly.
#[tokio::test]
async fn a_broad_search_counts_up_to_a_thousand_unless_asked_for_every_match() {
    let app = crate::helpers::spawn_app().await;
    cna_directory::db::synthetic::load(&app.db, 1_050, 42).await.unwrap();
    let q = "query($s: String, $exact: Boolean) { authorities(filter: {search: $s}, first: 3, exactCount: $exact) {
        totalCount totalCountIsExact nodes { id } } }";
    let counted = |s: Option<&'static str>, exact: Option<bool>| {
        let app = &app;
        async move {
            let found = app.data(q, json!({ "s": s, "exact": exact })).await;
            let list = &found["authorities"];
            assert_eq!(list["nodes"].as_array().unwrap().len(), 3, "{found}");
            (list["totalCount"].as_u64().unwrap(), list["totalCountIsExact"].as_bool().unwrap())
        }
    };
    // Every synthetic authority is numbered ("no. N").
    assert_eq!(counted(Some("no."), None).await, (1_000, false), "stops at the bound");
    assert_eq!(counted(Some("no."), Some(false)).await, (1_000, false));
    assert_eq!(counted(Some("no."), Some(true)).await, (1_050, true), "every match, when asked");
    assert_eq!(counted(None, None).await, (1_050, true), "no term: exact");
    assert_eq!(counted(Some(" "), None).await, (1_050, true), "a blank term is no term");
    let narrow = counted(Some("no. 104"), None).await;
    assert!(narrow.1 && narrow.0 >= 1 && narrow.0 < 1_000, "a narrow term counts exactly: {narrow:?}");
}

use std::collections::HashSet;

use serde_json::json;

use crate::helpers::{EU27, sorted_strings, spawn_app};

const MEMBERS: &str = "query($code: String!, $status: MembershipStatus) {
  network(code: $code) { code members(status: $status) { status state { iso3 } network { code } } }
}";

async fn members(app: &crate::helpers::TestApp, code: &str, status: Option<&str>) -> Vec<String> {
    let data = app.data(MEMBERS, json!({ "code": code, "status": status })).await;
    sorted_strings(&data["network"]["members"], |m| &m["state"]["iso3"])
}

#[tokio::test]
async fn ejn_is_the_27_member_states() {
    let app = spawn_app().await;
    assert_eq!(members(&app, "EJN", None).await, EU27);
    assert_eq!(members(&app, "ejn", Some("MEMBER")).await, EU27, "codes in any case");
}

#[tokio::test]
async fn eurojust_members_liaison_states_and_agreements() {
    let app = spawn_app().await;
    let liaison = members(&app, "EUROJUST", Some("LIAISON")).await;
    assert_eq!(liaison, ["ALB", "CHE", "GBR", "GEO", "ISL", "MDA", "MKD", "MNE", "NOR", "SRB", "UKR", "USA"]);
    let agreements = members(&app, "EUROJUST", Some("COOPERATION_AGREEMENT")).await;
    assert_eq!(agreements, ["ARM", "DNK", "LIE"]);
    let full: Vec<String> = EU27.iter().filter(|c| **c != "DNK").map(|c| c.to_string()).collect();
    assert_eq!(members(&app, "EUROJUST", Some("MEMBER")).await, full);
}

#[tokio::test]
async fn iberred_and_carin_members() {
    let app = spawn_app().await;
    let iberred = members(&app, "IBERRED", None).await;
    assert_eq!(iberred.len(), 24);
    for code in ["BRA", "ESP", "PRT", "PRI", "GNQ", "MEX", "AND"] {
        assert!(iberred.contains(&code.to_owned()), "IberRed has {code}");
    }
    // Andorra and Equatorial Guinea are listed, marked unconfirmed, each with its source and date.
    let q = r#"{ network(code: "IBERRED") { members { state { iso3 } unconfirmed source sourceUrl asOf } } }"#;
    let data = app.data(q, json!({})).await;
    let listed = data["network"]["members"].as_array().unwrap();
    let of = |code: &str| listed.iter().find(|m| m["state"]["iso3"] == code).unwrap().clone();
    assert_eq!(of("AND")["unconfirmed"], true);
    assert_eq!(of("GNQ")["unconfirmed"], true);
    assert_eq!(of("ESP")["unconfirmed"], false);
    assert!(
        listed.iter().all(|m| m["source"].as_str().is_some_and(|s| !s.is_empty())),
        "every membership has a source"
    );
    let carin = members(&app, "CARIN", None).await;
    assert_eq!(carin.len(), 59);
    for code in ["GIB", "GGY", "JEY", "IMN", "XKX", "ZAF", "USA"] {
        assert!(carin.contains(&code.to_owned()), "CARIN has {code}");
    }
}

#[tokio::test]
async fn networks_filter_by_kind_and_region_and_show_links() {
    let app = spawn_app().await;
    let data = app
        .data(
            r#"{
              all: networks { code }
              arn: networks(filter: {kind: ASSET_RECOVERY_NETWORK}) { code kind }
              africa: networks(filter: {region: "africa"}) { code }
              both: networks(filter: {kind: JUDICIAL_NETWORK, region: "West Africa"}) { code }
              iberred: network(code: "IBERRED") { name kind secretariat foundedYear website links { kind network { code } } }
              ejn: network(code: "EJN") { foundedOn links { kind network { code } } }
              none: network(code: "NOPE") { code }
            }"#,
            json!({}),
        )
        .await;
    assert_eq!(data["all"].as_array().unwrap().len(), 22);
    assert_eq!(data["arn"].as_array().unwrap().len(), 9);
    let africa: HashSet<&str> =
        data["africa"].as_array().unwrap().iter().map(|n| n["code"].as_str().unwrap()).collect();
    assert_eq!(africa, HashSet::from(["ARINSA", "ARIN_WA", "ARIN_EA", "WACAP", "MENA_ARIN"]));
    assert_eq!(data["both"], json!([{ "code": "WACAP" }]));
    assert_eq!(data["iberred"]["kind"], "JUDICIAL_NETWORK");
    assert_eq!(data["iberred"]["foundedYear"], 2004);
    assert_eq!(
        data["iberred"]["links"],
        json!([{ "kind": "MOU", "network": { "code": "EJN" } }, { "kind": "MOU", "network": { "code": "EUROJUST" } }])
    );
    assert_eq!(data["ejn"]["foundedOn"], "1998-06-29");
    assert_eq!(
        data["ejn"]["links"],
        json!([{ "kind": "MOU", "network": { "code": "IBERRED" } }]),
        "links read both ways"
    );
    assert!(data["none"].is_null());
}

#[tokio::test]
async fn the_bali_process_has_states_and_organisations_as_members() {
    let app = spawn_app().await;
    let q = r#"{ network(code: "BALI_PROCESS") { kind source asOf
        members { state { iso3 } source }
        organizationMembers { organization { code name } status source } } }"#;
    let data = app.data(q, json!({})).await;
    let bali = &data["network"];
    assert_eq!(bali["kind"], "FORUM");
    let organisations: Vec<&str> = bali["organizationMembers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["organization"]["code"].as_str().unwrap())
        .collect();
    assert_eq!(organisations, ["ILO", "IOM", "UNHCR", "UNODC"]);
    assert!(!bali["members"].as_array().unwrap().is_empty());
    assert!(bali["members"].as_array().unwrap().iter().any(|m| m["state"]["iso3"] == "AUS"));
}

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
    assert_eq!(iberred.len(), 23);
    for code in ["BRA", "ESP", "PRT", "PRI", "GNQ", "MEX"] {
        assert!(iberred.contains(&code.to_owned()), "IberRed has {code}");
    }
    assert!(!iberred.contains(&"AND".to_owned()), "Andorra is left out until confirmed");
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
    assert_eq!(data["all"].as_array().unwrap().len(), 19);
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

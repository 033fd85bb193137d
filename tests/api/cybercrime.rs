//! The two cybercrime conventions of reference release 11: the UN Convention against Cybercrime (signed, not in force)
//! and the Council of Europe's Convention on Cybercrime with its 24/7 Network.

use serde_json::json;

use crate::helpers::{sorted_strings, spawn_app};
use crate::reference::as_release;
use cna_directory::db::reference;

/// The two cybercrime conventions: the UN Convention, signed but not in force (its entry into force stays unknown, and
/// every UN member is either a signatory or not, as the depositary counted them), and the Budapest Convention with
/// its 24/7 Network, which the route answers for like any other legal basis.
#[tokio::test]
async fn the_cybercrime_conventions_their_24_7_network_and_their_participants() {
    let app = spawn_app().await;
    let data = app
        .data(
            r#"{
              un: convention(code: "UN_CYBERCRIME") { adoptedOn openedForSignatureOn entryIntoForceOn legalBases { code } }
              budapest: convention(code: "budapest") { title entryIntoForceOn legalBases { code article function } }
              network: legalBases(function: CONTACT_POINT_24_7) { code article text convention { code } }
              label: enumLabels(enum: AUTHORITY_FUNCTION) { value label { text } }
              fra: state(iso3: "FRA") { parties { convention { code } status since signedOn } }
              usa: state(iso3: "USA") { parties { convention { code } status since asOf } }
              route(from: "FRA", to: "USA", function: CONTACT_POINT_24_7, convention: "UN_CYBERCRIME") {
                bothParties warnings
              }
              budapestRoute: route(from: "FRA", to: "USA", function: CONTACT_POINT_24_7, convention: "BUDAPEST") {
                bothParties
              }
              ireland: state(iso3: "IRL") { parties { convention { code } status signedOn } }
              curacao: state(iso3: "CUW") { parties { convention { code } status action since } }
            }"#,
            json!({}),
        )
        .await;
    assert_eq!(data["un"]["adoptedOn"], "2024-12-24", "{data:#}");
    assert_eq!(data["un"]["openedForSignatureOn"], "2025-10-25");
    assert!(data["un"]["entryIntoForceOn"].is_null(), "not in force: {data:#}");
    assert_eq!(data["un"]["legalBases"], json!([]), "its articles were not read: no legal basis is invented");
    assert_eq!(data["budapest"]["title"], "Convention on Cybercrime");
    assert_eq!(data["budapest"]["entryIntoForceOn"], "2004-07-01");
    assert_eq!(
        sorted_strings(&data["budapest"]["legalBases"], |l| &l["code"]),
        ["BUDAPEST_24_7", "BUDAPEST_27_2", "BUDAPEST_35"]
    );
    let network = &data["network"][0];
    assert_eq!((network["code"].as_str(), network["article"].as_str()), (Some("BUDAPEST_35"), Some("35")));
    assert!(network["text"].as_str().unwrap().contains("twenty-four hour, seven-day-a-week"), "{network}");
    let label = data["label"].as_array().unwrap().iter().find(|l| l["value"] == "CONTACT_POINT_24_7").unwrap();
    assert_eq!(label["label"]["text"], "24/7 Network");
    let of = |state: &str, code: &str| {
        data[state]["parties"].as_array().unwrap().iter().find(|p| p["convention"]["code"] == code).cloned().unwrap()
    };
    assert_eq!(of("fra", "BUDAPEST")["since"], "2006-01-10");
    assert_eq!(of("fra", "UN_CYBERCRIME")["status"], "SIGNATORY");
    assert_eq!(of("fra", "UN_CYBERCRIME")["signedOn"], "2025-10-25");
    assert_eq!(of("usa", "UN_CYBERCRIME")["status"], "NOT_PARTY", "not among the signatories the depositary counted");
    assert_eq!(of("usa", "UN_CYBERCRIME")["asOf"], "2025-11-16");
    assert_eq!(of("usa", "BUDAPEST")["since"], "2006-09-29", "a Party outside the Council of Europe");
    assert_eq!(of("ireland", "BUDAPEST")["status"], "SIGNATORY");
    assert_eq!(of("ireland", "BUDAPEST")["signedOn"], "2002-02-28");
    assert_eq!(data["budapestRoute"]["bothParties"], true, "{data:#}");
    let curacao = of("curacao", "BUDAPEST");
    assert_eq!(
        (curacao["action"].as_str(), curacao["since"].as_str()),
        (Some("TERRITORIAL_APPLICATION"), Some("2024-10-01"))
    );
    assert_eq!(data["route"]["bothParties"], false, "{data:#}");
    let warnings = data["route"]["warnings"].to_string();
    assert!(
        warnings.contains("United States of America is not a party to the Convention against Cybercrime"),
        "{warnings}"
    );
    assert!(warnings.contains("France is not a party") && warnings.contains("(signatory only)"), "{warnings}");
    assert!(warnings.contains("no authority designated for contact point 24/7 under the Convention"), "{warnings}");
}

/// A database of release 10 gets release 11 as a diff on start: the two conventions, their legal bases and their
/// participants, and the two Smuggling of Migrants Protocol cells it settles, each with its source.
#[tokio::test]
async fn release_11_brings_the_cybercrime_conventions_to_a_database_of_release_10() {
    let new = ["UN_CYBERCRIME", "BUDAPEST"];
    let mut conventions: serde_json::Value = serde_json::from_str(include_str!("../../data/conventions.json")).unwrap();
    conventions["conventions"].as_array_mut().unwrap().retain(|c| !new.contains(&c["code"].as_str().unwrap()));
    conventions["legal_bases"].as_array_mut().unwrap().retain(|b| !new.contains(&b["convention"].as_str().unwrap()));
    let mut treaties: serde_json::Value = serde_json::from_str(include_str!("../../data/treaties.json")).unwrap();
    let instruments = treaties["instruments"].as_array_mut().unwrap();
    instruments.retain(|i| !new.contains(&i["convention"].as_str().unwrap()));
    for som in instruments.iter_mut().filter(|i| i["convention"] == "SOM_PROTOCOL") {
        som["participants"].as_array_mut().unwrap().retain(|p| p["state"] != "NPL" && p["state"] != "VNM");
    }
    let release = reference::ReferenceData::parse(
        &as_release(include_str!("../../data/states.json"), 10),
        &as_release(&conventions.to_string(), 10),
        &as_release(include_str!("../../data/networks.json"), 10),
        Some(&as_release(&treaties.to_string(), 10)),
    )
    .unwrap();
    let app = crate::helpers::spawn_app_on_release(release).await;
    let query = r#"{
      budapest: convention(code: "BUDAPEST") { legalBases { code } }
      usa: state(iso3: "USA") { parties { convention { code } status source } }
      vnm: state(iso3: "VNM") { parties { convention { code } status asOf } }
    }"#;
    let before = app.data(query, json!({})).await;
    assert!(before["budapest"].is_null(), "release 10 has no Budapest Convention: {before:#}");
    assert!(reference::load(&app.db).await.unwrap() > 300, "the release's rows are applied");
    let after = app.data(query, json!({})).await;
    assert_eq!(
        sorted_strings(&after["budapest"]["legalBases"], |b| &b["code"]),
        ["BUDAPEST_24_7", "BUDAPEST_27_2", "BUDAPEST_35"]
    );
    let of = |state: &str, code: &str| {
        after[state]["parties"].as_array().unwrap().iter().find(|p| p["convention"]["code"] == code).cloned()
    };
    let usa = of("usa", "BUDAPEST").unwrap();
    assert_eq!(usa["status"], "PARTY");
    assert!(usa["source"].as_str().unwrap().contains("U.S. Joins Council of Europe Convention"), "{usa}");
    assert_eq!(of("usa", "UN_CYBERCRIME").unwrap()["status"], "NOT_PARTY");
    let vnm = of("vnm", "SOM_PROTOCOL").unwrap();
    assert_eq!((vnm["status"].as_str(), vnm["asOf"].as_str()), (Some("NOT_PARTY"), Some("2022-07-07")));
}

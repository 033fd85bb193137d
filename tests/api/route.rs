use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app_with_demo};

const ROUTE: &str = "query($from: String!, $to: String!, $function: AuthorityFunction!, $convention: String) {
  route(from: $from, to: $to, function: $function, convention: $convention) {
    requestingState { iso3 } requestedState { iso3 name }
    authorities { id name languages channels transmissionMeans urgentChannels urgentNotes lastConfirmedAt
      state { iso3 } designations { legalBasis { function convention { code } } } }
    sharedNetworks { code }
    contactPoints { role network { code } authority { state { iso3 } } }
    bothParties warnings
  }
}";

async fn route(app: &TestApp, from: &str, to: &str, function: &str, convention: Option<&str>) -> Value {
    let data = app.data(ROUTE, json!({ "from": from, "to": to, "function": function, "convention": convention })).await;
    data["route"].clone()
}

fn warned(route: &Value, part: &str) -> bool {
    route["warnings"].as_array().unwrap().iter().any(|w| w.as_str().unwrap().contains(part))
}

#[tokio::test]
async fn where_a_request_goes_and_how() {
    let app = spawn_app_with_demo().await;
    let r = route(&app, "fra", "ESP", "MUTUAL_LEGAL_ASSISTANCE", Some("UNTOC")).await;
    assert_eq!(r["requestingState"]["iso3"], "FRA");
    assert_eq!(r["requestedState"]["iso3"], "ESP");
    let authorities = r["authorities"].as_array().unwrap();
    assert_eq!(authorities.len(), 1);
    let a = &authorities[0];
    assert_eq!(a["state"]["iso3"], "ESP");
    assert!(
        a["designations"].as_array().unwrap().iter().any(|d| d["legalBasis"]["function"] == "MUTUAL_LEGAL_ASSISTANCE"
            && d["legalBasis"]["convention"]["code"] == "UNTOC")
    );
    for field in ["languages", "channels", "transmissionMeans", "urgentChannels"] {
        assert!(!a[field].as_array().unwrap().is_empty(), "{field}");
    }
    assert!(a["urgentNotes"].is_string());
    let shared: BTreeSet<&str> =
        r["sharedNetworks"].as_array().unwrap().iter().map(|n| n["code"].as_str().unwrap()).collect();
    assert_eq!(shared, BTreeSet::from(["BALI_PROCESS", "CARIN", "EJN", "EUROJUST"]));
    let points: BTreeSet<String> = r["contactPoints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            assert_eq!(p["authority"]["state"]["iso3"], "ESP", "only the requested State's contact points");
            format!("{} {}", p["network"]["code"].as_str().unwrap(), p["role"].as_str().unwrap())
        })
        .collect();
    assert_eq!(
        points,
        BTreeSet::from(["CARIN JUDICIAL".into(), "CARIN LAW_ENFORCEMENT".into(), "EJN CONTACT_POINT".into()])
    );
    assert_eq!(r["bothParties"], true, "both are parties to the Organized Crime Convention");
    assert!(!warned(&r, "party") && !warned(&r, "participation"), "{r:#}");

    // Extradition under the 1988 Convention goes to the prosecution service instead.
    let r = route(&app, "FRA", "ESP", "EXTRADITION", Some("DRUGS_1988")).await;
    let names: Vec<&str> = r["authorities"].as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Office of the Prosecutor General"]);
    // Without a convention, every designation for the function counts and party status is not asked.
    let r = route(&app, "FRA", "ESP", "EXTRADITION", None).await;
    assert_eq!(r["authorities"].as_array().unwrap().len(), 2);
    assert!(r["bothParties"].is_null());
    assert!(!warned(&r, "party"));
}

/// Participation comes from the depositary's record shipped in `data/treaties.json`.
#[tokio::test]
async fn both_parties_from_the_treaty_participation_data() {
    let app = spawn_app_with_demo().await;
    let r = route(&app, "FRA", "ESP", "MUTUAL_LEGAL_ASSISTANCE", Some("untoc")).await;
    assert_eq!(r["bothParties"], true, "{r:#}");
    assert!(!warned(&r, "party") && !warned(&r, "participation"), "no false warning: {r:#}");
    // Signatory only: known not to be a party, and the warning says so, with the record's date.
    let r = route(&app, "FRA", "JPN", "MUTUAL_LEGAL_ASSISTANCE", Some("FIREARMS_PROTOCOL")).await;
    assert_eq!(r["bothParties"], false, "{r:#}");
    assert!(warned(&r, "Japan is not a party to the Firearms Protocol (signatory only) as of 20"), "{r:#}");
    // No action recorded by the depositary.
    let r = route(&app, "FRA", "TUV", "MUTUAL_LEGAL_ASSISTANCE", Some("DRUGS_1988")).await;
    assert_eq!(r["bothParties"], false, "{r:#}");
    assert!(warned(&r, "Tuvalu is not a party to the"), "{r:#}");
    // Unknown: Guernsey has no participation of its own in the record.
    let r = route(&app, "FRA", "GGY", "MUTUAL_LEGAL_ASSISTANCE", Some("UNTOC")).await;
    assert!(r["bothParties"].is_null(), "{r:#}");
    assert!(warned(&r, "Guernsey's participation in the Organized Crime Convention is not recorded"), "{r:#}");
    assert!(!warned(&r, "France"), "France is a party: {r:#}");
}

#[tokio::test]
async fn each_warning() {
    let app = spawn_app_with_demo().await;
    // Nothing designated: Belgium has no sample authorities.
    let r = route(&app, "FRA", "BEL", "MUTUAL_LEGAL_ASSISTANCE", None).await;
    assert!(r["authorities"].as_array().unwrap().is_empty());
    assert!(warned(&r, "Belgium has no authority designated for mutual legal assistance"), "{r:#}");
    // Gaps in the samples: every fifth State has no anti-corruption body.
    let r = route(&app, "FRA", "CHE", "CORRUPTION_PREVENTION", Some("UNCAC")).await;
    assert!(
        warned(&r, "no authority designated for corruption prevention under the Convention against Corruption"),
        "{r:#}"
    );

    // Never confirmed, and confirmed over a year ago: find one of each among the samples.
    let nodes = app
        .all_nodes(
            "query($after: String) { authorities(first: 100, after: $after, filter: {function: MUTUAL_LEGAL_ASSISTANCE}) {
               pageInfo { hasNextPage endCursor } nodes { name lastConfirmedAt state { iso3 } } } }",
            json!({}),
            "authorities",
        )
        .await;
    let year_ago = (chrono::Utc::now() - chrono::Duration::days(365)).to_rfc3339();
    let never = nodes.iter().find(|n| n["lastConfirmedAt"].is_null()).expect("a never-confirmed sample");
    let stale = nodes
        .iter()
        .find(|n| n["lastConfirmedAt"].as_str().is_some_and(|at| at < year_ago.as_str()))
        .expect("a stale sample");
    let fresh = nodes
        .iter()
        .find(|n| n["lastConfirmedAt"].as_str().is_some_and(|at| at > year_ago.as_str()))
        .expect("a fresh sample");
    let r = route(&app, "FRA", never["state"]["iso3"].as_str().unwrap(), "MUTUAL_LEGAL_ASSISTANCE", None).await;
    assert!(warned(&r, "has never been confirmed"), "{r:#}");
    let r = route(&app, "FRA", stale["state"]["iso3"].as_str().unwrap(), "MUTUAL_LEGAL_ASSISTANCE", None).await;
    assert!(warned(&r, "more than 6 months ago (the review period)"), "{r:#}");
    let r = route(&app, "FRA", fresh["state"]["iso3"].as_str().unwrap(), "MUTUAL_LEGAL_ASSISTANCE", None).await;
    assert!(!warned(&r, "confirmed"), "{r:#}");

    // Unknown or malformed codes answer with warnings, not errors.
    let r = route(&app, "ZZZ", "ESP", "MUTUAL_LEGAL_ASSISTANCE", None).await;
    assert!(r["requestingState"].is_null());
    assert!(warned(&r, "No State with the code ZZZ"));
    assert!(r["sharedNetworks"].as_array().unwrap().is_empty());
    let r = route(&app, "FRA", "Spain", "MUTUAL_LEGAL_ASSISTANCE", None).await;
    assert!(r["requestedState"].is_null());
    assert!(r["authorities"].as_array().unwrap().is_empty());
    assert!(warned(&r, "`Spain` is not an ISO 3166-1 alpha-3 code"));
    let r = route(&app, "FRA", "ESP", "MUTUAL_LEGAL_ASSISTANCE", Some("NOPE")).await;
    assert!(warned(&r, "No convention has the code `NOPE`"));
    assert!(r["bothParties"].is_null());
    let r = route(&app, "FRA", "FRA", "MUTUAL_LEGAL_ASSISTANCE", None).await;
    assert!(warned(&r, "the same"));
}

use cna_directory::db::{
    entities::{network_membership, state},
    reference,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, Set, sea_query::Expr,
};
use serde_json::json;

use crate::helpers::spawn_app;

#[tokio::test]
async fn loading_again_changes_nothing() {
    let app = spawn_app().await;
    let states = state::Entity::find().count(&app.db).await.unwrap();
    let memberships = network_membership::Entity::find().count(&app.db).await.unwrap();
    assert_eq!(reference::load(&app.db).await.unwrap(), 0);
    assert_eq!(state::Entity::find().count(&app.db).await.unwrap(), states);
    assert_eq!(network_membership::Entity::find().count(&app.db).await.unwrap(), memberships);
}

#[tokio::test]
async fn loading_never_restores_what_was_changed_later() {
    let app = spawn_app().await;
    let fra = state::Entity::find_by_id("FRA").one(&app.db).await.unwrap().unwrap();
    let mut renamed = fra.into_active_model();
    renamed.name = Set("République française".into());
    renamed.update(&app.db).await.unwrap();
    network_membership::Entity::delete_by_id(("EJN".to_owned(), "FRA".to_owned())).exec(&app.db).await.unwrap();

    assert_eq!(reference::load(&app.db).await.unwrap(), 0);

    let data = app.data(r#"{ state(iso3: "FRA") { name memberships { network { code } } } }"#, json!({})).await;
    assert_eq!(data["state"]["name"], "République française");
    let networks: Vec<&str> = data["state"]["memberships"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["network"]["code"].as_str().unwrap())
        .collect();
    assert!(!networks.contains(&"EJN"), "a removed membership stays removed: {networks:?}");
}

#[test]
fn shipped_data_is_consistent() {
    let data = reference::ReferenceData::shipped().expect("data files parse");
    let codes: std::collections::HashSet<&str> = data.states().iter().map(|s| s.iso3.as_str()).collect();
    for s in data.states() {
        assert_eq!(s.iso3.len(), 3, "{s:?}");
        assert!(s.iso2.as_ref().is_none_or(|c| c.len() == 2), "{s:?}");
        assert!(s.m49.as_ref().is_none_or(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_digit())), "{s:?}");
        assert!(s.parent_iso3.as_deref().is_none_or(|p| codes.contains(p)), "{s:?}");
    }
    for m in data.memberships() {
        assert!(codes.contains(m.state_iso3.as_str()), "{m:?}");
    }
}

const V1_STATES: &str = include_str!("../fixtures/reference-v1/states.json");
const V1_CONVENTIONS: &str = include_str!("../fixtures/reference-v1/conventions.json");
const V1_NETWORKS: &str = include_str!("../fixtures/reference-v1/networks.json");

/// A database loaded by the previous release (data_version 1, in tests/fixtures) is corrected when the new release
/// starts: additions, corrections and removals, each in the change feed as the release's — except a fact an
/// administrator changed through the API meanwhile, which is kept and listed as a conflict.
#[tokio::test]
async fn a_newer_release_corrects_an_older_database_but_keeps_local_edits() {
    let v1 = reference::ReferenceData::parse(V1_STATES, V1_CONVENTIONS, V1_NETWORKS, None).unwrap();
    assert_eq!(v1.version(), 1);
    let app = crate::helpers::spawn_app_on_release(v1).await;
    let before =
        app.data(r#"{ state(iso3: "NRU") { subregion } network(code: "BALI_PROCESS") { code } }"#, json!({})).await;
    assert_eq!(before["state"]["subregion"], "Polynesia", "release 1 as it was");
    assert!(before["network"].is_null());

    // An administrator corrects a fact the release will also change: theirs wins.
    let admin = crate::helpers::token("admin", None, None);
    let set = r#"mutation { setNetworkMembership(network: "CARIN", state: "ALB", status: OBSERVER) { status } }"#;
    app.data_as(&admin, set, json!({})).await;
    // Versions and confirmations are the directory's bookkeeping, not facts of the release: a correction advances
    // the version and keeps the confirmation; a fact the release leaves as it is keeps both.
    let confirmed = chrono::Utc::now() - chrono::Duration::days(30);
    for (network, state, version) in [("CARIN", "AND", 4), ("EJN", "FRA", 7)] {
        network_membership::Entity::update_many()
            .col_expr(network_membership::Column::Version, Expr::value(version))
            .col_expr(network_membership::Column::LastConfirmedAt, Expr::value(confirmed))
            .filter(network_membership::Column::NetworkCode.eq(network))
            .filter(network_membership::Column::StateIso3.eq(state))
            .exec(&app.db)
            .await
            .unwrap();
    }

    let changed = reference::load(&app.db).await.unwrap();
    let kept = |network: &str, state: &str| {
        network_membership::Entity::find_by_id((network.to_owned(), state.to_owned())).one(&app.db)
    };
    let and = kept("CARIN", "AND").await.unwrap().unwrap();
    assert_eq!((and.version, and.last_confirmed_at.is_some()), (5, true), "corrected: {and:?}");
    let fra = kept("EJN", "FRA").await.unwrap().unwrap();
    assert_eq!((fra.version, fra.last_confirmed_at.is_some()), (8, true), "corrected (a source added): {fra:?}");
    assert!(changed > 100, "the current release corrects many facts: {changed}");
    let q = r#"{ state(iso3: "NRU") { subregion source }
        bali: network(code: "BALI_PROCESS") { organizationMembers { organization { code } } }
        carin: network(code: "CARIN") { members { state { iso3 } status source } }
        conflicts: referenceConflicts { release entity key detail } }"#;
    let after = app.data_as(&admin, q, json!({})).await;
    assert_eq!(after["state"]["subregion"], "Micronesia", "a correction reached the old database");
    assert!(after["state"]["source"].is_string());
    assert_eq!(after["bali"]["organizationMembers"].as_array().unwrap().len(), 4, "an addition too");
    let carin = after["carin"]["members"].as_array().unwrap();
    let of = |code: &str| carin.iter().find(|m| m["state"]["iso3"] == code).unwrap().clone();
    assert_eq!(of("ALB")["status"], "OBSERVER", "the administrator's edit is kept");
    assert_eq!(of("AND")["status"], "UNKNOWN", "an unedited fact is corrected");
    let conflicts = after["conflicts"].as_array().unwrap();
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert_eq!(conflicts[0]["key"], "CARIN/ALB");
    assert_eq!(conflicts[0]["release"], current_release(), "listed under the release that met it");
    let feed = app
        .data_as(
            &admin,
            r#"{ changes(first: 5, filter: {state: "NRU"}) { nodes { actorRole action entity } } }"#,
            json!({}),
        )
        .await;
    assert!(
        feed["changes"]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["actorRole"] == "reference" && c["action"] == "UPDATE"),
        "the correction is in the feed as the release's: {feed}"
    );
    assert_eq!(reference::load(&app.db).await.unwrap(), 0, "applying the same release again changes nothing");

    // A later release that no longer lists a membership removes it, unless it was edited.
    let networks = include_str!("../../data/networks.json").replace("\"state\": \"AND\",", "\"state\": \"AND_GONE\",");
    let next = current_release() + 1;
    let states = as_release(include_str!("../../data/states.json"), next);
    let mut later_networks: serde_json::Value = serde_json::from_str(&networks).unwrap();
    for n in later_networks["networks"].as_array_mut().unwrap() {
        let carin = n["code"] == "CARIN";
        if let Some(members) = n["members"].as_array_mut() {
            members.retain(|m| m["state"] != "AND_GONE" && !(carin && m["state"] == "ALB"));
        }
    }
    let later = reference::ReferenceData::parse(
        &states,
        include_str!("../../data/conventions.json"),
        &later_networks.to_string(),
        Some(include_str!("../../data/treaties.json")),
    )
    .unwrap();
    assert_eq!(later.version(), next);
    reference::load_release(&app.db, later).await.unwrap();
    let fra = network_membership::Entity::find_by_id(("EJN".to_owned(), "FRA".to_owned())).one(&app.db).await;
    let fra = fra.unwrap().unwrap();
    assert_eq!(
        (fra.version, fra.last_confirmed_at.is_some()),
        (8, true),
        "the later release leaves it as it was: {fra:?}"
    );
    let after = app.data(r#"{ network(code: "CARIN") { members { state { iso3 } } } }"#, json!({})).await;
    let codes: Vec<&str> =
        after["network"]["members"].as_array().unwrap().iter().map(|m| m["state"]["iso3"].as_str().unwrap()).collect();
    assert!(!codes.contains(&"AND"), "removed by the release");
    assert!(codes.contains(&"ALB"), "kept: an administrator had changed it");
}

/// Releases 3 and 4 add convention titles (3: the Arabic title of the 1988 Convention; 4: the Arabic title of the
/// Smuggling of Migrants Protocol, the Russian titles of the Trafficking Protocol and the 1988 Convention): a
/// database loaded with the release before has them after a start.
#[tokio::test]
async fn releases_3_and_4_bring_the_titles_they_add() {
    let release_3 =
        [("DRUGS_1988", "ar", "AR", "اتفاقية الأمم المتحدة لمكافحة الاتجار غير المشروع في المخدرات والمؤثرات العقلية")];
    let release_4 = [
        (
            "SOM_PROTOCOL",
            "ar",
            "AR",
            "بروتوكول مكافحة تهريب المهاجرين عن طريق البر والبحر والجو، المكمل لاتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية",
        ),
        (
            "TIP_PROTOCOL",
            "ru",
            "RU",
            "Протокол о предупреждении и пресечении торговли людьми, особенно женщинами и детьми, и наказании за нее, дополняющий Конвенцию Организации Объединенных Наций против транснациональной организованной преступности",
        ),
        (
            "DRUGS_1988",
            "ru",
            "RU",
            "Конвенция Организации Объединенных Наций о борьбе против незаконного оборота наркотических средств и психотропных веществ",
        ),
    ];
    for (older, added) in [(2, &release_3[..]), (3, &release_4[..])] {
        // The current files less the titles of the releases after `older`.
        let later: Vec<_> =
            if older == 2 { release_3.iter().chain(&release_4).collect() } else { release_4.iter().collect() };
        let mut conventions: serde_json::Value =
            serde_json::from_str(include_str!("../../data/conventions.json")).unwrap();
        for c in conventions["conventions"].as_array_mut().unwrap() {
            let code = c["code"].as_str().unwrap_or_default().to_owned();
            for (_, lang, _, _) in later.iter().filter(|t| t.0 == code) {
                for field in ["titles", "titles_source", "titles_quality"] {
                    c[field].as_object_mut().unwrap().remove(*lang).expect("the title is in the current release");
                }
            }
        }
        let as_older = |text: &str| as_release(text, older);
        let release = reference::ReferenceData::parse(
            &as_older(include_str!("../../data/states.json")),
            &as_older(&conventions.to_string()),
            &as_older(include_str!("../../data/networks.json")),
            Some(&as_older(include_str!("../../data/treaties.json"))),
        )
        .unwrap();
        assert_eq!(release.version(), older);
        let app = crate::helpers::spawn_app_on_release(release).await;
        let query = "query($c: String!, $l: Language!) { convention(code: $c) { title(language: $l) } }";
        for (code, _, language, title) in added {
            let before = app.data(query, json!({"c": code, "l": language})).await;
            assert_ne!(before["convention"]["title"], *title, "release {older} had no {language} title of {code}");
        }
        let corrected = reference::load(&app.db).await.unwrap();
        assert_eq!(
            corrected,
            later.iter().map(|t| t.0).collect::<std::collections::BTreeSet<_>>().len(),
            "one correction per convention"
        );
        for (code, _, language, title) in added {
            let after = app.data(query, json!({"c": code, "l": language})).await;
            assert_eq!(after["convention"]["title"], *title, "{code} in {language}");
        }
    }
}

/// The release the shipped files carry (parsed once: every test that rewrites a release asks for it).
fn current_release() -> i32 {
    static CURRENT: std::sync::OnceLock<i32> = std::sync::OnceLock::new();
    *CURRENT.get_or_init(|| reference::ReferenceData::shipped().expect("data files parse").version())
}

/// A file of the shipped release as if it were release `version`, as written by hand or by `serde_json` (which
/// leaves out the space after the colon).
pub(crate) fn as_release(text: &str, version: i32) -> String {
    let current = current_release();
    ["\"data_version\": ", "\"data_version\":"]
        .iter()
        .find(|key| text.contains(&format!("{key}{current}")))
        .map(|key| text.replacen(&format!("{key}{current}"), &format!("{key}{version}"), 1))
        .expect("the file carries the shipped release")
}

/// Release 5 adds participation read in the UN's monthly statements of treaty actions and the Dutch treaty
/// database (Samoa, Equatorial Guinea and Chad acceding to UNCAC; Afghanistan to the Smuggling of Migrants Protocol;
/// Angola, Bolivia, the Comoros and Fiji parties to the Firearms Protocol) and Sudan's deposit dates: a database of
/// release 4 has them after a start, each with its source.
#[tokio::test]
async fn release_5_brings_the_participation_it_adds() {
    let added = [
        ("UNCAC", "WSM", "Monthly Statement"),
        ("UNCAC", "GNQ", "Monthly Statement"),
        ("UNCAC", "TCD", "Monthly Statement"),
        ("SOM_PROTOCOL", "AFG", "Monthly Statement"),
        ("FIREARMS_PROTOCOL", "AGO", "Dutch treaty database"),
        ("FIREARMS_PROTOCOL", "BOL", "Dutch treaty database"),
        ("FIREARMS_PROTOCOL", "COM", "Dutch treaty database"),
        ("FIREARMS_PROTOCOL", "FJI", "Dutch treaty database"),
    ];
    // Release 4's participation: without those rows (its unconfirmed lists are not loaded), and Sudan's accessions
    // to the two Protocols without their deposit dates.
    let mut treaties: serde_json::Value = serde_json::from_str(include_str!("../../data/treaties.json")).unwrap();
    for instrument in treaties["instruments"].as_array_mut().unwrap() {
        let code = instrument["convention"].as_str().unwrap().to_owned();
        let participants = instrument["participants"].as_array_mut().unwrap();
        let dated_now = ["SOM_PROTOCOL", "FIREARMS_PROTOCOL"].contains(&code.as_str());
        for sudan in participants.iter_mut().filter(|p| dated_now && p["state"] == "SDN") {
            sudan["since"] = serde_json::Value::Null;
        }
        let before = participants.len();
        participants.retain(|p| !added.iter().any(|(c, s, _)| *c == code && p["state"] == *s));
        assert_eq!(before - participants.len(), added.iter().filter(|(c, _, _)| *c == code).count(), "{code}");
    }
    let release = reference::ReferenceData::parse(
        &as_release(include_str!("../../data/states.json"), 4),
        &as_release(include_str!("../../data/conventions.json"), 4),
        &as_release(include_str!("../../data/networks.json"), 4),
        Some(&as_release(&treaties.to_string(), 4)),
    )
    .unwrap();
    assert_eq!(release.version(), 4);
    let app = crate::helpers::spawn_app_on_release(release).await;
    let query = "query($s: String!) { state(iso3: $s) { parties { convention { code } status since source } } }";
    let party = |data: &serde_json::Value, convention: &str| {
        data["state"]["parties"].as_array().unwrap().iter().find(|p| p["convention"]["code"] == convention).cloned()
    };
    for (convention, state, _) in added {
        let before = app.data(query, json!({ "s": state })).await;
        assert_eq!(party(&before, convention), None, "release 4 did not record {state} in {convention}");
    }
    assert!(reference::load(&app.db).await.unwrap() >= added.len(), "the release's additions are applied");
    for (convention, state, source) in added {
        let after = app.data(query, json!({ "s": state })).await;
        let row = party(&after, convention).unwrap_or_else(|| panic!("{state} in {convention}: {after}"));
        assert_eq!(row["status"], "PARTY", "{state} in {convention}");
        assert!(row["source"].as_str().unwrap().contains(source), "{state} in {convention}: {row}");
    }
    let samoa = party(&app.data(query, json!({ "s": "WSM" })).await, "UNCAC").unwrap();
    assert_eq!(samoa["since"], "2018-04-16", "the deposit date the statement gives");
    let sudan = app.data(query, json!({ "s": "SDN" })).await;
    for (convention, since) in [("SOM_PROTOCOL", "2018-10-09"), ("FIREARMS_PROTOCOL", "2018-10-04")] {
        assert_eq!(
            party(&sudan, convention).unwrap()["since"],
            since,
            "Sudan's deposit date corrected in {convention}"
        );
    }
}

/// Release 6 settles participation the public record had moved past: China a party to the Firearms Protocol (it was
/// recorded a signatory), South Sudan's accessions to UNTOC and the 1988 Convention, the Holy See's to UNCAC. A
/// database of release 5 has them after a start, each with its source and date.
#[tokio::test]
async fn release_6_brings_the_participation_it_settles() {
    let added = [
        ("UNTOC", "SSD", "2023-10-20", "One Citizen Daily"),
        ("DRUGS_1988", "SSD", "2023-10-20", "One Citizen Daily"),
        ("UNCAC", "VAT", "2016-09-19", "Mémorial"),
        ("UNCAC", "KNA", "2024-08-06", "Saint Kitts and Nevis"),
    ];
    // Release 5's participation: without those rows, and China a signatory of the Firearms Protocol.
    let mut treaties: serde_json::Value = serde_json::from_str(include_str!("../../data/treaties.json")).unwrap();
    for instrument in treaties["instruments"].as_array_mut().unwrap() {
        let code = instrument["convention"].as_str().unwrap().to_owned();
        let participants = instrument["participants"].as_array_mut().unwrap();
        participants.retain(|p| !added.iter().any(|(c, s, _, _)| *c == code && p["state"] == *s));
        for china in participants.iter_mut().filter(|p| code == "FIREARMS_PROTOCOL" && p["state"] == "CHN") {
            china["status"] = json!("SIGNATORY");
            china["action"] = serde_json::Value::Null;
            china["since"] = serde_json::Value::Null;
        }
    }
    let release = reference::ReferenceData::parse(
        &as_release(include_str!("../../data/states.json"), 5),
        &as_release(include_str!("../../data/conventions.json"), 5),
        &as_release(include_str!("../../data/networks.json"), 5),
        Some(&as_release(&treaties.to_string(), 5)),
    )
    .unwrap();
    let app = crate::helpers::spawn_app_on_release(release).await;
    let query = "query($s: String!) { state(iso3: $s) { parties { convention { code } status since source } } }";
    let party = |data: &serde_json::Value, convention: &str| {
        data["state"]["parties"].as_array().unwrap().iter().find(|p| p["convention"]["code"] == convention).cloned()
    };
    let china = party(&app.data(query, json!({ "s": "CHN" })).await, "FIREARMS_PROTOCOL").unwrap();
    assert_eq!(china["status"], "SIGNATORY", "release 5 as it was");
    assert!(reference::load(&app.db).await.unwrap() > added.len(), "the release's changes are applied");
    let china = party(&app.data(query, json!({ "s": "CHN" })).await, "FIREARMS_PROTOCOL").unwrap();
    assert_eq!((china["status"].as_str(), china["since"].as_str()), (Some("PARTY"), Some("2023-12-19")));
    assert!(china["source"].as_str().unwrap().contains("China News Agency"), "{china}");
    for (convention, state, since, source) in added {
        let row = party(&app.data(query, json!({ "s": state })).await, convention)
            .unwrap_or_else(|| panic!("{state} in {convention}"));
        assert_eq!(
            (row["status"].as_str(), row["since"].as_str()),
            (Some("PARTY"), Some(since)),
            "{state} {convention}"
        );
        assert!(row["source"].as_str().unwrap().contains(source), "{state} in {convention}: {row}");
    }
}

/// Release 7 settles participation from depositary notices reprinted in official gazettes (Czechia's, Austria's)
/// and the States' own statements: parties of the Trafficking and Smuggling Protocols, Sierra Leone's Firearms
/// deposit, Bhutan's UNCAC accession as the depositary now records it; it clears a deposit date release 6 had
/// worked out from an entry into force (Denmark, Firearms). A database of release 6 has all of it after a start.
#[tokio::test]
async fn release_7_brings_the_participation_it_settles() {
    let new = [("TIP_PROTOCOL", "CZE"), ("SOM_PROTOCOL", "SOM"), ("TIP_PROTOCOL", "TON")];
    // Release 6's participation, rebuilt from release 7's by undoing what 7 changed.
    let mut treaties: serde_json::Value = serde_json::from_str(include_str!("../../data/treaties.json")).unwrap();
    for instrument in treaties["instruments"].as_array_mut().unwrap() {
        let code = instrument["convention"].as_str().unwrap().to_owned();
        let participants = instrument["participants"].as_array_mut().unwrap();
        participants.retain(|p| !new.iter().any(|(c, s)| *c == code && p["state"] == *s));
        for p in participants.iter_mut() {
            match (code.as_str(), p["state"].as_str().unwrap()) {
                ("FIREARMS_PROTOCOL", "SLE") => {
                    p["action"] = serde_json::Value::Null;
                    p["since"] = serde_json::Value::Null;
                }
                ("FIREARMS_PROTOCOL", "DNK") => p["since"] = json!("2015-02-04"),
                ("UNCAC", "BTN") => {
                    p["action"] = json!("RATIFICATION");
                    p["since"] = json!("2016-09-21");
                }
                _ => {}
            }
        }
    }
    let release = reference::ReferenceData::parse(
        &as_release(include_str!("../../data/states.json"), 6),
        &as_release(include_str!("../../data/conventions.json"), 6),
        &as_release(include_str!("../../data/networks.json"), 6),
        Some(&as_release(&treaties.to_string(), 6)),
    )
    .unwrap();
    let app = crate::helpers::spawn_app_on_release(release).await;
    let query = "query($s: String!) { state(iso3: $s) { parties { convention { code } status action since source } } }";
    let party = |data: &serde_json::Value, convention: &str| {
        data["state"]["parties"].as_array().unwrap().iter().find(|p| p["convention"]["code"] == convention).cloned()
    };
    let before = party(&app.data(query, json!({ "s": "BTN" })).await, "UNCAC").unwrap();
    assert_eq!(before["since"], "2016-09-21", "release 6 as it was");
    assert!(reference::load(&app.db).await.unwrap() >= new.len(), "the release's changes are applied");
    let expected = [
        ("TIP_PROTOCOL", "CZE", "PARTY", Some("RATIFICATION"), Some("2014-12-17"), "18/2015"),
        ("SOM_PROTOCOL", "SOM", "PARTY", Some("ACCESSION"), Some("2025-03-25"), "57/2025"),
        ("FIREARMS_PROTOCOL", "SLE", "PARTY", Some("RATIFICATION"), Some("2014-08-12"), "4/2015"),
        ("FIREARMS_PROTOCOL", "DNK", "PARTY", Some("RATIFICATION"), None, "Dutch treaty database"),
        ("UNCAC", "BTN", "PARTY", Some("ACCESSION"), Some("2023-09-27"), "status"),
        ("TIP_PROTOCOL", "TON", "NOT_PARTY", None, None, "Tonga"),
    ];
    participation_is(&app, &expected).await;
}

/// Release 8 settles participation by the complete-list rule (the United States, not a party to the Firearms
/// Protocol: the parties identified equal the depositary's count and a complete participants list omits it), adds
/// parties (Palau, Firearms; Barbados, Smuggling of Migrants; San Marino, UNCAC) and deposit dates (Eritrea, UNTOC),
/// and gives network memberships the day they began where a source gives it (Angola in GlobE). A database of
/// release 7 has all of it after a start.
#[tokio::test]
async fn release_8_brings_participation_and_the_days_memberships_began() {
    let new = [("FIREARMS_PROTOCOL", "PLW"), ("SOM_PROTOCOL", "BRB"), ("UNCAC", "SMR"), ("FIREARMS_PROTOCOL", "USA")];
    // Release 7, rebuilt from release 8 by undoing what 8 changed.
    let mut treaties: serde_json::Value = serde_json::from_str(include_str!("../../data/treaties.json")).unwrap();
    for instrument in treaties["instruments"].as_array_mut().unwrap() {
        let code = instrument["convention"].as_str().unwrap().to_owned();
        let participants = instrument["participants"].as_array_mut().unwrap();
        participants.retain(|p| !new.iter().any(|(c, s)| *c == code && p["state"] == *s));
        for p in participants.iter_mut() {
            if code == "UNTOC" && p["state"] == "ERI" {
                p["since"] = serde_json::Value::Null;
            }
        }
    }
    let mut networks: serde_json::Value = serde_json::from_str(include_str!("../../data/networks.json")).unwrap();
    for network in networks["networks"].as_array_mut().unwrap() {
        for member in network["members"].as_array_mut().unwrap() {
            member.as_object_mut().unwrap().remove("since");
        }
    }
    let release = reference::ReferenceData::parse(
        &as_release(include_str!("../../data/states.json"), 7),
        &as_release(include_str!("../../data/conventions.json"), 7),
        &as_release(&networks.to_string(), 7),
        Some(&as_release(&treaties.to_string(), 7)),
    )
    .unwrap();
    let app = crate::helpers::spawn_app_on_release(release).await;
    let query = "query($s: String!) { state(iso3: $s) { parties { convention { code } status action since source }
        memberships { network { code } since } } }";
    let angola = |data: &serde_json::Value| {
        data["state"]["memberships"].as_array().unwrap().iter().find(|m| m["network"]["code"] == "GLOBE").cloned()
    };
    assert_eq!(angola(&app.data(query, json!({ "s": "AGO" })).await).unwrap()["since"], json!(null), "release 7");
    assert!(reference::load(&app.db).await.unwrap() >= new.len(), "the release's changes are applied");
    assert_eq!(angola(&app.data(query, json!({ "s": "AGO" })).await).unwrap()["since"], "2022-12-08");
    let expected = [
        ("FIREARMS_PROTOCOL", "PLW", "PARTY", Some("ACCESSION"), None, "vLex"),
        ("FIREARMS_PROTOCOL", "USA", "NOT_PARTY", None, None, "vLex"),
        ("SOM_PROTOCOL", "BRB", "PARTY", Some("RATIFICATION"), Some("2014-11-11"), "Barbados"),
        ("UNCAC", "SMR", "PARTY", Some("ACCESSION"), Some("2025-09-25"), "San Marino"),
        ("UNTOC", "ERI", "PARTY", Some("ACCESSION"), Some("2014-09-25"), "232/2014"),
    ];
    participation_is(&app, &expected).await;
}

/// Release 10 settles Trafficking in Persons Protocol cells with the U.S. Department of Labor's findings (seven
/// entities not parties), Thailand as a Smuggling of Migrants Protocol signatory in 2020, dates the non-EU States in
/// Eurojust by their cooperation agreements, names the Cayman Islands an ARIN-CARIB member and Iraq among the Bali
/// Process's participants. A database of release 9 has all of it after a start.
#[tokio::test]
async fn release_10_settles_trafficking_protocol_cells_and_dates_eurojust_partners() {
    let settled_tip = ["COK", "NIU", "PNG", "WSM", "VUT", "YEM", "TUV"];
    // Release 9, rebuilt from release 10 by undoing what 10 changed.
    let mut treaties: serde_json::Value = serde_json::from_str(include_str!("../../data/treaties.json")).unwrap();
    for instrument in treaties["instruments"].as_array_mut().unwrap() {
        let code = instrument["convention"].as_str().unwrap().to_owned();
        let back: &[&str] = match code.as_str() {
            "TIP_PROTOCOL" => &settled_tip,
            "SOM_PROTOCOL" => &["THA"],
            _ => &[],
        };
        instrument["participants"].as_array_mut().unwrap().retain(|p| !back.iter().any(|s| p["state"] == *s));
        let unconfirmed = instrument["unconfirmed"].as_array_mut().unwrap();
        unconfirmed.extend(back.iter().map(|s| json!(s)));
    }
    let mut networks: serde_json::Value = serde_json::from_str(include_str!("../../data/networks.json")).unwrap();
    for network in networks["networks"].as_array_mut().unwrap() {
        let code = network["code"].as_str().unwrap().to_owned();
        let members = network["members"].as_array_mut().unwrap();
        if code == "BALI_PROCESS" {
            members.retain(|m| m["state"] != "IRQ");
        }
        for member in members.iter_mut() {
            if code == "EUROJUST" && member["state"] != "DNK" && member["status"] != "MEMBER" {
                member["since"] = serde_json::Value::Null;
            }
            if code == "ARIN_CARIB" && member["state"] == "CYM" {
                member["status"] = json!("UNKNOWN");
                member["unconfirmed"] = json!(true);
            }
        }
    }
    let release = reference::ReferenceData::parse(
        &as_release(include_str!("../../data/states.json"), 9),
        &as_release(include_str!("../../data/conventions.json"), 9),
        &as_release(&networks.to_string(), 9),
        Some(&as_release(&treaties.to_string(), 9)),
    )
    .unwrap();
    let app = crate::helpers::spawn_app_on_release(release).await;
    let query = "query($s: String!) { state(iso3: $s) { parties { convention { code } status }
        memberships { network { code } status since } } }";
    let membership = |data: &serde_json::Value, network: &str| {
        data["state"]["memberships"].as_array().unwrap().iter().find(|m| m["network"]["code"] == network).cloned()
    };
    let before = app.data(query, json!({ "s": "NOR" })).await;
    assert_eq!(membership(&before, "EUROJUST").unwrap()["since"], json!(null), "release 9");
    assert!(membership(&app.data(query, json!({ "s": "IRQ" })).await, "BALI_PROCESS").is_none(), "release 9");
    assert!(reference::load(&app.db).await.unwrap() >= settled_tip.len(), "the release's changes are applied");
    assert_eq!(membership(&app.data(query, json!({ "s": "NOR" })).await, "EUROJUST").unwrap()["since"], "2005-04-28");
    assert_eq!(membership(&app.data(query, json!({ "s": "ARM" })).await, "EUROJUST").unwrap()["since"], "2024-04-05");
    assert_eq!(membership(&app.data(query, json!({ "s": "CYM" })).await, "ARIN_CARIB").unwrap()["status"], "MEMBER");
    assert!(membership(&app.data(query, json!({ "s": "IRQ" })).await, "BALI_PROCESS").is_some());
    let mut expected: Vec<Participation> =
        settled_tip.iter().map(|s| ("TIP_PROTOCOL", *s, "NOT_PARTY", None, None, "Department of Labor")).collect();
    expected.push(("SOM_PROTOCOL", "THA", "SIGNATORY", None, None, "Teppunkoonngam"));
    participation_is(&app, &expected).await;
}

/// A participation as a release should leave it: convention, State, status, action, date, a word of its source.
type Participation<'a> = (&'a str, &'a str, &'a str, Option<&'a str>, Option<&'a str>, &'a str);

async fn participation_is(app: &crate::helpers::TestApp, expected: &[Participation<'_>]) {
    let query = "query($s: String!) { state(iso3: $s) { parties { convention { code } status action since source } } }";
    for (convention, state, status, action, since, source) in expected {
        let data = app.data(query, json!({ "s": state })).await;
        let row = data["state"]["parties"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["convention"]["code"] == *convention)
            .unwrap_or_else(|| panic!("{state} in {convention}"))
            .clone();
        assert_eq!(
            (row["status"].as_str(), row["action"].as_str(), row["since"].as_str()),
            (Some(*status), *action, *since),
            "{state} {convention}: {row}"
        );
        assert!(row["source"].as_str().unwrap().contains(source), "{state} in {convention}: {row}");
    }
}

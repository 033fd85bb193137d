//! A network's secretariat keeps its members and contact points in the workspace; a focal point edits a
//! designation in place. Concurrent changes are shown as conflicts, never overwritten; a value refused is said in
//! the reader's language.

use std::time::Duration;

use serde_json::json;

use crate::helpers::{TestApp, spawn_app_with_demo, token};
use crate::workspace::{browser, form, get, post, set, signed_in};

/// Signs a browser in as the EJN secretariat through a link.
async fn secretariat(app: &TestApp) -> reqwest::Client {
    let link = cna_directory::cli::invite(
        &app.db,
        &app.address,
        "test",
        "network_secretariat",
        None,
        Some("EJN".into()),
        "ejn-secretariat@example.org",
        Duration::from_secs(600),
    )
    .await
    .unwrap();
    let client = browser();
    let page = client.get(&link).send().await.unwrap().text().await.unwrap();
    let (status, home) = post(&client, app, "/workspace/sign-in", &form(&page, "/workspace/sign-in")).await;
    assert_eq!(status, 200, "{home}");
    assert!(home.contains("id=\"network-link\""), "the secretariat's home links to its members");
    client
}

async fn membership(app: &TestApp, state: &str) -> serde_json::Value {
    let data =
        app.data("{ network(code: \"EJN\") { members { state { iso3 } status since version } } }", json!({})).await;
    data["network"]["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["state"]["iso3"] == state)
        .cloned()
        .unwrap_or_default()
}

#[tokio::test]
async fn a_secretariat_keeps_members_and_contact_points() {
    let app = spawn_app_with_demo().await;
    let client = secretariat(&app).await;
    let (status, page) = get(&client, &app, "/workspace/network").await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("data-state=\"FRA\""), "members are listed");

    // A new member, then a bad date refused beside the form, the page kept.
    let mut add = form(&page, "/workspace/network/members");
    set(&mut add, "state", "CHE");
    set(&mut add, "status", "OBSERVER");
    let (status, page) = post(&client, &app, "/workspace/network/members", &add).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("data-state=\"CHE\""));
    assert_eq!(membership(&app, "CHE").await["status"], "OBSERVER");
    set(&mut add, "since", "31/12/2024");
    let (status, page) = post(&client, &app, "/workspace/network/members", &add).await;
    assert_eq!(status, 422);
    assert!(page.contains("id=\"errors\"") && page.contains("YYYY-MM-DD"), "{page}");

    // A change at the version the page was drawn from; someone else's change meanwhile is a conflict.
    let version = membership(&app, "CHE").await["version"].as_i64().unwrap();
    let edit = vec![
        ("csrf".to_owned(), add.iter().find(|(k, _)| k == "csrf").unwrap().1.clone()),
        ("lang".to_owned(), "en".to_owned()),
        ("version".to_owned(), version.to_string()),
        ("status".to_owned(), "LIAISON".to_owned()),
        ("since".to_owned(), "2025-01-01".to_owned()),
    ];
    app.data_as(
        &token("network_secretariat", None, Some("EJN")),
        "mutation { setNetworkMembership(network: \"EJN\", state: \"CHE\", status: ASSOCIATE) { version } }",
        json!({}),
    )
    .await;
    let (status, conflict) = post(&client, &app, "/workspace/network/members/CHE", &edit).await;
    assert_eq!(status, 409, "{conflict}");
    assert!(conflict.contains("id=\"conflict\"") && conflict.contains("Liaison") && conflict.contains("Associate"));
    assert_eq!(membership(&app, "CHE").await["status"], "ASSOCIATE", "never a silent overwrite");
    let keep = form(&conflict, "/workspace/network/members/CHE");
    let (status, _) = post(&client, &app, "/workspace/network/members/CHE", &keep).await;
    assert_eq!(status, 200);
    let kept = membership(&app, "CHE").await;
    assert_eq!((kept["status"].as_str(), kept["since"].as_str()), (Some("LIAISON"), Some("2025-01-01")));

    // A contact point for one of France's authorities, relabelled, then a conflict, then removed.
    let (_, page) = get(&client, &app, "/workspace/network").await;
    let fra = app.data("{ authorities(filter: {state: \"FRA\"}, first: 1) { nodes { id } } }", json!({})).await;
    let authority = fra["authorities"]["nodes"][0]["id"].as_str().unwrap().to_owned();
    assert!(page.contains(&format!("value=\"{authority}\"")), "France's authorities can be chosen");
    let mut add = form(&page, "/workspace/network/contact-points");
    set(&mut add, "authority", &authority);
    set(&mut add, "role", "JUDICIAL");
    set(&mut add, "label", "Bureau de l’entraide (exemple)");
    let (status, page) = post(&client, &app, "/workspace/network/contact-points", &add).await;
    assert_eq!(status, 200, "{page}");
    let points = app
        .data("{ network(code: \"EJN\") { contactPoints { id role label version authority { id } } } }", json!({}))
        .await;
    let point = points["network"]["contactPoints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["authority"]["id"] == authority.as_str() && p["role"] == "JUDICIAL")
        .cloned()
        .expect("the contact point was added");
    let id = point["id"].as_str().unwrap();
    let action = format!("/workspace/network/contact-points/{id}");
    let mut edit = form(&page, &action);
    set(&mut edit, "role", "JUDICIAL");
    set(&mut edit, "label", "Entraide pénale (exemple)");
    let (status, page) = post(&client, &app, &action, &edit).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Entraide pénale (exemple)"));
    // The same form again, at the old version: a conflict showing both labels.
    set(&mut edit, "label", "Autre libellé (exemple)");
    let (status, conflict) = post(&client, &app, &action, &edit).await;
    assert_eq!(status, 409, "{conflict}");
    assert!(conflict.contains("Autre libellé (exemple)") && conflict.contains("Entraide pénale (exemple)"));
    let remove = form(&conflict, &format!("{action}/remove"));
    let (status, page) = post(&client, &app, &format!("{action}/remove"), &remove).await;
    assert_eq!(status, 200);
    assert!(!page.contains(&format!("data-point=\"{id}\"")), "removed");

    // A member removed; a focal point has no network to keep.
    let remove = form(&page, "/workspace/network/members/CHE/remove");
    assert_eq!(post(&client, &app, "/workspace/network/members/CHE/remove", &remove).await.0, 200);
    assert!(membership(&app, "CHE").await.is_null());
    let focal = signed_in(&app, "fp-network@example.org").await;
    assert_eq!(get(&focal, &app, "/workspace/network").await.0, 403);
}

#[tokio::test]
async fn a_designation_is_edited_in_place_and_a_change_meanwhile_is_a_conflict() {
    let app = spawn_app_with_demo().await;
    let client = signed_in(&app, "fp-designation@example.org").await;
    let fra = app.data("{ authorities(filter: {state: \"FRA\"}, first: 1) { nodes { id } } }", json!({})).await;
    let id = fra["authorities"]["nodes"][0]["id"].as_str().unwrap().to_owned();
    let path = format!("/workspace/authorities/{id}/designations");
    let (_, page) = get(&client, &app, &path).await;
    // A legal basis the authority is not yet designated under.
    let held = designations(&app, &id).await.to_string();
    let basis =
        ["UNTOC_18_13", "UNCAC_46_13", "DRUGS_1988_7_8", "SOM_8_6"].into_iter().find(|b| !held.contains(b)).unwrap();
    let mut add = form(&page, &path);
    set(&mut add, "legal_basis", basis);
    set(&mut add, "scope", "Entraide (exemple)");
    let (status, page) = post(&client, &app, &path, &add).await;
    assert_eq!(status, 200, "{page}");
    let list = designations(&app, &id).await;
    let d = list.as_array().unwrap().iter().find(|d| d["legalBasis"]["code"] == basis).unwrap().clone();
    let action = format!("{path}/{}", d["id"].as_str().unwrap());
    let mut edit = form(&page, &action);
    assert_eq!(edit.iter().find(|(k, _)| k == "drawn_scope").unwrap().1, "Entraide (exemple)");
    set(&mut edit, "scope", "Entraide pénale (exemple)");
    set(&mut edit, "notified_on", "2024-05-02");
    let (status, page) = post(&client, &app, &action, &edit).await;
    assert_eq!(status, 200, "{page}");
    let d = designations(&app, &id).await.as_array().unwrap().iter().find(|x| x["id"] == d["id"]).unwrap().clone();
    assert_eq!(
        (d["scope"].as_str(), d["notifiedOn"].as_str()),
        (Some("Entraide pénale (exemple)"), Some("2024-05-02"))
    );
    // The same form again: what it was drawn from is no longer there.
    set(&mut edit, "scope", "Autre (exemple)");
    let (status, page) = post(&client, &app, &action, &edit).await;
    assert_eq!(status, 409, "{page}");
    let d = designations(&app, &id).await.as_array().unwrap().iter().find(|x| x["id"] == d["id"]).unwrap().clone();
    assert_eq!(d["scope"], "Entraide pénale (exemple)", "never a silent overwrite");
    set(&mut edit, "notified_on", "02/05/2024");
    assert_eq!(post(&client, &app, &action, &edit).await.0, 422);
}

async fn designations(app: &TestApp, id: &str) -> serde_json::Value {
    let q = format!("{{ authority(id: \"{id}\") {{ designations {{ id scope notifiedOn legalBasis {{ code }} }} }} }}");
    app.data(&q, json!({})).await["authority"]["designations"].clone()
}

/// The longest run of literal text in catalogue message `id` of `lang` (what a page must show whatever the values).
fn literal_of(lang: &str, id: &str) -> String {
    let catalogue = std::fs::read_to_string(format!("locales/{lang}/workspace.ftl")).unwrap();
    let line = catalogue.lines().find(|l| l.starts_with(&format!("{id} = "))).expect("the message exists");
    let text = &line[id.len() + 3..];
    let mut runs = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        runs.push(&rest[..open]);
        rest = &rest[rest[open..].find('}').map_or(rest.len(), |c| open + c + 1)..];
    }
    runs.push(rest);
    runs.into_iter().map(str::trim).max_by_key(|r| r.chars().count()).unwrap().to_owned()
}

#[tokio::test]
async fn a_refused_value_is_explained_in_the_readers_language() {
    let app = spawn_app_with_demo().await;
    let client = signed_in(&app, "fp-languages@example.org").await;
    let fra = app.data("{ authorities(filter: {state: \"FRA\"}, first: 1) { nodes { id } } }", json!({})).await;
    let id = fra["authorities"]["nodes"][0]["id"].as_str().unwrap().to_owned();
    let path = format!("/workspace/authorities/{id}");
    for lang in ["fr", "ar", "zh", "ru", "es", "en"] {
        let (_, page) = get(&client, &app, &format!("{path}?lang={lang}")).await;
        let mut edit = form(&page, &path);
        set(&mut edit, "phone", "01 44 77 60 00");
        set(&mut edit, "email", "greffe@localhost");
        let (status, page) = post(&client, &app, &path, &edit).await;
        assert_eq!(status, 422, "{lang}");
        for id in ["problem-not-international", "problem-not-public-domain"] {
            let literal = literal_of(lang, id);
            assert!(page.contains(&literal), "{lang}: {id} should read {literal:?}: {page}");
        }
        assert!(page.contains("01 44 77 60 00"), "{lang}: the value typed is named");
        if lang != "en" {
            assert!(!page.contains("must be in international form"), "{lang}: not the API's English");
        }
    }
}

#[tokio::test]
async fn a_legal_basis_held_already_is_refused_in_the_readers_language() {
    let app = spawn_app_with_demo().await;
    let client = signed_in(&app, "fp-duplicate@example.org").await;
    let fra = app.data("{ authorities(filter: {state: \"FRA\"}, first: 1) { nodes { id } } }", json!({})).await;
    let id = fra["authorities"]["nodes"][0]["id"].as_str().unwrap().to_owned();
    let path = format!("/workspace/authorities/{id}/designations");
    let held = designations(&app, &id).await;
    let basis = held[0]["legalBasis"]["code"].as_str().expect("the samples designate every authority").to_owned();
    for lang in ["es", "ar"] {
        let (_, page) = get(&client, &app, &format!("{path}?lang={lang}")).await;
        let mut add = form(&page, &path);
        set(&mut add, "legal_basis", &basis);
        let (status, page) = post(&client, &app, &path, &add).await;
        assert_eq!(status, 409, "{page}");
        assert!(page.contains(&literal_of(lang, "problem-already-designated")), "{lang}: {page}");
        assert!(!page.contains("is already designated"), "{lang}: not the API's English");
    }
}

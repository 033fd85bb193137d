//! Mirroring without a token: the public snapshot and the public changes after it.

use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app, spawn_app_with, token};
use crate::writes::{CREATE, another_authority_input};

async fn lines(app: &TestApp, path: &str) -> (u16, Vec<Value>) {
    let response = app.client.get(format!("{}{path}", app.address)).send().await.unwrap();
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (status, text.lines().map(|l| serde_json::from_str(l).unwrap()).collect())
}

fn entry<'a>(lines: &'a [Value], entity: &str, key: &str) -> Option<&'a Value> {
    lines.iter().find(|l| l["kind"] == "entry" && l["entity"] == entity && l["key"] == key).map(|l| &l["data"])
}

#[tokio::test]
async fn a_portal_mirrors_the_public_directory_without_a_token() {
    let app = spawn_app().await;
    let fra = token("focal_point", Some("FRA"), None);
    let a = app.data_as(&fra, CREATE, json!({ "input": another_authority_input() })).await["createAuthority"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let add = "mutation($id: ID!, $v: Visibility) { addContact(authorityId: $id, input: {name: \"Desk\", visibility: $v}) { id } }";
    let public = app.data_as(&fra, add, json!({ "id": a, "v": "PUBLIC" })).await["addContact"]["id"].clone();
    let restricted = app.data_as(&fra, add, json!({ "id": a, "v": "RESTRICTED" })).await["addContact"]["id"].clone();

    let (status, snapshot) = lines(&app, "/mirror/snapshot").await;
    assert_eq!(status, 200);
    assert_eq!(snapshot[0]["kind"], "snapshot");
    let end = snapshot.last().unwrap();
    assert_eq!(end["kind"], "end", "a complete snapshot ends with its count");
    assert_eq!(end["entries"].as_u64().unwrap() as usize, snapshot.len() - 2);
    let authority = entry(&snapshot, "authority", &a).expect("the authority");
    assert_eq!(authority["stateIso3"], "FRA", "camelCase keys");
    assert!(authority.get("searchText").is_none() && authority.get("deletedAt").is_none(), "no internal columns");
    assert!(authority["lastConfirmedAt"].as_str().unwrap().ends_with('Z'), "RFC 3339 UTC");
    assert_eq!(authority["languages"], json!(["fr", "en"]), "with its lists");
    assert!(entry(&snapshot, "contact", public.as_str().unwrap()).is_some());
    assert!(entry(&snapshot, "contact", restricted.as_str().unwrap()).is_none(), "restricted contacts stay out");
    assert!(entry(&snapshot, "state", "FRA").is_some() && entry(&snapshot, "network_membership", "EJN/FRA").is_some());

    // The changes after the snapshot: a restricted contact made public appears, the authority's deletion removes it.
    let after = snapshot[0]["after"].as_str().unwrap().to_owned();
    let update =
        "mutation($id: ID!) { updateContact(id: $id, expectedVersion: 1, input: {visibility: PUBLIC}) { id } }";
    app.data_as(&fra, update, json!({ "id": restricted })).await;
    let admin = token("admin", None, None);
    let revoke = "mutation { revokeToken(jti: \"not-public\") }";
    app.data_as(&admin, revoke, json!({})).await;
    let delete = "mutation($id: ID!) { deleteAuthority(id: $id, expectedVersion: 1) }";
    app.data_as(&fra, delete, json!({ "id": a })).await;
    let (status, page) = lines(&app, &format!("/mirror/changes?after={after}")).await;
    assert_eq!(status, 200);
    let changes: Vec<(String, String, String)> = page
        .iter()
        .filter(|l| l["kind"] == "change")
        .map(|l| {
            (
                l["action"].as_str().unwrap().into(),
                l["entity"].as_str().unwrap().into(),
                l["key"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        changes,
        [
            // Made public, but its authority is deleted since: the feed shows it as it is now, withdrawn.
            ("REMOVE".into(), "contact".into(), restricted.as_str().unwrap().into()),
            ("REMOVE".into(), "authority".into(), a.clone())
        ],
        "no revocations, and the deletion is a removal: {page:#?}"
    );
    let next = page.last().unwrap();
    assert_eq!((next["kind"].clone(), next["more"].clone()), (json!("next"), json!(false)));
    // Following from the page's end: nothing new; a page never repeats or skips.
    let (_, again) = lines(&app, &format!("/mirror/changes?after={}", next["after"].as_str().unwrap())).await;
    assert_eq!(again.len(), 1, "{again:#?}");
    let (_, paged) = lines(&app, &format!("/mirror/changes?after={after}&limit=1")).await;
    assert_eq!(paged.last().unwrap()["more"], true);

    for bad in
        ["/mirror/changes", "/mirror/changes?after=abc", "/mirror/changes?after=0-0&limit=99999999999999999999999"]
    {
        let response = app.client.get(format!("{}{bad}", app.address)).send().await.unwrap();
        assert_eq!(response.status(), 400, "{bad}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
    }
}

#[tokio::test]
async fn without_public_read_the_mirror_needs_a_token() {
    let app = spawn_app_with(|s| s.public_read = false).await;
    let (status, _) = lines(&app, "/mirror/snapshot").await;
    assert_eq!(status, 401);
    let response = app
        .client
        .get(format!("{}/mirror/snapshot", app.address))
        .bearer_auth(token("reader", None, None))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
}

/// Everything an anonymous reader can fetch, as text: the whole public feed, the snapshot, the State's page, the
/// authority through GraphQL.
async fn public_text(app: &TestApp, authority: &str) -> String {
    let mut text = String::new();
    let mut after = "0-0".to_owned();
    loop {
        let (status, page) = lines(app, &format!("/mirror/changes?after={after}&limit=7")).await;
        assert_eq!(status, 200);
        text.push_str(&serde_json::to_string(&page).unwrap());
        let next = page.last().unwrap();
        after = next["after"].as_str().unwrap().to_owned();
        if next["more"] == false {
            break;
        }
    }
    for path in ["/mirror/snapshot", "/directory/FRA", "/route?from=ESP&to=FRA&function=MLA"] {
        text.push_str(&app.client.get(format!("{}{path}", app.address)).send().await.unwrap().text().await.unwrap());
    }
    let query = "query($id: ID!) { authority(id: $id) { name contacts { name phone } } node(id: $id) { id } }";
    text.push_str(&app.gql(query, json!({ "id": authority }), None).await.to_string());
    let history = "query($id: ID!) { authority(id: $id) { history { nodes { before after } } } }";
    text.push_str(&app.gql(history, json!({ "id": authority }), None).await.to_string());
    text
}

#[tokio::test]
async fn withdrawn_entries_leave_nothing_readable_without_a_token() {
    let app = spawn_app().await;
    let fra = token("focal_point", Some("FRA"), None);
    let admin = token("admin", None, None);
    let create = |name: &str| {
        let mut input = another_authority_input();
        input["name"] = json!(name);
        input
    };
    let kept = app.data_as(&fra, CREATE, json!({ "input": create("Bureau Conserve") })).await["createAuthority"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let deleted =
        app.data_as(&fra, CREATE, json!({ "input": create("Bureau Supprime Zeta") })).await["createAuthority"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
    let add = "mutation($id: ID!, $name: String!, $phone: String) {
        addContact(authorityId: $id, input: {name: $name, phone: $phone, visibility: PUBLIC}) { id } }";
    let contact = async |authority: &str, name: &str, phone: &str| {
        app.data_as(&fra, add, json!({ "id": authority, "name": name, "phone": phone })).await["addContact"]["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let restricted = contact(&kept, "Jeanne Restreinte", "+33 6 11 11 11 11").await;
    let removed = contact(&kept, "Paul Retire", "+33 6 22 22 22 22").await;
    let erased = contact(&kept, "Eva Effacee", "+33 6 33 33 33 33").await;
    contact(&deleted, "Odile Orpheline", "+33 6 44 44 44 44").await;
    let still = contact(&kept, "Claire Publique", "+33 6 55 55 55 55").await;
    // A portal following the feed saw them while they were public.
    let before = public_text(&app, &kept).await;
    for name in ["Jeanne Restreinte", "Paul Retire", "Eva Effacee", "Odile Orpheline", "Bureau Supprime Zeta"] {
        assert!(before.contains(name), "{name} is public to begin with");
    }

    let restrict =
        "mutation($id: ID!) { updateContact(id: $id, expectedVersion: 1, input: {visibility: RESTRICTED}) { id } }";
    app.data_as(&fra, restrict, json!({ "id": restricted })).await;
    app.data_as(&fra, "mutation($id: ID!) { removeContact(id: $id) }", json!({ "id": removed })).await;
    app.data_as(&admin, "mutation($id: ID!) { eraseContact(id: $id) }", json!({ "id": erased })).await;
    app.data_as(&fra, "mutation($id: ID!) { deleteAuthority(id: $id, expectedVersion: 1) }", json!({ "id": deleted }))
        .await;

    let after = public_text(&app, &kept).await;
    for secret in [
        "Jeanne Restreinte",
        "11 11 11 11",
        "Paul Retire",
        "22 22 22 22",
        "Eva Effacee",
        "33 33 33 33",
        "Odile Orpheline",
        "44 44 44 44",
        "Bureau Supprime Zeta",
    ] {
        assert!(!after.contains(secret), "{secret} is still readable without a token");
    }
    assert!(after.contains("Claire Publique") && after.contains(&still), "what is still public stays");
    // Each withdrawn entry is said to be removed.
    let (_, feed) = lines(&app, "/mirror/changes?after=0-0&limit=1000").await;
    for key in [&restricted, &removed, &erased, &deleted] {
        assert!(feed.iter().any(|l| l["action"] == "REMOVE" && l["key"] == key.as_str()), "{key} removed");
    }
}

/// The mirror publishes the kinds of entry it lists as public, not every kind but some: a kind the change log
/// learns later stays out until it is listed.
#[tokio::test]
async fn kinds_of_entry_not_listed_as_public_never_reach_the_mirror() {
    use cna_directory::db::entities::change;
    use sea_orm::{ActiveModelTrait, Set};
    let app = spawn_app().await;
    change::ActiveModel {
        at: Set(chrono::Utc::now()),
        actor_sub: Set("admin".into()),
        actor_role: Set("admin".into()),
        entity: Set("api_key".into()),
        entity_id: Set("k1".into()),
        action: Set(cna_directory::domain::ChangeAction::Create),
        after: Set(Some(json!({ "secret": "s3cr3t-value" }))),
        position: Set(Some(i64::from(i32::MAX))),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    let (status, page) = lines(&app, "/mirror/changes?after=0-0&limit=1000").await;
    assert_eq!(status, 200);
    let text = serde_json::to_string(&page).unwrap();
    assert!(!text.contains("api_key") && !text.contains("s3cr3t-value"), "an unlisted kind was published");
}

//! The workspace as a focal point uses it, through a browser's requests (cookies, forms, redirects): sign in with a
//! link, see what is due, edit, meet a conflict, confirm; and every refusal a person may meet.

use std::time::Duration;

use serde_json::json;

use crate::helpers::{TestApp, spawn_app_with, spawn_app_with_demo, token};

/// A browser: keeps cookies, follows redirects.
pub(crate) fn browser() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).build().unwrap()
}

pub(crate) async fn get(client: &reqwest::Client, app: &TestApp, path: &str) -> (u16, String) {
    let r = client.get(format!("{}{path}", app.address)).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

pub(crate) async fn post(
    client: &reqwest::Client,
    app: &TestApp,
    path: &str,
    form: &[(String, String)],
) -> (u16, String) {
    let r = client.post(format!("{}{path}", app.address)).form(form).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

/// Decodes what maud escaped in an attribute or text.
fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'").replace("&amp;", "&")
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    Some(unescape(&tag[at..at + tag[at..].find('"')?]))
}

/// The fields a browser would send with the form posting to `action`: inputs (checkboxes when checked) and
/// textareas, as the page holds them.
pub(crate) fn form(html: &str, action: &str) -> Vec<(String, String)> {
    let start = html.find(&format!("action=\"{action}\"")).unwrap_or_else(|| panic!("no form posting to {action}"));
    let body = &html[start..start + html[start..].find("</form>").unwrap()];
    let mut fields = Vec::new();
    for part in body.split('<').skip(1) {
        let tag = &part[..part.find('>').unwrap_or(part.len())];
        if tag.starts_with("input ") {
            let checkbox = attribute(tag, "type").as_deref() == Some("checkbox");
            if checkbox && !tag.contains(" checked") {
                continue;
            }
            if let (Some(name), Some(value)) = (attribute(tag, "name"), attribute(tag, "value")) {
                fields.push((name, value));
            }
        } else if tag.starts_with("textarea ") {
            let text = &part[part.find('>').unwrap() + 1..];
            fields.push((attribute(tag, "name").unwrap(), unescape(text)));
        }
    }
    fields
}

pub(crate) fn set(fields: &mut Vec<(String, String)>, name: &str, value: &str) {
    match fields.iter_mut().find(|(k, _)| k == name) {
        Some(f) => f.1 = value.to_owned(),
        None => fields.push((name.to_owned(), value.to_owned())),
    }
}

/// Signs a new browser in as France's focal point `sub` through a link, as a person would.
pub(crate) async fn signed_in(app: &TestApp, sub: &str) -> reqwest::Client {
    let link = cna_directory::cli::invite(
        &app.db,
        &app.address,
        "test",
        "focal_point",
        Some("FRA".into()),
        None,
        sub,
        Duration::from_secs(600),
    )
    .await
    .unwrap();
    let client = browser();
    let r = client.get(&link).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let page = r.text().await.unwrap();
    assert!(page.contains(sub), "the link says whom it signs in");
    let fields = form(&page, "/workspace/sign-in");
    let (status, home) = post(&client, app, "/workspace/sign-in", &fields).await;
    assert_eq!(status, 200, "{home}");
    assert!(home.contains("id=\"due\""), "home after sign-in");
    // The link served once: opened again it signs nobody in, posted again neither.
    let again = browser().get(&link).send().await.unwrap();
    assert_eq!(again.status(), 401);
    assert!(again.text().await.unwrap().contains("has been used"), "single use");
    assert_eq!(post(&browser(), app, "/workspace/sign-in", &fields).await.0, 401, "without this browser's form");
    client
}

pub(crate) async fn authority_of(app: &TestApp, state: &str) -> (String, i64) {
    let data = app
        .data(&format!("{{ authorities(filter: {{state: \"{state}\"}}) {{ nodes {{ id version }} }} }}"), json!({}))
        .await;
    let a = &data["authorities"]["nodes"][0];
    (a["id"].as_str().unwrap().to_owned(), a["version"].as_i64().unwrap())
}

#[tokio::test]
async fn a_focal_point_signs_in_edits_meets_a_conflict_and_confirms() {
    let app = spawn_app_with_demo().await;
    let anonymous = browser();
    let (status, page) = get(&anonymous, &app, "/workspace").await;
    assert_eq!(status, 401);
    assert!(page.contains("sign in with the link"), "not signed in: how to");
    let client = signed_in(&app, "paris-desk").await;
    let (_, home) = get(&client, &app, "/workspace").await;
    assert!(home.contains("France") && home.contains("paris-desk"));
    assert!(home.contains("Legal bases owed") && home.contains("Last changes"));

    // Edit a phone.
    let (id, _) = authority_of(&app, "FRA").await;
    let path = format!("/workspace/authorities/{id}");
    let (status, edit) = get(&client, &app, &format!("{path}?lang=en")).await;
    assert_eq!(status, 200);
    let mut fields = form(&edit, &path);
    set(&mut fields, "phone", "+33 1 44 77 60 00");
    let (status, saved) = post(&client, &app, &path, &fields).await;
    assert_eq!(status, 200, "{saved}");
    assert!(saved.contains("id=\"saved\""));
    let phone = app.data(&format!("{{ authority(id: \"{id}\") {{ phone version }} }}"), json!({})).await;
    assert_eq!(phone["authority"]["phone"], "+33144776000", "saved through the service: E.164");

    // A bad field is named beside it and nothing is saved.
    let (_, edit) = get(&client, &app, &path).await;
    let mut bad = form(&edit, &path);
    set(&mut bad, "email", "not an address");
    let (status, refused) = post(&client, &app, &path, &bad).await;
    assert_eq!(status, 422);
    assert!(refused.contains("id=\"f-email-error\"") && refused.contains("aria-invalid=\"true\""));

    // Someone changes the entry through the API while the form is open: a conflict, both versions shown.
    let (_, edit) = get(&client, &app, &path).await;
    let mut mine = form(&edit, &path);
    set(&mut mine, "city", "Lyon");
    let fra = token("focal_point", Some("FRA"), None);
    let version = phone["authority"]["version"].as_i64().unwrap();
    app.data_as(
        &fra,
        "mutation($id: ID!, $v: Int!) { updateAuthority(id: $id, expectedVersion: $v, input: {city: \"Marseille\"}) { version } }",
        json!({ "id": id, "v": version }),
    )
    .await;
    let (status, conflict) = post(&client, &app, &path, &mine).await;
    assert_eq!(status, 409);
    assert!(conflict.contains("data-field=\"city\"") && conflict.contains("Lyon") && conflict.contains("Marseille"));
    let city = app.data(&format!("{{ authority(id: \"{id}\") {{ city }} }}"), json!({})).await;
    assert_eq!(city["authority"]["city"], "Marseille", "never a silent overwrite");
    // Keeping mine saves it over the new version.
    let keep = form(&conflict, &path);
    let (status, _) = post(&client, &app, &path, &keep).await;
    assert_eq!(status, 200);
    let city = app.data(&format!("{{ authority(id: \"{id}\") {{ city lastConfirmedAt }} }}"), json!({})).await;
    assert_eq!(city["authority"]["city"], "Lyon");

    // Confirm it as current.
    let (_, edit) = get(&client, &app, &path).await;
    let confirm = form(&edit, &format!("{path}/confirm"));
    let (status, _) = post(&client, &app, &format!("{path}/confirm"), &confirm).await;
    assert_eq!(status, 200);
    let after = app.data(&format!("{{ authority(id: \"{id}\") {{ lastConfirmedAt }} }}"), json!({})).await;
    assert_ne!(after["authority"]["lastConfirmedAt"], city["authority"]["lastConfirmedAt"]);

    // Confirm everything unchanged since the list was drawn: what changed meanwhile is listed, not confirmed.
    let (_, home) = get(&client, &app, "/workspace").await;
    let all = form(&home, "/workspace/confirm-reviewed");
    let (other, v) = {
        let data = app.data("{ authorities(filter: {state: \"FRA\"}) { nodes { id version } } }", json!({})).await;
        let n =
            data["authorities"]["nodes"].as_array().unwrap().iter().find(|n| n["id"] != id.as_str()).unwrap().clone();
        (n["id"].as_str().unwrap().to_owned(), n["version"].as_i64().unwrap())
    };
    tokio::time::sleep(Duration::from_millis(20)).await;
    app.data_as(
        &fra,
        "mutation($id: ID!, $v: Int!) { updateAuthority(id: $id, expectedVersion: $v, input: {city: \"Nice\"}) { version } }",
        json!({ "id": other, "v": v }),
    )
    .await;
    let (status, done) = post(&client, &app, "/workspace/confirm-reviewed", &all).await;
    assert_eq!(status, 200, "{done}");
    assert!(done.contains("id=\"changed-since\"") && done.contains(&other), "the entry changed meanwhile is named");

    // The entry's history: who changed what, the API's change and the person's alike.
    let (status, history) = get(&client, &app, &format!("{path}/history")).await;
    assert_eq!(status, 200);
    let rows = history.split("id=\"history\"").nth(1).unwrap();
    assert!(rows.contains("paris-desk") && rows.contains("phone") && rows.contains("city"), "{rows}");
    assert!(rows.contains("UPDATE authority"));

    // Sign out: the workspace asks to sign in again.
    let (_, home) = get(&client, &app, "/workspace").await;
    let out = form(&home, "/workspace/sign-out");
    post(&client, &app, "/workspace/sign-out", &out).await;
    assert_eq!(get(&client, &app, "/workspace").await.0, 401);
}

#[tokio::test]
async fn the_workspace_refuses_what_the_api_refuses() {
    let app = spawn_app_with_demo().await;
    let client = signed_in(&app, "paris-desk").await;
    // Another State's entry: neither its page nor its form post.
    let (esp, _) = authority_of(&app, "ESP").await;
    let path = format!("/workspace/authorities/{esp}");
    assert_eq!(get(&client, &app, &path).await.0, 403);
    let (id, _) = authority_of(&app, "FRA").await;
    let own = format!("/workspace/authorities/{id}");
    let (_, edit) = get(&client, &app, &own).await;
    let fields = form(&edit, &own);
    assert_eq!(post(&client, &app, &path, &fields).await.0, 403, "a post with a valid token, to another State");
    // A form without its token, or with another session's.
    let without: Vec<_> = fields.iter().filter(|(k, _)| k != "csrf").cloned().collect();
    assert_eq!(post(&client, &app, &own, &without).await.0, 403);
    let mut forged = fields.clone();
    set(&mut forged, "csrf", "forged");
    assert_eq!(post(&client, &app, &own, &forged).await.0, 403);
    // A page the person cannot open without a session.
    assert_eq!(post(&browser(), &app, &own, &fields).await.0, 401);
    // An unknown link.
    let (status, page) = get(&browser(), &app, "/workspace/sign-in?link=nothing").await;
    assert_eq!(status, 401);
    assert!(page.contains("has been used, has expired or is not known"));

    // Revoked: the person's tokens and sessions end at once.
    let admin = token("admin", None, None);
    app.data_as(&admin, "mutation { revokeTokensOf(sub: \"paris-desk\") }", json!({})).await;
    let (status, page) = get(&client, &app, "/workspace").await;
    assert_eq!(status, 401);
    assert!(page.contains("withdrawn"), "signed out, and told why");
}

#[tokio::test]
async fn an_idle_session_ends() {
    let app = spawn_app_with(|s| s.workspace.session_idle = Duration::from_secs(1)).await;
    cna_directory::db::demo::load(&app.db).await.unwrap();
    let client = signed_in(&app, "lyon-desk").await;
    assert_eq!(get(&client, &app, "/workspace").await.0, 200);
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let (status, page) = get(&client, &app, "/workspace").await;
    assert_eq!(status, 401);
    assert!(page.contains("after a time without use"), "sent back to sign in, told why");
}

/// With an identity provider configured, the sign-in page offers it; a return from it that this browser did not
/// begin signs nobody in; a provider out of reach is said to be, with the other way to sign in.
#[tokio::test]
async fn identity_provider_refusals_are_clear() {
    let app = spawn_app_with(|s| {
        s.workspace.oidc_issuer = Some("http://127.0.0.2:9/".into());
        s.workspace.oidc_client_id = Some("cna-directory".into());
    })
    .await;
    let client = browser();
    let (status, page) = get(&client, &app, "/workspace").await;
    assert_eq!(status, 401);
    assert!(page.contains("id=\"oidc\""), "the provider's button");
    let (status, page) = get(&client, &app, "/workspace/sign-in/callback?code=stolen&state=forged").await;
    assert_eq!(status, 401);
    assert!(page.contains("did not succeed"), "a return not begun here");
    let (status, page) = get(&client, &app, "/workspace/sign-in/oidc").await;
    assert_eq!(status, 503);
    assert!(page.contains("cannot be reached") && page.contains("sign-in link"));
    let app = spawn_app_with(|_| {}).await;
    let (_, page) = get(&browser(), &app, "/workspace").await;
    assert!(!page.contains("id=\"oidc\""), "no provider, no button");
}

/// Contacts kept in the workspace: added restricted by default, made public, refused when bad, removed; the public
/// page shows a contact only once it is public.
#[tokio::test]
async fn contacts_are_kept_with_their_visibility() {
    let app = spawn_app_with_demo().await;
    let client = signed_in(&app, "paris-desk").await;
    let (id, _) = authority_of(&app, "FRA").await;
    let path = format!("/workspace/authorities/{id}/contacts");
    let (status, page) = get(&client, &app, &path).await;
    assert_eq!(status, 200);
    let mut new = form(&page, &path);
    set(&mut new, "name", "Night duty officer");
    set(&mut new, "phone", "+33 1 44 77 61 00");
    let (status, after) = post(&client, &app, &path, &new).await;
    assert_eq!(status, 200);
    assert!(after.contains("Night duty officer") && after.contains("(RESTRICTED)"), "restricted unless said");
    let (_, public_page) = get(&browser(), &app, "/directory/FRA").await;
    assert!(!public_page.contains("Night duty officer"), "a restricted contact stays off the public page");

    // Made public through its own form.
    let ids: Vec<String> = after
        .match_indices("data-contact=\"")
        .map(|(i, m)| after[i + m.len()..].split('"').next().unwrap().to_owned())
        .filter(|c| c != "new")
        .collect();
    let target = ids
        .iter()
        .find(|c| {
            form(&after, &format!("/workspace/contacts/{c}"))
                .iter()
                .any(|(k, v)| k == "name" && v == "Night duty officer")
        })
        .expect("the new contact has a form of its own")
        .clone();
    let action = format!("/workspace/contacts/{target}");
    let mut fields = form(&after, &action);
    set(&mut fields, "visibility", "PUBLIC");
    let (status, _) = post(&client, &app, &action, &fields).await;
    assert_eq!(status, 200);
    let (_, public_page) = get(&browser(), &app, "/directory/FRA").await;
    assert!(public_page.contains("Night duty officer"), "public now");

    // A bad phone is named and nothing is added.
    let (_, page) = get(&client, &app, &path).await;
    let mut bad = form(&page, &path);
    set(&mut bad, "name", "Someone");
    set(&mut bad, "phone", "not a number");
    let (status, refused) = post(&client, &app, &path, &bad).await;
    assert_eq!(status, 422);
    assert!(refused.contains("field-error"));

    // Removed.
    let (_, page) = get(&client, &app, &path).await;
    let remove = format!("/workspace/contacts/{target}/remove");
    let fields = form(&page, &remove);
    assert_eq!(post(&client, &app, &remove, &fields).await.0, 200);
    let (_, page) = get(&client, &app, &path).await;
    assert!(!page.contains(&format!("data-contact=\"{target}\"")), "removed");
    // Another State's contacts are refused.
    let (esp, _) = authority_of(&app, "ESP").await;
    assert_eq!(get(&client, &app, &format!("/workspace/authorities/{esp}/contacts")).await.0, 403);
}

/// Designations kept in the workspace: added under a legal basis chosen from the list (and seen by the API), a bad
/// date named, removed; another State's entry refused.
#[tokio::test]
async fn designations_are_added_and_removed() {
    let app = spawn_app_with_demo().await;
    let client = signed_in(&app, "paris-desk").await;
    let (id, _) = authority_of(&app, "FRA").await;
    let path = format!("/workspace/authorities/{id}/designations");
    let (status, page) = get(&client, &app, &path).await;
    assert_eq!(status, 200);
    assert!(page.contains("<option value=\"UNTOC_16\""), "legal bases from the list");
    let count = |data: &serde_json::Value| data["authority"]["designations"].as_array().unwrap().len();
    let query = format!("{{ authority(id: \"{id}\") {{ designations {{ id legalBasis {{ code }} scope }} }} }}");
    let before = count(&app.data(&query, json!({})).await);

    let mut add = form(&page, &path);
    set(&mut add, "legal_basis", "UNCAC_44");
    set(&mut add, "scope", "Requests from States outside the EU");
    set(&mut add, "notified_on", "2024-03-01");
    let (status, after) = post(&client, &app, &path, &add).await;
    assert_eq!(status, 200, "{after}");
    let data = app.data(&query, json!({})).await;
    assert_eq!(count(&data), before + 1);
    let added = data["authority"]["designations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["scope"] == "Requests from States outside the EU")
        .expect("the API sees it")["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let mut bad = form(&after, &path);
    set(&mut bad, "legal_basis", "UNCAC_44");
    set(&mut bad, "notified_on", "1 March");
    assert_eq!(post(&client, &app, &path, &bad).await.0, 422, "a date that is not one");

    let remove = format!("{path}/{added}/remove");
    let fields = form(&after, &remove);
    assert_eq!(post(&client, &app, &remove, &fields).await.0, 200);
    assert_eq!(count(&app.data(&query, json!({})).await), before, "removed");

    let (esp, _) = authority_of(&app, "ESP").await;
    assert_eq!(get(&client, &app, &format!("/workspace/authorities/{esp}/designations")).await.0, 403);
    assert_eq!(post(&client, &app, &format!("/workspace/authorities/{esp}/designations"), &add).await.0, 403);
}

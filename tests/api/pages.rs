//! The printable directory and the route page: HTML that needs no script, escapes what entries hold, and agrees
//! with the API.

use serde_json::json;

use crate::helpers::{TestApp, spawn_app_with_demo, token};

async fn get(app: &TestApp, path: &str) -> (u16, String, reqwest::header::HeaderMap) {
    let response = app.client.get(format!("{}{path}", app.address)).send().await.unwrap();
    let (status, headers) = (response.status().as_u16(), response.headers().clone());
    (status, response.text().await.unwrap(), headers)
}

/// The number a page shows in the element with this id (`data-count`).
fn count(html: &str, id: &str) -> i64 {
    let at = html.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("no #{id}"));
    let rest = &html[at..];
    let start = rest.find("data-count=\"").expect("data-count") + "data-count=\"".len();
    rest[start..].split('"').next().unwrap().parse().unwrap()
}

#[tokio::test]
async fn the_directory_prints_what_the_api_holds() {
    let app = spawn_app_with_demo().await;
    let (status, index, headers) = get(&app, "/directory").await;
    assert_eq!(status, 200);
    assert!(headers["content-type"].to_str().unwrap().starts_with("text/html"));
    assert!(headers["content-security-policy"].to_str().unwrap().contains("default-src 'none'"));
    assert!(!index.contains("<script"), "no script");
    let api = app
        .data("{ authorities(filter: {state: \"FRA\"}) { totalCount } all: authorities { totalCount } }", json!({}))
        .await;
    let shown = count(&index, "state-FRA");
    assert_eq!(shown, api["authorities"]["totalCount"].as_i64().unwrap(), "the count agrees with the API");
    assert_eq!(count(&index, "total"), api["all"]["totalCount"].as_i64().unwrap(), "the total too");

    // An entry holding markup shows it as text.
    let fra = token("focal_point", Some("FRA"), None);
    let mut input = crate::writes::another_authority_input();
    input["urgentNotes"] = json!("Call <b>now</b> <img src=x onerror=alert(1)>");
    app.data_as(&fra, crate::writes::CREATE, json!({ "input": input })).await;
    let (status, page, _) = get(&app, "/directory/fra").await;
    assert_eq!(status, 200);
    assert!(page.contains("Call &lt;b&gt;now&lt;/b&gt; &lt;img src=x onerror=alert(1)&gt;"), "escaped");
    assert!(!page.contains("<img"), "no markup from an entry reaches the page");
    let names = app.data("{ authorities(filter: {state: \"FRA\"}) { nodes { name } totalCount } }", json!({})).await;
    assert_eq!(count(&page, "count"), names["authorities"]["totalCount"].as_i64().unwrap());
    for n in names["authorities"]["nodes"].as_array().unwrap() {
        let name = n["name"].as_str().unwrap().replace('&', "&amp;").replace('\'', "&#39;");
        assert!(page.contains(&name) || page.contains(n["name"].as_str().unwrap()), "{name}");
    }
    assert!(page.contains("<bdi dir=\"ltr\">Europe/Paris</bdi>"), "office hours with the authority's time zone");
    assert!(page.contains("data last confirmed on"));

    // In another language where the data has it; unknown States are 404.
    let (_, french, _) = get(&app, "/directory/DEU?lang=fr").await;
    assert!(french.contains("<h1><bdi>Allemagne</bdi>"), "{}", &french[..french.len().min(600)]);
    assert_eq!(get(&app, "/directory/XXX").await.0, 404);
    assert_eq!(get(&app, "/directory/%3Cb%3E").await.0, 404);
}

#[tokio::test]
async fn the_route_page_answers_like_the_api() {
    let app = spawn_app_with_demo().await;
    let (status, empty, _) = get(&app, "/route").await;
    assert_eq!(status, 200);
    assert!(empty.contains("<form") && !empty.contains("route-count"), "the form alone");
    let (_, page, _) = get(&app, "/route?from=FRA&to=ESP&function=MUTUAL_LEGAL_ASSISTANCE&convention=UNTOC").await;
    let api = app
        .data(
            "{ route(from: \"FRA\", to: \"ESP\", function: MUTUAL_LEGAL_ASSISTANCE, convention: \"UNTOC\") { authorities { id } warnings } }",
            json!({}),
        )
        .await;
    assert_eq!(count(&page, "route-count"), api["route"]["authorities"].as_array().unwrap().len() as i64);
    let (_, odd, _) = get(&app, "/route?from=%3Cx%3E&to=ESP&function=EXTRADITION").await;
    assert!(odd.contains("&lt;x&gt;") && !odd.contains("<x>"), "what the reader typed comes back as text");
}

/// A State with hundreds of authorities is shown a hundred at a time; a page is kept until what it shows changes,
/// and a change elsewhere leaves it kept.
#[tokio::test]
async fn long_states_are_paged_and_pages_are_kept_until_they_change() {
    let app = crate::helpers::spawn_app().await;
    let fra = token("focal_point", Some("FRA"), None);
    let mut csv = String::from("state,name\n");
    for i in 0..250 {
        csv.push_str(&format!("FRA,Bureau {i:03}\n"));
    }
    let import = "mutation($files: [ImportFileInput!]!) { importEntries(files: $files) { created } }";
    let files = json!([{ "name": "authorities.csv", "content": csv }]);
    assert_eq!(app.data_as(&fra, import, json!({ "files": files })).await["importEntries"]["created"], 250);

    let sections = |html: &str| html.matches("class=\"authority\"").count();
    let (status, first, _) = get(&app, "/directory/FRA").await;
    assert_eq!(status, 200);
    assert_eq!(count(&first, "count"), 250, "the count is the State's");
    assert_eq!(sections(&first), 100);
    assert!(first.contains("Page 1 of 3") && first.contains("href=\"/directory/FRA?lang=en&amp;page=2\""), "onward");
    let (_, last, _) = get(&app, "/directory/FRA?page=3").await;
    assert_eq!(sections(&last), 50);
    assert!(last.contains("Bureau 249") && !last.contains("Bureau 000"));
    let (_, past, _) = get(&app, "/directory/FRA?page=99").await;
    assert_eq!(sections(&past), 50, "past the last page, the last");
    let (_, french, _) = get(&app, "/directory/FRA?lang=fr&page=2").await;
    assert!(french.contains("href=\"/directory/FRA?lang=fr&amp;page=3\""), "the language follows the pages");

    // Kept: the same page again reads only the data version.
    let before = app.statements();
    let (_, again, _) = get(&app, "/directory/FRA").await;
    assert_eq!(sections(&again), 100);
    assert!(app.statements() - before <= 1, "{} statements for a kept page", app.statements() - before);
    // Another State's change leaves it kept; its own change is shown at once.
    let esp = token("focal_point", Some("ESP"), None);
    let mut input = crate::writes::another_authority_input();
    input["state"] = json!("ESP");
    app.data_as(&esp, crate::writes::CREATE, json!({ "input": input })).await;
    let before = app.statements();
    get(&app, "/directory/FRA").await;
    assert!(app.statements() - before <= 1, "a change to ESP leaves FRA's page kept");
    app.data_as(&fra, crate::writes::CREATE, json!({ "input": crate::writes::another_authority_input() })).await;
    let (_, changed, _) = get(&app, "/directory/FRA").await;
    assert_eq!(count(&changed, "count"), 251, "a change to FRA is on its page at once");
    let (_, index, _) = get(&app, "/directory").await;
    assert_eq!(count(&index, "state-FRA"), 251, "the index too");
}

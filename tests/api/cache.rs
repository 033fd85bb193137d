//! The response cache never serves an answer older than the last acknowledged change: not on the instance that
//! made the change, not on another instance sharing the database, not after an operator's direct SQL. It never
//! hands one viewer's answer to another, and polling portals can revalidate with `If-None-Match`.

use reqwest::{StatusCode, header};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app, spawn_app_with, spawn_app_with_demo, spawn_pair, token};
use crate::writes::{CREATE, UPDATE, authority_input};

const NAMES: &str = "query($s: String!) { authorities(first: 50, filter: {state: $s}) { totalCount nodes { name } } }";

async fn names(app: &TestApp) -> Value {
    app.data(NAMES, json!({ "s": "FRA" })).await["authorities"].clone()
}

async fn create_and_rename(writer: &TestApp, readers: &[&TestApp]) {
    let fra = token("focal_point", Some("FRA"), None);
    for reader in readers {
        assert_eq!(names(reader).await["totalCount"], 0);
        assert_eq!(names(reader).await["totalCount"], 0, "a repeated read is answered alike");
    }
    let created = writer.data_as(&fra, CREATE, json!({ "input": authority_input() })).await;
    let id = created["createAuthority"]["id"].clone();
    for reader in readers {
        assert_eq!(names(reader).await["totalCount"], 1, "the creation is seen at once");
    }
    let input = json!({ "name": "Bureau renamed" });
    writer.data_as(&fra, UPDATE, json!({ "id": id, "v": 1, "input": input })).await;
    for reader in readers {
        assert_eq!(names(reader).await["nodes"][0]["name"], "Bureau renamed", "the rename is seen at once");
    }
}

#[tokio::test]
async fn a_change_is_seen_by_the_next_read_on_the_same_instance() {
    let app = spawn_app().await;
    create_and_rename(&app, &[&app]).await;
}

#[tokio::test]
async fn a_change_is_seen_by_the_next_read_on_every_instance() {
    let (first, second) = spawn_pair().await;
    create_and_rename(&first, &[&first, &second]).await;
    create_and_rename_elsewhere(&second, &first).await;
}

/// The same in the other direction, in another State, so nothing cached before can answer.
async fn create_and_rename_elsewhere(writer: &TestApp, reader: &TestApp) {
    let query = "query($s: String!) { authorities(first: 5, filter: {state: $s}) { totalCount } }";
    let count = || async { reader.data(query, json!({ "s": "DEU" })).await["authorities"]["totalCount"].clone() };
    assert_eq!(count().await, 0);
    let deu = token("focal_point", Some("DEU"), None);
    let mut input = authority_input();
    input["state"] = json!("DEU");
    writer.data_as(&deu, CREATE, json!({ "input": input })).await;
    assert_eq!(count().await, 1);
}

#[tokio::test]
async fn a_direct_change_in_the_database_is_seen_too() {
    let app = spawn_app_with_demo().await;
    let query = "{ state(iso3: \"FRA\") { name } }";
    assert_eq!(app.data(query, json!({})).await["state"]["name"], "France");
    app.db.execute_unprepared("UPDATE states SET name = 'République française' WHERE iso3 = 'FRA'").await.unwrap();
    assert_eq!(app.data(query, json!({})).await["state"]["name"], "République française");
}

#[tokio::test]
async fn a_repeated_read_costs_one_version_check() {
    let app = spawn_app_with_demo().await;
    names(&app).await;
    let before = app.statements();
    let (again, hit) = read(&app, NAMES, json!({ "s": "FRA" })).await;
    assert!(hit, "answered from the cache");
    // The version read: through the pool on SQLite, through a connection of its own on PostgreSQL.
    let pooled = if std::env::var("TEST_DATABASE_URL").is_ok_and(|u| u.starts_with("postgres")) { 0 } else { 1 };
    assert_eq!(app.statements() - before, pooled, "one read of the data version, nothing else");
    assert!(again["authorities"]["totalCount"].as_u64().unwrap() > 0);

    let off = spawn_app_with(|s| s.limits.response_cache_mb = 0).await;
    off.db.execute_unprepared("SELECT 1").await.unwrap();
    let before = off.statements();
    names(&off).await;
    names(&off).await;
    assert!(off.statements() - before >= 2, "with the cache off, every read runs its statements");
}

#[tokio::test]
async fn a_viewer_never_gets_another_viewers_answer() {
    let app = spawn_app_with_demo().await;
    let query = "{ authorities(first: 100) { nodes { contacts { name visibility } } } }";
    let reader = token("reader", None, None);
    let signed_in = app.gql(query, json!({}), Some(&reader)).await.to_string();
    assert!(signed_in.contains("RESTRICTED"), "a signed-in reader sees restricted contacts");
    for _ in 0..2 {
        let anonymous = app.gql(query, json!({}), None).await.to_string();
        assert!(!anonymous.contains("RESTRICTED"), "the signed-in answer is not served to anonymous readers");
    }
    let signed_in = app.gql(query, json!({}), Some(&reader)).await.to_string();
    assert!(signed_in.contains("RESTRICTED"), "nor the anonymous answer to a signed-in reader");

    let (status, body) = app.post(query, json!({}), Some("Bearer not-a-token")).await;
    assert_eq!((status, body["errors"][0]["extensions"]["code"].as_str()), (401, Some("UNAUTHENTICATED")));
}

/// A failed answer is not kept: the failure may be passing, while the data, and so its version, stay the same.
#[tokio::test]
async fn errors_are_not_cached() {
    let app = spawn_app().await;
    let query = "{ conventions { code } }";
    app.db.execute_unprepared("ALTER TABLE conventions RENAME TO conventions_away").await.unwrap();
    let failed = app.gql(query, json!({}), None).await;
    assert_eq!(failed["errors"][0]["extensions"]["code"], "INTERNAL_SERVER_ERROR", "{failed:#}");
    app.db.execute_unprepared("ALTER TABLE conventions_away RENAME TO conventions").await.unwrap();
    let answered = app.gql(query, json!({}), None).await;
    assert!(answered.get("errors").is_none(), "{answered:#}");
    assert!(!answered["data"]["conventions"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn polling_portals_revalidate_with_etags() {
    let app = spawn_app_with_demo().await;
    let url = format!("{}/graphql", app.address);
    let params = [("query", "query($s: String!) { state(iso3: $s) { name } }"), ("variables", r#"{"s":"FRA"}"#)];
    let first = app.client.get(&url).query(&params).send().await.unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    assert_eq!(first.headers()[header::CACHE_CONTROL], "no-cache");
    let etag = first.headers()[header::ETAG].clone();
    assert_eq!(first.json::<Value>().await.unwrap()["data"]["state"]["name"], "France");

    let unchanged = app.client.get(&url).query(&params).header(header::IF_NONE_MATCH, &etag).send().await.unwrap();
    assert_eq!(unchanged.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(unchanged.headers()[header::ETAG], etag);
    assert!(unchanged.bytes().await.unwrap().is_empty());

    let other = app.client.get(&url).query(&params).header(header::IF_NONE_MATCH, "\"other\"").send().await.unwrap();
    assert_eq!(other.status(), StatusCode::OK, "another tag gets the answer");

    let admin = token("admin", None, None);
    let rename = "mutation { upsertState(input: {iso3: \"FRA\", name: \"French Republic\", status: UN_MEMBER, \
                  iso2: \"FR\", m49: \"250\", region: \"Europe\"}) { name } }";
    app.data_as(&admin, rename, json!({})).await;
    let changed = app.client.get(&url).query(&params).header(header::IF_NONE_MATCH, &etag).send().await.unwrap();
    assert_eq!(changed.status(), StatusCode::OK, "a change ends the 304s");
    assert_ne!(changed.headers()[header::ETAG], etag);
    assert_eq!(changed.json::<Value>().await.unwrap()["data"]["state"]["name"], "French Republic");

    let signed_in = app.client.get(&url).query(&params).bearer_auth(&admin).send().await.unwrap();
    assert_eq!(signed_in.headers()[header::CACHE_CONTROL], "private, no-cache");
}

/// Readers hammer one instance while another renames an authority again and again: the first read after each
/// acknowledged rename shows it, however the concurrent reads share their version checks.
#[tokio::test]
async fn no_stale_answer_under_concurrent_reads() {
    let (writer, reader) = spawn_pair().await;
    let fra = token("focal_point", Some("FRA"), None);
    let created = writer.data_as(&fra, CREATE, json!({ "input": authority_input() })).await;
    let id = created["createAuthority"]["id"].clone();
    let reader = std::sync::Arc::new(reader);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut hammers = Vec::new();
    for _ in 0..8 {
        let (reader, stop) = (reader.clone(), stop.clone());
        hammers.push(tokio::spawn(async move {
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                names(&reader).await;
            }
        }));
    }
    for version in 1..=10 {
        let name = format!("Bureau {version}");
        let input = json!({ "name": name });
        writer.data_as(&fra, UPDATE, json!({ "id": id, "v": version, "input": input })).await;
        assert_eq!(names(&reader).await["nodes"][0]["name"], name.as_str(), "rename {version} seen at once");
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for hammer in hammers {
        hammer.await.unwrap();
    }
}

/// The answer and whether the response cache served it, as its `Cache-Status` says.
async fn read(app: &TestApp, query: &str, variables: Value) -> (Value, bool) {
    let response = app
        .client
        .post(format!("{}/graphql", app.address))
        .json(&json!({ "query": query, "variables": variables }))
        .send()
        .await
        .expect("answered");
    let hit = response.headers().get("cache-status").is_some_and(|v| v.as_bytes().ends_with(b"; hit"));
    let body: Value = response.json().await.expect("JSON");
    assert!(body.get("errors").is_none(), "{body}");
    (body["data"].clone(), hit)
}

/// One authority in `state`, created by its focal point; its id.
async fn authority_in(app: &TestApp, state: &str, name: &str) -> String {
    let mut input = authority_input();
    input["state"] = json!(state);
    input["name"] = json!(name);
    let focal = token("focal_point", Some(state), None);
    let created = app.data_as(&focal, CREATE, json!({ "input": input })).await;
    created["createAuthority"]["id"].as_str().unwrap().to_owned()
}

const PHONES: &str = "query($s: String!) { authorities(first: 10, filter: {state: $s}) { nodes { phone designations { \
                      legalBasis { code } } networks { role } } } }";

/// A focal point's edit of France's entries leaves the answers about other States in the cache, and the answers
/// about France are computed again. Without the narrowing (every answer depending on everything) the German
/// answers would be computed again; without a State's scope recorded, the French answers would be stale.
#[tokio::test]
async fn a_change_to_one_state_leaves_the_answers_about_the_others() {
    let app = spawn_app().await;
    let fra = authority_in(&app, "FRA", "Bureau de l'entraide").await;
    let deu = authority_in(&app, "DEU", "Bundesamt für Justiz").await;
    let by_id = "query($id: ID!) { authority(id: $id) { phone contacts { name } } }";
    let nested = "{ state(iso3: \"DEU\") { name authorities { nodes { phone } } } }";
    let route =
        "{ route(from: \"FRA\", to: \"DEU\", function: MUTUAL_LEGAL_ASSISTANCE) { authorities { name } warnings } }";
    let reads: [(&str, Value); 5] = [
        (PHONES, json!({ "s": "FRA" })),
        (PHONES, json!({ "s": "DEU" })),
        (by_id, json!({ "id": deu })),
        (nested, json!({})),
        (route, json!({})),
    ];
    for (query, variables) in &reads {
        app.data(query, variables.clone()).await;
        assert!(read(&app, query, variables.clone()).await.1, "a repeated read is served from the cache: {query}");
    }

    let focal = token("focal_point", Some("FRA"), None);
    app.data_as(&focal, UPDATE, json!({ "id": fra, "v": 1, "input": { "phone": "+33 1 00 00 00 01" } })).await;
    for (query, variables) in &reads[1..] {
        assert!(read(&app, query, variables.clone()).await.1, "an answer about Germany stays: {query}");
    }
    let (france, cached) = read(&app, PHONES, json!({ "s": "FRA" })).await;
    assert!(!cached, "France's answer is computed again");
    assert_eq!(france["authorities"]["nodes"][0]["phone"], "+33100000001");

    // Parts of an entry are scoped to its authority's State: a designation, a contact, a network role.
    let admin = token("admin", None, None);
    let parts = [
        "mutation($id: ID!) { addDesignation(authorityId: $id, input: {legalBasis: \"UNTOC_18_13\"}) { id } }",
        "mutation($id: ID!) { addContact(authorityId: $id, input: {name: \"Desk\", visibility: PUBLIC}) { id } }",
        "mutation($id: ID!) { addNetworkContactPoint(network: \"EJN\", authorityId: $id, role: CONTACT_POINT) { id } }",
    ];
    for (i, mutation) in parts.iter().enumerate() {
        app.data_as(&admin, mutation, json!({ "id": deu })).await;
        let (germany, cached) = read(&app, PHONES, json!({ "s": "DEU" })).await;
        assert!(!cached, "a change to a German entry's parts drops Germany's answer ({i})");
        let (one, cached) = read(&app, by_id, json!({ "id": deu })).await;
        assert!(!cached, "and the German authority's own ({i})");
        if i == 0 {
            assert_eq!(germany["authorities"]["nodes"][0]["designations"][0]["legalBasis"]["code"], "UNTOC_18_13");
        }
        if i == 1 {
            assert_eq!(one["authority"]["contacts"][0]["name"], "Desk");
        }
        if i == 2 {
            assert_eq!(germany["authorities"]["nodes"][0]["networks"][0]["role"], "CONTACT_POINT");
        }
        assert!(read(&app, PHONES, json!({ "s": "FRA" })).await.1, "France's answer stays ({i})");
    }
    let (routed, cached) = read(&app, route, json!({})).await;
    assert!(!cached, "the route to Germany follows Germany's designations");
    assert_eq!(routed["route"]["authorities"][0]["name"], "Bundesamt für Justiz");
}

/// A search keeps its answer while no name changes and the authorities it lists stay as they are; a name that
/// starts to match is found at once.
#[tokio::test]
async fn a_search_is_kept_until_what_it_matches_changes() {
    let app = spawn_app().await;
    authority_in(&app, "FRA", "Parquet national financier").await;
    let deu = authority_in(&app, "DEU", "Bundesamt für Justiz").await;
    let search = "query($q: String) { authorities(first: 20, filter: {search: $q}) { totalCount nodes { name } } }";
    let vars = json!({ "q": "parquet" });
    assert_eq!(app.data(search, vars.clone()).await["authorities"]["totalCount"], 1);
    let focal = token("focal_point", Some("DEU"), None);
    app.data_as(&focal, UPDATE, json!({ "id": deu, "v": 1, "input": { "phone": "+49 228 99 410 40" } })).await;
    assert!(read(&app, search, vars.clone()).await.1, "an edit that no search reads leaves the answer");
    let renamed = json!({ "id": deu, "v": 2, "input": { "name": "Parquet fédéral allemand" } });
    app.data_as(&focal, UPDATE, renamed).await;
    let (found, cached) = read(&app, search, vars.clone()).await;
    assert!(!cached);
    assert_eq!(found["authorities"]["totalCount"], 2, "the new name is found at once");
    app.db.execute_unprepared("UPDATE authorities SET deleted_at = updated_at WHERE state_iso3 = 'DEU'").await.unwrap();
    assert_eq!(app.data(search, vars).await["authorities"]["totalCount"], 1, "a removal made in SQL too");
}

/// A search across States depends on the authorities it shows, not on their States: an edit of another entry of
/// the same State leaves the answer; an edit of a shown entry, or of its parts, drops it. Before the authorities'
/// own scopes (migration 16), the first edit dropped it too.
#[tokio::test]
async fn a_search_answer_stays_while_only_entries_it_does_not_show_change() {
    let app = spawn_app().await;
    let shown = authority_in(&app, "FRA", "Parquet national financier").await;
    let other = authority_in(&app, "FRA", "Bureau de l'entraide").await;
    let search = "query($q: String) { authorities(first: 20, filter: {search: $q}) { totalCount nodes { name phone \
                  contacts { name } } } }";
    let vars = json!({ "q": "parquet" });
    assert_eq!(app.data(search, vars.clone()).await["authorities"]["totalCount"], 1);
    assert!(read(&app, search, vars.clone()).await.1, "a repeated search is served from the cache");
    let focal = token("focal_point", Some("FRA"), None);
    app.data_as(&focal, UPDATE, json!({ "id": other, "v": 1, "input": { "phone": "+33 1 00 00 00 02" } })).await;
    assert!(read(&app, search, vars.clone()).await.1, "an edit of an entry the search does not show leaves it");
    app.data_as(&focal, UPDATE, json!({ "id": shown, "v": 1, "input": { "phone": "+33 1 00 00 00 03" } })).await;
    let (found, cached) = read(&app, search, vars.clone()).await;
    assert!(!cached, "an edit of a shown entry drops the answer");
    assert_eq!(found["authorities"]["nodes"][0]["phone"], "+33100000003");
    let admin = token("admin", None, None);
    let contact =
        "mutation($id: ID!) { addContact(authorityId: $id, input: {name: \"Desk\", visibility: PUBLIC}) { id } }";
    app.data_as(&admin, contact, json!({ "id": shown })).await;
    let (found, cached) = read(&app, search, vars.clone()).await;
    assert!(!cached, "a change to a shown entry's parts drops the answer");
    assert_eq!(found["authorities"]["nodes"][0]["contacts"][0]["name"], "Desk");
    // The same through SQL, as an operator would: the triggers write the authority's scope on both backends.
    app.db
        .execute_unprepared("UPDATE authorities SET city = 'Lyon' WHERE name = 'Parquet national financier'")
        .await
        .unwrap();
    let query = "query($q: String) { authorities(first: 20, filter: {search: $q}) { nodes { city } } }";
    app.data(query, vars.clone()).await;
    app.db
        .execute_unprepared("UPDATE authorities SET city = 'Lille' WHERE name = 'Parquet national financier'")
        .await
        .unwrap();
    assert_eq!(app.data(query, vars).await["authorities"]["nodes"][0]["city"], "Lille");
}

/// Operations with a root field that does not record what it reads (the coverage of a legal basis here) depend
/// on every change, and reference data has scopes of its own.
#[tokio::test]
async fn other_answers_depend_on_every_change_and_reference_data_on_its_tables() {
    let app = spawn_app().await;
    let fra = authority_in(&app, "FRA", "Bureau de l'entraide").await;
    let feed = "{ authorities(filter: {state: \"DEU\"}) { totalCount } legalBasisCoverage(legalBasis: \"UNTOC_18_13\") \
                { designated } }";
    let parties = "{ state(iso3: \"DEU\") { parties { convention { code } status } } }";
    for query in [feed, parties] {
        app.data(query, json!({})).await;
        assert!(read(&app, query, json!({})).await.1);
    }
    let focal = token("focal_point", Some("FRA"), None);
    app.data_as(&focal, UPDATE, json!({ "id": fra, "v": 1, "input": { "city": "Paris" } })).await;
    assert!(!read(&app, feed, json!({})).await.1, "the coverage's answer is computed again");
    assert!(read(&app, parties, json!({})).await.1, "treaty participation is not an authority's");
    let admin = token("admin", None, None);
    let set = "mutation { setStateParty(state: \"DEU\", convention: \"UNCAC\", status: SIGNATORY) { status } }";
    app.data_as(&admin, set, json!({})).await;
    let (now, cached) = read(&app, parties, json!({})).await;
    assert!(!cached, "a change of participation drops it");
    let statuses = now["state"]["parties"].as_array().unwrap();
    assert!(statuses.iter().any(|p| p["convention"]["code"] == "UNCAC" && p["status"] == "SIGNATORY"), "{now:#}");
}

/// An answer kept by the cache goes at the instant an entry it shows falls due, with nobody writing, whatever
/// the other root fields of its operation: a cached and an uncached server over one database answer alike.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kept_answers_go_when_an_entry_falls_due_whatever_else_they_ask() {
    use cna_directory::db::entities::authority;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
    let (cached, uncached) = crate::helpers::spawn_pair_with(|s| s.limits.response_cache_mb = 0).await;
    let fra = token("focal_point", Some("FRA"), None);
    let id = cached.data_as(&fra, CREATE, json!({ "input": authority_input() })).await["createAuthority"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // Confirmed so that it falls due (six months, the default) three seconds from now.
    let due = chrono::Utc::now() + chrono::Duration::seconds(3);
    let confirmed = due.checked_sub_months(chrono::Months::new(6)).unwrap();
    authority::Entity::update_many()
        .col_expr(authority::Column::LastConfirmedAt, Expr::value(confirmed))
        .filter(authority::Column::Id.eq(uuid::Uuid::parse_str(&id).unwrap()))
        .exec(&cached.db)
        .await
        .unwrap();
    let queries = [
        "query($id: ID!) { node(id: $id) { ... on Authority { stale } } }",
        "query($id: ID!) { me { sub } authority(id: $id) { stale } }",
        "query($id: ID!) { me { review { stale { id } dueSoon { id } } } authority(id: $id) { id } }",
    ];
    let answers = async |app: &TestApp| {
        let mut all = Vec::new();
        for q in queries {
            all.push(app.data_as(&fra, q, json!({ "id": id })).await);
        }
        all
    };
    let before = answers(&cached).await;
    assert_eq!(before, answers(&uncached).await);
    assert_eq!(before[0]["node"]["stale"], false);
    assert_eq!(before[2]["me"]["review"]["dueSoon"][0]["id"], id.as_str(), "{:?}", before[2]);
    // Kept: asked again, from the cache.
    assert_eq!(answers(&cached).await, before);
    tokio::time::sleep(std::time::Duration::from_secs(4)).await;
    let after = answers(&cached).await;
    assert_eq!(after, answers(&uncached).await, "the cache answers as a server without one");
    assert_eq!(after[0]["node"]["stale"], true);
    assert_eq!(after[1]["authority"]["stale"], true);
    assert_eq!(after[2]["me"]["review"]["stale"][0]["id"], id.as_str(), "{:?}", after[2]);
}

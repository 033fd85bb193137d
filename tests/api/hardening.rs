//! Attacks from outside that must stay fixed: documents that expand without end, client text in metric labels,
//! tokens that trimming or overflow would let through, input that used to become internal errors, erasure after
//! deletion, and the scope of a secretariat.

use std::time::Duration;

use jsonwebtoken::{EncodingKey, Header, encode};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

use crate::helpers::{SECRET, error_code, spawn_app, spawn_app_with, token};
use crate::writes::{CREATE, authority_input};

/// Sizes here are kept small enough (2^16 selections) that without the expansion check they run to an answer in
/// a second or so instead of being refused: a regression then fails instead of hanging the suite. The shapes of
/// 2^28 and more are in the unit tests of `graphql::expansion`, which only count.
async fn answered_in_time(app: &crate::helpers::TestApp, query: &str) -> (u16, Value) {
    tokio::time::timeout(Duration::from_secs(20), app.post(query, json!({}), None))
        .await
        .expect("a bomb is refused, not run")
}

fn doubling_fragments(n: usize, leaf: &str) -> String {
    let mut doc = format!("query {{ ...F{n} }}\nfragment F0 on QueryRoot {{ {leaf} }}\n");
    for i in 1..=n {
        doc.push_str(&format!("fragment F{i} on QueryRoot {{ ...F{p} ...F{p} }}\n", p = i - 1));
    }
    doc
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn documents_that_expand_without_end_are_refused_before_they_run() {
    let app = spawn_app().await;
    let nested_inline = format!("{{ {}__typename{} }}", "... on QueryRoot { ".repeat(30), " }".repeat(30));
    let wide_inline = format!("{{ {} }}", "... on QueryRoot { __typename __typename } ".repeat(2_000));
    let bombs = [
        ("doubling fragments of __typename", doubling_fragments(16, "__typename")),
        ("doubling fragments of a field", doubling_fragments(14, "conventions { code }")),
        (
            "an unused doubling fragment",
            doubling_fragments(16, "__typename").replace("query { ...F16 }", "{ __typename }"),
        ),
        ("repeated fields", format!("{{ {} }}", "__typename ".repeat(6_000))),
        ("many inline fragments", wide_inline),
        ("a fragment cycle", "{ ...A } fragment A on QueryRoot { ...B } fragment B on QueryRoot { ...A }".to_owned()),
    ];
    for (name, document) in bombs {
        let (status, body) = answered_in_time(&app, &document).await;
        assert_eq!(status, 200, "{name}: {body}");
        assert_eq!(error_code(&body), "GRAPHQL_VALIDATION_FAILED", "{name}: {body}");
        assert!(body.get("data").is_none_or(Value::is_null), "{name}: nothing ran");
    }
    let (_, fine) = answered_in_time(&app, &nested_inline).await;
    assert!(fine.get("errors").is_none(), "nesting within the depth limit still runs: {fine}");
    // The server still answers others at once.
    let (status, _) = app.post("{ conventions { code } }", json!({}), None).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn operation_names_from_clients_do_not_grow_the_metrics() {
    let app = spawn_app().await;
    let marker = uuid::Uuid::new_v4().simple().to_string();
    for i in 0..150 {
        // A name the document does not define runs nothing and must not become a label.
        let body = json!({ "query": "query Known { conventions { code } }", "operationName": format!("X{marker}{i}") });
        app.client.post(format!("{}/graphql", app.address)).json(&body).send().await.unwrap();
        // Names the document defines are labels, up to a bounded number.
        let named = format!("query N{marker}{i} {{ conventions {{ code }} }}");
        app.post(&named, json!({}), None).await;
        let long = format!("query L{}{i} {{ conventions {{ code }} }}", "x".repeat(100));
        app.post(&long, json!({}), None).await;
    }
    let metrics = app.client.get(format!("{}/metrics", app.address)).send().await.unwrap().text().await.unwrap();
    assert!(!metrics.contains(&format!("X{marker}")), "a client's operationName is not a label");
    assert!(!metrics.contains(&"x".repeat(100)), "long names are not labels");
    let ours = metrics.lines().filter(|l| l.starts_with("cna_graphql_requests_total") && l.contains(&marker)).count();
    assert!(ours <= 100, "{ours} series for one client's names");
    let operations: std::collections::HashSet<&str> = metrics
        .lines()
        .filter_map(|l| l.split("operation=\"").nth(1))
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert!(operations.len() <= 102, "operation labels stay bounded: {}", operations.len());
}

fn signed(claims: Value) -> String {
    encode(&Header::default(), &claims, &EncodingKey::from_secret(SECRET.as_bytes())).unwrap()
}

fn claims(extra: Value) -> Value {
    let now = chrono::Utc::now().timestamp();
    let mut base = json!({ "sub": "someone", "role": "reader", "iss": "cna-directory", "aud": "cna-directory",
        "iat": now, "exp": now + 600, "jti": uuid::Uuid::new_v4().to_string() });
    for (k, v) in extra.as_object().unwrap() {
        base[k] = v.clone();
    }
    base
}

#[tokio::test]
async fn tokens_that_trimming_or_overflow_would_let_through_are_refused() {
    let app = spawn_app().await;
    let query = "{ conventions { code } }";
    let refused = [
        ("overflowing lifetime", claims(json!({ "exp": i64::MAX, "iat": -10 }))),
        ("negative iat", claims(json!({ "iat": -10 }))),
        ("empty sub", claims(json!({ "sub": "" }))),
        ("sub with spaces", claims(json!({ "sub": " someone " }))),
        ("jti with spaces", claims(json!({ "jti": " j-1 " }))),
    ];
    for (name, c) in refused {
        let (status, body) = app.post(query, json!({}), Some(&format!("Bearer {}", signed(c)))).await;
        assert_eq!((status, error_code(&body).as_str()), (401, "UNAUTHENTICATED"), "{name}: {body}");
        let message = body["errors"][0]["message"].as_str().unwrap();
        assert!(!message.contains("Error(") && !message.contains("kind"), "{name}: in the contract's words: {message}");
    }
    // A revocation is recorded exactly as given: revoking " j-2 " does not revoke "j-2", and says so by
    // changing nothing for it.
    let admin = token("admin", None, None);
    let good = signed(claims(json!({ "jti": "j-2" })));
    app.data_as(&admin, "mutation { revokeToken(jti: \" j-2 \") }", json!({})).await;
    let (status, _) = app.post(query, json!({}), Some(&format!("Bearer {good}"))).await;
    assert_eq!(status, 200, "only the exact jti is revoked");
    app.data_as(&admin, "mutation { revokeToken(jti: \"j-2\") }", json!({})).await;
    let (status, _) = app.post(query, json!({}), Some(&format!("Bearer {good}"))).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn garbage_tokens_count_against_the_rate_limit() {
    let app = spawn_app_with(|s| {
        s.limits.rate_limit = 60;
        s.limits.rate_burst = 3;
    })
    .await;
    let garbage = "Bearer not.a.token";
    for _ in 0..3 {
        let (status, _) = app.post("{ conventions { code } }", json!({}), Some(garbage)).await;
        assert_eq!(status, 401);
    }
    let (status, body) = app.post("{ conventions { code } }", json!({}), Some(garbage)).await;
    assert_eq!((status, error_code(&body).as_str()), (429, "RATE_LIMITED"), "refused requests count: {body}");
    // The same peer without a token is the same client.
    let (status, _) = app.post("{ conventions { code } }", json!({}), None).await;
    assert_eq!(status, 429);
}

#[tokio::test]
async fn bad_strings_are_user_errors_naming_the_field() {
    let app = spawn_app().await;
    let fra = token("focal_point", Some("FRA"), None);
    let cases = [
        (r#"{ authorities(filter: {search: "min\u0000istry"}) { totalCount } }"#.to_owned(), json!({}), "search"),
        (
            "query($s: String) { authorities(filter: {search: $s}) { totalCount } }".to_owned(),
            json!({ "s": "x".repeat(50_000) }),
            "s",
        ),
        (
            "query($s: String) { authorities(filter: {search: $s}) { totalCount } }".to_owned(),
            json!({ "s": "x".repeat(5_000) }),
            "filter.search",
        ),
        (CREATE.to_owned(), json!({ "input": { "state": "FRA", "name": "Mini\u{0}stry" } }), "input.name"),
        (r#"{ route(from: "FRA", to: "ES\u0000P") { warnings } }"#.to_owned(), json!({}), "to"),
    ];
    for (query, variables, field) in cases {
        let body = app.gql(&query, variables, Some(&fra)).await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{field}: {body}");
        let fields: Vec<&str> = body["errors"][0]["extensions"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|f| f["field"].as_str())
            .collect();
        assert!(fields.iter().any(|f| f.ends_with(field)), "{field} named in {fields:?}");
    }
}

#[tokio::test]
async fn contacts_of_a_deleted_authority_can_still_be_erased() {
    let app = spawn_app().await;
    let fra = token("focal_point", Some("FRA"), None);
    let admin = token("admin", None, None);
    let created = app.data_as(&fra, CREATE, json!({ "input": authority_input() })).await;
    let id = created["createAuthority"]["id"].as_str().unwrap().to_owned();
    let add = "mutation($id: ID!) { addContact(authorityId: $id, input: {name: \"Jeanne Martin\", email: \"jm@justice.example\"}) { id } }";
    let first = app.data_as(&fra, add, json!({ "id": id })).await["addContact"]["id"].clone();
    let second = app.data_as(&fra, add, json!({ "id": id })).await["addContact"]["id"].clone();
    app.data_as(&fra, "mutation($id: ID!) { deleteAuthority(id: $id, expectedVersion: 1) }", json!({ "id": id })).await;
    app.data_as(&admin, "mutation($id: ID!) { eraseContact(id: $id) }", json!({ "id": first })).await;
    app.data_as(&fra, "mutation($id: ID!) { removeContact(id: $id) }", json!({ "id": second })).await;
    let feed = app
        .data_as(&admin, "{ changes(first: 100, filter: {entity: \"contact\"}) { nodes { before after } } }", json!({}))
        .await;
    let erased = feed.to_string();
    // The removed (not erased) contact keeps its history (created, deleted); the erased one is gone from it.
    assert_eq!(erased.matches("Jeanne Martin").count(), 2, "the erased contact's name left the feed: {erased}");
    let backend = app.db.get_database_backend();
    let left = app.db.query_all_raw(sea_orm::Statement::from_string(backend, "SELECT id FROM contacts")).await.unwrap();
    assert!(left.is_empty(), "both contacts are gone from the table");
}

#[tokio::test]
async fn a_network_has_contact_points_only_in_its_member_states() {
    let app = spawn_app().await;
    let ejn = token("network_secretariat", None, Some("EJN"));
    let usa = token("focal_point", Some("USA"), None);
    let input = json!({ "input": { "state": "USA", "name": "Office of International Affairs" } });
    let created = app.data_as(&usa, CREATE, input).await;
    let id = created["createAuthority"]["id"].clone();
    let add =
        "mutation($id: ID!) { addNetworkContactPoint(network: \"EJN\", authorityId: $id, role: CONTACT_POINT) { id } }";
    let body = app.gql(add, json!({ "id": id }), Some(&ejn)).await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "the United States is not in the EJN: {body}");
}

#[tokio::test]
async fn request_ids_from_clients_are_kept_only_when_safe() {
    let app = spawn_app().await;
    let send = |id: &'static str| {
        app.client
            .post(format!("{}/graphql", app.address))
            .header("x-request-id", id)
            .json(&json!({ "query": "{ conventions { code } }" }))
            .send()
    };
    let kept = send("portal-42.a").await.unwrap();
    assert_eq!(kept.headers()["x-request-id"], "portal-42.a");
    let replaced = send("<script>alert(1)</script>").await.unwrap();
    let echoed = replaced.headers()["x-request-id"].to_str().unwrap();
    assert!(uuid::Uuid::parse_str(echoed).is_ok(), "a fresh id instead: {echoed}");
}

#[tokio::test]
async fn without_public_read_metrics_and_schema_need_a_token() {
    let app = spawn_app_with(|s| s.public_read = false).await;
    for path in ["/metrics", "/schema.graphql"] {
        let anonymous = app.client.get(format!("{}{path}", app.address)).send().await.unwrap();
        assert_eq!(anonymous.status(), 401, "{path}");
        let reader = token("reader", None, None);
        let signed_in = app.client.get(format!("{}{path}", app.address)).bearer_auth(reader).send().await.unwrap();
        assert_eq!(signed_in.status(), 200, "{path}");
    }
}

#[tokio::test]
async fn get_answers_carry_entity_tags_with_the_cache_off() {
    let app = spawn_app_with(|s| s.limits.response_cache_mb = 0).await;
    let url = format!("{}/graphql?query={{conventions{{code}}}}", app.address);
    let first = app.client.get(&url).send().await.unwrap();
    let etag = first.headers().get("etag").expect("an entity tag").clone();
    assert_eq!(first.headers()["cache-control"], "no-cache");
    let again = app.client.get(&url).header("if-none-match", etag).send().await.unwrap();
    assert_eq!(again.status(), 304);
}

#[tokio::test]
async fn many_aliased_searches_are_refused_before_they_hold_the_pool() {
    let app = spawn_app().await;
    let aliases = |n: usize, field: &str| {
        let body: String = (0..n).map(|i| format!("a{i}: {field} ")).collect();
        format!("{{ {body} }}")
    };
    let search = "authorities(first: 1, filter: {search: \"min\"}) { totalCount }";
    for (name, query) in
        [("480 aliased searches", aliases(480, search)), ("21 root fields", aliases(21, "conventions { code }"))]
    {
        let (_, body) = app.post(&query, json!({}), None).await;
        assert_eq!(error_code(&body), "GRAPHQL_VALIDATION_FAILED", "{name}: {body}");
    }
    let (_, fine) = app.post(&aliases(20, "conventions { code }"), json!({}), None).await;
    assert!(fine.get("errors").is_none(), "20 root fields run: {fine}");
}

#[tokio::test]
async fn long_inputs_are_not_echoed_back_at_length() {
    let app = spawn_app().await;
    let long = "Q".repeat(9_000);
    let body = app
        .data_as(
            &token("reader", None, None),
            "query($c: String!) { route(from: $c, to: $c, function: MUTUAL_LEGAL_ASSISTANCE, convention: $c) { warnings } }",
            json!({ "c": long }),
        )
        .await;
    assert!(body.to_string().len() < 2_000, "warnings quote at most a short piece: {} bytes", body.to_string().len());
}

/// A SQLite file serves readers on several connections (WAL) and writes through one: concurrent readers open
/// more than one connection, and writes from two instances still all succeed.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_reads_run_in_parallel_beside_one_writer() {
    let (app, other) = crate::helpers::spawn_pair().await;
    let fra = token("focal_point", Some("FRA"), None);
    let heavy = "{ states(first: 100) { totalCount nodes { name memberships { network { code } } } } }";
    let readers = (0..8).map(|_| app.post(heavy, json!({}), None));
    let writes = (0..6).map(|i| {
        let (app, fra) = (if i % 2 == 0 { &app } else { &other }, fra.clone());
        async move { app.gql(CREATE, json!({ "input": crate::writes::another_authority_input() }), Some(&fra)).await }
    });
    let (read, written) = tokio::join!(futures_util::future::join_all(readers), futures_util::future::join_all(writes));
    assert!(read.iter().all(|(status, body)| *status == 200 && body.get("errors").is_none()));
    assert!(written.iter().all(|body| body.get("errors").is_none()), "{written:?}");
    let metrics = app.client.get(format!("{}/metrics", app.address)).send().await.unwrap().text().await.unwrap();
    let open: f64 = metrics
        .lines()
        .find(|l| l.starts_with("cna_db_pool_connections{state=\"open\"}"))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
        .unwrap();
    assert!(open > 1.0, "readers share more than one connection: {open}");
}

/// In a document with several mutations, a failed non-null field nulls `data` as the GraphQL spec says, instead of
/// being left out of it; the mutations stop at the first failure, and those committed before it are reported in
/// `extensions.committed`; and readers do not see token revocations in the feed.
#[tokio::test]
async fn failed_mutations_null_the_data_and_revocations_stay_with_administrators() {
    let app = spawn_app().await;
    let fra = token("focal_point", Some("FRA"), None);
    let three = r#"mutation { first: createAuthority(input: {state: "FRA", name: "First office"}) { id name }
        a: createAuthority(input: {state: "FRA", name: " "}) { id }
        b: createAuthority(input: {state: "FRA", name: "Second office"}) { id } }"#;
    let body = app.gql(three, json!({}), Some(&fra)).await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT", "{body}");
    assert_eq!(body["errors"].as_array().unwrap().len(), 1, "one failure: {body}");
    assert!(body["data"].is_null(), "a failed non-null root field nulls data: {body}");
    let first = &body["extensions"]["committed"]["first"];
    assert_eq!(first["name"], "First office", "the mutation that ran is reported: {body}");
    assert_eq!(body["extensions"]["notRun"], json!(["b"]), "{body}");
    // A refused import wrote nothing and is not reported as committed.
    let refused = r#"mutation($files: [ImportFileInput!]!) { imp: importEntries(files: $files) { applied }
        a: createAuthority(input: {state: "FRA", name: " "}) { id } }"#;
    let files = json!([{ "name": "authorities.csv", "content": "state,name,email\nFRA,Bureau,not-an-address\n" }]);
    let body = app.gql(refused, json!({ "files": files }), Some(&fra)).await;
    assert_eq!(body["extensions"]["committed"], json!({}), "{body}");
    let search = "query($s: String) { authorities(filter: {search: $s}) { totalCount nodes { id } } }";
    let found = app.data(search, json!({ "s": "First office" })).await;
    assert_eq!(found["authorities"]["nodes"][0]["id"], first["id"], "it was committed");
    let found = app.data(search, json!({ "s": "Second office" })).await;
    assert_eq!(found["authorities"]["totalCount"], 0, "the one after the failure did not run");

    let admin = token("admin", None, None);
    app.data_as(&admin, "mutation { revokeToken(jti: \"leaked-1\") }", json!({})).await;
    app.data_as(&admin, "mutation { revokeTokensOf(sub: \"someone\") }", json!({})).await;
    let feed = "{ changes(first: 100) { totalCount nodes { entity entityId } } }";
    let seen_by = |body: &Value| -> Vec<String> {
        body["changes"]["nodes"].as_array().unwrap().iter().map(|n| n["entity"].as_str().unwrap().to_owned()).collect()
    };
    let reader = app.data_as(&token("reader", None, None), feed, json!({})).await;
    assert!(!seen_by(&reader).iter().any(|e| e.contains("revo")), "{reader}");
    let admin_view = app.data_as(&admin, feed, json!({})).await;
    let entities = seen_by(&admin_view);
    assert!(entities.contains(&"revoked_token".to_owned()) && entities.contains(&"subject_revocation".to_owned()));
}

/// An export builds a whole file: an operation may ask for one (aliases count), and each draws on the client's
/// rate allowance as twenty requests.
#[tokio::test]
async fn exports_are_one_per_request_and_cost_more_of_the_allowance() {
    let app = spawn_app().await;
    let reader = token("reader", None, None);
    let aliased = "{ a: exportEntries(format: CSV) { name } b: exportEntries(format: JSON) { name } }";
    let body = app.gql(aliased, json!({}), Some(&reader)).await;
    assert_eq!(error_code(&body), "GRAPHQL_VALIDATION_FAILED", "{body}");
    assert!(body["errors"][0]["message"].as_str().unwrap().contains("`exportEntries` once"), "{body}");
    let imports = r#"mutation { a: importEntries(files: []) { applied } b: importEntries(files: []) { applied } }"#;
    let body = app.gql(imports, json!({}), Some(&token("admin", None, None))).await;
    assert_eq!(error_code(&body), "GRAPHQL_VALIDATION_FAILED", "one import per request: {body}");
    let through_fragment =
        "{ a: exportEntries(format: CSV) { name } ...F } fragment F on QueryRoot { exportEntries { name } }";
    let body = app.gql(through_fragment, json!({}), Some(&reader)).await;
    assert_eq!(error_code(&body), "GRAPHQL_VALIDATION_FAILED", "{body}");

    // A fresh allowance of sixty: three exports fill it (each counts as twenty), the fourth waits.
    let app = spawn_app_with(|s| {
        s.limits.rate_limit = 600;
        s.limits.rate_burst = 60;
    })
    .await;
    let mut statuses = Vec::new();
    for (format, state) in [("CSV", "FRA"), ("JSON", "FRA"), ("NDJSON", "FRA"), ("CSV", "ESP")] {
        let export = format!("{{ exportEntries(format: {format}, state: \"{state}\") {{ name }} }}");
        let (status, body) = app.post(&export, json!({}), Some(&format!("Bearer {reader}"))).await;
        statuses.push((status, body["errors"][0]["extensions"]["code"].as_str().unwrap_or("").to_owned()));
    }
    let codes: Vec<_> = statuses.iter().map(|(s, c)| (*s, c.as_str())).collect();
    assert_eq!(codes, [(200, ""), (200, ""), (200, ""), (429, "RATE_LIMITED")], "{statuses:?}");
}

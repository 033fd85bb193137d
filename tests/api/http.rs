use reqwest::{StatusCode, header};
use serde_json::json;

use crate::helpers::spawn_app;

#[tokio::test]
async fn health_and_readiness() {
    let app = spawn_app().await;
    let health = app.client.get(format!("{}/healthz", app.address)).send().await.unwrap();
    assert_eq!(health.status(), StatusCode::OK);
    let ready = app.client.get(format!("{}/readyz", app.address)).send().await.unwrap();
    assert_eq!(ready.status(), StatusCode::OK);
    assert!(ready.headers().contains_key("x-request-id"), "every response carries a request id");

    app.db.clone().close().await.unwrap();
    let ready = app.client.get(format!("{}/readyz", app.address)).send().await.unwrap();
    assert_eq!(ready.status(), StatusCode::SERVICE_UNAVAILABLE, "the database is gone");
    let health = app.client.get(format!("{}/healthz", app.address)).send().await.unwrap();
    assert_eq!(health.status(), StatusCode::OK, "the process is still up");
}

#[tokio::test]
async fn transport_rules() {
    let app = spawn_app().await;
    let url = format!("{}/graphql", app.address);
    let query = json!({ "query": "{ conventions { code } }" }).to_string();

    let cases = [
        ("text/plain", query.clone(), StatusCode::UNSUPPORTED_MEDIA_TYPE),
        (
            "application/x-www-form-urlencoded",
            "query=%7Bconventions%7Bcode%7D%7D".to_owned(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        ("application/json", format!("[{query}]"), StatusCode::BAD_REQUEST),
        ("application/json", "{not json".to_owned(), StatusCode::BAD_REQUEST),
        ("application/json", "{\"variables\": {}}".to_owned(), StatusCode::BAD_REQUEST),
        ("application/json; charset=utf-8", query.clone(), StatusCode::OK),
    ];
    for (content_type, body, status) in cases {
        let response =
            app.client.post(&url).header(header::CONTENT_TYPE, content_type).body(body.clone()).send().await.unwrap();
        assert_eq!(response.status(), status, "{content_type} {body}");
        let body: serde_json::Value = response.json().await.unwrap();
        if status != StatusCode::OK {
            assert!(body["errors"][0]["message"].is_string(), "a reason is given: {body}");
        }
    }
    let response = app.client.post(&url).body(query.clone()).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE, "no content type");

    let huge = json!({ "query": format!("{{ conventions {{ code }} }} #{}", "x".repeat(1024 * 1024)) }).to_string();
    let response =
        app.client.post(&url).header(header::CONTENT_TYPE, "application/json").body(huge).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body: serde_json::Value = response.json().await.expect("a GraphQL-shaped error");
    assert_eq!(body["errors"][0]["extensions"]["code"], "PAYLOAD_TOO_LARGE");
}

#[tokio::test]
async fn get_runs_queries_only_and_serves_graphiql() {
    let app = spawn_app().await;
    let url = format!("{}/graphql", app.address);
    let response = app
        .client
        .get(&url)
        .query(&[("query", "query($c: String!) { convention(code: $c) { code } }"), ("variables", r#"{"c":"UNCAC"}"#)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["data"]["convention"]["code"], "UNCAC");

    let response = app.client.get(&url).query(&[("query", "mutation { anything }")]).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(response.headers()[header::ALLOW], "POST");

    let response = app.client.get(&url).header(header::ACCEPT, "text/html,application/xhtml+xml").send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.text().await.unwrap().to_lowercase().contains("graphiql"));

    let response = app.client.get(&url).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST, "no query and no browser");
}

#[tokio::test]
async fn cors_answers_configured_origins_only() {
    let app = spawn_app().await;
    let url = format!("{}/graphql", app.address);
    for (origin, allowed) in [("https://portal.example.org", true), ("https://evil.example.net", false)] {
        let response = app
            .client
            .request(reqwest::Method::OPTIONS, &url)
            .header(header::ORIGIN, origin)
            .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
            .header(header::ACCESS_CONTROL_REQUEST_HEADERS, "content-type")
            .send()
            .await
            .unwrap();
        let allow = response.headers().get(header::ACCESS_CONTROL_ALLOW_ORIGIN).map(|v| v.to_str().unwrap().to_owned());
        assert_eq!(allow.as_deref() == Some(origin), allowed, "{origin}");
    }
}

#[tokio::test]
async fn answers_name_what_they_vary_by_and_portals_may_read_their_tags() {
    let app = spawn_app().await;
    let vary = |r: &reqwest::Response| {
        r.headers()
            .get_all(header::VARY)
            .iter()
            .map(|v| v.to_str().unwrap().to_lowercase())
            .collect::<Vec<_>>()
            .join(",")
    };
    let get = app
        .client
        .get(format!("{}/graphql?query=%7Bconventions%7Bcode%7D%7D", app.address))
        .header(header::ORIGIN, "https://portal.example.org")
        .send()
        .await
        .unwrap();
    for name in ["accept", "accept-language", "authorization"] {
        assert!(vary(&get).contains(name), "GraphQL answers vary by {name}: {:?}", vary(&get));
    }
    let exposed = get.headers().get(header::ACCESS_CONTROL_EXPOSE_HEADERS).map(|v| v.to_str().unwrap().to_lowercase());
    for name in ["etag", "x-request-id", "retry-after", "ratelimit", "ratelimit-policy"] {
        assert!(exposed.as_deref().is_some_and(|e| e.contains(name)), "CORS exposes {name}: {exposed:?}");
    }
    let post =
        app.client.post(format!("{}/graphql", app.address)).json(&serde_json::json!({"query": "{ __typename }"}));
    assert!(vary(&post.send().await.unwrap()).contains("authorization"));
    for page in ["/directory", "/directory/FRA"] {
        let response = app.client.get(format!("{}{page}", app.address)).send().await.unwrap();
        assert!(vary(&response).contains("accept-language"), "{page}: {:?}", vary(&response));
    }
}

#[tokio::test]
async fn the_served_schema_is_the_committed_schema() {
    let app = spawn_app().await;
    let served = app.client.get(format!("{}/schema.graphql", app.address)).send().await.unwrap().text().await.unwrap();
    let committed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/schema.graphql")).unwrap();
    assert!(
        served == committed,
        "schema.graphql differs from the served SDL: run `cargo run -- schema > schema.graphql`"
    );
}

/// GraphQL over HTTP: a client that accepts `application/graphql-response+json` gets it, and a request that fails
/// before it runs is answered 400 without `data`; other clients keep `application/json` and 200.
#[tokio::test]
async fn the_graphql_response_media_type_is_served_to_clients_that_ask() {
    let app = spawn_app().await;
    let url = format!("{}/graphql", app.address);
    let gql = "application/graphql-response+json";
    let cases = [
        ("{ conventions { code } }", json!({}), StatusCode::OK, true),
        ("{ conventions { code ", json!({}), StatusCode::BAD_REQUEST, false),
        ("{ conventions { nope } }", json!({}), StatusCode::BAD_REQUEST, false),
        ("query($n: Int!) { states(first: $n) { totalCount } }", json!({ "n": "x" }), StatusCode::BAD_REQUEST, false),
        // A field that fails while running: the request ran, so 200 with data.
        ("{ authority(id: \"not-an-id\") { id } }", json!({}), StatusCode::OK, true),
    ];
    for (query, variables, status, has_data) in cases {
        let body = json!({ "query": query, "variables": variables });
        let response = app
            .client
            .post(&url)
            .header(header::ACCEPT, format!("{gql}, application/json;q=0.9"))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), status, "{query}");
        let content_type = response.headers()[header::CONTENT_TYPE].to_str().unwrap().to_owned();
        assert!(content_type.starts_with(gql), "{query}: {content_type}");
        let answer: serde_json::Value = response.json().await.unwrap();
        assert_eq!(answer.get("data").is_some(), has_data, "{query}: {answer}");
        // The same request from a client that accepts only JSON: 200, as before.
        let legacy = app.client.post(&url).header(header::ACCEPT, "application/json").json(&body).send().await.unwrap();
        assert_eq!(legacy.status(), StatusCode::OK, "{query}");
        assert_eq!(legacy.headers()[header::CONTENT_TYPE], "application/json");
    }
}

/// Fields come back in the order the query asked for them, whatever order they were resolved in.
#[tokio::test]
async fn answers_keep_the_order_of_the_query() {
    let app = crate::helpers::spawn_app_with_demo().await;
    let query = "{ states(first: 2) { nodes { coverage { status } iso3 ... on State { name } } totalCount }
      ab: authorities(first: 1) { nodes { stale networks { id } id name } } }";
    let response =
        app.client.post(format!("{}/graphql", app.address)).json(&json!({ "query": query })).send().await.unwrap();
    let text = response.text().await.unwrap();
    let at = |needle: &str| text.find(needle).unwrap_or_else(|| panic!("{needle} in {text}"));
    assert!(at("\"coverage\"") < at("\"iso3\"") && at("\"iso3\"") < at("\"name\""), "{text}");
    assert!(at("\"states\"") < at("\"ab\"") && at("\"nodes\"") < at("\"totalCount\""), "{text}");
    let authority = &text[at("\"ab\"")..];
    assert!(
        authority.find("\"stale\"") < authority.find("\"networks\"")
            && authority.find("\"networks\"") < authority.find("\"id\"")
    );
}

/// Relay's `node(id:)`: any entry with an id of its own, by that id alone; never what the viewer may not see.
#[tokio::test]
async fn node_fetches_any_entry_by_its_id() {
    let app = spawn_app().await;
    let fra = crate::helpers::token("focal_point", Some("FRA"), None);
    let created =
        app.data_as(&fra, crate::writes::CREATE, json!({ "input": crate::writes::another_authority_input() })).await;
    let id = created["createAuthority"]["id"].as_str().unwrap().to_owned();
    let add = "mutation($id: ID!) { addContact(authorityId: $id, input: {name: \"Desk\"}) { id } }";
    let contact = app.data_as(&fra, add, json!({ "id": id })).await["addContact"]["id"].clone();
    let q = "query($id: ID!) { node(id: $id) { id __typename ... on Authority { city } ... on Contact { name } } }";
    let node = app.data(q, json!({ "id": id })).await;
    assert_eq!((node["node"]["__typename"].clone(), node["node"]["id"].clone()), (json!("Authority"), json!(id)));
    assert!(app.data(q, json!({ "id": contact })).await["node"].is_null(), "a restricted contact, anonymously");
    let seen = app.data_as(&fra, q, json!({ "id": contact })).await;
    assert_eq!(seen["node"]["__typename"], "Contact");
    for unknown in ["not-an-id", "00000000-0000-4000-8000-000000000000"] {
        assert!(app.data(q, json!({ "id": unknown })).await["node"].is_null(), "{unknown}");
    }
    let delete = "mutation($id: ID!) { deleteAuthority(id: $id, expectedVersion: 1) }";
    app.data_as(&fra, delete, json!({ "id": id })).await;
    assert!(app.data(q, json!({ "id": id })).await["node"].is_null(), "deleted");
    assert!(app.data_as(&fra, q, json!({ "id": contact })).await["node"].is_null(), "its contact with it");
}

/// Every custom scalar says where it is specified, and timestamps come in one format.
#[tokio::test]
async fn custom_scalars_name_their_specification() {
    let app = spawn_app().await;
    let q = "{ d: __type(name: \"Date\") { specifiedByURL } t: __type(name: \"DateTime\") { specifiedByURL }
      j: __type(name: \"JSON\") { specifiedByURL } }";
    let types = app.data(q, json!({})).await;
    for key in ["d", "t", "j"] {
        assert!(
            types[key]["specifiedByURL"].as_str().is_some_and(|u| u.starts_with("https://www.rfc-editor.org/")),
            "{types}"
        );
    }
    let fra = crate::helpers::token("focal_point", Some("FRA"), None);
    let created =
        app.data_as(&fra, crate::writes::CREATE, json!({ "input": crate::writes::another_authority_input() })).await;
    let at = created["createAuthority"]["lastConfirmedAt"].as_str().unwrap().to_owned();
    assert!(at.ends_with('Z') && at.len() == "2026-11-28T21:00:00.000000Z".len(), "RFC 3339, UTC, microseconds: {at}");
    let bad =
        app.gql("{ changes(first: 1, filter: {since: \"yesterday\"}) { totalCount } }", json!({}), Some(&fra)).await;
    assert!(bad["errors"][0]["message"].as_str().unwrap().contains("RFC 3339"), "{bad}");
}

/// GraphiQL comes from the binary: no third-party origin, a policy that allows the server's scripts only.
#[tokio::test]
async fn graphiql_is_served_from_the_binary() {
    let app = spawn_app().await;
    let page =
        app.client.get(format!("{}/graphql", app.address)).header(header::ACCEPT, "text/html").send().await.unwrap();
    let csp = page.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(csp.contains("script-src 'self'") && csp.contains("connect-src 'self'"), "{csp}");
    let html = page.text().await.unwrap();
    assert!(!html.contains("//unpkg") && !html.contains("jsdelivr") && !html.contains("https://"), "{html}");
    let scripts: Vec<&str> = html.split("src=\"").skip(1).map(|s| s.split('"').next().unwrap()).collect();
    assert_eq!(scripts.len(), 4, "{html}");
    let client = reqwest::Client::builder().no_gzip().build().unwrap();
    for path in scripts {
        let asset =
            client.get(format!("{}{path}", app.address)).header("accept-encoding", "gzip").send().await.unwrap();
        assert_eq!(asset.status(), 200, "{path}");
        assert!(asset.headers()[header::CACHE_CONTROL].to_str().unwrap().contains("immutable"));
        let gzipped = asset.headers().get(header::CONTENT_ENCODING).is_some();
        let body = asset.bytes().await.unwrap();
        assert!(!gzipped || body.starts_with(&[0x1f, 0x8b]), "{path}");
    }
    let plain = client.get(format!("{}/assets/graphiql-3.8.3/graphiql.min.js", app.address)).send().await.unwrap();
    assert_eq!(plain.status(), 406, "kept compressed: a client must accept gzip");
    let missing = client.get(format!("{}/assets/graphiql-3.8.3/other.js", app.address)).send().await.unwrap();
    assert_eq!(missing.status(), 404);
}

/// Answers are compressed as the reader asks, and decode to the bytes an uncompressed answer carries: GraphQL,
/// the practitioners' pages and the mirror, in gzip, brotli and zstd.
#[tokio::test]
async fn compressed_answers_decode_to_the_same_bytes() {
    use std::io::Read;
    let app = crate::helpers::spawn_app_with_demo().await;
    let query = "{ states(first: 100) { nodes { iso3 m49 region subregion status } } }";
    let get = format!("{}/graphql?query={}", app.address, urlencode(query));
    let urls = [get, format!("{}/directory", app.address), format!("{}/mirror/snapshot", app.address)];
    for url in &urls {
        let plain = app.client.get(url).header(header::ACCEPT_ENCODING, "identity").send().await.unwrap();
        assert_eq!(plain.status(), StatusCode::OK, "{url}");
        assert!(plain.headers().get(header::CONTENT_ENCODING).is_none(), "{url}: identity asked");
        let tag = plain.headers().get(header::ETAG).cloned();
        let plain = plain.bytes().await.unwrap();
        assert!(plain.len() > 1_000, "{url}: a body worth compressing");
        for encoding in ["gzip", "br", "zstd"] {
            let r = app.client.get(url).header(header::ACCEPT_ENCODING, encoding).send().await.unwrap();
            assert_eq!(r.headers()[header::CONTENT_ENCODING], encoding, "{url}");
            let vary =
                r.headers().get_all(header::VARY).iter().map(|v| v.to_str().unwrap().to_owned()).collect::<Vec<_>>();
            assert!(vary.iter().any(|v| v.contains("accept-encoding")), "{url}: Vary names Accept-Encoding: {vary:?}");
            if let Some(tag) = &tag {
                let weak = format!("W/{}", tag.to_str().unwrap());
                assert_eq!(r.headers()[header::ETAG], weak.as_str(), "{url}: a compressed answer's tag is weak");
            }
            let packed = r.bytes().await.unwrap();
            assert!(packed.len() < plain.len() / 2, "{url} {encoding}: {} of {} bytes", packed.len(), plain.len());
            let mut out = Vec::new();
            match encoding {
                "gzip" => flate2::read::GzDecoder::new(&packed[..]).read_to_end(&mut out).map(|_| ()).unwrap(),
                "br" => brotli::Decompressor::new(&packed[..], 4096).read_to_end(&mut out).map(|_| ()).unwrap(),
                _ => out = zstd::decode_all(&packed[..]).unwrap(),
            }
            assert!(out == plain, "{url} {encoding}: decodes to the same bytes");
        }
    }
    // A weak tag revalidates like the strong one.
    for url in [&urls[0], &urls[2]] {
        let r = app.client.get(url).header(header::ACCEPT_ENCODING, "gzip").send().await.unwrap();
        let tag = r.headers()[header::ETAG].clone();
        let again = app.client.get(url).header(header::ACCEPT_ENCODING, "br").header(header::IF_NONE_MATCH, tag);
        assert_eq!(again.send().await.unwrap().status(), StatusCode::NOT_MODIFIED, "{url}");
    }
}

fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// Automatic persisted queries: a portal sends the document's SHA-256 alone, by GET (through a CDN) or POST; an
/// unknown hash asks for the document, which is sent once with its hash and then answered by hash.
#[tokio::test]
async fn a_persisted_query_is_answered_by_its_hash() {
    use sha2::Digest;
    let app = spawn_app().await;
    let query = "query Conventions { conventions { code } }";
    let hash: String = sha2::Sha256::digest(query.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    let extensions = serde_json::json!({ "persistedQuery": { "version": 1, "sha256Hash": hash } }).to_string();
    let by_hash = format!("{}/graphql?extensions={}", app.address, urlencode(&extensions));

    let unknown = app.client.get(&by_hash).send().await.unwrap();
    assert_eq!(unknown.headers()[header::CACHE_CONTROL], "no-store", "not kept by a CDN");
    let body: serde_json::Value = unknown.json().await.unwrap();
    assert_eq!(body["errors"][0]["message"], "PersistedQueryNotFound");
    assert_eq!(body["errors"][0]["extensions"]["code"], "PERSISTED_QUERY_NOT_FOUND");

    // Sent once with its hash (as Apollo Client does, here by POST), then a GET by hash alone is answered.
    let register =
        serde_json::json!({ "query": query, "extensions": { "persistedQuery": { "version": 1, "sha256Hash": hash } } });
    let r = app.client.post(format!("{}/graphql", app.address)).json(&register).send().await.unwrap();
    let full: serde_json::Value = r.json().await.unwrap();
    assert!(full["data"]["conventions"].as_array().is_some_and(|c| c.len() == 8), "{full}");
    let r = app.client.get(&by_hash).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers().contains_key(header::ETAG), "cacheable by URL");
    assert_eq!(r.json::<serde_json::Value>().await.unwrap(), full, "the same answer as the document's");
    let post = serde_json::json!({ "extensions": { "persistedQuery": { "version": 1, "sha256Hash": hash } } });
    let r = app.client.post(format!("{}/graphql", app.address)).json(&post).send().await.unwrap();
    assert_eq!(r.json::<serde_json::Value>().await.unwrap(), full, "by POST too");

    // A hash that is not the document's, a version we do not know, a malformed hash: 400.
    let wrong = |ext: serde_json::Value, q: Option<&str>| {
        let mut body = serde_json::json!({ "extensions": { "persistedQuery": ext } });
        if let Some(q) = q {
            body["query"] = q.into();
        }
        app.client.post(format!("{}/graphql", app.address)).json(&body).send()
    };
    let cases = [
        (serde_json::json!({ "version": 1, "sha256Hash": hash }), Some("{ __typename }")),
        (serde_json::json!({ "version": 2, "sha256Hash": hash }), None),
        (serde_json::json!({ "version": 1, "sha256Hash": "abc" }), None),
    ];
    for (ext, q) in cases {
        let r = wrong(ext.clone(), q).await.unwrap();
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{ext} {q:?}");
    }
    // A mutation by hash is still refused over GET.
    let mutation = "mutation { revokeToken(jti: \"x\") }";
    let m_hash: String = sha2::Sha256::digest(mutation.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    let ext = serde_json::json!({ "persistedQuery": { "version": 1, "sha256Hash": m_hash } }).to_string();
    let url = format!("{}/graphql?query={}&extensions={}", app.address, urlencode(mutation), urlencode(&ext));
    assert_eq!(app.client.get(url).send().await.unwrap().status(), StatusCode::METHOD_NOT_ALLOWED);
}

//! Abuse is refused cheaply: query shape limits, rate limits, request time, masked internal errors, metrics.

use std::time::{Duration, Instant};

use serde_json::json;

use crate::helpers::{error_code, spawn_app, spawn_app_with, token};

fn refused_for(body: &serde_json::Value, what: &str) {
    let message = body["errors"][0]["message"].as_str().unwrap_or_default().to_lowercase();
    assert!(message.contains(what), "expected a refusal for {what}: {body:#}");
    assert!(body["data"].is_null(), "nothing ran: {body:#}");
}

#[tokio::test]
async fn query_shape_limits() {
    let app = spawn_app().await;
    let deep = format!("{{ state(iso3: \"GIB\") {{ {} iso3 {} }} }}", "parent { ".repeat(17), "} ".repeat(17));
    let deep = deep.as_str();
    refused_for(&app.gql(deep, json!({}), None).await, "nested too deep");

    let aliases: String = (0..1000).map(|i| format!("a{i}: conventions {{ code }} ")).collect();
    let started = Instant::now();
    let body = app.gql(&format!("{{ {aliases} }}"), json!({}), None).await;
    let took = started.elapsed();
    refused_for(&body, "root fields");
    eprintln!("1,000 aliases refused in {took:?}");

    let wide = "query($n: Int) { states(first: $n) { nodes { authorities(first: $n) { nodes { name contacts { name } } } } } }";
    refused_for(&app.gql(wide, json!({ "n": 100 }), None).await, "complex");
    let body = app.gql(wide, json!({ "n": 1 }), None).await;
    assert!(body.get("errors").is_none(), "the same shape on one row is fine: {body:#}");

    let nested = format!("{{ states(after: {}\"x\"{}) {{ totalCount }} }}", "[".repeat(40), "]".repeat(40));
    let body = app.gql(&nested, json!({}), None).await;
    assert!(body.get("errors").is_some() && body["data"].is_null(), "values nested 40 deep: {body:#}");

    let directives = "{ conventions { code @include(if: true) @include(if: true) @include(if: true) @include(if: true) @include(if: true) } }";
    let body = app.gql(directives, json!({}), None).await;
    assert!(body.get("errors").is_some(), "too many directives on one field: {body:#}");
}

#[tokio::test]
async fn clients_are_rate_limited_one_by_one() {
    let app = spawn_app_with(|s| {
        s.limits.rate_limit = 60;
        s.limits.rate_burst = 3;
    })
    .await;
    let query = "{ conventions { code } }";
    for _ in 0..3 {
        let (status, _) = app.post(query, json!({}), None).await;
        assert_eq!(status, 200);
    }
    let response =
        app.client.post(format!("{}/graphql", app.address)).json(&json!({ "query": query })).send().await.unwrap();
    assert_eq!(response.status(), 429);
    let retry: u64 = response.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry), "Retry-After {retry}");
    assert_eq!(response.headers()["ratelimit"], format!("\"client\";r=0;t={retry}").as_str(), "none left");
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(error_code(&body), "RATE_LIMITED");
    // A signed-in client has an allowance of its own.
    let reader = token("reader", None, None);
    let (status, _) = app.post(query, json!({}), Some(&format!("Bearer {reader}"))).await;
    assert_eq!(status, 200);
}

/// Behind a trusted proxy each client has its own allowance, named by the address the proxy appended to
/// `X-Forwarded-For`, whatever the client wrote left of it; from any other address the header is ignored.
#[tokio::test]
async fn clients_behind_a_trusted_proxy_are_rate_limited_one_by_one() {
    let app = spawn_app_with(|s| {
        s.limits.rate_limit = 60;
        s.limits.rate_burst = 2;
        s.limits.trusted_proxies = cna_directory::config::TrustedProxies::parse("127.0.0.51").expect("valid");
    })
    .await;
    let from =
        |ip: [u8; 4]| reqwest::Client::builder().local_address(std::net::IpAddr::from(ip)).build().expect("client");
    let (proxy, direct) = (from([127, 0, 0, 51]), from([127, 0, 0, 52]));
    let ask = |client: &reqwest::Client, forwarded: &'static str| {
        let request = client
            .post(format!("{}/graphql", app.address))
            .header("x-forwarded-for", forwarded)
            .json(&json!({ "query": "{ conventions { code } }" }));
        async move { request.send().await.expect("answered").status().as_u16() }
    };
    let cases = [
        (&proxy, "203.0.113.7", 200),
        (&proxy, "203.0.113.7", 200),
        (&proxy, "203.0.113.7", 429),
        // Another client behind the proxy, with a forged entry of its own on the left.
        (&proxy, "203.0.113.7, 203.0.113.8", 200),
        (&proxy, "198.51.100.1, 203.0.113.8", 200),
        (&proxy, "203.0.113.8", 429),
        // Not a trusted proxy: one client, whatever it claims to forward for.
        (&direct, "203.0.113.9", 200),
        (&direct, "203.0.113.10", 200),
        (&direct, "203.0.113.11", 429),
    ];
    for (n, (client, forwarded, expected)) in cases.into_iter().enumerate() {
        assert_eq!(ask(client, forwarded).await, expected, "request {n}, X-Forwarded-For: {forwarded}");
    }
}

/// Every answer a client was counted for states the policy and what is left (IETF `RateLimit-Policy` and
/// `RateLimit`): GraphQL, the pages, the mirror and the workspace alike.
#[tokio::test]
async fn every_answer_states_the_rate_limit() {
    let app = spawn_app_with(|s| {
        s.limits.rate_limit = 60;
        s.limits.rate_burst = 5;
    })
    .await;
    let query = "{ conventions { code } }";
    let mut left = Vec::new();
    for _ in 0..3 {
        let r = app.client.post(format!("{}/graphql", app.address)).json(&json!({ "query": query })).send().await;
        let r = r.unwrap();
        assert_eq!(r.headers()["ratelimit-policy"], "\"client\";q=5;w=5", "five at once, whole again in five seconds");
        left.push(r.headers()["ratelimit"].to_str().unwrap().to_owned());
    }
    assert_eq!(left, ["\"client\";r=4;t=1", "\"client\";r=3;t=2", "\"client\";r=2;t=3"]);
    for path in ["/directory", "/mirror/changes?after=0", "/workspace/sign-in", "/schema.graphql"] {
        let r = app.client.get(format!("{}{path}", app.address)).send().await.unwrap();
        assert!(r.headers().get("ratelimit").is_some(), "{path} states what is left");
    }
    let health = app.client.get(format!("{}/healthz", app.address)).send().await.unwrap();
    assert!(health.headers().get("ratelimit").is_none(), "probes are not counted, so state nothing");
}

#[tokio::test]
async fn slow_requests_are_cut_off() {
    let app = spawn_app_with(|s| s.limits.request_timeout = Duration::from_millis(1)).await;
    cna_directory::db::demo::load(&app.db).await.unwrap();
    let heavy =
        "{ authorities(first: 100) { totalCount nodes { name languages state { name memberships { network { code } } }
        designations { legalBasis { convention { code } } } networks { network { members { state { iso3 } } } } } } }";
    let (status, body) = app.post(heavy, json!({}), None).await;
    assert_eq!(status, 503);
    assert_eq!(error_code(&body), "TIMEOUT");
    let health = app.client.get(format!("{}/readyz", app.address)).send().await.unwrap();
    assert_eq!(health.status(), 200, "the connection went back to the pool");
}

#[tokio::test]
async fn internal_errors_are_masked_and_carry_the_request_id() {
    use sea_orm::ConnectionTrait;
    let app = spawn_app().await;
    app.db.execute_unprepared("ALTER TABLE conventions RENAME TO conventions_elsewhere").await.unwrap();
    let response = app
        .client
        .post(format!("{}/graphql", app.address))
        .json(&json!({ "query": "{ conventions { code } }" }))
        .send()
        .await
        .unwrap();
    let request_id = response.headers()["x-request-id"].to_str().unwrap().to_owned();
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(error_code(&body), "INTERNAL_SERVER_ERROR");
    assert_eq!(body["errors"][0]["extensions"]["requestId"], request_id.as_str());
    let text = body.to_string().to_lowercase();
    for secret in ["select", "conventions_elsewhere", "sqlite", "postgres", "relation", "table", "127.0.0.1"] {
        assert!(!text.contains(secret), "`{secret}` leaked: {text}");
    }
}

#[tokio::test]
async fn metrics_count_requests_latency_errors_and_pool() {
    let app = spawn_app().await;
    app.gql("query Probe { conventions { code } }", json!({}), None).await;
    app.gql("{ state(iso3: \"FRANCE\") { iso3 } }", json!({}), None).await;
    let text = app.client.get(format!("{}/metrics", app.address)).send().await.unwrap().text().await.unwrap();
    for needle in [
        "cna_graphql_requests_total{operation=\"Probe\",outcome=\"ok\"}",
        "cna_graphql_request_duration_seconds_bucket{operation=\"Probe\"",
        "cna_errors_total{code=\"BAD_USER_INPUT\"}",
        "cna_db_pool_connections{state=\"open\"}",
    ] {
        assert!(text.contains(needle), "{needle} missing from:\n{text}");
    }
}

/// GraphiQL and code generators load the schema with the standard introspection query; the limits let it through.
#[tokio::test]
async fn the_standard_introspection_query_passes_the_limits() {
    let app = spawn_app().await;
    let type_ref = "kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }";
    let query = format!(
        "query IntrospectionQuery {{ __schema {{ queryType {{ name }} mutationType {{ name }} types {{ kind name description
           fields(includeDeprecated: true) {{ name args {{ name type {{ {type_ref} }} defaultValue }} type {{ {type_ref} }} }}
           inputFields {{ name type {{ {type_ref} }} }} interfaces {{ {type_ref} }} enumValues(includeDeprecated: true) {{ name }}
           possibleTypes {{ {type_ref} }} }} directives {{ name locations args {{ name type {{ {type_ref} }} }} }} }} }}"
    );
    let data = app.data(&query, json!({})).await;
    assert!(data["__schema"]["types"].as_array().unwrap().len() > 50);
}

/// The pages and the mirror read the database too: they count against the same allowance as GraphQL requests.
#[tokio::test]
async fn pages_and_the_mirror_are_rate_limited_too() {
    let app = spawn_app_with(|s| {
        s.limits.rate_limit = 60;
        s.limits.rate_burst = 3;
    })
    .await;
    for path in ["/directory", "/directory/FRA", "/mirror/changes?after=0"] {
        let response = app.client.get(format!("{}{path}", app.address)).send().await.unwrap();
        assert_eq!(response.status(), 200, "{path}");
    }
    for path in ["/route", "/mirror/snapshot", "/metrics", "/schema.graphql"] {
        let response = app.client.get(format!("{}{path}", app.address)).send().await.unwrap();
        assert_eq!(response.status(), 429, "{path}");
        assert!(response.headers().contains_key("retry-after"));
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["errors"][0]["extensions"]["code"], "RATE_LIMITED", "{path}: one refusal everywhere");
    }
    let (status, _) = app.post("{ conventions { code } }", json!({}), None).await;
    assert_eq!(status, 429, "one allowance for every endpoint that reads");
}

/// With one operation run at a time, concurrent requests wait their turn and are all answered, each with its
/// own answer; cached answers are served meanwhile.
#[tokio::test]
async fn operations_beyond_the_execution_limit_wait_their_turn() {
    let app = std::sync::Arc::new(
        spawn_app_with(|s| {
            s.limits.max_executions = 1;
            s.limits.response_cache_mb = 0;
        })
        .await,
    );
    let query = "query($s: String!) { state(iso3: $s) { iso3 memberships { network { code } } } }";
    let states = ["FRA", "DEU", "ESP", "ITA", "NLD", "BEL", "PRT", "AUT", "POL", "SWE", "NOR", "DNK"];
    let asks = states.map(|s| {
        let app = app.clone();
        tokio::spawn(async move { app.data(query, json!({ "s": s })).await["state"]["iso3"].clone() })
    });
    for (state, ask) in states.iter().zip(asks) {
        assert_eq!(ask.await.unwrap(), *state);
    }
}

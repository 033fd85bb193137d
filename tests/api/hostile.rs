//! Requests built to crash or stall the server: deeply nested values and selections, long fragment chains, many
//! directives, huge numbers, long strings, invalid UTF-8. A fixed table of the known ones, then generated ones
//! through the whole request path (the real server, over HTTP) with a fixed seed.

use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app};

/// Longest answer any hostile request may get: errors quote a bounded part of the input.
const MAX_ANSWER_BYTES: usize = 64 * 1024;
/// Longest any one of them may take on a debug build.
const TIME_BUDGET: Duration = Duration::from_secs(10);

enum Method {
    Post,
    Get,
}

/// Sends a raw body (POST, as JSON) or raw query parameters (GET) and checks the answer is bounded and well formed:
/// a JSON object with `data` or `errors`, in time. Returns the status and body.
async fn send(app: &TestApp, method: Method, payload: Vec<u8>) -> (u16, Value) {
    let request = match method {
        Method::Post => {
            app.client.post(format!("{}/graphql", app.address)).header("content-type", "application/json").body(payload)
        }
        Method::Get => {
            let query = String::from_utf8_lossy(&payload).into_owned();
            app.client.get(format!("{}/graphql?{query}", app.address))
        }
    };
    let started = Instant::now();
    let response = tokio::time::timeout(TIME_BUDGET, request.send())
        .await
        .expect("answered within the time budget")
        .expect("the server answers (it did not crash)");
    let status = response.status().as_u16();
    let bytes = response.bytes().await.expect("body");
    assert!(started.elapsed() < TIME_BUDGET, "answered in {:?}", started.elapsed());
    assert!(bytes.len() <= MAX_ANSWER_BYTES, "{} bytes answered", bytes.len());
    // hyper refuses a request line or headers past its buffer before any handler runs, with an empty body.
    if [414, 431].contains(&status) {
        return (status, Value::Null);
    }
    let body: Value = serde_json::from_slice(&bytes)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&bytes[..bytes.len().min(300)])));
    assert!(body.get("data").is_some() || body.get("errors").is_some(), "{body}");
    assert!([200, 400, 405, 413].contains(&status), "status {status}: {body}");
    (status, body)
}

fn post_document(document: &str) -> Vec<u8> {
    serde_json::to_vec(&json!({ "query": document })).expect("JSON")
}

fn get_document(document: &str) -> Vec<u8> {
    format!("query={}", percent(document.as_bytes())).into_bytes()
}

fn percent(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("%{b:02X}")).collect()
}

fn nested(open: &str, close: &str, depth: usize, leaf: &str) -> String {
    format!("{}{leaf}{}", open.repeat(depth), close.repeat(depth))
}

async fn still_answers(app: &TestApp) {
    let (status, body) = app.post("{ conventions { code } }", json!({}), None).await;
    assert_eq!(status, 200, "{body}");
    assert!(body["data"]["conventions"].is_array(), "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deeply_nested_values_are_refused_before_they_are_parsed() {
    let app = spawn_app().await;
    let lists = format!("{{__typename(a:{})}}", nested("[", "]", 2_000, "1"));
    let objects = format!("{{__typename(a:{}1{})}}", "{a:".repeat(5_000), "}".repeat(5_000));
    for (name, document) in [("lists", &lists), ("objects", &objects)] {
        for (method, payload) in [(Method::Post, post_document(document)), (Method::Get, get_document(document))] {
            let (_, body) = send(&app, method, payload).await;
            let message = body["errors"][0]["message"].as_str().unwrap_or_default();
            assert!(message.contains("nest deeper than 64"), "{name}: {body}");
        }
    }
    // Variables and extensions: JSON nested past the limit, in the body and as query parameters.
    let deep_json = nested("[", "]", 100, "1");
    for payload in [
        format!(r#"{{"query":"{{__typename}}","variables":{{"a":{deep_json}}}}}"#),
        format!(r#"{{"query":"{{__typename}}","extensions":{{"a":{deep_json}}}}}"#),
    ] {
        let (status, body) = send(&app, Method::Post, payload.into_bytes()).await;
        assert_eq!(status, 400, "{body}");
        assert!(body["errors"][0]["message"].as_str().unwrap_or_default().contains("nest deeper"), "{body}");
    }
    for name in ["variables", "extensions"] {
        let payload = format!("query=%7B__typename%7D&{name}={}", percent(format!("{{\"a\":{deep_json}}}").as_bytes()));
        let (status, body) = send(&app, Method::Get, payload.into_bytes()).await;
        assert_eq!(status, 400, "{name}: {body}");
    }
    // Nesting within the limit reaches the engine, which judges the document as usual.
    let (_, body) =
        send(&app, Method::Post, post_document(&format!("{{__typename(a:{})}}", nested("[", "]", 40, "1")))).await;
    let message = body["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(!message.contains("nest deeper"), "{body}");
    still_answers(&app).await;
}

/// One hostile request: a document or raw bytes, sent by POST or GET.
#[derive(Clone)]
enum Hostile {
    Document { get: bool, text: String },
    Body(Vec<u8>),
    Params(Vec<u8>),
}

/// Shown shortened: a failing case is found again from the seed, not read whole.
impl std::fmt::Debug for Hostile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (kind, bytes) = match self {
            Hostile::Document { get, text } => (if *get { "GET document" } else { "POST document" }, text.as_bytes()),
            Hostile::Body(bytes) => ("POST body", bytes.as_slice()),
            Hostile::Params(bytes) => ("GET parameters", bytes.as_slice()),
        };
        let shown = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]);
        write!(f, "{kind} of {} bytes: {shown}…", bytes.len())
    }
}

/// Longest document sent by GET: a longer address is refused by the client library before it is sent.
const MAX_GET_DOCUMENT: usize = 16 * 1024;

fn hostile() -> impl Strategy<Value = Hostile> {
    let depth = 1usize..4_000;
    let document = prop_oneof![
        (depth.clone(), prop::sample::select(vec![("[", "]"), ("{a:", "}"), ("[{a:", "}]")]))
            .prop_map(|(d, (open, close))| format!("{{__typename(a:{})}}", nested(open, close, d, "1"))),
        depth.clone().prop_map(|d| format!("{}__typename{}", "{a".repeat(d), "}".repeat(d))),
        depth.clone().prop_map(|d| format!("{{{}}}", nested("... on QueryRoot {", "}", d, "__typename"))),
        (1usize..1_500).prop_map(|n| {
            let mut doc = "{ ...F0 }\n".to_owned();
            for i in 0..n {
                doc.push_str(&format!("fragment F{i} on QueryRoot {{ __typename ...F{} }}\n", i + 1));
            }
            doc.push_str(&format!("fragment F{n} on QueryRoot {{ __typename }}\n"));
            doc
        }),
        (1usize..3_000).prop_map(|n| format!("{{ __typename {} }}", "@skip(if: false) ".repeat(n))),
        (1usize..20_000, prop::bool::ANY).prop_map(|(digits, float)| {
            let number = "9".repeat(digits);
            let number = if float { format!("{number}.5e{number}") } else { number };
            format!("{{ authorities(first: {number}) {{ nodes {{ id }} }} search(text: \"a\", first: -{number}) {{ __typename }} }}")
        }),
        (1usize..200_000, prop::sample::select(vec!["a", "\\u0000", "\\uD800", "\\\\", "\\\"", "é", "\\u{1F600}"]))
            .prop_map(|(n, piece)| format!("{{ search(text: \"{}\") {{ __typename }} }}", piece.repeat(n.min(200_000 / piece.len())))),
        (1usize..5_000).prop_map(|n| format!("{{ __typename }}{}", "\"\"\"".repeat(n))),
        ".{0,2000}".prop_map(|s| s),
    ];
    prop_oneof![
        (prop::bool::ANY, document).prop_map(|(get, text)| Hostile::Document { get, text }),
        prop::collection::vec(any::<u8>(), 0..4_000).prop_map(Hostile::Body),
        prop::collection::vec(any::<u8>(), 0..1_000).prop_map(|bytes| {
            // Invalid UTF-8 in each parameter the endpoint reads.
            let raw = percent(&bytes);
            Hostile::Params(format!("query={raw}&variables={raw}&operationName={raw}").into_bytes())
        }),
        (1usize..4_000).prop_map(|d| Hostile::Body(
            format!(
                r#"{{"query":"query($v: String) {{ __typename }}","variables":{{"v":{}}}}}"#,
                nested("[", "]", d, "1")
            )
            .into_bytes()
        )),
        prop::collection::vec(any::<u8>(), 1..400).prop_map(|bytes| {
            // Invalid UTF-8 inside a JSON string of an otherwise well-formed body.
            let mut body = br#"{"query":"{ search(text: \""#.to_vec();
            body.extend(bytes);
            body.extend_from_slice(br#"\") { __typename } }"}"#);
            Hostile::Body(body)
        }),
    ]
}

/// Generated hostile requests, a fixed number from a fixed seed so that a failure is found again by the next run;
/// every answer is bounded, well formed and in time, and the server answers normally afterwards.
#[test]
fn generated_hostile_requests_get_bounded_answers() {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    let app = runtime.block_on(spawn_app());
    let cases = std::env::var("HOSTILE_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(160);
    let config = Config { cases, failure_persistence: None, max_shrink_iters: 64, ..Config::default() };
    let mut runner = TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &[22; 32]));
    let result = runner.run(&hostile(), |request| {
        runtime.block_on(async {
            match request {
                Hostile::Document { get: true, text } if text.len() <= MAX_GET_DOCUMENT => {
                    send(&app, Method::Get, get_document(&text)).await
                }
                Hostile::Document { text, .. } => send(&app, Method::Post, post_document(&text)).await,
                Hostile::Body(bytes) => send(&app, Method::Post, bytes).await,
                Hostile::Params(bytes) => send(&app, Method::Get, bytes).await,
            };
        });
        Ok(())
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
    runtime.block_on(still_answers(&app));
}

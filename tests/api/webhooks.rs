//! Webhooks: public changes pushed to a portal, signed (Standard Webhooks), in feed order, at least once, from the
//! database's record of how far each subscription got; paused when the receiver is gone; managed by their owners.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::{HeaderMap, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{TestApp, error_code, spawn_app_with, token};
use crate::writes::{CREATE, another_authority_input};

const SUBSCRIBE: &str = "mutation($input: WebhookSubscriptionInput!) { createWebhookSubscription(input: $input) {
    secret subscription { id status after url } } }";
const LIST: &str = "{ webhookSubscriptions { id status pausedReason delivered failures lastError after owner } }";

/// A portal's receiver: answers with `status` (200 unless told otherwise) and keeps what it was sent.
#[derive(Clone)]
struct Receiver {
    url: String,
    got: Arc<Mutex<Vec<(HeaderMap, String)>>>,
    status: Arc<Mutex<StatusCode>>,
}

impl Receiver {
    async fn start() -> Self {
        let got = Arc::new(Mutex::new(Vec::new()));
        let status = Arc::new(Mutex::new(StatusCode::OK));
        let (g, s) = (got.clone(), status.clone());
        let app = axum::Router::new().route(
            "/hook",
            axum::routing::post(move |headers: HeaderMap, body: String| {
                let (g, s) = (g.clone(), s.clone());
                async move {
                    let status = *s.lock().unwrap();
                    g.lock().unwrap().push((headers, body));
                    status
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Self { url, got, status }
    }

    fn answer(&self, status: StatusCode) {
        *self.status.lock().unwrap() = status;
    }

    /// What was accepted, by webhook-id, each once, in the order first accepted.
    fn accepted(&self, secret: &str) -> Vec<(String, Value)> {
        let key = standardwebhooks::Webhook::new(secret).unwrap();
        let mut seen = Vec::<(String, Value)>::new();
        for (headers, body) in self.got.lock().unwrap().iter() {
            let mut map = axum::http::HeaderMap::new();
            for name in ["webhook-id", "webhook-timestamp", "webhook-signature"] {
                map.insert(name, headers[name].clone());
            }
            key.verify(body.as_bytes(), &map).expect("a valid Standard Webhooks signature");
            let id = headers["webhook-id"].to_str().unwrap().to_owned();
            if !seen.iter().any(|(i, _)| *i == id) {
                seen.push((id, serde_json::from_str(body).unwrap()));
            }
        }
        seen
    }

    async fn wait_for(&self, secret: &str, count: usize) -> Vec<(String, Value)> {
        for _ in 0..300 {
            let accepted = self.accepted(secret);
            if accepted.len() >= count {
                return accepted;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{} of {count} changes delivered", self.accepted(secret).len());
    }
}

fn delivering(s: &mut cna_directory::config::ServeSettings) {
    s.webhooks.webhook_workers = 2;
}

async fn subscribe(app: &TestApp, as_token: &str, input: Value) -> (String, String) {
    let created = app.data_as(as_token, SUBSCRIBE, json!({ "input": input })).await;
    let c = &created["createWebhookSubscription"];
    (c["subscription"]["id"].as_str().unwrap().to_owned(), c["secret"].as_str().unwrap().to_owned())
}

/// The public changes after `after`, as the mirror lists them.
async fn mirrored(app: &TestApp, after: &str) -> Vec<Value> {
    let url = format!("{}/mirror/changes?after={after}", app.address);
    let text = app.client.get(url).send().await.unwrap().text().await.unwrap();
    text.lines().map(|l| serde_json::from_str::<Value>(l).unwrap()).filter(|l| l["kind"] == "change").collect()
}

#[tokio::test]
async fn a_portal_receives_every_public_change_signed_and_in_order_despite_failures() {
    let app = spawn_app_with(delivering).await;
    let receiver = Receiver::start().await;
    let admin = token("admin", None, None);
    let (id, secret) = subscribe(&app, &admin, json!({ "url": receiver.url })).await;
    assert!(secret.starts_with("whsec_"));
    let start =
        app.data_as(&admin, LIST, json!({})).await["webhookSubscriptions"][0]["after"].as_str().unwrap().to_owned();

    // The receiver is down for the first writes.
    receiver.answer(StatusCode::SERVICE_UNAVAILABLE);
    let fra = token("focal_point", Some("FRA"), None);
    let a = app.data_as(&fra, CREATE, json!({ "input": another_authority_input() })).await["createAuthority"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let add = "mutation($id: ID!, $v: Visibility) { addContact(authorityId: $id, input: {name: \"Desk\", visibility: $v}) { id } }";
    let restricted = app.data_as(&fra, add, json!({ "id": a, "v": "RESTRICTED" })).await["addContact"]["id"].clone();
    app.data_as(&fra, add, json!({ "id": a, "v": "PUBLIC" })).await;
    for _ in 0..50 {
        if !receiver.got.lock().unwrap().is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let failing = app.data_as(&admin, LIST, json!({})).await;
    let failing = &failing["webhookSubscriptions"][0];
    assert!(failing["failures"].as_i64().unwrap() >= 1, "{failing}");
    assert!(failing["lastError"].as_str().unwrap().contains("503"), "the owner sees why: {failing}");
    assert_eq!(failing["status"], "ACTIVE", "a few failures only delay");
    receiver.answer(StatusCode::OK);
    let delete = "mutation($id: ID!) { deleteAuthority(id: $id, expectedVersion: 1) }";
    app.data_as(&fra, delete, json!({ "id": a })).await;

    let expected = mirrored(&app, &start).await;
    assert_eq!(expected.len(), 3, "the authority, its public contact, its removal: {expected:#?}");
    let accepted = receiver.wait_for(&secret, expected.len()).await;
    // The changes the mirror publishes, in feed order. (An entry that can be withdrawn is shown as it is when it is
    // sent, as the mirror shows it when read: the authority was still there when its creation was delivered.)
    let order = |m: &Value| (m["cursor"].clone(), m["entity"].clone(), m["key"].clone());
    let sent: Vec<_> = accepted.iter().map(|(_, message)| order(&message["data"])).collect();
    assert_eq!(sent, expected.iter().map(order).collect::<Vec<_>>(), "what the mirror publishes, in feed order");
    assert_eq!(accepted[2].1["data"], expected[2], "the same line as the mirror's");
    for (webhook_id, message) in &accepted {
        assert_eq!(message["type"], "directory.change");
        assert_eq!(*webhook_id, message["data"]["cursor"].as_str().unwrap(), "the id is the change's position");
    }
    let all = receiver.got.lock().unwrap().iter().map(|(_, b)| b.clone()).collect::<Vec<_>>().join("\n");
    assert!(!all.contains(restricted.as_str().unwrap()), "nothing restricted is ever sent");
    // Nothing more arrives: each change once it was accepted.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let accepted_at_end = receiver.got.lock().unwrap().iter().filter(|(h, _)| h.contains_key("webhook-id")).count();
    let done = app.data_as(&admin, LIST, json!({})).await;
    let done = &done["webhookSubscriptions"][0];
    assert_eq!(done["delivered"], 3, "{done}");
    assert_eq!(done["failures"], 0);
    assert_eq!(done["after"], expected[2]["cursor"], "the position reached is the last change's");
    let failed_attempts = accepted_at_end - 3;
    assert!(failed_attempts >= 1, "the failed attempts were retried");
    let _ = id;
}

#[tokio::test]
async fn a_receiver_that_is_gone_pauses_its_subscription_until_resumed() {
    let app = spawn_app_with(delivering).await;
    let receiver = Receiver::start().await;
    receiver.answer(StatusCode::GONE);
    let ejn = token("network_secretariat", None, Some("EJN"));
    let (id, secret) = subscribe(&app, &ejn, json!({ "url": receiver.url, "networks": ["ejn"] })).await;
    let add = "mutation { setNetworkMembership(network: \"EJN\", state: \"CAN\", status: OBSERVER) { status } }";
    app.data_as(&ejn, add, json!({})).await;
    let mut paused = Value::Null;
    for _ in 0..50 {
        paused = app.data_as(&ejn, LIST, json!({})).await["webhookSubscriptions"][0].clone();
        if paused["status"] == "PAUSED" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(paused["status"], "PAUSED", "{paused}");
    assert!(paused["pausedReason"].as_str().unwrap().contains("410"), "{paused}");
    let attempts = receiver.got.lock().unwrap().len();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(receiver.got.lock().unwrap().len(), attempts, "nothing is sent while paused");

    // Another network's secretariat neither sees nor resumes it; its own does.
    let resume = "mutation($id: ID!) { resumeWebhookSubscription(id: $id) { status failures } }";
    let iber = token("network_secretariat", None, Some("IBERRED"));
    assert_eq!(app.data_as(&iber, LIST, json!({})).await["webhookSubscriptions"], json!([]));
    let refused = app.gql(resume, json!({ "id": id }), Some(&iber)).await;
    assert_eq!(error_code(&refused), "NOT_FOUND");
    receiver.answer(StatusCode::NO_CONTENT);
    let resumed = app.data_as(&ejn, resume, json!({ "id": id })).await;
    assert_eq!(resumed["resumeWebhookSubscription"], json!({ "status": "ACTIVE", "failures": 0 }));
    let accepted = receiver.wait_for(&secret, 1).await;
    assert_eq!(accepted[0].1["data"]["entity"], "network_membership");
    assert_eq!(accepted[0].1["data"]["key"], "EJN/CAN");
}

#[tokio::test]
async fn subscriptions_are_checked_and_kept_to_their_owners() {
    let app = spawn_app_with(|s| s.webhooks.webhook_allow_local = false).await;
    let admin = token("admin", None, None);
    let fra = token("focal_point", Some("FRA"), None);
    let refused =
        app.gql(SUBSCRIBE, json!({ "input": { "url": "https://portal.example.org/hook" } }), Some(&fra)).await;
    assert_eq!(error_code(&refused), "FORBIDDEN", "focal points do not subscribe");
    let anonymous = app.gql(SUBSCRIBE, json!({ "input": { "url": "https://portal.example.org/hook" } }), None).await;
    assert_eq!(error_code(&anonymous), "UNAUTHENTICATED");
    let bad = [
        (json!({ "url": "" }), "url"),
        (json!({ "url": "ftp://portal.example.org/hook" }), "url"),
        (json!({ "url": "http://127.0.0.1:9/hook" }), "url"),
        (json!({ "url": "http://localhost/hook" }), "url"),
        (json!({ "url": "https://user:pw@portal.example.org/hook" }), "url"),
        (json!({ "url": "https://portal.example.org/hook", "entities": ["revoked_token"] }), "entities"),
        (json!({ "url": "https://portal.example.org/hook", "entities": ["authority", "authority"] }), "entities"),
        (json!({ "url": "https://portal.example.org/hook", "states": ["XYZ"] }), "states"),
        (json!({ "url": "https://portal.example.org/hook", "networks": ["NOPE"] }), "networks"),
        (json!({ "url": "https://portal.example.org/hook", "after": "yesterday" }), "after"),
    ];
    for (input, field) in bad {
        let body = app.gql(SUBSCRIBE, json!({ "input": input }), Some(&admin)).await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{input}: {body}");
        let fields = body["errors"][0]["extensions"]["fields"].to_string();
        assert!(fields.contains(field), "{input} names {field}: {body}");
    }
    assert_eq!(app.data_as(&admin, LIST, json!({})).await["webhookSubscriptions"], json!([]), "nothing was kept");
    let input = json!({ "url": "https://portal.example.org/hook", "entities": ["authority"], "states": ["fra"] });
    let (id, _) = subscribe(&app, &admin, input).await;
    let listed = app.data_as(&admin, "{ webhookSubscriptions { id entities states status } }", json!({})).await;
    assert_eq!(
        listed["webhookSubscriptions"],
        json!([{ "id": id, "entities": ["authority"], "states": ["FRA"], "status": "ACTIVE" }])
    );
    let ejn = token("network_secretariat", None, Some("EJN"));
    assert_eq!(app.data_as(&ejn, LIST, json!({})).await["webhookSubscriptions"], json!([]), "not the admin's");
    let delete = "mutation($id: ID!) { deleteWebhookSubscription(id: $id) }";
    assert_eq!(error_code(&app.gql(delete, json!({ "id": id }), Some(&ejn)).await), "NOT_FOUND");
    assert_eq!(app.data_as(&admin, delete, json!({ "id": id })).await["deleteWebhookSubscription"], id);
    assert_eq!(app.data_as(&admin, LIST, json!({})).await["webhookSubscriptions"], json!([]));
}

/// Two instances on one database deliver each change once between them: the lease of a subscription is taken by
/// one UPDATE (on PostgreSQL over the row locked with SKIP LOCKED), never by both.
#[tokio::test]
async fn of_two_instances_exactly_one_delivers_each_change() {
    let (first, second) = crate::helpers::spawn_pair_each(delivering, delivering).await;
    let receiver = Receiver::start().await;
    let admin = token("admin", None, None);
    let (_, secret) =
        subscribe(&first, &admin, json!({ "url": receiver.url, "entities": ["network_membership"] })).await;
    let ejn = token("network_secretariat", None, Some("EJN"));
    let states = ["CAN", "USA", "JPN", "KOR", "AUS", "BRA", "ARG", "MEX", "IND", "ZAF"];
    for (i, state) in states.iter().enumerate() {
        let app = if i % 2 == 0 { &first } else { &second };
        let add = format!(
            "mutation {{ setNetworkMembership(network: \"EJN\", state: \"{state}\", status: OBSERVER) {{ status }} }}"
        );
        app.data_as(&ejn, &add, json!({})).await;
    }
    let accepted = receiver.wait_for(&secret, states.len()).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let posts = receiver.got.lock().unwrap().len();
    assert_eq!(posts, states.len(), "no change posted twice");
    let keys: Vec<&str> = accepted.iter().map(|(_, m)| m["data"]["key"].as_str().unwrap()).collect();
    let expected: Vec<String> = states.iter().map(|s| format!("EJN/{s}")).collect();
    assert_eq!(keys, expected, "in the order they were made");
}

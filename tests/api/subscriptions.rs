//! GraphQL subscriptions over WebSocket (`/graphql/ws`, graphql-transport-ws): the change feed as it grows, for
//! signed-in viewers; nothing for anonymous ones; subscriptions only.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::{Message, client::IntoClientRequest};

use crate::helpers::{TestApp, ejn_observer, spawn_app, token};

type Socket = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn connect(app: &TestApp, protocol: &str) -> Result<Socket, tokio_tungstenite::tungstenite::Error> {
    let url = format!("{}/graphql/ws", app.address.replacen("http", "ws", 1));
    let mut request = url.into_client_request().unwrap();
    request.headers_mut().insert("sec-websocket-protocol", protocol.parse().unwrap());
    tokio_tungstenite::connect_async(request).await.map(|(socket, _)| socket)
}

async fn send(socket: &mut Socket, message: Value) {
    socket.send(Message::text(message.to_string())).await.unwrap();
}

/// The next protocol message (pings answered), or `None` once the server closed the socket.
async fn receive(socket: &mut Socket) -> Option<Value> {
    loop {
        let message = tokio::time::timeout(Duration::from_secs(10), socket.next()).await.expect("a message in 10 s");
        match message? {
            Ok(Message::Text(text)) => return Some(serde_json::from_str(&text).unwrap()),
            Ok(Message::Close(_)) | Err(_) => return None,
            Ok(_) => continue,
        }
    }
}

async fn signed_in(app: &TestApp, bearer: &str) -> Socket {
    let mut socket = connect(app, "graphql-transport-ws").await.unwrap();
    send(&mut socket, json!({ "type": "connection_init", "payload": { "Authorization": format!("Bearer {bearer}") } }))
        .await;
    assert_eq!(receive(&mut socket).await.unwrap()["type"], "connection_ack");
    socket
}

#[tokio::test]
async fn a_signed_in_viewer_follows_the_change_feed() {
    let app = spawn_app().await;
    let reader = token("reader", None, None);
    let mut socket = signed_in(&app, &reader).await;
    let subscribe = "subscription { changes(filter: {network: \"EJN\"}) { entity entityId action } }";
    send(&mut socket, json!({ "id": "1", "type": "subscribe", "payload": { "query": subscribe } })).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    ejn_observer(&app, "CAN").await;
    ejn_observer(&app, "USA").await;
    for key in ["EJN/CAN", "EJN/USA"] {
        let next = receive(&mut socket).await.unwrap();
        assert_eq!(next["type"], "next", "{next}");
        assert_eq!(next["id"], "1");
        assert_eq!(next["payload"]["data"]["changes"]["entityId"], key, "{next}");
    }
    // From a cursor of `changes`: what came after it, first.
    let page = app
        .data_as(&reader, "{ changes(first: 1, filter: {network: \"EJN\"}) { pageInfo { endCursor } } }", json!({}))
        .await;
    let after = page["changes"]["pageInfo"]["endCursor"].clone();
    let from = "subscription($a: String) { changes(after: $a, filter: {network: \"EJN\"}) { entityId } }";
    let payload = json!({ "query": from, "variables": { "a": after } });
    send(&mut socket, json!({ "id": "2", "type": "subscribe", "payload": payload })).await;
    let next = receive(&mut socket).await.unwrap();
    assert_eq!((&next["id"], &next["payload"]["data"]["changes"]["entityId"]), (&json!("2"), &json!("EJN/USA")));

    // Queries and mutations belong to /graphql.
    send(&mut socket, json!({ "id": "3", "type": "subscribe", "payload": { "query": "{ conventions { code } }" } }))
        .await;
    let refused = receive(&mut socket).await.unwrap();
    assert!(refused.to_string().contains("only subscriptions"), "{refused}");
}

#[tokio::test]
async fn sockets_need_a_token_the_protocol_and_a_free_place() {
    let app = spawn_app().await;
    // No token, or a bad one: closed.
    for payload in [json!({}), json!({ "Authorization": "Bearer not-a-token" })] {
        let mut socket = connect(&app, "graphql-transport-ws").await.unwrap();
        send(&mut socket, json!({ "type": "connection_init", "payload": payload })).await;
        assert_eq!(receive(&mut socket).await, None, "closed without a valid token ({payload})");
    }
    // A revoked token too.
    let revoked = token("reader", None, None);
    let admin = token("admin", None, None);
    use base64::Engine;
    let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(revoked.split('.').nth(1).unwrap()).unwrap();
    let jti = serde_json::from_slice::<Value>(&payload).unwrap()["jti"].clone();
    app.data_as(&admin, "mutation($j: String!) { revokeToken(jti: $j) }", json!({ "j": jti })).await;
    let mut socket = connect(&app, "graphql-transport-ws").await.unwrap();
    send(
        &mut socket,
        json!({ "type": "connection_init", "payload": { "Authorization": format!("Bearer {revoked}") } }),
    )
    .await;
    assert_eq!(receive(&mut socket).await, None, "closed for a revoked token");
    // The legacy protocol is not spoken; nor is a plain GET answered as a socket.
    assert!(connect(&app, "graphql-ws").await.is_err());
    let plain = app.client.get(format!("{}/graphql/ws", app.address)).send().await.unwrap();
    assert_eq!(plain.status(), 400);
    // Four at once from one address.
    let reader = token("reader", None, None);
    let mut open = Vec::new();
    for _ in 0..4 {
        open.push(signed_in(&app, &reader).await);
    }
    assert!(connect(&app, "graphql-transport-ws").await.is_err(), "a fifth is refused");
}

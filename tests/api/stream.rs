//! `/mirror/stream`: the public changes as Server-Sent Events, resumable with `Last-Event-ID`, nothing missed.

use std::time::Duration;

use serde_json::{Value, json};

use crate::helpers::{TestApp, ejn_observer, spawn_app};

/// The events of a stream as they arrive: (`id`, `event`, `data`), comments left out.
struct Events {
    response: reqwest::Response,
    buffer: String,
}

impl Events {
    async fn open(app: &TestApp, query: &str, last_event_id: Option<&str>) -> reqwest::Response {
        let mut request = app.client.get(format!("{}/mirror/stream{query}", app.address));
        if let Some(id) = last_event_id {
            request = request.header("last-event-id", id);
        }
        request.send().await.unwrap()
    }

    async fn next(&mut self) -> (String, String, Value) {
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let field = |name: &str| {
                    block
                        .lines()
                        .filter_map(|l| l.strip_prefix(name))
                        .map(str::trim_start)
                        .collect::<Vec<_>>()
                        .join("\n")
                };
                if field("event:").is_empty() {
                    continue; // a comment, or the reconnection delay
                }
                return (field("id:"), field("event:"), serde_json::from_str(&field("data:")).unwrap());
            }
            let chunk = tokio::time::timeout(Duration::from_secs(10), self.response.chunk()).await;
            let chunk = chunk.expect("an event within 10 s").unwrap().expect("the stream stays open");
            self.buffer.push_str(std::str::from_utf8(&chunk).unwrap());
        }
    }
}

#[tokio::test]
async fn a_follower_resumes_from_its_last_event_and_misses_nothing() {
    let app = spawn_app().await;
    let snapshot =
        app.client.get(format!("{}/mirror/snapshot", app.address)).send().await.unwrap().text().await.unwrap();
    let after =
        serde_json::from_str::<Value>(snapshot.lines().next().unwrap()).unwrap()["after"].as_str().unwrap().to_owned();

    let response = Events::open(&app, &format!("?after={after}"), None).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "text/event-stream");
    let mut events = Events { response, buffer: String::new() };
    ejn_observer(&app, "CAN").await;
    ejn_observer(&app, "USA").await;
    let first = events.next().await;
    let second = events.next().await;
    assert_eq!((first.1.as_str(), &first.2["key"]), ("change", &json!("EJN/CAN")));
    assert_eq!(second.2["key"], "EJN/USA");
    assert_eq!(second.0, second.2["cursor"].as_str().unwrap(), "the event id is the change's position");
    drop(events);

    // Changes made while it was away come first when it reconnects, each once, then new ones as they come.
    ejn_observer(&app, "JPN").await;
    ejn_observer(&app, "KOR").await;
    let response = Events::open(&app, "?after=0", Some(&second.0)).await;
    let mut events = Events { response, buffer: String::new() };
    ejn_observer(&app, "AUS").await;
    let keys = [events.next().await, events.next().await, events.next().await].map(|e| e.2["key"].clone());
    assert_eq!(keys, [json!("EJN/JPN"), json!("EJN/KOR"), json!("EJN/AUS")]);
    let url = format!("{}/mirror/changes?after={}", app.address, second.0);
    let page = app.client.get(url).send().await.unwrap().text().await.unwrap();
    let line: Value = serde_json::from_str(page.lines().next().unwrap()).unwrap();
    assert_eq!(line["key"], "EJN/JPN", "the same lines as the mirror's pages");
}

#[tokio::test]
async fn streams_are_bounded_per_address_and_start_from_a_position() {
    let app = spawn_app().await;
    for (query, status) in [("", 400), ("?after=yesterday", 400)] {
        assert_eq!(Events::open(&app, query, None).await.status(), status, "{query}");
    }
    let mut open = Vec::new();
    for _ in 0..4 {
        let r = Events::open(&app, "?after=0", None).await;
        assert_eq!(r.status(), 200);
        open.push(r);
    }
    let fifth = Events::open(&app, "?after=0", None).await;
    assert_eq!(fifth.status(), 429);
    assert!(fifth.headers().contains_key("retry-after"));
    drop(open);
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(Events::open(&app, "?after=0", None).await.status(), 200, "a closed stream gives its place back");
}

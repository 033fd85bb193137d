//! The public snapshot as portals take it: built once per feed position and shared, compressed on request, tagged
//! with its position; readers that never read keep nobody else waiting.

use std::io::Read;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::{Duration, Instant};

use serde_json::json;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpSocket;

use crate::helpers::{TestApp, spawn_app, token};
use crate::writes::{CREATE, another_authority_input};

/// A snapshot request from `ip` that never reads its answer.
async fn never_read(app: &TestApp, ip: Ipv4Addr) -> tokio::net::TcpStream {
    let server: SocketAddr = app.address.trim_start_matches("http://").parse().unwrap();
    let socket = TcpSocket::new_v4().unwrap();
    socket.set_recv_buffer_size(4096).unwrap();
    socket.bind(SocketAddr::new(IpAddr::V4(ip), 0)).unwrap();
    let mut stream = socket.connect(server).await.unwrap();
    stream.write_all(b"GET /mirror/snapshot HTTP/1.1\r\nHost: x\r\n\r\n").await.unwrap();
    stream
}

async fn snapshot_from(app: &TestApp, ip: Ipv4Addr) -> (u16, String) {
    let client = reqwest::Client::builder().local_address(IpAddr::V4(ip)).build().unwrap();
    let response = client.get(format!("{}/mirror/snapshot", app.address)).send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readers_that_never_read_keep_no_portal_waiting_and_many_portals_cost_one_build() {
    let app = spawn_app().await;
    let held =
        [never_read(&app, Ipv4Addr::new(127, 0, 0, 2)).await, never_read(&app, Ipv4Addr::new(127, 0, 0, 3)).await];
    tokio::time::sleep(Duration::from_millis(500)).await;
    let started = Instant::now();
    let (status, text) = snapshot_from(&app, Ipv4Addr::new(127, 0, 0, 4)).await;
    assert_eq!(status, 200, "{text}");
    assert!(text.lines().last().unwrap().contains("\"kind\":\"end\""), "complete");
    assert!(started.elapsed() < Duration::from_secs(5), "a third portal waited {:?}", started.elapsed());
    drop(held);

    // After a change, five portals at once: one build between them.
    let fra = token("focal_point", Some("FRA"), None);
    app.data_as(&fra, CREATE, json!({ "input": another_authority_input() })).await;
    let before = app.statements();
    snapshot_from(&app, Ipv4Addr::new(127, 0, 0, 5)).await;
    let one = app.statements() - before;
    app.data_as(&fra, CREATE, json!({ "input": another_authority_input() })).await;
    let before = app.statements();
    let portals = (0..5u8).map(|i| {
        let (client, address) = (reqwest::Client::new(), app.address.clone());
        tokio::spawn(async move {
            let _ = i;
            client.get(format!("{address}/mirror/snapshot")).send().await.unwrap().text().await.unwrap()
        })
    });
    let mut texts = Vec::new();
    for portal in portals {
        texts.push(portal.await.unwrap());
    }
    let five = app.statements() - before;
    eprintln!("statements: one snapshot {one}, five at once {five}");
    assert!(five < one * 2, "five portals cost {five} statements, one costs {one}");
    assert!(texts.windows(2).all(|w| w[0] == w[1]), "all five got the same snapshot");
}

#[tokio::test]
async fn a_snapshot_is_compressed_on_request_and_tagged_with_its_position() {
    let app = spawn_app().await;
    let url = format!("{}/mirror/snapshot", app.address);
    let plain = app.client.get(&url).send().await.unwrap();
    let etag = plain.headers()["etag"].to_str().unwrap().to_owned();
    let plain = plain.text().await.unwrap();
    let gzip = app.client.get(&url).header("accept-encoding", "gzip").send().await.unwrap();
    assert_eq!(gzip.headers()["content-encoding"], "gzip");
    assert_eq!(gzip.headers()["etag"].to_str().unwrap(), format!("W/{etag}"), "the compressed bytes' tag is weak");
    let compressed = gzip.bytes().await.unwrap();
    let mut unpacked = String::new();
    flate2::read::GzDecoder::new(&compressed[..]).read_to_string(&mut unpacked).unwrap();
    assert_eq!(unpacked, plain, "the same snapshot");
    assert!(compressed.len() * 4 < plain.len(), "{} bytes for {}", compressed.len(), plain.len());
    let again = app.client.get(&url).header("if-none-match", &etag).send().await.unwrap();
    assert_eq!(again.status(), 304, "nothing changed since");
    // Three at once from one address: the third is told to wait. (A snapshot larger than the sockets' buffers, so
    // that the two never-read ones are still being sent.)
    cna_directory::db::synthetic::load(&app.db, 4_000, 7).await.unwrap();
    let held = [never_read(&app, Ipv4Addr::LOCALHOST).await, never_read(&app, Ipv4Addr::LOCALHOST).await];
    tokio::time::sleep(Duration::from_millis(300)).await;
    let third = app.client.get(&url).send().await.unwrap();
    assert_eq!(third.status(), 429);
    assert!(third.headers().contains_key("retry-after"));
    drop(held);
}

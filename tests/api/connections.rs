//! Many addresses holding every connection the server lets them have — idle, reading slowly, never reading — must
//! not keep a new client out. The whole of 127.0.0.0/8 is local, so each attacker is an address of its own.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::{
    Arc,
    atomic::{AtomicUsize, Ordering},
};
use std::time::{Duration, Instant};

use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

use crate::helpers::{TestApp, spawn_app, spawn_app_with};

/// A cached GraphQL answer of some 40 KB: ten of them pipelined fill a small receive buffer many times over.
/// Answers a holder asks for at once.
const PIPELINED: usize = 30;

const BIG: &str = "/graphql?query=%7Bstates(first%3A100)%7Bnodes%7Biso3%20m49%20region%20subregion%20source%20sourceUrl%20\
                   name%20ar%3Aname(language%3AAR)%20zh%3Aname(language%3AZH)%20ru%3Aname(language%3ARU)%7D%7D%7D";

#[derive(Clone, Copy, Debug)]
enum Holder {
    /// Holds the keep-alive connection, asking again every 5 s so that the header timeout (10 s) never ends it.
    Idle,
    /// Ten large answers pipelined, read a kilobyte at a time every 200 ms.
    SlowReader,
    /// Ten large answers pipelined, never read.
    NeverReads,
    /// A request whose body comes a byte a second, under the body's time limit.
    SlowBody,
}

fn address(app: &TestApp) -> SocketAddr {
    app.address.trim_start_matches("http://").parse().expect("socket address")
}

/// A connection from `ip` that the server answered (a `/healthz`), or `None` when it was closed instead.
async fn admitted(server: SocketAddr, ip: Ipv4Addr) -> Option<TcpStream> {
    let socket = TcpSocket::new_v4().ok()?;
    socket.set_recv_buffer_size(4096).ok()?;
    socket.bind(SocketAddr::new(IpAddr::V4(ip), 0)).ok()?;
    let mut stream = tokio::time::timeout(Duration::from_secs(2), socket.connect(server)).await.ok()?.ok()?;
    stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").await.ok()?;
    let mut answer = Vec::new();
    let mut buf = [0u8; 1024];
    while !answer.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = tokio::time::timeout(Duration::from_secs(3), stream.read(&mut buf)).await.ok()?.ok()?;
        if n == 0 {
            return None;
        }
        answer.extend_from_slice(&buf[..n]);
    }
    // `/healthz` answers a few bytes; the rest of the body may still be in flight, and is read with the next
    // answers or never.
    answer.starts_with(b"HTTP/1.1 200").then_some(stream)
}

async fn hold(stream: TcpStream, how: Holder) -> TcpStream {
    hold_asking(stream, how, PIPELINED).await
}

async fn hold_asking(mut stream: TcpStream, how: Holder, pipelined: usize) -> TcpStream {
    if matches!(how, Holder::SlowReader | Holder::NeverReads) {
        let request = format!("GET {BIG} HTTP/1.1\r\nHost: x\r\n\r\n").repeat(pipelined);
        let _ = stream.write_all(request.as_bytes()).await;
    }
    stream
}

/// Opens connections from `ip` until the server closes one, and keeps them (slow readers keep reading).
async fn hold_all_it_allows(server: SocketAddr, ip: Ipv4Addr, how: Holder, held: Arc<AtomicUsize>) -> Vec<TcpStream> {
    let mut streams = Vec::new();
    for _ in 0..200 {
        let Some(stream) = admitted(server, ip).await else { break };
        held.fetch_add(1, Ordering::SeqCst);
        streams.push(hold(stream, how).await);
    }
    for mut stream in std::mem::take(&mut streams) {
        match how {
            Holder::SlowReader => drop(tokio::spawn(async move {
                let mut buf = [0u8; 1024];
                while let Ok(Ok(n)) = tokio::time::timeout(Duration::from_secs(60), stream.read(&mut buf)).await {
                    if n == 0 {
                        break;
                    }
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            })),
            Holder::Idle => drop(tokio::spawn(async move {
                let mut buf = [0u8; 1024];
                loop {
                    tokio::time::sleep(Duration::from_secs(5)).await;
                    if stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").await.is_err() {
                        break;
                    }
                    if !matches!(stream.read(&mut buf).await, Ok(n) if n > 0) {
                        break;
                    }
                }
            })),
            Holder::NeverReads => streams.push(stream),
            Holder::SlowBody => drop(tokio::spawn(async move {
                let head = "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
                            Transfer-Encoding: chunked\r\n\r\n";
                if stream.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                for _ in 0..60 {
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    if stream.write_all(b"1\r\n \r\n").await.is_err() {
                        break;
                    }
                }
            })),
        }
    }
    streams
}

/// A client from an address not seen before gets `/healthz` and a GraphQL answer, each within a second.
async fn newcomer_is_answered(app: &TestApp, ip: Ipv4Addr) {
    let client = reqwest::Client::builder()
        .local_address(IpAddr::V4(ip))
        .timeout(Duration::from_secs(1))
        .build()
        .expect("client");
    let started = Instant::now();
    let health = client.get(format!("{}/healthz", app.address)).send().await;
    assert!(matches!(&health, Ok(r) if r.status() == 200), "healthz from {ip}: {health:?}");
    let answer = client
        .post(format!("{}/graphql", app.address))
        .json(&json!({ "query": "{ conventions { code } }" }))
        .send()
        .await;
    let answer = match answer {
        Ok(answer) => answer.json::<serde_json::Value>().await.expect("JSON"),
        Err(e) => panic!("GraphQL from {ip}: {e}"),
    };
    assert!(answer["data"]["conventions"].is_array(), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(2), "both answered in {:?}", started.elapsed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forty_addresses_holding_connections_leave_room_for_a_new_client() {
    // The defaults: 1,024 connections, 64 from one address while the server is at most half full.
    let app = spawn_app().await;
    let server = address(&app);
    let held = Arc::new(AtomicUsize::new(0));
    let holders = (0..40u8).map(|i| {
        let how = [Holder::Idle, Holder::SlowReader, Holder::NeverReads, Holder::SlowBody][usize::from(i % 4)];
        tokio::spawn(hold_all_it_allows(server, Ipv4Addr::new(127, 0, 0, 2 + i), how, held.clone()))
    });
    let mut kept = Vec::new();
    for holder in holders {
        kept.push(holder.await.expect("holder"));
    }
    let held = held.load(Ordering::SeqCst);
    eprintln!("40 addresses hold {held} connections");
    assert!(held >= 300, "the attack held {held} connections: too few to mean anything");
    // Let the never-read answers stall their writes.
    tokio::time::sleep(Duration::from_secs(1)).await;
    for last in [200, 201, 202] {
        newcomer_is_answered(&app, Ipv4Addr::new(127, 0, 0, last)).await;
    }
    drop(kept);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_server_closes_idle_then_stalled_connections_for_a_new_client() {
    // Behind a load balancer every connection comes from one address: no share, only the global cap.
    for how in [Holder::Idle, Holder::NeverReads, Holder::SlowBody] {
        let app = spawn_app_with(|s| {
            s.limits.max_connections = 16;
            s.limits.max_connections_per_peer = 0;
        })
        .await;
        let server = address(&app);
        let held = Arc::new(AtomicUsize::new(0));
        let kept = hold_all_it_allows(server, Ipv4Addr::new(127, 0, 0, 2), how, held.clone()).await;
        let held = held.load(Ordering::SeqCst);
        assert!(held >= 16, "{how:?}: {held} held");
        // Writes stall within half a second; a request in flight gives way after three.
        tokio::time::sleep(Duration::from_millis(3_500)).await;
        newcomer_is_answered(&app, Ipv4Addr::new(127, 0, 0, 3)).await;
        drop(kept);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_never_reads_is_cut_off_after_the_write_timeout() {
    let app = spawn_app_with(|s| s.limits.write_timeout = Duration::from_secs(1)).await;
    let stream = admitted(address(&app), Ipv4Addr::new(127, 0, 0, 4)).await.expect("admitted");
    // More than the server's send buffer can take (4 MiB at most on Linux), so its writes stall.
    let mut stream = hold_asking(stream, Holder::NeverReads, 100).await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    // The server gave up writing and closed: what it managed to send is there, then the end.
    let mut buf = vec![0u8; 64 * 1024];
    let mut total = 0;
    let ended = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return true,
                Ok(n) => total += n,
            }
        }
    })
    .await;
    assert_eq!(ended, Ok(true), "the connection was closed ({total} bytes read)");
    assert!(total < 100 * 69_000, "not every answer was delivered: {total} bytes");
}

/// A trusted proxy's connections have no per-address share (every client behind it comes from its address); any
/// other address keeps its share.
#[tokio::test]
async fn a_trusted_proxy_is_not_held_to_one_address_s_share() {
    let app = spawn_app_with(|s| {
        s.limits.max_connections_per_peer = 2;
        s.limits.trusted_proxies = cna_directory::config::TrustedProxies::parse("127.0.0.61").expect("valid");
    })
    .await;
    let server = address(&app);
    let mut kept = Vec::new();
    for n in 1..=4 {
        let stream = admitted(server, Ipv4Addr::new(127, 0, 0, 61)).await;
        kept.push(stream.unwrap_or_else(|| panic!("the proxy's connection {n} was closed")));
    }
    for n in 1..=2 {
        let stream = admitted(server, Ipv4Addr::new(127, 0, 0, 62)).await;
        kept.push(stream.unwrap_or_else(|| panic!("connection {n} of another address was closed")));
    }
    assert!(admitted(server, Ipv4Addr::new(127, 0, 0, 62)).await.is_none(), "a third from another address");
}

//! The static baseline of the benchmarks: answers `POST /graphql` with the precomputed bytes of the response to the
//! same request body, so that a workload measures HTTP and nothing else. Usage: `cna-bench-static ADDR RESPONSES`,
//! where RESPONSES is a JSON object mapping request bodies to response bodies.

use std::{collections::HashMap, sync::Arc};

use axum::{Router, body::Bytes, extract::State, http::StatusCode, routing::post};

type Responses = Arc<HashMap<Vec<u8>, Bytes>>;

async fn answer(
    State(responses): State<Responses>,
    body: Bytes,
) -> Result<([(&'static str, &'static str); 1], Bytes), StatusCode> {
    responses
        .get(body.as_ref())
        .cloned()
        .map(|b| ([("content-type", "application/json")], b))
        .ok_or(StatusCode::NOT_FOUND)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (addr, file) = match (args.next(), args.next()) {
        (Some(a), Some(f)) => (a, f),
        _ => return Err("usage: cna-bench-static ADDR RESPONSES.json".into()),
    };
    let map: HashMap<String, String> = serde_json::from_slice(&std::fs::read(file)?)?;
    let responses: Responses =
        Arc::new(map.into_iter().map(|(request, response)| (request.into_bytes(), Bytes::from(response))).collect());
    let app = Router::new().route("/graphql", post(answer)).with_state(responses);
    axum::serve(tokio::net::TcpListener::bind(addr).await?, app).await?;
    Ok(())
}

//! `/graphql/ws`: GraphQL subscriptions over WebSocket, the graphql-transport-ws protocol, for signed-in viewers.
//! The client sends its token in `connection_init` (`{"Authorization": "Bearer …"}`), checked as a bearer token is
//! (revocations included); without a valid one the socket is closed (4403). Only subscription operations run here:
//! queries and mutations go to `/graphql`, where their admission and limits are. Each document is checked as
//! `/graphql` checks one (nesting before the parser, expansion, inputs). One address may hold
//! [`PER_ADDRESS`] sockets at once.

use std::net::SocketAddr;
use std::sync::Arc;

use async_graphql::{Data, Executor, Response, ServerError};
use async_graphql_axum::{GraphQLProtocol, GraphQLWebSocket};
use axum::extract::ws::{WebSocketUpgrade, rejection::WebSocketUpgradeRejection};
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response as HttpResponse};
use futures_util::stream::{BoxStream, StreamExt};

use super::{AppState, DocumentLimits};
use crate::graphql::schema::AppSchema;

/// Sockets one address may hold at once.
pub(crate) const PER_ADDRESS: usize = 4;
/// The one protocol spoken here.
const PROTOCOL: &str = "graphql-transport-ws";

pub(crate) fn slots() -> Arc<super::mirror::Slots> {
    super::mirror::Slots::new(PER_ADDRESS)
}

pub(super) async fn upgrade(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    protocol: Result<GraphQLProtocol, StatusCode>,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> HttpResponse {
    let offered = headers.get(header::SEC_WEBSOCKET_PROTOCOL).and_then(|v| v.to_str().ok()).unwrap_or("");
    let (Ok(protocol), Ok(upgrade)) = (protocol, upgrade) else {
        let message = format!("open a WebSocket here with the {PROTOCOL} protocol");
        return super::graphql::refused(StatusCode::BAD_REQUEST, "BAD_REQUEST", &message).into_response();
    };
    if !offered.split(',').any(|p| p.trim() == PROTOCOL) {
        let message = format!("only the {PROTOCOL} protocol is spoken here");
        return super::graphql::refused(StatusCode::BAD_REQUEST, "BAD_REQUEST", &message).into_response();
    }
    let Some(slot) = state.sockets.take(peer.ip()) else {
        let message = format!("at most {PER_ADDRESS} subscription sockets at once from one address");
        let mut response =
            super::graphql::refused(StatusCode::TOO_MANY_REQUESTS, "RATE_LIMITED", &message).into_response();
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
        return response;
    };
    let executor = SubscriptionsOnly { schema: state.schema.clone(), limits: state.document_limits };
    upgrade.protocols([PROTOCOL]).on_upgrade(move |socket| async move {
        let _slot = slot;
        GraphQLWebSocket::new(socket, executor, protocol)
            .on_connection_init(move |payload| async move { signed_in(&state, &payload).await })
            .serve()
            .await;
    })
}

/// The viewer of the token in `connection_init`, as the resolvers' data; an error (the socket closes) without one.
async fn signed_in(state: &AppState, payload: &serde_json::Value) -> async_graphql::Result<Data> {
    let field = |name: &str| payload.get(name).and_then(|v| v.as_str());
    let authorization = field("Authorization").or_else(|| field("authorization"));
    let Some(authorization) = authorization else {
        return Err("sign in: send {\"Authorization\": \"Bearer <token>\"} in connection_init".into());
    };
    let claims = state.auth.fresh_claims(Some(authorization.as_bytes())).await.map_err(|e| e.to_string())?;
    if claims.is_none() {
        return Err("sign in: send {\"Authorization\": \"Bearer <token>\"} in connection_init".into());
    }
    let viewer = super::admission::viewer(state, claims).await.map_err(|e| e.to_string())?;
    let mut data = Data::default();
    data.insert(viewer);
    Ok(data)
}

/// The schema, running subscriptions only, each document checked first.
#[derive(Clone)]
struct SubscriptionsOnly {
    schema: AppSchema,
    limits: DocumentLimits,
}

fn refusal(message: String) -> BoxStream<'static, Response> {
    futures_util::stream::once(async move { Response::from_errors(vec![ServerError::new(message, None)]) }).boxed()
}

impl Executor for SubscriptionsOnly {
    async fn execute(&self, _request: async_graphql::Request) -> Response {
        Response::from_errors(vec![ServerError::new("send queries and mutations to /graphql", None)])
    }

    fn execute_stream(
        &self,
        request: async_graphql::Request,
        session_data: Option<Arc<Data>>,
    ) -> BoxStream<'static, Response> {
        let prepared = match super::graphql::check_document(request, self.limits) {
            Ok(prepared) => prepared,
            Err(error) => return refusal(error.message),
        };
        if prepared.kind != Some(async_graphql::parser::types::OperationType::Subscription) {
            return refusal("only subscriptions run over this socket: send queries and mutations to /graphql".into());
        }
        self.schema.execute_stream_with_session_data(prepared.request, session_data.unwrap_or_default())
    }
}

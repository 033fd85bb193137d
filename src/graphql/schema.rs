use async_graphql::{EmptyMutation, EmptySubscription, Schema};
use sea_orm::DatabaseConnection;

use super::query::QueryRoot;

pub type AppSchema = Schema<QueryRoot, EmptyMutation, EmptySubscription>;

/// The schema served by `/graphql`, holding the pool for resolvers.
pub fn build(db: DatabaseConnection) -> AppSchema {
    Schema::build(QueryRoot::default(), EmptyMutation, EmptySubscription).data(db).finish()
}

/// The SDL of the served schema, as committed in `schema.graphql`.
pub fn sdl() -> String {
    Schema::build(QueryRoot::default(), EmptyMutation, EmptySubscription).finish().sdl()
}

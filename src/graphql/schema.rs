use async_graphql::{EmptySubscription, Schema};
use sea_orm::DatabaseConnection;

use super::mutation::MutationRoot;
use super::query::QueryRoot;

pub type AppSchema = Schema<QueryRoot, MutationRoot, EmptySubscription>;

/// The schema served by `/graphql`, holding the pool for resolvers.
pub fn build(db: DatabaseConnection) -> AppSchema {
    Schema::build(QueryRoot::default(), MutationRoot::default(), EmptySubscription).data(db).finish()
}

/// The SDL of the served schema, as committed in `schema.graphql`.
pub fn sdl() -> String {
    Schema::build(QueryRoot::default(), MutationRoot::default(), EmptySubscription).finish().sdl()
}

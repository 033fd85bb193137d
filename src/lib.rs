//! cna-directory: the directory of competent national authorities for international cooperation in criminal
//! matters, served as a GraphQL API.
//!
//! # Layout
//!
//! - [`auth`]: bearer tokens (keys, claims, revocation), the viewer of a request, who may change what.
//! - [`cli`]: the command line (`serve`, `migrate`, `schema`, `demo`, `token`); `main.rs` only calls it.
//! - [`config`]: settings read from the environment and flags, checked once at start.
//! - [`db`]: connecting to SQLite or PostgreSQL, migrating, the sea-orm entities and the shipped reference data.
//! - [`domain`]: checked values (ISO codes, folded search text) and the enumerations of the contract.
//! - [`service`]: plain functions per resource over `&impl ConnectionTrait`: the queries behind the API.
//! - [`graphql`]: the schema, its query roots, output types (separate from database models) and batched loaders.
//! - [`http`]: the axum router, the GraphQL endpoint and its response cache, health and readiness, metrics.
//! - [`error`]: `AppError`, the one error type, and the error policy.

pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod domain;
pub mod error;
pub mod graphql;
pub mod http;
pub mod service;

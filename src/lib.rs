//! cna-directory: the directory of competent national authorities for international cooperation in criminal
//! matters, served as a GraphQL API.
//!
//! # Layout
//!
//! Layers run one way, each naming only those below it (`tests/api/layout.rs` checks it):
//! [`http`] → `graphql` → `service` → [`auth`] / [`db`] → [`domain`] → [`config`] / [`error`]. [`cli`] sits on
//! top and `main.rs` only calls it.
//!
//! - [`http`]: the axum router, the GraphQL endpoint (its media types, answers in query order) and its response
//!   cache, GraphiQL from the binary, the printable directory's pages, the mirror's snapshot and changes, health
//!   and readiness, metrics.
//! - `graphql`: the schema, its query and mutation roots, output types (separate from database models),
//!   batched loaders, and the record of what each answer read (`reads`), which the response cache keeps it by.
//! - `service`: plain functions per resource over `&impl ConnectionTrait`. Every resource has one folder,
//!   `service/<resource>/`, with its reads in `mod.rs` and its writes in `write.rs`: `authorities`, `contacts`,
//!   `designations`, `states`, `conventions` (with legal bases), `parties` (treaty participation), `networks`
//!   (with memberships, contact points and links), `tokens` (revocations). Each write records its audit row
//!   (`service/audit.rs`) in its own transaction; `changes` reads that log back as the feed. `route` answers the
//!   route finder, `filters` checks the codes of every list's filter, `page` is the shared cursor pagination.
//!   Across resources: `coverage` (what each State owes and has designated), `review` (to-do lists and bulk
//!   confirmation), `sheets` (spreadsheet export and import), `mirror` (the public snapshot and changes) and
//!   `directory` (the printable pages' reads).
//! - [`auth`]: bearer tokens (keys, claims, revocation), the viewer of a request, who may change what.
//! - [`db`]: connecting to SQLite or PostgreSQL, migrating, the sea-orm entities (with the rules that belong to a
//!   row, such as its search text) and the shipped reference data, demo and synthetic data.
//! - [`domain`]: checked values (ISO codes, folded search text, field checks) and the enumerations of the contract.
//! - [`config`]: settings read from the environment and flags (durations included), checked once at start.
//! - [`error`]: `AppError`, the one error type, keeping an internal error's cause chain for the log.

#![warn(unreachable_pub)]

/// Unit tests run on the allocator the server runs on (`main.rs`), so that what they say of memory holds there.
#[cfg(test)]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod domain;
pub mod error;
pub(crate) mod graphql;
pub mod http;
pub(crate) mod service;

//! The API test suite: the real server on a free port, spoken to over HTTP. SQLite in memory by default; with
//! `TEST_DATABASE_URL=postgres://…` every test gets a fresh PostgreSQL database of its own.

mod auth;
mod authorities;
mod authorization;
mod cache;
mod cli;
mod connections;
mod conventions;
mod exports;
mod faults;
mod feed;
mod hardening;
mod helpers;
mod hostile;
mod http;
mod imports;
mod layout;
mod limits;
mod migrations;
mod mirror;
mod networks;
mod office;
mod pages;
mod practitioners;
mod reference;
mod review;
mod route;
mod sheets;
mod snapshots;
mod states;
mod validation;
mod visibility;
mod workspace;
mod workspace_network;
mod workspace_sheets;
mod writes;

//! Authentication and authorization: bearer JWTs checked against keys from configuration, the viewer they make,
//! and the rules of who may change what.
//!
//! - `keys`: the verification keys (HS256 secret, PEM public key, JWK set), each with its one algorithm.
//! - `claims`: the token's claims and every rule a token must pass.
//! - `viewer`: who is asking (anonymous or a checked token) and the permission checks mutations call.
//! - `token`: minting HS256 tokens for development and small deployments.

pub(crate) mod claims;
pub(crate) mod keys;
pub(crate) mod oidc;
pub mod token;
pub(crate) mod viewer;

pub use claims::Authenticator;
pub(crate) use claims::Claims;
pub use viewer::{Role, Viewer};

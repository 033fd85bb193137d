//! Token revocations. Tokens are checked against them in `auth`; administrators record them in `write`.

pub(crate) mod write;

//! Checked values of the directory: enumerations shared by the database and the API, and codes that are validated
//! once at the edge so that the rest of the code can trust them.

pub(crate) mod checks;
mod codes;
mod declarations;
mod enums;
mod feed;
mod hours;
mod review;
mod text;

pub use codes::{Iso3, LanguageCode, canonical_code, shown};
pub use declarations::{Declaration, DeclarationKind};
pub use enums::*;
pub use feed::FeedEntity;
pub use hours::Weekly;
pub use review::ReviewPolicy;
pub use text::{fold, skeleton};

/// A point in time as the directory writes it everywhere (answers, the change feed, the mirror): RFC 3339, UTC,
/// to the microsecond, with `Z`.
/// SHA-256 of `text`, as lowercase hexadecimal: the stored form of a secret, a persisted query's key.
pub(crate) fn sha256_hex(text: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

pub fn rfc3339(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// The current time to the microsecond, as both databases keep it: a row written with it and the change log's
/// copy of that row read back the same (PostgreSQL would round nanoseconds, the log's JSON would keep them).
pub fn now() -> chrono::DateTime<chrono::Utc> {
    use chrono::SubsecRound;
    chrono::Utc::now().trunc_subsecs(6)
}

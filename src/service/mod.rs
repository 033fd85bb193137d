//! The queries and changes behind the API: plain functions per resource over `&impl ConnectionTrait`, returning
//! entity models. Every resource has the same shape: `<resource>/mod.rs` reads (batch functions `…_of` take many
//! keys at once and serve the GraphQL loaders), `<resource>/write.rs` changes, each recording its audit row in its
//! own transaction (`audit`). `changes` reads the audit log back as the feed; `route` answers the route finder from
//! the others; `filters` checks the codes in every list's filter; `page` is the cursor pagination they share.

pub(crate) mod audit;
pub(crate) mod authorities;
pub(crate) mod changes;
pub(crate) mod contacts;
pub(crate) mod conventions;
pub(crate) mod coverage;
pub(crate) mod designations;
pub(crate) mod directory;
pub(crate) mod filters;
pub(crate) mod mirror;
pub(crate) mod networks;
pub(crate) mod page;
pub(crate) mod parties;
pub(crate) mod review;
pub(crate) mod route;
pub(crate) mod sessions;
pub(crate) mod sheets;
pub(crate) mod states;
pub(crate) mod tokens;
pub(crate) mod uploads;
pub(crate) mod webhooks;

use sea_orm::sea_query::LikeExpr;

/// A `LIKE` pattern matching `folded` anywhere, with the user's `%`, `_` and `\` taken literally.
pub(crate) fn contains_pattern(folded: &str) -> LikeExpr {
    let mut escaped = String::with_capacity(folded.len() + 2);
    escaped.push('%');
    for c in folded.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped.push('%');
    LikeExpr::new(escaped).escape('\\')
}

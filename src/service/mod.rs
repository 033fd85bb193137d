//! The queries behind the API: plain functions per resource over `&impl ConnectionTrait`, returning entity models.
//! Batch functions (`…_of`) take many keys at once and serve the GraphQL loaders.

pub mod audit;
pub mod authorities;
pub mod contacts;
pub mod conventions;
pub mod designations;
pub mod filters;
pub mod network_writes;
pub mod networks;
pub mod page;
pub mod reference_writes;
pub mod route;
pub mod states;
pub mod tokens;

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

//! Relay connections with `nodes` and `totalCount`, built from a keyset page. One concrete pair of types per node
//! type, as the contract names them (`StateConnection`, `StateEdge`, …).

use async_graphql::SimpleObject;

use crate::service::page::{Page, encode_cursor};

/// Where a page stands in its list (Relay's `PageInfo`).
#[derive(SimpleObject, Debug, Clone)]
pub(crate) struct PageInfo {
    /// `true` when more entries follow this page: ask again with `after` set to `endCursor`.
    pub has_next_page: bool,
    /// `true` when the page starts after a cursor (lists page forward only: `first` and `after`).
    pub has_previous_page: bool,
    /// The cursor of the first edge; `null` when the page is empty.
    pub start_cursor: Option<String>,
    /// The cursor of the last edge; pass it as `after` for the next page. `null` when the page is empty.
    pub end_cursor: Option<String>,
}

/// Converts a count for the GraphQL `Int` it is reported as.
pub(crate) fn count_to_int(total: Option<u64>) -> i32 {
    total.map_or(0, |t| i32::try_from(t).unwrap_or(i32::MAX))
}

/// Declares `$conn` and `$edge` for `$node`, with `from_page`. `$total` and `$exact` describe the count as that
/// list gives it (only a search of authorities may stop counting at a bound).
macro_rules! connection {
    ($conn:ident, $edge:ident, $node:ty, total = $total:literal, exact = $exact:literal) => {
        #[doc = concat!("One `", stringify!($node), "` of a page, with its cursor.")]
        #[derive(async_graphql::SimpleObject)]
        pub(crate) struct $edge {
            /// An opaque cursor pointing at this entry; pass it as `after` to list the entries that follow it. Stable
            /// when entries are added (keyset paging, not an offset).
            pub(crate) cursor: String,
            /// The entry.
            pub(crate) node: $node,
        }

        #[doc = concat!("A page of `", stringify!($node), "` entries (a Relay connection).")]
        /// The list's `first` and `after` arguments choose the page: 0 to 100 entries (20 by default) after a cursor.
        #[derive(async_graphql::SimpleObject)]
        pub(crate) struct $conn {
            /// The page's entries with their cursors, in the list's order.
            pub(crate) edges: Vec<$edge>,
            /// The page's entries without cursors, in the same order as `edges`.
            pub(crate) nodes: Vec<$node>,
            /// Whether more entries follow, and the cursors to continue from.
            pub(crate) page_info: $crate::graphql::types::connection::PageInfo,
            #[doc = $total]
            pub(crate) total_count: i32,
            #[doc = $exact]
            pub(crate) total_count_is_exact: bool,
        }

        impl $conn {
            /// `key` gives the sort key a row's cursor carries; `total` is counted only when the query asks for it.
            pub(crate) fn from_page<M, K: serde::Serialize>(
                page: $crate::service::page::Page<M>,
                key: impl Fn(&M) -> K,
                total: Option<u64>,
            ) -> Self
            where
                $node: From<M>,
            {
                let (edges, page_info) = $crate::graphql::types::connection::edges(page, key);
                let edges: Vec<$edge> =
                    edges.into_iter().map(|(cursor, row)| $edge { cursor, node: row.into() }).collect();
                Self {
                    nodes: edges.iter().map(|e| e.node.clone()).collect(),
                    edges,
                    page_info,
                    total_count: $crate::graphql::types::connection::count_to_int(total),
                    total_count_is_exact: true,
                }
            }
        }
    };
}
pub(crate) use connection;

/// Pairs each row with its cursor and computes the page info.
pub(crate) fn edges<M, K: serde::Serialize>(page: Page<M>, key: impl Fn(&M) -> K) -> (Vec<(String, M)>, PageInfo) {
    let edges: Vec<(String, M)> = page.rows.into_iter().map(|row| (encode_cursor(&key(&row)), row)).collect();
    let info = PageInfo {
        has_next_page: page.has_next_page,
        has_previous_page: page.has_previous_page,
        start_cursor: edges.first().map(|(c, _)| c.clone()),
        end_cursor: edges.last().map(|(c, _)| c.clone()),
    };
    (edges, info)
}

//! Keyset pagination: `first` (default 20, at most 100) and opaque cursors that carry the sort key of the last row
//! seen, so that inserts between two pages neither repeat nor skip rows.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use serde::{Serialize, de::DeserializeOwned};

use crate::error::AppError;

pub(crate) const DEFAULT_FIRST: i32 = 20;
pub(crate) const MAX_FIRST: i32 = 100;

/// A validated page request; `K` is the sort key the cursor carries.
#[derive(Debug, Clone)]
pub(crate) struct PageRequest<K> {
    pub first: u64,
    pub after: Option<K>,
}

impl<K: DeserializeOwned> PageRequest<K> {
    pub(crate) fn parse(first: Option<i32>, after: Option<&str>) -> Result<Self, AppError> {
        let first = first.unwrap_or(DEFAULT_FIRST);
        if !(0..=MAX_FIRST).contains(&first) {
            return Err(AppError::invalid("first", format!("must be between 0 and {MAX_FIRST}, got {first}")));
        }
        let after = after.map(decode_cursor).transpose()?;
        Ok(Self { first: first as u64, after })
    }

    /// Rows to fetch: one more than the page, to learn whether another page follows.
    pub(crate) fn limit(&self) -> u64 {
        self.first + 1
    }
}

/// One page of rows and whether more follow.
pub(crate) struct Page<T> {
    pub rows: Vec<T>,
    pub has_next_page: bool,
    /// Rows come before this page: it starts after a cursor.
    pub has_previous_page: bool,
}

impl<T> Page<T> {
    /// Trims the extra row fetched by `PageRequest::limit`.
    pub(crate) fn from_rows<K>(mut rows: Vec<T>, request: &PageRequest<K>) -> Self {
        let has_next_page = rows.len() as u64 > request.first;
        rows.truncate(request.first as usize);
        Self { rows, has_next_page, has_previous_page: request.after.is_some() }
    }
}

pub(crate) fn encode_cursor<K: Serialize>(key: &K) -> String {
    // A sort key of strings always serializes.
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(key).unwrap_or_default())
}

fn decode_cursor<K: DeserializeOwned>(cursor: &str) -> Result<K, AppError> {
    URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .ok_or_else(|| AppError::invalid("after", "is not a cursor returned by this list"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_is_bounded() {
        assert!(PageRequest::<String>::parse(Some(-1), None).is_err());
        assert_eq!(
            PageRequest::<String>::parse(Some(0), None).unwrap().limit(),
            1,
            "first: 0 still learns whether rows follow"
        );
        assert!(PageRequest::<String>::parse(Some(101), None).is_err());
        assert_eq!(PageRequest::<String>::parse(None, None).unwrap().first, 20);
    }

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let c = encode_cursor(&("FRA".to_owned(), "Ministère".to_owned()));
        let p = PageRequest::<(String, String)>::parse(Some(5), Some(&c)).unwrap();
        assert_eq!(p.after.unwrap().1, "Ministère");
        assert!(PageRequest::<String>::parse(None, Some("not a cursor")).is_err());
    }
}

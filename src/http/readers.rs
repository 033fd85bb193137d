//! Reads that may go to a replica (`db::replicas`), run once more on the primary when the replica fails them: a
//! read changes nothing, so a second run is safe. Where each read was answered is counted.

use std::future::Future;

use sea_orm::DatabaseConnection;

use super::AppState;
use crate::db::replicas::Reader;

/// Runs `first` on `reader`'s connection. When `reader` is a replica and `failed` finds a database's failure in the
/// result, the replica rests (`Readers::failed`) and `again` runs on the primary, unless it has nothing to run
/// (then the first result stands). Each run gets a handle of its own: a pool's is shared and cheap to clone, and a
/// borrowed one could not be lent to two futures that must be `Send`.
pub(super) async fn with_fallback<T, First, Again>(
    state: &AppState,
    request_id: &str,
    reader: Reader,
    first: impl FnOnce(DatabaseConnection) -> First,
    again: impl FnOnce(DatabaseConnection) -> Option<Again>,
    failed: impl FnOnce(&T) -> bool,
) -> T
where
    First: Future<Output = T>,
    Again: Future<Output = T>,
{
    let replica = reader != Reader::Primary;
    let result = first(state.readers.connection(reader).clone()).await;
    if !replica || !failed(&result) {
        if state.readers.has_replicas() {
            super::metrics::read_on(replica);
        }
        return result;
    }
    state.readers.failed(reader);
    tracing::warn!(request_id, "a replica failed a read; reading from the primary");
    let Some(second) = again(state.readers.connection(Reader::Primary).clone()) else { return result };
    super::metrics::read_on(false);
    second.await
}

//! One snapshot for every portal: built once per feed position, compressed, kept, and sent to each reader from
//! memory. A reader that never reads costs its connection (bounded by the write timeout), not a database
//! connection or another build, so N portals cost one build and no reader can keep others waiting.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::http::HeaderValue;
use flate2::{Compression, read::GzDecoder, write::GzEncoder};
use futures_util::StreamExt;
use sea_orm::DatabaseConnection;

use crate::service::changes::FeedCursor;
use crate::service::mirror::{self, Line};

/// Snapshots one address may download at once.
pub(crate) const PER_ADDRESS: usize = 2;

/// A snapshot as built: gzip-compressed NDJSON, as of one feed position.
pub(crate) struct Built {
    /// The data version read before it was built: a snapshot is as recent as any later one while it holds.
    version: i64,
    pub(crate) gzip: Bytes,
    pub(crate) etag: HeaderValue,
    built: Instant,
}

impl Built {
    /// The NDJSON itself, decompressed a chunk at a time as the reader reads; `held` goes with the body.
    pub(crate) fn plain(&self, held: impl Send + 'static) -> Body {
        let decoder = GzDecoder::new(std::io::Cursor::new(self.gzip.clone()));
        let chunks = futures_util::stream::unfold(Some((decoder, held)), |state| async move {
            let (mut decoder, held) = state?;
            let mut chunk = vec![0u8; 64 * 1024];
            match decoder.read(&mut chunk) {
                Ok(0) => None,
                Ok(n) => {
                    chunk.truncate(n);
                    Some((Ok::<_, std::io::Error>(Bytes::from(chunk)), Some((decoder, held))))
                }
                Err(e) => Some((Err(e), None)),
            }
        });
        // Fused: a body may be polled again after its end (the compression layer does), which `unfold` forbids.
        Body::from_stream(chunks.fuse())
    }

    /// The compressed bytes as a body; `held` goes with it.
    pub(crate) fn compressed(&self, held: impl Send + 'static) -> Body {
        // The state keeps `held` until the stream is polled past its one chunk (the chunk has been taken).
        let chunks = futures_util::stream::unfold((Some(self.gzip.clone()), held), |(bytes, held)| async move {
            Some((Ok::<_, std::io::Error>(bytes?), (None, held)))
        });
        Body::from_stream(chunks.fuse())
    }
}

pub(crate) struct Snapshots {
    latest: Mutex<Option<Arc<Built>>>,
    /// One build at a time; those who arrive meanwhile take what it built.
    building: tokio::sync::Mutex<()>,
    downloads: Arc<Slots>,
}

impl Default for Snapshots {
    fn default() -> Self {
        Self { latest: Mutex::default(), building: tokio::sync::Mutex::default(), downloads: Slots::new(PER_ADDRESS) }
    }
}

/// Long answers one address may have going at once (snapshot downloads, event streams), counted per address.
pub(crate) struct Slots {
    held: Mutex<HashMap<IpAddr, usize>>,
    per_address: usize,
}

/// One of an address's slots, given back when dropped (with the body it is moved into).
pub(crate) struct Slot {
    slots: Arc<Slots>,
    ip: IpAddr,
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut held = self.slots.held.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(n) = held.get_mut(&self.ip) {
            *n -= 1;
            if *n == 0 {
                held.remove(&self.ip);
            }
        }
    }
}

impl Slots {
    pub(crate) fn new(per_address: usize) -> Arc<Self> {
        Arc::new(Self { held: Mutex::default(), per_address })
    }

    /// A slot for `ip`, unless it already holds all it may.
    pub(crate) fn take(self: &Arc<Self>, ip: IpAddr) -> Option<Slot> {
        let mut held = self.held.lock().unwrap_or_else(|p| p.into_inner());
        let n = held.entry(ip).or_insert(0);
        if *n >= self.per_address {
            return None;
        }
        *n += 1;
        Some(Slot { slots: Arc::clone(self), ip })
    }
}

impl Snapshots {
    /// A download slot for `ip`, unless it already has [`PER_ADDRESS`].
    pub(crate) fn download(&self, ip: IpAddr) -> Option<Slot> {
        self.downloads.take(ip)
    }

    fn latest(&self) -> Option<Arc<Built>> {
        self.latest.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// The snapshot of the directory as it is now: the kept one if nothing changed since it was built (by the data
    /// version, which every change raises, direct SQL included), else one built for this request or for another
    /// that arrived with it.
    pub(crate) async fn current(&self, db: &DatabaseConnection, deadline: Duration) -> Result<Arc<Built>, String> {
        let arrived = Instant::now();
        let version = |e: crate::error::AppError| {
            tracing::error!(cause = %e.chain(), "the data version could not be read");
            "the directory could not be read; retry later".to_owned()
        };
        let now = mirror::data_version(db).await.map_err(version)?;
        if let Some(built) = self.latest().filter(|b| b.version == now) {
            return Ok(built);
        }
        let _building = self.building.lock().await;
        // Built while this request waited: as recent as what it asked for.
        if let Some(built) = self.latest().filter(|b| b.version >= now || b.built >= arrived) {
            return Ok(built);
        }
        let now = mirror::data_version(db).await.map_err(version)?;
        let built = Arc::new(build(db, now, deadline).await?);
        *self.latest.lock().unwrap_or_else(|p| p.into_inner()) = Some(Arc::clone(&built));
        Ok(built)
    }
}

/// Reads every public entry in one transaction and compresses the lines as they come.
async fn build(db: &DatabaseConnection, version: i64, deadline: Duration) -> Result<Built, String> {
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Line>(256);
    let compress = tokio::task::spawn_blocking(move || -> std::io::Result<(Vec<u8>, Option<FeedCursor>)> {
        let mut gzip = GzEncoder::new(Vec::new(), Compression::fast());
        let mut end = None;
        while let Some(line) = rx.blocking_recv() {
            if let Line::End { after, .. } = &line {
                end = Some(*after);
            }
            serde_json::to_writer(&mut gzip, &line.to_json())?;
            gzip.write_all(b"\n")?;
        }
        Ok((gzip.finish()?, end))
    });
    let read = tokio::time::timeout(deadline, mirror::write_snapshot(db, &tx)).await;
    drop(tx);
    match read {
        Ok(Ok(())) => {}
        Ok(Err(e)) => {
            tracing::error!(cause = %e.chain(), "a snapshot could not be read");
            return Err("the snapshot could not be read; take it again".to_owned());
        }
        Err(_) => return Err("the snapshot took too long to read; take it again".to_owned()),
    }
    let (gzip, end) = match compress.await {
        Ok(Ok(done)) => done,
        _ => return Err("the snapshot could not be compressed".to_owned()),
    };
    let after = end.ok_or_else(|| "the snapshot ended early; take it again".to_owned())?;
    let etag = HeaderValue::from_str(&format!("\"snapshot-{version}-{}\"", mirror::cursor_text(after)))
        .unwrap_or_else(|_| HeaderValue::from_static("\"snapshot\""));
    Ok(Built { version, gzip: Bytes::from(gzip), etag, built: Instant::now() })
}

//! Delivery. Each instance runs a few workers. A worker takes the lease of one subscription with changes after its
//! position (one UPDATE; on PostgreSQL over the row locked with `SKIP LOCKED`, so that two instances never take the
//! same one), posts the public changes it wants one by one in feed order, signed as Standard Webhooks says, and
//! moves the subscription's position past each change once delivered, under its lease. A change is therefore sent
//! again only when its delivery was not recorded (a failure, an instance killed mid-way): at least once, with the
//! same `webhook-id`, which receivers dedupe on. A failure waits longer each time (1 s, 2 s, 4 s … at most an
//! hour); after [`PAUSE_AFTER`] failures in a row, or at once on `410 Gone`, the subscription is paused and says
//! why. What is sent is what the mirror publishes, shaped by `mirror::change_line`.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use sea_orm::sea_query::{Expr, ExprTrait, LockBehavior, LockType, Query};
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use uuid::Uuid;

use super::{ACTIVE, PAUSED, WebhookPolicy, list_of};
use crate::db::entities::{change, webhook_subscription as sub};
use crate::error::AppError;
use crate::service::changes::FeedCursor;
use crate::service::mirror::{self, cursor_text};

/// How long a lease lasts without a delivery renewing it: an instance that dies gives its subscriptions up after
/// this long.
const LEASE: Duration = Duration::from_secs(60);
/// A worker gives a subscription back after this long, so that one busy subscription does not hold it.
const TURN: Duration = Duration::from_secs(20);
/// Longest a receiver may take to answer one delivery.
const TIMEOUT: Duration = Duration::from_secs(10);
/// How often an idle worker looks for work.
const IDLE: Duration = Duration::from_millis(500);
/// Changes read from the feed at a time.
const CHUNK: u64 = 100;
/// Failed deliveries in a row after which a subscription is paused.
pub(crate) const PAUSE_AFTER: i32 = 20;
/// Longest wait between two attempts.
const MAX_BACKOFF: Duration = Duration::from_secs(3600);

fn now_ms() -> i64 {
    crate::domain::now().timestamp_millis()
}

/// The wait after the `failures`-th failure in a row: doubling from a second, at most an hour, give or take a
/// tenth so that many subscriptions failing together do not retry together.
fn backoff(failures: i32) -> Duration {
    let base = Duration::from_secs(1u64 << failures.clamp(1, 13).saturating_sub(1)).min(MAX_BACKOFF);
    let mut byte = [0u8; 1];
    let jitter = getrandom::fill(&mut byte).map_or(0.0, |()| (f64::from(byte[0]) / 255.0 - 0.5) / 5.0);
    base.mul_f64(1.0 + jitter)
}

/// Why a delivery failed, in the words its owner sees.
enum Failure {
    /// The receiver said the address is gone for good (`410`): paused at once.
    Gone,
    Other(String),
}

/// What the workers of one instance share.
struct Deliverer {
    /// Reads of the feed.
    db: DatabaseConnection,
    /// Writes of the subscriptions' state: the one writer on SQLite.
    writer: DatabaseConnection,
    client: reqwest::Client,
    /// This instance, as leases name it.
    instance: String,
}

/// Starts `workers` delivery workers on this instance (none when 0).
pub(crate) fn spawn(
    db: DatabaseConnection,
    writer: DatabaseConnection,
    policy: WebhookPolicy,
    workers: usize,
) -> anyhow::Result<()> {
    if workers == 0 {
        return Ok(());
    }
    let mut client = reqwest::Client::builder()
        .timeout(TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("cna-directory/", env!("CARGO_PKG_VERSION"), " webhooks"));
    if !policy.allow_local {
        client = client.dns_resolver(Arc::new(PublicOnly));
    }
    let deliverer = Arc::new(Deliverer {
        db,
        writer,
        client: client.build()?,
        instance: format!("{}-{}", std::process::id(), Uuid::new_v4().simple()),
    });
    for _ in 0..workers {
        let d = deliverer.clone();
        tokio::spawn(async move { d.work().await });
    }
    Ok(())
}

impl Deliverer {
    async fn work(&self) {
        loop {
            match self.claim().await {
                Ok(Some(s)) => {
                    if let Err(e) = self.run(s).await {
                        tracing::warn!(cause = %e.chain(), "a webhook delivery could not be recorded");
                        tokio::time::sleep(IDLE * 4).await;
                    }
                }
                Ok(None) => tokio::time::sleep(IDLE).await,
                Err(e) => {
                    tracing::warn!(cause = %e.chain(), "webhook subscriptions could not be read");
                    tokio::time::sleep(IDLE * 4).await;
                }
            }
        }
    }

    /// Takes the lease of one active subscription that is due and has changes after its position.
    async fn claim(&self) -> Result<Option<sub::Model>, AppError> {
        let now = now_ms();
        // A read first: most of the time nothing is due, and on SQLite an UPDATE would take the write lock.
        let s = sub::Column::Position.as_column_ref();
        let (subs, position) = (s.0.clone(), s.1.clone());
        let pending = Query::select()
            .expr(Expr::val(1))
            .from(change::Entity)
            .and_where(Expr::col((change::Entity, change::Column::Position)).is_not_null())
            .cond_where(
                Condition::any()
                    .add(
                        Expr::col((change::Entity, change::Column::Position))
                            .gt(Expr::col((subs.clone(), position.clone()))),
                    )
                    .add(
                        Condition::all()
                            .add(
                                Expr::col((change::Entity, change::Column::Position))
                                    .eq(Expr::col((subs.clone(), position))),
                            )
                            .add(
                                Expr::col((change::Entity, change::Column::Id))
                                    .gt(Expr::col((subs, sub::Column::ChangeId.as_column_ref().1))),
                            ),
                    ),
            )
            .to_owned();
        let due = sub::Entity::find()
            .filter(sub::Column::Status.eq(ACTIVE))
            .filter(sub::Column::DueMs.lte(now))
            .filter(sub::Column::LeaseUntilMs.lt(now))
            .filter(Expr::exists(pending))
            .order_by_asc(sub::Column::DueMs)
            .one(&self.db)
            .await?;
        let Some(due) = due else { return Ok(None) };
        // The lease, on the row locked for it: another instance's lock is skipped, not waited for.
        let unleased = Query::select()
            .column(sub::Column::Id)
            .from(sub::Entity)
            .and_where(Expr::col(sub::Column::Id).eq(due.id))
            .and_where(Expr::col(sub::Column::Status).eq(ACTIVE))
            .and_where(Expr::col(sub::Column::LeaseUntilMs).lt(now))
            .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
            .to_owned();
        let taken = sub::Entity::update_many()
            .col_expr(sub::Column::LeaseOwner, Expr::val(self.instance.clone()))
            .col_expr(sub::Column::LeaseUntilMs, Expr::val(now + LEASE.as_millis() as i64))
            .filter(sub::Column::Id.in_subquery(unleased))
            .exec(&self.writer)
            .await?;
        if taken.rows_affected == 0 {
            return Ok(None);
        }
        Ok(sub::Entity::find_by_id(due.id).one(&self.writer).await?)
    }

    /// Delivers what the subscription wants after its position, for one turn at most.
    async fn run(&self, s: sub::Model) -> Result<(), AppError> {
        let started = Instant::now();
        let wants = Wants::of(&s);
        let mut at = FeedCursor::At(s.position, s.change_id);
        'turn: while started.elapsed() < TURN {
            let (rows, _) = mirror::changes_after(&self.db, at, CHUNK).await?;
            if rows.is_empty() {
                break;
            }
            for (c, public) in rows {
                let next = FeedCursor::of(&c);
                let Some(public) = public.filter(|_| wants.change(&c)) else {
                    at = next;
                    continue;
                };
                let message = json!({ "type": "directory.change", "timestamp": crate::domain::rfc3339(c.at),
                    "data": mirror::change_line(&c, public) });
                match self.post(&s, &cursor_text(next), &message).await {
                    Ok(()) => {
                        at = next;
                        if !self.delivered(&s, at).await? {
                            return Ok(()); // the lease went to another instance
                        }
                    }
                    Err(failure) => return self.failed(&s, at, failure).await,
                }
                if started.elapsed() >= TURN {
                    break 'turn;
                }
            }
        }
        self.release(&s, at).await
    }

    /// One signed POST; any answer but 2xx is a failure.
    async fn post(&self, s: &sub::Model, id: &str, message: &Value) -> Result<(), Failure> {
        let body = serde_json::to_vec(message).map_err(|e| Failure::Other(e.to_string()))?;
        let key = standardwebhooks::Webhook::new(&s.secret).map_err(|e| Failure::Other(e.to_string()))?;
        let timestamp = crate::domain::now().timestamp();
        let signature = key.sign(id, timestamp, &body).map_err(|e| Failure::Other(e.to_string()))?;
        let sent = self
            .client
            .post(&s.url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(standardwebhooks::HEADER_WEBHOOK_ID, id)
            .header(standardwebhooks::HEADER_WEBHOOK_TIMESTAMP, timestamp.to_string())
            .header(standardwebhooks::HEADER_WEBHOOK_SIGNATURE, signature)
            .body(body)
            .send()
            .await;
        match sent {
            Ok(r) if r.status().is_success() => Ok(()),
            Ok(r) if r.status() == reqwest::StatusCode::GONE => Err(Failure::Gone),
            Ok(r) => Err(Failure::Other(format!("the receiver answered {}", r.status()))),
            Err(e) if e.is_timeout() => Err(Failure::Other(format!("no answer within {}s", TIMEOUT.as_secs()))),
            Err(e) => Err(Failure::Other(format!("could not be reached: {}", error_chain(&e)))),
        }
    }

    /// Records a delivered change and renews the lease; `false` when the lease is no longer this instance's.
    async fn delivered(&self, s: &sub::Model, at: FeedCursor) -> Result<bool, AppError> {
        let (position, id) = at.key();
        let now = crate::domain::now();
        let done = sub::Entity::update_many()
            .col_expr(sub::Column::Position, Expr::val(position))
            .col_expr(sub::Column::ChangeId, Expr::val(id))
            .col_expr(sub::Column::Delivered, Expr::col(sub::Column::Delivered).add(1))
            .col_expr(sub::Column::Failures, Expr::val(0))
            .col_expr(sub::Column::LastAttemptAt, Expr::val(now))
            .col_expr(sub::Column::LastDeliveredAt, Expr::val(now))
            .col_expr(sub::Column::LeaseUntilMs, Expr::val(now_ms() + LEASE.as_millis() as i64))
            .filter(sub::Column::Id.eq(s.id))
            .filter(sub::Column::LeaseOwner.eq(self.instance.clone()))
            .exec(&self.writer)
            .await?;
        Ok(done.rows_affected == 1)
    }

    /// Records a failure: the position reached before it, when to try again, or the pause and why.
    async fn failed(&self, s: &sub::Model, at: FeedCursor, failure: Failure) -> Result<(), AppError> {
        let failures = s.failures.saturating_add(1);
        let now = crate::domain::now();
        let (error, pause) = match failure {
            Failure::Gone => {
                ("the receiver answered 410 Gone".to_owned(), Some("the receiver answered 410 Gone".into()))
            }
            Failure::Other(why) if failures >= PAUSE_AFTER => {
                let reason = format!("{failures} deliveries in a row failed; the last: {why}");
                (why, Some(reason))
            }
            Failure::Other(why) => (why, None),
        };
        tracing::info!(subscription = %s.id, failures, error, "a webhook delivery failed");
        let (position, id) = at.key();
        let due = now_ms() + backoff(failures).as_millis() as i64;
        let mut update = sub::Entity::update_many()
            .col_expr(sub::Column::Position, Expr::val(position))
            .col_expr(sub::Column::ChangeId, Expr::val(id))
            .col_expr(sub::Column::Failures, Expr::val(failures))
            .col_expr(sub::Column::LastError, Expr::val(format!("{}: {error}", crate::domain::rfc3339(now))))
            .col_expr(sub::Column::LastAttemptAt, Expr::val(now))
            .col_expr(sub::Column::DueMs, Expr::val(due))
            .col_expr(sub::Column::LeaseOwner, Expr::val(Option::<String>::None))
            .col_expr(sub::Column::LeaseUntilMs, Expr::val(0i64));
        if let Some(reason) = pause {
            update = update
                .col_expr(sub::Column::Status, Expr::val(PAUSED))
                .col_expr(sub::Column::PausedReason, Expr::val(reason));
        }
        update
            .filter(sub::Column::Id.eq(s.id))
            .filter(sub::Column::LeaseOwner.eq(self.instance.clone()))
            .exec(&self.writer)
            .await?;
        Ok(())
    }

    /// Gives the lease back, with the position reached (changes passed over included).
    async fn release(&self, s: &sub::Model, at: FeedCursor) -> Result<(), AppError> {
        let (position, id) = at.key();
        sub::Entity::update_many()
            .col_expr(sub::Column::Position, Expr::val(position))
            .col_expr(sub::Column::ChangeId, Expr::val(id))
            .col_expr(sub::Column::LeaseOwner, Expr::val(Option::<String>::None))
            .col_expr(sub::Column::LeaseUntilMs, Expr::val(0i64))
            .filter(sub::Column::Id.eq(s.id))
            .filter(sub::Column::LeaseOwner.eq(self.instance.clone()))
            .exec(&self.writer)
            .await?;
        Ok(())
    }
}

/// Each cause of a transport error once (reqwest repeats its source in its own text).
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        source = s.source();
    }
    out
}

/// What a subscription narrows its changes to.
struct Wants {
    entities: Option<Vec<String>>,
    states: Option<Vec<String>>,
    networks: Option<Vec<String>>,
}

impl Wants {
    fn of(s: &sub::Model) -> Self {
        Self {
            entities: list_of(s.entities.as_deref()),
            states: list_of(s.states.as_deref()),
            networks: list_of(s.networks.as_deref()),
        }
    }

    fn change(&self, c: &change::Model) -> bool {
        let within = |list: &Option<Vec<String>>, value: Option<&str>| {
            list.as_ref().is_none_or(|l| value.is_some_and(|v| l.iter().any(|x| x == v)))
        };
        within(&self.entities, Some(&c.entity))
            && within(&self.states, c.state_iso3.as_deref())
            && within(&self.networks, c.network_code.as_deref())
    }
}

/// Resolves host names to public addresses only, so that a subscription cannot reach inside the deployment's
/// network through a name (addresses written as numbers are checked when the subscription is made).
struct PublicOnly;

impl reqwest::dns::Resolve for PublicOnly {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        Box::pin(async move {
            let host = name.as_str().to_owned();
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let public: Vec<SocketAddr> =
                found.into_iter().filter(|a| !crate::domain::checks::is_local_ip(a.ip())).collect();
            if public.is_empty() {
                return Err(format!("{host} resolves to no public address").into());
            }
            Ok(Box::new(public.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_to_an_hour() {
        let secs = |n| backoff(n).as_secs_f64();
        assert!((0.9..=1.1).contains(&secs(1)));
        assert!((7.2..=8.8).contains(&secs(4)));
        assert!(secs(40) <= 3600.0 * 1.1 && secs(40) >= 3600.0 * 0.9);
    }
}

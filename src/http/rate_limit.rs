//! Per-client rate limiting: the token's subject for signed-in clients, the peer address for anonymous ones.
//! Refused requests cost one map lookup; the answer says when to come back.

use std::{num::NonZeroU32, time::Duration};

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter, clock::Clock};

pub(crate) struct RateLimit {
    limiter: DefaultKeyedRateLimiter<String>,
}

impl RateLimit {
    /// `None` when `per_minute` is 0 (no limit).
    pub(crate) fn new(per_minute: u32, burst: u32) -> Option<Self> {
        let rate = NonZeroU32::new(per_minute)?;
        let burst = NonZeroU32::new(burst.max(1)).unwrap_or(NonZeroU32::MIN);
        Some(Self { limiter: RateLimiter::keyed(Quota::per_minute(rate).allow_burst(burst)) })
    }

    /// `Err(wait)` when `client` must wait before its next request.
    pub(crate) fn check(&self, client: &str) -> Result<(), Duration> {
        self.limiter
            .check_key(&client.to_owned())
            .map_err(|not_until| not_until.wait_time_from(governor::clock::DefaultClock::default().now()))
    }

    /// Forgets clients whose allowance is full again, so memory follows the active clients only.
    pub(crate) fn forget_idle(&self) {
        self.limiter.retain_recent();
        self.limiter.shrink_to_fit();
    }
}

//! Per-client rate limiting: the token's subject for signed-in clients, the peer address for anonymous ones.
//! Refused requests cost one map lookup and a read of the limiter's own clock; the answer says when to come back.
//! Every answer states the policy and what is left, in the IETF `RateLimit-Policy` and `RateLimit` fields
//! (draft-ietf-httpapi-ratelimit-headers): the quota `q` is the burst a client may send at once, `w` the seconds
//! in which a spent burst is whole again; `r` what is left of it, `t` the seconds until it is whole.

use std::{num::NonZeroU32, time::Duration};

use axum::http::HeaderValue;
use governor::{
    Quota, RateLimiter,
    clock::{Clock, DefaultClock},
    middleware::StateInformationMiddleware,
    state::keyed::DefaultKeyedStateStore,
};

pub(crate) struct RateLimit<C: Clock = DefaultClock> {
    limiter: RateLimiter<String, DefaultKeyedStateStore<String>, C, StateInformationMiddleware>,
    quota: Quota,
}

/// What a client has left after a request: requests it may still send at once, and how long until its allowance is
/// whole again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Left {
    pub(crate) remaining: u32,
    pub(crate) reset: Duration,
}

/// Whole seconds, rounded up: a client told 0 while it must wait would come back too early.
pub(super) fn seconds(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

impl RateLimit {
    /// `None` when `per_minute` is 0 (no limit).
    pub(crate) fn new(per_minute: u32, burst: u32) -> Option<Self> {
        Self::with_clock(per_minute, burst, DefaultClock::default())
    }
}

impl<C: Clock> RateLimit<C> {
    fn with_clock(per_minute: u32, burst: u32, clock: C) -> Option<Self> {
        let rate = NonZeroU32::new(per_minute)?;
        let burst = NonZeroU32::new(burst.max(1)).unwrap_or(NonZeroU32::MIN);
        let quota = Quota::per_minute(rate).allow_burst(burst);
        let limiter = RateLimiter::dashmap_with_clock(quota, clock).with_middleware::<StateInformationMiddleware>();
        Some(Self { limiter, quota })
    }

    fn left(&self, remaining: u32) -> Left {
        let spent = self.quota.burst_size().get().saturating_sub(remaining);
        Left { remaining, reset: self.quota.replenish_interval() * spent }
    }

    /// What is left, or `Err(wait)` when `client` must wait before its next request.
    pub(crate) fn check(&self, client: &str) -> Result<Left, Duration> {
        self.limiter
            .check_key(&client.to_owned())
            .map(|state| self.left(state.remaining_burst_capacity()))
            // The limiter's clock, not a new one: a new clock has its own origin (a wrong wait), and making one
            // calibrates it with CPUID instructions, which a virtual machine traps: under a flood of refusals that
            // cost four times what the rest of the refusal did.
            .map_err(|not_until| not_until.wait_time_from(self.limiter.clock().now()))
    }

    /// As [`check`](Self::check) for a request that costs `n` ordinary ones (capped at the burst: a cost past it
    /// could never be paid).
    pub(crate) fn check_n(&self, client: &str, n: u32) -> Result<Left, Duration> {
        let n = NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN);
        match self.limiter.check_key_n(&client.to_owned(), n) {
            Ok(Ok(state)) => Ok(self.left(state.remaining_burst_capacity())),
            Ok(Err(not_until)) => Err(not_until.wait_time_from(self.limiter.clock().now())),
            Err(_) => self.check(client),
        }
    }

    /// `RateLimit-Policy`: the burst, and the seconds in which a spent one is whole again.
    pub(crate) fn policy_field(&self) -> HeaderValue {
        let q = self.quota.burst_size().get();
        let w = seconds(self.quota.burst_size_replenished_in());
        HeaderValue::from_str(&format!("\"client\";q={q};w={w}")).unwrap_or(HeaderValue::from_static("\"client\""))
    }

    /// `RateLimit`: what is left and the seconds until the allowance is whole (after a refusal: none left, and the
    /// wait).
    pub(crate) fn field(&self, left: Left) -> HeaderValue {
        let (r, t) = (left.remaining, seconds(left.reset));
        HeaderValue::from_str(&format!("\"client\";r={r};t={t}")).unwrap_or(HeaderValue::from_static("\"client\""))
    }

    /// Forgets clients whose allowance is full again, so memory follows the active clients only.
    pub(crate) fn forget_idle(&self) {
        self.limiter.retain_recent();
        self.limiter.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use governor::clock::FakeRelativeClock;

    #[test]
    fn a_refused_client_is_told_the_wait_by_the_limiters_clock() {
        let clock = FakeRelativeClock::default();
        let limit = RateLimit::with_clock(60, 1, clock.clone()).expect("a limit");
        let whole_in = |secs| Ok(Left { remaining: 0, reset: Duration::from_secs(secs) });
        assert_eq!(limit.check("a"), whole_in(1));
        assert_eq!(limit.check("a"), Err(Duration::from_secs(1)), "one a second");
        clock.advance(Duration::from_millis(400));
        assert_eq!(limit.check("a"), Err(Duration::from_millis(600)), "the wait counts from the limiter's now");
        assert_eq!(limit.check("b"), whole_in(1), "another client has its own allowance");
        clock.advance(Duration::from_millis(600));
        assert_eq!(limit.check("a"), whole_in(1));
    }

    #[test]
    fn an_expensive_request_draws_on_the_allowance_as_many() {
        let clock = FakeRelativeClock::default();
        let limit = RateLimit::with_clock(60, 30, clock.clone()).expect("a limit");
        let left = |remaining, secs| Ok(Left { remaining, reset: Duration::from_secs(secs) });
        assert_eq!(limit.check_n("a", 20), left(10, 20));
        assert_eq!(limit.check_n("a", 20), Err(Duration::from_secs(10)), "ten left, twenty asked");
        assert_eq!(limit.check("a"), left(9, 21), "an ordinary request still fits");
        assert_eq!(limit.policy_field(), "\"client\";q=30;w=30");
        assert_eq!(limit.field(Left { remaining: 9, reset: Duration::from_millis(20_500) }), "\"client\";r=9;t=21");
    }
}

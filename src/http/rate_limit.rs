//! Per-client rate limiting: the token's subject for signed-in clients, the peer address for anonymous ones.
//! Refused requests cost one map lookup and a read of the limiter's own clock; the answer says when to come back.

use std::{num::NonZeroU32, time::Duration};

use governor::{
    Quota, RateLimiter,
    clock::{Clock, DefaultClock},
    middleware::NoOpMiddleware,
    state::keyed::DefaultKeyedStateStore,
};

pub(crate) struct RateLimit<C: Clock = DefaultClock> {
    limiter: RateLimiter<String, DefaultKeyedStateStore<String>, C, NoOpMiddleware<C::Instant>>,
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
        Some(Self { limiter: RateLimiter::dashmap_with_clock(Quota::per_minute(rate).allow_burst(burst), clock) })
    }

    /// `Err(wait)` when `client` must wait before its next request.
    pub(crate) fn check(&self, client: &str) -> Result<(), Duration> {
        self.limiter
            .check_key(&client.to_owned())
            // The limiter's clock, not a new one: a new clock has its own origin (a wrong wait), and making one
            // calibrates it with CPUID instructions, which a virtual machine traps: under a flood of refusals that
            // cost four times what the rest of the refusal did.
            .map_err(|not_until| not_until.wait_time_from(self.limiter.clock().now()))
    }

    /// As [`check`](Self::check) for a request that costs `n` ordinary ones (capped at the burst: a cost past it
    /// could never be paid).
    pub(crate) fn check_n(&self, client: &str, n: u32) -> Result<(), Duration> {
        let n = NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN);
        match self.limiter.check_key_n(&client.to_owned(), n) {
            Ok(Ok(())) => Ok(()),
            Ok(Err(not_until)) => Err(not_until.wait_time_from(self.limiter.clock().now())),
            Err(_) => self.check(client),
        }
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
        assert_eq!(limit.check("a"), Ok(()));
        assert_eq!(limit.check("a"), Err(Duration::from_secs(1)), "one a second");
        clock.advance(Duration::from_millis(400));
        assert_eq!(limit.check("a"), Err(Duration::from_millis(600)), "the wait counts from the limiter's now");
        assert_eq!(limit.check("b"), Ok(()), "another client has its own allowance");
        clock.advance(Duration::from_millis(600));
        assert_eq!(limit.check("a"), Ok(()));
    }

    #[test]
    fn an_expensive_request_draws_on_the_allowance_as_many() {
        let clock = FakeRelativeClock::default();
        let limit = RateLimit::with_clock(60, 30, clock.clone()).expect("a limit");
        assert_eq!(limit.check_n("a", 20), Ok(()));
        assert_eq!(limit.check_n("a", 20), Err(Duration::from_secs(10)), "ten left, twenty asked");
        assert_eq!(limit.check("a"), Ok(()), "an ordinary request still fits");
    }
}

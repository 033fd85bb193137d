//! How long a confirmation holds: an entry confirmed longer ago than the review period is stale.

use chrono::{DateTime, Months, Utc};

/// The review period (`CNA_REVIEW_MONTHS`, 6 by default as UNODC's twice-yearly edition).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewPolicy {
    pub months: u32,
}

impl Default for ReviewPolicy {
    fn default() -> Self {
        Self { months: 6 }
    }
}

impl ReviewPolicy {
    /// When an entry confirmed at `confirmed` is due for review; never confirmed is due now (`None`).
    pub fn due(&self, confirmed: Option<DateTime<Utc>>) -> Option<DateTime<Utc>> {
        confirmed.and_then(|c| c.checked_add_months(Months::new(self.months)))
    }

    /// Whether an entry confirmed at `confirmed` is stale at `now`.
    pub fn is_stale(&self, confirmed: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
        self.due(confirmed).is_none_or(|due| due <= now)
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn a_confirmation_holds_for_the_review_period() {
        let policy = ReviewPolicy { months: 6 };
        let confirmed = Utc.with_ymd_and_hms(2026, 1, 31, 12, 0, 0).single();
        assert_eq!(policy.due(confirmed), Utc.with_ymd_and_hms(2026, 7, 31, 12, 0, 0).single());
        let now = Utc.with_ymd_and_hms(2026, 7, 1, 0, 0, 0).single().expect("a date");
        assert!(!policy.is_stale(confirmed, now));
        assert!(policy.is_stale(None, now), "never confirmed is stale");
    }
}

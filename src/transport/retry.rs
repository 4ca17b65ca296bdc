//! Retries of requests that are safe to repeat (GET, sign-in): on 429 and 503 after the server's
//! `Retry-After` (when it is within what the caller lets retries wait), on 502 and 504, and on a
//! connection that broke before any reply arrived, with jittered exponential backoff. Requests
//! that change something are never repeated here.

use crate::error::{Error, Status};
use std::time::Duration;

/// Default number of attempts of a repeatable request (the first and three retries).
///
/// cbindgen:ignore
pub const DEFAULT_MAX_ATTEMPTS: u32 = 4;
/// Default longest total time retries of one call may spend waiting.
pub const DEFAULT_MAX_RETRY_WAIT: Duration = Duration::from_secs(60);
/// The first backoff delay; each retry doubles it, up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_millis(500);
/// The longest single backoff delay.
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// How repeatable requests are retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, at least 1 (1 = no retries).
    pub max_attempts: u32,
    /// The longest total wait between attempts of one call; a `Retry-After` longer than what is
    /// left is not waited for (the error carries it instead).
    pub max_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: DEFAULT_MAX_ATTEMPTS,
            max_wait: DEFAULT_MAX_RETRY_WAIT,
        }
    }
}

/// Whether a failure is one to retry, and the delay the server asked for.
pub(crate) enum Retryable {
    No,
    /// Retry, after the server's delay if it gave one, else after the backoff.
    Yes(Option<Duration>),
}

/// Classifies the failure of one attempt. `before_reply`: the connection broke before any reply.
pub(crate) fn classify(e: &Error, before_reply: bool) -> Retryable {
    match e.http_status() {
        429 | 503 => Retryable::Yes(e.retry_after().map(Duration::from_secs)),
        502 | 504 => Retryable::Yes(None),
        0 if before_reply && e.status() == Status::Io => Retryable::Yes(None),
        _ => Retryable::No,
    }
}

/// The retry state of one call.
pub(crate) struct Retrier {
    policy: RetryPolicy,
    attempt: u32,
    waited: Duration,
}

impl Retrier {
    pub(crate) fn new(policy: RetryPolicy) -> Retrier {
        Retrier {
            policy,
            attempt: 1,
            waited: Duration::ZERO,
        }
    }

    /// The attempt about to be made or just made, from 1.
    pub(crate) fn attempt(&self) -> u32 {
        self.attempt
    }

    /// Attempts in all.
    pub(crate) fn max_attempts(&self) -> u32 {
        self.policy.max_attempts
    }

    /// How long to wait before the next attempt, or why there is none. `left`: time left
    /// before the call's deadline, if it has one.
    pub(crate) fn next(
        &mut self,
        asked: Option<Duration>,
        left: Option<Duration>,
    ) -> Result<Duration, String> {
        if self.attempt >= self.policy.max_attempts {
            return Err(match self.attempt {
                1 => "retries are off".to_string(),
                n => format!("gave up after {n} attempts"),
            });
        }
        let wait = asked.unwrap_or_else(|| backoff(self.attempt));
        let budget = self.policy.max_wait.saturating_sub(self.waited);
        if wait > budget {
            return Err(format!(
                "not retried: waiting {} s would pass the {} s retries may wait",
                wait.as_secs_f64().ceil(),
                self.policy.max_wait.as_secs_f64().ceil()
            ));
        }
        if left.is_some_and(|l| wait >= l) {
            return Err("not retried: the call's deadline would pass".to_string());
        }
        self.waited += wait;
        self.attempt += 1;
        Ok(wait)
    }
}

/// The jittered delay before retry `n` (n = 1 for the first): `FIRST_BACKOFF * 2^(n-1)`, capped,
/// times a random factor in [0.5, 1).
pub(crate) fn backoff(n: u32) -> Duration {
    let base = FIRST_BACKOFF
        .saturating_mul(1u32 << n.saturating_sub(1).min(16))
        .min(MAX_BACKOFF);
    let mut r = [0u8; 2];
    let _ = getrandom::fill(&mut r);
    let f = 0.5 + f64::from(u16::from_le_bytes(r)) / f64::from(u16::MAX) / 2.0;
    base.mul_f64(f.min(0.999))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        for n in 1..20 {
            let b = backoff(n);
            let base = FIRST_BACKOFF
                .saturating_mul(1 << (n - 1).min(16))
                .min(MAX_BACKOFF);
            assert!(b >= base / 2 && b < base, "{n}: {b:?}");
        }
    }

    #[test]
    fn attempts_and_waits_are_bounded() {
        let mut r = Retrier::new(RetryPolicy {
            max_attempts: 3,
            max_wait: Duration::from_secs(10),
        });
        assert_eq!(
            r.next(Some(Duration::from_secs(4)), None),
            Ok(Duration::from_secs(4))
        );
        assert!(r
            .next(Some(Duration::from_secs(7)), None)
            .unwrap_err()
            .contains("10 s"));
        assert_eq!(
            r.next(Some(Duration::from_secs(6)), None),
            Ok(Duration::from_secs(6))
        );
        assert_eq!(r.attempt(), 3);
        assert!(r.next(None, None).unwrap_err().contains("after 3 attempts"));
        let mut off = Retrier::new(RetryPolicy {
            max_attempts: 1,
            max_wait: Duration::from_secs(10),
        });
        assert!(off.next(None, None).unwrap_err().contains("off"));
        let mut r = Retrier::new(RetryPolicy::default());
        let left = Some(Duration::from_millis(100));
        assert!(r
            .next(Some(Duration::from_secs(1)), left)
            .unwrap_err()
            .contains("deadline"));
    }

    #[test]
    fn only_server_refusals_and_early_breaks_are_retried() {
        let http = |code| Error::http(code, "GET x", None, None, None);
        assert!(matches!(classify(&http(503), false), Retryable::Yes(None)));
        assert!(matches!(
            classify(&http(429).with_retry_after(Some(2)), false),
            Retryable::Yes(Some(d)) if d == Duration::from_secs(2)
        ));
        assert!(matches!(classify(&http(502), false), Retryable::Yes(None)));
        assert!(matches!(classify(&http(500), false), Retryable::No));
        assert!(matches!(classify(&http(404), false), Retryable::No));
        let io = Error::new(Status::Io, "reset");
        assert!(matches!(classify(&io, true), Retryable::Yes(None)));
        assert!(matches!(classify(&io, false), Retryable::No));
        let timeout = Error::new(Status::Timeout, "slow");
        assert!(matches!(classify(&timeout, true), Retryable::No));
    }
}

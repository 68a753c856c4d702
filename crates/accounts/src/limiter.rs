//! Login rate limiting: a few failures per minute per user name and per
//! client address, then refusal until the oldest failure is a minute old.
//!
//! Kept in memory: it slows down guessing against one running server; a
//! restart forgets it, which costs an attacker a restart they cannot cause.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures allowed per key within [`LoginLimiter::WINDOW`].
pub const MAX_FAILURES: usize = 5;

/// Keys remembered at most; past this, keys with no recent failure are
/// forgotten, then (under a flood) the whole table.
const MAX_KEYS: usize = 10_000;

/// Counts failed sign-ins by key (`name:…`, `addr:…`).
#[derive(Debug, Default)]
pub struct LoginLimiter {
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl LoginLimiter {
    /// The span over which failures are counted.
    pub const WINDOW: Duration = Duration::from_secs(60);

    /// A limiter with no failures.
    pub fn new() -> LoginLimiter {
        LoginLimiter::default()
    }

    /// `Err(wait)` when any of `keys` had [`MAX_FAILURES`] failures within
    /// the window before `at`: the caller must refuse, and may retry after `wait`.
    pub fn check(&self, keys: &[String], at: Instant) -> Result<(), Duration> {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let mut wait = Duration::ZERO;
        for key in keys {
            if let Some(times) = map.get_mut(key) {
                prune(times, at);
                if times.len() >= MAX_FAILURES {
                    if let Some(oldest) = times.front() {
                        wait = wait.max(Self::WINDOW.saturating_sub(at.duration_since(*oldest)));
                    }
                }
            }
        }
        if wait.is_zero() {
            Ok(())
        } else {
            Err(wait.max(Duration::from_secs(1)))
        }
    }

    /// Records a failure under every key.
    pub fn failed(&self, keys: &[String], at: Instant) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() >= MAX_KEYS {
            map.retain(|_, times| {
                prune(times, at);
                !times.is_empty()
            });
            if map.len() >= MAX_KEYS {
                map.clear();
            }
        }
        for key in keys {
            let times = map.entry(key.clone()).or_default();
            prune(times, at);
            times.push_back(at);
        }
    }

    /// Forgets the failures of `key` (a successful sign-in of that name).
    pub fn succeeded(&self, key: &str) {
        self.failures.lock().unwrap_or_else(|p| p.into_inner()).remove(key);
    }
}

fn prune(times: &mut VecDeque<Instant>, at: Instant) {
    while times.front().is_some_and(|t| at.duration_since(*t) >= LoginLimiter::WINDOW) {
        times.pop_front();
    }
    // Only the last few matter.
    while times.len() > MAX_FAILURES {
        times.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_a_minute_then_refused_until_the_first_is_old() {
        let limiter = LoginLimiter::new();
        let t0 = Instant::now();
        let keys = vec!["name:ann".to_string(), "addr:10.0.0.1".to_string()];
        for i in 0..MAX_FAILURES {
            assert!(limiter.check(&keys, t0 + Duration::from_secs(i as u64)).is_ok());
            limiter.failed(&keys, t0 + Duration::from_secs(i as u64));
        }
        let wait = limiter.check(&keys, t0 + Duration::from_secs(10)).unwrap_err();
        assert_eq!(wait, Duration::from_secs(50));
        // Another address still blocked by the name, another name by the address.
        assert!(limiter.check(&["name:ann".into()], t0 + Duration::from_secs(10)).is_err());
        assert!(limiter.check(&["addr:10.0.0.1".into()], t0 + Duration::from_secs(10)).is_err());
        assert!(limiter.check(&["name:bob".into(), "addr:10.0.0.2".into()], t0).is_ok());
        assert!(limiter.check(&keys, t0 + Duration::from_secs(61)).is_ok());
        limiter.succeeded("name:ann");
        assert!(limiter.check(&["name:ann".into()], t0 + Duration::from_secs(10)).is_ok());
    }
}

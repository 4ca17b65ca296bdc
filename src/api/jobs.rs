//! Jobs (`/api/{v}/sites/{site}/jobs`): the background jobs listing (with a pager), one job with
//! every `JobItem` field, cancel, and [`Jobs::wait_for_job`], which polls one job until it ends.
//!
//! Waiting polls `GET …/jobs/{id}` on the Python client's schedule (at once, then after 0.5 s,
//! ×1.4 each time, at most 30 s apart), so it never asks more often than `wait_for_job` does,
//! with two refinements that only ever bring a poll forward or push it back:
//! - once two polls have seen the job's progress rise, the poll after the one that would come
//!   next is not needed: the next poll is moved to the moment the progress rate says the job
//!   ends (when that is sooner), so the end is learnt as soon as it happens, not up to 30 s late;
//! - a `Retry-After` the server sends (429, 503) is honoured: the next poll waits at least that.
//!
//! The end maps to a result as in the Python client: finish code 0 or 3 is the job, 1 is
//! `Status::JobFailed` and 2 `Status::JobCancelled`, both with the job's notes in the message. A
//! timeout gives `Status::Timeout`, a cancelled token `Status::Cancelled`.

use std::time::{Duration, Instant};

use crate::api::{listing, require_id};
use crate::error::{Error, Result, Status};
use crate::models::{BackgroundJob, Job, Page};
use crate::pager::Pager;
use crate::query::RequestOptions;
use crate::server::Server;
use crate::transport::{CancelToken, Method, UrlBuilder};

/// `server.jobs()`.
pub struct Jobs<'a> {
    server: &'a Server,
}

impl Server {
    /// The job endpoints.
    pub fn jobs(&self) -> Jobs<'_> {
        Jobs { server: self }
    }
}

/// The Python client's first wait between polls.
const FIRST_WAIT: Duration = Duration::from_millis(500);
/// Its growth factor.
const GROWTH: f64 = 1.4;
/// Its longest wait.
const MAX_WAIT: Duration = Duration::from_secs(30);
/// How often a wait looks at the cancel token.
const CANCEL_CHECK: Duration = Duration::from_millis(20);

/// `FinishCode` of a `JobItem`.
const SUCCESS: i64 = 0;
const FAILED: i64 = 1;
const CANCELLED: i64 = 2;
const COMPLETED: i64 = 3;

impl Jobs<'_> {
    fn url(&self) -> Result<UrlBuilder> {
        Ok(self.server.site_url()?.0.path("jobs"))
    }

    /// One page of the site's background jobs (REST API 3.1+).
    pub fn get(&self, opts: Option<&RequestOptions>) -> Result<Page<BackgroundJob>> {
        self.server.require("3.1", "listing background jobs")?;
        listing::get_page(self.server, self.url()?, opts)
    }

    /// Every background job of the site, page by page.
    pub fn pager(&self, opts: Option<&RequestOptions>) -> Pager<BackgroundJob> {
        listing::pager(self.server, opts, |s, o| s.jobs().get(Some(o)))
    }

    /// The job with this LUID, with its progress, times, finish code, notes and subject.
    pub fn get_by_id(&self, id: &str) -> Result<Job> {
        let id = require_id(id, "Job ID undefined.")?;
        self.server
            .fetch(Method::Get, self.url()?.segment(id), None)
    }

    /// Cancels the job with this LUID (REST API 3.1+).
    pub fn cancel(&self, id: &str) -> Result<()> {
        self.server.require("3.1", "cancelling a job")?;
        let id = require_id(id, "Job ID undefined.")?;
        self.server
            .send(Method::Put, self.url()?.segment(id), None)
            .map(|_| ())
    }

    /// Polls the job until it ends (see the module doc); `timeout` bounds the whole wait,
    /// `cancel` stops it from another thread within milliseconds.
    pub fn wait_for_job(
        &self,
        id: &str,
        timeout: Option<Duration>,
        cancel: Option<&CancelToken>,
    ) -> Result<Job> {
        let id = require_id(id, "Job ID undefined.")?;
        let start = Instant::now();
        let deadline = timeout.map(|t| start + t);
        let mut schedule = Schedule::new();
        loop {
            stop_if_cancelled(cancel, id)?;
            let mut wait = match self.get_by_id(id) {
                Ok(job) => {
                    if job.completed_at().is_some() {
                        return finished(job);
                    }
                    schedule.observe(Instant::now(), job.progress())
                }
                Err(e) if busy(&e) => {
                    let asked = Duration::from_secs(e.retry_after().unwrap_or(0));
                    schedule.next_wait().max(asked)
                }
                Err(e) => return Err(e),
            };
            if let Some(d) = deadline {
                let left = d.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    return Err(Error::new(
                        Status::Timeout,
                        format!(
                            "job {id} had not ended after {} ms (the wait's timeout)",
                            timeout.unwrap_or_default().as_millis()
                        ),
                    ));
                }
                wait = wait.min(left);
            }
            sleep(wait, cancel, id)?;
        }
    }
}

/// Whether a failed poll is the server asking to slow down (429, 503), so waiting goes on.
fn busy(e: &Error) -> bool {
    e.status() == Status::RateLimited || e.http_status() == 503
}

/// The result of an ended job.
fn finished(job: Job) -> Result<Job> {
    let id = job.id().unwrap_or("?").to_string();
    let notes = job.notes().unwrap_or("").replace('\n', "; ");
    match job.finish_code() {
        Some(SUCCESS) | Some(COMPLETED) => Ok(job),
        Some(FAILED) => Err(Error::new(
            Status::JobFailed,
            format!("Job {id} failed with notes [{notes}]"),
        )),
        Some(CANCELLED) => Err(Error::new(
            Status::JobCancelled,
            format!("Job {id} was cancelled with notes [{notes}]"),
        )),
        other => Err(Error::new(
            Status::Protocol,
            format!(
                "job {id} completed with an unknown finish code {}",
                other.map_or("(none)".to_string(), |c| c.to_string())
            ),
        )),
    }
}

fn stop_if_cancelled(cancel: Option<&CancelToken>, id: &str) -> Result<()> {
    match cancel {
        Some(c) if c.is_cancelled() => Err(Error::new(
            Status::Cancelled,
            format!("waiting for job {id} was cancelled through the cancel token (the job itself goes on)"),
        )),
        _ => Ok(()),
    }
}

/// Sleeps `d`, looking at the cancel token every few milliseconds.
fn sleep(d: Duration, cancel: Option<&CancelToken>, id: &str) -> Result<()> {
    let end = Instant::now() + d;
    loop {
        stop_if_cancelled(cancel, id)?;
        let left = end.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(());
        }
        std::thread::sleep(if cancel.is_some() {
            left.min(CANCEL_CHECK)
        } else {
            left
        });
    }
}

/// When to poll next: the Python client's backoff, brought forward to the end the progress
/// rate predicts.
struct Schedule {
    next: Duration,
    /// The first poll that saw progress above 0, and the latest one.
    first: Option<(Instant, i64)>,
}

impl Schedule {
    fn new() -> Schedule {
        Schedule {
            next: FIRST_WAIT,
            first: None,
        }
    }

    /// The backoff's next wait (and the one after it grows).
    fn next_wait(&mut self) -> Duration {
        let w = self.next;
        self.next = self.next.mul_f64(GROWTH).min(MAX_WAIT);
        w
    }

    /// The wait after a poll at `now` that saw `progress` (percent, running).
    fn observe(&mut self, now: Instant, progress: Option<i64>) -> Duration {
        let backoff = self.next_wait();
        let p = progress.unwrap_or(0);
        if !(1..100).contains(&p) {
            return backoff;
        }
        let Some((t0, p0)) = self.first else {
            self.first = Some((now, p));
            return backoff;
        };
        if p <= p0 {
            return backoff;
        }
        // Linear progress from the first observation: the time left at that rate, plus a
        // margin for the rounding of percents.
        let per_point = now.duration_since(t0).as_secs_f64() / (p - p0) as f64;
        let left = Duration::from_secs_f64(per_point * (100 - p) as f64 + per_point * 0.5)
            + Duration::from_millis(10);
        backoff.min(left)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_backoff_is_the_python_clients() {
        let mut s = Schedule::new();
        let waits: Vec<u128> = (0..14).map(|_| s.next_wait().as_millis()).collect();
        assert_eq!(&waits[..4], &[500, 700, 980, 1372]);
        assert_eq!(*waits.last().unwrap(), 30_000);
    }

    #[test]
    fn a_poll_is_brought_forward_to_the_predicted_end() {
        let mut s = Schedule::new();
        let t0 = Instant::now();
        // 10 % after the first poll, 20 % one second later: 8 s to go at that rate.
        assert_eq!(s.observe(t0, Some(10)), FIRST_WAIT);
        let w = s.observe(t0 + Duration::from_secs(1), Some(20));
        assert_eq!(w, Duration::from_millis(700), "the backoff is sooner");
        // 99 % after 9 s: about 0.1 s to go, sooner than the backoff's 980 ms
        let w = s.observe(t0 + Duration::from_secs(9), Some(99));
        assert!(
            w >= Duration::from_millis(100) && w < Duration::from_millis(300),
            "{w:?}"
        );
        // no progress, or none yet: the backoff alone
        let mut s = Schedule::new();
        assert_eq!(s.observe(t0, Some(0)), FIRST_WAIT);
        assert_eq!(s.observe(t0, None), Duration::from_millis(700));
    }
}

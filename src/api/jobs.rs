//! Jobs (`/api/{v}/sites/{site}/jobs`): the background jobs listing (with a pager), one job with
//! every `JobItem` field, cancel, and [`Jobs::wait_for_job`], which polls one job until it ends.
//!
//! Waiting polls `GET …/jobs/{id}` on the Python client's schedule (at once, then after 0.5 s,
//! ×1.4 each time, at most 30 s apart) until the job's progress gives its pace; from then on it
//! polls at the end that pace predicts (see `Schedule`), so a job that runs at a steady pace is
//! learnt to have ended within a few percent of its run time rather than up to 30 s late. A
//! `Retry-After` the server sends (429, 503) is honoured: the next poll waits at least that, and
//! the polls go on.
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
/// The least progress (points) between two polls to predict the end from.
const MIN_POINTS: i64 = 5;
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

/// When to poll next: the Python client's schedule (a poll at once, then after 0.5 s, each wait
/// 1.4 times longer, at most 30 s), kept in absolute time, until the job's progress gives its
/// rate; from then on the next poll is at the end that rate predicts (sooner or later than the
/// schedule, at most 30 s ahead), so a job that runs at a steady pace costs one poll once its
/// pace is known and its end is learnt within a few percent of its duration. A prediction that
/// misses is refined once more from the new progress; after [`MAX_MISSES`] misses the schedule
/// alone decides again.
struct Schedule {
    /// The wait after the next scheduled poll.
    backoff: Duration,
    /// When the next scheduled poll is due (None before the first poll).
    next_at: Option<Instant>,
    /// Predicted polls that found the job still running.
    misses: u32,
    /// Whether the last poll was a predicted one.
    predicted: bool,
    /// The first poll that saw progress above 0.
    first: Option<(Instant, i64)>,
}

/// Predicted polls that may miss before the schedule alone decides again.
const MAX_MISSES: u32 = 2;

impl Schedule {
    fn new() -> Schedule {
        Schedule {
            backoff: FIRST_WAIT,
            next_at: None,
            misses: 0,
            predicted: false,
            first: None,
        }
    }

    /// After a poll at `now`: when the scheduled poll was due, the next one is a backoff later
    /// (a predicted poll that jumped over scheduled ones moves the schedule one step).
    fn advance(&mut self, now: Instant) {
        if self
            .next_at
            .is_none_or(|t| now + Duration::from_millis(2) >= t)
        {
            self.next_at = Some(now + self.backoff);
            self.backoff = self.backoff.mul_f64(GROWTH).min(MAX_WAIT);
        }
    }

    fn until_next(&self, now: Instant) -> Duration {
        self.next_at
            .map_or(Duration::ZERO, |t| t.saturating_duration_since(now))
    }

    /// The wait after a poll at `now` that could not tell (the server asked to slow down).
    fn next_wait(&mut self) -> Duration {
        let now = Instant::now();
        self.advance(now);
        self.predicted = false;
        self.until_next(now)
    }

    /// The wait after a poll at `now` that saw `progress` (percent, running).
    fn observe(&mut self, now: Instant, progress: Option<i64>) -> Duration {
        if self.predicted {
            self.misses += 1;
        }
        self.predicted = false;
        self.advance(now);
        let scheduled = self.until_next(now);
        let p = progress.unwrap_or(0);
        if self.misses >= MAX_MISSES || !(1..100).contains(&p) {
            return scheduled;
        }
        let Some((t0, p0)) = self.first else {
            self.first = Some((now, p));
            return scheduled;
        };
        // Percents are whole, so the rate is known to within one point over the points seen:
        // predict only over at least MIN_POINTS.
        if p - p0 < MIN_POINTS {
            return scheduled;
        }
        let per_point = now.duration_since(t0).as_secs_f64() / (p - p0) as f64;
        let left = Duration::from_secs_f64(per_point * ((100 - p) as f64 + 1.0))
            + Duration::from_millis(20);
        self.predicted = true;
        left.min(MAX_WAIT)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scheduled polls' times after `t0`, in milliseconds, when every poll sees no progress.
    fn scheduled(n: usize) -> Vec<u128> {
        let mut s = Schedule::new();
        let t0 = Instant::now();
        let mut t = t0;
        let mut out = Vec::new();
        for _ in 0..n {
            t += s.observe(t, None);
            out.push(t.duration_since(t0).as_millis());
        }
        out
    }

    #[test]
    fn the_schedule_is_the_python_clients() {
        let times = scheduled(14);
        assert_eq!(&times[..4], &[500, 1200, 2180, 3552]);
        let last = times[13] - times[12];
        assert_eq!(last, 30_000);
    }

    #[test]
    fn once_the_pace_is_known_the_poll_is_at_the_predicted_end() {
        let mut s = Schedule::new();
        let t0 = Instant::now();
        assert_eq!(s.observe(t0, Some(10)), FIRST_WAIT);
        // 2 points in 0.5 s: too few to predict from
        let t1 = t0 + FIRST_WAIT;
        assert_eq!(s.observe(t1, Some(12)), Duration::from_millis(700));
        // 20 points in 1.2 s: 0.06 s a point, 70 (and one) to go: later than the schedule
        let t2 = t1 + Duration::from_millis(700);
        let w = s.observe(t2, Some(30));
        assert!(
            w > Duration::from_millis(4200) && w < Duration::from_millis(4350),
            "{w:?}"
        );
        // it missed twice: the schedule again
        let t3 = t2 + w;
        let w = s.observe(t3, Some(98));
        assert!(w < Duration::from_millis(300), "{w:?}");
        let t4 = t3 + w;
        let back = s.observe(t4, Some(99));
        assert_eq!(back, s.until_next(t4));
    }
}

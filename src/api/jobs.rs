//! Jobs (`/api/{v}/sites/{site}/jobs`): the background jobs listing (with a pager), one job with
//! every `JobItem` field, cancel, and [`Jobs::wait_for_job`], which polls one job until it ends.
//!
//! Waiting polls `GET …/jobs/{id}` on the Python client's schedule (at once, then 0.5 s after
//! the answer, ×1.4 each time, at most 30 s apart). Once two polls have seen the progress rise,
//! it also knows the latest moment a steadily running job can end (the slowest pace those
//! progress figures allow, see `Schedule`); when that moment comes before the next scheduled
//! poll, it polls then instead. So it never polls more often than the Python client (a poll at
//! the bound replaces the scheduled one that would have found the job ended) and learns the end
//! no later, usually much sooner. A `Retry-After` the server sends (429, 503) is honoured: the
//! next poll waits at least that, and the polls go on. Waits on one server handle from several
//! threads share their looks at queued jobs: one `GET …/jobs` listing stands for the scheduled
//! polls of all of them (see `job_watch`).
//!
//! The end maps to a result as in the Python client: finish code 0 or 3 is the job, 1 is
//! `Status::JobFailed` and 2 `Status::JobCancelled`, both with the job's notes in the message. A
//! timeout gives `Status::Timeout`, a cancelled token `Status::Cancelled`.

use std::time::{Duration, Instant};

use crate::api::job_watch::{sleep_until, Stop, Woken};
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
/// The least rise in progress (points) between two polls to bound the end from: with whole
/// percents, a rise of 1 allows any pace down to none.
const MIN_POINTS: i64 = 2;
/// Added to the bound for the server's own timing.
const BOUND_MARGIN: Duration = Duration::from_millis(5);

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
        let check = || stop_if_cancelled(cancel, id);
        let stop = Stop {
            check: &check,
            watched: cancel.is_some(),
        };
        let site = self.server.session()?.site_id().to_string();
        let mut ticket = None;
        let mut schedule = Schedule::new();
        loop {
            check()?;
            let sent = Instant::now();
            let (mut wait, queued) = match self.get_by_id(id) {
                Ok(job) => {
                    if job.completed_at().is_some() {
                        return finished(job);
                    }
                    if ticket.is_none() {
                        ticket = job
                            .created_at()
                            .map(|c| self.server.inner.job_watch.enter(id, c, &site));
                    }
                    let queued = job.started_at().is_none() && job.progress().unwrap_or(0) == 0;
                    (
                        schedule.observe(sent, Instant::now(), job.progress()),
                        queued,
                    )
                }
                Err(e) if busy(&e) => {
                    let asked = Duration::from_secs(e.retry_after().unwrap_or(0));
                    (schedule.next_wait().max(asked), false)
                }
                Err(e) => return Err(e),
            };
            // sleep until the next poll; a shared listing that sees the job still queued
            // stands for it
            loop {
                wait = within_deadline(wait, deadline, timeout, id)?;
                let due = Instant::now() + wait;
                let woken = match &ticket {
                    Some(t) => t.sleep(self.server, due, wait, queued, &stop)?,
                    None => {
                        sleep_until(due, &stop)?;
                        Woken::Due
                    }
                };
                match woken {
                    Woken::Due => break,
                    Woken::Queued { at } => wait = schedule.stood_for(at),
                    Woken::Moved { at } => {
                        schedule.stood_for(at);
                        break;
                    }
                }
            }
        }
    }
}

/// `wait`, shortened to end at the deadline; a timeout error once the deadline has passed.
fn within_deadline(
    wait: Duration,
    deadline: Option<Instant>,
    timeout: Option<Duration>,
    id: &str,
) -> Result<Duration> {
    let Some(d) = deadline else {
        return Ok(wait);
    };
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
    Ok(wait.min(left))
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

/// When to poll next: the Python client's schedule (a poll at once, then 0.5 s after the
/// answer, each wait 1.4 times longer, at most 30 s), and a bound on the job's end from its
/// progress. Progress is a whole percent, so a job seen at `p_a` when the request for it was
/// sent at `t_a`, and later at `p_b` when the answer came at `t_b`, rose by more than
/// `p_b - p_a - 1` points in at most `t_b - t_a`: at a steady pace it ends no later than
/// `t_b + (100 - p_b) × (t_b - t_a) / (p_b - p_a - 1)`. When that bound comes before the next
/// scheduled poll, the next poll is at the bound (a *bounded* poll) and the schedule stays as
/// it was; otherwise the scheduled poll happens. A job that does not run at a steady pace may
/// outlast its bound: after [`MAX_MISSES`] bounded polls that found it running, the schedule
/// alone decides.
struct Schedule {
    /// The wait after the next scheduled poll.
    backoff: Duration,
    /// When the next scheduled poll is due (None before the first poll).
    next_at: Option<Instant>,
    /// Bounded polls that found the job still running.
    misses: u32,
    /// Whether the last poll was a bounded one.
    bounded: bool,
    /// The first poll that saw progress above 0: when it was sent, and the progress.
    first: Option<(Instant, i64)>,
}

/// Bounded polls that may miss before the schedule alone decides again.
const MAX_MISSES: u32 = 2;

impl Schedule {
    fn new() -> Schedule {
        Schedule {
            backoff: FIRST_WAIT,
            next_at: None,
            misses: 0,
            bounded: false,
            first: None,
        }
    }

    /// After a poll answered at `now`: when the scheduled poll was due, the next one is a
    /// backoff later (a bounded poll, made before it was due, leaves the schedule as it is).
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

    /// The wait after a shared look at `at` that stood for the scheduled poll (it may have
    /// come a little early): the schedule moves on from it.
    fn stood_for(&mut self, at: Instant) -> Duration {
        self.next_at = None;
        self.bounded = false;
        self.advance(at);
        self.until_next(at)
    }

    /// The wait after a poll that could not tell (the server asked to slow down).
    fn next_wait(&mut self) -> Duration {
        let now = Instant::now();
        self.advance(now);
        self.bounded = false;
        self.until_next(now)
    }

    /// The wait after a poll sent at `sent` and answered at `now` that saw `progress`
    /// (percent, running).
    fn observe(&mut self, sent: Instant, now: Instant, progress: Option<i64>) -> Duration {
        if self.bounded {
            self.misses += 1;
        }
        self.bounded = false;
        self.advance(now);
        let scheduled = self.until_next(now);
        let p = progress.unwrap_or(0);
        if self.misses >= MAX_MISSES || !(1..=100).contains(&p) {
            return scheduled;
        }
        let Some((t0, p0)) = self.first else {
            self.first = Some((sent, p));
            return scheduled;
        };
        if p - p0 < MIN_POINTS {
            return scheduled;
        }
        let per_point = now.duration_since(t0).as_secs_f64() / (p - p0 - 1) as f64;
        let bound = Duration::from_secs_f64(per_point * (100 - p) as f64) + BOUND_MARGIN;
        if bound < scheduled {
            self.bounded = true;
            bound
        } else {
            scheduled
        }
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
            t += s.observe(t, t, None);
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
    fn a_bound_before_the_scheduled_poll_replaces_it() {
        let mut s = Schedule::new();
        let t0 = Instant::now();
        let ms = Duration::from_millis;
        assert_eq!(s.observe(t0, t0, Some(10)), FIRST_WAIT);
        // a rise of 2 points: the slowest pace allowed is 1 point in 0.5 s, 44 s to go: later
        // than the schedule, which decides
        let t1 = t0 + FIRST_WAIT;
        assert_eq!(s.observe(t1, t1, Some(12)), ms(700));
        // 80 points in 2.18 s (at least 79): at most 0.276 s to go, before the poll due in
        // 1.372 s
        let t2 = t1 + ms(700);
        assert_eq!(s.observe(t2, t2, Some(40)), ms(980));
        let t3 = t2 + ms(980);
        let w = s.observe(t3, t3, Some(90));
        assert!(w > ms(276) && w < ms(290), "{w:?}");
        // it missed twice: the schedule again, unchanged by the bounded polls
        let t4 = t3 + w;
        let w = s.observe(t4, t4, Some(95));
        assert!(w < ms(200), "{w:?}");
        let t5 = t4 + w;
        assert_eq!(s.observe(t5, t5, Some(97)), (t3 + ms(1372)) - t5);
    }

    /// Polls a job that is queued until `start` and then runs at a steady pace until `end`
    /// (ms after the first poll), reporting whole percents as the emulator and Tableau do, with
    /// `latency` per request; `informed` says whether the schedule sees the progress (the Python
    /// client's does not). Returns the number of polls and when the end was learnt.
    fn wait(start: u64, end: u64, latency: u64, informed: bool) -> (u32, u64) {
        let mut s = Schedule::new();
        let t0 = Instant::now();
        let (mut t, mut polls) = (0u64, 0u32);
        loop {
            polls += 1;
            let answered = t + latency;
            // the server measures halfway through the request
            let at = t + latency / 2;
            if at >= end {
                return (polls, answered);
            }
            let p = (at > start).then(|| ((at - start) * 100 / (end - start)).max(1) as i64);
            let wait = s.observe(
                t0 + Duration::from_millis(t),
                t0 + Duration::from_millis(answered),
                if informed { p } else { None },
            );
            t = answered + wait.as_millis() as u64;
        }
    }

    #[test]
    fn a_steady_job_costs_no_more_polls_than_the_python_schedule_and_ends_no_later() {
        let mut saved = 0;
        for run in (1_000..30_000).step_by(700) {
            for queued in [0, 300, 2_000, 9_000] {
                for latency in [0, 3, 40] {
                    let (ours, learnt) = wait(queued, queued + run, latency, true);
                    let (python, python_learnt) = wait(queued, queued + run, latency, false);
                    assert!(
                        ours <= python,
                        "{run} {queued} {latency}: {ours} > {python}"
                    );
                    assert!(learnt <= python_learnt, "{run} {queued} {latency}");
                    saved += python_learnt - learnt;
                }
            }
        }
        assert!(saved > 0);
    }
}

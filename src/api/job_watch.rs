//! The job watch of a server handle: concurrent [`wait_for_job`](crate::api::jobs::Jobs::wait_for_job)
//! calls on one handle share their looks at queued jobs. A queued job has nothing to say but
//! "still queued", so when several waits are due to look at their queued jobs at about the same
//! moment, one `GET …/jobs?filter=createdAt:gte:…` listing answers all of them instead of one
//! `GET …/jobs/{id}` each. A job the listing shows started or ended is then polled by id as
//! before (its progress bounds its end; its full `JobItem` is the wait's answer).
//!
//! A wait may take a listing sent a little before its poll was due (at most a fifth of the gap
//! since its last poll), and wakes when that listing lands; so waits that look at about the same
//! moment look at exactly the same moment afterwards. A wait alone, a wait whose job runs, and
//! every wait after the server refused the listing (it needs a site administrator; 403, 400, an
//! older REST API) poll by id, exactly as without the watch. A listing that could not tell (a
//! dropped connection, a busy server, a job not on its one page) makes each wait poll by id.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use crate::error::{Result, Status};
use crate::models::BackgroundJob;
use crate::query::{FilterOp, RequestOptions};
use crate::server::Server;

/// The share of the gap before a poll within which a wait takes a listing sent early.
const EARLY_SHARE: u32 = 5;
/// The most jobs one listing asks for.
const PAGE: u32 = 1000;
/// How often a sleeping wait looks at its cancel token.
const CANCEL_CHECK: Duration = Duration::from_millis(20);

/// The jobs being waited on through one server handle, and the latest listing.
#[derive(Default)]
pub(crate) struct JobWatch {
    inner: Mutex<Inner>,
    landed: Condvar,
}

#[derive(Default)]
struct Inner {
    next_key: u64,
    waits: HashMap<u64, Watched>,
    latest: Option<Arc<Listing>>,
    /// The server refused the listing: every wait polls its own job.
    refused: bool,
}

/// One wait's job, and when it may next take a listing.
struct Watched {
    id: String,
    /// `createdAt` as the server wrote it (the listing's filter).
    created_at: String,
    site: String,
    /// Whether the job was queued at the last look (only then can a listing stand for a poll).
    queued: bool,
    /// The earliest send time of a listing that may stand for the next poll.
    earliest: Instant,
}

/// One listing: sent at `sent` for `site`; `seen` is set when it lands (empty when it failed).
struct Listing {
    site: String,
    sent: Instant,
    seen: OnceLock<Answer>,
}

/// What a landed listing says: the jobs it showed `Pending` (empty when it failed). Any other
/// job (started, ended, a status the watch does not know, or not on the page) is polled by id.
#[derive(Default)]
struct Answer {
    pending: HashSet<String>,
}

impl Answer {
    fn queued(&self, id: &str) -> bool {
        self.pending.contains(id)
    }
}

impl JobWatch {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Registers a wait on job `id` (created at `created_at` on `site`) until the ticket drops.
    pub(crate) fn enter(&self, id: &str, created_at: &str, site: &str) -> Ticket<'_> {
        let mut g = self.lock();
        let key = g.next_key;
        g.next_key += 1;
        let now = Instant::now();
        g.waits.insert(
            key,
            Watched {
                id: id.to_string(),
                created_at: created_at.to_string(),
                site: site.to_string(),
                queued: false,
                earliest: now,
            },
        );
        Ticket { watch: self, key }
    }
}

/// A wait's place in the watch; leaving it (drop) removes the job.
pub(crate) struct Ticket<'a> {
    watch: &'a JobWatch,
    key: u64,
}

impl Drop for Ticket<'_> {
    /// The last wait to leave forgets the latest listing and a refusal (the next waits may be
    /// signed in as someone allowed to list jobs).
    fn drop(&mut self) {
        let mut g = self.watch.lock();
        g.waits.remove(&self.key);
        if g.waits.is_empty() {
            g.latest = None;
            g.refused = false;
        }
    }
}

/// What a wait's sleep ended with.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Woken {
    /// The poll is due: poll the job by id.
    Due,
    /// A listing, landed at `at`, stood for the poll and saw the job still queued.
    Queued { at: Instant },
    /// A listing, landed at `at`, stood for the poll and saw the job started or ended: poll it
    /// by id now for its progress or its end.
    Moved { at: Instant },
}

impl Ticket<'_> {
    /// Sleeps until the poll due at `due` (`gap` after the last look, `queued` saying whether the
    /// job was queued then), or until a listing answers for it; a listing is made here when the
    /// poll is due and other queued waits can take it too. `stop` says whether to give up
    /// (its error is returned); it is asked every few milliseconds when `watched` (a cancel
    /// token), else at each wake.
    pub(crate) fn sleep(
        &self,
        server: &Server,
        due: Instant,
        gap: Duration,
        queued: bool,
        stop: &Stop<'_>,
    ) -> Result<Woken> {
        let slack = gap / EARLY_SHARE;
        self.plan(queued, due - slack);
        let woken = self.sleep_planned(server, due, slack, stop);
        // until the wait plans its next sleep, no listing may count on it
        self.plan(false, due);
        woken
    }

    fn plan(&self, queued: bool, earliest: Instant) {
        if let Some(me) = self.watch.lock().waits.get_mut(&self.key) {
            me.queued = queued;
            me.earliest = earliest;
        }
    }

    fn sleep_planned(
        &self,
        server: &Server,
        due: Instant,
        slack: Duration,
        stop: &Stop<'_>,
    ) -> Result<Woken> {
        let w = self.watch;
        let mut g = w.lock();
        loop {
            (stop.check)()?;
            let now = Instant::now();
            let me = &g.waits[&self.key];
            if g.refused || !me.queued {
                drop(g);
                sleep_until(due, stop)?;
                return Ok(Woken::Due);
            }
            if let Some(l) = g.latest.clone() {
                if l.site == me.site && l.sent >= me.earliest {
                    match l.seen.get() {
                        Some(a) if a.queued(&me.id) => return Ok(Woken::Queued { at: now }),
                        Some(_) => return Ok(Woken::Moved { at: now }),
                        // in flight: worth waiting for a little past the due time, then
                        // the wait polls by id (a slow listing must not hold it up)
                        None if now < due + slack => {
                            g = wait(w, g, CANCEL_CHECK, stop);
                            continue;
                        }
                        None => return Ok(Woken::Due),
                    }
                }
            }
            if now >= due {
                if !others_can_share(&g, self.key, now) {
                    return Ok(Woken::Due);
                }
                let (listing, created) = start_listing(&mut g, self.key, now);
                drop(g);
                let answer = list(server, &created);
                g = w.lock();
                if answer.is_err() {
                    g.refused = true;
                }
                let _ = listing.seen.set(answer.unwrap_or_default());
                w.landed.notify_all();
                continue;
            }
            g = wait(w, g, due - now, stop);
        }
    }
}

/// How a sleeping wait learns that it should give up: `check` fails with the reason, and is
/// asked at least every few milliseconds when `watched`.
pub(crate) struct Stop<'a> {
    pub(crate) check: &'a dyn Fn() -> Result<()>,
    pub(crate) watched: bool,
}

impl Stop<'_> {
    fn chunk(&self, d: Duration) -> Duration {
        if self.watched {
            d.min(CANCEL_CHECK)
        } else {
            d
        }
    }
}

/// Waits on the watch's condition for at most `d` (woken when a listing lands).
fn wait<'a>(
    w: &'a JobWatch,
    g: MutexGuard<'a, Inner>,
    d: Duration,
    stop: &Stop<'_>,
) -> MutexGuard<'a, Inner> {
    w.landed
        .wait_timeout(g, stop.chunk(d))
        .map(|(g, _)| g)
        .unwrap_or_else(|p| p.into_inner().0)
}

/// Sleeps until `due`, asking `stop` as it goes.
pub(crate) fn sleep_until(due: Instant, stop: &Stop<'_>) -> Result<()> {
    loop {
        (stop.check)()?;
        let left = due.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(());
        }
        std::thread::sleep(stop.chunk(left));
    }
}

/// Whether another wait on the same site has a queued job and could take a listing sent `now`.
fn others_can_share(g: &Inner, key: u64, now: Instant) -> bool {
    let site = &g.waits[&key].site;
    g.waits
        .iter()
        .any(|(k, o)| *k != key && o.queued && &o.site == site && o.earliest <= now)
}

/// Records a listing sent `now` for `key`'s site; answers it and the oldest `createdAt` of that
/// site's queued jobs.
fn start_listing(g: &mut Inner, key: u64, now: Instant) -> (Arc<Listing>, String) {
    let site = g.waits[&key].site.clone();
    let created = g
        .waits
        .values()
        .filter(|o| o.queued && o.site == site)
        .map(|o| o.created_at.as_str())
        .min()
        .unwrap_or_default()
        .to_string();
    let listing = Arc::new(Listing {
        site,
        sent: now,
        seen: OnceLock::new(),
    });
    g.latest = Some(listing.clone());
    (listing, created)
}

/// One page of the site's jobs created since `created`. An error means the server will not
/// list jobs for this handle (refused, too old, or a reply the watch cannot read); a failure
/// that may pass (a dropped connection, a busy server) answers nothing instead.
fn list(server: &Server, created: &str) -> std::result::Result<Answer, ()> {
    let mut opts = RequestOptions::new();
    let asked = opts
        .set_page_size(PAGE)
        .and_then(|_| opts.add_filter("createdAt", FilterOp::Gte, created));
    if asked.is_err() {
        return Err(());
    }
    match server.jobs().get(Some(&opts)) {
        Ok(page) => Ok(Answer {
            pending: page.items.iter().filter_map(pending_id).collect(),
        }),
        Err(e) if passing(e.status()) => Ok(Answer::default()),
        Err(_) => Err(()),
    }
}

/// The id of a job the listing shows still queued.
fn pending_id(j: &BackgroundJob) -> Option<String> {
    match j.status() {
        Some("Pending") => j.id().map(str::to_string),
        _ => None,
    }
}

/// Failures of a listing that say nothing about the next one.
fn passing(s: Status) -> bool {
    matches!(
        s,
        Status::Connect
            | Status::Io
            | Status::Timeout
            | Status::RateLimited
            | Status::ServerError
            | Status::Cancelled
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(id: &str, status: &str) -> BackgroundJob {
        let xml = format!(
            r#"<tsResponse xmlns="http://tableau.com/api"><backgroundJobs><backgroundJob id="{id}" status="{status}"/></backgroundJobs></tsResponse>"#
        );
        crate::models::Page::<BackgroundJob>::from_xml(xml.as_bytes())
            .unwrap()
            .items
            .remove(0)
    }

    #[test]
    fn a_listing_stands_for_a_poll_only_of_a_job_it_shows_queued() {
        let jobs = [
            job("a", "Pending"),
            job("b", "InProgress"),
            job("c", "Success"),
        ];
        let a = Answer {
            pending: jobs.iter().filter_map(pending_id).collect(),
        };
        assert!(a.queued("a"));
        assert!(!a.queued("b"));
        assert!(!a.queued("c"));
        // not on the page (ended long ago, gone, or past the page): polled by id
        assert!(!a.queued("d"));
        // a listing that failed stands for no poll
        assert!(!Answer::default().queued("a"));
    }

    #[test]
    fn a_listing_is_made_for_other_queued_waits_of_the_site_and_asks_from_the_oldest() {
        let w = JobWatch::default();
        let now = Instant::now();
        let a = w.enter("a", "2026-12-01T10:00:05Z", "site1");
        let b = w.enter("b", "2026-12-01T10:00:01Z", "site1");
        let c = w.enter("c", "2026-12-01T09:00:00Z", "site2");
        let mut g = w.lock();
        // nobody else queued yet
        assert!(!others_can_share(&g, a.key, now));
        for t in [&b, &c] {
            let o = g.waits.get_mut(&t.key).unwrap();
            o.queued = true;
            o.earliest = now;
        }
        g.waits.get_mut(&a.key).unwrap().queued = true;
        // b may take a listing sent now; c is on another site
        assert!(others_can_share(&g, a.key, now));
        assert!(!others_can_share(&g, c.key, now));
        // b may not take one sent before its earliest
        g.waits.get_mut(&b.key).unwrap().earliest = now + Duration::from_millis(50);
        assert!(!others_can_share(&g, a.key, now));
        let (listing, created) = start_listing(&mut g, a.key, now);
        assert_eq!(created, "2026-12-01T10:00:01Z");
        assert_eq!(listing.site, "site1");
        assert!(g.latest.is_some());
        drop(g);
        w.lock().refused = true;
        drop(b);
        assert_eq!(w.lock().waits.len(), 2);
        let g = w.lock();
        assert!(g.latest.is_some() && g.refused);
        drop(g);
        // the last wait to leave forgets the listing and the refusal
        drop(a);
        drop(c);
        let g = w.lock();
        assert!(g.latest.is_none() && !g.refused);
    }
}

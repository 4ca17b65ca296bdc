//! Fault injection for jobs: `POST /_emulator/jobOutcomes?finishCode=1[&type=RefreshExtract]
//! [&notes=…][&count=N][&delayMs=D]` makes the next `count` jobs (of that type, or of any) that
//! the REST routes create (refresh, create/delete extract, run a task) end with that finish code
//! (1 failed, 2 cancelled; 0 succeeds) and those notes, after `D` ms instead of `jobDelayMs`
//! when given, or ending at the epoch millisecond `endAtMs` (benchmarks give each job its own
//! duration, or an end fixed beforehand); outcomes are used in the order they were posted. `DELETE` forgets them, `/_emulator/reset` too.

use crate::errors::ApiError;
use crate::query::Query;
use crate::reply::ReplyWriter;
use crate::router::Ctx;
use crate::server::Shared;
use crate::state::{Job, JobSubject, SiteState};

/// One injected outcome.
#[derive(Debug, Clone)]
pub struct JobOutcome {
    /// The job type it applies to (`None`: any).
    pub job_type: Option<String>,
    pub finish_code: i32,
    pub notes: Option<String>,
    /// Jobs still to affect.
    pub remaining: u64,
    /// The jobs' duration instead of `jobDelayMs`.
    pub delay_ms: Option<u64>,
    /// The epoch millisecond at which the jobs end.
    pub end_at_ms: Option<u128>,
}

/// The control endpoint (see the module doc).
pub fn control(shared: &Shared, delete: bool, q: &Query) -> Result<ReplyWriter, ApiError> {
    let mut outcomes = shared.job_outcomes();
    if delete {
        outcomes.clear();
    } else {
        let finish_code: i32 = q
            .get("finishCode")
            .unwrap_or("1")
            .parse()
            .map_err(|_| ApiError::bad_request("finishCode must be a number"))?;
        let remaining: u64 = q
            .get("count")
            .unwrap_or("1")
            .parse()
            .map_err(|_| ApiError::bad_request("count must be a number"))?;
        outcomes.push(JobOutcome {
            job_type: q.get("type").map(str::to_string),
            finish_code,
            notes: q.get("notes").map(str::to_string),
            remaining,
            delay_ms: q
                .get("delayMs")
                .map(|v| {
                    v.parse()
                        .map_err(|_| ApiError::bad_request("delayMs must be a number"))
                })
                .transpose()?,
            end_at_ms: q
                .get("endAtMs")
                .map(|v| {
                    v.parse()
                        .map_err(|_| ApiError::bad_request("endAtMs must be a number"))
                })
                .transpose()?,
        });
    }
    let mut x = ReplyWriter::response(64);
    x.open("jobOutcomes")
        .attr_num("pending", outcomes.iter().map(|o| o.remaining).sum::<u64>())
        .empty();
    Ok(x)
}

/// Creates a job of the site (completing after the emulator's `jobDelayMs`), with an injected
/// outcome applied; returns a copy.
pub fn create(ctx: &Ctx, ss: &mut SiteState, job_type: &str, subject: Option<JobSubject>) -> Job {
    let mut job = Job::new(job_type, subject, ctx.job_delay_ms());
    let mut outcomes = ctx.shared.job_outcomes();
    if let Some(o) = outcomes
        .iter_mut()
        .find(|o| o.remaining > 0 && o.job_type.as_deref().is_none_or(|t| t == job_type))
    {
        o.remaining -= 1;
        if let Some(d) = o.delay_ms {
            job = Job::new(job_type, job.subject.clone(), d);
        }
        if let Some(end) = o.end_at_ms {
            let d = end.saturating_sub(crate::util::now_millis());
            job = Job::new(job_type, job.subject.clone(), d as u64);
        }
        job.final_code = o.finish_code;
        if let Some(n) = &o.notes {
            job.notes.push(n.clone());
        }
    }
    outcomes.retain(|o| o.remaining > 0);
    ss.jobs.insert(job.clone());
    job
}

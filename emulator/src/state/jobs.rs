//! Background jobs, advanced on the emulator's clock.

use crate::util::{new_id, now_millis, now_secs};

/// What a job is about (rendered as `<workbook id name/>` etc. inside the job).
#[derive(Debug, Clone)]
pub struct JobSubject {
    /// "workbook", "datasource", "flow", "group", "user".
    pub kind: String,
    pub id: String,
    pub name: String,
}

/// A background job, advanced on the emulator's clock whenever it is read: queued (Pending:
/// `progress=0`, no `startedAt`) for the first half of its delay, then InProgress (`startedAt`,
/// progress rising from 1 to 99), then complete (progress 100, `completedAt`, `finishCode`) once
/// `complete_at_ms` has passed. A delay of 0 completes at the first read.
#[derive(Debug, Clone)]
pub struct Job {
    pub id: String,
    /// `type`: PublishWorkbook, PublishDatasource, RefreshExtract, GroupImport, UserImport, …
    pub job_type: String,
    pub mode: String,
    pub progress: u32,
    pub created_at: i64,
    pub started_at: Option<i64>,
    pub updated_at: i64,
    pub completed_at: Option<i64>,
    /// 0 success, 1 failed, 2 cancelled.
    pub finish_code: i32,
    /// finishCode once completed.
    pub final_code: i32,
    pub notes: Vec<String>,
    pub subject: Option<JobSubject>,
    pub priority: i32,
    pub title: String,
    pub subtitle: String,
    /// Epoch milliseconds at which the job starts running (leaves Pending).
    pub start_at_ms: u128,
    /// Epoch milliseconds at which the job completes.
    pub complete_at_ms: u128,
}

impl Job {
    pub fn new(job_type: &str, subject: Option<JobSubject>, delay_ms: u64) -> Job {
        let now = now_secs();
        let created_ms = now_millis();
        Job {
            id: new_id(),
            job_type: job_type.to_string(),
            mode: "Asynchronous".to_string(),
            progress: 0,
            created_at: now,
            started_at: None,
            updated_at: now,
            completed_at: None,
            finish_code: 1,
            final_code: 0,
            notes: Vec::new(),
            subject,
            priority: 50,
            title: String::new(),
            subtitle: String::new(),
            start_at_ms: created_ms + delay_ms as u128 / 2,
            complete_at_ms: created_ms + delay_ms as u128,
        }
    }

    /// Advances the job on the emulator's clock.
    pub fn tick(&mut self) {
        self.tick_at(now_millis());
    }

    /// Advances the job to the epoch-millisecond instant `now_ms`.
    pub fn tick_at(&mut self, now_ms: u128) {
        if self.completed_at.is_some() || now_ms < self.start_at_ms {
            return;
        }
        let now = now_secs();
        if self.started_at.is_none() {
            self.started_at = Some(now);
            self.updated_at = now;
        }
        if now_ms >= self.complete_at_ms {
            self.progress = 100;
            self.completed_at = Some(now);
            self.updated_at = now;
            self.finish_code = self.final_code;
        } else {
            let run = (self.complete_at_ms - self.start_at_ms).max(1);
            let pct = ((now_ms - self.start_at_ms) * 100 / run) as u32;
            self.progress = pct.clamp(1, 99).max(self.progress);
        }
    }

    /// backgroundJob `status`.
    pub fn status(&self) -> &'static str {
        match (self.completed_at, self.finish_code) {
            (None, _) if self.started_at.is_some() => "InProgress",
            (None, _) => "Pending",
            (Some(_), 0) => "Success",
            (Some(_), 2) => "Cancelled",
            (Some(_), _) => "Failed",
        }
    }
}

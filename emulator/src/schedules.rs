//! Server-wide schedules, the site tasks that run on them (extract refreshes, flow runs, data
//! acceleration) and the site subscriptions: their state (`State::scheduling`) and the rules
//! Tableau checks when a schedule is created or updated (the intervals must fit the frequency).

use crate::errors::ApiError;
use crate::util::{new_id, now_secs};

macro_rules! has_id {
    ($($t:ty),*) => { $(impl crate::state::HasId for $t { fn id(&self) -> &str { &self.id } })* };
}
has_id!(Schedule, Task, Subscription);

/// Everything about schedules, in `State`.
#[derive(Debug, Clone, Default)]
pub struct Scheduling {
    pub schedules: Vec<Schedule>,
    pub tasks: Vec<Task>,
    pub subscriptions: Vec<Subscription>,
}

#[derive(Debug, Clone)]
pub struct Schedule {
    pub id: String,
    pub name: String,
    /// Active or Suspended.
    pub state: String,
    /// Extract, Subscription, Flow, DataAcceleration.
    pub schedule_type: String,
    pub frequency: String,
    pub start: String,
    pub end: Option<String>,
    /// (occurrence, value): hours, minutes, weekDay, monthDay.
    pub intervals: Vec<(String, String)>,
    pub priority: i64,
    pub execution_order: String,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A task of a site.
#[derive(Debug, Clone)]
pub struct Task {
    pub id: String,
    pub site_id: String,
    /// extractRefresh, dataAcceleration, runFlow.
    pub kind: String,
    /// FullRefresh or IncrementalRefresh (extract refreshes).
    pub refresh_type: String,
    pub priority: i64,
    pub consecutive_failed_count: i64,
    /// The server schedule it runs on, or its own schedule (`tasks/extractRefreshes` create).
    pub schedule_id: Option<String>,
    pub own_schedule: Option<Schedule>,
    /// workbook, datasource, flow.
    pub target_kind: String,
    pub target_id: String,
    pub last_run_at: Option<i64>,
}

/// A subscription of a site.
#[derive(Debug, Clone)]
pub struct Subscription {
    pub id: String,
    pub site_id: String,
    pub subject: String,
    pub message: String,
    pub attach_image: bool,
    pub attach_pdf: bool,
    pub page_orientation: String,
    pub page_size_option: String,
    pub suspended: bool,
    /// View or Workbook.
    pub content_type: String,
    pub content_id: String,
    pub send_if_view_empty: bool,
    pub schedule_id: String,
    pub user_id: String,
}

pub const TYPES: &[&str] = &["Extract", "Subscription", "Flow", "DataAcceleration"];
pub const FREQUENCIES: &[&str] = &["Hourly", "Daily", "Weekly", "Monthly"];
const DAYS: &[&str] = &[
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

impl Schedule {
    pub fn new(name: &str, schedule_type: &str, frequency: &str, start: &str) -> Schedule {
        let now = now_secs();
        Schedule {
            id: new_id(),
            name: name.to_string(),
            state: "Active".into(),
            schedule_type: schedule_type.to_string(),
            frequency: frequency.to_string(),
            start: start.to_string(),
            end: None,
            intervals: Vec::new(),
            priority: 50,
            execution_order: "Parallel".into(),
            created_at: now,
            updated_at: now,
        }
    }

    /// The next run (epoch seconds): the start time today, or the next day when it has passed.
    pub fn next_run_at(&self) -> Option<i64> {
        if self.state != "Active" {
            return None;
        }
        let secs = parse_time(&self.start)?;
        let now = now_secs();
        let day = now - now.rem_euclid(86_400);
        let t = day + secs;
        Some(if t > now { t } else { t + 86_400 })
    }
}

fn bad(detail: String) -> ApiError {
    ApiError::new(400000, detail)
}

/// Seconds after midnight of `HH:MM[:SS]`.
pub fn parse_time(t: &str) -> Option<i64> {
    let p: Vec<&str> = t.split(':').collect();
    if !(2..=3).contains(&p.len()) || p.iter().any(|x| x.len() != 2) {
        return None;
    }
    let n: Vec<i64> = p.iter().map(|x| x.parse().ok()).collect::<Option<_>>()?;
    let (h, m, s) = (n[0], n[1], n.get(2).copied().unwrap_or(0));
    (h < 24 && m < 60 && s < 60).then_some(h * 3600 + m * 60 + s)
}

/// Tableau's checks of a schedule's frequency details: the start (and end) times, and intervals
/// that fit the frequency.
pub fn validate(s: &Schedule) -> Result<(), ApiError> {
    if !FREQUENCIES.contains(&s.frequency.as_str()) {
        return Err(bad(format!(
            "The frequency '{}' is not one of Hourly, Daily, Weekly, Monthly.",
            s.frequency
        )));
    }
    let start = parse_time(&s.start)
        .ok_or_else(|| bad(format!("The start time '{}' is not HH:MM:SS.", s.start)))?;
    if let Some(e) = &s.end {
        let end =
            parse_time(e).ok_or_else(|| bad(format!("The end time '{e}' is not HH:MM:SS.")))?;
        if end <= start && s.frequency == "Hourly" {
            return Err(bad("The end time must be after the start time.".into()));
        }
    }
    let count = |k: &str| s.intervals.iter().filter(|(o, _)| o == k).count();
    let values = |k: &str| -> Vec<&str> {
        s.intervals
            .iter()
            .filter(|(o, _)| o == k)
            .map(|(_, v)| v.as_str())
            .collect()
    };
    let only = |allowed: &[&str]| -> Result<(), ApiError> {
        match s
            .intervals
            .iter()
            .find(|(o, _)| !allowed.contains(&o.as_str()))
        {
            Some((o, _)) => Err(bad(format!(
                "A {} schedule cannot have a '{o}' interval.",
                s.frequency
            ))),
            None => Ok(()),
        }
    };
    for d in values("weekDay") {
        if !DAYS.contains(&d) {
            return Err(bad(format!("'{d}' is not a day of the week.")));
        }
    }
    match s.frequency.as_str() {
        "Hourly" => {
            only(&["hours", "minutes", "weekDay"])?;
            if count("hours") + count("minutes") != 1 {
                return Err(bad(
                    "An hourly schedule needs exactly one hours or minutes interval.".into(),
                ));
            }
            if let Some(h) = values("hours").first() {
                if !["1", "2", "4", "6", "8", "12", "24"].contains(h) {
                    return Err(bad(format!(
                        "Invalid hourly interval {h}: use 1, 2, 4, 6, 8, 12 or 24 hours."
                    )));
                }
            }
            if let Some(m) = values("minutes").first() {
                if !["15", "30", "60"].contains(m) {
                    return Err(bad(format!(
                        "Invalid hourly interval {m} minutes: use 15, 30 or 60."
                    )));
                }
            }
            if s.end.is_none() {
                return Err(bad("An hourly schedule needs an end time.".into()));
            }
        }
        "Daily" => {
            only(&["hours", "weekDay"])?;
            if count("hours") > 1 {
                return Err(bad(
                    "A daily schedule has at most one hours interval.".into()
                ));
            }
            if let Some(h) = values("hours").first() {
                if !["2", "4", "6", "8", "12", "24"].contains(h) {
                    return Err(bad(format!(
                        "Invalid daily interval {h}: use 2, 4, 6, 8, 12 or 24 hours."
                    )));
                }
            }
        }
        "Weekly" => {
            only(&["weekDay"])?;
            let days = values("weekDay");
            if days.is_empty() {
                return Err(bad("A weekly schedule needs at least one weekDay.".into()));
            }
            let mut seen = days.clone();
            seen.sort_unstable();
            seen.dedup();
            if seen.len() != days.len() {
                return Err(bad("A weekly schedule names each day once.".into()));
            }
        }
        _ => {
            only(&["monthDay"])?;
            let days = values("monthDay");
            if days.is_empty() {
                return Err(bad("A monthly schedule needs at least one monthDay.".into()));
            }
            for d in days {
                let ok = d == "LastDay" || d.parse::<u32>().is_ok_and(|n| (1..=31).contains(&n));
                if !ok {
                    return Err(bad(format!(
                        "Invalid monthDay '{d}': use 1 to 31 or LastDay."
                    )));
                }
            }
        }
    }
    Ok(())
}

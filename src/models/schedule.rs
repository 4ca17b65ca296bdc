//! Schedule specifics: the constructor, the intervals (`occurrence=value` joined by commas, as
//! the `intervals` field holds them) and the create/update request bodies the Python client
//! sends: `<schedule name priority type executionOrder frequency><frequencyDetails start [end]>
//! <intervals><interval hours|minutes|weekDay|monthDay=".."/>…</intervals></frequencyDetails>
//! </schedule>`. The intervals' syntax is checked here, before any request; whether they fit the
//! frequency is the server's to say.

use crate::error::{Error, Result};
use crate::models::Schedule;
use crate::xml::{Element, RequestWriter};

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
    /// A new schedule to create: its name, type (Extract, Subscription, Flow,
    /// DataAcceleration), frequency (Hourly, Daily, Weekly, Monthly) and start time (`HH:MM:SS`);
    /// set the intervals, end time, priority and execution order with the setters.
    pub fn new(
        name: &str,
        schedule_type: &str,
        frequency: &str,
        start_time: &str,
    ) -> Result<Schedule> {
        let mut s = Schedule::default();
        s.set_name(Some(name))?;
        s.set_schedule_type(Some(schedule_type))?;
        s.set_frequency(Some(frequency))?;
        s.set_start_time(Some(start_time))?;
        Ok(s)
    }

    /// The intervals as (occurrence, value) pairs, checked: occurrences `hours`, `minutes`,
    /// `weekDay` (Sunday..Saturday), `monthDay` (1..31 or LastDay).
    pub fn interval_pairs(&self) -> Result<Vec<(String, String)>> {
        parse_intervals(self.intervals().unwrap_or(""))
    }

    /// The body of a create (`creating`) or an update.
    pub(crate) fn request(&self, creating: bool) -> Result<Vec<u8>> {
        let intervals = self.interval_pairs()?;
        if creating {
            for (what, v) in [
                ("name", self.name()),
                ("type", self.schedule_type()),
                ("frequency", self.frequency()),
                ("start time", self.start_time()),
            ] {
                if v.is_none_or(|v| v.trim().is_empty()) {
                    return Err(Error::invalid(format!("the schedule needs a {what}")));
                }
            }
            if intervals.is_empty() && self.frequency() != Some("Daily") {
                return Err(Error::invalid("Interval item must be defined."));
            }
        }
        for t in [self.start_time(), self.end_time()].into_iter().flatten() {
            check_time(t)?;
        }
        Ok(RequestWriter::new()
            .element("schedule", |e| {
                e.opt_attr("name", self.name())?
                    .opt_int("priority", self.priority())?;
                if creating {
                    e.opt_attr("type", self.schedule_type())?;
                }
                e.opt_attr("executionOrder", self.execution_order())?;
                if !creating {
                    e.opt_attr("state", self.state())?;
                }
                e.opt_attr("frequency", self.frequency())?;
                if self.frequency().is_some() || self.start_time().is_some() {
                    e.child("frequencyDetails", |d| details(d, self, &intervals))?;
                }
                Ok(())
            })?
            .finish())
    }
}

impl Schedule {
    /// `<schedule frequency><frequencyDetails …/></schedule>` inside a task create (the task's
    /// own schedule, Tableau Cloud style): the frequency, times and intervals only.
    pub(crate) fn write_task_schedule(&self, e: &mut Element<'_>) -> Result<()> {
        let intervals = self.interval_pairs()?;
        if self.frequency().is_none() || self.start_time().is_none() {
            return Err(Error::invalid(
                "the task's schedule needs a frequency and a start time",
            ));
        }
        for t in [self.start_time(), self.end_time()].into_iter().flatten() {
            check_time(t)?;
        }
        e.opt_attr("frequency", self.frequency())?;
        e.child("frequencyDetails", |d| details(d, self, &intervals))?;
        Ok(())
    }
}

fn details(d: &mut Element<'_>, s: &Schedule, intervals: &[(String, String)]) -> Result<()> {
    d.opt_attr("start", s.start_time())?
        .opt_attr("end", s.end_time())?;
    write_intervals(d, intervals)
}

/// `<intervals><interval name="value"/>…</intervals>` under `e`, when there are any (a
/// schedule's frequency details, a workbook's freshAtSchedule).
pub(crate) fn write_intervals(e: &mut Element<'_>, intervals: &[(String, String)]) -> Result<()> {
    if !intervals.is_empty() {
        e.child("intervals", |list| {
            for (k, v) in intervals {
                list.child("interval", |i| i.attr(k, v).map(|_| ()))?;
            }
            Ok(())
        })?;
    }
    Ok(())
}

/// `HH:MM:SS` (or `HH:MM`).
fn check_time(t: &str) -> Result<()> {
    let parts: Vec<&str> = t.split(':').collect();
    let ok = (2..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
        && parts[0] < "24"
        && parts[1..].iter().all(|p| *p < "60");
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(format!(
            "the schedule time {:?} is not HH:MM:SS",
            crate::error::echo(t)
        )))
    }
}

/// `hours=2,weekDay=Monday` as pairs, each checked.
pub(crate) fn parse_intervals(s: &str) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for item in s.split(',').map(str::trim).filter(|i| !i.is_empty()) {
        let (k, v) = item.split_once('=').ok_or_else(|| {
            Error::invalid(format!(
                "the interval {:?} is not occurrence=value (hours=2, minutes=30, weekDay=Monday, monthDay=15)",
                crate::error::echo(item)
            ))
        })?;
        let (k, v) = (k.trim(), v.trim());
        let valid = match k {
            "hours" | "minutes" => v.parse::<u32>().is_ok_and(|n| n > 0),
            "weekDay" => DAYS.contains(&v),
            "monthDay" => v == "LastDay" || v.parse::<u32>().is_ok_and(|n| (1..=31).contains(&n)),
            _ => {
                return Err(Error::invalid(format!(
                    "unknown interval occurrence {:?}: use hours, minutes, weekDay or monthDay",
                    crate::error::echo(k)
                )))
            }
        };
        if !valid {
            return Err(Error::invalid(format!(
                "invalid interval value {:?} for {k}",
                crate::error::echo(v)
            )));
        }
        out.push((k.to_string(), v.to_string()));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_are_parsed_and_checked() {
        assert_eq!(
            parse_intervals("weekDay=Monday, weekDay=Friday").unwrap(),
            vec![
                ("weekDay".to_string(), "Monday".to_string()),
                ("weekDay".to_string(), "Friday".to_string())
            ]
        );
        assert!(parse_intervals("").unwrap().is_empty());
        for bad in [
            "hours",
            "hours=0",
            "weekDay=Funday",
            "monthDay=32",
            "days=2",
            "minutes=x",
        ] {
            assert!(parse_intervals(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn request_bodies() {
        let mut s = Schedule::new("Nightly", "Extract", "Weekly", "23:00:00").unwrap();
        s.set_intervals(Some("weekDay=Monday,weekDay=Friday"))
            .unwrap();
        s.set_priority(Some(40));
        let body = String::from_utf8(s.request(true).unwrap()).unwrap();
        assert_eq!(
            body,
            "<tsRequest><schedule name=\"Nightly\" priority=\"40\" type=\"Extract\" frequency=\"Weekly\"><frequencyDetails start=\"23:00:00\"><intervals><interval weekDay=\"Monday\"/><interval weekDay=\"Friday\"/></intervals></frequencyDetails></schedule></tsRequest>"
        );
        let mut h = Schedule::new("Hourly", "Extract", "Hourly", "08:00:00").unwrap();
        assert!(h.request(true).is_err(), "no interval");
        h.set_intervals(Some("hours=2")).unwrap();
        h.set_end_time(Some("25:00:00")).unwrap();
        assert!(h.request(true).is_err(), "bad end time");
    }
}

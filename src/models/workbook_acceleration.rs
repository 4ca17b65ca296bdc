//! The data acceleration configuration and data freshness policy of a workbook update, as the
//! Python client writes them (`WorkbookRequest.update_req`): `<dataAccelerationConfig
//! [accelerationEnabled] [accelerateNow]/>` always (TSC's config dict is never empty), then, when
//! an option is set, `<dataFreshnessPolicy option>` with `<freshEverySchedule frequency value/>`
//! (FreshEvery) or `<freshAtSchedule frequency time [timezone]>` and, unless the frequency is
//! Day, `<intervals><interval weekDay|monthDay/>…</intervals>` (FreshAt). What a policy needs is
//! checked here, before any request, with the Python client's rules.

use crate::error::{Error, Result};
use crate::models::schedule::{parse_intervals, write_intervals};
use crate::models::Workbook;
use crate::xml::Element;

const EVERY: &[&str] = &["Minutes", "Hours", "Days", "Weeks"];
const AT: &[&str] = &["Day", "Week", "Month"];

/// `value` when it is one of `allowed`, else an error naming `what`.
fn one_of<'v>(what: &str, value: Option<&'v str>, allowed: &[&str]) -> Result<&'v str> {
    match value {
        Some(v) if allowed.contains(&v) => Ok(v),
        Some(v) => Err(Error::invalid(format!(
            "the data freshness policy's {what} {:?} is not one of {}",
            crate::error::echo(v),
            allowed.join(", ")
        ))),
        None => Err(Error::invalid(format!(
            "the data freshness policy needs its {what} (one of {}): set it on the workbook",
            allowed.join(", ")
        ))),
    }
}

impl Workbook {
    /// Writes the acceleration configuration and the freshness policy into `<workbook>`.
    pub(crate) fn write_acceleration(&self, e: &mut Element<'_>) -> Result<()> {
        e.child("dataAccelerationConfig", |c| {
            c.opt_bool("accelerationEnabled", self.data_acceleration_enabled())?
                .opt_bool("accelerateNow", self.data_acceleration_accelerate_now())?;
            Ok(())
        })?;
        let Some(option) = self.data_freshness_policy() else {
            return Ok(());
        };
        e.child("dataFreshnessPolicy", |p| {
            p.attr("option", option)?;
            match option {
                "FreshEvery" => self.write_fresh_every(p),
                "FreshAt" => self.write_fresh_at(p),
                _ => Ok(()),
            }
        })?;
        Ok(())
    }

    fn write_fresh_every(&self, p: &mut Element<'_>) -> Result<()> {
        let frequency = one_of(
            "FreshEvery frequency",
            self.data_freshness_every_frequency(),
            EVERY,
        )?;
        let value = self
            .data_freshness_every_value()
            .filter(|v| v.parse::<u32>().is_ok_and(|n| n > 0))
            .ok_or_else(|| {
                Error::invalid(
                    "a FreshEvery data freshness policy needs a positive integer value \
                     (tsc_workbook_set_data_freshness_every_value)",
                )
            })?;
        p.child("freshEverySchedule", |s| {
            s.attr("frequency", frequency)?.attr("value", value)?;
            Ok(())
        })?;
        Ok(())
    }

    fn write_fresh_at(&self, p: &mut Element<'_>) -> Result<()> {
        let frequency = one_of("FreshAt frequency", self.data_freshness_at_frequency(), AT)?;
        let time = self.data_freshness_at_time().ok_or_else(|| {
            Error::invalid(
                "a FreshAt data freshness policy needs a time of day, HH:MM:SS \
                 (tsc_workbook_set_data_freshness_at_time)",
            )
        })?;
        let intervals = match frequency {
            "Day" => Vec::new(),
            _ => parse_intervals(self.data_freshness_at_intervals().unwrap_or(""))?,
        };
        let wanted = if frequency == "Week" {
            "weekDay"
        } else {
            "monthDay"
        };
        if let Some((k, _)) = intervals.iter().find(|(k, _)| k != wanted) {
            return Err(Error::invalid(format!(
                "a FreshAt policy of frequency {frequency} takes {wanted} intervals, not {k}"
            )));
        }
        p.child("freshAtSchedule", |s| {
            s.attr("frequency", frequency)?
                .attr("time", time)?
                .opt_attr("timezone", self.data_freshness_at_timezone())?;
            write_intervals(s, &intervals)
        })?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(w: &Workbook) -> String {
        String::from_utf8(w.update_request(None).unwrap()).unwrap()
    }

    #[test]
    fn the_update_body_is_the_python_clients() {
        let mut w = Workbook::default();
        w.set_name(Some("W")).unwrap();
        assert_eq!(
            body(&w),
            "<tsRequest><workbook name=\"W\"><dataAccelerationConfig/></workbook></tsRequest>"
        );
        w.set_data_acceleration_enabled(Some(true));
        w.set_data_freshness_policy(Some("FreshAt")).unwrap();
        w.set_data_freshness_at_frequency(Some("Month")).unwrap();
        w.set_data_freshness_at_time(Some("06:00:00")).unwrap();
        w.set_data_freshness_at_intervals(Some("monthDay=1,monthDay=LastDay"))
            .unwrap();
        assert_eq!(
            body(&w),
            "<tsRequest><workbook name=\"W\"><dataAccelerationConfig accelerationEnabled=\"true\"/>\
             <dataFreshnessPolicy option=\"FreshAt\"><freshAtSchedule frequency=\"Month\" time=\"06:00:00\">\
             <intervals><interval monthDay=\"1\"/><interval monthDay=\"LastDay\"/></intervals>\
             </freshAtSchedule></dataFreshnessPolicy></workbook></tsRequest>"
        );
        w.set_data_freshness_at_frequency(Some("Day")).unwrap();
        assert!(body(&w).contains("<freshAtSchedule frequency=\"Day\" time=\"06:00:00\"/>"));
        w.set_data_freshness_policy(Some("FreshEvery")).unwrap();
        assert!(
            w.update_request(None).is_err(),
            "FreshEvery without a schedule"
        );
    }
}

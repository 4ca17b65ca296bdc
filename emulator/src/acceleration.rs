//! A workbook's data acceleration (`<dataAccelerationConfig accelerationEnabled
//! accelerateNow/>` of an update, REST API 3.16+): kept on the workbook and written back on every
//! `<workbook>` as `<dataAccelerationConfig accelerationEnabled [lastUpdatedAt]
//! [accelerationStatus]/>`, and on each of its views when an update asks for
//! `includeViewAccelerationStatus=true` (3.22+).
//!
//! The status is the emulator's model of Tableau's background acceleration: `Pending` once
//! enabled, `Accelerated` once an update asked for `accelerateNow="true"` while enabled; a
//! disabled workbook has none. An empty `<dataAccelerationConfig/>` (what the Python client sends
//! by default) changes nothing.

use crate::errors::ApiError;
use crate::reply::ReplyWriter;
use crate::routes::bool_attr;
use crate::util::fmt_ts;
use crate::xml::Element;

/// What a workbook keeps.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Acceleration {
    pub enabled: bool,
    /// `accelerateNow` was asked while enabled: the acceleration ran.
    pub accelerated: bool,
    /// When an update last changed it (0: never).
    pub updated_at: i64,
}

impl Acceleration {
    /// Applies an update's `<dataAccelerationConfig>` at time `now` (bad booleans → 400000).
    pub fn apply(&mut self, e: &Element, now: i64) -> Result<(), ApiError> {
        let enabled = bool_attr(e, "accelerationEnabled")?;
        let now_asked = bool_attr(e, "accelerateNow")?;
        if enabled.is_none() && now_asked.is_none() {
            return Ok(());
        }
        let before = self.clone();
        if let Some(on) = enabled {
            self.enabled = on;
            if !on {
                self.accelerated = false;
            }
        }
        if now_asked == Some(true) && self.enabled {
            self.accelerated = true;
        }
        if *self != before {
            self.updated_at = now;
        }
        Ok(())
    }

    fn status(&self) -> Option<&'static str> {
        match (self.enabled, self.accelerated) {
            (false, _) => None,
            (true, false) => Some("Pending"),
            (true, true) => Some("Accelerated"),
        }
    }

    /// `<dataAccelerationConfig accelerationEnabled [lastUpdatedAt] [accelerationStatus]/>` of a
    /// workbook.
    pub fn write_workbook(&self, x: &mut ReplyWriter) {
        x.open("dataAccelerationConfig")
            .attr_bool("accelerationEnabled", self.enabled);
        if self.updated_at > 0 {
            x.attr("lastUpdatedAt", &fmt_ts(self.updated_at));
        }
        if let Some(s) = self.status() {
            x.attr("accelerationStatus", s);
        }
        x.empty();
    }

    /// `<dataAccelerationConfig accelerationEnabled [accelerationStatus]/>` of one of its views.
    pub fn write_view(&self, x: &mut ReplyWriter) {
        x.open("dataAccelerationConfig")
            .attr_bool("accelerationEnabled", self.enabled);
        if let Some(s) = self.status() {
            x.attr("accelerationStatus", s);
        }
        x.empty();
    }
}

//! Schedules (`/api/{v}/schedules`, server-wide): query (with a pager), one by id, create, update,
//! delete, suspend or resume many at once (REST API 3.27); and on the signed-in site
//! (`/api/{v}/sites/{site}/schedules/{id}/…`): adding a workbook, data source or flow to a
//! schedule, and the extract refresh tasks of a schedule.

use crate::api::{listing, require_id};
use crate::error::{Error, Result};
use crate::models::{Extract, Page, Schedule};
use crate::pager::Pager;
use crate::query::RequestOptions;
use crate::server::Server;
use crate::transport::{Method, UrlBuilder};
use crate::xml::RequestWriter;

/// `server.schedules()`.
pub struct Schedules<'a> {
    server: &'a Server,
}

impl Server {
    /// The schedule endpoints.
    pub fn schedules(&self) -> Schedules<'_> {
        Schedules { server: self }
    }
}

/// What `add_to_schedule` adds: (URL segment, task element, item element).
#[derive(Clone, Copy)]
pub enum Scheduled {
    Workbook,
    /// A workbook's data acceleration (on a DataAcceleration schedule).
    WorkbookAcceleration,
    Datasource,
    Flow,
}

impl Scheduled {
    fn parts(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Scheduled::Workbook => ("workbooks", "extractRefresh", "workbook"),
            Scheduled::WorkbookAcceleration => ("workbooks", "dataAcceleration", "workbook"),
            Scheduled::Datasource => ("datasources", "extractRefresh", "datasource"),
            Scheduled::Flow => ("flows", "runFlow", "flow"),
        }
    }
}

impl Schedules<'_> {
    fn url(&self) -> Result<UrlBuilder> {
        Ok(self.server.api_url()?.path("schedules"))
    }

    /// One page of the server's schedules.
    pub fn get(&self, opts: Option<&RequestOptions>) -> Result<Page<Schedule>> {
        self.server.session()?;
        listing::get_page(self.server, self.url()?, opts)
    }

    /// Every schedule of the server, page by page.
    pub fn pager(&self, opts: Option<&RequestOptions>) -> Pager<Schedule> {
        listing::pager(self.server, opts, |s, o| s.schedules().get(Some(o)))
    }

    /// The schedule with this LUID (REST API 3.8+).
    pub fn get_by_id(&self, id: &str) -> Result<Schedule> {
        self.server.require("3.8", "getting one schedule")?;
        let id = require_id(id, "No Schedule ID provided")?;
        self.server
            .fetch(Method::Get, self.url()?.segment(id), None)
    }

    /// Creates a schedule; returns it as stored.
    pub fn create(&self, schedule: &Schedule) -> Result<Schedule> {
        let body = schedule.request(true)?;
        self.server.fetch(Method::Post, self.url()?, Some(body))
    }

    /// Updates the schedule with `schedule.id()` from what is set on it; returns it as stored.
    pub fn update(&self, schedule: &Schedule) -> Result<Schedule> {
        let id = require_id(schedule.id().unwrap_or(""), "Schedule item missing ID.")?;
        let body = schedule.request(false)?;
        let mut s: Schedule =
            self.server
                .fetch(Method::Put, self.url()?.segment(id), Some(body))?;
        s.fill_missing_from(schedule);
        Ok(s)
    }

    /// Deletes the schedule with this LUID.
    pub fn delete(&self, id: &str) -> Result<()> {
        let id = require_id(id, "Schedule ID undefined")?;
        self.server
            .send_empty(Method::Delete, self.url()?.segment(id))
    }

    /// Adds the workbook, data source or flow with LUID `item_id` to the schedule (an extract
    /// refresh task, or a flow run task); flows need REST API 3.3.
    pub fn add_to_schedule(&self, schedule_id: &str, what: Scheduled, item_id: &str) -> Result<()> {
        let (segment, task, element) = what.parts();
        self.server.require(
            if matches!(what, Scheduled::Flow) {
                "3.3"
            } else {
                "2.8"
            },
            "adding to a schedule",
        )?;
        let schedule_id = require_id(schedule_id, "Schedule ID undefined")?;
        let item_id = require_id(item_id, "the id of the item to schedule is empty")?;
        let (site, _) = self.server.site_url()?;
        let url = site.path("schedules").segment(schedule_id).path(segment);
        let body = RequestWriter::new()
            .element("task", |t| {
                t.child(task, |r| {
                    r.child(element, |i| i.attr("id", item_id).map(|_| ()))?;
                    Ok(())
                })?;
                Ok(())
            })?
            .finish();
        self.server.send(Method::Put, url, Some(body)).map(|_| ())
    }

    /// One page of the extract refresh tasks of the schedule, on the signed-in site.
    pub fn get_extract_refresh_tasks(
        &self,
        schedule_id: &str,
        opts: Option<&RequestOptions>,
    ) -> Result<Page<Extract>> {
        let schedule_id = require_id(schedule_id, "Schedule ID undefined")?;
        let (site, _) = self.server.site_url()?;
        listing::get_page(
            self.server,
            site.path("schedules").segment(schedule_id).path("extracts"),
            opts,
        )
    }

    /// Sets the state (`Active` or `Suspended`) of these schedules (`ids` Some, at least one) or
    /// of every schedule (`ids` None) in one request (REST API 3.27+).
    pub fn batch_update_state(&self, ids: Option<&[&str]>, state: &str) -> Result<()> {
        self.server
            .require("3.27", "changing the state of several schedules at once")?;
        let state = match state {
            "Active" | "active" => "active",
            "Suspended" | "suspended" => "suspended",
            other => {
                return Err(Error::invalid(format!(
                    "the schedule state {:?} is neither Active nor Suspended",
                    crate::error::echo(other)
                )))
            }
        };
        let mut url = self.url()?.query("state", state);
        let body = match ids {
            None => {
                url = url.query("updateAll", "true");
                RequestWriter::new().finish()
            }
            Some(ids) => {
                if ids.is_empty() {
                    return Err(Error::invalid("the list of schedule ids is empty"));
                }
                for id in ids {
                    require_id(id, "Schedule ID undefined")?;
                }
                RequestWriter::new()
                    .element("scheduleLuids", |e| {
                        for id in ids {
                            e.child("scheduleLuid", |c| c.text(id).map(|_| ()))?;
                        }
                        Ok(())
                    })?
                    .finish()
            }
        };
        self.server.send(Method::Put, url, Some(body)).map(|_| ())
    }
}

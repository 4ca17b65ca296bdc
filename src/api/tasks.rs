//! Tasks (`/api/{v}/sites/{site}/tasks/…`): extract refresh tasks (`extractRefreshes`), data
//! acceleration (`dataAcceleration`) and flow run (`runFlow`) tasks: query (with a pager), one
//! extract refresh task by id, create one with its own schedule (REST API 3.19), run one now
//! (its job comes back), delete.

use crate::api::{listing, require_id};
use crate::error::{Error, Result};
use crate::models::{Job, Model, Page, Schedule, Task};
use crate::pager::Pager;
use crate::query::RequestOptions;
use crate::server::Server;
use crate::transport::{Method, UrlBuilder};
use crate::xml::{self, RequestWriter};

/// `server.tasks()`.
pub struct Tasks<'a> {
    server: &'a Server,
}

impl Server {
    /// The task endpoints.
    pub fn tasks(&self) -> Tasks<'_> {
        Tasks { server: self }
    }
}

/// The URL segment of a task type (None: extract refreshes), as the Python client pluralises it.
fn segment(task_type: Option<&str>) -> Result<&'static str> {
    match task_type.unwrap_or("extractRefresh") {
        "extractRefresh" => Ok("extractRefreshes"),
        "dataAcceleration" => Ok("dataAcceleration"),
        "runFlow" => Ok("runFlow"),
        other => Err(Error::invalid(format!(
            "the task type {:?} is not extractRefresh, dataAcceleration or runFlow",
            crate::error::echo(other)
        ))),
    }
}

impl Tasks<'_> {
    fn url(&self, task_type: Option<&str>) -> Result<UrlBuilder> {
        let seg = segment(task_type)?;
        Ok(self.server.site_url()?.0.path("tasks").path(seg))
    }

    /// One page of the site's tasks of this type (None: extract refreshes).
    pub fn get(
        &self,
        task_type: Option<&str>,
        opts: Option<&RequestOptions>,
    ) -> Result<Page<Task>> {
        if task_type == Some("dataAcceleration") {
            self.server
                .require("3.8", "listing data acceleration tasks")?;
        }
        listing::get_page(self.server, self.url(task_type)?, opts)
    }

    /// Every task of this type, page by page.
    pub fn pager(
        &self,
        task_type: Option<&str>,
        opts: Option<&RequestOptions>,
    ) -> Result<Pager<Task>> {
        segment(task_type)?;
        let t = task_type.map(str::to_string);
        Ok(listing::pager(self.server, opts, move |s, o| {
            s.tasks().get(t.as_deref(), Some(o))
        }))
    }

    /// The extract refresh task with this LUID.
    pub fn get_by_id(&self, id: &str) -> Result<Task> {
        let id = require_id(id, "No Task ID provided")?;
        let url = self.url(None)?.segment(id);
        self.server.fetch(Method::Get, url, None)
    }

    /// Creates an extract refresh task of the workbook or data source (`target_kind`
    /// "workbook" or "datasource") on its own schedule (the frequency, times and intervals of
    /// `schedule`); REST API 3.19+.
    pub fn create(
        &self,
        schedule: &Schedule,
        target_kind: &str,
        target_id: &str,
        incremental: bool,
    ) -> Result<Task> {
        self.server
            .require("3.19", "creating an extract refresh task")?;
        if target_kind != "workbook" && target_kind != "datasource" {
            return Err(Error::invalid(format!(
                "an extract refresh task refreshes a workbook or a datasource, not {:?}",
                crate::error::echo(target_kind)
            )));
        }
        let target_id = require_id(target_id, "No extract refresh provided")?;
        let body = RequestWriter::new()
            .element("extractRefresh", |e| {
                e.attr(
                    "type",
                    if incremental {
                        "IncrementalRefresh"
                    } else {
                        "FullRefresh"
                    },
                )?;
                e.child(target_kind, |t| t.attr("id", target_id).map(|_| ()))?;
                Ok(())
            })?
            .element("schedule", |e| schedule.write_task_schedule(e))?
            .finish();
        let url = self.url(None)?;
        let label = format!("POST {}", url.clone().build());
        let bytes = self.server.send(Method::Post, url, Some(body))?;
        // the reply is `<tsResponse><extractRefresh …/><schedule …/></tsResponse>`: the task's
        // parts are children of the root, as they are of `<task>` in listings.
        let reply = xml::parse_reply(&bytes, &label)?;
        let task = Task::from_xml(reply.root())?;
        if task.id().is_none() {
            return Err(xml::missing("extractRefresh", &label));
        }
        Ok(task)
    }

    /// Runs the extract refresh task with this LUID now; returns its job.
    pub fn run(&self, id: &str) -> Result<Job> {
        self.server.require("2.6", "running a task")?;
        let id = require_id(id, "Task item missing ID.")?;
        let url = self.url(None)?.segment(id).path("runNow");
        self.server
            .fetch(Method::Post, url, Some(RequestWriter::new().finish()))
    }

    /// Deletes the task with this LUID (of this type; None: an extract refresh task); REST API
    /// 3.6+.
    pub fn delete(&self, id: &str, task_type: Option<&str>) -> Result<()> {
        self.server.require("3.6", "deleting a task")?;
        let id = require_id(id, "Task ID undefined.")?;
        let url = self.url(task_type)?.segment(id);
        self.server.send_empty(Method::Delete, url)
    }
}

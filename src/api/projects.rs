//! Projects (`/api/{v}/sites/{site}/projects`): create (nested), query, update, delete.

use crate::api::listing;
use crate::api::resource::PROJECT;
use crate::error::{Error, Result, Status};
use crate::models::{Page, Project};
use crate::pager::Pager;
use crate::query::{FilterOp, RequestOptions};
use crate::server::Server;
use crate::transport::{Method, UrlBuilder};
use crate::xml::RequestWriter;

/// `server.projects()`.
pub struct Projects<'a> {
    server: &'a Server,
}

impl Server {
    /// The project endpoints.
    pub fn projects(&self) -> Projects<'_> {
        Projects { server: self }
    }
}

impl Projects<'_> {
    /// One page of the site's projects.
    pub fn get(&self, opts: Option<&RequestOptions>) -> Result<Page<Project>> {
        listing::get_page(self.server, PROJECT.url(self.server)?, opts)
    }

    /// Every one of the projects of the site, page by page.
    pub fn pager(&self, opts: Option<&RequestOptions>) -> Pager<Project> {
        listing::pager(self.server, opts, |s, o| s.projects().get(Some(o)))
    }

    /// The project at `path`, names from the top level down separated by `/`
    /// (`"Marketing/Q1 Reports"`), as the Python client's `get_by_path`: one filtered query per
    /// level (`name:eq` with `topLevelProject:eq:true`, then `parentProjectId:eq`). Names match
    /// as the server matches them (without regard to case), an exact-case match first.
    pub fn get_by_path(&self, path: &str) -> Result<Project> {
        let names: Vec<&str> = path.split('/').collect();
        if names.iter().any(|n| n.is_empty()) {
            return Err(Error::invalid(format!(
                "'{}' is not a project path: give the project names from the top level down, \
                 separated by '/', none empty",
                crate::error::echo(path)
            )));
        }
        let mut parent: Option<Project> = None;
        for (depth, name) in names.iter().enumerate() {
            let mut opts = RequestOptions::new();
            opts.add_filter("name", FilterOp::Eq, name)?;
            match parent.as_ref().and_then(Project::id) {
                Some(id) => opts.add_filter("parentProjectId", FilterOp::Eq, id)?,
                None => opts.add_filter("topLevelProject", FilterOp::Eq, "true")?,
            }
            let mut found = self.get(Some(&opts))?.items;
            let exact = found.iter().position(|p| p.name() == Some(name));
            if found.is_empty() {
                let under = match depth {
                    0 => "at the top level".to_string(),
                    _ => format!("in '{}'", crate::error::echo(&names[..depth].join("/"))),
                };
                return Err(Error::new(
                    Status::NotFound,
                    format!(
                        "There is no project named '{}' {under} (path '{}').",
                        crate::error::echo(name),
                        crate::error::echo(path)
                    ),
                ));
            }
            parent = Some(found.swap_remove(exact.unwrap_or(0)));
        }
        Ok(parent.expect("a path has at least one name"))
    }

    /// The project with this LUID. Tableau has no "query project" method; like the Python client,
    /// this sends an update that changes nothing and returns the project.
    pub fn get_by_id(&self, id: &str) -> Result<Project> {
        let url = PROJECT
            .item_url(self.server, id)?
            .query("publishSamples", "false");
        let body = RequestWriter::new()
            .element("project", |_| Ok(()))?
            .finish();
        self.server.fetch(Method::Put, url, Some(body))
    }

    /// Creates a project (under `parent_id` when set); returns it as the server stored it.
    pub fn create(&self, project: &Project) -> Result<Project> {
        self.create_with(project, false)
    }

    /// `create`, and with `samples` the server publishes its sample workbooks into the new
    /// project (Python `create(item, samples=True)`: `?publishSamples=True`).
    pub fn create_with(&self, project: &Project, samples: bool) -> Result<Project> {
        let body = project.request(true)?;
        let url = with_samples(PROJECT.url(self.server)?, samples);
        self.server.fetch(Method::Post, url, Some(body))
    }

    /// Updates the project with `project.id()` from every attribute set on it.
    pub fn update(&self, project: &Project) -> Result<Project> {
        self.update_with(project, false)
    }

    /// `update`, and with `samples` the server publishes its sample workbooks into the project
    /// (Python `update(item, samples=True)`).
    pub fn update_with(&self, project: &Project, samples: bool) -> Result<Project> {
        let id = PROJECT.id_of(project.id())?;
        let body = project.request(false)?;
        let url = with_samples(PROJECT.item_url(self.server, id)?, samples);
        self.server.fetch(Method::Put, url, Some(body))
    }

    /// Deletes a project with its child projects and content.
    pub fn delete(&self, id: &str) -> Result<()> {
        let url = PROJECT.item_url(self.server, id)?;
        self.server.send_empty(Method::Delete, url)
    }
}

/// `?publishSamples=True` (the Python client's `str(True)`) when `samples`; nothing otherwise.
fn with_samples(url: UrlBuilder, samples: bool) -> UrlBuilder {
    if samples {
        url.query("publishSamples", "True")
    } else {
        url
    }
}

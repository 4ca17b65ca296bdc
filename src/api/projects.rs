//! Projects (`/api/{v}/sites/{site}/projects`): create (nested), query, update, delete.

use crate::api::listing;
use crate::api::resource::PROJECT;
use crate::error::Result;
use crate::models::{Page, Project};
use crate::pager::Pager;
use crate::query::RequestOptions;
use crate::server::Server;
use crate::transport::Method;
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
        let body = project.request(true)?;
        self.server
            .fetch(Method::Post, PROJECT.url(self.server)?, Some(body))
    }

    /// Updates the project with `project.id()` from every attribute set on it.
    pub fn update(&self, project: &Project) -> Result<Project> {
        let id = PROJECT.id_of(project.id())?;
        let body = project.request(false)?;
        let url = PROJECT.item_url(self.server, id)?;
        self.server.fetch(Method::Put, url, Some(body))
    }

    /// Deletes a project with its child projects and content.
    pub fn delete(&self, id: &str) -> Result<()> {
        let url = PROJECT.item_url(self.server, id)?;
        self.server.send_empty(Method::Delete, url)
    }
}

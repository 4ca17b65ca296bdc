//! Sites (`/api/{v}/sites`): create, query (all, by id, name or content URL), update, delete.

use crate::api::{listing, require_id};
use crate::error::Result;
use crate::models::{Page, Site};
use crate::pager::Pager;
use crate::query::RequestOptions;
use crate::server::Server;
use crate::transport::Method;

/// `server.sites()`.
pub struct Sites<'a> {
    server: &'a Server,
}

impl Server {
    /// The site endpoints.
    pub fn sites(&self) -> Sites<'_> {
        Sites { server: self }
    }
}

impl Sites<'_> {
    /// One page of the sites the user can see.
    pub fn get(&self, opts: Option<&RequestOptions>) -> Result<Page<Site>> {
        listing::get_page(self.server, self.server.api_url()?.path("sites"), opts)
    }

    /// Every one of the sites the user can see, page by page.
    pub fn pager(&self, opts: Option<&RequestOptions>) -> Pager<Site> {
        listing::pager(self.server, opts, |s, o| s.sites().get(Some(o)))
    }

    /// The site with this LUID.
    pub fn get_by_id(&self, id: &str) -> Result<Site> {
        let id = require_id(id, "Site ID undefined.")?;
        let url = self.server.api_url()?.path("sites").segment(id);
        self.server.fetch(Method::Get, url, None)
    }

    /// The site with this name.
    pub fn get_by_name(&self, name: &str) -> Result<Site> {
        let name = require_id(name, "Site Name undefined.")?;
        let url = self
            .server
            .api_url()?
            .path("sites")
            .segment(name)
            .query("key", "name");
        self.server.fetch(Method::Get, url, None)
    }

    /// The site with this content URL (`""` is the Default site).
    pub fn get_by_content_url(&self, content_url: &str) -> Result<Site> {
        let url = self
            .server
            .api_url()?
            .path("sites")
            .segment(content_url)
            .query("key", "contentUrl");
        self.server.fetch(Method::Get, url, None)
    }

    /// Creates a site (server administrators); returns it as the server stored it.
    pub fn create(&self, site: &Site) -> Result<Site> {
        let body = site.request(true)?;
        let url = self.server.api_url()?.path("sites");
        self.server.fetch(Method::Post, url, Some(body))
    }

    /// Updates the site with `site.id()` from every attribute set on `site`.
    pub fn update(&self, site: &Site) -> Result<Site> {
        let id = require_id(site.id().unwrap_or(""), "Site item missing ID.")?;
        let body = site.request(false)?;
        let url = self.server.api_url()?.path("sites").segment(id);
        self.server.fetch(Method::Put, url, Some(body))
    }

    /// Deletes a site and all its content. Deleting the signed-in site ends the session.
    pub fn delete(&self, id: &str) -> Result<()> {
        let id = require_id(id, "Site ID undefined.")?;
        let url = self.server.api_url()?.path("sites").segment(id);
        self.server.send_empty(Method::Delete, url)?;
        if self.server.session()?.site_id() == id {
            self.server.set_session(None)?;
        }
        Ok(())
    }
}

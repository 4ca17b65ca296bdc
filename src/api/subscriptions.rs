//! Subscriptions (`/api/{v}/sites/{site}/subscriptions`): query (with a pager), one by id,
//! create, update, delete.

use crate::api::{listing, require_id};
use crate::error::Result;
use crate::models::{Page, Subscription};
use crate::pager::Pager;
use crate::query::RequestOptions;
use crate::server::Server;
use crate::transport::{Method, UrlBuilder};

/// `server.subscriptions()`.
pub struct Subscriptions<'a> {
    server: &'a Server,
}

impl Server {
    /// The subscription endpoints.
    pub fn subscriptions(&self) -> Subscriptions<'_> {
        Subscriptions { server: self }
    }
}

impl Subscriptions<'_> {
    fn url(&self) -> Result<UrlBuilder> {
        Ok(self.server.site_url()?.0.path("subscriptions"))
    }

    /// One page of the site's subscriptions.
    pub fn get(&self, opts: Option<&RequestOptions>) -> Result<Page<Subscription>> {
        listing::get_page(self.server, self.url()?, opts)
    }

    /// Every subscription of the site, page by page.
    pub fn pager(&self, opts: Option<&RequestOptions>) -> Pager<Subscription> {
        listing::pager(self.server, opts, |s, o| s.subscriptions().get(Some(o)))
    }

    /// The subscription with this LUID.
    pub fn get_by_id(&self, id: &str) -> Result<Subscription> {
        let id = require_id(id, "No Subscription ID provided")?;
        self.server
            .fetch(Method::Get, self.url()?.segment(id), None)
    }

    /// Creates a subscription; returns it as stored.
    pub fn create(&self, item: &Subscription) -> Result<Subscription> {
        let body = item.request(true)?;
        self.server.fetch(Method::Post, self.url()?, Some(body))
    }

    /// Updates the subscription with `item.id()` from what is set on it; returns it as stored.
    pub fn update(&self, item: &Subscription) -> Result<Subscription> {
        let id = require_id(
            item.id().unwrap_or(""),
            "Subscription item missing ID. Subscription must be retrieved from server first.",
        )?;
        let body = item.request(false)?;
        self.server
            .fetch(Method::Put, self.url()?.segment(id), Some(body))
    }

    /// Deletes the subscription with this LUID.
    pub fn delete(&self, id: &str) -> Result<()> {
        let id = require_id(id, "Subscription ID undefined.")?;
        self.server
            .send_empty(Method::Delete, self.url()?.segment(id))
    }
}

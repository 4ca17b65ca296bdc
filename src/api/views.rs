//! Views (`/api/{v}/sites/{site}/views`): the site's views, one view, and a view's preview image
//! (under its workbook), deleting a view (3.27). A workbook's own views are
//! `Workbooks::populate_views`.

use crate::api::content;
use crate::api::listing;
use crate::api::resource::{VIEW, WORKBOOK};
use crate::api::tags;
use crate::error::{Error, Result};
use crate::models::{Page, View};
use crate::pager::Pager;
use crate::query::RequestOptions;
use crate::server::Server;
use crate::transport::Method;

/// `server.views()`.
pub struct Views<'a> {
    server: &'a Server,
}

impl Server {
    /// The view endpoints.
    pub fn views(&self) -> Views<'_> {
        Views { server: self }
    }
}

impl Views<'_> {
    /// One page of the site's views (with usage statistics when `usage`). API 2.2+.
    pub fn get(&self, opts: Option<&RequestOptions>, usage: bool) -> Result<Page<View>> {
        self.server.require("2.2", "querying the views of a site")?;
        let mut url = VIEW.url(self.server)?;
        if usage {
            url = url.query("includeUsageStatistics", "true");
        }
        listing::get_page(self.server, url, opts)
    }

    /// Every view of the site, page by page (with usage statistics when `usage`).
    pub fn pager(&self, opts: Option<&RequestOptions>, usage: bool) -> Pager<View> {
        listing::pager(self.server, opts, move |s, o| s.views().get(Some(o), usage))
    }

    /// The view with this LUID (with usage statistics when `usage`). API 3.1+.
    pub fn get_by_id(&self, id: &str, usage: bool) -> Result<View> {
        let id = VIEW.check_id(id)?;
        self.server.require("3.1", "getting a view by id")?;
        let mut url = VIEW.item_url(self.server, id)?;
        if usage {
            url = url.query("includeUsageStatistics", "true");
        }
        self.server.fetch(Method::Get, url, None)
    }

    /// Deletes the view with this LUID from its workbook (Python `views.delete`). API 3.27+.
    pub fn delete(&self, id: &str) -> Result<()> {
        let id = VIEW.check_id(id)?;
        self.server.require("3.27", "deleting a view")?;
        content::delete(self.server, &VIEW, id)
    }

    /// Adds tag `labels` to the view with this LUID; returns its tags as the server answers.
    pub fn add_tags(&self, id: &str, labels: &[&str]) -> Result<Vec<String>> {
        tags::add(self.server, &VIEW, id, labels)
    }

    /// Sends the tag changes of `item` since the server answered it (added labels in one
    /// request, then each removed one); `item` with its tags as sent. The Python client's
    /// `views.update` is this: only a view's tags can change.
    pub fn update_tags(&self, item: &View) -> Result<View> {
        let id = VIEW.id_of(item.id())?;
        tags::sync(self.server, &VIEW, id, item.tags_changes())?;
        Ok(item.tags_sent())
    }

    /// Deletes tag `labels` from the view with this LUID (one request each).
    pub fn delete_tags(&self, id: &str, labels: &[&str]) -> Result<()> {
        tags::delete(self.server, &VIEW, id, labels)
    }

    /// The preview image (PNG bytes) of `view`, which needs its id and its workbook's id.
    pub fn populate_preview_image(&self, view: &View) -> Result<Vec<u8>> {
        let (Some(id), Some(wb)) = (view.id(), view.workbook_id()) else {
            return Err(Error::invalid("View item missing ID or workbook ID."));
        };
        if id.trim().is_empty() || wb.trim().is_empty() {
            return Err(Error::invalid("View item missing ID or workbook ID."));
        }
        let url = WORKBOOK
            .sub_url(self.server, wb, VIEW.segment)?
            .segment(id)
            .path("previewImage");
        self.server.send(Method::Get, url, None)
    }
}

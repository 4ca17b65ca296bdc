//! Custom views (`/api/{v}/sites/{site}/customviews`, REST API 3.18): query (with a pager), one
//! by id, update (name and owner), delete (3.19); their image, PDF and CSV exports are
//! `Exports` (`server.custom_views_exports()`). Download and publish of a custom view's JSON
//! definition (3.21) use the experimental API, `/api/exp/sites/{site}/customviews`, as the
//! Python client does: the download is `…/{id}/content`, the publish a `multipart/mixed` POST
//! with the `request_payload` and a `tableau_customview` part (or, from the single-request
//! limit on, an upload session committed with `?uploadSessionId=`).

use crate::api::content;
use crate::api::listing;
use crate::api::publish::send_file;
use crate::api::require_id;
use crate::api::resource::CUSTOM_VIEW;
use crate::error::Result;
use crate::models::{CustomView, Model, Page};
use crate::pager::Pager;
use crate::query::RequestOptions;
use crate::server::Server;
use crate::transport::download::Fallback;
use crate::transport::{Destination, Downloaded, Method, Source, TransferOptions, UrlBuilder};
use crate::xml;

/// `server.custom_views()`.
pub struct CustomViews<'a> {
    server: &'a Server,
}

impl Server {
    /// The custom view endpoints.
    pub fn custom_views(&self) -> CustomViews<'_> {
        CustomViews { server: self }
    }
}

/// The multipart part of a published definition.
const FILE_PART: &str = "tableau_customview";

impl CustomViews<'_> {
    fn exp_url(&self) -> Result<UrlBuilder> {
        Ok(self.server.exp_site_url()?.path(CUSTOM_VIEW.segment))
    }

    /// One page of the custom views the signed-in user may see.
    pub fn get(&self, opts: Option<&RequestOptions>) -> Result<Page<CustomView>> {
        self.server.require("3.18", "listing custom views")?;
        content::get(self.server, &CUSTOM_VIEW, opts)
    }

    /// Every custom view the signed-in user may see, page by page.
    pub fn pager(&self, opts: Option<&RequestOptions>) -> Pager<CustomView> {
        listing::pager(self.server, opts, |s, o| s.custom_views().get(Some(o)))
    }

    /// The custom view with this LUID.
    pub fn get_by_id(&self, id: &str) -> Result<CustomView> {
        let id = require_id(id, CUSTOM_VIEW.missing_id)?;
        let url = CUSTOM_VIEW.item_url(self.server, id)?;
        self.server.require("3.18", "getting a custom view")?;
        self.server.fetch(Method::Get, url, None)
    }

    /// Updates the name and owner of the custom view `item.id()` from what is set on `item`;
    /// returns it as stored. With nothing set, no request is made and `item` comes back.
    pub fn update(&self, item: &CustomView) -> Result<CustomView> {
        let id = CUSTOM_VIEW.id_of(item.id())?;
        if !item.has_update() {
            return Ok(item.clone());
        }
        self.server.require("3.18", "updating a custom view")?;
        let body = item.update_request()?;
        self.server.fetch(
            Method::Put,
            CUSTOM_VIEW.item_url(self.server, id)?,
            Some(body),
        )
    }

    /// Deletes the custom view with this LUID.
    pub fn delete(&self, id: &str) -> Result<()> {
        let url = CUSTOM_VIEW.item_url(self.server, id)?;
        self.server.require("3.19", "deleting a custom view")?;
        self.server.send_empty(Method::Delete, url)
    }

    fn content_url(&self, id: &str) -> Result<UrlBuilder> {
        let id = CUSTOM_VIEW.check_id(id)?;
        self.server
            .require("3.21", "downloading a custom view's definition")?;
        Ok(self.exp_url()?.segment(id).path("content"))
    }

    /// The JSON definition of the custom view with this LUID, in memory.
    pub fn download_bytes(&self, id: &str) -> Result<Vec<u8>> {
        let url = self.content_url(id)?;
        self.server.send(Method::Get, url, None)
    }

    /// The JSON definition of the custom view with this LUID, streamed to `dest` (a file is
    /// written beside its target and renamed into place when complete).
    pub fn download(
        &self,
        id: &str,
        dest: Destination<'_>,
        transfer: &mut TransferOptions<'_>,
    ) -> Result<Downloaded> {
        let url = self.content_url(id)?;
        let fallback = Fallback {
            stem: id,
            sniff: |_| "json",
        };
        content::stream(self.server, url, dest, &fallback, transfer)
    }

    /// Publishes the JSON definition in `source` as `item` (its name, shared flag, owner and
    /// workbook); returns the custom view as stored.
    pub fn publish(
        &self,
        item: &CustomView,
        source: Source<'_>,
        transfer: &mut TransferOptions<'_>,
    ) -> Result<CustomView> {
        let xml_body = item.publish_request()?;
        let mut src = source.open()?;
        self.server.require("3.21", "publishing a custom view")?;
        let url = self.exp_url()?;
        let (label, reply) = send_file(self.server, url, &xml_body, FILE_PART, &mut src, transfer)?;
        let reply = reply?;
        let doc = xml::parse_reply(&reply, &label)?;
        CustomView::from_xml(doc.expect(CustomView::ELEMENT, &label)?)
    }
}

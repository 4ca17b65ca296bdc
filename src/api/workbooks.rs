//! Workbooks (`/api/{v}/sites/{site}/workbooks`): query, publish (one request or an upload
//! session), update, delete, download, and the views, connections and preview image of one.
//! Publishing, downloading and connections are shared with data sources (`content.rs`,
//! `publish.rs`, `connections.rs`).

use crate::api::listing;
use crate::api::publish::{self, Published};
use crate::api::publish_rules::WORKBOOK_FILES;
use crate::api::resource::{VIEW, WORKBOOK};
use crate::api::tags;
use crate::api::{connections, content, extracts, revisions};
use crate::error::Result;
use crate::models::{Connection, Page, PublishMode, PublishOptions, Revision, View, Workbook};
use crate::pager::Pager;
use crate::query::RequestOptions;
use crate::server::Server;
use crate::text::Text;
use crate::transport::{Destination, Downloaded, Method, Source, TransferOptions};

/// `server.workbooks()`.
pub struct Workbooks<'a> {
    server: &'a Server,
}

impl Server {
    /// The workbook endpoints.
    pub fn workbooks(&self) -> Workbooks<'_> {
        Workbooks { server: self }
    }
}

impl Workbooks<'_> {
    /// One page of the site's workbooks.
    pub fn get(&self, opts: Option<&RequestOptions>) -> Result<Page<Workbook>> {
        content::get(self.server, &WORKBOOK, opts)
    }

    /// Every workbook of the site, page by page.
    pub fn pager(&self, opts: Option<&RequestOptions>) -> Pager<Workbook> {
        listing::pager(self.server, opts, |s, o| s.workbooks().get(Some(o)))
    }

    /// The workbook with this LUID.
    pub fn get_by_id(&self, id: &str) -> Result<Workbook> {
        content::get_by_id(self.server, &WORKBOOK, id)
    }

    /// Publishes a `.twb` or `.twbx` file as `item` (its name, or the file name without the
    /// extension when it has none; its project, show_tabs and description). `Append` is refused.
    pub fn publish(
        &self,
        item: &Workbook,
        source: Source<'_>,
        mode: PublishMode,
        opts: &PublishOptions,
        transfer: &mut TransferOptions<'_>,
    ) -> Result<Published<Workbook>> {
        publish::publish(
            self.server,
            &WORKBOOK_FILES,
            item.name(),
            source,
            mode,
            opts,
            transfer,
            |name| item.publish_request(name, opts),
        )
    }

    /// Updates the workbook `item.id()` from the name, show_tabs, description, project and owner
    /// set on `item`; returns the workbook as the server stored it.
    pub fn update(&self, item: &Workbook) -> Result<Workbook> {
        self.update_with(item, false)
    }

    /// `update`, and with `include_view_acceleration_status` (API 3.22+) the reply's views carry
    /// their data acceleration status (Python `update(item, include_view_acceleration_status)`).
    pub fn update_with(
        &self,
        item: &Workbook,
        include_view_acceleration_status: bool,
    ) -> Result<Workbook> {
        let id = WORKBOOK.id_of(item.id())?;
        if include_view_acceleration_status {
            self.server
                .require("3.22", "asking for the views' acceleration status")?;
        }
        let body = item.update_request(self.server.api_version()?)?;
        tags::sync(self.server, &WORKBOOK, id, item.tags_changes())?;
        let mut url = WORKBOOK.item_url(self.server, id)?;
        if include_view_acceleration_status {
            url = url.query("includeViewAccelerationStatus", "True");
        }
        self.server.fetch(Method::Put, url, Some(body))
    }

    /// Adds tag `labels` to the workbook with this LUID; returns its tags as the server answers.
    pub fn add_tags(&self, id: &str, labels: &[&str]) -> Result<Vec<String>> {
        tags::add(self.server, &WORKBOOK, id, labels)
    }

    /// Deletes tag `labels` from the workbook with this LUID (one request each).
    pub fn delete_tags(&self, id: &str, labels: &[&str]) -> Result<()> {
        tags::delete(self.server, &WORKBOOK, id, labels)
    }

    /// Sends the tags added to and removed from `item` since the server answered it; returns
    /// `item` with its tags as the server now holds them (so later changes are sent from there).
    pub fn update_tags(&self, item: &Workbook) -> Result<Workbook> {
        let id = WORKBOOK.id_of(item.id())?;
        tags::sync(self.server, &WORKBOOK, id, item.tags_changes())?;
        Ok(item.tags_sent())
    }

    /// Deletes the workbook with this LUID.
    pub fn delete(&self, id: &str) -> Result<()> {
        content::delete(self.server, &WORKBOOK, id)
    }

    /// Downloads the workbook's file (`.twbx` or `.twb`) to `dest`.
    pub fn download(
        &self,
        id: &str,
        dest: Destination<'_>,
        transfer: &mut TransferOptions<'_>,
    ) -> Result<Downloaded> {
        content::download(self.server, &WORKBOOK_FILES, id, dest, transfer)
    }

    /// The views of `item` (with usage statistics when `usage`); each carries the workbook's id.
    pub fn populate_views(&self, item: &Workbook, usage: bool) -> Result<Page<View>> {
        let id = WORKBOOK.id_of(item.id())?;
        let mut url = WORKBOOK.sub_url(self.server, id, VIEW.segment)?;
        if usage {
            url = url.query("includeUsageStatistics", "true");
        }
        let mut page: Page<View> = listing::get_page(self.server, url, None)?;
        for v in &mut page.items {
            if v.workbook_id.is_none() {
                v.workbook_id = Some(Text::new(id)?);
            }
        }
        Ok(page)
    }

    /// The revisions of `item`, oldest first, the current one last (REST API 2.3+).
    pub fn populate_revisions(&self, item: &Workbook) -> Result<Page<Revision>> {
        revisions::get(self.server, &WORKBOOK_FILES, WORKBOOK.id_of(item.id())?)
    }

    /// Downloads revision `number` of the workbook with this LUID to `dest`, as `download` does.
    pub fn download_revision(
        &self,
        id: &str,
        number: u32,
        dest: Destination<'_>,
        transfer: &mut TransferOptions<'_>,
    ) -> Result<Downloaded> {
        revisions::download(self.server, &WORKBOOK_FILES, id, number, dest, transfer)
    }

    /// Removes revision `number` of the workbook with this LUID (not the current one).
    pub fn delete_revision(&self, id: &str, number: u32) -> Result<()> {
        revisions::delete(self.server, &WORKBOOK_FILES, id, number)
    }

    /// The data connections of `item`.
    pub fn populate_connections(&self, item: &Workbook) -> Result<Page<Connection>> {
        connections::get(self.server, &WORKBOOK, WORKBOOK.id_of(item.id())?)
    }

    /// The preview image (PNG bytes) of `item`.
    pub fn populate_preview_image(&self, item: &Workbook) -> Result<Vec<u8>> {
        let id = WORKBOOK.id_of(item.id())?;
        let url = WORKBOOK.sub_url(self.server, id, "previewImage")?;
        self.server.send(Method::Get, url, None)
    }

    /// Updates the connections `ids` of `item` in one request (API 3.26+, Python
    /// `update_connections`): each gets `update`'s authentication type and credentials; returns
    /// the updated connections.
    pub fn update_connections(
        &self,
        item: &Workbook,
        ids: &[&str],
        update: &connections::ConnectionsUpdate<'_>,
    ) -> Result<Page<Connection>> {
        let id = WORKBOOK.id_of(item.id())?;
        connections::update_many(self.server, &WORKBOOK, id, ids, update)
    }

    /// Updates one connection of `item` (server address, port, user name, password, embed flag,
    /// query tagging, authentication type, as set on `conn`); returns it as stored.
    pub fn update_connection(&self, item: &Workbook, conn: &Connection) -> Result<Connection> {
        let id = WORKBOOK.id_of(item.id())?;
        connections::update(self.server, &WORKBOOK, id, conn)
    }
}

/// Extracts (`api/extracts.rs`).
impl Workbooks<'_> {
    /// Refreshes the workbook's extracts now (REST API 2.8; incremental from 3.25); returns the
    /// job. A refresh already queued gives `Conflict` with Tableau error 409093.
    pub fn refresh(&self, id: &str, incremental: bool) -> Result<crate::models::Job> {
        extracts::refresh(self.server, &WORKBOOK, id, incremental)
    }

    /// Creates extracts for all the workbook's data sources (`datasources` None) or the listed
    /// ones (REST API 3.5), encrypted when `encrypt`; returns the job.
    pub fn create_extract(
        &self,
        id: &str,
        encrypt: bool,
        datasources: Option<&[&str]>,
    ) -> Result<crate::models::Job> {
        let label = format!("POST workbooks/{id}/createExtract");
        let body =
            extracts::extract_call(self.server, &WORKBOOK, id, Some(encrypt), datasources, true)?;
        extracts::parse_job(&body, &label)
    }

    /// Removes the extracts of all the workbook's data sources (`datasources` None) or the
    /// listed ones (REST API 3.3); returns the job.
    pub fn delete_extract(
        &self,
        id: &str,
        datasources: Option<&[&str]>,
    ) -> Result<crate::models::Job> {
        let label = format!("POST workbooks/{id}/deleteExtract");
        let body = extracts::extract_call(self.server, &WORKBOOK, id, None, datasources, true)?;
        extracts::parse_job(&body, &label)
    }
}

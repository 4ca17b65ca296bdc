//! Data sources (`/api/{v}/sites/{site}/datasources`): query, publish (one request or an upload
//! session; with credentials or connections), update, delete, download, and connections.
//! Publishing, downloading and connections are shared with workbooks (`content.rs`,
//! `publish.rs`, `connections.rs`).

use crate::api::listing;
use crate::api::publish::{self, Published};
use crate::api::publish_rules::DATASOURCE_FILES;
use crate::api::resource::DATASOURCE;
use crate::api::tags;
use crate::api::{connections, content};
use crate::error::Result;
use crate::models::{Connection, Datasource, Page, PublishMode, PublishOptions};
use crate::pager::Pager;
use crate::query::RequestOptions;
use crate::server::Server;
use crate::text::Text;
use crate::transport::{Destination, Downloaded, Method, Source, TransferOptions};

/// `server.datasources()`.
pub struct Datasources<'a> {
    server: &'a Server,
}

impl Server {
    /// The data source endpoints.
    pub fn datasources(&self) -> Datasources<'_> {
        Datasources { server: self }
    }
}

impl Datasources<'_> {
    /// One page of the site's data sources.
    pub fn get(&self, opts: Option<&RequestOptions>) -> Result<Page<Datasource>> {
        content::get(self.server, &DATASOURCE, opts)
    }

    /// Every data source of the site, page by page.
    pub fn pager(&self, opts: Option<&RequestOptions>) -> Pager<Datasource> {
        listing::pager(self.server, opts, |s, o| s.datasources().get(Some(o)))
    }

    /// The data source with this LUID.
    pub fn get_by_id(&self, id: &str) -> Result<Datasource> {
        content::get_by_id(self.server, &DATASOURCE, id)
    }

    /// Publishes a `.tds`, `.tdsx`, `.tde` or `.hyper` file as `item` (its name, or the file
    /// name without the extension; its project, description, certification, Ask Data setting).
    pub fn publish(
        &self,
        item: &Datasource,
        source: Source<'_>,
        mode: PublishMode,
        opts: &PublishOptions,
        transfer: &mut TransferOptions<'_>,
    ) -> Result<Published<Datasource>> {
        publish::publish(
            self.server,
            &DATASOURCE_FILES,
            item.name(),
            source,
            mode,
            opts,
            transfer,
            |name| item.publish_request(name, opts),
        )
    }

    /// Updates the data source `item.id()` from the attributes set on `item`; returns it as the
    /// server stored it.
    pub fn update(&self, item: &Datasource) -> Result<Datasource> {
        let id = DATASOURCE.id_of(item.id())?;
        tags::sync(self.server, &DATASOURCE, id, item.tags_changes())?;
        let url = DATASOURCE.item_url(self.server, id)?;
        self.server
            .fetch(Method::Put, url, Some(item.update_request()?))
    }

    /// Adds tag `labels` to the data source with this LUID; returns its tags as the server answers.
    pub fn add_tags(&self, id: &str, labels: &[&str]) -> Result<Vec<String>> {
        tags::add(self.server, &DATASOURCE, id, labels)
    }

    /// Deletes tag `labels` from the data source with this LUID (one request each).
    pub fn delete_tags(&self, id: &str, labels: &[&str]) -> Result<()> {
        tags::delete(self.server, &DATASOURCE, id, labels)
    }

    /// Sends the tags added to and removed from `item` since the server answered it; returns
    /// `item` with its tags as the server now holds them (so later changes are sent from there).
    pub fn update_tags(&self, item: &Datasource) -> Result<Datasource> {
        let id = DATASOURCE.id_of(item.id())?;
        tags::sync(self.server, &DATASOURCE, id, item.tags_changes())?;
        let mut synced = item.clone();
        synced.tags_read = synced.tags.clone();
        Ok(synced)
    }

    /// Deletes the data source with this LUID.
    pub fn delete(&self, id: &str) -> Result<()> {
        content::delete(self.server, &DATASOURCE, id)
    }

    /// Downloads the data source's file (`.tdsx`, `.tds`, ...) to `dest`.
    pub fn download(
        &self,
        id: &str,
        dest: Destination<'_>,
        transfer: &mut TransferOptions<'_>,
    ) -> Result<Downloaded> {
        content::download(self.server, &DATASOURCE_FILES, id, dest, transfer)
    }

    /// The data connections of `item`, each carrying the data source's id and name.
    pub fn populate_connections(&self, item: &Datasource) -> Result<Page<Connection>> {
        let id = DATASOURCE.id_of(item.id())?;
        let mut page = connections::get(self.server, &DATASOURCE, id)?;
        for c in &mut page.items {
            c.datasource_id = Some(Text::new(id)?);
            if let Some(n) = item.name() {
                c.datasource_name = Some(Text::new(n)?);
            }
        }
        Ok(page)
    }

    /// Updates one connection of `item`; returns it as stored.
    pub fn update_connection(&self, item: &Datasource, conn: &Connection) -> Result<Connection> {
        let id = DATASOURCE.id_of(item.id())?;
        connections::update(self.server, &DATASOURCE, id, conn)
    }
}

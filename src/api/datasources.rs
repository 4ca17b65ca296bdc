//! Data sources (`/api/{v}/sites/{site}/datasources`): query, publish (one request or an upload
//! session; with credentials or connections), update, delete, download, and connections.
//! Publishing, downloading and connections are shared with workbooks (`content.rs`,
//! `publish.rs`, `connections.rs`).

use crate::api::listing;
use crate::api::publish::{self, Published};
use crate::api::publish_rules::DATASOURCE_FILES;
use crate::api::resource::DATASOURCE;
use crate::api::tags;
use crate::api::{connections, content, extracts, revisions};
use crate::error::Result;
use crate::models::{Connection, Datasource, Page, PublishMode, PublishOptions, Revision};
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
        Ok(item.tags_sent())
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

    /// The revisions of `item`, oldest first, the current one last (REST API 2.3+).
    pub fn populate_revisions(&self, item: &Datasource) -> Result<Page<Revision>> {
        revisions::get(self.server, &DATASOURCE_FILES, DATASOURCE.id_of(item.id())?)
    }

    /// Downloads revision `number` of the data source with this LUID to `dest`, as `download` does.
    pub fn download_revision(
        &self,
        id: &str,
        number: u32,
        dest: Destination<'_>,
        transfer: &mut TransferOptions<'_>,
    ) -> Result<Downloaded> {
        revisions::download(self.server, &DATASOURCE_FILES, id, number, dest, transfer)
    }

    /// Removes revision `number` of the data source with this LUID (not the current one).
    pub fn delete_revision(&self, id: &str, number: u32) -> Result<()> {
        revisions::delete(self.server, &DATASOURCE_FILES, id, number)
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

    /// Updates the connections `ids` of `item` in one request (API 3.26+, Python
    /// `update_connections`): each gets `update`'s authentication type and credentials; returns
    /// the updated connections.
    pub fn update_connections(
        &self,
        item: &Datasource,
        ids: &[&str],
        update: &connections::ConnectionsUpdate<'_>,
    ) -> Result<Page<Connection>> {
        let id = DATASOURCE.id_of(item.id())?;
        connections::update_many(self.server, &DATASOURCE, id, ids, update)
    }

    /// Updates one connection of `item`; returns it as stored.
    pub fn update_connection(&self, item: &Datasource, conn: &Connection) -> Result<Connection> {
        let id = DATASOURCE.id_of(item.id())?;
        connections::update(self.server, &DATASOURCE, id, conn)
    }
}

/// Extracts (`api/extracts.rs`).
impl Datasources<'_> {
    /// Refreshes the data source's extract now (REST API 2.8; incremental from 3.25); returns
    /// the job. A refresh already queued gives `Conflict` with Tableau error 409093.
    pub fn refresh(&self, id: &str, incremental: bool) -> Result<crate::models::Job> {
        extracts::refresh(self.server, &DATASOURCE, id, incremental)
    }

    /// Creates an extract of the data source (REST API 3.5), encrypted when `encrypt`; returns
    /// the job.
    pub fn create_extract(&self, id: &str, encrypt: bool) -> Result<crate::models::Job> {
        let label = format!("POST datasources/{id}/createExtract");
        let body =
            extracts::extract_call(self.server, &DATASOURCE, id, Some(encrypt), None, false)?;
        extracts::parse_job(&body, &label)
    }

    /// Removes the data source's extract (REST API 3.5).
    pub fn delete_extract(&self, id: &str) -> Result<()> {
        extracts::extract_call(self.server, &DATASOURCE, id, None, None, false).map(|_| ())
    }
}

/// Hyper data updates (REST API 3.13).
impl Datasources<'_> {
    /// Applies `actions` (a JSON array of Tableau's hyper update actions: insert, update,
    /// delete, replace, upsert) to the data source's extract: `PATCH …/datasources/{id}/data`
    /// with `{"actions": …}` and the `RequestID` header (`request_id` makes the request
    /// idempotent); the rows the actions read come from `payload`, a `.hyper` file uploaded
    /// through an upload session first. Returns the job.
    pub fn update_hyper_data(
        &self,
        id: &str,
        request_id: &str,
        actions: &str,
        payload: Option<&std::path::Path>,
    ) -> Result<crate::models::Job> {
        use crate::error::Error;
        self.server.require("3.13", "updating hyper data")?;
        let id = DATASOURCE.check_id(id)?;
        if request_id.trim().is_empty() {
            return Err(Error::invalid("the request id is empty"));
        }
        let a = actions.trim();
        if !(a.starts_with('[') && a.ends_with(']')) {
            return Err(Error::invalid(
                "the actions are not a JSON array ([{\"action\": \"insert\", …}, …])",
            ));
        }
        let mut url = DATASOURCE.sub_url(self.server, id, "data")?;
        if let Some(path) = payload {
            let mut file = std::fs::File::open(path).map_err(|e| {
                Error::new(
                    crate::error::Status::File,
                    format!("the payload {} cannot be read: {e}", path.display()),
                )
            })?;
            let size = file
                .metadata()
                .map_err(|e| Error::new(crate::error::Status::File, e.to_string()))?
                .len();
            let session = super::file_uploads::initiate(self.server)?;
            let mut opts = TransferOptions::new();
            let mut tracker = crate::transport::progress::Tracker::new(&mut opts, Some(size));
            let mut left = size;
            loop {
                let n = left.min(crate::transport::TSC_MAX_CHUNK_SIZE);
                let mut part = std::io::Read::take(&mut file, n);
                super::file_uploads::append(
                    self.server,
                    &session,
                    &mut part,
                    n,
                    "payload",
                    &mut tracker,
                )?;
                left -= n;
                if left == 0 {
                    break;
                }
            }
            url = url.query("uploadSessionId", &session);
        }
        let label = format!("PATCH {}", url.clone().build());
        let body = format!("{{\"actions\": {a}}}").into_bytes();
        let reply = self.server.send_with(
            Method::Patch,
            url,
            "application/json",
            vec![("RequestID", request_id.to_string())],
            body,
        )?;
        extracts::parse_job(&reply, &label)
    }
}

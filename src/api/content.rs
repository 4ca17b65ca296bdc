//! What stored content (workbooks, data sources; flows later) shares, written once: one page of
//! the collection, one item by id and deleting it, for any [`Resource`], and downloading an
//! item's file (or one of its revisions', `revisions.rs`), whose name falls back on the [`PublishRules`]' sniffing (through `stream`, which
//! exports use too). `workbooks.rs` and
//! `datasources.rs` are thin faces over this, `publish.rs` and `connections.rs`.

use crate::api::listing;
use crate::api::publish_rules::PublishRules;
use crate::api::resource::Resource;
use crate::error::Result;
use crate::models::{Model, Page};
use crate::server::Server;
use crate::transport::download::{self, Fallback};
use crate::transport::progress::Tracker;
use crate::transport::{Destination, Downloaded, Method, TransferOptions, UrlBuilder};

/// One page of items.
pub(crate) fn get<T: Model>(
    server: &Server,
    res: &Resource,
    opts: Option<&crate::query::RequestOptions>,
) -> Result<Page<T>> {
    listing::get_page(server, res.url(server)?, opts)
}

/// The item with this id.
pub(crate) fn get_by_id<T: Model>(server: &Server, res: &Resource, id: &str) -> Result<T> {
    server.fetch(Method::Get, res.item_url(server, id)?, None)
}

/// Deletes the item with this id.
pub(crate) fn delete(server: &Server, res: &Resource, id: &str) -> Result<()> {
    server.send_empty(Method::Delete, res.item_url(server, id)?)
}

/// Downloads the content of the item with this id (`GET .../content`) to `dest`.
pub(crate) fn download(
    server: &Server,
    rules: &PublishRules,
    id: &str,
    dest: Destination<'_>,
    transfer: &mut TransferOptions<'_>,
) -> Result<Downloaded> {
    let url = rules.resource.sub_url(server, id, "content")?;
    stream_content(server, rules, id, url, dest, transfer)
}

/// Streams an item's file from `url` (`…/content`, `…/revisions/{n}/content`) to `dest`,
/// without the extract when the transfer options say so; the item's id names the file when the
/// server does not.
pub(crate) fn stream_content(
    server: &Server,
    rules: &PublishRules,
    id: &str,
    mut url: UrlBuilder,
    dest: Destination<'_>,
    transfer: &mut TransferOptions<'_>,
) -> Result<Downloaded> {
    if !transfer.include_extract {
        url = url.query("includeExtract", "false");
    }
    let fallback = Fallback {
        stem: id,
        sniff: rules.sniff,
    };
    stream(server, url, dest, &fallback, transfer)
}

/// Streams the answer to a GET of `url` to `dest`, with progress and cancellation (downloads
/// and exports); `fallback` names the file when the server does not.
pub(crate) fn stream(
    server: &Server,
    url: UrlBuilder,
    dest: Destination<'_>,
    fallback: &Fallback<'_>,
    transfer: &mut TransferOptions<'_>,
) -> Result<Downloaded> {
    let label = format!("GET {}", url.clone().build());
    let mut tracker = Tracker::new(transfer, None);
    tracker.check()?;
    let mut resp = server.open_download(url)?;
    download::save(&mut resp, dest, fallback, &mut tracker, &label)
}

//! Revisions of stored content (workbooks, data sources), written once for any kind of
//! [`PublishRules`]: the list (`GET …/{id}/revisions`), one revision's file
//! (`GET …/{id}/revisions/{n}/content`, streamed to a destination exactly as a download is:
//! temporary file renamed into place, progress, cancel) and removing one
//! (`DELETE …/{id}/revisions/{n}`). REST API 2.3. `workbooks.rs` and `datasources.rs` are thin
//! faces over this.

use crate::api::content;
use crate::api::listing;
use crate::api::publish_rules::PublishRules;
use crate::error::{Error, Result};
use crate::models::{Page, Revision};
use crate::server::Server;
use crate::transport::{Destination, Downloaded, Method, TransferOptions, UrlBuilder};

/// The lowest REST API version of every revision call.
const SINCE: &str = "2.3";

/// The revisions of the item with this id, oldest first (the server's order).
pub(crate) fn get(server: &Server, rules: &PublishRules, id: &str) -> Result<Page<Revision>> {
    server.require(SINCE, "revisions")?;
    listing::get_page(
        server,
        rules.resource.sub_url(server, id, "revisions")?,
        None,
    )
}

/// `…/{id}/revisions/{n}`, after checking the arguments.
fn url(server: &Server, rules: &PublishRules, id: &str, number: u32) -> Result<UrlBuilder> {
    let id = rules.resource.check_id(id)?;
    if number == 0 {
        return Err(Error::invalid(
            "revision numbers start at 1: pass a revision_number from the revision list",
        ));
    }
    server.require(SINCE, "revisions")?;
    Ok(rules
        .resource
        .sub_url(server, id, "revisions")?
        .segment(&number.to_string()))
}

/// Downloads revision `number` of the item with this id to `dest`.
pub(crate) fn download(
    server: &Server,
    rules: &PublishRules,
    id: &str,
    number: u32,
    dest: Destination<'_>,
    transfer: &mut TransferOptions<'_>,
) -> Result<Downloaded> {
    let url = url(server, rules, id, number)?.path("content");
    content::stream_content(server, rules, id, url, dest, transfer)
}

/// Removes revision `number` of the item with this id.
pub(crate) fn delete(server: &Server, rules: &PublishRules, id: &str, number: u32) -> Result<()> {
    server.send_empty(Method::Delete, url(server, rules, id, number)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shape of Tableau's Get Workbook Revisions reply (REST API reference).
    const REPLY: &[u8] = br#"<?xml version='1.0' encoding='UTF-8'?><tsResponse xmlns="http://tableau.com/api"><pagination pageNumber="1" pageSize="100" totalAvailable="2"/><revisions><revision revisionNumber="1" publishedAt="2016-07-26T20:34:56Z" deleted="true" current="false" sizeInBytes="9000"><publisher id="u1" name="Alice"/></revision><revision revisionNumber="2" publishedAt="2016-07-27T20:34:56Z" deleted="false" current="true" sizeInBytes="12000"><publisher id="u2" name="Bob"/></revision></revisions></tsResponse>"#;

    #[test]
    fn reads_every_field() {
        let page: Page<Revision> = Page::parse(REPLY, "GET revisions").unwrap();
        assert_eq!(page.items.len(), 2);
        let (a, b) = (&page.items[0], &page.items[1]);
        assert_eq!(
            (a.revision_number(), a.deleted(), a.current()),
            (Some(1), Some(true), Some(false))
        );
        assert_eq!(
            (b.revision_number(), b.deleted(), b.current()),
            (Some(2), Some(false), Some(true))
        );
        assert_eq!(b.created_at(), Some("2016-07-27T20:34:56Z"));
        assert_eq!(b.size_in_bytes(), Some(12000));
        assert_eq!((b.user_id(), b.user_name()), (Some("u2"), Some("Bob")));
    }
}

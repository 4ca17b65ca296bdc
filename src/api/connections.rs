//! The data connections of one item of any resource that has them
//! (`{site}/{segment}/{id}/connections`: workbooks, data sources; flows later): the list, and
//! updating one.

use crate::api::listing;
use crate::api::resource::Resource;
use crate::error::{Error, Result};
use crate::models::{Connection, Page};
use crate::server::Server;
use crate::transport::Method;

/// The connections of the item with this id (an unpaged list).
pub(crate) fn get(server: &Server, res: &Resource, id: &str) -> Result<Page<Connection>> {
    listing::get_page(server, res.sub_url(server, id, "connections")?, None)
}

/// Updates one connection of the item with this id; returns it as the server stored it.
pub(crate) fn update(
    server: &Server,
    res: &Resource,
    id: &str,
    conn: &Connection,
) -> Result<Connection> {
    let conn_id = match conn.id() {
        Some(c) if !c.trim().is_empty() => c,
        _ => {
            return Err(Error::invalid(
                "Connection item missing ID. Connection must be retrieved from server first.",
            ))
        }
    };
    let url = res.sub_url(server, id, "connections")?.segment(conn_id);
    server.fetch(Method::Put, url, Some(conn.update_request()?))
}

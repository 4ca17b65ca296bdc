//! What workbooks and data sources share, written once and parameterised by a [`Kind`]: the URL
//! family, the publish file types and messages, query by id, delete, download of the content,
//! and the connection endpoints. `workbooks.rs` and `datasources.rs` are thin faces over this.

use crate::api::{listing, require_id};
use crate::error::{Error, Result};
use crate::models::{Connection, Model, Page};
use crate::server::Server;
use crate::transport::download::{self, Fallback};
use crate::transport::progress::Tracker;
use crate::transport::{Body, Destination, Downloaded, Method, TransferOptions, UrlBuilder};

/// One kind of publishable content.
pub(crate) struct Kind {
    /// For messages: "workbook", "data source".
    pub noun: &'static str,
    /// The URL collection: "workbooks", "datasources".
    pub path: &'static str,
    /// The publish query parameter naming the file type: "workbookType".
    pub type_param: &'static str,
    /// The multipart part carrying the file: "tableau_workbook".
    pub file_part: &'static str,
    /// Accepted file extensions, lower-case.
    pub extensions: &'static [&'static str],
    /// The message for any other extension.
    pub bad_extension: &'static str,
    /// The message for an empty id.
    pub id_undefined: &'static str,
    /// The message for an item without an id.
    pub missing_id: &'static str,
    /// Whether `Append` is a valid publish mode.
    pub appendable: bool,
    /// Whether workbook-only publish options (hidden views, connection check, thumbnails) apply.
    pub workbook: bool,
    /// The extension of downloaded content from its first bytes, when the server names no file.
    pub sniff: fn(&[u8]) -> &'static str,
}

const ZIP: &[u8] = b"PK\x03\x04";

pub(crate) static WORKBOOK: Kind = Kind {
    noun: "workbook",
    path: "workbooks",
    type_param: "workbookType",
    file_part: "tableau_workbook",
    extensions: &["twb", "twbx"],
    bad_extension: "Only .twb or .twbx files can be published as workbooks.",
    id_undefined: "Workbook ID undefined.",
    missing_id: "Workbook item missing ID. Workbook must be retrieved from server first.",
    appendable: false,
    workbook: true,
    sniff: |b| if b.starts_with(ZIP) { "twbx" } else { "twb" },
};

pub(crate) static DATASOURCE: Kind = Kind {
    noun: "data source",
    path: "datasources",
    type_param: "datasourceType",
    file_part: "tableau_datasource",
    extensions: &["tds", "tdsx", "tde", "hyper"],
    bad_extension: "Only .tds, .tdsx, .tde or .hyper files can be published as datasources.",
    id_undefined: "Datasource ID undefined.",
    missing_id: "Datasource item missing ID. Datasource must be retrieved from server first.",
    appendable: true,
    workbook: false,
    sniff: |b| {
        if b.starts_with(ZIP) {
            "tdsx"
        } else if b.len() >= 6 && b.starts_with(b"Hyper") && b[5] < 0x20 {
            "hyper"
        } else if b.starts_with(b"\x20\x02\x01\x62") {
            "tde"
        } else {
            "tds"
        }
    },
};

impl Kind {
    /// `{site}/{path}`.
    pub(crate) fn url(&self, server: &Server) -> Result<UrlBuilder> {
        Ok(server.site_url()?.0.path(self.path))
    }

    /// `{site}/{path}/{id}` after checking the id.
    pub(crate) fn item_url(&self, server: &Server, id: &str) -> Result<UrlBuilder> {
        let id = require_id(id, self.id_undefined)?;
        Ok(self.url(server)?.segment(id))
    }

    /// The id of an item argument, or the "must be retrieved from server first" error.
    pub(crate) fn id_of<'i>(&self, id: Option<&'i str>) -> Result<&'i str> {
        match id {
            Some(i) if !i.trim().is_empty() => Ok(i),
            _ => Err(Error::invalid(self.missing_id)),
        }
    }

    /// The lower-case extension of `file_name` if this kind accepts it.
    pub(crate) fn check_extension(&self, file_name: &str) -> Result<String> {
        let ext = file_name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        if self.extensions.contains(&ext.as_str()) {
            Ok(ext)
        } else {
            Err(Error::invalid(format!(
                "{} ('{file_name}')",
                self.bad_extension
            )))
        }
    }
}

/// One page of items.
pub(crate) fn get<T: Model>(
    server: &Server,
    kind: &Kind,
    opts: Option<&crate::query::RequestOptions>,
) -> Result<Page<T>> {
    listing::get_page(server, kind.url(server)?, opts)
}

/// The item with this id.
pub(crate) fn get_by_id<T: Model>(server: &Server, kind: &Kind, id: &str) -> Result<T> {
    server.fetch(Method::Get, kind.item_url(server, id)?, None)
}

/// Deletes the item with this id.
pub(crate) fn delete(server: &Server, kind: &Kind, id: &str) -> Result<()> {
    server.send_empty(Method::Delete, kind.item_url(server, id)?)
}

/// The connections of the item with this id (an unpaged list).
pub(crate) fn connections(server: &Server, kind: &Kind, id: &str) -> Result<Page<Connection>> {
    let url = kind.item_url(server, id)?.path("connections");
    listing::get_page(server, url, None)
}

/// Updates one connection of the item with this id; returns it as the server stored it.
pub(crate) fn update_connection(
    server: &Server,
    kind: &Kind,
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
    let url = kind
        .item_url(server, id)?
        .path("connections")
        .segment(conn_id);
    server.fetch(Method::Put, url, Some(conn.update_request()?))
}

/// Downloads the content of the item with this id (`GET .../content`) to `dest`.
pub(crate) fn download(
    server: &Server,
    kind: &Kind,
    id: &str,
    dest: Destination<'_>,
    transfer: &mut TransferOptions<'_>,
) -> Result<Downloaded> {
    let mut url = kind.item_url(server, id)?.path("content");
    if !transfer.include_extract {
        url = url.query("includeExtract", "false");
    }
    let label = format!("GET {}", url.clone().build());
    let mut tracker = Tracker::new(transfer, None);
    tracker.check()?;
    let mut resp = server.open(Method::Get, url, None, Body::None)?;
    let fallback = Fallback {
        stem: id,
        sniff: kind.sniff,
    };
    download::save(&mut resp, dest, &fallback, &mut tracker, &label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_by_kind() {
        assert_eq!(WORKBOOK.check_extension("a.TWBX").unwrap(), "twbx");
        assert!(WORKBOOK.check_extension("a.tds").is_err());
        assert!(WORKBOOK.check_extension("noext").is_err());
        for ok in ["a.tds", "b.tdsx", "c.tde", "d.hyper"] {
            assert!(DATASOURCE.check_extension(ok).is_ok());
        }
        let e = DATASOURCE.check_extension("x.twbx").unwrap_err();
        assert!(e
            .message()
            .starts_with("Only .tds, .tdsx, .tde or .hyper files"));
        assert_eq!((DATASOURCE.sniff)(b"Hyper\x08\x00"), "hyper");
        assert_eq!((WORKBOOK.sniff)(b"PK\x03\x04xx"), "twbx");
        assert_eq!((WORKBOOK.sniff)(b"<?xml"), "twb");
    }
}

//! The data connections of one item of any resource that has them
//! (`{site}/{segment}/{id}/connections`: workbooks, data sources; flows later): the list,
//! updating one, and updating many at once (REST API 3.26, Python `update_connections`).

use crate::api::listing;
use crate::api::resource::Resource;
use crate::error::{Error, Result};
use crate::models::{Connection, Model, Page};
use crate::server::Server;
use crate::transport::Method;
use crate::xml::{self, RequestWriter};

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
    let body = conn.update_request()?;
    let url = res.sub_url(server, id, "connections")?.segment(conn_id);
    let label = format!("{} {}", Method::Put.as_str(), url.clone().build());
    let bytes = server.send(Method::Put, url, Some(body))?;
    updated_connection(&bytes, &label)
}

/// What a bulk update sets on every connection it names (Python `update_connections`'
/// arguments): the authentication type, and the user name, password and embed flag when given.
pub struct ConnectionsUpdate<'a> {
    pub authentication_type: &'a str,
    pub username: Option<&'a str>,
    pub password: Option<&'a str>,
    pub embed_password: Option<bool>,
}

impl ConnectionsUpdate<'_> {
    /// `<connectionLUIDs><connectionLUID>{id}</connectionLUID>…</connectionLUIDs><connection
    /// authenticationType [userName] [password] [embedPassword]/>`, as the Python client writes it.
    fn request(&self, ids: &[&str]) -> Result<Vec<u8>> {
        if ids.is_empty() {
            return Err(Error::invalid(
                "no connection ids: name at least one connection to update",
            ));
        }
        if let Some(bad) = ids.iter().find(|i| i.trim().is_empty()) {
            return Err(Error::invalid(format!(
                "the connection id {bad:?} is empty: use the ids populate_connections gives"
            )));
        }
        if self.authentication_type.trim().is_empty() {
            return Err(Error::invalid(
                "the authentication type is empty: give one, e.g. \"username-password\"",
            ));
        }
        Ok(RequestWriter::new()
            .element("connectionLUIDs", |list| {
                for id in ids {
                    list.child("connectionLUID", |c| c.text(id).map(|_| ()))?;
                }
                Ok(())
            })?
            .element("connection", |c| {
                c.attr("authenticationType", self.authentication_type)?
                    .opt_attr("userName", self.username)?
                    .opt_attr("password", self.password)?
                    .opt_bool("embedPassword", self.embed_password)?;
                Ok(())
            })?
            .finish())
    }
}

/// Updates the connections `ids` of the item with this id in one request (API 3.26+); returns
/// the connections the server updated.
pub(crate) fn update_many(
    server: &Server,
    res: &Resource,
    id: &str,
    ids: &[&str],
    update: &ConnectionsUpdate<'_>,
) -> Result<Page<Connection>> {
    server.require("3.26", "updating several connections at once")?;
    let body = update.request(ids)?;
    let url = res.sub_url(server, id, "connections")?;
    let label = format!("{} {}", Method::Put.as_str(), url.clone().build());
    let bytes = server.send(Method::Put, url, Some(body))?;
    Page::parse(&bytes, &label)
}

/// The connection of an update's reply: `<tsResponse><connection/>` as documented, or
/// `<tsResponse><connections><connection/></connections>` as real servers also answer (the
/// Python client reads the first `connection` anywhere in the reply).
fn updated_connection(bytes: &[u8], label: &str) -> Result<Connection> {
    let reply = xml::parse_reply(bytes, label)?;
    let root = reply.root();
    let node = xml::child(root, Connection::ELEMENT)
        .or_else(|| {
            xml::child(root, Connection::LIST).and_then(|l| xml::child(l, Connection::ELEMENT))
        })
        .ok_or_else(|| xml::missing(Connection::ELEMENT, label))?;
    Connection::from_xml(node)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Status;

    const BARE: &[u8] = br#"<?xml version='1.0' encoding='UTF-8'?><tsResponse xmlns="http://tableau.com/api" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><connection id="c1" type="postgres" serverAddress="db.example.com" serverPort="5432" userName="u" embedPassword="true"/></tsResponse>"#;
    /// What Tableau Server 2023.1 answered to `PUT …/workbooks/{id}/connections/{id}`.
    const WRAPPED: &[u8] = br#"<?xml version='1.0' encoding='UTF-8'?><tsResponse xmlns="http://tableau.com/api" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://tableau.com/api http://tableau.com/api/ts-api-3.19.xsd"><connections><connection id="c1" type="postgres" embedPassword="true" serverAddress="db.example.com" serverPort="5432" userName="u" queryTaggingEnabled="false"><datasource id="d1" name="Sales"/></connection></connections></tsResponse>"#;

    #[test]
    fn a_bulk_update_body_is_the_python_clients() {
        let u = ConnectionsUpdate {
            authentication_type: "username-password",
            username: Some("u"),
            password: Some("p&"),
            embed_password: Some(true),
        };
        let body = String::from_utf8(u.request(&["c1", "c2"]).unwrap()).unwrap();
        assert_eq!(
            body,
            "<tsRequest><connectionLUIDs><connectionLUID>c1</connectionLUID>\
             <connectionLUID>c2</connectionLUID></connectionLUIDs><connection \
             authenticationType=\"username-password\" userName=\"u\" password=\"p&amp;\" \
             embedPassword=\"true\"/></tsRequest>"
        );
        assert!(u.request(&[]).is_err());
        assert!(u.request(&["c1", " "]).is_err());
    }

    #[test]
    fn an_update_reply_is_read_bare_or_wrapped_in_connections() {
        for body in [BARE, WRAPPED] {
            let c = updated_connection(body, "PUT x").unwrap();
            assert_eq!(c.id(), Some("c1"));
            assert_eq!(c.server_address(), Some("db.example.com"));
            assert_eq!(c.embed_password(), Some(true));
        }
        let none = br#"<tsResponse xmlns="http://tableau.com/api"><connections/></tsResponse>"#;
        let e = updated_connection(none, "PUT x").unwrap_err();
        assert_eq!(e.status(), Status::Protocol);
        assert!(e.message().contains("no <connection> element"), "{e}");
    }
}

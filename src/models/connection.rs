//! Connection specifics: the body of an update, and the `<connection>` element a publish sends.

use crate::error::{Error, Result};
use crate::models::{Connection, ConnectionCredentials};
use crate::xml::{Element, RequestWriter};

/// Connection types on which the server always has query tagging on, so it cannot be set (the
/// Python client's `ConnectionItem.query_tagging` setter ignores them).
const ALWAYS_QUERY_TAGGED: &[&str] = &["hyper", "snowflake", "teradata"];

impl Connection {
    /// Whether this connection's type always has query tagging on.
    fn query_tagging_fixed(&self) -> bool {
        self.connection_type().is_some_and(|t| {
            ALWAYS_QUERY_TAGGED
                .iter()
                .any(|a| t.eq_ignore_ascii_case(a))
        })
    }

    /// The rule of `set_query_tagging`: refused on hyper, snowflake and teradata connections.
    pub(crate) fn check_query_tagging(&self, value: Option<bool>) -> Result<()> {
        if value.is_some() && self.query_tagging_fixed() {
            return Err(Error::invalid(format!(
                "query tagging cannot be set on a {} connection: the server always has it on \
                 for hyper, snowflake and teradata connections",
                self.connection_type().unwrap_or_default()
            )));
        }
        Ok(())
    }

    /// `<connection serverAddress serverPort userName password authenticationType embedPassword
    /// queryTaggingEnabled/>` with the attributes that are set (Python `update_connection`).
    pub(crate) fn update_request(&self) -> Result<Vec<u8>> {
        Ok(RequestWriter::new()
            .element("connection", |e| {
                e.opt_attr("serverAddress", self.server_address())?
                    .opt_attr("serverPort", self.server_port())?
                    .opt_attr("userName", self.username())?
                    .opt_attr("password", self.password_secret().map(|s| s.expose()))?
                    .opt_attr("authenticationType", self.auth_type())?
                    .opt_bool("embedPassword", self.embed_password())?
                    .opt_bool(
                        "queryTaggingEnabled",
                        // read from the server, never sent back where it cannot be set
                        self.query_tagging().filter(|_| !self.query_tagging_fixed()),
                    )?;
                Ok(())
            })?
            .finish())
    }

    /// `<connection serverAddress [serverPort] [databaseName]>[<connectionCredentials/>]
    /// </connection>` for a publish: `creds`, else credentials from the user name and password when both are set.
    pub(crate) fn write_publish(
        &self,
        e: &mut Element<'_>,
        creds: Option<&ConnectionCredentials>,
    ) -> Result<()> {
        let derived = match (creds, self.username(), self.password_secret()) {
            (None, Some(u), Some(p)) => Some(ConnectionCredentials::new(
                u,
                p.expose(),
                self.embed_password().unwrap_or(false),
                false,
            )?),
            _ => None,
        };
        e.child("connection", |c| {
            c.opt_attr("serverAddress", self.server_address())?
                .opt_attr("serverPort", self.server_port())?
                .opt_attr("databaseName", self.database_name())?;
            if let Some(cr) = creds.or(derived.as_ref()) {
                cr.write(c)?;
            }
            Ok(())
        })?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn update_body_has_only_what_is_set() {
        let mut c = Connection::default();
        c.set_server_address(Some("db.example.com")).unwrap();
        c.set_password(Some("s3cret")).unwrap();
        c.set_embed_password(Some(true));
        let body = String::from_utf8(c.update_request().unwrap()).unwrap();
        assert_eq!(
            body,
            "<tsRequest><connection serverAddress=\"db.example.com\" password=\"s3cret\" embedPassword=\"true\"/></tsRequest>"
        );
        assert!(!format!("{c:?}").contains("s3cret"));
    }

    #[test]
    fn query_tagging_cannot_be_set_where_the_server_always_has_it_on() {
        for t in ["hyper", "Snowflake", "teradata"] {
            let mut c = Connection {
                connection_type: Some(crate::text::Text::new(t).unwrap()),
                ..Default::default()
            };
            let e = c.set_query_tagging(Some(false)).unwrap_err();
            assert_eq!(e.status(), crate::error::Status::InvalidArgument);
            assert!(e.message().contains("query tagging cannot be set"), "{e}");
            assert!(c.set_query_tagging(None).is_ok());
            // a value read from the server is not sent back
            c.query_tagging = Some(true);
            c.set_password(Some("p")).unwrap();
            let body = String::from_utf8(c.update_request().unwrap()).unwrap();
            assert!(!body.contains("queryTagging"), "{body}");
        }
        let mut pg = Connection {
            connection_type: Some(crate::text::Text::new("postgres").unwrap()),
            ..Default::default()
        };
        pg.set_query_tagging(Some(true)).unwrap();
        let body = String::from_utf8(pg.update_request().unwrap()).unwrap();
        assert!(body.contains("queryTaggingEnabled=\"true\""), "{body}");
    }
}

//! Connection specifics: the body of an update, and the `<connection>` element a publish sends.

use crate::error::Result;
use crate::models::{Connection, ConnectionCredentials};
use crate::xml::{Element, RequestWriter};

impl Connection {
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
                    .opt_bool("queryTaggingEnabled", self.query_tagging())?;
                Ok(())
            })?
            .finish())
    }

    /// `<connection serverAddress [serverPort]>[<connectionCredentials/>]</connection>` for a
    /// publish: `creds`, else credentials from the user name and password when both are set.
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
                .opt_attr("serverPort", self.server_port())?;
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
}

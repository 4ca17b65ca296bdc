//! What a publish sends besides the file: the [`PublishMode`], the [`PublishOptions`] (asJob,
//! connection check, hidden views, credentials or connections, thumbnails user) and the
//! [`ConnectionCredentials`] type, with the XML they become inside the request payload.

use crate::error::{Error, Result};
use crate::models::Connection;
use crate::secret::Secret;
use crate::text::Text;
use crate::xml::Element;

/// How a publish treats an item of the same name in the same project.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PublishMode {
    /// Create a new item; fails if one with the same name exists in the project.
    CreateNew,
    /// Replace the existing item of the same name (or create it).
    Overwrite,
    /// Append the file's data to an existing extract data source (data sources only).
    Append,
    /// Replace the data of the existing data source of the same name (data sources only;
    /// Python `PublishMode.Replace`).
    Replace,
}

impl PublishMode {
    /// The mode as Tableau names it.
    pub fn as_str(self) -> &'static str {
        match self {
            PublishMode::CreateNew => "CreateNew",
            PublishMode::Overwrite => "Overwrite",
            PublishMode::Append => "Append",
            PublishMode::Replace => "Replace",
        }
    }
}

/// Credentials a published workbook or data source uses to reach its database
/// (Python `ConnectionCredentials`).
#[derive(Clone, PartialEq)]
pub struct ConnectionCredentials {
    name: Text,
    password: Secret,
    embed: bool,
    oauth: bool,
}

impl ConnectionCredentials {
    /// User `name` and `password` (or OAuth token); `embed` stores them with the content, `oauth`
    /// marks an OAuth credential.
    pub fn new(name: &str, password: &str, embed: bool, oauth: bool) -> Result<Self> {
        if name.is_empty() {
            return Err(Error::invalid(
                "Connection Credentials must have a name and password",
            ));
        }
        Ok(ConnectionCredentials {
            name: Text::new(name)?,
            password: Secret::new(password)?,
            embed,
            oauth,
        })
    }

    /// The user name.
    pub fn name(&self) -> &str {
        self.name.as_str()
    }
    /// Whether the credentials are embedded.
    pub fn embed(&self) -> bool {
        self.embed
    }
    /// Whether this is an OAuth credential.
    pub fn oauth(&self) -> bool {
        self.oauth
    }

    /// `<connectionCredentials name password embed [oAuth="true"]/>`.
    pub(crate) fn write(&self, e: &mut Element<'_>) -> Result<()> {
        e.child("connectionCredentials", |c| {
            c.attr("name", self.name.as_str())?
                .attr("password", self.password.expose())?
                .attr("embed", if self.embed { "true" } else { "false" })?;
            if self.oauth {
                c.attr("oAuth", "true")?;
            }
            Ok(())
        })?;
        Ok(())
    }
}

impl std::fmt::Debug for ConnectionCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConnectionCredentials")
            .field("name", &self.name)
            .field("password", &self.password)
            .field("embed", &self.embed)
            .field("oauth", &self.oauth)
            .finish()
    }
}

/// Settings of one publish call beyond the item, the file and the mode.
#[derive(Clone, Debug, Default)]
pub struct PublishOptions {
    pub(crate) as_job: bool,
    pub(crate) skip_connection_check: bool,
    pub(crate) hidden_views: Vec<Text>,
    pub(crate) credentials: Option<ConnectionCredentials>,
    pub(crate) connections: Vec<(Connection, Option<ConnectionCredentials>)>,
    pub(crate) thumbnails_user_id: Option<Text>,
    pub(crate) thumbnails_group_id: Option<Text>,
}

impl PublishOptions {
    /// Defaults: synchronous, connections checked, every view shown, no credentials.
    pub fn new() -> PublishOptions {
        PublishOptions::default()
    }

    /// Publish asynchronously: the call returns a job instead of the item (API 3.0+).
    pub fn as_job(mut self, yes: bool) -> Self {
        self.as_job = yes;
        self
    }

    /// Do not let the server test the workbook's connections (workbooks only).
    pub fn skip_connection_check(mut self, yes: bool) -> Self {
        self.skip_connection_check = yes;
        self
    }

    /// Hides the view (sheet) of this name in the published workbook (workbooks only).
    pub fn hide_view(mut self, name: &str) -> Result<Self> {
        self.hidden_views.push(Text::new(name)?);
        Ok(self)
    }

    /// Credentials for the content's single connection. Not together with
    /// [`connection`](Self::connection).
    pub fn credentials(mut self, c: Option<ConnectionCredentials>) -> Self {
        self.credentials = c;
        self
    }

    /// Adds a connection (server address, port) with its credentials; `None` uses the
    /// connection's user name, password and embed flag when it has them (API 2.8+).
    pub fn connection(mut self, c: &Connection, creds: Option<ConnectionCredentials>) -> Self {
        self.connections.push((c.clone(), creds));
        self
    }

    /// The user whose view generates the workbook's thumbnails.
    pub fn thumbnails_user_id(mut self, id: Option<&str>) -> Result<Self> {
        self.thumbnails_user_id = id.map(Text::new).transpose()?;
        Ok(self)
    }

    /// The group whose view generates the workbook's thumbnails.
    pub fn thumbnails_group_id(mut self, id: Option<&str>) -> Result<Self> {
        self.thumbnails_group_id = id.map(Text::new).transpose()?;
        Ok(self)
    }

    /// Refuses combinations Tableau does not accept.
    pub(crate) fn validate(&self, workbook: bool) -> Result<()> {
        if self.credentials.is_some() && !self.connections.is_empty() {
            return Err(Error::invalid(
                "You cannot set both `connections` and `connection_credentials`",
            ));
        }
        if !workbook {
            let wb_only = [
                (self.skip_connection_check, "skip_connection_check"),
                (!self.hidden_views.is_empty(), "hidden views"),
                (self.thumbnails_user_id.is_some(), "thumbnails_user_id"),
                (self.thumbnails_group_id.is_some(), "thumbnails_group_id"),
            ];
            if let Some((_, what)) = wb_only.iter().find(|(set, _)| *set) {
                return Err(Error::invalid(format!(
                    "{what} applies to workbooks only, not to data sources"
                )));
            }
        }
        for (c, _) in &self.connections {
            if c.server_address().unwrap_or("").is_empty() {
                return Err(Error::invalid("Connection must have a server address"));
            }
        }
        Ok(())
    }

    /// `<connectionCredentials/>` or `<connections>…</connections>`, whichever is set.
    pub(crate) fn write_connections(&self, e: &mut Element<'_>) -> Result<()> {
        if let Some(c) = &self.credentials {
            c.write(e)?;
        }
        if !self.connections.is_empty() {
            e.child("connections", |cs| {
                for (c, creds) in &self.connections {
                    c.write_publish(cs, creds.as_ref())?;
                }
                Ok(())
            })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_never_show_their_password() {
        let c = ConnectionCredentials::new("u", "hunter2", true, false).unwrap();
        assert!(!format!("{c:?}").contains("hunter2"));
        assert!(ConnectionCredentials::new("", "p", true, false).is_err());
    }

    #[test]
    fn combinations_are_checked() {
        let creds = ConnectionCredentials::new("u", "p", true, false).unwrap();
        let mut conn = Connection::default();
        conn.set_server_address(Some("db")).unwrap();
        let o = PublishOptions::new()
            .credentials(Some(creds.clone()))
            .connection(&conn, None);
        assert!(o.validate(true).is_err());
        let o = PublishOptions::new().skip_connection_check(true);
        assert!(o.validate(true).is_ok());
        assert!(o.validate(false).is_err());
        let o = PublishOptions::new().connection(&Connection::default(), Some(creds));
        assert!(o.validate(false).is_err());
    }
}

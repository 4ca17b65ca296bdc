//! Sign in, sign out, switch site (`/api/{v}/auth/...`).

use crate::api::require_id;
use crate::auth::{Credentials, Session};
use crate::error::{Error, Result, Status};
use crate::server::Server;
use crate::text::Text;
use crate::transport::Method;
use crate::xml::{self, RequestWriter};

/// `server.auth()`.
pub struct Auth<'a> {
    server: &'a Server,
}

impl Server {
    /// The authentication endpoints.
    pub fn auth(&self) -> Auth<'_> {
        Auth { server: self }
    }
}

/// Reads `<credentials token><site id contentUrl/><user id/></credentials>`.
pub(crate) fn parse_session(body: &[u8], label: &str) -> Result<Session> {
    let reply = xml::parse_reply(body, label)?;
    let creds = reply.expect("credentials", label)?;
    let site = xml::child(creds, "site");
    let user = xml::child(creds, "user");
    fn need<'v>(v: Option<&'v str>, what: &str, label: &str) -> Result<&'v str> {
        v.ok_or_else(|| {
            Error::new(
                Status::Protocol,
                format!("{label}: the reply has no {what}"),
            )
        })
    }
    Ok(Session {
        token: crate::secret::Secret::new(need(creds.attribute("token"), "token", label)?)?,
        site_id: Text::from_server(need(
            site.and_then(|s| s.attribute("id")),
            "site id",
            label,
        )?)?,
        site_content_url: Text::from_server(
            site.and_then(|s| s.attribute("contentUrl")).unwrap_or(""),
        )?,
        user_id: Text::from_server(need(
            user.and_then(|u| u.attribute("id")),
            "user id",
            label,
        )?)?,
    })
}

impl Auth<'_> {
    /// Signs in; on success the server handle carries the session for every later call. The API
    /// version is negotiated first unless it was pinned.
    pub fn sign_in(&self, credentials: &Credentials) -> Result<()> {
        let s = self.server;
        s.negotiate_version()?;
        if let Some((min, what)) = credentials.min_version() {
            s.require(min, what)?;
        }
        let url = s.api_url()?.path("auth/signin").finish()?;
        let label = format!("POST {url}");
        let body = s.send_anonymous(Method::Post, url, Some(credentials.request()?), true)?;
        let session = parse_session(&body, &label)?;
        s.set_session(Some(session))?;
        s.set_credentials(credentials.reusable())
    }

    /// Uses an existing session (its token, site LUID and user LUID, e.g. from another program's
    /// sign-in) without signing in; the API version is negotiated first unless it was pinned. No
    /// request checks the token: the first call made with it tells. Such a session is not signed
    /// in again when it expires (the handle has no credentials).
    pub fn attach_session(
        &self,
        token: &str,
        site_id: &str,
        user_id: &str,
        site_content_url: Option<&str>,
    ) -> Result<()> {
        let s = self.server;
        let token = require_id(token, "the session token is empty")?;
        let site_id = require_id(
            site_id,
            "the site id is empty: give the LUID of the session's site",
        )?;
        let user_id = require_id(
            user_id,
            "the user id is empty: give the LUID of the session's user",
        )?;
        let session = Session {
            token: crate::secret::Secret::new(token)?,
            site_id: Text::new(site_id)?,
            site_content_url: Text::new(site_content_url.unwrap_or(""))?,
            user_id: Text::new(user_id)?,
        };
        s.negotiate_version()?;
        s.set_credentials(None)?;
        s.set_session(Some(session))
    }

    /// Signs out. The local session is forgotten whatever the server says; a session the server
    /// had already ended is not an error. Does nothing when not signed in.
    pub fn sign_out(&self) -> Result<()> {
        let s = self.server;
        if s.session().is_err() {
            return Ok(());
        }
        let url = s.api_url()?.path("auth/signout");
        s.set_credentials(None)?;
        let result = s.send_empty(Method::Post, url);
        s.set_session(None)?;
        match result {
            Err(e) if e.status() != Status::Unauthorized => Err(e),
            _ => Ok(()),
        }
    }

    /// Switches the session to the site with this content URL (REST API 2.6+). Switching to the
    /// site already signed in to succeeds without a change.
    pub fn switch_site(&self, content_url: &str) -> Result<()> {
        let s = self.server;
        s.require("2.6", "switching sites")?;
        let body = RequestWriter::new()
            .element("site", |e| e.attr("contentUrl", content_url).map(|_| ()))?
            .finish();
        let url = s.api_url()?.path("auth/switchSite");
        let label = format!("POST {}", url.clone().build());
        match s.send(Method::Post, url, Some(body)) {
            Ok(reply) => {
                s.set_session(Some(parse_session(&reply, &label)?))?;
                s.switch_credentials(content_url)
            }
            Err(e) if e.code() == Some("403070") => Ok(()),
            Err(e) => Err(e),
        }
    }
}

//! `GET /api/{v}/serverInfo` (no sign-in needed) and REST API version negotiation.

use crate::auth::ApiVersion;
use crate::error::{Result, Status};
use crate::models::ServerInfo;
use crate::server::Server;
use crate::transport::Method;

/// Oldest version that has the server info endpoint.
const SERVER_INFO_MIN: ApiVersion = ApiVersion { major: 2, minor: 4 };
/// Used when the server is too old to say (it has no server info endpoint).
const FALLBACK: ApiVersion = ApiVersion { major: 2, minor: 3 };

impl Server {
    /// The server's product and REST API versions.
    pub fn server_info(&self) -> Result<ServerInfo> {
        let v = match self.api_version()? {
            Some(v) if v >= SERVER_INFO_MIN => v,
            _ => SERVER_INFO_MIN,
        };
        let url = format!("{}/api/{v}/serverInfo", self.url());
        let label = format!("GET {url}");
        let body = self.send_anonymous(Method::Get, url, None, false)?;
        ServerInfo::parse(&body, &label)
    }

    /// Makes sure the API version is known: the pinned one, or the server's highest.
    pub(crate) fn negotiate_version(&self) -> Result<ApiVersion> {
        if let Some(v) = self.api_version()? {
            return Ok(v);
        }
        let v = match self.server_info() {
            Ok(info) => match info.rest_api_version() {
                Some(s) => ApiVersion::parse(s)?,
                None => FALLBACK,
            },
            Err(e) if e.status() == Status::NotFound => FALLBACK,
            Err(e) => return Err(e),
        };
        self.set_api_version(v)?;
        Ok(v)
    }
}

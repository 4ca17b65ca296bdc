//! HTTP over one ureq agent: the auth header, redirects (method and body kept, never downgraded to
//! plain HTTP, the token only sent to the same host), and the mapping of every failure, transport
//! or HTTP, to an [`Error`] whose message names the request.
//!
//! Streaming transfers build on [`Transport::open`]: `multipart` frames publish bodies, `upload`
//! streams a file into them, `download` writes replies to files or writers, `filename` makes
//! server-supplied names safe, and `progress` reports and cancels.

mod config;
pub(crate) mod download;
mod errors;
pub(crate) mod filename;
pub(crate) mod multipart;
pub(crate) mod progress;
mod tempfile;
pub(crate) mod upload;
mod url;

pub use config::{ProxySetting, TransportConfig, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT};
pub use download::{Destination, Downloaded};
pub(crate) use errors::{tableau_error, transport_error};
pub use progress::{
    CancelToken, ProgressFn, TransferOptions, TSC_DEFAULT_CHUNK_SIZE, TSC_MAX_CHUNK_SIZE,
    TSC_MAX_SINGLE_REQUEST, TSC_MAX_UPLOAD_CHUNKS, TSC_MIN_CHUNK_SIZE,
};
pub use upload::Source;
pub(crate) use url::UrlBuilder;

use crate::error::{Error, Result, Status};
use crate::secret::Secret;
use std::io::Read;
use ureq::http;

/// Largest XML reply accepted (a 1000-item page with every field is a few MB).
pub(crate) const MAX_XML_REPLY: u64 = 64 * 1024 * 1024;
/// How many redirects a call follows.
const MAX_REDIRECTS: usize = 5;

/// HTTP methods the REST API uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// One request: method, full URL, the session token (None for sign-in and server info) and the
/// body's content type.
pub(crate) struct Request<'a> {
    pub method: Method,
    pub url: String,
    pub token: Option<&'a Secret>,
    pub content_type: Option<String>,
}

impl Request<'_> {
    /// `"GET https://host/api/3.25/sites"`, for messages.
    pub(crate) fn label(&self) -> String {
        format!("{} {}", self.method.as_str(), self.url)
    }
}

/// A request body.
pub(crate) enum Body<'r> {
    /// No body.
    None,
    /// Bytes in memory (replayable on redirects).
    Bytes(&'r [u8]),
    /// A stream of exactly `len` bytes (not replayable).
    Stream { reader: &'r mut dyn Read, len: u64 },
}

/// The HTTP client of one server handle. Cheap to share: ureq's agent is internally reference
/// counted and thread-safe.
pub(crate) struct Transport {
    agent: ureq::Agent,
}

impl Transport {
    /// Builds the agent from the settings.
    pub(crate) fn new(cfg: &TransportConfig) -> Result<Transport> {
        Ok(Transport {
            agent: config::build_agent(cfg)?,
        })
    }

    /// Sends a request and returns the body of its 2xx reply (at most [`MAX_XML_REPLY`] bytes).
    pub(crate) fn exchange(&self, req: &Request<'_>, body: Option<&[u8]>) -> Result<Vec<u8>> {
        let body = match body {
            Some(b) => Body::Bytes(b),
            None => Body::None,
        };
        let mut resp = self.open(req, body)?;
        read_capped(&mut resp, MAX_XML_REPLY, req)
    }

    /// Sends a request; returns the response when its status is 2xx, else the mapped error.
    /// Follows redirects for replayable bodies.
    pub(crate) fn open(
        &self,
        req: &Request<'_>,
        mut body: Body<'_>,
    ) -> Result<http::Response<ureq::Body>> {
        let mut url = req.url.clone();
        for _ in 0..=MAX_REDIRECTS {
            let same_host = host_of(&url) == host_of(&req.url);
            let mut b = http::Request::builder()
                .method(req.method.as_str())
                .uri(&url);
            if let (Some(token), true) = (req.token, same_host) {
                b = b.header("X-Tableau-Auth", token.expose());
            }
            if let Some(ct) = &req.content_type {
                b = b.header("Content-Type", ct.as_str());
            }
            let result = match &mut body {
                Body::None => match req.method {
                    Method::Get | Method::Delete => self.agent.run(build(b, &url, ())?),
                    _ => self.agent.run(build(b, &url, &[][..])?),
                },
                Body::Bytes(bytes) => self.agent.run(build(b, &url, *bytes)?),
                Body::Stream { reader, len } => {
                    let b = b.header("Content-Length", len.to_string());
                    self.agent
                        .run(build(b, &url, ureq::SendBody::from_reader(&mut **reader))?)
                }
            };
            let label = format!("{} {}", req.method.as_str(), url);
            let mut resp = result.map_err(|e| transport_error(e, &label))?;
            let status = resp.status().as_u16();
            if (200..300).contains(&status) {
                return Ok(resp);
            }
            if matches!(status, 301 | 302 | 303 | 307 | 308) {
                let location = resp
                    .headers()
                    .get("location")
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string);
                let Some(next) = location.map(|l| resolve(&url, &l)) else {
                    return Err(Error::new(
                        Status::Protocol,
                        format!("{label} failed: HTTP {status} redirect without a Location header"),
                    ));
                };
                if url.starts_with("https://") && next.starts_with("http://") {
                    return Err(Error::new(
                        Status::Tls,
                        format!("{label}: refused a redirect from HTTPS to plain HTTP ({next})"),
                    ));
                }
                if matches!(body, Body::Stream { .. }) {
                    return Err(Error::new(
                        Status::Http,
                        format!("{label} failed: HTTP {status} redirect to {next}; a streamed upload cannot be replayed, use the final server URL"),
                    ));
                }
                url = next;
                continue;
            }
            return Err(errors::http_error(&mut resp, &label));
        }
        Err(Error::new(
            Status::Http,
            format!("{}: more than {MAX_REDIRECTS} redirects", req.label()),
        ))
    }
}

fn build<B>(b: http::request::Builder, url: &str, body: B) -> Result<http::Request<B>> {
    b.body(body)
        .map_err(|e| Error::invalid(format!("cannot build a request for {url}: {e}")))
}

/// Reads a whole reply body, failing with `ReplyTooLarge` past `cap` bytes.
pub(crate) fn read_capped(
    resp: &mut http::Response<ureq::Body>,
    cap: u64,
    req: &Request<'_>,
) -> Result<Vec<u8>> {
    resp.body_mut()
        .with_config()
        .limit(cap)
        .read_to_vec()
        .map_err(|e| match e {
            ureq::Error::BodyExceedsLimit(_) => Error::new(
                Status::ReplyTooLarge,
                format!("{}: the reply is larger than {cap} bytes", req.label()),
            ),
            other => transport_error(other, &req.label()),
        })
}

/// `scheme://host:port` of a URL, lower-cased.
fn host_of(url: &str) -> String {
    let after = url.find("://").map(|i| i + 3).unwrap_or(0);
    let end = url[after..]
        .find(['/', '?', '#'])
        .map(|i| after + i)
        .unwrap_or(url.len());
    url[..end].to_ascii_lowercase()
}

/// Resolves a Location header against the current URL.
fn resolve(current: &str, location: &str) -> String {
    if location.contains("://") {
        location.to_string()
    } else if location.starts_with('/') {
        format!("{}{}", host_of(current), location)
    } else {
        let base = current.rsplit_once('/').map(|(b, _)| b).unwrap_or(current);
        format!("{base}/{location}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_locations() {
        assert_eq!(
            host_of("https://A.example:8443/api/x?y"),
            "https://a.example:8443"
        );
        assert_eq!(
            resolve("http://a/api/3.1/auth/signin", "/api/3.1/x"),
            "http://a/api/3.1/x"
        );
        assert_eq!(resolve("http://a/b/c", "d"), "http://a/b/d");
        assert_eq!(resolve("http://a/b/c", "https://z/q"), "https://z/q");
    }
}

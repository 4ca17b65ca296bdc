//! `Server`: one Tableau Server (or emulator) as seen by the client: its URL, the transport, the
//! negotiated REST API version and the signed-in session. Cheap to clone and safe to share across
//! threads; every endpoint family in `api/` hangs off it.

use crate::auth::{ApiVersion, Credentials, Session};
use crate::error::{Error, Result, Status};
use crate::models::Model;
use crate::transport::{
    Body, LogLevel, LogSetting, Method, Request, RetryPolicy, Transport, TransportConfig,
    UrlBuilder,
};
use crate::xml;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

/// How to reach a server. Build with [`ServerOptions::new`], adjust, then [`Server::new`].
#[derive(Clone, Debug)]
pub struct ServerOptions {
    pub(crate) url: String,
    pub(crate) transport: TransportConfig,
    pub(crate) api_version: Option<ApiVersion>,
    pub(crate) reauthenticate: bool,
}

impl ServerOptions {
    /// Options for the server at `url` (`https://tableau.example.com`, `http://127.0.0.1:8000`).
    pub fn new(url: &str) -> Result<ServerOptions> {
        let url = url.trim().trim_end_matches('/');
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .ok_or_else(|| {
                Error::invalid(format!(
                    "the server URL '{url}' must start with https:// or http://"
                ))
            })?;
        let authority = rest.split('/').next().unwrap_or_default();
        if let Some((_, host)) = authority.rsplit_once('@') {
            // Never repeat what stands before the '@': it may be a password.
            return Err(Error::invalid(format!(
                "the server URL for '{host}' carries a user name or password before '@': give \
                 the address alone and sign in with tsc_credentials (a password in the URL \
                 would be sent to the server as Basic auth and shown in messages)"
            )));
        }
        if url.contains(['?', '#']) {
            return Err(Error::invalid(format!(
                "the server URL '{url}' has a query (?...) or fragment (#...): give the server's \
                 address alone (the site goes into the credentials)"
            )));
        }
        if rest.is_empty() || rest.starts_with('/') || rest.contains(char::is_whitespace) {
            return Err(Error::invalid(format!(
                "the server URL '{url}' has no valid host name"
            )));
        }
        Ok(ServerOptions {
            url: url.to_string(),
            transport: TransportConfig::default(),
            api_version: None,
            reauthenticate: true,
        })
    }

    /// Time allowed to connect (default 30 s).
    pub fn connect_timeout(mut self, d: Duration) -> Self {
        self.transport.connect_timeout = d;
        self
    }

    /// Time allowed for the server to start answering, and for each read or write of a transfer
    /// to make progress (default 120 s).
    pub fn request_timeout(mut self, d: Duration) -> Self {
        self.transport.request_timeout = d;
        self
    }

    /// The longest time a call that reads a whole reply may take, retries included (default
    /// 300 s; `None`: no limit). Downloads and uploads have no deadline: their reads and writes
    /// have the request timeout, and progress callbacks and cancel tokens stop them.
    pub fn deadline(mut self, d: Option<Duration>) -> Self {
        self.transport.deadline = d;
        self
    }

    /// How repeatable requests (GET, sign-in) are retried on 429, 502, 503, 504 and connections
    /// broken before any reply (default: 4 attempts, at most 60 s of waiting in all).
    pub fn retries(mut self, policy: RetryPolicy) -> Self {
        self.transport.retry = policy;
        self
    }

    /// Where log lines go (default: `TSC_LOG` from the environment, to stderr).
    pub fn log(mut self, setting: LogSetting) -> Self {
        self.transport.log = setting;
        self
    }

    /// Whether an expired session is signed in again with the same credentials (default yes).
    pub fn reauthenticate(mut self, yes: bool) -> Self {
        self.reauthenticate = yes;
        self
    }

    /// Trust the CA certificates in this PEM file instead of the system's roots.
    pub fn ca_bundle(mut self, path: impl Into<std::path::PathBuf>) -> Self {
        self.transport.ca_bundle = Some(path.into());
        self
    }

    /// Present this client certificate to servers that require one (mTLS): a PEM file with the
    /// certificate chain (the client's own certificate first) and a PEM file with its private
    /// key (may be the same file). Both are read and checked by [`Server::new`].
    pub fn client_certificate(
        mut self,
        cert_path: impl Into<std::path::PathBuf>,
        key_path: impl Into<std::path::PathBuf>,
    ) -> Self {
        self.transport.client_certificate = Some(crate::tls::ClientCertificateFiles {
            cert: cert_path.into(),
            key: key_path.into(),
        });
        self
    }

    /// The lowest TLS version accepted (default [`TlsVersion::V1_2`](crate::TlsVersion)).
    pub fn min_tls_version(mut self, v: crate::tls::TlsVersion) -> Self {
        self.transport.min_tls_version = v;
        self
    }

    /// Skip TLS certificate verification. Insecure: for test servers only.
    pub fn accept_invalid_certs(mut self, yes: bool) -> Self {
        self.transport.accept_invalid_certs = yes;
        self
    }

    /// The proxy to use (default: from the environment).
    pub fn proxy(mut self, p: crate::transport::ProxySetting) -> Self {
        self.transport.proxy = p;
        self
    }

    /// Text appended to the User-Agent (e.g. your application's name and version).
    pub fn user_agent_suffix(mut self, s: &str) -> Self {
        self.transport.user_agent_suffix = Some(s.to_string());
        self
    }

    /// Pin the REST API version (e.g. `"3.19"`) instead of using the server's.
    pub fn api_version(mut self, v: &str) -> Result<Self> {
        self.api_version = Some(ApiVersion::parse(v)?);
        Ok(self)
    }
}

/// A Tableau Server. Clones share the connection pool and the session.
#[derive(Clone)]
pub struct Server {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) url: String,
    pub(crate) transport: Transport,
    pub(crate) version: RwLock<Option<ApiVersion>>,
    pub(crate) session: RwLock<Option<Arc<Session>>>,
    /// The credentials of the last sign-in, for signing in again.
    pub(crate) credentials: RwLock<Option<Credentials>>,
    /// Held while signing in again, so that one thread does it for all.
    pub(crate) reauth: Mutex<()>,
    pub(crate) reauthenticate: bool,
    /// What concurrent job waits share (see `api::job_watch`).
    pub(crate) job_watch: crate::api::job_watch::JobWatch,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server")
            .field("url", &self.inner.url)
            .field("signed_in", &self.session().is_ok())
            .finish()
    }
}

/// A poisoned lock means an earlier call panicked while holding it.
fn poisoned<T>(_: T) -> Error {
    Error::new(
        Status::Panic,
        "an earlier call panicked while holding the server's state; create a new server handle",
    )
}

impl Server {
    /// A server handle. No request is made until the first call.
    pub fn new(options: &ServerOptions) -> Result<Server> {
        let transport = Transport::new(&options.transport)?;
        Ok(Server {
            inner: Arc::new(Inner {
                url: options.url.clone(),
                transport,
                version: RwLock::new(options.api_version),
                session: RwLock::new(None),
                credentials: RwLock::new(None),
                reauth: Mutex::new(()),
                reauthenticate: options.reauthenticate,
                job_watch: Default::default(),
            }),
        })
    }

    /// The server URL given at construction.
    pub fn url(&self) -> &str {
        &self.inner.url
    }

    /// The REST API version in use, once known (pinned, or learnt at sign-in).
    pub fn api_version(&self) -> Result<Option<ApiVersion>> {
        Ok(*self.inner.version.read().map_err(poisoned)?)
    }

    pub(crate) fn set_api_version(&self, v: ApiVersion) -> Result<()> {
        *self.inner.version.write().map_err(poisoned)? = Some(v);
        Ok(())
    }

    /// The signed-in session, or `NotSignedIn`.
    pub fn session(&self) -> Result<Arc<Session>> {
        self.inner
            .session
            .read()
            .map_err(poisoned)?
            .clone()
            .ok_or_else(|| {
                Error::new(
                    Status::NotSignedIn,
                    "not signed in: call sign_in (tsc_auth_sign_in) first",
                )
            })
    }

    pub(crate) fn set_session(&self, s: Option<Session>) -> Result<()> {
        *self.inner.session.write().map_err(poisoned)? = s.map(Arc::new);
        Ok(())
    }

    /// `{url}/api/{version}`; the version must be known.
    pub(crate) fn api_url(&self) -> Result<UrlBuilder> {
        let v = self.api_version()?.ok_or_else(|| {
            Error::new(
                Status::NotSignedIn,
                "the API version is not known yet: sign in first or pin a version",
            )
        })?;
        Ok(UrlBuilder::new(&format!("{}/api/{}", self.inner.url, v)))
    }

    /// `{url}/api/{version}/sites/{site-id}` for the signed-in site, with the session.
    pub(crate) fn site_url(&self) -> Result<(UrlBuilder, Arc<Session>)> {
        let session = self.session()?;
        let url = self.api_url()?.path("sites").segment(session.site_id());
        Ok((url, session))
    }

    /// `{url}/api/exp/sites/{site-id}` for the signed-in site: the experimental API some
    /// methods use (custom view publish and download).
    pub(crate) fn exp_site_url(&self) -> Result<UrlBuilder> {
        let session = self.session()?;
        Ok(UrlBuilder::new(&format!("{}/api/exp", self.inner.url))
            .path("sites")
            .segment(session.site_id()))
    }

    /// Fails with `Unsupported` when the API version in use is older than `min`.
    pub(crate) fn require(&self, min: &str, what: &str) -> Result<()> {
        let min = ApiVersion::parse(min)?;
        match self.api_version()? {
            Some(v) if v < min => Err(Error::new(
                Status::Unsupported,
                format!("{what} needs REST API {min} or later; this server uses {v}"),
            )),
            _ => Ok(()),
        }
    }

    /// Runs `attempt` with the current session. When the server answers that the session expired
    /// or was invalidated (`401002`) and the server handle may sign in again, it signs in again
    /// once with the credentials it signed in with (one sign-in for all threads: the others wait
    /// and reuse its session) and runs `attempt` again.
    fn with_session<T>(&self, mut attempt: impl FnMut(&Session) -> Result<T>) -> Result<T> {
        let session = self.session()?;
        match attempt(&session) {
            Err(e) if e.code() == Some("401002") => match self.sign_in_again(&session, &e)? {
                Some(fresh) => attempt(&fresh),
                None => Err(e),
            },
            other => other,
        }
    }

    /// Signs in again after `stale` was refused, unless another thread already has; `None`
    /// when this handle may not (opted out, attached session, JWT without a source).
    fn sign_in_again(&self, stale: &Session, refused: &Error) -> Result<Option<Arc<Session>>> {
        if !self.inner.reauthenticate {
            return Ok(None);
        }
        let Some(credentials) = self.inner.credentials.read().map_err(poisoned)?.clone() else {
            return Ok(None);
        };
        let _one_at_a_time = self.inner.reauth.lock().map_err(poisoned)?;
        let current = match self.session() {
            Ok(c) => c,
            Err(_) => return Ok(None), // signed out meanwhile
        };
        if current.token().expose() != stale.token().expose() {
            return Ok(Some(current));
        }
        let trace = &self.inner.transport.trace;
        trace.log(LogLevel::Warn, || {
            format!(
                "the session expired or was ended (Tableau {}); signing in again",
                refused.code().unwrap_or("?")
            )
        });
        self.auth()
            .sign_in(&credentials)
            .map_err(|e| e.with_note("the session had expired and signing in again failed"))?;
        self.inner
            .transport
            .stats
            .reauthentications
            .fetch_add(1, Ordering::Relaxed);
        trace.log(LogLevel::Info, || "signed in again".to_string());
        Ok(Some(self.session()?))
    }

    /// Remembers the credentials of a successful sign-in for signing in again (None forgets).
    pub(crate) fn set_credentials(&self, c: Option<Credentials>) -> Result<()> {
        *self.inner.credentials.write().map_err(poisoned)? = c;
        Ok(())
    }

    /// After a site switch, signs in again to the new site.
    pub(crate) fn switch_credentials(&self, content_url: &str) -> Result<()> {
        let mut c = self.inner.credentials.write().map_err(poisoned)?;
        if let Some(old) = c.as_ref() {
            *c = Some(old.for_site(content_url)?);
        }
        Ok(())
    }

    /// Sends an authenticated request with an optional XML body; returns the reply body.
    pub(crate) fn send(
        &self,
        method: Method,
        url: UrlBuilder,
        body: Option<Vec<u8>>,
    ) -> Result<Vec<u8>> {
        let url = url.finish()?;
        self.with_session(|session| {
            let mut req = Request::new(method, url.clone(), Some(session.token()));
            req.content_type = body.as_ref().map(|_| "application/xml".to_string());
            self.inner.transport.exchange(&req, body.as_deref())
        })
    }

    /// Sends an authenticated request with a body of this content type and these extra headers;
    /// returns the reply body (hyper data updates: JSON actions, a `RequestID`).
    pub(crate) fn send_with(
        &self,
        method: Method,
        url: UrlBuilder,
        content_type: &str,
        headers: Vec<(&'static str, String)>,
        body: Vec<u8>,
    ) -> Result<Vec<u8>> {
        let url = url.finish()?;
        self.with_session(|session| {
            let mut req = Request::new(method, url.clone(), Some(session.token()));
            req.content_type = Some(content_type.to_string());
            req.headers = headers.clone();
            self.inner.transport.exchange(&req, Some(&body))
        })
    }

    /// Sends an authenticated request and parses the first `T` element of the reply.
    pub(crate) fn fetch<T: Model>(
        &self,
        method: Method,
        url: UrlBuilder,
        body: Option<Vec<u8>>,
    ) -> Result<T> {
        let label = format!("{} {}", method.as_str(), url.clone().build());
        let bytes = self.send(method, url, body)?;
        let reply = xml::parse_reply(&bytes, &label)?;
        T::from_xml(reply.expect(T::ELEMENT, &label)?)
    }

    /// Sends an authenticated request whose reply has no body of interest (DELETE, sign-out).
    pub(crate) fn send_empty(&self, method: Method, url: UrlBuilder) -> Result<()> {
        self.send(method, url, None).map(|_| ())
    }

    /// Sends an unauthenticated request (server info, and sign-in with `credentials`, which
    /// makes it repeatable and keeps its body from other origins).
    pub(crate) fn send_anonymous(
        &self,
        method: Method,
        url: String,
        body: Option<Vec<u8>>,
        credentials: bool,
    ) -> Result<Vec<u8>> {
        let mut req = Request::new(method, url, None);
        req.content_type = body.as_ref().map(|_| "application/xml".to_string());
        req.repeatable |= credentials;
        req.credentials = credentials;
        self.inner.transport.exchange(&req, body.as_deref())
    }

    /// Sends an authenticated request whose body of exactly `len` bytes is streamed from
    /// `reader`; returns the (XML) reply body. Never repeated: the stream is consumed.
    pub(crate) fn send_stream(
        &self,
        method: Method,
        url: UrlBuilder,
        content_type: &str,
        reader: &mut dyn std::io::Read,
        len: u64,
    ) -> Result<Vec<u8>> {
        let session = self.session()?;
        let mut req = Request::new(method, url.finish()?, Some(session.token()));
        req.content_type = Some(content_type.to_string());
        let mut resp = self
            .inner
            .transport
            .open(&req, Body::Stream { reader, len })?;
        crate::transport::read_capped(&mut resp, crate::transport::MAX_XML_REPLY, &req)
    }

    /// Opens a streamed, authenticated GET (downloads).
    pub(crate) fn open_download(
        &self,
        url: UrlBuilder,
    ) -> Result<ureq::http::Response<ureq::Body>> {
        let url = url.finish()?;
        self.with_session(|session| {
            let req = Request::new(Method::Get, url.clone(), Some(session.token()));
            self.inner.transport.open(&req, Body::None)
        })
    }

    /// How many times requests were retried, and sessions signed in again, since the handle
    /// was made.
    pub fn transport_counts(&self) -> (u64, u64) {
        let st = &self.inner.transport.stats;
        (
            st.retries.load(Ordering::Relaxed),
            st.reauthentications.load(Ordering::Relaxed),
        )
    }
}
